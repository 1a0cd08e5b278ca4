"""Send the store's named graphs to a remote triple store, then check what arrived.

Two ways in, both idempotent per graph, so pushing twice never duplicates and graphs we
do not send are never touched:

* ``gsp`` (default): SPARQL 1.1 Graph Store HTTP Protocol, one ``PUT ENDPOINT?graph=IRI``
  per article graph with an N-Triples body; PUT replaces the graph.
* ``update``: SPARQL 1.1 Update, ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> {…} }``
  for several graphs per request, for servers that only offer an update endpoint.

Afterwards the server's triple count per graph is asked from the query endpoint and
compared with ours. 5xx answers and connection failures are retried with exponential
back-off; 4xx answers are not (asking again will not help). Credentials come from the
environment (``KG_PUSH_TOKEN``, or ``KG_PUSH_USER`` and ``KG_PUSH_PASSWORD``) or from
``~/.netrc``, never from the command line, and are never logged nor put in a message.
Only the standard library speaks HTTP.

>>> endpoints("http://127.0.0.1:7878", "gsp")
Endpoints(write='http://127.0.0.1:7878/store', query='http://127.0.0.1:7878/query')
>>> endpoints("http://localhost:3030/ds/data", "gsp")
Endpoints(write='http://localhost:3030/ds/data', query='http://localhost:3030/ds/query')
>>> endpoints("http://127.0.0.1:7878/", "update", query="http://q.example/sparql")
Endpoints(write='http://127.0.0.1:7878/update', query='http://q.example/sparql')
>>> endpoints("http://store:7878", "gsp").write
'http://store:7878/store'
>>> endpoints("http://localhost:7200/repositories/kg/rdf-graphs/service", "gsp").query
'http://localhost:7200/repositories/kg'

"""
from __future__ import annotations

import base64
import http.client
import io
import json
import netrc
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Callable, Iterable, NamedTuple

import pyoxigraph as ox

from .errors import KgError, UsageError
from .store import GraphStore

MODES = ("gsp", "update")
# The last path segment of a URL that already is a write endpoint (Oxigraph /store and
# /update, Fuseki /data and /update, GraphDB …/statements and …/rdf-graphs/service).
_WRITE_SEGMENTS = {"store", "update", "data", "statements", "service"}
_MAX_UPDATE_BYTES = 8_000_000  # one update request stays well under common body limits


class PushError(KgError):
    """The remote store refused the data, or could not be reached after the retries."""

    exit_code = 8


class Endpoints(NamedTuple):
    write: str
    query: str


def endpoints(url: str, mode: str, query: str | None = None) -> Endpoints:
    """The write and query URLs from what the user gave (see the module examples)."""
    if mode not in MODES:
        raise UsageError(f"unknown push mode {mode!r}; known modes: {', '.join(MODES)}")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError("the endpoint must be an http:// or https:// URL")
    if parts.username or parts.password:  # never echo it: it holds a secret
        raise UsageError("put credentials in KG_PUSH_USER/KG_PUSH_PASSWORD, KG_PUSH_TOKEN or ~/.netrc, "
                         "not in the endpoint URL")
    base = url.rstrip("/")
    for suffix in ("/rdf-graphs/service", "/statements"):  # GraphDB / RDF4J: query at the repository
        if base.endswith(suffix):
            return Endpoints(base, query or base[: -len(suffix)])
    if parts.path.rstrip("/").rpartition("/")[2] in _WRITE_SEGMENTS:
        write, root = base, base.rpartition("/")[0]
    else:
        write, root = f"{base}/{'store' if mode == 'gsp' else 'update'}", base
    return Endpoints(write, query or f"{root}/query")


class Credentials:
    """An Authorization header value that never shows itself in a repr, a log or a message."""

    def __init__(self, header: str, source: str):
        self._header = header
        self.source = source  # where it came from, e.g. "KG_PUSH_TOKEN": safe to show

    def header(self) -> str:
        return self._header

    def __repr__(self) -> str:
        return f"Credentials(from {self.source})"

    __str__ = __repr__


def basic_credentials(user: str, password: str, source: str) -> Credentials:
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return Credentials(f"Basic {token}", source)


