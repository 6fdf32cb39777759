"""English renderings of organization names written in Japanese, by parts.

春日井リハビリテーション病院 -> "Kasugai Rehabilitation Hospital";
○○ネットワークテクノロジー株式会社 -> "... Network Technology Co., Ltd.". A rendering, not
the organization's own English name: callers keep the original (``name_native``) beside it.

* organization-type words and general vocabulary (病院 Hospital, 組織委員会 Organizing Committee,
  株式会社 Co., Ltd. moved to the end as English writes it, 省 "Ministry of ...") and common
  katakana loanwords (ネットワーク Network) come from the tables ``org_terms`` and
  ``org_loanwords``;
* other katakana comes from the EDRDG dictionaries (``data/katakana_words.tsv``: JMnedict
  company, organization, product and place names and JMdict loanwords, ファイアウォール
  Firewall, ミシガン Michigan; else the JMnedict foreign names, マリオット Marriott/Mariotte),
  whole or as two or three of their words, loaded on the first unlisted katakana word; a word
  the dictionary spells several ways, a place spelled as the kana's romaji (ヤマダ) and a split
  run stay guesses; the rest is read back with the Western read-back (a guess);
* other kanji (place and proper names) is read with fugashi + unidic-lite, imported only when
  such a name is met, and written in Hepburn (春日井 -> Kasugai; a guess); a Chinese name
  (a 公司 ending, a leading Chinese province or city, or a stated Chinese origin) is read in
  pinyin instead, and a Chinese company name keeps the ``chinese.romanize_organization`` form.

``render_organization`` returns ``(english, guessed)`` or None when the name cannot be rendered
wholly in Latin script (a character with no reading), so the caller keeps the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

from summarizer.names import _data
from summarizer.rxcache import cached_re

_CHINESE_ORIGINS = frozenset({"CN", "HK", "TW", "MO"})
_KATA = cached_re(r"[\u30a1-\u30fa\u30fc\u30fd\u30fe]")
_HIRA = cached_re(r"[\u3041-\u3096\u309d\u309e]")
_SEP = frozenset("・･ 　")
_DEPENDENT_KANA = frozenset("ンーッァィゥェォャュョヮ")
_CHINESE_WORDS = ("公司", "科技", "信息", "网络", "網絡")


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or c in "々〆ヶ"


def _kind(c: str) -> str:
    if _is_han(c):
        return "han"
    if _KATA.match(c):
        return "kata"
    if _HIRA.match(c):
        return "hira"
    if c in _SEP:
        return "sep"
    if c.isascii():
        return "latin"
    return "other"


@cache
def _terms() -> dict[str, tuple[str, str]]:
    """native -> (english, form): the organization-type words and general vocabulary, and the
    katakana loanwords (form "word")."""
    out = {r[0]: (r[1], "word") for r in _data.rows("org_loanwords")}
    out.update({r[0]: (r[1], r[2]) for r in _data.rows("org_terms")})
    return out


@cache
def _max_len() -> int:
    return max(len(k) for k in _terms())


def _match(s: str, i: int) -> str | None:
    """The longest listed term at s[i:]; an "end" term only at the end of the name or right
    before another listed term (春日井市 -> City, but not the 市 of 市川); a "start" term only
    first and before another listed term (米海軍 -> US Navy); a katakana term not when the
    next kana belongs to the same word (the アメリカ of アメリカン)."""
    terms = _terms()
    for j in range(min(len(s), i + _max_len()), i, -1):
        t = s[i:j]
        if t not in terms:
            continue
        form = terms[t][1]
        if form == "end" and j < len(s) and s[j] not in _SEP and not _match(s, j):
            continue
        if form == "start" and (i > 0 or j >= len(s) or not _match(s, j)):
            continue
        if _kind(t[-1]) == "kata" and j < len(s) and s[j] in _DEPENDENT_KANA:
            continue
        return t
    return None


@cache
def _tagger() -> Any:
    """A fugashi tagger over unidic-lite, or None when they are not installed."""
    try:
        import fugashi  # type: ignore[import-not-found,unused-ignore]

        return fugashi.Tagger()
    except (ImportError, RuntimeError):
        return None


def _japanese_reading(chunk: str) -> list[str] | None:
    """春日井 -> ['Kasugai']; one word per dictionary word; None when one has no reading."""
    from summarizer.names.japanese import hepburn

    tagger = _tagger()
    if tagger is None:
        return None
    words: list[str] = []
    for w in tagger(chunk):
        kana = getattr(w.feature, "kana", None) or getattr(w.feature, "pron", None)
        if not kana or kana == "*" or not _KATA.search(kana):
            return None
        # Hepburn as the English press writes it: long o and u unmarked (トウキョウ -> Tokyo,
        # オオサカ -> Osaka), ei kept (メイジ -> Meiji)
        rom = re.sub(r"o[ou]", "o", re.sub(r"uu", "u", hepburn(kana)))
        if not rom:
            return None
        # particles and suffixes that belong to the word before (市立 is listed; this is the rest)
        if words and getattr(w.feature, "pos1", "") in ("接尾辞", "助詞"):
            words[-1] += rom
        else:
            words.append(rom.capitalize())
    return words or None


def _chinese_reading(chunk: str) -> list[str] | None:
    """四川聚心和 -> ['Sichuan', 'Juxinhe']: a leading place as one word, the rest as one."""
    from summarizer.names.chinese import _ORG_PLACES, _pinyin

    words: list[str] = []
    place = next((p for p in _ORG_PLACES if chunk.startswith(p)), None)
    if place:
        py = _pinyin(place)
        if py is None:
            return None
        words.append("".join(py).capitalize())
        chunk = chunk[len(place) :]
    if chunk:
        py = _pinyin(chunk)
        if py is None:
            return None
        words.append("".join(py).capitalize())
    return words


def _dictionary_word(chunk: str, names: bool = True) -> tuple[str, bool] | None:
    """A katakana word of the EDRDG tables: a company, organization or product name or an
    English loanword (ファイアウォール Firewall), not a guess; else a foreign name (マリオット
    Marriott), of several spellings the nearest the read-back, and then a guess."""
    from summarizer.names.lexicon import WORDS, index, name_part

    words = index(WORDS)
    raw = words.get(chunk)
    plural = ""
    if not raw and len(chunk) >= 4 and chunk[-1] in "ズス":  # ベンチャーズ Ventures
        raw, plural = words.get(chunk[:-1]), "s"
    if raw:
        rows = [h.split("\t", 1) for h in raw.split("|")]
        glosses = [r[0] for r in rows]
        english = " ".join(w[:1].upper() + w[1:] for w in (glosses[0] + plural).split())
        # a guess when spelled several ways (オークランド: Auckland or Oakland), or a place the
        # dictionary spells as the romaji of the kana: a Japanese name in katakana (ヤマダ)
        place = rows[0][-1] == "place"
        return english, len(set(glosses)) > 1 or place and _is_romaji(chunk, english)
    if not names:
        return None
    hit = name_part(chunk, nearest=_readback(chunk))
    return (hit[0], not hit[1]) if hit is not None else None


def _is_romaji(chunk: str, english: str) -> bool:
    from summarizer.names.japanese import hepburn

    return re.sub(r"[^a-z]", "", english.lower()) == re.sub(r"[^a-z]", "", hepburn(chunk))


def _readback(chunk: str) -> str:
    from summarizer.names.western import transliterate

    return transliterate(chunk)


_PIECE = 3  # kana of a word; a person's name 5 or more (not ヒュー|ストン: Hugh + ...)
_NAME_PIECE = 5


def _piece(s: str) -> tuple[str, bool] | None:
    return _dictionary_word(s, names=len(s) >= _NAME_PIECE)


def _split_words(chunk: str) -> list[tuple[str, bool]] | None:
    """An unlisted katakana run as two or three dictionary words of 3+ kana (names 5+)
    (マリオットインターナショナル -> Marriott International), the fewest pieces; None when it
    is not such a run. Always a guess: a brand may be one word (フォーティネット)."""
    best: list[tuple[str, bool]] | None = None
    for i in range(_PIECE, len(chunk) - _PIECE + 1):
        head = _piece(chunk[:i])
        if head is None or chunk[i] in _DEPENDENT_KANA:
            continue
        tail = _piece(chunk[i:])
        if tail is not None:
            return [head, tail]
        if best is None:
            for j in range(i + _PIECE, len(chunk) - _PIECE + 1):
                mid, end = _piece(chunk[i:j]), _piece(chunk[j:])
                if mid is not None and end is not None and chunk[j] not in _DEPENDENT_KANA:
                    best = [head, mid, end]
                    break
    return best


def _katakana_reading(chunk: str) -> tuple[str, bool]:
    """A katakana word: the Western names table, the EDRDG dictionaries (whole, or two or
    three of their words), else the Western read-back (a guess)."""
    from summarizer.names.western import table, transliterate

    hit = table().get(chunk)
    if hit is not None:
        return hit, True
    found = _dictionary_word(chunk) if len(chunk) >= 2 else None
    if found is None:
        parts = _split_words(chunk) if len(chunk) >= 2 * _PIECE else None
        if parts is not None:  # where one word ends is a guess (フォーティネット)
            return " ".join(w for w, _ in parts), True
    return found if found is not None else (transliterate(chunk), True)


def _hiragana_reading(chunk: str) -> str:
    from summarizer.names.japanese import hepburn

    return hepburn("".join(chr(ord(c) + 0x60) for c in chunk)).capitalize()


def is_chinese(native: str, origin: str | None = None) -> bool:
    """Chinese by the stated origin, else by shape: a 公司 ending or a leading Chinese province
    or city, or a word only Chinese uses (科技, 信息); else Japanese."""
    from summarizer.names.chinese import _ORG_PLACES

    o = (origin or "").upper()
    if o in _CHINESE_ORIGINS:
        return True
    if o:
        return False
    s = native.strip()
    if any(w in s for w in _CHINESE_WORDS):
        return True
    if _HIRA.search(s):
        return False
    return any(s.startswith(p) for p in _ORG_PLACES)


@lru_cache(maxsize=2048)
def render_organization(native: str, origin: str | None = None) -> tuple[str, bool] | None:
    """An English rendering of an organization name written in Japanese, and whether a part of
    it is a read-back guess (a kanji proper name or an unlisted katakana word); None when the
    name has a part with no reading.

    ``origin``: ISO alpha-2 of the organization's stated country, when the article says it.
    """
    s = unicodedata.normalize("NFKC", native or "").strip()
    s = re.sub(r"[「」『』\"]", "", s)
    if not s or all(_kind(c) in ("latin", "sep") for c in s):
        return None
    chinese = is_chinese(s, origin)
    if chinese and s.endswith("公司"):
        from summarizer.names.chinese import romanize_organization

        r = romanize_organization(s)
        if r is not None:
            return r, False
    words: list[str] = []
    legal: list[str] = []
    guessed = False
    pending = ""

    def flush() -> bool:
        nonlocal pending, guessed
        if not pending:
            return True
        kind = _kind(pending[0])
        if kind == "han":
            read = _chinese_reading(pending) if chinese else _japanese_reading(pending)
            if read is None:
                return False
            words.extend(read)
            guessed = guessed or not chinese
        elif kind == "kata":
            word, guess = _katakana_reading(pending)
            words.append(word)
            guessed = guessed or guess
        elif kind == "hira":
            words.append(_hiragana_reading(pending))
            guessed = True
        elif kind == "latin":
            words.append(pending.strip())
        else:
            return False
        pending = ""
        return True

    i = 0
    while i < len(s):
        c = s[i]
        kind = _kind(c)
        t = _match(s, i)
        # inside an unlisted katakana word only a long loanword starts a new part
        # (ヤマダネットワーク: Network; but not the ソフト of an unknown brand)
        if t and pending and _kind(pending[0]) == "kata" and kind == "kata" and len(t) < 4:
            t = None
        if t:
            if not flush():
                return None
            english, form = _terms()[t]
            if form == "legal":
                legal.append(english)
            elif form == "of":
                words[:] = [f"{english} of {' '.join(words)}" if words else english]
            elif form != "drop":
                words.append(english)
            i += len(t)
            continue
        if (kind == "sep" or (pending and _kind(pending[0]) != kind)) and not flush():
            return None
        if kind != "sep":
            pending += c
        i += 1
    if not flush():
        return None
    out = " ".join(w for w in words if w)
    out = re.sub(r"\s+", " ", out).strip()
    out = re.sub(r"\b(\w+) (?=\1\b)", "", out, flags=re.IGNORECASE)  # Cisco Systems Systems
    if legal:
        out = f"{out} {legal[0]}".strip()
    if not out or not all(ch.isascii() for ch in out):
        return None
    return out, guessed
