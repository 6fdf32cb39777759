"""Names known to exist, matched by a folded katakana key.

Katakana loses much of a foreign name (l/r, v/b, long vowels, doubled consonants, ы/и), but the
way Japanese press writes a Russian or Persian name is regular enough that the katakana of a
*known* name can be predicted from its Latin spelling. ``kana_variants`` writes a Latin name in
katakana the way Japanese press does (Lavrov -> ラブロフ, Khamenei -> ハメネイ), ``fold`` folds
away what katakana spells inconsistently (ヴァ/バ/ワ, ー, ッ, ティ/チ, small kana, a repeated
vowel), and ``lookup`` finds a katakana word's folded key among the keys of a list of real names
(``data/russian_known.tsv``, ``data/persian_known.tsv``: Latin spellings as US and UN
announcements write them, most common first). A hit is a name that exists, spelled as
announcements spell it; a miss falls back to the sound rules of the language.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from functools import cache

from summarizer.names import _data
from summarizer.rxcache import cached_re

# --------------------------------------------------------------------------------------------
# folding katakana

_I_COLUMN = set("イキギシジチヂニヒビピミリヰ")
_VOWEL_OF: dict[str, str] = {}
for _v, _col in zip(
    "aiueo",
    (
        "アカガサザタダナハバパマヤラワァャヮ",
        "イキギシジチヂニヒビピミリヰィ",
        "ウクグスズツヅヌフブプムユルゥュ",
        "エケゲセゼテデネヘベペメレヱェ",
        "オコゴソゾトドノホボポモヨロヲォョ",
    ),
    strict=True,
):
    for _k in _col:
        _VOWEL_OF[_k] = _v
_PLAIN_VOWEL = {"ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o"}
_GLIDE = {"ア": "ヤ", "ウ": "ユ", "オ": "ヨ"}

_FOLD_PAIRS = (
    ("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴュ", "ビュ"), ("ヴ", "ブ"),
    ("ワ", "バ"), ("ウァ", "バ"), ("ウィ", "ビ"), ("ウェ", "ベ"), ("ウォ", "ボ"),
    ("ティ", "チ"), ("ディ", "ジ"), ("トゥ", "ツ"), ("ドゥ", "ド"), ("ヂ", "ジ"), ("ヅ", "ズ"),
    ("クァ", "カ"), ("グァ", "ガ"), ("ツァ", "サ"), ("ツィ", "シ"), ("ツェ", "セ"), ("ツォ", "ソ"),
    ("ァ", "ア"), ("ィ", "イ"), ("ゥ", "ウ"), ("ェ", "エ"), ("ォ", "オ"),
    ("ャ", "ヤ"), ("ュ", "ユ"), ("ョ", "ヨ"), ("ヮ", "ア"),
)  # fmt: skip
_NASAL_DROP = cached_re(r"ン(?=[ナニヌネノマミムメモ])")


def fold(kana: str) -> str:
    """The key two katakana spellings of one name share: ラヴロフ, ラブロフ and ラーブロフ all
    fold to ラブロフ; モハンマド and モハマド to モハマド; ドミトリー and ドミトリイ to ドミトリ."""
    s = unicodedata.normalize("NFKC", kana or "")
    s = re.sub(r"[・･=＝゠\sーッ\-]", "", s)
    for a, b in _FOLD_PAIRS:
        s = s.replace(a, b)
    s = _NASAL_DROP.sub("", s)
    out: list[str] = []
    for ch in s:
        prev = out[-1] if out else ""
        if ch in _PLAIN_VOWEL and prev:
            if _VOWEL_OF.get(prev) == _PLAIN_VOWEL[ch]:
                continue  # a vowel repeated: セエ is a long セ
            if prev in _I_COLUMN and ch in _GLIDE:
                ch = _GLIDE[ch]  # リア and リャ are both rya
        out.append(ch)
    return "".join(out)


# --------------------------------------------------------------------------------------------
# writing a Latin name in katakana

_ROWS: dict[str, tuple[str, str, str, str, str]] = {
    "": ("ア", "イ", "ウ", "エ", "オ"),
    "k": ("カ", "キ", "ク", "ケ", "コ"),
    "g": ("ガ", "ギ", "グ", "ゲ", "ゴ"),
    "s": ("サ", "シ", "ス", "セ", "ソ"),
    "z": ("ザ", "ジ", "ズ", "ゼ", "ゾ"),
    "t": ("タ", "チ", "ツ", "テ", "ト"),
    "d": ("ダ", "ジ", "ドゥ", "デ", "ド"),
    "n": ("ナ", "ニ", "ヌ", "ネ", "ノ"),
    "h": ("ハ", "ヒ", "フ", "ヘ", "ホ"),
    "f": ("ファ", "フィ", "フ", "フェ", "フォ"),
    "b": ("バ", "ビ", "ブ", "ベ", "ボ"),
    "v": ("バ", "ビ", "ブ", "ベ", "ボ"),
    "p": ("パ", "ピ", "プ", "ペ", "ポ"),
    "m": ("マ", "ミ", "ム", "メ", "モ"),
    "r": ("ラ", "リ", "ル", "レ", "ロ"),
    "y": ("ヤ", "イ", "ユ", "エ", "ヨ"),
    "zh": ("ジャ", "ジ", "ジュ", "ジェ", "ジョ"),
    "sh": ("シャ", "シ", "シュ", "シェ", "ショ"),
    "ch": ("チャ", "チ", "チュ", "チェ", "チョ"),
    "shch": ("シチャ", "シチ", "シチュ", "シチェ", "シチョ"),
    "ts": ("ツァ", "ツィ", "ツ", "ツェ", "ツォ"),
}
_ROWS["l"] = _ROWS["r"]
_ROWS["kh"] = _ROWS["h"]
_ROWS["gh"] = _ROWS["g"]
_ROWS["j"] = _ROWS["zh"]
_ROWS["w"] = _ROWS["v"]
_VOWEL_INDEX = {"a": 0, "i": 1, "u": 2, "e": 3, "o": 4}
_VOICELESS = {"k", "p", "t", "s", "f", "kh", "ts", "ch", "sh", "shch", "h"}

# digraphs, longest first; "q" is gh or k (Qasem ガセム/カセム), "x" is ks
_DIGRAPHS = {
    "ru": ("shch", "sch", "kh", "zh", "ts", "tz", "ch", "sh", "x", "w", "c", "q", "j"),
    "fa": ("kh", "gh", "sh", "ch", "zh", "th", "ph", "dh", "ou", "oo", "ee", "x", "w", "c", "q"),
}
_REPLACE = {
    "ru": {"sch": "shch", "tz": "ts", "x": "ks", "w": "v", "c": "k", "q": "k", "j": "y"},
    "fa": {"th": "t", "ph": "f", "dh": "z", "ou": "u", "oo": "u", "ee": "i", "x": "ks",
           "c": "k", "q": "gh", "w": "v"},
}  # fmt: skip


def _tokens(latin: str, lang: str) -> list[str]:
    s = unicodedata.normalize("NFKD", latin.lower())
    s = "".join(c for c in s if "a" <= c <= "z")
    s = re.sub(r"([b-df-hj-np-tv-z])\1", r"\1", s)  # Gennadiy: katakana shows no doubling
    out: list[str] = []
    i = 0
    while i < len(s):
        for d in _DIGRAPHS[lang]:
            if s.startswith(d, i):
                out.append(_REPLACE[lang].get(d, d))
                i += len(d)
                break
        else:
            out.append(s[i])
            i += 1
    flat: list[str] = []
    for t in out:
        flat.extend(["k", "s"] if t == "ks" else [t])
    return flat


def _is_vowel(t: str) -> bool:
    return t in ("a", "e", "i", "o", "u", "y")


def _bare(c: str, nxt: str | None, lang: str) -> tuple[str, ...]:
    """A consonant with no vowel after it, as katakana writes it."""
    if c == "n":
        return ("ン",)
    if c in ("t", "d"):
        return ("ト",) if c == "t" else ("ド",)
    if c == "ch":
        return ("チ",)
    if c == "shch":
        return ("シチ",)
    if c == "sh":
        return ("シュ", "シ")
    if c == "zh":
        return ("ジュ", "ジ")
    if c == "ts":
        return ("ツ",)
    if c == "y":
        return ("イ",)
    if c == "h" and lang == "fa" and nxt is None:
        return ("",)  # Fatemeh, Zadeh
    if c == "v":
        if nxt is None or nxt in _VOICELESS:
            return ("フ",)
        return ("ブ", "フ")  # Lavrov ラブロフ, Yevgeniy エフゲニー
    if c == "m" and nxt in ("b", "p", "m"):
        return ("ン", "ム")
    return (_ROWS[c][2],)


def kana_variants(latin: str, lang: str, limit: int = 32) -> list[str]:
    """The katakana Japanese press is likely to write for a Latin name: ``Lavrov`` ->
    ``["ラブロフ", "ラフロフ"]`` (``lang`` "ru" or "fa")."""
    toks = _tokens(latin, lang)
    outs: list[str] = [""]
    i = 0
    n = len(toks)

    def add(*opts: str) -> None:
        nonlocal outs
        outs = [o + p for o in outs for p in opts][:limit]

    while i < n:
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < n else None
        if t == "y":
            # after a vowel or at the start (a consonant takes its y with it below)
            if nxt is not None and _is_vowel(nxt) and nxt != "y":
                add(_ROWS["y"][_VOWEL_INDEX[nxt]])  # Yakov ヤコフ, Yevgeniy エフゲニー, Mayorov
                i += 2
                continue
            add("イ")  # Sergey, Andrey
            i += 1
            continue
        if _is_vowel(t):
            add(_ROWS[""][_VOWEL_INDEX[t]])
            i += 1
            continue
        row = _ROWS.get(t)
        if row is None:
            i += 1
            continue
        if nxt is not None and _is_vowel(nxt):
            if nxt == "y":
                after = toks[i + 2] if i + 2 < n else None
                if after is not None and _is_vowel(after) and after != "y":
                    # palatal: Serebryakov -> セレブリャコフ (folded as リヤ)
                    v = {"e": "エ", "a": "ヤ", "u": "ユ", "o": "ヨ", "i": ""}[after]
                    add(row[1] + v)
                    i += 3
                    continue
                # ы or a final -y: Krylov クリロフ/クルイロフ, Dmitry ドミトリー
                if after is None:
                    add(row[1])
                else:
                    add(row[1], row[2] + "イ")
                i += 2
                continue
            add(row[_VOWEL_INDEX[nxt]])
            i += 2
            continue
        add(*_bare(t, nxt, lang))
        i += 1
    if lang == "ru":
        # -ev after a hushing or soft consonant is often ё: Gorbachev ゴルバチョフ
        outs += [_YO_END.sub(_yo, o) for o in outs if _YO_END.search(o)]
    return list(dict.fromkeys(outs))


_YO_END = cached_re(r"(チ|シ|ジ|[イキギシジチニヒビピミリ])[ェエ](フ|バ)$")


def _yo(m: re.Match[str]) -> str:
    return m.group(1) + "ョ" + m.group(2)


# --------------------------------------------------------------------------------------------
# the lists

_FEMININE = (
    (cached_re(r"(ov|ev|yov|in|yn)$"), "a"),
    (cached_re(r"(sk|tsk|ck)(iy|y|ii|i)$"), "aya"),
)


def _patronymics(given: str) -> list[str]:
    """Patronymics of a Russian man's given name (Sergey -> Sergeyevich, Sergeyevna; Ivan ->
    Ivanovich, Ivanovna; Yuriy -> Yuryevich); none for women's names (-a, -ya)."""
    if given.endswith("a"):
        return []
    if given.endswith("iy"):
        stem = given[:-2] + "y"
        return [stem + "evich", stem + "evna"]
    if given.endswith(("ey", "ay")):
        return [given + "evich", given + "evna"]
    return [given + "ovich", given + "ovna"]


