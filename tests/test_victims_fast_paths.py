"""The victim recognizer's cheap paths find what the patterns they stand for find."""

from __future__ import annotations

import random
import re
from pathlib import Path

import summarizer.rules.victims as v
from summarizer.rules.reading import KANJI, KATA

_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _lines() -> list[str]:
    out = []
    for p in sorted(_SEEDS.glob("*.txt")):
        out += p.read_text(encoding="utf-8").split("。")
    return out


def _random_texts(alphabet: list[str], n: int = 3000) -> list[str]:
    rnd = random.Random(7)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 10))) for _ in range(n)]


def test_kata_gloss_pattern_finds_what_the_plain_one_finds() -> None:
    plain = re.compile(
        rf"([{KATA}][{KATA}{KANJI}・]{{2,}})\s*[（(]\s*([A-Za-z][A-Za-z0-9&'.\- ]{{1,40}}?)\s*[）)]"
    )
    fast = re.compile(v._KATA_GLOSS_RE.pattern.pattern)
    for t in _lines() + _random_texts(list("マイクロソフト米国大学・（()） ABc中")):
        assert [(m.span(), m.groups()) for m in fast.finditer(t)] == [
            (m.span(), m.groups()) for m in plain.finditer(t)
        ], t


def test_subject_noun_phrases_are_the_plain_pattern_matches() -> None:
    plain = re.compile(rf"([{KANJI}]{{2,12}}(?:{v._SUBJ_NP_HEADS}))")
    for t in _lines() + _random_texts(list("米国大学病院銀行電力ガス中東京の、ア")):
        assert [m.span() for m in v._subj_nps(t)] == [m.span() for m in plain.finditer(t)], t
