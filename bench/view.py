"""How the graph page copes with the whole corpus: size, render time, time until usable.

    python bench/view.py DIR                 a folder written by `kg build --out DIR`
    python bench/view.py --corpus PATH       build PATH (all extractors) into a temporary store first
    python bench/view.py --synthetic 559     made-up articles shaped like the corpus

Renders the page (output/bench-view.html), opens it in headless Chromium with the network
off and prints node and edge counts, file size, the time until the page reports a stable,
drawn layout, and how long a search and a focus take in the page. Target: ready in < 10 s.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere, without installing the package
    sys.path.insert(0, str(ROOT))

from kg.store import GraphStore  # noqa: E402
from kg.view import render_view  # noqa: E402
from kg.view.headless import Chromium  # noqa: E402

TARGET_SECONDS = 10.0
INTERACT = """(() => { const v = window.kgView, info = JSON.parse(document.getElementById('kg-data').textContent).info;
  const n = info.length - 1, s = document.getElementById('kg-search'), t0 = performance.now();
  s.value = info[n].name; s.dispatchEvent(new Event('input'));
  const t1 = performance.now(); v.select(n); const t2 = performance.now(); v.focusOn(0); const t3 = performance.now();
  return {search_ms: t1 - t0, select_ms: t2 - t1, focus_ms: t3 - t2, focus_nodes: v.status.drawnNodes}; })()"""


def corpus_store(corpus: Path, into: Path) -> GraphStore:
    from kg.build import build
    from kg.extract import STAGE_MODULES
    from kg.pipeline import extractors
    from kg.settings import Settings

    stages = tuple(n for n in STAGE_MODULES if n in extractors.names())
    store = GraphStore(into)
    started = time.perf_counter()
    report = build([corpus], store, Settings(extractors=stages))
    print(f"built {len(report.read)} articles ({','.join(stages)}) in {time.perf_counter() - started:.1f} s")
    return store


def synthetic_store(articles: int) -> GraphStore:
    from kg.rdf.mapping import document_graph
    from tests.view_factories import corpus_like_documents

    store = GraphStore()
    for doc in corpus_like_documents(articles):
        store.put_graph(document_graph(doc))
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", nargs="?", type=Path, metavar="DIR", help="folder given to `kg build --out`")
    parser.add_argument("--corpus", type=Path, help="build this corpus folder first (all extractors)")
    parser.add_argument("--synthetic", type=int, metavar="N", help="N made-up articles instead")
    parser.add_argument("--max-nodes", type=int, default=1500)
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "bench-view.html")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-bench-view-") as tmp:
        if args.store:
            store = GraphStore.in_output(args.store, must_exist=True, read_only=True)
        elif args.corpus:
            store = corpus_store(args.corpus, Path(tmp) / "store")
        elif args.synthetic:
            store = synthetic_store(args.synthetic)
        else:
            parser.error("give DIR, --corpus PATH or --synthetic N")
        report = render_view(store, args.out, max_nodes=args.max_nodes)
    print(f"graph: {report.nodes} nodes, {report.edges} edges; drawn at first {report.drawn}; layout {report.layout}")
    print(f"page: {args.out} {report.bytes / 1e6:.2f} MB, rendered in {report.seconds:.2f} s")
    with Chromium() as browser, browser.page(args.out, timeout=60) as page:
        page.screenshot(args.out.with_suffix(".png"))
        result = page.report()
        timings = page.evaluate(INTERACT)
    print(f"browser: ready {result.ready} after {result.seconds:.2f} s (page clock {result.status.get('readyMs')} ms); "
          f"drawn {result.drawn_nodes} nodes, {result.status.get('drawnEdges')} edges")
    print("in page: search {search_ms:.0f} ms, add found node {select_ms:.0f} ms, "
          "focus {focus_ms:.0f} ms ({focus_nodes} nodes)".format(**timings))
    print(f"errors {len(result.errors)}, requests {len(result.requests) + len(result.resources)}; "
          f"screenshot {args.out.with_suffix('.png')}")
    for error in result.errors[:5]:
        print(f"  error: {error}")
    ok = result.ready and result.seconds < TARGET_SECONDS and not result.errors
    print("target (< 10 s, no errors):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
