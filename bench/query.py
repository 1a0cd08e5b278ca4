"""The query pack on the embedded store (Oxigraph) against rdflib's in-memory engine.

    python bench/query.py BUILD_DIR [--sizes corpus,1000000] [--timeout 120] [--export-memory] [--push]

BUILD_DIR is a `kg build --out` folder (its graph.nq, or its store, is the data). At each
size (``corpus``: as built; a number: the corpus graphs copied under new graph and article
IRIs until that many quads, people and places shared as they would be by more articles),
every pack query runs with its defaults on both engines: Oxigraph's time is the median of
three runs after a warm-up, rdflib's one run in a forked child killed after --timeout
seconds (reported as ">T"). Prints per-query times, the ratio and the median ratio.

--export-memory: peak RSS of each exporter (`kg export`) on the largest size, in a fresh
process each, against a process that only opens the store; ``ttl-construct`` is
the CONSTRUCT over the union that the graph-by-graph Turtle exporter replaced.
--push: start `oxigraph serve` and push the corpus-size store twice by GSP and twice by
SPARQL Update, checking the server's per-graph counts each time.
"""
from __future__ import annotations

import argparse
import multiprocessing
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Literal, Variable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from kg.querypack import bind, list_queries, run_named  # noqa: E402
from kg.store import GraphStore  # noqa: E402

NS = "https://w3id.org/newskg/"
# Article-local IRIs get a copy prefix; people, places, organisations, roles and posts keep
# theirs, so copies look like more articles about the same world.
LOCAL = ("graph/", "id/article/", "id/event/", "id/statement/", "id/commitment/", "id/mention/", "id/report/")


def corpus_nquads(build_dir: Path) -> bytes:
    nq = build_dir / "graph.nq"
    if nq.is_file():
        return nq.read_bytes()
    out = tempfile.TemporaryFile()
    GraphStore.in_output(build_dir, must_exist=True, read_only=True).dump(out, ox.RdfFormat.N_QUADS)
    out.seek(0)
    return out.read()


def replicate(nquads: bytes, target: int) -> bytes:
    """The corpus, then copies of it with new local IRIs, cut at ``target`` quads."""
    lines = nquads.splitlines(keepends=True)
    parts, total, copy = [nquads], len(lines), 0
    while total < target:
        copy += 1
        text = nquads
        for local in LOCAL:
            text = text.replace(f"<{NS}{local}".encode(), f"<{NS}{local}c{copy}-".encode())
        keep = text.splitlines(keepends=True)[: target - total]
        parts.append(b"".join(keep))
        total += len(keep)
    return b"".join(parts)


def oxigraph_times(store: GraphStore) -> dict[str, tuple[float, int]]:
    times = {}
    for q in list_queries():
        rows = len(run_named(store, q.name).rows)  # warm-up
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            run_named(store, q.name)
            runs.append(time.perf_counter() - started)
        times[q.name] = (statistics.median(runs), rows)
    return times


_DATASET: Dataset | None = None  # loaded once; forked children inherit it


def _rdflib_child(text: str, bindings: dict, conn) -> None:
    started = time.perf_counter()
    rows = len(list(_DATASET.query(text, initBindings=bindings)))
    conn.send((time.perf_counter() - started, rows))


def rdflib_times(timeout: float) -> dict[str, tuple[float | None, int | None]]:
    ctx = multiprocessing.get_context("fork")
    times = {}
    for q in list_queries():
        bindings = {Variable(k): Literal(v) for k, v in bind(q, {}).items()}
        parent, child = ctx.Pipe(duplex=False)
        process = ctx.Process(target=_rdflib_child, args=(q.text, bindings, child))
        process.start()
        times[q.name] = parent.recv() if parent.poll(timeout) else (None, None)
        process.kill()
        process.join()
    return times


