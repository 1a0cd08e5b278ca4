"""Build speed and memory at corpus scale, in one run.

    python bench/scale.py [--corpus DIR] [--articles 10000] [--no-large] [--no-small]

Reports articles/second for 1 job and for all cores, with full extraction and reading only
(extractors=(): the floor set by reading, mapping and the store), then builds a corpus of
``--articles`` (the corpus replicated, each copy's source URL changed so every copy is a new
article) and reports its time and peak memory, which must stay under 2 GB. Each
configuration runs in a fresh process into an on-disk store, as ``kg build`` does; its peak
memory is measured three ways: getrusage of the process and of its largest worker, and the
sum over the process and all its workers sampled every 0.2 s. Cross-article resolution
(kg.resolve, which ``kg build`` runs last) is timed and measured after each full build, on
its own (``--no-resolve`` skips it).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))  # run from a checkout without installing
LIMIT_MB = 2048
GIVE_UP_MB = 4 * LIMIT_MB  # a run past this is stopped (and reported as such)
GIVE_UP_SECONDS = 3600  # resolution running longer than this is stopped (and reported as such)


def _rss_tree_mb(root: int) -> float:
    """Resident memory of ``root`` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry.name)] = int(fields.get("PPid", "0").strip() or 0)
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0] or 0)
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, parent in parents.items() if parent == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(rss.get(p, 0) for p in tree) / 1024


def run_one(config: dict) -> dict:
    """One build, then resolution, in this process (run in a child process by :func:`measure`)."""
    from kg.build import build, finish
    from kg.settings import Settings
    from kg.store import GraphStore

    peak = [0.0]
    stop = threading.Event()
    result: dict = {}

    def sample() -> None:
        while not stop.wait(0.2):
            peak[0] = max(peak[0], _rss_tree_mb(os.getpid()))
            if peak[0] > GIVE_UP_MB:  # protect the machine: report what is known and stop
                result.update(given_up_mb=peak[0])
                print(json.dumps(result), flush=True)
                os._exit(0)
            if "resolving_since" in result and time.perf_counter() - result["resolving_since"] > GIVE_UP_SECONDS:
                result.update(given_up_seconds=GIVE_UP_SECONDS)
                print(json.dumps(result), flush=True)
                os._exit(0)

    threading.Thread(target=sample, daemon=True).start()
    settings = Settings(jobs=config["jobs"], extractors=tuple(config["extractors"]), resolve=False)
    with tempfile.TemporaryDirectory(prefix="kg-bench-store-") as tmp:
        store = GraphStore(Path(tmp) / "store")
        started = time.perf_counter()
        report = build([Path(p) for p in config["inputs"]], store, settings)
        result.update(articles=len(report.read), skipped=len(report.skipped), seconds=time.perf_counter() - started,
                      quads=len(store), self_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      worker_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                      total_mb=max(peak[0], _rss_tree_mb(os.getpid())))
        print(json.dumps(result), flush=True)  # known now, whatever happens to resolution
        if config["resolve"]:  # kg.resolve at the end of the build, measured on its own
            peak[0] = 0.0
            started = result["resolving_since"] = time.perf_counter()
            finish(store, Settings(resolve=True))
            result.update(resolve_seconds=time.perf_counter() - started,
                          resolve_mb=max(peak[0], _rss_tree_mb(os.getpid())))
            del result["resolving_since"]
        del store
    stop.set()
    return result


def measure(inputs: list[Path], jobs: int, extractors: tuple[str, ...], resolve: bool = True) -> dict:
    config = {"inputs": [str(p) for p in inputs], "jobs": jobs, "extractors": list(extractors), "resolve": resolve}
    out = subprocess.run([sys.executable, __file__, "--run", json.dumps(config)], capture_output=True, text=True,
                         cwd=PROJECT, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    lines = [json.loads(text) for text in out.stdout.splitlines() if text.startswith("{")]
    if out.returncode or not lines:
        raise SystemExit(f"benchmark run failed:\n{out.stderr[-3000:]}")
    return lines[-1]


def line(label: str, r: dict) -> str:
    if "articles" not in r:
        return f"{label:<28} stopped during the build at {r['given_up_mb']:.0f} MB (over {GIVE_UP_MB} MB)"
    text = (f"{label:<28} {r['articles']:>6} articles in {r['seconds']:7.1f} s = {r['articles'] / r['seconds']:6.1f}"
            f" articles/s; peak MB: main {r['self_mb']:.0f}, largest worker {r['worker_mb']:.0f}, "
            f"all processes {r['total_mb']:.0f}")
    if "resolve_seconds" in r:
        text += f"\n{'':<28} then resolution: {r['resolve_seconds']:.1f} s, peak MB {r['resolve_mb']:.0f}"
    elif "given_up_mb" in r:
        text += f"\n{'':<28} then resolution: stopped at {r['given_up_mb']:.0f} MB (over {GIVE_UP_MB} MB)"
    elif "given_up_seconds" in r:
        text += f"\n{'':<28} then resolution: stopped after {GIVE_UP_SECONDS} s"
    return text


def replicate(corpus: Path, target: Path, count: int) -> int:
    """Copy corpus files into ``target`` until there are ``count``, each copy with its own source URL."""
    from kg.readers import iter_input_files
    from kg.readers.metadata import SOURCE_URL

    files = [f for f in iter_input_files([corpus]) if f.suffix == ".md"]
    made, copy = 0, 0
    while made < count:
        copy += 1
        folder = target / f"copy-{copy:03d}"
        folder.mkdir(parents=True)
        for path in files:
            if made >= count:
                break
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
            # A new URL makes a new article: the graph is named after it (the copy keeps the outlet and date).
            text, found = SOURCE_URL.subn(lambda m: m.group(0) + f"?copy={copy}", text)
            if found:
                (folder / path.name).write_text(text, encoding="utf-8", errors="surrogateescape")
                made += 1
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=PROJECT.parent / "shared" / "corpus")
    parser.add_argument("--articles", type=int, default=10_000, help="size of the large corpus")
    parser.add_argument("--no-small", action="store_true", help="skip the 1-job / all-cores runs")
    parser.add_argument("--no-large", action="store_true", help="skip the large corpus")
    parser.add_argument("--no-resolve", action="store_true", help="do not time kg.resolve after each build")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_one(json.loads(args.run))))
        return
    from kg.settings import DEFAULT_EXTRACTORS

    cores = os.cpu_count() or 1
    print(f"corpus {args.corpus}, {cores} cores, extractors {','.join(DEFAULT_EXTRACTORS)}", flush=True)
    if not args.no_small:
        for label, extractors in (("reading only", ()), ("full extraction", DEFAULT_EXTRACTORS)):
            for jobs in sorted({1, cores}):
                resolve = bool(extractors) and not args.no_resolve
                print(line(f"{label}, jobs={jobs}", measure([args.corpus], jobs, extractors, resolve)), flush=True)
    if not args.no_large:
        with tempfile.TemporaryDirectory(prefix="kg-bench-corpus-") as tmp:
            made = replicate(args.corpus, Path(tmp), args.articles)
            result = measure([Path(tmp)], cores, DEFAULT_EXTRACTORS, resolve=not args.no_resolve)
            print(line(f"{made} articles, jobs={cores}", result), flush=True)
            peak = max(result["total_mb"], result.get("resolve_mb", 0), result.get("given_up_mb", 0))
            verdict = "under" if peak < LIMIT_MB else "OVER"
            print(f"peak memory of build and resolution, all processes: {peak:.0f} MB, {verdict} the {LIMIT_MB} MB limit")


if __name__ == "__main__":
    main()