def _forms(latin: str, kind: str, lang: str = "ru") -> list[str]:
    """A surname and its feminine form (Krylov, Krylova; Lavrovskiy, Lavrovskaya); a Russian
    given name and its patronymics."""
    out = [latin]
    if kind == "given" and lang == "ru":
        out += _patronymics(latin)
    if kind == "surname":
        for pat, end in _FEMININE:
            m = pat.search(latin)
            if m:
                out.append(latin[: m.end(1)] + end)
                break
    return out


@cache
def index(table: str) -> dict[str, tuple[str, str]]:
    """Folded katakana key -> (Latin, kind) for a list of real names; the first (most common)
    name wins a shared key."""
    lang = "fa" if table.startswith("persian") else "ru"
    out: dict[str, tuple[str, str]] = {}
    for latin, kind in _data.rows(table):
        for form in _forms(latin, kind, lang):
            for kana in kana_variants(form, lang):
                out.setdefault(fold(kana), (form, kind))
    return out


def lookup(table: str, katakana: str) -> tuple[str, str] | None:
    """(Latin, kind) of the known name whose katakana folds like ``katakana``, or None."""
    key = fold(katakana)
    if len(key) < 2:
        return None
    return index(table).get(key)


# --------------------------------------------------------------------------------------------
# choosing among the spellings katakana cannot tell apart

