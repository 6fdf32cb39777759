"""Batch: inputs, one record per input, the journal (torn lines, resume, fingerprint), formats.

The offline engine runs in-process here; tests/test_batch_server.py drives the LLM engine
against the fault-injecting server.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.batch import (
    BatchStats,
    Item,
    Journal,
    count_items,
    expand_inputs,
    fingerprint,
    run_batch,
)
from summarizer.config import load_settings
from summarizer.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
RULES = load_settings(engine="rules", env={})


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "summarizer", "batch", *args],
        input=stdin, capture_output=True, timeout=300, cwd=cwd,
        env={**os.environ, "SUMMARIZER_CACHE_DIR": str(cwd or ROOT / ".no-cache"), **(env or {})},
    )  # fmt: skip


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with the seeds, a nested HTML copy, an empty file and a non-text file."""
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    for p in SEEDS:
        (d / p.name).write_bytes(p.read_bytes())
    text = SEEDS[0].read_text(encoding="utf-8")
    (d / "sub" / "page.html").write_text(
        f"<html><head><meta charset='utf-8'><title>t</title></head><body><article><p>{text}"
        "</p></article></body></html>",
        encoding="utf-8",
    )
    (d / "sub" / "empty.txt").write_text("  \n", encoding="utf-8")
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a text suffix: ignored
    return d


