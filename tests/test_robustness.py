"""Bad input never crashes or hangs a build: each file is read or skipped with a one-line reason."""
from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from kg import extract_facts
from kg.build import build
from kg.errors import InputError
from kg.pipeline import extractors, stage
from kg.readers import readers
from kg.runner import TaskTimeout, ordered, time_limit
from kg.settings import Settings
from kg.store import GraphStore
from tests.test_build import EXAMPLES

ARTICLE = ("【大纪元2020年10月6日讯】美国国务卿蓬佩奥与日本外相茂木敏充在东京举行会谈，双方同意加强合作。"
           "澳大利亚外长佩恩和印度外长苏杰生也出席了会议。")


def _bad_inputs(folder: Path) -> None:
    folder.mkdir()
    page = (EXAMPLES / "eu-china-summit.html").read_bytes()

    def mirror(n: int) -> str:  # distinct texts, or they would be one article (no URL: named by content)
        return f"### 美日外长会谈{n}\n---\n<div><p>{ARTICLE * 5}第{n}篇。</p></div>\n"

    def html(n: int, head: str = "") -> str:
        return (f"<html><head>{head}<title>美日外长会谈{n}</title></head>"
                f"<body><article><p>{ARTICLE * 5}第{n}篇。</p></article></body></html>")

    files = {
        "empty.html": b"",
        "blank.txt": b" \n\t\n",
        "binary.md": bytes(range(256)) * 64,
        "truncated.html": page[: len(page) // 3],
        "truncated-utf8.md": mirror(1).encode()[:-7],  # cut inside a character
        "nested.html": ("<html><body>" + "<div>" * 100_000 + f"<p>{ARTICLE}</p></body></html>").encode(),
        "huge.html": b"<html><body><article>" + f"<p>{ARTICLE}</p>\n".encode() * 330_000 + b"</article></body></html>",
        "gbk.md": mirror(2).encode("gbk"),
        "big5.md": mirror(3).replace("国务卿", "國務卿").encode("big5", errors="replace"),
        "says-utf8-is-gbk.html": html(4, '<meta charset="utf-8">').encode("gbk"),
        "says-big5-is-utf8.html": html(5, '<meta charset="big5">').encode(),
        "index-page.html": ("<html><body><nav>" + '<a href="/a">新闻</a>' * 300 + "</nav></body></html>").encode(),
        "login.html": b"<html><body><form><input name=user><input type=password></form></body></html>",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    shutil.copy(EXAMPLES / "quad-talks.md", folder / "quad-talks.md")
    shutil.copy(EXAMPLES / "quad-talks.md", folder / "same-article-again.md")


@pytest.mark.parametrize("jobs", [1, 2])
def test_bad_inputs_are_read_or_skipped_with_one_line_each(tmp_path, jobs):
    _bad_inputs(tmp_path / "in")
    assert (tmp_path / "in" / "huge.html").stat().st_size > 50_000_000
    started = time.monotonic()
    report = build([tmp_path / "in"], GraphStore(), Settings(jobs=jobs, file_timeout=30))
    assert time.monotonic() - started < 60
    names = sorted(p.name for p in (tmp_path / "in").iterdir())
    accounted = [r.source for r in report.read] + [f for f, _ in report.skipped] + [f for f, _ in report.duplicates]
    assert sorted(accounted) == names, "every file is read, skipped or a duplicate, exactly once"
    skipped = dict(report.skipped)
    for name, reason in skipped.items():
        assert reason and "\n" not in reason and "internal error" not in reason, (name, reason)
    assert {"empty.html", "blank.txt", "binary.md", "huge.html", "index-page.html", "login.html"} <= set(skipped)
    assert {"gbk.md", "big5.md", "says-utf8-is-gbk.html", "says-big5-is-utf8.html", "quad-talks.md"} <= {
        r.source for r in report.read}
    assert report.duplicates == [("same-article-again.md", "quad-talks.md")]


def _sleepy(doc):
    if "蓬佩奥" in doc.text:  # only the Quad article hangs
        time.sleep(60)
    return doc


if "test-sleepy" not in extractors:
    extractors.register("test-sleepy")(stage("test-sleepy")(_sleepy))


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_the_time_limit_is_skipped_and_the_run_goes_on(jobs):
    started = time.monotonic()
    report = build([EXAMPLES], GraphStore(), Settings(extractors=("test-sleepy",), jobs=jobs, file_timeout=3))
    assert time.monotonic() - started < 30
    assert report.skipped == [("quad-talks.md", report.skipped[0][1])]
    assert report.skipped[0][1].startswith("took longer than 3 s")
    assert sorted(r.source for r in report.read) == ["eu-china-summit.html", "phone-call.txt"]


def _stubborn(n: int) -> str:
    with time_limit(0.5):
        if n == 1:  # stuck where no signal reaches it: only the pool's watchdog can stop it
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        if n == 2:
            os._exit(3)  # a worker that dies (segfault, out of memory)
    return f"ok {n}"


def test_the_pool_kills_a_stuck_worker_and_survives_a_dying_one():
    started = time.monotonic()
    results = list(ordered(_stubborn, list(range(6)), jobs=2, timeout=0.5, grace=1,
                           on_timeout=lambda n: f"timeout {n}", on_crash=lambda n: f"crash {n}"))
    assert results == ["ok 0", "timeout 1", "crash 2", "ok 3", "ok 4", "ok 5"]
    assert time.monotonic() - started < 30


def test_time_limit_works_in_other_threads_too():
    outcome = []

    def spin() -> None:
        try:
            with time_limit(0.3):
                while True:
                    pass
        except TaskTimeout:
            outcome.append("timeout")

    thread = threading.Thread(target=spin)
    thread.start()
    thread.join(10)
    assert outcome == ["timeout"]


_CHARS = st.sampled_from(list("美国日本中华人民共和国外交部长王毅蓬佩奥总统习近平会谈表示，。：“”《》【】2020年10月6日讯")
                         + ["\n", " ", "a", "<", ">", "&", "\x00", "\u3000", "國務卿"])
_TAGS = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<br>", "<h4>", "</h4>", "<article>", "<title>",
                         "<blockquote>", "<figcaption>", "<script>", "<!--", "-->", "<img src=x>", "\n---\n", "### "])
_PHRASES = st.sampled_from(["【大纪元2020年10月6日讯】", "美国国务卿蓬佩奥", "日本外相茂木敏充", "在东京举行会谈",
                            "中共外交部长王毅表示", "（记者李明报导）", "双方发表联合声明", "承诺加强合作。", "9月15日"])
_TEXT = st.lists(st.one_of(_CHARS, _PHRASES), max_size=40).map("".join)
_HTML = st.lists(st.one_of(_TEXT, _TAGS), max_size=30).map("".join)


@hsettings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_HTML, title=_TEXT, reader=st.sampled_from(["mirror", "html", "text"]),
       encoding=st.sampled_from(["utf-8", "gb18030", "big5"]))
def test_random_input_gives_a_document_or_an_input_error(body, title, reader, encoding):
    text = {"mirror": f"### {title}\n---\n{body}\n", "html": f"<html><title>{title}</title><body>{body}</body></html>",
            "text": f"{title}\n\n{body}"}[reader]
    data = text.encode(encoding, errors="replace")
    try:
        doc = readers.get(reader)(data, f"random.{reader}")
    except InputError:
        return
    doc = extract_facts(doc)
    for m in doc.all_mentions():
        assert doc.text[m.start:m.end] == m.text, m
