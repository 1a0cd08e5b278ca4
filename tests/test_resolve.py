"""Cross-article resolution: one node per real person, organisation, place and event.

Hand-made articles (invented sentences) name one person three ways, one meeting twice,
and a place and a person alike; the corpus test checks the issue's acceptance numbers.
"""
from __future__ import annotations

import io
from collections import defaultdict

import pyoxigraph as ox
import pytest
from rdflib import Dataset, URIRef
from rdflib.compare import isomorphic

from kg.document import BlockKind, Document
from kg.facts import (
    ArticleMeta, Entity, EntityType, Event, EventType, PartialDate, PlaceKind, Post, entity_key,
)
from kg.rdf.export import exporters
from kg.rdf.mapping import document_graph
from kg.resolve import RESOLUTION_GRAPH, resolve_store
from kg.resolve.names import en_form
from kg.resolve.overrides import load_overrides
from kg.store import GraphStore
from kg.validate import validate_store

PERSON, ORG, PLACE = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE
COUNTRIES = {"美国": "US", "日本": "JP", "印度": "IN", "澳大利亚": "AU"}


def article(n: int, text: str, people: dict[str, dict] = {}, others: tuple = (), events: tuple = (),
            posts: tuple = (), original: str | None = None) -> Document:
    """One article; entities are given by name, mentions found in the text."""
    doc = Document.from_blocks(f"t/{n}.md", [(BlockKind.TITLE, f"示例{n}"), (BlockKind.PARAGRAPH, text)],
                               ArticleMeta(title=f"示例{n}", published=PartialDate(2020, 10, 7),
                                           source_url=f"https://news.example.org/r/{n}.html"),
                               reader="test", original=None if original is None else [f"示例{n}", original])

    def at(word: str):
        start = doc.text.index(word)
        return (doc.mention(start, start + len(word), "test.entity"),)

    entities = [Entity(entity_key(PERSON, name), PERSON, name, at(name), **extra) for name, extra in people.items()]
    for name in COUNTRIES:
        if name in text:
            entities.append(Entity(entity_key(PLACE, name), PLACE, name, at(name), place_kind=PlaceKind.COUNTRY,
                                   iso_code=COUNTRIES[name]))
    entities += [Entity(entity_key(kind, name), kind, name, at(name), **extra) for kind, name, extra in others]
    doc.entities = tuple(entities)
    doc.posts = tuple(Post(entity_key(PERSON, who), title, entity_key(PLACE, of), at(title)) for who, title, of in posts)
    doc.events = tuple(Event(f"e{i}", kind, word, at(word), date=PartialDate.from_iso(date),
                             participants=tuple(entity_key(PERSON, p) for p in who),
                             countries=tuple(entity_key(PLACE, c) for c in where))
                       for i, (kind, word, date, who, where) in enumerate(events))
    return doc


MEETING = (EventType.SUMMIT, "四国外长会议", "2020-10-06", (), ("美国", "日本", "印度", "澳大利亚"))
ARTICLES = [
    article(1, "美国国务卿迈克·蓬佩奥（Mike Pompeo）在东京出席四国外长会议，日本、印度、澳大利亚外长与会。",
            {"迈克·蓬佩奥": {"en": "Mike Pompeo"}},
            others=((PLACE, "东京", {"place_kind": PlaceKind.CITY}),),
            events=(MEETING[:3] + (("迈克·蓬佩奥",), MEETING[4]),), posts=(("迈克·蓬佩奥", "国务卿", "美国"),)),
    article(2, "国务卿蓬佩奥在华盛顿说，四国外长会议在日本举行，美国、印度和澳大利亚都派人参加。",
            {"蓬佩奥": {}}, others=((PLACE, "华盛顿", {"place_kind": PlaceKind.CITY}),),
            events=((EventType.SUMMIT, "四国外长会议", "2020-10-07", ("蓬佩奥",), MEETING[4]),),
            posts=(("蓬佩奥", "国务卿", "美国"),)),
    article(3, "前中情局局长迈克尔·蓬佩奥（Michael Pompeo）曾说蓬佩奥家族来自意大利。",
            {"迈克尔·蓬佩奥": {"en": "Michael Pompeo", "aliases": ("蓬佩奥",)}}),
    article(4, "名叫华盛顿的人和蓬佩奥去了华盛顿州。", {"蓬佩奥": {}, "华盛顿": {}},
            others=((PLACE, "华盛顿州", {"place_kind": PlaceKind.REGION}),),
            original="名叫華盛頓的人和蓬佩奧去了华盛顿州。"),
]


