"""Reading katakana back into a Latin-script language: katakana adds a vowel after every
consonant (ハミド = ha-mi-do for Hamid), writes long vowels with ー and doubled consonants with ッ.
``latin`` undoes that for one word; the per-language consonant choices come from the caller."""

from __future__ import annotations

from collections.abc import Callable

from summarizer.names.kana import Mora, morae

# kana whose vowel is usually only there because Japanese needs one after a final consonant
_EPENTHETIC_U = {"k", "g", "s", "z", "ts", "f", "b", "p", "m", "r", "v", "sh", "ch", "j", "h"}
_EPENTHETIC_O = {"t", "d"}
_EPENTHETIC_I = {"ch", "sh", "j"}


ClusterFn = Callable[[Mora, Mora], bool]


def epenthetic(
    ms: list[Mora],
    i: int,
    final_i: bool = False,
    cluster_ok: ClusterFn | None = None,
    initial_ok: ClusterFn | None = None,
) -> bool:
    """Is the vowel of ``ms[i]`` one Japanese added (the next mora starts with a consonant, or
    the word ends)?"""
    m = ms[i]
    if m.small or m.cons == "":
        return False
    nxt = ms[i + 1] if i + 1 < len(ms) else None
    if nxt is not None and (nxt.cons in ("L", "N", "") or nxt.kana in ("ァ", "ィ", "ェ", "ォ")):
        return False  # a long vowel, -un, or a vowel follows: the vowel is real
    if nxt is not None and i + 2 == len(ms) and nxt.kana in ("フ", "ワ", "ヴァ"):
        return False  # トフ is -tov, トワ -tova
    if i == 0 and initial_ok is not None and nxt is not None and not initial_ok(m, nxt):
        return False  # the language does not start a word with these two consonants
    if nxt is not None and cluster_ok is not None and not cluster_ok(m, nxt):
        return False  # the language does not put these two consonants together
    if m.vowel == "u" and m.cons in _EPENTHETIC_U:
        # of the glide kana only シュ stands for a final consonant (sh); チュ ジュ are chu ju
        return len(m.kana) == 1 or m.kana == "シュ"
    if m.vowel == "o" and m.cons in _EPENTHETIC_O:
        return True
    return final_i and nxt is None and m.vowel == "i" and m.cons in _EPENTHETIC_I


ConsFn = Callable[[list[Mora], int, bool], str]
VowelFn = Callable[[list[Mora], int], str]


def latin(
    word: str,
    cons: ConsFn,
    vowel: VowelFn | None = None,
    final_i: bool = False,
    n_before_m: str = "n",
    cluster_ok: ClusterFn | None = None,
    initial_ok: ClusterFn | None = None,
) -> str:
    """One katakana word in Latin letters: ``cons(morae, i, vowel_dropped)`` spells the
    consonant of mora i, ``vowel(morae, i)`` its vowel (default: the kana's own)."""
    ms = morae(word)
    out: list[str] = []
    double = False
    for i, m in enumerate(ms):
        if m.cons == "Q":
            double = True
            continue
        if m.cons == "L":
            continue
        if m.cons == "N":
            nxt = ms[i + 1] if i + 1 < len(ms) else None
            out.append(n_before_m if nxt is not None and nxt.cons == "m" else "n")
            continue
        drop = epenthetic(ms, i, final_i, cluster_ok, initial_ok)
        c = cons(ms, i, drop)
        if double and c and not c.startswith(("ch", "sh", "kh", "zh")):
            c = c[0] + c
        double = False
        v = "" if drop else (vowel(ms, i) if vowel else m.vowel)
        if not v and i == len(ms) - 1 and len(c) > 1 and c[0] == c[1]:
            c = c[1:]  # ロッド is Rod: no word ends in a doubled consonant
        out.append(c + v)
    return "".join(out)
