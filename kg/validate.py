"""Check article graphs against the SHACL shapes of the ontology (``ontology/shapes.ttl``).

The shapes are written to hold inside one article graph, so a store is validated graph by
graph, which keeps every pyshacl run small (about 0.15 s for 1,600 triples). The SPARQL
constraints of the shapes (phrase offsets against the article text) are not left to pyshacl,
which runs them once per phrase through rdflib's engine: 7 s for that same graph and its 160
phrases. We run each of them in Oxigraph instead, once per rdflib graph or once over the whole
store (a few ms per graph), and fold the rows into the same report. The queries are read from
shapes.ttl, so the file stays their single definition and other SHACL engines (GraphDB,
TopBraid, Jena) can run it as it is.

>>> report = validate(Graph())
>>> report.conforms, report.results
(True, ())
"""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from .errors import ValidationError
from .store import GraphStore
from .vocab import SDO, SH, bind_prefixes

ONTOLOGY_FILE = "newskg.ttl"
SHAPES_FILE = "shapes.ttl"


def _data_file(name: str) -> Path:
    """An ontology file from the installed package (kg/ontology), else from the source checkout."""
    try:
        candidate = resources.files("kg") / "ontology" / name
        if isinstance(candidate, Path) and candidate.is_file():
            return candidate
    except (ModuleNotFoundError, NotADirectoryError, FileNotFoundError):
        pass
    candidate = Path(__file__).resolve().parents[1] / "ontology" / name
    if candidate.is_file():
        return candidate
    raise FileNotFoundError(f"{name} is neither in the kg package (kg/ontology) nor in {candidate.parent}; "
                            "reinstall newskg or run from a complete source checkout")


def ontology_path() -> Path:
    return _data_file(ONTOLOGY_FILE)


def shapes_path() -> Path:
    return _data_file(SHAPES_FILE)


class Finding(NamedTuple):
    """One result: the node at fault, the property (if any), what is wrong, and how bad it is."""

    focus: str  # the node's full IRI (or blank node id)
    path: str | None  # as a prefixed name, e.g. schema:headline
    message: str
    severity: str  # Violation, Warning or Info


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool  # no result of severity Violation (warnings do not fail a graph)
    results: tuple[Finding, ...]
    text: str

    def check(self) -> None:
        """Raise :class:`~kg.errors.ValidationError` with the readable report unless the graphs conform."""
        if not self.conforms:
            raise ValidationError(self.text)


# -- shapes -------------------------------------------------------------------------------

@dataclass(frozen=True)
class _SparqlConstraint:
    """A sh:sparql constraint of a shape, to run over whole graphs rather than node by node."""

    prefixes: str  # PREFIX lines from the shapes' sh:declare
    pattern: str  # { ?this a <target> . { the constraint's select } }
    message: str
    severity: str

    def query(self, graphs: list[str] | None = None, *, per_graph: bool = False) -> str:
        """The query for one graph, or (``per_graph``) for each named graph of a store on its own."""
        if not per_graph:
            return f"{self.prefixes}SELECT * WHERE {self.pattern}"
        values = "" if graphs is None else "VALUES ?graph { " + " ".join(f"<{g}>" for g in graphs) + " } "
        return f"{self.prefixes}SELECT * WHERE {{ {values}GRAPH ?graph {self.pattern} }}"


_TARGETS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target}


@lru_cache(maxsize=1)
def _shapes() -> tuple[Graph, tuple[_SparqlConstraint, ...]]:
    """The shapes for pyshacl (without sh:sparql) and the SPARQL constraints we run ourselves."""
    shapes = Graph().parse(shapes_path(), format="turtle")
    prefixes = "".join(
        f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
        for d in shapes.objects(None, SH.declare))
    constraints = []
    for shape, constraint in list(shapes.subject_objects(SH.sparql)):
        shapes.remove((shape, SH.sparql, constraint))
        if shapes.value(constraint, SH.deactivated) == Literal(True):
            continue
        targets = [o for p, o in shapes.predicate_objects(shape) if p in _TARGETS]
        if len(targets) != 1 or (shape, SH.targetClass, targets[0]) not in shapes:
            raise ValueError(f"{shape}: a shape with sh:sparql needs exactly one target, a sh:targetClass")
        select = str(shapes.value(constraint, SH.select))
        severity = shapes.value(constraint, SH.severity) or shapes.value(shape, SH.severity) or SH.Violation
        constraints.append(_SparqlConstraint(
            prefixes=prefixes,
            # A sub-select keeps the constraint's own projection; the outer pattern binds $this
            # to the focus nodes, as pyshacl would one by one.
            pattern=f"{{ ?this a <{targets[0]}> . {{ {select} }} }}",
            message=str(shapes.value(constraint, SH.message) or f"fails {_local(constraint)}"),
            severity=_local(severity)))
    return shapes, tuple(constraints)


