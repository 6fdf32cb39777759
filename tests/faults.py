"""A fault-injecting OpenAI-compatible chat-completions server on 127.0.0.1, for batch tests.

It is a real HTTP server: the product's unmodified openai/instructor client talks to it. Each
POST /v1/chat/completions waits ``latency`` seconds, then either fails or answers with a small
extraction derived from the article (actor names and CVE ids it finds, quoted verbatim), so
grounding has something real to locate. Faults, chosen per article and attempt from a seeded
RNG (reproducible whatever the concurrency):

* ``429`` with ``Retry-After``; ``500``; ``503``;
* ``hang``: no answer for ``hang_seconds`` (past the client's timeout), then close;
* ``reset``: the TCP connection is aborted (RST);
* ``malformed``: 200 with a body that is not JSON; ``truncated``: 200 with half a JSON body;
* ``bad_json``: a well-formed completion whose content is not JSON (the client re-asks).

An article containing ``PERMANENT-FAULT`` always gets 500: a permanent fault; one containing
``ECHO-AUTH-NNN`` gets HTTP NNN with a body that echoes the request's Authorization header and
all its headers (a careless server or proxy), for the secret-redaction tests;
``max_faults_per_article`` lets only an article's first N requests fail. Counters
(``requests``, ``faults``, ``per_article``) are readable in-process or at GET /stats.

    python tests/faults.py --port 0 --latency 0.5 --fault-rate 0.3 --seed 1

prints ``URL http://127.0.0.1:PORT/v1`` and serves until terminated.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import signal
import socket
import struct
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ALL_FAULTS = ("429", "500", "503", "hang", "reset", "malformed", "truncated", "bad_json")
ACTORS = ("APT31", "APT40", "APT10", "APT29", "Lazarus", "ラザルス", "キムスキー", "Kimsuky",
          "Volt Typhoon", "ジルコニウム")  # fmt: skip
CVE = re.compile(r"CVE-\d{4}-\d{4,7}")
# the article between its fence lines (summarizer.llm.fence_for), or legacy <article> tags
ARTICLE = re.compile(
    r"^(?:(?P<fence>ARTICLE-[0-9A-F]+)\n(?P<body>.*?)\nEND (?P=fence)$|<article>\n?(?P<old>.*?)\n?</article>)",
    re.S | re.M,
)
ECHO = re.compile(r"ECHO-AUTH-(\d{3})")


def extraction_for(article: str) -> dict[str, Any]:
    """The deterministic 'model output' for an article: what it names, quoted verbatim."""
    actors = [{"name": a, "quote": a} for a in ACTORS if a in article]
    cves = sorted(set(CVE.findall(article)))
    return {
        "headline": f"{len(actors)} actors, {len(cves)} CVEs",
        "summary": "Test server extraction.",
        "actors": actors,
        "vulnerabilities": [{"cve": c, "quote": c} for c in cves],
    }


class FaultServer:
    def __init__(
        self,
        latency: float = 0.0,
        fault_rate: float = 0.0,
        faults: tuple[str, ...] = ALL_FAULTS,
        seed: int = 0,
        retry_after: str = "1",
        hang_seconds: float = 10.0,
        permanent_marker: str = "PERMANENT-FAULT",
        port: int = 0,
        max_faults_per_article: int | None = None,
    ) -> None:
        self.latency = latency
        self.fault_rate = fault_rate
        self.fault_kinds = faults
        self.seed = seed
        self.retry_after = retry_after
        self.hang_seconds = hang_seconds
        self.permanent_marker = permanent_marker
        self.max_faults_per_article = max_faults_per_article
        self.bodies: list[dict[str, Any]] = []  # every chat request body, in arrival order
        self.lock = threading.Lock()
        self.requests = 0
        self.successes = 0
        self.faults: Counter[str] = Counter()
        self.per_article: Counter[str] = Counter()
        self.in_flight = 0
        self.max_in_flight = 0
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._httpd.daemon_threads = True
        self._httpd.request_queue_size = 128
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------------
    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> FaultServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def reset_counts(self) -> None:
        with self.lock:
            self.requests = self.successes = self.max_in_flight = 0
            self.faults.clear()
            self.per_article.clear()
            self.bodies.clear()

    def stats(self) -> dict[str, Any]:
        with self.lock:
            return {"requests": self.requests, "successes": self.successes,
                    "faults": dict(self.faults), "max_in_flight": self.max_in_flight}  # fmt: skip

    # -- decisions ------------------------------------------------------------------------------
    def decide(self, article: str) -> str | None:
        """The fault for this request (None: answer), counting it."""
        sha = hashlib.sha256(article.encode("utf-8")).hexdigest()
        with self.lock:
            self.requests += 1
            attempt = self.per_article[sha]
            self.per_article[sha] += 1
        if self.permanent_marker and self.permanent_marker in article:
            kind: str | None = "500"
        elif self.max_faults_per_article is not None and attempt >= self.max_faults_per_article:
            kind = None
        else:
            rng = random.Random(f"{self.seed}:{sha}:{attempt}")
            kind = rng.choice(self.fault_kinds) if rng.random() < self.fault_rate else None
        with self.lock:
            if kind:
                self.faults[kind] += 1
            else:
                self.successes += 1
        return kind

    # -- HTTP -----------------------------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None,
                      length: int | None = None) -> None:  # fmt: skip
                self.send_response(status)
                self.send_header("content-type", "application/json")
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("content-length", str(len(body) if length is None else length))
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()

            def _json(
                self, status: int, data: object, headers: dict[str, str] | None = None
            ) -> None:
                self._send(status, json.dumps(data).encode(), headers)

            def do_GET(self) -> None:
                if self.path.rstrip("/") == "/v1/models":
                    self._json(200, {"object": "list", "data": [
                        {"id": "fault-model", "object": "model", "owned_by": "test"}]})  # fmt: skip
                elif self.path == "/stats":
                    self._json(200, server.stats())
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                raw = self.rfile.read(length)
                if self.path == "/stats/reset":
                    server.reset_counts()
                    self._json(200, {"ok": True})
                    return
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._json(404, {"error": {"message": "not found"}})
                    return
                request = json.loads(raw)
                with server.lock:
                    server.bodies.append(request)
                # the article sits in the first user message (a re-ask appends more turns)
                user = [str(m.get("content", "")) for m in request.get("messages", [])
                        if m.get("role") == "user"]  # fmt: skip
                found = [m.group("body") or m.group("old") or "" for u in user
                         if (m := ARTICLE.search(u))]  # fmt: skip
                article = found[0] if found else (user[0] if user else "")
                echo = ECHO.search(article)
                if echo:  # a server (or proxy) that echoes the request, credentials included
                    self._echo(int(echo.group(1)))
                    return
                with server.lock:
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    time.sleep(server.latency)
                    self._answer(request, article, server.decide(article), len(raw))
                finally:
                    with server.lock:
                        server.in_flight -= 1

            def _echo(self, status: int) -> None:
                auth = self.headers.get("authorization", "")
                key = auth.split(" ", 1)[-1]
                with server.lock:
                    server.requests += 1
                    server.faults[f"echo-{status}"] += 1
                body = {"error": {
                    "message": f"request rejected; you sent Authorization: {auth}",
                    "type": "echo", "code": status, "key": key,
                    "headers": dict(self.headers.items()),
                }}  # fmt: skip
                self._json(status, body, {"retry-after": "0"} if status == 429 else None)

            def _answer(self, request: dict[str, Any], article: str, kind: str | None,
                        size: int) -> None:  # fmt: skip
                err = {"error": {"message": f"injected {kind}", "type": "fault"}}
                if kind == "429":
                    self._json(429, err, {"retry-after": server.retry_after})
                elif kind in ("500", "503"):
                    self._json(int(kind), err)
                elif kind == "hang":
                    time.sleep(server.hang_seconds)
                    self.close_connection = True
                elif kind == "reset":
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                               struct.pack("ii", 1, 0))  # fmt: skip
                    self.connection.close()
                    self.close_connection = True
                elif kind == "malformed":
                    self._send(200, b"<html>502 Bad Gateway</html> not json")
                else:
                    text = json.dumps(extraction_for(article), ensure_ascii=False)
                    if kind == "bad_json":
                        text = text[: len(text) // 2] + " ...and so on"
                    body = json.dumps(completion(request, text, size)).encode()
                    if kind == "truncated":
                        body = body[: len(body) // 2]
                    self._send(200, body)

        return Handler


def completion(request: dict[str, Any], text: str, size: int) -> dict[str, Any]:
    """A ChatCompletion answering in tools mode when the request offers tools, else content."""
    message: dict[str, Any] = {"role": "assistant", "content": text}
    finish = "stop"
    tools = request.get("tools") or []
    if tools:
        name = tools[0].get("function", {}).get("name", "ArticleExtraction")
        message = {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": name, "arguments": text}}]}  # fmt: skip
        finish = "tool_calls"
    usage = {"prompt_tokens": size // 4, "completion_tokens": len(text) // 4}
    usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
    return {"id": "chatcmpl-fault", "object": "chat.completion", "created": 0,
            "model": request.get("model", "fault-model"),
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": usage}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description="fault-injecting OpenAI-compatible test server")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--latency", type=float, default=0.0)
    ap.add_argument("--fault-rate", type=float, default=0.0)
    ap.add_argument("--faults", default=",".join(ALL_FAULTS))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--retry-after", default="1")
    ap.add_argument("--hang-seconds", type=float, default=10.0)
    a = ap.parse_args()
    srv = FaultServer(a.latency, a.fault_rate, tuple(a.faults.split(",")), a.seed,
                      a.retry_after, a.hang_seconds, port=a.port)  # fmt: skip
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    srv.start()
    print(f"URL {srv.url}", flush=True)
    done.wait()
    print(json.dumps(srv.stats()), file=sys.stderr, flush=True)
    srv.stop()


if __name__ == "__main__":
    main()