def credentials_from_env(url: str, environ: dict | None = None, netrc_file: str | None = None) -> Credentials | None:
    """Credentials for ``url``: KG_PUSH_TOKEN, else KG_PUSH_USER + KG_PUSH_PASSWORD, else ~/.netrc.

    >>> credentials_from_env("http://h/x", {"KG_PUSH_TOKEN": "s3cret"})
    Credentials(from KG_PUSH_TOKEN)
    >>> credentials_from_env("http://h/x", {}, netrc_file="/nonexistent") is None
    True
    """
    env = os.environ if environ is None else environ
    if env.get("KG_PUSH_TOKEN"):
        return Credentials(f"Bearer {env['KG_PUSH_TOKEN']}", "KG_PUSH_TOKEN")
    if env.get("KG_PUSH_USER"):
        if "KG_PUSH_PASSWORD" not in env:
            raise UsageError("KG_PUSH_USER is set but KG_PUSH_PASSWORD is not")
        return basic_credentials(env["KG_PUSH_USER"], env["KG_PUSH_PASSWORD"], "KG_PUSH_USER/KG_PUSH_PASSWORD")
    path = netrc_file or os.path.join(os.path.expanduser("~"), ".netrc")
    if not os.path.isfile(path):
        return None
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        entry = netrc.netrc(path).authenticators(host)
    except (netrc.NetrcParseError, OSError) as error:
        # NetrcParseError's text may quote the offending token, which can be a password.
        line = getattr(error, "lineno", None)
        raise UsageError(f"cannot read {path}" + (f" (line {line})" if line else "")
                         + ": check its syntax and that only you can read it (chmod 600)") from None
    if entry is None:
        return None
    login, _, password = entry
    return basic_credentials(login or "", password or "", f"{path} for {host}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Refuse redirects: urllib would resend our Authorization header to wherever they point."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise PushError(f"{req.get_method()} {_shown(req.full_url)} was redirected (HTTP {code}) to "
                        f"{_shown(newurl)}; give that URL as the endpoint")


_OPENER = urllib.request.build_opener(_NoRedirect)


def _shown(url: str) -> str:
    """A URL fit for messages: no user info, query string cut short."""
    parts = urllib.parse.urlsplit(url)
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "") if parts.hostname else parts.netloc
    query = parts.query if len(parts.query) <= 120 else parts.query[:117] + "..."
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, query, ""))


@dataclass
class _Http:
    credentials: Credentials | None
    retries: int
    backoff: float
    timeout: float
    log: Callable[[str], None]
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0
    retried: int = 0

    def send(self, method: str, url: str, body: bytes | None, content_type: str | None,
             accept: str | None = None) -> bytes:
        """One request, retried on 5xx and connection errors; the answer's body."""
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(url, data=body, method=method)
            if content_type:
                request.add_header("Content-Type", content_type)
            if accept:
                request.add_header("Accept", accept)
            if self.credentials is not None:
                request.add_unredirected_header("Authorization", self.credentials.header())
            self.requests += 1
            try:
                with _OPENER.open(request, timeout=self.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as error:
                try:
                    detail = error.read()[:300].decode("utf-8", "replace").strip()
                except OSError:
                    detail = ""
                problem = f"{method} {_shown(url)} failed: HTTP {error.code} {error.reason}" + (
                    f": {detail}" if detail else "")
                if error.code in (401, 403):
                    source = self.credentials.source if self.credentials else "none given"
                    raise PushError(f"{problem} (credentials: {source}); set KG_PUSH_USER and "
                                    "KG_PUSH_PASSWORD, or KG_PUSH_TOKEN, or a ~/.netrc entry") from None
                if error.code < 500:
                    raise PushError(problem) from None
            except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError) as error:
                reason = getattr(error, "reason", error)
                problem = f"{method} {_shown(url)} failed: {reason}"
            if attempt == self.retries:
                raise PushError(f"{problem} (gave up after {attempt + 1} attempts)")
            delay = self.backoff * 2 ** attempt
            self.retried += 1
            self.log(f"{problem}; retrying in {delay:g} s")
            self.sleep(delay)
        raise AssertionError("unreachable")


@dataclass
class PushReport:
    write_endpoint: str
    query_endpoint: str
    mode: str
    dry_run: bool
    graphs: int = 0
    triples: int = 0
    bytes: int = 0
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0
    planned: list[tuple[str, str, int]] = field(default_factory=list)  # (request, graph, triples)
    mismatches: list[tuple[str, int, int]] = field(default_factory=list)  # (graph, ours, theirs)
    verified: bool = False

    @property
    def ok(self) -> bool:
        return not self.mismatches


def _ntriples(store: GraphStore, graph: str) -> bytes:
    out = io.BytesIO()
    store.dump(out, ox.RdfFormat.N_TRIPLES, from_graph=graph)
    return out.getvalue()


