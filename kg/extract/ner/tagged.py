"""The tagger layer: what LAC reads as a person, place or organisation, checked for shape.

LAC over-tags, so a word it proposes is kept only when its shape agrees: a person is a
Chinese name (surname + given name), a family name the surname list knows (桥本), a surname
and a word of address (吴先生, 王某), or a run of transliteration characters; a place not
in the lexicon ends in a place word (州, 岛, 村, 乡, 寺, 机场 …) or is a long
transliteration; an organisation ends in an organisation word (委员会, 大学, 部, and the
short endings 委 联 协 办 队 厂 … where they end the word: 省委, 残联, 足协, 港澳办, 北京国安队)
and is not a common noun (内部, 总部, 党委 alone). Organisations are trimmed (前图森市警察局 →
图森市警察局) and take a 驻 (and the country before it) that stands right before them
(驻纽约台北经济文化办事处).
"""
from __future__ import annotations

import re
from collections import Counter

from ...facts import EntityType, OrgKind, PlaceKind
from ...lang.zh.names import CJK, is_translit_name, name_shape, stop_words, surnames
from ...lang.zh.orgs import (GENERIC_BODIES, MINISTRIES, NOT_BODY_ENDS, NOT_ORGS, ORG_SUFFIXES, SHORT_ORG_SUFFIXES,
                             UNIT_SUFFIXES, org_lexicon, unit_of_body)
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
                  ("东城", PlaceKind.PLACE), ("西城", PlaceKind.PLACE), ("区", PlaceKind.REGION),
                  # villages and townships, temples, peaks, bridges, farms, reservoirs, states of India
                  ("村", PlaceKind.PLACE), ("乡", PlaceKind.REGION), ("寺", PlaceKind.PLACE), ("庙", PlaceKind.PLACE),
                  ("峰", PlaceKind.PLACE), ("大桥", PlaceKind.PLACE), ("林场", PlaceKind.PLACE),
                  ("农场", PlaceKind.PLACE), ("水库", PlaceKind.PLACE), ("大道", PlaceKind.PLACE),
                  ("邦", PlaceKind.REGION), ("郡", PlaceKind.REGION))
# Common words with a place ending that are no names.
NOT_PLACES = frozenset("摇摆州 关键州 红州 蓝州 战场州 地区 该地区 其他地区 其它地区 边境地区 边界地区 部分地区 太平洋地区 沿海地区 当地 大陆 内地 本土 海外 "
                       "国内 境内 境外 城市 城区 港口 岛屿 海域 山区 市区 郊区 社区 园区 营区 战区 灾区 疫区 选区 特区 景区 "
                       "港人 全城 封城 进城 北美洲 南美洲 他乡 之乡 家乡 故乡 老乡 城乡 异乡 水乡 下乡 返乡 还乡 回乡 "
                       "联邦 城邦 友邦 邻邦 农村 乡村 山村 渔村 新村 本村 全村 该村 寺庙 高峰 顶峰 巅峰 山峰 清真寺 佛寺 古寺 "
                       "大道 庙".split())
# Endings that make the word no place's name: 拜登家乡 (Biden's home town), 美国联邦 (the federation).
_NOT_PLACE_ENDS = frozenset("他乡 之乡 家乡 故乡 老乡 城乡 异乡 水乡 下乡 返乡 还乡 回乡 联邦 城邦 友邦 邻邦 农村 乡村 山村 "
                            "渔村".split())
_LOCAL_BODIES = frozenset("市政厅 市政府 市议会 州政府 州议会 省政府 县政府 区政府 镇政府 市委 省委 县委 国务院办公厅".split())
_GENERIC_BODIES = ("部", "局", "署", "院", "厅", "军", "政府", "议会", "国会", "委员会", "办公室", "代表团", "使馆", "领事馆")
_ORG_TAIL = frozenset("部局署院厅处委")
_LOCATIVE = frozenset("在到赴访抵于从自往至离经飞")
_GENERIC_AREAS = ("社区", "小区", "园区", "营区", "郊区", "城区", "市区", "辖区", "选区", "灾区", "战区", "景区", "校区")
# Words ending in 局 that are not bureaus (设局 a trap, 格局 a pattern …); 院 only in these compounds.
_NOT_BUREAU = ("设局", "布局", "出局", "入局", "结局", "格局", "大局", "时局", "政局", "饭局", "赌局", "骗局", "当局", "僵局",
               "困局", "变局", "败局", "残局", "全局", "开局", "终局", "定局", "危局", "住院", "出院", "入院", "医院里")
_AFTER_CUT = frozenset("员议谈晤面长主友所场籍络")
_QUANTIFIERS = frozenset("多各全两数几该本外我邻他此每某")
_LEADING_JUNK = re.compile(r"^(?:前|原|新|该|副|由|在|对|与|和|向|据|从|及)")
_CJK_RUN = re.compile(f"[{CJK}]+")


