"""Cutting text into sentences and clauses, the units the events and statements stages read.

Offsets always point into the document text: helpers take ``lo``/``hi`` bounds rather than
slices, so spans found in them are spans of the article.
"""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[。！？!?]+[”」’]?|\n")
_CLAUSE_END = re.compile(r"[，,；;：:]")
# Characters trimmed from the ends of a clause: spaces, quotation marks, brackets, punctuation.
EDGE = " \u3000\n“”「」\"‘’（(）)。，,；;：:、…"


def sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` (offsets shifted by ``start``).

    >>> sentences("甲说。乙去了！", 10)
    [(10, 13), (13, 17)]
    """
    out, position = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > position:
            out.append((start + position, start + m.end()))
        position = m.end()
    if position < len(text):
        out.append((start + position, start + len(text)))
    return out


def clause_bounds(text: str, at: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause of ``text[lo:hi]`` around offset ``at`` (between commas, semicolons, colons).

    >>> clause_bounds("甲说，乙与丙会谈，后来", 6, 0, 11)
    (3, 8)
    """
    start = max((m.end() for m in _CLAUSE_END.finditer(text, lo, at)), default=lo)
    after = _CLAUSE_END.search(text, at, hi)
    return start, after.start() if after else hi


def inside(text: str, at: int, lo: int, opening: str, closing: str) -> bool:
    """Whether ``at`` is inside an opening…closing pair that opens after ``lo``.

    >>> inside("他说“再见面”", 4, 0, "“", "”"), inside("《会谈》后", 5, 0, "《", "》")
    (True, False)
    """
    opened = text.rfind(opening, lo, at)
    return opened >= 0 and text.find(closing, opened, at) < 0


def in_spans(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= at < b for a, b in spans)


def clauses(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Clauses of ``text[lo:hi]`` without their separators and outer spaces or quotation marks.

    >>> clauses("甲说，“乙；丙”", 0, 8)
    [(0, 2), (4, 5), (6, 7)]
    """
    out, start = [], lo
    for m in list(_CLAUSE_END.finditer(text, lo, hi)) + [None]:
        end = m.start() if m else hi
        a, b = start, end
        while a < b and text[a] in EDGE:
            a += 1
        while b > a and text[b - 1] in EDGE:
            b -= 1
        if b > a:
            out.append((a, b))
        start = m.end() if m else hi
    return out