def _batches(items: Iterable[tuple[str, bytes]], size: int) -> Iterable[list[tuple[str, bytes]]]:
    batch: list[tuple[str, bytes]] = []
    for item in items:
        if batch and (len(batch) >= size or sum(len(b) for _, b in batch) + len(item[1]) > _MAX_UPDATE_BYTES):
            yield batch
            batch = []
        batch.append(item)
    if batch:
        yield batch


def update_request(batch: list[tuple[str, bytes]]) -> bytes:
    """One SPARQL Update replacing each graph of the batch; N-Triples lines are valid triples.

    >>> print(update_request([("https://g/1", b'<https://s> <https://p> "o" .\\n')]).decode(), end="")
    DROP SILENT GRAPH <https://g/1> ;
    INSERT DATA { GRAPH <https://g/1> {
    <https://s> <https://p> "o" .
    } }
    """
    parts = [f"DROP SILENT GRAPH <{g}> ;\nINSERT DATA {{ GRAPH <{g}> {{\n".encode() + data + b"} }"
             for g, data in batch]
    return b" ;\n".join(parts) + b"\n"


def remote_counts(http: _Http, query_url: str, graphs: list[str], chunk: int = 200) -> dict[str, int]:
    """Triples per graph on the server, for our graphs only (VALUES keeps the count cheap)."""
    counts: dict[str, int] = {}
    for start in range(0, len(graphs), chunk):
        values = " ".join(f"<{g}>" for g in graphs[start:start + chunk])
        sparql = (f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} "
                  "GROUP BY ?g")
        body = urllib.parse.urlencode({"query": sparql}).encode()
        answer = http.send("POST", query_url, body, "application/x-www-form-urlencoded",
                           accept="application/sparql-results+json")
        for row in json.loads(answer)["results"]["bindings"]:
            counts[row["g"]["value"]] = int(row["n"]["value"])
    return counts


def push_store(store: GraphStore, endpoint: str, *, mode: str = "gsp", query_endpoint: str | None = None,
               batch_size: int = 25, dry_run: bool = False, credentials: Credentials | None = None,
               retries: int = 4, backoff: float = 1.0, timeout: float = 60.0, verify: bool = True,
               graphs: Iterable[str] | None = None, log: Callable[[str], None] | None = None,
               sleep: Callable[[float], None] = time.sleep) -> PushReport:
    """Push ``graphs`` (default: every named graph of ``store``) and compare the counts."""
    if batch_size < 1 or retries < 0:
        raise UsageError("--batch-size must be at least 1 and --retries at least 0")
    say = log or (lambda message: None)
    urls = endpoints(endpoint, mode, query_endpoint)
    report = PushReport(urls.write, urls.query, mode, dry_run)
    http = _Http(credentials, retries, backoff, timeout, say, sleep)
    names = list(graphs) if graphs is not None else store.graphs()
    local: dict[str, int] = {}
    started = time.perf_counter()

    def payloads() -> Iterable[tuple[str, bytes]]:
        for name in names:
            data = _ntriples(store, name)
            local[name] = data.count(b"\n")  # N-Triples: one triple a line, newlines escaped
            report.graphs += 1
            report.triples += local[name]
            report.bytes += len(data)
            yield name, data

    if mode == "gsp":
        for number, (name, data) in enumerate(payloads(), 1):
            url = f"{urls.write}?{urllib.parse.urlencode({'graph': name})}"
            report.planned.append((f"PUT {_shown(url)}", name, local[name]))
            say(f"{'would PUT' if dry_run else 'PUT'} {number}/{len(names)} <{name}>: {local[name]} triples")
            if not dry_run:
                http.send("PUT", url, data, "application/n-triples")
    else:
        for batch in _batches(payloads(), batch_size):
            for name, _ in batch:
                report.planned.append((f"POST {_shown(urls.write)}", name, local[name]))
            say(f"{'would POST' if dry_run else 'POST'} an update replacing {len(batch)} graphs "
                f"({report.graphs}/{len(names)} so far)")
            if not dry_run:
                http.send("POST", urls.write, update_request(batch), "application/sparql-update")
    if verify and not dry_run:
        theirs = remote_counts(http, urls.query, names)
        report.mismatches = [(g, n, theirs.get(g, 0)) for g, n in local.items() if theirs.get(g, 0) != n]
        report.verified = True
        say(f"verified {len(names)} graphs on the server: {len(report.mismatches)} differ")
    report.requests, report.retries = http.requests, http.retried
    report.seconds = time.perf_counter() - started
    return report
