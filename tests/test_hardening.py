"""Issue 10: misuse a hostile or careless user tries, each with the exit code and one line the
README promises. Real processes and real local servers throughout (tests/faults.py on
127.0.0.1); the sentences are synthetic.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarizer.batch import Journal, expand_inputs, fingerprint
from summarizer.cache import ReportCache
from summarizer.config import load_settings
from summarizer.errors import BusyError
from summarizer.redact import MASK, printable, redact, register_secret
from tests.faults import FaultServer

ROOT = Path(__file__).resolve().parent.parent
ENV = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
CMD = [sys.executable, "-m", "summarizer"]
SENTENCE = "警察庁は、ハッカー集団APT31がCVE-2024-1234を悪用して国内の企業を攻撃したと発表した。"
ARTICLE = SENTENCE * 3


def run(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CMD, *args], capture_output=True, text=True, cwd=cwd,
                          env={**ENV, **(env or {})}, timeout=timeout)  # fmt: skip


def sh(script: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run through /bin/sh for redirections Python cannot express (``<&-``, ``>&-``)."""
    return subprocess.run(["/bin/sh", "-c", script], capture_output=True, text=True,
                          env={**ENV, **(env or {})}, timeout=120)  # fmt: skip


def one_error_line(stderr: str) -> str:
    """The stderr of a failed run: exactly one line, starting ``error:`` (engine and server
    notes aside)."""
    lines = [ln for ln in stderr.splitlines() if not ln.startswith(("engine:", "server:"))]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: "), stderr
    return lines[0]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "article.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def llm_texts(n: int) -> list[str]:
    return [f"記事{i}。警察庁はAPT31による攻撃を確認した。攻撃者はCVE-2024-{1000 + i}を悪用した。"
            for i in range(n)]  # fmt: skip


