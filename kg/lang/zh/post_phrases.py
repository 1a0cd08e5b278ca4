"""Post phrases in Chinese news text: who holds which title, of which country or body.

The shapes found, each a rule id of its own:

- ``post.country_title_name``  美国国务卿蓬佩奥, 日本前首相安倍晋三, 欧盟委员会主席冯德莱恩
- ``post.title_name``          国务卿蓬佩奥 (the country comes from a list or from context)
- ``post.name_is_title``       蓬佩奥是美国国务卿, 蓬佩奥为国务卿, 担任国务卿的蓬佩奥
- ``post.apposition``          蓬佩奥（美国国务卿）, 蓬佩奥，美国国务卿，
- ``post.name_title``          蓬佩奥国务卿 (only for a name already known as a person)

Finding is separate from resolving: :class:`Phrase` values carry text spans; the posts
stage turns them into entity keys. Names in the text are compared with ``·`` for every
name dot, so ``text`` given here must be :func:`~kg.lang.zh.names.normalize_dots`-ed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...facts import PostModifier
from . import titles as T
from .name_reading import Lookup, NameReader, Ref, common_word, word_tag
from .names import is_translit_name, name_shape

# Titles that take the ministry's own name right before them: 卫福|部长, 警察局|局长.
_ATTACHING = frozenset({"部长", "局长", "署长", "司长", "处长", "厅长", "院长"})
_LATIN_ORG = re.compile(r"(?<![A-Za-z])[A-Z]{2,8}$")
# 是/为 before a title: 蓬佩奥是美国国务卿. 担任 and the like also, with 曾 marking a former post.
_IS = re.compile(r"(?:也|则|即|就)?(?:是|为|系|担任|出任|现任|曾任|曾担任|曾出任|出任过|担任过)$")
# Verbs of 担任国务卿的蓬佩奥 (not 现任总统的…, where 现任 describes the post).
_HELD = re.compile(r"担任|出任|曾任")
_APPOSITION_OPEN = "（(，"
_CLAUSE_END = "，。；：！？、（）()“”\"\n"
_MODIFIER_START = re.compile("(?:" + "|".join(sorted(T.MODIFIERS, key=len, reverse=True)) + ")(?=.)")


@dataclass(frozen=True, slots=True)
class Phrase:
    """One person holding one post, as the text says it."""

    start: int
    end: int
    rule: str
    holder: Ref
    title: str
    category: str
    of: Ref | None = None
    to: str | None = None
    modifier: PostModifier | None = None
    of_source: str = "text"  # text, list, context or none
    holder_en: str | None = None


@dataclass(frozen=True, slots=True)
class _Chain:
    start: int  # the whole title phrase, country or body included
    end: int
    title: str
    entry: T.TitleEntry
    of: Ref | None
    modifier: PostModifier | None
    ministry: bool  # a ministry or agency stands in the title (外交部发言人)
    core: str = ""  # the lexicon title the phrase ends with


class PhraseFinder:
    """Finds every post phrase of a text: :meth:`find`."""

    def __init__(self, text: str, lookup: Lookup):
        self.text = text
        self.look = lookup
        self.names = NameReader(text, lookup)
        self.name_at = self.names.name_at
        self._stop = lambda i: lookup.prefix_ending(i, False) is not None

    # -- the title phrase, read backwards from the title ----------------------------------
    def chain(self, cs: int, ce: int) -> _Chain | None:
        """The title phrase ending with the lexicon title at ``cs:ce``, or None (no title here)."""
        text, core = self.text, self.text[cs:ce]
        entry = T.entry_for(core)
        if entry is None or T.inside_unit_word(text, cs, ce):
            return None
        pos, mods, units, prefix = self._read_back(cs, core, entry)
        if entry.qualified and not units and prefix is None and "驻" not in core:
            return None
        # "of" is the last body written before the title, else the country; what follows stays in the title
        of, title_start = prefix, (prefix.end if prefix else units[0].start if units else cs)
        for unit in units:
            if (T.is_body(unit.text) and _named(unit.text)) or _LATIN_ORG.fullmatch(unit.text):
                of, title_start = unit, unit.end
        title = text[title_start:ce]
        while title.startswith("的") or (T.entry_for(title) is None and _MODIFIER_START.match(title)):
            title = title[1:] if title.startswith("的") else title[_MODIFIER_START.match(title).end():]
        start = min([cs] + [u.start for u in units] + ([prefix.start] if prefix else []))
        if prefix is not None and prefix.kind == "org":
            start = self._outer(start)
        mod = T.modifier_before(text, start)  # 前美国总统, 前图森市警察局局长; not 新|英格兰
        mods += [mod[1]] if mod and (len(mod[0]) > 1 or mod[0] == "前") else []
        ministry = any(T.is_ministry(u.text) for u in units if u.start >= title_start)
        modifier = next((m for m in mods if m is not None), None)
        return _Chain(start, ce, title, entry, of, modifier, ministry, core)

    def _read_back(self, cs: int, core: str, entry: T.TitleEntry) -> tuple[int, list, list[Ref], Ref | None]:
        """Modifiers, units and the country or body before a title, read right to left."""
        text, pos, mods, units, prefix = self.text, cs, [], [], None
        if core in _ATTACHING and not T.read_unit(text, pos, self._stop):
            latin = _LATIN_ORG.search(text, max(0, pos - 8), pos)
            stem = T.read_stem(text, pos, self._stop)
            if latin:  # AIT处长
                prefix, pos = Ref(latin.start(), pos, latin.group(), "org"), latin.start()
            elif stem and stem not in T.MODIFIERS:  # 卫福|部长: the ministry's name is in the title
                units.append(Ref(pos - len(stem), pos, stem + core[0], "org"))
                pos -= len(stem)
        while prefix is None and pos > 0:
            mod = T.modifier_before(text, pos)
            if mod:
                mods.append(mod[1])
                pos -= len(mod[0])
                continue
            ref = self.look.prefix_ending(pos, True, entry.category in T.LOCAL)
            if ref and not (ref.kind == "org" and _ministry(ref.text)):  # a ministry is read as a unit
                prefix = ref
                break
            unit = T.read_unit(text, pos, self._stop, allow="与")
            if unit and "与" in unit and not self._stop(pos - len(unit)):  # 外交与安全事务 only after a name
                unit = T.read_unit(text, pos, self._stop)
            if unit:
                units.append(Ref(pos - len(unit), pos, unit, "org"))
                pos -= len(unit)
                continue
            ref = self.look.prefix_ending(pos - 1, False) if text[pos - 1] == "的" else None
            if ref and not _ministry(ref.text) and (ref.kind == "org" or self.look.names_country(ref)):
                prefix = ref  # 彼得森国际经济研究所的高级研究员, 美国的国务卿; not 印第安纳州的副总统
            break
        units.reverse()
        if prefix is None and units and word_tag(units[0].text[:2]).startswith("v"):  # 离开|参议院, 感谢|文化部
            units[0] = Ref(units[0].start + 2, units[0].end, units[0].text[2:], "org")
            units = [u for u in units if u.text]
        if prefix is None and units:
            prefix, units = self._split_country(units)
        if prefix is None and not units and not entry.national:
            prefix = self._short_name(pos)
        return pos, mods, units, prefix

    def _short_name(self, end: int) -> Ref | None:
        """A body known by a short name between a country and its chair: 加拿大|温支联|主席.
        Only where the post must be of a body (a chair, a professor), and not an ordinary word."""
        for size in range(2, 7):
            start = end - size
            gap = self.text[start:end]
            if start <= 0 or not gap.isalpha() or any(c in T.STOP_CHARS for c in gap) or common_word(gap):
                continue
            country = self.look.prefix_ending(start, False)
            if country is not None and country.kind == "place":
                return Ref(start, end, gap, "org")
        return None

    def _outer(self, start: int) -> int:
        """Where the names around a body end on the left: 英国|诺桑比亚大学, 乔治华盛顿大学|政治管理研究所.
        They belong to the phrase's span whichever of them the entities stage knew."""
        for _ in range(3):
            posted = self.look.prefix_ending(start, False, True)  # 驻纽约|台北经济文化办事处
            if posted is not None and self.text[posted.start - 1:posted.start] == "驻":
                start = posted.start - 1
                continue
            ref = self.look.prefix_ending(start, False)
            unit = None if ref else T.read_unit(self.text, start, self._stop)
            if ref is None and unit is None:
                break
            start = ref.start if ref else start - len(unit)
        return start

    def _split_country(self, units: list) -> tuple[Ref | None, list]:
        """A country written into the first unit: 美国国防部 → 美国 | 国防部; 美国防部 → 美 | 国防部."""
        s, e, unit = units[0].start, units[0].end, units[0].text
        for cut in range(min(len(unit) - 1, 8), 0, -1):
            ref = self.look.prefix_ending(s + cut, False)
            if ref is not None and ref.start == s and ref.kind == "place":
                if ref.text.endswith("国") and len(ref.text) == 2 and unit[cut:cut + 1] in "防务家土会安":
                    short = self.look.prefix_ending(s + 1, True)
                    if short is not None and short.start == s:
                        ref, cut = short, 1
                return ref, [Ref(s + cut, e, unit[cut:], "org")] + units[1:]
        return None, units

    # -- the phrases -----------------------------------------------------------------------
    def find(self) -> list[Phrase]:
        phrases: list[Phrase] = []
        taken: list[tuple[int, int]] = []
        for m in T.core_pattern().finditer(self.text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            chain = self.chain(m.start(), m.end())
            if chain is None:
                continue
            found = self._forward(chain, phrases) or self._backward(chain)
            for phrase in found:
                phrases.append(phrase)
                taken.append((phrase.start, phrase.end))
        return phrases

    def _forward(self, chain: _Chain, earlier: list[Phrase]) -> list[Phrase]:
        """[country][title][name]: the name right after the title (a repeated title skipped)."""
        pos, text = chain.end, self.text
        second: _Chain | None = None
        last_word = chain.entry.title.rsplit(T.PLACE, 1)[-1]
        if text.startswith(last_word, pos):
            pos += len(last_word)  # 大使大使 (a slip of the pen)
        if text.startswith("兼", pos):  # 高级研究员兼贸易专家查德·鲍恩, 副总理兼外长X
            m2 = T.core_pattern().match(text, pos + 1)
            extra = m2 or re.compile(r"[\u4e00-\u9fff]{1,6}?(?:专家|学者|作家|评论员|主持人)").match(text, pos + 1)
            if extra:
                second = self.chain(m2.start(), m2.end()) if m2 else None
                pos = extra.end()
        named = self.name_at(pos, chain.of is not None)
        if named is None:
            return []
        holder, en = named
        rule = "post.country_title_name" if chain.of is not None else "post.title_name"
        out = [self._phrase(chain, chain.start, holder.end, rule, holder, en, earlier)]
        if second is not None:
            out.append(replace(self._phrase(second, chain.start, holder.end, rule, holder, en, earlier),
                               of=out[0].of, of_source=out[0].of_source))
        return [p for p in out if p is not None]

    def _backward(self, chain: _Chain) -> list[Phrase]:
        """The name before the title: 是/为/担任 forms, apposition, and a known name + title."""
        text, s, e = self.text, chain.start, chain.end
        after = text[e:e + 1]
        verb = _IS.search(text, max(0, s - 5), s)
        if verb and after == "的" and _HELD.search(verb.group()):  # 曾任国务卿的蓬佩奥
            named = self.name_at(e + 1)
            if named and _strong_name(named[0].text, self.look):
                return self._with_former([self._phrase(chain, verb.start(), named[0].end, "post.name_is_title",
                                                       named[0], named[1], [])], verb.group())
        if verb and (not after or after in _CLAUSE_END):
            holder = self._holder_ending(verb.start())
            if holder:
                return self._with_former([self._phrase(chain, holder.start, e, "post.name_is_title", holder, None,
                                                       [])], verb.group())
        if s > 0 and text[s - 1] in _APPOSITION_OPEN and (not after or after in "）)，。"):
            name = self.look.person_ending(s - 1)
            if name and (text[s - 1] != "，" or after in "，。"):
                holder = Ref(s - 1 - len(name), s - 1, name, "person")
                return [self._phrase(chain, holder.start, e + (after in "）)"), "post.apposition", holder, None, [])]
        name = self.look.person_ending(s)
        if (name and chain.of is None and chain.title == text[s:e] and chain.entry.national
                and chain.entry.category not in ("military", "spokesperson")  # 刘斐中将: a rank; X发言人: X's
                and not self.name_at(e)):
            holder = Ref(s - len(name), s, name, "person")
            return [self._phrase(chain, holder.start, e, "post.name_title", holder, None, [])]
        return []

    def _holder_ending(self, end: int) -> Ref | None:
        name = self.look.person_ending(end)
        if name:
            return Ref(end - len(name), end, name, "person")
        start = end
        while start > 0 and self.text[start - 1] not in _CLAUSE_END and end - start < 5:
            start -= 1
        candidate = self.text[start:end]
        if (start == 0 or self.text[start - 1] in _CLAUSE_END) and name_shape(candidate) and not common_word(candidate):
            return Ref(start, end, candidate, "person")
        return None

    @staticmethod
    def _with_former(phrases: list, verb: str) -> list:
        return [replace(p, modifier=PostModifier.FORMER) if p and "曾" in verb else p for p in phrases if p]

    def _phrase(self, chain: _Chain, start: int, end: int, rule: str, holder: Ref, en: str | None,
                earlier: list[Phrase]) -> Phrase | None:
        of, source = chain.of, "text"
        if of is None:
            of, source = self._inherited(chain.start, earlier)
        to = T.accredited_place(chain.title) if chain.entry.category in T.ACCREDITED else None
        if of is None and (chain.entry.national or chain.ministry):
            of, source = self.look.country_before(chain.start, to, chain.entry.where), "context"
        if of is None:
            source = "none"
        return Phrase(start, end, rule, holder, chain.title, chain.entry.category, of, to, chain.modifier,
                      source, en)

    def _inherited(self, start: int, earlier: list[Phrase]) -> tuple[Ref | None, str]:
        """The country of the post before in a list: 美国国务卿A（…）、国防部长B."""
        if not earlier or earlier[-1].of is None or earlier[-1].of.kind != "place":
            return None, "none"
        gap = self.text[earlier[-1].end:start]
        if re.fullmatch(r"(?:[（(][^（）()]{0,60}[）)])?(?:、|，|,|和|及|与|以及|、以及)", gap):
            return earlier[-1].of, "list"
        return None, "none"


def _strong_name(name: str, look: Lookup) -> bool:
    """A name that needs no title right before it: known, dotted, Latin or transliterated
    (担任国务卿的蓬佩奥; not 现任总统的宣言书)."""
    return name in look.names or "·" in name or name.isascii() or is_translit_name(name)


def _named(body: str) -> bool:
    """A body with a name of its own, not 公司 or 该公司 or 一家研究所.

    >>> _named("东海大学"), _named("该公司"), _named("一家研究所")
    (True, False, False)
    """
    stem = T.unit_stem(body)
    return len(stem) >= 2 and stem[0] not in "该这那一此本某各其我贵"


def _ministry(name: str) -> bool:
    """An organisation that is part of a state's government (外交部, 美国国防部, 国务院)."""
    return not T.is_body(name) and T.unit_ends(name) and not name.endswith(("党", "会", "社", "台"))
