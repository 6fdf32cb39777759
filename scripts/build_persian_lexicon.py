#!/usr/bin/env python
"""Build ``summarizer/names/data/persian_skeletons.tsv``: the consonant skeletons of some 14,000
Iranian given names written in Persian script, with how many names share each.

Persian script writes what katakana loses (ل l / ر r, ب b / و v, ح h / خ kh, غ ق gh / گ g) and
leaves out the short vowels, which katakana keeps: so a name's consonant skeleton in Latin
letter classes (وحید -> "vhd", خطیب -> "Xtb") is what a katakana read-back needs to choose
Vahidi over Bahidi. ``persian.py`` scores each spelling katakana cannot tell apart by how many
real names share its skeleton (a surname's -i, -ian adds no consonant to its name's).

The source is the name list of the ``persian-gender-detection`` package (MIT licence,
github.com/zeoses/persian-gender-detection), not a dependency of the project: this script runs
once, in a scratch environment:

    python3 -m venv /tmp/lexenv && /tmp/lexenv/bin/pip install persian-gender-detection
    /tmp/lexenv/bin/python scripts/build_persian_lexicon.py
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "summarizer" / "names" / "data" / "persian_skeletons.tsv"

# Persian letters -> the Latin letter classes of persian.skeleton (X kh, G gh/q, S sh, C ch,
# Z zh, J j); alef, ye, ayn, hamza carry vowels (or nothing katakana shows) and are dropped
_LETTERS = {
    "ب": "b", "پ": "p", "ت": "t", "ث": "s", "ج": "J", "چ": "C", "ح": "h", "خ": "X", "د": "d",
    "ذ": "z", "ر": "r", "ز": "z", "ژ": "Z", "س": "s", "ش": "S", "ص": "s", "ض": "z", "ط": "t",
    "ظ": "z", "غ": "G", "ف": "f", "ق": "G", "ک": "k", "ك": "k", "گ": "g", "ل": "l", "م": "m",
    "ن": "n", "ه": "h",
}  # fmt: skip
_VOWEL_CARRIERS = set("اآأإیيئءعةٔ\u200c")

HEADER = """\
# Consonant skeletons of Iranian given names: the name list of the persian-gender-detection
# package (MIT licence, github.com/zeoses/persian-gender-detection; {n} names in Persian script),
# each word reduced to its consonants in Latin letter classes (X kh, G gh/q, S sh, C ch, Z zh,
# J j; و as v or as a vowel, a final ه silent), with the number of names that share it. Built by
# scripts/build_persian_lexicon.py; persian.py prefers the spelling whose skeleton real names
# share. A general lexicon of given names, not a list of people.
skeleton\tnames
"""


def skeletons(word: str) -> set[str]:
    """وحید -> {"vhd", "hd"}: و is v or a vowel; doubled letters are written once."""
    outs = [""]
    w = word.strip()
    for i, c in enumerate(w):
        if c == "و":
            outs = [o + a for o in outs for a in ("v", "")][:16]
        elif c == "ه" and i == len(w) - 1:
            continue  # Fatemeh: a final ه is a vowel
        elif c in _LETTERS:
            outs = [o + _LETTERS[c] for o in outs]
        # vowel carriers and anything else: nothing katakana shows as a consonant
    return {re.sub(r"(.)\1+", r"\1", o) for o in outs if o}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", help="iranianNamesDataset.csv (default: the installed package's)")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    path = args.csv
    if path is None:
        import persian_gender_detection

        path = Path(persian_gender_detection.__file__).parent / "gender" / "iranianNamesDataset.csv"
    with open(path, encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    words = {w for name, *_ in rows for w in name.split()}
    counts: Counter[str] = Counter()
    for w in words:
        counts.update(skeletons(w))
    lines = [f"{k}\t{v}" for k, v in sorted(counts.items())]
    text = HEADER.format(n=len(rows)) + "\n".join(lines) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"{len(rows)} names, {len(words)} words -> {len(lines)} skeletons: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
