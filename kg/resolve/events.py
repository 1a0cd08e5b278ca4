"""Which event surfaces, across articles, report one real event.

Two events of two articles are linked (rule ``event_overlap``) when they have the same
type, their dates agree (within one day, or equal at the coarser precision), their places
are compatible (equal, or one missing) and they share enough: a participant, or two
countries, or one country and the place. Nothing may disagree:

- countries: when both events name countries, at least half of all their countries are
  shared (the Quad's four foreign ministers do not join the UN debate's eight speakers),
  unless one set contains the other and a participant is shared;
- participants: when both name participants, one is shared, unless three countries are
  (two US–Japan meetings on consecutive days, one of foreign and one of defence ministers);
- an event known only to the month or year shares more: two participants, three
  countries, or a participant, a country and its name (川普 meets someone every month).

Clusters never hold two events of one article (the extractor already told them apart)
and never span more than one day. Events known only to the month or year bound no span,
so they must overlap each other pairwise, and they join a cluster of day-dated events only
when exactly one cluster fits. Participants, countries and places are compared by their
canonical (resolved) entity IRIs.
"""
from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Iterable, Iterator

from ..rdf import iris
from ..store import GraphStore
from ..vocab import KG, KGG, KGR
from .unionfind import Link, UnionFind

EventId = tuple[str, str]  # (graph IRI, surface key)
_KG = str(KG._NS)


@dataclass(frozen=True)
class EventSurface:
    graph: str
    node: str
    key: str
    type: str  # local name of its kg: event class
    date: str | None  # ISO text at its precision: 2020-10-06, 2020-10 or 2020
    name: str = ""  # schema:name, the article's word for it (会谈, 外长会议)
    participants: frozenset[str] = frozenset()  # canonical person IRIs
    countries: frozenset[str] = frozenset()  # canonical country IRIs
    places: frozenset[str] = frozenset()  # canonical place IRIs

    @property
    def id(self) -> EventId:
        return (self.graph, self.key)

    @property
    def local_iri(self) -> str:
        """The IRI the event has in its article alone (what the mapping wrote)."""
        return str(iris.local_iri("event", self.graph[len(str(KGG)):], self.key))

    @property
    def day(self) -> int | None:
        return datetime.date.fromisoformat(self.date).toordinal() if self.date and len(self.date) == 10 else None


_EVENTS = """
SELECT ?g ?e ?k ?t ?d ?n WHERE { GRAPH ?g {
  ?e a schema:Event ; kg:surfaceKey ?k ; a ?t . OPTIONAL { ?e schema:startDate ?d } OPTIONAL { ?e schema:name ?n }
  FILTER (STRSTARTS(STR(?t), STR(kg:)))
} }"""
_ROLES = """
SELECT ?g ?e ?p ?o WHERE { GRAPH ?g {
  ?e a schema:Event ; ?p ?o . VALUES ?p { schema:attendee kg:participatingCountry schema:location }
} }"""
_SLOT = {"attendee": "participants", "participatingCountry": "countries", "location": "places"}


def read_event_surfaces(store: GraphStore, canonical: dict[tuple[str, str], str]) -> list[EventSurface]:
    """Every event node; ``canonical`` maps (graph, entity node) to the entity's canonical IRI."""
    base: dict[tuple[str, str], dict] = {}
    for row in store.select(_EVENTS):
        base[(row["g"], row["e"])] = {"key": row["k"], "type": row["t"][len(_KG):], "date": row.get("d"),
                                      "name": row.get("n", "")}
    roles: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in store.select(_ROLES):
        node = (row["g"], row["e"])
        slot = _SLOT[row["p"].rsplit("/", 1)[-1].rsplit("#", 1)[-1]]
        roles[node][slot].add(canonical.get((row["g"], row["o"]), row["o"]))
    return sorted((EventSurface(g, e, b["key"], b["type"], b["date"], b["name"],
                                **{slot: frozenset(roles[(g, e)][slot]) for slot in _SLOT.values()})
                   for (g, e), b in base.items()), key=lambda s: s.id)


def dates_agree(a: str, b: str) -> bool:
    """
    >>> dates_agree("2020-10-06", "2020-10-05"), dates_agree("2020-10-06", "2020-10-08")
    (True, False)
    >>> dates_agree("2020-10", "2020-10-31"), dates_agree("2020", "2021-01-01")
    (True, False)
    """
    if len(a) == len(b) == 10:
        return abs(datetime.date.fromisoformat(a).toordinal() - datetime.date.fromisoformat(b).toordinal()) <= 1
    short = min(len(a), len(b))
    return a[:short] == b[:short]


def overlap(a: EventSurface, b: EventSurface) -> tuple | None:
    """What two events of two articles share, when it is enough to call them one event."""
    if a.graph == b.graph or a.type != b.type or not (a.date and b.date and dates_agree(a.date, b.date)):
        return None
    if a.places and b.places and not a.places & b.places:
        return None
    people, countries, places = a.participants & b.participants, a.countries & b.countries, a.places & b.places
    if a.countries and b.countries and 2 * len(countries) < len(a.countries | b.countries):
        if not (people and (a.countries <= b.countries or b.countries <= a.countries)):
            return None
    if a.participants and b.participants and not people and len(countries) < 3:
        return None
    if len(a.date) < 10 or len(b.date) < 10:
        enough = len(people) >= 2 or len(countries) >= 3 or (people and countries and a.name == b.name)
    else:
        enough = people or len(countries) >= 2 or (countries and places)
    if enough:
        return tuple(sorted(people)), tuple(sorted(countries)), tuple(sorted(places)), tuple(sorted({a.date, b.date}))
    return None


