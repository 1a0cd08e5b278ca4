"""The embedded graph store: Oxigraph on disk, one named graph per article.

Replacing an article's graph is one SPARQL update (drop, then insert), which Oxigraph
runs as one transaction: a run that dies half-way leaves every graph as it was before
or as it is after, never half-written.

>>> from rdflib import Graph, URIRef, Literal
>>> g = Graph(identifier=URIRef("https://example.org/g"))
>>> _ = g.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal("值")))
>>> store = GraphStore()
>>> store.put_graph(g); store.put_graph(g)
>>> len(store), store.graphs()
(1, ['https://example.org/g'])
>>> store.select("SELECT ?o WHERE { ?s ?p ?o }")
[{'o': '值'}]
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO, Iterable

import pyoxigraph as ox
from rdflib import Graph

from .errors import QueryError, StoreError
from .vocab import PREFIXES

STORE_DIRNAME = "store"
_QUERY_PREFIXES = {k: str(v) for k, v in PREFIXES.items()}


class GraphStore:
    """A persistent (``path`` given) or in-memory Oxigraph store."""

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as error:
            raise StoreError(
                f"cannot open the graph store at {self.path}: {error}. "
                "Is another kg command using it? Wait for it to finish, or build into another --out folder."
            ) from error

    @classmethod
    def in_output(cls, out_dir: Path | str, *, must_exist: bool = False, read_only: bool = False) -> "GraphStore":
        """The store kept in ``OUT_DIR/store`` by ``kg build``."""
        path = Path(out_dir) / STORE_DIRNAME
        if must_exist and not path.is_dir():
            raise StoreError(f"no graph store in {out_dir}; run `kg build INPUT --out {out_dir}` first")
        return cls(path, read_only=read_only)

    # -- writing ---------------------------------------------------------------------
    def put_graph(self, graph: Graph) -> None:
        """Replace the named graph ``graph.identifier`` with ``graph``, atomically."""
        self.put_ntriples(str(graph.identifier), graph.serialize(format="nt"))

    def put_ntriples(self, graph_iri: str, ntriples: str) -> None:
        """Replace a named graph with triples given as N-Triples text (what worker processes send)."""
        update = f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples}\n}} }}"
        self._store.update(update)

    def remove_graph(self, graph_iri: str) -> bool:
        node = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(node):
            return False
        self._store.remove_graph(node)
        return True

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    # -- reading ---------------------------------------------------------------------
    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def __len__(self) -> int:
        return len(self._store)

    def count(self, graph_iri: str) -> int:
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)))

    def query(self, sparql: str, *, union: bool = True, substitutions: dict[str, Any] | None = None):
        """Run any SPARQL query; the default graph is the union of all article graphs."""
        subs = {ox.Variable(k): _to_term(v) for k, v in (substitutions or {}).items()}
        try:
            return self._store.query(sparql, prefixes=_QUERY_PREFIXES, use_default_graph_as_union=union,
                                     substitutions=subs or None)
        except SyntaxError as error:
            raise QueryError(f"the SPARQL query is malformed: {error}") from error

    def select(self, sparql: str, **bindings: Any) -> list[dict[str, str]]:
        """Rows of a SELECT as ``{variable: lexical value}``; unbound variables are left out."""
        solutions = self.query(sparql, substitutions=bindings)
        names = [v.value for v in solutions.variables]
        rows = []
        for solution in solutions:
            row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term.value
            rows.append(row)
        return rows

    def dump(self, out: BinaryIO, fmt: ox.RdfFormat, *, prefixes: dict[str, str] | None = None,
             from_graph: str | None = None) -> None:
        graph = ox.NamedNode(from_graph) if from_graph else None
        self._store.dump(out, fmt, prefixes=prefixes, from_graph=graph)

    def construct_union(self, out: BinaryIO, fmt: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> None:
        """All article graphs merged into one graph, serialised as ``fmt``."""
        triples = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        ox.serialize(triples, out, fmt, prefixes=prefixes)

    def load(self, data: bytes | BinaryIO, fmt: ox.RdfFormat) -> None:
        self._store.bulk_load(data, fmt)

    def quads(self) -> Iterable[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, None)


def _to_term(value: Any):
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    from rdflib import Literal as RLiteral, URIRef

    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, RLiteral):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype))) if value.datatype else ox.Literal(str(value))
    return ox.Literal(str(value))
