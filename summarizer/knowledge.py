"""The knowledge base: threat actors, malware/tools, state organs, countries and sectors, with
their English aliases and Japanese surface forms, matched against a whole article in one pass.

Data: ``summarizer/data/kb.json``, compiled offline by ``scripts/build_kb.py`` from MISP galaxies,
MITRE ATT&CK, katakana generated with e2k and the curated tables next to it (see that script).
Loading reads that one file and builds an Aho-Corasick automaton (pyahocorasick): no network,
no model, well under half a second.

Matching runs on a folded copy of the text (``match_fold``): NFKC width folding, case folding,
spaces, ー, ・ and hyphens dropped, and the usual katakana spelling variants made equal (エイ/エー,
ウ after an o-row kana, ヴ/バ). Folding must never create a false hit on a common word, so each
key carries guards checked against the ORIGINAL text:

* Latin names need word boundaries (ＡＰＴ３１ matches, APT310 does not);
* katakana names must be a whole katakana word (ティック does not match inside ロジスティック);
* names that are also common words (Tick, Mercury, ...) match only in the case the sources
  write them and with cyber context nearby; common katakana words are never scanned;
* single-kanji country abbreviations (米, 英, 露...) count only in runs (米英, 日米韓) or before
  words such as 政府/当局/司法省, never inside ordinary words (露呈, 英語);
* a block list consumes phrases that contain a name but mean something else (日本語, 北米).

Offsets in ``Hit`` always point into the text as given: ``text[h.start:h.end] == h.surface``.
"""

from __future__ import annotations

import gc
import json
import re
import threading
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

from summarizer.rxcache import cached_re
from summarizer.textfold import _PUNCT_DROP, fold, fold_gaps, fold_text

DATA_DIR = Path(__file__).resolve().parent / "data"
KB_FILE = DATA_DIR / "kb.json"
CURATED_FILES: tuple[str, ...] = (
    "actors.toml",
    "software.toml",
    "organs.toml",
    "countries.tsv",
    "sectors.tsv",
    "generic.txt",
    "ambiguous.txt",
    "block.txt",
)

HitKind = Literal["actor", "malware", "organ", "country", "sector"]
KINDS: tuple[str, ...] = ("actor", "malware", "organ", "country", "sector", "block")
K_ACTOR, K_MALWARE, K_ORGAN, K_COUNTRY, K_SECTOR, K_BLOCK = range(6)

# pattern flags
F_CASE = 1  # the original span must equal one of the exact forms (case-sensitive)
F_CTX = 2  # cyber context must occur near the hit
F_ABBR = 4  # single-kanji country abbreviation: run/context rules
CTX_WINDOW = 300

# ---------------------------------------------------------------------------------------------
# folding

# e-row kana followed by イ, o-row kana followed by ウ: the イ/ウ is a long vowel (エイ = エー)
_E_ROW = frozenset("エケセテネヘメレゲゼデベペェ")
_O_ROW = frozenset("オコソトノホモヨロゴゾドボポョォ")
_KANA_MAP = str.maketrans({"ヴ": "ブ", "ヂ": "ジ", "ヅ": "ズ", "ヰ": "イ", "ヱ": "エ", "ヲ": "オ"})
_KANA_MAP_RE = cached_re("[ヴヂヅヰヱヲ]")
_VU = {"ブァ": "バ", "ブィ": "ビ", "ブェ": "ベ", "ブォ": "ボ"}


# what match_fold changes after folding
_MATCH_FIX_RE = cached_re(
    # each alternative starts with its own character (the lookbehinds follow it), so re scans
    # for ブ/イ/ウ in C and tries the pattern only there
    "ブ[ァィェォ]|イ(?<=[" + "".join(_E_ROW) + "]イ)|ウ(?<=[" + "".join(_O_ROW) + "]ウ)"
)


