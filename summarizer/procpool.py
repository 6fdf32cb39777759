"""``batch -j N`` for the rules engine: N worker processes, one journal, input order kept.

The rules engine is pure Python, so threads would share one core; processes use them all. The
parent runs the first chunk of inputs itself (it loads the knowledge base and, on first use, the
romanization and IOC modules), then forks the workers, which inherit all of it, and from then on
only coordinates: it reads the inputs, hands chunks of a few inputs out through one shared task
pipe that every free worker reads its next chunk from (so a worker that drew long articles never
holds the others back, and at the end no worker waits while another still has a queue), and
writes the answers to the journal. At most ``DEPTH`` chunks per worker are in flight, at most
``AHEAD`` per worker between the oldest unwritten chunk and the newest sent, so what the parent
keeps stays bounded however many inputs stream past. Answers arrive in any order; the parent
writes them to the journal in input order, one write per chunk, so only the parent ever writes
it (resume works as with ``-j 1``).

A worker runs ``Runner.run_sync`` itself, the exact code of ``-j 1``, and returns the record
line it would have written: the parent only appends lines, and ``-j N`` output equals ``-j 1``
output byte for byte (apart from the wall-time field ``provenance.seconds``). What crosses the
pipes is small and plain: an input as a tuple of strings in, a ready-to-write JSON line out.

The parent never blocks on a pipe: it writes tasks without blocking and keeps what did not fit,
and reads answers as they come, whole or in parts, so a large article cannot deadlock it with a
worker that is writing its answer. No thread is involved (``multiprocessing.Queue`` would feed
each pipe from one). When the last chunk is sent the parent closes the task pipe: each worker
exits when it finds it empty, while the parent journals the last answers.

Workers are forked when the parent has no other thread, otherwise spawned. They ignore SIGINT:
Ctrl-C stops the parent, which stops them; what finished is already in the journal. A fatal error
(``ConfigError``...) in a worker reaches the parent with the records of its chunk done before it;
the parent journals everything before it in input order, then raises it.
"""

from __future__ import annotations

import contextlib
import fcntl
import multiprocessing as mp
import os
import pickle
import select
import signal
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.batch import Item, Outcome, Runner
    from summarizer.config import Settings

__all__ = ["run_parallel"]

CHUNK = 8  # items per message: amortizes pickling and wake-ups
DEPTH = 4  # chunks in flight per worker: work waits in the pipe when the parent is slow to wake
PIPE_BYTES = 1 << 20  # pipe buffers (Linux: 64 KB unless asked): answers of a worker wait there
AHEAD = 16  # chunks per worker at most between the oldest unwritten chunk and the newest sent

# One record as a worker returns it: line, outcome, error text, requests, prompt and completion
# tokens (a plain tuple: cheaper to pickle than an object).
_Result = tuple[str, "Outcome", str | None, int, int, int]
# One input as it is sent: Item's fields in order (id, path, text, url, error).
_Task = tuple[str, str | None, str | None, str | None, str | None]

_HEAD = 8  # bytes of the length that precedes each message on a pipe


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


def _message(obj: Any) -> bytes:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return len(data).to_bytes(_HEAD, "little") + data


