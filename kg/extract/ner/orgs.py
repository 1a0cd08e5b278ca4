"""Organisation patterns: a country before a body, its armed forces, its government, 《》 media.

* ``美国国防部``, ``印度国防部``, ``中共外交部``: a country (or 中共) right before a ministry or
  body word; ``美国防部`` (美 + 国防部) too;
* ``美军``, ``印军``, ``中共军队``, ``中共军方``: the country's armed forces, one
  organisation per country whatever the word;
* ``中国政府``: the country's government, an organisation of its own (中国 ≠ 中共 ≠ 中国政府);
* ``《亚洲时报》``: a periodical, agency or broadcaster named in 《》.
"""
from __future__ import annotations

import re

from ...facts import EntityType, OrgKind, PlaceKind
from ...lang.zh.orgs import MEDIA_TITLE, MINISTRIES, NOT_MEDIA_TITLE, REPORTING, org_lexicon
from ...lang.zh.places import short_forms
from .base import Candidate, Text

_MINISTRY = re.compile("|".join(sorted(map(re.escape, MINISTRIES), key=len, reverse=True)))
# Characters after 军 that make a compound rather than the armed forces (军机, 军舰, 军事 …).
_NOT_AFTER_ARMY = frozenset("机舰事费人官衔区营港种团工民售援演备力械校医火纪歌旗徽装服属情购政令法车队方")
_MILITARY = re.compile(r"军方|军队|部队|军")
# One-character forms before 军 (美军, 印军, 台军): short forms plus a few only armies use.
_ARMY_SHORT = {"以": "IL", "伊": "IR", "土": "TR", "共": "中国共产党"}
_GOVERNMENT_WORDS = frozenset({"政府"})
_PARTY_PREFIX_KINDS = {OrgKind.PARTY}
_ORG_RULE = "entity.org."


def fused_title(text: str, end: int) -> bool:
    """The body name runs on into a title word: 国防部长, 外交部发言人 (not 警察局局长)."""
    return text[end: end + 1] == "长" or text.startswith(("发言人", "次长", "大臣"), end)


def _body_kind(word: str) -> OrgKind:
    if word in ("军方", "军队", "部队", "军", "国防军", "海军", "空军", "陆军", "海岸警卫队", "海警"):
        return OrgKind.MILITARY
    return OrgKind.GOVERNMENT


def prefixed_bodies(t: Text, prefixes: list[Candidate]) -> list[Candidate]:
    """Bodies named after a country, region, city or party found by the lexicon layer."""
    text = t.text
    out: list[Candidate] = []
    for p in prefixes:
        country = p.canonical or text[p.start:p.end]
        is_party = p.type is EntityType.ORGANIZATION
        if is_party and p.canonical != "中国共产党":
            # 加拿大保守党 is handled below (country + party); other orgs take no body after them
            continue
        m = _MINISTRY.match(text, p.end)
        if m is None:
            continue
        word = m.group()
        end = m.end()
        if word in _GOVERNMENT_WORDS and is_party:
            continue  # 中共政府 is an alias of 中共 in the lexicon
        if word in ("军方", "军队", "部队", "军"):
            continue  # armed forces: see armies()
        if word in ("当局",):
            continue
        fused = {"fused"} if fused_title(text, end) else set()  # 印度外交部长: kept only if named alone too
        kind = _body_kind(word)
        if word in _GOVERNMENT_WORDS:
            ident = f"O:gov:{p.iso or country}"
            rule = _ORG_RULE + "government"
        else:
            ident = None
            rule = _ORG_RULE + "country_body"
        out.append(Candidate(p.start, end, EntityType.ORGANIZATION, "pattern", rule, org_kind=kind, ident=ident,
                             evidence={"prefix"} | fused, strength=1))
    return out


def country_parties(t: Text, places: list[Candidate], orgs: list[Candidate]) -> list[Candidate]:
    """加拿大保守党: a country right before a party the lexicon knows; the party is that country's."""
    out = []
    by_start = {o.start: o for o in orgs}
    for p in places:
        party = by_start.get(p.end)
        if party is None or party.org_kind not in _PARTY_PREFIX_KINDS or p.place_kind is not PlaceKind.COUNTRY:
            continue
        if party.canonical and party.canonical.startswith(t.text[p.start:p.end]):
            continue
        out.append(Candidate(p.start, party.end, EntityType.ORGANIZATION, "pattern", _ORG_RULE + "country_party",
                             org_kind=OrgKind.PARTY, ident=f"O:party:{p.iso}:{party.canonical}",
                             canonical=t.text[p.start:party.end], strength=1))
        party.ident = f"O:party:{p.iso}:{party.canonical}"  # the bare party is then the same one
    return out