def bench_size(label: str, data: bytes, timeout: float, workdir: Path) -> GraphStore:
    global _DATASET
    store = GraphStore(workdir / f"store-{label}")
    started = time.perf_counter()
    store.load(data, ox.RdfFormat.N_QUADS)
    store.flush()
    print(f"\n== {label}: {len(store):,} quads in {len(store.graphs())} graphs; "
          f"Oxigraph bulk load {time.perf_counter() - started:.1f} s", flush=True)
    if timeout > 0:
        started = time.perf_counter()
        _DATASET = Dataset(default_union=True)
        _DATASET.parse(data=data, format="nquads")
        print(f"rdflib Dataset load {time.perf_counter() - started:.1f} s", flush=True)
    ours = oxigraph_times(store)
    if timeout <= 0:
        for name, (seconds, rows) in ours.items():
            print(f"{name:34} {seconds:10.3f} s {rows:6} rows")
        return store
    theirs = rdflib_times(timeout)
    _DATASET = None
    ratios = []
    print(f"{'query':34} {'oxigraph s':>10} {'rdflib s':>9} {'ratio':>8} {'rows':>6}")
    for name, (seconds, rows) in ours.items():
        other, other_rows = theirs[name]
        ratio = (other or timeout) / seconds
        ratios.append(ratio)
        shown = f"{other:9.2f}" if other is not None else f"{'>' + format(timeout, 'g'):>9}"
        mark = ">" if other is None else " "
        check = "" if other_rows in (None, rows) else f"  (rdflib: {other_rows} rows)"
        print(f"{name:34} {seconds:10.3f} {shown} {mark}{ratio:6.0f}x {rows:6}{check}")
    bound = " (a lower bound: rdflib timed out on some)" if None in [t for t, _ in theirs.values()] else ""
    print(f"median ratio: {statistics.median(ratios):.0f}x{bound}", flush=True)
    return store


def export_memory(store_path: Path) -> None:
    # The child reports its own high-water mark: rusage's ru_maxrss would count the parent's
    # memory too, since Linux keeps the peak across fork and exec.
    script = ("import re, sys; from kg.store import GraphStore; from kg.rdf.export import exporters\n"
              "store = GraphStore(sys.argv[1], read_only=True)\n"
              "if sys.argv[2] == 'open': len(store)\n"
              "elif sys.argv[2] == 'ttl-construct':  # the CONSTRUCT over the union the ttl exporter avoids\n"
              "    import pyoxigraph as ox\n"
              "    from kg.rdf.export import _VOCAB_PREFIXES\n"
              "    answer = store.query('CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }')\n"
              "    with open(sys.argv[3], 'wb') as out: ox.serialize(answer, out, ox.RdfFormat.TURTLE, prefixes=_VOCAB_PREFIXES)\n"
              "else:\n"
              "    with open(sys.argv[3], 'wb') as out: exporters.get(sys.argv[2])(store, out)\n"
              "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n")
    print(f"\n== peak RSS of `kg export` on {store_path}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("open", "nq", "trig", "ttl", "ttl-construct", "jsonld"):
            target = Path(tmp) / f"out.{name}"
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", script, str(store_path), name, str(target)],
                                  capture_output=True, text=True)
            peak = int(done.stdout.split()[-1]) / 1024 if done.returncode == 0 else float("nan")
            size = target.stat().st_size / 1e6 if target.exists() else 0
            print(f"{name:7} peak RSS {peak:7.0f} MB, {time.perf_counter() - started:6.1f} s, "
                  f"{size:7.0f} MB written, exit {done.returncode}", flush=True)


def push_twice(store: GraphStore, workdir: Path) -> None:
    from kg.push import push_store

    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([binary, "serve", "--location", str(workdir / "server"), "--bind", f"127.0.0.1:{port}"],
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        print(f"\n== push {len(store.graphs())} graphs, {len(store):,} triples to {binary} serve")
        for mode in ("gsp", "gsp", "update", "update"):
            r = push_store(store, url, mode=mode)
            print(f"{mode:6} {r.seconds:7.1f} s, {r.requests} requests, {r.bytes / 1e6:.0f} MB, retries {r.retries}, "
                  f"server counts {'equal' if r.ok else f'DIFFER for {len(r.mismatches)} graphs'}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build_dir", type=Path)
    parser.add_argument("--sizes", default="corpus,1000000")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per rdflib query (0: skip rdflib)")
    parser.add_argument("--export-memory", action="store_true")
    parser.add_argument("--push", action="store_true")
    args = parser.parse_args()
    corpus = corpus_nquads(args.build_dir)
    sizes = args.sizes.split(",")
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        paths = {}  # size -> (quads, store folder); the stores themselves are closed
        for size in sizes:
            data = corpus if size == "corpus" else replicate(corpus, int(size))
            store = bench_size(size, data, args.timeout, Path(tmp))
            paths[size] = (len(store), store.path)
            del store, data
        if args.export_memory:
            export_memory(max(paths.values())[1])
        if args.push:
            if "corpus" in paths:
                store = GraphStore(paths["corpus"][1])
            else:
                store = GraphStore(Path(tmp) / "store-push")
                store.load(corpus, ox.RdfFormat.N_QUADS)
            push_twice(store, Path(tmp))

if __name__ == "__main__":
    main()
