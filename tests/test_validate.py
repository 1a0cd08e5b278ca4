"""Article graphs from kg.rdf.mapping validate against the shapes; broken ones say what is wrong."""
from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.document import BlockKind, Document
from kg.errors import ValidationError
from kg.facts import (
    ArticleMeta, Attribution, Citation, Commitment, CommitmentKind, Entity, EntityType, Event, EventType, Image,
    OrgKind, PartialDate, PlaceKind, Post, Statement, StatementType, entity_key,
)
from kg.rdf import iris
from kg.rdf.mapping import document_graph
from kg.store import GraphStore
from kg.validate import ValidationReport, ontology_path, shapes_path, validate, validate_store
from kg.vocab import KG, NIF, SDO

BLINKEN = entity_key(EntityType.PERSON, "布林肯")
HAYASHI = entity_key(EntityType.PERSON, "林芳正")
USA = entity_key(EntityType.PLACE, "美国")
JAPAN = entity_key(EntityType.PLACE, "日本")
TOKYO = entity_key(EntityType.PLACE, "东京")
TIMES = entity_key(EntityType.ORGANIZATION, "亚洲时报")

BLOCKS = [
    (BlockKind.TITLE, "美日外长东京会谈发表联合声明"),
    # 𠮷 (U+20BB7) lies outside the BMP: one code point in Python and SPARQL, two UTF-16 units,
    # so every offset after it checks that both sides count code points
    (BlockKind.PARAGRAPH, "𠮷田报道：据《亚洲时报》1月10日报导，美国国务卿布林肯1月6日在东京会见日本外务大臣林芳正。"),
    (BlockKind.PARAGRAPH, "双方发表联合声明，承诺加强同盟合作，并反对任何单方面改变现状的行为。"),
    (BlockKind.CAPTION, "布林肯与林芳正在东京握手。"),
    (BlockKind.FOOTER, "责任编辑：王华"),
]


def all_of(doc: Document, word: str, rule: str):
    found, at = [], 0
    while (m := doc.find(word, rule, at)) is not None:
        found.append(m)
        at = m.end
    return tuple(found)


def make_document(url: str = "https://example.org/news/2022/01/10/n1.htm", attendee: str = HAYASHI) -> Document:
    """A short made-up article with one fact of every kind, each with correct mentions."""
    meta = ArticleMeta(title=BLOCKS[0][1], published=PartialDate(2022, 1, 10), source_url=url,
                       publisher=Attribution("大纪元"))
    doc = Document.from_blocks("n1.htm", BLOCKS, meta, reader="html")
    caption = next(b for b in doc.blocks if b.kind is BlockKind.CAPTION)
    doc.meta = replace(meta, editors=(Attribution("王华", doc.find("王华", "meta.editor")),))
    doc.images = (Image("https://example.org/img/n1.jpg", doc.mention(caption.start, caption.end, "image.caption"),
                        credit="路透社"),)
    doc.add_entities([
        Entity(BLINKEN, EntityType.PERSON, "布林肯", all_of(doc, "布林肯", "entity.title_name"), en="Antony Blinken"),
        Entity(HAYASHI, EntityType.PERSON, "林芳正", all_of(doc, "林芳正", "entity.title_name")),
        Entity(USA, EntityType.PLACE, "美国", all_of(doc, "美国", "lexicon.country"), place_kind=PlaceKind.COUNTRY,
               iso_code="US", layer="lexicon"),
        Entity(JAPAN, EntityType.PLACE, "日本", all_of(doc, "日本", "lexicon.country"), place_kind=PlaceKind.COUNTRY,
               iso_code="JP", layer="lexicon"),
        Entity(TOKYO, EntityType.PLACE, "东京", all_of(doc, "东京", "lexicon.city"), place_kind=PlaceKind.CITY,
               layer="lexicon"),
        Entity(TIMES, EntityType.ORGANIZATION, "亚洲时报", all_of(doc, "亚洲时报", "citation.source"),
               org_kind=OrgKind.MEDIA, confidence=0.9),
    ])
    doc.posts = (
        Post(BLINKEN, "国务卿", USA, (doc.find("国务卿", "post.title"),), as_of=PartialDate(2022, 1, 6)),
        Post(HAYASHI, "外务大臣", JAPAN, (doc.find("外务大臣", "post.title"),)),
    )
    doc.events = (Event("meeting", EventType.MEETING, "美日外长会晤", (doc.find("会见", "event.meeting"),),
                        date=PartialDate(2022, 1, 6), place=TOKYO, online=False,
                        participants=(BLINKEN, attendee), countries=(USA, JAPAN)),)
    doc.statements = (Statement(
        "joint", StatementType.JOINT_STATEMENT, "美日联合声明", (doc.find("联合声明", "statement.name", 30),),
        issued_by=(USA, JAPAN), event="meeting", date=PartialDate(2022, 1, 6),
        commitments=(Commitment(CommitmentKind.COMMIT, doc.find("承诺加强同盟合作", "statement.commit")),
                     Commitment(CommitmentKind.OPPOSE, doc.find("反对任何单方面改变现状的行为", "statement.oppose"),
                                confidence=0.8))),)
    doc.citations = (Citation(TIMES, doc.find("据《亚洲时报》1月10日报导", "citation.ju"), date=PartialDate(2022, 1, 10)),)
    return doc


