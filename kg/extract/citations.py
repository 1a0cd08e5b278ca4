"""The citations stage: which named sources an article reports from, and when they said it.

Patterns are data in :mod:`kg.lang.zh.citations`. The rules, in the order they are tried:

- ``citation.according``: 据/根据 + source + verb (据《亚洲时报》1月10日报导, 根据印度国防部发布的声明);
- ``citation.subject``: a known outlet or a 《title》 as subject (美联社报导, 英国《金融时报》9日撰文);
- ``citation.data``: a body's own published data (X（官方）推特公布的最新数据显示);
- ``citation.reprint``: the article is reprinted from an outlet (（转自中央社）);
- ``citation.platform``: someone said it on a social platform (X在推特上说: the platform is cited);
- ``citation.english``: "according to X" in English text.

A source counts once per article (repeated and abbreviated mentions merge, 非洲疾控中心 into
非洲疾病预防控制中心); its date is the first date written inside a citing phrase, resolved
against the dateline. The article's own publisher in its byline is not a citation.

>>> from kg.document import Document, BlockKind
>>> from kg.facts import ArticleMeta, PartialDate
>>> doc = Document.from_blocks("x", [(BlockKind.PARAGRAPH, "据英国《金融时报》9日报导，会谈取消。")],
...                            ArticleMeta("t", published=PartialDate(2020, 8, 10)), reader="text")
>>> [(c.source, c.mention.text, c.date.iso) for c in find_citations(doc).citations]
[('Organization:金融时报', '金融时报', '2020-08-09')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.document import Document
from kg.extract.dates import DateMention, find_dates
from kg.facts import Citation, Entity, EntityType, Mention, OrgKind, PartialDate, entity_key, normalize_name
from kg.lang.zh import citations as zh
from kg.pipeline import extractors, stage

__all__ = ["find_citations", "same_source"]

# Atomic: 日经亚洲评论 must not fall back to its alias 日经亚洲 followed by the verb 评论.
_KNOWN = "(?>" + "|".join(map(re.escape, zh.MEDIA_FORMS)) + ")"
_PFX_WORDS = zh.PREFIX[:-1].replace("(?P<country>", "(?:")  # unnamed, no end anchor


def _source(n: int) -> str:
    """Pattern of one source with groups numbered ``n``: 《title》, known outlet, body, Latin name."""
    return (rf"(?:(?P<pfx{n}>{_PFX_WORDS})(?:《(?P<title{n}>[^》\n]{{1,20}})》|(?P<known{n}>{_KNOWN}))"
            rf"|(?P<org{n}>{zh.ORG_NAME})|(?P<latin{n}>{zh.LATIN_NAME}))"
            rf"(?:{zh.ENGLISH_GLOSS.replace('<en>', f'<en{n}>')})?")


_AND = r"(?:和|与|及|以及|、)"
_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("citation.according", re.compile(
        rf"(?:{zh.ACCORDING}|(?:^|(?<=[。，；：\n！？]))(?:{zh.ACCORDING_AT_CLAUSE_START}))"
        rf"{_source(0)}(?:{_AND}{_source(1)})?{zh.FILLER}(?P<verb>{zh.ACCORDING_VERBS})", re.M)),
    ("citation.subject", re.compile(
        rf"(?P<pfx0>{_PFX_WORDS})(?:《(?P<title0>[^》\n]{{1,20}})》|(?P<known0>{_KNOWN}))"
        rf"(?:{zh.ENGLISH_GLOSS.replace('<en>', '<en0>')})?"
        rf"(?:{_AND}{_source(1)})?{zh.FILLER}(?P<verb>{zh.SUBJECT_VERBS})")),
    ("citation.data", re.compile(
        rf"(?:^|(?<=[。，；：\n！？”]))(?P<org0>{zh.ORG_NAME})(?:{zh.ENGLISH_GLOSS.replace('<en>', '<en0>')})?"
        rf"(?:官方)?在?(?:推特|网站|官网|脸书)?上?(?:公布|发布|发表)的[^，。\n]{{0,10}}?"
        rf"(?:{zh.DATA_NOUNS})(?P<verb>{zh.DATA_VERBS})", re.M)),
    ("citation.reprint", re.compile(rf"{zh.REPRINT}(?P<pfx0>{_PFX_WORDS})(?:《(?P<title0>[^》\n]{{1,20}})》"
                                    rf"|(?P<known0>{_KNOWN}))")),
    ("citation.platform", re.compile(
        rf"(?P<platform0>{'|'.join(zh.PLATFORMS)})(?:上|帐号|账号|帐户|账户)?(?:{zh.FILLER})(?P<verb>{zh.PLATFORM_VERBS})")),
    ("citation.english", re.compile(zh.ENGLISH_ACCORDING)),
]


@dataclass(frozen=True, slots=True)
class _Hit:
    """One mention of a source, before mentions of the same source are merged."""

    name: str  # canonical name
    mention: Mention
    date: PartialDate | None
    kind: OrgKind | None = OrgKind.MEDIA
    en: str | None = None
    aliases: tuple[str, ...] = ()
    confidence: float = 1.0


def _is_generic(name: str) -> bool:
    return name.startswith(zh.GENERIC_START) or name.endswith(zh.GENERIC_END) or len(name) < 2


def _publication_like(title: str) -> bool:
    """Whether a 《title》 names an outlet or a body rather than a book or a document."""
    if _is_generic(title):
        return False
    return title.isascii() or title in zh.MEDIA or title.endswith(zh.MEDIA_TITLE_END + tuple(zh.ORG_SUFFIXES))


def _opens_clause(text: str, start: int) -> bool:
    """Whether a bare outlet name at ``start`` begins its clause (美联社报导, 不过美国之音表示)."""
    before = text[_clause_start(text, start) : start].strip(" “”\"'「」|")
    if not before or before[-1] in "）)】":  # after a byline: （记者X综合报导）路透社报导
        return True
    return before.endswith(zh.CLAUSE_OPENERS) and len(before) <= 12


def _written_elsewhere(text: str, m: re.Match[str]) -> bool:
    """蓬佩奥在《X》撰文: the outlet only carried someone else's writing."""
    before = text[_clause_start(text, m.start()) : m.start()]
    return m.group("verb") in zh.WRITING_VERBS and re.search(r"在[^，。]{0,12}$", before) is not None


