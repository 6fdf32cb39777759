#!/usr/bin/env python
"""Extraction quality on an independent held-out set (bench/heldout), as JSON on stdout.

    .venv/bin/python scripts/heldout.py                  # rules engine, offline
    .venv/bin/python scripts/heldout.py --engine auto    # whatever `summarizer eval` would pick
    .venv/bin/python scripts/heldout.py --per-article    # add each article's overall P/R/F1
    .venv/bin/python scripts/heldout.py --dir bench/heldout2   # the second blind set

The articles and their gold were written from SPEC.md's output contract and the two seed gold
files only, without reading the engine, its tests or the development articles, and committed
before the engine was first run on them (bench/heldout2: the same way, by another author; see
its README.md). Runs `summarizer eval DIR --json` in a
subprocess and reduces its report to overall and per-field precision/recall/F1.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _summarizer() -> str:
    exe = Path(sys.executable).with_name("summarizer")
    return str(exe) if exe.exists() else "summarizer"


def _prf(d: dict[str, object]) -> dict[str, object]:
    return {k: d[k] for k in ("precision", "recall", "f1", "tp", "fp", "fn") if k in d}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--dir", default=str(ROOT / "bench" / "heldout"), help="gold folder (default bench/heldout)"
    )
    ap.add_argument(
        "--engine", default="rules", help="passed to `summarizer eval --engine` (default rules)"
    )
    ap.add_argument(
        "--per-article", action="store_true", help="include each article's overall P/R/F1"
    )
    args = ap.parse_args(argv)

    cmd = [_summarizer(), "eval", args.dir, "--json", "--engine", args.engine]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        msg = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"error: summarizer eval exited {proc.returncode}: {msg}", file=sys.stderr)
        return proc.returncode or 1
    report = json.loads(proc.stdout)
    gold = Path(args.dir).resolve()
    shown = str(gold.relative_to(ROOT)) if gold.is_relative_to(ROOT) else str(gold)
    out: dict[str, object] = {
        "command": f"summarizer eval {shown} --json --engine {args.engine}",
        "engine": report.get("engine"),
        "articles": report.get("articles"),
        "errors": report.get("errors"),
        "overall": _prf(report["overall"]),
        "macro_f1": report.get("macro_f1"),
        "fields": {name: _prf(v) for name, v in report["fields"].items()},
    }
    if args.per_article:
        out["per_article"] = {a["name"]: _prf(a["overall"]) for a in report.get("per_article", [])}
    json.dump(out, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
