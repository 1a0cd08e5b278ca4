"""Organisation patterns: a country before a body, its armed forces, its government, 《》 media.

* ``美国国防部``, ``印度国防部``, ``中共外交部``: a country (or 中共) right before a ministry or
  body word; ``美国防部`` (美 + 国防部) too;
* ``美军``, ``印军``, ``中共军队``, ``中共军方``: the country's armed forces, one
  organisation per country whatever the word;
* ``中国政府``: the country's government, an organisation of its own (中国 ≠ 中共 ≠ 中国政府);
* ``《亚洲时报》``: a periodical, agency or broadcaster named in 《》.
"""
from __future__ import annotations

import re

from ...facts import EntityType, OrgKind, PlaceKind
from ...lang.zh.orgs import MEDIA_TITLE, MINISTRIES, NOT_MEDIA_TITLE, REPORTING, org_lexicon
from ...lang.zh.names import stop_words
from ...lang.zh.places import place_lexicon, short_forms
from .base import Candidate, Text

_MINISTRY = re.compile("|".join(sorted(map(re.escape, MINISTRIES), key=len, reverse=True)))
# Characters after 军 that make a compound rather than the armed forces (军机, 军舰, 军事 …).
_NOT_AFTER_ARMY = frozenset("机舰事费人官衔区营港种团工民售援演备力械校医火纪歌旗徽装服属情购政令法车队方")
_MILITARY = re.compile(r"军方|军队|部队|军")
# One-character forms before 军 (美军, 印军, 台军): short forms plus a few only armies use.
_ARMY_SHORT = {"以": "IL", "伊": "IR", "土": "TR", "共": "中国共产党"}
_GOVERNMENT_WORDS = frozenset({"政府"})
_PARTY_PREFIX_KINDS = {OrgKind.PARTY}
_ORG_RULE = "entity.org."


def fused_title(text: str, end: int) -> bool:
    """The body name runs on into a title word: 国防部长, 外交部发言人 (not 警察局局长)."""
    return text[end: end + 1] == "长" or text.startswith(("发言人", "次长", "大臣"), end)


def _body_kind(word: str) -> OrgKind:
    if word in ("军方", "军队", "部队", "军", "国防军", "海军", "空军", "陆军", "海岸警卫队", "海警"):
        return OrgKind.MILITARY
    return OrgKind.GOVERNMENT


def prefixed_bodies(t: Text, prefixes: list[Candidate]) -> list[Candidate]:
    """Bodies named after a country, region, city or party found by the lexicon layer."""
    text = t.text
    out: list[Candidate] = []
    for p in prefixes:
        country = p.canonical or text[p.start:p.end]
        is_party = p.type is EntityType.ORGANIZATION
        if is_party and p.canonical != "中国共产党":
            # 加拿大保守党 is handled below (country + party); other orgs take no body after them
            continue
        m = _MINISTRY.match(text, p.end)
        if m is None:
            continue
        word = m.group()
        end = m.end()
        if word in _GOVERNMENT_WORDS and is_party:
            continue  # 中共政府 is an alias of 中共 in the lexicon
        if word in ("军方", "军队", "部队", "军"):
            continue  # armed forces: see armies()
        if word in ("当局",):
            continue
        fused = {"fused"} if fused_title(text, end) else set()  # 印度外交部长: kept only if named alone too
        kind = _body_kind(word)
        if word in _GOVERNMENT_WORDS:
            ident = f"O:gov:{p.iso or country}"
            rule = _ORG_RULE + "government"
        else:
            ident = None
            rule = _ORG_RULE + "country_body"
        out.append(Candidate(p.start, end, EntityType.ORGANIZATION, "pattern", rule, org_kind=kind, ident=ident,
                             evidence={"prefix"} | fused, strength=1))
    return out


def country_parties(t: Text, places: list[Candidate], orgs: list[Candidate]) -> list[Candidate]:
    """加拿大保守党: a country right before a party the lexicon knows; the party is that country's."""
    out = []
    by_start = {o.start: o for o in orgs}
    for p in places:
        party = by_start.get(p.end)
        if party is None or party.org_kind not in _PARTY_PREFIX_KINDS or p.place_kind is not PlaceKind.COUNTRY:
            continue
        if party.canonical and party.canonical.startswith(t.text[p.start:p.end]):
            continue
        out.append(Candidate(p.start, party.end, EntityType.ORGANIZATION, "pattern", _ORG_RULE + "country_party",
                             org_kind=OrgKind.PARTY, ident=f"O:party:{p.iso}:{party.canonical}",
                             canonical=t.text[p.start:party.end], strength=1))
        party.ident = f"O:party:{p.iso}:{party.canonical}"  # the bare party is then the same one
    return out


