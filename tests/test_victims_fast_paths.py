"""The victim recognizer's cheap paths find what the patterns they stand for find."""

from __future__ import annotations

import random
from pathlib import Path

import summarizer.rules.victims as v

_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _lines() -> list[str]:
    out = []
    for p in sorted(_SEEDS.glob("*.txt")):
        out += p.read_text(encoding="utf-8").split("。")
    return out


def _random_texts(alphabet: list[str], n: int = 3000) -> list[str]:
    rnd = random.Random(7)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 10))) for _ in range(n)]


def test_org_spans_are_the_org_pattern_matches() -> None:
    words = list(v.ORGS)
    pieces = [w[:k] for w in words for k in (1, 2, len(w))] + list("のが米国日、")
    for t in _lines() + _random_texts(pieces):
        assert v._org_spans(t) == [m.span() for m in v._ORG_RE.finditer(t)], t
