"""Character clean-up, whitespace joining and traditional → simplified conversion.

Everything here works on plain strings, so readers and extractors can share it. The
rules exist because real pages carry invisible characters, pretty-printed markup whose
newlines must not become spaces inside Chinese sentences, and traditional characters that
later stages (lexicons, patterns) only know in simplified form.

>>> join_inline(clean_chars("美国国务卿\\n  蓬佩奥\\n （Mike\\n Pompeo）\\u200b说"))
'美国国务卿蓬佩奥（Mike Pompeo）说'
"""
from __future__ import annotations

import re
from functools import lru_cache

# Characters with no width that only break words and searches: dropped outright.
_ZERO_WIDTH = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
# Spaces of every other width read as one plain space.
_SPACES = "\t\x0b\x0c\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Line and paragraph separators read as a newline (CR handled before, so CRLF stays one break).
_NEWLINES = "\r\x85\u2028\u2029"
_CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0)])


def _compatibility_ideographs() -> dict[str, str]:
    """Kangxi radicals and CJK compatibility ideographs look like ordinary characters (⾞ for 車)
    but match nothing in a lexicon; NFKC maps each to one ordinary character."""
    import unicodedata

    table = {}
    for code in [*range(0x2F00, 0x2FD6), *range(0x2E80, 0x2EF4), *range(0xF900, 0xFB00)]:
        char = chr(code)
        plain = unicodedata.normalize("NFKC", char)
        if len(plain) == 1 and plain != char:
            table[char] = plain
    return table


_TABLE = str.maketrans(
    {**_compatibility_ideographs(), **{c: None for c in _ZERO_WIDTH + _CONTROLS}, **{c: " " for c in _SPACES},
     **{c: "\n" for c in _NEWLINES}}
)
_WHITESPACE_RUN = re.compile(r"\s+")
# No space after an opening bracket or before closing punctuation when a line break is joined.
_OPENERS = frozenset("([{<\"'“‘《〈「『【（")
_CLOSERS = frozenset(")]}>\"'”’》〉」』】），。、；：！？,.;:!?")


def clean_chars(text: str) -> str:
    """Drop invisible and control characters; odd spaces become " ", line separators "\\n".

    >>> clean_chars("a\\xa0b\\u3000c\\u200bd\\x08e\\r\\nf\\u2028g")
    'a b cde\\nf\\ng'
    >>> clean_chars("⾞游8⽉22⽇")
    '車游8月22日'
    """
    return text.replace("\r\n", "\n").translate(_TABLE)


def is_wide(char: str) -> bool:
    """True for CJK characters and full-width punctuation: scripts written without spaces.

    >>> is_wide("中"), is_wide("，"), is_wide("“"), is_wide("a"), is_wide("1")
    (True, True, True, False, False)
    """
    return ord(char) >= 0x2E80 or char in "“”‘’…—·"


def join_inline(text: str) -> str:
    """Collapse whitespace the way a browser shows it, minus the spaces it would add in Chinese.

    A whitespace run that holds a line break comes from markup layout (a link on its own
    line): it disappears next to a CJK character or inside brackets and becomes one space
    between two Latin words. A run without a line break is the author's own space and
    stays, collapsed to one.

    >>> join_inline("举行\\n  四方会谈\\n  （Quad）")
    '举行四方会谈（Quad）'
    >>> join_inline("Mike\\n  Pompeo  said")
    'Mike Pompeo said'
    >>> join_inline("G7 外长  声明")
    'G7 外长 声明'
    """

    def replace(match: re.Match[str]) -> str:
        if "\n" not in match.group():
            return " "
        start, end = match.start(), match.end()
        if start == 0 or end == len(text):
            return ""
        before, after = text[start - 1], text[end]
        if is_wide(before) or is_wide(after) or before in _OPENERS or after in _CLOSERS:
            return ""
        return " "

    return _WHITESPACE_RUN.sub(replace, text).strip()


_ANGLED = re.compile(r"<([^<>\n]{1,80})>")


def angle_quotes(text: str) -> str:
    """ASCII angle brackets in text become Chinese title marks (paired) or full-width signs.

    Pages write a title as ``&lt;谋攻篇&gt;``; as text it must not look like markup to
    anything downstream (HTML views, RDF literals, the "no leftover tags" checks).

    >>> angle_quotes("《孙子兵法》<谋攻篇>里说"), angle_quotes("a < b")
    ('《孙子兵法》〈谋攻篇〉里说', 'a ＜ b')
    """
    if "<" not in text and ">" not in text:
        return text
    return _ANGLED.sub(r"〈\1〉", text).replace("<", "＜").replace(">", "＞")


def clean_line(text: str) -> str:
    """A one-line text (title, caption) with its ends trimmed and inner spaces kept as they are.

    >>> clean_line("  “严重关切”   G7外长\\u00a0声明 \\n")
    '“严重关切”   G7外长 声明'
    """
    return clean_chars(text).replace("\n", " ").strip()


@lru_cache(maxsize=1)
def _converter():
    import opencc  # imported lazily: building the converter reads its dictionaries once

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified with OpenCC, keeping the length so offsets stay valid.

    Phrase conversion may change a length in rare cases; then the block is converted one
    character at a time, and a character whose conversion is not one character stays as is.

    >>> to_simplified("這是美國國務卿")
    '这是美国国务卿'
    >>> to_simplified("美国") == "美国"
    True
    """
    if not text or text.isascii():
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    chars = []
    for char in text:
        one = _converter().convert(char)
        chars.append(one if len(one) == 1 else char)
    result = "".join(chars)
    assert len(result) == len(text)
    return result


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def count_cjk(text: str) -> int:
    """How many CJK ideographs ``text`` holds.

    >>> count_cjk("G7外长会议")
    4
    """
    return len(_CJK.findall(text))