def armies(t: Text, prefixes: list[Candidate]) -> list[Candidate]:
    """美军, 印度军队, 中共军方: a country's armed forces, one organisation per country."""
    text = t.text
    out: list[Candidate] = []
    for p in prefixes:
        if p.type is EntityType.ORGANIZATION and p.canonical != "中国共产党":
            continue
        m = _MILITARY.match(text, p.end)
        if m is None:
            continue
        if m.group() == "军" and text[m.end(): m.end() + 1] in _NOT_AFTER_ARMY:
            continue
        who = p.iso or p.canonical or text[p.start:p.end]
        out.append(Candidate(p.start, m.end(), EntityType.ORGANIZATION, "pattern", _ORG_RULE + "military",
                             org_kind=OrgKind.MILITARY, ident=f"O:mil:{who}", strength=1))
    shorts = {**{c: i.iso for c, i in short_forms().items() if i.iso}, **_ARMY_SHORT}
    for m in re.finditer(f"([{''.join(shorts)}])军(?![{''.join(_NOT_AFTER_ARMY)}])", text):
        if not t.aligned(m.start(), m.end()):
            continue  # the tagger's words must start and end with it (not 空中 + 军力)
        if m.start() and text[m.start() - 1] in "中美日英法德俄印澳韩朝台越菲":
            continue  # 中美军 … a compound, not one army
        who = shorts[m.group(1)]
        out.append(Candidate(m.start(), m.end(), EntityType.ORGANIZATION, "pattern", _ORG_RULE + "military",
                             org_kind=OrgKind.MILITARY, ident=f"O:mil:{who}"))
    return out


_TEAM = re.compile(r"(?:国家)?(?:(?:男子|女子)?(?:男|女)?(?:足球|篮球|排球|网球|乒乓球|羽毛球|棒球|垒球|冰球|手球|水球|曲棍球|"
                   r"田径|游泳|体操|跳水|举重|射击|围棋|象棋)?队(?![员长伍列友形])|[男女][篮排足](?![球协]))")


def teams(t: Text, prefixes: list[Candidate]) -> list[Candidate]:
    """中国队, 巴西男队, 巴西足球队, 中国女篮, 辽宁队: a place's sports team."""
    out = []
    for p in prefixes:
        if p.type is not EntityType.PLACE:
            continue
        m = _TEAM.match(t.text, p.end)
        if m:
            out.append(Candidate(p.start, m.end(), EntityType.ORGANIZATION, "pattern", _ORG_RULE + "team",
                                 org_kind=OrgKind.OTHER))
    return out


def short_ministries(t: Text) -> list[Candidate]:
    """美国防部: a one-character country before a ministry that starts with 国."""
    out = []
    for m in re.finditer(r"([美中英法德俄印日韩澳加])(国防部|国务院|国土安全部)", t.text):
        if t.text.startswith(m.group(1) + "国", m.start()) and (m.group(1) + "国") in ("美国", "中国", "英国", "法国", "德国", "韩国"):
            # 美国防部 reads both ways; the tagger decides
            token = t.token_at(m.start())
            if token is not None and token.end == m.start() + 2:
                continue
        out.append(Candidate(m.start(), m.end(), EntityType.ORGANIZATION, "pattern", _ORG_RULE + "country_body",
                             org_kind=OrgKind.GOVERNMENT, evidence={"prefix"}))
    return out


_BARE = frozenset(w for w in MINISTRIES if len(w) >= 3 and w.endswith(("部", "院", "署", "局", "省")))


def bare_ministries(t: Text) -> list[Candidate]:
    """外交部, 内政部 standing alone as a word; kept when they name the body, dropped when inside a
    title (外交部发言人); joined to 美国国防部 when the article names one country's."""
    out = []
    for token in t.tokens:
        if token.word in _BARE:
            fused = {"fused"} if fused_title(t.text, token.end) else set()
            out.append(Candidate(token.start, token.end, EntityType.ORGANIZATION, "pattern", _ORG_RULE + "bare_body",
                                 org_kind=OrgKind.GOVERNMENT, evidence=fused))
    return out


# Tags of the words between a place and the word that ends a body's name (芬兰 + 农林部, 济南 +
# 污水处理 + 厂): nouns and nominal verbs, and names the tagger found.
_BODY_MIDDLE = frozenset("n nz nw vn an ORG LOC".split())
_BODY_END_TAGS = frozenset("n nz nw vn ORG".split())
_MAX_BODY_WORDS = 4
# Words after which a name does not go on: an apposition (美国研究机构 + 兰德公司) or a part (部分).
_APPOSITION = tuple("主流 机构 巨头 企业 媒体 智库 平台 网站 品牌 厂商 运营商 大报 报纸 官方 当局 官员 人士 专家 部分 有关 "
                    "相关 主要 其他 其它 所有 各地 各级 地方 全国 全球".split())
