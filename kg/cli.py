"""The `kg` command. Only this module prints, sets exit codes and writes to the output folder.

Exit codes: 0 success; 1 unexpected error; 2 usage error (bad option, unknown name);
3 `build --strict` skipped some input; 4 store missing or locked; 5 query error;
6 `validate` found violations; 7 `eval --min-f1` not reached; 8 `push` failed or the
server's triple counts differ from the store's.
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


OVERRIDES_HELP = ("a TOML file of same_as / not_same_as pairs that force or forbid merges across articles "
                  "(see kg.resolve.overrides)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Build a knowledge graph from news articles.",
        epilog=EXIT_CODES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"newskg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser("build", help="read articles into the graph store and write exports",
                           description="Read article files and folders (recursively) into the embedded "
                                       "store in OUT/store and write OUT/graph.{trig,nq,ttl,jsonld} and "
                                       "OUT/summary.json. Adds to an existing store: a file changed since "
                                       "it was built replaces its article's graph, an unchanged one is "
                                       "skipped (OUT/store-manifest.json remembers file hashes).")
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
    build.add_argument("--no-resolve", action="store_true",
                       help="do not merge entities and events across articles (kg.resolve) after the build")
    build.add_argument("--overrides", type=Path, metavar="FILE", help=OVERRIDES_HELP)
    build.add_argument("--rebuild", action="store_true",
                       help="read every file again (default: files the store holds unchanged are skipped)")
    build.add_argument("--file-timeout", type=float, default=Settings.file_timeout, metavar="SECONDS",
                       help="skip a file that takes longer than this (default: %(default)s; 0: no limit)")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on a Dask cluster: tcp://HOST:8786, or local:N for N worker processes "
                            "on this machine (needs newskg[dask]); shards go to OUT/shards/")
    build.add_argument("--shard-size", type=int, default=1000, metavar="N",
                       help="articles per Dask task (default: %(default)s; 500-5,000 keeps the "
                            "scheduler's overhead negligible)")

    remove = sub.add_parser("remove", help="take articles out of a built store",
                            description="Remove articles from OUT/store (one transaction) and rewrite the "
                                        "exports. ARTICLE is a file path as given to build, its "
                                        "kg:sourceFile, its URL or its graph IRI.")
    remove.add_argument("articles", nargs="+", metavar="ARTICLE")
    remove.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
    remove.add_argument("--formats", type=_csv, default=EXPORT_FORMATS, help="exports to rewrite")
    remove.add_argument("--no-view", action="store_true", help="do not rewrite DIR/graph.html")
    remove.add_argument("--no-resolve", action="store_true", help="do not resolve the remaining articles again")
    remove.add_argument("--overrides", type=Path, metavar="FILE", help=OVERRIDES_HELP)

    load = sub.add_parser("load", help="load N-Quads shards (from build --scheduler) into a store",
                          description="Load N-Quads files or folders of them into OUT/store: each named "
                                      "graph replaces the store's graph of that name; a graph found in "
                                      "several files is taken from the first. Then rewrite the exports.")
    load.add_argument("shards", nargs="+", type=Path, metavar="SHARD_DIR_OR_FILE")
    load.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
    load.add_argument("--formats", type=_csv, default=EXPORT_FORMATS, help="exports to write")
    load.add_argument("--no-view", action="store_true", help="do not write DIR/graph.html")
    load.add_argument("--no-resolve", action="store_true", help="do not resolve across articles after loading")
    load.add_argument("--overrides", type=Path, metavar="FILE", help=OVERRIDES_HELP)

    query = sub.add_parser("query", help="run SPARQL on a built store",
                           description="Run a SPARQL query, or a named query of the pack (--list), on "
                                       "OUT/store; the default graph is the union of all article graphs.")
    query.add_argument("store", type=Path, nargs="?", metavar="DIR_OR_FILE",
                       help="folder given to `kg build --out`, or an RDF file (.nq .trig .ttl .nt .jsonld .rdf)")
    query.add_argument("sparql", nargs="?", help="the query text")
    query.add_argument("--file", type=Path, help="read the query from a .rq file")
    query.add_argument("--name", metavar="NAME", help="run a query of the pack (see --list), or a .rq file "
                                                      "with a pack header")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                       help="a parameter of --name; repeat for several")
    query.add_argument("--list", action="store_true", help="list the pack's queries and their parameters")
    query.add_argument("--format", choices=("table", "csv", "tsv", "json", "markdown"), default="table")

    push = sub.add_parser("push", help="send the article graphs to a SPARQL server",
                          description="Replace each named graph of OUT/store on a remote store, by the "
                                      "Graph Store Protocol (one HTTP PUT per graph) or by SPARQL Update, "
                                      "then compare the server's triple count per graph with ours. "
                                      "Credentials: KG_PUSH_TOKEN, or KG_PUSH_USER and KG_PUSH_PASSWORD, "
                                      "or ~/.netrc; never on the command line.")
    push.add_argument("store", type=Path, metavar="DIR", help="folder given to `kg build --out`")
    push.add_argument("--endpoint", required=True, metavar="URL",
                      help="an Oxigraph server's root (/store, /update and /query are derived) or the "
                           "GSP or update endpoint itself")
    push.add_argument("--mode", choices=("gsp", "update"), default="gsp",
                      help="gsp: PUT per graph (default); update: DROP + INSERT DATA, several graphs a request")
    push.add_argument("--query-endpoint", metavar="URL", help="where to count the triples afterwards "
                                                             "(default: derived from --endpoint)")
    push.add_argument("--batch-size", type=int, default=25, metavar="N",
                      help="graphs per request with --mode update (default: %(default)s)")
    push.add_argument("--retries", type=int, default=4, metavar="N",
                      help="retries of a request after a 5xx answer or a connection error (default: %(default)s)")
    push.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                      help="per request (default: %(default)s)")
    push.add_argument("--dry-run", action="store_true", help="list what would be sent; send nothing")
    push.add_argument("--no-verify", action="store_true", help="do not count the triples on the server afterwards")
    push.add_argument("--quiet", action="store_true", help="no progress lines")

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
    """A progress callback: one rewritten line with rate and ETA on a terminal, else a log line
    every 10% (at most every 100 files)."""
    if quiet:
        return None
    import time

    tty = sys.stderr.isatty()
    started = time.monotonic()

    def show(number: int, total: int, source: str) -> None:
        elapsed = max(time.monotonic() - started, 1e-9)
        rate = number / elapsed
        eta = (total - number) / rate if rate else 0.0
        line = f"[{number}/{total}] {rate:.1f} articles/s, ETA {eta:.0f} s"
        if tty:
            print(f"\r{line}  {source[-40:]:<40}", end="", file=sys.stderr, flush=True)
        elif number == total or number % max(1, min(100, -(-total // 10))) == 0:
            print(line, file=sys.stderr, flush=True)

    return show


def _check_formats(formats) -> None:
    from .rdf.export import FILE_SUFFIX

    for name in formats:
        if name not in FILE_SUFFIX:
            raise UsageError(f"unknown export format {name!r}; known formats: {', '.join(FILE_SUFFIX)}")


def _write_exports(store, out: Path, formats, view: bool) -> list[Path]:
    """The exports are always made from the store, so they show all it holds after any change."""
    from .rdf.export import FILE_SUFFIX, export_file

    written = [export_file(store, name, out / f"graph{FILE_SUFFIX[name]}") for name in formats]
    if view:
        from .view import render_view

        written.append(render_view(store, out / "graph.html").path)
    return written


def cmd_build(args) -> int:
    from .build import build
    from .rdf.export import write_atomically
    from .store import GraphStore

    if args.jobs < 1:
        raise UsageError("--jobs takes a whole number of at least 1")
    if args.shard_size < 1:
        raise UsageError("--shard-size takes a whole number of at least 1")
    settings = Settings(out=args.out, reader=args.reader, formats=args.formats, jobs=args.jobs,
                        view=not args.no_view, rebuild=args.rebuild, file_timeout=args.file_timeout or None,
                        resolve=not args.no_resolve, overrides=args.overrides)
    if args.extractors is not None:
        settings = replace(settings, extractors=args.extractors)
    _check_formats(settings.formats)
    if settings.overrides is not None:  # a mistake in it is reported now, not after the whole build
        from .resolve import load_overrides

        load_overrides(settings.overrides)
    store = GraphStore.in_output(args.out)
    progress = _progress(args.quiet)
    if args.scheduler:
        from .distributed import SHARD_DIRNAME, build_on_cluster, dask_client

        with dask_client(args.scheduler) as client:
            report = build_on_cluster(args.inputs, store, settings, client, args.out / SHARD_DIRNAME,
                                      args.shard_size, progress)
    else:
        report = build(args.inputs, store, settings, progress)
    if sys.stderr.isatty() and not args.quiet:
        print(file=sys.stderr)
    written = _write_exports(store, args.out, settings.formats, settings.view)
    summary = {
        "totals": report.totals(), "seconds": round(report.seconds, 2), "store_quads": len(store),
        "store_articles": len(store.article_index()),
        "skipped": [{"file": f, "reason": r} for f, r in report.skipped],
        "duplicates": [{"file": f, "same_as": s} for f, s in report.duplicates],
        "short": [{"file": r.source, "title": r.title, "body_chars": r.body_length}
                  for r in report.short(settings.short_body)],
        "exports": [str(p) for p in written],
        "resolution": _resolution_lines(report.resolution),
    }
    write_atomically(args.out / "summary.json",
                     lambda out: out.write(json.dumps(summary, ensure_ascii=False, indent=2).encode()))
    _print_summary(summary)
    return 3 if args.strict and report.skipped else 0


def _resolution_lines(resolution) -> list[str]:
    """kg.resolve's report as lines (none when resolution was off or is not available)."""
    return list(getattr(resolution, "lines", lambda: [])())


