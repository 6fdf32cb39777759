"""Romanize people's names the way the English press and sanctioning governments write them,
by the name's origin.

* Chinese names in kanji (simplified, traditional or Japanese forms): pinyin, surname first,
  given name joined: 倪高斌 -> "Ni Gaobin" (``chinese``; a table of readings read on first use).
* Katakana names by origin, from the nationality stated near the name (``origin`` = ISO
  alpha-2) or, without one, the name's shape (``origin.from_katakana``):
  Korean (``korean``): パク・ジンヒョク -> "Park Jin Hyok"; Persian/Arabic (``persian``):
  アリレザ -> "Alireza"; Russian (``russian``): ミハイル -> "Mikhail"; Chinese in katakana
  (``chinese``); Japanese (``japanese``, Hepburn); otherwise Western names from a table and a
  read-back of the katakana (``western``).
* Hangul: North Korean style (McCune-Reischauer) unless the origin is KR.
* Japanese kanji names (hiragana in the name, or a common Japanese surname): kept as written.
* Organization names written in Japanese: an English rendering by parts (``orgs``:
  病院 Hospital, ネットワーク Network, 春日井 Kasugai by a fugashi reading).

Katakana loses l/r, b/v, h/kh: large general lexicons settle them, built offline by scripts into
``data/`` and read on the first name of their language: Russian surnames and given names of the
OpenCorpora dictionary keyed by folded katakana (``lexicon``), and the consonant skeletons of
Iranian given names in Persian script (``persian``). The EDRDG dictionaries (JMnedict, JMdict)
give foreign name parts for the Western fallback and for Persian read-backs that differ only
in letters katakana hides (ハメネイ Khamenei), and company names and loanwords for
organizations (ファイアウォール Firewall); they load on the first word that needs them.

``romanize(native, origin=None)`` returns ``(name, uncertain)``: uncertain when the result is a
fallback guess. ``romanize_detail`` also says which origin was used. ``is_non_party`` spots
officials' titles and well-known companies and outlets. Tables are TSV files in ``data/``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The romanizers and their tables load on first use: importing this package costs almost
# nothing (python -X importtime -c "import summarizer.names"), the kanji readings only with a
# kanji name.

__all__ = [
    "Romanized",
    "hepburn",
    "is_non_party",
    "is_person_name_candidate",
    "is_title",
    "looks_japanese",
    "non_party_titles",
    "romanize",
    "romanize_chinese",
    "romanize_detail",
    "romanize_hangul",
    "romanize_katakana",
    "render_organization",
    "romanize_organization",
    "title_pattern",
]


class Romanized(tuple[str, bool, str]):
    """``(name, uncertain, origin)``; origin is KO FA RU ZH JA WEST, or LATIN / NATIVE (kept as
    written). A tuple subclass rather than typing.NamedTuple, to keep typing out of start-up."""

    __slots__ = ()

    def __new__(cls, name: str, uncertain: bool, origin: str) -> Romanized:
        return super().__new__(cls, (name, uncertain, origin))

    @property
    def name(self) -> str:
        return self[0]

    @property
    def uncertain(self) -> bool:
        return self[1]

    @property
    def origin(self) -> str:
        return self[2]

    def __repr__(self) -> str:
        return f"Romanized(name={self[0]!r}, uncertain={self[1]!r}, origin={self[2]!r})"


def non_party_titles() -> tuple[str, ...]:
    """Officials' titles that mark a person as not a party, longest first."""
    from summarizer.names.nonparty import titles

    return titles()


def is_non_party(surface: str) -> bool:
    """Is ``surface`` an official's title, a titled official (ガーランド司法長官) or a well-known
    company or outlet (ソニー・ピクチャーズ, ロイター通信): never a defendant or sanction target?"""
    from summarizer.names.nonparty import is_non_party as f

    return f(surface)


def is_title(surface: str) -> bool:
    """Is ``surface`` an official's title or a name ending in one?"""
    from summarizer.names.nonparty import is_title as f

    return f(surface)


def title_pattern() -> re.Pattern[str]:
    """A compiled pattern of the titles (``.match(text, pos)`` right after a name)."""
    from summarizer.names.nonparty import title_pattern as f

    return f()


