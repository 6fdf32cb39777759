"""Russian (and other East Slavic) names in katakana, spelled as US indictments and Treasury
designations write them: ドミトリー・バディン -> "Dmitry Badin", ミハイル・ワシリエフ ->
"Mikhail Vasiliev".

Given names and surnames come from the katakana table (``russian_names``), else from the list of
real Russian and Ukrainian names matched by folded katakana (``known``: ラブロフ is Lavrov,
スミルノワ Smirnova); other words are read back from the katakana with Russian sound rules (a
guess): ハ行 is kh (Russian has no h), a final フ is -v (-ov, -ev),
ブ before a consonant is v (Lavrov), ジ is zh, シチ is shch, -スキー is -skiy, ウ-row + イ is y
(ブイコフ Bykov), ョフ after a hushing or soft consonant is -ev (ゴルバチョフ Gorbachev).
-イフ/-キフ is -ykh/-ikh, -ベルク -berg. Katakana cannot tell l from r: ル at the end of a word
is l, elsewhere r, unless the letters of the real-name list strongly favour the other
(``known.likeliest``). With a Ukrainian nationality the guesses are spelled the Ukrainian way
(ティ ty, -skyi, H-).
"""

from __future__ import annotations

import re
from functools import cache

from summarizer.names import _data, lexicon
from summarizer.names._translit import latin
from summarizer.names.kana import Mora
from summarizer.names.known import likeliest, lookup
from summarizer.rxcache import cached_re

ENDINGS = cached_re(
    r"(?:[オコソトノホモヨロゴゾドボポヴョ]フ|エフ|スキー|スキイ|ツキー|スカヤ|ヴィチ|ビッチ|ヴィッチ|"
    r"ヴナ|ブナ|エンコ|ツェフ|ノヴァ|ロヴァ|コヴァ|エワ|ーエフ)$"
)


MODEL = "russian_letters"  # the letter model (of the lexicon) that chooses l/r, b/v in a guess


@cache
def table() -> dict[str, str]:
    return _data.mapping("russian_names")


def known(part: str) -> bool:
    """A given name or surname of the tables (katakana, or a known name's folded key)."""
    return part in table() or _known_name(part) is not None


def _known_name(part: str) -> str | None:
    hit = lookup("russian_known", part)
    return hit[0] if hit is not None else None


def _cons(ms: list[Mora], i: int, drop: bool) -> str:
    m = ms[i]
    c = m.cons
    last = i == len(ms) - 1
    if c in ("h", "hy"):
        return "kh" + c[1:]
    if c == "f":
        if drop and i > 0:  # a word starts with fr, fl (Frolov), hardly ever with vr
            return "v"  # -ov; ボフダ Bovda
        return "f"
    if c == "b" and drop:
        return "b" if ms[i + 1].cons.startswith("r") else "v"  # Serebryakov, Pavlov
    if c == "sh" and m.kana == "シ":
        return "s"  # シ is si far more often than shi (Vasiliev); シャ シュ ショ シェ are sh
    if c == "ch":
        if last or (i > 0 and ms[i - 1].kana in ("シュ", "ッ")) or m.kana in ("チョ", "チェ"):
            return "ch"  # -vich, shch, -chev, -chenko
        return "t" if m.kana == "チ" else "ch"  # ти is far more common than чи (Putin)
    if c == "w":
        return "v"
    if c in ("j", "jy"):
        nxt = ms[i + 1] if i + 1 < len(ms) else None
        if m.vowel == "e" and nxt is not None and nxt.kana == "フ" and i + 2 == len(ms):
            return "d"  # -ジェフ is -dev (Lebedev)
        return "zh"
    if c == "r":
        return "l" if drop and last else "r"
    if c.endswith("y") and len(c) > 1 and m.vowel == "o" and _before_final_v(ms, i):
        return c[:-1] if c[:-1] != "r" else "l"
    return c


def _before_final_v(ms: list[Mora], i: int) -> bool:
    return i + 2 == len(ms) and ms[i + 1].kana in ("フ", "ワ")