# letters katakana writes alike: ラ行 is l or r, バ行 b or v; in Persian ハ行 is h or kh and
# ガ行 g or gh (Gohari, Ghorbani)
_SWAPS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "ru": (("l", ("l", "r")), ("r", ("r", "l")), ("b", ("b", "v")), ("v", ("v", "b"))),
    "fa": (
        ("l", ("l", "r")),
        ("r", ("r", "l")),
        ("b", ("b", "v")),
        ("v", ("v", "b")),
        ("gh", ("gh", "g")),
        ("h", ("h", "kh")),
    ),
}
_SWAP_RE = {
    lang: cached_re(r"gh|(?<![kszcg])h(?=[aeiou])|[lrbv]" if lang == "fa" else r"[lrbv]")
    for lang in _SWAPS
}


@cache
def _trigrams(table: str) -> tuple[dict[str, int], dict[str, int], dict[str, int], int]:
    from collections import Counter

    if table.endswith("_letters"):  # counts built offline (scripts/build_russian_lexicon.py)
        tri: dict[str, int] = {}
        bi: dict[str, int] = {}
        uni: dict[str, int] = {}
        for gram, n in _data.rows(table):
            {3: tri, 2: bi, 1: uni}[len(gram)][gram] = int(n)
        return tri, bi, uni, sum(uni.values())
    words = dict.fromkeys(r[0] for r in _data.rows(table))
    padded = ["^^" + latin.lower() + "$" for latin in words]
    tri = Counter(w[i - 2 : i + 1] for w in padded for i in range(2, len(w)))
    bi = Counter(w[i - 1 : i + 1] for w in padded for i in range(2, len(w)))
    uni = Counter(c for w in padded for c in w[2:])
    return dict(tri), dict(bi), dict(uni), sum(uni.values())


