"""From article files to named graphs in the store: read, extract, map, write.

:func:`process` is the per-article function (pure: bytes in, N-Triples out) that any
scheduler runs (the process pool here, Dask in :mod:`kg.distributed`); :func:`build` drives
it over files, adds to an existing store and keeps the report.

Builds are incremental and idempotent. A file whose bytes, code and settings are unchanged
since it was built (see :mod:`kg.manifest`) is not read again; any other file is read and
its article's graph replaced whole. Graphs are written in batches, each batch one store
transaction, so a run killed at any point leaves every graph either as it was or complete.
Within one run, the first file (in sorted order) with a given article wins; across runs,
the latest run does.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from .errors import InputError
from .manifest import Manifest, file_digest, fingerprint
from .pipeline import Pipeline
from .rdf.iris import graph_iri
from .rdf.mapping import document_graph
from .readers import iter_input_files, read_path
from .runner import TaskTimeout, ordered, time_limit
from .settings import Settings
from .store import FLUSH_TRIPLES, GraphStore

if TYPE_CHECKING:
    from .resolve import ResolutionReport

BATCH_ARTICLES = 32  # articles per store transaction: fewer commits, bounded transaction size
BATCH_SECONDS = 2.0  # ... or fewer, so that a slow run commits (and could resume) often
MANIFEST_EVERY = 30.0  # seconds between manifest saves during a long run (a killed run resumes from it)


@dataclass(frozen=True)
class ArticleResult:
    source: str
    graph: str
    ntriples: str  # emptied once written to the store, so a report of 10,000 articles stays small
    triples: int
    title: str
    body_length: int
    counts: dict[str, int]
    content_hash: str = ""


@dataclass(frozen=True)
class Unchanged:
    """The file's bytes changed but its text did not: nothing to extract or write."""

    source: str


