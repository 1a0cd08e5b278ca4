"""Small hand-written documents for tests that must not depend on the corpus or the readers."""
from __future__ import annotations

from kg.document import BlockKind, Document
from kg.facts import (
    ArticleMeta, Attribution, Citation, Commitment, CommitmentKind, Entity, EntityType, Event,
    EventType, PartialDate, PlaceKind, Post, Statement, StatementType, entity_key,
)

TITLE = "两国外长举行会谈"
BODY = ("【示例新闻2021年3月2日讯】（示例新闻记者张三报导）美国国务卿布林肯3月1日与日本外相茂木敏充举行视频会谈。"
        "据《示例时报》报导，双方同意加强合作。")
FOOTER = "责任编辑：李四"


def sample_document(url: str = "https://news.example.org/a/1.html", source: str = "a/1.md") -> Document:
    """A document with one of every kind of fact, spans computed from the text."""
    doc = Document.from_blocks(source, [(BlockKind.TITLE, TITLE), (BlockKind.PARAGRAPH, BODY),
                                        (BlockKind.FOOTER, FOOTER)],
                               ArticleMeta(title=TITLE), reader="test")

    def at(word: str, rule: str, nth: int = 0):
        start = -1
        for _ in range(nth + 1):
            start = doc.text.index(word, start + 1)
        return doc.mention(start, start + len(word), rule)

    doc.meta = ArticleMeta(
        title=TITLE, published=PartialDate(2021, 3, 2), source_url=url,
        publisher=Attribution("示例新闻", at("示例新闻", "meta.publisher")),
        authors=(Attribution("张三", at("张三", "meta.byline")),),
        editors=(Attribution("李四", at("李四", "meta.editor")),),
        dateline=at("【示例新闻2021年3月2日讯】", "meta.dateline"))
    usa, japan = entity_key("Place", "美国"), entity_key("Place", "日本")
    blinken, motegi = entity_key("Person", "布林肯"), entity_key("Person", "茂木敏充")
    times = entity_key("Organization", "示例时报")
    doc.entities = (
        Entity(usa, EntityType.PLACE, "美国", (at("美国", "test.country"),), place_kind=PlaceKind.COUNTRY, iso_code="US"),
        Entity(japan, EntityType.PLACE, "日本", (at("日本", "test.country"),), place_kind=PlaceKind.COUNTRY, iso_code="JP"),
        Entity(blinken, EntityType.PERSON, "布林肯", (at("布林肯", "test.person"),)),
        Entity(motegi, EntityType.PERSON, "茂木敏充", (at("茂木敏充", "test.person"),)),
        Entity(times, EntityType.ORGANIZATION, "示例时报", (at("示例时报", "test.media"),)),
    )
    doc.posts = (Post(blinken, "国务卿", usa, (at("美国国务卿布林肯", "test.post"),), as_of=PartialDate(2021, 3, 1)),)
    doc.events = (Event("talks", EventType.MEETING, "视频会谈", (at("视频会谈", "test.event"),),
                        date=PartialDate(2021, 3, 1), online=True, participants=(blinken, motegi),
                        countries=(usa, japan)),)
    doc.statements = (Statement("st", StatementType.STATEMENT, "会谈成果", (at("双方同意加强合作", "test.statement"),),
                                issued_by=(usa, japan), date=PartialDate(2021, 3, 1), event="talks",
                                commitments=(Commitment(CommitmentKind.AGREE, at("同意加强合作", "test.commitment")),)),)
    doc.citations = (Citation(times, at("示例时报", "test.citation"), date=None),)
    return doc
