"""``batch -j N`` with the rules engine: N worker processes, the same output as ``-j 1``."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer import procpool
from summarizer.batch import BatchStats, Item, Journal, Runner, fingerprint
from summarizer.config import load_settings
from summarizer.procpool import CHUNK, run_parallel

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
RULES = load_settings(engine="rules", env={})

# synthetic sentences, recombined so that every article differs
SENTENCES = [
    "米司法省は、中国の国家安全部と関係するハッカー集団「APT31」のメンバー7人を起訴した。",
    "英国政府は、北朝鮮のハッカー集団ラザルスによる暗号資産取引所への攻撃を非難した。",
    "警察庁は、ロシアのハッカー集団がランサムウェアで国内の病院を攻撃したと発表した。",
    "米財務省は、イランの企業2社を制裁対象に指定した。",
    "この攻撃ではマルウェア「PlugX」が使われ、CVE-2023-1234の脆弱性が悪用された。",
]


def _articles(n: int) -> list[dict[str, str]]:
    out = []
    for i in range(n):
        body = "".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 4))
        out.append({"id": f"a{i:03d}", "text": f"記事{i}：{body}"})
    out[5]["text"] = "   "  # an empty input: its error record must match too
    return out


def _batch(jsonl: Path, out: Path, jobs: int) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", "batch", str(jsonl), "-o", str(out),
         "--engine", "rules", "--no-cache", "-q", "-j", str(jobs)],
        capture_output=True, timeout=300, env={**os.environ, "SUMMARIZER_CACHE_DIR": str(out.parent)},
    )  # fmt: skip


def _without_wall_time(data: bytes) -> bytes:
    return re.sub(rb'"seconds": ?[0-9.eE+-]+', b'"seconds": 0', data)


def test_j2_output_equals_j1_byte_for_byte(tmp_path: Path) -> None:
    jsonl = tmp_path / "in.jsonl"
    lines = [json.dumps(a, ensure_ascii=False) for a in _articles(5 * CHUNK + 3)]
    lines += [json.dumps({"id": "seed", "path": str(SEEDS[1])})]
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one, two = _batch(jsonl, tmp_path / "j1.jsonl", 1), _batch(jsonl, tmp_path / "j2.jsonl", 2)
    assert one.returncode == two.returncode == 10, (one.stderr, two.stderr)  # the empty input
    a, b = (tmp_path / "j1.jsonl").read_bytes(), (tmp_path / "j2.jsonl").read_bytes()
    assert len(a.splitlines()) == 5 * CHUNK + 4
    assert b'"status": "error"' in a and b'"status": "ok"' in a
    assert b'"seconds"' in a  # the wall-time field that may differ
    assert _without_wall_time(a) == _without_wall_time(b)
    # the summary line (counts) is the same too, apart from the wall time
    strip = re.compile(rb"; [0-9.]+ s\n?$")
    assert strip.sub(b"", one.stderr.strip()) == strip.sub(b"", two.stderr.strip())


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_two_worker_processes_run_and_the_journal_keeps_input_order(
    method: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if method not in mp.get_all_start_methods():
        pytest.skip(f"no {method} on this platform")
    monkeypatch.setattr(procpool, "_context", lambda: mp.get_context(method))
    items = [Item(id=a["id"], text=a["text"]) for a in _articles(6 * CHUNK)]
    journal = Journal(tmp_path / "out.part", fingerprint(RULES, "live"))
    journal.open()
    seen: list[str] = []
    runner = Runner(RULES, journal, None, BatchStats(), lambda i, *_: seen.append(i))
    pids = run_parallel(runner, items, 2)
    journal.close()
    # this process ran the first chunk, the workers the others (which of the two takes each
    # chunk off the shared pipe is up to them: test_answers_arriving_out_of_order... shows both)
    assert os.getpid() in pids and 1 <= len(pids - {os.getpid()}) <= 2
    assert seen == [i.id for i in items]  # records arrive in input order
    written = [json.loads(x)["id"] for x in (tmp_path / "out.part").read_text().splitlines()[1:]]
    assert written == [i.id for i in items]
    assert (runner.stats.ok, runner.stats.failed) == (6 * CHUNK - 1, 1)


def test_a_short_batch_runs_in_process(tmp_path: Path) -> None:
    items = [Item(id=a["id"], text=a["text"]) for a in _articles(CHUNK)[:3]]
    journal = Journal(tmp_path / "out.part", fingerprint(RULES, "live"))
    journal.open()
    runner = Runner(RULES, journal, None, BatchStats())
    assert run_parallel(runner, items, 4) == {os.getpid()}
    journal.close()
    assert runner.stats.ok == 3


def _slow_or_fatal(monkeypatch: pytest.MonkeyPatch, slow: set[str], fatal: set[str]) -> None:
    """Workers (forked: they inherit the patch) sleep on ``slow`` ids and stop on ``fatal``."""
    import time

    from summarizer import pipeline
    from summarizer.errors import ConfigError

    real = pipeline.summarize_document

    def patched(doc: object, settings: object) -> object:
        text = doc.text  # type: ignore[attr-defined]
        if any(f"記事{i[1:].lstrip('0') or '0'}：" in text for i in slow):
            time.sleep(0.5)
        if any(f"記事{i[1:].lstrip('0') or '0'}：" in text for i in fatal):
            raise ConfigError("the settings cannot work")
        return real(doc, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(procpool, "_context", lambda: mp.get_context("fork"))
    monkeypatch.setattr(pipeline, "summarize_document", patched)


@pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="needs fork")
def test_answers_arriving_out_of_order_are_journaled_in_input_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [Item(id=a["id"], text=a["text"]) for a in _articles(8 * CHUNK)]
    # the first worker's first chunk is slow: the other worker answers later chunks before it
    _slow_or_fatal(monkeypatch, slow={items[CHUNK].id}, fatal=set())
    journal = Journal(tmp_path / "out.part", fingerprint(RULES, "live"))
    journal.open()
    seen: list[str] = []
    runner = Runner(RULES, journal, None, BatchStats(), lambda i, *_: seen.append(i))
    pids = run_parallel(runner, items, 2)
    journal.close()
    assert len(pids - {os.getpid()}) == 2  # the other worker went on while one slept
    assert seen == [i.id for i in items]
    written = [json.loads(x)["id"] for x in (tmp_path / "out.part").read_text().splitlines()[1:]]
    assert written == [i.id for i in items]


@pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="needs fork")
def test_inputs_and_answers_larger_than_a_pipe_buffer_lose_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer import batch, pipeline

    real = pipeline.summarize_document
    # 300 KB in and out per input (a pipe holds 64 KB): the parent must write tasks and read
    # answers in parts while the workers read and write theirs; the engine sees 200 characters
    monkeypatch.setattr(pipeline, "summarize_document",
                        lambda doc, s: real(type(doc)(doc.text[:200], doc.source), s))  # fmt: skip
    monkeypatch.setattr(batch, "ok_record", lambda item_id, report: json.dumps(
        {"id": item_id, "status": "ok", "pad": "x" * 300_000}) + "\n")  # fmt: skip
    monkeypatch.setattr(procpool, "_context", lambda: mp.get_context("fork"))
    items = [Item(id=a["id"], text=a["text"] + "。" * 100_000) for a in _articles(4 * CHUNK)]
    journal = Journal(tmp_path / "out.part", fingerprint(RULES, "live"))
    journal.open()
    runner = Runner(RULES, journal, None, BatchStats())
    run_parallel(runner, items, 2)
    journal.close()
    written = [json.loads(x) for x in (tmp_path / "out.part").read_text().splitlines()[1:]]
    assert [w["id"] for w in written] == [i.id for i in items]
    assert all(len(w.get("pad", "")) == 300_000 for w in written if w["status"] == "ok")
    assert (runner.stats.ok, runner.stats.failed) == (4 * CHUNK, 0)


@pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="needs fork")
def test_a_fatal_error_in_a_worker_keeps_every_record_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer.errors import ConfigError

    items = [Item(id=a["id"], text=a["text"]) for a in _articles(6 * CHUNK)]
    stop = 3 * CHUNK + 2  # the third input of a chunk a worker runs
    _slow_or_fatal(monkeypatch, slow=set(), fatal={items[stop].id})
    journal = Journal(tmp_path / "out.part", fingerprint(RULES, "live"))
    journal.open()
    runner = Runner(RULES, journal, None, BatchStats())
    with pytest.raises(ConfigError, match="cannot work"):
        run_parallel(runner, items, 2)
    journal.close()
    written = [json.loads(x)["id"] for x in (tmp_path / "out.part").read_text().splitlines()[1:]]
    assert written == [i.id for i in items[:stop]]  # as -j 1 leaves it: a resume redoes the rest


@pytest.mark.parametrize(("cores", "expected"), [(3, 3), (1, None)])
def test_default_jobs_is_a_worker_per_usable_core_for_the_offline_engine(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cores: int,
    expected: int | None,
) -> None:
    from summarizer import batch

    seen: list[int] = []
    monkeypatch.setattr(batch, "_usable_cores", lambda: cores)
    monkeypatch.setattr(procpool, "run_parallel", lambda runner, items, jobs: seen.append(jobs))
    journal = Journal(tmp_path / "out.part", fingerprint(RULES, "live"))
    journal.open()
    items = [Item(id=a["id"], text=a["text"]) for a in _articles(CHUNK)[:3]]
    stats = batch.run_batch(items, RULES, journal)
    journal.close()
    # one usable core: no worker processes, the articles run in the batch process itself
    assert seen == ([expected] if expected else [])
    assert stats.ok == (0 if expected else 3)
