"""newskg: a knowledge graph of people, posts, events and commitments from news articles.

The model in four steps: a reader turns a file into a :class:`Document`; extraction
stages add facts to it (each with the character spans it came from); the document maps
to one named RDF graph; graphs go into a :class:`GraphStore` to be queried and exported.

>>> from kg import Document, to_graph
>>> from kg.facts import ArticleMeta
>>> doc = Document.from_blocks("x.txt", [], ArticleMeta(title="标题"), reader="text")
>>> len(to_graph(doc)) > 0
True
"""
from __future__ import annotations

from pathlib import Path

from .document import Document
from .errors import KgError
from .pipeline import Pipeline
from .rdf.mapping import document_graph as to_graph
from .settings import Settings
from .store import GraphStore

__version__ = "0.1.0"
__all__ = ["Document", "GraphStore", "KgError", "Pipeline", "Settings", "extract_facts", "read", "to_graph"]


def read(path: str | Path, reader: str | None = None) -> Document:
    """Read one article file (mirror Markdown, HTML page or plain text) into a Document."""
    from .readers import read_path

    return read_path(Path(path), reader)


def extract_facts(doc: Document, stages: tuple[str, ...] | None = None) -> Document:
    """Run the extraction stages (default: all built-in ones, in order) over ``doc``."""
    return Pipeline.from_names(stages or Settings().extractors)(doc)
