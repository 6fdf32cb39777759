"""The fallback for katakana names of no detected origin: common Western given names and
surnames from a table, else the foreign given names and surnames of JMnedict (one word each,
``data/katakana_names.tsv``: デジャルダン -> Desjardins; a guess when the dictionary spells a
name several ways), other words read back from the katakana (final epenthetic vowels dropped:
ロバート -> Robert from the table, a read-back like "Garando" is marked a guess)."""

from __future__ import annotations

from functools import cache

from summarizer.names import _data
from summarizer.names._translit import latin
from summarizer.names.kana import Mora


@cache
def table() -> dict[str, str]:
    return _data.mapping("western_names")


def known(part: str) -> bool:
    return part in table()


def _cons(ms: list[Mora], i: int, drop: bool) -> str:
    return ms[i].cons


def _cluster_ok(m: Mora, nxt: Mora) -> bool:
    """Inside a word, drop the vowel only in the usual clusters: s + consonant (Christopher),
    consonant + r (Patrick); アントニー keeps its o (Antoni)."""
    return m.cons == "s" or nxt.cons[:1] == "r"


def transliterate(word: str) -> str:
    return latin(word, _cons, cluster_ok=_cluster_ok).capitalize()


def romanize_parts(parts: list[str]) -> tuple[str, bool]:
    """Each part from the table, else a foreign name part of JMnedict (``lexicon.name_part``;
    a guess when the dictionary spells it several ways), else read back (a guess)."""
    t = table()
    words: list[str] = []
    guessed = False
    for p in parts:
        hit = t.get(p)
        if hit is None:
            found = _lexicon_part(p)
            if found is not None:
                hit = found[0]
                guessed = guessed or not found[1]
        if hit is None:
            hit = transliterate(p)
            guessed = True
        words.append(hit)
    return " ".join(words), guessed


def _lexicon_part(p: str) -> tuple[str, bool] | None:
    from summarizer.names.lexicon import name_part

    return name_part(p)