@lru_cache(maxsize=1)
def _class_hierarchy() -> Graph:
    """The ontology's rdfs:subClassOf axioms, mixed into each data graph for sh:class and
    sh:targetClass. That is all the ontology adds without inference; mixing in the whole file
    (labels, comments) would make each run slower, and RDFS inference much slower still."""
    ontology = Graph().parse(ontology_path(), format="turtle")
    hierarchy = Graph()
    for s, o in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(o, URIRef):
            hierarchy.add((s, RDFS.subClassOf, o))
    return hierarchy


# -- validation ---------------------------------------------------------------------------

@contextmanager
def _quiet_rdflib():
    """rdflib logs a traceback for every ill-typed literal (2022-02-30 as xsd:date); the
    report already names each one, so the logs would only bury it."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


@_quiet_rdflib()
def validate(data_graph: Graph | Dataset) -> ValidationReport:
    """Validate one article graph, or each graph of a dataset on its own."""
    graphs = [g for g in data_graph.graphs() if len(g)] if isinstance(data_graph, Dataset) else [data_graph]
    findings: list[Finding] = []
    labels: dict[str, str] = {}
    for graph in graphs:
        findings += _shacl_findings(graph, labels)
        scratch = _scratch_store(graph)
        for constraint in _shapes()[1]:
            findings += _sparql_findings(constraint, scratch.query(constraint.query()))
    return _report(findings, len(graphs), labels)


@_quiet_rdflib()
def validate_store(store: GraphStore, graphs: list[str] | None = None) -> ValidationReport:
    """Validate the named graphs of a store (all of them unless ``graphs`` is given)."""
    names = store.graphs() if graphs is None else list(graphs)
    findings: list[Finding] = []
    labels: dict[str, str] = {}
    for name in names:
        findings += _shacl_findings(_fetch(store, name), labels, owned=True)
    # one query per constraint over all the graphs, each graph matched on its own
    for constraint in _shapes()[1]:
        query = constraint.query(None if graphs is None else names, per_graph=True)
        findings += _sparql_findings(constraint, store.query(query, union=False))
    return _report(findings, len(names), labels)


def _shacl_findings(graph: Graph, labels: dict[str, str], *, owned: bool = False) -> list[Finding]:
    """pyshacl's results on one graph, noting the labels of the nodes at fault in ``labels``.
    An ``owned`` graph (one we fetched) takes the class hierarchy in place; otherwise pyshacl
    mixes it into a copy, which costs some 20 ms more."""
    if owned:
        graph += _class_hierarchy()
    # conforms is decided from the severities below, so pyshacl's own verdict is not needed
    _, results, _ = pyshacl.validate(graph, shacl_graph=_shapes()[0], inference="none", advanced=False,
                                     ont_graph=None if owned else _class_hierarchy())
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        message = str(results.value(result, SH.resultMessage) or _local(results.value(result, SH.sourceConstraintComponent)))
        value = results.value(result, SH.value)
        if value is not None:
            message += f" (value: {_describe(graph, value)})"
        path = results.value(result, SH.resultPath)
        focus = results.value(result, SH.focusNode)
        label = _label(graph, focus)
        if label is not None:
            labels[str(focus)] = label
        findings.append(Finding(str(focus),
                                None if path is None else _path_text(results, path),
                                message, _local(results.value(result, SH.resultSeverity) or SH.Violation)))
    return findings


def _scratch_store(graph: Graph) -> ox.Store:
    """The graph in a scratch Oxigraph store for the SPARQL constraints: rdflib's own engine
    needs some 150 ms per constraint on an article graph, Oxigraph 2 ms plus 20 ms to load it,
    and its STRLEN/SUBSTR are those of the store the graphs live in."""
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    return store


def _sparql_findings(constraint: _SparqlConstraint, solutions) -> list[Finding]:
    """One finding per row of an Oxigraph SELECT; {?var} in the message becomes the row's value."""
    findings = []
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        row = {n: _from_ox(solution[n]) for n in names if solution[n] is not None}

        def fill(match: re.Match) -> str:
            term = row.get(match.group(1))
            return "?" if term is None else _short(term)
        message = re.sub(r"\{[?$](\w+)\}", fill, constraint.message)
        findings.append(Finding(str(row["this"]), None, message, constraint.severity))
    return findings