@pytest.fixture
def doc() -> Document:
    return make_document()


@pytest.fixture
def graph(doc) -> Graph:
    return document_graph(doc)


def assert_fails(report: ValidationReport, *words: str) -> None:
    assert not report.conforms
    assert any(all(w in f.message or w in (f.path or "") for w in words) for f in report.results), report.text


def test_files_are_found():
    assert ontology_path().name == "newskg.ttl" and shapes_path().name == "shapes.ttl"


def test_a_mapped_article_conforms(graph):
    assert len(graph) > 100
    report = validate(graph)
    assert report.conforms, report.text
    assert report.results == ()
    report.check()  # does not raise


def test_an_article_in_traditional_characters_conforms():
    meta = ArticleMeta(title="美日会谈")
    doc = Document.from_blocks("t.txt", [(BlockKind.TITLE, "美日会谈"), (BlockKind.PARAGRAPH, "双方会谈。")], meta,
                               reader="text", original=["美日會談", "雙方會談。"])
    doc.add_entities([Entity(USA, EntityType.PLACE, "美国", (), place_kind=PlaceKind.COUNTRY, iso_code="US")])
    doc.events = (Event("talks", EventType.MEETING, "会谈", all_of(doc, "会谈", "event.meeting")),)
    report = validate(document_graph(doc))
    assert report.conforms, report.text


def test_shifted_phrase_offsets_are_reported(doc):
    bad = doc.mention(doc.text.index("林芳正") + 1, doc.text.index("林芳正") + 4, "entity.title_name")
    doc.add_entities([Entity(HAYASHI, EntityType.PERSON, "林芳正", (replace(bad, text="林芳正"),))])
    report = validate(document_graph(doc))
    assert_fails(report, "reads", "林芳正")
    assert all(f"/{bad.start}-{bad.end}-" in f.focus for f in report.results), report.text


def test_offsets_that_do_not_fit_the_words_are_reported(graph, doc):
    start = doc.text.index("布林肯")
    phrase = iris.mention_iri(doc.slug, start, start + 3, "entity.title_name")
    graph.set((phrase, NIF.endIndex, Literal(start + 5, datatype=XSD.integer)))
    report = validate(graph)
    assert_fails(report, "do not fit", "布林肯")
    assert_fails(report, "reads")


def test_a_missing_headline_is_reported(graph, doc):
    graph.remove((iris.article_iri(doc.slug), SDO.headline, None))
    report = validate(graph)
    assert_fails(report, "schema:headline")
    assert report.results[0].path == "schema:headline"
    with pytest.raises(ValidationError, match="headline"):
        report.check()


def test_a_commitment_without_kind_is_reported(graph):
    commitment = next(graph.subjects(KG.commitmentKind, KG.Commit))
    graph.remove((commitment, KG.commitmentKind, None))
    assert_fails(validate(graph), "kg:commitmentKind")


