"""The person's name next to a title: where it ends, and whether it is a name at all.

A title right before a name is strong evidence for the name, but the text does not say
where the name ends (美国国务卿蓬佩奥说, 魏凤和与印度…, 英国首相约翰逊推进…). The reader tries, in
order: a Latin name (日本外相Toshimitsu Motegi), a dotted transliteration (拉姆·伊曼纽尔, cut
where the predicate starts), a person the entities stage knows, and a Chinese or
transliterated name whose length is judged by what follows it and how often it recurs.
jieba's dictionary, when installed, rules out ordinary words (施压, 来到这).

>>> look = Lookup(lambda i, short, cities=False: None, {"川普"}, [], "国务卿蓬佩奥说，川普总统")
>>> reader = NameReader(look.text, look)
>>> reader.name_at(3)[0].text, reader.name_at(8)[0].text
('蓬佩奥', '川普')
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from . import titles as T
from .names import DOT_NAME, LATIN_NAME, name_shape, translit_chars

# What may follow a name: not a Chinese character, or a word that starts the predicate.
_AFTER_NAME = re.compile(
    r"[^\u4e00-\u9fff]|表示|说|称|指出|强调|认为|宣布|发表|出席|参加|参与|会见|会晤|会面|访问|抵达|前往|举行|进行|签署|"
    r"回答|回应|批评|呼吁|警告|透露|告诉|提出|提到|提及|接受|率领|率团|主持|致电|通话|发言|讲话|谈到|写道|达成|上任|就任|"
    r"辞职|当天|日前|近日|稍早|随后|此前|正在|一行|一同|一起|本人|夫妇|分别|先后|首先|亲自|今天|昨天|明天|今日|昨日|"
    r"[也则亦还已都并将曾在于与和及同跟对向就的是为等今昨周当被把从以所再又却均因]")
_CJK = re.compile(r"[\u4e00-\u9fff]+")
# Words that start a title's complement, not a name (卫生部长助理布雷特·吉罗尔).
_NOT_NAME_START = ("助理", "夫人", "秘书", "顾问", "代表", "主任", "官员")
# Characters no name starts with: function words, pronouns, auxiliaries (总统来提名, 总统时捐钱).
NOT_FIRST = frozenset("的是为在与和及或由从向把被将曾也还又都就而并且但说称他她其我你该此这那们了着过等即于以之时来去要会能应可")
_PROPER_TAGS = ("nr", "nz", "ns", "nt", "x", "j")  # jieba's tags of names and proper nouns
_CONTEXT_WINDOW = 400  # characters back to look for the country of a bare national title


@dataclass(frozen=True, slots=True)
class Ref:
    start: int
    end: int
    text: str
    kind: str  # place, org or person


class Lookup:
    """What the text around a title is: known places, bodies and persons, by position.

    ``prefix_ending(i)`` gives the country, region or body named right before ``i``;
    ``person_at(i)`` / ``person_ending(i)`` a known person's name starting / ending at ``i``;
    ``countries`` are every country named, for context, each with its canonical name.
    """

    def __init__(self, prefix_ending: Callable[..., Ref | None], person_names: set[str],
                 countries: list[tuple[Ref, str]], text: str, canonical: Callable[[str], str] = str):
        self.prefix_ending = prefix_ending
        self.canonical = canonical
        self.names = sorted(person_names, key=len, reverse=True)
        self.countries = countries
        self.text = text

    def add_names(self, names: set[str]) -> None:
        self.names = sorted(set(self.names) | names, key=len, reverse=True)

    def person_at(self, i: int) -> str | None:
        return next((n for n in self.names if self.text.startswith(n, i)), None)

    def dotted_at(self, i: int) -> list[str]:
        """The known dotted names (迈克·蓬佩奥) that start at ``i``."""
        return [n for n in self.names if "·" in n and self.text.startswith(n, i)]

    def person_ending(self, i: int) -> str | None:
        return next((n for n in self.names if self.text.endswith(n, 0, i)), None)

    def names_country(self, ref: Ref) -> bool:
        """True when ``ref`` is one of the countries (states, territories) named in the text."""
        return any(c.start == ref.start and c.end == ref.end for c, _ in self.countries)

    def country_before(self, i: int, not_: str | None = None, where: tuple[str, ...] = ()) -> Ref | None:
        """The country named last before ``i``: not ``not_`` (an envoy is not of where he is
        posted), one of ``where`` when the title has only some states (国务卿 → 美国), then
        also one named later or further back."""
        not_ = self.canonical(not_) if not_ else None
        found = [(c, name) for c, name in self.countries if name != not_ and (not where or name in where)]
        before = [c for c, _ in found if c.end <= i and (i - c.end <= _CONTEXT_WINDOW or where)]
        if before:
            return max(before, key=lambda c: c.end)
        return min((c for c, _ in found), key=lambda c: c.start) if where and found else None


class NameReader:
    """Reads the person named at a position of ``text`` (see the module's docstring)."""

    def __init__(self, text: str, lookup: Lookup):
        self.text = text
        self.look = lookup

    def name_at(self, pos: int, prefixed: bool = False) -> tuple[Ref, str | None] | None:
        """The person named at ``pos``, and the Latin name bracketed after it, if any.

        ``prefixed``: a country or body stands before the title, which makes a name after it
        likely enough to take one that only ends where transliteration characters end.
        """
        text = self.text
        if text[pos:pos + 1] in NOT_FIRST:
            return None
        found = self._latin(pos) or self._dotted(pos) or self._known(pos) or self._cjk(pos, prefixed)
        if found is None:
            return None
        bracket = re.match(r"[（(]([^（）()]{3,60})[）)]", text[found.end:found.end + 64])
        en = bracket.group(1).strip() if bracket and LATIN_NAME.fullmatch(bracket.group(1).strip()) else None
        return found, en

    def _latin(self, pos: int) -> Ref | None:
        m = LATIN_NAME.match(self.text, pos)
        return Ref(pos, m.end(), m.group(), "person") if m else None

    def _dotted(self, pos: int) -> Ref | None:
        m = DOT_NAME.match(self.text, pos)
        if not m:
            return None
        chars = translit_chars()
        first, last = m.group().split("·", 1)[0], m.group().rsplit("·", 1)[1]
        if sum(c not in chars for c in first) > 1 or first.startswith(_NOT_NAME_START) or T.core_pattern().match(first):
            return None  # 会主席冯·德莱恩, 助理布雷特·吉罗尔: the name starts later, if at all
        last_start = m.end() - len(last)
        size = next((i for i, c in enumerate(last) if c not in chars), len(last))
        ends = [n for n in range(1, len(last) + 1) if _AFTER_NAME.match(self.text, last_start + n)]
        end = last_start + max([n for n in ends if n <= size] or [min([n for n in ends if n > size] or [size])])
        # A dotted name the entities stage found here was cut where the tagger's words change
        # (罗伯特·约翰逊 | 建议), which no list of predicate words can match: the shortest one wins.
        known = [len(n) for n in self.look.dotted_at(pos) if last_start < pos + len(n) < end]
        end = pos + min(known) if known else end
        return Ref(pos, end, self.text[pos:end], "person") if end > last_start else None

    def _known(self, pos: int) -> Ref | None:
        name = self.look.person_at(pos)
        if name is None or self.text[pos + len(name): pos + len(name) + 1] == "·":
            return None
        return Ref(pos, pos + len(name), name, "person")

    def _cjk(self, pos: int, prefixed: bool = False) -> Ref | None:
        """A Chinese or transliterated name of two to six characters.

        The length taken is the longest whose form ends well here (a predicate word, a
        bracket, the end of a run of transliteration characters) among those seen as
        often as the shortest such form: 魏凤和 over 魏凤 when 魏凤 never stands alone.
        """
        text = self.text
        run = _CJK.match(text, pos)
        if (not run or text[pos] in NOT_FIRST or self.look.prefix_ending(pos + 2, False)
                or self.look.prefix_ending(pos + 3, False)):
            return None
        chars, good, weak, recurring = translit_chars(), [], [], []
        for size in range(2, min(6, len(run.group())) + 1):
            candidate = text[pos:pos + size]
            if T.core_pattern().match(candidate) or T.entry_for(candidate):
                continue
            bracket = text.startswith(("（", "("), pos + size)
            if not (name_shape(candidate) or (bracket and size <= 3)) or common_word(candidate):
                continue
            translit_end = all(c in chars for c in candidate) and text[pos + size: pos + size + 1] not in chars
            if bracket or _AFTER_NAME.match(text, pos + size):
                good.append(candidate)
            elif translit_end and prefixed:  # 英国首相约翰逊推进…
                weak.append(candidate)
            elif sum(1 for m in re.finditer(re.escape(candidate), text) if _AFTER_NAME.match(text, m.end())) >= 2:
                recurring.append(candidate)
        good = good or weak
        if good:
            seen = text.count(good[0])
            best = max((c for c in good if text.count(c) == seen), key=len)
        elif recurring:
            best = max(recurring, key=lambda c: (text.count(c), len(c)))
        else:
            return None
        return Ref(pos, pos + len(best), best, "person")

def word_tag(word: str) -> str:
    """jieba's part of speech for ``word`` ('' when unknown or without jieba)."""
    return _word_tags().get(word, "")


@lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    """jieba's dictionary (word → part of speech) when jieba is installed, else nothing."""
    try:
        import jieba
        import jieba.posseg
    except ImportError:  # the ``nlp`` extra is optional: names are then judged by shape alone
        return {}
    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.dt.word_tag_tab


def common_word(candidate: str) -> bool:
    """An ordinary word (施压), or a name-length string that starts with a verb, adverb or
    other function word (来到这, 努力加), ends in a particle (公告中) or goes on with a verb (来裁决).

    Proper nouns (tags nr…, nz, ns, nt) and unknown strings are not common words. Without jieba
    nothing is, so this only ever removes candidates.
    """
    tags = _word_tags()
    tag = tags.get(candidate)
    if tag and not tag.startswith(_PROPER_TAGS):  # transliterations are often nz/ns (伊曼纽尔)
        return True
    if len(candidate) > 2 and tags.get(candidate[:2], "n")[0] in "vadrpcumtfq":
        return True
    # 公告中, 任命等, 海军上: a word and a locative or particle after it
    if candidate[-1] in "中上下里内外时后前等们儿" and not tags.get(candidate[:-1], "nr").startswith(_PROPER_TAGS):
        return True
    return len(candidate) == 3 and tags.get(candidate[1:], "").startswith("v")
