"""Choosing among overlapping candidates, and finding the other mentions of what was chosen.

1. A tagger or pattern span that swallows a lexicon name anywhere but at its start (日本执政党
   自民党 around 自民党) loses to the lexicon; one that only adds a body after a place (美国
   国防部, 台北松山机场) wins.
2. The rest is greedy: longer spans first, then the surer layer.
3. A person name found once is looked for everywhere else (the tagger misses some
   occurrences, or cuts them: 魏凤 for 魏凤和), and so is the last part of a dot-joined name
   (布林肯 for 安东尼·布林肯).
"""
from __future__ import annotations

import bisect
import re

from ...facts import EntityType
from collections import Counter

from ...lang.zh.names import CJK, is_translit_name, name_shape, surnames
from ...lang.zh.places import place_lexicon
from .base import LAYER_RANK, Candidate, Text

_CJK_CHAR = re.compile(f"[{CJK}]")


def _swallows_lexicon(c: Candidate, lexicon: list[Candidate], starts: list[int], text: str) -> bool:
    head = c.start + 1 if text[c.start: c.start + 1] == "驻" else c.start  # 驻纽约台北经济文化办事处
    i = bisect.bisect_left(starts, c.start)
    chain = _place_at(text, c.start)  # where the places the name starts with end (长春市 + 宽城区 + 公安局)
    while i < len(lexicon) and lexicon[i].start < c.end:
        x = lexicon[i]
        i += 1
        if x is c or x.end > c.end or (x.start, x.end) == (c.start, c.end):
            continue
        prefix = x.start in (c.start, head)  # 美国国防部, 中共外交部, 台大公衞学院: a body of what starts it
        chained = c.type is EntityType.ORGANIZATION and x.type is EntityType.PLACE and x.start == chain \
            and x.rule != "entity.gazetteer.short_form"
        if not (prefix or chained):
            return True
        if x.type is EntityType.PLACE and x.rule != "entity.gazetteer.short_form":
            chain = x.end
    return False


def _place_at(text: str, start: int) -> int | None:
    """The end of the longest place name the lexicon knows at ``start`` (None: none)."""
    places = place_lexicon()
    for length in range(min(8, len(text) - start), 1, -1):
        if text[start: start + length] in places:
            return start + length
    return None


def choose(t: Text, candidates: list[Candidate], blocked: list[tuple[int, int]] = ()) -> list[Candidate]:
    """A set of non-overlapping candidates, none inside a ``blocked`` span."""
    lexicon = sorted((c for c in candidates if c.layer == "lexicon"), key=lambda c: c.start)
    starts = [c.start for c in lexicon]
    pool = [c for c in candidates
            if c.layer == "lexicon" or c.layer == "meta" or not _swallows_lexicon(c, lexicon, starts, t.text)]
    pool.sort(key=lambda c: (c.layer != "meta", -c.length, -c.strength, -LAYER_RANK[c.layer], c.start))
    taken = bytearray(len(t.text) + 1)
    for a, b in blocked:
        taken[a:b] = b"\x01" * (b - a)
    chosen: list[Candidate] = []
    for c in pool:
        if c.layer == "meta":  # the reader's attributions always stand
            taken[c.start:c.end] = b"\x01" * c.length
            chosen.append(c)
            continue
        if any(taken[c.start:c.end]):
            continue
        taken[c.start:c.end] = b"\x01" * c.length
        chosen.append(c)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _covered(chosen: list[Candidate], size: int) -> bytearray:
    taken = bytearray(size + 1)
    for c in chosen:
        taken[c.start:c.end] = b"\x01" * c.length
    return taken


def short_names(name: str) -> list[str]:
    """The last part of a dot-joined name (布林肯 in 安东尼·布林肯), when it can stand alone."""
    parts = [p for p in name.split("·") if p]
    if len(parts) >= 2 and len(parts[-1]) >= 2 and not parts[-1].isascii():
        return [parts[-1]]
    return []


def _word_at(t: Text, start: int, end: int) -> bool:
    """The text at start..end can be a word of its own (the tagger starts one there, and does
    not run it on into a longer ordinary word)."""
    if not t.in_tagged_part(start):
        before = t.text[start - 1: start]
        return not (before.isascii() and before.isalpha())
    if start not in t.starts:
        return False
    if end in t.ends:
        return True
    token = t.token_at(end - 1)
    return token is not None and token.tag == "PER"  # the tagger ran a name on (蓬佩奥吁)


def extend_persons(t: Text, chosen: list[Candidate]) -> None:
    """魏凤 where the article elsewhere writes 魏凤和 at the same place: take the longer name."""
    names = sorted({t.text[c.start:c.end] for c in chosen if c.type is EntityType.PERSON}, key=len, reverse=True)
    taken = _covered(chosen, len(t.text))
    for c in chosen:
        if c.type is not EntityType.PERSON or c.layer == "meta":
            continue
        current = t.text[c.start:c.end]
        for name in names:
            if len(name) > len(current) and name.startswith(current) and t.text.startswith(name, c.start) \
                    and not any(taken[c.end: c.start + len(name)]):
                taken[c.end: c.start + len(name)] = b"\x01" * (c.start + len(name) - c.end)
                c.end = c.start + len(name)
                break


