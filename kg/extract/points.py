"""The points of a statement: one :class:`Commitment` per clause with its own verb.

The words a statement is reported with are cut into sentences and clauses (，；：). A clause
whose first words hold a verb of :data:`kg.lang.zh.commitments.VERB_CLASSES` opens a new
point of that verb's kind; the clauses after it continue the point while they continue
its sentence (都…，亦…；包括…；以及…) or while the point is still short. A long point ends
where a new clause starts a new thought, which becomes a point of the same kind. Clauses
before the first verb of a sentence are its setting (通过其战略审查过程，日本表示决心…)
unless a verb of saying introduced them (声明指出，目前…).

The quote of a point is the object of its verb, the subject and the verb left out
(日本和美国强调了在整个过程中密切协调的必要性 → 在整个过程中密切协调的必要性); a short object
keeps its clause (对香港新国安法表示关注).

>>> text = "声明强调，严重关切新疆地区的人权状况，并欢迎双方达成的贸易协议。"
>>> [(c.kind.value, c.quote.text) for c in read_points(text, Scope(5, len(text), CommitmentKind.EMPHASIZE))]
[('emphasize', '新疆地区的人权状况'), ('welcome', '双方达成的贸易协议')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.facts import Commitment, CommitmentKind, Mention
from kg.lang.zh import commitments as lex

from .segments import EDGE, clauses

_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]*[”」]?")


@dataclass(frozen=True)
class Scope:
    """Where a statement's points are written: ``start..end``, introduced by a verb of ``kind``."""

    start: int
    end: int
    kind: CommitmentKind | None


@dataclass
class _Point:
    kind: CommitmentKind
    clause_start: int  # the clause with the verb
    quote_start: int  # after the verb
    end: int
    verb: str = ""


def clause_verb(text: str, lo: int, hi: int) -> tuple[CommitmentKind, int, int, str] | None:
    """(kind, verb start, verb end, verb) of the verb opening a clause, if any.

    A weak verb of saying gives way to a stronger one right after it (表示决心 → resolve).

    >>> clause_verb("日本表示决心审查", 0, 8)[0].value, clause_verb("中共必须说服", 0, 6)
    ('resolve', None)
    """
    window = min(hi, lo + 14)
    for m in lex.VERB_PATTERN.finditer(text, lo, window):
        verb = m.group()
        if verb in lex.SHORT_VERBS and m.start() - lo > 1 and not re.match(r"[，,：:“]", text[m.end():m.end() + 1]):
            continue  # 说 in 说服, 称 in 称之为
        if m.start() > lo and lex.NOT_A_VERB_BEFORE.search(text, max(lo, m.start() - 2), m.start()):
            continue  # 不同意, 的决定, 这一决定: negated or a noun
        kind, end = lex.verb_kind(verb), m.end()
        if kind is lex.WEAK:
            stronger = lex.VERB_PATTERN.match(text, end + (text[end:end + 1] in "了要将"), min(hi, end + 3))
            if stronger and lex.verb_kind(stronger.group()) is not lex.WEAK:
                kind, end, verb = lex.verb_kind(stronger.group()), stronger.end(), stronger.group()
        return kind, m.start(), end, verb
    return None


