"""Persian and Arabic names in katakana, spelled as US/UN/EU designations of Iranian nationals
write them: アリレザ -> "Alireza", モハンマド -> "Mohammad", ハミド -> "Hamid".

Given names, the commonest surnames and name parts (Seyed, Abdol; -zadeh, -pour, -nejad, -far,
-nia) come from the katakana table (``persian_names``), else from the list of real Persian and
Arabic names matched by folded katakana (``known``: モラディ is Moradi); a surname made of a
known part and a suffix is joined (モハンマドザデ -> "Mohammadzadeh"). Other words are read back
from the katakana: the vowel katakana adds after a final consonant is dropped (ハミド Hamid),
フ before a consonant is h (メフディ Mehdi), ガ行 is gh (Gholam), a final -e is -eh (ファテメ
Fatemeh), ン before マ is m (モハンマド Mohammad), アブ + consonant is Abu-, -ッラー is -llah.
Katakana cannot tell l from r, b from v, h from kh: the rules' choice stands unless the letters
of the real-name list strongly favour the other (``known.likeliest``), or some 14,000 Iranian
given names in Persian script (which writes l, r, b, v, h, kh apart) share the other's
consonant skeleton (``data/persian_skeletons.tsv``: Vahidi, not Bahidi, since وحید is Vahid).
Arabic names (an Arab nationality) keep w (Marwan).
"""

from __future__ import annotations

import math
import re
from functools import cache

from summarizer.names import _data
from summarizer.names._translit import latin
from summarizer.names.kana import Mora
from summarizer.names.known import likeliest, lookup
from summarizer.names.lexicon import name_part
from summarizer.rxcache import cached_re

ENDINGS = cached_re(
    r"(?:ザデー?|ザーデー?|プール|ネジャー?ド|ファール?|アバディー?|アーバーディー|"
    r"[ィイ][アヤ]ン|ハニー?|ハーニー|ヴァンド)$"
)


_KNOWN = "persian_known"


@cache
def table() -> dict[str, tuple[str, str]]:
    return {r[0]: (r[1], r[2]) for r in _data.rows("persian_names")}


@cache
def _suffixes() -> list[tuple[str, str]]:
    return sorted(
        ((k, v) for k, (v, kind) in table().items() if kind == "suffix"),
        key=lambda kv: -len(kv[0]),
    )


@cache
def _prefixes() -> list[tuple[str, str]]:
    return sorted(
        ((k, v) for k, (v, kind) in table().items() if kind in ("prefix", "given")),
        key=lambda kv: -len(kv[0]),
    )


# nats per log(1 + names sharing a spelling's consonant skeleton): 4 outweighs one changed
# letter (known.CHANGE_COST) when a few real names back the change
SKELETON_WEIGHT = 4.0
_SKELETON_DIGRAPHS = (
    ("kh", "X"), ("gh", "G"), ("sh", "S"), ("ch", "C"), ("zh", "Z"), ("ph", "f"), ("th", "s"),
    ("q", "G"), ("j", "J"), ("x", "ks"), ("c", "k"), ("w", "v"),
)  # fmt: skip


@cache
def _skeleton_counts() -> dict[str, int]:
    return {k: int(v) for k, v in _data.rows("persian_skeletons")}


