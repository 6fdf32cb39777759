"""Korean names, from katakana or hangul.

North Korean names are spelled as US/UN sanction lists write them: McCune-Reischauer without
diacritics (ㅓ/ㅗ -> o, ㅡ/ㅜ -> u), surname first, each syllable of the given name a word:
パク・ジンヒョク -> "Park Jin Hyok", チェ・ソンチョル -> "Choe Song Chol", キム・イル -> "Kim Il".
South Korean names (origin KR) as the South writes them: イ・ジェミョン -> "Lee Jae Myung".

Katakana cannot show everything hangul does: ン is -n or -ng, エ is e or ae, ヒ stands for 희
(hui) far more often than 히. A table of given-name syllables gives the reading most common in
names; other syllables are composed from the kana.
"""

from __future__ import annotations

import re
from functools import cache

from summarizer.names import _data
from summarizer.names.kana import Mora, morae

_CODA = {"N": "n", "ク": "k", "ル": "l", "ム": "m", "プ": "p", "ッ": ""}
_VOWEL_KP = {"a": "a", "i": "i", "u": "u", "e": "ae", "o": "o"}
_VOWEL_KR = {"a": "a", "i": "i", "u": "u", "e": "ae", "o": "eo"}
_DEVOICE = {"g": "k", "d": "t", "b": "p"}


@cache
def _surnames() -> dict[str, tuple[str, str]]:
    return {r[0]: (r[1], r[2]) for r in _data.rows("korean_surnames")}


@cache
def _syllable_table() -> dict[str, tuple[str, str]]:
    return {r[0]: (r[1], r[2]) for r in _data.rows("korean_syllables")}


def is_surname(part: str) -> bool:
    return part in _surnames()


def _is_onset(m: Mora) -> bool:
    return m.cons not in ("N", "Q", "L") and m.vowel != ""


def split_syllables(part: str) -> list[str] | None:
    """ジンヒョク -> ['ジン', 'ヒョク']: each syllable a kana with its vowel, then at most one final
    (ン ク ル ム プ ッ); the fewest syllables win. None when the part cannot be Korean (a long
    vowel, a kana Korean has no syllable for)."""
    ms = morae(part)
    if not ms or any(m.cons == "L" for m in ms) or not _is_onset(ms[0]):
        return None
    if any(m.cons in ("z", "ts", "v") or m.kana in ("ヂ", "ヅ", "ヲ") for m in ms):
        return None
    n = len(ms)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        cur = best[i]
        if cur is None or not _is_onset(ms[i]):
            continue
        for j in (i + 1, i + 2):
            if j > n:
                continue
            if j == i + 2 and ms[i + 1].kana not in _CODA and ms[i + 1].cons != "N":
                continue
            cand = [*cur, "".join(m.kana for m in ms[i:j])]
            old = best[j]
            if old is None or len(cand) < len(old):
                best[j] = cand
    return best[n]


# Japanese runs a final n, m or l into a following syllable that starts with a vowel
# (남일 is written ナミル, 춘영 チュニョン): such a syllable is undone when the vowel-initial one
# is a common name syllable and the written one is not.
_LIAISON_CODA = {"n": "ン", "m": "ム", "r": "ル"}
_VOWEL_KANA = {"a": "ア", "i": "イ", "u": "ウ", "e": "エ", "o": "オ"}
_GLIDE_KANA = {"a": "ヤ", "u": "ユ", "o": "ヨ"}
_VOWEL_SYLLABLES = frozenset(
    ["イル", "イン", "ウン", "ウォン", "ヨン", "ヨル", "ウク", "オク", "イク"]
)