def store_of(docs, *, resolve: bool = True, overrides=None) -> GraphStore:
    store = GraphStore()
    for doc in docs:
        store.put_graph(document_graph(doc))
    if resolve:
        resolve_store(store, overrides)
    return store


def dataset(store: GraphStore) -> Dataset:
    out = io.BytesIO()
    exporters.get("nq")(store, out)
    return Dataset().parse(data=out.getvalue(), format="nquads")


def same_store(a: GraphStore, b: GraphStore) -> bool:
    da, db = dataset(a), dataset(b)
    return a.graphs() == b.graphs() and all(isomorphic(da.graph(g), db.graph(g)) for g in a.graphs())


def persons(store: GraphStore) -> dict[str, set[str]]:
    names = defaultdict(set)
    for row in store.select("SELECT ?p ?n WHERE { ?p a schema:Person ; schema:name|schema:alternateName ?n }"):
        names[row["p"]].add(row["n"])
    return dict(names)


@pytest.fixture(scope="module")
def resolved() -> GraphStore:
    return store_of(ARTICLES)


def test_one_person_named_four_ways_is_one_node_with_all_names(resolved):
    pompeo = [p for p, names in persons(resolved).items() if "蓬佩奥" in names]
    assert len(pompeo) == 1
    names = persons(resolved)[pompeo[0]]
    assert {"迈克·蓬佩奥", "蓬佩奥", "Mike Pompeo", "Michael Pompeo", "迈克尔·蓬佩奥", "蓬佩奧"} <= names
    graphs = {r["g"] for r in resolved.select("SELECT DISTINCT ?g ?p WHERE { GRAPH ?g { ?p a schema:Person } }",
                                              p=URIRef(pompeo[0])) if r["g"] != RESOLUTION_GRAPH}
    assert len(graphs) == 4


def test_a_person_and_a_place_of_one_name_stay_apart(resolved):
    rows = resolved.select("SELECT DISTINCT ?s ?t WHERE { ?s schema:name '华盛顿'@zh-hans ; a ?t . "
                           "FILTER(?t IN (schema:Person, schema:Place)) }")
    assert len(rows) == 2 and len({r["s"] for r in rows}) == 2
    assert len(resolved.select("SELECT ?s WHERE { ?s a schema:Place ; schema:name ?n FILTER(STRSTARTS(?n, '华盛顿')) }")) == 2


def test_one_meeting_reported_twice_is_one_event_about_which_both_articles_are(resolved):
    rows = resolved.select("SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a schema:about ?e . ?e a kg:Summit } GROUP BY ?e")
    assert [int(r["n"]) for r in rows] == [2]
    [row] = resolved.select("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?e a kg:Summit ; schema:attendee ?p }")
    assert row["n"] == "1"  # both articles name the one canonical Pompeo


def test_one_key_in_many_articles_stays_one_node():
    docs = [article(20 + n, "美联社（AP）报道。", others=((ORG, "AP", {}),)) for n in range(3)]
    store = store_of(docs)
    assert len(store.select("SELECT DISTINCT ?o WHERE { ?o a schema:Organization }")) == 1


