"""Read one predicate of every graph at once.

Oxigraph answers a single triple pattern across all graphs in milliseconds, but joins
inside ``GRAPH ?g { ... }`` cost seconds on the corpus store, so resolution reads one
predicate at a time and joins in Python dictionaries.

>>> from kg.store import GraphStore
>>> store = GraphStore()
>>> store.put_ntriples("https://example.org/g", '<https://example.org/s> <http://schema.org/name> "名"@zh-hans .')
>>> [(g[-1], s[-1], o.value, o.language) for g, s, o in scan(store, "schema:name")]
[('g', 's', '名', 'zh-hans')]
"""
from __future__ import annotations

from typing import Iterator

import pyoxigraph as ox

from ..store import GraphStore


def scan(store: GraphStore, predicate: str, obj: str | None = None) -> Iterator[tuple[str, str, ox.Literal | ox.NamedNode]]:
    """(graph, subject, object) of every quad with ``predicate`` (a prefixed name), optionally one object."""
    where = f"GRAPH ?g {{ ?s {predicate} {obj or '?o'} }}"
    for solution in store.query(f"SELECT ?g ?s ?o WHERE {{ {where} }}" if obj is None else f"SELECT ?g ?s WHERE {{ {where} }}"):
        yield solution["g"].value, solution["s"].value, (solution["o"] if obj is None else None)
