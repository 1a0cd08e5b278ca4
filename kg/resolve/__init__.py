"""Cross-article resolution: one node per person, organisation, place and event.

Each article graph names its entities from its own surface keys (``Person:蓬佩奥``) and
its events inside the article. :func:`resolve_store` reads every surface back from the
store, clusters them (:mod:`.entities`, :mod:`.events`), gives each cluster one canonical
IRI, rewrites the article graphs that used other IRIs (:mod:`.rewrite`) and replaces the
resolution graph that explains every merge (:mod:`.evidence`).

The clusters are a function of the set of surfaces in the store: building the corpus
twice, in another order or in two halves (resolving after each) gives the same store.
Surface keys stay on the nodes, so a later run (after articles are added or removed)
recomputes everything from the surfaces, never from earlier canonical IRIs; a run stopped
half way is completed by the next. Only one thing cannot be undone: two nodes of one
article that a run made one stay one. That is why only rules that can never be withdrawn
by more articles may join two nodes of one article (see :mod:`.entities`); removing the
article that made such a merge happen leaves it in place (re-build that article to undo).

>>> from kg.store import GraphStore
>>> report = resolve_store(GraphStore())
>>> report.merges, report.rewritten_graphs
(0, 0)
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..store import GraphStore
from .entities import KINDS, read_entity_surfaces
from .events import canonical_event_iris, cluster_events, read_event_surfaces
from .evidence import RESOLUTION_GRAPH, evidence_ntriples
from .identity import resolve_entities
from .overrides import Overrides, load_overrides
from .rewrite import post_renames, rewrite_graphs

__all__ = ["RESOLUTION_GRAPH", "ResolutionReport", "resolve_store", "load_overrides"]


@dataclass
class ResolutionReport:
    before: dict[str, int]  # nodes per kind (Person, Organization, Place, Event) as the store had them
    after: dict[str, int]  # and after resolution
    surfaces: dict[str, int]  # (article, key) pairs per kind: what resolution started from
    merges: int  # clusters joining different keys or several articles' events
    rewritten_graphs: int
    seconds: float
    refused: int = 0  # unions a constraint (not_same_as, one article, ISO code, dates) refused
    warnings: list[str] = field(default_factory=list)  # override pairs that could not be applied
    phases: dict[str, float] = field(default_factory=dict)  # seconds: reading, clustering, rewriting, evidence

    def lines(self) -> list[str]:
        kinds = [*KINDS, "Event"]
        phases = ", ".join(f"{name} {seconds:.1f}" for name, seconds in self.phases.items())
        return [f"resolution: {self.merges} merges, {self.rewritten_graphs} graphs rewritten, "
                f"in {self.seconds:.1f} s" + (f" ({phases})" if phases else ""),
                "nodes before → after: " + ", ".join(f"{k} {self.before.get(k, 0)} → {self.after.get(k, 0)}" for k in kinds),
                *(f"override: {w}" for w in self.warnings)]


def resolve_store(store: GraphStore, overrides: Path | Overrides | None = None) -> ResolutionReport:
    """Resolve entities and events across all article graphs of ``store``, in place."""
    clock = _Clock()
    rules = overrides if isinstance(overrides, Overrides) else load_overrides(overrides)
    rules.start()
    graphs = set(store.graphs()) - {RESOLUTION_GRAPH}
    entities = [s for s in read_entity_surfaces(store) if s.graph in graphs]
    clock.lap("reading")
    resolved = resolve_entities(entities, rules)
    entity_clusters, iri_of, key_of = resolved.clusters, resolved.iri, resolved.key
    node_iri = {(s.graph, s.node): iri_of[s.id] for s in entities}
    clock.lap("clustering")
    events = [e for e in read_event_surfaces(store, node_iri) if e.graph in graphs]
    clock.lap("reading")
    event_clusters = cluster_events(events, *rules.event_pairs(events))
    event_iri = canonical_event_iris(event_clusters.members)
    rules.finish()

    before, after, surfaces = _counts(entities, iri_of, events, event_iri)  # (all these are freed below)
    renames: dict[str, dict[str, str]] = {}
    for (graph, node), iri in node_iri.items():
        renames.setdefault(graph, {})[node] = iri
    for e in events:
        renames.setdefault(e.graph, {})[e.node] = event_iri[e.id]
    node_key = {(s.graph, s.node): key_of[s.id] for s in entities}
    del node_iri, entities, iri_of, key_of
    clock.lap("clustering")
    for graph, posts in post_renames(store, node_key).items():
        renames.setdefault(graph, {}).update(posts)
    del node_key
    rewritten = rewrite_graphs(store, renames)
    del renames
    clock.lap("rewriting")

    evidence, merges = evidence_ntriples(entity_clusters, resolved.cluster_iri, event_clusters, event_iri)
    refused = len(entity_clusters.refused) + len(event_clusters.refused)
    del resolved, entity_clusters, event_clusters, events, event_iri  # a third of a million surfaces at 10,000 articles
    store.load_graph(RESOLUTION_GRAPH, evidence)
    store.flush()
    clock.lap("evidence")
    return ResolutionReport(before, after, surfaces, merges, rewritten, clock.total(), refused, rules.warnings,
                            clock.laps)


class _Clock:
    """Seconds spent in each named phase (a phase may come back: laps of one name add up)."""

    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self.last
        self.last = now

    def total(self) -> float:
        return time.perf_counter() - self.started


def _counts(entities, iri_of, events, event_iri) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Nodes per kind before and after resolution, and the (article, key) pairs it started from."""
    before: dict[str, set[str]] = {}
    after: dict[str, set[str]] = {}
    surfaces: dict[str, set] = {}
    for s in entities:
        before.setdefault(s.kind, set()).add(s.node)
        after.setdefault(s.kind, set()).add(iri_of[s.id])
        surfaces.setdefault(s.kind, set()).update((s.graph, k) for k in s.keys)
    for e in events:
        before.setdefault("Event", set()).add(e.node)
        after.setdefault("Event", set()).add(event_iri[e.id])
        surfaces.setdefault("Event", set()).add(e.id)
    count = lambda d: {k: len(v) for k, v in sorted(d.items())}
    return count(before), count(after), count(surfaces)
