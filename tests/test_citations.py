"""The citations stage: patterns on short sentences of our own, the gold score, the corpus."""
from __future__ import annotations

import warnings
from collections import Counter

import pytest

from kg.document import BlockKind, Document
from kg.extract.citations import find_citations, same_source
from kg.facts import ArticleMeta, Attribution, EntityType, OrgKind, PartialDate, entity_key
from kg.pipeline import Pipeline, extractors

ANCHOR = PartialDate(2020, 10, 7)


def run(*paragraphs: str, published: PartialDate | None = ANCHOR, publisher: str | None = "大纪元") -> Document:
    meta = ArticleMeta("标题", published=published,
                       publisher=Attribution(publisher) if publisher else None)
    doc = Document.from_blocks("test", [(BlockKind.PARAGRAPH, p) for p in paragraphs], meta, reader="text")
    doc = find_citations(doc)
    for c in doc.citations:
        assert doc.text[c.mention.start : c.mention.end] == c.mention.text
    for e in doc.entities:
        assert all(doc.text[m.start : m.end] == m.text for m in e.mentions)
    return doc


def sources(*paragraphs: str, **kw) -> list[tuple[str, str | None]]:
    doc = run(*paragraphs, **kw)
    names = {e.key: e.name for e in doc.entities}
    return [(names[c.source], c.date.iso if c.date else None) for c in doc.citations]


@pytest.mark.parametrize("text, expected", [
    ("据《亚洲时报》1月10日报导，两国将扩大合作。", [("亚洲时报", "2020-01-10")]),
    ("据路透社报道，谈判已经结束。", [("路透社", None)]),
    ("据法新社报导称，部长已辞职。", [("法新社", None)]),
    ("美联社报导说，会谈没有成果。", [("美联社", None)]),
    ("彭博社报道称，油价上涨。", [("彭博社", None)]),
    ("援引《华尔街日报》的报导，公司将裁员。", [("华尔街日报", None)]),
    ("引述《纽约时报》报导，法案已通过。", [("纽约时报", None)]),
    ("路透社引述知情人士说，交易已完成。", [("路透社", None)]),
    ("根据中央社报导，会议延期。", [("中央社", None)]),
    ("据共同社消息，首相将出访。", [("共同社", None)]),
    ("据《南华早报》披露，官员已被调查。", [("南华早报", None)]),
    ("英国《金融时报》9日撰文指，访问意义重大。", [("金融时报", "2020-10-09")]),
    ("据新华社5日凌晨发通稿称，双方达成共识。", [("新华社", "2020-10-05")]),
    ("美国之音报导，演习持续三天。", [("美国之音", None)]),
    ("《华盛顿邮报》周二（10月6日）报导，调查仍在进行。", [("华盛顿邮报", "2020-10-06")]),
    ("中共官媒新华网称，会谈具有建设性。", [("新华网", None)]),
    ("根据印度国防部发布的声明，双方同意降温。", [("印度国防部", None)]),
    ("根据美国贸易代表办公室（USTR）公布的声明，双方讨论了关税。", [("美国贸易代表办公室", None)]),
    ("世界卫生组织（WHO）发布的最新数据显示，病例增加。", [("世界卫生组织", None)]),
    ("部长昨天在推特上说，他很乐观。", [("推特", "2020-10-06")]),
    ("美联社和《纽约时报》引述官员的话说，计划已取消。", [("美联社", None), ("纽约时报", None)]),
    ("（转自中央社）", [("中央社", None)]),
    ("According to Reuters, the talks ended.", [("路透社", None)]),
    ("不过，现在路透社还报导说，计划有变。", [("路透社", None)]),
])
def test_patterns(text, expected):
    assert sources(text) == expected


@pytest.mark.parametrize("text", [
    "美媒报导，谈判破裂。",
    "外媒报道称，部长辞职。",
    "澳大利亚媒体在7月初曾报导，基地将扩建。",
    "综合媒体报导，峰会延期。",
    "综合台湾媒体消息，部长抵达。",
    "有报导称，官员被捕。",
    "据报导，官员被捕。",
    "据称，官员被捕。",
    "据知情人士透露，官员被捕。",
    "据当地媒体报导，官员被捕。",
    "专家对路透社表示，局势紧张。",
    "他接受美联社采访时说，局势紧张。",
    "部长在《华尔街日报》撰文指出，局势紧张。",
    "《某某实施方案》称，要加强管理。",
    "《孙子兵法》中说，知己知彼。",
    "（大纪元记者王明综合报导）部长周二表示，局势紧张。",
    "根据国际法，该岛属于日本。",
    "数据显示，病例增加。",
    "据该报报导，官员被捕。",
])
def test_unnamed_or_not_cited(text):
    assert sources(text) == []


