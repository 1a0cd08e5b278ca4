"""From article files to named graphs in the store: read, extract, map, write.

:func:`process` is the per-article function (pure: bytes in, N-Triples out) that any
scheduler can run; :func:`build` drives it over files and keeps the report.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .document import Document
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


def extract(doc: Document, pipeline: Pipeline) -> Document:
    return pipeline(doc)


def process(path: Path, source: str, settings: Settings) -> ArticleResult:
    """Read one file and turn it into its named graph. Raises InputError for bad input."""
    doc = read_path(path, settings.reader)
    doc.source = source
    doc = Pipeline.from_names(settings.extractors)(doc)
    graph = document_graph(doc)
    counts = {"entities": len(doc.entities), "posts": len(doc.posts), "events": len(doc.events),
              "statements": len(doc.statements), "citations": len(doc.citations)}
    return ArticleResult(source, str(graph_iri(doc.slug)), graph.serialize(format="nt"), len(graph),
                         doc.meta.title, len(doc.body), counts)


def build(paths: Iterable[Path], store: GraphStore, settings: Settings,
          progress: Callable[[int, int, str], None] | None = None) -> BuildReport:
    """Add every article under ``paths`` to ``store``; bad files are skipped with a reason."""
    started = time.perf_counter()
    roots = [Path(p) for p in paths]
    files = iter_input_files(roots)
    report = BuildReport()
    seen: dict[str, str] = {}
    for number, path in enumerate(files, 1):
        source = source_name(path, roots)
        if progress:
            progress(number, len(files), source)
        try:
            result = process(path, source, settings)
        except InputError as error:
            report.skipped.append((source, error.problem + (f" ({error.hint})" if error.hint else "")))
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
