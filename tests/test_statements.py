"""The statements stage: statement nouns, verb classes, points with their kinds and quotes.

Short made-up sentences; the corpus test at the end scores the gold articles through the
project's evaluator (skipped when ../shared is missing, failing under CI).
"""
from __future__ import annotations

import pytest

from kg.document import BlockKind, Document
from kg.facts import ArticleMeta, CommitmentKind, PartialDate, StatementType
from kg.extract.events import events_stage
from kg.extract.statements import extract_statements, statements_stage
from kg.lang.zh import commitments as lex

from .test_events import PAIR, PAIR_POSTS, make_doc, place


def run(doc: Document) -> Document:
    return statements_stage(events_stage(doc))


def points(doc: Document) -> list[tuple[str, str]]:
    return [(c.kind.value, c.quote.text) for s in doc.statements for c in s.commitments]


# -- the lexicon ----------------------------------------------------------------------------
def test_every_commitment_kind_has_verbs_and_every_verb_is_found():
    assert set(lex.VERB_CLASSES) == set(CommitmentKind)
    for kind, verbs in lex.VERB_CLASSES.items():
        assert verbs, kind
        for verb in verbs:
            assert lex.verb_kind(lex.VERB_PATTERN.match(verb).group()) is not None, verb


def test_every_statement_type_has_a_noun():
    assert set(lex.STATEMENT_NOUNS.values()) == set(StatementType)
    assert lex.STATEMENT_PATTERN.search("发表联合公报").group() == "联合公报"


@pytest.mark.parametrize("verb, kind", [("承诺", "commit"), ("致力于", "commit"), ("一致同意", "agree"),
                                        ("决心", "resolve"), ("重申", "emphasize"), ("欢迎", "welcome"),
                                        ("注意到", "note"), ("谴责", "oppose"), ("敦促", "other")])
def test_verb_classes(verb, kind):
    assert lex.kind_of(verb) == kind


# -- statements and points ------------------------------------------------------------------
JOINT = ["布林肯与茂木10月6日举行会谈，并发表联合声明。",
         "声明表示，双方承诺加强网络安全领域的合作，同意建立定期磋商机制，并欢迎第三国参与相关项目。",
         "“两国强调维护地区和平稳定的重要性，反对任何单方面改变现状的行为。”"]


def test_a_joint_statement_has_points_of_several_kinds_with_exact_quotes():
    doc = run(make_doc(JOINT, PAIR, PAIR_POSTS))
    (statement,) = doc.statements
    assert statement.type is StatementType.JOINT_STATEMENT
    assert statement.event == doc.events[0].key and statement.date == PartialDate(2020, 10, 6)
    assert points(doc) == [("commit", "加强网络安全领域的合作"), ("agree", "建立定期磋商机制"),
                           ("welcome", "第三国参与相关项目"), ("emphasize", "维护地区和平稳定的重要性"),
                           ("oppose", "任何单方面改变现状的行为")]
    for c in statement.commitments:
        assert doc.text[c.quote.start:c.quote.end] == c.quote.text
        assert c.quote.rule == f"commitment.verb.{c.kind.value}"


def test_shuangfang_stands_for_the_two_countries_of_the_event():
    doc = run(make_doc(["布林肯与茂木10月6日通电话。双方同意加强在太空领域的合作。"], PAIR, PAIR_POSTS))
    (statement,) = doc.statements
    assert set(statement.issued_by) == {place("美国"), place("日本")}
    assert points(doc) == [("agree", "加强在太空领域的合作")]


def test_the_issuer_is_the_state_or_organisation_named():
    doc = run(make_doc(["美国政府10月6日发表声明称，将继续支持盟友。"], {"美国": PAIR["美国"]}))
    (statement,) = doc.statements
    assert statement.issued_by == (place("美国"),) and statement.type is StatementType.STATEMENT


def test_a_point_said_twice_is_one_point():
    paragraphs = ["两国发表联合声明，重申维护自由开放的印太地区。", "声明重申维护自由开放的印太地区。"]
    doc = run(make_doc(paragraphs, PAIR))
    assert points(doc) == [("emphasize", "维护自由开放的印太地区")]


def test_a_strong_verb_wins_over_a_verb_of_saying():
    doc = run(make_doc(["声明指出，日本表示决心审查国防所需的所有选项。"], PAIR))
    assert points(doc) == [("resolve", "审查国防所需的所有选项")]


@pytest.mark.parametrize("text", ["布林肯表示，双边关系十分重要。", "会后两国并未发表联合声明。",
                                  "这份协议的内容尚未公开。"])
def test_not_every_saying_is_a_statement(text):
    assert run(make_doc([text], PAIR, PAIR_POSTS)).statements == ()


def test_the_stage_is_repeatable_and_an_empty_document_has_no_statements():
    doc = run(make_doc(JOINT, PAIR, PAIR_POSTS))
    assert extract_statements(doc) == doc.statements
    empty = Document.from_blocks("empty.txt", [(BlockKind.TITLE, "")], ArticleMeta(title=""), reader="text")
    assert run(empty).statements == ()


# -- the corpus -----------------------------------------------------------------------------
def test_gold_articles_reach_the_f1_targets(corpus_dir, gold_dir):
    from kg.eval import evaluate_corpus
    from kg.settings import Settings

    result = evaluate_corpus(gold_dir, corpus_dir,
                             Settings(extractors=("entities", "posts", "events", "statements", "citations")))
    assert not result.problems
    for field in ("events", "participants", "commitments"):
        assert result.total[field].f1 >= 0.70, (field, result.total[field])
