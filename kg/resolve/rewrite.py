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

from collections import defaultdict

from ..rdf import iris
from ..store import FLUSH_TRIPLES, GraphStore
from ..vocab import KG, ORG, SDO
from .scan import scan

_CONFIDENCE, _COUNT = f"<{KG.confidence}>", f"<{KG.mentionCount}>"
# Properties the shapes allow once per node (kg:layer and names may repeat), in N-Triples form.
_SINGLE = {f"<{p}>" for p in (KG.confidence, KG.mentionCount, KG.asOf, KG.postModifier, KG.iso3166Code, KG.inCaption,
                              KG.accreditedTo, ORG.postIn, ORG.role, SDO.startDate, SDO.eventAttendanceMode)}


def rewrite_graphs(store: GraphStore, renames: dict[str, dict[str, str]], batch: int = 64) -> int:
    """Apply ``{graph: {old IRI: new IRI}}``; returns how many graphs were written.

    The map of a graph names every resolved node in it, unchanged ones too (IRI to
    itself), so that two nodes becoming one can be told from a plain renaming.

    Only the triples that change are sent, as DELETE DATA and INSERT DATA: replacing whole
    graphs made the store parse and buffer every triple of most of the corpus again (45 s
    and 1.2 GB for 559 articles). Graphs are written ``batch`` at a time, each batch one
    transaction. A run stopped half way leaves some graphs renamed and some not; the next
    run renames the rest, since the surfaces, not the IRIs, decide.
    """
    deletes: list[str] = []
    inserts: list[str] = []
    written = pending = unflushed = 0
    for graph in sorted(renames):
        if any(k != v for k, v in renames[graph].items()):
            old, new = _changes(store, graph, renames[graph])
            if old or new:
                deletes.append(f"GRAPH <{graph}> {{\n{old}\n}}")
                inserts.append(f"GRAPH <{graph}> {{\n{new}\n}}")
                written += 1
                pending += 1
                unflushed += old.count("\n") + new.count("\n") + 2
        if pending >= batch:
            store.update_data(deletes, inserts)
            deletes, inserts, pending = [], [], 0
            if unflushed >= FLUSH_TRIPLES:  # Oxigraph holds written data in memory until flushed
                store.flush()
                unflushed = 0
    store.update_data(deletes, inserts)
    return written


def _changes(store: GraphStore, graph: str, full_map: dict[str, str]) -> tuple[str, str]:
    """The triples of ``graph`` that renaming changes, before and after, as N-Triples.

    Only the triples that can change are read, from the store's indexes: those of a node
    renamed or merged into (then its single-valued properties are folded), and those whose
    object is renamed. Reading whole graphs cost two thirds of resolution at 10,000 articles.
    """
    renamed = {k: v for k, v in full_map.items() if k != v}
    targets = set(renamed.values())
    moved = {k for k, v in full_map.items() if v in targets}  # renamed, or merged into
    rename = {f"<{k}>": f"<{v}>" for k, v in renamed.items()}  # as the terms are written
    before: set[str] = set()
    after: set[str] = set()
    merged_into: dict[str, set[str]] = defaultdict(set)  # new subject -> old subjects
    single: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for old, p, o in sorted(store.triples_touching(graph, moved, renamed)):
        before.add(f"{old} {p} {o} .")
        s = rename.get(old, old)
        o = rename.get(o, o)
        merged_into[s].add(old)
        if p in _SINGLE and old[1:-1] in moved:
            single[(s, p)].append((old, o))
        else:
            after.add(f"{s} {p} {o} .")
    for (s, p), values in single.items():
        chosen = [_fold(p, values)] if len(merged_into[s]) > 1 else [v for _, v in values]
        after.update(f"{s} {p} {o} ." for o in chosen)
    return "\n".join(sorted(before - after)), "\n".join(sorted(after - before))


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
