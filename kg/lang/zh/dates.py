"""Chinese date expressions as data: numeral maps, relative-word offsets and the pattern table.

The engine in :mod:`kg.extract.dates` runs every pattern of :data:`PATTERNS` over the text,
prefers the earliest and then the longest match, and reads these named groups:

- ``y`` year, ``m`` month, ``d`` day (Arabic, full-width or Chinese numerals);
- ``wd`` weekday character, ``rw`` the prefix of a relative week (上 in 上周二, 下个 in 下个星期);
- ``ry`` relative year (去年 …), ``rm`` relative month (上月 …), ``rel`` relative day (昨天 …),
  ``ctx`` a word that refers to the date mentioned just before (当天, 次日 …);
- ``en_m`` an English month name;
- ``pm``/``pd`` a date in brackets after a weekday or a relative day: 周二（10月6日）, 今日（9日）.

>>> PATTERNS[0][0], all(p.groupindex for _, p in PATTERNS)
('date.iso', True)
>>> bool(dict(PATTERNS)["date.ymd"].fullmatch("二〇二〇年十月六日"))
True
"""
from __future__ import annotations

import re

# Chinese numerals: digit characters (read one by one in years: 二零二零) and tens words.
CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_TENS = {"十": 10, "廿": 20, "卅": 30}

# Monday is 0, as in datetime.date.weekday(); the Chinese week runs Monday to Sunday.
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

EN_MONTHS = {name: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}

# Offsets in days from the anchor (the dateline date).
RELATIVE_DAYS = {"今天": 0, "今日": 0, "今晨": 0, "今早": 0, "今晚": 0,
                 "昨天": -1, "昨日": -1, "昨晚": -1, "昨夜": -1,
                 "前天": -2, "明天": 1, "明日": 1, "后天": 2}
# Offsets in days from the date mentioned last in the same paragraph (or the anchor).
CONTEXT_DAYS = {"当天": 0, "当日": 0, "同日": 0, "同一天": 0,
                "次日": 1, "翌日": 1, "第二天": 1, "隔天": 1, "前一天": -1}
# Words that fall back to the anchor when no date precedes them; the others need a context.
SAME_DAY = frozenset(w for w, n in CONTEXT_DAYS.items() if n == 0)
RELATIVE_YEARS = {"今年": 0, "去年": -1, "明年": 1, "前年": -2}
RELATIVE_MONTHS = {"本月": 0, "当月": 0, "这个月": 0, "上个月": -1, "上月": -1, "下个月": 1, "下月": 1}
# Prefixes of a week word (上周, 下个星期, 本周二): weeks from the anchor's week.
RELATIVE_WEEKS = {"上": -1, "上个": -1, "本": 0, "这": 0, "这个": 0, "下": 1, "下个": 1}

# A bare day (9日) larger than the anchor's day by more than this is read as last month's.
BARE_DAY_LOOKAHEAD = 10
# A yearless date more than this many days after the anchor is read as last year's.
YEARLESS_LOOKAHEAD_DAYS = 62

# M/D with a small D larger than M reads as a fraction (2/3, 1/4), not a date.
FRACTION_MAX_DENOMINATOR = 10
# Separators after which a bare day continues the month of the date before it: 9月14日至16日.
CONTINUATION = "至到—–~～、和及或与-"


