"""`kg push`: retries, refusals, secrets kept out of logs, and real round trips to Oxigraph."""
from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kg.build import build
from kg.errors import UsageError
from kg.push import PushError, credentials_from_env, endpoints, push_store
from kg.rdf.mapping import document_graph
from kg.readers import iter_input_files
from kg.settings import Settings
from kg.store import GraphStore
from tests.factories import sample_document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PASSWORD = "pa55-W0RD-never-shown"


@pytest.fixture(scope="module")
def store() -> GraphStore:
    store = GraphStore()
    for n in (1, 2, 3):
        store.put_graph(document_graph(sample_document(f"https://news.example.org/a/{n}.html", f"a/{n}.md")))
    return store


# -- a fake Graph Store Protocol server in a thread ---------------------------------------
class FakeServer:
    """PUT ?graph= stores N-Triples lines; POST /query answers the count query from them."""

    def __init__(self, fail_first: int = 0, fail_status: int = 503, always: int | None = None, drop_one: bool = False):
        self.fail_first, self.fail_status, self.always, self.drop_one = fail_first, fail_status, always, drop_one
        self.requests: list[tuple[str, str, dict, bytes]] = []
        self.graphs: dict[str, set[bytes]] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def _answer(self, status: int, body: bytes = b"", content_type: str = "text/plain") -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _handle(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                server.requests.append((self.command, self.path, dict(self.headers), body))
                if server.always is not None:
                    return self._answer(server.always, b"no")
                if len(server.requests) <= server.fail_first:
                    return self._answer(server.fail_status, b"busy")
                url = urllib.parse.urlsplit(self.path)
                if self.command == "PUT" and url.path == "/store":
                    graph = urllib.parse.parse_qs(url.query)["graph"][0]
                    lines = {line for line in body.splitlines() if line.strip()}
                    if server.drop_one and not server.graphs:
                        lines.pop()
                    server.graphs[graph] = lines
                    return self._answer(204)
                if self.command == "POST" and url.path == "/query":
                    rows = [{"g": {"type": "uri", "value": g}, "n": {"type": "literal", "value": str(len(t))}}
                            for g, t in server.graphs.items()]
                    answer = {"head": {"vars": ["g", "n"]}, "results": {"bindings": rows}}
                    return self._answer(200, json.dumps(answer).encode(), "application/sparql-results+json")
                return self._answer(404, b"not here")

            do_PUT = do_POST = do_GET = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "FakeServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class Recorder:
    def __init__(self):
        self.lines: list[str] = []
        self.sleeps: list[float] = []

    def log(self, line: str) -> None:
        self.lines.append(line)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


def test_push_retries_on_503_with_backoff_and_succeeds(store):
    seen = Recorder()
    with FakeServer(fail_first=3) as server:
        report = push_store(store, server.url, backoff=0.5, retries=4, log=seen.log, sleep=seen.sleep)
    assert report.ok and report.verified and report.retries == 3
    assert seen.sleeps == [0.5, 1.0, 2.0], "exponential back-off"
    assert report.requests == 3 + 3 + 1  # three failures, three graphs, one count query
    assert {g: len(t) for g, t in server.graphs.items()} == {g: store.count(g) for g in store.graphs()}
    assert any("HTTP 503" in line and "retrying in 0.5 s" in line for line in seen.lines)


def test_push_gives_up_after_the_retries(store):
    seen = Recorder()
    with FakeServer(fail_first=100) as server:
        with pytest.raises(PushError, match=r"HTTP 503.*gave up after 3 attempts"):
            push_store(store, server.url, retries=2, log=seen.log, sleep=seen.sleep)
    assert len(server.requests) == 3


def test_connection_errors_are_retried(store):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    seen = Recorder()
    with pytest.raises(PushError, match="gave up after 3 attempts"):
        push_store(store, f"http://127.0.0.1:{port}", retries=2, log=seen.log, sleep=seen.sleep)
    assert seen.sleeps == [1.0, 2.0]


def test_401_is_not_retried_and_the_password_never_shows(store, monkeypatch, caplog):
    monkeypatch.setenv("KG_PUSH_USER", "alice")
    monkeypatch.setenv("KG_PUSH_PASSWORD", PASSWORD)
    monkeypatch.delenv("KG_PUSH_TOKEN", raising=False)
    seen = Recorder()
    with FakeServer(always=401) as server:
        credentials = credentials_from_env(server.url)
        with pytest.raises(PushError) as caught:
            push_store(store, server.url, credentials=credentials, log=seen.log, sleep=seen.sleep)
    assert len(server.requests) == 1 and seen.sleeps == []
    message = str(caught.value)
    assert "HTTP 401" in message and "KG_PUSH_USER/KG_PUSH_PASSWORD" in message
    sent = server.requests[0][2]["Authorization"]
    assert sent == "Basic " + base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
    secret_forms = (PASSWORD, sent.split()[1])
    shown = [message, repr(caught.value), repr(credentials), str(credentials), caplog.text, *seen.lines]
    assert not [text for text in shown for secret in secret_forms if secret in text]
    assert caught.value.__suppress_context__ and PASSWORD not in repr(caught.value.__context__)


def test_other_4xx_is_not_retried(store):
    with FakeServer(always=400) as server:
        with pytest.raises(PushError, match="HTTP 400"):
            push_store(store, server.url, sleep=lambda s: None)
    assert len(server.requests) == 1


def test_dry_run_sends_nothing_and_lists_the_plan(store):
    seen = Recorder()
    with FakeServer() as server:
        report = push_store(store, server.url, dry_run=True, log=seen.log)
        update = push_store(store, server.url, mode="update", batch_size=2, dry_run=True)
    assert server.requests == []
    assert [(g, n) for _, g, n in report.planned] == [(g, store.count(g)) for g in store.graphs()]
    assert report.planned[0][0].startswith(f"PUT {server.url}/store?graph=https%3A%2F%2Fw3id.org")
    assert len(seen.lines) == 3 and seen.lines[0].startswith("would PUT 1/3 <https://w3id.org/newskg/graph/")
    assert not report.verified and report.triples == len(store)
    assert {r for r, _, _ in update.planned} == {f"POST {server.url}/update"}


def test_count_mismatch_is_reported(store):
    with FakeServer(drop_one=True) as server:
        report = push_store(store, server.url)
    assert not report.ok
    [(graph, ours, theirs)] = report.mismatches
    assert theirs == ours - 1 == store.count(graph) - 1


def test_credentials_come_from_env_or_netrc_never_the_url(tmp_path, monkeypatch):
    assert credentials_from_env("http://h/", {"KG_PUSH_TOKEN": "t0k"}).header() == "Bearer t0k"
    with pytest.raises(UsageError, match="KG_PUSH_PASSWORD is not"):
        credentials_from_env("http://h/", {"KG_PUSH_USER": "alice"})
    rc = tmp_path / "netrc"
    rc.write_text(f"machine db.example.org login bob password {PASSWORD}\n")
    rc.chmod(0o600)
    found = credentials_from_env("https://db.example.org/ds/data", {}, netrc_file=str(rc))
    assert found.header() == "Basic " + base64.b64encode(f"bob:{PASSWORD}".encode()).decode()
    assert PASSWORD not in repr(found)
    assert credentials_from_env("https://other.example.org/", {}, netrc_file=str(rc)) is None
    rc.write_text(f"machine db.example.org login bob password {PASSWORD} oops\n")
    with pytest.raises(UsageError) as caught:
        credentials_from_env("https://db.example.org/", {}, netrc_file=str(rc))
    assert PASSWORD not in str(caught.value)
    with pytest.raises(UsageError) as caught:
        endpoints(f"http://bob:{PASSWORD}@db.example.org/store", "gsp")
    assert PASSWORD not in str(caught.value)


# -- a real Oxigraph server ---------------------------------------------------------------
def _oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).is_file():
        message = "the `oxigraph` server binary is missing: pip install oxigraph (it is in the test extra)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture()
