"""The store replaces graphs atomically and every exporter round-trips to the same graphs."""
from __future__ import annotations

import io

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.errors import UnknownNameError
from kg.rdf.export import export_file, exporters
from kg.rdf.mapping import document_graph
from kg.store import GraphStore
from tests.factories import sample_document


@pytest.fixture()
def graphs() -> list[Graph]:
    return [document_graph(sample_document(f"https://news.example.org/a/{n}.html", f"a/{n}.md")) for n in (1, 2)]


@pytest.fixture()
def store(graphs) -> GraphStore:
    store = GraphStore()
    for g in graphs:
        store.put_graph(g)
    return store


def test_put_graph_twice_replaces_instead_of_duplicating(store, graphs):
    before = len(store)
    store.put_graph(graphs[0])
    assert len(store) == before
    assert store.count(str(graphs[0].identifier)) == len(graphs[0])


def test_remove_graph(store, graphs):
    assert store.remove_graph(str(graphs[0].identifier))
    assert store.graphs() == [str(graphs[1].identifier)]
    assert not store.remove_graph(str(graphs[0].identifier))


def _parse(name: str, data: bytes) -> Dataset:
    if name == "ttl":
        return Graph().parse(data=data, format="turtle")
    return Dataset().parse(data=data, format={"nq": "nquads", "trig": "trig", "jsonld": "json-ld"}[name])


@pytest.mark.parametrize("name", exporters.names())
def test_every_exporter_round_trips(name, store, graphs):
    out = io.BytesIO()
    exporters.get(name)(store, out)
    again = io.BytesIO()
    exporters.get(name)(store, again)
    assert out.getvalue() == again.getvalue(), "same store, same bytes"
    if name == "ttl":  # Turtle holds all article graphs merged into one
        union = Graph()
        for g in graphs:
            union += g
        assert isomorphic(Graph().parse(data=out.getvalue(), format="turtle"), union)
        return
    parsed = _parse(name, out.getvalue())
    for g in graphs:
        assert isomorphic(parsed.graph(g.identifier), g), f"{name}: graph {g.identifier} differs"


@pytest.mark.parametrize("name", exporters.names())
def test_exporters_accept_an_empty_store(name):
    out = io.BytesIO()
    exporters.get(name)(GraphStore(), out)
    assert len(_parse(name, out.getvalue())) == 0


def test_unknown_exporter_lists_the_known_ones():
    with pytest.raises(UnknownNameError, match="known exporters: jsonld, nq, trig, ttl"):
        exporters.get("rdfxml")


def test_failed_export_keeps_the_previous_file(tmp_path, store, monkeypatch):
    target = tmp_path / "graph.nq"
    export_file(store, "nq", target)
    before = target.read_bytes()

    def broken(store, out):
        out.write(b"partial")
        raise RuntimeError("disk full")

    monkeypatch.setitem(exporters._items, "nq", broken)
    with pytest.raises(RuntimeError):
        export_file(store, "nq", target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nq"]


def test_persistent_store_survives_reopening(tmp_path, graphs):
    store = GraphStore(tmp_path / "store")
    store.put_graph(graphs[0])
    store.flush()
    del store
    again = GraphStore(tmp_path / "store", read_only=True)
    assert again.count(str(graphs[0].identifier)) == len(graphs[0])
