"""The knowledge graph as a networkx graph, read from the store with SPARQL.

Nodes are the things a reader cares about (people, organisations, places, events,
statements, commitments, articles), keyed by IRI. Posts and cited reports are folded into
edges (``holds post`` labelled with the title, ``cites``), so the picture reads as
sentences: 布林肯 —国务卿→ 美国. Every node and edge keeps its :class:`Evidence`: the
sentence of the article it comes from, cut by the mention's offsets, and the rule.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

import networkx as nx
from rdflib.namespace import PROV, RDFS

from ..store import GraphStore
from ..vocab import KG, NIF, ORG, SDO

KINDS = ("person", "organization", "place", "event", "statement", "commitment", "article")
MAX_EVIDENCE = 3  # sentences kept per node or edge: enough to judge a fact, small enough to ship
_STOPS = "。！？!?；;\n"
_CLOSERS = "”’」』）)\"'"


@dataclass(frozen=True)
class Relation:
    key: str
    zh: str
    en: str


RELATIONS = {r.key: r for r in (
    Relation("holds_post", "担任", "holds post"), Relation("accredited_to", "派驻", "accredited to"),
    Relation("attended", "出席", "attended"), Relation("located_in", "地点", "located in"),
    Relation("participating_country", "参与国", "participating country"),
    Relation("part_of", "属于", "part of"), Relation("issued", "发表", "issued"),
    Relation("issued_at", "发表于", "issued at"), Relation("committed", "承诺", "committed"),
    Relation("cites", "引用", "cites"), Relation("reports", "报道", "reports"),
    Relation("published_by", "出版者", "published by"), Relation("written_by", "作者", "written by"),
    Relation("edited_by", "编辑", "edited by"),
)}
COMMITMENT_KINDS = {"Commit": "承诺", "Agree": "同意", "Resolve": "决心", "Emphasize": "强调",
                    "Welcome": "欢迎", "Note": "注意到", "Oppose": "反对", "OtherCommitment": "其他"}


@dataclass(frozen=True, order=True)
class Evidence:
    """Where a fact was read: the article (IRI), its sentence, the exact words and the rule."""

    article: str
    begin: int
    sentence: str
    quote: str
    rule: str


def sentence_around(text: str, begin: int, end: int, limit: int = 160) -> str:
    """The sentence holding ``text[begin:end]``, trimmed around the mention when very long.

    >>> sentence_around("甲说。乙与丙会谈。丁", 3, 4)
    '乙与丙会谈。'
    >>> sentence_around("他说：“我们同意。”然后走了", 6, 8)
    '他说：“我们同意。”'
    >>> sentence_around("很长" * 50 + "目标" + "很长" * 50, 100, 102, limit=10)
    '…很长很长目标很长很长…'
    """
    if not 0 <= begin <= end <= len(text):
        return ""
    start = max(text.rfind(c, 0, begin) for c in _STOPS) + 1
    stops = [i for i in (text.find(c, end) for c in _STOPS) if i >= 0]
    stop = min(stops) + 1 if stops else len(text)
    while stop < len(text) and text[stop] in _CLOSERS:
        stop += 1
    sentence_start, sentence_stop = start, stop
    if stop - start > limit:  # keep the mention in the middle of what is shown
        room = max(limit - (end - begin), 0) // 2
        start, stop = max(start, begin - room), min(stop, end + room)
    cut = text[start:stop].strip()
    return ("…" if start > sentence_start else "") + cut + ("…" if stop < sentence_stop else "")


# rdf:type -> kind, first match wins (a statement is also a schema:CreativeWork, a country a Place)
KIND_CLASSES = ((SDO.NewsArticle, "article"), (SDO.Event, "event"), (KG.Statement, "statement"),
                (KG.Commitment, "commitment"), (SDO.Person, "person"), (SDO.Organization, "organization"),
                (SDO.Place, "place"))
# predicate (local name) -> (relation, drawn against the RDF direction?, evidence carrier: subject/object)
LINKS = {
    "location": ("located_in", False, "s"), "participatingCountry": ("participating_country", False, "s"),
    "superEvent": ("part_of", False, "s"), "attendee": ("attended", True, "s"), "issuedBy": ("issued", True, "s"),
    "issuedAt": ("issued_at", False, "s"), "commitment": ("committed", False, "o"),
    "mentions": ("reports", False, "o"), "about": ("reports", False, "o"), "publisher": ("published_by", False, "o"),
    "author": ("written_by", False, "o"), "editor": ("edited_by", False, "o"),
}
_ARTICLE_LINKS = {"published_by", "written_by", "edited_by", "cites"}  # each makes `reports` redundant
# every predicate read, by local name (unique among these), which is how the reader refers to them;
# not nif:anchorOf: it is always the article text between the offsets, and reading 70 000 of them
# from a store on disk costs a second
PREDICATES = {str(t).rsplit("/", 1)[-1].rsplit("#", 1)[-1]: str(t) for t in (
    SDO.name, SDO.alternateName, RDFS.label, SDO.headline, SDO.datePublished, SDO.startDate, SDO.dateCreated,
    SDO.url, SDO.citation, KG.iso3166Code, KG.commitmentKind, PROV.value, KG.mention, KG.rule, NIF.isString,
    NIF.referenceContext, NIF.beginIndex, NIF.endIndex, ORG.heldBy, ORG.postIn, KG.accreditedTo,
    SDO.location, KG.participatingCountry, SDO.superEvent, SDO.attendee, KG.issuedBy, KG.issuedAt, KG.commitment,
    SDO.mentions, SDO.about, SDO.publisher, SDO.author, SDO.editor)}
_LOCAL = {iri: name for name, iri in PREDICATES.items()}
# One triple pattern per query: in the union of article graphs a join repeats each match once
# per graph holding it (a country named in 300 articles), so joins are done in Python instead.
Q_TYPES = "SELECT DISTINCT ?s ?class WHERE { VALUES ?class { %s } ?s a ?class }" % " ".join(
    f"<{c}>" for c in [*(c for c, _ in KIND_CLASSES), SDO.Country])
Q_TRIPLES = "SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { %s } ?s ?p ?o }" % " ".join(
    f"<{p}>" for p in PREDICATES.values())
EVIDENCE_SCAN = 40  # mentions read when looking for a sentence that names both ends of an edge


def build_graph(store: GraphStore) -> nx.MultiDiGraph:
    """Every node and relation of the store's union graph, with names, dates and evidence."""
    return _Reader(store).graph()


