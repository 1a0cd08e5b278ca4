"""Shared fixtures. Tests that need ../shared fail under CI when it is missing, else skip."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"


def _shared(sub: str) -> Path:
    path = SHARED / sub
    if not path.is_dir():
        message = f"{path} is missing: put the shared data folder beside the project checkout"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _shared("")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return _shared("corpus")


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return _shared("gold")


@pytest.fixture(scope="session")
def benchmarks_dir() -> Path:
    return _shared("benchmarks")


# -- the shared corpus, built once per test session ------------------------------------------
@pytest.fixture(scope="session")
def corpus_articles(corpus_dir):
    """The corpus built once with every core and no resolution: (graph IRI → N-Triples, report).

    Article graphs are pure functions of their files, so tests that need the corpus in
    another shape (resolved, in halves, pushed to a server) start from these texts instead
    of reading and extracting 559 articles again.
    """
    import io

    import pyoxigraph as ox

    from kg.build import build
    from kg.settings import Settings
    from kg.store import GraphStore

    store = GraphStore()
    report = build([corpus_dir], store, Settings(jobs=os.cpu_count() or 1, resolve=False))
    graphs = {}
    for graph in store.graphs():
        out = io.BytesIO()
        store.dump(out, ox.RdfFormat.N_TRIPLES, from_graph=graph)
        graphs[graph] = out.getvalue().decode("utf-8")
    return graphs, report


@pytest.fixture(scope="session")
def corpus_build(corpus_articles):
    """The corpus store as `kg build` leaves it (resolved across articles), and the build report
    (its ``resolution`` is the resolution's report). Tests must not change the store."""
    from kg.resolve import resolve_store
    from kg.store import GraphStore

    graphs, report = corpus_articles
    store = GraphStore()
    store.replace_graphs(sorted(graphs.items()))
    report.resolution = resolve_store(store)
    return store, report
