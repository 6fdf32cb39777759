"""Batch with the LLM engine against a real local server that injects faults (tests/faults.py).

Nothing in the product is mocked: the openai/instructor client, retries, grounding and the
journal run as shipped; the server on 127.0.0.1 decides what the wire does.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.batch import Item, Journal, fingerprint, run_batch
from summarizer.config import Settings, load_settings
from tests.faults import FaultServer

ROOT = Path(__file__).resolve().parent.parent
ACTORS = ["APT31", "APT40", "APT10", "ラザルス", "キムスキー", "Volt Typhoon"]


def article(i: int, permanent: bool = False) -> str:
    a, b = ACTORS[i % len(ACTORS)], ACTORS[(i * 7 + 3) % len(ACTORS)]
    marker = "（PERMANENT-FAULT）" if permanent else ""
    return (
        f"記事{i}。警察庁は{a}による攻撃を確認した。{marker}"
        f"攻撃者はCVE-2024-{1000 + i}を悪用し、{b}とも関係があるとされる。"
    )


def llm_settings(url: str, **changes: object) -> Settings:
    s = load_settings(engine="llm", base_url=url, model="fault-model", profile="generic", env={})
    return s.with_(**changes) if changes else s


def write_jsonl(path: Path, texts: list[str]) -> None:
    path.write_text(
        "".join(json.dumps({"id": f"a{i:03d}", "text": t}, ensure_ascii=False) + "\n"
                for i, t in enumerate(texts)),
        encoding="utf-8",
    )  # fmt: skip


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def batch_cmd(*args: str, url: str, cache_dir: Path) -> list[str]:
    return [sys.executable, "-m", "summarizer", "batch", *args, "--engine", "llm",
            "--base-url", url, "--model", "fault-model", "--profile", "generic", "-q",
            "--cache-dir", str(cache_dir)]  # fmt: skip


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as srv:
        yield srv


def test_100_articles_with_30_percent_faults_lose_nothing(tmp_path: Path) -> None:
    permanent = {7, 42, 77}
    texts = [article(i, i in permanent) for i in range(100)]
    items = [Item(id=f"a{i:03d}", text=t) for i, t in enumerate(texts)]
    with FaultServer(fault_rate=0.3, seed=3, retry_after="1", hang_seconds=2.0) as srv:
        settings = llm_settings(srv.url, timeout=1.0, max_retry_wait=0.2)
        journal = Journal(tmp_path / "out.part", fingerprint(settings, "live"))
        journal.open()
        stats = run_batch(items, settings, journal, jobs=8, retry_delay=0.1)
        faults = dict(srv.faults)
    journal.compact([i.id for i in items], tmp_path / "out.jsonl", None)
    recs = records(tmp_path / "out.jsonl")
    assert [r["id"] for r in recs] == [i.id for i in items]  # each input once, in input order
    # every kind of fault really happened, and only the permanent ones ended as errors
    assert set(faults) >= {"429", "500", "503", "hang", "reset", "malformed", "truncated",
                           "bad_json"}  # fmt: skip
    failed = {int(str(r["id"])[1:]) for r in recs if r["status"] == "error"}
    assert failed == permanent
    for r in recs:
        if r["status"] == "error":
            assert r["error"]["type"] == "UpstreamError" and r["error"]["exit_code"] == 6  # type: ignore[index]
            continue
        i = int(str(r["id"])[1:])
        report = r["report"]
        assert report["actors"], report  # type: ignore[index]
        for entity in report["actors"] + report["vulnerabilities"]:  # type: ignore[index,operator]
            for ev in entity["evidence"]:
                assert texts[i][ev["start"] : ev["end"]] == ev["quote"]
    assert stats.failed == 3 and stats.ok == 97
    assert stats.requests >= 97 and stats.prompt_tokens > 0


def test_rate_limited_server_slows_the_batch_down_instead_of_failing_it(tmp_path: Path) -> None:
    texts = [article(i) for i in range(8)]
    items = [Item(id=str(i), text=t) for i, t in enumerate(texts)]
    with FaultServer(fault_rate=1.0, faults=("429",), retry_after="1",
                     max_faults_per_article=2) as srv:  # fmt: skip
        settings = llm_settings(srv.url)
        journal = Journal(tmp_path / "o.part", fingerprint(settings, "live"))
        journal.open()
        t0 = time.monotonic()
        stats = run_batch(items, settings, journal, jobs=4)
        took = time.monotonic() - t0
        assert srv.faults["429"] == 16 and srv.successes == 8
    assert (stats.ok, stats.failed) == (8, 0)
    assert took >= 2.0  # two Retry-After: 1 waits per article were honoured


def test_concurrency_overlaps_requests(tmp_path: Path) -> None:
    items = [Item(id=str(i), text=article(i)) for i in range(16)]
    with FaultServer(latency=0.3) as srv:
        settings = llm_settings(srv.url)
        journal = Journal(tmp_path / "o.part", fingerprint(settings, "live"))
        journal.open()
        t0 = time.monotonic()
        run_batch(items, settings, journal, jobs=8)
        took = time.monotonic() - t0
        assert 4 <= srv.max_in_flight <= 8  # requests overlap, never more than -j
    assert took < 16 * 0.3 / 2  # far below the serial 4.8 s


def test_second_run_makes_zero_requests_and_same_output(tmp_path: Path,
                                                        server: FaultServer) -> None:  # fmt: skip
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [article(i) for i in range(12)])
    outs = []
    for run in range(2):
        out = tmp_path / f"out{run}.jsonl"
        server.reset_counts()
        r = subprocess.run(batch_cmd(str(src), "-o", str(out), "-j", "4", "--cache",
                                     url=server.url, cache_dir=tmp_path / "cache"),
                           capture_output=True, timeout=120)  # fmt: skip
        assert r.returncode == 0, r.stderr
        outs.append(out.read_bytes())
        if run == 0:
            assert server.requests == 12
        else:
            assert server.requests == 0  # all from the content-hash cache
            assert b"12 cached" in r.stderr
    assert outs[0] == outs[1]


def _strip_timing(recs: list[dict[str, object]]) -> list[dict[str, object]]:
    for r in recs:
        if r["status"] == "ok":
            r["report"]["provenance"]["seconds"] = None  # type: ignore[index]
    return recs


def test_sigkill_at_several_points_then_resume_equals_uninterrupted(tmp_path: Path) -> None:
    n = 40
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [article(i) for i in range(n)])
    with FaultServer(latency=0.08) as srv:
        base = tmp_path / "base.jsonl"
        r = subprocess.run(batch_cmd(str(src), "-o", str(base), "-j", "2", "--no-cache",
                                     url=srv.url, cache_dir=tmp_path / "c"),
                           capture_output=True, timeout=120)  # fmt: skip
        assert r.returncode == 0, r.stderr
        srv.reset_counts()

        out = tmp_path / "out.jsonl"
        part = tmp_path / "out.jsonl.part"
        kills = 0
        for at in (3, 15, 30):
            proc = subprocess.Popen(batch_cmd(str(src), "-o", str(out), "-j", "2", "--no-cache",
                                              url=srv.url, cache_dir=tmp_path / "c"),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and proc.poll() is None:
                if part.exists() and part.read_bytes().count(b"\n") - 1 >= at:
                    break
                time.sleep(0.01)
            assert proc.poll() is None, "the batch finished before it could be killed"
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            kills += 1
            assert not out.exists() and part.exists()
        r = subprocess.run(batch_cmd(str(src), "-o", str(out), "-j", "2", "--no-cache",
                                     url=srv.url, cache_dir=tmp_path / "c"),
                           capture_output=True, timeout=120)  # fmt: skip
        assert r.returncode == 0, r.stderr
        assert b"resumed" in r.stderr
        # each article was sent once, plus at most the ones in flight at each kill
        assert n <= srv.requests <= n + kills * 2
    assert not part.exists()
    assert _strip_timing(records(out)) == _strip_timing(records(base))


def test_openai_batch_export_matches_live_requests_and_import_builds_reports(
    tmp_path: Path, server: FaultServer
) -> None:
    src = tmp_path / "in.jsonl"
    texts = [article(i) for i in range(3)]
    write_jsonl(src, texts)
    req = tmp_path / "requests.jsonl"
    cmd = batch_cmd(str(src), "--export-openai-batch", str(req), url=server.url,
                    cache_dir=tmp_path / "c")  # fmt: skip
    r = subprocess.run(cmd, capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in req.read_text(encoding="utf-8").splitlines()]
    assert [x["url"] for x in lines] == ["/v1/chat/completions"] * 3
    assert len({x["custom_id"] for x in lines}) == 3
    assert server.requests == 0  # exporting calls no server

    # the live path sends the very same body for the same article
    live = tmp_path / "live.jsonl"
    r = subprocess.run(batch_cmd(str(src), "-o", str(live), "-j", "1", "--no-cache",
                                 url=server.url, cache_dir=tmp_path / "c"),
                       capture_output=True, timeout=120)  # fmt: skip
    assert r.returncode == 0, r.stderr
    sent = sorted(json.dumps(b, sort_keys=True) for b in server.bodies)
    exported = sorted(json.dumps(x["body"], sort_keys=True) for x in lines)
    assert sent == exported

    # run the requests the way a Batch runner would, write its results file, import it
    import urllib.request

    results = tmp_path / "results.jsonl"
    with open(results, "w", encoding="utf-8") as fh:
        for i, x in enumerate(lines):
            if i == 2:  # one request failed in the batch job
                fh.write(json.dumps({"id": f"r{i}", "custom_id": x["custom_id"],
                                     "response": None,
                                     "error": {"code": "server_error", "message": "boom"}}) + "\n")  # fmt: skip
                continue
            post = urllib.request.Request(server.url + "/chat/completions",
                                          data=json.dumps(x["body"]).encode(),
                                          headers={"content-type": "application/json"})  # fmt: skip
            with urllib.request.urlopen(post, timeout=10) as resp:
                body = json.loads(resp.read())
            fh.write(json.dumps({"id": f"r{i}", "custom_id": x["custom_id"],
                                 "response": {"status_code": 200, "body": body},
                                 "error": None}) + "\n")  # fmt: skip
    out = tmp_path / "imported.jsonl"
    r = subprocess.run(batch_cmd(str(src), "--import-openai-batch", str(results), "-o", str(out),
                                 url=server.url, cache_dir=tmp_path / "c"),
                       capture_output=True, timeout=120)  # fmt: skip
    assert r.returncode == 10, r.stderr  # one input failed in the Batch job
    imported = records(out)
    live_recs = records(live)
    for a, b in zip(imported[:2], live_recs[:2], strict=True):
        ra, rb = a["report"], b["report"]
        assert ra["actors"] == rb["actors"] and ra["vulnerabilities"] == rb["vulnerabilities"]  # type: ignore[index]
    assert imported[2]["status"] == "error"
    assert "boom" in imported[2]["error"]["message"]  # type: ignore[index]


def test_ctrl_c_exits_130_keeps_the_journal_and_the_same_command_resumes(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [article(i) for i in range(30)])
    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    with FaultServer(latency=0.1) as srv:
        cmd = batch_cmd(str(src), "-o", str(out), "-j", "2", "--no-cache", url=srv.url,
                        cache_dir=tmp_path / "c")  # fmt: skip
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (
            part.exists() and part.read_bytes().count(b"\n") > 5
        ):
            time.sleep(0.01)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        lines = err.decode().strip().splitlines()
        assert lines[-1].startswith("error: interrupted after ") and "resume" in lines[-1]
        assert "Traceback" not in err.decode()
        assert part.exists() and not out.exists()
        done_before = part.read_bytes().count(b"\n") - 1
        r = subprocess.run(cmd, capture_output=True, timeout=120)
        assert r.returncode == 0, r.stderr
        assert f"{done_before} resumed".encode() in r.stderr
    assert [rec["id"] for rec in records(out)] == [f"a{i:03d}" for i in range(30)]
