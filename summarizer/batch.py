"""Batch extraction that loses nothing: inputs -> one record per input, resumable, cached.

Inputs are files, directories (searched recursively for .txt/.html/.htm/.md), globs, or JSONL
files of ``{"id", "text"}`` / ``{"id", "path"}`` records (``-`` reads such JSONL from stdin).
They are streamed, never all held in memory.

Every input ends as exactly one record::

    {"id": ID, "status": "ok", "report": ThreatReport}
    {"id": ID, "status": "error", "error": {"type": ..., "message": ..., "exit_code": N}}

Records are appended, one ``write`` per line (per chunk of lines under ``-j N``), to a journal
``OUT.part`` as they finish; a killed run leaves at most one torn last line, which the next run
drops. The next run with the
same output resumes: inputs with an ``ok`` record are skipped, the rest (errors included) run
again. When every input has a record the journal is compacted into ``OUT`` in input order
(atomically: a temporary file renamed) and removed, so an interrupted-and-resumed batch ends
with the same file as an uninterrupted one. The journal's first line fingerprints the settings;
resuming with different settings is refused rather than mixing results.

Reports are cached by content (``pipeline.cache_key``) for the LLM engine, so a re-run of a
finished batch makes no request. Transient server failures (5xx, 429, timeouts, resets) are
retried per request by the LLM layer and then, per article, in up to ``retry_rounds`` later
rounds before they become error records; a credentials or configuration error stops the
batch (every article would fail the same way) with the journal kept for a resume.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from summarizer.config import Settings
from summarizer.errors import (
    AuthError,
    ConfigError,
    DecodeError,
    InputError,
    ServerUnreachableError,
    SummarizerError,
    UpstreamError,
)
from summarizer.fsutil import atomic_open
from summarizer.models import ThreatReport

__all__ = [
    "BatchStats",
    "Item",
    "Journal",
    "count_items",
    "expand_inputs",
    "export_openai_batch",
    "load_document",
    "run_batch",
]

TEXT_SUFFIXES = (".txt", ".html", ".htm", ".md", ".text")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JOURNAL_VERSION = 1


# -- inputs ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Item:
    """One input of a batch: a file to read, inline text, or an input that is already bad."""

    id: str
    path: str | None = None
    text: str | None = None
    url: str | None = None
    error: str | None = None  # why this input cannot be read (bad JSONL line, no match)


def _is_glob(spec: str) -> bool:
    return any(c in spec for c in "*?[") and not os.path.exists(spec)


def resolve_record_path(raw: str, base: Path, allow_outside: bool) -> tuple[str | None, str]:
    """A JSONL record's ``path`` resolved against the JSONL file's folder ``base``.

    Returns ``(path, "")``, or ``(None, why)`` when the path leaves ``base``: absolute, ``~``,
    ``..`` above it, or a symlink (anywhere on the way) that resolves outside it. With
    ``allow_outside`` (``--allow-paths-outside``) any path is taken as given.
    """
    if allow_outside:
        p = Path(raw).expanduser()
        return str(p if p.is_absolute() else base / p), ""
    why = "record paths must stay inside the JSONL file's folder (--allow-paths-outside lifts this)"
    if not raw or "\0" in raw:
        return None, f"path {raw!r} is empty or holds a NUL byte"
    if raw.startswith("~"):
        return None, f"path {raw!r} starts with '~': {why}"
    if Path(raw).is_absolute():
        return None, f"path {raw!r} is absolute: {why}"
    root = os.path.realpath(base)
    real = os.path.realpath(os.path.join(root, raw))
    if os.path.commonpath([root, real]) != root:
        via = "resolves (through '..' or a symlink) to a place" if ".." in Path(raw).parts \
            else "is a symlink to a place"  # fmt: skip
        return None, f"path {raw!r} {via} outside the JSONL file's folder: {why}"
    return str(base / raw), ""


def _jsonl_items(
    lines: Iterable[str], origin: str, base: Path, allow_outside: bool = False
) -> Iterator[Item]:
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield Item(id=where, error=f"{where}: not a JSON line ({e.msg})")
            continue
        if not isinstance(rec, dict):
            yield Item(id=where, error=f"{where}: expected an object with id and text or path")
            continue
        rid = str(rec["id"]) if rec.get("id") is not None else where
        url = rec.get("url") if isinstance(rec.get("url"), str) else None
        if isinstance(rec.get("text"), str):
            yield Item(id=rid, text=rec["text"], url=url)
        elif isinstance(rec.get("path"), str):
            path, why = resolve_record_path(rec["path"], base, allow_outside)
            if path is None:
                yield Item(id=rid, error=f"{where}: {why}")
            else:
                yield Item(id=rid, path=path, url=url)
        else:
            yield Item(id=rid, error=f"{where}: record has neither a 'text' nor a 'path' string")


def _dir_files(directory: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.lower().endswith(TEXT_SUFFIXES) and not name.startswith("."):
                found.append(os.path.join(root, name))
    return sorted(found)


def _raw_items(specs: list[str], stdin_path: str | None, allow_outside: bool) -> Iterator[Item]:
    for spec in specs:
        if spec == "-":
            if stdin_path is None:
                raise InputError("'-' (JSONL on stdin) can be given only once")
            with open(stdin_path, encoding="utf-8", errors="replace") as fh:
                yield from _jsonl_items(fh, "stdin", Path.cwd(), allow_outside)
        elif _is_glob(spec):
            matches = sorted(glob.glob(os.path.expanduser(spec), recursive=True))
            if not matches:
                yield Item(id=spec, error=f"{spec}: no file matches this pattern")
            for m in matches:
                yield from _path_items(m, allow_outside)
        else:
            yield from _path_items(spec, allow_outside)


def _path_items(spec: str, allow_outside: bool) -> Iterator[Item]:
    if os.path.isdir(spec):
        files = _dir_files(spec)
        if not files:
            yield Item(id=spec, error=f"{spec}: directory holds no .txt/.html/.md files")
        for f in files:
            yield Item(id=f, path=f)
    elif spec.lower().endswith(JSONL_SUFFIXES) and os.path.isfile(spec):
        try:
            with open(spec, encoding="utf-8", errors="replace") as fh:
                yield from _jsonl_items(fh, spec, Path(spec).parent, allow_outside)
        except OSError as e:
            yield Item(id=spec, error=f"{spec}: cannot read ({e.strerror or e})")
    else:
        yield Item(id=spec, path=spec)  # read_input reports missing/unreadable files


def expand_inputs(
    specs: list[str], *, stdin_path: str | None = None, allow_outside: bool = False
) -> Iterator[Item]:
    """Inputs in a stable order with distinct ids.

    A repeated id gets the first free ``#N`` suffix (``#2``, ``#3`` ...), skipping any id already
    given, so ids ``a``, ``a``, ``a#2`` become ``a``, ``a#2``, ``a#2#2``: deterministic for the
    same inputs (a resume finds the same ids) and never two inputs with one id.

    Args:
        specs: files, directories, globs, JSONL files, or ``-`` (JSONL read from ``stdin_path``,
            where the CLI spooled standard input so it can be read twice).
        allow_outside: let JSONL ``path`` records leave the JSONL file's folder.
    """
    taken: set[str] = set()
    next_n: dict[str, int] = {}
    for item in _raw_items(specs, stdin_path, allow_outside):
        item_id = item.id
        if item_id in taken:
            n = next_n.get(item.id, 2)
            while f"{item.id}#{n}" in taken:
                n += 1
            next_n[item.id] = n + 1
            item_id = f"{item.id}#{n}"
            item = Item(item_id, item.path, item.text, item.url, item.error)
        taken.add(item_id)
        yield item


def count_items(
    specs: list[str], *, stdin_path: str | None = None, allow_outside: bool = False
) -> int:
    """How many items ``expand_inputs`` yields (for progress and ETA), streaming."""
    return sum(1 for _ in expand_inputs(specs, stdin_path=stdin_path, allow_outside=allow_outside))


def load_document(item: Item) -> Any:
    """The decoded ``Document`` of an item.

    Raises:
        InputError: the item cannot be read or decoded (subclasses for empty/undecodable).
    """
    from summarizer.ingest import decode, read_input

    if item.error:
        raise InputError(item.error)
    if item.text is not None:
        try:
            data = item.text.encode("utf-8")
        except UnicodeEncodeError:
            raise DecodeError(f"{item.id}: text holds invalid Unicode (lone surrogates)") from None
        return decode(data, path=None, url=item.url)
    assert item.path is not None
    doc = read_input(item.path)
    if item.url:
        doc = type(doc)(doc.text, doc.source.model_copy(update={"url": item.url}))
    return doc


# -- records and the journal ----------------------------------------------------------------------
def ok_record(item_id: str, report: ThreatReport) -> str:
    return (
        '{"id": ' + json.dumps(item_id, ensure_ascii=False) + ', "status": "ok", "report": '
        + report.model_dump_json() + "}\n"
    )  # fmt: skip


def _unexpected(err: Exception) -> SummarizerError:
    """An unexpected exception as a record-able error (exit code 1: a bug to report)."""
    return SummarizerError(f"unexpected {type(err).__name__}: {err} (please report it)")


def error_record(item_id: str, err: BaseException) -> str:
    from summarizer.redact import redact

    code = err.exit_code if isinstance(err, SummarizerError) else 1
    rec = {
        "id": item_id,
        "status": "error",
        "error": {"type": type(err).__name__, "message": redact(err), "exit_code": code},
    }
    return json.dumps(rec, ensure_ascii=False) + "\n"


@dataclass
class Entry:
    offset: int
    length: int
    ok: bool


class Journal:
    """Append-only JSONL of finished records, with a settings fingerprint as its first line."""

    def __init__(self, path: Path, fingerprint: str) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.entries: dict[str, Entry] = {}
        self._fd: int | None = None
        self._size = 0

    def open(self) -> None:
        """Lock the journal for this run, then read what a previous run left (dropping a torn
        last line) and open it for appending.

        The lock (``flock``, held until ``close``) is taken before anything is read or
        written, so a second batch on the same output refuses without touching the first's
        journal; the journal is unlinked before the lock is dropped (``compact``).

        Raises:
            BusyError: another batch holds the journal (exit 11).
            ConfigError: the journal was written with other settings.
            OutputError: something other than a regular file is at its path.
            InputError: it cannot be read or written.
        """
        from summarizer.fsutil import check_output, lock_exclusive

        header = json.dumps({"journal": JOURNAL_VERSION, "fingerprint": self.fingerprint}) + "\n"
        check_output(self.path)
        name = self.path.name
        what = str(self.path.with_name(name.removesuffix(".part")))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            while True:
                fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW
                             | os.O_CLOEXEC, 0o644)  # fmt: skip
                try:
                    lock_exclusive(fd, what)
                    # the run we waited on may have finished and unlinked this inode: retry
                    if os.path.samestat(os.fstat(fd), os.stat(self.path)):
                        break
                except FileNotFoundError:
                    pass
                except BaseException:
                    os.close(fd)
                    raise
                os.close(fd)
            self._fd = fd
            if os.fstat(fd).st_size:
                self._load()
            if os.fstat(fd).st_size == 0:  # new, or only a torn header was left
                os.write(fd, header.encode("utf-8"))
            self._size = os.fstat(fd).st_size
        except OSError as e:
            self.close()
            raise InputError(f"cannot write {self.path}: {e.strerror or e}") from None
        except BaseException:
            self.close()
            raise

    def _load(self) -> None:
        assert self._fd is not None
        with open(self._fd, "rb", closefd=False) as fh:
            fh.seek(0)
            data = fh.read()
        end = data.rfind(b"\n") + 1
        if end < len(data):  # a torn last line from a killed run
            os.ftruncate(self._fd, end)
            data = data[:end]
        offset = 0
        for raw in data.splitlines(keepends=True):
            try:
                rec = json.loads(raw)
            except ValueError:
                rec = None
            if offset == 0:
                if not isinstance(rec, dict) or rec.get("fingerprint") != self.fingerprint:
                    raise ConfigError(
                        f"{self.path} holds a batch run with other settings (engine, model, "
                        "prompt or chunking): rerun with the same options, or delete it to "
                        "start over"
                    )
            elif isinstance(rec, dict) and isinstance(rec.get("id"), str):
                self.entries[rec["id"]] = Entry(offset, len(raw), rec.get("status") == "ok")
            offset += len(raw)

    def done(self, item_id: str) -> bool:
        entry = self.entries.get(item_id)
        return entry is not None and entry.ok

    def append(self, item_id: str, line: str, ok: bool) -> None:
        data = line.encode("utf-8")
        assert self._fd is not None
        os.write(self._fd, data)  # one write per record: a kill tears at most the last line
        self.entries[item_id] = Entry(self._size, len(data), ok)
        self._size += len(data)

    def append_many(self, records: list[tuple[str, str, bool]]) -> None:
        """``append`` for several ``(id, line, ok)`` records in one write: a write cut short
        by a kill still leaves whole lines and at most one torn last line."""
        data = [line.encode("utf-8") for _, line, _ in records]
        assert self._fd is not None
        view = memoryview(b"".join(data))
        while view:
            view = view[os.write(self._fd, view) :]
        for (item_id, _, ok), raw in zip(records, data, strict=True):
            self.entries[item_id] = Entry(self._size, len(raw), ok)
            self._size += len(raw)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def records(self, ids: Iterable[str]) -> Iterator[tuple[str, bytes]]:
        """The last record of each id, in the order given (ids without one are skipped)."""
        with open(self.path, "rb") as fh:
            for item_id in ids:
                entry = self.entries.get(item_id)
                if entry is None:
                    continue
                fh.seek(entry.offset)
                yield item_id, fh.read(entry.length)

    def _span(self, ids: Iterable[str]) -> tuple[int, int] | None:
        """Where the records of ``ids`` lie when each is whole and right after the one before
        (a run that was not resumed journals them so): the output is then one slice."""
        start = end = -1
        for item_id in ids:
            entry = self.entries.get(item_id)
            if entry is None or (end >= 0 and entry.offset != end):
                return None
            if end < 0:
                start = entry.offset
            end = entry.offset + entry.length
        return (start, end) if end >= 0 else None

    def _write_records(self, ids: list[str], out: IO[bytes]) -> None:
        span = self._span(ids)
        if span is None:
            for _, raw in self.records(ids):
                out.write(raw)
            return
        start, end = span  # the same bytes as records(ids) gives, read in large blocks
        with open(self.path, "rb") as fh:
            fh.seek(start)
            while start < end:
                block = fh.read(min(end - start, 1 << 20))
                if not block:
                    raise OSError(f"{self.path} was cut short while being read")
                out.write(block)
                start += len(block)

    def compact(self, ids: Iterable[str], target: Path | None, out: IO[bytes] | None) -> None:
        """Write the records in input order to ``target`` (atomically) or ``out``, and remove
        the journal."""
        ids = list(ids)
        if target is None:
            assert out is not None
            self._write_records(ids, out)
            out.flush()
        else:
            with atomic_open(target, "wb", fsync=True) as fh:
                self._write_records(ids, fh)
        self.remove()

    def remove(self) -> None:
        """Delete the finished journal, then drop the lock (in that order: a run waiting on
        the lock must find no journal of ours)."""
        self.path.unlink(missing_ok=True)
        self.close()


def fingerprint(settings: Settings, mode: str) -> str:
    from summarizer import resources
    from summarizer.pipeline import prompt_id_for

    engine = settings.resolved_engine()
    parts = [mode, engine, prompt_id_for(settings), resources.schema_id()]
    if settings.uses_model:
        parts += [
            settings.base_url or "", settings.model or "", settings.profile,
            str(settings.temperature), str(settings.max_tokens), str(settings.chunk_chars),
            str(settings.context),
        ]  # fmt: skip
    if settings.published:  # --published dates every report: a resume must not mix two dates
        parts.append(f"published={settings.published}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


# -- running --------------------------------------------------------------------------------------
@dataclass
class BatchStats:
    total: int = 0
    ok: int = 0
    failed: int = 0
    cached: int = 0
    resumed: int = 0  # already done in the journal of an interrupted run
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    retried: int = 0  # articles sent again in a later round after a transient failure
    started: float = field(default_factory=time.monotonic)

    @property
    def finished(self) -> int:
        return self.ok + self.failed + self.resumed

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total, "ok": self.ok + self.resumed, "failed": self.failed,
            "cached": self.cached, "resumed": self.resumed, "requests": self.requests,
            "tokens": {"prompt": self.prompt_tokens, "completion": self.completion_tokens},
            "retried": self.retried, "seconds": round(self.seconds, 3),
        }  # fmt: skip


Outcome = Literal["ok", "failed", "cached", "resumed"]
OnResult = Callable[[str, Outcome, BatchStats, str | None], None]

# Faults worth another round later: the server may recover (not credentials or configuration).
_TRANSIENT = (UpstreamError,)
_FATAL = (AuthError, ConfigError)


def _is_transient(err: BaseException) -> bool:
    return isinstance(err, _TRANSIENT) and not isinstance(err, AuthError)


Processor = Callable[[Item, Any], ThreatReport]


@dataclass
class Runner:
    """Shared state of one batch run."""

    settings: Settings
    journal: Journal
    cache: Any  # ReportCache | None
    stats: BatchStats
    on_result: OnResult | None = None
    importer: Any = None  # OpenAIBatchResults | None: reports from Batch API results
    retry_rounds: int = 2
    retry_delay: float = 2.0

    def _finish(self, item: Item, line: str, outcome: Outcome, err: str | None = None) -> None:
        self.journal.append(item.id, line, outcome != "failed")
        self.tally(item.id, outcome, err)

    def tally(self, item_id: str, outcome: Outcome, err: str | None = None) -> None:
        """Count a journaled record and report it (``on_result``)."""
        if outcome == "failed":
            self.stats.failed += 1
        else:
            self.stats.ok += 1
            if outcome == "cached":
                self.stats.cached += 1
        if self.on_result:
            self.on_result(item_id, outcome, self.stats, err)

    def _count(self, report: ThreatReport) -> None:
        p = report.provenance
        self.stats.requests += p.requests
        self.stats.prompt_tokens += p.tokens.prompt
        self.stats.completion_tokens += p.tokens.completion

    def _count_failed(self, err: BaseException) -> None:
        """A failed attempt's requests count too (the pipeline keeps its Usage on the error)."""
        usage = getattr(err, "usage", None)
        if usage is not None:
            self.stats.requests += usage.requests
            self.stats.prompt_tokens += usage.prompt_tokens
            self.stats.completion_tokens += usage.completion_tokens

    def _cached(self, doc: Any) -> tuple[str | None, ThreatReport | None]:
        if self.cache is None:
            return None, None
        from summarizer.pipeline import cache_key, resolve_source

        key = cache_key(doc, self.settings)
        return key, self.cache.get(key, resolve_source(doc.source, self.settings), doc.text)

    def _store(self, key: str | None, report: ThreatReport, doc: Any) -> None:
        # a report missing a failed chunk is not cached: the next run tries that chunk again
        partial = any(w.startswith("skipped chunk") for w in report.warnings)
        if self.cache is None or key is None or partial:
            return
        answered = report.provenance.model
        if answered and self.settings.uses_model and answered != self.settings.model:
            # the server answered with another model than the one asked for/listed: file the
            # report under the model that made it, so it is never served for the other one
            from summarizer.pipeline import cache_key

            key = cache_key(doc, self.settings.with_(model=answered))
        self.cache.put(key, report)

    def run_sync(self, item: Item) -> None:
        """One item through the engine in this thread (rules engine, Batch API import)."""
        from summarizer.pipeline import summarize_document

        try:
            doc = load_document(item)
            key, hit = self._cached(doc)
            if hit is not None:
                self._finish(item, ok_record(item.id, hit), "cached")
                return
            if self.importer is not None:
                report = self.importer.report(item, doc, self.settings)
            else:
                report = summarize_document(doc, self.settings)
        except _FATAL as e:
            self._count_failed(e)
            raise
        except SummarizerError as e:
            self._count_failed(e)
            self._finish(item, error_record(item.id, e), "failed", str(e))
            return
        except Exception as e:  # a bug on one article must not cost the others
            self._finish(item, error_record(item.id, _unexpected(e)), "failed", str(e))
            return
        self._count(report)
        self._store(key, report, doc)
        self._finish(item, ok_record(item.id, report), "ok")

    async def run_async(self, item: Item) -> BaseException | None:
        """One item through the LLM; returns a transient error to retry in a later round."""
        import asyncio

        from summarizer.pipeline import asummarize_document

        try:
            doc = await asyncio.to_thread(load_document, item)
            key, hit = self._cached(doc)
            if hit is not None:
                self._finish(item, ok_record(item.id, hit), "cached")
                return None
            report = await asummarize_document(doc, self.settings)
        except _FATAL as e:
            self._count_failed(e)
            raise
        except SummarizerError as e:
            self._count_failed(e)
            if _is_transient(e):
                return e
            self._finish(item, error_record(item.id, e), "failed", str(e))
            return None
        except Exception as e:  # a bug on one article must not cost the others
            self._finish(item, error_record(item.id, _unexpected(e)), "failed", str(e))
            return None
        self._count(report)
        self._store(key, report, doc)
        self._finish(item, ok_record(item.id, report), "ok")
        return None

    def fail(self, item: Item, err: BaseException) -> None:
        self._finish(item, error_record(item.id, err), "failed", str(err))


