"""Union-find with cannot-links, shared by entity and event clustering.

Every component keeps a summary of its members (``Summary``: sets of tags by facet, such
as its articles or ISO codes); a union is refused when the two summaries together break a
constraint (two members of a not_same_as pair, two
events of one article, dates more than a day apart, two ISO codes). Refusing a union is
order-dependent, so callers feed edges in one fixed order (strongest evidence first, then
by member ids): the result is then a function of the *set* of surfaces only.

Accepted unions are kept as the spanning edges of each cluster: they are the evidence
written to the resolution graph.

>>> uf = UnionFind(["a", "b", "c"], lambda m: {"m": frozenset({m})}, lambda x, y: len(x["m"] | y["m"]) <= 2)
>>> uf.union("a", "b", "same_name", ("x",)), uf.union("b", "c", "same_name", ("y",))
(True, False)
>>> sorted(map(sorted, uf.clusters()))
[['a', 'b'], ['c']]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Generic, Hashable, Iterable, TypeVar

M = TypeVar("M", bound=Hashable)
Summary = dict[str, frozenset | set]  # facet -> tags (graphs, override sides, ISO codes ...) the checks look at
EMPTY: frozenset = frozenset()


def merged(a: Summary, b: Summary) -> Summary:
    """The summary of two components: the smaller set of each facet added to the larger.

    Sets made here (``set``, not ``frozenset``) belong to one root's summary and are grown in
    place; copying the larger one at every union made a cluster of n members (美国 in every
    article) cost n² in all.
    """
    out: Summary = {}
    for facet in a.keys() | b.keys():
        large, small = a.get(facet, EMPTY), b.get(facet, EMPTY)
        if len(large) < len(small):
            large, small = small, large
        if small:
            large = large if type(large) is set else set(large)
            large |= small
        out[facet] = large
    return out


@dataclass(frozen=True)
class Link(Generic[M]):
    """One accepted union: which two members, by which rule, on what shared evidence."""

    a: M
    b: M
    rule: str
    evidence: tuple  # shared names, countries, participants, dates


class UnionFind(Generic[M]):
    def __init__(self, members: Iterable[M], summary: Callable[[M], Summary],
                 allowed: Callable[[Summary, Summary], bool] = lambda x, y: True):
        self._parent: dict[M, M] = {m: m for m in members}
        # Summaries of the roots that took part in a union; a lone member's is made when asked
        # for, so memory follows the number of clusters, not of members (a third of a million
        # surfaces at 10,000 articles).
        self._summary: dict[M, Summary] = {}
        self._make_summary = summary
        self._allowed = allowed
        self.links: list[Link[M]] = []
        self.refused: list[Link[M]] = []

    def find(self, m: M) -> M:
        root = m
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[m] != root:  # path compression
            self._parent[m], m = root, self._parent[m]
        return root

    def summary(self, m: M) -> Summary:
        return self._summary_of(self.find(m))

    def _summary_of(self, root: M) -> Summary:
        found = self._summary.get(root)
        return found if found is not None else self._make_summary(root)

    def union(self, a: M, b: M, rule: str, evidence: tuple = (),
              also: Callable[[Summary, Summary], bool] | None = None) -> bool:
        """Join the components of ``a`` and ``b`` unless that breaks a constraint (or ``also``)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        sa, sb = self._summary_of(ra), self._summary_of(rb)
        if not self._allowed(sa, sb) or (also is not None and not also(sa, sb)):
            self.refused.append(Link(a, b, rule, evidence))
            return False
        keep, drop = (ra, rb) if len(sa.get("graph", ())) >= len(sb.get("graph", ())) else (rb, ra)
        self._parent[drop] = keep
        self._summary[keep] = merged(sa, sb)
        self._summary.pop(drop, None)
        self.links.append(Link(a, b, rule, evidence))
        return True

    def clusters(self) -> list[list[M]]:
        groups: dict[M, list[M]] = {}
        for m in self._parent:
            groups.setdefault(self.find(m), []).append(m)
        return list(groups.values())
