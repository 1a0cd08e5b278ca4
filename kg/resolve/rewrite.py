"""Give the nodes of article graphs their canonical IRIs, one atomic update per graph.

Only graphs with a node to rename are read and written back. A rename replaces the IRI
wherever it stands (subject or object), so statements, posts and article links follow.
When two nodes of one graph become one (an article naming a person twice, two ways), the
properties the shapes allow once per node are folded: the highest kg:confidence, the sum
of kg:mentionCount, and for the rest the first value in N-Triples order, so the result does
not depend on the order triples come in.

>>> from kg.store import GraphStore
>>> store = GraphStore()
>>> store.put_ntriples("https://example.org/g", '''
... <https://example.org/a> <https://w3id.org/newskg/ontology#confidence> "0.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .
... <https://example.org/b> <https://w3id.org/newskg/ontology#confidence> "0.9"^^<http://www.w3.org/2001/XMLSchema#decimal> .
... <https://example.org/x> <http://schema.org/mentions> <https://example.org/b> .''')
>>> rewrite_graphs(store, {"https://example.org/g": {"https://example.org/a": "https://example.org/a",
...                                                  "https://example.org/b": "https://example.org/a"}})
1
>>> sorted(r["o"] for r in store.select("SELECT ?o WHERE { ?s ?p ?o }"))
['0.9', 'https://example.org/a']
"""
from __future__ import annotations

import io
import re
from collections import defaultdict

import pyoxigraph as ox

from ..rdf import iris
from ..store import GraphStore
from ..vocab import KG, ORG, SDO
from .scan import scan

_CONFIDENCE, _COUNT = f"<{KG.confidence}>", f"<{KG.mentionCount}>"
# Properties the shapes allow once per node (kg:layer and names may repeat), in N-Triples form.
_SINGLE = {f"<{p}>" for p in (KG.confidence, KG.mentionCount, KG.asOf, KG.postModifier, KG.iso3166Code, KG.inCaption,
                              KG.accreditedTo, ORG.postIn, ORG.role, SDO.startDate, SDO.eventAttendanceMode)}


def rewrite_graphs(store: GraphStore, renames: dict[str, dict[str, str]], batch: int = 32) -> int:
    """Apply ``{graph: {old IRI: new IRI}}``; returns how many graphs were written.

    The map of a graph names every resolved node in it, unchanged ones too (IRI to
    itself), so that two nodes becoming one can be told from a plain renaming.

    Graphs are written ``batch`` at a time, each batch one transaction. A run stopped half
    way leaves some graphs renamed and some not; the next run renames the rest, since the
    surfaces, not the IRIs, decide.
    """
    pending: list[tuple[str, str]] = []
    written = 0
    for graph in sorted(renames):
        mapping = {k: v for k, v in renames[graph].items() if k != v}
        if mapping:
            # nodes that become one need their single-valued properties folded; others need only new names
            merging = len(set(renames[graph].values())) < len(renames[graph])
            pending.append((graph, (_renamed if merging else _relabelled)(store, graph, mapping)))
            written += 1
        if len(pending) >= batch:
            store.replace_graphs(pending)
            pending = []
    store.replace_graphs(pending)
    return written


def _ntriples(store: GraphStore, graph: str) -> str:
    out = io.BytesIO()
    store.dump(out, ox.RdfFormat.N_TRIPLES, from_graph=graph)
    return out.getvalue().decode("utf-8")


def _relabelled(store: GraphStore, graph: str, mapping: dict[str, str]) -> str:
    """The graph's N-Triples with IRIs replaced as text (no two nodes become one)."""
    rename = {f"<{k}>": f"<{v}>" for k, v in mapping.items()}
    pattern = re.compile("|".join(map(re.escape, sorted(rename, key=len, reverse=True))))
    return pattern.sub(lambda m: rename[m.group(0)], _ntriples(store, graph))


def _renamed(store: GraphStore, graph: str, mapping: dict[str, str]) -> str:
    """The graph's N-Triples with IRIs renamed and merged nodes' properties folded, worked on
    as text: subject and predicate are always the first two IRIs of a line."""
    rename = {f"<{k}>": f"<{v}>" for k, v in mapping.items()}
    lines: set[str] = set()
    merged_into: dict[str, set[str]] = defaultdict(set)  # new subject -> old subjects
    single: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for line in _ntriples(store, graph).splitlines():
        if not line:
            continue
        s_end = line.index("> ") + 1
        p_end = line.index("> ", s_end + 1) + 1
        old, p, o = line[:s_end], line[s_end + 1 : p_end], line[p_end + 1 : -2]
        s = rename.get(old, old)
        o = rename.get(o, o)
        merged_into[s].add(old)
        if p in _SINGLE:
            single[(s, p)].append((old, o))
        else:
            lines.add(f"{s} {p} {o} .")
    for (s, p), values in single.items():
        chosen = [_fold(p, values)] if len(merged_into[s]) > 1 else [v for _, v in values]
        lines.update(f"{s} {p} {o} ." for o in chosen)
    return "\n".join(sorted(lines))


def _fold(predicate: str, values: list[tuple[str, str]]) -> str:
    """One value (N-Triples text) from those of the nodes merged into one."""
    if predicate == _CONFIDENCE:
        return max((v for _, v in values), key=lambda v: float(v.split('"')[1]))
    if predicate == _COUNT:
        per_node: dict[str, int] = {}
        for old, v in values:
            per_node[old] = max(per_node.get(old, 0), int(v.split('"')[1]))
        return f'"{sum(per_node.values())}"^^<http://www.w3.org/2001/XMLSchema#integer>'
    return min(v for _, v in values)


def post_renames(store: GraphStore, key_of: dict[tuple[str, str], str]) -> dict[str, dict[str, str]]:
    """New IRIs of posts, made as the mapping makes them but from the holders' canonical keys.

    ``key_of`` maps (graph, entity node) to the representative key of the node's cluster.
    """
    parts: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for predicate, slot in (("org:heldBy", "holder"), ("org:postIn", "of"), ("kg:accreditedTo", "to")):
        for g, post, node in scan(store, predicate):
            parts[(g, post)][slot] = key_of.get((g, node.value), "")
    for g, node, label in scan(store, "rdfs:label"):
        if (g, node) in parts:
            parts[(g, node)]["title"] = label.value
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for (g, post), p in parts.items():
        if p.get("holder") and "title" in p:
            out[g][post] = str(iris.post_iri(p["holder"], p["title"], p.get("of") or None, p.get("to") or None))
    return out
