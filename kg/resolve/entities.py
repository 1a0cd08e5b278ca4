"""Which entity surfaces, across articles, name one person, organisation or place.

A *surface* is one entity node of one article graph, known by its surface keys
(``Type:normalised name``). Clustering reads only what the surfaces say (names,
aliases, English and traditional forms, ISO codes, country or city), so the clusters are
a function of the set of surfaces, whatever the order articles were built in.

Rules (``kg:mergeRule`` in the resolution graph). The *strong* ones compare one value:

- ``override_same_as``: the override file says so;
- ``same_iso_code``: places with one ISO 3166 code;
- ``same_name`` / ``traditional_form``: one name, simplified (習近平 = 习近平); or a
  surface gives as an alias another's name (川普 for 特朗普), if at least two articles give
  that alias for that name as a whole other name (not a part of a name in the same
  article: 川普 of 唐纳德·川普), so that one article's slip (印太 for 太平洋) links nothing;
- ``same_english``: one English name (case, accents, spaces and dots aside); for
  organisations and places an acronym (ABC) only between a surface named so and one it is
  the English name of, never between two that both give it;
- ``transliteration_variant``: dotted full names that sound the same (麦克·蓬佩奥, 迈克·蓬佩奥).

The *weak* one runs last and never joins two clusters holding nodes of one article, nor
two clusters whose English names disagree (Mark and Brandon Tatum; not Mike and Michael):

- ``surname_of_full_name``: a bare surname (蓬佩奥) joins the full names ending with it
  (迈克·蓬佩奥) when every full name in the corpus ending with it names one person (given
  names that only extend each other, up to transliteration: 迈克, 麦克, 迈克尔). Not within
  one article either: an article naming 巴伦·川普 and then 川普 may well mean his father.

Why two kinds: when two nodes of one article land in one cluster, the rewrite makes them
one node, and that cannot be undone from the store. Strong rules only ever add links, as
articles are added and as nodes are made one, so the nodes they join would be joined in
any build containing the article. The weak rule can lose a link when an article adds a
second full name; it must not glue nodes together.

Types never mix; two ISO codes, or a country and a city, never join; two full names with
one surname and other given names (Boris and Lyndon Johnson) never join, whichever rule
would join them; not_same_as pairs never join (the union that would join them is refused). Chinese names without dots never
merge by surname.
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterable

from ..facts import normalize_name
from ..store import GraphStore
from .names import en_compatible, en_form, en_parts, family, is_junk, is_latin, sound_form, split_dotted, zh_form
from .scan import scan
from .unionfind import EMPTY, Link, UnionFind

KINDS = ("Person", "Organization", "Place")
_APART = frozenset({"Country", "City"})  # a country and a city never merge (中国, 北京 used for its government)
_ATTESTED = 2  # articles that must give one alias of one name before the alias links them
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,4}")
SurfaceId = tuple[str, tuple[str, ...]]  # (graph IRI, sorted surface keys): stable across rewrites


@dataclass(frozen=True)
class EntitySurface:
    graph: str
    node: str  # the node's IRI in the store now (an article's own, or an earlier canonical one)
    keys: tuple[str, ...]
    kind: str
    names: frozenset[str] = frozenset()  # schema:name, as written
    aliases: frozenset[str] = frozenset()  # schema:alternateName @zh-hans
    hant: frozenset[str] = frozenset()  # schema:alternateName @zh-hant: the article's own characters
    english: frozenset[str] = frozenset()
    iso: frozenset[str] = frozenset()
    classes: frozenset[str] = frozenset()  # local names of its rdf:types (Country, City, Government ...)

    @property
    def id(self) -> SurfaceId:
        return (self.graph, self.keys)

    def key_names(self) -> list[str]:
        return [k.partition(":")[2] for k in self.keys]

    @cached_property
    def primary_forms(self) -> frozenset[str]:
        """Its own names (keys and schema:name), simplified; English-only names excluded."""
        return _frozen(zh_form(n) for n in (*self.key_names(), *self.names) if not is_latin(n) and not is_junk(n))

    @cached_property
    def written_forms(self) -> frozenset[str]:
        """Its own names (Latin ones too: AP, G7) normalised but not simplified, to tell
        same_name from traditional_form. One key in two articles is always one name."""
        return _frozen(normalize_name(n) for n in (*self.key_names(), *self.names) if not is_junk(n) or is_latin(n))

    @cached_property
    def dotted(self) -> frozenset[tuple[str, str]]:
        return _frozen(d for n in (*self.names, *self.aliases) if (d := split_dotted(n)))

    @cached_property
    def alias_forms(self) -> frozenset[str]:
        """Its Chinese aliases and traditional forms, simplified (junk and Latin left out)."""
        return _frozen(zh_form(a) for a in (*self.aliases, *self.hant) if not is_latin(a) and not is_junk(a))

    @cached_property
    def english_parts(self) -> frozenset[tuple[str, str]]:
        latin = [*self.english, *(n for n in (*self.names, *self.aliases) if is_latin(n))]
        return _frozen(p for n in latin if (p := en_parts(n)))

    @cached_property
    def acronyms(self) -> frozenset[str]:
        """English names of organisations and places that are acronyms (ABC), which many share."""
        if self.kind == "Person":
            return EMPTY
        return _frozen(en_form(n) for n in (*self.english, *self.aliases) if _ACRONYM.fullmatch(n.strip()))

    @cached_property
    def latin_forms(self) -> frozenset[str]:
        """Its own names in Latin letters (CNN, Austin Bay), compared as English."""
        return _frozen(en_form(n) for n in (*self.key_names(), *self.names) if is_latin(n))

    @cached_property
    def given_names(self) -> frozenset[tuple[str, str]]:
        """(surname, first sound of the given names) of its dotted full names: 鲍里斯·约翰逊
        gives (约翰逊, 鲍)."""
        if self.kind != "Person":
            return EMPTY
        return _frozen((surname, sound_form(given)[:1]) for given, surname in self.dotted if given)

    @cached_property
    def english_forms(self) -> frozenset[str]:
        latin = [*self.english, *(n for n in (*self.names, *self.aliases) if is_latin(n))]
        return _frozen(f for n in latin if len(f := en_form(n)) >= 3)


def read_entity_surfaces(store: GraphStore) -> list[EntitySurface]:
    """Every entity node of every graph, with the names it carries in that graph.

    Lean on purpose (a 10,000-article store has a third of a million surfaces): strings are
    interned, since graphs, keys and names repeat across surfaces, values are kept only for
    entity nodes, and empty sets are one shared object.
    """
    keys: dict[tuple[str, str], list[str]] = {}
    for g, s, key in scan(store, "kg:surfaceKey"):
        if key.value.partition(":")[0] in KINDS:  # events carry surface keys too
            keys.setdefault((sys.intern(g), sys.intern(s)), []).append(sys.intern(key.value))
    values: dict[tuple[str, str], dict[str, list[str]]] = {}

    def put(g: str, s: str, slot: str, value: str) -> None:
        if (g, s) in keys:  # not the names of articles, events and statements
            values.setdefault((g, s), {}).setdefault(slot, []).append(sys.intern(value))

    for g, s, name in scan(store, "schema:name"):
        put(g, s, "names", name.value)
    for g, s, name in scan(store, "schema:alternateName"):
        lang = name.language or ""
        put(g, s, "english" if lang == "en" else "hant" if lang == "zh-hant" else "aliases", name.value)
    for g, s, code in scan(store, "kg:iso3166Code"):
        put(g, s, "iso", code.value)
    for cls in sorted(_APART):
        for g, s, _ in scan(store, "a", f"schema:{cls}"):
            put(g, s, "classes", cls)
    surfaces = []
    for (graph, node), node_keys in keys.items():
        v = values.get((graph, node), {})
        ordered = tuple(sorted(set(node_keys)))
        surfaces.append(EntitySurface(graph, node, ordered, ordered[0].partition(":")[0],
                                      **{slot: _frozen(v.get(slot, ())) for slot in _SLOTS}))
    return sorted(surfaces, key=lambda s: s.id)


def _frozen(items) -> frozenset:
    """A frozenset of ``items``; the one shared empty set when there are none (most slots)."""
    return frozenset(items) or EMPTY


_SLOTS = ("names", "aliases", "hant", "english", "iso", "classes")


@dataclass
class EntityClusters:
    members: list[list[EntitySurface]]  # each cluster sorted by id; clusters sorted by first id
    links: list[Link[SurfaceId]]
    refused: list[Link[SurfaceId]] = field(default_factory=list)


def cluster_entities(surfaces: Iterable[EntitySurface],
                     same_as: Iterable[tuple[set[SurfaceId], set[SurfaceId]]] = (),
                     not_same_as: Iterable[tuple[set[SurfaceId], set[SurfaceId]]] = ()) -> EntityClusters:
    """Cluster surfaces; ``same_as``/``not_same_as`` are pairs of surface-id sets from the override file."""
    by_id = {s.id: s for s in surfaces}
    forbidden = list(not_same_as)

    def summary(sid: SurfaceId) -> dict[str, frozenset]:
        s = by_id[sid]
        return {"iso": s.iso, "class": _frozen(s.classes & _APART), "graph": frozenset({s.graph}),
                "en": s.english_parts, "given": s.given_names,
                "not": _frozen((i, side) for i, pair in enumerate(forbidden) for side in (0, 1) if sid in pair[side])}

    def allowed(a: dict[str, frozenset], b: dict[str, frozenset]) -> bool:
        if len(a["iso"] | b["iso"]) > 1 or _APART <= a["class"] | b["class"]:
            return False
        if _other_people(a, b):
            return False
        return not any((i, 1 - side) in b["not"] for i, side in a["not"])

    uf: UnionFind[SurfaceId] = UnionFind(sorted(by_id), summary, allowed)
    for a_ids, b_ids in same_as:  # forced first, so evidence rules cannot pre-empt them; never across types
        for a in sorted(a_ids):
            for b in sorted(b_ids):
                if by_id[a].kind == by_id[b].kind:
                    uf.union(a, b, "override_same_as")
    _union_groups(uf, by_id, lambda s: [("iso", c) for c in s.iso] if s.kind == "Place" else [], "same_iso_code")
    _union_groups(uf, by_id, lambda s: [("name", n) for n in s.written_forms], "same_name")
    _union_groups(uf, by_id, lambda s: [("name", f) for f in s.primary_forms], "traditional_form")
    _union_groups(uf, by_id, lambda s: [("en", f) for f in s.english_forms], "same_english",
                  anchor=lambda s, value: value not in s.acronyms or value in s.latin_forms)
    _union_variants(uf, by_id)
    _union_groups(uf, by_id, lambda s: [("sound", sound_form(g + n)) for g, n in s.dotted] if s.kind == "Person" else [],
                  "transliteration_variant")
    _union_surnames(uf, by_id)
    clusters = [sorted((by_id[sid] for sid in c), key=lambda s: s.id) for c in uf.clusters()]
    return EntityClusters(sorted(clusters, key=lambda c: c[0].id), uf.links, uf.refused)


def _union_groups(uf: UnionFind, by_id: dict, values: Callable[[EntitySurface], list], rule: str,
                  anchor: Callable[[EntitySurface, str], bool] | None = None) -> None:
    """Join the surfaces (of one kind) that share a value, each group in sorted order.

    With ``anchor``, a group is joined only through its members the value may stand for:
    the acronym ABC joins the surfaces named ABC with those it is the English name of, but
    not 美国广播公司 with 澳大利亚广播公司 because both give it.
    """
    groups: dict[tuple, list[SurfaceId]] = defaultdict(list)
    for sid, s in by_id.items():
        for value in values(s):
            groups[(s.kind, *value)].append(sid)
    for group_key in sorted(groups):
        members = sorted(groups[group_key])
        anchors = [m for m in members if anchor is None or anchor(by_id[m], group_key[-1])]
        for other in members:
            if anchors and other != anchors[0]:
                uf.union(anchors[0], other, rule, (group_key[-1],))


def _union_variants(uf: UnionFind, by_id: dict) -> None:
    """An alias that is a whole other name (川普 of 特朗普) joins the surfaces named so.

    Whether an alias is a whole name or a part of one is judged against all names of its
    kind in its article, not only the node's: a node an earlier run made of two gives no
    fewer aliases than the two gave (see :mod:`.identity` on why links may only grow).
    """
    in_article: dict[tuple[str, str], set[str]] = defaultdict(set)  # (graph, kind) -> names and name parts
    for s in by_id.values():
        in_article[(s.graph, s.kind)] |= s.primary_forms | {p for pair in s.dotted for p in pair}
    given: dict[SurfaceId, set[str]] = {}
    attested: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # (kind, name, alias) -> articles
    for sid, s in by_id.items():
        names = in_article[(s.graph, s.kind)]
        given[sid] = {a for a in s.alias_forms
                      if not any(a != n and (a in n or n in a) for n in names)}
        for alias in given[sid]:
            for form in s.primary_forms:
                attested[(s.kind, form, alias)].add(s.graph)
    named: dict[tuple[str, str], list[SurfaceId]] = defaultdict(list)
    for sid, s in by_id.items():
        for form in s.primary_forms:
            named[(s.kind, form)].append(sid)
    for members in named.values():
        members.sort()
    for sid in sorted(by_id):
        kind, forms = by_id[sid].kind, by_id[sid].primary_forms
        for alias in sorted(given[sid]):
            if any(len(attested[(kind, form, alias)]) >= _ATTESTED for form in forms):
                for other in _one_per_cluster(uf, named, (kind, alias)):
                    uf.union(sid, other, "same_name", (alias,))


def _one_per_cluster(uf: UnionFind, groups: dict[tuple, list[SurfaceId]], key: tuple) -> list[SurfaceId]:
    """The first member of ``groups[key]`` in each cluster, and the group shrunk to them.

    Joining a surface to every surface named 川普 costs thousands of unions per surface at
    10,000 articles, though they are in one or two clusters: joining it to one member of
    each does the same (a union within a cluster is no union). Clusters only grow, so the
    group may keep just its representatives for the next surface.
    """
    if key not in groups:
        return []
    roots: set[SurfaceId] = set()
    members = []
    for m in groups[key]:
        root = uf.find(m)
        if root not in roots:
            roots.add(root)
            members.append(m)
    groups[key] = members
    return members


def _union_surnames(uf: UnionFind, by_id: dict) -> None:
    """A bare surname joins the full names ending with it, if they all name one person."""
    full: dict[str, set[tuple[str, SurfaceId]]] = defaultdict(set)  # surname -> (given names, surface)
    bare: dict[str, list[SurfaceId]] = defaultdict(list)
    for sid, s in by_id.items():
        if s.kind != "Person":
            continue
        for given, surname in s.dotted:
            full[surname].add((given, sid))
        for form in s.primary_forms:  # a surface named 蓬佩奥, whatever else it is named
            bare[form].append(sid)
    for surname in sorted(set(full) & set(bare)):
        if not _one_given_name({given for given, _ in full[surname]}):
            continue
        anchor = min(bare[surname])
        for given, sid in sorted(full[surname]):
            uf.union(anchor, sid, "surname_of_full_name", (surname, given + surname), also=_may_join_weakly)


def _other_people(a: dict[str, frozenset], b: dict[str, frozenset]) -> bool:
    """Full names with one surname and given names that start differently: two people
    (Boris and Lyndon Johnson; 鲍里斯·约翰逊 and 林登·约翰逊), whatever rule would join them.
    Variants of one given name start alike (Mike, Michael; 凯里, 凯莉, 凯拉); Chinese forms
    that do not (夏尔 and 查尔斯·米歇尔) are one person when one English name is shared.

    >>> boris = {"en": frozenset({("boris", "johnson")}), "given": frozenset({("约翰逊", "鲍")})}
    >>> lyndon = {"en": frozenset({("lyndon", "johnson")}), "given": frozenset({("约翰逊", "林")})}
    >>> charles = {"en": frozenset({("charles", "michel")}), "given": frozenset({("米歇尔", "查")})}
    >>> charles_fr = {"en": frozenset({("charles", "michel")}), "given": frozenset({("米歇尔", "夏")})}
    >>> junior = {"en": frozenset({("donald", "trump jr")}), "given": frozenset()}
    >>> father = {"en": frozenset({("donald", "trump")}), "given": frozenset({("川普", "唐")})}
    >>> _other_people(boris, lyndon), _other_people(charles, charles_fr), _other_people(junior, father)
    (True, False, True)
    """
    if any(family(la) == family(lb) and (la != lb or fa[:2] != fb[:2]) for fa, la in a["en"] for fb, lb in b["en"]):
        return True  # other given names, or another generation (Donald Trump and Donald Trump Jr.)
    if a["en"] & b["en"]:
        return False
    return any(sa == sb and ga != gb for sa, ga in a["given"] for sb, gb in b["given"])


def _may_join_weakly(a: dict[str, frozenset], b: dict[str, frozenset]) -> bool:
    """No article in common, and no disagreement in English names."""
    return not a["graph"] & b["graph"] and en_compatible(a["en"], b["en"])


def _one_given_name(givens: set[str]) -> bool:
    """True when the given names only extend one another, up to transliteration (迈克, 麦克, 迈克尔).

    >>> _one_given_name({"迈克", "麦克", "迈克尔"}), _one_given_name({"乔", "亨特"})
    (True, False)
    """
    sounds = sorted({sound_form(g) for g in givens}, key=len)
    return all(longer.startswith(sounds[0]) for longer in sounds[1:])
