"""Layering rules (STYLE.md): one module talks to the model SDKs, only the CLI uses typer."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "summarizer"

RULES = {
    "openai": {"summarizer/llm.py"},
    "instructor": {"summarizer/llm.py"},
    "typer": {"summarizer/cli/"},
    "click": {"summarizer/cli/"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_sdk_and_cli_imports_stay_in_their_layer() -> None:
    offenders = []
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG.parent).as_posix()
        for lib in _imports(path) & RULES.keys():
            if not any(rel == a or (a.endswith("/") and rel.startswith(a)) for a in RULES[lib]):
                offenders.append(f"{rel} imports {lib}")
    assert not offenders, offenders


def test_help_does_not_import_heavy_modules() -> None:
    """`summarizer --help` stays fast: no SDK, knowledge base or exporters at import time."""
    import subprocess
    import sys

    code = (
        "import sys; sys.argv=['summarizer','--help']\n"
        "from summarizer.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('openai', 'instructor', 'summarizer.knowledge', 'stix2', 'pymisp',"
        " 'ioc_finder') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in out.stdout, out.stdout[-500:] + out.stderr[-500:]
