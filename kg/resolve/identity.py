"""Canonical identities of entity clusters, and the fixpoint that makes them stable.

When a cluster holds two nodes of one article, the rewrite makes them one node, and the
next run reads one surface where this run read two. So clustering is repeated on the
surfaces as the rewrite will leave them (nodes of one article and one cluster made one,
their names pooled) until nothing more joins: the result is what any later run on the
rewritten store computes too, so resolving is idempotent.

A store built in parts ends as one built whole because the rules that may join nodes of
one article only ever gain links, from more articles or from pooled nodes: a part pools
no pair the whole would not, and from any such partly pooled start the repetition climbs
to the same fixpoint as from none.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..rdf import iris
from .entities import EntityClusters, EntitySurface, SurfaceId, cluster_entities

def representative_key(cluster: list[EntitySurface]) -> str:
    """The key the cluster is named by: the one most articles use, then the fullest, then the first.

    >>> a, b = EntitySurface("g1", "n", ("Person:蓬佩奥",), "Person"), EntitySurface("g2", "n", ("Person:迈克蓬佩奥",), "Person")
    >>> representative_key([a, b]), representative_key([a, b, EntitySurface("g3", "n", ("Person:蓬佩奥",), "Person")])
    ('Person:迈克蓬佩奥', 'Person:蓬佩奥')
    """
    graphs: dict[str, set[str]] = defaultdict(set)
    for s in cluster:
        for key in s.keys:
            graphs[key].add(s.graph)
    return min(graphs, key=lambda k: (-len(graphs[k]), -len(k), k))


def canonical_entity_iris(clusters: list[list[EntitySurface]]) -> tuple[dict[SurfaceId, str], dict[SurfaceId, str]]:
    """(surface -> canonical IRI, surface -> representative key) for every surface.

    A place with an ISO code is its country's IRI; anything else is named as its
    representative key would be named alone, so an unmerged entity keeps its IRI. Should two
    clusters claim one IRI (a key split by not_same_as), the larger keeps it.
    """
    named: dict[str, list[tuple[list[EntitySurface], str]]] = defaultdict(list)
    for cluster in clusters:
        key = representative_key(cluster)
        codes = sorted({code for s in cluster for code in s.iso})
        named[str(iris.entity_iri(key, codes[0] if codes else None))].append((cluster, key))
    iri_of: dict[SurfaceId, str] = {}
    key_of: dict[SurfaceId, str] = {}
    for iri, claims in named.items():
        claims.sort(key=lambda c: (-len({s.graph for s in c[0]}), c[0][0].id))
        for rank, (cluster, key) in enumerate(claims):
            own = iri if rank == 0 else str(iris.entity_iri(f"{key}#{cluster[0].graph}"))
            for s in cluster:
                iri_of[s.id], key_of[s.id] = own, key
    return iri_of, key_of


def pooled(surfaces: list[EntitySurface], iri_of: dict[SurfaceId, str]) -> tuple[list[EntitySurface], dict[SurfaceId, SurfaceId]]:
    """Surfaces of one article given one IRI, made one surface; and where each old surface went.

    >>> a = EntitySurface("g", "n1", ("Person:蓬佩奥",), "Person", names=frozenset({"蓬佩奥"}))
    >>> b = EntitySurface("g", "n2", ("Person:迈克蓬佩奥",), "Person", english=frozenset({"Mike Pompeo"}))
    >>> [(s.keys, sorted(s.names | s.english)) for s in pooled([a, b], {a.id: "x", b.id: "x"})[0]]
    [(('Person:蓬佩奥', 'Person:迈克蓬佩奥'), ['Mike Pompeo', '蓬佩奥'])]
    """
    groups: dict[tuple[str, str], list[EntitySurface]] = defaultdict(list)
    for s in surfaces:
        groups[(s.graph, iri_of[s.id])].append(s)
    out, moved = [], {}
    for (graph, _), group in sorted(groups.items()):
        if len(group) == 1:
            out.append(group[0])
            moved[group[0].id] = group[0].id
            continue
        pool = lambda field: frozenset().union(*(getattr(s, field) for s in group))
        one = EntitySurface(graph, min(s.node for s in group), tuple(sorted({k for s in group for k in s.keys})),
                            group[0].kind, **{f: pool(f) for f in ("names", "aliases", "hant", "english", "iso", "classes")})
        out.append(one)
        moved.update((s.id, one.id) for s in group)
    return out, moved


@dataclass
class EntityResolution:
    clusters: EntityClusters  # over the pooled surfaces
    cluster_iri: dict[SurfaceId, str]  # pooled surface -> canonical IRI
    iri: dict[SurfaceId, str]  # surface (as read) -> canonical IRI
    key: dict[SurfaceId, str]  # surface (as read) -> representative key of its cluster
    rounds: int


def resolve_entities(surfaces: list[EntitySurface], overrides) -> EntityResolution:
    """Cluster, pool the nodes the rewrite will make one, and cluster again until stable."""
    current, where = surfaces, {s.id: s.id for s in surfaces}
    for rounds in range(1, 10):
        clusters = cluster_entities(current, *overrides.entity_pairs(current))
        iri_of, key_of = canonical_entity_iris(clusters.members)
        nxt, moved = pooled(current, iri_of)
        if len(nxt) == len(current):
            break
        current, where = nxt, {sid: moved[w] for sid, w in where.items()}
    return EntityResolution(clusters, iri_of, {sid: iri_of[w] for sid, w in where.items()},
                            {sid: key_of[w] for sid, w in where.items()}, rounds)