def romanize_chinese(native: str) -> str | None:
    """倪高斌 -> 'Ni Gaobin'; None when a character has no reading."""
    from summarizer.names.chinese import romanize_chinese as f

    return f(native)


def romanize_organization(native: str) -> str | None:
    """武漢小瑞志科技有限公司 -> 'Wuhan Xiaoruizhi Science and Technology Co., Ltd.'; None when
    it is not a Chinese company name."""
    from summarizer.names.chinese import romanize_organization as f

    return f(native)


def render_organization(native: str, origin: str | None = None) -> tuple[str, bool] | None:
    """An English rendering of an organization name written in Japanese, by parts, and whether
    a part is a read-back guess: 春日井リハビリテーション病院 -> ('Kasugai Rehabilitation
    Hospital', True); None when a part has no reading (``orgs``; fugashi loads on first use)."""
    from summarizer.names.orgs import render_organization as f

    return f(native, origin)


def romanize_hangul(native: str, origin: str | None = None) -> tuple[str, bool]:
    """김정은 -> 'Kim Jong Un' (North Korean style unless origin is KR)."""
    from summarizer.names.korean import romanize_hangul as f

    return f(native, origin)


def hepburn(kana: str) -> str:
    """A Hepburn reading of a katakana word: ホロシェフ -> 'horoshefu'."""
    from summarizer.names.japanese import hepburn as f

    return f(kana)


def looks_japanese(native: str) -> bool:
    """Hiragana in the name, or it starts with a common Japanese surname."""
    from summarizer.names.japanese import looks_japanese as f

    return f(native)


def _is_han(c: str) -> bool:
    return (
        "\u4e00" <= c <= "\u9fff"
        or "\u3400" <= c <= "\u4dbf"
        or "\uf900" <= c <= "\ufaff"
        or c == "々"
    )


def _script(s: str) -> str:
    has = {"han": False, "kata": False, "hira": False, "hangul": False, "latin": False}
    for c in s:
        if _is_han(c):
            has["han"] = True
        elif "\u30a0" <= c <= "\u30ff" or "\uff66" <= c <= "\uff9f":
            has["kata"] = True
        elif "\u3040" <= c <= "\u309f":
            has["hira"] = True
        elif "\uac00" <= c <= "\ud7a3":
            has["hangul"] = True
        elif c.isascii() and c.isalpha():
            has["latin"] = True
    if has["hangul"]:
        return "hangul"
    if has["hira"]:
        return "japanese"
    if has["kata"] and not has["han"]:
        return "katakana"
    if has["han"] and not has["kata"] and not has["latin"]:
        return "han"
    if has["latin"] and not (has["han"] or has["kata"]):
        return "latin"
    return "mixed"


def _katakana(s: str, hint: str | None) -> Romanized:
    from summarizer.names import chinese, japanese, korean, origin, persian, russian, western
    from summarizer.names.kana import parts as katakana_parts

    parts = katakana_parts(s)
    if not parts:
        return Romanized(s, True, "NATIVE")
    stated = origin.from_country(hint)
    kind = stated or origin.from_katakana(parts)
    if kind == origin.KOREAN:
        r = korean.romanize_katakana_parts(parts, kr=(hint or "").upper() == "KR")
        if r is not None:
            return Romanized(r[0], r[1] or stated is None, kind)
        kind = origin.from_katakana(parts)  # stated Korean, but the name is not Korean-shaped
    if kind == origin.PERSIAN:
        arabic = (hint or "").upper() not in ("", "IR", "AF", "TJ", "PK")
        name, guessed = persian.romanize_parts(parts, arabic=arabic)
        return Romanized(name, guessed or stated is None and len(parts) < 2, kind)
    if kind == origin.RUSSIAN:
        name, guessed = russian.romanize_parts(parts, ukr=(hint or "").upper() == "UA")
        return Romanized(name, guessed, kind)
    if kind == origin.CHINESE:
        r = chinese.romanize_katakana_parts(parts)
        if r is not None:
            return Romanized(r[0], r[1], kind)
    if kind == origin.JAPANESE:
        name, unsure = japanese.romanize_parts(parts)
        return Romanized(name, unsure, kind)
    if kind == origin.KOREAN:  # Korean by shape only when nothing else claimed it
        r = korean.romanize_katakana_parts(parts)
        if r is not None:
            return Romanized(r[0], True, kind)
    name, unsure = western.romanize_parts(parts)
    return Romanized(name, unsure, origin.WESTERN)


