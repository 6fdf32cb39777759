"""``summarizer batch``: many articles, one record each, resumable, cached, concurrent."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from summarizer.cli.app import app
from summarizer.cli.core import (
    AuthorOpt,
    BaseUrlOpt,
    ChunkOpt,
    ContextOpt,
    EngineChoice,
    EngineOpt,
    KeyFileOpt,
    MaxTokOpt,
    ModelOpt,
    ProfileOpt,
    PublishedOpt,
    TempOpt,
    TimeoutOpt,
    Tlp,
    TlpOpt,
    make_settings,
    prepare_server,
    with_published,
)

if TYPE_CHECKING:
    from summarizer.batch import BatchStats, Item, Journal
    from summarizer.config import Settings


class BatchFormat(str, Enum):  # noqa: UP042  (typer needs str-valued choices)
    jsonl = "jsonl"
    md = "md"
    stix = "stix"
    misp = "misp"
    html = "html"


class _Progress:
    """A rich progress bar on a terminal; plain lines on stderr otherwise."""

    def __init__(self, total: int, live: bool, quiet: bool) -> None:
        self.total = total
        self.quiet = quiet
        self.bar: Any = None
        self.task: Any = None
        self.last = time.monotonic()
        self.every = max(1, total // 20)
        if live and not quiet:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("[bold]batch"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}/s"),
                TextColumn("[red]{task.fields[failed]} failed"),
                TextColumn("{task.fields[cached]} cached"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self.task = self.bar.add_task("batch", total=total, rate="-", failed=0, cached=0)
            self.bar.start()

    def __call__(self, item_id: str, outcome: str, stats: BatchStats, err: str | None) -> None:
        if self.quiet:
            return
        from summarizer.redact import printable, redact

        item_id = printable(item_id)
        err = printable(redact(err)) if err is not None else None
        done = stats.finished
        rate = (stats.ok + stats.failed) / stats.seconds if stats.seconds > 0 else 0.0
        if self.bar is not None:
            if outcome == "failed":
                from rich.markup import escape

                self.bar.console.print(f"[red]failed[/red] {escape(item_id)}: {escape(err or '')}",
                                       markup=True, highlight=False)  # fmt: skip
            self.bar.update(self.task, completed=done, rate=f"{rate:.1f}",
                            failed=stats.failed, cached=stats.cached)  # fmt: skip
            return
        if outcome == "failed":
            said = err if err and err.startswith(item_id) else f"{item_id}: {err}"
            typer.echo(f"failed: {said}", err=True)
        now = time.monotonic()
        if done == self.total or done % self.every == 0 or now - self.last >= 10:
            self.last = now
            left = self.total - done
            eta = f", ETA {left / rate:.0f} s" if rate > 0 and left else ""
            typer.echo(
                f"batch: {done}/{self.total} done, {stats.failed} failed, {stats.cached} cached, "
                f"{rate:.1f}/s{eta}",
                err=True,
            )

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _spool_stdin(inputs: list[str]) -> str | None:
    """Copy stdin to a temporary file when an input is ``-`` (it is read twice: count, run)."""
    if "-" not in inputs:
        return None
    if sys.stdin is None:
        from summarizer.errors import InputError

        raise InputError("stdin: standard input is closed (pipe JSONL in, or give files)")
    fd, path = tempfile.mkstemp(prefix="summarizer-stdin-", suffix=".jsonl")
    with os.fdopen(fd, "wb") as fh:
        while chunk := sys.stdin.buffer.read(1 << 20):
            fh.write(chunk)
    return path


def _summary_line(stats: BatchStats) -> str:
    d = stats.as_dict()
    return (
        f"batch: {d['total']} inputs: {d['ok']} ok ({d['cached']} cached, {d['resumed']} resumed "
        f"from an interrupted run), {d['failed']} failed; {d['requests']} requests, "
        f"{d['tokens']['prompt']:,} prompt + {d['tokens']['completion']:,} completion tokens; "
        f"{d['seconds']:.1f} s"
    )


def _export(inputs: list[str], stdin_path: str | None, settings: Settings, target: Path,
            allow_outside: bool) -> None:  # fmt: skip
    from summarizer.batch import expand_inputs, export_openai_batch
    from summarizer.errors import OutputError
    from summarizer.fsutil import atomic_open

    t0 = time.monotonic()
    try:
        with atomic_open(target) as fh:
            n_in, n_lines, bad = export_openai_batch(
                expand_inputs(inputs, stdin_path=stdin_path, allow_outside=allow_outside),
                settings,
                fh,
            )
    except OSError as e:
        raise OutputError(f"cannot write {target}: {e.strerror or e}") from None
    for item_id, reason in bad:
        from summarizer.redact import printable, redact

        typer.echo(f"skipped {printable(item_id)}: {printable(redact(reason))}", err=True)
    typer.echo(
        f"export: {n_lines} requests for {n_in} inputs written to {target} "
        f"({len(bad)} unreadable) in {time.monotonic() - t0:.1f} s",
        err=True,
    )
    if bad:
        raise typer.Exit(10)


def _finish(
    fmt: BatchFormat,
    journal: Journal,
    ids: list[str],
    output: Path | None,
    items: list[Item] | None,
    tlp: Tlp = Tlp.clear,
    author: str | None = None,
) -> None:
    """Turn the complete journal into the requested output, then remove the journal."""
    import json

    from summarizer.cli.core import Format, render, write_output
    from summarizer.models import ThreatReport

    if fmt is BatchFormat.jsonl:
        target = output.expanduser() if output is not None and str(output) != "-" else None
        try:
            journal.compact(ids, target, None if target else sys.stdout.buffer)
        except BrokenPipeError:
            raise
        except OSError as e:
            from summarizer.errors import OutputError

            where = str(output) if target else "standard output"
            raise OutputError(f"cannot write {where}: {e.strerror or e}") from None
        return
    reports: list[ThreatReport] = []
    ok_ids: list[str] = []
    for item_id, raw in journal.records(ids):
        rec = json.loads(raw)
        if rec.get("status") == "ok":
            reports.append(ThreatReport.model_validate(rec["report"]))
            ok_ids.append(item_id)
    if fmt is BatchFormat.misp and output is not None:
        _write_misp_feed(reports, output.expanduser(), tlp, author)
        journal.remove()
        return
    texts: list[str] | None = None
    if fmt is BatchFormat.html:
        from summarizer.batch import load_document

        by_id = {it.id: it for it in items or []}
        texts = [load_document(by_id[i]).text for i in ok_ids]
    write_output(render(Format(fmt.value), reports, texts, tlp, author), output)
    journal.remove()


def _write_misp_feed(reports: list[Any], folder: Path, tlp: Tlp, author: str | None = None) -> None:
    """A MISP feed in ``folder``: one UUID.json per event, manifest.json, hashes.csv."""
    from summarizer.errors import InputError
    from summarizer.export.misp import write_feed

    try:
        write_feed(reports, folder, tlp=tlp.value, author=author)
    except OSError as e:
        raise InputError(f"cannot write the MISP feed {folder}: {e.strerror or e}") from None


@app.command()
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories (searched for .txt/.text/.html/.htm/.md), "
            "globs ('news/**/*.txt'), "
            'JSONL files of {"id", "text"} or {"id", "path"} records, or - for JSONL on stdin.',
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Results file (a regular file: devices, FIFOs, symlinks and directories are "
            "refused). An interrupted run leaves OUTPUT.part; the same command resumes from it; "
            "a second batch on the same OUTPUT while one runs exits 11. Without -o, results go "
            "to stdout and cannot resume.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        BatchFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl: one record per input, in input order ({id, status: ok, report} or "
            "{id, status: error, error}); stix: one deduplicated STIX 2.1 bundle; misp: a MISP "
            "feed folder (-o DIR: manifest.json + one UUID.json per event); html: one page "
            "with an index; md: the briefs.",
        ),
    ] = BatchFormat.jsonl,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            max=256,
            help="LLM engine: requests in flight at once (default 4). Rules engine: worker "
            "processes (default: the cores this process may use; -j 1 runs in this process).",
            show_default=False,
        ),
    ] = None,  # fmt: skip
    cache: Annotated[
        bool | None,
        typer.Option(
            "--cache/--no-cache",
            help="Reuse reports of articles already extracted with the same model, prompt and "
            "schema (default: on for the LLM engine, off for rules).",
            show_default=False,
        ),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            help="Cache folder (env SUMMARIZER_CACHE_DIR; default ~/.cache/summarizer/reports).",
            show_default=False,
        ),
    ] = None,  # fmt: skip
    retries: Annotated[
        int,
        typer.Option(
            "--retries",
            min=0,
            max=10,
            help="Later rounds for articles whose server failures outlasted the "
            "per-request retries, before they become error records.",
        ),
    ] = 2,  # fmt: skip
    export_openai_batch: Annotated[
        Path | None,
        typer.Option(
            "--export-openai-batch",
            help="Write the requests as an OpenAI Batch API input file (also for "
            "'vllm run-batch') instead of calling a server. Needs --model.",
            show_default=False,
        ),
    ] = None,
    import_openai_batch: Annotated[
        Path | None,
        typer.Option(
            "--import-openai-batch",
            help="Build reports from a Batch API results file for the same INPUTs and "
            "--chunk-chars (no server needed).",
            show_default=False,
        ),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Live progress bar (default: when stderr is a terminal).",
            show_default=False,
        ),
    ] = None,  # fmt: skip
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only the final summary line on stderr.")
    ] = False,
    summary_json: Annotated[
        Path | None,
        typer.Option(
            "--summary-json", help="Also write the final counts as JSON here.", show_default=False
        ),
    ] = None,  # fmt: skip
    allow_paths_outside: Annotated[
        bool,
        typer.Option(
            "--allow-paths-outside",
            help="Let JSONL 'path' records name files outside the JSONL file's folder "
            "(absolute, '..', '~', symlinks out). Off: such a record becomes its input's "
            "error record.",
        ),
    ] = False,
    engine: EngineOpt = EngineChoice.auto,
    base_url: BaseUrlOpt = None,
    model: ModelOpt = None,
    profile: ProfileOpt = None,
    api_key_file: KeyFileOpt = None,
    timeout: TimeoutOpt = None,
    chunk_chars: ChunkOpt = None,
    temperature: TempOpt = None,
    max_tokens: MaxTokOpt = None,
    published: PublishedOpt = None,
    tlp: TlpOpt = Tlp.clear,
    author: AuthorOpt = None,
    context_tokens: ContextOpt = None,
) -> None:
    """Summarize many articles: one result or error record per input, nothing lost.

    Runs -j requests at once against the server (429 Retry-After slows the batch, it does not
    fail it), or with the offline engine -j worker processes (one per core), caches reports by
    content so a re-run makes no request, and resumes after Ctrl-C or a kill when run again
    with the same options. Exit code 10 when some inputs failed (their error records say why).
    """
    from summarizer.batch import OpenAIBatchResults
    from summarizer.errors import ConfigError

    if export_openai_batch and import_openai_batch:
        raise ConfigError("--export-openai-batch and --import-openai-batch exclude each other")
    if inputs.count("-") > 1:
        raise ConfigError("'-' (stdin) can be given only once")
    if format is BatchFormat.misp and not export_openai_batch:  # a feed folder (MISP's format)
        if output is None or str(output) == "-":
            raise ConfigError("a MISP batch is written as a feed folder: give -o DIR")
        if output.expanduser().is_file():
            raise ConfigError(f"{output} is a file; a MISP batch is a feed folder: give -o DIR")
    settings = make_settings(engine, base_url, model, profile, api_key_file, timeout,
                             chunk_chars, temperature, max_tokens, author,
                             context_tokens)  # fmt: skip
    settings = with_published(settings, published)
    if export_openai_batch or import_openai_batch:
        settings = settings.with_(engine="llm")
    from summarizer.cli.core import check_output_target
    from summarizer.fsutil import check_output

    if export_openai_batch:
        check_output(export_openai_batch.expanduser(), str(export_openai_batch))
    elif format is not BatchFormat.misp:  # a MISP batch writes a feed folder (checked below)
        check_output_target(output)
    if summary_json is not None:
        check_output(summary_json.expanduser(), str(summary_json))
    stdin_path = _spool_stdin(inputs)
    try:
        if export_openai_batch:
            _export(inputs, stdin_path, settings, export_openai_batch.expanduser(),
                    allow_paths_outside)  # fmt: skip
            return
        importer = OpenAIBatchResults(import_openai_batch) if import_openai_batch else None
        _run(inputs, stdin_path, settings, output, format, jobs, cache, cache_dir, retries,
             importer, progress, quiet, summary_json, allow_paths_outside, tlp)  # fmt: skip
    finally:
        if stdin_path:
            Path(stdin_path).unlink(missing_ok=True)


def _run(
    inputs: list[str], stdin_path: str | None, settings: Settings, output: Path | None,
    fmt: BatchFormat, jobs: int | None, cache: bool | None, cache_dir: Path | None, retries: int,
    importer: Any, progress: bool | None, quiet: bool, summary_json: Path | None,
    allow_outside: bool = False,
    tlp: Tlp = Tlp.clear,
) -> None:  # fmt: skip
    import json

    from summarizer.batch import (
        BatchStats,
        Journal,
        expand_inputs,
        fingerprint,
        run_batch,
    )
    from summarizer.cache import ReportCache, default_cache_dir

    def items() -> Any:
        return expand_inputs(inputs, stdin_path=stdin_path, allow_outside=allow_outside)

    # the lock first: a second batch on this output refuses before it reads or prints anything
    tmpdir: tempfile.TemporaryDirectory[str] | None = None
    if output is not None and str(output) != "-":
        target = output.expanduser()
        journal_path = target.with_name(target.name + ".part")
    else:
        tmpdir = tempfile.TemporaryDirectory(prefix="summarizer-batch-")
        journal_path = Path(tmpdir.name) / "results.part"
    journal = Journal(journal_path, fingerprint(settings, "import" if importer else "live"))
    journal.open()  # locks the output for this run (exit 11 when another batch holds it)
    try:
        if not tmpdir:
            from summarizer.fsutil import remove_orphans

            remove_orphans(target)  # a kill during the final rename left its temporary behind
        ids = [item.id for item in items()]  # the output's order; one pass over the inputs
        total = len(ids)
        if total == 0:
            from summarizer.errors import InputError

            raise InputError("no inputs found")
    except BaseException:
        if not journal.entries:  # nothing recorded yet: leave no journal behind
            journal.remove()
        journal.close()
        raise
    if importer is None:  # the model and kind the server reports go into the cache key
        settings = prepare_server(settings, quiet=quiet)
    engine = settings.resolved_engine()
    if importer is not None:
        typer.echo(f"engine: llm results imported from a Batch API file ({total} inputs)",
                   err=True)  # fmt: skip
    elif not quiet:
        from summarizer.cli.core import announce_engine

        announce_engine(settings)
    # imports never read or write the live cache: their reports come from a results file
    use_cache = (cache if cache is not None else engine in ("llm", "hybrid")) and importer is None
    report_cache = ReportCache(cache_dir.expanduser() if cache_dir else default_cache_dir()) \
        if use_cache else None  # fmt: skip

    stats = BatchStats(total=total)
    live = progress if progress is not None else sys.stderr.isatty()
    bar = _Progress(total, live, quiet)
    try:
        run_batch(
            items(), settings, journal, jobs=jobs,
            cache=report_cache, importer=importer, on_result=bar, retry_rounds=retries,
            stats=stats,
        )  # fmt: skip
    except KeyboardInterrupt:
        bar.stop()
        journal.close()
        where = f"; run the same command again to resume from {journal_path}" if not tmpdir \
            else ""  # fmt: skip
        typer.echo(f"error: interrupted after {stats.finished} of {total} inputs{where}",
                   err=True)  # fmt: skip
        raise typer.Exit(130) from None
    except BaseException:
        bar.stop()
        journal.close()
        raise
    bar.stop()
    html_items = list(items()) if fmt is BatchFormat.html else None
    try:
        _finish(fmt, journal, ids, output, html_items, tlp, settings.author)
    except BaseException:
        journal.close()
        raise
    if tmpdir is not None:
        tmpdir.cleanup()
    typer.echo(_summary_line(stats), err=True)
    if summary_json is not None:
        from summarizer.cli.core import write_output

        write_output(json.dumps(stats.as_dict(), indent=2) + "\n", summary_json)
    if stats.failed:
        raise typer.Exit(10)