def test_a_commitment_of_unknown_kind_is_reported(graph):
    commitment = next(graph.subjects(KG.commitmentKind, KG.Commit))
    graph.set((commitment, KG.commitmentKind, KG.Former))
    assert_fails(validate(graph), "kg:commitmentKind", "kg:Former")


def test_a_cited_report_without_source_is_reported(graph):
    report = next(graph.objects(None, SDO.citation))
    graph.remove((report, SDO.publisher, None))
    assert_fails(validate(graph), "kg:CitedReport", "schema:publisher")


def test_an_attendee_that_is_a_place_is_reported():
    report = validate(document_graph(make_document(attendee=TOKYO)))
    assert_fails(report, "schema:attendee", "schema:Person")
    (finding,) = report.results
    assert "/event/" in finding.focus and finding.path == "schema:attendee" and finding.severity == "Violation"


def test_the_mapping_never_links_to_an_event_it_did_not_write(doc):
    doc.statements = (replace(doc.statements[0], event="no-such-event"),)
    graph = document_graph(doc)
    assert not list(graph.triples((None, KG.issuedAt, None)))
    assert validate(graph).conforms


def test_a_statement_issued_at_an_unknown_event_is_reported(doc):
    graph = document_graph(doc)
    statement = next(graph.subjects(KG.issuedAt, None))
    graph.set((statement, KG.issuedAt, URIRef("https://w3id.org/newskg/id/event/elsewhere/x")))
    assert_fails(validate(graph), "kg:issuedAt", "same graph")


def test_an_impossible_date_is_refused_at_the_source():
    with pytest.raises(ValueError):
        PartialDate(2022, 2, 30)


def test_an_impossible_date_is_reported_quietly(doc, caplog):
    graph = document_graph(doc)
    article = next(graph.subjects(SDO.datePublished, None))
    graph.set((article, SDO.datePublished, Literal("2022-02-30", datatype=XSD.date)))
    store = GraphStore()
    store.put_graph(graph)
    caplog.clear()
    report = validate_store(store)
    assert_fails(report, "schema:datePublished", "2022-02-30")
    assert not [r for r in caplog.records if r.name.startswith("rdflib")], "rdflib logged what the report says"


def test_a_dataset_is_validated_graph_by_graph(doc):
    dataset = Dataset()
    for d in (doc, make_document("https://example.org/news/2")):
        target = dataset.graph(document_graph(d).identifier)
        target += document_graph(d)
    assert validate(dataset).conforms
    dataset.graph(iris.graph_iri(doc.slug)).remove((iris.article_iri(doc.slug), SDO.headline, None))
    report = validate(dataset)
    assert_fails(report, "schema:headline")
    assert report.text.startswith("Does not conform: 2 graph(s), 1 violation(s)"), report.text


def test_validate_store_checks_each_graph_and_the_phrase_offsets_in_the_store(doc):
    good = document_graph(make_document("https://example.org/news/good"))
    broken = document_graph(doc)
    start = doc.text.index("布林肯")
    phrase = iris.mention_iri(doc.slug, start, start + 3, "entity.title_name")
    broken.set((phrase, NIF.beginIndex, Literal(start + 1, datatype=XSD.integer)))
    broken.remove((iris.article_iri(doc.slug), SDO.headline, None))
    store = GraphStore()
    store.put_graph(good)
    store.put_graph(broken)

    report = validate_store(store)
    assert_fails(report, "schema:headline")
    assert_fails(report, "do not fit")
    assert_fails(report, "reads", "林肯")
    assert report.text.startswith("Does not conform: 2 graph(s), 3 violation(s)"), report.text
    assert all(doc.slug in f.focus for f in report.results)

    assert validate_store(store, graphs=[str(good.identifier)]).conforms
    assert not validate_store(store, graphs=[str(broken.identifier)]).conforms


def test_a_graph_read_back_from_the_store_still_conforms(graph):
    store = GraphStore()
    store.put_graph(graph)
    report = validate_store(store)
    assert report.conforms, report.text