def _place_kind(word: str) -> PlaceKind | None:
    for suffix, kind in PLACE_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            return kind
    return None


# A surname and a word of address, as the tagger reads a person: 吴先生, 陈老师, 林女士, 王某, 老于.
_SURNAME_TITLE = re.compile(f"([{CJK}])(?:先生|女士|小姐|老师|某)|老([{CJK}])")


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
        if start and (t.text[start - 1].isdigit() or t.text[start - 1] in "０１２３４５６７８９"):
            continue  # 5卢比, 10马克: a unit or a currency after a number, not a person
        addressed = _SURNAME_TITLE.fullmatch(word)
        if addressed and (addressed.group(1) or addressed.group(2)) in surnames():
            out.append(Candidate(start, token.end, EntityType.PERSON, "tagger", "entity.tagger.surname_title"))
            continue  # 吴先生, 陈老师, 王某, 老于: a person named by the surname alone
        if not name_shape(word) and not (len(word) == 2 and word in surnames()) \
                and not (len(word) == 5 and word[:2] in surnames() and _CJK_RUN.fullmatch(word)):
            continue  # (桥本, 安倍: a family name the tagger reads as a person stands for one; 桥本龙太郎 too)
        if t.text[token.end: token.end + 1] in _ORG_TAIL and (not _title_after(t, token.end)
                                                             or t.text[start: token.end + 1] in _BODY_NAMES):
            continue  # 卫福部: the start of a body's name, not a person (but 李振成局长 is one)
        if word in place_lexicon() and t.title_ending_at(start) is None:
            continue  # 巴林 (Bahrain) tagged as a person: the lexicon knows it as a place
        out.append(Candidate(start, token.end, EntityType.PERSON, "tagger", "entity.tagger.lac"))
    return out


_BODY_NAMES = frozenset(MINISTRIES)


# First characters that make a two-character word in 岛 no island's name (全岛, 海岛, 建岛, 登岛).
_NOT_ISLAND = frozenset("全海荒孤本半群建造登上离环诸列填占守")


def _title_after(t: Text, at: int) -> bool:
    """A title starts at ``at`` (局长, 院士, 委员): the name before it is a person's."""
    if t.title_starting_at(at):
        return True
    token = t.starts.get(at)
    return token is not None and len(token.word) == 2 and token.word[-1] in "长士员"


def place_candidates(t: Text) -> list[Candidate]:
    out = []
    loc_counts = Counter(token.word for token in t.tokens if token.tag == "LOC")
    for token in t.tokens:
        if token.tag != "LOC" or not _CJK_RUN.fullmatch(token.word) or token.word in NOT_PLACES:
            continue
        kind = _place_kind(token.word)
        island = token.word.endswith("岛") and token.word[0] not in _NOT_ISLAND
        if (len(token.word) < 3 and not island) or token.word[0] in "大小该本各某这那此其一星":
            continue  # 东城, 摆州: too short to trust without the lexicon (but 马岛 is an island); 大马路: no name
        if token.start and t.text[token.start - 1: token.start + 1] in place_lexicon():
            continue  # 香港上市 read as 香 + 港上市
        if len(token.word) == 2 and token.word[0] in _QUANTIFIERS:
            continue  # 多州, 各省
        if kind is None and not (len(token.word) >= 3 and is_translit_name(token.word)
                                 and (t.text[token.start - 1: token.start] in _LOCATIVE or loc_counts[token.word] > 1)):
            continue  # a transliteration is a place only where it is gone to or named as one twice
        if token.word.endswith(_GENERIC_AREAS) or "党" in token.word or token.word[-2:] in _NOT_PLACE_ENDS:
            continue  # 犹太社区, 民主党州, 拜登家乡, 美国联邦
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
    """Where the organisation in ``word`` ends: after its last organisation suffix (0: none).

    The short endings (委, 联, 队 …) count only where they end the word: 美国联 + 合国 is no body."""
    best = 0
    for suffix in ORG_SUFFIXES:
        at = word.rfind(suffix)
        end = at + len(suffix)
        if at > 0 and end > best and (suffix not in SHORT_ORG_SUFFIXES or end == len(word)):
            best = end
    return best