def _addressee(text: str, start: int) -> bool:
    """Whether the source at ``start`` is spoken to, not cited: 对路透社表示, 接受美联社采访."""
    before = text[max(0, start - 2) : start]
    if before in zh.ADDRESSEE_EXCEPTIONS:
        return False
    return before[-1:] in zh.NOT_A_SOURCE_BEFORE or before in zh.NOT_A_SOURCE_BEFORE


def _hit(m: re.Match[str], n: int, rule: str, date: PartialDate | None) -> _Hit | None:
    """The source in groups numbered ``n`` of ``m``, or None when it is unnamed or a document."""
    g = lambda k: m.groupdict().get(f"{k}{n}")  # noqa: E731 - a short local accessor
    key = next((k for k in ("title", "known", "org", "latin", "platform") if g(k)), None)
    if key is None:
        return None
    written, start = g(key), m.start(f"{key}{n}")
    en, kind, aliases, confidence = g("en"), OrgKind.MEDIA, [], 1.0
    outlet = zh.MEDIA.get(written) or zh.MEDIA_BY_EN.get(written.lower())
    if outlet is not None:
        name, en = outlet.name, en or outlet.en
    elif key == "platform":
        name, en = zh.PLATFORMS[written]
        confidence = 0.7  # the platform only carried what a person said
    elif key == "title":
        gloss = re.fullmatch(r"(.+?)[（(]([^）)]+)[）)]", written)  # 《新英格兰医学期刊（NEJM）》
        if gloss:
            written, en = gloss.group(1), en or gloss.group(2)
        if not _publication_like(written):
            return None
        name = written
    elif key == "org":
        if _is_generic(written):
            return None
        name = written
        suffix = next(s for s in sorted(zh.ORG_SUFFIXES, key=len, reverse=True) if written.endswith(s))
        kind, confidence = OrgKind(zh.ORG_SUFFIXES[suffix]), 0.8  # a name read by its ending only
    elif key == "latin" and (rule == "citation.english" or m.group("verb") in ("报导", "报道", "消息")):
        name, kind, confidence = written, None, 0.8
    else:
        return None
    country = re.match(zh.PREFIX, g("pfx") or "").group("country")
    if country:  # 英国《金融时报》: the prefixed form is an alias
        aliases.append(country + name)
    if written != name:
        aliases.append(written)
    mention = Mention(start, start + len(written), written, rule)
    return _Hit(name, mention, date, kind, en, tuple(aliases), confidence)