def test_expand_directories_globs_jsonl_and_duplicate_ids(corpus: Path, tmp_path: Path) -> None:
    jl = tmp_path / "list.jsonl"
    jl.write_text(
        json.dumps({"id": "a", "text": "米司法省はAPT31を起訴した。"}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "b", "path": str(SEEDS[0])}) + "\n"
        + "\n"  # blank lines are skipped
        + "{not json\n"
        + json.dumps({"id": "a", "text": "重複"}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "c"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    items = list(expand_inputs([str(corpus), str(corpus / "*.txt"), str(jl), "missing/*.txt"]))
    ids = [i.id for i in items]
    names = [Path(i).name for i in ids[:4]]
    assert names == [SEEDS[0].name, SEEDS[1].name, "empty.txt", "page.html"]  # sorted, recursive
    assert ids[4:6] == [str(corpus / SEEDS[0].name) + "#2", str(corpus / SEEDS[1].name) + "#2"]
    assert ids[6:8] == ["a", "b"]
    assert items[8].error and "not a JSON line" in items[8].error
    assert ids[9] == "a#2" and items[9].text == "重複"
    assert items[10].error and "neither" in items[10].error
    assert items[11].error and "no file matches" in items[11].error
    assert len(set(ids)) == len(ids) == count_items([str(corpus), str(corpus / "*.txt"), str(jl),
                                                     "missing/*.txt"])  # fmt: skip


def test_every_input_ends_as_exactly_one_record(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    r = run_cli(str(corpus), str(tmp_path / "nope.txt"), "-o", str(out), "--engine", "rules")
    assert r.returncode == 10, r.stderr  # some inputs failed
    recs = records(out)
    by_id = {str(rec["id"]): rec for rec in recs}
    assert len(by_id) == len(recs) == 5
    assert [Path(str(rec["id"])).name for rec in recs] == [
        SEEDS[0].name,
        SEEDS[1].name,
        "empty.txt",
        "page.html",
        "nope.txt",
    ]  # input order
    empty = by_id[str(corpus / "sub" / "empty.txt")]
    assert empty["status"] == "error"
    assert empty["error"] == {
        "type": "EmptyInputError",
        "exit_code": 4,
        "message": empty["error"]["message"],
    }  # type: ignore[index]
    assert by_id[str(tmp_path / "nope.txt")]["error"]["exit_code"] == 3  # type: ignore[index]
    ok = [rec for rec in recs if rec["status"] == "ok"]
    assert len(ok) == 3
    assert all(rec["report"]["provenance"]["engine"] == "rules" for rec in ok)  # type: ignore[index]
    # the HTML copy yields the same actors as its text
    html_actors = by_id[str(corpus / "sub" / "page.html")]["report"]["actors"]  # type: ignore[index]
    txt_actors = by_id[str(corpus / SEEDS[0].name)]["report"]["actors"]  # type: ignore[index]
    assert [a["name"] for a in html_actors] == [a["name"] for a in txt_actors]
    err = r.stderr.decode()
    assert "3 ok" in err and "2 failed" in err and "Traceback" not in err
    assert not (tmp_path / "out.jsonl.part").exists()


def test_stdin_jsonl_and_stdout(tmp_path: Path) -> None:
    lines = "".join(
        json.dumps({"id": f"s{i}", "text": p.read_text(encoding="utf-8")}, ensure_ascii=False)
        + "\n"
        for i, p in enumerate(SEEDS)
    )
    r = run_cli("-", "--engine", "rules", "-q", stdin=lines.encode(), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["s0", "s1"]
    assert all(o["status"] == "ok" for o in out)
    assert out[0]["report"]["source"]["path"] is None


def _journal(tmp_path: Path) -> Journal:
    return Journal(tmp_path / "r.jsonl.part", fingerprint(RULES, "live"))


def test_torn_last_line_is_dropped_and_that_input_runs_again(tmp_path: Path) -> None:
    items = [Item(id=str(p), path=str(p)) for p in SEEDS]
    j = _journal(tmp_path)
    j.open()
    run_batch(items[:1], RULES, j)
    j.close()
    whole = j.path.read_bytes()
    j.path.write_bytes(whole + b'{"id": "' + str(SEEDS[1]).encode() + b'", "status": "o')  # torn
    j2 = _journal(tmp_path)
    j2.open()
    assert j2.path.read_bytes() == whole  # truncated back to the last full line
    stats = run_batch(items, RULES, j2)
    assert (stats.resumed, stats.ok, stats.failed) == (1, 1, 0)
    out = tmp_path / "r.jsonl"
    j2.compact([i.id for i in items], out, None)
    assert [r["id"] for r in records(out)] == [i.id for i in items]
    assert not j2.path.exists()


def test_resume_with_other_settings_is_refused(tmp_path: Path) -> None:
    j = _journal(tmp_path)
    j.open()
    j.close()
    other = load_settings(engine="llm", base_url="http://127.0.0.1:9/v1", model="m", env={})
    j2 = Journal(j.path, fingerprint(other, "live"))
    with pytest.raises(ConfigError, match="other settings"):
        j2.open()


def test_errors_are_retried_on_resume_but_ok_records_are_kept(tmp_path: Path) -> None:
    missing = tmp_path / "late.txt"
    items = [Item(id=str(SEEDS[0]), path=str(SEEDS[0])), Item(id=str(missing), path=str(missing))]
    j = _journal(tmp_path)
    j.open()
    s1 = run_batch(items, RULES, j)
    assert (s1.ok, s1.failed) == (1, 1)
    j.close()
    missing.write_text(SEEDS[1].read_text(encoding="utf-8"), encoding="utf-8")  # it appears
    j2 = _journal(tmp_path)
    j2.open()
    s2 = run_batch(items, RULES, j2, stats=BatchStats())
    assert (s2.resumed, s2.ok, s2.failed) == (1, 1, 0)
    out = tmp_path / "r.jsonl"
    j2.compact([i.id for i in items], out, None)
    assert [r["status"] for r in records(out)] == ["ok", "ok"]  # the last record of an id wins


@pytest.mark.parametrize(
    "journaled",
    [
        ["a1", "b1", "c1"],  # a run that was not resumed: copied as one slice
        ["b1", "a1", "c1"],  # out of order (a resumed run, or -j N answers): record by record
        ["a1", "b1", "c1", "b2"],  # b retried on resume: its last record wins
        ["a1", "b1", "c1", "z1"],  # a record of an input no longer given is left out
        ["z1", "a1", "b1", "c1"],
    ],
)
def test_compact_writes_the_last_record_of_each_input_in_input_order(
    journaled: list[str], tmp_path: Path
) -> None:
    import io

    def line(rec: str) -> str:
        return json.dumps({"id": rec[0], "status": "ok", "v": rec[1], "pad": "x" * 3000}) + "\n"

    ids = ["a", "b", "c"]
    last = {rec[0]: rec for rec in journaled}
    expected = "".join(line(last[i]) for i in ids).encode()
    for target in (tmp_path / "out.jsonl", None):
        j = _journal(tmp_path)
        j.open()
        j.append(journaled[0][0], line(journaled[0]), True)
        j.append_many([(rec[0], line(rec), True) for rec in journaled[1:]])
        out = io.BytesIO()
        j.compact(ids, target, None if target else out)
        assert (target.read_bytes() if target else out.getvalue()) == expected
        assert not j.path.exists()


def test_rules_cache_hit_reuses_report_with_the_new_source(tmp_path: Path) -> None:
    from summarizer.cache import ReportCache

    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEEDS[0].read_bytes())
    cache = ReportCache(tmp_path / "cache")
    j = _journal(tmp_path)
    j.open()
    stats = run_batch([Item(id="x", path=str(SEEDS[0])), Item(id="y", path=str(copy))], RULES, j,
                      cache=cache)  # fmt: skip
    assert (stats.ok, stats.cached) == (2, 1)
    j.compact(["x", "y"], tmp_path / "o.jsonl", None)
    x, y = records(tmp_path / "o.jsonl")
    assert y["report"]["source"]["path"] == str(copy)  # type: ignore[index]
    assert x["report"]["actors"] == y["report"]["actors"]  # type: ignore[index]


@pytest.mark.parametrize("fmt", ["md", "stix", "misp", "html"])
def test_batch_formats(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    r = run_cli(*map(str, SEEDS), "-o", str(out), "--engine", "rules", "-f", fmt, "-q")
    assert r.returncode == 0, r.stderr
    text = "" if fmt == "misp" else out.read_text(encoding="utf-8")
    if fmt == "md":
        assert text.count("\n# ") + text.startswith("# ") == 2  # two briefs
    elif fmt == "stix":
        bundle = json.loads(text)
        assert bundle["type"] == "bundle"
        assert sum(o["type"] == "report" for o in bundle["objects"]) == 2
    elif fmt == "misp":  # a MISP feed folder
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert len(manifest) == 2 and all((out / f"{u}.json").is_file() for u in manifest)
    else:
        assert text.count('lang="ja"') >= 2
    assert not (tmp_path / f"out.{fmt}.part").exists()


def test_bad_usage_is_one_line(tmp_path: Path) -> None:
    r = run_cli(str(tmp_path / "none*.txt"), "--engine", "rules", "-q", cwd=tmp_path)
    assert r.returncode == 10
    assert b"no file matches" in r.stdout
    r = run_cli("-", "-", "--engine", "rules", stdin=b"", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.decode().count("\n") == 1
    r = run_cli(str(SEEDS[0]), "--export-openai-batch", str(tmp_path / "x.jsonl"), cwd=tmp_path)
    assert r.returncode == 2 and b"--model" in r.stderr


def test_an_unexpected_error_on_one_article_becomes_its_error_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug triggered by one input costs only that input (the bug is simulated here)."""
    import summarizer.pipeline

    real = summarizer.pipeline.summarize_document

    def buggy(doc, settings):  # type: ignore[no-untyped-def]
        if "BUG" in doc.text:
            raise RuntimeError("boom")
        return real(doc, settings)

    monkeypatch.setattr(summarizer.pipeline, "summarize_document", buggy)
    items = [Item(id="good", path=str(SEEDS[0])), Item(id="bad", text="BUGを含む記事。"),
             Item(id="surrogate", text="x\ud800y"), Item(id="good2", path=str(SEEDS[1]))]  # fmt: skip
    j = _journal(tmp_path)
    j.open()
    stats = run_batch(items, RULES, j)
    assert (stats.ok, stats.failed) == (2, 2)
    j.compact([i.id for i in items], tmp_path / "o.jsonl", None)
    recs = {r["id"]: r for r in records(tmp_path / "o.jsonl")}
    assert recs["bad"]["error"]["exit_code"] == 1  # type: ignore[index]
    assert "RuntimeError: boom" in recs["bad"]["error"]["message"]  # type: ignore[index]
    assert recs["surrogate"]["error"]["exit_code"] == 5  # type: ignore[index]
    assert recs["good2"]["status"] == "ok"


def test_a_resume_with_another_published_date_is_a_different_run() -> None:
    from summarizer.batch import fingerprint
    from summarizer.config import load_settings

    base = load_settings(engine="rules")
    a = fingerprint(base.with_(published="2024-03-25"), "jsonl")
    b = fingerprint(base.with_(published="2024-03-26"), "jsonl")
    assert a != b != fingerprint(base, "jsonl")