def _alt(words) -> str:
    """A regex alternation, longest words first so that 上个月 wins over 上月."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_D = "0-9０-９"
_NUM = rf"[{_D}]{{1,2}}"
_CN_NUM = "[零〇○一二两三四五六七八九十廿卅]{1,3}"
_NO_NUM_BEFORE = rf"(?<![{_D}零〇○一二两三四五六七八九十廿卅第每数几多近前月年.．/-])"
_YEAR = rf"(?<![{_D}])(?P<y>[{_D}]{{4}}|[零〇○一二三四五六七八九]{{4}})年"
_MONTH = rf"(?P<m>{_NUM}|{_CN_NUM})月"
_DAY = rf"(?P<d>{_NUM}|{_CN_NUM})[日号]"
_WEEKDAY_WORD = "(?:周|星期|週)"  # not 礼拜: 追思礼拜日本… is a service
# An optional bracketed weekday after a date, 10月6日（周二）: swallowed into the date.
_WEEKDAY_AFTER = rf"(?:[（(]{_WEEKDAY_WORD}[一二三四五六日天][）)])?"
# A bracketed date after a weekday or relative day: 周二（10月6日）, 今日（9日）.
_BRACKETED = rf"(?:[（(](?:(?P<pm>{_NUM}|{_CN_NUM})月)?(?P<pd>{_NUM}|{_CN_NUM})[日号][）)])?"
# Not a day: 30日内 (within 30 days), 3号线, 1号文件.
_NOT_A_DAY_AFTER = "(?!内|以内|之内|间|线|楼|文件|令|院|门|房|机|车|位|码|球|台风|元)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (rule, re.compile(pattern, re.IGNORECASE if rule == "date.en" else 0)) for rule, pattern in [
        ("date.iso", rf"(?<![{_D}])(?P<y>[{_D}]{{4}})([-/.．])(?P<m>{_NUM})\2(?P<d>{_NUM})(?![{_D}])"),
        ("date.en", rf"\b(?P<en_m>{_alt(EN_MONTHS)})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})\b"),
        ("date.ymd", rf"{_YEAR}{_MONTH}{_DAY}{_WEEKDAY_AFTER}"),
        ("date.ym", rf"{_YEAR}{_MONTH}"),
        ("date.y", rf"{_YEAR}(?!代)"),
        ("date.relative_year", rf"(?P<ry>{_alt(RELATIVE_YEARS)})(?:{_MONTH}(?:{_DAY}{_WEEKDAY_AFTER})?)?"),
        ("date.relative_month", rf"(?P<rm>{_alt(RELATIVE_MONTHS)})(?:{_DAY}{_WEEKDAY_AFTER})?"),
        ("date.weekday", rf"(?<![每上下本这个])(?:(?P<rw>{_alt(RELATIVE_WEEKS)}){_WEEKDAY_WORD}|{_WEEKDAY_WORD})"
                         rf"(?P<wd>[一二三四五六日天])(?!末){_BRACKETED}"),
        ("date.relative_week", rf"(?<![每上下本这个])(?P<rw>{_alt(RELATIVE_WEEKS)}){_WEEKDAY_WORD}"
                               "(?![一二三四五六日天末])"),
        ("date.md", rf"{_NO_NUM_BEFORE}{_MONTH}{_DAY}{_WEEKDAY_AFTER}"),
        ("date.m", rf"{_NO_NUM_BEFORE}(?P<m>{_NUM})月(?!份?[内间])"),
        # A bare day is N日, or NN号 (2号, 8号 are too often numbers: 8号风球); Chinese numerals
        # need two characters (十一日) because 一日 is too often "one day".
        ("date.d", rf"{_NO_NUM_BEFORE}(?P<d>{_NUM}(?=日)|[{_D}]{{2}}(?=号)"
                   rf"|[十廿卅二三][十一二三四五六七八九]{{1,2}}(?=日))[日号]"
                   rf"{_NOT_A_DAY_AFTER}{_WEEKDAY_AFTER}"),
        # 10/6 and 9/28; fractions (1/3的人) are told apart by the engine and by 的 after them.
        ("date.slash_md", rf"(?<![{_D}A-Za-z/.:])(?P<m>{_NUM})/(?P<d>{_NUM})(?![{_D}/%A-Za-z的])"),
        # Not inside a title (《今日美国》) and not the paper names 今日美国/今日印度.
        ("date.relative_day", rf"(?<![《先最])(?P<rel>{_alt(RELATIVE_DAYS)})"
                              rf"(?!美国|印度|俄罗斯|头条|之){_BRACKETED}"),
        ("date.context_day", rf"(?P<ctx>{_alt(CONTEXT_DAYS)})"),
    ]
]
