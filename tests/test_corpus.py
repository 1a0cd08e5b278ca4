"""The whole shared corpus, built once: nothing skipped, valid graph, exact mentions."""
from __future__ import annotations


from kg.settings import Settings
from kg.validate import validate_store

CORPUS_FILES = 559  # (corpus_build, the resolved corpus store, is in conftest.py)


def test_every_article_is_read(corpus_build):
    store, report = corpus_build
    assert report.skipped == [] and report.duplicates == []
    assert len(report.read) == CORPUS_FILES
    assert len(store.article_index()) == CORPUS_FILES  # article graphs (the resolution graph aside)
    short = report.short(Settings().short_body)
    assert 0 < len(short) <= 15, [r.source for r in short]


def test_the_corpus_graph_is_valid(corpus_build):
    report = validate_store(corpus_build[0])
    assert report.conforms, report.text[:3000]


def test_every_mention_quotes_the_article_text_at_its_offsets(corpus_build):
    store = corpus_build[0]
    [row] = store.select("""
        SELECT (COUNT(*) AS ?n) (SUM(IF(SUBSTR(?text, ?b + 1, ?e - ?b) = ?quote, 1, 0)) AS ?ok) WHERE {
          ?m nif:referenceContext ?a ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?quote .
          ?a nif:isString ?text .
        }""")
    assert int(row["n"]) > 1000
    assert row["ok"] == row["n"], f"{int(row['n']) - int(row['ok'])} mentions do not match the text"


def test_every_article_has_title_date_publisher_and_url(corpus_build):
    store = corpus_build[0]
    [row] = store.select("""
        SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {
          ?a a schema:NewsArticle ; schema:headline ?t ; schema:datePublished ?d ; schema:publisher ?p ; schema:url ?u .
        }""")
    assert int(row["n"]) == CORPUS_FILES