def skeleton(latin: str) -> str:
    """The consonants of a Latin spelling in the letter classes of the Persian-script list:
    Vahidi -> "vhd", Khatibi -> "Xtb", Fatemeh -> "ftm"."""
    s = re.sub(r"eh$", "e", latin.lower())
    for a, b in _SKELETON_DIGRAPHS:
        s = s.replace(a, b)
    s = re.sub(r"[aeiouy'\-\s]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


def _skeleton_prior(latin: str) -> float:
    """Nats for the real names that share the spelling's skeleton (a surname's -ian is its
    name's: Heydarian)."""
    counts = _skeleton_counts()
    n = counts.get(skeleton(latin), 0)
    if n == 0 and re.search(r"i?an$", latin):
        n = counts.get(skeleton(re.sub(r"i?an$", "", latin)), 0)
    return SKELETON_WEIGHT * math.log1p(n)


def _likeliest(latin: str) -> str:
    return likeliest(latin, _KNOWN, prior=_skeleton_prior)


def known(part: str) -> bool:
    return _name(part) is not None


def _name(part: str) -> tuple[str, str] | None:
    """(Latin, kind) of a given name, surname or prefix: the katakana table, else a known
    name with the same folded key."""
    hit = table().get(part)
    if hit is not None:
        return hit if hit[1] != "suffix" else None
    return lookup(_KNOWN, part)


def _cons(ms: list[Mora], i: int, drop: bool, arabic: bool = False) -> str:
    c = ms[i].cons
    if c == "f":
        return "h" if drop and i + 1 < len(ms) else "f"  # Mehdi, Behzad; Zarif
    if c in ("g", "gy"):
        return "gh"
    if c == "w" and not ms[i].small:
        return "w" if arabic else "v"  # Arabic has w (Marwan), Persian v (Parviz)
    if c == "ts":
        return "s"
    return c


def _vowel(ms: list[Mora], i: int) -> str:
    m = ms[i]
    if m.vowel == "u" and i + 1 < len(ms) and ms[i + 1].cons == "L":
        return "ou"  # a long u: Masoud, Mansour, Davoud
    if m.vowel == "e" and i == len(ms) - 1 and m.cons:
        return "eh"
    return m.vowel


def transliterate(word: str, arabic: bool = False) -> str:
    # Persian and Arabic words never start with two consonants: the first vowel is real (Musa)
    def cons(ms: list[Mora], i: int, drop: bool) -> str:
        return _cons(ms, i, drop, arabic)

    out = latin(word, cons, _vowel, n_before_m="m", initial_ok=lambda m, n: False)
    out = re.sub(r"(?<=[aeiou])ii?$", "i", out)
    if re.match(r"アブ[^ドダデ]", word) and re.match(r"ab[^aeiou]", out):
        out = "abu" + out[2:]  # Abu- (Abuzar, Abusrour); Abd- keeps no vowel
    if re.search(r"ッラー?$", word):
        out = re.sub(r"(?:rr|ll)a*$", "llah", out)  # -allah, -ollah: Ruhollah, Abdallah
    return out


def _part(p: str, arabic: bool = False) -> tuple[str, bool]:
    """One part of a name and whether it came from the table."""
    hit = _name(p)
    if hit is not None:
        return hit[0], True
    for suf, latin_suf in _suffixes():
        if p.endswith(suf) and len(p) > len(suf) + 1:
            base = p[: -len(suf)]
            b = _name(base)
            if b is not None:
                return (b[0] + latin_suf).capitalize(), True
            return (_likeliest(transliterate(base, arabic)) + latin_suf).capitalize(), False
    for pre, latin_pre in _prefixes():
        rest = p[len(pre) :]
        if p.startswith(pre) and rest:
            r = _name(rest)
            if r is not None and r[1] in ("given", "surname"):
                return f"{latin_pre} {r[0]}", True
    guess = _likeliest(transliterate(p, arabic)).capitalize()
    # a foreign name part of JMnedict that differs only in letters katakana cannot show
    # (ハメネイ: Khamenei); still a guess (the dictionary names people of every origin)
    found = name_part(p, guess)
    return (found[0] if found is not None else guess), False


def romanize_parts(parts: list[str], arabic: bool = False) -> tuple[str, bool]:
    """Each part from the tables (katakana, a known name's folded key, a known part with a
    suffix), else read back with the sound rules (a guess); ``arabic`` keeps w (Marwan)."""
    words: list[str] = []
    guessed = False
    for p in parts:
        w, ok = _part(p, arabic)
        words.append(w)
        guessed = guessed or not ok
    return " ".join(words), guessed


def looks_persian(parts: list[str]) -> bool:
    return any(known(p) for p in parts) or any(bool(ENDINGS.search(p)) for p in parts[1:])
