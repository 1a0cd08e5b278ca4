"""Incremental, idempotent, transactional builds into a persistent store; remove and load."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

import kg.build
from kg.build import build
from kg.errors import UsageError
from kg.remove import remove_articles
from kg.settings import Settings
from kg.shards import load_files, write_graph
from kg.store import GraphStore
from tests.test_build import EXAMPLES, _same_graphs

PROJECT = Path(__file__).resolve().parents[1]


def _copy_examples(folder: Path) -> Path:
    shutil.copytree(EXAMPLES, folder)
    return folder


def _counts(store: GraphStore) -> dict[str, int]:
    return {g: store.count(g) for g in store.article_index()}


def _fresh(paths, settings=Settings()) -> GraphStore:
    store = GraphStore()
    build(paths, store, settings)
    return store


@pytest.fixture
def calls(monkeypatch):
    """Counts files read and extracted (sequential builds run in this process)."""
    seen = []
    original = kg.build._process

    def counting(path, source, settings, known):
        seen.append(source)
        return original(path, source, settings, known)

    monkeypatch.setattr(kg.build, "_process", counting)
    return seen


def test_adding_twice_replaces_and_keeps_the_same_graph(tmp_path):
    store = GraphStore()
    build([EXAMPLES], store, Settings())
    once = len(store)
    report = build([EXAMPLES], store, Settings())  # in memory there is no manifest: all read again
    assert len(report.read) == 3 and len(store) == once
    assert _same_graphs(store, _fresh([EXAMPLES]))

    disk = GraphStore(tmp_path / "store")
    build([EXAMPLES], disk, Settings())
    build([EXAMPLES], disk, Settings(rebuild=True))
    assert len(disk) == once and _same_graphs(disk, store)


def test_unchanged_files_are_skipped_without_reading(tmp_path, calls):
    store = GraphStore(tmp_path / "store")
    build([EXAMPLES], store, Settings())
    assert len(calls) == 3 and (tmp_path / "store-manifest.json").is_file()
    before = len(store)
    report = build([EXAMPLES], store, Settings())
    assert len(calls) == 3, "an unchanged file was read again"
    assert sorted(report.unchanged) == sorted(p.name for p in EXAMPLES.iterdir()) and not report.read
    assert len(store) == before
    build([EXAMPLES], store, Settings(extractors=("entities",)))  # other settings: other graphs
    assert len(calls) == 6


def test_a_changed_file_is_rebuilt_and_a_re_encoded_one_is_not_extracted(tmp_path, calls):
    folder = _copy_examples(tmp_path / "in")
    store = GraphStore(tmp_path / "store")
    build([folder], store, Settings())
    text = (folder / "quad-talks.md").read_text(encoding="utf-8")
    (folder / "quad-talks.md").write_text(text.replace("</p>", "双方同意下月再次会谈。</p>", 1), encoding="utf-8")
    calls.clear()
    report = build([folder], store, Settings())
    assert calls == ["quad-talks.md"] and [r.source for r in report.read] == ["quad-talks.md"]
    assert _same_graphs(store, _fresh([folder]))

    # Same text in other bytes: read (to learn the text) but not extracted, nothing rewritten.
    phone = folder / "phone-call.txt"
    phone.write_bytes(phone.read_text(encoding="utf-8").encode("gb18030"))
    report = build([folder], store, Settings())
    assert report.unchanged == ["eu-china-summit.html", "quad-talks.md", "phone-call.txt"] and not report.read
    assert _same_graphs(store, _fresh([folder]))


def test_a_file_whose_article_changes_identity_leaves_no_stale_graph(tmp_path):
    folder = _copy_examples(tmp_path / "in")
    store = GraphStore(tmp_path / "store")
    build([folder], store, Settings())
    page = folder / "quad-talks.md"
    page.write_text(page.read_text(encoding="utf-8").replace("n1001.htm", "n2002.htm"), encoding="utf-8")
    build([folder], store, Settings())
    assert not any("n1001" in g for g in store.graphs())
    assert _same_graphs(store, _fresh([folder]))


def test_remove_by_path_source_url_or_graph(tmp_path):
    folder = _copy_examples(tmp_path / "in")
    store = GraphStore(tmp_path / "store")
    build([folder], store, Settings())
    index = store.article_index()
    graph_of = {source: graph for graph, (source, _) in index.items()}
    with pytest.raises(UsageError, match="no-such.md"):
        remove_articles(store, ["quad-talks.md", "no-such.md"], Settings())
    assert len(store.article_index()) == 3, "a failed remove must remove nothing"

    assert remove_articles(store, [str(folder / "quad-talks.md")], Settings()) == [graph_of["quad-talks.md"]]
    assert remove_articles(store, ["phone-call.txt"], Settings()) == [graph_of["phone-call.txt"]]
    [row] = store.select("SELECT ?u WHERE { ?a a schema:NewsArticle ; schema:url ?u }")
    assert remove_articles(store, [row["u"]], Settings()) == [graph_of["eu-china-summit.html"]]
    assert store.article_index() == {}

    build([folder], store, Settings())  # removed articles come back on the next build
    assert len(store.article_index()) == 3
    assert remove_articles(store, [graph_of["phone-call.txt"]], Settings()) == [graph_of["phone-call.txt"]]


def test_building_in_two_halves_equals_building_at_once(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    shutil.copy(EXAMPLES / "quad-talks.md", a)
    shutil.copy(EXAMPLES / "phone-call.txt", a)
    shutil.copy(EXAMPLES / "eu-china-summit.html", b)
    halves = GraphStore(tmp_path / "halves")
    build([a], halves, Settings())
    build([b], halves, Settings())
    assert _same_graphs(halves, _fresh([a, b]))


def test_load_takes_each_graph_from_the_first_shard_and_accepts_scattered_files(tmp_path):
    results = [kg.build.process(p, p.name, Settings()) for p in sorted(EXAMPLES.iterdir())]
    for number, chosen in ((1, results[:2]), (2, results[1:])):  # results[1] is in both shards
        with open(tmp_path / f"shard-{number:05d}.nq", "wb") as out:
            for r in chosen:
                write_graph(out, r.graph, r.ntriples)
    store = GraphStore(tmp_path / "store")
    report = load_files([tmp_path], store)
    assert report.graphs == 3 and report.duplicates == [(results[1].graph, str(tmp_path / "shard-00002.nq"))]
    reference = _fresh([EXAMPLES])
    assert _same_graphs(store, reference)

    lines = (tmp_path / "shard-00001.nq").read_bytes().splitlines(keepends=True)
    lines += (tmp_path / "shard-00002.nq").read_bytes().splitlines(keepends=True)
    random.Random(3).shuffle(lines)  # graphs scattered through the file, repeats included
    scattered = tmp_path / "scattered" / "all.nq"
    scattered.parent.mkdir()
    scattered.write_bytes(b"".join(lines))
    store = GraphStore()
    assert load_files([scattered], store).graphs == 3
    assert _same_graphs(store, reference)


def test_kill_9_in_the_middle_leaves_a_complete_usable_store(tmp_path, corpus_dir):
    """A build killed at a random moment: every graph in the store is whole, and a rerun completes."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(corpus_dir.glob("*/*/*/*.md"))[:56:4]:  # 14 articles from several outlets
        shutil.copy(path, folder / path.name)
    out = tmp_path / "out"
    settings = Settings(jobs=2, resolve=False)  # resolution may merge nodes: compare raw article graphs
    build([EXAMPLES], GraphStore.in_output(out), settings)  # the store before the interrupted run
    previous = _counts(GraphStore.in_output(out))

    command = [sys.executable, "-m", "kg.cli", "build", str(folder), str(EXAMPLES), "--out", str(out), "--jobs", "2",
               "--rebuild", "--no-resolve", "--no-view", "--formats", "nq"]
    child = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             env={**os.environ, "PYTHONPATH": str(PROJECT)}, start_new_session=True)
    seen = 0
    for line in child.stderr:  # progress lines: kill once some articles were written
        if line.startswith(b"["):
            seen = int(line[1:line.index(b"/")])
            if seen >= 5:
                break
    time.sleep(random.Random().uniform(0, 1.0))
    os.killpg(child.pid, signal.SIGKILL)  # the build and its workers, like a power cut
    child.wait()
    assert seen >= 5, "the build ended before it could be killed"

    store = GraphStore.in_output(out)
    killed = _counts(store)
    assert set(previous) <= set(killed), "an article of the previous store went missing"
    [row] = store.select("SELECT (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle }")
    assert int(row["n"]) == len(killed)
    del store  # one process may open a store only once at a time

    articles = len(list(folder.iterdir())) + 3
    report = build([folder, EXAMPLES], GraphStore.in_output(out), replace(settings, rebuild=True))
    assert not report.skipped and len(report.read) == articles
    clean = _counts(GraphStore.in_output(out))  # every graph written whole by an uninterrupted run
    assert len(clean) == articles
    assert killed == {g: clean[g] for g in killed}, "the killed run left an incomplete graph"