async def _run_llm(runner: Runner, items: Iterator[Item], jobs: int) -> None:
    import asyncio  # here: the offline engine never needs it (30-90 ms to import)

    queue: asyncio.Queue[Item | None] = asyncio.Queue(maxsize=jobs * 2)
    later: list[tuple[Item, BaseException]] = []
    fatal: list[BaseException] = []

    async def worker() -> None:
        while True:
            item = await queue.get()
            try:
                if item is None:
                    return
                if fatal:
                    continue
                err = await runner.run_async(item)
                if err is not None:
                    later.append((item, err))
            except _FATAL as e:
                fatal.append(e)
            finally:
                queue.task_done()

    async def feed(source: Iterable[Item]) -> None:
        for item in source:
            if fatal:
                break
            await queue.put(item)

    for round_no in range(runner.retry_rounds + 1):
        workers = [asyncio.create_task(worker()) for _ in range(jobs)]
        try:
            await feed(items)
            for _ in workers:
                await queue.put(None)
            await asyncio.gather(*workers)
        finally:
            for w in workers:
                w.cancel()
        if fatal:
            raise fatal[0]
        if not later:
            return
        retry = later[:]
        later.clear()
        if round_no == runner.retry_rounds:
            for item, err in retry:
                runner.fail(item, err)
            return
        runner.stats.retried += len(retry)
        delay = runner.retry_delay * 2**round_no
        if any(isinstance(e, ServerUnreachableError) for _, e in retry):
            delay = max(delay, runner.retry_delay * 2)
        await asyncio.sleep(delay)
        items = iter([item for item, _ in retry])


