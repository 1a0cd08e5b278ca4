"""Date expressions: each form on short sentences of our own, then every corpus article."""
from __future__ import annotations

import warnings

import pytest

from kg.extract.dates import DateMention, find_dates, parse_date_phrase, zh_number
from kg.facts import PartialDate

ANCHOR = PartialDate(2020, 10, 7)  # a Wednesday


def dates(text: str, anchor: PartialDate | None = ANCHOR, **options) -> list[tuple[str, str]]:
    found = find_dates(text, anchor, **options)
    for m in found:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.date.iso) for m in found]


@pytest.mark.parametrize("text, expected", [
    # absolute dates at day, month and year precision
    ("会议于2022年1月6日举行", [("2022年1月6日", "2022-01-06")]),
    ("自2020年10月起", [("2020年10月", "2020-10")]),
    ("2016年大选", [("2016年", "2016")]),
    ("2020年09月05日讯", [("2020年09月05日", "2020-09-05")]),
    # Chinese and full-width numerals
    ("二零一六年夏天", [("二零一六年", "2016")]),
    ("二〇二〇年十月六日", [("二〇二〇年十月六日", "2020-10-06")]),
    ("十月六日晚", [("十月六日", "2020-10-06")]),
    ("２０２０年１０月６日", [("２０２０年１０月６日", "2020-10-06")]),
    # ISO, slash and English forms
    ("发布于2020-10-06上午", [("2020-10-06", "2020-10-06")]),
    ("档案2020/10/06", [("2020/10/06", "2020-10-06")]),
    ("10/6 部长抵达", [("10/6", "2020-10-06")]),
    ("posted October 6, 2020", [("October 6, 2020", "2020-10-06")]),
    # yearless dates and bare days take the anchor's year and month
    ("部长1月6日说", [("1月6日", "2020-01-06")]),
    ("部长6日说", [("6日", "2020-10-06")]),
    ("本月6日", [("本月6日", "2020-10-06")]),
    ("部长30日说", [("30日", "2020-09-30")]),  # well past the anchor's day: last month
    ("三十日晚", [("三十日", "2020-09-30")]),
    ("9月14日至16日", [("9月14日", "2020-09-14"), ("16日", "2020-09-16")]),  # a range keeps its month
    # weekdays
    ("周二（10月6日）", [("周二（10月6日）", "2020-10-06")]),
    ("10月6日（周二）", [("10月6日（周二）", "2020-10-06")]),
    ("星期二", [("星期二", "2020-10-06")]),
    ("週一", [("週一", "2020-10-05")]),
    ("周三", [("周三", "2020-10-07")]),  # the anchor's own weekday is the anchor
    ("周五", [("周五", "2020-10-02")]),  # the latest Friday on or before the anchor
    ("上周五", [("上周五", "2020-10-02")]),
    ("下周二", [("下周二", "2020-10-13")]),
    ("本周五", [("本周五", "2020-10-09")]),
    # relative days, weeks, months and years
    ("今天", [("今天", "2020-10-07")]),
    ("今日（7日）", [("今日（7日）", "2020-10-07")]),
    ("昨天", [("昨天", "2020-10-06")]),
    ("昨日", [("昨日", "2020-10-06")]),
    ("前天", [("前天", "2020-10-05")]),
    ("明天", [("明天", "2020-10-08")]),
    ("明日", [("明日", "2020-10-08")]),
    ("本周", [("本周", "2020-10")]),
    ("上个月", [("上个月", "2020-09")]),
    ("上月底", [("上月", "2020-09")]),
    ("去年", [("去年", "2019")]),
    ("今年", [("今年", "2020")]),
    ("去年11月", [("去年11月", "2019-11")]),
    ("今年3月25日", [("今年3月25日", "2020-03-25")]),
])
def test_forms(text, expected):
    assert dates(text) == expected


def test_yearless_date_after_the_anchor_is_last_year():
    assert dates("12月30日", PartialDate(2021, 1, 5)) == [("12月30日", "2020-12-30")]
    assert dates("2月3日", PartialDate(2021, 1, 5)) == [("2月3日", "2021-02-03")]  # near future stays


def test_week_gives_its_month_only_when_inside_one_month():
    assert dates("本周", PartialDate(2020, 10, 14)) == [("本周", "2020-10")]
    assert dates("上周") == []  # 9月28日 to 10月4日: no date rather than a wrong one


@pytest.mark.parametrize("text", [
    "30日内完成", "地铁3号线", "8号风球", "每周一开会", "1990年代", "《今日美国》", "约1/3的人", "2月30日",
    "追思礼拜日本", "13月1日",
])
def test_not_dates(text):
    assert [t for t, _ in dates(text)] in ([], ["2月"])  # 2月30日 keeps only its valid month


def test_same_day_refers_to_the_last_date_in_the_paragraph():
    text = "双方9月15日会谈。当天发表声明，次日离开。\n当天另有消息。"
    assert dates(text) == [("9月15日", "2020-09-15"), ("当天", "2020-09-15"), ("次日", "2020-09-16"),
                           ("当天", "2020-10-07")]  # a new paragraph falls back to the anchor
    assert dates(text, same_day_context=False)[1:3] == [("当天", "2020-10-07"), ("次日", "2020-10-08")]


def test_next_day_without_a_date_before_it_is_dropped():
    assert dates("次日离开") == []


def test_no_anchor_keeps_only_complete_dates():
    assert dates("2020年10月6日和10月6日、昨天、周二", anchor=None) == [("2020年10月6日", "2020-10-06")]


def test_month_precision_anchor():
    assert dates("10月6日和昨天", PartialDate(2020, 10)) == [("10月6日", "2020-10-06")]


def test_parse_date_phrase_and_numbers():
    assert parse_date_phrase(" 1月10日 ", PartialDate(2022, 1, 11)) == PartialDate(2022, 1, 10)
    assert parse_date_phrase("没有", ANCHOR) is None
    assert [zh_number(s) for s in ("十", "十五", "二十", "三十一", "廿一", "７")] == [10, 15, 20, 31, 21, 7]


def test_mentions_are_frozen_and_ordered():
    found = find_dates("6日和7日", ANCHOR)
    assert all(isinstance(m, DateMention) for m in found)
    assert [m.start for m in found] == sorted(m.start for m in found)
    with pytest.raises(AttributeError):
        found[0].start = 3  # type: ignore[misc]


def test_every_corpus_article(corpus_dir):
    from kg.readers import iter_input_files, read_path

    total = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in iter_input_files([corpus_dir]):
            doc = read_path(path)
            found = find_dates(doc.text, doc.meta.published)
            for m in found:
                assert doc.text[m.start : m.end] == m.text, path
                assert 1000 <= m.date.year <= 2200, (path, m)
            ends = [m.end for m in found]
            assert all(e <= s for e, s in zip(ends, [m.start for m in found][1:])), path  # no overlaps
            total += len(found)
    assert total > 5000
