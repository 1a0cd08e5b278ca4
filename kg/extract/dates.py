"""Find and resolve date expressions in Chinese news text.

The patterns are data (:mod:`kg.lang.zh.dates`); this module turns their matches into
:class:`~kg.facts.PartialDate` values. Incomplete dates are resolved against an *anchor*,
the article's dateline date:

- a yearless date (1月6日) takes the anchor's year, or the year before when it would fall
  more than about two months after the anchor (news reports the past);
- a bare day (6日, 本月6日) takes the anchor's month, or the month before when the day is
  well past the anchor's day;
- a bare weekday (周二) is the latest such day on or before the anchor; 上周二, 本周二 and
  下周二 count weeks from the anchor's week (Monday to Sunday);
- 昨天, 明天 … are offsets from the anchor;
- 当天, 当日, 同日 mean the date mentioned last in the same paragraph, or the anchor when
  none precedes; 次日, 第二天 … are offsets from that date and are dropped without one.
  ``same_day_context=False`` reads all of them against the anchor instead.

Expressions that cannot be resolved (no anchor, an impossible date, a week that spans two
months) are left out rather than guessed.

>>> anchor = PartialDate(2021, 1, 5)
>>> [(m.text, m.date.iso) for m in find_dates("12月30日和去年，当天又说", anchor)]
[('12月30日', '2020-12-30'), ('去年', '2020'), ('当天', '2020-12-30')]
>>> parse_date_phrase("周二（10月6日）", PartialDate(2020, 10, 7))
PartialDate(year=2020, month=10, day=6)
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kg.facts import PartialDate
from kg.lang.zh import dates as zh

__all__ = ["DateMention", "find_dates", "parse_date_phrase", "zh_number"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression at ``text[start:end]`` and the date it stands for."""

    start: int
    end: int
    text: str
    date: PartialDate
    rule: str


def zh_number(s: str) -> int:
    """Read a number written in Arabic, full-width or Chinese numerals.

    >>> [zh_number(s) for s in ("2020", "２０", "二〇二〇", "十", "十二", "三十一", "廿三")]
    [2020, 20, 2020, 10, 12, 31, 23]
    """
    if s.isdigit():  # int() reads full-width digits too
        return int(s)
    if all(c in zh.CN_DIGITS for c in s):  # 二零一六: digit by digit
        return int("".join(str(zh.CN_DIGITS[c]) for c in s))
    total, digit = 0, 0
    for c in s:  # 三十一 = 3 * 10 + 1; 廿三 = 20 + 3
        if c in zh.CN_TENS:
            total += (digit or 1) * 10 if c == "十" else zh.CN_TENS[c]
            digit = 0
        else:
            digit = zh.CN_DIGITS[c]
    return total + digit


def _as_date(d: PartialDate | None) -> dt.date | None:
    return dt.date(d.year, d.month, d.day) if d and d.day else None


def _from_date(d: dt.date) -> PartialDate:
    return PartialDate(d.year, d.month, d.day)


def _reference(anchor: PartialDate) -> dt.date:
    """The anchor as a calendar day; a month-precision anchor counts as its month's end."""
    if anchor.day:
        return dt.date(anchor.year, anchor.month, anchor.day)
    next_month = dt.date(anchor.year + anchor.month // 12, anchor.month % 12 + 1, 1)
    return next_month - dt.timedelta(days=1)


def _yearless(month: int, day: int | None, anchor: PartialDate | None) -> PartialDate | None:
    """Month (and day) without a year: the anchor's year unless that lies well in the future."""
    if anchor is None:
        return None
    year = anchor.year
    if anchor.month:
        if not 1 <= month <= 12:
            return None
        candidate = dt.date(year, month, min(day or 1, 28))  # 2月29日 is checked below
        if (candidate - _reference(anchor)).days > zh.YEARLESS_LOOKAHEAD_DAYS:
            year -= 1
    return _checked(year, month, day)


def _bare_day(day: int, anchor: PartialDate | None) -> PartialDate | None:
    """A day without a month: the anchor's month, or the previous one if well past the anchor."""
    if anchor is None or anchor.month is None:
        return None
    year, month = anchor.year, anchor.month
    if anchor.day and day > anchor.day + zh.BARE_DAY_LOOKAHEAD:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return _checked(year, month, day)


def _checked(year: int, month: int | None, day: int | None) -> PartialDate | None:
    """A PartialDate if the calendar has this day, else None (2月30日)."""
    try:
        if month is not None:
            dt.date(year, month, day or 1)
        return PartialDate(year, month, day) if 1000 <= year <= 2200 else None
    except ValueError:
        return None


def _month_shift(anchor: PartialDate, months: int) -> tuple[int, int]:
    index = anchor.year * 12 + (anchor.month - 1) + months
    return index // 12, index % 12 + 1


def _week(anchor: PartialDate, weeks: int) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the anchor's week shifted by ``weeks``."""
    ref = _reference(anchor)
    monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=weeks)
    return monday, monday + dt.timedelta(days=6)


