"""The resolution graph: why each merged node is one node.

One ``kg:Merge`` per cluster that joins surfaces with different keys (entities) or
events of several articles. It names the canonical node (``kg:canonical``), its members
(``kg:member``: a surface key, the names it was written with as ``kg:evidenceValue``, and
the article graphs it came from, ``prov:wasDerivedFrom``), and the links that joined them
(``kg:mergeEvidence`` → ``kg:MergeLink``: the rule, the two members, the shared names or
dates as ``kg:evidenceValue`` and the shared participants, countries or place as
``kg:evidenceNode``). Links are the unions that built the cluster, a spanning tree: every
member is reachable from every other through them.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF, RDFS, XSD

from ..vocab import KG, KGG, KGR
from .entities import EntityClusters, EntitySurface
from .identity import representative_key
from .names import en_form, zh_form
from .events import EventClusters

RESOLUTION_GRAPH = str(KGG["resolution"])
_DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}


MERGE, MERGE_LINK, CANONICAL, MEMBER, EVIDENCE, RULE, LINKS, VALUE, NODE = (str(t) for t in (
    KG.Merge, KG.MergeLink, KG.canonical, KG.member, KG.mergeEvidence, KG.mergeRule, KG.linksMember,
    KG.evidenceValue, KG.evidenceNode))


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class _Writer:
    def __init__(self) -> None:
        self.lines: set[str] = set()

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal | str) -> None:
        obj = o if isinstance(o, (ox.NamedNode, ox.Literal)) else ox.NamedNode(o)
        self.lines.add(f"{ox.NamedNode(s)} {ox.NamedNode(str(p))} {obj} .")

    def merge(self, canonical: str, label: str, graphs: set[str]) -> str:
        node = str(KGR[f"merge/{_digest(canonical)}"])
        self.add(node, RDF.type, MERGE)
        self.add(node, RDF.type, PROV.Entity)
        self.add(node, CANONICAL, canonical)
        self.add(node, RDFS.label, ox.Literal(label))
        for g in graphs:
            self.add(node, PROV.wasDerivedFrom, g)
        return node

    def link(self, merge: str, rule: str, a: str, b: str, graphs: set[str]) -> str:
        node = f"{merge}/link/{_digest('|'.join((rule, *sorted((a, b)))))}"
        self.add(merge, EVIDENCE, node)
        self.add(node, RDF.type, MERGE_LINK)
        self.add(node, RULE, ox.Literal(rule))
        self.add(node, LINKS, a)
        self.add(node, LINKS, b)
        for g in graphs:
            self.add(node, PROV.wasDerivedFrom, g)
        return node


def evidence_ntriples(entities: EntityClusters, entity_iri: dict, events: EventClusters, event_iri: dict) -> tuple[str, int]:
    """The resolution graph as N-Triples, and how many merges it describes."""
    w, merges = _Writer(), 0
    cluster_of = {s.id: i for i, c in enumerate(entities.members) for s in c}
    links_of = defaultdict(list)
    for link in entities.links:
        links_of[cluster_of[link.a]].append(link)
    for i, cluster in enumerate(entities.members):
        if len({k for s in cluster for k in s.keys}) > 1:
            merges += 1
            _entity_merge(w, cluster, entity_iri[cluster[0].id], links_of[i])
    event_cluster = {s.id: i for i, c in enumerate(events.members) for s in c}
    event_links = defaultdict(list)
    for link in events.links:
        event_links[event_cluster[link.a]].append(link)
    for i, cluster in enumerate(events.members):
        if len(cluster) > 1:
            merges += 1
            _event_merge(w, cluster, event_iri[cluster[0].id], event_links[i])
    return "\n".join(sorted(w.lines)), merges


def _entity_merge(w: _Writer, cluster: list[EntitySurface], canonical: str, links: list) -> None:
    merge = w.merge(canonical, representative_key(cluster), {s.graph for s in cluster})
    member_of: dict[str, str] = {}
    for s in cluster:
        for key in s.keys:
            member = member_of.setdefault(key, f"{merge}/{_digest(key)}")
            w.add(merge, MEMBER, member)
            w.add(member, KG.surfaceKey, ox.Literal(key))
            w.add(member, PROV.wasDerivedFrom, s.graph)
            for name in _names_of(s, key):  # not schema:name: a member is no entity of its own
                w.add(member, VALUE, ox.Literal(name, language="zh-hans"))
        for a, b in zip(s.keys, s.keys[1:]):  # keys one node of the article already holds
            w.link(merge, "same_node", member_of[a], member_of[b], {s.graph})
    by_id = {s.id: s for s in cluster}
    for link in links:
        a, b = by_id[link.a], by_id[link.b]
        value = str(link.evidence[0]) if link.evidence else ""
        ka, kb = _key_for(a, value), _key_for(b, value)
        if ka == kb:
            continue  # one key in two articles: one IRI already, nothing to explain
        node = w.link(merge, link.rule, member_of[ka], member_of[kb], {a.graph, b.graph})
        for shown in sorted(_shown(a, value) | _shown(b, value)) or [str(v) for v in link.evidence]:
            w.add(node, VALUE, ox.Literal(shown))


def _names_of(s: EntitySurface, key: str) -> set[str]:
    """The names, as written, that are this key's name (the node may carry other keys' names)."""
    form = zh_form(key.partition(":")[2])
    return {n for n in s.names | s.aliases | s.hant if zh_form(n) == form}


def _key_for(s: EntitySurface, value: str) -> str:
    """The key of a (possibly pooled) surface that the shared value is the name of."""
    return next((k for k in s.keys if zh_form(k.partition(":")[2]) == value), s.keys[0])


def _shown(s: EntitySurface, value: str) -> set[str]:
    """The names as written behind a compared form (Mike Pompeo for mikepompeo)."""
    return {n for n in s.names | s.aliases | s.hant | s.english if value and value in (zh_form(n), en_form(n))}


def _event_merge(w: _Writer, cluster: list, canonical: str, links: list) -> None:
    merge = w.merge(canonical, cluster[0].key, {s.graph for s in cluster})
    for s in cluster:
        w.add(merge, MEMBER, s.local_iri)
        w.add(s.local_iri, KG.surfaceKey, ox.Literal(s.key))
        w.add(s.local_iri, PROV.wasDerivedFrom, s.graph)
    local = {s.id: s.local_iri for s in cluster}
    for link in links:
        node = w.link(merge, link.rule, local[link.a], local[link.b], {link.a[0], link.b[0]})
        if link.evidence:
            people, countries, places, dates = link.evidence
            for iri in (*people, *countries, *places):
                w.add(node, NODE, iri)
            for date in dates:
                w.add(node, VALUE, ox.Literal(date, datatype=ox.NamedNode(str(_DATE_TYPES[len(date)]))))

