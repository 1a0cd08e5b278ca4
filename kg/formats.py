r"""More ways to print SELECT answers: TSV (the W3C SPARQL results format) and Markdown.

Both take the variables and rows of a :class:`kg.query.QueryAnswer` (rows of pyoxigraph
terms, ``None`` where a variable is unbound), so ``kg.query.format_results`` can hand them
over as they are.

TSV follows "SPARQL 1.1 Query Results CSV and TSV Formats": a ``?var`` header and every
term in N-Triples syntax, so IRIs, language tags and datatypes survive and a tab or a
newline inside a value is escaped, never a broken row. Integers, decimals and booleans are
written bare, as Turtle allows. (CSV, already there, gives plain lexical values.)

>>> import pyoxigraph as ox
>>> rows = [(ox.NamedNode("https://w3id.org/newskg/id/country/US"), ox.Literal("美国", language="zh-hans"), ox.Literal(2)),
...         (ox.NamedNode("https://w3id.org/newskg/id/country/JP"), ox.Literal("a|b\tc"), None)]
>>> print(format_tsv(("c", "name", "n"), rows).replace("\t", " ⇥ "), end="")
?c ⇥ ?name ⇥ ?n
<https://w3id.org/newskg/id/country/US> ⇥ "美国"@zh-hans ⇥ 2
<https://w3id.org/newskg/id/country/JP> ⇥ "a|b\tc" ⇥ 
>>> print(format_markdown(("c", "name", "n"), rows[:1] + [(None, ox.Literal("a|b"), None)]), end="")
| c | name | n |
|---|---|---|
| https://w3id.org/newskg/id/country/US | 美国 | 2 |
|  | a\|b |  |
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

import pyoxigraph as ox

Rows = Sequence[Sequence["ox.NamedNode | ox.Literal | ox.BlankNode | None"]]

_XSD = "http://www.w3.org/2001/XMLSchema#"
# Turtle's bare forms; anything else (e.g. "+1" or " 2") stays quoted so it round-trips exactly.
_BARE = {_XSD + "integer": re.compile(r"[+-]?\d+"), _XSD + "decimal": re.compile(r"[+-]?\d*\.\d+"),
         _XSD + "boolean": re.compile(r"true|false")}


def tsv_term(term) -> str:
    """One RDF term in the TSV results format; an unbound variable is the empty string.

    >>> tsv_term(ox.Literal("1.50", datatype=ox.NamedNode(_XSD + "decimal"))), tsv_term(ox.Literal(True))
    ('1.50', 'true')
    >>> tsv_term(ox.Literal("2020-10", datatype=ox.NamedNode(_XSD + "gYearMonth")))
    '"2020-10"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    """
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and term.datatype is not None:
        bare = _BARE.get(term.datatype.value)
        if bare is not None and bare.fullmatch(term.value):
            return term.value
    return str(term)  # pyoxigraph prints N-Triples: quotes, \t, \n and \\ escaped


def format_tsv(variables: Sequence[str], rows: Rows) -> str:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(tsv_term(t) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


def markdown_cell(term) -> str:
    """The lexical value, made safe for a table cell: ``|`` escaped, line breaks as ``<br>``.

    >>> markdown_cell(ox.Literal("第一行\\n第二行 | 注"))
    '第一行<br>第二行 \\\\| 注'
    """
    if term is None:
        return ""
    text = term.value.replace("\\", "\\\\").replace("|", "\\|")
    return re.sub(r"\r\n|\r|\n", "<br>", text)


def format_markdown(variables: Sequence[str], rows: Rows) -> str:
    """A GitHub-flavoured Markdown table (paste it into an issue or a report)."""
    lines = ["| " + " | ".join(variables) + " |", "|" + "---|" * len(variables)]
    lines += ["| " + " | ".join(markdown_cell(t) for t in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# What kg.query.format_results can look formats up in: name -> (variables, rows) -> text.
FORMATTERS: dict[str, Callable[[Sequence[str], Rows], str]] = {"tsv": format_tsv, "markdown": format_markdown}