def read_points(text: str, scope: Scope, *, resolution: bool = False, verbs_only: bool = False,
                committing=None) -> list[Commitment]:
    """The points written in ``scope``; ``verbs_only`` keeps only clauses with their own verb
    (declarations, where the rest is commentary); ``committing.search(text)`` tells a clause
    where a state says it will act (加拿大将…: commit)."""
    points: list[_Point] = []
    first = True
    for sentence in _SENTENCE.finditer(text, scope.start, scope.end):
        current: _Point | None = None
        setting: list[tuple[int, int]] = []  # clauses before the sentence's first verb
        had_verb = False
        for c_lo, c_hi in clauses(text, sentence.start(), min(sentence.end(), scope.end)):
            found = clause_verb(text, c_lo, c_hi)
            if first and scope.kind is not None:
                if found is None:
                    found = (scope.kind, c_lo, c_lo, "")  # the introducing verb governs its first clause
                elif found[0] is lex.WEAK and scope.kind is not lex.WEAK:
                    found = (scope.kind, *found[1:])  # 强调，严重关切…: emphasize
            first = False
            if found is not None and current is not None and found[0] is lex.WEAK \
                    and lex.ELABORATING.match(text, c_lo):
                found = None  # 包括继续讨论…: a weak verb inside a continuing clause starts nothing
            if found is not None:
                kind, _, verb_end, verb = found
                current = _Point(kind, c_lo, _skip(text, verb_end, c_hi), c_hi, verb)
                points.append(current)
                had_verb = True
            elif current is not None and _continues(text, current, c_lo, c_hi):
                current.end = c_hi
            elif current is not None and not verbs_only:
                current = _Point(current.kind, c_lo, c_lo, c_hi)
                points.append(current)
            elif current is None:
                setting.append((c_lo, c_hi))
            else:
                current = None if verbs_only else current
        if setting and not had_verb and not verbs_only:
            points.append(_Point(scope.kind or CommitmentKind.NOTE, setting[0][0], setting[0][0], setting[-1][1]))
    return [c for p in points if (c := _commitment(text, p, resolution, committing)) is not None]


def _skip(text: str, at: int, hi: int) -> int:
    """Past 了 and punctuation after a verb (强调了…, 表示，…)."""
    while at < hi and (text[at] in EDGE or text[at] in "了着"):
        at += 1
    return at


def _continues(text: str, point: _Point, lo: int, hi: int) -> bool:
    """Whether the clause at ``lo`` goes on with the point (都违反…，亦不符…) rather than starting one."""
    return bool(lex.CONTINUING.match(text, lo)) or point.end - point.quote_start < lex.POINT_SPLIT \
        or hi - lo < lex.POINT_MIN


def _commitment(text: str, p: _Point, resolution: bool, committing) -> Commitment | None:
    start, end = p.quote_start, p.end
    if end - start < 8:
        start = p.clause_start  # a short object keeps its clause: 对香港新国安法表示关注
    while end - start > lex.QUOTE_MAX:  # cut a long point at a clause boundary
        cut = max((m.start() for m in lex.CLAUSE_SEPARATOR.finditer(text, start, start + lex.QUOTE_MAX)), default=-1)
        if cut <= start:
            break
        end = cut
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    if end - start < lex.POINT_MIN:
        return None
    kind, whole = p.kind, text[p.clause_start:p.end]
    if kind is lex.WEAK and lex.OPPOSING.search(whole):
        kind = CommitmentKind.OPPOSE
    elif kind is lex.WEAK and committing is not None and committing.search(whole):
        kind = CommitmentKind.COMMIT
    if resolution and kind is CommitmentKind.OTHER and p.verb in ("要求", "呼吁"):
        kind = CommitmentKind.RESOLVE  # what a resolution demands is what it resolves
    quote = Mention(start, end, text[start:end], f"commitment.verb.{kind.value}")
    return Commitment(kind, quote)


def _similar(a: str, b: str) -> bool:
    """Near-identical point texts: one holds the other, or they differ in a few characters.

    >>> _similar("加强合作", "双方加强合作"), _similar("北京重新考虑", "中共当局重新考虑")
    (True, False)
    """
    if a in b or b in a:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 0.9 * len(long) and sum(1 for x, y in zip(a, b) if x == y) >= 0.9 * len(long)


def dedupe(points: list[Commitment], seen: set[tuple]) -> list[Commitment]:
    """Points not said before in the article (same kind, near-identical text); ``seen`` is shared
    across the article's statements."""
    out = []
    for c in points:
        key = (c.kind, c.quote.text)
        if any(k == c.kind and _similar(t, c.quote.text) for k, t in seen):
            continue
        seen.add(key)
        out.append(c)
    return out
