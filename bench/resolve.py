"""Cross-article resolution over a corpus: time, node counts, acceptance numbers, stability.

    python bench/resolve.py [CORPUS_DIR] [--copies N]     (default: ../shared/corpus)

Builds the corpus without resolution, keeps every article graph, then: resolves (timed,
wall and CPU), resolves again (must rewrite nothing), and writes the graphs in two halves,
resolving after each (must give the same quads). Prints the nodes per kind before and
after, the largest event of 2020-10-06 and the person node named 蓬佩奥.

With ``--copies N`` it instead times resolution alone at scale: N copies of every article
graph, each copy's article, graph, mention and event IRIs renamed (as bench/scale.py's
replicated corpus has them, without extracting it again), in an on-disk store; it prints
the time of each part of resolution and the peak memory of the process.
"""
from __future__ import annotations

import argparse
import io
import resource
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from kg.build import build  # noqa: E402
from kg.resolve import resolve_store  # noqa: E402
from kg.settings import Settings  # noqa: E402
from kg.store import GraphStore  # noqa: E402


def quads(store: GraphStore) -> set[str]:
    out = io.BytesIO()
    store.dump(out, ox.RdfFormat.N_QUADS)
    return set(out.getvalue().decode("utf-8").splitlines())


def timed(store: GraphStore):
    wall, cpu = time.perf_counter(), time.process_time()
    report = resolve_store(store)
    return report, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    parser.add_argument("--copies", type=int, default=0, help="time resolution alone on N copies of the corpus graphs")
    args = parser.parse_args()
    store = GraphStore()
    build([args.corpus], store, Settings(resolve=False))
    graphs = {}
    for graph in store.graphs():
        out = io.BytesIO()
        store.dump(out, ox.RdfFormat.N_TRIPLES, from_graph=graph)
        graphs[graph] = out.getvalue().decode("utf-8")
    print(f"{len(graphs)} article graphs, {len(store)} quads")
    if args.copies:
        del store
        at_scale(graphs, args.copies)
    else:
        acceptance(store, graphs)


def at_scale(graphs: dict[str, str], copies: int) -> None:
    """Resolution alone on ``copies`` renamed copies of every graph, in an on-disk store."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-resolve-") as folder:
        store = GraphStore(Path(folder) / "store")
        started = time.perf_counter()
        for copy in range(copies):  # bulk-loaded as N-Quads: one SPARQL update per copy is far slower
            lines = []
            for graph, text in graphs.items():
                slug = graph.rsplit("/", 1)[1]
                suffix = f" <{graph}-{copy}> .\n"
                lines.extend(line[:-2] + suffix for line in text.replace(f"/{slug}", f"/{slug}-{copy}").splitlines() if line)
            store.load("".join(lines).encode("utf-8"), ox.RdfFormat.N_QUADS)
        print(f"{copies} copies: {len(store.graphs())} graphs, {len(store)} quads, "
              f"written in {time.perf_counter() - started:.1f} s")
        report, wall, cpu = timed(store)
        print("\n".join(report.lines()))
        print(f"resolution: {wall:.1f} s wall, {cpu:.1f} s CPU; peak memory of this process "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (the corpus texts included)")


def acceptance(store: GraphStore, graphs: dict[str, str]) -> None:
    report, wall, cpu = timed(store)
    print("\n".join(report.lines()))
    print(f"first resolution: {wall:.1f} s wall, {cpu:.1f} s CPU; {report.refused} unions refused")
    again, wall, cpu = timed(store)
    print(f"second resolution: {again.rewritten_graphs} graphs rewritten, {wall:.1f} s wall, {cpu:.1f} s CPU")

    [quad, *_] = store.select("""
        SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a schema:about ?e . ?e a ?t ; schema:startDate ?d .
          FILTER(?t IN (kg:Summit, kg:Meeting) && STR(?d) = "2020-10-06") } GROUP BY ?e ORDER BY DESC(?n)""")
    print(f"largest event of 2020-10-06: {quad['e']} with {quad['n']} articles")
    for row in store.select("""SELECT ?p (GROUP_CONCAT(DISTINCT ?n; separator=" | ") AS ?names) WHERE {
            ?p a schema:Person ; schema:name '蓬佩奥'@zh-hans ; schema:name|schema:alternateName ?n } GROUP BY ?p"""):
        print(f"蓬佩奥: {row['p']}: {row['names']}")

    names = sorted(graphs)
    halves = GraphStore()
    for part in (names[1::2], names[::2]):
        for graph in part:
            halves.put_ntriples(graph, graphs[graph])
        resolve_store(halves)
    print("two halves give the same store:", quads(halves) == quads(store))


if __name__ == "__main__":
    main()
