"""Positions for graphs too big to lay out in the browser.

vis-network's physics needs tens of seconds for a few thousand nodes, so large graphs are
laid out here, once: a force layout (networkx, fixed seed) of the best-connected nodes
only, spread evenly over a disc, then every other node is set in a sunflower pattern
around its best-ranked placed neighbour. That costs O(nodes + edges) beyond the small
force layout, gives every node (drawn or not) a position, and comes out the same for the
same graph.
"""
from __future__ import annotations

import math
from typing import Hashable, Sequence

import networkx as nx

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
NODE_SPACING = 50  # pixels between neighbours in a sunflower: room for a dot and a short label
HUBS = 300  # force layout only for these: the dense networkx algorithm is O(n²) per step


def rank(graph: nx.Graph) -> list[Hashable]:
    """Nodes by degree, highest first; ties by node id, so the order is stable.

    >>> rank(nx.Graph([("a", "b"), ("b", "c")]))
    ['b', 'a', 'c']
    """
    return sorted(graph, key=lambda n: (-graph.degree(n), str(n)))


def sunflower(centre: tuple[float, float], k: int, start: float = NODE_SPACING) -> tuple[float, float]:
    """The ``k``-th seat around ``centre``: seats fill a disc evenly, without overlapping.

    >>> sunflower((0, 0), 0, start=10)
    (10.0, 0.0)
    >>> [round(math.dist((0, 0), sunflower((0, 0), k, start=10))) for k in (1, 4, 16)]
    [60, 110, 210]
    """
    radius = start + NODE_SPACING * math.sqrt(k)
    angle = k * GOLDEN_ANGLE
    return centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle)


def even_out(points: dict, scale: float) -> dict:
    """Keep each point's direction from the centre but spread the distances evenly over a disc
    of radius ``scale``: force layouts crowd well-connected hubs into the middle.

    >>> even_out({"a": (0.0, 0.1), "b": (0.0, -0.2), "c": (3.0, 0.0), "d": (-9.0, 0.0)}, 100)
    {'a': (0.0, 50.0), 'b': (0.0, -70.7), 'c': (86.6, 0.0), 'd': (-100.0, 0.0)}
    """
    by_distance = sorted(points, key=lambda n: (math.hypot(*points[n]), str(n)))
    spread = {}
    for i, n in enumerate(by_distance, 1):
        x, y = points[n]
        radius, length = scale * math.sqrt(i / len(by_distance)), math.hypot(x, y) or 1.0
        spread[n] = (round(x / length * radius, 1), round(y / length * radius, 1))
    return spread


def hub_positions(graph: nx.Graph, hubs: Sequence[Hashable], scale: float, seed: int) -> dict:
    """A force layout of the hubs alone (numpy, when installed), evened out over a disc."""
    sub = nx.Graph(graph.subgraph(hubs))
    try:
        raw = nx.spring_layout(sub, seed=seed, iterations=80)
    except ImportError:  # networkx layouts need numpy, which is optional for newskg: a spiral by rank
        raw = {n: sunflower((0.0, 0.0), i, start=1.0) for i, n in enumerate(hubs)}
    return even_out({n: (float(raw[n][0]), float(raw[n][1])) for n in hubs}, scale)


def precomputed_layout(graph: nx.Graph, order: Sequence[Hashable] | None = None, *,
                       hubs: int = HUBS, seed: int = 7) -> dict[Hashable, tuple[int, int]]:
    """Integer positions for every node of ``graph`` (undirected view), hubs first.

    >>> g = nx.star_graph(5)
    >>> pos = precomputed_layout(g, hubs=1)
    >>> sorted(pos) == list(g), pos[0]
    (True, (0, 0))
    >>> precomputed_layout(g, hubs=1) == pos
    True
    """
    order = list(order) if order is not None else rank(graph)
    position = {n: i for i, n in enumerate(order)}
    scale = NODE_SPACING * 1.2 * math.sqrt(len(order))
    placed = hub_positions(graph, order[:hubs], scale, seed)
    seats: dict[Hashable, int] = {}  # how many satellites each placed node has
    outer = 0
    remaining = [n for n in order if n not in placed]
    while remaining:
        waiting = []
        for node in remaining:  # in rank order, so a node sits by its most important neighbour
            anchors = [m for m in graph.neighbors(node) if m in placed]
            if not anchors:
                waiting.append(node)
                continue
            anchor = min(anchors, key=position.__getitem__)
            k = seats[anchor] = seats.get(anchor, 0) + 1
            placed[node] = sunflower(placed[anchor], k - 1)
        if len(waiting) == len(remaining):  # a component with no hub: start it outside the rest
            placed[waiting[0]] = sunflower((0.0, 0.0), outer, start=scale * 1.15)
            outer += 1
            waiting = waiting[1:]
        remaining = waiting
    return {n: (round(x), round(y)) for n, (x, y) in placed.items()}
