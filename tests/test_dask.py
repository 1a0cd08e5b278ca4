"""The same build on a Dask cluster (two worker processes on 127.0.0.1): shards, load, same graphs."""
from __future__ import annotations

import shutil

import pytest

pytest.importorskip("distributed", reason="the optional dask extra is not installed")

from distributed import Client, LocalCluster  # noqa: E402

from kg.build import build, finish  # noqa: E402
from kg.cli import main  # noqa: E402
from kg.distributed import build_on_cluster, split  # noqa: E402
from kg.settings import Settings  # noqa: E402
from kg.shards import load_files  # noqa: E402
from kg.store import GraphStore  # noqa: E402
from tests.test_build import EXAMPLES, _same_graphs  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster, Client(cluster) as client:
        yield client


@pytest.fixture
def inputs(tmp_path, corpus_dir):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder / "examples")
    for path in sorted(corpus_dir.glob("*/*/*/*.md"))[100:160:15]:
        shutil.copy(path, folder / path.name)
    shutil.copy(EXAMPLES / "quad-talks.md", folder / "zz-copy-of-quad-talks.md")  # a repeat in a later shard
    return folder


def test_shards_keep_input_order_and_are_never_single_articles():
    shards = split(list(range(2500)), 1000)
    assert [len(s) for s in shards] == [833, 834, 833] and sum(shards, []) == list(range(2500))
    assert split([], 1000) == []


def test_cluster_build_equals_the_process_pool_build(tmp_path, inputs, client):
    pool = GraphStore()
    expected = build([inputs], pool, Settings(jobs=2))

    store = GraphStore(tmp_path / "out" / "store")
    report = build_on_cluster([inputs], store, Settings(), client, tmp_path / "out" / "shards", shard_size=4)
    files = len(list(inputs.rglob("*.*")))
    shards = sorted((tmp_path / "out" / "shards").glob("shard-*.nq"))
    assert len(shards) == -(-files // 4) > 1
    assert [r.source for r in report.read] == [r.source for r in expected.read]
    assert report.duplicates == expected.duplicates == [("zz-copy-of-quad-talks.md", "examples/quad-talks.md")]
    assert _same_graphs(store, pool)

    loaded = GraphStore()  # the shards alone, as any bulk loader would take them
    assert load_files(shards, loaded).graphs == len(store.article_index())
    finish(loaded, Settings())  # then resolved, as `kg load` does
    assert _same_graphs(loaded, pool)

    again = build_on_cluster([inputs], store, Settings(), client, tmp_path / "out" / "shards", shard_size=4)
    assert not again.read and len(again.unchanged) == files  # incremental on the cluster too
    assert again.duplicates == expected.duplicates


def test_cli_build_on_a_running_cluster_then_load(tmp_path, capsys, client):
    out = tmp_path / "out"
    assert main(["build", str(EXAMPLES), "--out", str(out), "--scheduler", client.scheduler.address, "--shard-size", "2",
                 "--quiet", "--no-view", "--formats", "nq"]) == 0
    assert "articles 3," in capsys.readouterr().out
    assert main(["load", str(out / "shards"), "--out", str(tmp_path / "loaded"), "--no-view",
                 "--formats", "nq"]) == 0
    assert "loaded 3 graphs" in capsys.readouterr().out
    first = sorted((out / "graph.nq").read_bytes().splitlines())
    assert first == sorted((tmp_path / "loaded" / "graph.nq").read_bytes().splitlines())