class _Reader:
    def __init__(self, store: GraphStore):
        types: dict[str, set[str]] = defaultdict(set)
        for row in store.query(Q_TYPES):
            types[row["s"].value].add(row["class"].value)
        kinds = [(str(c), k) for c, k in KIND_CLASSES]
        self.kinds = {n: next(k for c, k in kinds if c in cs) for n, cs in types.items() if any(c in cs for c, _ in kinds)}
        self.countries = {n for n, cs in types.items() if str(SDO.Country) in cs}
        self.values: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
        for row in store.query(Q_TRIPLES):
            o = row["o"]
            self.values[_LOCAL[row["p"].value]][row["s"].value].append((o.value, getattr(o, "language", None) or ""))
        for by_subject in self.values.values():
            for found in by_subject.values():
                found.sort()
        self.mentions: dict[str, list[tuple[str, int, int, str, str]]] = defaultdict(list)
        self.in_article: dict[tuple[str, str], list] = defaultdict(list)
        for x, ms in self.values["mention"].items():
            for m, _ in ms:
                art, begin, end = (self.one(p, m) for p in ("referenceContext", "beginIndex", "endIndex"))
                if art and begin and end:
                    words = self.one("isString", art)[int(begin):int(end)]
                    mention = (art, int(begin), int(end), words, self.one("rule", m))
                    self.mentions[x].append(mention)
                    self.in_article[x, art].append(mention)
        for found in (*self.mentions.values(), *self.in_article.values()):
            found.sort()
        self._sentences: dict[tuple[str, int, int], str] = {}

    def all(self, predicate: str, subject: str) -> list[str]:
        return [v for v, _ in self.values[predicate].get(subject, ())]

    def one(self, predicate: str, subject: str) -> str:
        found = self.values[predicate].get(subject)
        return found[0][0] if found else ""

    def graph(self) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph(name="newskg")
        attrs = self.node_attributes()
        for node in sorted(attrs):
            g.add_node(node, **attrs[node])
        for s, o, key, data in sorted(self.edges(), key=lambda e: e[:3]):
            if s in attrs and o in attrs and s != o:
                g.add_edge(s, o, key=key, **data)
        for node in g:  # an entity belongs to every article that mentions it or links to it
            arts = set(g.nodes[node]["articles"])
            arts |= {n for n in g.predecessors(node) if self.kinds.get(n) == "article"}
            g.nodes[node]["articles"] = tuple(sorted(arts))
        return g

    # -- nodes ---------------------------------------------------------------------------
    def node_attributes(self) -> dict[str, dict]:
        attrs = {}
        for node, kind in self.kinds.items():
            names = [(lang, v, p != "alternateName") for p in ("name", "alternateName", "label")
                     for v, lang in self.values[p].get(node, ())]
            zh, en, aliases = _pick_names(names)
            dates = sorted(self.all("startDate", node) + self.all("dateCreated", node))
            a = dict(kind=kind, label=zh or node.rsplit("/", 1)[-1], en=en, aliases=aliases,
                     date=dates[0] if dates else "", country=node in self.countries,
                     iso=self.one("iso3166Code", node), title="", url="", note="")
            if kind == "article":
                title = self.one("headline", node)
                a.update(label=title or a["label"], title=title, date=self.one("datePublished", node),
                         url=self.one("url", node))
            elif kind == "commitment":
                verb = COMMITMENT_KINDS.get(self.one("commitmentKind", node).rsplit("#", 1)[-1], "")
                value = self.one("value", node)
                a.update(label=f"{verb}：{value}" if verb else value or a["label"])
            evidence, count = self.evidence(node)
            a.update(evidence=evidence, evidence_count=count,
                     articles=tuple(sorted({m[0] for m in self.mentions.get(node, ())} |
                                           ({node} if kind == "article" else set()))))
            attrs[node] = a
        for post, holders in self.values["heldBy"].items():  # a bare title still describes its holder
            title = self.one("label", post)
            if title and not self.all("postIn", post) and not self.all("accreditedTo", post):
                for holder, _ in holders:
                    if holder in attrs:
                        notes = set(filter(None, attrs[holder]["note"].split("、"))) | {title}
                        attrs[holder]["note"] = "、".join(sorted(notes))
        return attrs

    def sentence(self, article: str, begin: int, end: int, anchor: str) -> str:
        key = (article, begin, end)
        if key not in self._sentences:
            self._sentences[key] = sentence_around(self.one("isString", article), begin, end) or anchor
        return self._sentences[key]

    def evidence(self, carrier: str, article: str | None = None,
                 prefer: Iterable[str] = ()) -> tuple[tuple[Evidence, ...], int]:
        """The first sentences of the carrier's mentions (in ``article`` only, if given), and how
        many there are; sentences that name one of ``prefer`` come first."""
        mentions = self.mentions.get(carrier, ()) if article is None else self.in_article.get((carrier, article), ())
        words = [w for w in prefer if w]
        scan = _spread(mentions, EVIDENCE_SCAN if words else MAX_EVIDENCE)
        found = [Evidence(art, begin, self.sentence(art, begin, end, anchor), anchor, rule)
                 for art, begin, end, anchor, rule in scan]
        found.sort(key=lambda e: not any(w in e.sentence for w in words))  # stable: keeps the spread
        return tuple(found[:MAX_EVIDENCE]), len(mentions)

    # -- edges ---------------------------------------------------------------------------
    def edges(self) -> Iterable[tuple[str, str, str, dict]]:
        found = []
        for predicate, (relation, reverse, carrier) in LINKS.items():
            for subject, objects in self.values[predicate].items():
                for obj, _ in objects:
                    s, o = (obj, subject) if reverse else (subject, obj)
                    if s not in self.kinds or o not in self.kinds:
                        continue
                    if relation == "reports" or relation in _ARTICLE_LINKS:  # the object's words in this article
                        found.append((s, o, relation, _edge(relation, *self.evidence(o, article=s))))
                    else:
                        fact = subject if carrier == "s" else obj
                        evidence = self.evidence(fact, prefer=self._names(s) + self._names(o))
                        found.append((s, o, relation, _edge(relation, *evidence)))
        for post, holders in self.values["heldBy"].items():
            title = self.one("label", post)
            for holder, _ in holders:
                for relation, predicate in (("holds_post", "postIn"), ("accredited_to", "accreditedTo")):
                    for target in self.all(predicate, post):
                        found.append((holder, target, f"{relation}:{title}",
                                      _edge(relation, *self.evidence(post), title)))
        for article, reports in self.values["citation"].items():
            for report, _ in reports:
                for source in self.all("author", report) + self.all("publisher", report):
                    found.append((article, source, "cites", _edge("cites", *self.evidence(report))))
        # an article that publishes, is written by or cites X obviously reports X: one edge is enough
        specific = {(s, o) for s, o, key, _ in found if key in _ARTICLE_LINKS}
        return [e for e in found if e[2] != "reports" or e[:2] not in specific]

    def _names(self, node: str) -> list[str]:
        return [m[3] for m in self.mentions.get(node, ())[:5]]


