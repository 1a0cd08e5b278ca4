"""Person-name data: surnames, transliteration characters, title words, stop words, patterns.

News writing names people in a few fixed shapes: a Chinese name (surname + one or two
characters), a transliterated foreign name whose parts are joined by a name dot
(安东尼·布林肯, with any of the dots · ‧ • ・ ．), either of them followed by the Latin
name in brackets (（Antony Blinken）), and all of them often right after a title (国务卿,
外长). The word lists are data files under ``data/``; this module loads them once.

>>> is_chinese_name("林芳正"), is_chinese_name("他们"), is_translit_name("蓬佩奥")
(True, False, True)
>>> DOT_NAME.fullmatch(normalize_dots("迈克‧蓬佩奥")) is not None
True
>>> LATIN_NAME.fullmatch("Antony Blinken") is not None, LATIN_NAME.fullmatch("Quad") is not None
(True, False)
"""
from __future__ import annotations

import re
from functools import lru_cache

from .places import DATA

# The name dots articles use, and the full-width full stop some outlets put in their place.
NAME_DOTS = "·‧•・．･∙⋅"
_DOT_TABLE = str.maketrans({c: "·" for c in NAME_DOTS} | {"丶": "、"})


def normalize_dots(text: str) -> str:
    """Every name dot → ``·`` and ``丶`` → ``、``; one character for one, so offsets hold.

    >>> normalize_dots("米歇尔．巴切莱特、美丶日")
    '米歇尔·巴切莱特、美、日'
    """
    return text.translate(_DOT_TABLE)


def _words(filename: str) -> list[str]:
    out: list[str] = []
    for line in (DATA / filename).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            out.extend(line.split())
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return frozenset(_words("names_surnames.txt"))


@lru_cache(maxsize=1)
def translit_chars() -> frozenset[str]:
    return frozenset(_words("names_translit.txt"))


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    return frozenset(_words("names_stop.txt"))


@lru_cache(maxsize=1)
def titles() -> tuple[str, ...]:
    """Title words, longest first (so 外交部长 is tried before 部长)."""
    return tuple(sorted(_words("names_titles.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def titles_regex() -> re.Pattern:
    """Every title word, longest first, to find them all in a text in one pass.

    A match may not end inside a longer title (副国务卿 is found whole, 国务卿 is not found in it)."""
    return re.compile("|".join(map(re.escape, titles())))


# Where a person stands in a photo, as captions put it in brackets after the name: 蓬佩奥（左二）,
# （前排右一）, （中）, （左起第三）. Such a bracket is no alias of the name before it.
PHOTO_POSITION = re.compile(r"(?:前排|后排|中排|第[一二三四五六七八九十]排)?(?:左|右|中|居中)(?:起)?第?[一二三四五六七八九十0-9]{0,2}(?:位|人)?")
_FUNCTION_CHARS = frozenset("对的是了也都就及跟被把让给说等则再还副")
_TITLE_ENDS = frozenset("总统 总理 首相 部长 外长 防长 主席 书记 大使 议员 市长 州长 省长 院长 局长 处长 署长 司长 校长 教授 博士 先生 女士 小姐 夫人 太太 老师 将军 同志 委员 主委 立委".split())
CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_CJK_ONLY = re.compile(f"[{CJK}]+")


def is_chinese_name(text: str) -> bool:
    """A surname (one or two characters) and one or two given-name characters."""
    if not 2 <= len(text) <= 4 or not _CJK_ONLY.fullmatch(text) or text in stop_words():
        return False
    if len(text) == 2 and text[0] == text[1]:  # 云云, 常常: reduplicated words
        return False
    if text[-2:] in _TITLE_ENDS or text[-1:] in "们":  # 蔡总统, 王部长: a surname and a title
        return False
    if any(c in _FUNCTION_CHARS for c in text[1:]):  # 习对王, 李及: a surname and a function word
        return False
    if len(text) == 2 and text[1] in "家派系帮氏姓某方军国":  # 杨家, 邓派: a family or a faction
        return False
    if text[-1] in "市省县区镇村乡":  # 惠州市: a place
        return False
    known = surnames()
    if len(text) >= 3 and text[:2] in known:
        return True
    return text[0] in known and len(text) <= 3


def is_translit_name(text: str) -> bool:
    """Two or more characters, all of them used in transliterating foreign names."""
    chars = translit_chars()
    bare = text.replace("·", "")
    return len(bare) >= 2 and all(c in chars for c in bare) and text not in stop_words()


_OTHER_DOTS = re.compile(f"[{NAME_DOTS}]")


def name_shape(text: str) -> bool:
    """Looks like a person's name written in Chinese characters (with or without dots)."""
    if _OTHER_DOTS.search(text):
        text = normalize_dots(text)
    if text in stop_words() or not text:
        return False
    if "·" in text:
        return bool(DOT_NAME.fullmatch(text))
    if text[0] in "小老" and len(text) >= 3 and is_translit_name(text[1:]):  # 小布什, 老布什
        return True
    return is_chinese_name(text) or (is_translit_name(text) and len(text) <= 7)


# A transliterated name of two or more parts: 安东尼·布林肯, 冯·德莱恩, 里斯托弗·霍伊斯根.
DOT_NAME = re.compile(f"[{CJK}]{{1,8}}(?:·[{CJK}]{{1,8}})+")
# A Latin-script personal name: two or more capitalised words, initials and particles allowed.
_UP = "A-Z\u00c0-\u00de"
_LO = "a-zA-Z\u00c0-\u024f'\u2019\\-"
LATIN_NAME = re.compile(
    rf"(?:[{_UP}]\.\s?)*[{_UP}][{_LO}]+(?:[\s\-](?:(?:von|van|de|der|da|di|du|bin|al|le|la)\s)*[{_UP}][{_LO}]*\.?)+"
    rf"|(?:[{_UP}]\.\s?)+[{_UP}][{_LO}]+")
# Latin words that make a bracketed name an organisation or a place, not a person.
LATIN_NOT_PERSON = re.compile(
    r"\b(?:Times|Post|News|Journal|Daily|Press|Agency|Party|Ministry|Department|Council|Committee|Commission|"
    r"Organi[sz]ation|Association|Institute|Institution|Center|Centre|University|College|School|Bank|Group|Inc|Ltd|"
    r"Corp|Corporation|Company|Foundation|Forum|Union|League|Alliance|Office|Bureau|Agency|Service|Force|Forces|"
    r"Army|Navy|Guard|Command|Court|Congress|Senate|House|Parliament|Assembly|Government|Administration|Network|"
    r"Radio|Television|TV|Media|Review|Magazine|Weekly|Monitor|Fund|Program|Project|Initiative|Act|Law|Treaty|"
    r"Agreement|Declaration|Summit|Dialogue|Conference|Meeting|Island|Islands|Sea|Strait|River|Mountain|Lake|"
    r"Bay|Ocean|Province|State|City|County|District|Region|Street|Square|Airport|Hospital|Hotel|Pacific|Atlantic|"
    r"Asia|Europe|America|Africa|Republic|Kingdom|Watch|Club|Society|Movement|Campaign|Coalition|Federation|"
    r"Secretary|Minister|President|Chairman|General|Ambassador|Senator|Representative|Spokesperson|Director|Nations|"
    r"United|Images|Photo|Pool)\b", re.I
)
