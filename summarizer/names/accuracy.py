"""Exact-match accuracy of ``romanize`` on a table of real name pairs (katakana or kanji as
Japanese press writes the name, English as the announcement spells it), by origin.

A romanization matches when it equals the English name with case, width, spaces, hyphens and
punctuation folded, surname and given name in either order: the way ``summarizer eval`` matches
people (``evaluate.person_keys``). The held-out part of a table is the rows whose katakana hashes
to 0 mod 4 (sha256): fixed, and never looked at while the romanizer is tuned.
"""

from __future__ import annotations

import hashlib
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


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


def measure(pairs: Iterable[Pair], *, hint: bool) -> dict[str, Tally]:
    """Per origin group and "all": hits, totals and misses (native, predicted, english).
    ``hint`` passes the pair's nationality as ``origin``; otherwise the shape decides."""
    out: dict[str, Tally] = {}
    for p in pairs:
        got = romanize_detail(p.native, p.origin if hint else None).name
        ok = matches(got, p.english)
        for key in (p.group, "all"):
            t = out.setdefault(key, Tally())
            t.total += 1
            t.right += ok
            if not ok:
                t.misses.append((p.native, got, p.english))
    return out


def report(pairs: list[Pair]) -> dict[str, Any]:
    """Accuracy by origin, with and without the nationality hint, on all pairs and held-out."""
    out: dict[str, Any] = {}
    for split, rows in (("all", pairs), ("held_out", [p for p in pairs if p.held_out])):
        for mode, hint in (("with_nationality", True), ("shape_only", False)):
            res = measure(rows, hint=hint)
            out.setdefault(split, {})[mode] = {
                k: {"accuracy": round(t.accuracy, 3), "right": t.right, "total": t.total}
                for k, t in sorted(res.items())
            }
    return out
