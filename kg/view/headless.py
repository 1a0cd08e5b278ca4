"""Open a rendered page in headless Chromium, offline, and read what the page reports.

For the browser tests and ``bench/view.py``: Chromium is driven through the DevTools
protocol over ``--remote-debugging-pipe`` (file descriptors 3 and 4, no port, no extra
library). Before the page's own scripts run we install a probe that records errors and
any call to alert/confirm/prompt; the network is switched off and every request the page
tries is counted.
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
         "--host-resolver-rules=MAP * ~NOTFOUND")  # no name resolves: nothing can leave the machine
PROBE = """(() => {
  const probe = window.__kgProbe = {errors: [], dialogs: []};
  addEventListener("error", e => probe.errors.push(String(e.message || e)), true);
  addEventListener("unhandledrejection", e => probe.errors.push(String(e.reason)));
  for (const name of ["alert", "confirm", "prompt"]) window[name] = (...args) => { probe.dialogs.push([name, String(args[0])]); };
})();"""
REPORT = """JSON.stringify({status: window.kgView ? window.kgView.status : null, probe: window.__kgProbe,
  drawnNodes: window.kgView && window.kgView.network ? window.kgView.network.body.data.nodes.length : -1,
  resources: performance.getEntriesByType("resource").map(r => r.name),
  injected: document.querySelectorAll("img, iframe, object, embed, script[src]").length})"""


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@dataclass
class PageResult:
    ready: bool
    seconds: float  # from navigation to the page's ready flag (stable layout drawn)
    status: dict
    errors: list[str]  # uncaught errors and console errors, CSP violations included
    dialogs: list
    requests: list[str]  # every URL the page asked for, the page itself excepted
    resources: list[str]
    injected: int  # elements that could only come from injected markup
    drawn_nodes: int
    screenshot: Path | None = None
    console: list[str] = field(default_factory=list)
    value: object = None  # what ``script`` returned


class Chromium:
    """One headless browser; use as a context manager."""

    def __init__(self, binary: str | None = None, width: int = 1400, height: int = 900):
        binary = binary or find_chromium()
        if not binary:
            raise FileNotFoundError("no chromium found; install it (apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="kg-chromium-")
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()

        def child_fds():  # the protocol pipe must sit on fds 3 (commands) and 4 (replies)
            a, b = fcntl.fcntl(to_browser, fcntl.F_DUPFD, 10), fcntl.fcntl(from_browser, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", f"--window-size={width},{height}",
             "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=child_fds, close_fds=False)
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next = 0
        self.events: list[dict] = []

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except Exception:  # noqa: BLE001 - closing anyway
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._read, self._write):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    # -- the protocol -----------------------------------------------------------------------
    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 60) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._read], [], [], left)[0]:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise ConnectionError("chromium closed the protocol pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    # -- pages -------------------------------------------------------------------------------
    def page(self, path: Path, *, timeout: float = 60) -> "Page":
        """Open ``path`` offline and wait until its script says the layout is stable and drawn."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for method in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            self.send(method, session=session)
        self.send("Network.emulateNetworkConditions", {"offline": True, "latency": 0, "downloadThroughput": -1,
                                                       "uploadThroughput": -1}, session=session)
        self.send("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE}, session=session)
        self.events.clear()
        page = Page(self, target, session, Path(path).resolve().as_uri())
        started = time.monotonic()
        self.send("Page.navigate", {"url": page.url}, session=session)
        while time.monotonic() - started < timeout:
            if page.evaluate("!!(window.kgView && window.kgView.status.ready)"):
                page.ready = True
                break
            time.sleep(0.02)
        page.seconds = time.monotonic() - started
        return page

    def open(self, path: Path, *, timeout: float = 60, screenshot: Path | None = None,
             script: str | None = None) -> PageResult:
        """Open, optionally run ``script``, screenshot, report and close, in one go."""
        with self.page(path, timeout=timeout) as page:
            value = page.evaluate(script) if script else None
            if screenshot:
                page.screenshot(screenshot)
            result = page.report()
        result.value = value
        return result

    def _collect(self, url: str) -> tuple[list[str], list[str]]:
        console, requests = [], []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                console.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                console.append(params.get("exceptionDetails", {}).get("text", "exception"))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                console.append(params["entry"].get("text", ""))
            elif method == "Network.requestWillBeSent":
                requested = params.get("request", {}).get("url", "")
                if requested != url and not requested.startswith("data:"):
                    requests.append(requested)
        return console, requests


class Page:
    """One open tab; use as a context manager, which closes the tab."""

    def __init__(self, browser: Chromium, target: str, session: str, url: str):
        self.browser, self.target, self.session, self.url = browser, target, session, url
        self.ready, self.seconds = False, 0.0
        self.shot: Path | None = None

    def __enter__(self) -> "Page":
        return self

    def __exit__(self, *exc) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})

    def evaluate(self, expression: str):
        result = self.browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                                   session=self.session)
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def mouse(self, x: float, y: float, kind: str = "mouseMoved") -> None:
        """A real pointer event at viewport ``(x, y)``: what vis-network reacts to."""
        self.browser.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "none"},
                          session=self.session)
        time.sleep(0.3)  # vis shows hover effects on its next frame

    def node_point(self, node: int) -> tuple[float, float]:
        """Viewport coordinates of a drawn node's centre."""
        return tuple(self.evaluate(
            f"(() => {{ const n = window.kgView.network, p = n.canvasToDOM(n.getPositions([{node}])[{node}]),"
            " r = document.getElementById('kg-network').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; })()"))

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        shot = self.browser.send("Page.captureScreenshot", {"format": "png"}, session=self.session)
        path.write_bytes(base64.b64decode(shot["data"]))
        self.shot = path
        return path

    def report(self) -> PageResult:
        report = json.loads(self.evaluate(REPORT))
        console, requests = self.browser._collect(self.url)
        probe = report.get("probe") or {"errors": ["the probe did not run"], "dialogs": []}
        status = report.get("status") or {}
        return PageResult(self.ready, self.seconds, status, probe["errors"] + status.get("errors", []) + console,
                          probe["dialogs"], requests, report["resources"], report["injected"],
                          report["drawnNodes"], self.shot, console)