def write_jsonl(path: Path, records: list[dict[str, str]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")  # fmt: skip


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -- 1. one batch per output ---------------------------------------------------------------------
def test_second_batch_on_the_same_output_refuses_and_the_first_loses_nothing(
    tmp_path: Path,
) -> None:
    """Two real processes on one -o (a cron job overlapping itself)."""
    inputs = tmp_path / "in.jsonl"
    write_jsonl(inputs, [{"id": f"a{i:03d}", "text": t} for i, t in enumerate(llm_texts(60))])
    out = tmp_path / "out.jsonl"
    with FaultServer(latency=0.3) as srv:  # ~9 s of work: the second starts well within it
        args = ["batch", str(inputs), "-o", str(out), "-j", "2", "-q", "--engine", "llm",
                "--base-url", srv.url, "--model", "fault-model", "--no-cache"]  # fmt: skip
        first = subprocess.Popen([*CMD, *args], env=ENV, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)  # fmt: skip
        part = tmp_path / "out.jsonl.part"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if part.exists() and part.read_text(encoding="utf-8").count("\n") >= 3:
                break
            time.sleep(0.05)
        assert first.poll() is None, "the first batch ended before the second could start"
        t0 = time.monotonic()
        second = run(*args, timeout=60)
        refused_in = time.monotonic() - t0
        _, err = first.communicate(timeout=120)
    assert second.returncode == 11, second.stderr
    assert second.stderr.count("\n") == 1 and "another batch" in one_error_line(second.stderr)
    assert refused_in < 15  # at once: it did not wait for the first, nor run anything
    assert first.returncode == 0, err
    recs = records(out)
    assert [r["id"] for r in recs] == [f"a{i:03d}" for i in range(60)]
    assert all(r["status"] == "ok" for r in recs)
    assert not part.exists()


def test_journal_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    settings = load_settings(engine="rules", env={})
    path = tmp_path / "o.jsonl.part"
    j1 = Journal(path, fingerprint(settings, "live"))
    j1.open()
    j2 = Journal(path, fingerprint(settings, "live"))
    with pytest.raises(BusyError):
        j2.open()
    j1.close()
    j2.open()  # a finished (or killed) run frees it
    j2.close()


# -- 2. outputs only to regular files ------------------------------------------------------------
def _make(kind: str, path: Path, tmp_path: Path) -> None:
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "symlink to a file":
        real = tmp_path / "real.txt"
        real.write_text("keep me\n", encoding="utf-8")
        path.symlink_to(real)
    elif kind == "symlink to /dev/stdout":
        path.symlink_to("/dev/stdout")
    elif kind == "dangling symlink":
        path.symlink_to(tmp_path / "nowhere.txt")


KINDS = ["directory", "fifo", "symlink to a file", "symlink to /dev/stdout", "dangling symlink"]


@pytest.mark.parametrize("command", ["summarize", "batch"])
@pytest.mark.parametrize("kind", KINDS)
def test_output_that_is_not_a_regular_file_is_refused_not_replaced(
    command: str, kind: str, tmp_path: Path, article: Path
) -> None:
    target = tmp_path / "out"
    _make(kind, target, tmp_path)
    before = os.lstat(target)
    r = run(command, str(article), "-o", str(target), "--engine", "rules", timeout=60)
    assert r.returncode == 3, r.stderr
    assert "refusing to write" in one_error_line(r.stderr)
    after = os.lstat(target)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)
    assert after.st_ino == before.st_ino
    if kind == "symlink to a file":
        assert (tmp_path / "real.txt").read_text(encoding="utf-8") == "keep me\n"
    assert not list(tmp_path.glob(".out.*.tmp"))


@pytest.mark.skipif(os.geteuid() != 0, reason="creating a device node needs root")
def test_device_output_is_refused(tmp_path: Path, article: Path) -> None:
    """A private null device in tmp_path, never the real /dev/null: were the refusal to regress,
    a run as root would replace the device with a regular file (what issue 10 saw)."""
    dev = tmp_path / "null"
    try:
        os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("this container does not allow device nodes")
    r = run("summarize", str(article), "-o", str(dev), "--engine", "rules")
    assert r.returncode == 3
    assert "character device" in one_error_line(r.stderr)
    assert stat.S_ISCHR(os.lstat(dev).st_mode)


def test_regular_output_keeps_ordinary_permissions(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "brief.md"
    assert run("summarize", str(article), "-o", str(out), "--engine", "rules").returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) & 0o044  # not mkstemp's 0600


# -- 3. secrets ----------------------------------------------------------------------------------
KEY = "correct-horse-battery-staple-4242"  # no key-like shape: only the configured key finds it


@pytest.mark.parametrize("status", [400, 401, 403, 422, 429, 500])
def test_key_echoed_by_the_server_never_leaks(status: int, tmp_path: Path) -> None:
    """A server that echoes the Authorization header (and all headers) in its error body."""
    (tmp_path / "key").write_text(KEY + "\n", encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text(f"ECHO-AUTH-{status} {ARTICLE}", encoding="utf-8")
    with FaultServer() as srv:
        base = ["summarize", str(art), "--base-url", srv.url, "--model", "m"]
        plain = run(*base, "--api-key-file", str(tmp_path / "key"))
        raised = run(*base, env={"SUMMARIZER_API_KEY": KEY, "SUMMARIZER_RAISE_ERRORS": "1"})
        assert srv.faults[f"echo-{status}"] >= 2  # the server did echo it, twice or more
    assert plain.returncode == (8 if status in (401, 403) else 6), plain.stderr
    one_error_line(plain.stderr)
    assert "Traceback" in raised.stderr
    for out in (plain.stdout, plain.stderr, raised.stdout, raised.stderr):
        assert KEY not in out
        assert KEY[:16] not in out  # not even a truncated piece


def test_key_echoed_by_the_server_is_not_in_batch_records(tmp_path: Path) -> None:
    inputs = tmp_path / "in.jsonl"
    write_jsonl(inputs, [{"id": f"s{s}", "text": f"ECHO-AUTH-{s} {ARTICLE}"}
                         for s in (400, 422, 429, 500)])  # fmt: skip
    out = tmp_path / "out.jsonl"
    with FaultServer() as srv:
        r = run("batch", str(inputs), "-o", str(out), "--engine", "llm", "--base-url", srv.url,
                "--model", "m", "--retries", "0", "--no-cache", "-j", "4",
                env={"SUMMARIZER_API_KEY": KEY})  # fmt: skip
        auth_in = tmp_path / "auth.jsonl"
        write_jsonl(auth_in, [{"id": "s401", "text": f"ECHO-AUTH-401 {ARTICLE}"}])
        stopped = run("batch", str(auth_in), "-o", str(tmp_path / "o401.jsonl"), "--engine",
                      "llm", "--base-url", srv.url, "--model", "m", "--no-cache",
                      env={"OPENAI_API_KEY": KEY})  # fmt: skip
    assert stopped.returncode == 8, stopped.stderr
    assert KEY not in stopped.stderr + stopped.stdout
    assert r.returncode == 10, r.stderr
    recs = records(out)
    assert [x["status"] for x in recs] == ["error"] * 4
    text = out.read_text(encoding="utf-8") + r.stderr + r.stdout
    assert KEY not in text and KEY[:16] not in text
    assert (
        "(HTTP 422): request rejected" in text
    )  # the server's message is still there, key removed


def test_redact_removes_key_shapes_but_keeps_digests() -> None:
    register_secret("my-configured-secret-value")
    sha = "cb35689aec71" + "0" * 52
    text = (
        "auth: Bearer abcDEF123456ghiJKL, key sk-proj-Abc123def456GHI789, "
        "api_key=hunter2hunter2 my-configured-secret-value "
        "hex 0123456789abcdef0123456789abcdef01 b64 QWxhZGRpbjpvcGVuIHNlc2FtZQ9xYz12Ab "
        f"https://user:pa55word@example.com/v1 sha256 {sha} 警察庁が発表した。 /tmp/a/b.txt "
        "Report_2024_APT31_Analysis_Final_v2.txt: no such file"
    )
    out = redact(text)
    for secret in ("abcDEF123456ghiJKL", "sk-proj-Abc123def456GHI789", "hunter2hunter2",
                   "my-configured-secret-value", "0123456789abcdef0123456789abcdef01",
                   "QWxhZGRpbjpvcGVuIHNlc2FtZQ9xYz12Ab", "pa55word"):  # fmt: skip
        assert secret not in out, secret
    for kept in (sha, "警察庁が発表した。", "/tmp/a/b.txt", "example.com/v1", "Bearer",
                 "Report_2024_APT31_Analysis_Final_v2.txt"):  # fmt: skip
        assert kept in out, kept
    assert out.count(MASK) >= 7


def test_api_key_file_given_the_key_itself_never_prints_it(article: Path) -> None:
    key = "sk-live-0123456789abcdefABCDEF"
    r = run("summarize", str(article), "--api-key-file", key, "--base-url", "http://127.0.0.1:9")
    assert r.returncode == 2
    line = one_error_line(r.stderr)
    assert key not in line and key[:12] not in line
    assert "looks like a key" in line


# -- 4. JSONL paths stay in their folder ---------------------------------------------------------
def test_jsonl_paths_outside_their_folder_become_error_records(tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "inside.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "deep.txt").write_text(ARTICLE, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("秘密の鍵。" + ARTICLE, encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    (folder / "linkdir").symlink_to(tmp_path)
    write_jsonl(folder / "list.jsonl", [
        {"id": "inside", "path": "inside.txt"},
        {"id": "deep", "path": "sub/../sub/deep.txt"},
        {"id": "absolute", "path": str(secret)},
        {"id": "dotdot", "path": "../secret.txt"},
        {"id": "home", "path": "~/secret.txt"},
        {"id": "symlink", "path": "link.txt"},
        {"id": "symlinked-dir", "path": "linkdir/secret.txt"},
    ])  # fmt: skip
    out = tmp_path / "out.jsonl"
    r = run("batch", str(folder / "list.jsonl"), "-o", str(out), "--engine", "rules", "-q")
    assert r.returncode == 10, r.stderr
    status = {x["id"]: x["status"] for x in records(out)}
    assert status == {"inside": "ok", "deep": "ok", "absolute": "error", "dotdot": "error",
                      "home": "error", "symlink": "error", "symlinked-dir": "error"}  # fmt: skip
    assert "秘密" not in out.read_text(encoding="utf-8")
    allowed = run("batch", str(folder / "list.jsonl"), "-o", str(tmp_path / "all.jsonl"),
                  "--engine", "rules", "-q", "--allow-paths-outside",
                  env={"HOME": str(tmp_path)})  # fmt: skip
    assert allowed.returncode == 0, allowed.stderr
    assert all(x["status"] == "ok" for x in records(tmp_path / "all.jsonl"))


# -- 5. distinct ids -----------------------------------------------------------------------------
def test_duplicate_ids_stay_distinct_and_the_counts_are_true(tmp_path: Path) -> None:
    inputs = tmp_path / "in.jsonl"
    write_jsonl(inputs, [{"id": "a", "text": "APT31が攻撃した。"},
                         {"id": "a", "text": "APT40が攻撃した。"},
                         {"id": "a#2", "text": "APT10が攻撃した。"},
                         {"id": "a", "text": "ラザルスが攻撃した。"}])  # fmt: skip
    ids = [it.id for it in expand_inputs([str(inputs)])]
    assert ids == ["a", "a#2", "a#2#2", "a#3"]
    assert ids == [it.id for it in expand_inputs([str(inputs)])]  # deterministic: resumable
    out = tmp_path / "out.jsonl"
    summary = tmp_path / "summary.json"
    r = run("batch", str(inputs), "-o", str(out), "--engine", "rules", "-q",
            "--summary-json", str(summary))  # fmt: skip
    assert r.returncode == 0, r.stderr
    recs = records(out)
    assert [x["id"] for x in recs] == ids
    actors = [[a["name"] for a in x["report"]["actors"]] for x in recs]  # type: ignore[index]
    assert actors == [["APT31"], ["APT40"], ["APT10"], ["Lazarus Group"]]
    counts = json.loads(summary.read_text(encoding="utf-8"))
    assert (counts["total"], counts["ok"], counts["resumed"], counts["failed"]) == (4, 4, 0, 0)


# -- 6. exit codes -------------------------------------------------------------------------------
def test_closed_stdin_is_an_input_error() -> None:
    r = sh(f"'{sys.executable}' -m summarizer summarize - <&-")
    assert r.returncode == 3, r.stderr
    assert "standard input is closed" in one_error_line(r.stderr)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_stdout_full_is_an_output_error(article: Path) -> None:
    r = sh(f"'{sys.executable}' -m summarizer summarize '{article}' > /dev/full")
    assert r.returncode == 3, r.stderr
    assert "No space left" in one_error_line(r.stderr)


@pytest.mark.parametrize("command", ["summarize", "batch"])
def test_stdout_closed_is_an_output_error_not_a_silent_success(command: str,
                                                               article: Path) -> None:  # fmt: skip
    r = sh(f"'{sys.executable}' -m summarizer {command} '{article}' --engine rules >&-")
    assert r.returncode == 3, r.stderr
    assert "standard output is closed" in one_error_line(r.stderr)


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"SUMMARIZER_MAX_TOKENS": "nan"}, "SUMMARIZER_MAX_TOKENS must be a finite number"),
        ({"SUMMARIZER_MAX_TOKENS": "1e9999"}, "SUMMARIZER_MAX_TOKENS must be a finite number"),
        ({"SUMMARIZER_CHUNK_CHARS": "0"}, "SUMMARIZER_CHUNK_CHARS must be at least 200"),
        ({"SUMMARIZER_CHUNK_CHARS": "5"}, "SUMMARIZER_CHUNK_CHARS must be at least 200"),
        ({"SUMMARIZER_CHUNK_CHARS": "1"}, "SUMMARIZER_CHUNK_CHARS must be at least 200"),
        ({"SUMMARIZER_CHUNK_CHARS": "nan"}, "SUMMARIZER_CHUNK_CHARS must be a finite number"),
        ({"SUMMARIZER_TEMPERATURE": "nan"}, "SUMMARIZER_TEMPERATURE must be a finite number"),
        ({"SUMMARIZER_TIMEOUT": "-1"}, "SUMMARIZER_TIMEOUT must be positive"),
        ({"SUMMARIZER_BASE_URL": "http://"}, "base URL names no host"),
        ({"SUMMARIZER_BASE_URL": "http://h:99999/v1"}, "bad host or port"),
        ({"SUMMARIZER_API_KEY_FILE": "/dev/zero"}, "not a regular file"),
    ],
)
def test_bad_environment_is_a_configuration_error(
    env: dict[str, str], words: str, article: Path
) -> None:
    r = run("summarize", str(article), env=env, timeout=60)
    assert r.returncode == 2, r.stderr
    assert words in one_error_line(r.stderr)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--chunk-chars", "5"], "--chunk-chars must be at least 200"),
        (["--timeout", "nan"], "--timeout must be a finite number"),
        (["--api-key-file", "/dev/zero"], "not a regular file"),
        (["--bogus"], "No such option: --bogus"),
        (["--format", "nope"], "'nope' is not one of"),
        (["--engine"], "requires an argument"),
    ],
)
def test_bad_flags_and_usage_are_one_line(args: list[str], words: str, article: Path) -> None:
    r = run("summarize", str(article), *args, timeout=60)
    assert r.returncode == 2, r.stderr
    assert words in one_error_line(r.stderr)