def _usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_batch(
    items: Iterable[Item],
    settings: Settings,
    journal: Journal,
    *,
    jobs: int | None = None,
    cache: Any = None,
    importer: Any = None,
    on_result: OnResult | None = None,
    retry_rounds: int = 2,
    retry_delay: float = 2.0,
    stats: BatchStats | None = None,
) -> BatchStats:
    """Run every item not already done in ``journal``; append one record per item.

    Raises:
        AuthError, ConfigError: the server refuses us or the settings are unusable (the batch
            stops; what finished stays in the journal).
    """
    stats = stats or BatchStats()
    runner = Runner(settings, journal, cache, stats, on_result, importer, retry_rounds,
                    retry_delay)  # fmt: skip

    def todo() -> Iterator[Item]:
        for item in items:
            if journal.done(item.id):
                stats.resumed += 1
                if on_result:
                    on_result(item.id, "resumed", stats, None)
                continue
            yield item

    if jobs is None:  # the offline engine: a worker per usable core; a model server: 4 requests
        jobs = _usable_cores() if settings.resolved_engine() == "rules" else 4
    if settings.resolved_engine() == "rules" and importer is None and jobs > 1:
        from summarizer.procpool import run_parallel  # -j N: N worker processes

        run_parallel(runner, todo(), jobs)
    elif settings.resolved_engine() == "rules" or importer is not None:
        for item in todo():
            runner.run_sync(item)
    else:
        import asyncio

        asyncio.run(_run_llm(runner, todo(), max(1, jobs)))
    return stats


