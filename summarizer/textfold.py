"""Folded copies of a text with a map back to the original offsets.

Matching (quotes, knowledge-base names) runs on a folded copy: NFKC width folding, case folding,
whitespace removed, and optionally katakana spelling variants folded (ー, ・ and spaces dropped,
small vowels after a kana made equal). Offsets found in the folded copy are mapped back through
``Folded.span`` so evidence always points into the text as decoded.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, repeat

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
    """``str.translate`` table of ``_fold_char``, filled on first sight of a character; also a
    pattern matching the characters that fold to nothing or to two or more characters (the only
    ones that move offsets), rebuilt when a new one is seen (rarely: spaces, ー, …, ㈱)."""

    def __init__(self, kana: bool) -> None:
        super().__init__()
        self.kana = kana
        self.uneven: set[str] = set()
        self.uneven_re = re.compile("(?!)")
        self.grow: set[str] = set()  # the uneven characters that fold to two or more
        self.grow_re = re.compile("(?!)")

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        f = _fold_char(ch, self.kana)
        if len(f) != 1:
            with _LOCK:  # two threads adding at once must not lose one of the characters
                self.uneven.add(ch)
                self.uneven_re = re.compile("[" + re.escape("".join(sorted(self.uneven))) + "]")
                if f:
                    self.grow.add(ch)
                    self.grow_re = re.compile("[" + re.escape("".join(sorted(self.grow))) + "]")
        self[code] = f  # last: a character in the table is complete (threads may share it)
        return f


_LOCK = threading.Lock()
_TABLES = {False: _FoldTable(False), True: _FoldTable(True)}

# Characters every fold leaves as they are: kana, CJK ideographs (no compatibility decomposition,
# no case) and the ASCII and CJK punctuation that NFKC and casefold keep (tests check each one).
# ``str.translate`` looks every character up one by one (about 90 ns each); only the runs of other
# characters go through the table.
_SAME_RANGES = "ぁ-ゖァ-ヺ一-鿿㐀-䶿"


def other_runs_re(fold_char: Callable[[str], str]) -> re.Pattern[str]:
    """A pattern capturing the runs of characters that ``fold_char`` may change: everything but
    kana, CJK ideographs and the ASCII and CJK punctuation it leaves as they are."""
    small = [chr(c) for c in (0x09, 0x0A, *range(0x20, 0x7F), *range(0x3000, 0x3100))]
    kept = "".join(re.escape(c) for c in small if fold_char(c) == c)
    return re.compile("([^" + _SAME_RANGES + kept + "]+)")


def translate_runs(text: str, other: re.Pattern[str], table: dict[int, str]) -> str:
    """``text.translate(table)`` for a table that leaves every character outside ``other``'s
    runs unchanged: only those runs are looked up."""
    parts = other.split(text)  # same, other, same, other, ..., same
    if len(parts) == 1:
        return text
    parts[1::2] = map(str.translate, parts[1::2], repeat(table, len(parts) // 2))
    return "".join(parts)


_OTHER_RE = {k: other_runs_re(lambda c, k=k: _fold_char(c, k)) for k in (False, True)}


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
        # all in C but for the few characters that fold to nothing or to several
        table = _TABLES[kana]
        # first: fills the table (and uneven_re) for new characters
        folded = translate_runs(text, _OTHER_RE[kana], table)
        n = len(text)
        moved = [m.start() for m in table.uneven_re.finditer(text)]
        if not moved:
            return Folded(folded, tuple(range(n)), n)
        if not table.grow_re.search(text):  # characters dropped, none grown: keep the others
            keep = bytearray(b"\x01") * n
            for p in moved:
                keep[p] = 0
            return Folded(folded, tuple(compress(range(n), keep)), n)
        index_: list[int] = []
        last = 0
        for p in moved:
            index_.extend(range(last, p))
            index_.extend([p] * len(table[ord(text[p])]))
            last = p + 1
        index_.extend(range(last, n))
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


def fold_gaps(text: str, *, kana: bool = False) -> tuple[str, list[int] | None]:
    """``fold(text).text`` and, instead of the index, its gaps: when characters are only
    dropped, folded offset i maps back to ``i + bisect_right(gaps, i)`` (gaps[k] is where the
    k-th dropped character would sit in the folded text). None when a character folds to two or
    more (use ``fold``)."""
    table = _TABLES[kana]
    folded = translate_runs(text, _OTHER_RE[kana], table)  # first: fills the table
    if table.grow_re.search(text):
        return folded, None
    # gaps[k] = position of the k-th dropped character - k = the length of the text before it
    # with the dropped characters taken out: the running sum of the pieces between them
    pieces = table.uneven_re.split(text)
    pieces.pop()
    return folded, list(accumulate(map(len, pieces)))


def fold_text(text: str, *, kana: bool = False) -> str:
    """``fold(text, kana=kana).text`` without the offset map."""
    return translate_runs(text, _OTHER_RE[kana], _TABLES[kana])


@lru_cache(maxsize=1 << 16)
def fold_key(s: str, *, kana: bool = False, punct: bool = False) -> str:
    """The folded form of a short string (a name or a quote), for equality tests.

    Cached: merge and normalization fold the same alias lists for every article.
    """
    out = fold_text(s, kana=kana)
    if punct:
        out = "".join(c for c in out if c not in _PUNCT_DROP)
    return out