def _vowel(ms: list[Mora], i: int) -> str:
    m = ms[i]
    soft = m.cons.endswith("y") or m.cons in ("sh", "ch", "j")
    if m.vowel == "o" and soft and _before_final_v(ms, i):
        return "e"  # -chev, -cheva
    if m.cons == "" and m.vowel == "e" and i == 0:
        return "ye"
    if m.cons == "" and m.vowel == "i" and i > 0 and ms[i - 1].vowel and not ms[i - 1].small:
        nxt = ms[i + 1] if i + 1 < len(ms) else None
        if nxt is None or nxt.vowel == "" or nxt.cons != "":
            return "y"
    if m.vowel == "i" and i + 2 == len(ms) and ms[i + 1].cons == "L":
        return "iy"
    return m.vowel


def _cluster_ok(m: Mora, nxt: Mora) -> bool:
    """k/g start Russian clusters with r, l, s, t, v, z, sh, ch, ts (Kravchenko, Aksenov), not
    with b, m, n, p, d (Yakubets keeps its u)."""
    if m.cons in ("k", "g"):
        return nxt.cons[:1] in ("r", "s", "t", "v", "f", "h", "z")
    if m.cons == "sh":
        return nxt.cons[:1] in ("k", "n", "t", "r", "m", "v", "w") or nxt.cons == "ch"
    return True


def _initial_ok(m: Mora, nxt: Mora) -> bool:
    """Russian words start with s + consonant or consonant + r, l, v, n, m (Smirnov, Kravchenko,
    Vladimir, Dmitry); not with rk, dk, pch (Lukashev, Dokuchaev, Putilin keep their vowel)."""
    return m.cons in ("s", "z", "sh") or nxt.cons[:1] in ("r", "w", "v", "n", "m")


def transliterate(word: str) -> str:
    w = word.replace("シチ", "シュチ")
    out = latin(w, _cons, _vowel, final_i=True, cluster_ok=_cluster_ok, initial_ok=_initial_ok)
    out = out.replace("sr", "sl")  # Russian has sl, hardly ever sr (Slobodskoy)
    out = re.sub(r"(?<=[bdfgklmnprstvz])u[iy](?=[^aeiouy]|$)", "y", out)  # ブイコフ Bykov
    out = re.sub(r"yi$", "iy", out)
    # -ikh/-ykh surnames (Sedykh, Chernykh): a final フ after an i-row kana is kh, not -v
    # (-iev, -yev keep their e: キエフ); -berg/-burg: final ク after ル is a devoiced g
    if re.search(r"[キギヒシジチニビピミリィイ]フ$", word):
        out = re.sub(r"(?<=[kgh])iv$", "ikh", out)
        out = re.sub(r"(?<=[^kgh])(?:i|y|ui)v$", "ykh", out)
    out = re.sub(r"(?<=[bp][eu]r)k$", "g", out)
    return out.capitalize()


def ukrainian(word: str, latin_word: str) -> str:
    """A Russian read-back in Ukrainian spelling (the official Ukrainian romanization, as US
    announcements write Ukrainian names): ティ/ディ are ty/dy (и), -skiy is -skyi, and a word
    starting フ + consonant is H (Ukrainian г: Hryhoriy)."""
    out = latin_word.lower()
    if re.match(r"^フ[ラリルレロ]", word):
        out = "h" + (out[2:] if out.startswith("kh") else out[1:])
    for kana, lat in (("ティ", "t"), ("ディ", "d")):
        if kana in word:
            out = re.sub(lat + r"i(?![aeiou])", lat + "y", out)
    out = re.sub(r"([sc]k|tsk)iy$", r"\1yi", out)
    return out.capitalize()


def romanize_parts(parts: list[str], ukr: bool = False) -> tuple[str, bool]:
    """Each part from the tables (a katakana spelling, or a known name's folded key), else
    read back with the sound rules (a guess); ``ukr`` spells the guesses as Ukrainian."""
    t = table()
    words: list[str] = []
    guessed = False
    for p in parts:
        hit = t.get(p) or _known_name(p)
        if hit is None:
            guess = likeliest(transliterate(p), "russian_known", model=MODEL)
            found = None if ukr else lexicon.lookup("russian_lexicon", p, guess)
            if found is not None:
                hit = found[0]
                guessed = guessed or not found[2]  # several real names fold alike
            else:
                hit = ukrainian(p, guess) if ukr else guess
                guessed = True
        words.append(hit)
    return " ".join(words), guessed


def looks_russian(parts: list[str]) -> bool:
    return any(known(p) for p in parts) or (len(parts) >= 2 and bool(ENDINGS.search(parts[-1])))
