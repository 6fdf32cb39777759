"""The typer application and the one place that turns errors into one-line messages and exit codes.

Each command lives in its own module in this package and registers itself on ``app``; heavy
imports stay inside the command functions so ``summarizer --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

app = typer.Typer(
    name="summarizer",
    help=(
        "Turn Japanese cyber-threat reporting into grounded threat intelligence: actors, "
        "indictments, sanctions, victims, malware and CVEs, each tied to the Japanese sentence "
        "that states it, as an English brief, JSON, STIX 2.1 or MISP.\n\n"
        "Exit codes: 0 ok, 1 unexpected (a bug), 2 configuration or usage, 3 unreadable input "
        "or unwritable output, 4 empty input, 5 undecodable input, 6 server error, 7 server "
        "unreachable, 8 credentials refused, 9 model output unusable, 10 batch had failures, "
        "11 another batch is writing the same output, 12 partial report (a chunk failed; see "
        "the warning lines), 130 interrupted. "
        "Set SUMMARIZER_RAISE_ERRORS=1 to see tracebacks."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # never print locals: they can hold keys
    add_completion=False,
    rich_markup_mode=None,  # plain help: importing rich costs more than the rest of --help
)


def _print_version(value: bool) -> None:
    if not value:
        return
    from importlib.metadata import PackageNotFoundError, version

    try:
        v = version("summarizer")
    except PackageNotFoundError:  # running from a source tree that was never installed
        from summarizer import __version__ as v
    typer.echo(f"summarizer {v}")
    raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Options that come before the command."""


def fail(message: str, code: int) -> None:
    """Print one line to stderr and exit with ``code``."""
    say_error(message)
    raise typer.Exit(code)


def say_error(message: str) -> None:
    """``error: <message>`` on stderr: secrets redacted, control characters escaped, one line."""
    from summarizer.redact import printable, redact

    line = printable(redact(message)).replace("\n", " ")
    try:
        sys.stderr.write(f"error: {line}\n")
        sys.stderr.flush()
    except (OSError, AttributeError, ValueError):  # stderr closed or full: the code still says it
        pass


def _traceback() -> None:
    """The current exception's traceback on stderr, through the redaction point (the env
    switch ``SUMMARIZER_RAISE_ERRORS=1`` must not print the key a server echoed)."""
    import traceback

    from summarizer.redact import redact

    try:
        sys.stderr.write(redact(traceback.format_exc()))
        sys.stderr.flush()
    except (OSError, AttributeError, ValueError):
        pass


def _usage_line(e: Exception) -> str:
    """A click usage error (unknown flag, bad choice, missing argument) as one line."""
    message = e.format_message() if hasattr(e, "format_message") else str(e)
    ctx = getattr(e, "ctx", None)
    where = getattr(ctx, "command_path", None) or "summarizer"
    return f"{' '.join(message.split())} (see '{where} --help')"


def flush_stdout() -> None:
    """Flush stdout now, so a full disk or a closed descriptor is an error we report.

    Raises:
        OutputError: stdout cannot take the output (exit 3).
    """
    from summarizer.errors import OutputError

    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as e:
        _stdout_failed()
        raise OutputError(
            f"cannot write to standard output: {getattr(e, 'strerror', None) or e}"
        ) from None


def _stdout_failed() -> None:
    """Point fd 1 at /dev/null so the interpreter's final flush cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
    except OSError:
        pass


def _register_commands(argv: list[str]) -> None:
    """Import the module of the command ``argv`` names (which registers it on ``app``), or every
    command module when it names none or one we do not know (``--help``, ``--version``, a typo:
    the list and the suggestions need them all). typer builds a click command for every
    registered command before it runs one (signature, type hints, a parameter per option), so
    ``summarize`` does not pay for ``batch``'s thirty options."""
    name = next((a for a in argv if not a.startswith("-")), None)
    if name in ("summarize", "schema"):
        from summarizer.cli import core  # noqa: F401
    elif name == "eval":
        from summarizer.cli import eval_cmd  # noqa: F401
    else:
        from summarizer.cli import batch_cmd, core, eval_cmd  # noqa: F401


def main() -> None:
    """Console entry point: run the app, mapping our errors to one line and an exit code."""
    from summarizer.errors import SummarizerError

    _register_commands(sys.argv[1:])

    raise_errors = os.environ.get("SUMMARIZER_RAISE_ERRORS", "") not in ("", "0")
    try:
        rc = app(standalone_mode=False)
        flush_stdout()  # a full disk shows here, not in the interpreter's exit
        if isinstance(rc, int) and rc:
            sys.exit(rc)
    except SummarizerError as e:
        if raise_errors:
            _traceback()
        else:
            say_error(str(e))
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        if raise_errors:
            _traceback()
        else:
            say_error("interrupted")
        sys.exit(130)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except typer.Abort:
        say_error("aborted")
        sys.exit(130)
    except BrokenPipeError:  # `summarizer ... | head`: the reader left; not an error of ours
        _stdout_failed()
        sys.exit(0)
    except Exception as e:  # click usage errors and anything unexpected
        # typer vendors click: recognise its usage errors by shape, not by import
        code = getattr(e, "exit_code", None)
        if hasattr(e, "show") and isinstance(code, int):
            if type(e).__name__ == "NoArgsIsHelpError":  # bare `summarizer`: the help text
                e.show()
                sys.exit(code)
            say_error(_usage_line(e))
            sys.exit(code)
        if raise_errors:
            _traceback()
            sys.exit(1)
        say_error(
            f"unexpected {type(e).__name__}: {e} (SUMMARIZER_RAISE_ERRORS=1 for the "
            "traceback; please report it)"
        )
        sys.exit(1)
