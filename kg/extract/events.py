"""The events stage: meetings, calls, summits, visits and announcements named in an article.

Each trigger of :mod:`kg.lang.zh.events` in a body or caption sentence is one *mention*.
Its arguments come from the text around it:

- participants: persons named between the previous trigger and the end of its clause,
  plus the sentence's agent when that stretch has none (菅义伟说，在与习近平通话期间…),
  plus what 他/她/双方 stand for (:mod:`kg.extract.coref`); 分别与A、B会面 gives one
  meeting per partner;
- countries: states named there (not 驻X), and the states of the participants' posts;
- date: the nearest date in the trigger's own stretch; a date before a verb of saying is
  only a fallback (新华社15日称，习近平在峰会上…: the 15th is when it was reported);
- place, online/in person, and part_of (在…峰会场边举行会晤).

:mod:`kg.extract.event_groups` then merges the mentions into events.

>>> from kg.document import Document, BlockKind
>>> from kg.facts import ArticleMeta
>>> doc = Document.from_blocks("t", [(BlockKind.PARAGRAPH, "两国举行会谈。")], ArticleMeta("t"), reader="t")
>>> extract_events(doc)
()
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kg.document import BODY_KINDS, BlockKind, Document
from kg.facts import Event, EventType, Mention, PartialDate
from kg.lang.zh import events as lex
from kg.pipeline import extractors, stage

from .coref import PAIR_PERSONS, Actor, EntityIndex
from .dates import DateMention, find_dates, zh_number
from .event_groups import build_events
from .segments import clause_bounds, in_spans, inside, sentences

EVENT_BLOCKS = BODY_KINDS - {BlockKind.HEADING} | {BlockKind.CAPTION}
# Event kinds whose participants are the people who act (not the people an election is about).
AGENT_TYPES = {EventType.MEETING, EventType.SUMMIT, EventType.VISIT, EventType.ANNOUNCEMENT}
# Events a meeting can be held on the sidelines of (a conference is a Meeting until scaled).
HOSTS = {EventType.MEETING, EventType.SUMMIT, EventType.VISIT}


@dataclass
class EventMention:
    """One trigger occurrence and what its context says about the event."""

    type: EventType
    trigger: Mention
    block: int  # index of the block: paragraphs bound date inheritance
    start: int  # the stretch of text the arguments were read from
    end: int
    caption: bool
    date: PartialDate | None = None  # from the trigger's own stretch
    fallback: PartialDate | None = None  # a weaker date: a report's date, the previous trigger's
    place: str | None = None
    online: bool | None = None
    persons: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    anaphoric: bool = False  # 这次会谈, 参加了会议: refers back to an event already named
    flexible: bool = False  # a bare undated 会议/会谈: a mention of a meeting or of a summit
    scaled: bool = False  # its own words say multilateral (四国外长…, 四方会议)
    join_only: bool = False  # too abstract to name a new event (恢复和平对话): only more mentions of one
    follows: bool = False  # 会后, 随后: on the day of the event named before
    host: "EventMention | None" = None  # the larger event of a sideline meeting
    own_start: int = 0  # where the trigger's own modifiers may start (after the previous trigger)
    sentence: int = 0  # start of its sentence
    previous: "EventMention | None" = None  # the mention read just before (two persons: 两人)
    after: "EventMention | None" = None  # an earlier trigger of its sentence, whose date it may share


def _visitors(before: list[Actor], text: str, at: int) -> list[str]:
    """Who makes a visit: the person named last before it, with those joined to them by 和/与/、
    (佩恩和雷诺兹访问华盛顿; 尼尔分析，蓬佩奥此次东京之行 → 蓬佩奥), unless a relative clause
    stands between (马云捐赠的物资抵达非洲: the goods arrive).
    """
    if not before:
        return []
    between = re.sub(r"（[^）]*）|\([^)]*\)", "", text[before[-1].end:at])
    if "的" in between[1:]:
        return []
    chosen = [before[-1]]
    for a in reversed(before[:-1]):
        if not chosen[-1].object:
            break
        chosen.append(a)
    return list(dict.fromkeys(a.key for a in reversed(chosen)))


class _Reader:
    """Reads the event mentions of one document."""

    def __init__(self, doc: Document):
        self.doc, self.text = doc, doc.text
        self.index = EntityIndex.of(doc)
        self.anchor = doc.meta.published
        self.last: EventMention | None = None

    def mentions(self) -> list[EventMention]:
        found: list[EventMention] = []
        for number, block in enumerate(self.doc.blocks):
            if block.kind not in EVENT_BLOCKS:
                continue
            block_text = self.doc.block_text(block)
            dates = [DateMention(d.start + block.start, d.end + block.start, d.text, d.date, d.rule)
                     for d in find_dates(block_text, self.anchor)]
            for lo, hi in sentences(block_text, block.start):
                found.extend(self._sentence(lo, hi, dates, number, block.kind is BlockKind.CAPTION))
        return found

    def _sentence(self, lo: int, hi: int, dates: list[DateMention], block: int, caption: bool) -> list[EventMention]:
        text = self.text
        dateline = lex.DATELINE.match(text, lo, hi)
        lo = dateline.end() if dateline else lo
        masked = [(m.start(), m.end()) for m in lex.MASKED.finditer(text, lo, hi)]
        said = [m.end() for m in lex.SPEECH.finditer(text, lo, hi)]
        if not lex.TRIGGER_CHARS.search(text, lo, hi):
            return []  # most sentences name no event: one cheap scan before the full pattern
        triggers = [m for m in lex.TRIGGER_PATTERN.finditer(text, lo, hi)
                    if lex.trigger_type(m.group()) and not self._spoiled(m, lo, hi)]
        if not triggers:
            return []
        actors = self.index.actors(lo, hi, max(0, lo - 400), masked)
        out: list[EventMention] = []
        for i, m in enumerate(triggers):
            type_, rule = lex.trigger_type(m.group())
            c_lo, c_hi = clause_bounds(text, m.start(), lo, hi)
            region_lo = triggers[i - 1].end() if i else lo
            region_hi = min(c_hi, triggers[i + 1].start()) if i + 1 < len(triggers) else c_hi
            if lex.DURING_AFTER.match(text, m.end(), hi):  # 进行辩论时，代表39国发表声明: the main clause is during it
                c_hi = clause_bounds(text, min(c_hi + 1, hi), lo, hi)[1] if c_hi < hi else c_hi
            mention = EventMention(type_, self.doc.mention(m.start(), m.end(), rule), block,
                                   max(region_lo, c_lo) if i else lo, c_hi, caption, sentence=lo)
            before = text[max(lo, m.start() - 3):m.start()]
            mention.anaphoric = bool(lex.ANAPHORIC_BEFORE.search(before))
            mention.own_start = region_lo
            mention.follows = bool(lex.FOLLOWS.match(text, lo) or lex.FOLLOWS.match(text, c_lo))
            mention.previous = out[-1] if out else self.last
            if out and out[-1].type in HOSTS and type_ is EventType.MEETING \
                    and lex.SIDELINE_PATTERN.search(text, out[-1].trigger.start, m.start()):
                mention.host = out[-1]
            self._people(mention, self._heard(actors, said, m.start()), lo, hi)
            self._when(mention, dates, (region_lo, region_hi), lo, said, masked, out[-1] if out else None)
            self._setting(mention, c_lo)
            if "双边" in m.group() and len(mention.countries) >= 3 and len(mention.persons) < 3:
                continue  # 与澳、日、印三国外长的双边会谈: several meetings, their partners unnamed
            out.extend(self._distribute(mention, m.start()))
        for mention in out:
            self._scale(mention)
            if mention.date is None:
                before = text[max(lo, mention.trigger.start - 3):mention.trigger.start]
                mention.anaphoric |= bool(lex.ATTEND_BEFORE.search(before))  # 也参加了会议
                bare = lex.MODE_PREFIX.sub("", mention.trigger.text) in lex.BARE_GATHERINGS  # 视讯会议 too
                mention.flexible = bare and len(mention.persons) < 2 and not mention.scaled
                mention.join_only = not mention.anaphoric and (
                    (mention.trigger.text in lex.ABSTRACT and len(mention.persons) < 2)
                    or (mention.trigger.text in lex.BARE_GATHERINGS and not mention.persons
                        and len(mention.countries) < 2))  # 与中国人民会面: nobody in particular
            self.last = mention
        return out

    def _spoiled(self, m: re.Match[str], lo: int, hi: int) -> bool:
        """Trigger words that name no event here: 访问量, 预计…会见 (planned), part of a name or title."""
        text = self.text
        c_lo, _ = clause_bounds(text, m.start(), lo, hi)
        if inside(text, m.start(), lo, "《", "》") or lex.NOT_AFTER.match(text, m.end(), hi) \
                or lex.NOT_BEFORE.search(text[max(lo, m.start() - 4):m.start()]) \
                or lex.PLANNED.search(text, lo, m.start()):
            return True
        if lex.trigger_type(m.group())[0] is EventType.VISIT and lex.INVITED.search(text, c_lo, m.start()):
            return True  # 邀请习近平访日: an invitation, not a visit
        if m.group() in lex.WEAK_TRIGGERS and inside(text, m.start(), lo, "“", "”"):
            return True  # 再见面, 今天的对话 in someone's words
        return any(s.start < m.end() and m.start() < s.end and self.index.entities[s.key].type.value != "Organization"
                   for s in self.index.spots_in(max(lo, m.start() - 12), min(hi, m.end() + 12)))

    def _heard(self, actors: list[Actor], said: list[int], at: int) -> list[Actor]:
        """The actors, less those who only speak about the event (专家分析，…会谈): someone quoted
        before the trigger takes part only if they hold an office of a state (佩恩外长表示，四方会谈…)."""
        return [a for a in actors if a.start >= at or not any(a.start < s <= at for s in said)
                or self.index.countries_of(a.key)]

    def _people(self, mention: EventMention, actors: list[Actor], s_lo: int, s_hi: int) -> None:
        """Participants and countries of a mention, from the actors of its sentence."""
        text, index, t = self.text, self.index, mention.trigger
        lo, hi = mention.start, mention.end
        c_lo, c_hi = clause_bounds(text, t.start, s_lo, s_hi)
        visiting = next((a for a in actors if t.end < a.start <= t.end + 10), None)
        if mention.type is EventType.VISIT and visiting and lex.VISITOR_AFTER.match(text, t.end, visiting.start):
            persons = [visiting.key]  # 来台访问的索国外长穆雅辛: the visitor is described after
        elif mention.type is EventType.VISIT:
            persons = _visitors([a for a in actors if c_lo <= a.start < t.start], text, t.start)
        else:
            persons = [a.key for a in actors if lo <= a.start < hi and (mention.type in AGENT_TYPES or a.start >= c_lo)]
        acting = [a for a in actors if lo <= a.start < t.start and not a.object]
        if mention.type is EventType.VISIT and not persons and acting and lex.SPEECH.search(text, acting[0].end, t.start):
            persons = [acting[0].key]  # 苏杰生写道：“我的东京之行…”: the one who speaks of their visit
        nominal = text.startswith("的", t.end)  # 公布两国元首通话的消息: the call is what someone else announced
        if mention.type in AGENT_TYPES and not acting and not nominal and not (mention.type is EventType.VISIT and persons):
            adverbial = lex.ADVERBIAL_START.match(text, c_lo) or lex.ADVERBIAL_END.match(text, t.end)
            agents = [a for a in actors if not a.object and (a.start < lo or (adverbial and a.start >= c_hi))]
            agent = next((a.key for a in agents if a.start < lo), None) or \
                next((a.key for a in agents if a.start >= c_hi), None)
            if agent and agent not in persons:
                persons.insert(0, agent)
        if mention.host is not None:
            persons.extend(p for p in mention.host.persons if p not in persons)  # same people, on the sidelines
        previous = mention.previous
        if previous is not None and len(previous.persons) == 2 and PAIR_PERSONS.search(text, c_lo, hi) \
                and mention.type in AGENT_TYPES:
            persons.extend(p for p in previous.persons if p not in persons)  # 两人 named just before
        if mention.type is EventType.VISIT:  # the visitors' states and where they go (访问日本, 访台)
            states = index.states(c_lo, t.start) + index.states(t.end, min(hi, t.end + 3))
        elif mention.anaphoric:  # 这次会晤…加剧美中关系: what follows is comment, not who took part
            states = index.states(c_lo, t.start)
        else:
            states = index.states(lo, hi)
        countries = [s.key for s in states if text[s.start - 1:s.start] != "驻"]
        if mention.type is EventType.VISIT and t.text[-1] in index.abbreviations and t.text[0] == "访":
            countries.append(index.abbreviations[t.text[-1]])
        pair = index.pair_of_states(text[c_lo:hi], c_lo, max(0, lo - 400)) if len(countries) < 2 else ()
        for p in persons:
            countries.extend(index.countries_of(p))
        countries.extend(pair)
        mention.persons = list(dict.fromkeys(persons))
        mention.countries = list(dict.fromkeys(countries))

    def _when(self, mention: EventMention, dates: list[DateMention], region: tuple[int, int], s_lo: int,
              said: list[int], masked: list[tuple[int, int]], previous: EventMention | None) -> None:
        """The date of the trigger's own stretch: nearest before it, else first after it.

        A date with a verb of saying between it and the trigger dates the saying: it is only
        a fallback. 今天 inside reported words is the speaker's day, unknown here: dropped.
        """
        t = mention.trigger.start
        usable = []
        for d in dates:
            if not region[0] <= d.start < region[1] or in_spans(d.start, masked) or lex.SINCE_AFTER.match(self.text, d.end):
                continue
            reference = lex.REFERENCE_AFTER.match(self.text, d.end, t) if d.end < t else None
            if reference and reference.end() < t:
                continue  # 在1979年断交后…出访: 1979 dates the break, not the visit
            reported = any(d.start < s <= t for s in said)
            if d.rule in ("date.relative_day", "date.context_day") and any(s_lo <= s <= d.start for s in said):
                continue
            usable.append((d, reported))
        before = [u for u in usable if u[0].start < t]
        # a date after the trigger is its own only when no other trigger follows (美台会晤距离11月3日大选)
        after = [u for u in usable if t <= u[0].start <= mention.trigger.end + lex.DATE_AFTER_MAX] \
            if region[1] >= mention.end else []
        chosen = (before[-1:] or after[:1] or [None])[0]
        if chosen is not None and chosen in before:  # 1日至2日, 周四和周五: an event starts on the first day
            i = before.index(chosen)
            while i > 0 and lex.DATE_RANGE.fullmatch(self.text, before[i - 1][0].end, before[i][0].start):
                i -= 1
            chosen = before[i]
        if chosen is not None and not chosen[1]:
            mention.date = chosen[0].date
        elif chosen is not None:
            mention.fallback = chosen[0].date
        else:  # 苏杰生周二在推特上写道：“…之行以…双边会谈开始”: the report's day, as a fallback
            reports = [d for d in dates if s_lo <= d.start < t and any(d.start < x <= t for x in said)
                       and d.rule not in ("date.relative_day", "date.context_day")]
            mention.fallback = reports[-1].date if reports else None
        if mention.date is None and mention.host is not None:
            mention.date = mention.host.date
        elif mention.date is None and mention.fallback is None and previous is not None \
                and lex.AFTER_EVENT.match(self.text, previous.trigger.end):
            mention.after = previous  # 会谈后的记者会: dated like the talks, once they are

    def _setting(self, mention: EventMention, c_lo: int) -> None:
        """Place (在东京举行) and whether the event was held online."""
        text, hi = self.text, mention.end
        window = text[c_lo:hi]
        places = [s for s in self.index.places(c_lo, hi) if s.key not in mention.countries
                  and lex.AT_BEFORE.search(text[max(c_lo, s.start - 3):s.start])]
        if places:
            mention.place = places[0].key
        if lex.ONLINE_PATTERN.search(window):
            mention.online = True
        elif places or lex.OFFLINE_PATTERN.search(window):
            mention.online = False

    def _distribute(self, mention: EventMention, at: int) -> list[EventMention]:
        """分别与A、B会面: one bilateral meeting per partner, each with the agent."""
        if mention.type is not EventType.MEETING or len(mention.persons) < 3 \
                or not lex.DISTRIBUTIVE.search(self.text, mention.start, at):
            return [mention]
        agent, out = mention.persons[0], []
        for partner in mention.persons[1:]:
            countries = [c for p in (agent, partner) for c in self.index.countries_of(p)]
            out.append(replace(mention, persons=[agent, partner], countries=list(dict.fromkeys(countries))))
        return out

    def _scale(self, mention: EventMention) -> None:
        """A meeting of three or more states is a summit (四国外长会议, G7, 39个国家)."""
        if mention.type is not EventType.MEETING or "双边" in mention.trigger.text:
            return  # 与三国外长的双边会谈: bilateral, however many
        t = mention.trigger
        context = self.text[max(mention.own_start, t.start - 15):t.end]
        count = lex.STATE_COUNT_PATTERN.search(context)
        if (count and zh_number(count.group("n")) >= 3) or lex.MULTILATERAL.search(context):
            mention.type, mention.scaled = EventType.SUMMIT, True
        elif len(mention.countries) >= 3:
            mention.type = EventType.SUMMIT


def extract_events(doc: Document) -> tuple[Event, ...]:
    """Every event the document names, its mentions merged."""
    return build_events(_Reader(doc).mentions(), doc.meta.published)


@extractors.register("events")
@stage("events", requires={"text", "meta", "entities"}, provides={"events"})
def events_stage(doc: Document) -> Document:
    doc.events = extract_events(doc)
    return doc