def _clause_start(text: str, position: int) -> int:
    return max(text.rfind(c, 0, position) for c in "。！？；\n，,") + 1


def _first_date(dates: list[DateMention], start: int, end: int) -> PartialDate | None:
    return next((d.date for d in dates if start <= d.start and d.end <= end), None)


def _hits(doc: Document) -> list[_Hit]:
    text, found = doc.text, []
    dates = find_dates(text, doc.meta.published)
    for rule, pattern in _RULES:
        for m in pattern.finditer(text):
            if rule in ("citation.subject", "citation.data") and _addressee(text, m.start()):
                continue
            if rule == "citation.subject" and (_written_elsewhere(text, m) or not (
                    m.group("title0") or m.group("pfx0") or _opens_clause(text, m.start()))):
                continue
            clause = text[_clause_start(text, m.start()) : m.start()]
            if rule == "citation.platform" and re.search(zh.ACCORDING, clause):
                continue  # 根据X在推特上公布的…: X is the source, read by citation.according
            span_start = _clause_start(text, m.start()) if rule == "citation.platform" else m.start()
            date = _first_date(dates, span_start, m.end())
            for n in (0, 1):
                hit = _hit(m, n, rule, date)
                if hit is not None:
                    found.append(hit)
    return sorted(found, key=lambda h: h.mention.start)


def same_source(a: str, b: str) -> bool:
    """Whether two names stand for one source: equal, or one abbreviates the other.

    An abbreviation keeps the first and last characters and the order of the rest
    (非洲疾控中心 of 非洲疾病预防控制中心), or drops a country (贸易代表办公室).

    >>> same_source("非洲疾控中心", "非洲疾病预防控制中心"), same_source("贸易代表办公室", "美国贸易代表办公室")
    (True, True)
    >>> same_source("国务院", "美国国务院"), same_source("中央社", "中央日报")
    (False, False)
    """
    a, b = sorted((normalize_name(a), normalize_name(b)), key=len)
    if a == b:
        return True
    if len(a) < 3:  # 美联 is not 美联储's
        return False
    if len(a) >= 4 and b.endswith(a) and b[: -len(a)] in zh.COUNTRY_PREFIXES:
        return True
    if a[0] != b[0] or a[-1] != b[-1]:
        return False
    rest = iter(b[1:-1])  # an iterator: each `in` resumes where the last one stopped, keeping order
    return all(c in rest for c in a[1:-1])


def _publisher(doc: Document) -> str | None:
    if doc.meta.publisher is None:
        return None
    outlet = zh.MEDIA.get(doc.meta.publisher.name)
    return outlet.name if outlet else doc.meta.publisher.name


@extractors.register("citations")
@stage("citations", requires={"text", "meta"}, provides={"citations", "entities"})
def find_citations(doc: Document) -> Document:
    """Set ``doc.citations`` and add each cited source as an entity."""
    publisher, groups = _publisher(doc), []
    for hit in _hits(doc):
        line = doc.text[_clause_start(doc.text, hit.mention.start) : hit.mention.end + 4]
        if hit.name == publisher and any(word in line for word in zh.BYLINE_WORDS):
            continue  # the byline （大纪元记者…报导） names the publisher, not a source
        group = next((g for g in groups if any(same_source(h.name, hit.name) for h in g)), None)
        span = (hit.mention.start, hit.mention.end)
        if group is None:
            groups.append([hit])
        elif all((h.mention.start, h.mention.end) != span for h in group):  # two rules, one mention
            group.append(hit)
    citations, entities = [], []
    for group in groups:
        first = group[0]
        name = max((h.name for h in group), key=len)
        aliases = {a for h in group for a in (h.name, *h.aliases) if a != name}
        key = entity_key(EntityType.ORGANIZATION, name)
        date = next((h.date for h in group if h.date is not None), None)
        confidence = max(h.confidence for h in group)
        citations.append(Citation(key, first.mention, date, confidence=confidence))
        entities.append(Entity(key, EntityType.ORGANIZATION, name, tuple(h.mention for h in group),
                               aliases=tuple(sorted(aliases)), en=next((h.en for h in group if h.en), None),
                               org_kind=next((h.kind for h in group if h.kind), None), layer="pattern",
                               confidence=confidence))
    doc.add_entities(entities)
    doc.citations = tuple(citations)
    return doc

