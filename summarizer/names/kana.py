"""Katakana helpers shared by the romanizers: splitting a name into its parts and reading a part
as morae (``ジンヒョク`` -> ``ジ ン ヒョ ク``), each with a consonant and a vowel."""

from __future__ import annotations

import unicodedata

from summarizer.rxcache import cached_re

_SPLIT = cached_re(r"[・･=＝゠\s]+")
_SMALL = "ァィゥェォャュョヮ"
KATAKANA = cached_re(r"^[\u30a1-\u30fa\u30fc・･=＝゠\s]+$")


def normalize(s: str) -> str:
    return unicodedata.normalize("NFKC", s or "").strip()


def parts(s: str) -> list[str]:
    """``パク・ジンヒョク`` -> ``["パク", "ジンヒョク"]``."""
    return [p for p in _SPLIT.split(normalize(s)) if p]


def is_katakana(s: str) -> bool:
    return bool(KATAKANA.match(normalize(s)))


# consonant and vowel of each kana (Hepburn consonants; "" vowel for ン, ッ, ー)
_ROWS = {
    "": "アイウエオ",
    "k": "カキクケコ",
    "g": "ガギグゲゴ",
    "s": "サシスセソ",
    "z": "ザジズゼゾ",
    "t": "タチツテト",
    "d": "ダヂヅデド",
    "n": "ナニヌネノ",
    "h": "ハヒフヘホ",
    "b": "バビブベボ",
    "p": "パピプペポ",
    "m": "マミムメモ",
    "r": "ラリルレロ",
}
_BASE: dict[str, tuple[str, str]] = {}
for _c, _row in _ROWS.items():
    for _v, _k in zip("aiueo", _row, strict=True):
        _BASE[_k] = (_c, _v)
_BASE.update(
    {
        "シ": ("sh", "i"),
        "チ": ("ch", "i"),
        "ツ": ("ts", "u"),
        "フ": ("f", "u"),
        "ジ": ("j", "i"),
        "ヂ": ("j", "i"),
        "ヅ": ("z", "u"),
        "ヤ": ("y", "a"),
        "ユ": ("y", "u"),
        "ヨ": ("y", "o"),
        "ワ": ("w", "a"),
        "ヰ": ("w", "i"),
        "ヱ": ("w", "e"),
        "ヲ": ("w", "o"),
        "ヴ": ("v", "u"),
        "ン": ("N", ""),
        "ッ": ("Q", ""),
        "ー": ("L", ""),
        "ァ": ("", "a"),
        "ィ": ("", "i"),
        "ゥ": ("", "u"),
        "ェ": ("", "e"),
        "ォ": ("", "o"),
        "ャ": ("y", "a"),
        "ュ": ("y", "u"),
        "ョ": ("y", "o"),
        "ヮ": ("w", "a"),
    }
)


class Mora:
    """One mora: ``kana``; ``cons``, its Latin consonant(s) ("k", "sh", "ky", "kw"; "N" for ン,
    "Q" for ッ, "L" for ー); ``vowel``, a i u e o or "" (ン ッ ー); ``small``, written with a small
    vowel (ティ, ファ; not ャュョ), so the vowel is real. (A plain class: typing.NamedTuple would
    cost the import of typing.)"""

    __slots__ = ("kana", "cons", "vowel", "small")

    def __init__(self, kana: str, cons: str, vowel: str, small: bool) -> None:
        self.kana = kana
        self.cons = cons
        self.vowel = vowel
        self.small = small

    def __repr__(self) -> str:
        return f"Mora({self.kana!r}, {self.cons!r}, {self.vowel!r}, {self.small!r})"


def _join(head: tuple[str, str], small: str) -> tuple[str, str]:
    c, v = head
    sc, sv = _BASE[small]
    if small in "ャュョ":
        if c in ("sh", "ch", "j"):
            return c, sv
        return c + "y", sv
    if small == "ヮ":
        return c + "w", "a"
    # small vowels: ファ fa, ティ ti, ウォ wo, クォ kwo, シェ she, イェ ye, ヴァ va
    if c == "" and v == "u":
        return "w", sv
    if c == "" and v == "i":
        return "y", sv
    if c in ("k", "g") and v == "u" and sv in "aoie":
        return c + "w", sv
    if c in ("t", "d") and v == "o" and sv == "u":
        return c, "u"
    if c == "ts" or c == "f" or c == "v":
        return c, sv
    if c in ("t", "d") and v == "e" and sv == "i":
        return c, "i"
    return c, sv


def morae(word: str) -> list[Mora]:
    """The morae of a katakana word; characters that are not katakana are skipped."""
    out: list[Mora] = []
    s = normalize(word)
    i = 0
    while i < len(s):
        ch = s[i]
        if ch not in _BASE:
            i += 1
            continue
        nxt = s[i + 1] if i + 1 < len(s) else ""
        if nxt and nxt in _SMALL and ch not in _SMALL and _BASE[ch][0] not in ("N", "Q", "L"):
            c, v = _join(_BASE[ch], nxt)
            out.append(Mora(ch + nxt, c, v, nxt not in "ャュョ"))
            i += 2
            continue
        c, v = _BASE[ch]
        out.append(Mora(ch, c, v, ch in _SMALL))
        i += 1
    return out