def match_fold(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` for matching; returns (folded, index) with index[i] = original offset."""
    folded, index = _match_fold(text)
    return folded, list(index)


def _match_fold(text: str) -> tuple[str, Sequence[int]]:
    """``match_fold`` with the index as the fold made it (a tuple, not copied)."""
    f = fold(text, kana=True)
    src = f.text
    if _KANA_MAP_RE.search(src):  # rare: translate looks up every character (slow)
        src = src.translate(_KANA_MAP)
    index = f.index
    out: list[str] = []
    idx: list[int] = []
    last = 0
    # ブァ -> バ (kept at the ブ's offset); イ after an e-row kana and ウ after an o-row kana are
    # dropped (エイイ keeps the second イ: its left neighbour is the dropped イ)
    for m in _MATCH_FIX_RE.finditer(src):
        a = m.start()
        out.append(src[last:a])
        idx.extend(index[last:a])
        if m.end() - a == 2:
            out.append(_VU[m.group()])
            idx.append(index[a])
        last = m.end()
    if not last:
        return src, index
    out.append(src[last:])
    idx.extend(index[last:])
    return "".join(out), idx


def _match_fold_gaps(text: str) -> tuple[str, list[int], list[int]] | None:
    """``match_fold(text)`` as (folded, gaps of the fold, gaps of the fix-ups): folded offset j
    maps back to ``i + bisect_right(fold_gaps, i)`` with ``i = j + bisect_right(fix_gaps, j)``
    (see ``textfold.fold_gaps``). None when a character folds to several (use the index)."""
    src, gaps = fold_gaps(text, kana=True)
    if gaps is None:
        return None
    if _KANA_MAP_RE.search(src):  # one character for one: offsets unchanged
        src = src.translate(_KANA_MAP)
    out: list[str] = []
    dropped: list[int] = []
    last = 0
    for m in _MATCH_FIX_RE.finditer(src):  # the same fix-ups as _match_fold
        a = m.start()
        out.append(src[last:a])
        if m.end() - a == 2:  # ブァ -> バ at the ブ: the small vowel is the one dropped
            out.append(_VU[m.group()])
            dropped.append(a + 1)
        else:
            dropped.append(a)
        last = m.end()
    if not last:
        return src, gaps, []
    out.append(src[last:])
    return "".join(out), gaps, [p - k for k, p in enumerate(dropped)]


def _match_fold_text(text: str) -> str:
    """``match_fold(text)[0]`` without the offset map."""
    src = fold_text(text, kana=True)
    if _KANA_MAP_RE.search(src):
        src = src.translate(_KANA_MAP)
    return _MATCH_FIX_RE.sub(_match_fix, src)


def _match_fix(m: re.Match[str]) -> str:
    return _VU.get(m.group(), "")


def match_key(s: str) -> str:
    """The automaton key of a name (same folding as the scanned text)."""
    return _match_fold_text(s)


@lru_cache(maxsize=16384)  # the same names are looked up again and again (per finding, per article)
def lookup_key(s: str) -> str:
    """The key for lookups by name: ``match_key`` with punctuation dropped too."""
    return "".join(c for c in match_key(s) if c not in _PUNCT_DROP)


# ---------------------------------------------------------------------------------------------
# character classes


def _is_katakana(c: str) -> bool:
    return (
        "\u30a1" <= c <= "\u30fa"
        or c == "ー"
        or "\uff66" <= c <= "\uff9f"
        or "\u31f0" <= c <= "\u31ff"
    )


# the characters _is_katakana accepts, for a set lookup in the scan's inner loop
_KATAKANA = frozenset(
    chr(c) for c in (*range(0x30A1, 0x30FB), 0x30FC, *range(0xFF66, 0xFFA0), *range(0x31F0, 0x3200))
)


def _is_kanji(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or c in "々〆"


@lru_cache(maxsize=8192)  # called on every candidate's edges; a few hundred distinct characters
def _ascii_alnum(c: str) -> bool:
    c = unicodedata.normalize("NFKC", c)
    return len(c) == 1 and c.isascii() and c.isalnum()


# vendors' names for threat groups: Trend Micro's "Earth X", Microsoft's "X Typhoon", CrowdStrike's
# "X Panda" ... a malware name inside one (Earth Harpy: not GRIFFON's alias Harpy) is not malware
_VENDOR_PREFIX = cached_re(r"Earth\s+$")
_VENDOR_SUFFIX = cached_re(
    r"\s+(?:Typhoon|Blizzard|Sleet|Sandstorm|Tempest|Hail|Dust|Flood|Cyclone|"
    r"Panda|Bear|Chollima|Kitten|Spider|Tiger|Leopard|Jackal|Buffalo|Ocelot)\b"
)


def _in_vendor_name(text: str, start: int, end: int) -> bool:
    return bool(
        _VENDOR_PREFIX.search(text, max(0, start - 12), start) or _VENDOR_SUFFIX.match(text, end)
    )


def _latin_joined(text: str, i: int, step: int) -> bool:
    """``text[i]`` (next to a Latin match, on the side ``step`` points to) continues the word:
    a letter or digit, or an ampersand followed by one (AT&T, R&D)."""
    if _ascii_alnum(text[i]):
        return True
    j = i + step
    return text[i] in "&＆" and 0 <= j < len(text) and _ascii_alnum(text[j])


# ---------------------------------------------------------------------------------------------
# public records


@dataclass(frozen=True)
class ActorRecord:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    attack_id: str | None
    sponsor: str | None
    japanese: tuple[str, ...]
    # the cluster this actor is a subgroup of (APT38, Andariel -> Lazarus Group); the subgroup
    # stays an actor of its own with its own names
    umbrella: str | None = None


@dataclass(frozen=True)
class SoftwareRecord:
    name: str
    aliases: tuple[str, ...]
    kind: Literal["malware", "tool"]
    attack_id: str | None
    japanese: tuple[str, ...]


@dataclass(frozen=True)
class OrganRecord:
    name: str
    abbreviation: str | None
    country: str
    japanese: tuple[str, ...]
    actor: str | None
    aliases: tuple[str, ...] = ()


class Hit(NamedTuple):  # a tuple: made for every name found, 5x cheaper than a dataclass
    kind: HitKind
    key: str  # canonical name / alpha-2 / STIX sector
    start: int
    end: int
    surface: str  # text[start:end]


# ---------------------------------------------------------------------------------------------
# scan rules data

_CTX_ALT = (
    r"サイバー|ハッカー|ハッキング|攻撃|マルウェア|ランサム|不正アクセス|侵入|脆弱性|感染|脅威|"
    r"スパイ|諜報|窃取|漏え?い|ウイルス|ウィルス|バックドア|不正プログラム|集団|グループ|"
    r"APT|hack|cyber|malware|threat|attack|ransom|exploit|vulnerab|backdoor|espionage"
)
# the lookahead of first characters lets re reject most positions with one test (7x faster
# than trying each case-insensitive word there); the matches are the same
_CTX_RE = cached_re(
    "(?=[" + "".join(sorted({w[0] for w in _CTX_ALT.split("|")})) + "])(?:" + _CTX_ALT + ")",
    re.IGNORECASE,
)
# words after which a katakana name may continue without being part of a longer word
_KANA_SUFFIXES = (
    "グループ",
    "ギャング",
    "チーム",
    "ランサムウェア",
    "ランサムウエア",
    "マルウェア",
    "マルウエア",
    "ファミリー",
    "キャンペーン",
    "ボットネット",
    "ハッカー",
    "ハッカーズ",
)
# after a single-kanji country abbreviation (米政府, 英当局, 露軍)
_ABBR_NEXT = (
    "政府",
    "当局",
    "司法省",
    "財務省",
    "国務省",
    "国防総省",
    "国防省",
    "外務省",
    "商務省",
    "国土安全保障省",
    "連邦",
    "軍",
    "大統領",
    "首相",
    "議会",
    "情報機関",
    "情報当局",
    "企業",
    "紙",
    "メディア",
    "大使館",
    "国家安全保障局",
    "高官",
    "政権",
    "捜査",
    "検察",
    "空軍",
    "海軍",
    "陸軍",
    "国籍",
    "両国",
    "両政府",
    "首脳",
    "外相",
    "国防相",
    "治安",
    "サイバー",
    "機関",
    "議員",
    "関係",
    "主導",
    "系",
    "製",
    "側",
    "ＩＴ",
    "IT",
    "IT",
    "通信",
    "金融",
    "財務長官",
    "国務長官",
    "司法長官",
    "法務省",
    "警察",
)
_ABBR_PREV_OK = frozenset("対訪駐在反親全")
# generic words that may trail a name in a lookup, folded like lookup keys
_LOOKUP_SUFFIXES = tuple(
    lookup_key(w)
    for w in (
        "group",
        "グループ",
        "team",
        "チーム",
        "gang",
        "ギャング",
        "集団",
        "ransomware",
        "ランサムウェア",
        "ランサムウエア",
    )
)
_RUN_STOP = frozenset("国人語本湾州")


# ---------------------------------------------------------------------------------------------


class KnowledgeBase:
    """Actors, software, organs, countries and sectors with one-pass matching (``scan``)."""

    _instance: KnowledgeBase | None = None
    _lock = threading.Lock()

    def __init__(self, data: dict[str, Any]) -> None:
        import ahocorasick

        self._data = data
        self._actors: list[dict[str, Any]] = data["actors"]
        self._software: list[dict[str, Any]] = data["software"]
        self._organs: list[dict[str, Any]] = data["organs"]
        self._country_index: dict[str, str] = data["country_index"]
        self._sector_terms: list[list[Any]] = data["sectors"]
        self._index: dict[str, dict[str, Any]] = data["index"]  # kind -> lookup key -> idx
        self._abbr = frozenset(
            form
            for forms in data["country_forms"].values()
            for form in forms
            if len(form) == 1 and _is_kanji(form)
        )
        auto = ahocorasick.Automaton()
        organ_keys = ahocorasick.Automaton()  # the organs' keys alone: a cheap test before a scan
        for key, kind, target, flags, exact in data["patterns"]:
            auto.add_word(key, (len(key), kind, target, flags, exact, _edges(key)))
            if kind == K_ORGAN:
                organ_keys.add_word(key, None)
        auto.make_automaton()
        organ_keys.make_automaton()
        self._auto = auto
        self._organ_keys = organ_keys
        sec = ahocorasick.Automaton()
        for term, values, _scan in self._sector_terms:
            k = match_key(term)
            if k:
                sec.add_word(k, (len(k), tuple(values), term))
        sec.make_automaton()
        self._sector_auto = sec
        self._record_cache: dict[tuple[int, int], Any] = {}

    # -- loading --------------------------------------------------------------------------------

    @classmethod
    def load(cls) -> KnowledgeBase:
        """The shared instance (loaded once per process, thread-safe)."""
        if cls._instance is None:
            with cls._lock:
                if cls._instance is None:
                    cls._instance = cls.from_file(KB_FILE)
        return cls._instance

    @classmethod
    def from_file(cls, path: Path) -> KnowledgeBase:
        """Read and build the knowledge base, with the cyclic garbage collector paused: the
        decode and the automaton allocate ~100,000 containers, none of them garbage, and each
        collection they would trigger walks the whole heap of a started process for nothing
        (~10% of the load). Reference counting still frees as usual."""
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return cls(json.loads(raw))
        finally:
            if was_enabled:
                gc.enable()

    @property
    def digest(self) -> str:
        """Hash of the curated tables and build script the data was compiled from."""
        return str(self._data.get("digest", ""))

    # -- records ----------------------------------------------------------------------------------

    def _actor_rec(self, i: int) -> ActorRecord:
        key = (K_ACTOR, i)
        rec = self._record_cache.get(key)
        if rec is None:
            r = self._actors[i]
            rec = ActorRecord(
                name=r["name"],
                aliases=tuple(r["aliases"]),
                country=r.get("country"),
                attack_id=r.get("attack_id"),
                sponsor=r.get("sponsor"),
                japanese=tuple(r["japanese"]) + tuple(r.get("generated", ())),
                umbrella=r.get("umbrella"),
            )
            self._record_cache[key] = rec
        return rec

    def _software_rec(self, i: int) -> SoftwareRecord:
        key = (K_MALWARE, i)
        rec = self._record_cache.get(key)
        if rec is None:
            r = self._software[i]
            rec = SoftwareRecord(
                name=r["name"],
                aliases=tuple(r["aliases"]),
                kind="tool" if r.get("kind") == "tool" else "malware",
                attack_id=r.get("attack_id"),
                japanese=tuple(r["japanese"]) + tuple(r.get("generated", ())),
            )
            self._record_cache[key] = rec
        return rec

    def _organ_rec(self, i: int) -> OrganRecord:
        key = (K_ORGAN, i)
        rec = self._record_cache.get(key)
        if rec is None:
            r = self._organs[i]
            rec = OrganRecord(
                name=r["name"],
                abbreviation=r.get("abbreviation"),
                country=r["country"],
                japanese=tuple(r.get("japanese", ())),
                actor=r.get("actor"),
                aliases=tuple(r.get("aliases", ())),
            )
            self._record_cache[key] = rec
        return rec

    def _lookup(self, kind: str, name: str | None) -> int | None:
        if not name or not name.strip():
            return None
        idx = self._index[kind]
        k = lookup_key(name)
        hit = idx.get(k)
        if hit is None:
            # "Lazarus Group hackers", "APT31 group", "ブルーノロフ・グループ": try without a
            # trailing generic word (folded like the key: グループ -> グルプ)
            for suffix in _LOOKUP_SUFFIXES:
                if k.endswith(suffix) and len(k) > len(suffix) + 2:
                    hit = idx.get(k[: -len(suffix)])
                    if hit is not None:
                        break
        return hit

    def actor(self, name: str | None) -> ActorRecord | None:
        """By canonical name, any alias or any Japanese form (folded)."""
        i = self._lookup("actor", name)
        return self._actor_rec(i) if i is not None else None

    def software(self, name: str | None) -> SoftwareRecord | None:
        i = self._lookup("malware", name)
        return self._software_rec(i) if i is not None else None

    def organ(self, name: str | None) -> OrganRecord | None:
        i = self._lookup("organ", name)
        return self._organ_rec(i) if i is not None else None

    def actors(self) -> Iterable[ActorRecord]:
        return (self._actor_rec(i) for i in range(len(self._actors)))

    def all_software(self) -> Iterable[SoftwareRecord]:
        return (self._software_rec(i) for i in range(len(self._software)))

    def organs(self) -> Iterable[OrganRecord]:
        return (self._organ_rec(i) for i in range(len(self._organs)))

    def country(self, name: str | None) -> str | None:
        """'米国' / 'United States' / 'US' / 'USA' / '英' / 'gb' -> alpha-2 (None if unknown)."""
        if not name or not name.strip():
            return None
        s = unicodedata.normalize("NFKC", name).strip()
        k = lookup_key(s)
        hit = self._country_index.get(k)
        if hit:
            return hit
        if _TWO_LETTERS_RE.fullmatch(s):
            up = s.upper()
            if up == "UK":
                return "GB"
            if up in self._alpha2:
                return up
        # "米国政府", "the United States government", "ロシア連邦" -> longest known prefix/phrase
        hits = [h.key for h in self.scan(s) if h.kind == "country"]
        if len(set(hits)) == 1:
            return hits[0]
        return None

    @property
    def _alpha2(self) -> frozenset[str]:
        cached = self.__dict__.get("_alpha2_cache")
        if cached is None:
            cached = frozenset(self._country_index.values())
            self.__dict__["_alpha2_cache"] = cached
        return cached

    def is_country_code(self, code: str) -> bool:
        return code in self._alpha2

    def sectors(self, phrase: str | None) -> list[str]:
        """Japanese/English phrase -> STIX industry-sector-ov values (every term found)."""
        if not phrase:
            return []
        s = phrase.strip()
        low = s.casefold()
        if low in _sector_values():
            return [low]
        folded = _match_fold_text(s)
        found: list[tuple[int, int, tuple[str, ...]]] = []
        for end, (length, values, term) in self._sector_auto.iter(folded):
            if term.isascii():
                continue  # English terms below, with word boundaries
            found.append((end - length + 1, end + 1, values))
        nf = unicodedata.normalize("NFKC", s).casefold()
        if _ASCII_LOWER_RE.search(nf):  # every English term starts with a letter a-z
            for m in self._english_sector_re().finditer(nf):
                values = self._english_sectors[m.group(1)]
                found.append((-1, -1, values))  # English: order after nothing in particular
        found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
        out: list[str] = []
        last = -1
        for start, end, values in found:
            if start >= 0 and start < last:
                continue
            last = max(last, end)
            for v in values:
                if v not in out:
                    out.append(v)
        return out

    def _english_sector_re(self) -> re.Pattern[str]:
        rx = self.__dict__.get("_en_sector_rx")
        if rx is None:
            terms = {
                t.casefold(): tuple(v)
                for t, v, _s in self._sector_terms
                if t.isascii() and t.isalpha()
            }
            self.__dict__["_english_sectors"] = terms
            alt = "|".join(sorted(map(re.escape, terms), key=len, reverse=True))
            rx = re.compile(rf"\b({alt})(?:s|es)?\b")
            self.__dict__["_en_sector_rx"] = rx
        return rx

    _english_sectors: dict[str, tuple[str, ...]]

    # -- scanning ---------------------------------------------------------------------------------

    def scan(self, text: str) -> list[Hit]:
        """Every actor, malware/tool, organ, country and sector named in ``text``: one pass,
        non-overlapping longest matches, sorted by start. Offsets point into ``text``."""
        if not text:
            return []
        mapped = _match_fold_gaps(text)
        index: Sequence[int] = ()
        if mapped is None:  # a character folds to several: the full offset index
            folded, index = _match_fold(text)
            gaps: list[int] = []
            fixes: list[int] = []
        else:
            folded, gaps, fixes = mapped
        n = len(text)
        ctx_pos: list[int] | None = None
        ctx_iter: Iterator[re.Match[str]] | None = None
        # (start, start - end, kind, seq, end, target, flags, exact, edges): sorted as a tuple,
        # the order of (start, longest first, kind), ties in the automaton's order (seq)
        cands: list[tuple[int, int, int, int, int, Any, int, Any, int]] = []
        for fend, (length, kind, target, flags, exact, edges) in self._auto.iter(folded):
            fstart = fend - length + 1
            if index:
                start, end = index[fstart], index[fend] + 1
            else:  # offsets back through the fix-ups' and the fold's dropped characters
                start, end = fstart, fend
                if fixes:
                    start += bisect_right(fixes, start)
                    end += bisect_right(fixes, end)
                if gaps:
                    start += bisect_right(gaps, start)
                    end += bisect_right(gaps, end)
                end += 1
            if edges & E_KANA_LAST:  # a katakana name takes the long-vowel marks after it
                while end < n and text[end] in "ーｰ":
                    end += 1
            cands.append((start, start - end, kind, len(cands), end, target, flags, exact, edges))
        cands.sort()
        # non-overlapping longest matches, each candidate's guards tested only when it could be
        # taken: a candidate its guards reject is as if it were never found, and one that starts
        # inside a taken match is skipped whatever its guards say (the guards read the text
        # alone, never other candidates), so testing them here or before the sort is the same
        kana, abbr = _KATAKANA, self._abbr
        hits: list[Hit] = []
        last_end = -1
        for start, _neg, kind, _seq, end, target, flags, exact, edges in cands:
            if start < last_end:
                continue
            if edges:  # the key starts or ends with a Latin letter/digit or katakana
                # Latin word boundaries; & joins words into one name (AT&T is not the tool "at")
                if edges & E_LATIN_FIRST and start > 0 and _latin_joined(text, start - 1, -1):
                    continue
                if edges & E_LATIN_LAST and end < n and _latin_joined(text, end, 1):
                    continue
                # katakana: a whole katakana word
                if edges & E_KANA_FIRST and start > 0 and text[start - 1] in kana:
                    continue
                if (
                    edges & E_KANA_LAST
                    and end < n
                    and text[end] in kana
                    and not text.startswith(_KANA_SUFFIXES, end)
                ):
                    continue
                if (
                    kind == K_MALWARE
                    and edges & E_LATIN_FIRST
                    and _in_vendor_name(text, start, end)
                ):
                    continue
            if flags:
                if flags & F_CASE:
                    span = _SPACES_RE.sub("", unicodedata.normalize("NFKC", text[start:end]))
                    if span not in exact:
                        continue
                if flags & F_ABBR:
                    # the usual rejection first: a kanji word goes on to the left (期間中, 米)
                    b = text[start - 1] if start > 0 else ""
                    if b and b not in abbr and _kanji_or_digit_before(b):
                        continue
                    if not self._abbr_ok(text, start):
                        continue
                if flags & F_CTX:
                    # the context words' positions, read only as far as this hit needs them
                    if ctx_pos is None:
                        ctx_pos, ctx_iter = [], _CTX_RE.finditer(text)
                    while ctx_iter is not None and (
                        not ctx_pos or ctx_pos[-1] <= start + CTX_WINDOW
                    ):
                        m = next(ctx_iter, None)
                        if m is None:
                            ctx_iter = None
                        else:
                            ctx_pos.append(m.start())
                    # the first context word at or after start - CTX_WINDOW (positions ascend)
                    k = bisect_left(ctx_pos, start - CTX_WINDOW)
                    if k == len(ctx_pos) or ctx_pos[k] > start + CTX_WINDOW:
                        continue
            last_end = end
            if kind == K_BLOCK:
                continue
            if kind == K_ACTOR:
                key = self._actors[target]["name"]
            elif kind == K_MALWARE:
                key = self._software[target]["name"]
            elif kind == K_ORGAN:
                key = self._organs[target]["name"]
            else:
                key = target
            # made as Hit._make makes it, without namedtuple's Python-level __new__
            hits.append(_new_hit(Hit, (KINDS[kind], key, start, end, text[start:end])))
        return hits

    def organs_in(self, text: str) -> list[Hit]:
        """The organ hits of ``scan(text)``; no scan when no organ's key occurs in the text."""
        if not text or next(self._organ_keys.iter(_match_fold_text(text)), None) is None:
            return []
        return [h for h in self.scan(text) if h.kind == "organ"]

    def _abbr_ok(self, text: str, i: int) -> bool:
        """A single-kanji country abbreviation at ``text[i]``: in a run (米英, 日米韓) or before
        a word like 政府/当局; never right after another kanji (期間中米国)."""
        abbr = self._abbr
        s = i
        while s > 0 and text[s - 1] in abbr:
            s -= 1
        e = i + 1
        while e < len(text) and text[e] in abbr:
            e += 1
        before = text[s - 1] if s > 0 else ""
        if _kanji_or_digit_before(before):
            return False
        after = text[e] if e < len(text) else ""
        if e - s >= 2:
            return after not in _RUN_STOP
        return text.startswith(_ABBR_NEXT, e)


_SPACES_RE = cached_re(r"\s+")
_new_hit = tuple.__new__

# what the scan checks at a key's edges, known from the key itself (its first and last folded
# characters are the matched text's): stored with each key, so most hits skip the tests
E_LATIN_FIRST, E_LATIN_LAST, E_KANA_FIRST, E_KANA_LAST = 1, 2, 4, 8


def _edges(key: str) -> int:
    first, last = key[0], key[-1]
    return (
        (E_LATIN_FIRST if _ascii_alnum(first) else 0)
        | (E_LATIN_LAST if _ascii_alnum(last) else 0)
        | (E_KANA_FIRST if first in _KATAKANA else 0)
        | (E_KANA_LAST if last in _KATAKANA else 0)
    )


_ASCII_LOWER_RE = cached_re("[a-z]")
_TWO_LETTERS_RE = cached_re("[A-Za-z]{2}")


@lru_cache(maxsize=1)
def _sector_values() -> frozenset[str]:
    from summarizer.models import SECTORS  # here: the knowledge base loads without pydantic

    return frozenset(SECTORS)


def _kanji_or_digit_before(before: str) -> bool:
    """``_abbr_ok``'s test of the character left of a run of abbreviations (``_is_kanji``
    inlined: it runs for every one-kanji country hit)."""
    return before.isdigit() or (
        ("\u4e00" <= before <= "\u9fff" or "\u3400" <= before <= "\u4dbf" or before in "々〆")
        and before not in _ABBR_PREV_OK
    )


# ---------------------------------------------------------------------------------------------
# compilation (used by scripts/build_kb.py; kept here so matching and keys share one definition)

_DICT_WORD = cached_re(r"[A-Z]?[a-z]+|[A-Z]+")
_ELEMENT_KANA = cached_re(r"ウム$")


def compile_patterns(
    kb: dict[str, Any],
    curated_aliases: dict[tuple[int, int], set[str]],
    common: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Fill ``kb['patterns']`` and ``kb['index']`` from the records (build time).

    ``common``: lowercase English words frequent in running text; a name equal to one is matched
    only in its exact case with cyber context (canonical names) or not scanned (other aliases).
    """
    ambiguous = set(kb["ambiguous"])
    # match key -> (priority, kind, target, flags, exact forms)
    best: dict[str, tuple[int, int, Any, int, list[str]]] = {}
    # match key -> every entry tied at the top priority (resolved after all names are added)
    rivals: dict[str, list[tuple[int, int, Any, int, list[str]]]] = {}
    index: dict[str, dict[str, tuple[int, Any]]] = {k: {} for k in ("actor", "malware", "organ")}

    def add(
        surface: str,
        kind: int,
        target: Any,
        prio: int,
        *,
        scan: bool = True,
        flags: int = 0,
        japanese: bool = False,
    ) -> None:
        lk = lookup_key(surface)
        if kind in (K_ACTOR, K_MALWARE, K_ORGAN) and lk:
            kname = KINDS[kind]
            cur = index[kname].get(lk)
            if cur is None or cur[0] < prio:
                index[kname][lk] = (prio, target)
            elif cur[0] == prio and cur[1] != target:
                index[kname][lk] = (prio, None)  # ambiguous
        if not scan:
            return
        key = match_key(surface)
        if not key:
            return
        is_latin = bool(re.fullmatch(r"[\x20-\x7e]+", unicodedata.normalize("NFKC", surface)))
        if is_latin:
            core = re.sub(r"[\s\-_.]", "", surface)
            word = core.isalpha()
            loose_alias = prio == 20 and kind in (K_ACTOR, K_MALWARE)  # a source synonym
            if loose_alias and word and (core.lower() in common or len(core) <= 4):
                scan = False
            if lookup_key(surface) in ambiguous or (word and core.lower() in common):
                flags |= F_CASE | F_CTX
            elif kind in (K_ACTOR, K_MALWARE) and _DICT_WORD.fullmatch(core) and len(core) <= 12:
                flags |= F_CTX
            if len(key) <= 3 and kind != K_COUNTRY:
                flags |= F_CASE
            if not scan:
                return
            if kind == K_COUNTRY and surface.isupper():
                flags |= F_CASE
        else:
            if japanese and lookup_key(surface) in ambiguous:
                return
            if kind in (K_ACTOR, K_MALWARE) and _ELEMENT_KANA.search(key):
                flags |= F_CTX
        exact: list[str] = []
        if flags & F_CASE:
            base = re.sub(r"\s+", "", unicodedata.normalize("NFKC", surface))
            exact = sorted({base, base.upper()})
        cur2 = best.get(key)
        if cur2 is None or cur2[0] < prio:
            best[key] = (prio, kind, target, flags, exact)
            rivals.pop(key, None)
        elif cur2[0] == prio and (cur2[1], cur2[2]) != (kind, target):
            if cur2[1] == K_BLOCK or kind == K_BLOCK:
                return
            rivals.setdefault(key, [cur2]).append((prio, kind, target, flags, exact))
        elif (cur2[1], cur2[2]) == (kind, target) and cur2[4] and exact:
            best[key] = (cur2[0], kind, target, cur2[3], sorted(set(cur2[4]) | set(exact)))

    for kind, recs in ((K_ACTOR, kb["actors"]), (K_MALWARE, kb["software"])):
        for i, r in enumerate(recs):
            cur = curated_aliases.get((kind, i), set())
            add(r["name"], kind, i, 40)
            for a in r["aliases"]:
                add(a, kind, i, 45 if lookup_key(a) in cur else 20)
            for j in r["japanese"]:
                add(j, kind, i, 50, japanese=True)
            for g in r.get("generated", ()):
                add(g, kind, i, 10, japanese=True, flags=F_CTX if "・" not in g else 0)
    for i, o in enumerate(kb["organs"]):
        add(o["name"], K_ORGAN, i, 40)
        for a in o.get("aliases", ()):
            add(a, K_ORGAN, i, 40)
        if o.get("abbreviation"):
            add(o["abbreviation"], K_ORGAN, i, 40, flags=F_CASE | F_CTX)
        for j in o.get("japanese", ()):
            add(j, K_ORGAN, i, 50)
    for iso, forms in kb["country_forms"].items():
        for f in forms:
            single = len(f) == 1 and _is_kanji(f)
            add(f, K_COUNTRY, iso, 30, flags=F_ABBR if single else 0)
    for term, values, scan in kb["sectors"]:
        if scan:
            add(term, K_SECTOR, values[0], 25)
    for b in kb["block"]:
        add(b, K_BLOCK, 0, 100)

    # a tie is left out of scanning, except one actor against malware of the same name (Kimsuky,
    # Turla, RansomHub): the press names the group, and the engine can add its family
    conflicts: set[str] = set()
    for key, entries in rivals.items():
        actors = [e for e in entries if e[1] == K_ACTOR]
        if len({e[2] for e in actors}) == 1 and all(e[1] in (K_ACTOR, K_MALWARE) for e in entries):
            best[key] = actors[0]
        else:
            conflicts.add(key)
    kb["patterns"] = [
        [k, v[1], v[2], v[3], v[4]] for k, v in sorted(best.items()) if k not in conflicts
    ]
    kb["index"] = {
        kname: {k: t for k, (_p, t) in sorted(d.items()) if t is not None}
        for kname, d in index.items()
    }
    kb["conflicts"] = sorted(conflicts)


@lru_cache(maxsize=1)
def _default() -> KnowledgeBase:
    return KnowledgeBase.load()
