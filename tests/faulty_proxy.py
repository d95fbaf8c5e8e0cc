"""A small HTTP proxy in front of the real Label Studio that injects failures on demand.

Not a mock: every request that is not failed goes to the real server and its real answer comes
back. ``fail(n, status)`` makes the next n requests answer ``status`` (500, 502, 503) without
reaching the server; ``status=0`` drops the connection instead; ``status=-1`` lets the request
reach the server and then drops the connection before the answer; ``refuse`` makes it answer every
request with 503 until cleared.

``hold(path, nth)`` stops one chosen request deterministically: the nth request (from now) whose path
contains ``path`` is held, either after Label Studio has carried it out (``forward=True``: its
answer is held back, as when a client times out or is killed between the server's commit and
reading the answer) or before it reaches the server (``forward=False``). ``Hold.held`` is set once the
request is held, so a test waits for that event instead of guessing a time; the connection is
dropped when ``Hold.release`` is set (or the proxy stops).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "proxy-authorization",
    "proxy-authenticate",
    "content-length",
    "content-encoding",
}


@dataclass
class Hold:
    path: str
    nth: int
    forward: bool
    seen: int = 0
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    held_path: str | None = None


class FaultyProxy:
    def __init__(self, target: str):
        self.target = target.rstrip("/")
        self.lock = threading.Lock()
        self.pending_failures: list[int] = []
        self.holds: list[Hold] = []
        self.refuse = False
        self.failed = 0
        self.forwarded: list[str] = []
        self.fail_paths: tuple[str, ...] = ()
        self.client = httpx.Client(timeout=300)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def fail(self, count: int, status: int = 503, paths: tuple[str, ...] = ()) -> None:
        """Fail the next ``count`` requests (only those whose path contains one of ``paths``, if given)."""
        with self.lock:
            self.pending_failures = [status] * count
            self.fail_paths = paths

    def hold(self, path: str, nth: int = 1, *, forward: bool = True) -> Hold:
        """Hold the nth request (counted from now) whose path contains ``path``; see the module doc."""
        hold = Hold(path, nth, forward)
        with self.lock:
            self.holds.append(hold)
        return hold

    def _take_hold(self, path: str) -> Hold | None:
        with self.lock:
            for hold in self.holds:
                if hold.path in path and not hold.held_path:
                    hold.seen += 1
                    if hold.seen == hold.nth:
                        hold.held_path = path
                        return hold
        return None

    def __enter__(self) -> FaultyProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        for hold in self.holds:
            hold.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.client.close()

    def _take_failure(self, path: str) -> int | None:
        with self.lock:
            if self.refuse:
                self.failed += 1
                return 503
            if self.pending_failures and (not self.fail_paths or any(p in path for p in self.fail_paths)):
                self.failed += 1
                return self.pending_failures.pop()
        return None

    def _handler(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                failure = proxy._take_failure(self.path)
                if failure == 0:
                    self.close_connection = True
                    self.connection.close()
                    return
                if failure and failure > 0:
                    payload = b'{"detail": "injected failure"}'
                    self.send_response(failure)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                hold = proxy._take_hold(self.path) if failure is None else None
                if hold and not hold.forward:
                    hold.held.set()
                    hold.release.wait()
                    self.close_connection = True
                    self.connection.close()
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP and k.lower() != "host"}
                response = proxy.client.request(self.command, proxy.target + self.path, content=body, headers=headers)
                proxy.forwarded.append(f"{self.command} {self.path.split('?')[0]}")
                if hold:
                    hold.held.set()
                    hold.release.wait()
                    failure = -1
                if failure == -1:
                    self.close_connection = True
                    self.connection.close()
                    return
                content = response.content
                self.send_response(response.status_code)
                for key, value in response.headers.items():
                    if key.lower() not in HOP_BY_HOP:
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _forward

        return Handler
