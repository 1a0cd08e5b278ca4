"""From article files to named graphs in the store: read, extract, map, write.

:func:`process` is the per-article function (pure: bytes in, N-Triples out) that any
scheduler can run; :func:`build` drives it over files and keeps the report.
"""
from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from .errors import InputError
from .pipeline import Pipeline
from .rdf.iris import graph_iri
from .rdf.mapping import document_graph
from .readers import iter_input_files, read_path
from .settings import Settings
from .store import GraphStore


@dataclass(frozen=True)
class ArticleResult:
    source: str
    graph: str
    ntriples: str
    triples: int
    title: str
    body_length: int
    counts: dict[str, int]


@dataclass
class BuildReport:
    read: list[ArticleResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, file it repeats)
    seconds: float = 0.0

    def short(self, limit: int) -> list[ArticleResult]:
        return [r for r in self.read if r.body_length < limit]

    def totals(self) -> dict[str, int]:
        totals: dict[str, int] = {"articles": len(self.read), "skipped": len(self.skipped),
                                  "duplicates": len(self.duplicates),
                                  "triples": sum(r.triples for r in self.read)}
        for r in self.read:
            for k, v in r.counts.items():
                totals[k] = totals.get(k, 0) + v
        return totals


def source_name(path: Path, roots: Iterable[Path]) -> str:
    """The file's name relative to the input folder it was found under (stable across machines)."""
    path = path.resolve()
    for root in roots:
        root = root.resolve()
        if root.is_dir() and path.is_relative_to(root):
            return path.relative_to(root).as_posix()
    return path.name


@lru_cache(maxsize=8)
def _pipeline(names: tuple[str, ...]) -> Pipeline:
    return Pipeline.from_names(names)


def process(path: Path, source: str, settings: Settings) -> ArticleResult:
    """Read one file and turn it into its named graph. Raises InputError for bad input."""
    doc = read_path(path, settings.reader)
    doc.source = source
    doc = _pipeline(tuple(settings.extractors))(doc)
    graph = document_graph(doc)
    counts = {"entities": len(doc.entities), "posts": len(doc.posts), "events": len(doc.events),
              "statements": len(doc.statements), "citations": len(doc.citations)}
    return ArticleResult(source, str(graph_iri(doc.slug)), graph.serialize(format="nt"), len(graph),
                         doc.meta.title, len(doc.body), counts)


def _outcome(task: tuple[Path, str, Settings]) -> ArticleResult | str:
    """The result of one file, or the reason it was skipped (worker processes send this back)."""
    path, source, settings = task
    try:
        return process(path, source, settings)
    except InputError as error:
        return error.problem + (f" ({error.hint})" if error.hint else "")
    except Exception as error:  # a bug must cost one article, not the whole run
        return f"internal error while processing ({type(error).__name__}: {error}); please report it"


def _outcomes(tasks: list[tuple[Path, str, Settings]], jobs: int) -> Iterator[ArticleResult | str]:
    """Outcomes in input order, so the store and report do not depend on scheduling."""
    if jobs <= 1 or len(tasks) < 2:
        yield from map(_outcome, tasks)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_outcome, tasks, chunksize=max(1, min(16, len(tasks) // (jobs * 4))))


def build(paths: Iterable[Path], store: GraphStore, settings: Settings,
          progress: Callable[[int, int, str], None] | None = None) -> BuildReport:
    """Add every article under ``paths`` to ``store``; bad files are skipped with a reason."""
    started = time.perf_counter()
    roots = [Path(p) for p in paths]
    files = iter_input_files(roots)
    tasks = [(path, source_name(path, roots), settings) for path in files]
    report = BuildReport()
    seen: dict[str, str] = {}
    for number, ((_, source, _), result) in enumerate(zip(tasks, _outcomes(tasks, settings.jobs)), 1):
        if progress:
            progress(number, len(files), source)
        if isinstance(result, str):
            report.skipped.append((source, result))
            continue
        if result.graph in seen:  # the same article under two names: keep the first, in sorted order
            report.duplicates.append((source, seen[result.graph]))
            continue
        seen[result.graph] = source
        store.put_ntriples(result.graph, result.ntriples)
        report.read.append(result)
    store.flush()
    report.seconds = time.perf_counter() - started
    return report
