#!/usr/bin/env python3
"""Is the offline engine's output unchanged? A snapshot of every article's report, then a check.

    .venv/bin/python scripts/same_output.py seeds /work/shared/dev bench/heldout \
        --snapshot /tmp/before --write      # record the reports (one JSON file per article)
    .venv/bin/python scripts/same_output.py seeds /work/shared/dev bench/heldout \
        --snapshot /tmp/before --check      # compare, exit 1 on any difference

Each ``*.txt`` of each folder goes through ``summarize_document`` with the rules engine (as
``summarizer summarize --engine rules --json`` does) and the report is written as
``model_dump_json(indent=2)`` with the wall-clock field ``provenance.seconds`` blanked. A speed
change must leave every file byte-identical.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path


def _reports(dirs: list[str]) -> dict[str, str]:
    from summarizer.config import load_settings
    from summarizer.ingest import read_input
    from summarizer.pipeline import summarize_document

    settings = load_settings(engine="rules", env={})
    out: dict[str, str] = {}
    for d in dirs:
        folder = Path(d)
        for path in sorted(folder.glob("*.txt")):
            report = summarize_document(read_input(str(path)), settings)
            data = json.loads(report.model_dump_json())
            data["provenance"]["seconds"] = 0.0
            key = f"{folder.name}__{path.stem}.json"
            out[key] = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="+", help="folders of NAME.txt articles")
    ap.add_argument("--snapshot", required=True, help="folder of the recorded reports")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="record the reports")
    mode.add_argument("--check", action="store_true", help="compare with the recorded reports")
    args = ap.parse_args(argv)

    snap = Path(args.snapshot)
    reports = _reports(args.dirs)
    if args.write:
        snap.mkdir(parents=True, exist_ok=True)
        for key, text in reports.items():
            (snap / key).write_text(text, encoding="utf-8")
        print(f"wrote {len(reports)} reports to {snap}")
        return 0
    differ = 0
    for key, text in reports.items():
        path = snap / key
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != text:
            differ += 1
            print(f"DIFFERS: {key}")
            diff = difflib.unified_diff(old.splitlines(), text.splitlines(), "before", "after", n=1)
            for line in list(diff)[:20]:
                print("  " + line)
    missing = sorted({p.name for p in snap.glob("*.json")} - set(reports))
    for key in missing:
        print(f"MISSING: {key}")
    print(
        f"{len(reports) - differ}/{len(reports)} identical"
        + (f", {len(missing)} missing" if missing else "")
    )
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main())