def test_missing_argument_is_one_line() -> None:
    r = run("summarize")
    assert r.returncode == 2
    assert "Missing argument" in one_error_line(r.stderr)


def test_fifo_with_no_writer_times_out(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    t0 = time.monotonic()
    r = run("summarize", str(fifo), env={"SUMMARIZER_READ_TIMEOUT": "1"}, timeout=30)
    assert r.returncode == 3, r.stderr
    assert "has no writer" in one_error_line(r.stderr)
    assert time.monotonic() - t0 < 25


def test_fifo_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    r = sh(f"(sleep 0.3; cat '{ROOT / 'seeds'}'/000_*.txt > '{fifo}') & "
           f"'{sys.executable}' -m summarizer summarize '{fifo}' -f json",
           env={"SUMMARIZER_READ_TIMEOUT": "20"})  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["actors"]


# -- 7. smaller ----------------------------------------------------------------------------------
def test_orphan_tmp_from_a_killed_compaction_is_removed_on_resume(tmp_path: Path,
                                                                  article: Path) -> None:  # fmt: skip
    out = tmp_path / "out.jsonl"
    orphan = tmp_path / ".out.jsonl.k1ll3d.tmp"
    orphan.write_text('{"id": "half', encoding="utf-8")
    unrelated = tmp_path / ".other.jsonl.x.tmp"
    unrelated.write_text("not ours", encoding="utf-8")
    r = run("batch", str(article), "-o", str(out), "--engine", "rules", "-q")
    assert r.returncode == 0, r.stderr
    assert not orphan.exists()
    assert unrelated.exists()
    assert len(records(out)) == 1
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    r = run("batch", str(empty), "-o", str(tmp_path / "none.jsonl"), "--engine", "rules")
    assert r.returncode == 3 and "no inputs found" in one_error_line(r.stderr)
    assert not (tmp_path / "none.jsonl.part").exists()  # a failed start leaves no journal


def test_terminal_escapes_in_quotes_are_shown_escaped(tmp_path: Path) -> None:
    p = tmp_path / "esc.txt"
    p.write_text("報道官は\x1b]0;pwned\x07米司法省が\x1b[2JAPT31のメンバーを起訴したと述べた。"
                 + "米司法省は、ハッカー集団のメンバー7人を起訴したと発表した。" * 8,
                 encoding="utf-8")  # fmt: skip
    r = run("summarize", str(p), "--engine", "rules")
    assert r.returncode == 0, r.stderr
    assert "APT31" in r.stdout
    for raw in ("\x1b", "\x07", "\x9b"):
        assert raw not in r.stdout
    assert "\\x1b]0;pwned\\x07" in r.stdout


def test_printable_escapes_c0_c1_and_bidi_but_keeps_text() -> None:
    assert printable("a\x1b[31mb\x9bc\u202ed\te\nf") == "a\\x1b[31mb\\x9bc\\u202ed\te\nf"
    assert printable("警察庁「APT31」") == "警察庁「APT31」"


def test_cache_key_includes_the_whole_base_url() -> None:
    from summarizer.ingest import decode
    from summarizer.pipeline import cache_key

    doc = decode(ARTICLE.encode("utf-8"))
    a = load_settings(engine="llm", base_url="http://127.0.0.1:8000/a/v1", model="m", env={})
    b = load_settings(engine="llm", base_url="http://127.0.0.1:8000/b/v1", model="m", env={})
    assert cache_key(doc, a) != cache_key(doc, b)
    assert fingerprint(a, "live") != fingerprint(b, "live")


def test_cached_report_whose_evidence_does_not_match_is_not_served(tmp_path: Path) -> None:
    inputs = tmp_path / "in.jsonl"
    write_jsonl(inputs, [{"id": "x", "text": llm_texts(1)[0]}])
    cache = tmp_path / "cache"
    with FaultServer() as srv:
        args = ["batch", str(inputs), "--engine", "llm", "--base-url", srv.url, "--model", "m",
                "--cache-dir", str(cache), "-q"]  # fmt: skip
        assert run(*args, "-o", str(tmp_path / "1.jsonl")).returncode == 0
        first = srv.requests
        assert run(*args, "-o", str(tmp_path / "2.jsonl")).returncode == 0
        assert srv.requests == first  # a good entry is served
        (entry,) = cache.rglob("*.json")
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["actors"][0]["evidence"][0]["quote"] = "偽の引用"
        entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        assert run(*args, "-o", str(tmp_path / "3.jsonl")).returncode == 0
        assert srv.requests > first  # the tampered entry was not served: extracted again
    (rec,) = records(tmp_path / "3.jsonl")
    quotes = [e["quote"] for a in rec["report"]["actors"] for e in a["evidence"]]  # type: ignore[index]
    assert "偽の引用" not in quotes and "APT31" in quotes


def test_report_cache_checks_offsets_against_the_text(tmp_path: Path) -> None:
    from summarizer.ingest import decode
    from summarizer.pipeline import summarize_document

    doc = decode(ARTICLE.encode("utf-8"))
    report = summarize_document(doc, load_settings(engine="rules", env={}))
    cache = ReportCache(tmp_path)
    cache.put("k" * 64, report)
    assert cache.get("k" * 64, doc.source, doc.text) is not None
    assert cache.get("k" * 64, doc.source, "別の記事。" + doc.text) is None
    assert cache.rejected == 1


# -- 8. huge input: bounded windows --------------------------------------------------------------
def test_huge_input_is_read_in_sentence_aligned_windows_with_exact_offsets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from summarizer import pipeline
    from summarizer.ingest import decode
    from summarizer.rules import RulesExtractor

    seen: list[int] = []
    real = RulesExtractor.extract

    def spy(self: RulesExtractor, text: str) -> object:
        seen.append(len(text))
        return real(self, text)

    monkeypatch.setattr(RulesExtractor, "extract", spy)
    monkeypatch.setattr(pipeline, "RULES_WINDOW_CHARS", 1000)
    filler = "会議では今後の対応について議論が行われたと関係者は説明している。"
    text = (SENTENCE + filler * 60 + "別の報告によると、ハッカー集団APT40も活動を続けている。"
            + filler * 60 + "最後に、CVE-2023-9999の悪用も確認された。")  # fmt: skip
    doc = decode(text.encode("utf-8"))
    report = pipeline.summarize_document(doc, load_settings(engine="rules", env={}))
    assert len(seen) >= 3 and max(seen) <= 1000
    names = {a.name for a in report.actors}
    assert {"APT31", "APT40"} <= names
    assert {v.cve for v in report.vulnerabilities} >= {"CVE-2024-1234", "CVE-2023-9999"}
    for field in ("actors", "vulnerabilities", "victims", "malware"):
        for entity in getattr(report, field):
            for ev in entity.evidence:
                assert doc.text[ev.start : ev.end] == ev.quote
    last = next(v for v in report.vulnerabilities if v.cve == "CVE-2023-9999")
    assert last.evidence[0].start > 3000  # offsets into the whole text, not the window


def test_exit_codes_agree_in_readme_help_and_code() -> None:
    import re

    from summarizer.errors import EXIT_CODES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    in_readme = {int(m) for m in re.findall(r"^\| (\d+) \|", table, re.M)}
    r = run("--help", env={"COLUMNS": "300"})
    helptext = " ".join(r.stdout.split())
    listed = helptext.split("Exit codes:", 1)[1].split("Set SUMMARIZER_RAISE_ERRORS", 1)[0]
    in_help = {int(m) for m in re.findall(r"(?:^|, )\s*(\d+) ", listed)}
    assert in_readme == set(EXIT_CODES) == in_help, (in_readme, in_help)
