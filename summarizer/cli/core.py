"""``summarizer summarize`` and ``summarizer schema``."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from summarizer.cli.app import app

if TYPE_CHECKING:
    from summarizer.config import Settings
    from summarizer.models import ThreatReport


class Format(str, Enum):  # noqa: UP042  (typer needs str-valued choices)
    md = "md"
    json = "json"
    stix = "stix"
    misp = "misp"
    html = "html"


class Tlp(str, Enum):  # noqa: UP042
    clear = "clear"
    green = "green"
    amber = "amber"
    red = "red"


class EngineChoice(str, Enum):  # noqa: UP042
    auto = "auto"
    llm = "llm"
    hybrid = "hybrid"
    rules = "rules"


# Options shared with `batch` and `eval` (imported there).
EngineOpt = Annotated[
    EngineChoice,
    typer.Option(
        "--engine",
        "-e",
        help="auto: hybrid when a server is configured, else rules. hybrid: rules first, the "
        "model adds grounded findings (off-topic articles send no request). llm: the model only.",
        envvar="SUMMARIZER_ENGINE",
    ),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (env SUMMARIZER_BASE_URL)",
        show_default=False,
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help="Model name (env SUMMARIZER_MODEL); default: the server's first model.",
        show_default=False,
    ),
]
ProfileOpt = Annotated[
    str | None,
    typer.Option(
        "--profile",
        help="Server kind, picks the structured-output mode: openai, "
        "ollama, vllm, llamacpp, llama-cpp-python, generic (env SUMMARIZER_PROFILE).",
        show_default=False,
    ),
]
KeyFileOpt = Annotated[
    str | None,
    typer.Option(
        "--api-key-file",
        help="Read the API key from this file (else env "
        "SUMMARIZER_API_KEY or OPENAI_API_KEY; never a flag).",
        show_default=False,
    ),
]
TimeoutOpt = Annotated[
    float | None,
    typer.Option("--timeout", help="Seconds per request (default 120).", show_default=False),
]
ChunkOpt = Annotated[
    int | None,
    typer.Option(
        "--chunk-chars",
        help="Characters per LLM request (default 6000); "
        "longer articles are split on sentence boundaries.",
        show_default=False,
    ),
]
TempOpt = Annotated[
    float | None,
    typer.Option("--temperature", help="Sampling temperature (default 0).", show_default=False),
]
TlpOpt = Annotated[
    Tlp,
    typer.Option(
        "--tlp",
        help="TLP marking of the STIX and MISP exports (every STIX object, the MISP event tag).",
        envvar="SUMMARIZER_TLP",
    ),
]
ContextOpt = Annotated[
    int | None,
    typer.Option(
        "--context-tokens",
        help="The server's context window in tokens (env SUMMARIZER_CONTEXT_TOKENS; default per "
        "profile: ollama 4096, llamacpp 4096, llama-cpp-python 2048, vllm 8192 or its "
        "max_model_len, openai 128000, generic 4096). Requests are sized to fit it.",
        show_default=False,
    ),
]
MaxTokOpt = Annotated[
    int | None,
    typer.Option("--max-tokens", help="Completion token limit (default 2048).", show_default=False),
]
AuthorOpt = Annotated[
    str | None,
    typer.Option(
        "--author",
        help="Organization named as the creator of the STIX and MISP exports (STIX "
        "created_by_ref, MISP Orgc; env SUMMARIZER_AUTHOR); default: summarizer.",
        show_default=False,
    ),
]


PublishedOpt = Annotated[
    str | None,
    typer.Option(
        "--published",
        help="The article's date, YYYY-MM-DD, when the page's metadata gives none (it beats "
        "a date read from the text); 25日, 昨年 and the like are read against it.",
        show_default=False,
    ),
]


def with_published(settings: Settings, published: str | None) -> Settings:
    """``--published`` checked (one error line, exit 2) and put into the settings."""
    if published is None:
        return settings
    from summarizer.dates import parse_iso_date
    from summarizer.errors import ConfigError

    try:
        day = parse_iso_date(published)
    except ValueError as e:
        raise ConfigError(f"--published: {e}") from None
    return settings.with_(published=day.isoformat())


def make_settings(
    engine: EngineChoice,
    base_url: str | None,
    model: str | None,
    profile: str | None,
    api_key_file: str | None,
    timeout: float | None,
    chunk_chars: int | None,
    temperature: float | None = None,
    max_tokens: int | None = None,
    author: str | None = None,
    context_tokens: int | None = None,
) -> Settings:
    from summarizer.config import load_settings

    return load_settings(
        engine=engine.value, base_url=base_url, model=model, profile=profile,
        api_key_file=api_key_file, timeout=timeout, chunk_chars=chunk_chars,
        temperature=temperature, max_tokens=max_tokens, author=author,
        context_tokens=context_tokens,
    )  # fmt: skip


def prepare_server(settings: Settings, *, quiet: bool = False, doc: Any = None) -> Settings:
    """Ask the server (``/v1/models``) for its model and kind when not given; say what was
    picked on stderr. No-op for the rules engine, and for a hybrid run on ``doc`` when the
    rules find nothing about cyber operations in it (it will send no request)."""
    if not settings.uses_model:
        return settings
    if doc is not None and settings.resolved_engine() == "hybrid":
        from summarizer.pipeline import _rules_findings, on_topic

        if not on_topic(_rules_findings(doc)):
            return settings
    from summarizer.llm import detect_server

    settings, note = detect_server(settings)
    if note and not quiet:
        from summarizer.redact import printable, redact

        typer.echo(printable(redact(f"server: {note}")), err=True)  # a server's own words
    return settings


def report_partial(report: ThreatReport) -> bool:
    """Print one stderr line per chunk the report lacks; True when there was one (exit 12)."""
    skipped = [w for w in report.warnings if w.startswith("skipped chunk")]
    for w in skipped:
        typer.echo(f"warning: partial report: {w}", err=True)
    return bool(skipped)


def announce_engine(settings: Settings) -> None:
    """Say on stderr which engine runs (``auto`` picks silently otherwise)."""
    engine = settings.resolved_engine()
    if engine in ("llm", "hybrid"):
        typer.echo(
            f"engine: {engine} ({settings.host}, model {settings.model or '?'}, profile "
            f"{settings.profile}, context {settings.context} tokens, timeout "
            f"{settings.timeout:g}s)",
            err=True,
        )
    else:
        why = "no model server configured" if settings.engine == "auto" else "--engine rules"
        typer.echo(f"engine: rules (offline; {why})", err=True)


def render(
    fmt: Format,
    reports: list[ThreatReport],
    texts: list[str] | None = None,
    tlp: Tlp = Tlp.clear,
    author: str | None = None,
) -> str:
    """Reports in the chosen output format (one article or a batch); ``texts`` are the decoded
    articles, needed by the HTML page (and used by STIX to find an IOC's sentence); ``author``
    is the STIX/MISP creator organization (default summarizer)."""
    if fmt is Format.json:
        if len(reports) == 1:
            return reports[0].model_dump_json(indent=2) + "\n"
        return "".join(r.model_dump_json() + "\n" for r in reports)
    if fmt is Format.md:
        from summarizer.redact import printable
        from summarizer.render import render_markdown

        # quotes come from the article: its escape sequences must not reach a terminal raw
        return printable("\n".join(render_markdown(r) for r in reports))
    if fmt is Format.stix:
        from summarizer.export.stix import to_stix_bundle

        bundle = to_stix_bundle(reports, tlp=tlp.value, texts=texts, author=author)
        return json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"
    if fmt is Format.misp:
        from summarizer.export.misp import to_misp_event

        if len(reports) != 1:  # a batch is a feed folder (batch -f misp -o DIR)
            raise ValueError("several MISP events are written as a feed folder")
        data = to_misp_event(
            reports[0], tlp=tlp.value, text=texts[0] if texts else None, author=author
        )
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    from summarizer.export.html import render_html

    if texts is None or len(texts) != len(reports):
        raise ValueError("the HTML page needs each report's article text")
    page: str = render_html(list(zip(reports, texts, strict=True)), tlp=tlp.value)
    return page


def is_stdout(output: Path | None) -> bool:
    return output is None or str(output) == "-"


def check_output_target(output: Path | None) -> None:
    """Refuse, before any work, an output nobody will see or that is not ours to replace.

    Raises:
        OutputError: stdout is closed, or ``output`` is a device, FIFO, symlink or directory.
    """
    from summarizer.errors import OutputError
    from summarizer.fsutil import check_output

    if is_stdout(output):
        if sys.stdout is None:
            raise OutputError("standard output is closed: nothing would receive the output "
                              "(use -o FILE)")  # fmt: skip
        return
    assert output is not None
    check_output(output.expanduser(), str(output))


def write_output(text: str, output: Path | None) -> None:
    """Write to ``output`` atomically (a regular file only), or to stdout.

    Raises:
        OutputError: stdout is closed or full; ``output`` is not a regular file or cannot be
            written.
    """
    from summarizer.cli.app import flush_stdout
    from summarizer.errors import OutputError
    from summarizer.fsutil import atomic_open

    check_output_target(output)
    if is_stdout(output):
        try:
            sys.stdout.write(text)
        except BrokenPipeError:
            raise
        except OSError as e:
            raise OutputError(f"cannot write to standard output: {e.strerror or e}") from None
        flush_stdout()
        return
    assert output is not None
    target = output.expanduser()
    try:
        with atomic_open(target) as fh:
            fh.write(text)
    except OSError as e:
        raise OutputError(f"cannot write {output}: {e.strerror or e}") from None


@app.command()
def summarize(
    input: Annotated[
        str,
        typer.Argument(
            help="Article file (text or HTML, any Japanese encoding), or - for stdin.",
            show_default=False,
        ),
    ],
    format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="md: English brief; json: "
            "ThreatReport; stix: STIX 2.1 bundle; misp: MISP event; html: page with "
            "the Japanese source highlighted.",
        ),
    ] = Format.md,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here instead of stdout (a regular file: "
            "devices, FIFOs, symlinks and directories are refused, exit 3).",
            show_default=False,
        ),  # fmt: skip
    ] = None,
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
    """Summarize one Japanese article into an English brief (or JSON/STIX/MISP/HTML).

    Every actor, indictment, sanction, victim, malware and CVE is tied to the Japanese text
    that states it. With no server configured the offline rules engine runs.
    """
    import gc

    from summarizer.ingest import read_input
    from summarizer.pipeline import summarize_document

    # the modules just imported are most of the heap and live until exit: left out of the cyclic
    # collector's passes, its collections during the run stop walking them (one article, one
    # process: nothing is kept that would otherwise be freed)
    gc.freeze()
    settings = make_settings(
        engine,
        base_url,
        model,
        profile,
        api_key_file,
        timeout,
        chunk_chars,
        temperature,
        max_tokens,
        author,
        context_tokens,
    )
    settings = with_published(settings, published)
    check_output_target(output)
    doc = read_input(input)
    settings = prepare_server(settings, doc=doc)
    announce_engine(settings)
    report = summarize_document(doc, settings)
    write_output(render(format, [report], [doc.text], tlp, settings.author), output)
    if report_partial(report):
        raise typer.Exit(12)


def _schemas() -> dict[str, dict[str, object]]:
    from summarizer.llm_schema import ArticleExtraction
    from summarizer.models import ThreatReport

    return {
        "threat_report.schema.json": ThreatReport.model_json_schema(),
        "article_extraction.schema.json": ArticleExtraction.model_json_schema(),
    }


def schema_text(schema: dict[str, object]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


@app.command()
def schema(
    write: Annotated[
        Path | None,
        typer.Option(
            "--write",
            help="Write the schema files into this folder (the repo's schemas/).",
            show_default=False,
        ),
    ] = None,
    which: Annotated[
        str,
        typer.Option(
            "--which",
            help="threat_report (output contract) or article_extraction (what the model fills).",
        ),
    ] = "threat_report",
) -> None:
    """Print the ThreatReport JSON Schema (or write both schema files with --write)."""
    schemas = _schemas()
    if write is not None:
        write.mkdir(parents=True, exist_ok=True)
        for name, s in schemas.items():
            (write / name).write_text(schema_text(s), encoding="utf-8")
            typer.echo(f"wrote {write / name}", err=True)
        return
    key = f"{which}.schema.json"
    if key not in schemas:
        from summarizer.errors import ConfigError

        raise ConfigError(f"unknown schema {which!r} (threat_report or article_extraction)")
    typer.echo(schema_text(schemas[key]), nl=False)
