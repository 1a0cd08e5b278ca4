"""What lets a rebuild skip unchanged files without reading them: ``OUT/store-manifest.json``.

The store is the source of truth: every article graph names its ``kg:sourceFile`` and
``kg:contentHash`` (sha256 of the article text). The text is only known after reading and
decoding, so the manifest adds what a cheap check needs, per source file: the sha256 of its
bytes, the graph it became, that graph's content hash, and a fingerprint of the code and
settings that built it. An entry counts only while the store agrees with it (the graph is
there, from that file, with that content hash), so a stale or lost manifest costs time,
never correctness: such files are simply read again. The manifest is a JSON file beside the
store (not a named graph) so that queries and exports over the union of graphs never see it;
it is replaced atomically, and only after the store has committed what it describes.

>>> m = Manifest(None)
>>> m.record("a.md", "b1", "https://w3id.org/newskg/graph/x", "c1", "fp")
>>> m.unchanged("a.md", "b1", "fp", {"https://w3id.org/newskg/graph/x": ("a.md", "c1")})
True
>>> m.unchanged("a.md", "b2", "fp", {"https://w3id.org/newskg/graph/x": ("a.md", "c1")})
False
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

from .errors import StoreError
from .rdf.export import write_atomically

VERSION = 1
# Code whose change changes the graphs: a rebuild after editing it must not skip anything.
_GRAPH_CODE = ("document.py", "facts.py", "pipeline.py", "vocab.py", "readers", "extract", "lang", "lexicons",
               "rdf", "text")


@dataclass(frozen=True)
class Entry:
    bytes: str  # sha256 of the file's bytes
    graph: str  # the graph IRI it became
    content: str  # kg:contentHash of that graph when this file wrote it
    fingerprint: str  # code and settings it was built with
    duplicate: bool = False  # the graph came from another file with the same article


def manifest_path(store_path: Path) -> Path:
    """``OUT/store`` → ``OUT/store-manifest.json``."""
    return store_path.with_name(store_path.name + "-manifest.json")


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """sha256 of the package files that shape the graphs (read once per process)."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _GRAPH_CODE:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()
                                                      and "__pycache__" not in p.parts)
        for f in files:
            digest.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()


def fingerprint(extractors: tuple[str, ...], reader: str | None) -> str:
    """What a graph depends on besides the file: the code, the stages, the forced reader."""
    text = "\n".join((code_digest(), ",".join(extractors), reader or ""))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class Manifest:
    """Entries by source file; ``path`` None keeps it in memory only (in-memory stores)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.entries: dict[str, Entry] = {}
        self.dirty = False
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("version") == VERSION:
                    self.entries = {k: Entry(*v) for k, v in data["files"].items()}
            except (ValueError, TypeError, KeyError, OSError):
                self.entries = {}  # unreadable: every file is read again, the store is untouched

    @classmethod
    def for_store(cls, store) -> "Manifest":
        return cls(manifest_path(store.path) if store.path is not None else None)

    def record(self, source: str, digest: str, graph: str, content: str, fp: str, duplicate: bool = False) -> None:
        self.entries[source] = Entry(digest, graph, content, fp, duplicate)
        self.dirty = True

    def unchanged(self, source: str, digest: str, fp: str, index: dict[str, tuple[str, str]]) -> bool:
        """True when ``source`` has these bytes and the store still holds what it became."""
        entry = self.entries.get(source)
        if entry is None or entry.bytes != digest or entry.fingerprint != fp:
            return False
        held = index.get(entry.graph)
        if held is None:
            return False
        return entry.duplicate or held == (source, entry.content)

    def forget_graphs(self, graphs: set[str]) -> None:
        for source in [s for s, e in self.entries.items() if e.graph in graphs]:
            del self.entries[source]
            self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        data = {"version": VERSION, "files": {k: list(astuple(v)) for k, v in sorted(self.entries.items())}}
        try:
            write_atomically(self.path, lambda out: out.write(json.dumps(data, ensure_ascii=False).encode()))
        except OSError as error:
            raise StoreError(f"cannot write {self.path}: {error}") from error
        self.dirty = False
