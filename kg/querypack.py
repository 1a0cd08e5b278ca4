"""The query pack: named, documented SPARQL queries with parameters (``kg/queries/*.rq``).

Each ``.rq`` file starts with a header of comments::

    # title: Who attended what
    # description: Events with their attendees…
    #   (continuation lines are indented)
    # param person = "": part of an attendee's name; empty lists every attendee

Parameters are bound through Oxigraph's ``substitutions``: a value becomes an RDF literal
before evaluation and is never pasted into the query text, so quotes, ``}`` or ``#`` in a
value are just characters to match. Two rules for writing pack queries follow from how
Oxigraph substitutes (checked in tests/test_querypack.py):

* every parameter variable must be in the SELECT projection (Oxigraph refuses to
  substitute any other); :func:`run_named` drops those columns from the answer;
* every parameter is always bound (to its default when not given), and "no filter" is the
  empty string: write ``FILTER(?p = "" || …)``, never ``BOUND(?p)``, which Oxigraph's
  optimiser decides before the substitution is applied.

>>> [q.name for q in list_queries()][:3]
['commitments-by-kind-and-topic', 'entities-merged-across-articles', 'events-by-country-and-date-range']
>>> load_query("meetings-between-countries").params
{'country_a': 'US', 'country_b': 'JP'}
>>> parse_params(["country_a=中国", "topic=a=b"])
{'country_a': '中国', 'topic': 'a=b'}
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Mapping

import pyoxigraph as ox

from .errors import QueryError, UnknownNameError, UsageError
from .query import QueryAnswer
from .sparql_errors import query_error
from .store import GraphStore

_PARAM = re.compile(r'param\s+(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<default>"[^"]*"|[^\s:]*)\s*(?::\s*(?P<help>.*))?$')


@dataclass(frozen=True)
class QueryInfo:
    name: str
    title: str
    description: str
    params: dict[str, str]  # name -> default ("" means: do not filter on it)
    text: str
    param_help: dict[str, str] = field(default_factory=dict)


def _pack_files() -> dict[str, str]:
    folder = resources.files("kg") / "queries"
    return {entry.name[:-3]: entry.read_text(encoding="utf-8")
            for entry in folder.iterdir() if entry.name.endswith(".rq")}


def parse_header(name: str, text: str) -> QueryInfo:
    """Read the comment header of a query file.

    >>> info = parse_header("q", '# title: T\\n# description: one\\n#   two\\n# param x = "": the x\\nSELECT ?x {}')
    >>> info.title, info.description, info.params, info.param_help
    ('T', 'one two', {'x': ''}, {'x': 'the x'})
    """
    fields: dict[str, str] = {}
    params: dict[str, str] = {}
    helps: dict[str, str] = {}
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:]
        if body.startswith("  ") and last is not None:  # continuation of the previous field
            fields[last] += " " + body.strip()
            continue
        body = body.strip()
        match = _PARAM.match(body)
        if match:
            default = match["default"]
            params[match["name"]] = default[1:-1] if default.startswith('"') else default
            helps[match["name"]] = (match["help"] or "").strip()
            last = None
        elif ":" in body:
            key, _, value = body.partition(":")
            last = key.strip().lower()
            fields[last] = value.strip()
    if "title" not in fields:
        raise QueryError(f"query {name!r} has no '# title:' line in its header")
    return QueryInfo(name, fields["title"], fields.get("description", ""), params, text, helps)


def list_queries() -> list[QueryInfo]:
    return [parse_header(name, text) for name, text in sorted(_pack_files().items())]


def load_query(name: str) -> QueryInfo:
    """A query of the pack by name, or any ``.rq`` file with the same kind of header."""
    if name.endswith(".rq") and Path(name).is_file():
        return parse_header(Path(name).stem, Path(name).read_text(encoding="utf-8"))
    files = _pack_files()
    if name not in files:
        raise UnknownNameError("query", name, list(files))
    return parse_header(name, files[name])


def parse_params(pairs: Iterable[str]) -> dict[str, str]:
    """``k=v`` strings from the command line; the value is everything after the first ``=``."""
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param takes NAME=VALUE, not {pair!r}")
        params[key.strip()] = value
    return params


def bind(info: QueryInfo, given: Mapping[str, str]) -> dict[str, str]:
    """Every parameter's value: the given one, else the default. Unknown names are an error."""
    unknown = sorted(set(given) - set(info.params))
    if unknown:
        known = ", ".join(info.params) or "none"
        raise UsageError(f"query {info.name!r} has no parameter {unknown[0]!r}; its parameters: {known}")
    return {k: str(given.get(k, default)) for k, default in info.params.items()}


def run_named(store: GraphStore, name: str, params: Mapping[str, str] | None = None) -> QueryAnswer:
    """Run a pack query with its parameters bound as literals; parameter columns are dropped."""
    info = load_query(name)
    values = bind(info, params or {})
    try:
        result = store.query(info.text, substitutions=values)
    except QueryError as error:  # a syntax error: say where, whatever GraphStore.query said
        if isinstance(error.__cause__, SyntaxError):
            raise query_error(info.text, error.__cause__) from error.__cause__
        raise
    except (RuntimeError, OSError, ValueError) as error:  # evaluation errors
        raise QueryError(f"query {info.name!r} failed: {error}") from error
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"query {info.name!r} is not a SELECT query; pack queries must be")
    names = [v.value for v in result.variables]
    keep = [i for i, v in enumerate(names) if v not in values]
    rows = tuple(tuple(solution[i] for i in keep) for solution in result)
    return QueryAnswer("select", tuple(names[i] for i in keep), rows)


def render_list(queries: Iterable[QueryInfo]) -> str:
    """What ``kg query --list`` prints: name, title, description, parameters with defaults.

    >>> print(render_list([QueryInfo("q", "T", "What it does.", {"x": "", "n": "2"}, "", {"x": "the x"})]), end="")
    q: T
        What it does.
        --param x=…  (default: empty) the x
        --param n=…  (default: 2)
    """
    out = []
    for q in queries:
        out.append(f"{q.name}: {q.title}")
        if q.description:
            out += textwrap.wrap(q.description, 88, initial_indent="    ", subsequent_indent="    ")
        for param, default in q.params.items():
            help_text = q.param_help.get(param, "")
            out.append(f"    --param {param}=…  (default: {default or 'empty'}) {help_text}".rstrip())
    return "\n".join(out) + "\n"