def _undo_liaison(syls: list[str]) -> list[str]:
    out = list(syls)
    for k in range(len(out) - 1):
        a, b = morae(out[k]), morae(out[k + 1])
        if len(a) != 1 or not b or b[0].cons[:1] not in _LIAISON_CODA:
            continue
        if out[k + 1] in _syllable_table():
            continue  # ミョン is 명 itself, not a run-on -m + 영
        head = b[0]
        glide = head.cons[1:] == "y"
        vowel = (_GLIDE_KANA.get(head.vowel) if glide else _VOWEL_KANA.get(head.vowel)) or ""
        rest = "".join(m.kana for m in b[1:])
        if vowel and vowel + rest in _VOWEL_SYLLABLES:
            out[k] = out[k] + _LIAISON_CODA[head.cons[:1]]
            out[k + 1] = vowel + rest
    return out


def _compose(syl: str, first: bool, kr: bool) -> str:
    ms = morae(syl)
    head, tail = ms[0], ms[1:]
    cons = head.cons
    if cons == "f":
        cons = "hw" if head.small else "h"  # ファ 화 hwa, フィ 휘 hwi, フ 후 hu
    if cons in ("sh",):
        cons = "sh" if kr else "s"
    if cons == "ts":
        cons = "ch"
    if first and not kr:
        cons = _DEVOICE.get(cons[:1], cons[:1]) + cons[1:] if cons[:1] in _DEVOICE else cons
    if cons.endswith("y") and cons[:-1] in ("sh", "ch", "j"):
        cons = cons[:-1]
    vowels = _VOWEL_KR if kr else _VOWEL_KP
    vowel = vowels[head.vowel]
    if cons.endswith("y") and head.vowel == "o" and kr:
        vowel = "eo"
    if cons == "j" and head.vowel == "i":
        vowel = "i"
    coda = ""
    if tail:
        t = tail[0]
        coda = (
            "ng"
            if t.cons == "N" and head.vowel in ("o", "a")
            else _CODA.get("N" if t.cons == "N" else t.kana, "")
        )
    return (cons + vowel + coda).capitalize()


def syllable(syl: str, first: bool, kr: bool = False) -> tuple[str, bool]:
    """One given-name syllable; the bool says it came from the syllable table."""
    hit = _syllable_table().get(syl)
    if hit is not None:
        word = hit[1] if kr else hit[0]
        if first and not kr and word[:1] in "GDB" and len(word) > 1:
            word = _DEVOICE[word[0].lower()].upper() + word[1:]
        return word, True
    return _compose(syl, first, kr), False


def romanize_given(parts: list[str], kr: bool = False) -> list[str] | None:
    """The given name's syllables, each a word (North) or joined with a hyphen... as words too."""
    words: list[str] = []
    first = True
    for p in parts:
        syls = split_syllables(p)
        if syls is None:
            return None
        for s in _undo_liaison(syls):
            words.append(syllable(s, first, kr)[0])
            first = False
    return words


def looks_korean(parts: list[str]) -> bool:
    """Surname from the table, then 1-2 syllables of given name that parse as Korean (three
    syllables are more often Mandarin written in katakana: チャン・ハオラン)."""
    if len(parts) < 2 or len(parts) > 3 or not is_surname(parts[0]):
        return False
    count = 0
    for p in parts[1:]:
        syls = split_syllables(p)
        if syls is None:
            return False
        count += len(syls)
    return 1 <= count <= 2


def romanize_katakana_parts(parts: list[str], kr: bool = False) -> tuple[str, bool] | None:
    """パク・ジンヒョク -> ('Park Jin Hyok', uncertain); None when it is not a Korean name."""
    if not parts or not is_surname(parts[0]):
        return None
    sur = _surnames()[parts[0]][1 if kr else 0]
    if len(parts) == 1:
        return sur, True
    given = romanize_given(parts[1:], kr)
    if given is None:
        return None
    if kr and len(given) > 1:
        # South Koreans write the given name as one word with a hyphen: Jae-myung
        return f"{sur} {given[0]}-{''.join(given[1:]).lower()}", False
    return " ".join([sur, *given]), False


# ---------------------------------------------------------------------------------------------
# hangul

_RR_INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch",
               "k", "t", "p", "h"]  # fmt: skip