def oxigraph_server(tmp_path):
    binary = _oxigraph_binary()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "server"), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"oxigraph serve did not start: {process.stderr.read().decode()[-500:]}")
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


def _server_counts(url: str) -> dict[str, int]:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    request = urllib.request.Request(f"{url}/query", data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    rows = json.loads(urllib.request.urlopen(request).read())["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def _local_counts(store: GraphStore, graphs=None) -> dict[str, int]:
    return {g: store.count(g) for g in (graphs or store.graphs())}


OTHER = "urn:example:not-ours"


def _put_other_graph(url: str) -> None:
    body = b"<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> \"d\" .\n"
    request = urllib.request.Request(f"{url}/store?graph={urllib.parse.quote(OTHER)}", data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(request).read()


def test_push_examples_to_oxigraph_twice(oxigraph_server):
    store = GraphStore()
    build([EXAMPLES], store, Settings(jobs=1))
    _put_other_graph(oxigraph_server)
    expected = _local_counts(store) | {OTHER: 2}
    for mode in ("gsp", "gsp", "update", "update"):
        report = push_store(store, oxigraph_server, mode=mode)
        assert report.ok and report.verified, mode
        assert _server_counts(oxigraph_server) == expected, f"after a {mode} push"


def test_push_the_corpus_twice(oxigraph_server, corpus_build):
    """The whole corpus (every article graph and the resolution graph), pushed twice: the
    server's count per graph equals the store's both times, nothing doubled."""
    store = corpus_build[0]
    expected = _local_counts(store)
    assert len(expected) == 560  # 559 articles and the resolution graph
    for _ in range(2):
        report = push_store(store, oxigraph_server)
        assert report.ok and report.verified and report.graphs == len(expected)
        assert _server_counts(oxigraph_server) == expected


def test_cli_push_dry_run_then_real(tmp_path, capsys, oxigraph_server):
    from kg.cli import main

    out = tmp_path / "out"
    assert main(["build", str(EXAMPLES), "--out", str(out), "--quiet", "--no-view", "--formats", "nq"]) == 0
    capsys.readouterr()
    assert main(["push", str(out), "--endpoint", oxigraph_server, "--dry-run", "--quiet"]) == 0
    assert "would send 3 graphs" in capsys.readouterr().out  # three articles, nothing merged across them
    assert _server_counts(oxigraph_server) == {}
    for _ in range(2):
        assert main(["push", str(out), "--endpoint", oxigraph_server, "--quiet"]) == 0
        assert "server counts equal ours for 3 graphs" in capsys.readouterr().out
    assert len(_server_counts(oxigraph_server)) == 3
