#!/usr/bin/env python
"""Exact-match accuracy of the name romanizer on tests/data/name_pairs.tsv, by origin, as JSON.

    .venv/bin/python scripts/name_accuracy.py              # all pairs and the held-out part
    .venv/bin/python scripts/name_accuracy.py --misses     # also list the tuning part's misses

"with_nationality" passes each pair's nationality to ``romanize`` (as the rules engine does when
the article states it); "shape_only" lets the name's shape decide. --misses lists only the
tuning part (the held-out part stays unseen).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.names.accuracy import measure, read_pairs, report  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", default=str(ROOT / "tests" / "data" / "name_pairs.tsv"))
    ap.add_argument("--misses", action="store_true", help="list the tuning part's misses")
    args = ap.parse_args()
    pairs = read_pairs(Path(args.pairs))
    out = report(pairs)
    if args.misses:
        tuning = [p for p in pairs if not p.held_out]
        out["tuning_misses"] = {
            mode: measure(tuning, hint=hint)["all"].misses
            for mode, hint in (("with_nationality", True), ("shape_only", False))
        }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