@dataclass
class BuildReport:
    read: list[ArticleResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, file it repeats)
    unchanged: list[str] = field(default_factory=list)  # files already in the store as they are
    seconds: float = 0.0
    resolution: "ResolutionReport | None" = None  # of the resolution that ended the build

    def short(self, limit: int) -> list[ArticleResult]:
        return [r for r in self.read if r.body_length < limit]

    def totals(self) -> dict[str, int]:
        totals: dict[str, int] = {"articles": len(self.read), "skipped": len(self.skipped),
                                  "duplicates": len(self.duplicates), "unchanged": len(self.unchanged),
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
    result = _process(path, source, settings, None)
    assert isinstance(result, ArticleResult)
    return result


def _process(path: Path, source: str, settings: Settings, known: tuple[str, str] | None):
    """``known`` is (graph, content hash) in the store: the same text there needs no extraction."""
    doc = read_path(path, settings.reader)
    doc.source = source
    if known is not None and known == (str(graph_iri(doc.slug)), doc.content_hash):
        return Unchanged(source)
    doc = _pipeline(tuple(settings.extractors))(doc)
    graph = document_graph(doc)
    counts = {"entities": len(doc.entities), "posts": len(doc.posts), "events": len(doc.events),
              "statements": len(doc.statements), "citations": len(doc.citations)}
    return ArticleResult(source, str(graph_iri(doc.slug)), graph.serialize(format="nt"), len(graph),
                         doc.meta.title, len(doc.body), counts, doc.content_hash)


Task = tuple[Path, str, Settings, "tuple[str, str] | None"]


def timeout_reason(settings: Settings) -> str:
    return f"took longer than {settings.file_timeout:g} s (the per-file limit; see Settings.file_timeout)"


def outcome(task: Task) -> ArticleResult | Unchanged | str:
    """The result of one file, or the reason it was skipped (worker processes send this back)."""
    path, source, settings, known = task
    try:
        with time_limit(settings.file_timeout):
            return _process(path, source, settings, known)
    except TaskTimeout:
        return timeout_reason(settings)
    except InputError as error:
        return error.problem + (f" ({error.hint})" if error.hint else "")
    except RecursionError:
        return "too deeply nested to read (the page nests its elements thousands deep)"
    except Exception as error:  # a bug must cost one article, not the whole run
        return f"internal error while processing ({type(error).__name__}: {error}); please report it"


class Plan:
    """What a build will do: which files to read, and what the store already holds."""

    def __init__(self, paths: Iterable[Path], store: GraphStore, settings: Settings):
        roots = [Path(p) for p in paths]
        self.manifest = Manifest.for_store(store)
        self.index = store.article_index()  # graph → (source, content hash): the source of truth
        self.fp = fingerprint(tuple(settings.extractors), settings.reader)
        self.tasks: list[Task] = []
        self.digests: dict[str, str | None] = {}
        self.unchanged: list[str] = []
        for path in iter_input_files(roots):
            source = source_name(path, roots)
            try:
                digest = file_digest(path)
            except OSError:
                digest = None  # the reader will say what is wrong with it
            self.digests[source] = digest
            if digest and not settings.rebuild and self.manifest.unchanged(source, digest, self.fp, self.index):
                self.unchanged.append(source)
                continue
            entry = self.manifest.entries.get(source)
            known = None
            if entry and not settings.rebuild and entry.fingerprint == self.fp and not entry.duplicate \
                    and self.index.get(entry.graph) == (source, entry.content):
                known = (entry.graph, entry.content)
            self.tasks.append((path, source, settings, known))


class GraphWriter:
    """Takes outcomes in input order; writes graphs in batches and keeps report and manifest."""

    def __init__(self, store: GraphStore, plan: Plan, report: BuildReport):
        self.store, self.plan, self.report = store, plan, report
        self.manifest, self.index = plan.manifest, plan.index
        self.seen: dict[str, str] = {}  # graph → source that wrote it in this run
        self.batch: list[ArticleResult] = []
        self.saved = self.committed = time.monotonic()
        self.unflushed = 0  # triples written since the store was last flushed
        # Graphs each file held before: a file whose article changed identity leaves no stale graph.
        self.held = {source: graph for graph, (source, _) in self.index.items()}
        for source in plan.unchanged:
            entry = self.manifest.entries[source]
            if entry.duplicate:
                report.duplicates.append((source, self.index[entry.graph][0]))
            else:
                self.seen[entry.graph] = source
        report.unchanged = list(plan.unchanged)

    def add(self, task: Task, result: ArticleResult | Unchanged | str) -> None:
        source, digest = task[1], self.plan.digests.get(task[1])
        if isinstance(result, str):
            self.report.skipped.append((source, result))
            return
        if isinstance(result, Unchanged):
            graph, content = task[3]
            first = self.seen.setdefault(graph, source)
            if first != source:  # an earlier file of this run has just written the same article
                self.report.duplicates.append((source, first))
            else:
                self.report.unchanged.append(source)
            if digest:
                self.manifest.record(source, digest, graph, content, self.plan.fp, first != source)
            return
        if result.graph in self.seen:  # the same article under two names: the first one stays
            self.report.duplicates.append((source, self.seen[result.graph]))
            if digest:
                self.manifest.record(source, digest, result.graph, result.content_hash, self.plan.fp, True)
            return
        self.seen[result.graph] = source
        self.batch.append(result)
        self.report.read.append(replace(result, ntriples=""))
        if len(self.batch) >= BATCH_ARTICLES or time.monotonic() - self.committed > BATCH_SECONDS:
            self.commit()

    def commit(self) -> None:
        """Write the batch in one transaction; only then record it in the index and manifest."""
        stale = []
        for r in self.batch:
            old = self.held.get(r.source)
            if old and old != r.graph and old not in self.seen and self.index.get(old, ("",))[0] == r.source:
                stale.append(old)
        self.store.replace_graphs([(r.graph, r.ntriples) for r in self.batch], drop=stale)
        for graph in stale:
            self.index.pop(graph, None)
        self.manifest.forget_graphs(set(stale))
        for r in self.batch:  # recorded only now that the store has committed them
            self.index[r.graph] = (r.source, r.content_hash)
            digest = self.plan.digests.get(r.source)
            if digest:
                self.manifest.record(r.source, digest, r.graph, r.content_hash, self.plan.fp)
        self.unflushed += sum(r.triples for r in self.batch)
        if self.unflushed >= FLUSH_TRIPLES:
            self.store.flush()
            self.unflushed = 0
        self.batch = []
        self.committed = time.monotonic()
        if time.monotonic() - self.saved > MANIFEST_EVERY:
            self.manifest.save()
            self.saved = time.monotonic()

    def close(self) -> None:
        self.commit()
        self.manifest.save()


def build(paths: Iterable[Path], store: GraphStore, settings: Settings,
          progress: Callable[[int, int, str], None] | None = None) -> BuildReport:
    """Add every article under ``paths`` to ``store``; bad files are skipped with a reason.

    ``progress(done, total, source)`` is called for each file read (unchanged files are not).
    """
    started = time.perf_counter()
    plan = Plan(paths, store, settings)
    report = BuildReport()
    writer = GraphWriter(store, plan, report)
    results = ordered(outcome, plan.tasks, jobs=settings.jobs, timeout=settings.file_timeout,
                      on_timeout=lambda task: timeout_reason(task[2]),
                      on_crash=lambda task: "the worker process died while reading this file")
    try:
        for number, (task, result) in enumerate(zip(plan.tasks, results), 1):
            if progress:
                progress(number, len(plan.tasks), task[1])
            writer.add(task, result)
    except BaseException:
        writer.manifest.save()  # what is committed so far need not be read again (Ctrl-C)
        raise
    writer.close()
    report.resolution = finish(store, settings)
    report.seconds = time.perf_counter() - started
    return report


def finish(store: GraphStore, settings: Settings) -> "ResolutionReport | None":
    """What follows any change to the article graphs (build, remove, load): cross-article
    resolution, unless it is switched off, then a flush to disk."""
    report = None
    if settings.resolve:
        from .resolve import resolve_store

        report = resolve_store(store, settings.overrides)
    store.flush()
    return report
