"""The interactive graph page and Gephi exports of a built store.

>>> from kg.store import GraphStore
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "graph.html"
>>> report = render_view(GraphStore(), out)
>>> report.nodes, report.edges, out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
(0, 0, True)
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from ..errors import KgError
from ..rdf.export import write_atomically
from ..store import GraphStore
from .graph import Evidence, build_graph, find_nodes, neighbourhood
from .page import render_html

__all__ = ["ViewReport", "FocusNotFoundError", "ViewOptionError", "render_view", "export_graphml", "export_gexf",
           "build_graph", "flat_graph"]


class FocusNotFoundError(KgError):
    """``--focus NAME`` matches no node of the graph."""

    exit_code = 2


class ViewOptionError(KgError):
    """A view option is out of range."""

    exit_code = 2


@dataclass(frozen=True)
class ViewReport:
    path: Path
    nodes: int  # nodes in the page's data (all of them searchable)
    edges: int
    drawn: int  # nodes drawn when the page opens (the best connected, at most max_nodes)
    bytes: int
    layout: str  # "physics" (laid out in the browser) or "precomputed" (in Python)
    focus: tuple[str, ...]  # labels of the nodes the view is centred on
    seconds: float


def render_view(store: GraphStore, out_path: Path | str, *, focus: str | None = None, depth: int = 2,
                max_nodes: int = 1500, graph: nx.MultiDiGraph | None = None) -> ViewReport:
    """Write the graph page to ``out_path``: one HTML file that needs no network.

    ``focus`` keeps only the neighbourhood (``depth`` steps) of the nodes named so (label,
    English name or alias, case-insensitive; else names containing it). ``graph``: the
    :func:`build_graph` of ``store`` if already made (it takes seconds on a corpus).
    """
    if depth < 0 or max_nodes < 1:
        raise ViewOptionError(f"--depth must be 0 or more and --max-nodes 1 or more (got {depth}, {max_nodes})")
    started = time.perf_counter()
    full = build_graph(store) if graph is None else graph
    graph, centre = full, None
    centres: list[str] = []
    if focus:
        centres = find_nodes(full, focus)
        if not centres:
            raise FocusNotFoundError(f"no node is named {focus!r}; try part of the Chinese or English name, "
                                     "or open the page without --focus and use its search box")
        graph = neighbourhood(full, centres, depth)
        centre = {"name": focus, "depth": depth, "centres": centres}
    page, stats = render_html(graph, full, max_nodes=max_nodes, focus=centre)
    data = page.encode("utf-8", errors="replace")
    path = write_atomically(Path(out_path), lambda out: out.write(data))
    return ViewReport(path, stats["nodes"], stats["edges"], stats["drawn"], len(data), stats["layout"],
                      tuple(full.nodes[c]["label"] for c in centres), time.perf_counter() - started)


def export_graphml(store: GraphStore, path: Path | str, *, graph: nx.MultiDiGraph | None = None) -> Path:
    """The graph for Gephi, yEd or Cytoscape: GraphML with string and number attributes."""
    flat = flat_graph(build_graph(store) if graph is None else graph)
    return write_atomically(Path(path), lambda out: nx.write_graphml(flat, out, encoding="utf-8"))


def export_gexf(store: GraphStore, path: Path | str, *, graph: nx.MultiDiGraph | None = None) -> Path:
    """The graph as GEXF 1.2, Gephi's own format."""
    flat = flat_graph(build_graph(store) if graph is None else graph)
    return write_atomically(Path(path), lambda out: nx.write_gexf(flat, out, encoding="utf-8"))


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are plain strings and numbers, as GraphML and GEXF need."""
    flat = nx.MultiDiGraph(name=graph.graph.get("name", "newskg"))
    titles = {n: d["title"] for n, d in graph.nodes(data=True) if d["kind"] == "article"}

    def text(evidence: tuple[Evidence, ...]) -> str:
        return "\n".join(f"{e.sentence} 〔{titles.get(e.article, e.article)}; {e.rule}〕" for e in evidence)

    for node, d in graph.nodes(data=True):
        flat.add_node(node, **{k: ("|".join(v) if isinstance(v, tuple) and k != "evidence" else v)
                               for k, v in d.items() if k != "evidence"}, evidence=text(d["evidence"]))
    for s, o, key, d in graph.edges(keys=True, data=True):
        flat.add_edge(s, o, key=key, relation=d["relation"], label=d["label"],
                      evidence=text(d["evidence"]), evidence_count=d["evidence_count"])
    return flat
