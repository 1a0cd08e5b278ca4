"""What the graph says about one article, read back through SPARQL only.

The scorer sees the graph exactly as a user of the store would: every predicted item
comes from a query over the article's own named graph, found by its ``kg:sourceFile``.
Values reach the queries as SPARQL substitutions, never spliced into the text, so a
file name with quotes or braces cannot change a query.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from rdflib import URIRef

from ..rdf.mapping import COMMITMENT_KINDS, EVENT_CLASSES
from .gold import GoldMeta
from ..store import GraphStore
from ..vocab import KG, SDO

Names = tuple[str, ...]  # every name of one entity, its main name first

_EVENT_TYPES = {str(iri): name for name, iri in EVENT_CLASSES.items()}
_COMMITMENT_KINDS = {str(iri): name for name, iri in COMMITMENT_KINDS.items()}
_ENTITY_CLASSES = {str(SDO.Person): "persons", str(SDO.Organization): "organizations", str(SDO.Place): "places"}
_PLACE_KINDS = {str(SDO.Country): "Country", str(KG.Region): "Region",
                str(SDO.City): "City"}


PredMeta = GoldMeta  # the same six fields, read back from the graph


@dataclass(frozen=True)
class PredEntity:
    names: Names
    kind: str | None = None  # places: Country, Region, City or Place
    iri: str = ""


@dataclass(frozen=True)
class PredPost:
    holder: Names
    title: str
    of: Names = ()
    to: Names = ()


@dataclass(frozen=True)
class PredEvent:
    type: str
    date: str | None = None
    participants: tuple[Names, ...] = ()
    countries: tuple[Names, ...] = ()
    online: bool | None = None
    iri: str = ""


@dataclass(frozen=True)
class PredCommitment:
    kind: str
    text: str


@dataclass(frozen=True)
class PredCitation:
    source: Names
    date: str | None = None


@dataclass(frozen=True)
class Prediction:
    meta: PredMeta = PredMeta()
    persons: tuple[PredEntity, ...] = ()
    organizations: tuple[PredEntity, ...] = ()
    places: tuple[PredEntity, ...] = ()
    posts: tuple[PredPost, ...] = ()
    events: tuple[PredEvent, ...] = ()
    commitments: tuple[PredCommitment, ...] = ()
    citations: tuple[PredCitation, ...] = ()


_FIND_GRAPH = "SELECT ?g ?a ?src WHERE { GRAPH ?g { ?a kg:sourceFile ?src } } ORDER BY ?g ?a"

# ?g is always bound by substitution; SPARQL substitution needs it in the projection.
_NAMES = """SELECT ?g ?node ?prop ?name (LANG(?name) AS ?lang) WHERE { GRAPH ?g {
  ?node ?prop ?name . VALUES ?prop { schema:name schema:alternateName rdfs:label } } }"""
_TYPES = """SELECT ?g ?node ?type WHERE { GRAPH ?g { ?node a ?type .
  VALUES ?type { schema:Person schema:Organization schema:Place schema:Country kg:Region schema:City } } }"""
_META = """SELECT ?g ?a ?src ?title ?published ?url WHERE { GRAPH ?g { ?a kg:sourceFile ?src .
  OPTIONAL { ?a schema:headline ?title } OPTIONAL { ?a schema:datePublished ?published }
  OPTIONAL { ?a schema:url ?url } } }"""
_CREDITS = """SELECT ?g ?a ?role ?who WHERE { GRAPH ?g { ?a ?role ?who .
  VALUES ?role { schema:publisher schema:author schema:editor } } }"""
_POSTS = """SELECT ?g ?post ?holder ?title ?label ?of ?to WHERE { GRAPH ?g { ?post a org:Post ; org:heldBy ?holder .
  OPTIONAL { ?post org:role ?role . ?role rdfs:label ?title } OPTIONAL { ?post rdfs:label ?label }
  OPTIONAL { ?post org:postIn ?of } OPTIONAL { ?post kg:accreditedTo ?to } } }"""
_EVENTS = """SELECT ?g ?event ?class ?date ?mode WHERE { GRAPH ?g { ?event a schema:Event , ?class .
  OPTIONAL { ?event schema:startDate ?date } OPTIONAL { ?event schema:eventAttendanceMode ?mode } } }"""
_EVENT_LINKS = """SELECT ?g ?event ?role ?who WHERE { GRAPH ?g { ?event a schema:Event ; ?role ?who .
  VALUES ?role { schema:attendee kg:participatingCountry } } }"""
_COMMITMENTS = """SELECT ?g ?point ?kind ?text WHERE { GRAPH ?g { ?point a kg:Commitment ; kg:commitmentKind ?kind .
  OPTIONAL { ?point prov:value ?text } } }"""
_CITATIONS = """SELECT ?g ?report ?source ?date WHERE { GRAPH ?g { ?a schema:citation ?report .
  ?report a kg:CitedReport ; schema:publisher|schema:author ?source .
  OPTIONAL { ?report schema:datePublished ?date } } }"""


_ALL_SOURCES = "SELECT ?g ?a ?src WHERE { GRAPH ?g { ?a kg:sourceFile ?src } } ORDER BY ?src ?g"


def find_article(store: GraphStore, source: str) -> tuple[str, str] | None:
    """``(graph IRI, article IRI)`` of the article whose ``kg:sourceFile`` is ``source``.

    When no file has exactly that name, a single one whose name is a path suffix of it (or
    the reverse) is taken: a store built from ``corpus/seed`` names the gold article
    ``seed/x.md`` just ``x.md``.
    """
    rows = store.select(_FIND_GRAPH, src=source)
    if not rows:
        rows = [r for r in store.select(_ALL_SOURCES) if _same_file(r["src"], source)]
        if len({r["src"] for r in rows}) != 1:
            return None
    return rows[0]["g"], rows[0]["a"]


def _same_file(a: str, b: str) -> bool:
    """
    >>> _same_file("seed/x.md", "x.md"), _same_file("corpus/seed/x.md", "seed/x.md"), _same_file("ax.md", "x.md")
    (True, True, False)
    """
    short, long = sorted((a, b), key=len)
    return long.endswith("/" + short)


class _NameBook:
    """All names of all nodes of one graph; the display name is the zh-Hans schema:name."""

    def __init__(self, rows: Iterable[dict[str, str]]):
        ranked: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for r in rows:
            rank = (0 if r["prop"] == str(SDO.name) else 2) + (0 if r.get("lang", "").lower() == "zh-hans" else 1)
            ranked[r["node"]].append((rank, r["name"]))
        self.names = {node: tuple(dict.fromkeys(n for _, n in sorted(v))) for node, v in ranked.items()}

    def __call__(self, node: str | None) -> Names:
        return self.names.get(node, ()) if node else ()

    def main(self, node: str) -> str | None:
        names = self(node)
        return names[0] if names else None


def predict(store: GraphStore, source: str) -> Prediction | None:
    """The items the store holds for the article ``source``; None when the store lacks it."""
    found = find_article(store, source)
    if found is None:
        return None
    g = URIRef(found[0])

    def rows(query: str, **extra) -> list[dict[str, str]]:
        return store.select(query, g=g, **extra)

    names = _NameBook(rows(_NAMES))
    return Prediction(_meta(rows, found[1], names), *_entities(rows, names), _posts(rows, names),
                      _events(rows, names), _commitments(rows), _citations(rows, names))


def _meta(rows, article: str, names: _NameBook) -> PredMeta:
    found = rows(_META, a=URIRef(article))
    first = found[0] if found else {}
    credits: dict[str, list[str]] = defaultdict(list)
    for r in rows(_CREDITS, a=URIRef(article)):
        name = names.main(r["who"])
        if name and name not in credits[r["role"]]:
            credits[r["role"]].append(name)
    publishers = credits[str(SDO.publisher)]
    return PredMeta(first.get("title"), first.get("published"), publishers[0] if publishers else None,
                    tuple(credits[str(SDO.author)]), tuple(credits[str(SDO.editor)]), first.get("url"))


def _entities(rows, names: _NameBook) -> tuple[tuple[PredEntity, ...], ...]:
    types: dict[str, set[str]] = defaultdict(set)
    for r in rows(_TYPES):
        types[r["node"]].add(r["type"])
    found: dict[str, list[PredEntity]] = {"persons": [], "organizations": [], "places": []}
    for node in sorted(types):
        kinds = [_PLACE_KINDS[t] for t in sorted(types[node]) if t in _PLACE_KINDS]
        for cls, category in _ENTITY_CLASSES.items():
            if cls in types[node] and names(node):
                kind = (kinds[0] if kinds else "Place") if category == "places" else None
                found[category].append(PredEntity(names(node), kind, node))
    return tuple(found["persons"]), tuple(found["organizations"]), tuple(found["places"])


def _posts(rows, names: _NameBook) -> tuple[PredPost, ...]:
    posts: dict[str, dict] = {}
    for r in rows(_POSTS):
        post = posts.setdefault(r["post"], {"holder": r["holder"], "title": None, "of": None, "to": None})
        post["title"] = post["title"] or r.get("title") or r.get("label")
        post["of"] = post["of"] or r.get("of")
        post["to"] = post["to"] or r.get("to")
    return tuple(PredPost(names(p["holder"]), p["title"] or "", names(p["of"]), names(p["to"]))
                 for _, p in sorted(posts.items()) if p["title"])


def _events(rows, names: _NameBook) -> tuple[PredEvent, ...]:
    events: dict[str, dict] = {}
    for r in rows(_EVENTS):
        event = events.setdefault(r["event"], {"type": None, "date": None, "online": None})
        event["type"] = event["type"] or _EVENT_TYPES.get(r["class"])
        event["date"] = event["date"] or r.get("date")
        if r.get("mode"):
            event["online"] = r["mode"] == str(SDO.OnlineEventAttendanceMode)
    links: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows(_EVENT_LINKS):
        links[r["event"], r["role"]].append(r["who"])
    attendee, country = str(SDO.attendee), str(KG.participatingCountry)
    return tuple(
        PredEvent(e["type"], e["date"], tuple(names(w) for w in sorted(links[iri, attendee])),
                  tuple(names(w) for w in sorted(links[iri, country])), e["online"], iri)
        for iri, e in sorted(events.items()) if e["type"])


def _commitments(rows) -> tuple[PredCommitment, ...]:
    points: dict[str, PredCommitment] = {}
    for r in rows(_COMMITMENTS):
        kind = _COMMITMENT_KINDS.get(r["kind"])
        if kind and r["point"] not in points:
            points[r["point"]] = PredCommitment(kind, r.get("text", ""))
    return tuple(points[k] for k in sorted(points))


def _citations(rows, names: _NameBook) -> tuple[PredCitation, ...]:
    reports: dict[str, PredCitation] = {}
    for r in rows(_CITATIONS):
        if r["report"] not in reports:
            reports[r["report"]] = PredCitation(names(r["source"]), r.get("date"))
    return tuple(reports[k] for k in sorted(reports))