def _print_summary(summary: dict) -> None:
    totals = summary["totals"]
    seconds = summary["seconds"]
    rate = f" ({totals['articles'] / seconds:.1f} articles/s)" if seconds and totals["articles"] else ""
    print(f"articles {totals['articles']}, skipped {totals['skipped']}, duplicates {totals['duplicates']}, "
          f"unchanged {totals.get('unchanged', 0)}, triples {totals['triples']}, in {seconds} s{rate}")
    print("facts: " + ", ".join(f"{k} {totals.get(k, 0)}" for k in ("entities", "posts", "events", "statements", "citations")))
    if "store_articles" in summary:
        print(f"store: {summary['store_articles']} articles, {summary['store_quads']} quads")
    for line in summary.get("resolution", []):
        print(line)
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


def cmd_remove(args) -> int:
    from .remove import remove_articles
    from .store import GraphStore

    _check_formats(args.formats)
    store = GraphStore.in_output(args.out, must_exist=True)
    removed = remove_articles(store, args.articles, Settings(out=args.out, resolve=not args.no_resolve,
                                                                   overrides=args.overrides))
    for graph in removed:
        print(f"removed {graph}")
    for path in _write_exports(store, args.out, args.formats, not args.no_view):
        print(f"wrote {path}")
    return 0


