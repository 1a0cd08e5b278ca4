"""Merge event mentions into events: one node per event, however often the article names it.

Body mentions are merged in reading order into the latest event they fit: the same type,
agreeing dates (unknown agrees with anything, 2020-10 with 2020-10-06), and the same
people or some of them (蓬佩奥–佩恩 and 蓬佩奥–菅义伟 stay two meetings). A multilateral
gathering is one per day, so summits merge on the date alone. 这次会谈 / 参加了会议 join
the latest gathering. Caption mentions describe a photo: they stay separate events unless
a body event of the same day shows the same people.

An event with no date of its own takes a fallback: the date of the event named just
before it in the same paragraph (会后, 随后), a report's date, and finally the month the
article was published (month precision: only the month is known).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kg.facts import Event, EventType, PartialDate
from kg.lang.zh.events import ISSUING_RULES

if TYPE_CHECKING:  # events.py imports this module; its mentions are only annotated here
    from .events import EventMention

GATHERINGS = {EventType.MEETING, EventType.SUMMIT}
# Reported meetings and visits with no date are this month's news; background events are not.
DATED_BY_ARTICLE = {EventType.MEETING, EventType.SUMMIT, EventType.VISIT}


def dates_agree(a: PartialDate | None, b: PartialDate | None) -> bool:
    """Unknown agrees with anything; otherwise one must refine the other.

    >>> dates_agree(PartialDate(2020, 10), PartialDate(2020, 10, 6)), dates_agree(PartialDate(2020, 10, 5), PartialDate(2020, 10, 6))
    (True, False)
    """
    if a is None or b is None:
        return True
    short, long = sorted((a.iso, b.iso), key=len)
    return long.startswith(short)


def finer(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    """The more precise of two agreeing dates.

    >>> finer(PartialDate(2020, 10), PartialDate(2020, 10, 6)).iso, finer(None, PartialDate(2020)).iso
    ('2020-10-06', '2020')
    """
    if a is None or b is None:
        return a or b
    return a if len(a.iso) >= len(b.iso) else b


@dataclass
class _Group:
    """Mentions of one event, being merged."""

    mentions: list[EventMention]
    type: EventType

    @property
    def date(self) -> PartialDate | None:
        date = None
        for m in self.mentions:
            date = finer(date, m.date) if dates_agree(date, m.date) else date
        return date

    @property
    def persons(self) -> list[str]:
        return list(dict.fromkeys(p for m in self.mentions for p in m.persons))

    @property
    def countries(self) -> list[str]:
        return list(dict.fromkeys(c for m in self.mentions for c in m.countries))

    def accepts(self, m: EventMention) -> bool:
        """Whether body mention ``m`` is one more mention of this event."""
        loose = m.anaphoric or m.flexible
        if loose and {m.type, self.type} <= GATHERINGS and m.anaphoric:
            return True
        if not (m.type is self.type or (m.flexible and {m.type, self.type} <= GATHERINGS)):
            return False
        if not dates_agree(self.date, m.date):
            return False
        if self.type is EventType.SUMMIT:
            return True  # one multilateral gathering a day
        mine, theirs = set(self.persons), set(m.persons)
        if mine and theirs:  # the same people or some of them
            return mine <= theirs or theirs <= mine
        countries = set(self.countries)
        return not countries or not m.countries or bool(countries & set(m.countries))

    def same_scene(self, m: EventMention) -> bool:
        """Whether caption mention ``m`` shows this body event: same day, nobody else."""
        if m.type is self.type and self.date is None and len(m.persons) >= 2 and set(m.persons) == set(self.persons):
            return True  # the body does not date it; the photo shows the same people
        if m.type is not self.type or m.date is None or self.date is None or not dates_agree(self.date, m.date):
            return False
        if self.type is EventType.SUMMIT:
            return True
        theirs = set(m.persons)
        return theirs <= set(self.persons) if theirs else bool(set(m.countries) & set(self.countries))

    def same_people(self, m: EventMention) -> bool:
        """An undated caption of two or more persons who all take part in this body event."""
        return m.date is None and m.type is self.type and len(m.persons) >= 2 and set(m.persons) <= set(self.persons)


def group_mentions(mentions: list[EventMention]) -> list[_Group]:
    """Body mentions merged in reading order, then caption mentions."""
    body: list[_Group] = []
    last: tuple[EventMention, _Group] | None = None
    last_gathering: _Group | None = None
    for m in (m for m in mentions if not m.caption):
        if (m.flexible or m.anaphoric) and last and last[0].sentence == m.sentence and {m.type, last[1].type} <= GATHERINGS:
            home = last[1]  # …“四方会议”，会议定于下午举行: the gathering just named
        elif m.anaphoric and last_gathering is not None and m.type in GATHERINGS:
            home = last_gathering  # 这次会谈, 参加峰会前: the gathering named last
        else:  # the latest event of its own type first; a bare 会议 may be any gathering
            home = next((g for g in reversed(body) if g.type is m.type and g.accepts(m)), None) or \
                next((g for g in reversed(body) if g.accepts(m)), None)
        if home is None and m.join_only:
            continue
        if home is None:
            body.append(_Group([m], m.type))
        else:
            home.mentions.append(m)
            if m.type is EventType.SUMMIT and home.type is EventType.MEETING and not m.flexible:
                home.type = EventType.SUMMIT  # a later mention shows it was multilateral
        last = (m, home or body[-1])
        if last[1].type in GATHERINGS:
            last_gathering = last[1]
    captions: list[_Group] = []
    homes: dict[int, _Group] = {}
    previous: EventMention | None = None
    for m in (m for m in mentions if m.caption):
        if (m.anaphoric or m.flexible) and previous is not None and previous.block == m.block \
                and id(previous) in homes:
            home = homes[id(previous)]  # 二十国集团举行峰会。图为参加峰会的…: the same caption's event
        else:
            home = next((g for g in body if g.same_scene(m) or g.same_people(m)), None) or next(
                (g for g in captions if g.accepts(m)), None)
        previous = m
        if home is None and m.join_only:
            continue
        if home is None:
            home = _Group([m], m.type)
            captions.append(home)
        else:
            home.mentions.append(m)
        homes[id(m)] = home
    return body + captions


def _issuing_only(group: _Group) -> bool:
    """Only says a statement was issued (发表联合声明): an Announcement when no meeting issued it."""
    return all(m.trigger.rule in ISSUING_RULES for m in group.mentions)


def _fallback_date(group: _Group, dated_before: dict[int, PartialDate | None], owner: dict[int, _Group],
                   published: PartialDate | None) -> PartialDate | None:
    """A date for an event the text does not date: context first, then the publication month."""
    for m in group.mentions:
        if m.after is not None and id(m.after) in owner and owner[id(m.after)] is not group:
            if owner[id(m.after)].date is not None:
                return owner[id(m.after)].date  # 会谈后的记者会
    for m in group.mentions:
        inherited = dated_before.get(id(m))
        if inherited is not None:
            return inherited
    fallback = next((m.fallback for m in group.mentions if m.fallback), None)
    if fallback is not None:
        return fallback
    if published is not None and published.month and group.type in DATED_BY_ARTICLE \
            and not all(m.caption for m in group.mentions):
        return PartialDate(published.year, published.month)
    return None


def _context_dates(mentions: list[EventMention]) -> dict[int, PartialDate | None]:
    """For each undated mention, the date of the latest dated mention before it in its paragraph
    (or anywhere before it when it says 会后/随后)."""
    out: dict[int, PartialDate | None] = {}
    last_in_block: dict[int, PartialDate] = {}
    last = None
    for m in mentions:
        if m.date is not None:
            last_in_block[m.block], last = m.date, m.date
        elif not m.caption:
            out[id(m)] = last_in_block.get(m.block) or (last if m.follows else None)
    return out


def build_events(mentions: list[EventMention], published: PartialDate | None) -> tuple[Event, ...]:
    """Events from the mentions of one document; keys are stable within the article."""
    groups = [g for g in group_mentions(mentions) if g.persons or (g.countries and g.type is not EventType.VISIT)]
    gathered = any(g.type in GATHERINGS and not all(m.caption for m in g.mentions) for g in groups)
    groups = [g for g in groups if not _issuing_only(g) or (g.date is not None and not gathered)]
    context = _context_dates(mentions)
    owner = {id(m): g for g in groups for m in g.mentions}
    dates = {id(g): g.date or _fallback_date(g, context, owner, published) for g in groups}
    keys: dict[int, str] = {}
    for g in groups:
        key = f"{g.type.value.lower()}-{dates[id(g)].iso if dates[id(g)] else 'undated'}-{g.mentions[0].trigger.start}"
        while key in keys.values():  # 分别与A、B会面: two events from one trigger
            key += "b"
        keys[id(g)] = key
    events: dict[str, Event] = {}
    for g in groups:
        host = next((owner.get(id(m.host)) for m in g.mentions if m.host is not None), None)
        host = host if host is not None and host is not g else None
        events[keys[id(g)]] = Event(
            key=keys[id(g)], type=g.type, name=max((m.trigger.text for m in g.mentions), key=len),
            mentions=tuple(sorted({m.trigger for m in g.mentions}, key=lambda x: (x.start, x.end))),
            date=dates[id(g)], place=next((m.place for m in g.mentions if m.place), None),
            online=next((m.online for m in g.mentions if m.online is not None), None),
            participants=tuple(g.persons), countries=tuple(g.countries),
            part_of=keys[id(host)] if host is not None else None,
            in_caption=all(m.caption for m in g.mentions))
    for key in [k for k, e in events.items() if e.date is None and e.type not in DATED_BY_ARTICLE]:
        del events[key]  # an election, protest or press conference the article does not date is background
    for e in list(events.values()):  # a host dated only through its sideline meeting: month precision
        host = events.get(e.part_of) if e.part_of else None
        if e.part_of and host is None:
            events[e.key] = replace(e, part_of=None)
        if host is not None and e.date and e.date.day and host.date == e.date:
            events[host.key] = replace(host, date=PartialDate(e.date.year, e.date.month))
    return tuple(events.values())