def test_the_entity_and_the_alias_of_a_country_prefix():
    doc = run("英国《金融时报》9日撰文指，访问意义重大。", "《金融时报》还说，访问意义重大。")
    assert len(doc.citations) == 1
    citation = doc.citations[0]
    assert citation.source == entity_key(EntityType.ORGANIZATION, "金融时报")
    assert citation.mention.text == "金融时报" and citation.mention.rule == "citation.subject"
    entity = doc.entity(citation.source)
    assert entity.org_kind is OrgKind.MEDIA and entity.layer == "pattern" and entity.en == "Financial Times"
    assert "英国金融时报" in entity.aliases and len(entity.mentions) == 2


def test_english_gloss_is_kept():
    doc = run("据《国家脉动》（The National Pulse）报导，消息属实。")
    assert doc.entity(doc.citations[0].source).en == "The National Pulse"


def test_one_citation_per_source_keeping_the_first_date():
    assert sources("据路透社报导，甲。", "路透社5日报导，乙。", "路透社6日报导，丙。") == [("路透社", "2020-10-05")]


def test_an_abbreviation_merges_with_the_full_name():
    found = sources("非洲疾病预防控制中心发布的数据显示，病例增加。", "根据非洲疾控中心在推特上公布的数据，物资已运到。")
    assert found == [("非洲疾病预防控制中心", None)]
    assert same_source("贸易代表办公室", "美国贸易代表办公室") and not same_source("中央社", "中央日报")


def test_the_publisher_byline_is_not_a_citation_but_the_publisher_elsewhere_is():
    assert sources("（大纪元记者王明综合报导）据中央社报导，会议延期。") == [("中央社", None)]
    assert sources("（自由亚洲电台记者王明报导）", publisher="自由亚洲电台") == []


def test_dates_resolve_against_the_dateline_or_stay_empty():
    assert sources("据《亚洲时报》12月30日报导，甲。", published=PartialDate(2021, 1, 5)) == [("亚洲时报", "2020-12-30")]
    assert sources("据《亚洲时报》12月30日报导，甲。", published=None) == [("亚洲时报", None)]


def test_the_stage_is_registered_and_runs_in_a_pipeline():
    assert extractors.get("citations") is find_citations
    assert find_citations.requires == {"text", "meta"} and find_citations.provides == {"citations", "entities"}
    meta = ArticleMeta("t", published=ANCHOR)
    doc = Document.from_blocks("x", [(BlockKind.PARAGRAPH, "据美联社报导，甲。")], meta, reader="text")
    doc = Pipeline.from_names(["citations"])(doc)
    assert {"citations", "entities"} <= doc.provided and len(doc.citations) == 1


# --- the gold articles and the whole corpus -------------------------------------------------

def _read(path):
    from kg.readers import read_path

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_path(path)


def test_gold_citation_score(corpus_dir, gold_dir):
    """Micro P/R/F1 of the sources by the gold rules (the project's evaluator does the matching)."""
    from kg.eval.gold import load_gold
    from kg.eval.score import Counts, match, names_match, norm

    total, dates_right, dates_judged = Counts(), 0, 0
    for gold in load_gold(gold_dir):
        doc = find_citations(_read(corpus_dir / gold.article))
        by_name = {norm(n): e.names for e in gold.entities for n in e.names}
        predicted = []
        for c in doc.citations:
            e = doc.entity(c.source)
            predicted.append(((e.name, *e.aliases, *([e.en] if e.en else [])), c.date.iso if c.date else None))
        m = match(gold.citations, predicted,
                  lambda g, p: names_match(by_name.get(norm(g.source), (g.source,)), p[0]))
        total = total + m.counts
        for i, j in m.pairs.items():
            if not gold.citations[i].optional:
                dates_judged += 1
                dates_right += gold.citations[i].date == predicted[j][1]
    print(f"\ncitations on the gold: P={total.p:.3f} R={total.r:.3f} F1={total.f1:.3f} {total}; "
          f"dates right on matched sources {dates_right}/{dates_judged}")
    assert total.f1 >= 0.8
    assert dates_right >= 0.8 * dates_judged


def test_every_corpus_article(corpus_dir):
    from kg.readers import iter_input_files

    counts, articles = Counter(), 0
    for path in iter_input_files([corpus_dir]):
        doc = find_citations(_read(path))
        articles += 1
        for c in doc.citations:
            assert doc.text[c.mention.start : c.mention.end] == c.mention.text, path
            entity = doc.entity(c.source)
            assert entity is not None and entity.key == c.source, path
            counts[entity.name] += 1
    top = ", ".join(f"{name} {n}" for name, n in counts.most_common(20))
    print(f"\n{articles} articles, {sum(counts.values())} citations; top sources: {top}")
    assert articles >= 500 and sum(counts.values()) > 200
