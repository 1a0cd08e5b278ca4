"""Titles of posts (国务卿, 外交部发言人, 驻日本大使 …) and the grammar of a title phrase.

The lexicon is data (``data/titles.tsv``): each title with its category, English name and
the title it is another name for (外长 = 外交部长). A *title phrase* in news writing is

    [country or body] [modifier] [unit …] [modifier] TITLE      美国 新任 驻日本 大使
                                                              美国 国防部 印太安全事务 代理 助理部长

where units are ministries, agencies and bodies (外交部, 疾病管制署, 欧盟委员会) and the
modifiers are 前 / 新任 / 代理 / 候任 …. This module finds titles, reads units and
modifiers backwards from a title, and says which units are bodies of their own (a post
in a body is "of" the body) and which belong to a state's government (the post is "of"
the country, the ministry stays in the title).

>>> entry_for("外长").category, canonical("外长"), canonical("驻日大使")
('minister', '外交部长', '驻日大使')
>>> entry_for("驻联合国大使").title, accredited_place("常驻联合国代表团临时代办")
('驻{place}大使', '联合国')
>>> [m.group() for m in core_pattern().finditer("美国新任驻日本大使伊曼纽尔和国务卿布林肯")]
['驻日本大使', '国务卿']
>>> read_unit("外交部北美司", 6), read_unit("美国国防部", 5, stop=lambda i: i == 2)
('北美司', '国防部')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from ...facts import PostModifier

DATA = Path(__file__).parent / "data"
PLACE = "{place}"

# Categories whose posts belong to a state: "of" is a country, also one taken from context.
NATIONAL = frozenset({"head_of_state", "head_of_government", "deputy", "minister", "spokesperson", "ambassador",
                      "envoy", "legislator", "military", "judiciary", "official", "consort"})
# Categories where one country has one holder at a time, so two names with the same such
# title and country in one article are one person (日本外相茂木敏充 … 日本外相Toshimitsu Motegi).
SINGULAR = frozenset({"head_of_state", "head_of_government", "minister"})
# Categories whose posts carry the place they are accredited to (驻日本大使 → 日本).
ACCREDITED = frozenset({"ambassador", "envoy"})
# Governors and mayors: "of" is the state, province or city written before the title.
LOCAL = frozenset({"local"})
CATEGORIES = NATIONAL | LOCAL | {"party", "journalist", "editor", "executive", "academic"}

# Words right before a title that qualify the post; 曾任 and 担任 are read by the posts stage.
MODIFIERS = {
    "前任": PostModifier.FORMER, "前": PostModifier.FORMER, "原": PostModifier.FORMER,
    "时任": PostModifier.FORMER, "卸任": PostModifier.FORMER, "已故": PostModifier.FORMER,
    "新任": PostModifier.NEW, "新": PostModifier.NEW, "刚上任的": PostModifier.NEW,
    "代理": PostModifier.ACTING, "署理": PostModifier.ACTING,
    "候任": PostModifier.DESIGNATE, "当选": PostModifier.DESIGNATE, "准": PostModifier.DESIGNATE,
    "现任": None,  # says the post is held now: consumed, no modifier
}
_MODIFIER_END = re.compile("(?:" + "|".join(sorted(MODIFIERS, key=len, reverse=True)) + ")$")

# What a {place} in a title stands for: a short name, no punctuation, no digits.
_PLACE_RE = r"[\u4e00-\u9fffA-Za-z]{1,10}?"
# Unit words: what ends a ministry, agency, office or body name. Longest first.
_UNIT_SUFFIXES = ("委员会", "理事会", "执委会", "办公室", "办事处", "代表处", "代表团", "研究所", "研究院", "基金会",
                  "联合会", "警察局", "电视台", "通讯社", "事务", "中心", "大学", "学院", "协会", "学会", "集团",
                  "公司", "银行", "组织", "联盟", "使馆", "医院", "部", "省", "署", "司", "局", "处", "厅", "院",
                  "党", "系", "委", "会", "台", "社")
# Of these, the ones that end a body of its own (not part of a state's government).
_BODY_SUFFIXES = ("委员会", "理事会", "执委会", "办事处", "研究所", "研究院", "基金会", "联合会", "电视台", "通讯社",
                  "中心", "大学", "学院", "协会", "学会", "集团", "公司", "银行", "组织", "联盟", "医院", "党", "台",
                  "社", "会")
# Characters never inside a unit's name: function words, pronouns, verbs of reporting.
STOP_CHARS = frozenset("的是为在与和及或由从向把被将曾也还又都就而并且但说称他她其我你该此这那们了着过等即于以兼"
                        "，。、；：！？（）()“”\"'《》「」【】[]· \n\t")
# Local governments: a body with one of these in its name is that body, not a ministry (图森市警察局).
_LOCAL = re.compile(r"[市县州镇]")
# Unit words that end one unit inside a longer run (国防部|印太安全事务, 东海大学|政治系). Single
# characters such as 台 or 会 are left out: they are inside too many names (台北, 会议).
_SPLIT_AFTER = tuple(u for u in _UNIT_SUFFIXES if len(u) > 1) + ("部", "署", "司", "局", "厅", "省")
# Modifiers that may be written onto a unit (前图森市警察局局长): read off the stem's start.
_STEM_MODIFIER = re.compile(r"^(?:前任|新任|代理|候任|时任|卸任|已故|前)(?=.)")
_MAX_STEM = 10


@dataclass(frozen=True, slots=True)
class TitleEntry:
    title: str  # as listed; pattern titles keep {place}
    category: str
    en: str | None = None
    same_as: str | None = None
    qualified: bool = False  # taken only with a unit, 驻X or a country/body before it
    where: tuple[str, ...] = ()  # the only states that have this title (国务卿: 美国)

    @property
    def national(self) -> bool:
        return self.category in NATIONAL

    @property
    def pattern(self) -> bool:
        return PLACE in self.title


def parse_line(line: str, number: int = 0) -> TitleEntry | None:
    """One line of ``titles.tsv``; None for comments and blank lines.

    >>> parse_line("外长\\tminister\\tForeign Minister\\t外交部长")
    TitleEntry(title='外长', category='minister', en='Foreign Minister', same_as='外交部长', qualified=False, where=())
    >>> parse_line("特首\\thead_of_government\\t-\\t-\\t-\\t香港|澳门").where
    ('香港', '澳门')
    >>> parse_line("# comment") is None
    True
    """
    if not line.strip() or line.startswith("#"):
        return None
    fields = [f.strip() for f in line.split("\t")]
    if len(fields) < 2 or len(fields) > 6 or not fields[0] or fields[1] not in CATEGORIES:
        raise ValueError(f"titles.tsv:{number}: expected title, category, English, same-as, flags, where: {line!r}")
    fields += [""] * (6 - len(fields))
    title, category, en, same_as, flags, where = (None if f in ("", "-") else f for f in fields)
    return TitleEntry(title, category, en, same_as, "q" in (flags or ""), tuple(where.split("|")) if where else ())


@lru_cache(maxsize=1)
def title_entries() -> tuple[TitleEntry, ...]:
    lines = (DATA / "titles.tsv").read_text(encoding="utf-8").splitlines()
    return tuple(e for n, line in enumerate(lines, 1) if (e := parse_line(line, n)) is not None)


@lru_cache(maxsize=1)
def _plain() -> dict[str, TitleEntry]:
    return {e.title: e for e in title_entries() if not e.pattern}


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern, TitleEntry], ...]:
    entries = sorted((e for e in title_entries() if e.pattern), key=lambda e: len(e.title), reverse=True)
    return tuple((re.compile(_pattern_regex(e.title)), e) for e in entries)  # 驻{place}特命全权大使 first


def _pattern_regex(title: str) -> str:
    return re.escape(title).replace(re.escape(PLACE), _PLACE_RE)


@lru_cache(maxsize=1)
def core_pattern() -> re.Pattern:
    """Every title of the lexicon; the longest alternative is tried first at each position."""
    entries = sorted(title_entries(), key=lambda e: (e.pattern, len(e.title.replace(PLACE, "xxxx"))), reverse=True)
    return re.compile("|".join(_pattern_regex(e.title) if e.pattern else re.escape(e.title) for e in entries))


def entry_for(title: str) -> TitleEntry | None:
    """The lexicon entry of a title as written (驻日本大使 → the 驻{place}大使 entry)."""
    if title in _plain():
        return _plain()[title]
    return next((e for regex, e in _patterns() if regex.fullmatch(title)), None)


def canonical(title: str) -> str:
    """The title a title is another name for, as a lexicon title; else the title itself."""
    entry = entry_for(title)
    if entry is None or not entry.same_as:
        return title
    if entry.pattern:  # 驻{place}特命全权大使 → 驻{place}大使, with the place filled in
        place = accredited_place(title) or ""
        return entry.same_as.replace(PLACE, place)
    return entry.same_as


_ACCREDITED = re.compile(r"驻([\u4e00-\u9fffA-Za-z]{1,12}?)(?:特命全权大使|大使|总领事|领事|代表团|代表处|代表|特使|公使)")


def accredited_place(title: str) -> str | None:
    """The place in 驻X… of an envoy's title."""
    found = _ACCREDITED.search(title)
    return found.group(1) if found else None


