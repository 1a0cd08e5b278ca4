"""Made-up documents for the graph page: hostile text, and many articles shaped like the corpus.

Names and sentences are generated here (never copied from the corpus); mentions are
computed from the generated text, so every offset is right.
"""
from __future__ import annotations

import random

from kg.document import BlockKind, Document
from kg.facts import (
    ArticleMeta, Attribution, Commitment, CommitmentKind, Entity, EntityType, Event, EventType, PartialDate,
    PlaceKind, Post, Statement, StatementType, entity_key,
)

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
COUNTRIES = [("美国", "US"), ("日本", "JP"), ("中国", "CN"), ("英国", "GB"), ("法国", "FR"), ("德国", "DE"),
             ("印度", "IN"), ("澳大利亚", "AU"), ("韩国", "KR"), ("俄罗斯", "RU"), ("加拿大", "CA"),
             ("意大利", "IT"), ("越南", "VN"), ("菲律宾", "PH"), ("泰国", "TH"), ("印尼", "ID"), ("巴西", "BR"),
             ("南非", "ZA"), ("土耳其", "TR"), ("伊朗", "IR"), ("以色列", "IL"), ("埃及", "EG"), ("墨西哥", "MX"),
             ("西班牙", "ES"), ("荷兰", "NL"), ("波兰", "PL"), ("乌克兰", "UA"), ("新加坡", "SG")]
MEDIA = ["甲报", "乙台", "丙网", "丁社", "戊刊"]
TITLES = ["外长", "总统", "总理", "国防部长", "大使"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


class _Text:
    """Builds an article's text piece by piece and remembers where each named piece is."""

    def __init__(self, title: str):
        self.title, self.parts, self.at = title, [], len(title) + 1

    def add(self, piece: str) -> tuple[int, int]:
        start = self.at
        self.parts.append(piece)
        self.at += len(piece)
        return start, self.at

    def document(self, source: str) -> Document:
        return Document.from_blocks(source, [(BlockKind.TITLE, self.title), (BlockKind.PARAGRAPH, "".join(self.parts))],
                                    ArticleMeta(title=self.title), reader="test")


def hostile_document() -> Document:
    """An article whose title, names, aliases and sentences are markup and script."""
    text = _Text(IMG + SCRIPT)
    spans = {"pub": text.add("甲报"), "x": text.add("讯，"), "evil": text.add(SCRIPT), "say": text.add("说，"),
             "person": text.add("布林肯"), "with": text.add("与"), "img": text.add(IMG), "meet": text.add("会谈"),
             "end": text.add("。")}
    doc = text.document("evil.md")

    def at(name: str, rule: str):
        return doc.mention(*spans[name], rule)

    person, org, other = entity_key("Person", "布林肯"), entity_key("Organization", SCRIPT), entity_key("Person", IMG)
    doc.meta = ArticleMeta(title=IMG + SCRIPT, published=PartialDate(2021, 3, 2), source_url="https://x.example/a.html?q='onmouseover=alert(1)",
                           publisher=Attribution("甲报", at("pub", "meta.publisher")))
    doc.entities = (Entity(person, EntityType.PERSON, "布林肯", (at("person", "test.person"),), aliases=(SCRIPT,), en=IMG),
                    Entity(org, EntityType.ORGANIZATION, SCRIPT, (at("evil", "test.<rule>"),)),
                    Entity(other, EntityType.PERSON, IMG, (at("img", "test.person"),)))
    doc.events = (Event("e", EventType.MEETING, IMG, (at("meet", "test.event"),), participants=(person, other)),)
    return doc


def corpus_like_documents(articles: int, seed: int = 7) -> list[Document]:
    """``articles`` generated articles: a few publishers, recurring people, meetings, statements."""
    rng = random.Random(seed)
    people = [(f"{s}{g}{h}", f"{s}{g}{h}".encode().hex()[:6]) for s in SURNAMES for g in GIVEN for h in GIVEN[:3]]
    rng.shuffle(people)
    people = people[: max(articles * 3, 30)]
    weights = [1 / (i + 1) for i in range(len(people))]  # a few people in many articles, most in one
    return [_article(rng, n, people, weights) for n in range(articles)]


def _article(rng: random.Random, n: int, people, weights) -> Document:
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    media = MEDIA[n % len(MEDIA)]
    text = _Text(f"第{n}号新闻：各国官员会谈")
    pub = text.add(f"【{media}{month}月{day}日讯】")
    plan = []
    for k in range(rng.randint(2, 5)):
        (c1, iso1), (c2, iso2) = rng.sample(COUNTRIES, 2)
        (p1, e1), (p2, e2) = rng.choices(people, weights, k=2)
        t1, t2 = rng.choice(TITLES), rng.choice(TITLES)
        spans = [text.add(c1), text.add(t1), text.add(p1), text.add("与"), text.add(c2), text.add(t2), text.add(p2),
                 text.add("举行会谈"), text.add("。"), text.add("双方同意加强合作"), text.add("。")]
        plan.append((k, (c1, iso1, t1, p1, e1), (c2, iso2, t2, p2, e2), spans))
    doc = text.document(f"synthetic/{n}.md")
    doc.meta = ArticleMeta(title=text.title, published=PartialDate(2020, month, day), source_url=f"https://news.example.org/{n}.html",
                           publisher=Attribution(media, doc.mention(pub[0] + 1, pub[0] + 1 + len(media), "meta.publisher")))
    entities, posts, events, statements = {}, [], [], []
    for k, one, two, spans in plan:
        keys = []
        for (country, iso, title, person, en), (c, t, p) in ((one, spans[0:3]), (two, spans[4:7])):
            ckey, pkey = entity_key("Place", country), entity_key("Person", person)
            entities.setdefault(ckey, Entity(ckey, EntityType.PLACE, country, (doc.mention(*c, "test.country"),),
                                             place_kind=PlaceKind.COUNTRY, iso_code=iso))
            entities.setdefault(pkey, Entity(pkey, EntityType.PERSON, person, (doc.mention(*p, "test.person"),),
                                             en=f"P. {en}" if int(en, 16) % 3 else None))
            posts.append(Post(pkey, title, ckey, (doc.mention(c[0], p[1], "test.post"),)))
            keys.append((ckey, pkey))
        meeting = doc.mention(spans[7][0] + 2, spans[7][1], "test.event")
        events.append(Event(f"m{k}", EventType.MEETING, "会谈", (meeting,), date=doc.meta.published,
                            participants=(keys[0][1], keys[1][1]), countries=(keys[0][0], keys[1][0])))
        quote = doc.mention(spans[9][0] + 2, spans[9][1], "test.commitment")
        statements.append(Statement(f"s{k}", StatementType.STATEMENT, "会谈成果", (doc.mention(*spans[9], "test.statement"),),
                                    issued_by=(keys[0][0], keys[1][0]), event=f"m{k}",
                                    commitments=(Commitment(CommitmentKind.AGREE, quote),)))
    doc.entities, doc.posts = tuple(entities.values()), tuple(dict.fromkeys(posts))
    doc.events, doc.statements = tuple(events), tuple(statements)
    return doc
