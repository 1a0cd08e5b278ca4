"""Place names: every country and region in Chinese with its ISO 3166 code, cities, features.

Countries and territories come from CLDR as Babel ships it (``zh``, and ``zh_Hant``
converted to simplified characters, which gives the Taiwan forms 澳洲, 纽西兰, 北韩 …);
the data files ``data/places_*.tsv`` add what CLDR lacks: long and historical forms, the
one-character short forms used in lists (美日澳印), regions, cities and named features, and
China's administrative divisions (``places_cn.tsv``: 江苏省, 如东县, 潍坊). CLDR's exemplar
cities of its time zones (卡拉奇, 基辅) are taken where the tagger reads a place. Everything is
built once and cached.

>>> lex = place_lexicon()
>>> lex["澳洲"].name, lex["澳洲"].iso, lex["澳大利亚"].iso
('澳大利亚', 'AU', 'AU')
>>> lex["台湾"].kind.value, lex["台湾"].iso, lex["南海"].kind.value
('Region', 'TW', 'Place')
>>> short_form("澳", "港澳").name, short_form("澳", "美日澳印").name
('澳门', '澳大利亚')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ...facts import PlaceKind

DATA = Path(__file__).parent / "data"

# CLDR codes that are not places of their own (EU, UN are organisations; pseudo-regions).
_NOT_PLACES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "001", "017"})
# Dependencies and territories: CLDR lists them with the states, we call them regions.
TERRITORIES = frozenset(
    "AC AI AS AW AX BL BM BQ BV CC CK CP CQ CW CX DG EA EH FK FO GF GG GI GL GP GS GU HK HM IC IM IO JE "
    "KY MF MO MP MQ MS NC NF NU PF PM PN PR PS RE SH SJ SX TA TC TF TK TW UM VG VI WF YT".split()
)
# Canonical names where CLDR's is not the one news writing uses.
CANONICAL = {"HK": "香港", "MO": "澳门", "PS": "巴勒斯坦", "AQ": "南极洲"}
# Names that are also ordinary words or name parts (查德 is Chad in Taiwan usage and a given
# name; 海地 sits inside 沿海地区): taken only where the tagger agrees it is a place there.
CONFIRM = frozenset({"查德", "马利", "尼日", "狮子山", "东加", "乔治亚", "多米尼克", "贝南", "加彭", "海地", "卡达",
                     "西亚", "北非", "明州", "约旦", "多哥", "加纳", "汤加", "阿曼", "马里", "黑山", "巴林", "纽埃",
                     "圣诞岛", "米兰", "罗马", "悉尼", "雪梨", "台中", "新北", "桃园", "金门", "波恩", "丹佛", "中东",
                     "海口", "西安", "大连", "长春", "珠江", "东北", "西北", "西南", "江南", "华中"})
# Short forms of Chinese prefectures that are also words or other places' names (世界大同, 安康,
# 德州 for Texas): taken only where the tagger reads a place.
AMBIGUOUS_CN = frozenset("大同 安康 长治 白银 来宾 吉安 中山 北海 黄山 阿里 兴安 海东 海北 海西 红河 文山 普洱 大理 德州 "
                         "承德 常德 三明 永州 安顺 六安 宣城 玉林 黑河 金华 丽水 通化 四平 白山 松原 铜仁 随州 恩施 "
                         "日照 东营 临沂 平凉 定西 武威 酒泉 昌吉 伊犁 和田 阿克苏".split())
# Never names alone: ambiguous between places (刚果) or mostly something else (中欧 in 中欧峰会).
NEVER = frozenset({"刚果", "美洲北部", "大洋洲边疆群岛", "南非洲", "中欧", "约旦河", "解放区"})


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    """What a place name stands for: the canonical name, its kind and ISO code."""

    name: str
    kind: PlaceKind
    iso: str | None = None
    en: str | None = None
    confirm: bool = False  # taken only where the tagger also reads a place
    bounded: bool = False  # taken only where the tagger ends a word with it (和平区 not in 和平区域)
    chained: bool = False  # taken only right after the province or city it lies in (湖南桃源, not 桃源 alone)

    @property
    def ident(self) -> str:
        """Identity within an article: the ISO code when there is one, else the canonical name."""
        return self.iso or self.name


def read_tsv(path: Path, columns: int) -> Iterator[tuple[str, ...]]:
    """The rows of a tab-separated data file, ``#`` comments and blank lines skipped.

    Missing trailing columns and ``-`` read as empty strings; a row with more columns, or
    an empty first column, raises ValueError naming the line.
    """
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) > columns or not fields[0].strip():
            raise ValueError(f"{path.name}:{number}: expected at most {columns} tab-separated fields: {line!r}")
        fields = [f.strip() for f in fields] + [""] * (columns - len(fields))
        yield tuple("" if f == "-" else f for f in fields)


def split_aliases(field: str) -> list[str]:
    return [a.strip() for a in field.split("|") if a.strip() and a.strip() != "-"]


def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def _cldr_variants(name: str) -> list[str]:
    """``刚果（金）`` → ``刚果（金）``, ``刚果(金)``; ``科科斯（基林）群岛`` → also ``科科斯群岛``."""
    out = [name]
    if "（" in name:
        out.append(re.sub(r"（[^）]*）", "", name))
        out.append(name.replace("（", "(").replace("）", ")"))
    return out


@lru_cache(maxsize=1)
def country_table() -> dict[str, tuple[str, PlaceKind, list[str]]]:
    """ISO code → (canonical name, kind, every other name), from CLDR and places_countries.tsv."""
    import babel

    table: dict[str, tuple[str, PlaceKind, list[str]]] = {}
    hans = babel.Locale("zh").territories
    hant = babel.Locale.parse("zh_Hant").territories
    t2s = _t2s()
    for code, name in hans.items():
        if len(code) != 2 or code in _NOT_PLACES:
            continue
        kind = PlaceKind.REGION if code in TERRITORIES else PlaceKind.COUNTRY
        names = _cldr_variants(name)
        if code in hant:
            names += _cldr_variants(t2s.convert(hant[code]))
        canonical = CANONICAL.get(code, name)
        table[code] = (canonical, kind, [n for n in dict.fromkeys(names) if n != canonical])
    for name, code, kind, _en in read_tsv(DATA / "places_countries.tsv", 4):
        if not code:
            continue
        canonical, known_kind, names = table.get(code, (name, PlaceKind(kind), []))
        if name != canonical and name not in names:
            names.append(name)
        table[code] = (canonical, known_kind, names)
    owners: dict[str, set[str]] = {}
    for code, (canonical, _kind, names) in table.items():
        for name in (canonical, *names):
            owners.setdefault(name, set()).add(code)
    shared = {name for name, codes in owners.items() if len(codes) > 1}  # 刚果 from 刚果（金） and 刚果（布）
    return {code: (canonical, kind, [n for n in names if n not in shared])
            for code, (canonical, kind, names) in table.items()}


@lru_cache(maxsize=1)
def place_lexicon() -> dict[str, PlaceInfo]:
    """Every place name we know (simplified characters) → what it stands for."""
    lex: dict[str, PlaceInfo] = {}

    def put(surface: str, info: PlaceInfo) -> None:
        if surface and surface not in NEVER and surface not in lex:
            lex[surface] = replace(info, confirm=True) if surface in CONFIRM else info

    for code, (canonical, kind, names) in country_table().items():
        info = PlaceInfo(canonical, kind, code)
        put(canonical, info)
        for n in names:
            put(n, info)
    for name, code, kind, en in read_tsv(DATA / "places_countries.tsv", 4):
        if not code:  # historical states without a code: 苏联, 东德
            put(name, PlaceInfo(name, PlaceKind(kind), None, en or None))
    import babel

    for code, name in babel.Locale("zh").territories.items():  # continents and macro-regions
        if code.isdigit() and code not in _NOT_PLACES:
            put(name, PlaceInfo(name, PlaceKind.REGION))
    for filename, kind in (("places_regions.tsv", PlaceKind.REGION), ("places_cities.tsv", PlaceKind.CITY),
                           ("places_features.tsv", PlaceKind.PLACE)):
        for name, code, en, aliases in read_tsv(DATA / filename, 4):
            iso = code if kind is PlaceKind.REGION and code else None
            if iso and iso in country_table():  # 台湾省, 香港特别行政区: forms of a known territory
                canonical, ckind, _ = country_table()[iso]
                info = PlaceInfo(canonical, ckind, iso, en or None)
            else:
                info = PlaceInfo(name, kind, iso, en or None)
            put(name, info)
            for alias in split_aliases(aliases):
                put(alias, info)
    for name in _cldr_cities():  # world cities as CLDR names them (卡拉奇, 基辅), where the tagger agrees
        put(name, PlaceInfo(name, PlaceKind.CITY, confirm=True))
    for name, level, _code, short in read_tsv(DATA / "places_cn.tsv", 4):
        # China's provinces, prefectures and counties: the full names, and the short forms of the
        # higher levels as they stand; a county's short form (如东) only where the tagger reads a place
        kind = PlaceKind.CITY if name.endswith("市") and level != "province" else PlaceKind.REGION
        info = PlaceInfo(name, kind, bounded=True)
        put(name, info)
        if short:  # a county's bare name is often a word too (比如, 延寿): it needs the tagger, and a
            # county that is no city the province or city before it (湖南桃源)
            county = level == "county"
            put(short, replace(info, confirm=county or short in AMBIGUOUS_CN,
                               chained=county and not name.endswith("市")))
    return lex


def _cldr_cities() -> list[str]:
    """The exemplar cities of CLDR's time zones in Chinese (Babel), less the compound ones
    (北达科他州比尤拉) and the placeholder for an unknown place."""
    import babel

    zones = babel.Locale("zh").time_zones
    names = {zone.get("city") for zone in zones.values()}
    return sorted(n for n in names if n and len(n) >= 2 and "州" not in n[1:-1] and n != "未知地点")


@lru_cache(maxsize=1)
def short_forms() -> dict[str, PlaceInfo]:
    """One-character short forms (美 → 美国 US) for lists and compounds only."""
    lex = place_lexicon()
    out = {}
    for char, code, full in read_tsv(DATA / "places_short.tsv", 3):
        known = lex.get(full)
        out[char] = replace(known, confirm=False) if known is not None else PlaceInfo(full, PlaceKind.COUNTRY, code or None)
    return out


def short_form(char: str, run: str) -> PlaceInfo | None:
    """What ``char`` stands for inside the list or compound ``run``: 澳 is 澳门 next to 港."""
    if char == "澳" and "港" in run:
        return place_lexicon()["澳门"]
    if char == "巴" and "以" in run:
        return place_lexicon()["巴勒斯坦"]
    return short_forms().get(char)


def iso_names() -> dict[str, str]:
    """ISO code → canonical Chinese name, for the countries and territories CLDR knows."""
    return {code: canonical for code, (canonical, _kind, _names) in country_table().items()}