# Endings that look like a body's but make a title or an act: 立委 (a legislator), 设厂 (to build a works).
_NOT_BODY_ENDS = NOT_BODY_ENDS


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
        if cut < 2 or word[:cut] in NOT_ORGS or word[:cut] in stop_words() or word[:cut].endswith(_NOT_BUREAU) \
                or word[:cut] in GENERIC_BODIES or word[:cut].endswith(_NOT_BODY_ENDS):
            continue
        if cut < len(word) and word[cut] in _AFTER_CUT:
            continue  # 联合国会员国 cut at 国会: the suffix belongs to another word
        word = word[:cut]
        end = start + cut
        if len(word) < 3 and not word.endswith(("党", "社", "军", "台", "报", "网")):
            continue
        if start and text[start - 1: start + 1] in place_lexicon():
            continue  # 美国国会 read as 美 + 国国会: the tagger cut a name in two
        if text[token.end: token.end + 1] in _AFTER_CUT and token.word.endswith("国会"):
            continue  # 联合国会 + 议: the last character starts the next word
        if re.search("[与和及、]", word):
            continue  # 中共与四国集团: two names, not one
        if (word[0] in "市省县区州大小该本各某一这那此其" and _strip_place(word) == word) or word in _LOCAL_BODIES:
            continue  # 市外事局, 市政厅: a body of a place named elsewhere, or no name at all (大连… is named)
        if word in place_lexicon():
            continue  # 苏联: a place the tagger took for a body
        if re.fullmatch("(?:联)?军(?:队)?", word[2:]) and word[0] in short_forms() and word[1] in short_forms():
            continue  # 美台军, 美菲联军: the armies of two countries, no one body
        short = next(x for x in ORG_SUFFIXES if word.endswith(x))  # (longest first)
        if short in SHORT_ORG_SUFFIXES and not _short_body(text, start, end, word, short, persons):
            continue
        if word[:2] in ("中资", "外资", "美资", "台资", "港资", "日资", "国有", "民营", "私营", "地方", "各国", "多国", "两国"):
            continue  # 中资银行: a kind of body, not one
        rest = _strip_place(word)
        if (rest in NOT_ORGS and not _local_body(word, rest)) or rest in stop_words() \
                or (_strip_known(word) in NOT_ORGS and not _local_body(word, rest)):
            continue  # 日本执政党, 联合国场所: a known name and a common noun (but 佳木斯市医院 is named)
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


_TEAM_END = re.compile("(?:男子|女子)?(?:男|女)?队$")
# The short ending and the character after it make another word: 联合, 协议, 委员, 院长, 队员 …
_SHORT_RUN_ON = frozenset("联合 联盟 联邦 联络 联系 联手 联名 联席 协会 协议 协定 协调 协助 协商 协作 委员 委会 委托 办公 办事 "
                          "办法 办理 院长 院士 院校 院线 厂长 厂商 厂家 厂区 团长 团体 团结 团员 队长 队员 队伍 队列 中央 协防 协同 协力 委以 委由 "
                          "委派 委常 司长 司令 司法 司机 科长 科学 科技 室主 系统 系列 系数".split())


def _short_body(text: str, start: int, end: int, word: str, suffix: str, persons: set[str]) -> bool:
    """A word with a short ending (委, 联, 队 …) the tagger reads as a body: is it one?

    Not where the ending runs on into the next word (美国联 + 合国, 政治局委 + 员), nor after a
    person's name (拜登队: a camp, not a team); 中央 only after a party or a league (民革中央)."""
    if text[end: end + 1] in _AFTER_CUT or text[end - 1: end + 1] in _SHORT_RUN_ON:
        return False
    stem = _TEAM_END.sub("", word) if suffix == "队" else word[: -len(suffix)]
    if stem in persons or (is_translit_name(stem) and len(stem) <= 4) or stem.endswith("驻"):
        return False
    if suffix in ("协", "联", "办", "院", "团") and stem in place_lexicon():
        return False  # 美国 + 协防: a country and a verb, no body
    if suffix == "中央":
        return stem.endswith(("党", "团", "会", "盟")) or stem in org_lexicon()
    if suffix in UNIT_SUFFIXES:
        return unit_of_body(word)  # 外交部新闻司, 东海大学政治系: a unit of a body named before it
    return True


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


_LOCAL_NAMED = frozenset("医院 银行 法院 学院 研究所 出版社 报社".split())


def _local_body(word: str, rest: str) -> bool:
    """A city's or region's hospital, bank or court: its name (佳木斯市医院, 丹东银行), unlike a
    country's (美国医院 is any American hospital)."""
    place = place_lexicon().get(word[: len(word) - len(rest)])
    return rest in _LOCAL_NAMED and place is not None and place.kind in (PlaceKind.CITY, PlaceKind.REGION)


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
    if word.endswith(("公司", "集团", "银行", "厂")):
        return OrgKind.COMPANY
    if word.endswith(("社", "报", "网", "台", "电视台", "电台")):
        return OrgKind.MEDIA
    if word.endswith(("部", "局", "署", "院", "政府", "议会", "国会", "委员会", "办公室", "厅", "处", "委", "办")):
        return OrgKind.GOVERNMENT
    return OrgKind.OTHER
