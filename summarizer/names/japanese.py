"""Japanese names: Hepburn readings of katakana, and spotting a kanji name as Japanese (whose
reading cannot be known from the kanji, so it is kept as written)."""

from __future__ import annotations

import re
from functools import cache

from summarizer.names import _data
from summarizer.names.kana import morae

_DIGRAPH_CONS = {"ky", "gy", "ny", "hy", "by", "py", "my", "ry"}


@cache
def _surnames() -> frozenset[str]:
    return frozenset(r[0] for r in _data.rows("japanese_surnames"))


def looks_japanese(native: str) -> bool:
    """Hiragana in the name, or it starts with a common Japanese surname of 2+ kanji."""
    s = native.strip()
    if re.search(r"[\u3040-\u309f]", s):
        return True
    return any(s.startswith(sn) for sn in _surnames() if len(sn) >= 2)


def hepburn(kana: str) -> str:
    """A Hepburn-style reading of a katakana word (long vowels dropped): ホロシェフ -> horoshefu."""
    out: list[str] = []
    geminate = False
    for m in morae(kana):
        if m.cons == "Q":
            geminate = True
            continue
        if m.cons == "L":
            continue
        rom = "n" if m.cons == "N" else (m.cons + m.vowel)
        if m.cons == "w" and m.vowel == "o" and not m.small:
            rom = "o"  # ヲ
        if geminate and rom:
            rom = ("t" if rom.startswith("ch") else rom[0]) + rom
            geminate = False
        out.append(rom)
    return "".join(out)


def romanize_parts(parts: list[str]) -> tuple[str, bool]:
    """Katakana read as Japanese: Hepburn, each part capitalized; always a guess."""
    return " ".join(hepburn(p).capitalize() for p in parts), True
