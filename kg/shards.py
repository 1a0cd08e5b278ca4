"""N-Quads shard files: written by cluster workers, loaded into the store by ``kg load``.

A shard holds whole article graphs, each graph's quads together, so that a loader can
replace one graph at a time while streaming (any triple store's bulk loader takes the same
files). :func:`load_files` accepts any N-Quads file: one whose graphs are scattered is first
split into temporary buckets by a hash of the graph IRI, so memory stays bounded by a bucket,
not the file. The same graph in several files is loaded from the first one only.
"""
from __future__ import annotations

import itertools
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

import pyoxigraph as ox

from .errors import UsageError
from .store import GraphStore

SHARD_GLOB = "shard-*.nq"
BUCKET_BYTES = 32 * 1024 * 1024  # a bucket of a scattered file is read into memory whole
BATCH_TRIPLES = 50_000  # triples per store transaction while loading


def shard_path(folder: Path, number: int) -> Path:
    return folder / f"shard-{number:05d}.nq"


def write_graph(out: BinaryIO, graph: str, ntriples: str) -> None:
    """Append one graph, given as N-Triples, to an N-Quads stream."""
    node = ox.NamedNode(graph)
    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    ox.serialize((ox.Quad(t.subject, t.predicate, t.object, node) for t in triples), out,
                 format=ox.RdfFormat.N_QUADS)


def _ntriples(quads: Iterable[ox.Quad]) -> str:
    return ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES).decode()


def graph_groups(path: Path) -> Iterator[tuple[str | None, str]]:
    """(graph IRI, N-Triples) for each run of quads of one graph, in file order (None: default graph)."""
    quads = ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
    for graph, run in itertools.groupby(quads, key=lambda q: q.graph_name):
        yield (graph.value if isinstance(graph, ox.NamedNode) else None), _ntriples(run)


def _scattered(path: Path) -> bool:
    """True when some graph's quads are not all together in the file."""
    closed: set = set()
    previous = None
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        graph = quad.graph_name
        if graph != previous:
            if graph in closed:
                return True
            if previous is not None:
                closed.add(previous)
            previous = graph
    return False


def _bucketed_groups(path: Path) -> Iterator[tuple[str | None, str]]:
    """The groups of a scattered file, through hash buckets on disk (bounded memory)."""
    buckets = max(1, path.stat().st_size // BUCKET_BYTES + 1)
    with tempfile.TemporaryDirectory(prefix="kg-buckets-") as tmp:
        files = [open(Path(tmp) / f"{i}.nq", "wb") for i in range(buckets)]
        try:
            for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
                key = str(quad.graph_name).encode()
                ox.serialize([quad], files[zlib.crc32(key) % buckets], format=ox.RdfFormat.N_QUADS)
        finally:
            for f in files:
                f.close()
        for i in range(buckets):
            quads = sorted(ox.parse(path=str(Path(tmp) / f"{i}.nq"), format=ox.RdfFormat.N_QUADS),
                           key=lambda q: str(q.graph_name))
            for graph, run in itertools.groupby(quads, key=lambda q: q.graph_name):
                yield (graph.value if isinstance(graph, ox.NamedNode) else None), _ntriples(run)


def expand(paths: Iterable[Path]) -> list[Path]:
    """Shard files among ``paths``: folders give their ``*.nq`` files, sorted."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(path.glob("*.nq")))
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"no such file or folder: {path}")
    if not files:
        raise UsageError("no .nq files to load among " + ", ".join(map(str, paths)))
    return files


@dataclass
class LoadReport:
    files: int = 0
    graphs: int = 0
    triples: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (graph, file it was skipped in)


def load_files(paths: Iterable[Path], store: GraphStore) -> LoadReport:
    """Load N-Quads files into ``store``, replacing each graph they hold; first file wins a graph."""
    report = LoadReport()
    owner: dict[str, int] = {}  # graph → index of the file that provided it
    batch: list[tuple[str, str]] = []
    size = 0
    for number, path in enumerate(expand(paths)):
        report.files += 1
        try:
            groups = _bucketed_groups(path) if _scattered(path) else graph_groups(path)
            for graph, text in groups:
                if graph is None:  # triples outside any named graph: not ours to replace, just add
                    store.load(text.encode(), ox.RdfFormat.N_TRIPLES)
                    continue
                if owner.setdefault(graph, number) != number:
                    report.duplicates.append((graph, str(path)))
                    continue
                batch.append((graph, text))
                report.graphs += 1
                triples = text.count("\n")  # canonical N-Triples: one triple a line
                report.triples += triples
                size += triples
                if size >= BATCH_TRIPLES:
                    store.replace_graphs(batch)
                    store.flush()  # Oxigraph holds written data in memory until flushed
                    batch, size = [], 0
        except SyntaxError as error:
            raise UsageError(f"{path} is not valid N-Quads: {error}") from error
    store.replace_graphs(batch)
    store.flush()
    return report
