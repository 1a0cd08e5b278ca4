"""The `kg` command. Only this module prints, sets exit codes and writes to the output folder.

The options are declared in :mod:`kg.arguments`, with the exit codes.
"""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

from .arguments import build_parser
from .errors import KgError, UsageError
from .settings import Settings


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