def armies(t: Text, prefixes: list[Candidate]) -> list[Candidate]:
    """美军, 印度军队, 中共军方: a country's armed forces, one organisation per country."""
    text = t.text
    out: list[Candidate] = []
    for p in prefixes:
        if p.type is EntityType.ORGANIZATION and p.canonical != "中国共产党":
            continue
        m = _MILITARY.match(text, p.end)
        if m is None:
            continue
        if m.group() == "军" and text[m.end(): m.end() + 1] in _NOT_AFTER_ARMY:
            continue
        who = p.iso or p.canonical or text[p.start:p.end]
        out.append(Candidate(p.start, m.end(), EntityType.ORGANIZATION, "pattern", _ORG_RULE + "military",
                             org_kind=OrgKind.MILITARY, ident=f"O:mil:{who}", strength=1))
    shorts = {**{c: i.iso for c, i in short_forms().items() if i.iso}, **_ARMY_SHORT}
    for m in re.finditer(f"([{''.join(shorts)}])军(?![{''.join(_NOT_AFTER_ARMY)}])", text):
        if not t.aligned(m.start(), m.end()):
            continue  # the tagger's words must start and end with it (not 空中 + 军力)
        if m.start() and text[m.start() - 1] in "中美日英法德俄印澳韩朝台越菲":
            continue  # 中美军 … a compound, not one army
        who = shorts[m.group(1)]
        out.append(Candidate(m.start(), m.end(), EntityType.ORGANIZATION, "pattern", _ORG_RULE + "military",
                             org_kind=OrgKind.MILITARY, ident=f"O:mil:{who}"))
    return out


_TEAM = re.compile(r"(?:国家)?(?:男子|女子)?(?:男|女)?队(?![员长伍列友形])")


def teams(t: Text, prefixes: list[Candidate]) -> list[Candidate]:
    """中国队, 巴西男队, 辽宁队: a place's sports team."""
    out = []
    for p in prefixes:
        if p.type is not EntityType.PLACE:
            continue
        m = _TEAM.match(t.text, p.end)
        if m:
            out.append(Candidate(p.start, m.end(), EntityType.ORGANIZATION, "pattern", _ORG_RULE + "team",
                                 org_kind=OrgKind.OTHER))
    return out


def short_ministries(t: Text) -> list[Candidate]:
    """美国防部: a one-character country before a ministry that starts with 国."""
    out = []
    for m in re.finditer(r"([美中英法德俄印日韩澳加])(国防部|国务院|国土安全部)", t.text):
        if t.text.startswith(m.group(1) + "国", m.start()) and (m.group(1) + "国") in ("美国", "中国", "英国", "法国", "德国", "韩国"):
            # 美国防部 reads both ways; the tagger decides
            token = t.token_at(m.start())
            if token is not None and token.end == m.start() + 2:
                continue
        out.append(Candidate(m.start(), m.end(), EntityType.ORGANIZATION, "pattern", _ORG_RULE + "country_body",
                             org_kind=OrgKind.GOVERNMENT, evidence={"prefix"}))
    return out


_BARE = frozenset(w for w in MINISTRIES if len(w) >= 3 and w.endswith(("部", "院", "署", "局", "省")))


def bare_ministries(t: Text) -> list[Candidate]:
    """外交部, 内政部 standing alone as a word; kept when they name the body, dropped when inside a
    title (外交部发言人); joined to 美国国防部 when the article names one country's."""
    out = []
    for token in t.tokens:
        if token.word in _BARE:
            fused = {"fused"} if fused_title(t.text, token.end) else set()
            out.append(Candidate(token.start, token.end, EntityType.ORGANIZATION, "pattern", _ORG_RULE + "bare_body",
                                 org_kind=OrgKind.GOVERNMENT, evidence=fused))
    return out


_TITLE = re.compile(r"《([^《》\n]{1,20})》")


def media_titles(t: Text) -> list[Candidate]:
    """Periodicals and broadcasters named in 《》 that the lexicon does not know."""
    out: list[Candidate] = []
    lexicon = org_lexicon()
    for m in _TITLE.finditer(t.text):
        name = m.group(1).strip()
        if not name or name in lexicon:
            continue
        reported = bool(REPORTING.match(t.text, m.end()))
        if NOT_MEDIA_TITLE.search(name) or not (MEDIA_TITLE.search(name) or reported):
            continue
        out.append(Candidate(m.start(1), m.start(1) + len(name), EntityType.ORGANIZATION, "pattern",
                             _ORG_RULE + "media_title", org_kind=OrgKind.MEDIA, evidence={"brackets"}, strength=1))
    return out


def prefixes_from(candidates: list[Candidate]) -> list[Candidate]:
    """Lexicon candidates that can stand before a body: states, regions, cities, and 中共."""
    return [c for c in candidates
            if (c.type is EntityType.PLACE and c.rule != "entity.gazetteer.short_form"
                and c.place_kind in (PlaceKind.COUNTRY, PlaceKind.REGION, PlaceKind.CITY))
            or (c.type is EntityType.ORGANIZATION and c.canonical == "中国共产党")]
