"""The lexicon layer: known places and organisations, and country short forms in lists.

Names are matched leftmost-longest against one table built from the place and
organisation lexicons (once per process). A match must start where the tagger starts a
word (海地 inside 沿海地区 is not Haiti, 中国 inside 其中国家 is not China), and must not
cut into a word the tagger reads as a person (韩国瑜). One-character short forms (美 日
澳 印 中 …) are taken only in lists and compounds: 美日澳印, 中美关系, 美、日、澳、印三国.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...facts import EntityType, OrgKind, PlaceKind
from ...lang.zh.orgs import OrgInfo, REPORTING, org_lexicon
from ...lang.zh.places import PlaceInfo, place_lexicon, short_form, short_forms
from .base import Candidate, Text
from .orgs import fused_title

_PLACE_RULES = {PlaceKind.COUNTRY: "country", PlaceKind.REGION: "region", PlaceKind.CITY: "city",
                PlaceKind.PLACE: "place"}
# Longer words that contain a name but are not it: they swallow the match.
_BLOCK = ("发展中国家", "其中国家", "跨大西洋", "环太平洋", "跨太平洋", "泛太平洋", "环大西洋")
# A compound of short forms goes on with one of these (中美关系, 美日同盟, 美澳外长).
_COMPOUND_NEXT = re.compile(
    r"(?:关系|关係|同盟|联盟|峰会|会谈|会晤|会议|对话|贸易|协议|协定|两国|三国|四国|五国|六国|七国|各国|等国|国家|外长|防长|首脑|"
    r"领导人|元首|战略|合作|联合|军演|演习|双边|三边|四边|多边|之间|间的|冲突|对抗|竞争|交流|边境|边界|部队|两军|军事|外交|经贸|"
    r"安保|安全|2\s*[+＋]\s*2|“?二加二|友好|脱钩|热线|通话|磋商|谈判|高层|官员|舰队|海军|海上|空中|防务|伙伴|盟友|盟国|双方|"
    r"就|长远|建设性|首脑|和约|建交|友谊|人民|经济|政治|文化|科技|共同|核|两大洲|大洲|”)"
)
# Characters that make a short form part of an ordinary word when they follow it (美元, 中文).
_NOT_AFTER = frozenset("洲元文语式籍裔菜餐药币股企资方")
# Characters that make a short form the end of an ordinary word when they come before it (其中, 今日).
_NOT_BEFORE = frozenset("其之当集空心高初期今明昨次节抗每周月本终整假生精宪立执非道功司翌即前后")
_JOINER = "欧"  # 欧 (Europe, the EU) joins a compound (中欧峰会) but is no country of its own


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, object], dict[str, tuple[int, ...]], re.Pattern | None, re.Pattern]:
    entries: dict[str, object] = {}
    for name, info in place_lexicon().items():
        if len(name) >= 2:
            entries[name] = info
    for name, info in org_lexicon().items():
        if len(name) >= 2:
            entries.setdefault(name, info)
    for word in _BLOCK:
        entries[word] = None
    latin = sorted((n for n in entries if n.isascii()), key=len, reverse=True)
    cjk = {n: v for n, v in entries.items() if not n.isascii()}
    lengths: dict[str, set[int]] = {}
    for name in cjk:
        lengths.setdefault(name[0], set()).add(len(name))
    by_first = {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}
    pattern = re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(map(re.escape, latin)) + r")(?![A-Za-z0-9])") if latin else None
    firsts = re.compile("[" + "".join(sorted(map(re.escape, by_first))) + "]")
    return entries, by_first, pattern, firsts


def matches(text: str) -> list[tuple[int, int, object]]:
    """Leftmost-longest lexicon matches ``(start, end, info)``; blocked words give no match."""
    entries, by_first, latin, firsts = _table()
    out: list[tuple[int, int, object]] = []
    n = len(text)
    after = 0  # end of the last match: matches do not overlap
    for m in firsts.finditer(text):
        i = m.start()
        if i < after:
            continue
        for length in by_first[text[i]]:
            if i + length <= n and text[i: i + length] in entries:
                info = entries[text[i: i + length]]
                if info is not None:
                    out.append((i, i + length, info))
                after = i + length
                break
    if latin is not None:
        for m in latin.finditer(text):
            out.append((m.start(), m.end(), entries[m.group()]))
    return sorted(out, key=lambda x: x[0])


def blocked(text: str) -> list[tuple[int, int]]:
    """Spans of words that contain a name but are none (跨大西洋): no layer may take them."""
    return [(m.start(), m.end()) for m in re.finditer("|".join(_BLOCK), text)]


def _in_brackets(text: str, start: int, end: int) -> bool:
    return text[start - 1: start] == "《" and text[end: end + 1] == "》"


def place_candidate(start: int, end: int, info: PlaceInfo, rule: str | None = None) -> Candidate:
    return Candidate(start, end, EntityType.PLACE, "lexicon", rule or f"entity.gazetteer.{_PLACE_RULES[info.kind]}",
                     canonical=info.name, ident=f"P:{info.ident}", place_kind=info.kind, iso=info.iso)


def org_candidate(start: int, end: int, info: OrgInfo, rule: str | None = None) -> Candidate:
    return Candidate(start, end, EntityType.ORGANIZATION, "lexicon", rule or f"entity.gazetteer.org.{info.kind.value.lower()}",
                     canonical=info.name, ident=f"O:{info.name}", org_kind=info.kind)


def _word_start(t: Text, start: int, end: int) -> bool:
    """The tagger starts a word here, or the name ends a name the tagger found (日本执政党自民党)."""
    if t.starts_word(start):
        return True
    token = t.token_at(start)
    return token is not None and token.tag in ("ORG", "LOC", "nz") and (end == token.end or end - start >= 3)


# Words of going to, being in and coming from a place, right before it.
_GOING = frozenset("在到赴访抵于从自往至离经")


def _crosses_name(t: Text, start: int, end: int) -> bool:
    """A name the tagger found begins inside the match and runs past it: 上海 in 上 + 海牙."""
    token = t.token_at(end - 1)
    return token is not None and token.tag in ("LOC", "ORG", "PER") and start < token.start and token.end > end


def _word_end(t: Text, end: int) -> bool:
    """The tagger ends a word here, or the name ends inside a name the tagger found (北京市 + 委)."""
    if not t.in_tagged_part(end - 1) or end in t.ends:
        return True
    token = t.token_at(end - 1)
    return token is not None and token.tag in ("ORG", "LOC", "nz")


def lexicon_candidates(t: Text) -> list[Candidate]:
    out: list[Candidate] = []
    text = t.text
    place_ends: set[int] = set()
    for start, end, info in matches(text):
        if text[start:end].isascii():
            if re.match(r" [A-Z]", text[end: end + 2]) or re.match(r"[A-Za-z] ", text[max(0, start - 2): start]):
                continue  # part of a longer Latin name: Quad in "Quad Ministerial"
        elif t.in_person_token(start, end) or not _word_start(t, start, end) or _crosses_name(t, start, end):
            continue
        if isinstance(info, PlaceInfo):
            if info.confirm and t.in_tagged_part(start):
                token = t.starts.get(start)
                if token is None or token.end != end or token.tag != "LOC":
                    continue
            if info.bounded and not _word_end(t, end):
                continue
            if info.chained and start not in place_ends and text[start - 1: start] not in _GOING:
                continue  # 如东 needs 江苏 before it, or a word of going or being there (在如东, 赴如东)
            if info.kind in (PlaceKind.REGION, PlaceKind.CITY):
                place_ends.add(end)
            out.append(place_candidate(start, end, info))
        elif isinstance(info, OrgInfo):
            if info.quoted and not (_in_brackets(text, start, end) or REPORTING.match(text, end)):
                continue
            candidate = org_candidate(start, end, info)
            if info.kind is OrgKind.GOVERNMENT and fused_title(text, end):
                candidate.evidence.add("fused")  # 美国国防部长: kept only if the body is named alone too
            if _in_brackets(text, start, end):
                candidate.evidence.add("brackets")
            out.append(candidate)
    return out


def _short_chars() -> str:
    return "".join(sorted(short_forms())) + _JOINER


_RUNS = None


def _runs() -> re.Pattern:
    global _RUNS
    if _RUNS is None:
        chars = re.escape(_short_chars())
        _RUNS = re.compile(f"[{chars}](?:[{chars}]|、[{chars}](?![{chars}]))+")
    return _RUNS


def short_form_candidates(t: Text, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Countries written as one character in a list or compound (美日澳印, 中美, 美、日、澳、印)."""
    text = t.text
    covered = bytearray(len(text) + 1)
    for a, b in taken:
        covered[a:b] = b"\x01" * (b - a)
    out: list[Candidate] = []
    for m in _runs().finditer(text):
        run_start, run_end = m.start(), m.end()
        # trim characters that belong to a full name found already (中美国 → 中 + 美国)
        while run_end > run_start and covered[run_end - 1]:
            run_end -= 1
        while run_start < run_end and covered[run_start]:
            run_start += 1
        while run_end > run_start and t.in_tagged_part(run_start) and run_end not in t.ends \
                and t.token_at(run_end - 1) is not None and t.token_at(run_end - 1).tag not in ("LOC", "ORG", "nz"):
            run_end -= 1  # 美日加强: 加 starts the word 加强
        while run_end > run_start and text[run_end - 1] == "、":
            run_end -= 1
        run = text[run_start:run_end]
        items = [c for c in run if c != "、"]
        if len(items) < 2 or any(covered[run_start:run_end]) or set(items) <= {_JOINER}:
            continue
        if len(set(items)) < len(items):  # 美美, 日日: words, not lists
            continue
        before = text[run_start - 1: run_start]
        after = text[run_end: run_end + 1]
        if (before in _NOT_BEFORE and not (t.in_tagged_part(run_start) and t.starts_word(run_start))) \
                or after in _NOT_AFTER:
            continue  # 今日美股, 其中美方: the first character ends another word (unless the tagger says not)
        listed = "、" in run
        cue = bool(_COMPOUND_NEXT.match(text, run_end))
        if listed:
            ok = cue or len(items) >= 3
        else:
            token = t.starts.get(run_start)
            tagged_compound = token is not None and token.tag in ("LOC", "ORG", "nz") and token.end >= run_end \
                and not (token.tag == "ORG" and token.end > run_end)  # 埃菲社: a name that starts like a list
            ok = t.starts_word(run_start) and (cue or tagged_compound or len(items) >= 3)
        if not ok:
            continue
        for i, char in enumerate(run):
            info = short_form(char, run) if char not in ("、", _JOINER) else None
            if info is not None:
                at = run_start + i
                out.append(place_candidate(at, at + 1, info, "entity.gazetteer.short_form"))
    return out


