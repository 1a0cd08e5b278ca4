"""How names are compared across articles: pure string functions, no store.

Chinese names are compared simplified, without spaces or name dots (any of the dots
outlets use); English names without case, accents, spaces or punctuation, so "Donald
Trump Jr." and "Donald Trump Jr" are one name but "Mike Pompeo" and "Michael Pompeo" are
two. A dotted name (迈克·蓬佩奥) splits into given names and a surname.

>>> zh_form("迈克‧蓬佩奥") == zh_form("迈克∙蓬佩奥") == "迈克蓬佩奥"
True
>>> zh_form("習近平")
'习近平'
>>> en_form("Andrés Manuel  López-Obrador"), en_form("Robert O’Brien")
('andresmanuellopezobrador', 'robertobrien')
>>> split_dotted("艾米·科尼·巴雷特"), split_dotted("特朗普")
(('艾米科尼', '巴雷特'), None)
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..facts import normalize_name
from ..text.normalize import to_simplified

# Every name dot seen in the corpus; normalize_name removes only some of them.
NAME_DOTS = "·‧•・．･∙⋅.・"
_DOT_SPLIT = re.compile(f"[{re.escape(NAME_DOTS)}]")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
# Caption positions a tagger sometimes keeps as a name: 左二 (second from left), 右一 ...
_POSITION = re.compile(r"^[左右前后中上下][一二三四五六七八九十\d]+$")


@lru_cache(maxsize=200_000)
def zh_form(name: str) -> str:
    """The comparison form of a Chinese (or any non-English) name."""
    return normalize_name(to_simplified(_DOT_SPLIT.sub("", name)))


@lru_cache(maxsize=200_000)
def en_form(name: str) -> str:
    """The comparison form of a name in Latin letters."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", folded.lower())


@lru_cache(maxsize=200_000)
def en_parts(name: str) -> tuple[str, str] | None:
    """(first, last) word of an English name; a generation (Jr., II) stays with the last,
    because Donald Trump Jr. is not his father. Senior is dropped: the elder is written
    without it as often as with it.

    >>> en_parts("Donald Trump Jr."), en_parts("Donald Trump Sr"), en_parts("Quad")
    (('donald', 'trump jr'), ('donald', 'trump'), None)
    """
    folded = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))
    words = re.findall(r"[a-z]+", folded)
    names = [w for w in words if w not in _GENERATIONS]
    if len(names) < 2:
        return None
    return names[0], " ".join([names[-1], *(_GENERATIONS[w] for w in words if _GENERATIONS.get(w))])


# Generation suffixes, in one spelling each; Senior counts as none.
_GENERATIONS = {"jr": "jr", "junior": "jr", "ii": "ii", "iii": "iii", "iv": "iv", "sr": "", "senior": ""}


def family(last: str) -> str:
    """The family name of :func:`en_parts`' last part, its generation aside."""
    return last.partition(" ")[0]


def en_compatible(a: set[tuple[str, str]], b: set[tuple[str, str]]) -> bool:
    """Could two sets of English names (as first and last words) name one person?
    Unknown on either side is no objection; Mike and Michael Pompeo agree, Mark and
    Brandon Tatum do not.

    >>> en_compatible({("mike", "pompeo")}, {("michael", "pompeo")}), en_compatible({("mark", "tatum")}, {("brandon", "tatum")})
    (True, False)
    """
    if not a or not b:
        return True
    return any(la == lb and fa[:2] == fb[:2] for fa, la in a for fb, lb in b)


@lru_cache(maxsize=200_000)
def is_latin(name: str) -> bool:
    return name.isascii() or all(ord(c) < 0x2E80 for c in name)


@lru_cache(maxsize=200_000)
def is_junk(name: str) -> bool:
    """Names no merge may rest on: caption positions and one-character names.

    >>> is_junk("左二"), is_junk("蓬佩奥"), is_junk("美")
    (True, False, True)
    """
    form = zh_form(name)
    return len(form) < 2 or bool(_POSITION.match(form))


def split_dotted(name: str) -> tuple[str, str] | None:
    """(given names, surname) of a dotted transliterated name, in comparison form; None otherwise."""
    parts = [p for p in _DOT_SPLIT.split(name.strip()) if p.strip()]
    if len(parts) < 2 or is_latin(name):
        return None
    return zh_form("".join(parts[:-1])), zh_form(parts[-1])


# Characters that transliterate one sound (same syllable, tones aside): 麦克 and 迈克 are one
# "Mike", 卡玛拉 and 卡马拉 one "Kamala". Each group maps to its first character.
_HOMOPHONES = """
艾爱埃 奥澳 波博伯柏勃 贝倍 比彼毕 布卜 戴黛 德得 迪蒂狄帝 顿敦 菲费斐 夫弗福伏甫富
戈哥格葛 赫荷鹤 基吉济姬 加佳嘉贾 杰捷洁 克科柯可 拉腊 莱赖 兰蓝岚 雷蕾 里理丽利莉力历黎李
林琳 卢鲁陆路露 罗洛络 马玛 迈麦 梅美 米密 摩莫墨默 纳娜那 尼妮 佩培 齐奇琪 塞赛 沙莎
斯丝思 苏素 威韦维卫 西希锡席 亚雅娅 伊艺 尔耳儿 金津 詹占 琼穹 汉翰 森桑
"""
_SOUND = str.maketrans({c: group[0] for group in _HOMOPHONES.split() for c in group[1:]})


def sound_form(form: str) -> str:
    """A transliterated name with each character replaced by its sound group's first one.

    >>> sound_form(zh_form("麦克·蓬佩奥")) == sound_form(zh_form("迈克·蓬佩奥"))
    True
    >>> sound_form("乔") == sound_form("亨特")
    False
    """
    return form.translate(_SOUND)


def has_cjk(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" for c in text)
