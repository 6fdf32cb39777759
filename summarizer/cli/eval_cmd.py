"""``summarizer eval``: run the pipeline over gold-annotated articles and score it.

Scoring rules live in ``summarizer.evaluate`` (module docstring). The text report ends with four
summary lines, the last one ``overall micro F1: ...``, so scripts can ``tail -1`` it; ``--json``
prints the whole report as one JSON document.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.cli.app import app
from summarizer.cli.core import (
    BaseUrlOpt,
    ChunkOpt,
    ContextOpt,
    EngineChoice,
    EngineOpt,
    KeyFileOpt,
    MaxTokOpt,
    ModelOpt,
    ProfileOpt,
    TempOpt,
    TimeoutOpt,
    announce_engine,
    make_settings,
    prepare_server,
)

if TYPE_CHECKING:
    from summarizer.evaluate import Scores


def render_table(scores: Scores, *, engine: str, errors: int) -> str:
    """Per-field P/R/F1 with counts, then four summary lines (overall micro F1 last)."""
    lines = [f"{'field':<24}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for name, c in scores.fields.items():
        if c.empty:
            lines.append(f"{name:<24}{'-':>7}{'-':>7}{'-':>7}{0:>6}{0:>6}{0:>6}")
            continue
        lines.append(f"{name:<24}{c.precision:>7.2f}{c.recall:>7.2f}{c.f1:>7.2f}"
                     f"{c.tp:>6}{c.fp:>6}{c.fn:>6}")  # fmt: skip
    o = scores.overall
    n = len(scores.articles)
    lines += [
        f"articles: {n} ({errors} failed, scored as empty), engine: {engine}",
        f"totals: TP {o.tp}, FP {o.fp}, FN {o.fn}",
        f"macro F1 over scored fields: {scores.macro_f1:.2f}",
        f"overall micro F1: {o.f1:.2f} (P {o.precision:.2f}, R {o.recall:.2f}) over {n} articles",
    ]
    return "\n".join(lines) + "\n"


def render_details(scores: Scores, errors: dict[str, str]) -> str:
    """Per-article misses and false positives (fields with neither are left out)."""
    out: list[str] = []
    for a in scores.articles:
        o = a.overall
        out.append(f"== {a.name}  F1 {o.f1:.2f} (TP {o.tp}, FP {o.fp}, FN {o.fn})")
        if a.name in errors:
            out.append(f"  error: {errors[a.name]}")
        for name, r in a.fields.items():
            if r.fn:
                out.append(f"  {name} missed: {'; '.join(r.fn)}")
            if r.fp:
                out.append(f"  {name} false positive: {'; '.join(r.fp)}")
    return "\n".join(out) + "\n\n" if out else ""


@app.command("eval")
def eval_command(
    gold_dir: Annotated[
        str,
        typer.Argument(
            help="Folder of gold .json files (each names its article), or one gold file.",
            show_default=False,
        ),
    ],
    engine: EngineOpt = EngineChoice.auto,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print a machine-readable report.")
    ] = False,
    details: Annotated[
        bool, typer.Option("--details", help="List each article's misses and false positives.")
    ] = False,
    base_url: BaseUrlOpt = None,
    model: ModelOpt = None,
    profile: ProfileOpt = None,
    api_key_file: KeyFileOpt = None,
    timeout: TimeoutOpt = None,
    chunk_chars: ChunkOpt = None,
    temperature: TempOpt = None,
    max_tokens: MaxTokOpt = None,
    context_tokens: ContextOpt = None,
) -> None:
    """Score extraction against gold annotations: per-field precision/recall/F1 and overall F1.

    Runs the pipeline on every gold file's article and scores it (rules: summarizer.evaluate).
    A failed article is scored as an empty report; config and connection errors stop the run.
    """
    from summarizer.errors import AuthError, ConfigError, ServerUnreachableError, SummarizerError
    from summarizer.evaluate import load_gold, score
    from summarizer.pipeline import summarize_path

    golds = load_gold(gold_dir)
    settings = make_settings(engine, base_url, model, profile, api_key_file, timeout,
                             chunk_chars, temperature, max_tokens, None,
                             context_tokens)  # fmt: skip
    settings = prepare_server(settings)
    announce_engine(settings)
    resolved = settings.resolved_engine()
    errors: dict[str, str] = {}
    pairs = []
    for g in golds:
        try:
            report = summarize_path(str(g.article), engine=engine.value, settings=settings)
        except (ConfigError, AuthError, ServerUnreachableError):
            raise
        except SummarizerError as e:
            from summarizer.redact import printable, redact

            errors[g.name] = redact(e)
            typer.echo(f"error: {printable(g.article.name)}: {printable(redact(e))}", err=True)
            report = None
        pairs.append((g, report))
    scores = score(pairs)
    if json_out:
        data = scores.to_dict(details=details)
        data["engine"] = resolved
        data["errors"] = [{"name": k, "error": v} for k, v in errors.items()]
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        text = render_details(scores, errors) if details else ""
        typer.echo(text + render_table(scores, engine=resolved, errors=len(errors)), nl=False)
    if errors:
        raise typer.Exit(10)
