"""The command line as a user meets it: help, schema export, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from summarizer.cli.core import _schemas, schema_text
from summarizer.errors import EXIT_CODES

from .conftest import ROOT, SEEDS

ENV = {k: v for k, v in os.environ.items()
       if not k.startswith(("SUMMARIZER_", "OPENAI_"))}  # fmt: skip


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args], input=stdin.decode() if stdin else None,
        capture_output=True, text=True, env={**ENV, **(env or {})}, timeout=120,
    )  # fmt: skip


def test_help_lists_commands_and_exit_codes() -> None:
    r = run("--help")
    assert r.returncode == 0
    for word in ("summarize", "schema", "batch", "eval", "Exit codes"):
        assert word in r.stdout


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ("summarize", ["SUMMARIZER_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_PROFILE"]),
        ("batch", ["SUMMARIZER_CACHE_DIR", "default: on for the LLM engine", "when stderr is a"]),
    ],
)
def test_option_help_keeps_env_and_default_notes(command: str, words: list[str]) -> None:
    """rich renders [...] as markup and silently drops it: the notes must survive."""
    r = run(command, "--help", env={"COLUMNS": "200"})
    assert r.returncode == 0
    for word in words:
        assert word in r.stdout, word


def test_batch_help_and_readme_name_every_suffix_a_folder_is_searched_for() -> None:
    """A user who keeps .htm or .text pages must learn from --help and README that they count."""
    from summarizer.batch import TEXT_SUFFIXES

    helptext = run("batch", "--help", env={"COLUMNS": "200"}).stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = readme.split("folders (searched recursively for", 1)[1].split(")", 1)[0]
    for suffix in TEXT_SUFFIXES:
        assert f"{suffix}/" in helptext or f"{suffix})" in helptext, suffix
        assert f"`{suffix}`" in listed, suffix


def test_readme_example_is_the_real_output_of_its_command() -> None:
    """Every line of the README's example (bar the "- ..." abridgements) is printed, in order,
    by the command it names: regenerate the example when the output changes."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    intro, rest = readme.split("## Example", 1)[1].split("```\n", 1)
    command = intro.split("`")[1].split()
    example = [line for line in rest.split("```", 1)[0].splitlines() if line != "- ..."]
    r = run(*command[1:], env={"COLUMNS": "200"})
    assert r.returncode == 0, r.stderr
    out = iter(r.stdout.splitlines())
    for line in example:
        assert any(got == line for got in out), f"README example line not printed: {line!r}"


def test_exported_schemas_are_current() -> None:
    """schemas/ must match the pydantic models: run `summarizer schema --write schemas`."""
    for name, schema in _schemas().items():
        path = ROOT / "schemas" / name
        assert path.exists(), f"missing {path}"
        assert path.read_text(encoding="utf-8") == schema_text(schema), f"{name} is stale"


def test_schema_command_prints_the_contract() -> None:
    r = run("schema")
    assert r.returncode == 0
    schema = json.loads(r.stdout)
    for field in (
        "actors",
        "indictments",
        "sanctions",
        "victims",
        "malware",
        "vulnerabilities",
        "provenance",
        "warnings",
    ):
        assert field in schema["properties"]


@pytest.mark.parametrize(
    ("name", "args", "code", "message"),
    [
        ("missing file", ["summarize", "no/such/file.txt"], 3, "no/such/file.txt"),
        ("directory", ["summarize", str(SEEDS)], 3, "directory"),
        (
            "llm engine without a server",
            ["summarize", str(SEEDS / "004_33a784fce0b7900b.txt"), "--engine", "llm"],
            2,
            "--base-url",
        ),
        ("unknown profile", ["summarize", "x.txt", "--profile", "nope"], 2, "unknown profile"),
        ("bad base url", ["summarize", "x.txt", "--base-url", "localhost:8080"], 2, "http://"),
    ],
)
def test_bad_usage_is_one_line_and_documented_code(
    name: str, args: list[str], code: int, message: str
) -> None:
    r = run(*args)
    assert r.returncode == code, (name, r.stderr)
    assert code in EXIT_CODES
    lines = r.stderr.strip().splitlines()
    assert lines[-1].startswith("error: ") and message in lines[-1], r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty", b"", 4),
        ("whitespace only", "  \n\u3000\n".encode(), 4),
        ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, 5),
    ],
)
def test_bad_stdin_input(name: str, data: bytes, code: int, tmp_path: Path) -> None:
    f = tmp_path / "in.bin"
    f.write_bytes(data)
    with f.open("rb") as fh:
        r = subprocess.run(
            [sys.executable, "-m", "summarizer", "summarize", "-"],
            stdin=fh,
            capture_output=True,
            text=True,
            env=ENV,
            timeout=120,
        )
    assert r.returncode == code, (name, r.stderr)
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_unreachable_server_exit_7() -> None:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    r = run(
        "summarize",
        str(SEEDS / "004_33a784fce0b7900b.txt"),
        "--base-url",
        f"http://127.0.0.1:{port}/v1",
        "--model",
        "m",
        "--timeout",
        "2",
    )
    assert r.returncode == 7, r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith("error: cannot connect")


def test_raise_errors_switch_shows_traceback() -> None:
    r = run("summarize", "no/such/file.txt", env={"SUMMARIZER_RAISE_ERRORS": "1"})
    assert r.returncode != 0 and "Traceback" in r.stderr


def test_offline_summary_of_a_seed_from_stdin(tmp_path: Path) -> None:
    text = (SEEDS / "004_33a784fce0b7900b.txt").read_bytes()
    out = tmp_path / "r.json"
    r = run("summarize", "-", "--format", "json", "-o", str(out), stdin=text)
    assert r.returncode == 0, r.stderr
    assert "engine: rules" in r.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["provenance"]["engine"] == "rules"
    assert report["source"]["sha256"]
    assert report["actors"], "the offline engine finds the seed's actor"


def test_prompts_and_schemas_ship_in_the_wheel(tmp_path: Path) -> None:
    """prompts/ and schemas/ sit outside the package: the wheel must carry them."""
    hatchling = pytest.importorskip("hatchling.build")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        wheel = hatchling.build_wheel(str(tmp_path))
    finally:
        os.chdir(cwd)
    site = tmp_path / "site"
    with zipfile.ZipFile(tmp_path / wheel) as z:
        names = z.namelist()
        z.extractall(site)
    assert "summarizer/_data/prompts/extract_system.md" in names
    assert "summarizer/_data/schemas/threat_report.schema.json" in names
    probe = (
        "from summarizer import resources; print(resources.data_dir('prompts')); "
        "print(resources.prompt_id())"
    )
    r = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**ENV, "PYTHONPATH": str(site)},
        cwd=tmp_path,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert str(site) in r.stdout.splitlines()[0]
