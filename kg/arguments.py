"""The `kg` command line: every subcommand and option (:mod:`kg.cli` runs them).

>>> args = build_parser().parse_args(["build", "examples", "--jobs", "2"])
>>> args.command, args.jobs, args.out.name
('build', 2, 'output')
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from . import __version__
from .settings import EXPORT_FORMATS, Settings

EXIT_CODES_HELP = """Exit codes: 0 success; 1 unexpected error; 2 usage error (bad option, unknown name);
3 `build --strict` skipped some input; 4 store missing or locked; 5 query error;
6 `validate` found violations; 7 `eval --min-f1` not reached; 8 `push` failed or the
server's triple counts differ from the store's."""


def _csv(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


OVERRIDES_HELP = ("a TOML file of same_as / not_same_as pairs that force or forbid merges across articles "
                  "(see kg.resolve.overrides)")


def _store_change_options(parser: argparse.ArgumentParser) -> None:
    """The options of commands that change a built store and then rewrite its exports."""
    parser.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
    parser.add_argument("--formats", type=_csv, default=EXPORT_FORMATS, help="exports to rewrite")
    parser.add_argument("--no-view", action="store_true", help="do not rewrite DIR/graph.html")
    parser.add_argument("--no-resolve", action="store_true", help="do not resolve across articles afterwards")
    parser.add_argument("--overrides", type=Path, metavar="FILE", help=OVERRIDES_HELP)


def build_parser() -> argparse.ArgumentParser:
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
    _store_change_options(remove)

    load = sub.add_parser("load", help="load N-Quads shards (from build --scheduler) into a store",
                          description="Load N-Quads files or folders of them into OUT/store: each named "
                                      "graph replaces the store's graph of that name; a graph found in "
                                      "several files is taken from the first. Then rewrite the exports.")
    load.add_argument("shards", nargs="+", type=Path, metavar="SHARD_DIR_OR_FILE")
    _store_change_options(load)

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


