"""``batch -j N`` for the rules engine: N worker processes, one journal, input order kept.

The rules engine is pure Python, so threads would share one core; processes use them all. The
parent runs the first chunk of inputs itself (it loads the knowledge base and, on first use, the
romanization and IOC modules), then forks the workers, which inherit all of it. It hands chunks
of a few inputs out, at most ``DEPTH`` per worker in flight, and each answer is followed at once
by a new chunk for the worker that sent it, so a worker that drew long articles never holds the
other back. Answers arrive in any order; the parent writes them to the journal in input order,
so only the parent ever writes it (resume works as with ``-j 1``). What the parent keeps is
bounded (``DEPTH`` chunks per worker in flight, ``AHEAD`` chunks at most between the oldest
unwritten chunk and the newest sent), so memory stays flat however many inputs stream past.

A worker runs ``Runner.run_sync`` itself, the exact code of ``-j 1``, and returns the record
line it would have written: the parent only appends lines, and ``-j N`` output equals ``-j 1``
output byte for byte (apart from the wall-time field ``provenance.seconds``).

Workers are forked when the parent has no other thread, otherwise spawned (each imports the
engine itself: ~0.5 s more per worker). They ignore SIGINT: Ctrl-C stops the parent, which stops
them; what finished is already in the journal. A fatal error (``ConfigError``...) in a worker
reaches the parent with the records of its chunk done before it; the parent journals everything
before it in input order, then raises it.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import queue
import signal
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.batch import Item, Outcome, Runner
    from summarizer.config import Settings

__all__ = ["run_parallel"]

CHUNK = 8  # items per message: amortizes pickling and queue wake-ups
DEPTH = 3  # chunks in flight per worker: one running, the next ones already there
AHEAD = 16  # chunks per worker at most between the oldest unwritten chunk and the newest sent

# One record as a worker returns it: line, outcome, error text, requests, prompt and completion
# tokens (a plain tuple: cheaper to pickle than an object).
_Result = tuple[str, "Outcome", str | None, int, int, int]


@dataclass
class _Collector:
    """Stands in for the journal inside a worker: keeps the record instead of writing it."""

    lines: list[tuple[str, str, bool]] = field(default_factory=list)

    def append(self, item_id: str, line: str, ok: bool) -> None:
        self.lines.append((item_id, line, ok))

    def done(self, item_id: str) -> bool:  # pragma: no cover - the parent filters resumed items
        return False


def _picklable(err: BaseException) -> BaseException:
    try:
        pickle.dumps(err)
    except Exception:  # noqa: BLE001 - any pickling failure: send its text instead
        return RuntimeError(f"{type(err).__name__}: {err}")
    return err


def _worker(wid: int, tasks: Any, results: Any, settings: Settings, cache: Any) -> None:
    """Run ``(seq, chunk)`` tasks until the ``None`` sentinel.

    Each answer is ``(wid, pid, seq, results, error)``: the records of the chunk in order, and
    the fatal error that stopped it (``None`` when the whole chunk ran).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from summarizer.batch import BatchStats, Runner

    pid = os.getpid()
    journal = _Collector()
    outcomes: list[tuple[Outcome, str | None]] = []
    stats = BatchStats()
    runner = Runner(settings, journal, cache, stats,  # type: ignore[arg-type]
                    lambda _id, o, _s, e: outcomes.append((o, e)))  # fmt: skip
    while True:
        task = tasks.get()
        if task is None:
            return
        seq, chunk = task
        out: list[_Result] = []
        err: BaseException | None = None
        try:
            for item in chunk:
                before = (stats.requests, stats.prompt_tokens, stats.completion_tokens)
                runner.run_sync(item)
                (_, line, _ok), (outcome, msg) = journal.lines.pop(), outcomes.pop()
                out.append((line, outcome, msg, stats.requests - before[0],
                            stats.prompt_tokens - before[1],
                            stats.completion_tokens - before[2]))  # fmt: skip
        except BaseException as e:  # noqa: BLE001 - a fatal error (ConfigError...) goes to the parent
            err = _picklable(e)
        results.put((wid, pid, seq, out, err))