def cmd_load(args) -> int:
    from .build import finish
    from .shards import load_files
    from .store import GraphStore

    _check_formats(args.formats)
    store = GraphStore.in_output(args.out)
    report = load_files(args.shards, store)
    resolution = finish(store, Settings(out=args.out, resolve=not args.no_resolve, overrides=args.overrides))
    print(f"loaded {report.graphs} graphs ({report.triples} triples) from {report.files} files; "
          f"store: {len(store.article_index())} articles, {len(store)} quads")
    for line in _resolution_lines(resolution):
        print(line)
    for graph, path in report.duplicates:
        print(f"duplicate {graph} in {path}: kept the copy from an earlier file")
    for path in _write_exports(store, args.out, args.formats, not args.no_view):
        print(f"wrote {path}")
    return 0


def cmd_query(args) -> int:
    from .query import format_results, run_query
    from .querypack import list_queries, parse_params, render_list, run_named
    from .store import GraphStore

    if args.list:
        sys.stdout.write(render_list(list_queries()))
        return 0
    if args.store is None:
        raise UsageError("give the folder of a built store: kg query DIR … (or kg query --list)")
    if args.name and (args.file or args.sparql):
        raise UsageError("--name runs a query of the pack; give no query text or --file with it")
    if args.param and not args.name:
        raise UsageError("--param goes with --name")
    text = None
    if not args.name:
        if args.file:
            text = args.file.read_text(encoding="utf-8")
        elif args.sparql:
            text = args.sparql
        else:
            raise UsageError("give the query as an argument, with --file q.rq, or --name NAME (see --list)")
    if args.store.is_file():  # a plain RDF file: an export, or anyone's data
        store = GraphStore.from_file(args.store)
    else:
        store = GraphStore.in_output(args.store, must_exist=True, read_only=True)
    answer = run_named(store, args.name, parse_params(args.param)) if args.name else run_query(store, text)
    sys.stdout.write(format_results(answer, args.format))
    return 0


def cmd_push(args) -> int:
    from .push import credentials_from_env, push_store
    from .store import GraphStore

    store = GraphStore.in_output(args.store, must_exist=True, read_only=True)
    log = None if args.quiet else (lambda line: print(line, file=sys.stderr, flush=True))
    credentials = None if args.dry_run else credentials_from_env(args.endpoint)
    report = push_store(store, args.endpoint, mode=args.mode, query_endpoint=args.query_endpoint,
                        batch_size=args.batch_size, dry_run=args.dry_run, credentials=credentials,
                        retries=args.retries, timeout=args.timeout, verify=not args.no_verify, log=log)
    verb = "would send" if args.dry_run else "sent"
    print(f"{verb} {report.graphs} graphs, {report.triples} triples ({report.bytes / 1e6:.1f} MB) to "
          f"{report.write_endpoint} in {report.requests if not args.dry_run else len(report.planned)} "
          f"requests, {report.seconds:.1f} s, {report.retries} retries")
    for graph, ours, theirs in report.mismatches:
        print(f"differs: {graph}: {ours} triples here, {theirs} on the server")
    if report.verified:
        print(f"server counts {'equal ours' if report.ok else 'differ'} for {report.graphs} graphs "
              f"({report.query_endpoint})")
    return 0 if report.ok else 8


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


COMMANDS = {"build": cmd_build, "remove": cmd_remove, "load": cmd_load, "query": cmd_query, "push": cmd_push,
            "validate": cmd_validate, "eval": cmd_eval, "view": cmd_view, "export": cmd_export}

if __name__ == "__main__":
    sys.exit(main())