def _score(word: str, table: str) -> float:
    tri, bi, uni, total = _trigrams(table)
    w = "^^" + word + "$"
    s = 0.0
    for i in range(2, len(w)):
        c3, c2, c1 = w[i - 2 : i + 1], w[i - 1 : i + 1], w[i]
        p3 = tri.get(c3, 0) / max(_ctx(table, w[i - 2 : i]), 1)
        p2 = bi.get(c2, 0) / max(_ctx(table, w[i - 1]), 1)
        p1 = (uni.get(c1, 0) + 1) / (total + 30)
        s += math.log(0.6 * p3 + 0.3 * p2 + 0.1 * p1)
    return s


@cache
def _contexts(table: str) -> dict[str, int]:
    tri, bi, _uni, _total = _trigrams(table)
    out: dict[str, int] = {}
    for k, v in tri.items():
        out[k[:2]] = out.get(k[:2], 0) + v
    for k, v in bi.items():
        out[k[:1]] = out.get(k[:1], 0) + v
    return out


def _ctx(table: str, ctx: str) -> int:
    return _contexts(table).get(ctx, 0)


# nats a spelling must gain per letter it changes: the rules' own choice is the prior
CHANGE_COST = {"ru": 1.5, "fa": 2.0}


def likeliest(
    word: str,
    table: str,
    max_choices: int = 6,
    model: str | None = None,
    prior: Callable[[str], float] | None = None,
) -> str:
    """Of the spellings katakana cannot tell apart (Rukashev/Lukashev, Parbar/Parvar,
    Hamenei/Khamenei), the one whose letters look most like the real names of ``table``
    (a letter-trigram model of the list, or of ``model``, a larger lexicon of the language),
    plus ``prior(spelling)`` nats when given; the rules' own spelling wins a tie."""
    lang = "fa" if table.startswith("persian") else "ru"
    swaps = dict(_SWAPS[lang])
    low = word.lower()
    spots = [(m.start(), m.group()) for m in _SWAP_RE[lang].finditer(low)][:max_choices]
    if not spots:
        return word
    cands: list[tuple[str, int]] = [(low, 0)]
    for i, seen in reversed(spots):  # right to left: a longer swap leaves earlier spots in place
        cands = [
            (c[:i] + alt + c[i + len(seen) :], n + (alt != seen))
            for c, n in cands
            for alt in swaps[seen]
        ]
    cost = CHANGE_COST[lang]
    m = model or table

    def score(cn: tuple[str, int]) -> tuple[float, bool]:
        extra = prior(cn[0]) if prior is not None else 0.0
        return _score(cn[0], m) - cost * cn[1] + extra, cn[1] == 0

    best, _n = max(cands, key=score)
    return best.capitalize() if word[:1].isupper() else best