def _context() -> Any:
    # spawn, not forkserver, as the fallback: forkserver talks over a socket, which sandboxes
    # and test network blockers refuse
    if "fork" in mp.get_all_start_methods() and threading.active_count() == 1:
        return mp.get_context("fork")
    return mp.get_context("spawn")


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _start(ctx: Any, n: int, results: Any, runner: Runner, workers: list[Any],
           task_qs: list[Any]) -> None:  # fmt: skip
    """Start ``n`` workers, each with its own task queue (appended as they start, so that
    ``_stop`` finds every one started if a later one fails to)."""
    for wid in range(n):
        tq = ctx.Queue()
        proc = ctx.Process(target=_worker, daemon=True,
                           args=(wid, tq, results, runner.settings, runner.cache))  # fmt: skip
        proc.start()
        task_qs.append(tq)
        workers.append(proc)


def run_parallel(runner: Runner, items: Iterable[Item], jobs: int) -> set[int]:
    """Run ``items`` through ``jobs`` worker processes; journal each record in input order.

    Args:
        runner: the batch's runner (settings, journal, cache, stats, progress callback).
        items: the items still to do, in input order (already-done ones filtered out).
        jobs: worker processes (>= 2).

    Returns:
        The process ids that produced the records (this process ran the first chunk).

    Raises:
        AuthError, ConfigError: as ``Runner.run_sync`` raises them (the batch stops, with every
            record before the failing input journaled).
        RuntimeError: a worker process died.
    """
    source = _chunks(items, CHUNK)
    head = list(islice(source, 2))
    if len(head) < 2:  # one chunk: not worth a process
        for item in head[0] if head else []:
            runner.run_sync(item)
        return {os.getpid()} if head else set()
    # the first chunk runs here: real articles load what they need (knowledge base, and on
    # first use the romanization and IOC modules, 0.3 s each), and forked workers inherit it
    # instead of each importing it again
    for item in head[0]:
        runner.run_sync(item)
    first = list(islice(source, jobs * DEPTH - 1))
    source = chain(head[1:], first, source)
    n = min(jobs, 1 + len(first))  # a short batch starts fewer processes
    ctx = _context()
    results = ctx.Queue()
    workers: list[Any] = []
    task_qs: list[Any] = []
    pids: set[int] = {os.getpid()}
    inflight = [0] * n
    chunks: dict[int, list[Item]] = {}  # sent, not yet journaled
    answers: dict[int, tuple[list[_Result], BaseException | None]] = {}  # arrived early
    sent = written = 0
    cap = AHEAD * n

    def refill() -> None:
        nonlocal sent
        while sent - written < cap:
            k = min(range(n), key=inflight.__getitem__)
            if inflight[k] >= DEPTH:
                return
            chunk = next(source, None)
            if chunk is None:
                return
            task_qs[k].put((sent, chunk))
            chunks[sent] = chunk
            inflight[k] += 1
            sent += 1

    finished = False
    try:
        _start(ctx, n, results, runner, workers, task_qs)  # before any put: no thread yet
        refill()
        stats = runner.stats
        while written < sent:
            wid, pid, seq, out, err = _get(results, workers)
            inflight[wid] -= 1
            refill()  # the worker's next chunk first, the journal after
            pids.add(pid)
            answers[seq] = (out, err)
            while written in answers:
                out, err = answers.pop(written)
                chunk = chunks.pop(written)  # all of it, or the part before a fatal error
                for item, (line, outcome, msg, req, pt, ct) in zip(chunk, out, strict=err is None):
                    runner._finish(item, line, outcome, msg)
                    stats.requests += req
                    stats.prompt_tokens += pt
                    stats.completion_tokens += ct
                if err is not None:
                    raise err
                written += 1
            refill()
        finished = True
    finally:
        _stop(workers, task_qs, results, graceful=finished)
    return pids


def _stop(workers: list[Any], task_qs: list[Any], results: Any, graceful: bool) -> None:
    for tq in task_qs:
        if graceful:
            tq.put(None)
        else:
            tq.cancel_join_thread()  # nobody will read what is still queued
    for proc in workers:
        if graceful:
            proc.join(timeout=10)
        if proc.is_alive():
            proc.terminate()
        proc.join()
    for q in (*task_qs, results):
        q.close()
        if graceful:
            q.join_thread()


def _get(results: Any, workers: list[Any]) -> tuple[int, int, int, list[_Result], Any]:
    while True:
        try:
            got: tuple[int, int, int, list[_Result], Any] = results.get(timeout=1.0)
            return got
        except queue.Empty:
            for proc in workers:
                if not proc.is_alive():
                    raise RuntimeError(
                        f"batch worker process {proc.pid} died (exit code {proc.exitcode})"
                    ) from None
