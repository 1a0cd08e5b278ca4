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

    def lines(self) -> list[str]:
        kinds = [*KINDS, "Event"]
        return [f"resolution: {self.merges} merges, {self.rewritten_graphs} graphs rewritten, "
                f"in {self.seconds:.1f} s",
                "nodes before → after: " + ", ".join(f"{k} {self.before.get(k, 0)} → {self.after.get(k, 0)}" for k in kinds),
                *(f"override: {w}" for w in self.warnings)]


def resolve_store(store: GraphStore, overrides: Path | Overrides | None = None) -> ResolutionReport:
    """Resolve entities and events across all article graphs of ``store``, in place."""
    started = time.perf_counter()
    rules = overrides if isinstance(overrides, Overrides) else load_overrides(overrides)
    rules.start()
    graphs = set(store.graphs()) - {RESOLUTION_GRAPH}
    entities = [s for s in read_entity_surfaces(store) if s.graph in graphs]
    resolved = resolve_entities(entities, rules)
    entity_clusters, iri_of, key_of = resolved.clusters, resolved.iri, resolved.key
    node_iri = {(s.graph, s.node): iri_of[s.id] for s in entities}
    events = [e for e in read_event_surfaces(store, node_iri) if e.graph in graphs]
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
    for graph, posts in post_renames(store, node_key).items():
        renames.setdefault(graph, {}).update(posts)
    del node_key
    rewritten = rewrite_graphs(store, renames)
    del renames

    evidence, merges = evidence_ntriples(entity_clusters, resolved.cluster_iri, event_clusters, event_iri)
    refused = len(entity_clusters.refused) + len(event_clusters.refused)
    del resolved, entity_clusters, event_clusters, events, event_iri  # a third of a million surfaces at 10,000 articles
    store.load_graph(RESOLUTION_GRAPH, evidence)
    store.flush()
    return ResolutionReport(before, after, surfaces, merges, rewritten, time.perf_counter() - started, refused,
                            rules.warnings)


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