# One-character forms that only contexts make places: 访华 (China), 在京 (Beijing).
_CONTEXT_ONLY = {"华": "中国", "京": "北京"}
# One-character forms read only in lists and compounds: 巴 is Pakistan or Palestine by its neighbour
# (印巴, 巴以), 以 is a common word on its own.
_RUNS_ONLY = "巴以"
# Verbs of going, being and dealing before a one-character country: 访华, 赴美, 对台, 在京.
_VERBS = "访来赴抵离在驻对返援侵反亲旅留进回挺护犯攻保制联"
_VERB_SKIP = {"港": "入出抵返回进离", "京": "对反亲援侵攻犯护挺保制联"}


def short_form_contexts(t: Text, taken: list[tuple[int, int]]) -> list[Candidate]:
    """One-character countries the words around them make clear: 中方 and 美方 (the Chinese and
    the American side), 访华 and 赴美 after a verb of travel or dealing, 俄总统 before a title."""
    text = t.text
    covered = bytearray(len(text) + 1)
    for a, b in taken:
        covered[a:b] = b"\x01" * (b - a)
    shorts = short_forms()
    lexicon = place_lexicon()
    chars = "".join(sorted(set(shorts) | set(_CONTEXT_ONLY)))
    out: list[Candidate] = []

    def add(at: int) -> None:
        char = text[at]
        info = shorts.get(char) if char not in _CONTEXT_ONLY else lexicon[_CONTEXT_ONLY[char]]
        if info is not None and not covered[at]:
            covered[at] = 1
            out.append(place_candidate(at, at + 1, info, "entity.gazetteer.short_form"))

    for m in re.finditer(f"[{re.escape(chars)}]", text):
        at = m.start()
        if covered[at] or not t.in_tagged_part(at) or text[at] in _RUNS_ONLY:
            continue
        char, before, after = text[at], text[at - 1: at], text[at + 1: at + 2]
        token = t.token_at(at)
        if token is None or before in _NOT_BEFORE or before in "该电平舞讲阳柜擂看站月":
            continue  # 本台记者, 电台, 平台
        if after == "方" and char not in _CONTEXT_ONLY and token.start == at and token.end == at + 2:
            add(at)  # 中方, 美方
        elif before and before in _VERBS and before not in _VERB_SKIP.get(char, "") and token.end == at + 1 \
                and token.start in (at - 1, at):
            add(at)  # 访华, 赴美, 在京: the verb and the country end one word
        elif char not in _CONTEXT_ONLY and token.start == at and t.title_starting_at(at + 1):
            add(at)  # 俄总统, 美财长
    return out


def org_kind_of(name: str) -> OrgKind | None:
    info = org_lexicon().get(name)
    return info.kind if info else None
