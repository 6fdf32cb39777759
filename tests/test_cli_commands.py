"""``main`` imports only the module of the command a command line names: every command is
still listed, suggested and run as before."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args], capture_output=True, text=True, timeout=120
    )


def test_the_root_help_lists_every_command() -> None:
    out = _run("--help").stdout
    for command in ("batch", "eval", "schema", "summarize"):
        assert command in out


def test_a_misspelt_command_is_still_suggested() -> None:
    r = _run("sumarize", "a.txt")
    assert r.returncode == 2
    assert "Did you mean 'summarize'?" in r.stderr


@pytest.mark.parametrize(
    ("argv", "loaded"),
    [
        (["summarize", "--help"], {"summarizer.cli.core"}),
        (["schema", "--help"], {"summarizer.cli.core"}),
        (["eval", "--help"], {"summarizer.cli.core", "summarizer.cli.eval_cmd"}),
        (
            ["--help"],
            {"summarizer.cli.core", "summarizer.cli.eval_cmd", "summarizer.cli.batch_cmd"},
        ),
        (
            ["batch", "--help"],
            {"summarizer.cli.core", "summarizer.cli.eval_cmd", "summarizer.cli.batch_cmd"},
        ),
    ],
)
def test_only_the_named_commands_module_is_imported(argv: list[str], loaded: set[str]) -> None:
    probe = (
        f"import sys\nsys.argv = ['summarizer', *{argv!r}]\n"
        "from summarizer.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('summarizer.cli.') and m != 'summarizer.cli.app'))\n"
    )
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == str(sorted(loaded))