# Words ending like a body's name that name none (情报, 舞台, 格局, 交界处 …).
_NOT_BODY_WORDS = frozenset("情报 电报 简报 画报 海报 捷报 警报 汇报 举报 年报 预报 回报 官网 上网 互联网 舞台 平台 讲台 看台 "
                            "后台 前台 阳台 格局 布局 大局 骗局 结局 时局 政局 变局 旧部 交界处 住所 舞厅 大厅 餐厅 客厅 展厅 "
                            "门厅 歌厅 率团 组团 跟团 参团 出台 上台 下台 倒台 登台 上市公司 子公司 母公司 分公司".split())
# Words after a place that make no name: a place's government or army comes from the patterns
# above (美国政府, 美军), and these are what any place has (中国 + 大学 is any Chinese university).
_NOT_AFTER_PLACE = frozenset("政府 当局 军方 军队 部队 军 警方 国会 议会 两党 各党 政党 执政党 反对党 全党 大党 社会 网 "
                             "大学 学校 学院 中学 小学 医院 银行 公司 企业 工厂 电视台 电台 报社 出版社 研究所 协会 学会 "
                             "组织 团体 社团 球队 乐队 法院 中小学 大中小学".split())
# Body words that name no body alone but do after a place: 古巴代表团, 河北省委, 薛埠镇党委.
_NAMED_AFTER_PLACE = frozenset("代表团 代表处 艺术团 党委 市委 省委 县委 区委 镇委 纪委 工委 党工委".split())


def composed_bodies(t: Text, places: list[Candidate]) -> list[Candidate]:
    """芬兰农林部, 济南污水处理厂, 古巴代表团: a place and the words after it up to one that ends
    as a body's name does (部, 厂, 分局, 代表团 …).

    The tagger often cuts such a name after the place or inside it; the name starts at the place
    and runs to the body word. Ordinary words end it (的, verbs, numbers, an apposition such as 机构
    or 巨头); a country and a bare kind of body (美国 + 大学) name none; a body word that is also
    the start of a title (外交部 + 长) leaves the name to the posts stage."""
    from ...lang.zh.orgs import (GENERIC_BODIES, NOT_BODY_ENDS, NOT_ORGS, ORG_SUFFIXES, SHORT_ORG_SUFFIXES,
                                 UNIT_SUFFIXES, unit_of_body)

    text = t.text
    out: list[Candidate] = []
    starts = [(p.start, p.end, p.place_kind) for p in places if p.rule != "entity.gazetteer.short_form"
              and p.place_kind in (PlaceKind.COUNTRY, PlaceKind.REGION, PlaceKind.CITY)]
    for start, after, kind in starts:
        at, words = after, 0
        while words < _MAX_BODY_WORDS:
            token = t.starts.get(at)
            if token is None or token.tag not in _BODY_MIDDLE or token.word.startswith(_APPOSITION) \
                    or not re.fullmatch("[\u4e00-\u9fff]+", token.word):
                break
            words += 1
            at = token.end
            word = token.word
            suffix = next((x for x in ORG_SUFFIXES if word.endswith(x)), None)
            if word.endswith(NOT_BODY_ENDS) or (suffix in UNIT_SUFFIXES and not unit_of_body(word)):
                suffix = None  # 关系, 体系: an ordinary word on the way to the body's (纽约犹太社区关系理事会)
            if suffix == "军":
                break  # a place's armed forces come from armies() (阿富汗 + 美军 is no one body)
            if suffix is None:
                if len(word) < 2:
                    break  # 上海 + 牙 + 国际法庭: the tagger cut a name (海牙) in two
                continue
            alone = words == 1
            ok = token.tag in _BODY_END_TAGS and word not in _NOT_BODY_WORDS and word not in NOT_ORGS \
                and not word.endswith(NOT_BODY_ENDS) and (suffix not in UNIT_SUFFIXES or unit_of_body(word)) \
                and not (len(word) == 1 and suffix in SHORT_ORG_SUFFIXES and suffix != "厂") \
                and not word.endswith(("委员", "部长", "局长", "院长", "厂长", "队长", "团长", "部分")) \
                and not (alone and (word not in _NAMED_AFTER_PLACE and word in GENERIC_BODIES)) \
                and not (alone and token.tag == "ORG") \
                and not (alone and kind is PlaceKind.COUNTRY and word in _NOT_AFTER_PLACE) \
                and not (suffix in SHORT_ORG_SUFFIXES and token.tag != "ORG" and len(word) > 2
                         and word not in _NAMED_AFTER_PLACE) \
                and at - start <= 16 and not fused_title(text, at)
            if ok:
                out.append(Candidate(start, at, EntityType.ORGANIZATION, "pattern", _ORG_RULE + "composed",
                                     org_kind=_composed_kind(word), evidence={"prefix"}))
            break
    return out


