"""Exporters, chosen by name: each writes the whole store to a binary stream.

N-Quads is the one to send to other triple stores (one quad a line, full IRIs, no prefix
games); TriG and JSON-LD keep the named graphs; Turtle merges them into one graph.

>>> sorted(exporters.names())
['jsonld', 'nq', 'trig', 'ttl']
"""
from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

import pyoxigraph as ox

from ..registry import Registry
from ..store import GraphStore
from ..vocab import PREFIXES

Exporter = Callable[[GraphStore, BinaryIO], None]
exporters: Registry[Exporter] = Registry("exporter")

FILE_SUFFIX = {"trig": ".trig", "nq": ".nq", "ttl": ".ttl", "jsonld": ".jsonld"}

# Our resource IRIs have slashes after the namespace; written as prefixed names they come
# out as kgr:person\/… which some stores (Virtuoso 7.2) load as corrupted IRIs. So only
# vocabulary namespaces get prefixes; resources are written in full.
_VOCAB_PREFIXES = {k: str(v) for k, v in PREFIXES.items() if k not in {"kgr", "kgg", "sh"}}


@exporters.register("nq")
def export_nquads(store: GraphStore, out: BinaryIO) -> None:
    store.dump(out, ox.RdfFormat.N_QUADS)


@exporters.register("trig")
def export_trig(store: GraphStore, out: BinaryIO) -> None:
    store.dump(out, ox.RdfFormat.TRIG, prefixes=_VOCAB_PREFIXES)


@exporters.register("ttl")
def export_turtle(store: GraphStore, out: BinaryIO) -> None:
    """All graphs merged into one Turtle document, written graph by graph.

    Not a CONSTRUCT over the union: Oxigraph deduplicates a CONSTRUCT answer by remembering
    every triple it wrote (442 MB at one million quads, against under 100 MB for the other
    exports; bench/query.py). Here memory is that of the largest graph. A triple several
    articles state is written once per article; RDF graphs are sets, so every parser reads
    the same merged graph.
    """
    out.write("".join(f"@prefix {p}: <{iri}> .\n" for p, iri in _VOCAB_PREFIXES.items()).encode())
    for graph in store.graphs():  # sorted: the same store gives the same bytes
        buffer = io.BytesIO()
        store.dump(buffer, ox.RdfFormat.TURTLE, prefixes=_VOCAB_PREFIXES, from_graph=graph)
        out.write(b"\n" + _without_prefix_lines(buffer.getvalue()))


def _without_prefix_lines(chunk: bytes) -> bytes:
    """The Turtle of one graph without the ``@prefix`` header Oxigraph writes above it."""
    lines = chunk.splitlines(keepends=True)
    start = 0
    while start < len(lines) and (lines[start].startswith(b"@prefix") or not lines[start].strip()):
        start += 1
    return b"".join(lines[start:])


@exporters.register("jsonld")
def export_jsonld(store: GraphStore, out: BinaryIO) -> None:
    store.dump(out, ox.RdfFormat.JSON_LD)


def export_file(store: GraphStore, name: str, path: Path) -> Path:
    """Write one export atomically: a failed export leaves any earlier file untouched."""
    exporter = exporters.get(name)
    return write_atomically(path, lambda out: exporter(store, out))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; exports are for sharing
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
