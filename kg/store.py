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

from .errors import StoreError
from .sparql_errors import query_error
from .vocab import PREFIXES

STORE_DIRNAME = "store"
# Oxigraph keeps written data in memory until flushed (770 MB after 720k quads, measured);
# writers of many graphs (build, resolution) flush every so many triples.
FLUSH_TRIPLES = 100_000
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
    def from_file(cls, path: Path | str) -> "GraphStore":
        """An in-memory store holding one RDF file, its format known by its suffix (what
        ``kg query FILE`` runs on). The triples of a graph format (Turtle, N-Triples, RDF/XML)
        go into a named graph named after the file, so that the union default graph sees them."""
        path = Path(path)
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) if path.suffix else None
        if fmt is None:
            raise StoreError(f"{path}: not a store folder, nor an RDF file with a known suffix "
                             "(.nq .trig .ttl .nt .jsonld .rdf .n3); give the folder of `kg build --out` "
                             "or an RDF file")
        store = cls()
        graph = None if fmt.supports_datasets else ox.NamedNode(path.resolve().as_uri())
        try:
            with path.open("rb") as data:
                store._store.bulk_load(data, fmt, to_graph=graph)
        except (OSError, SyntaxError, ValueError) as error:
            raise StoreError(f"cannot read {path} as {fmt.name}: {error}") from error
        return store

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
        self.replace_graphs([(graph_iri, ntriples)])

    def replace_graphs(self, graphs: list[tuple[str, str]], drop: Iterable[str] = ()) -> None:
        """Replace named graphs, each given as (IRI, N-Triples text), and drop ``drop``, in one transaction.

        One SPARQL update is one Oxigraph transaction: a run killed during it leaves all of
        these graphs as they were; batching articles saves a commit per article.
        """
        drop = [ox.NamedNode(i).value for i in drop]  # NamedNode checks the IRI is well formed
        if not graphs and not drop:
            return
        drops = "".join(f"DROP SILENT GRAPH <{iri}> ;\n" for iri in [*drop, *(iri for iri, _ in graphs)])
        inserts = "\n".join(f"GRAPH <{iri}> {{\n{text}\n}}" for iri, text in graphs)
        self._store.update(f"{drops}INSERT DATA {{\n{inserts}\n}}" if graphs else drops.rstrip(" ;\n"))

    def update_data(self, deletes: list[str], inserts: list[str]) -> None:
        """Delete and insert triples in one transaction; each item is ``GRAPH <g> { N-Triples }``."""
        parts = [f"DELETE DATA {{\n{chr(10).join(deletes)}\n}}" if deletes else "",
                 f"INSERT DATA {{\n{chr(10).join(inserts)}\n}}" if inserts else ""]
        if any(parts):
            self._store.update(" ;\n".join(p for p in parts if p))

    def remove_graphs(self, graph_iris: Iterable[str]) -> None:
        """Drop several named graphs in one transaction."""
        self.replace_graphs([], drop=graph_iris)

    def article_index(self) -> dict[str, tuple[str, str]]:
        """Graph IRI → (kg:sourceFile, kg:contentHash) of the article it holds."""
        rows = self._store.query(
            "SELECT ?g ?src ?hash WHERE { GRAPH ?g { ?a kg:sourceFile ?src ; kg:contentHash ?hash } }",
            prefixes=_QUERY_PREFIXES)
        return {row["g"].value: (row["src"].value, row["hash"].value) for row in rows}

    def graphs_of_article(self, name: str) -> list[str]:
        """Graphs whose article has ``name`` as graph IRI, kg:sourceFile or schema:url."""
        node = _named_node(name)
        if node is not None and self._store.contains_named_graph(node):
            return [name]
        lookups = [("kg:sourceFile", ox.Literal(name))] + ([("schema:url", node)] if node is not None else [])
        found: set[str] = set()
        for predicate, term in lookups:
            query = f"SELECT DISTINCT ?g ?v WHERE {{ GRAPH ?g {{ ?a a schema:NewsArticle ; {predicate} ?v }} }}"
            rows = self._store.query(query, prefixes=_QUERY_PREFIXES, substitutions={ox.Variable("v"): term})
            found |= {row["g"].value for row in rows}
        return sorted(found)

    def load_graph(self, graph_iri: str, ntriples: str) -> None:
        """Replace a large named graph (tens of MB): drop it, then bulk-load it.

        A SPARQL update would parse the whole text into memory first (3 GB for a 59 MB
        graph); Oxigraph's bulk loader streams it, but is no transaction. Only for graphs that
        are recomputed anyway (the resolution graph): a run stopped half way leaves the graph
        missing or partial, and the next run writes it again.
        """
        node = ox.NamedNode(graph_iri)
        self._store.remove_graph(node)
        if ntriples:
            self._store.bulk_load(ntriples.encode("utf-8"), ox.RdfFormat.N_TRIPLES, to_graph=node)

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
            raise query_error(sparql, error) from error

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

    def load(self, data: bytes | BinaryIO, fmt: ox.RdfFormat) -> None:
        self._store.bulk_load(data, fmt)

    def triples_touching(self, graph_iri: str, subjects: Iterable[str], objects: Iterable[str]) -> set[tuple[str, str, str]]:
        """The triples of one graph whose subject is one of ``subjects`` or whose object is one
        of ``objects`` (IRIs), each as its three terms in N-Triples form, read from the indexes."""
        graph = ox.NamedNode(graph_iri)
        patterns = [*((ox.NamedNode(i), None) for i in subjects), *((None, ox.NamedNode(i)) for i in objects)]
        return {(str(q.subject), str(q.predicate), str(q.object))
                for subject, obj in patterns for q in self._store.quads_for_pattern(subject, None, obj, graph)}

    def quads(self) -> Iterable[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, None)


def _named_node(text: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(text)
    except ValueError:  # not an IRI (a file name, say)
        return None


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