def _spread(mentions: list, size: int) -> list:
    """Up to ``size`` mentions ``(article, …)``, from as many different articles as possible.

    >>> _spread([("a", 1), ("a", 2), ("b", 1), ("c", 1)], 3)
    [('a', 1), ('b', 1), ('c', 1)]
    """
    firsts, rest, seen = [], [], set()
    for m in mentions:
        (rest if m[0] in seen else firsts).append(m)
        seen.add(m[0])
    return (firsts + rest)[:size]


def _edge(relation: str, evidence: tuple[Evidence, ...], count: int, label: str = "") -> dict:
    return dict(relation=relation, label=label or RELATIONS[relation].zh, evidence=evidence, evidence_count=count)


def _pick_names(names: list[tuple[str, str, bool]]) -> tuple[str, str, tuple[str, ...]]:
    """(Chinese name, English name, other names) from ``(language, name, is it a main name)``.

    The Chinese name is a main (schema:name, rdfs:label) simplified one, the shortest of at
    least two characters (美国, not 美); the English one is the longest (the full name).

    >>> _pick_names([("zh-hans", "美国", True), ("zh-hans", "美", False), ("en", "US", False),
    ...              ("en", "United States", True)])
    ('美国', 'United States', ('US', '美'))
    """
    def best(candidates: set[str]) -> str:
        return min(candidates, key=lambda n: (len(n) < 2, len(n), n)) if candidates else ""

    zh = best({n for lang, n, main in names if main and lang.startswith("zh-hans")}) or \
        best({n for lang, n, _ in names if lang.startswith("zh-hans")}) or \
        best({n for lang, n, _ in names if not lang.startswith("en")})
    en = max(sorted({n for lang, n, _ in names if lang.startswith("en")}), key=len, default="")
    return zh, en, tuple(sorted({n for _, n, _ in names} - {zh, en}))


# -- focus and export ------------------------------------------------------------------------
def find_nodes(graph: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes whose label, English name or alias is ``name`` (case-insensitive); else those containing it."""
    wanted = name.casefold().strip()
    names = {n: [d["label"], d["en"], *d["aliases"]] for n, d in graph.nodes(data=True)}
    exact = [n for n, ns in names.items() if any(x.casefold() == wanted for x in ns if x)]
    return sorted(exact) or sorted(n for n, ns in names.items() if any(wanted in x.casefold() for x in ns if x))


def neighbourhood(graph: nx.MultiDiGraph, centres: Iterable[str], depth: int) -> nx.MultiDiGraph:
    """The subgraph of nodes within ``depth`` steps of any centre, edges followed both ways."""
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set()
    for centre in centres:
        keep |= set(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
    return graph.subgraph(sorted(keep)).copy()
