"""The typer application and the one place that turns errors into one-line messages and exit codes.

Each command lives in its own module in this package and registers itself on ``app``; heavy
imports stay inside the command functions so ``summarizer --help`` stays fast.
"""

from __future__ import annotations

import os
import sys

import typer

app = typer.Typer(
    name="summarizer",
    help=(
        "Turn Japanese cyber-threat reporting into grounded threat intelligence: actors, "
        "indictments, sanctions, victims, malware and CVEs, each tied to the Japanese sentence "
        "that states it, as an English brief, JSON, STIX 2.1 or MISP.\n\n"
        "Exit codes: 0 ok, 2 configuration, 3 unreadable input, 4 empty input, 5 undecodable "
        "input, 6 server error, 7 server unreachable, 8 credentials refused, 9 model output "
        "unusable, 10 batch had failures, 11 partial report (a chunk failed; see the warning "
        "lines), 130 interrupted. "
        "Set SUMMARIZER_RAISE_ERRORS=1 to see tracebacks."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # never print locals: they can hold keys
    add_completion=False,
)


def fail(message: str, code: int) -> None:
    """Print one line to stderr and exit with ``code``."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def main() -> None:
    """Console entry point: run the app, mapping our errors to one line and an exit code."""
    from summarizer.cli import batch_cmd, core, eval_cmd  # noqa: F401  (registers commands)
    from summarizer.errors import SummarizerError

    raise_errors = os.environ.get("SUMMARIZER_RAISE_ERRORS", "") not in ("", "0")
    try:
        rc = app(standalone_mode=False)
        if isinstance(rc, int) and rc:
            sys.exit(rc)
    except SummarizerError as e:
        if raise_errors:
            raise
        typer.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        if raise_errors:
            raise
        typer.echo("error: interrupted", err=True)
        sys.exit(130)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except typer.Abort:
        typer.echo("error: aborted", err=True)
        sys.exit(130)
    except Exception as e:  # click usage errors and anything unexpected
        # typer vendors click: recognise its usage errors by shape, not by import
        code = getattr(e, "exit_code", None)
        if hasattr(e, "show") and isinstance(code, int):
            e.show()
            sys.exit(code)
        if raise_errors:
            raise
        typer.echo(
            f"error: unexpected {type(e).__name__}: {e} (SUMMARIZER_RAISE_ERRORS=1 for the "
            "traceback; please report it)",
            err=True,
        )
        sys.exit(1)
