"""``batch -j N`` for the rules engine: N worker processes, one journal, input order kept.

The rules engine is pure Python, so threads would share one core; processes use them all. The
parent reads the inputs, hands them out round-robin in small chunks (worker ``k`` gets chunks
``k``, ``k + N``, ...), and takes the results back in the same order, so the journal receives
records in input order and only the parent ever writes it (resume works as with ``-j 1``).
At most ``depth`` chunks per worker are in flight, so memory stays flat however many inputs
stream past. A worker runs ``Runner.run_sync`` itself, the exact code of ``-j 1``, and returns
the record line it would have written: ``-j N`` output equals ``-j 1`` output byte for byte
(apart from the wall-time field ``provenance.seconds``).

Workers are forked when the parent has no other thread (they then share the loaded knowledge
base and modules), otherwise spawned (each imports the engine itself: ~0.5 s more per worker).
They ignore SIGINT: Ctrl-C stops the parent, which stops them; what finished is already in the
journal.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.batch import Item, Outcome, Runner
    from summarizer.config import Settings

__all__ = ["run_parallel"]

CHUNK = 8  # items per message: amortizes pickling and queue wake-ups
DEPTH = 3  # chunks in flight per worker


@dataclass
class _Result:
    """What a worker did with one item (the parent journals it)."""

    item_id: str
    line: str
    outcome: Outcome
    err: str | None
    requests: int
    prompt_tokens: int
    completion_tokens: int


@dataclass
class _Collector:
    """Stands in for the journal inside a worker: keeps the record instead of writing it."""

    lines: list[tuple[str, str, bool]] = field(default_factory=list)

    def append(self, item_id: str, line: str, ok: bool) -> None:
        self.lines.append((item_id, line, ok))

    def done(self, item_id: str) -> bool:  # pragma: no cover - the parent filters resumed items
        return False


def _worker(tasks: Any, results: Any, settings: Settings, cache: Any) -> None:
    """Run chunks until the ``None`` sentinel; each answer is (pid, results or exception)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from summarizer.batch import BatchStats, Runner

    pid = os.getpid()
    journal = _Collector()
    outcomes: list[tuple[Outcome, str | None]] = []
    stats = BatchStats()
    runner = Runner(settings, journal, cache, stats,  # type: ignore[arg-type]
                    lambda _id, o, _s, e: outcomes.append((o, e)))  # fmt: skip
    while True:
        chunk = tasks.get()
        if chunk is None:
            return
        out: list[_Result] = []
        try:
            for item in chunk:
                before = (stats.requests, stats.prompt_tokens, stats.completion_tokens)
                runner.run_sync(item)
                (_, line, _ok), (outcome, err) = journal.lines.pop(), outcomes.pop()
                out.append(_Result(item.id, line, outcome, err, stats.requests - before[0],
                                   stats.prompt_tokens - before[1],
                                   stats.completion_tokens - before[2]))  # fmt: skip
        except BaseException as e:  # noqa: BLE001 - a fatal error (ConfigError...) goes to the parent
            results.put((pid, e))
            continue
        results.put((pid, out))


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


def run_parallel(runner: Runner, items: Iterable[Item], jobs: int) -> set[int]:
    """Run ``items`` through ``jobs`` worker processes; journal each record in input order.

    Args:
        runner: the batch's runner (settings, journal, cache, stats, progress callback).
        items: the items still to do, in input order (already-done ones filtered out).
        jobs: worker processes (>= 2).

    Returns:
        The process ids that produced the records (this process ran the first chunk).

    Raises:
        AuthError, ConfigError: as ``Runner.run_sync`` raises them (the batch stops).
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
    source = chain(head[1:], source)
    ctx = _context()
    workers: list[Any] = []
    task_qs: list[Any] = []
    result_qs: list[Any] = []
    pending: deque[tuple[int, list[Item]]] = deque()  # (worker, chunk) in dispatch order
    pids: set[int] = {os.getpid()}
    sent = 0

    def dispatch() -> None:
        nonlocal sent
        chunk = next(source, None)
        if chunk is None:
            return
        k = sent % jobs
        if k == len(workers):  # started on first use: a short batch starts fewer processes
            tq, rq = ctx.Queue(), ctx.Queue()
            proc = ctx.Process(target=_worker, args=(tq, rq, runner.settings, runner.cache),
                               daemon=True)  # fmt: skip
            proc.start()
            workers.append(proc)
            task_qs.append(tq)
            result_qs.append(rq)
        task_qs[k].put(chunk)
        pending.append((k, chunk))
        sent += 1

    finished = False
    try:
        for _ in range(jobs * DEPTH):
            dispatch()
        while pending:
            k, chunk = pending.popleft()
            pid, got = _get(result_qs[k], workers[k])
            if isinstance(got, BaseException):
                raise got
            pids.add(pid)
            for item, r in zip(chunk, got, strict=True):
                runner._finish(item, r.line, r.outcome, r.err)
                runner.stats.requests += r.requests
                runner.stats.prompt_tokens += r.prompt_tokens
                runner.stats.completion_tokens += r.completion_tokens
            dispatch()
        finished = True
    finally:
        _stop(workers, task_qs, result_qs, graceful=finished)
    return pids


def _stop(workers: list[Any], task_qs: list[Any], result_qs: list[Any], graceful: bool) -> None:
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
    for q in (*task_qs, *result_qs):
        q.close()
        if graceful:
            q.join_thread()


def _get(results: Any, proc: Any) -> tuple[int, Any]:
    while True:
        try:
            got: tuple[int, Any] = results.get(timeout=1.0)
            return got
        except queue.Empty:
            if not proc.is_alive():
                raise RuntimeError(
                    f"batch worker process {proc.pid} died (exit code {proc.exitcode})"
                ) from None
