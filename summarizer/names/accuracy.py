"""Exact-match accuracy of ``romanize`` on a table of real name pairs (katakana or kanji as
Japanese press writes the name, English as the announcement spells it), by origin.

A romanization matches when it equals the English name with case, width, spaces, hyphens and
punctuation folded, surname and given name in either order: the way ``summarizer eval`` matches
people (``evaluate.person_keys``). The held-out part of a table is the rows whose katakana hashes
to 0 mod 4 (sha256): fixed, and never looked at while the romanizer is tuned.

A second, looser figure, "same name up to spelling system" (``same_name``), also folds the
differences between romanization systems that announcements themselves mix (``spelling_key``):
Dmitriy = Dmitry = Dmitrii, Aleksey = Alexey = Aleksei, Yevgeniy = Evgeny, -yev = -ev,
Peter = Petr, Seyyed = Seyed, Hooman = Houman, Qasem = Ghasem, Mohammed = Mohammad, Pak =
Park, Ri = Lee, Choe = Choi. It never replaces exact match: l/r, b/v, h/kh, n/ng stay misses.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.evaluate import person_keys
from summarizer.names import romanize_detail

MAIN_ORIGINS = ("KP", "IR", "RU", "CN")


@dataclass(frozen=True)
class Pair:
    native: str
    english: str
    origin: str
    source: str

    @property
    def group(self) -> str:
        return self.origin if self.origin in MAIN_ORIGINS else "other"

    @property
    def held_out(self) -> bool:
        return hashlib.sha256(self.native.encode("utf-8")).digest()[0] % 4 == 0


def read_pairs(path: Path) -> list[Pair]:
    out: list[Pair] = []
    header = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        cells = line.split("\t")
        if len(cells) != 4:
            raise ValueError(f"{path.name}: expected 4 columns: {line!r}")
        out.append(Pair(*cells))
    return out


def matches(predicted: str, english: str) -> bool:
    return bool(person_keys(predicted) & person_keys(english))


# whole words that are one name in two systems (Korean surnames, Arabic given names)
_SAME_WORD = {
    "park": "pak", "lee": "ri", "li": "ri", "yi": "ri", "rhee": "ri", "choi": "choe",
    "lim": "rim", "im": "rim", "mohammed": "mohammad", "muhammad": "mohammad",
    "mohamed": "mohammad", "mohamad": "mohammad",
}  # fmt: skip


def _fold_word(w: str) -> str:
    s = unicodedata.normalize("NFKD", w.lower())
    s = "".join(c for c in s if "a" <= c <= "z")
    s = _SAME_WORD.get(s, s)
    s = s.replace("x", "ks").replace("q", "gh").replace("ck", "k")
    s = s.replace("ou", "u").replace("oo", "u").replace("y", "i")
    s = re.sub(r"([b-df-hj-np-tv-z])\1", r"\1", s)  # Seyyed, Gennadiy, Hossein
    s = re.sub(r"i+", "i", s)  # Dmitriy/Dmitrii, Yuliya
    s = re.sub(r"(?<=[aeou])i(?=[aeiou])", "", s)  # -yev/-ev, Heydarian/Heidarian
    s = re.sub(r"^i(?=[aeou])", "", s)  # Yevgeniy/Evgeny
    s = re.sub(r"(?<=[b-df-hj-np-tv-z])er$", "r", s)  # Peter/Petr, Alexander/Aleksandr
    return s


def spelling_key(name: str) -> set[str]:
    """Keys of a name with romanization-system differences folded (words in either order)."""
    toks = [t for t in (_fold_word(w) for w in re.split(r"[^\w]+|_", name)) if t]
    return {"".join(toks), "".join(reversed(toks))} if toks else set()


def same_name(predicted: str, english: str) -> bool:
    """Exact match, or the same name up to the spelling system (the looser figure)."""
    return matches(predicted, english) or bool(spelling_key(predicted) & spelling_key(english))


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


def measure(pairs: Iterable[Pair], *, hint: bool, loose: bool = False) -> dict[str, Tally]:
    """Per origin group and "all": hits, totals and misses (native, predicted, english).
    ``hint`` passes the pair's nationality as ``origin``; otherwise the shape decides.
    ``loose`` counts the same name up to spelling system as a hit (``same_name``)."""
    out: dict[str, Tally] = {}
    test = same_name if loose else matches
    for p in pairs:
        got = romanize_detail(p.native, p.origin if hint else None).name
        ok = test(got, p.english)
        for key in (p.group, "all"):
            t = out.setdefault(key, Tally())
            t.total += 1
            t.right += ok
            if not ok:
                t.misses.append((p.native, got, p.english))
    return out


def report(pairs: list[Pair]) -> dict[str, Any]:
    """Exact-match accuracy by origin, with and without the nationality hint, on all pairs and
    held-out; then, apart and clearly labelled, the looser "same name up to spelling system"
    figure (nationality stated)."""
    out: dict[str, Any] = {}
    splits = (("all", pairs), ("held_out", [p for p in pairs if p.held_out]))
    for split, rows in splits:
        for mode, hint in (("with_nationality", True), ("shape_only", False)):
            out.setdefault(split, {})[mode] = _figures(measure(rows, hint=hint))
    out["same_name_up_to_spelling_system (not exact match)"] = {
        split: _figures(measure(rows, hint=True, loose=True)) for split, rows in splits
    }
    return out


def _figures(res: dict[str, Tally]) -> dict[str, dict[str, float | int]]:
    return {
        k: {"accuracy": round(t.accuracy, 3), "right": t.right, "total": t.total}
        for k, t in sorted(res.items())
    }
