"""Scale-out on a Dask cluster: ``kg build --scheduler tcp://HOST:8786`` (or ``local:N``).

The files to read are split into SHARDS of consecutive files (default 1,000 articles; one
task per article would drown the scheduler). Each worker runs the same per-article function
as the process pool (:func:`kg.build.outcome`, time limit included) over its shard and
writes the graphs to ``OUT/shards/shard-00001.nq`` (written beside, then renamed), returning
only a small summary. The client then streams the shards into the store through the same
writer as a local build, in input order, so duplicates, replaced graphs and the manifest
behave exactly as there. With a remote scheduler, the input files and OUT must be on a
file system every worker sees at the same path (paths are sent resolved).

Needs the optional ``dask`` extra (``pip install newskg[dask]``).
"""
from __future__ import annotations

import math
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .build import ArticleResult, BuildReport, GraphWriter, Plan, Task, finish, outcome
from .errors import UsageError
from .rdf.export import write_atomically
from .settings import Settings
from .shards import SHARD_GLOB, graph_groups, shard_path, write_graph
from .store import GraphStore

DEFAULT_SHARD_SIZE = 1000
SHARD_DIRNAME = "shards"


@dataclass
class ShardSummary:
    """What a worker sends back: outcomes without their triples (those are in the shard file)."""

    number: int
    path: str
    outcomes: list = field(default_factory=list)  # per task, in order: ArticleResult | Unchanged | str
    seconds: float = 0.0


def run_shard(number: int, tasks: list[Task], folder: str) -> ShardSummary:
    """Run on a worker: every article of one shard into one N-Quads file."""
    started = time.perf_counter()
    summary = ShardSummary(number, str(shard_path(Path(folder), number)))
    written: set[str] = set()

    def write(out) -> None:
        for task in tasks:
            result = outcome(task)
            if isinstance(result, ArticleResult):
                if result.graph not in written:  # a repeat inside the shard: the client reports it
                    written.add(result.graph)
                    write_graph(out, result.graph, result.ntriples)
                result = replace(result, ntriples="")
            summary.outcomes.append(result)

    write_atomically(Path(summary.path), write)
    summary.seconds = time.perf_counter() - started
    return summary


def split(tasks: list, size: int) -> list[list]:
    """Consecutive, near-equal shards of at most ``size`` tasks (input order kept across shards)."""
    if not tasks:
        return []
    count = math.ceil(len(tasks) / max(1, size))
    step = len(tasks) / count
    return [tasks[round(i * step):round((i + 1) * step)] for i in range(count)]


@contextmanager
def dask_client(scheduler: str) -> Iterator:
    """A client for ``tcp://HOST:PORT``, or for a new ``local:N`` cluster on 127.0.0.1."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise UsageError("--scheduler needs Dask: pip install 'newskg[dask]'") from error
    if scheduler.startswith("local:"):
        try:
            workers = int(scheduler.removeprefix("local:"))
        except ValueError:
            raise UsageError(f"--scheduler local:N takes a number of workers, not {scheduler!r}") from None
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address="127.0.0.1:0")  # any free port: never clash with 8787
        with cluster, Client(cluster) as client:
            yield client
    else:
        try:
            with Client(scheduler, timeout="20s") as client:
                yield client
        except OSError as error:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error


def _absolute(task: Task) -> Task:
    path, source, settings, known = task
    return (Path(path).resolve(), source, settings, known)


def build_on_cluster(paths: Iterable[Path], store: GraphStore, settings: Settings, client, shard_dir: Path,
                     shard_size: int = DEFAULT_SHARD_SIZE,
                     progress: Callable[[int, int, str], None] | None = None) -> BuildReport:
    """Like :func:`kg.build.build`, with the reading and extraction done by ``client``'s workers."""
    started = time.perf_counter()
    plan = Plan(paths, store, settings)
    report = BuildReport()
    writer = GraphWriter(store, plan, report)
    shard_dir = Path(shard_dir).resolve()
    shard_dir.mkdir(parents=True, exist_ok=True)
    for old in shard_dir.glob(SHARD_GLOB):  # shards of an earlier run would mix with this one's
        old.unlink()
    shards = split([_absolute(t) for t in plan.tasks], shard_size)
    futures = [client.submit(run_shard, number, shard, str(shard_dir), pure=False)
               for number, shard in enumerate(shards, 1)]
    from distributed import as_completed

    summaries: dict[int, ShardSummary | str] = {}
    number_of = {future.key: number for number, future in enumerate(futures, 1)}
    done = 0
    for future in as_completed(futures):
        number = number_of[future.key]
        try:
            summaries[number] = future.result()
        except Exception as error:  # e.g. its worker was killed again and again: the shard is skipped
            summaries[number] = f"its shard {number} failed on the cluster ({type(error).__name__}: {error})"
        done += len(shards[number - 1])
        if progress:
            progress(done, len(plan.tasks), f"shard {number}")
    offset = 0
    for number, shard in enumerate(shards, 1):  # into the store in input order
        summary = summaries[number]
        tasks = plan.tasks[offset:offset + len(shard)]
        offset += len(shard)
        if isinstance(summary, str):
            for task in tasks:
                writer.add(task, summary)
            continue
        groups, written = graph_groups(Path(summary.path)), set()
        for task, result in zip(tasks, summary.outcomes):
            writer.add(task, _with_triples(result, groups, written))
    writer.close()
    report.resolution = finish(store, settings)
    report.seconds = time.perf_counter() - started
    return report


def _with_triples(result, groups: Iterator[tuple[str | None, str]], written: set[str]):
    """Give a result back the triples its shard file holds (the file has graphs in result order)."""
    if not isinstance(result, ArticleResult):
        return result
    if result.graph in written:  # a repeat inside the shard: the writer reports it as a duplicate
        return result
    written.add(result.graph)
    graph, text = next(groups)
    if graph != result.graph:
        raise RuntimeError(f"shard file out of step: expected graph {result.graph}, found {graph}")
    return replace(result, ntriples=text)
