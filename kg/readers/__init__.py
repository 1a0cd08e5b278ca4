"""Readers: article files (mirror Markdown, HTML pages, plain text) → :class:`~kg.document.Document`.

Each reader is a function ``read(data: bytes, source: str) -> Document`` registered under
its name in :data:`readers`. :func:`read_path` picks one by the file's name and content;
:func:`iter_input_files` lists the article files under some paths in a stable order.
Bad input raises a subclass of :class:`~kg.errors.InputError` naming the file.

>>> sorted(readers.names())
['html', 'mirror', 'text']
>>> sniff_reader("a.md", "### 标题\\n---\\n".encode()), sniff_reader("a.txt", b"<!DOCTYPE html><html>")
('mirror', 'html')
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Callable, Iterable

from ..document import Document
from ..errors import UnreadableFileError
from ..registry import Registry
from . import html, mirror, text

Reader = Callable[[bytes, str], Document]

readers: Registry[Reader] = Registry("reader")
readers.register("mirror")(mirror.read)
readers.register("html")(html.read)
readers.register("text")(text.read)

MAX_BYTES = 64 * 1024 * 1024  # far above any article; a bigger file is a mistake, not news
INPUT_SUFFIXES = (".md", ".html", ".htm", ".txt")
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<article|<div|<p[\s>])", re.I)
_HTML_INSIDE = re.compile(rb"<(?:html|body|head|article|div|p)[\s>]", re.I)


def sniff_reader(name: str | Path, data: bytes) -> str:
    """The reader for a file, from its suffix and its first bytes."""
    suffix = Path(name).suffix.lower()
    head = data[:4096].removeprefix(codecs.BOM_UTF8)
    if suffix == ".md" and head.lstrip().startswith(b"###"):
        return "mirror"
    if suffix in (".html", ".htm") or _HTML_START.match(head):
        return "html"
    if suffix != ".txt" and len(_HTML_INSIDE.findall(head)) >= 3:
        return "html"
    return "text"


def read_path(path: Path, reader: str | None = None) -> Document:
    """Read one article file with the named reader, or the one :func:`sniff_reader` picks."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableFileError(path, f"file too large ({size // (1024 * 1024)} MB, the limit is 64 MB)",
                                      "an article file is a few hundred kB at most")
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableFileError(path, f"cannot read the file ({error.strerror or error})") from None
    read = readers.get(reader or sniff_reader(path, data))
    return read(data, str(path))


def iter_input_files(paths: Iterable[Path | str]) -> list[Path]:
    """Article files among ``paths``, folders searched recursively, sorted and without repeats.

    Only .md, .html, .htm and .txt files count; in folders, hidden files and README files
    (a corpus's description, not an article) are skipped.
    """
    found: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in path.rglob("*"):
                relative = child.relative_to(path).parts
                if (child.is_file() and child.suffix.lower() in INPUT_SUFFIXES
                        and not any(part.startswith(".") for part in relative)
                        and child.stem.upper() != "README"):
                    found.add(child)
        elif path.is_file():
            if path.suffix.lower() in INPUT_SUFFIXES:
                found.add(path)
        else:
            raise UnreadableFileError(path, "no such file or folder")
    return sorted(found)


__all__ = ["readers", "read_path", "iter_input_files", "sniff_reader", "MAX_BYTES", "INPUT_SUFFIXES"]