# -- OpenAI Batch API -----------------------------------------------------------------------------
def custom_id_prefix(item_id: str) -> str:
    """A short, stable custom_id prefix for an input (ids can be long paths)."""
    return hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:20]


def export_openai_batch(
    items: Iterable[Item], settings: Settings, out: IO[str]
) -> tuple[int, int, list[tuple[str, str]]]:
    """Write OpenAI Batch API request lines for every chunk of every input.

    Returns:
        (inputs written, request lines written, [(id, reason)] for inputs that could not be read)
    """
    from summarizer.llm import batch_request_lines
    from summarizer.pipeline import chunk_texts, hints_for_doc

    if not settings.model:
        raise ConfigError("--export-openai-batch needs --model (the Batch API names the model)")
    n_inputs = n_lines = 0
    bad: list[tuple[str, str]] = []
    for item in items:
        try:
            doc = load_document(item)
        except SummarizerError as e:
            bad.append((item.id, str(e)))
            continue
        hints = hints_for_doc(doc)
        for line in batch_request_lines(
            chunk_texts(doc, settings, hints), settings, custom_id_prefix(item.id), hints
        ):
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            n_lines += 1
        n_inputs += 1
    return n_inputs, n_lines, bad


class OpenAIBatchResults:
    """Results of an OpenAI Batch API (or ``vllm run-batch``) job, by custom_id."""

    def __init__(self, path: Path) -> None:
        self.bodies: dict[str, dict[str, Any] | None] = {}
        self.errors: dict[str, str] = {}
        try:
            fh = open(path, encoding="utf-8")  # noqa: SIM115  (closed below)
        except OSError as e:
            raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
        with fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                    cid = rec["custom_id"]
                except (ValueError, KeyError, TypeError):
                    raise InputError(
                        f"{path}:{lineno}: not an OpenAI Batch result line (custom_id missing)"
                    ) from None
                response = rec.get("response") or {}
                body = response.get("body") if isinstance(response, dict) else None
                status = response.get("status_code") if isinstance(response, dict) else None
                if rec.get("error") or status not in (200, None) or not isinstance(body, dict):
                    err = rec.get("error") or {"message": f"HTTP {status}"}
                    self.errors[cid] = str(err.get("message") if isinstance(err, dict) else err)
                    self.bodies[cid] = None
                else:
                    self.bodies[cid] = body

    def report(self, item: Item, doc: Any, settings: Settings) -> ThreatReport:
        from summarizer.errors import ExtractionError
        from summarizer.pipeline import chunk_texts, report_from_completions

        prefix = custom_id_prefix(item.id)
        n = len(chunk_texts(doc, settings))
        ids = [f"{prefix}::{i}" for i in range(n)]
        if not any(cid in self.bodies for cid in ids):
            raise ExtractionError("no result for this input in the Batch results file")
        failed = [self.errors[c] for c in ids if c in self.errors]
        if len(failed) == n:
            raise UpstreamError(f"the Batch job failed this input: {failed[0]}")
        return report_from_completions(doc, settings, [self.bodies.get(c) for c in ids])
