"""The tagger layer: what LAC reads as a person, place or organisation, checked for shape.

LAC over-tags, so a word it proposes is kept only when its shape agrees: a person is a
Chinese name (surname + given name) or a run of transliteration characters; a place not
in the lexicon ends in a place word (州, 岛, 机场 …) or is a long transliteration; an
organisation ends in an organisation word (委员会, 大学, 部 …) and is not a common noun
(内部, 总部). Organisations are trimmed (前图森市警察局 → 图森市警察局) and take a 驻 (and
the country before it) that stands right before them (驻纽约台北经济文化办事处).
"""
from __future__ import annotations

import re
from collections import Counter

from ...facts import EntityType, OrgKind, PlaceKind
from ...lang.zh.names import CJK, is_translit_name, name_shape, stop_words
from ...lang.zh.orgs import NOT_ORGS, ORG_SUFFIXES, org_lexicon
from ...lang.zh.places import place_lexicon, short_forms
from .orgs import fused_title
from .base import Candidate, Text

# Place words a name not in the lexicon ends with, and the kind they make.
PLACE_SUFFIXES = (("特别行政区", PlaceKind.REGION), ("自治区", PlaceKind.REGION), ("地区", PlaceKind.REGION),
                  ("州", PlaceKind.REGION), ("省", PlaceKind.REGION), ("县", PlaceKind.REGION),
                  ("市", PlaceKind.CITY), ("镇", PlaceKind.CITY), ("城", PlaceKind.CITY),
                  ("群岛", PlaceKind.PLACE), ("半岛", PlaceKind.PLACE), ("岛", PlaceKind.PLACE),
                  ("海峡", PlaceKind.PLACE), ("湖", PlaceKind.PLACE), ("山", PlaceKind.PLACE), ("山脉", PlaceKind.PLACE),
                  ("河", PlaceKind.PLACE), ("江", PlaceKind.PLACE), ("湾", PlaceKind.PLACE), ("海", PlaceKind.PLACE),
                  ("洋", PlaceKind.PLACE), ("港", PlaceKind.PLACE), ("机场", PlaceKind.PLACE), ("基地", PlaceKind.PLACE),
                  ("广场", PlaceKind.PLACE), ("宾馆", PlaceKind.PLACE), ("馆", PlaceKind.PLACE), ("大厦", PlaceKind.PLACE),
                  ("大会堂", PlaceKind.PLACE), ("饭店", PlaceKind.PLACE),
                  ("酒店", PlaceKind.PLACE), ("大楼", PlaceKind.PLACE), ("宫", PlaceKind.PLACE), ("公园", PlaceKind.PLACE),
                  ("高原", PlaceKind.PLACE), ("沙漠", PlaceKind.PLACE), ("盆地", PlaceKind.PLACE), ("运河", PlaceKind.PLACE),
                  ("东城", PlaceKind.PLACE), ("西城", PlaceKind.PLACE), ("区", PlaceKind.REGION))
# Common words with a place ending that are no names.
NOT_PLACES = frozenset("摇摆州 关键州 红州 蓝州 战场州 地区 该地区 其他地区 其它地区 边境地区 边界地区 部分地区 太平洋地区 沿海地区 当地 大陆 内地 本土 海外 "
                       "国内 境内 境外 城市 城区 港口 岛屿 海域 山区 市区 郊区 社区 园区 营区 战区 灾区 疫区 选区 特区 景区 "
                       "港人 全城 封城 进城 北美洲 南美洲".split())
_LOCAL_BODIES = frozenset("市政厅 市政府 市议会 州政府 州议会 省政府 县政府 区政府 镇政府 市委 省委 县委 国务院办公厅".split())
_GENERIC_BODIES = ("部", "局", "署", "院", "厅", "军", "政府", "议会", "国会", "委员会", "办公室", "代表团", "使馆", "领事馆")
_ORG_TAIL = frozenset("部局署院厅处委")
_LOCATIVE = frozenset("在到赴访抵于从自往至离经飞")
_GENERIC_AREAS = ("社区", "小区", "园区", "营区", "郊区", "城区", "市区", "辖区", "选区", "灾区", "战区", "景区", "校区")
# Words ending in 局 that are not bureaus (设局 a trap, 格局 a pattern …); 院 only in these compounds.
_NOT_BUREAU = ("设局", "布局", "出局", "入局", "结局", "格局", "大局", "时局", "政局", "饭局", "赌局", "骗局", "当局", "僵局",
               "困局", "变局", "败局", "残局", "全局", "开局", "终局", "定局", "危局", "住院", "出院", "入院", "医院里")
