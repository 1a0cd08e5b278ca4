"""Taking articles out of a store: ``kg remove ARTICLE... --out DIR``.

An article is named the way its user knows it: the file path given to ``kg build``, its
``kg:sourceFile``, its URL or its graph IRI. All named graphs go in one transaction, so a
failed or interrupted remove leaves the store as it was.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .build import finish
from .errors import InputError, UsageError
from .manifest import Manifest
from .rdf.iris import graph_iri
from .readers import read_path
from .settings import Settings
from .store import GraphStore


def remove_articles(store: GraphStore, articles: Iterable[str], settings: Settings) -> list[str]:
    """Remove articles, each named by graph IRI, URL, kg:sourceFile or file path; one transaction.

    Nothing is removed when any name matches no article (UsageError names them); then what
    remains is resolved again (:func:`finish`).
    """
    graphs: set[str] = set()
    unknown = []
    for name in articles:
        found = store.graphs_of_article(name) or _graphs_of_file(store, Path(name), settings)
        graphs.update(found)
        if not found:
            unknown.append(name)
    if unknown:
        raise UsageError(f"no article in the store matches {', '.join(map(repr, unknown))}; "
                         "name one by file path, kg:sourceFile, URL or graph IRI")
    store.remove_graphs(sorted(graphs))
    manifest = Manifest.for_store(store)
    manifest.forget_graphs(graphs)
    manifest.save()
    finish(store, settings)
    return sorted(graphs)


def _graphs_of_file(store: GraphStore, path: Path, settings: Settings) -> list[str]:
    """A file given by path: its article's graph (read to find its URL), else a unique kg:sourceFile suffix."""
    if path.is_file():
        try:
            doc = read_path(path, settings.reader)
            graph = str(graph_iri(doc.slug))
            if graph in store.graphs():
                return [graph]
        except InputError:
            pass
    whole = path.resolve().as_posix()
    matches = [g for g, (source, _) in store.article_index().items() if whole.endswith("/" + source)]
    return matches if len(matches) == 1 else []