# Words that name a unit of the body before them: 国务院 + 办公厅, 科学技术部 + 农村科技司, 福州市国税局 + 党组.
_SUB_UNIT = re.compile(r"(?:办公厅|办公室|港澳办|[^\W\d]{1,6}(?:司|分局|分院|分会|研究室|研究所|出版社|党组|党委|理事会|常委会|委员会|"
                       r"代表团)|党组|党委|理事会|常委会|出版社)")
_NOT_SUB_UNIT = frozenset("公司 上司 官司 本司 该司 学科 专科 本科 文科 理科 外科 内科 教科 前科".split())


def sub_units(t: Text, org_lex: list[Candidate]) -> list[Candidate]:
    """国务院办公厅, 科学技术部农村科技司, 人民日报出版社: a body and one of its units named after it.

    The unit is a word of its own right after the body's name (a known name or one the tagger
    found whole), and ends as a unit does (办公厅, 司, 党组, 出版社 …); it is one organisation."""
    from ...lang.zh.orgs import GENERIC_BODIES, NOT_ORGS, ORG_SUFFIXES

    text = t.text
    bodies = [(c.start, c.end) for c in org_lex if not c.evidence & {"brackets"}]
    bodies += [(token.start, token.end) for token in t.tokens
               if token.tag == "ORG" and len(token.word) >= 3 and token.word.endswith(ORG_SUFFIXES)
               and token.word not in NOT_ORGS and token.word not in GENERIC_BODIES]
    out = []
    for start, end in bodies:
        token = t.starts.get(end)
        if token is not None and token.tag in ("n", "vn") and not _SUB_UNIT.fullmatch(token.word) \
                and len(token.word) == 2 and token.word not in _APPOSITION and token.word[-1] not in "员人长家士":
            token = t.starts.get(token.end)  # 科学技术部 + 农村 + 科技司
        if token is None or token.tag not in _BODY_END_TAGS or token.word in _NOT_SUB_UNIT \
                or not _SUB_UNIT.fullmatch(token.word) or token.word.endswith("公司") or token.word[0] in "原前新":
            continue
        if fused_title(text, token.end) or token.end - start > 20:
            continue  # 外交部 + 司长: a title, the posts stage has it
        out.append(Candidate(start, token.end, EntityType.ORGANIZATION, "pattern", _ORG_RULE + "sub_unit",
                             org_kind=_composed_kind(token.word), evidence={"prefix"}, strength=1))
    return out


def _composed_kind(word: str) -> OrgKind:
    if word.endswith(("公司", "集团", "银行", "厂")):
        return OrgKind.COMPANY
    if word.endswith(("部", "局", "署", "厅", "处", "委", "办", "委员会", "法院", "检察院")):
        return OrgKind.GOVERNMENT
    if word.endswith(("报", "社", "台", "网")):
        return OrgKind.MEDIA
    return OrgKind.OTHER


_TITLE = re.compile(r"《([^《》\n]{1,20})》")


def media_titles(t: Text) -> list[Candidate]:
    """Periodicals and broadcasters named in 《》 that the lexicon does not know."""
    out: list[Candidate] = []
    lexicon = org_lexicon()
    for m in _TITLE.finditer(t.text):
        name = m.group(1).strip()
        if not name or name in lexicon:
            continue
        reported = bool(REPORTING.match(t.text, m.end()))
        if NOT_MEDIA_TITLE.search(name) or not (MEDIA_TITLE.search(name) or reported):
            continue
        out.append(Candidate(m.start(1), m.start(1) + len(name), EntityType.ORGANIZATION, "pattern",
                             _ORG_RULE + "media_title", org_kind=OrgKind.MEDIA, evidence={"brackets"}, strength=1))
    return out


def prefixes_from(candidates: list[Candidate]) -> list[Candidate]:
    """Lexicon candidates that can stand before a body: states, regions, cities, and 中共."""
    return [c for c in candidates
            if (c.type is EntityType.PLACE and c.rule != "entity.gazetteer.short_form"
                and c.place_kind in (PlaceKind.COUNTRY, PlaceKind.REGION, PlaceKind.CITY))
            or (c.type is EntityType.ORGANIZATION and c.canonical == "中国共产党")]