_TRAILING = frozenset("曾也将已则就还又都即便称说对向在与和")


def trim_persons(t: Text, chosen: list[Candidate]) -> list[Candidate]:
    """Cut or drop tagger persons that are a known name run on or joined: 柯顿倡 (柯顿 + 倡), 黑川普
    (黑 + 川普), 陆慷曾 (陆慷 + 曾), 奥巴马拜登 (two names), 习江 (the surnames of 习近平 and 江泽民)."""
    persons = [c for c in chosen if c.type is EntityType.PERSON]
    names = Counter(t.text[c.start:c.end] for c in persons)
    heads = {t.text[c.start] for c in persons if c.end - c.start >= 3}
    known = {n for n in names if len(n) >= 2}
    out = []
    for c in chosen:
        if c.type is EntityType.PERSON and c.layer == "tagger":
            surface = t.text[c.start:c.end]
            if len(surface) == 2 and surface[0] in heads and surface[1] in heads and surface[1] in surnames():
                continue
            if any(surface[:i] in known and surface[i:] in known for i in range(2, len(surface) - 1)):
                continue
            if len(surface) >= 3 and names[surface] == 1:
                if surface[:-1] in known or surface[-1] in _TRAILING:
                    c.end -= 1
                elif surface[1:] in known and surface[1:] != surface:
                    c.start += 1  # 卿克拉奇 next to 克拉奇: the tail of a title ran into the name
        out.append(c)
    return out


def drop_surname_titles(t: Text, chosen: list[Candidate]) -> list[Candidate]:
    """吴先生, 王女士 where the article also names someone of that surname in full: which one it
    is, or whether it is another, the words do not say; the mention is left out."""
    names = {t.text[c.start:c.end] for c in chosen if c.type is EntityType.PERSON and c.rule != _SURNAME_TITLE}
    surnamed = {n[0] for n in names if 2 <= len(n) <= 4 and "·" not in n}

    def surname(c: Candidate) -> str:
        s = t.text[c.start:c.end]
        return s[1] if s[0] == "老" and len(s) == 2 else s[0]

    return [c for c in chosen if c.rule != _SURNAME_TITLE or surname(c) not in surnamed]


_SURNAME_TITLE = "entity.tagger.surname_title"


def _occurrences(text: str, word: str):
    """Where ``word`` stands in ``text``, left to right, not overlapping."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


def _want(wanted: dict, surface: str, type_: EntityType, rule: str, sure: bool) -> None:
    known = wanted.get(surface)
    wanted[surface] = (type_, rule, sure) if known is None else (known[0], known[1], known[2] or sure)


def repeats(t: Text, chosen: list[Candidate]) -> list[Candidate]:
    """Other occurrences of the persons (and their short forms), places and organisations found.

    Returns the new candidates; ``chosen`` loses the tagger words a sure name runs across
    (内塔尼亚胡 read as 内 + 塔尼亚胡 somewhere else).
    """
    text = t.text
    taken = _covered(chosen, len(text))
    sure_taken = _covered([c for c in chosen if c.layer != "tagger"], len(text))
    wanted: dict[str, tuple[EntityType, str, bool]] = {}
    for c in chosen:
        surface = text[c.start:c.end]
        if c.type is EntityType.PERSON:
            sure = c.layer in ("pattern", "meta") and len(surface) >= 3 and ("·" in surface or is_translit_name(surface))
            if len(surface) >= 2 and (not surface.isascii() or " " in surface):
                _want(wanted, surface, EntityType.PERSON, "entity.person.repeat", sure)
            for short in short_names(surface):
                _want(wanted, short, EntityType.PERSON, "entity.person.short_form", len(short) >= 3)
        elif c.layer in ("tagger", "pattern") and len(surface) >= 3 and c.ident is None:
            rule = "entity.org.repeat" if c.type is EntityType.ORGANIZATION else "entity.place.repeat"
            wanted.setdefault(surface, (c.type, rule, False))
    out: list[Candidate] = []
    for surface in sorted(wanted, key=len, reverse=True):
        type_, rule, sure = wanted[surface]
        for start in _occurrences(text, surface):  # (str.find: no pattern to compile per name)
            end = start + len(surface)
            if sure and not any(sure_taken[start:end]) and any(taken[start:end]):
                # a transliterated name known for sure wins over the tagger's cut of it (but not over a
                # longer name around it: 冯德莱恩 stays whole)
                for c in [c for c in chosen if c.layer == "tagger" and c.start < end and start < c.end
                          and not (c.type is EntityType.PERSON and c.start <= start and end <= c.end)]:
                    chosen.remove(c)
                    taken[c.start:c.end] = b"\x00" * c.length
            if any(taken[start:end]) or not (sure or _word_at(t, start, end)):
                continue
            if surface.isascii() and (text[end: end + 1].isalpha() or text[start - 1: start].isalpha()):
                continue
            if type_ is EntityType.PERSON and rule.endswith("short_form") and not name_shape(surface):
                continue
            taken[start:end] = b"\x01" * (end - start)
            sure_taken[start:end] = b"\x01" * (end - start)
            out.append(Candidate(start, end, type_, "pattern", rule, evidence={"repeat"}))
    return out
