"""Say where a SPARQL query is malformed: "line L, column C", the line itself and a caret.

Oxigraph's parser reports ``error at L:C`` (1-based line and column, columns counted in
characters) and a long list of every token it would have accepted. We keep the position,
shorten the list and show the offending line. Oxigraph's position is the furthest point
it reached, which for an unclosed group or a broken ``FILTER(…)`` is the end of the text;
then, or when a message has no position at all, rdflib's parser (another implementation
of the grammar) is asked where the broken part starts, and its answer is used if earlier.

>>> import pyoxigraph as ox
>>> text = "SELECT ?x\\nWHERE { ?x ?p }"
>>> try:
...     ox.Store().query(text)
... except SyntaxError as error:
...     print(parse_error_position(error))
...     print(describe_syntax_error(text, error))
(2, 16)
line 2, column 9: expected one of LATERAL, SERVICE
  WHERE { ?x ?p }
          ^

>>> text = "SELECT *\\nWHERE {\\n  ?s ?p ?o FILTER(?o = ) }\\n"
>>> try:
...     ox.Store().query(text)
... except SyntaxError as error:
...     print(describe_syntax_error(text, error).splitlines()[0][:19])
line 3, column 12: 
"""
from __future__ import annotations

import re

from .errors import QueryError

_POSITION = re.compile(r"\bat (?:line )?(\d+)(?::|, column |, col )(\d+)")
_EXPECTED_SHOWN = 12  # Oxigraph lists every acceptable token; a dozen is enough to be useful


def parse_error_position(error: BaseException | str) -> tuple[int, int] | None:
    """``(line, column)``, both from 1, from a parser's error message; None if it has none.

    >>> parse_error_position("error at 3:7: expected one of ABS, AVG")
    (3, 7)
    >>> parse_error_position("Expected SelectQuery, found 'x'  (at char 5), (line:1, col:6)") is None
    True
    """
    match = _POSITION.search(str(error))
    return (int(match.group(1)), int(match.group(2))) if match else None


def _rdflib_position(query: str) -> tuple[int, int] | None:
    """Where rdflib's SPARQL parser gives up, as a fallback for messages without a position."""
    try:
        from pyparsing import ParseException
        from rdflib.plugins.sparql.parser import parseQuery
    except ImportError:  # pragma: no cover - rdflib is a dependency
        return None
    try:
        parseQuery(query)
    except ParseException as error:
        return error.lineno, error.col
    except Exception:  # noqa: BLE001 - any other failure just means "no position"
        return None
    return None


def _at_end(query: str, position: tuple[int, int]) -> bool:
    """Whether only blanks follow ``position`` in ``query``.

    >>> _at_end("SELECT\\n  x  \\n", (2, 4)), _at_end("SELECT\\n  x  \\n", (2, 3))
    (True, False)
    """
    line, column = position
    lines = query.splitlines(keepends=True)
    offset = sum(len(text) for text in lines[: line - 1]) + column - 1
    return not query[offset:].strip()


def _short_reason(message: str) -> str:
    """The message without its position prefix and with a readable list of expected tokens.

    Oxigraph lists character classes (``['A' ..= 'Z' | …]``) among the tokens; they say
    nothing to a reader, so they are dropped, and long lists are cut.

    >>> _short_reason("error at 1:9: expected one of " + ", ".join(f"T{i}" for i in range(20)))
    'expected one of T0, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, … (8 more)'
    >>> _short_reason("error at 1:29: expected one of Prefix not found, ['%'], [':']")
    'undeclared prefix: declare it with PREFIX or write the full IRI in <…>'
    """
    reason = re.sub(r"^error at \d+:\d+:\s*", "", message.strip())
    if "Prefix not found" in reason:
        return "undeclared prefix: declare it with PREFIX or write the full IRI in <…>"
    prefix = "expected one of "
    if not reason.startswith(prefix):
        return " ".join(reason.split())
    body = re.sub(r"\[[^\]]*(?:'\]'[^\]]*)*\]", "[…]", reason[len(prefix):])  # character classes
    tokens = [t.strip() for t in re.findall(r'"(?:[^"\\]|\\.)*"|[^,]+', body) if t.strip() not in ("", "[…]")]
    shown = tokens[:_EXPECTED_SHOWN]
    more = f", … ({len(tokens) - len(shown)} more)" if len(tokens) > len(shown) else ""
    return prefix + ", ".join(shown) + more if shown else "unexpected character"


def describe_syntax_error(query: str, error: BaseException | str) -> str:
    """``line L, column C: reason`` and the offending line with a caret under the column.

    >>> print(describe_syntax_error("SELECT *\\nWHERE { ?s ?p ?o } LIMIT x", "error at 2:26: expected INTEGER"))
    line 2, column 26: expected INTEGER
      WHERE { ?s ?p ?o } LIMIT x
                               ^
    """
    position = parse_error_position(error)
    if position is None or _at_end(query, position):
        # Oxigraph names the furthest point it reached, which for a broken FILTER(…) or an
        # unclosed group is the end of the text; rdflib names where the construct starts.
        other = _rdflib_position(query)
        if other is not None and (position is None or other < position):
            position = other
    reason = _short_reason(str(error))
    if position is None:
        return reason
    line, column = position
    lines = query.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    caret = " " * (max(1, min(column, len(text) + 1)) - 1) + "^"
    return f"line {line}, column {column}: {reason}\n  {text}\n  {caret}"


def query_error(query: str, error: BaseException) -> QueryError:
    """The :class:`QueryError` to raise for a parser's ``SyntaxError`` on ``query``.

    >>> str(query_error("SELEC ?x", SyntaxError("error at 1:1: expected SELECT"))).splitlines()[0]
    'the SPARQL query is malformed at line 1, column 1: expected SELECT'
    """
    description = describe_syntax_error(query, error)
    if description.startswith("line "):
        return QueryError("the SPARQL query is malformed at " + description)
    return QueryError(f"the SPARQL query is malformed: {description}")
