"""The `kg` command. Only this module prints, sets exit codes and writes to the output folder.

Exit codes: 0 success; 1 unexpected error; 2 usage error (bad option, unknown name);
3 `build --strict` skipped some input; 4 store missing or locked; 5 query error;
6 `validate` found violations; 7 `eval --min-f1` not reached.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from . import __version__
from .errors import KgError, UsageError
from .settings import EXPORT_FORMATS, Settings

EXIT_CODES_HELP = __doc__.split("\n\n", 1)[1]


def _csv(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Build a knowledge graph from news articles.",
        epilog=EXIT_CODES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"newskg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser("build", help="read articles into the graph store and write exports",
                           description="Read article files and folders (recursively) into the embedded "
                                       "store in OUT/store and write OUT/graph.{trig,nq,ttl,jsonld} and "
                                       "OUT/summary.json.")
    build.add_argument("inputs", nargs="+", type=Path, metavar="INPUT")
    build.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
    build.add_argument("--reader", help="force one reader (default: chosen per file)")
    build.add_argument("--extractors", type=_csv, help="comma-separated extractor stages to run")
    build.add_argument("--formats", type=_csv, default=EXPORT_FORMATS,
                       help=f"exports to write (default: {','.join(EXPORT_FORMATS)})")
    build.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                       help="worker processes (default: all cores, here %(default)s)")
    build.add_argument("--no-view", action="store_true", help="do not write DIR/graph.html")
    build.add_argument("--strict", action="store_true", help="exit 3 when any input was skipped")
    build.add_argument("--quiet", action="store_true", help="no progress lines")

    query = sub.add_parser("query", help="run SPARQL on a built store",
                           description="Run a SPARQL query on OUT/store; the default graph is the "
                                       "union of all article graphs.")
    query.add_argument("store", type=Path, metavar="DIR", help="folder given to `kg build --out`")
    query.add_argument("sparql", nargs="?", help="the query text")
    query.add_argument("--file", type=Path, help="read the query from a .rq file")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")

    validate = sub.add_parser("validate", help="check a built store against the SHACL shapes")
    validate.add_argument("store", type=Path, metavar="DIR")

    evaluate = sub.add_parser("eval", help="score extraction against gold annotations",
                              description="Build the gold articles from the corpus and score the graph "
                                          "against the annotations (see shared/gold/README.md).")
    evaluate.add_argument("gold", type=Path, metavar="GOLD_DIR")
    evaluate.add_argument("--corpus", type=Path, required=True, help="folder the gold 'article' paths are relative to")
    evaluate.add_argument("--json", action="store_true", help="print JSON instead of a table")
    evaluate.add_argument("--articles", action="store_true", help="also show per-article scores")
    evaluate.add_argument("--errors", action="store_true", help="list the missed and spurious items")
    evaluate.add_argument("--min-f1", type=float, help="exit 7 when micro F1 is below this")

    view = sub.add_parser("view", help="write the interactive graph page (one offline HTML file)",
                          description="Draw the graph as one self-contained HTML page: search, filters, "
                                      "evidence on hover; works with no network.")
    view.add_argument("store", type=Path, metavar="DIR")
    view.add_argument("--out", type=Path, help="HTML file to write (default: DIR/graph.html)")
    view.add_argument("--focus", metavar="NAME", help="only this entity's neighbourhood")
    view.add_argument("--depth", type=int, default=2, help="steps around --focus (default: 2)")
    view.add_argument("--max-nodes", type=int, default=1500, help="nodes drawn at first (default: 1500)")
    view.add_argument("--graphml", type=Path, help="also write GraphML (for Gephi)")
    view.add_argument("--gexf", type=Path, help="also write GEXF (for Gephi)")

    export = sub.add_parser("export", help="write the store in one RDF format")
    export.add_argument("store", type=Path, metavar="DIR")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="nq")
    export.add_argument("--output", type=Path, help="file to write (default: standard output)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KgError as error:
        print(f"kg {args.command}: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted; the store keeps every article written so far", file=sys.stderr)
        return 130


def _progress(quiet: bool):
    if quiet:
        return None
    tty = sys.stderr.isatty()

    def show(number: int, total: int, source: str) -> None:
        if tty:
            print(f"\r[{number}/{total}] {source[:60]:<60}", end="", file=sys.stderr, flush=True)
        elif number == total or number % 100 == 0:
            print(f"read {number}/{total}", file=sys.stderr)

    return show


def cmd_build(args) -> int:
    from .build import build
    from .rdf.export import FILE_SUFFIX, export_file, write_atomically
    from .store import GraphStore

    if args.jobs < 1:
        raise UsageError("--jobs takes a whole number of at least 1")
    settings = Settings(out=args.out, reader=args.reader, formats=args.formats, jobs=args.jobs,
                        view=not args.no_view)
    if args.extractors is not None:
        settings = replace(settings, extractors=args.extractors)
    for name in settings.formats:
        if name not in FILE_SUFFIX:
            raise UsageError(f"unknown export format {name!r}; known formats: {', '.join(FILE_SUFFIX)}")
    store = GraphStore.in_output(args.out)
    report = build(args.inputs, store, settings, _progress(args.quiet))
    if sys.stderr.isatty() and not args.quiet:
        print(file=sys.stderr)
    written = [export_file(store, name, args.out / f"graph{FILE_SUFFIX[name]}") for name in settings.formats]
    if settings.view:
        from .view import render_view

        written.append(render_view(store, args.out / "graph.html").path)
    summary = {
        "totals": report.totals(), "seconds": round(report.seconds, 2), "store_quads": len(store),
        "skipped": [{"file": f, "reason": r} for f, r in report.skipped],
        "duplicates": [{"file": f, "same_as": s} for f, s in report.duplicates],
        "short": [{"file": r.source, "title": r.title, "body_chars": r.body_length}
                  for r in report.short(settings.short_body)],
        "exports": [str(p) for p in written],
    }
    write_atomically(args.out / "summary.json",
                     lambda out: out.write(json.dumps(summary, ensure_ascii=False, indent=2).encode()))
    _print_summary(summary)
    return 3 if args.strict and report.skipped else 0


def _print_summary(summary: dict) -> None:
    totals = summary["totals"]
    print(f"articles {totals['articles']}, skipped {totals['skipped']}, duplicates {totals['duplicates']}, "
          f"triples {totals['triples']}, in {summary['seconds']} s")
    print("facts: " + ", ".join(f"{k} {totals.get(k, 0)}" for k in ("entities", "posts", "events", "statements", "citations")))
    if summary["short"]:
        print(f"short articles (little or no body text): {len(summary['short'])}")
        for item in summary["short"]:
            print(f"  {item['file']}: {item['body_chars']} chars, {item['title']}")
    for item in summary["skipped"]:
        print(f"skipped {item['file']}: {item['reason']}")
    for item in summary["duplicates"]:
        print(f"duplicate {item['file']}: same article as {item['same_as']}")
    for path in summary["exports"]:
        print(f"wrote {path}")


def cmd_query(args) -> int:
    from .query import format_results, run_query
    from .store import GraphStore

    if args.file:
        text = args.file.read_text(encoding="utf-8")
    elif args.sparql:
        text = args.sparql
    else:
        raise UsageError("give the query as an argument or with --file q.rq")
    store = GraphStore.in_output(args.store, must_exist=True, read_only=True)
    sys.stdout.write(format_results(run_query(store, text), args.format))
    return 0


def cmd_validate(args) -> int:
    from .store import GraphStore
    from .validate import validate_store

    store = GraphStore.in_output(args.store, must_exist=True, read_only=True)
    report = validate_store(store)
    print(report.text)
    return 0 if report.conforms else 6


def cmd_eval(args) -> int:
    from .eval import evaluate_corpus
    from .eval.report import render_table, to_json

    result = evaluate_corpus(args.gold, args.corpus, Settings())
    if args.json:
        print(json.dumps(to_json(result), ensure_ascii=False, indent=2))
    else:
        print(render_table(result, per_article=args.articles, errors=args.errors))
    micro = to_json(result)["total"]["fields"]["micro"]["f1"]
    return 7 if args.min_f1 is not None and micro < args.min_f1 else 0


def cmd_view(args) -> int:
    from .store import GraphStore
    from .view import build_graph, export_gexf, export_graphml, render_view

    store = GraphStore.in_output(args.store, must_exist=True, read_only=True)
    graph = build_graph(store)
    report = render_view(store, args.out or args.store / "graph.html", focus=args.focus, depth=args.depth,
                         max_nodes=args.max_nodes, graph=graph)
    print(f"wrote {report.path}: {report.nodes} nodes, {report.edges} edges, "
          f"{report.drawn} drawn at first, {report.bytes / 1e6:.1f} MB")
    for path, export in ((args.graphml, export_graphml), (args.gexf, export_gexf)):
        if path:
            print(f"wrote {export(store, path, graph=graph)}")
    return 0


def cmd_export(args) -> int:
    from .rdf.export import export_file, exporters
    from .store import GraphStore

    store = GraphStore.in_output(args.store, must_exist=True, read_only=True)
    if args.output:
        export_file(store, args.format, args.output)
    else:
        exporters.get(args.format)(store, sys.stdout.buffer)
    return 0


COMMANDS = {"build": cmd_build, "query": cmd_query, "validate": cmd_validate, "eval": cmd_eval,
            "view": cmd_view, "export": cmd_export}

if __name__ == "__main__":
    sys.exit(main())
