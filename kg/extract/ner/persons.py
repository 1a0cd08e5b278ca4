"""Person-name patterns: dot-joined transliterations, title + name, bracketed names, credits.

* ``迈克·蓬佩奥`` (any name dot): the parts are runs of transliteration characters, cut
  where the tagger starts or ends a word (so 国务卿 before it stays out);
* a title right before a name-shaped word (外长佩恩, 日本外相Toshimitsu Motegi);
* brackets after a name: the Latin name (（Antony Blinken）), another Chinese form
  (川普（特朗普）) or an abbreviation (（简称Quad）), recorded as :class:`Bracket` notes that
  :mod:`~kg.extract.ner.resolve` attaches to whatever name ends at the bracket;
* photo credits at the end of a caption: (Photo by NAME/POOL/AFP), (NAME/AFP via Getty Images).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...facts import EntityType, OrgKind
from ...lang.zh.names import (CJK, LATIN_NAME, LATIN_NOT_PERSON, PHOTO_POSITION, is_translit_name, name_shape, stop_words,
                              titles_regex, translit_chars)
from ...lang.zh.name_reading import word_tag
from .base import Candidate, Text

MAX_PART = 8
# Tags of words that cannot be a name after a title.
_NAME_TAGS = frozenset({"nz", "nw", "xc", "nr"})
_NOT_NAME_TAGS = frozenset("v vd vn p c u d r m q TIME LOC ORG w f a ad an s t xc".split())
# A name ends before one of these (a verb of saying, a preposition, punctuation, a bracket).
_NAME_END = re.compile(r"[（(，,。、；;：:！!？?“”\"\s]|说|表示|称|指出|认为|强调|透露|与|和|及|在|于|也|则|已|曾|将|对|向|今|周|日前|上周|本周|当天|的")


@dataclass(frozen=True)
class Bracket:
    """A bracket right after some text: what it holds and how it relates to the name before it."""

    at: int  # where the opening bracket stands: the name before it ends here
    start: int  # the content's span
    end: int
    content: str
    kind: str  # "latin" (an English name), "alias" (another form of the name), "short" (简称 …)


_BRACKET = re.compile(r"[（(]\s*((?:以下)?简称|又称|或称|即)?\s*([^（）()\n]{1,60}?)\s*[）)]")


def brackets(t: Text) -> list[Bracket]:
    out = []
    for m in _BRACKET.finditer(t.text):
        content = m.group(2)
        start = m.start(2)
        if m.group(1):
            out.append(Bracket(m.start(), start, start + len(content), content, "short"))
        elif re.fullmatch(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f .'’&\-]*", content) and not content.lower().startswith(("photo", "via ")):
            out.append(Bracket(m.start(), start, start + len(content), content, "latin"))
        elif re.fullmatch(f"[{CJK}·]{{2,12}}", content) and not PHOTO_POSITION.fullmatch(content):
            out.append(Bracket(m.start(), start, start + len(content), content, "alias"))
    return out


def _walk_left(text: str, at: int, chars: frozenset[str]) -> int:
    i = at
    while i > 0 and at - i < MAX_PART and text[i - 1] in chars:
        i -= 1
    return i


def _walk_right(text: str, at: int, chars: frozenset[str]) -> int:
    i = at
    while i < len(text) and i - at < MAX_PART and text[i] in chars:
        i += 1
    return i


_CJK_CHAR = re.compile(f"[{CJK}]")
_NUMERAL = re.compile("[一二三四五六七八九十零〇两百千万]+")  # 七·二零 is a date, not a name


def dot_names(t: Text) -> list[Candidate]:
    """Transliterated names whose parts are joined by a name dot."""
    text, chars = t.text, translit_chars()
    out: list[Candidate] = []
    i = 0
    while True:
        i = text.find("·", i)
        if i < 0:
            break
        if not (i > 0 and _CJK_CHAR.match(text, i - 1) and _CJK_CHAR.match(text, i + 1)):
            i += 1
            continue
        # the start: transliteration characters, but not before the word the tagger begins there
        start = _walk_left(text, i, chars)
        token = t.token_at(i - 1)
        if token is not None and token.start > start:
            before = t.token_at(token.start - 1)
            # (unless the tagger's word before is no word at all but a cut through the name:
            # 球手达 | 斯汀·约翰逊 is 达斯汀·约翰逊, where 主席 | 冯·德莱恩 is not 席冯·德莱恩)
            if before is None or before.start >= start or word_tag(text[before.start:token.start]):
                start = token.start
        if start == i and token is not None:
            start = max(token.start, i - MAX_PART)
        junior = t.token_at(start - 1) if start > 0 and text[start - 1] == "小" else None
        if junior is not None and junior.start == start - 1:
            start -= 1  # 小唐纳德·川普 is Donald Trump Jr. (but 缩小 | 约翰·… is no name's start)
        end, dot = i, i
        while dot < len(text) and text[dot] == "·" and _CJK_CHAR.match(text, dot + 1):
            part_end = _walk_right(text, dot + 1, chars)
            # the transliteration stops before a word it only begins (布林 + 肯定 …), but not before a
            # character the tagger left on its own (安东尼·布林 + 肯 + 到访)
            while part_end > dot + 1:
                token = t.token_at(part_end - 1)
                if token is None or token.end <= part_end or token.start <= dot:
                    break
                part_end = token.start
            if part_end <= dot + 1:
                token = t.token_at(dot + 1)
                part_end = min(token.end, dot + 1 + MAX_PART) if token is not None else dot + 1
            while part_end > dot + 2:  # 特朗普 + 于: a preposition the tagger reads on its own
                token = t.token_at(part_end - 1)
                if token is None or token.start != part_end - 1 or token.tag not in _FUNCTION_TAGS:
                    break
                part_end -= 1
            title = next((w for w in (text[part_end - 2: part_end], text[part_end - 3: part_end])
                          if w in _TRAILING_TITLES), None)
            if title and part_end - len(title) > dot + 1:
                part_end -= len(title)  # 斯劳伊博士: the title after the name
            if part_end <= dot + 1:
                break
            end = part_end
            dot = end
        if end > i and start < i:
            name = text[start:end]
            body = end if name.endswith(_NAMED_BODIES) else _body_after(t, end)
            if body:  # 约翰·霍普金斯大学, 沃尔特·里德国家军事医学中心: named after a person, not one
                out.append(Candidate(start, body, EntityType.ORGANIZATION, "pattern", "entity.org.named_after",
                                     org_kind=OrgKind.OTHER, strength=2))
                end = body
            elif name not in stop_words() and not any(_NUMERAL.fullmatch(p) for p in name.split("·")):
                out.append(Candidate(start, end, EntityType.PERSON, "pattern", "entity.person.dot_name",
                                     evidence={"dot"}, strength=2))
        i = max(end, i + 1)
    return out


_FUNCTION_TAGS = frozenset("p c u d v vd r f m q w xc a ad".split())
_TRAILING_TITLES = frozenset("博士 先生 女士 小姐 夫人 教授 医生 律师 牧师 神父 议员 大使 总统 首相 部长 主席".split())
_NAMED_BODIES = ("大学", "学院", "医院", "基金会", "研究所", "研究院", "中心", "公司", "集团", "博物馆", "图书馆", "奖")


def _body_after(t: Text, end: int) -> int:
    """Where an organisation named after the name ending at ``end`` ends (0: none follows)."""
    text = t.text
    for back in (1, 0):  # 霍普金斯大 + 学: the transliteration took the first character of 大学
        for suffix in _NAMED_BODIES:
            if text.startswith(suffix, end - back):
                return end - back + len(suffix)
    at, words = end, 0
    while words < 3 and at - end <= 10:  # 沃尔特·里德 + 国家 + 军事医学中心
        token = t.starts.get(at)
        if token is None or token.tag not in ("n", "nz", "ORG"):
            break
        at, words = token.end, words + 1
        if token.word.endswith(_NAMED_BODIES) or token.tag == "ORG":
            return at
    return 0


def title_before(t: Text, position: int) -> str | None:
    """The title word that ends right at ``position`` (外长 in 外长佩恩), if any."""
    return t.title_ending_at(position)


def title_names(t: Text) -> list[Candidate]:
    """Name-shaped words right after a title, which the tagger did not take for a person."""
    out: list[Candidate] = []
    text = t.text
    for token in t.tokens:
        if token.tag == "PER" or token.tag in _NOT_NAME_TAGS or title_before(t, token.start) is None:
            continue
        if not name_shape(token.word):
            continue
        if token.tag not in _NAME_TAGS and not (is_translit_name(token.word) and len(token.word) >= 3):
            continue  # 总统明智地…: an ordinary word after a title
        if not _NAME_END.match(text, token.end) and token.end < len(text):
            continue
        out.append(Candidate(token.start, token.end, EntityType.PERSON, "pattern", "entity.person.title_name",
                             evidence={"title"}))
    for token in t.tokens:  # 总理基里延科 read as one word: the title and a transliterated name
        if token.tag in ("n", "nz") and len(token.word) >= 5:
            m = titles_regex().match(token.word)
            rest = token.word[m.end():] if m else ""
            if m and len(rest) >= 3 and is_translit_name(rest) and name_shape(rest):
                out.append(Candidate(token.start + m.end(), token.end, EntityType.PERSON, "pattern",
                                     "entity.person.title_name", evidence={"title"}))
    for m in LATIN_NAME.finditer(text):  # 日本外相Toshimitsu Motegi
        if m.start() and _CJK_CHAR.match(text, m.start() - 1) and title_before(t, m.start()) \
                and not LATIN_NOT_PERSON.search(m.group()):
            out.append(Candidate(m.start(), m.end(), EntityType.PERSON, "pattern", "entity.person.title_latin",
                                 evidence={"title"}))
    return out


_CREDIT = re.compile(r"[（(](?:Photo by |photo by |图片来源[：:]\s*|摄影[：:]\s*|Photo: ?)?"
                     r"([^（）()\n]{2,80}?(?:/|／)[^（）()\n]{1,80}?)[)）]\s*$")
AGENCIES = {"AFP": "AFP", "Getty Images": "Getty Images", "AP": "AP", "EPA": "EPA", "APA": "APA",
            "Reuters": "Reuters", "Bloomberg": "Bloomberg", "Kyodo": "Kyodo", "Jiji Press": "Jiji Press",
            "Yonhap": "Yonhap", "EFE": "EFE", "ANSA": "ANSA", "SOPA Images": "SOPA Images",
            "LightRocket": "LightRocket", "NurPhoto": "NurPhoto", "Anadolu Agency": "Anadolu Agency",
            "Xinhua": "Xinhua", "Shutterstock": "Shutterstock", "Wikimedia Commons": "Wikimedia Commons"}


def credits(t: Text, caption_spans: list[tuple[int, int]]) -> list[Candidate]:
    """Photographers and agencies in the credit bracket that closes a caption."""
    out: list[Candidate] = []
    text = t.text
    for a, b in caption_spans:
        m = _CREDIT.search(text, a, b)
        if not m:
            continue
        at = m.start(1)
        for part in re.split(r"(/|／| via )", m.group(1)):
            piece = part.strip()
            start = text.find(piece, at) if piece else -1
            if start < 0 or part in ("/", "／", " via "):
                at += len(part)
                continue
            end = start + len(piece)
            if piece in AGENCIES:
                out.append(Candidate(start, end, EntityType.ORGANIZATION, "pattern", "entity.org.photo_credit",
                                     org_kind=OrgKind.MEDIA, evidence={"credit"}))
            elif LATIN_NAME.fullmatch(piece) and not LATIN_NOT_PERSON.search(piece) and piece.upper() != "POOL":
                out.append(Candidate(start, end, EntityType.PERSON, "pattern", "entity.person.photo_credit",
                                     evidence={"credit"}))
            elif name_shape(piece):  # 李辰／大纪元
                out.append(Candidate(start, end, EntityType.PERSON, "pattern", "entity.person.photo_credit",
                                     evidence={"credit"}))
            at = end
    return out
