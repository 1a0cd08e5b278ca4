"""Run SPARQL on the store and format the answers: an aligned table, CSV or JSON.

>>> display_width("蓬佩奥 x")
8
>>> print(render_table(["name", "n"], [["蓬佩奥", "2"], ["Pompeo", "10"]]), end="")
name   | n
-------+---
蓬佩奥 | 2
Pompeo | 10
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass

import pyoxigraph as ox

from .formats import FORMATTERS
from .store import GraphStore


@dataclass(frozen=True)
class QueryAnswer:
    kind: str  # "select", "ask" or "graph"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[ox.NamedNode | ox.Literal | ox.BlankNode | None, ...], ...] = ()
    boolean: bool | None = None
    turtle: bytes = b""


def run_query(store: GraphStore, sparql: str) -> QueryAnswer:
    result = store.query(sparql)
    if isinstance(result, ox.QueryBoolean):
        return QueryAnswer("ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        rows = tuple(tuple(solution[v] for v in variables) for solution in result)
        return QueryAnswer("select", variables, rows)
    out = io.BytesIO()
    result.serialize(out, ox.RdfFormat.TURTLE)
    return QueryAnswer("graph", turtle=out.getvalue())


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def render_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = [" | ".join(_pad(h, w) for h, w in zip(header, widths)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"


def _lexical(term) -> str:
    return "" if term is None else term.value


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def format_results(answer: QueryAnswer, fmt: str = "table") -> str:
    if answer.kind == "graph":
        return answer.turtle.decode("utf-8")
    if answer.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": answer.boolean}) + "\n"
        return ("true" if answer.boolean else "false") + "\n"
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(answer.variables, row) if t is not None} for row in answer.rows]
        return json.dumps({"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1) + "\n"
    if fmt in FORMATTERS:  # tsv, markdown
        return FORMATTERS[fmt](answer.variables, answer.rows)
    rows = [[_lexical(t) for t in row] for row in answer.rows]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(answer.variables)
        writer.writerows(rows)
        return out.getvalue()
    return render_table(list(answer.variables), rows)