def _interpret(rule: str, g: dict[str, str | None], anchor: PartialDate | None,
               previous: DateMention | None, context: PartialDate | None) -> PartialDate | None:
    """The date one match stands for, or None when it cannot be resolved."""
    num = {k: zh_number(v) for k, v in g.items() if v and k in ("y", "m", "d", "pm", "pd")}
    if rule in ("date.iso", "date.ymd", "date.ym", "date.y"):
        return _checked(num["y"], num.get("m"), num.get("d"))
    if rule == "date.en":
        return _checked(num["y"], zh.EN_MONTHS[g["en_m"].lower()], num["d"])
    if "pd" in num:  # an explicit bracketed date beats the word before it: 周二（10月6日）
        return _yearless(num["pm"], num["pd"], anchor) if "pm" in num else _bare_day(num["pd"], anchor)
    if rule == "date.slash_md" and num["m"] < num["d"] <= zh.FRACTION_MAX_DENOMINATOR:
        return None  # 1/3, 2/5: a fraction
    if rule in ("date.md", "date.m", "date.slash_md"):
        return _yearless(num["m"], num.get("d"), anchor)
    if rule == "date.d":
        if previous and previous.date.day and _continues(previous, g["_gap"]):
            return _checked(previous.date.year, previous.date.month, num["d"])  # 9月14日至16日
        return _bare_day(num["d"], anchor)
    if rule == "date.context_day":
        offset = zh.CONTEXT_DAYS[g["ctx"]]
        base = context if context is not None else (anchor if g["ctx"] in zh.SAME_DAY else None)
        base_day = _as_date(base)
        return _from_date(base_day + dt.timedelta(days=offset)) if base_day else None
    if anchor is None:
        return None
    if rule == "date.relative_year":
        year = anchor.year + zh.RELATIVE_YEARS[g["ry"]]
        return _checked(year, num.get("m"), num.get("d"))
    if anchor.month is None:
        return None
    if rule == "date.relative_month":
        year, month = _month_shift(anchor, zh.RELATIVE_MONTHS[g["rm"]])
        return _checked(year, month, num.get("d"))
    if not anchor.day:
        return None
    if rule == "date.relative_day":
        return _from_date(_reference(anchor) + dt.timedelta(days=zh.RELATIVE_DAYS[g["rel"]]))
    if rule == "date.weekday":
        weekday = zh.WEEKDAYS[g["wd"]]
        if g["rw"]:
            monday, _ = _week(anchor, zh.RELATIVE_WEEKS[g["rw"]])
            return _from_date(monday + dt.timedelta(days=weekday))
        ref = _reference(anchor)
        return _from_date(ref - dt.timedelta(days=(ref.weekday() - weekday) % 7))
    if rule == "date.relative_week":
        monday, sunday = _week(anchor, zh.RELATIVE_WEEKS[g["rw"]])
        return PartialDate(monday.year, monday.month) if monday.month == sunday.month else None
    return None


def _continues(previous: DateMention, gap: str) -> bool:
    """Whether a bare day continues the date just before it (9月14日至16日, 14日、15日)."""
    return len(gap) <= 2 and all(c in zh.CONTINUATION for c in gap)


def find_dates(text: str, anchor: PartialDate | None, *, same_day_context: bool = True) -> list[DateMention]:
    """All date expressions in ``text``, left to right, without overlaps.

    At each position the longest expression wins (2020年10月6日 over 2020年); a match that
    does not resolve gives way to a shorter one at the same place.

    >>> a = PartialDate(2020, 10, 7)
    >>> [(m.text, m.date.iso, m.rule) for m in find_dates("上周五（10月2日）与昨天，9月14日至16日", a)]
    [('上周五（10月2日）', '2020-10-02', 'date.weekday'), ('昨天', '2020-10-06', 'date.relative_day'), \
('9月14日', '2020-09-14', 'date.md'), ('16日', '2020-09-16', 'date.d')]
    """
    candidates = sorted(
        ((m.start(), -(m.end() - m.start()), order, rule, m)
         for order, (rule, pattern) in enumerate(zh.PATTERNS) for m in pattern.finditer(text)),
        key=lambda c: c[:3],
    )
    found: list[DateMention] = []
    position = 0
    for start, _, _, rule, match in candidates:
        if start < position:
            continue
        previous = found[-1] if found else None
        groups = dict(match.groupdict())
        groups["_gap"] = text[previous.end : start] if previous else ""
        context = None
        if rule == "date.context_day":
            context = _last_day_in_paragraph(text, found, start) if same_day_context else anchor
        date = _interpret(rule, groups, anchor, previous, context)
        if date is None:
            continue
        found.append(DateMention(start, match.end(), match.group(), date, rule))
        position = match.end()
    return found


def _last_day_in_paragraph(text: str, found: list[DateMention], start: int) -> PartialDate | None:
    """The last day-precision date before ``start`` with no line break in between."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    for mention in reversed(found):
        if mention.start < paragraph_start:
            return None
        if mention.date.day:
            return mention.date
    return None


def parse_date_phrase(s: str, anchor: PartialDate | None) -> PartialDate | None:
    """The date of the first date expression in ``s`` (None if there is none).

    >>> parse_date_phrase("二零一六年", None), parse_date_phrase("当天", PartialDate(2020, 9, 16))
    (PartialDate(year=2016, month=None, day=None), PartialDate(year=2020, month=9, day=16))
    >>> parse_date_phrase("2020/10/06", None).iso, parse_date_phrase("没有日期", None) is None
    ('2020-10-06', True)
    """
    mentions = find_dates(s.strip(), anchor)
    return mentions[0].date if mentions else None