def modifier_before(text: str, end: int) -> tuple[str, PostModifier | None] | None:
    """The modifier word ending at ``end``, if any, with the modifier it gives.

    >>> modifier_before("日本新任首相", 4), modifier_before("美国首相", 2)
    (('新任', <PostModifier.NEW: 'new'>), None)
    """
    found = _MODIFIER_END.search(text, max(0, end - 4), end)
    return (found.group(), MODIFIERS[found.group()]) if found else None


def read_unit(text: str, end: int, stop: Callable[[int], bool] = lambda i: False,
              allow: str = "") -> str | None:
    """The unit (ministry, agency, body) ending at ``end``: a stem and a unit suffix.

    The stem runs back over characters that can be inside a name, at most a few, and
    stops where ``stop(i)`` says a country or body ends at ``i`` (美国|国防部). ``allow``
    lets some stop characters (与) inside the stem. A unit may also end in the first
    character of the title after it (卫福|部长): the posts stage reads that as a stem only.
    """
    for suffix in _UNIT_SUFFIXES:
        if text.endswith(suffix, 0, end):
            k = end - len(suffix)
            j = k
            while j > 0 and k - j < _MAX_STEM and (text[j - 1] not in STOP_CHARS or text[j - 1] in allow):
                if j < k and (stop(j) or text.endswith(_SPLIT_AFTER, 0, j)):
                    break
                j -= 1
            stem = _STEM_MODIFIER.sub("", text[j:k])
            if stem and not stem.isdigit() and not _MODIFIER_END.fullmatch(stem):
                return stem + suffix
    return None