_RR_VOWEL = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u",
             "wo", "we", "wi", "yu", "eu", "ui", "i"]  # fmt: skip
_RR_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m",
             "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]  # fmt: skip
# McCune-Reischauer without diacritics, as North Korean names appear on sanction lists
_MR_INITIAL = ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch",
               "kh", "th", "ph", "h"]  # fmt: skip
_MR_VOWEL = ["a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u",
             "wo", "we", "wi", "yu", "u", "ui", "i"]  # fmt: skip
_MR_VOICED = {"k": "g", "t": "d", "p": "b"}


@cache
def _hangul_surnames() -> dict[str, tuple[str, str]]:
    return {r[0]: (r[1], r[2]) for r in _data.rows("hangul_surnames")}


def _jamo(ch: str) -> tuple[int, int, int] | None:
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return None
    return code // 588, (code % 588) // 28, code % 28


def _rr(syllables: str) -> str:
    out = []
    for ch in syllables:
        j = _jamo(ch)
        if j is None:
            out.append(ch if ch.isascii() else "")
            continue
        out.append(_RR_INITIAL[j[0]] + _RR_VOWEL[j[1]] + _RR_FINAL[j[2]])
    return "".join(out)


def _mr_given(syllables: str) -> list[str]:
    words: list[str] = []
    prev_final = -1
    for i, ch in enumerate(syllables):
        j = _jamo(ch)
        if j is None:
            continue
        ini = _MR_INITIAL[j[0]]
        voicing = prev_final in (0, 4, 8, 16, 21)  # after a vowel, n, l, m, ng
        if i > 0 and ini in _MR_VOICED and voicing:
            ini = _MR_VOICED[ini]
        words.append((ini + _MR_VOWEL[j[1]] + _RR_FINAL[j[2]]).capitalize())
        prev_final = j[2]
    return words


def romanize_hangul(native: str, origin: str | None = None) -> tuple[str, bool]:
    """김정은 -> 'Kim Jong Un' (North, the default for hangul outside the South) or, with origin KR,
    Revised Romanization with the usual surname spellings: 박진혁 -> 'Park Jinhyeok'."""
    s = re.sub(r"\s+", "", native)
    kr = origin == "KR"
    table = _hangul_surnames()
    col = 1 if kr else 0
    if s[:2] in table and len(s) > 2:
        sur, given = table[s[:2]][col], s[2:]
    else:
        hit = table.get(s[0])
        sur = hit[col] if hit else _rr(s[0]).capitalize()
        given = s[1:]
    if not given:
        return sur, True
    if kr:
        return f"{sur} {_rr(given).capitalize()}", origin is None
    return " ".join([sur, *_mr_given(given)]), origin is None


# ---------------------------------------------------------------------------------------------
# hanja (Korean names written in kanji, as Japanese press writes 金正恩)


@cache
def _hanja(kind: str) -> dict[str, tuple[str, str]]:
    return {r[0]: (r[1], r[2]) for r in _data.rows("korean_hanja") if r[3] == kind}


def romanize_hanja(native: str, kr: bool = False) -> str | None:
    """金正恩 -> 'Kim Jong Un' (or, South Korean, 文在寅 -> 'Moon Jae-in'); None when a character
    has no reading in the table or the name is not surname + 1-2 given characters."""
    surnames, table = _hanja("surname"), _hanja("given")
    col = 1 if kr else 0
    s = re.sub(r"[\s・･]", "", native)
    if len(s) >= 3 and s[:2] in surnames:
        sur, given = surnames[s[:2]][col], s[2:]
    elif s[:1] in surnames:
        sur, given = surnames[s[0]][col], s[1:]
    else:
        return None
    if not 1 <= len(given) <= 2 or any(c not in table for c in given):
        return None
    syl = [table[c][col] for c in given]
    if kr and len(syl) == 2:
        return f"{sur} {syl[0]}-{syl[1].lower()}"
    return " ".join([sur, *syl])