@lru_cache(maxsize=4096)
def romanize_detail(native: str, origin_hint: str | None = None) -> Romanized:
    """``romanize`` with the origin used: ``romanize_detail("パク・ジンヒョク", "KP")`` ->
    ``Romanized("Park Jin Hyok", False, "KO")``."""
    s = unicodedata.normalize("NFKC", native or "").strip()
    s = re.sub(r"[(（].*?[)）]", "", s).strip()  # "倪高斌(38)" -> "倪高斌"
    if not s:
        return Romanized(native, True, "NATIVE")
    kind = _script(s)
    if kind == "latin":
        name = " ".join(w if any(c.isupper() for c in w) else w.capitalize() for w in s.split())
        return Romanized(name, False, "LATIN")
    if kind == "hangul":
        name, unsure = romanize_hangul(s, (origin_hint or "").upper() or None)
        return Romanized(name, unsure, "KO")
    if kind == "katakana":
        return _katakana(s, origin_hint)
    if kind == "han":
        core = re.sub(r"[\s・･]", "", s)
        hint = (origin_hint or "").upper()
        if hint in ("KP", "KR"):  # 金正恩: Korean readings of the characters
            from summarizer.names.korean import romanize_hanja

            k = romanize_hanja(core, kr=hint == "KR")
            if k is not None:
                return Romanized(k, False, "KO")
        if looks_japanese(core) or hint == "JP":
            return Romanized(s, True, "JA")
        r = romanize_chinese(core)
        if r is None:
            return Romanized(s, True, "NATIVE")
        # a 5+ character "name" is probably not a Chinese person name. (Without a stated
        # nationality a Korean name in kanji, 金正恩, is read as Chinese: most Chinese names
        # read as Korean names too, so the shape cannot tell.)
        return Romanized(r, len(core) > 4, "ZH")
    return Romanized(s, True, "NATIVE")


def romanize(native: str, origin: str | None = None) -> tuple[str, bool]:
    """Romanized name as the English press writes it, and whether it is a guess.

    ``origin`` is the ISO alpha-2 code of a nationality stated near the name (KP, KR, IR, RU,
    CN, JP ...); None detects the origin from the name's shape.

    >>> romanize("倪高斌")
    ('Ni Gaobin', False)
    >>> romanize("パク・ジンヒョク", "KP")
    ('Park Jin Hyok', False)
    """
    r = romanize_detail(native, origin)
    return r[0], r[1]


def romanize_katakana(native: str, origin: str | None = None) -> tuple[str, bool]:
    """A katakana name (kept for callers of the old module)."""
    r = _katakana(unicodedata.normalize("NFKC", native).strip(), origin)
    return r.name, r.uncertain


_HAN_NAME = r"^[\u4e00-\u9fff\u3400-\u4dbf々]{2,4}$"
_KATA_NAME = r"^[\u30a1-\u30fa\u30fc]+([・･=＝][\u30a1-\u30fa\u30fc]+){1,3}$"
_NOT_PERSON_SUFFIX = (
    r"(省|庁|局|部|課|院|所|社|会|団|党|軍|隊|国|県|市|区|町|村|州|大学|政府|機関|組織|集団|企業|銀行|"
    r"協会|委員会|事件|攻撃|研究|公司|集団|グループ|ウェア)$"
)


def is_person_name_candidate(s: str) -> bool:
    """Could ``s`` (as written in a Japanese article) be a person's name?

    2-4 kanji not ending in an organization/place suffix (倪高斌, 程鋒), katakana words joined by
    ・ (ドミトリー・ホロシェフ), hangul of 2-4 syllables, or Latin "Given Surname" words.
    """
    s = unicodedata.normalize("NFKC", s or "").strip()
    if not s:
        return False
    if re.match(_HAN_NAME, s) or re.match(_KATA_NAME, s):
        return not re.search(_NOT_PERSON_SUFFIX, s)
    if re.fullmatch(r"[\uac00-\ud7a3]{2,4}", s):
        return True
    return bool(re.fullmatch(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}", s))
