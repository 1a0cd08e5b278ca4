"""Articles per second over a corpus: reading only, and reading plus extraction, 1 job and all cores.

    python bench/throughput.py [CORPUS_DIR]     (default: ../shared/corpus)

Prints one line per configuration and the peak memory of this process and its workers.
"""
from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

from kg.build import build
from kg.settings import Settings
from kg.store import GraphStore


def run(corpus: Path, extractors: tuple[str, ...], jobs: int) -> tuple[int, float, int]:
    store = GraphStore()
    started = time.perf_counter()
    report = build([corpus], store, Settings(extractors=extractors, jobs=jobs))
    return len(report.read), time.perf_counter() - started, len(store)


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    cores = os.cpu_count() or 1
    full = Settings().extractors
    print(f"corpus {corpus}, {cores} cores, extractors {','.join(full)}")
    for label, extractors in (("reading only", ()), ("full extraction", full)):
        for jobs in sorted({1, cores}):
            articles, seconds, quads = run(corpus, extractors, jobs)
            print(f"{label:<16} jobs={jobs}: {articles} articles in {seconds:6.1f} s = "
                  f"{articles / seconds:6.1f} articles/s, {quads} quads")
    print(f"peak memory (largest process): {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
