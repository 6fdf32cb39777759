"""Retry ownership and error mapping of the LLM path, against a scripted HTTP server on 127.0.0.1.

The server answers a fixed script of responses (status, headers, body) so each test states
exactly what the wire did: 429 with Retry-After then success, 5xx until the budget runs out,
401, invalid JSON until re-asks run out. The product code under test is unmodified.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from summarizer.config import load_settings
from summarizer.errors import AuthError, ExtractionError, ServerUnreachableError, UpstreamError
from summarizer.llm import LLMExtractor, Usage

Reply = tuple[int, dict[str, str], str]


def completion(content: str, prompt_tokens: int = 100, completion_tokens: int = 10) -> Reply:
    body = {
        "id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": "scripted",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }  # fmt: skip
    return 200, {"content-type": "application/json"}, json.dumps(body)


def error(status: int, headers: dict[str, str] | None = None) -> Reply:
    return (
        status,
        {"content-type": "application/json", **(headers or {})},
        json.dumps({"error": {"message": f"scripted {status}", "type": "scripted"}}),
    )


class Scripted:
    def __init__(self) -> None:
        self.script: list[Reply] = []
        self.requests: list[dict[str, object]] = []
        self.times: list[float] = []


@pytest.fixture
def server() -> Iterator[tuple[Scripted, str]]:
    state = Scripted()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", 0))
            state.requests.append(json.loads(self.rfile.read(length)))
            state.times.append(time.monotonic())
            status, headers, body = state.script.pop(0) if state.script else error(500)
            data = body.encode()
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


ARTICLE = "米司法省は、APT31のメンバーとされる中国人7人を起訴した。"
GOOD = json.dumps(
    {
        "headline": "US charges 7",
        "summary": "s",
        "actors": [{"name": "APT31", "country": "CN", "quote": "APT31のメンバー"}],
    }
)


def extractor(url: str, **kw: object) -> LLMExtractor:
    s = load_settings(engine="llm", base_url=url, model="scripted", profile="generic", env={})
    return LLMExtractor(s.with_(max_retry_wait=2.0, timeout=5.0, **kw))


def test_429_retry_after_is_honoured_then_succeeds(server: tuple[Scripted, str]) -> None:
    state, url = server
    state.script = [error(429, {"retry-after": "1"}), completion(GOOD)]
    usage = Usage()
    findings = extractor(url).extract(ARTICLE, usage)
    assert [a.name for a in findings.actors] == ["APT31"]
    assert usage.requests == 2 and usage.retries == 1 and usage.reasks == 0
    assert state.times[1] - state.times[0] >= 0.9  # waited for Retry-After


def test_5xx_until_budget_runs_out_is_an_upstream_error(server: tuple[Scripted, str]) -> None:
    state, url = server
    state.script = [error(503)] * 10
    usage = Usage()
    with pytest.raises(UpstreamError, match="after 3 attempts"):
        extractor(url, max_attempts=3).extract(ARTICLE, usage)
    assert len(state.requests) == 3  # the SDK's own retries are off: exactly our budget


def test_auth_refused_is_not_retried(server: tuple[Scripted, str]) -> None:
    state, url = server
    state.script = [error(401), completion(GOOD)]
    with pytest.raises(AuthError) as info:
        extractor(url).extract(ARTICLE, Usage())
    assert info.value.exit_code == 8
    assert len(state.requests) == 1


def test_invalid_json_is_reasked_at_most_twice(server: tuple[Scripted, str]) -> None:
    state, url = server
    state.script = [completion("not json"), completion('{"actors": 5}'), completion("{")]
    usage = Usage()
    with pytest.raises(ExtractionError, match="2 re-asks"):
        extractor(url).extract(ARTICLE, usage)
    assert len(state.requests) == 3
    assert usage.requests == 3 and usage.reasks == 2  # three bad answers, two re-asks
    # a re-ask resends the conversation with the error appended
    assert len(state.requests[1]["messages"]) > len(state.requests[0]["messages"])  # type: ignore[arg-type]


def test_reask_then_valid_answer(server: tuple[Scripted, str]) -> None:
    state, url = server
    state.script = [completion("{oops"), completion(GOOD, 120, 12)]
    usage = Usage()
    findings = extractor(url).extract(ARTICLE, usage)
    assert findings.actors[0].name == "APT31"
    assert (usage.requests, usage.reasks, usage.retries) == (2, 1, 0)
    assert (usage.prompt_tokens, usage.completion_tokens) == (220, 22)


def test_connection_refused_is_server_unreachable() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here now
    with pytest.raises(ServerUnreachableError) as info:
        extractor(f"http://127.0.0.1:{port}/v1", max_attempts=2).extract(ARTICLE, Usage())
    assert info.value.exit_code == 7
    assert "is the server running" in str(info.value)


def test_api_key_never_in_error_messages(server: tuple[Scripted, str]) -> None:
    state, url = server
    state.script = [error(401)]
    s = load_settings(
        engine="llm",
        base_url=url,
        model="m",
        env={"SUMMARIZER_API_KEY": "sk-secret-abcdef0123456789"},
    )
    with pytest.raises(AuthError) as info:
        LLMExtractor(s).extract(ARTICLE, Usage())
    assert "sk-secret" not in str(info.value)
    assert "sk-secret" not in repr(s)