def read_stem(text: str, end: int, stop: Callable[[int], bool] = lambda i: False, longest: int = 4) -> str:
    """The name of a ministry written with its title (卫福|部长, 卫生|部长): a few name characters."""
    j = end
    while j > 0 and end - j < longest and text[j - 1] not in STOP_CHARS and not text[j - 1].isdigit():
        if j < end and stop(j):
            break
        j -= 1
    return text[j:end]


def is_body(unit: str) -> bool:
    """A body of its own (欧盟委员会, 东海大学, 图森市警察局), not a ministry of a state.

    >>> is_body("欧盟委员会"), is_body("外交部"), is_body("图森市警察局"), is_body("常驻联合国代表团")
    (True, False, True, False)
    >>> is_body("咨询公司"), is_body("外交部北美司")
    (True, False)
    """
    if unit.endswith(tuple(b for b in _BODY_SUFFIXES if len(b) > 1)):
        return True
    if unit.endswith(("部", "署", "司", "厅", "省", "代表团", "事务", "使馆")) and not _LOCAL.search(unit[:-1]):
        return False
    if _LOCAL.search(unit) and unit.endswith(("局", "处", "院", "署")):
        return True
    return unit.endswith(_BODY_SUFFIXES)


def inside_unit_word(text: str, start: int, end: int) -> bool:
    """True when a unit word runs across ``end`` (委员|会, 常驻联合国代表|团, 大使|馆): the title
    found at ``start:end`` is part of a body's name, not a post.

    >>> inside_unit_word("欧盟委员会主席", 2, 4), inside_unit_word("欧盟委员会主席", 5, 7)
    (True, False)
    """
    return any(text.startswith(u, j) and j + len(u) > end for j in range(start, end)
               for u in _UNIT_SUFFIXES + ("使馆", "主席团", "代表处") if len(u) > 1)


def is_ministry(unit: str) -> bool:
    """A unit of a state's government (外交部, 疾病管制署, 国务院), which keeps a title national.

    >>> is_ministry("外交部"), is_ministry("政治系"), is_ministry("欧盟委员会")
    (True, False, False)
    """
    return not is_body(unit) and unit.endswith(("部", "署", "司", "局", "处", "厅", "省", "院", "委", "办",
                                                  "办公室", "代表团", "事务"))


def unit_stem(unit: str) -> str:
    """The name part of a unit: 东海大学 → 东海.

    >>> unit_stem("东海大学"), unit_stem("公司")
    ('东海', '')
    """
    suffix = next((u for u in _UNIT_SUFFIXES if unit.endswith(u)), "")
    return unit[: len(unit) - len(suffix)]


def unit_ends(text: str) -> bool:
    """True when ``text`` ends with a unit word (it can stand before a title)."""
    return text.endswith(_UNIT_SUFFIXES)
