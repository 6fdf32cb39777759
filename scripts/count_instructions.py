#!/usr/bin/env python3
"""Instructions the offline engine spends, counted by valgrind (deterministic, unlike wall time).

    .venv/bin/python scripts/count_instructions.py [DIR ...]     # default: seeds/
    .venv/bin/python scripts/count_instructions.py --startup     # `summarize` of 3,000 characters

Wall time on a shared virtual machine wanders by 20% from one minute to the next; the number of
instructions a run executes does not (to within about 0.5%). Per article: the run is done twice
under ``valgrind --tool=callgrind``, once with one pass over the articles after warm-up and once
with three, and the difference divided by two passes gives instructions per article after
start-up. ``--startup`` counts one whole ``summarizer summarize`` of the first 3,000 characters of
the first seed article (imports, knowledge base, pattern compilation, the article). About 30-90 s
a figure. Needs ``valgrind`` (Debian: ``apt-get install valgrind``).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LOOP = r"""
import sys
from summarizer.config import load_settings
from summarizer.ingest import read_input
from summarizer.pipeline import summarize_document
s = load_settings(engine="rules", env={})
docs = [read_input(p) for p in sys.argv[2:]]
for d in docs:  # warm-up: lazy imports, tables, compiled patterns
    summarize_document(d, s)
for _ in range(int(sys.argv[1])):
    for d in docs:
        summarize_document(d, s)
"""


def _instructions(args: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cg.out"
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *args]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        found = re.search(r"Collected : (\d+)", proc.stderr)
        if proc.returncode not in (0, 10) or not found:
            raise SystemExit(f"valgrind run failed ({proc.returncode}): {proc.stderr[-400:]}")
        return int(found.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", default=[str(ROOT / "seeds")])
    ap.add_argument("--startup", action="store_true", help="count one whole `summarize` instead")
    a = ap.parse_args()
    py = sys.executable
    if a.startup:
        seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
        with tempfile.TemporaryDirectory() as tmp:
            art = Path(tmp) / "article3000.txt"
            art.write_text(seed.read_text("utf-8")[:3000], "utf-8")
            n = _instructions([py, "-m", "summarizer", "summarize", "--engine", "rules", str(art)])
        print(f"startup: {n / 1e6:.1f} M instructions (summarize, 3,000 characters)")
        return
    paths = [str(p) for d in a.dirs for p in sorted(Path(d).glob("*.txt"))]
    if not paths:
        raise SystemExit("no *.txt articles in " + ", ".join(a.dirs))
    one = _instructions([py, "-c", LOOP, "1", *paths])
    three = _instructions([py, "-c", LOOP, "3", *paths])
    per = (three - one) / (2 * len(paths))
    print(f"{len(paths)} articles: {per / 1e6:.2f} M instructions per article after start-up")


if __name__ == "__main__":
    main()