@dataclass
class EventClusters:
    members: list[list[EventSurface]]
    links: list[Link[EventId]]
    refused: list[Link[EventId]] = field(default_factory=list)


def cluster_events(surfaces: Iterable[EventSurface],
                   same_as: Iterable[tuple[set[EventId], set[EventId]]] = (),
                   not_same_as: Iterable[tuple[set[EventId], set[EventId]]] = ()) -> EventClusters:
    by_id = {s.id: s for s in surfaces}
    forbidden = list(not_same_as)

    def summary(eid: EventId) -> dict[str, frozenset]:
        s = by_id[eid]
        return {"graph": frozenset({s.graph}), "day": frozenset({s.day} if s.day is not None else ()),
                "coarse": frozenset({eid} if s.day is None else ()),
                "not": frozenset((i, side) for i, pair in enumerate(forbidden) for side in (0, 1) if eid in pair[side])}

    def allowed(x: dict[str, frozenset], y: dict[str, frozenset]) -> bool:
        days = x["day"] | y["day"]
        if x["graph"] & y["graph"] or (days and max(days) - min(days) > 1):
            return False
        if any((i, 1 - side) in y["not"] for i, side in x["not"]):
            return False
        # events dated to the month or year must all overlap pairwise (their dates bound nothing)
        return all(overlap(by_id[a], by_id[b]) for a in x["coarse"] for b in y["coarse"])

    uf: UnionFind[EventId] = UnionFind(sorted(by_id), summary, allowed)
    for a_ids, b_ids in same_as:
        for a in sorted(a_ids):
            for b in sorted(b_ids):
                uf.union(a, b, "override_same_as")
    exact, vague = _candidate_links(by_id)
    for _, a, b, evidence in sorted(exact):
        uf.union(a, b, "event_overlap", evidence)
    # an event dated only to the month or year joins a day-dated cluster when just one fits
    by_vague: dict[EventId, dict] = defaultdict(dict)
    for _, a, b, evidence in sorted(vague):
        coarse, fine = (a, b) if len(by_id[a].date) < len(by_id[b].date) else (b, a)
        by_vague[coarse].setdefault(uf.find(fine), (fine, evidence))
    for coarse in sorted(by_vague):
        if len(by_vague[coarse]) == 1:
            [(fine, evidence)] = by_vague[coarse].values()
            uf.union(coarse, fine, "event_overlap", evidence)
    clusters = [sorted((by_id[e] for e in c), key=lambda s: s.id) for c in uf.clusters()]
    return EventClusters(sorted(clusters, key=lambda c: c[0].id), uf.links, uf.refused)


def _candidate_links(by_id: dict[EventId, EventSurface]) -> tuple[list, list]:
    """Linked pairs, strongest first: (sort key, a, b, evidence); same-precision and mixed-precision apart."""
    exact, vague = [], []
    for a, b in _date_neighbours(by_id.values()):
        evidence = overlap(a, b)
        if evidence is None:
            continue
        gap = abs(a.day - b.day) if a.day is not None and b.day is not None else 0
        strength = (-(len(evidence[0]) + len(evidence[1]) + len(evidence[2])), gap)
        (exact if len(a.date) == len(b.date) else vague).append((strength, a.id, b.id, evidence))
    return exact, vague


def _date_neighbours(surfaces: Iterable[EventSurface]) -> Iterator[tuple[EventSurface, EventSurface]]:
    """Each pair of events of one type whose dates may agree, once, lower id first.

    Comparing every pair is quadratic (25 million pairs at 10,000 articles); events dated
    to the day meet only those of the same or the next day, and events dated to the month
    or year those of their year.
    """
    by_day: dict[tuple[str, int], list[EventSurface]] = defaultdict(list)
    by_year: dict[tuple[str, str], list[EventSurface]] = defaultdict(list)
    for s in surfaces:
        if s.date:
            by_year[(s.type, s.date[:4])].append(s)
            if s.day is not None:
                by_day[(s.type, s.day)].append(s)
    ordered = lambda a, b: (a, b) if a.id < b.id else (b, a)
    for (kind, day), group in by_day.items():
        yield from (ordered(a, b) for a, b in combinations(group, 2))
        yield from (ordered(a, b) for a in group for b in by_day.get((kind, day + 1), ()))
    for group in by_year.values():
        coarse = [s for s in group if s.day is None]
        yield from (ordered(a, b) for a, b in combinations(coarse, 2))
        yield from (ordered(a, b) for a in coarse for b in group if b.day is not None)


def canonical_event_iris(clusters: list[list[EventSurface]]) -> dict[EventId, str]:
    """Article-local IRIs for lone events; for a cluster, a hash of its representative's facts."""
    out: dict[EventId, str] = {}
    taken: set[str] = set()
    for cluster in clusters:
        if len(cluster) == 1:
            out[cluster[0].id] = cluster[0].local_iri
            continue
        rep = min(cluster, key=lambda s: (-len(s.date or ""), -len(s.countries) - len(s.participants), s.id))
        facts = "|".join((rep.type, rep.date or "", ",".join(sorted(rep.countries)), ",".join(sorted(rep.participants))))
        iri = str(KGR[f"event/{hashlib.sha1(facts.encode()).hexdigest()[:16]}"])
        if iri in taken:  # two clusters with alike representatives: the member ids tell them apart
            iri = str(KGR[f"event/{hashlib.sha1((facts + repr(cluster[0].id)).encode()).hexdigest()[:16]}"])
        taken.add(iri)
        for s in cluster:
            out[s.id] = iri
    return out