_AFTER_CUT = frozenset("员议谈晤面长主友所场籍")
_QUANTIFIERS = frozenset("多各全两数几该本外我邻他此每某")
_LEADING_JUNK = re.compile(r"^(?:前|原|新|该|副|由|在|对|与|和|向|据|从|及)")
_CJK_RUN = re.compile(f"[{CJK}]+")


def _place_kind(word: str) -> PlaceKind | None:
    for suffix, kind in PLACE_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            return kind
    return None


def person_candidates(t: Text) -> list[Candidate]:
    out = []
    shorts = short_forms()
    for token in t.tokens:
        if token.tag != "PER" or not _CJK_RUN.fullmatch(token.word.replace("·", "").replace("‧", "")):
            continue
        if len(token.word) == 2 and token.word[0] in shorts and token.word[1] in shorts:
            continue  # 韩美, 中美: two countries, not a person
        start = token.start
        for cut in (1, 2):  # 国务次卿克拉奇 tagged 卿克拉奇: the title's tail is not the name's
            title = t.title_ending_at(token.start + cut)
            if title and len(title) > cut and token.end - token.start - cut >= 2:
                start = token.start + cut
        word = t.text[start: token.end]
        if not name_shape(word):
            continue
        if t.text[token.end: token.end + 1] in _ORG_TAIL:
            continue  # 卫福部: the start of a body's name, not a person
        if word in place_lexicon() and t.title_ending_at(start) is None:
            continue  # 巴林 (Bahrain) tagged as a person: the lexicon knows it as a place
        out.append(Candidate(start, token.end, EntityType.PERSON, "tagger", "entity.tagger.lac"))
    return out


def place_candidates(t: Text) -> list[Candidate]:
    out = []
    loc_counts = Counter(token.word for token in t.tokens if token.tag == "LOC")
    for token in t.tokens:
        if token.tag != "LOC" or not _CJK_RUN.fullmatch(token.word) or token.word in NOT_PLACES:
            continue
        kind = _place_kind(token.word)
        if len(token.word) < 3 or token.word[0] in "大小该本各某这那此其一星":
            continue  # 东城, 摆州: too short to trust without the lexicon; 大马路, 星级酒店: no name
        if token.start and t.text[token.start - 1: token.start + 1] in place_lexicon():
            continue  # 香港上市 read as 香 + 港上市
        if len(token.word) == 2 and token.word[0] in _QUANTIFIERS:
            continue  # 多州, 各省
        if kind is None and not (len(token.word) >= 3 and is_translit_name(token.word)
                                 and (t.text[token.start - 1: token.start] in _LOCATIVE or loc_counts[token.word] > 1)):
            continue  # a transliteration is a place only where it is gone to or named as one twice
        if token.word.endswith(_GENERIC_AREAS) or "党" in token.word:
            continue  # 犹太社区, 民主党州
        if token.word in stop_words():
            continue
        head = _strip_place(token.word)
        if head != token.word and len(head) <= 2 and _place_kind(head) is None and head not in ("地区",):
            continue  # 北京封城: a place and what happens there
        known = place_lexicon().get(token.word[:-2]) if token.word.endswith("地区") else None
        if known is not None:  # 台湾地区, 拉达克地区: the place the lexicon knows
            out.append(Candidate(token.start, token.end, EntityType.PLACE, "tagger", "entity.tagger.lac",
                                 ident=f"P:{known.ident}", canonical=known.name, place_kind=known.kind, iso=known.iso))
            continue
        out.append(Candidate(token.start, token.end, EntityType.PLACE, "tagger", "entity.tagger.lac",
                             place_kind=kind or PlaceKind.PLACE))
    return out


def _org_end(word: str) -> int:
    """Where the organisation in ``word`` ends: after its last organisation suffix (0: none)."""
    best = 0
    for suffix in ORG_SUFFIXES:
        at = word.rfind(suffix)
        if at > 0 and at + len(suffix) > best:
            best = at + len(suffix)
    return best


