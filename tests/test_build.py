"""End to end: files in, store and exports out; bad input skipped with a reason."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

from kg.build import build
from kg.cli import main
from kg.settings import Settings
from kg.store import GraphStore

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _dataset(store: GraphStore) -> Dataset:
    import io

    from kg.rdf.export import exporters

    out = io.BytesIO()
    exporters.get("nq")(store, out)
    return Dataset().parse(data=out.getvalue(), format="nquads")


def _same_graphs(a: GraphStore, b: GraphStore) -> bool:
    if a.graphs() != b.graphs():
        return False
    da, db = _dataset(a), _dataset(b)
    return all(isomorphic(da.graph(g), db.graph(g)) for g in a.graphs())


def test_examples_build_into_three_articles():
    store = GraphStore()
    report = build([EXAMPLES], store, Settings())
    assert len(report.read) == 3 and not report.skipped
    titles = {r.title for r in report.read}
    assert "中欧领导人举行视频峰会" in titles


def test_file_order_does_not_change_the_graph(tmp_path):
    """Copy the examples in two shuffled orders of creation; the stores must be isomorphic."""
    stores = []
    for seed in (1, 2):
        folder = tmp_path / f"run{seed}"
        folder.mkdir()
        files = sorted(EXAMPLES.iterdir())
        random.Random(seed).shuffle(files)
        for f in files:
            shutil.copy(f, folder / f.name)
        store = GraphStore()
        build([folder], store, Settings())
        stores.append(store)
    assert _same_graphs(*stores)


def _bad_inputs(folder: Path) -> dict[str, str]:
    folder.mkdir()
    (folder / "empty.md").write_bytes(b"")
    (folder / "binary.html").write_bytes(bytes(range(256)) * 40)
    (folder / "nav-only.html").write_text("<html><body><nav><a href='/'>首页</a></nav></body></html>", encoding="utf-8")
    gbk = "### 示例标题\n\n<div><p>【示例新闻2020年1月2日讯】这是一篇用GBK编码保存的示例文章，" + "内容" * 120 + "。</p></div>\n"
    (folder / "gbk.md").write_bytes(gbk.encode("gbk"))
    return {"empty.md": "empty", "binary.html": "binary", "nav-only.html": "article"}


def test_bad_input_is_skipped_with_a_reason_and_the_run_goes_on(tmp_path):
    expected = _bad_inputs(tmp_path / "in")
    shutil.copy(EXAMPLES / "phone-call.txt", tmp_path / "in" / "phone-call.txt")
    store = GraphStore()
    report = build([tmp_path / "in"], store, Settings())
    skipped = dict(report.skipped)
    assert set(skipped) == set(expected)
    for name, word in expected.items():
        assert word in skipped[name].lower(), skipped[name]
    assert {r.source for r in report.read} == {"gbk.md", "phone-call.txt"}


def test_cli_build_writes_store_exports_and_summary(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(EXAMPLES), "--out", str(out), "--quiet"]) == 0
    for name in ("graph.trig", "graph.nq", "graph.ttl", "graph.jsonld", "summary.json"):
        assert (out / name).stat().st_size > 0, name
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"]["articles"] == 3
    printed = capsys.readouterr().out
    assert "articles 3, skipped 0" in printed

    assert main(["query", str(out), "SELECT (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle }",
                 "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "3"]


def test_cli_build_twice_keeps_the_same_store(tmp_path, capsys):
    out = tmp_path / "out"
    main(["build", str(EXAMPLES), "--out", str(out), "--quiet"])
    first = (out / "graph.nq").read_bytes()
    main(["build", str(EXAMPLES), "--out", str(out), "--quiet"])
    assert sorted(first.splitlines()) == sorted((out / "graph.nq").read_bytes().splitlines())


def test_cli_reports_errors_without_a_traceback(tmp_path, capsys):
    assert main(["query", str(tmp_path), "SELECT * WHERE { ?s ?p ?o }"]) == 4
    assert "run `kg build" in capsys.readouterr().err
    main(["build", str(EXAMPLES), "--out", str(tmp_path / "o"), "--quiet"])
    capsys.readouterr()
    assert main(["query", str(tmp_path / "o"), "SELECT WHERE {"]) == 5
    assert "malformed" in capsys.readouterr().err


def test_strict_build_exits_3_when_something_was_skipped(tmp_path, capsys):
    _bad_inputs(tmp_path / "in")
    assert main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--quiet", "--strict"]) == 3
    assert "skipped empty.md" in capsys.readouterr().out


def test_parallel_build_equals_the_sequential_one():
    stores = []
    for jobs in (1, 2):
        store = GraphStore()
        build([EXAMPLES], store, Settings(jobs=jobs))
        stores.append(store)
    assert _same_graphs(*stores)