def test_one_surname_with_two_given_names_is_two_people():
    """An article's 约翰逊 is Boris (its English name says so), another's is Lyndon B.
    Johnson: the one key 约翰逊 must not make them one person. 查尔斯 and 夏尔·米歇尔, who
    share the English name Charles Michel, are one."""
    docs = [
        article(40, "英国首相鲍里斯·约翰逊（Boris Johnson）说，约翰逊（Boris Johnson）将访美。",
                {"鲍里斯·约翰逊": {"en": "Boris Johnson"}, "约翰逊": {"en": "Boris Johnson"}}),
        article(41, "美国前总统约翰逊（Lyndon B. Johnson）签署法案。", {"约翰逊": {"en": "Lyndon B. Johnson"}}),
        article(42, "美国前总统林登·约翰逊（Lyndon B. Johnson）。", {"林登·约翰逊": {"en": "Lyndon B. Johnson"}}),
        article(43, "欧洲理事会主席查尔斯·米歇尔（Charles Michel）抵达。", {"查尔斯·米歇尔": {"en": "Charles Michel"}}),
        article(44, "欧洲理事会主席夏尔·米歇尔（Charles Michel）说。", {"夏尔·米歇尔": {"en": "Charles Michel"}}),
    ]
    people = list(persons(store_of(docs)).values())
    assert [names for names in people if {"鲍里斯·约翰逊", "约翰逊"} <= names]
    assert not [names for names in people if {"鲍里斯·约翰逊", "林登·约翰逊"} <= names]
    assert [names for names in people if {"查尔斯·米歇尔", "夏尔·米歇尔"} <= names]


def test_a_son_of_the_same_name_is_another_person():
    """Donald Trump Jr. (小唐纳德·川普) is not his father, even where an article drops 小."""
    docs = [
        article(45, "美国总统唐纳德·川普（Donald Trump）说。", {"唐纳德·川普": {"en": "Donald Trump"}}),
        article(46, "商人小唐纳德·川普（Donald Trump Jr.）在集会上说。", {"小唐纳德·川普": {"en": "Donald Trump Jr."}}),
        article(47, "商人唐纳德·川普（Donald Trump Jr）在集会上说。", {"唐纳德·川普": {"en": "Donald Trump Jr"}}),
        article(48, "川普总统唐纳德·川普在白宫说。", {"唐纳德·川普": {}}),
    ]
    people = list(persons(store_of(docs)).values())
    assert not [names for names in people if "Donald Trump" in names and names & {"Donald Trump Jr.", "Donald Trump Jr"}]
    assert [names for names in people if {"Donald Trump Jr.", "Donald Trump Jr"} <= names]


def test_an_acronym_two_organisations_share_does_not_join_them():
    us = article(30, "美国广播公司（ABC）报道。", others=((ORG, "美国广播公司", {"en": "ABC"}),))
    au = article(31, "澳大利亚广播公司（ABC）报道。", others=((ORG, "澳大利亚广播公司", {"en": "ABC"}),))
    store = store_of([us, au])
    assert len(store.select("SELECT DISTINCT ?o WHERE { ?o a schema:Organization }")) == 2


def test_one_post_of_one_person_is_one_node(resolved):
    [row] = resolved.select("SELECT (COUNT(DISTINCT ?post) AS ?n) WHERE { ?p a schema:Person ; org:holds ?post }")
    assert row["n"] == "1"


def test_the_resolution_graph_explains_the_merges(resolved):
    rules = {r["rule"] for r in resolved.select(
        "SELECT ?rule WHERE { GRAPH kgg:resolution { ?m a kg:Merge ; kg:mergeEvidence/kg:mergeRule ?rule } }")}
    assert {"surname_of_full_name", "event_overlap"} <= rules
    keys = {r["k"] for r in resolved.select(
        "SELECT ?k WHERE { GRAPH kgg:resolution { ?m kg:canonical ?c ; kg:member/kg:surfaceKey ?k } }")}
    assert {"Person:迈克蓬佩奥", "Person:蓬佩奥", "Person:迈克尔蓬佩奥"} <= keys
    sources = resolved.select("SELECT ?g WHERE { GRAPH kgg:resolution { ?m a kg:Merge ; prov:wasDerivedFrom ?g } }")
    assert len({r["g"] for r in sources}) == 4


