"""The query pack: every query answers as written on known graphs, and parameters are data."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.errors import QueryError, UnknownNameError, UsageError
from kg.formats import format_markdown, format_tsv
from kg.querypack import list_queries, load_query, parse_params, render_list, run_named
from kg.rdf.mapping import document_graph
from kg.settings import Settings
from kg.sparql_errors import describe_syntax_error, parse_error_position, query_error
from kg.store import GraphStore
from tests.factories import sample_document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PACK = {"who-attended-what", "posts-of-person", "meetings-between-countries", "commitments-by-kind-and-topic",
        "events-by-country-and-date-range", "sources-behind-a-fact", "entities-merged-across-articles"}
LIST_COLUMNS = {"countries", "issued_by", "names"}  # GROUP_CONCAT: items in no particular order
ARTICLE_1 = "https://w3id.org/newskg/id/article/news.example.org_a_1.html"
HEADLINE = "两国外长举行会谈"


def rows(answer) -> list[tuple[str, ...]]:
    """Lexical values, '' where unbound; lists sorted so the comparison ignores their order."""
    out = []
    for row in answer.rows:
        cells = []
        for name, term in zip(answer.variables, row):
            value = "" if term is None else term.value
            if name in LIST_COLUMNS and value:
                value = ", ".join(sorted(value.split(", ")))
            cells.append(value)
        out.append(tuple(cells))
    return out


@pytest.fixture(scope="module")
def sample_store() -> GraphStore:
    store = GraphStore()
    store.put_graph(document_graph(sample_document()))
    return store


@pytest.fixture(scope="module")
def two_article_store() -> GraphStore:
    store = GraphStore()
    for n in (1, 2):
        store.put_graph(document_graph(sample_document(f"https://news.example.org/a/{n}.html", f"a/{n}.md")))
    return store


@pytest.fixture(scope="module")
def examples_store() -> GraphStore:
    store = GraphStore()
    build([EXAMPLES], store, Settings(jobs=1))
    return store


# -- the pack itself ---------------------------------------------------------------------
def test_the_pack_has_every_query_with_a_full_header():
    queries = list_queries()
    assert PACK <= {q.name for q in queries}
    for q in queries:
        assert q.title and len(q.description) > 40, q.name
        projection = q.text[q.text.index("SELECT"):q.text.index("WHERE")]
        for param in q.params:
            assert q.param_help[param], f"{q.name}: parameter {param} has no help text"
            # Oxigraph substitutes only projected variables (see kg/querypack.py)
            assert re.search(rf"\?{param}\b", projection), f"{q.name}: ?{param} is not in the projection"
            assert not re.search(rf"BOUND\(\s*\?{param}\b", q.text), f"{q.name}: BOUND(?{param}) is decided too early"
        assert "SELECT DISTINCT" in q.text or "GROUP BY" in q.text, f"{q.name}: the union graph is a bag"


def test_unknown_query_and_parameter_are_usage_errors(sample_store):
    with pytest.raises(UnknownNameError, match="known querys: .*who-attended-what"):
        load_query("who-went")
    with pytest.raises(UsageError, match="no parameter 'persn'; its parameters: person"):
        run_named(sample_store, "who-attended-what", {"persn": "x"})
    with pytest.raises(UsageError, match="NAME=VALUE"):
        parse_params(["person"])


def test_list_shows_parameters_with_defaults():
    text = render_list(list_queries())
    assert "meetings-between-countries: Meetings between two countries" in text
    assert "--param country_a=…  (default: US)" in text
    assert "--param person=…  (default: empty)" in text


# -- expected rows on the hand-made article ----------------------------------------------
SAMPLE_EXPECTED = {
    "who-attended-what": [("2021-03-01", "视频会谈", "Meeting", "", "布林肯", HEADLINE),
                          ("2021-03-01", "视频会谈", "Meeting", "", "茂木敏充", HEADLINE)],
    "posts-of-person": [("布林肯", "国务卿", "美国", "", "", "2021-03-01", HEADLINE)],
    "meetings-between-countries": [("2021-03-01", "视频会谈", "Meeting", "", "日本, 美国", HEADLINE)],
    "commitments-by-kind-and-topic": [("Agree", "同意加强合作", "会谈成果", "日本, 美国", "2021-03-01", HEADLINE)],
    "events-by-country-and-date-range": [("2021-03-01", "视频会谈", "Meeting", "", "日本, 美国", HEADLINE)],
    "sources-behind-a-fact": [("会谈成果", "Statement", HEADLINE, "2021-03-02", "示例新闻", "示例时报", "", ARTICLE_1),
                              ("视频会谈", "Meeting", HEADLINE, "2021-03-02", "示例新闻", "示例时报", "", ARTICLE_1)],
    "entities-merged-across-articles": [],  # one article: nothing is merged
}


@pytest.mark.parametrize("name", sorted(SAMPLE_EXPECTED))
def test_every_query_answers_the_sample_article(sample_store, name):
    answer = run_named(sample_store, name)
    assert not set(answer.variables) & set(load_query(name).params), "parameter columns are dropped"
    assert rows(answer) == SAMPLE_EXPECTED[name]


@pytest.mark.parametrize("name, params, expected", [
    ("who-attended-what", {"person": "茂木"}, 1),
    ("who-attended-what", {"person": "蓬佩奥"}, 0),
    ("posts-of-person", {"name": "布林"}, 1),
    ("posts-of-person", {"name": "茂木敏充"}, 0),
    ("meetings-between-countries", {"country_a": "美国", "country_b": "jp"}, 1),
    ("meetings-between-countries", {"country_a": "jp", "country_b": "US"}, 1),
    ("meetings-between-countries", {"country_a": "US", "country_b": "中国"}, 0),
    ("meetings-between-countries", {"country_a": "US", "country_b": "US"}, 0),
    ("commitments-by-kind-and-topic", {"kind": "AGREE", "topic": "合作"}, 1),
    ("commitments-by-kind-and-topic", {"kind": "oppose"}, 0),
    ("commitments-by-kind-and-topic", {"topic": "贸易"}, 0),
    ("events-by-country-and-date-range", {"country": "日本", "from": "2021-03", "to": "2021"}, 1),
    ("events-by-country-and-date-range", {"from": "2021-03-01", "to": "2021-03-01"}, 1),
    ("events-by-country-and-date-range", {"from": "2021-03-02"}, 0),
    ("events-by-country-and-date-range", {"to": "2021-02"}, 0),
    ("events-by-country-and-date-range", {"country": "cn"}, 0),
    ("sources-behind-a-fact", {"fact": "会谈"}, 2),
    ("sources-behind-a-fact", {"fact": "成果"}, 1),
])
def test_parameters_filter(sample_store, name, params, expected):
    assert len(run_named(sample_store, name, params).rows) == expected


def test_entities_merged_across_two_articles(two_article_store):
    expected = [("https://w3id.org/newskg/id/person/de32e13f52f01352", "Person", "布林肯", "2", "0"),
                ("https://w3id.org/newskg/id/person/744f16a81696ac18", "Person", "张三", "2", "0"),
                ("https://w3id.org/newskg/id/country/JP", "Place", "日本", "2", "0"),
                ("https://w3id.org/newskg/id/person/d6670663dc7f817b", "Person", "李四", "2", "0"),
                ("https://w3id.org/newskg/id/organization/70ee5c37568a4e1c", "Organization", "示例新闻", "2", "0"),
                ("https://w3id.org/newskg/id/organization/45b374d381a9a84a", "Organization", "示例时报", "2", "0"),
                ("https://w3id.org/newskg/id/country/US", "Place", "美国", "2", "0"),
                ("https://w3id.org/newskg/id/person/9e11ef1bababf914", "Person", "茂木敏充", "2", "0")]
    assert rows(run_named(two_article_store, "entities-merged-across-articles")) == expected
    assert run_named(two_article_store, "entities-merged-across-articles", {"min_articles": "3"}).rows == ()


def test_merge_evidence_is_counted_when_present(two_article_store):
    store = GraphStore()
    for quad in two_article_store.quads():
        store._store.add(quad)
    kg, graph = "https://w3id.org/newskg/ontology#", ox.NamedNode("https://w3id.org/newskg/graph/resolution")
    merge = ox.NamedNode("https://w3id.org/newskg/id/merge/1")
    for p, o in ((kg + "canonical", "https://w3id.org/newskg/id/country/US"), (kg + "mergeEvidence", f"{merge.value}/link/1"),
                 (kg + "mergeEvidence", f"{merge.value}/link/2")):
        store._store.add(ox.Quad(merge, ox.NamedNode(p), ox.NamedNode(o), graph))
    merged = {r[0]: r[4] for r in rows(run_named(store, "entities-merged-across-articles"))}
    assert merged["https://w3id.org/newskg/id/country/US"] == "2"
    assert merged["https://w3id.org/newskg/id/country/JP"] == "0"


# -- the built examples ------------------------------------------------------------------
# Subsets, not equality: the extractors keep improving and may find more in these articles.
EXAMPLES_EXPECTED = {
    "who-attended-what": {
        ("2020-09-20", "通电话", "Meeting", "", "莫里森", "澳大利亚总理与日本首相通电话"),
        ("2020-09-20", "通电话", "Meeting", "", "菅义伟", "澳大利亚总理与日本首相通电话"),
        ("2020-10-06", "外长会谈", "Summit", "东京", "苏杰生", "美日澳印外长东京会谈 同意加强海上安全合作"),
    },
    "posts-of-person": {("苏杰生", "外长", "印度", "", "", "2020-10-07", "美日澳印外长东京会谈 同意加强海上安全合作")},
    "meetings-between-countries": {
        ("2020-10-06", "外长会谈", "Summit", "东京", "印度, 日本, 澳大利亚, 美国", "美日澳印外长东京会谈 同意加强海上安全合作")},
    "commitments-by-kind-and-topic": {
        ("Resolve", "定期举行外长会谈", "联合声明", "", "2020-10-06", "美日澳印外长东京会谈 同意加强海上安全合作")},
    "events-by-country-and-date-range": {
        ("2020-09-14", "视频峰会", "Summit", "布鲁塞尔", "中国, 德国", "中欧领导人举行视频峰会")},
    "sources-behind-a-fact": {
        ("外长会谈", "Summit", "美日澳印外长东京会谈 同意加强海上安全合作", "2020-10-07", "示例新闻", "示例时报",
         "2020-10-06", "https://w3id.org/newskg/id/article/news.example.org_gb_20_10_7_n1001.htm"),
        ("通电话", "Meeting", "澳大利亚总理与日本首相通电话", "2020-09-20", "示例通讯社", "示例周刊", "",
         "https://w3id.org/newskg/id/article/sha256-0dc6e6f74d550a9cd44a8991")},
    "entities-merged-across-articles": {("https://w3id.org/newskg/id/country/JP", "Place", "日本", "2", "0")},
}


@pytest.mark.parametrize("name", sorted(EXAMPLES_EXPECTED))
def test_every_query_answers_the_examples(examples_store, name):
    got = rows(run_named(examples_store, name))
    assert EXAMPLES_EXPECTED[name] <= set(got)
    assert len(got) == len(set(got)), "no row twice, though the union default graph is a bag"


def test_examples_date_range_and_country(examples_store):
    got = rows(run_named(examples_store, "events-by-country-and-date-range",
                         {"country": "jp", "from": "2020-09-15", "to": "2020-10"}))
    assert [r[1] for r in got] == ["通电话", "外长会谈"]


# -- parameters are data, never query text -----------------------------------------------
NASTY = ['"', "'", "}", "#", "\n", "> <", '美国" } UNION { ?s ?p ?o } #', "') } #", "\\", "?person",
         '""" ; DROP ALL ; """']


@pytest.mark.parametrize("name", sorted(PACK))
def test_parameter_values_are_data(sample_store, name, monkeypatch):
    info = load_query(name)
    seen = []
    original = GraphStore.query

    def spy(self, sparql, **kwargs):
        seen.append(sparql)
        return original(self, sparql, **kwargs)

    monkeypatch.setattr(GraphStore, "query", spy)
    before = len(sample_store)
    for param in info.params:
        for value in NASTY:
            answer = run_named(sample_store, name, {param: value})
            assert answer.rows == (), f"{name}: {param}={value!r} matched something"
    assert set(seen) == {info.text}, "the query text never changes"
    assert load_query(name).text == info.text
    assert len(sample_store) == before


# -- errors and formats ------------------------------------------------------------------
def test_malformed_query_error_has_line_and_column(sample_store, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: Bad\n# param x = \"\": x\nSELECT ?s ?x\nWHERE {\n  ?s ?p ?o FILTER(?o = ) }\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"at line 5, column 12:") as caught:
        run_named(sample_store, str(bad))
    assert "  ?s ?p ?o FILTER(?o = ) }" in str(caught.value)


def test_position_comes_from_pyoxigraph_or_from_rdflib():
    text = "SELECT *\nWHERE { ?s ?p ?o }\nLIMIT x"
    with pytest.raises(SyntaxError) as caught:
        ox.Store().query(text)
    assert parse_error_position(caught.value) == (3, 7)
    assert str(query_error(text, caught.value)).startswith("the SPARQL query is malformed at line 3, column 7")
    # a message without a position: rdflib's parser says where it stops
    assert describe_syntax_error(text, "something went wrong").startswith("line 3, column ")


def test_tsv_and_markdown_of_a_pack_answer(sample_store):
    answer = run_named(sample_store, "who-attended-what")
    tsv = format_tsv(answer.variables, answer.rows).splitlines()
    assert tsv[0] == "?date\t?event\t?type\t?place\t?attendee\t?headline"
    assert tsv[1].split("\t")[:3] == ['"2021-03-01"^^<http://www.w3.org/2001/XMLSchema#date>', '"视频会谈"@zh-hans', '"Meeting"']
    markdown = format_markdown(answer.variables, answer.rows).splitlines()
    assert markdown[:2] == ["| date | event | type | place | attendee | headline |", "|---|---|---|---|---|---|"]
    assert markdown[2] == f"| 2021-03-01 | 视频会谈 | Meeting |  | 布林肯 | {HEADLINE} |"


def test_query_runs_on_plain_rdf_files_too(tmp_path, capsys):
    """`kg query FILE`: every export of a build answers as the store does (Turtle merged into
    one graph, the others with their named graphs); an unknown suffix is a clear error."""
    from kg.cli import main
    from kg.errors import StoreError

    out = tmp_path / "out"
    assert main(["build", str(EXAMPLES), "--out", str(out), "--quiet", "--no-view"]) == 0
    capsys.readouterr()
    count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }"
    answers = set()
    for target in (out, out / "graph.nq", out / "graph.trig", out / "graph.ttl", out / "graph.jsonld"):
        assert main(["query", str(target), count, "--format", "csv"]) == 0
        answers.add(capsys.readouterr().out)
    assert answers == {"n\n3\n"}
    with pytest.raises(StoreError, match="known suffix"):
        GraphStore.from_file(out / "rows.csv")