def _report(findings: list[Finding], graph_count: int, labels: dict[str, str]) -> ValidationReport:
    findings = sorted(set(findings), key=lambda f: (f.focus, f.path or "", f.message))
    violations = sum(f.severity == "Violation" for f in findings)
    conforms = violations == 0
    lines = [f"{'Conforms' if conforms else 'Does not conform'}: {graph_count} graph(s), "
             f"{violations} violation(s), {len(findings) - violations} other result(s)"]
    for f in findings:
        focus = _short(URIRef(f.focus)) + (f" ({labels[f.focus]})" if f.focus in labels else "")
        lines.append(f"{f.severity}: {focus}" + (f" {f.path}" if f.path else "") + f"\n  {f.message}")
    return ValidationReport(conforms, tuple(findings), "\n".join(lines))


# -- terms --------------------------------------------------------------------------------

_XSD_STRING = str(XSD.string)


def _from_ox(term) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    # plain strings as rdflib writes them, so graphs compare equal before and after the store
    datatype = term.datatype.value
    return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))


def _fetch(store: GraphStore, graph_iri: str) -> Graph:
    """One named graph of the store as an rdflib Graph (about 25 ms for 1,600 triples)."""
    graph = Graph(identifier=URIRef(graph_iri))
    terms: dict = {}  # the same subjects and predicates recur; convert each once

    def term(t):
        found = terms.get(t)
        if found is None:
            found = terms[t] = _from_ox(t)
        return found

    triples = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}", union=False)
    graph.addN((term(t.subject), term(t.predicate), term(t.object), graph) for t in triples)
    return graph


@lru_cache(maxsize=1)
def _namespaces():
    graph = Graph()
    bind_prefixes(graph)
    return graph.namespace_manager


_PLAIN_DATATYPES = {XSD.integer, XSD.nonNegativeInteger, XSD.decimal, XSD.boolean}


def _short(term: Node | None) -> str:
    """A term as a user reads it: prefixed names where possible, numbers bare, strings quoted."""
    if term is None:
        return "?"
    if isinstance(term, URIRef):
        return _namespaces().normalizeUri(term)  # the full <IRI> when no prefix fits
    if isinstance(term, Literal):
        if term.datatype in _PLAIN_DATATYPES:
            return str(term)
        text = str(term) if len(term) <= 80 else term[:77] + "..."
        if term.datatype is None or term.datatype == XSD.string:
            return f'"{text}"' + (f"@{term.language}" if term.language else "")
        return f'"{text}"^^{_short(term.datatype)}'
    return term.n3()


def _label(graph: Graph, node: Node | None) -> str | None:
    """What the graph calls a node: the IRIs of events and people say nothing to a reader."""
    label = (graph.value(node, RDFS.label) or graph.value(node, SDO.name)) if isinstance(node, URIRef) else None
    return None if label is None else str(label)


def _describe(graph: Graph, node: Node | None) -> str:
    label = _label(graph, node)
    return _short(node) + (f" ({label})" if label is not None else "")


def _path_text(results: Graph, path: Node) -> str:
    inverse = results.value(path, SH.inversePath) if isinstance(path, BNode) else None
    return f"^{_short(inverse)}" if inverse is not None else _short(path)


def _local(term: Node | None) -> str:
    text = str(term or "")
    return re.split(r"[#/]", text)[-1]