def test_the_resolved_store_is_valid(resolved):
    report = validate_store(resolved)
    assert report.conforms, report.text[:2000]


def test_resolving_twice_changes_nothing(resolved):
    again = store_of(ARTICLES)
    report = resolve_store(again)
    assert report.rewritten_graphs == 0
    assert same_store(again, resolved)


def test_order_and_halves_do_not_matter(resolved):
    assert same_store(store_of(ARTICLES[::-1]), resolved)
    store = store_of(ARTICLES[2:])
    for doc in ARTICLES[:2]:
        store.put_graph(document_graph(doc))
    resolve_store(store)
    assert same_store(store, resolved)


def test_removing_an_article_splits_what_only_it_joined():
    """Z alone links X (by its English name) and Y (by its Chinese one); W's other given name
    keeps the bare surname from joining any full name. Without Z, X and Y part again."""
    x = article(11, "蓬佩奥（Mike Pompeo）说。", {"蓬佩奥": {"en": "Mike Pompeo"}})
    y = article(12, "迈克·蓬佩奥说。", {"迈克·蓬佩奥": {}})
    z = article(13, "迈克·蓬佩奥（Mike Pompeo）说。", {"迈克·蓬佩奥": {"en": "Mike Pompeo"}})
    w = article(14, "约翰·蓬佩奥说。", {"约翰·蓬佩奥": {}})
    store = store_of([x, y, z, w])
    assert len([p for p, n in persons(store).items() if n & {"蓬佩奥", "迈克·蓬佩奥"}]) == 1
    store.remove_graph(str(document_graph(z).identifier))
    resolve_store(store)
    assert len([p for p, n in persons(store).items() if n & {"蓬佩奥", "迈克·蓬佩奥"}]) == 2
    assert same_store(store, store_of([x, y, w]))


def test_two_names_of_one_person_in_one_article_become_one_node():
    """Names that one value links (here an English name) join even inside one article."""
    both = article(5, "国务卿迈克·蓬佩奥（Mike Pompeo）周二说，蓬佩奥将访问日本。",
                   {"迈克·蓬佩奥": {"en": "Mike Pompeo"}, "蓬佩奥": {}})
    short = article(6, "蓬佩奥（Mike Pompeo）访问日本。", {"蓬佩奥": {"en": "Mike Pompeo"}})
    store = store_of([both, short])
    rows = store.select("SELECT ?p ?c WHERE { GRAPH ?g { ?p a schema:Person ; kg:mentionCount ?c } FILTER(?g != kgg:resolution) }")
    assert len({r["p"] for r in rows}) == 1
    assert sorted(int(r["c"]) for r in rows) == [1, 2]  # the two nodes' mentions add up
    assert validate_store(store).conforms
    assert same_store(store, store_of([short, both]))


def test_overrides_force_and_forbid_merges(tmp_path):
    file = tmp_path / "overrides.toml"
    file.write_text('not_same_as = [["Person:蓬佩奥", "迈克·蓬佩奥"]]\n'
                    'same_as = [["华盛顿州", "Place:华盛顿"], ["无此人", "蓬佩奥"]]\n', encoding="utf-8")
    store = store_of(ARTICLES[:4], resolve=False)
    report = resolve_store(store, file)
    named = persons(store)
    with_full = [p for p, n in named.items() if "迈克·蓬佩奥" in n]
    with_short = [p for p, n in named.items() if "蓬佩奥" in n and "迈克·蓬佩奥" not in n]
    assert len(with_full) == 1 and len(with_short) == 1
    places = store.select("SELECT DISTINCT ?p WHERE { ?p a schema:Place ; schema:name ?n FILTER(STRSTARTS(?n, '华盛顿')) }")
    assert len(places) == 1
    assert report.refused >= 1
    assert any("无此人" in w for w in report.warnings)
    rules = {r["rule"] for r in store.select("SELECT ?rule WHERE { GRAPH kgg:resolution { ?l kg:mergeRule ?rule } }")}
    assert "override_same_as" in rules


