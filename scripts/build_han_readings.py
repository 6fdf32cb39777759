#!/usr/bin/env python3
"""Build summarizer/names/data/han_readings.tsv: each Han character's first Mandarin reading.

    .venv/bin/python scripts/build_han_readings.py

The readings are pypinyin's single-character dictionary (MIT; its `pinyin_dict`), first reading,
tones removed, ü written u (as names are romanized: Lü -> Lu). At run time the romanizer reads
this table (~40k rows, a few milliseconds) instead of importing pypinyin, whose phrase dictionary
costs ~0.15 s of start-up; names are read character by character, and the few multi-character
place names whose reading differs (重慶 Chongqing, 廈門 Xiamen) are in summarizer/names/chinese.py.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "summarizer" / "names" / "data" / "han_readings.tsv"


def plain(reading: str) -> str:
    r = reading.split(",")[0].replace("ü", "u").replace("v", "u")
    return "".join(c for c in unicodedata.normalize("NFD", r) if not unicodedata.combining(c))


def main() -> None:
    import pypinyin
    from pypinyin.pinyin_dict import pinyin_dict

    from summarizer.names.chinese import is_han  # the characters a kanji name may hold

    rows = sorted(
        (chr(cp), plain(r))
        for cp, r in pinyin_dict.items()
        if is_han(chr(cp)) and chr(cp) != "々" and plain(r).isascii()
    )
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        f.write(
            "# Each Han character's first Mandarin reading, tones removed, ü as u: pypinyin "
            f"{pypinyin.__version__}'s\n# single-character dictionary (MIT licence). Built by "
            "scripts/build_han_readings.py.\nhan\treading\n"
        )
        for ch, r in rows:
            f.write(f"{ch}\t{r}\n")
    print(f"wrote {len(rows)} readings to {OUT}")


if __name__ == "__main__":
    main()
