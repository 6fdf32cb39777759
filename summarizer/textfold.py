"""Folded copies of a text with a map back to the original offsets.

Matching (quotes, knowledge-base names) runs on a folded copy: NFKC width folding, case folding,
whitespace removed, and optionally katakana spelling variants folded (ー, ・ and spaces dropped,
small vowels after a kana made equal). Offsets found in the folded copy are mapped back through
``Folded.span`` so evidence always points into the text as decoded.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

# Characters that separate words in katakana names and are written inconsistently.
_KANA_DROP = frozenset("ー・･‐-－―=＝ 　")
_PUNCT_DROP = frozenset("・･‐-－―_.,，、。'’\"“”「」『』()（）[]［］")


@dataclass(frozen=True)
class Folded:
    """A folded copy of ``original``; ``index[i]`` is the original offset of folded char i."""

    text: str
    index: tuple[int, ...]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span [start, end) back to the original text."""
        o_start = self.index[start] if start < len(self.index) else self.original_length
        if end <= 0:
            return o_start, o_start
        # the original span ends after the original char that produced folded[end-1]
        return o_start, self.index[end - 1] + 1


@lru_cache(maxsize=8192)
def _fold_char(ch: str, kana: bool) -> str:
    out = unicodedata.normalize("NFKC", ch).casefold()
    if out.isspace():
        return ""
    if kana:
        out = "".join(c for c in out if c not in _KANA_DROP)
    return out


class _FoldTable(dict[int, str]):
    """``str.translate`` table of ``_fold_char``, filled on first sight of a character; also
    the characters folding to exactly one character (``one``) and to two or more (``wide``,
    which need an index entry per output character)."""

    def __init__(self, kana: bool) -> None:
        super().__init__()
        self.kana = kana
        self.one: set[str] = set()
        self.wide: set[str] = set()

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        f = _fold_char(ch, self.kana)
        if len(f) == 1:
            self.one.add(ch)
        elif f:
            self.wide.add(ch)
        self[code] = f  # last: a character in the table is complete (threads may share it)
        return f


_TABLES = {False: _FoldTable(False), True: _FoldTable(True)}


def _positions(text: str, c: str) -> Iterator[int]:
    p = text.find(c)
    while p >= 0:
        yield p
        p = text.find(c, p + 1)


def fold(text: str, *, kana: bool = False, extra: Callable[[str], str] | None = None) -> Folded:
    """Fold ``text`` for matching and keep the offset map.

    Args:
        text: the decoded source text.
        kana: also drop long-vowel marks, middle dots and hyphens (katakana name matching).
        extra: a further per-character mapping applied after NFKC/casefold.

    Returns:
        Folded text whose spans map back with ``Folded.span``.
    """
    if extra is None:
        table = _TABLES[kana]
        folded = text.translate(table)  # first: fills the table for new characters
        one = table.one
        n = len(text)
        ws = table.wide.intersection(text)
        if not ws:  # no character folds to 2+ characters: all in C
            kept = compress(range(n), map(one.__contains__, text))
            return Folded(folded, tuple(kept), n)
        # a few characters fold to 2+ (… -> ...): C runs between them
        sel = list(map(one.__contains__, text))
        index_: list[int] = []
        last = 0
        for p in sorted(p for c in ws for p in _positions(text, c)):
            index_.extend(compress(range(last, p), sel[last:p]))
            index_.extend([p] * len(table[ord(text[p])]))
            last = p + 1
        index_.extend(compress(range(last, n), sel[last:]))
        return Folded(folded, tuple(index_), n)
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        f = _fold_char(ch, kana)
        if extra is not None and f:
            f = extra(f)
        for c in f:
            chars.append(c)
            index.append(i)
    return Folded("".join(chars), tuple(index), len(text))


@lru_cache(maxsize=1 << 16)
def fold_key(s: str, *, kana: bool = False, punct: bool = False) -> str:
    """The folded form of a short string (a name or a quote), for equality tests.

    Cached: merge and normalization fold the same alias lists for every article.
    """
    out = fold(s, kana=kana).text
    if punct:
        out = "".join(c for c in out if c not in _PUNCT_DROP)
    return out
