"""The graph page without a browser: offline, legend, data intact, injection-proof, focus, determinism."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from kg.rdf.mapping import document_graph
from kg.store import GraphStore
from kg.view import FocusNotFoundError, build_graph, export_gexf, export_graphml, render_view
from kg.view.graph import KINDS
from kg.view.page import STYLES, render_html
from tests.factories import sample_document
from tests.view_factories import IMG, SCRIPT, corpus_like_documents, hostile_document

DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def store_of(*docs) -> GraphStore:
    store = GraphStore()
    for doc in docs:
        store.put_graph(document_graph(doc))
    return store


def two_articles():
    return (sample_document(), sample_document("https://news.example.org/a/2.html", "a/2.md"))


def page_of(store: GraphStore, tmp_path, **options) -> str:
    out = tmp_path / "graph.html"
    render_view(store, out, **options)
    return out.read_text(encoding="utf-8")


def data_of(page: str) -> dict:
    return json.loads(DATA.search(page).group(1))


@pytest.fixture(scope="module")
def sample_store() -> GraphStore:
    return store_of(*two_articles())


@pytest.fixture(scope="module")
def sample_page(sample_store, tmp_path_factory) -> str:
    return page_of(sample_store, tmp_path_factory.mktemp("page"))


def test_page_requests_nothing_from_the_network(sample_page):
    assert not re.search(r"<script[^>]*\bsrc\s*=", sample_page, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=", sample_page, re.I)
    assert not re.search(r"@import", sample_page, re.I)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", sample_page, re.I)
    assert not re.search(r"\b(src|href)\s*=\s*['\"]?\s*(https?:)?//", sample_page, re.I)
    assert not re.search(r"cdn\.|bootstrap|fonts\.googleapis", sample_page, re.I)
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', sample_page).group(1)
    csp = csp.replace("&#x27;", "'")
    assert "default-src 'none'" in csp and "connect-src" not in csp
    scripts = re.search(r"script-src ([^;]+);", csp).group(1).split()
    assert len(scripts) == 3 and all(s.startswith("'sha256-") for s in scripts), "only our three scripts may run"


def test_legend_shows_every_type_with_its_colour_and_shape(sample_page):
    legend = re.search(r'<ul id="kg-legend">(.*?)</ul>', sample_page, re.S).group(1)
    for kind in KINDS:
        shape, colour, zh, en = STYLES[kind]
        row = re.search(rf'<li class="kg-kind" data-kind="{kind}" data-shape="{shape}" data-color="{colour}">(.*?)</li>',
                        legend, re.S)
        assert row, f"{kind} missing from the legend"
        assert f'fill="{colour}"' in row.group(1) and zh in row.group(1) and en in row.group(1)
    assert len({s for s, *_ in STYLES.values()}) == len(KINDS) == len({c for _, c, *_ in STYLES.values()})


def test_data_parses_back_with_every_node_and_edge(sample_store, sample_page):
    graph, data = build_graph(sample_store), data_of(sample_page)
    assert len(data["nodes"]) == len(data["info"]) == graph.number_of_nodes() == 16  # events etc. are per article
    assert len(data["edges"]) == graph.number_of_edges()
    assert {i["kind"] for i in data["info"]} == set(KINDS)
    assert [n["id"] for n in data["nodes"]] == list(range(len(data["nodes"])))
    labels = {n["label"] for n in data["nodes"]}
    assert {"布林肯", "美国", "视频会谈", "会谈成果"} <= labels
    assert [a["title"] for a in data["articles"]] == ["两国外长举行会谈"] * 2


def test_edges_are_named_by_relation_with_evidence(sample_store):
    graph = build_graph(sample_store)
    by_label = {(graph.nodes[s]["label"], d["label"], graph.nodes[o]["label"]): d for s, o, d in graph.edges(data=True)}
    post = by_label[("布林肯", "国务卿", "美国")]
    assert post["relation"] == "holds_post" and post["evidence_count"] == 2  # one mention in each article
    assert post["evidence"][0].quote == "美国国务卿布林肯" and post["evidence"][0].rule == "test.post"
    assert post["evidence"][0].sentence.endswith("3月1日与日本外相茂木敏充举行视频会谈。")
    relations = {d["relation"] for _, _, d in graph.edges(data=True)}
    assert relations == {"holds_post", "attended", "participating_country", "issued", "issued_at", "committed",
                         "cites", "reports", "published_by", "written_by", "edited_by"}


def test_english_names_are_shown_beside_chinese_ones(tmp_path):
    from dataclasses import replace

    doc = sample_document()
    doc.entities = tuple(replace(e, en="Antony Blinken") if e.name == "布林肯" else e for e in doc.entities)
    data = data_of(page_of(store_of(doc), tmp_path))
    assert "布林肯 / Antony Blinken" in {n["label"] for n in data["nodes"]}


@pytest.mark.parametrize("raw", [IMG, SCRIPT, "<script>alert(1)"])
def test_text_from_articles_never_appears_as_markup(raw, tmp_path):
    page = page_of(store_of(hostile_document()), tmp_path)
    assert raw not in page
    assert len(re.findall(r"^<script\b", page, re.M)) == 4 == page.count("</script>")  # data, vis-network, tips, view
    data = data_of(page)
    names = [i["name"] for i in data["info"]] + [a["title"] for a in data["articles"]]
    assert any(raw in text for text in names + data["texts"]), "the text itself survives, as data"


def test_hostile_focus_name_in_the_heading_is_escaped(tmp_path):
    page = page_of(store_of(hostile_document()), tmp_path, focus=IMG, depth=1)
    assert IMG not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_focus_keeps_only_the_neighbourhood(sample_store, tmp_path):
    graph = build_graph(sample_store)
    blinken = next(n for n, d in graph.nodes(data=True) if d["label"] == "布林肯")
    for depth in (1, 2):
        out = tmp_path / f"focus{depth}.html"
        report = render_view(sample_store, out, focus="布林肯", depth=depth)
        expected = nx.ego_graph(graph.to_undirected(), blinken, radius=depth)
        data = data_of(out.read_text(encoding="utf-8"))
        assert {i["name"] for i in data["info"]} == {graph.nodes[n]["label"] for n in expected}
        assert report.nodes == len(expected) and report.focus == ("布林肯",)
    assert report.nodes < graph.number_of_nodes()


def test_focus_matches_aliases_case_insensitively(tmp_path):
    report = render_view(store_of(hostile_document()), tmp_path / "f.html", focus=IMG.upper(), depth=1)
    assert set(report.focus) == {"布林肯", IMG}  # its English name, and the person named so


def test_unknown_focus_is_an_error_that_says_what_to_do(sample_store, tmp_path):
    with pytest.raises(FocusNotFoundError, match="search box"):
        render_view(sample_store, tmp_path / "x.html", focus="不存在的人")


def test_same_store_same_bytes(tmp_path):
    first = page_of(store_of(*two_articles()), tmp_path)
    again = page_of(store_of(*reversed(two_articles())), tmp_path)
    assert first == again


def test_large_graphs_are_laid_out_beforehand_and_drawn_in_part(tmp_path):
    graph = build_graph(store_of(*corpus_like_documents(20)))
    page, stats = render_html(graph, max_nodes=100, precompute_above=200)
    data = data_of(page)
    assert graph.number_of_nodes() > 200 and stats["layout"] == "precomputed" and stats["drawn"] == 100
    assert data["options"]["physics"] == {"enabled": False} and data["precomputed"] and data["maxNodes"] == 100
    assert len(data["nodes"]) == graph.number_of_nodes(), "all nodes ship, for search and focus"
    assert all("x" in n and "y" in n for n in data["nodes"]), "every node, drawn or found later, has a place"
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])
    reports = data["relations"].index(next(r for r in data["relations"] if r["key"] == "reports"))
    prominence = [len([e for e in data["edges"] if n["id"] == e[1] or n["id"] == e[0] and
                       not (e[2] == reports and data["info"][n["id"]]["kind"] == "article")]) for n in data["nodes"]]
    assert prominence == sorted(prominence, reverse=True), "node ids are ranks: the best connected come first"
    assert render_html(graph, max_nodes=100, precompute_above=200)[0] == page


def test_gephi_exports_read_back(sample_store, tmp_path):
    graph = build_graph(sample_store)
    graphml = nx.read_graphml(export_graphml(sample_store, tmp_path / "g.graphml"))
    assert graphml.number_of_nodes() == graph.number_of_nodes()
    assert graphml.number_of_edges() == graph.number_of_edges()
    gexf = export_gexf(sample_store, tmp_path / "g.gexf")
    ET.parse(gexf)  # well-formed
    assert nx.read_gexf(gexf).number_of_nodes() == graph.number_of_nodes()
    labels = {d["label"] for _, d in graphml.nodes(data=True)}
    assert "布林肯" in labels
    edge = next(d for _, _, d in graphml.edges(data=True) if d["label"] == "国务卿")
    assert "美国国务卿布林肯" in edge["evidence"] and "test.post" in edge["evidence"]
    again = export_graphml(sample_store, tmp_path / "h.graphml", graph=graph)  # a graph already built
    assert again.read_bytes() == (tmp_path / "g.graphml").read_bytes()


def test_layout_without_numpy_still_places_every_node(monkeypatch):
    from kg.view import layout

    def no_numpy(*args, **kwargs):
        raise ImportError("numpy")

    monkeypatch.setattr(layout.nx, "spring_layout", no_numpy)
    graph = nx.star_graph(30)
    nx.add_path(graph, [100, 101, 102])  # a component without a hub
    pos = layout.precomputed_layout(graph, hubs=3)
    assert set(pos) == set(graph) and len(set(pos.values())) == len(pos)


def test_out_of_range_options_are_usage_errors(sample_store, tmp_path):
    from kg.view import ViewOptionError

    for options in ({"depth": -1}, {"max_nodes": 0}):
        with pytest.raises(ViewOptionError) as error:
            render_view(sample_store, tmp_path / "x.html", **options)
        assert error.value.exit_code == 2