def _read_exact(fd: int, n: int) -> bytes | None:
    """``n`` bytes from a blocking pipe; ``None`` at its end before the first byte."""
    parts: list[bytes] = []
    while n:
        got = os.read(fd, n)
        if not got:
            if parts:
                raise EOFError("a message on a batch pipe was cut short")
            return None
        parts.append(got)
        n -= len(got)
    return b"".join(parts)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _worker(tasks: Any, results: Any, ends: tuple[Any, ...], locks: tuple[Any, Any],
            settings: Settings, cache: Any) -> None:  # fmt: skip
    """Run chunks read from ``tasks`` until it ends; answer each on ``results``.

    Each answer is ``(seq, pid, results, error)``: the records of chunk ``seq`` in order, and the
    fatal error that stopped it (``None`` when the whole chunk ran). ``ends`` are the parent's
    ends of the two pipes, closed here so that the task pipe ends when the parent closes it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for end in ends:
        end.close()
    from summarizer.batch import BatchStats, Item, Runner

    read_lock, write_lock = locks
    tfd, rfd = tasks.fileno(), results.fileno()
    pid = os.getpid()
    journal = _Collector()
    outcomes: list[tuple[Outcome, str | None]] = []
    stats = BatchStats()
    runner = Runner(settings, journal, cache, stats,  # type: ignore[arg-type]
                    lambda _id, o, _s, e: outcomes.append((o, e)))  # fmt: skip
    while True:
        with read_lock:  # one message at a time off the shared pipe
            head = _read_exact(tfd, _HEAD)
            data = _read_exact(tfd, int.from_bytes(head, "little")) if head else None
        if data is None:  # the parent closed the pipe: no more work
            return
        task: tuple[int, list[_Task]] = pickle.loads(data)
        seq, chunk = task
        out: list[_Result] = []
        err: BaseException | None = None
        try:
            for fields in chunk:
                before = (stats.requests, stats.prompt_tokens, stats.completion_tokens)
                runner.run_sync(Item(*fields))
                (_, line, _ok), (outcome, msg) = journal.lines.pop(), outcomes.pop()
                out.append((line, outcome, msg, stats.requests - before[0],
                            stats.prompt_tokens - before[1],
                            stats.completion_tokens - before[2]))  # fmt: skip
        except BaseException as e:  # noqa: BLE001 - a fatal error (ConfigError...) goes to the parent
            err = _picklable(e)
        answer = _message((seq, pid, out, err))
        try:
            with write_lock:  # whole messages: the pipe is shared
                _write_all(rfd, answer)
        except BrokenPipeError:  # the parent is gone (killed): nobody is left to answer
            return


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


class _Pool:
    """The parent's ends of the two pipes, and the workers once started."""

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.workers: list[Any] = []
        self.tasks_r, self.tasks = ctx.Pipe(duplex=False)
        self.results, self.results_w = ctx.Pipe(duplex=False)
        # kept while the pool lives: a spawned worker opens them by name as it starts
        self.locks = (ctx.Lock(), ctx.Lock())
        self.pending: list[memoryview] = []  # task messages the pipe has not taken yet
        self.received = bytearray()  # answer bytes not yet a whole message
        self.ending = False  # no more tasks: close the pipe once pending is written
        self.tfd, self.rfd = self.tasks.fileno(), self.results.fileno()
        os.set_blocking(self.tfd, False)
        # on a busy machine the parent may wait its turn for a while: with 64 KB a worker would
        # block after two or three answers (multiprocessing.Queue's thread buffers without end)
        for fd in (self.tfd, self.rfd) if hasattr(fcntl, "F_SETPIPE_SZ") else ():
            with contextlib.suppress(OSError):  # above pipe-max-size: the default works too
                fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        self.poll = select.poll()
        self.poll.register(self.rfd, select.POLLIN)
        self.alive: dict[int, Any] = {}  # sentinel -> worker, for the workers not yet ended

    def start(self, n: int, settings: Settings, cache: Any) -> None:
        """Start ``n`` workers (the first tasks may already wait in the pipe for them)."""
        try:
            for _ in range(n):  # appended as they start: close() finds every one started
                ends = tuple(c for c in (self.tasks, self.results) if not c.closed)
                proc = self.ctx.Process(target=_worker, daemon=True,
                                        args=(self.tasks_r, self.results_w, ends, self.locks,
                                              settings, cache))  # fmt: skip
                proc.start()
                self.workers.append(proc)
                self.alive[proc.sentinel] = proc
                self.poll.register(proc.sentinel, select.POLLIN)
        finally:
            self.tasks_r.close()  # the workers hold theirs: the parent writes tasks, reads answers
            self.results_w.close()

    def send(self, message: bytes) -> None:
        if not self.pending:
            self.poll.register(self.tfd, select.POLLOUT)
        self.pending.append(memoryview(message))
        self.flush()

    def flush(self) -> None:
        """Write what the task pipe takes now, without blocking."""
        try:
            while self.pending:
                first = self.pending[0]
                n = os.write(self.tfd, first)
                if n < len(first):
                    self.pending[0] = first[n:]
                    return
                self.pending.pop(0)
        except BlockingIOError:
            return
        except BrokenPipeError:  # no worker is left to read it
            raise self._died() from None
        self.poll.unregister(self.tfd)
        if self.ending:
            self.tasks.close()

    def end_tasks(self) -> None:
        """No more tasks: each worker exits once it finds the pipe empty and closed."""
        if not self.ending:
            self.ending = True
            if not self.pending:
                self.tasks.close()

    def answers(self) -> list[Any]:
        """Whole answers as they come, writing pending tasks meanwhile.

        Raises:
            RuntimeError: a worker process died.
        """
        while True:
            events = dict(self.poll.poll())
            if self.pending and events.pop(self.tfd, 0):  # (its fd is open while pending)
                self.flush()
            if events.pop(self.rfd, 0):
                got = os.read(self.rfd, 1 << 20)
                self.received += got
                out = []
                while len(self.received) >= _HEAD:
                    size = _HEAD + int.from_bytes(self.received[:_HEAD], "little")
                    if len(self.received) < size:
                        break
                    out.append(pickle.loads(self.received[_HEAD:size]))
                    del self.received[:size]
                if out:
                    return out
                if not got and not events:  # every worker has closed its end
                    raise self._died()
            for fd in events:  # a worker has ended: all is well once no task is left for it
                proc = self.alive.pop(fd)
                self.poll.unregister(fd)
                proc.join()
                if proc.exitcode != 0 or not self.ending:
                    raise self._died(proc)

    def _died(self, proc: Any = None) -> RuntimeError:
        for other in self.workers if proc is None else ():
            other.join(timeout=1)
            if other.exitcode != 0:
                proc = other
                break
        if proc is None:
            return RuntimeError("batch worker processes ended before answering every input")
        return RuntimeError(f"batch worker process {proc.pid} died (exit code {proc.exitcode})")

    def close(self, graceful: bool) -> None:
        for end in (self.tasks, self.tasks_r, self.results_w):
            end.close()
        for proc in self.workers:
            if graceful:
                proc.join(timeout=10)
            if proc.is_alive():
                proc.terminate()
            proc.join()
        self.results.close()


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
    # first use the romanization and IOC modules), and forked workers inherit it instead of
    # each loading it again (measured: workers forked before it used 1.2-1.6 s more CPU in all
    # on 2,000 articles, twice the page faults, and were no sooner done)
    for item in head[0]:
        runner.run_sync(item)
    first = [head[1], *islice(source, jobs * DEPTH - 1)]
    n = min(jobs, len(first))  # a short batch starts fewer processes
    pool = _Pool(_context())
    pids: set[int] = {os.getpid()}
    chunks: dict[int, list[Item]] = {}  # sent, not yet journaled
    answers: dict[int, tuple[list[_Result], BaseException | None]] = {}  # arrived early
    sent = written = answered = 0
    cap = AHEAD * n
    todo = iter(first)

    def refill() -> None:
        nonlocal sent
        while sent - answered < DEPTH * n and sent - written < cap:
            chunk = next(todo, None) or next(source, None)
            if chunk is None:
                pool.end_tasks()  # the workers leave as they run dry
                return
            pool.send(_message((sent, [(i.id, i.path, i.text, i.url, i.error) for i in chunk])))
            chunks[sent] = chunk
            sent += 1

    finished = False
    try:
        refill()  # the first tasks wait in the pipe while the workers are forked
        pool.start(n, runner.settings, runner.cache)
        journal, stats = runner.journal, runner.stats
        while written < sent:
            for seq, pid, out, err in pool.answers():
                answered += 1
                pids.add(pid)
                answers[seq] = (out, err)
            refill()  # the workers' next chunks first, the journal after
            while written in answers:
                out, err = answers.pop(written)
                chunk = chunks.pop(written)  # all of it, or the part before a fatal error
                done = list(zip(chunk, out, strict=err is None))
                journal.append_many([(item.id, r[0], r[1] != "failed") for item, r in done])
                for item, (_line, outcome, msg, req, pt, ct) in done:
                    stats.requests += req
                    stats.prompt_tokens += pt
                    stats.completion_tokens += ct
                    runner.tally(item.id, outcome, msg)
                if err is not None:
                    raise err
                written += 1
            refill()
        finished = True
    finally:
        pool.close(graceful=finished)
    return pids