def org_candidates(t: Text) -> list[Candidate]:
    out = []
    text = t.text
    persons = {token.word for token in t.tokens if token.tag == "PER"}
    for token in t.tokens:
        if token.tag != "ORG" or not _CJK_RUN.fullmatch(token.word):
            continue
        start, word = token.start, token.word
        junk = _LEADING_JUNK.match(word)
        if junk and len(word) - junk.end() >= 3:
            start, word = start + junk.end(), word[junk.end():]
        cut = _org_end(word)
        if cut < 2 or word[:cut] in NOT_ORGS or word[:cut] in stop_words() or word[:cut].endswith(_NOT_BUREAU):
            continue
        if cut < len(word) and word[cut] in _AFTER_CUT:
            continue  # 联合国会员国 cut at 国会: the suffix belongs to another word
        word = word[:cut]
        end = start + cut
        if len(word) < 3 and not word.endswith(("党", "社", "军", "台", "报", "网")):
            continue
        if start and text[start - 1: start + 1] in place_lexicon():
            continue  # 美国国会 read as 美 + 国国会: the tagger cut a name in two
        if text[token.end: token.end + 1] in _AFTER_CUT and token.word.endswith(("会", "国会")):
            continue  # 联合国会 + 议: the last character starts the next word
        if re.search("[与和及、]", word):
            continue  # 中共与四国集团: two names, not one
        if word[0] in "市省县区州大小该本各某一这那此其" or word in _LOCAL_BODIES:
            continue  # 市外事局, 市政厅: a body of a place named elsewhere, or no name at all
        if word[:2] in ("中资", "外资", "美资", "台资", "港资", "日资", "国有", "民营", "私营", "地方", "各国", "多国", "两国"):
            continue  # 中资银行: a kind of body, not one
        rest = _strip_place(word)
        if rest in NOT_ORGS or rest in stop_words() or _strip_known(word) in NOT_ORGS:
            continue  # 日本执政党, 联合国场所: a known name and a common noun
        if word.endswith("政府") and not (rest[:-2] in persons or is_translit_name(rest[:-2])):
            continue  # a country's government comes from the patterns; anything else is noise
        if word.endswith("政府") and name_shape(rest[:-2]) and (is_translit_name(rest[:-2]) or rest[:-2] in persons):
            # 川普政府, 美国川普政府: the person is named, the administration is not taken as an entity
            at = start + len(word) - len(rest)
            out.append(Candidate(at, at + len(rest) - 2, EntityType.PERSON, "pattern", "entity.person.administration",
                                 evidence={"administration"}))
            continue
        if word.endswith(("大使", "代表", "主席", "部长", "议员", "人", "族", "们")):
            continue
        if len(rest) >= 5 and rest != word and not rest.endswith(_GENERIC_BODIES) and is_translit_name(rest[:3]) \
                and place_lexicon()[word[: len(word) - len(rest)]].kind is PlaceKind.COUNTRY:
            start += len(word) - len(rest)  # 美国凯斯西储大学: the university's name does not carry the country
            word = rest
        # 驻纽约台北经济文化办事处, 美国驻联合国代表团: the 驻 (and a country or body before it) belongs to the name
        if "式" in word or "型" in word:
            continue  # 北约式联盟: like a body, not one
        if text[start - 1: start] == "驻":
            start -= 1
            if text[start - 1: start] == "常":  # 常驻联合国代表团
                start -= 1
            before = t.token_at(start - 1)
            if before is not None and before.tag in ("LOC", "ORG") and before.end == start:
                start = before.start
        out.append(Candidate(start, end, EntityType.ORGANIZATION, "tagger", "entity.tagger.lac",
                             org_kind=_org_kind(word), evidence={"fused"} if fused_title(text, end) else set()))
    return out


FACILITIES = ("宾馆", "饭店", "酒店", "机场", "大楼", "广场", "公园", "车站", "火车站", "体育场", "纪念馆", "博物馆")


def facility_candidates(t: Text, places: list[Candidate]) -> list[Candidate]:
    """台北宾馆, 东京羽田机场: a city or region the lexicon knows and a facility word after it."""
    out = []
    for p in places:
        if p.place_kind not in (PlaceKind.CITY, PlaceKind.REGION):
            continue
        token = t.starts.get(p.end)
        if token is not None and token.word in FACILITIES:
            out.append(Candidate(p.start, token.end, EntityType.PLACE, "pattern", "entity.place.facility",
                                 place_kind=PlaceKind.PLACE))
    return out


def _strip_place(word: str) -> str:
    """``word`` without the longest place name it starts with (日本执政党 → 执政党)."""
    places = place_lexicon()
    for cut in range(min(len(word) - 1, 8), 1, -1):
        if word[:cut] in places:
            return word[cut:]
    return word


def _strip_known(word: str) -> str:
    """``word`` without the longest place or organisation name it starts with (联合国场所 → 场所)."""
    for cut in range(min(len(word) - 1, 10), 1, -1):
        if word[:cut] in place_lexicon() or word[:cut] in org_lexicon():
            return word[cut:]
    return word


def _org_kind(word: str) -> OrgKind:
    if word.endswith(("党",)):
        return OrgKind.PARTY
    if word.endswith(("军", "部队")):
        return OrgKind.MILITARY
    if word.endswith(("公司", "集团", "银行")):
        return OrgKind.COMPANY
    if word.endswith(("社", "报", "网", "台", "电视台", "电台")):
        return OrgKind.MEDIA
    if word.endswith(("部", "局", "署", "院", "政府", "议会", "国会", "委员会", "办公室", "厅", "处")):
        return OrgKind.GOVERNMENT
    return OrgKind.OTHER