def test_a_bad_override_file_is_a_usage_error(tmp_path):
    from kg.errors import UsageError

    file = tmp_path / "o.toml"
    file.write_text('same_as = [["just one"]]\n', encoding="utf-8")
    with pytest.raises(UsageError):
        load_overrides(file)


# -- the shared corpus ---------------------------------------------------------------

@pytest.fixture(scope="session")
def corpus_resolution(corpus_articles, corpus_build):
    """The resolved corpus store, the resolution's report and the unresolved article graphs."""
    return corpus_build[0], corpus_build[1].resolution, corpus_articles[0]


def test_corpus_acceptance(corpus_resolution):
    store, report, _ = corpus_resolution
    print("\n" + "\n".join(report.lines()))
    [quad, *_] = store.select("""
        SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a schema:about ?e . ?e a ?t ; schema:startDate ?d .
          FILTER(?t IN (kg:Summit, kg:Meeting) && STR(?d) = "2020-10-06") } GROUP BY ?e ORDER BY DESC(?n)""")
    assert int(quad["n"]) >= 10
    pompeo = [p for p, names in persons(store).items() if "蓬佩奥" in names]
    assert len(pompeo) == 1
    assert {"迈克·蓬佩奥", "蓬佩奥", "Mike Pompeo", "Michael Pompeo"} <= persons(store)[pompeo[0]]
    english = defaultdict(set)
    for row in store.select("SELECT DISTINCT ?p ?n WHERE { ?p a schema:Person ; schema:alternateName ?n FILTER(LANG(?n) = 'en') }"):
        english[en_form(row["n"])].add(row["p"])
    assert not {name: ps for name, ps in english.items() if len(ps) > 1}
    for kind in ("Person", "Organization", "Event"):
        assert report.after[kind] < report.before[kind]
    assert report.after["Place"] <= report.before["Place"]


def test_corpus_built_in_halves_is_the_same_store(corpus_resolution):
    """Article graphs are pure functions of their files, so writing them in two halves,
    resolving after each, is building the corpus in two halves."""
    store, _, graphs = corpus_resolution
    names = sorted(graphs)
    halves = GraphStore()
    for part in (names[1::2], names[::2]):
        for graph in part:
            halves.put_ntriples(graph, graphs[graph])
        resolve_store(halves)
    assert _quads(halves) == _quads(store)
    assert resolve_store(halves).rewritten_graphs == 0


def _quads(store: GraphStore) -> set[str]:
    out = io.BytesIO()
    store.dump(out, ox.RdfFormat.N_QUADS)
    return set(out.getvalue().decode("utf-8").splitlines())


def test_a_rename_keeps_literals_with_quotes_and_line_breaks_whole():
    """The rewrite sends the changed triples as DELETE DATA / INSERT DATA text: escapes must
    survive the round trip, or the old triple stays beside the new one."""
    from kg.resolve.rewrite import rewrite_graphs

    store = GraphStore()
    store.put_ntriples("https://example.org/g", "\n".join([
        '<https://example.org/a> <http://schema.org/name> "say \\"hi\\"\\nthere \\\\"@en .',
        '<https://example.org/a> <http://schema.org/position> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .',
        '<https://example.org/x> <http://schema.org/mentions> <https://example.org/a> .',
        '<https://example.org/x> <http://schema.org/name> "untouched" .']))
    assert rewrite_graphs(store, {"https://example.org/g": {"https://example.org/a": "https://example.org/b"}}) == 1
    rows = {(r["s"][-1], r["o"]) for r in store.select("SELECT ?s ?o WHERE { ?s ?p ?o }")}
    assert rows == {("b", 'say "hi"\nthere \\'), ("b", "1"), ("x", "https://example.org/b"), ("x", "untouched")}
