"""The shared reading layer of the rules engine: sentences, clauses, countries, acting parties.

Every recognizer (actors, indictments, sanctions, victims, software) reads the article through
a ``Ctx``: its text, sentences (``Sent``), the knowledge base's hits, the knowledge base itself and
the romanizer. The helpers here answer questions the recognizers share: which countries a span
names (``countries_in``), who acts in a sentence (``acting_party``), where a clause starts, the
nationality stated in a span.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from summarizer.countries import country_name
from summarizer.models import Evidence
from summarizer.rules import lexicon as lex
from summarizer.rules.led import lazy_re

# -- character classes and compiled patterns -----------------------------------------------------
KANJI = "一-龥々〆ヶ㐀-䶵豈-鶴"
KATA = "ァ-ヴヵヶー"
K = f"[{KANJI}]"
NOT_K = f"(?<![{KANJI}])"


def alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def trie_alternation(words: Iterable[str]) -> str:
    """``(?:alternation(words))`` as a prefix tree: re tries one branch per character instead of
    every word in turn. The same matches: the words that match at one position are prefixes of
    each other, and both forms try them longest first. (Without flags: under IGNORECASE two
    branches could match the same text.)"""
    trie: dict[str, Any] = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # the end of a word

    def render(node: dict[str, Any]) -> str:
        parts = [re.escape(ch) + render(sub) for ch, sub in sorted(node.items()) if ch]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + render(trie) + ")"


_SENT_RE = lazy_re(r"[^。！？!?\n]+[。！？!?]?")

_KANJI_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

COUNTRY_ALT = trie_alternation(lex.COUNTRIES)
# the first characters of country names: a lookahead that rejects most positions cheaply
COUNTRY_FIRST = "".join(sorted({w[0] for w in lex.COUNTRIES}))
_COUNTRY_RE = lazy_re(COUNTRY_ALT)
# one-kanji prefixes (米司法省, 英政府, 日米): not inside a longer kanji word on the left
_PREFIX_RE = lazy_re(
    rf"(?:{NOT_K}日(?=[米英中露韓豪])|{NOT_K}([米英露豪韓独仏]{{1,3}}))(?=(?:国|政府|政権|当局|司法|財務|国務|連邦|議会|軍|国防|"
    rf"首脳|外務|情報|両国|[、・]|企業|防衛|国内|大手|の|系|紙|メディア|[ァ-ヴA-Za-z]))"
)
AUTH_RE = lazy_re(trie_alternation(lex.AUTHORITIES))

_DEMONYM_RE = lazy_re(trie_alternation(lex.DEMONYM_NATIONALITY))

GOV_RE = lazy_re(
    rf"({COUNTRY_ALT})(の)?(政府|{trie_alternation(m for m in lex.MINISTRIES if m != '政府')})"
)

LATIN_STOP = frozenset(
    [
        "Table",
        "Contents",
        "Group",
        "Inc",
        "Ltd",
        "Company",
        "Corporation",
        "Security",
        "Technology",
        "Information",
        "Analytics",
        "Systems",
        "Microsoft",
        "Google",
        "Apple",
        "Amazon",
        "Cisco",
        "Talos",
        "Intelligence",
        "Center",
        "National",
        "Agency",
        "Department",
        "Ministry",
        "Office",
        "Bureau",
        "Threat",
        "Research",
        "Labs",
        "Network",
        "Networks",
        "Cyber",
        "Advisory",
        "Bureau",
        "Police",
        "Federal",
        "Justice",
        "Court",
        "District",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "United",
        "States",
        "Kingdom",
        "Republic",
        "Press",
        "Release",
        "Twitter",
        "Telegram",
        "Windows",
        "Linux",
        "Office",
        "Exchange",
        "Server",
        "Cloud",
        "Update",
        "Last",
        "Updated",
        "Photo",
        "Daily",
        "News",
        "Times",
        "Post",
        "Reuters",
        "Bloomberg",
        "The",
        "Related",
    ]
)


_ACCUSED_GAP = r"[^。、がはをにもへ\s　]{0,8}?"
_ACCUSED_RE = lazy_re(
    rf"(?=[{COUNTRY_FIRST}中露朝])({COUNTRY_ALT}|(?<![{KANJI}])[中露朝])(?:"
    # 中国人ハッカー, イラン政府系ハッカー, 北朝鮮のハッカー集団
    r"(?:政府|共産党)?(?:系|の|人|籍の?|国籍の?|が支援する|を背景(?:に持つ|とする)|と(?:関係|関連)のある)?"
    rf"{_ACCUSED_GAP}(?:ハッカー|サイバー攻撃集団|攻撃集団|工作員|スパイ|情報要員)"
    # 中国人民解放軍の「61398部隊」, ロシア軍のハッカー: a unit of the state's military
    rf"|(?:人民解放軍|軍)の?{_ACCUSED_GAP}(?:部隊|ハッカー|工作員))"
)
# every match holds one of these nouns, at most _ACCUSED_REACH characters after its start (a
# country, 政府/共産党, a connector such as を背景に持つ, the gap): the scan starts near the first
_ACCUSED_NOUN_RE = lazy_re("ハッカー|攻撃集団|工作員|スパイ|情報要員|部隊")
_ACCUSED_REACH = max(map(len, lex.COUNTRIES)) + 40


class Sent(NamedTuple):  # a tuple: made for every sentence of every article
    start: int
    end: int
    text: str


class _NoKB:
    """Stand-in when the knowledge base is unavailable: finds nothing."""

    def scan(self, text: str) -> list[Any]:
        return []

    def actor(self, name: str) -> Any:
        return None

    def software(self, name: str) -> Any:
        return None

    def organ(self, name: str) -> Any:
        return None

    def country(self, name: str) -> str | None:
        return None

    def sectors(self, phrase: str) -> list[str]:
        return []


def load_kb() -> Any:
    try:
        from summarizer.knowledge import KnowledgeBase

        return KnowledgeBase.load()
    except (ImportError, OSError):  # pragma: no cover - only while the KB data is missing
        return _NoKB()


def romanizer() -> Any:
    try:
        from summarizer.names import romanize

        return romanize
    except ImportError:  # pragma: no cover
        return lambda native: (native, True)


_new_sent = functools.partial(tuple.__new__, Sent)


def split_sentences(text: str) -> list[Sent]:
    try:
        from summarizer.chunking import sentence_texts
    except ImportError:  # pragma: no cover
        spans = [(m.start(), m.end()) for m in _SENT_RE.finditer(text)]
        return [Sent(s, e, text[s:e]) for s, e in spans if text[s:e].strip()]
    # a sentence starts with a character that is not a space: never blank. Each (start, end,
    # text) becomes a Sent as Sent._make makes it, without its Python-level call per sentence
    return list(map(_new_sent, sentence_texts(text)))


def span_evidence(text: str, s: int, e: int) -> Evidence:
    """``Evidence(quote=text[s:e], start=s, end=e)`` made as its constructor makes it, without
    validating values that are a str and two ints by construction (~12 per article)."""
    ev = _new_evidence(Evidence)
    _setattr(ev, "__dict__", {"quote": text[s:e], "start": s, "end": e})
    _setattr(ev, "__pydantic_extra__", None)
    _setattr(ev, "__pydantic_fields_set__", {"quote", "start", "end"})
    _setattr(ev, "__pydantic_private__", None)
    return ev


_new_evidence = Evidence.__new__
_setattr = object.__setattr__


def parse_number(s: str) -> int | None:
    s = unicodedata.normalize("NFKC", s)
    if s.isdigit():
        return int(s)
    if all(c in _KANJI_NUM or c == "十" for c in s):
        if "十" not in s:
            return _KANJI_NUM.get(s) if len(s) == 1 else None
        head, _, tail = s.partition("十")
        return (_KANJI_NUM.get(head, 1) if head else 1) * 10 + (
            _KANJI_NUM.get(tail, 0) if tail else 0
        )
    return None


# -- sentence context ----------------------------------------------------------------------------
class Ctx:
    """One article being read: its text, sentences, knowledge-base hits, KB and romanizer."""

    def __init__(
        self,
        text: str,
        sents: list[Sent],
        kb: Any = None,
        rom: Callable[..., tuple[str, bool]] | None = None,
    ) -> None:
        self.text = text
        self.sents = sents
        self.kb: Any = kb if kb is not None else _NoKB()
        self._rom = rom
        self.hits: list[Any] = []
        self._starts = [s.start for s in sents]
        self._accused: set[str] | None = None
        # (start, end) of the actor, malware and organ hits, for in_hit (made again if hits change)
        self._named_spans: list[tuple[int, int]] = []
        self._named_of: list[Any] | None = None
        self._named_n = 0

    def rom(self, native: str, origin: str | None = None) -> tuple[str, bool]:
        """(romanized name, uncertain) for a native name; the native form when romanizing fails.

        ``origin``: ISO alpha-2 of the nationality the text states near the name, if any.
        """
        if self._rom is None:
            self._rom = romanizer()
        try:
            name, unsure = self._rom(native, origin=origin) if origin else self._rom(native)
            return (name or native), bool(unsure)
        except Exception:  # noqa: BLE001 - a romanizer fault must not lose the entity
            return native, True

    def sent_of(self, pos: int) -> int:
        i = bisect_right(self._starts, pos) - 1
        return max(0, i)

    def in_hit(self, a: int, b: int) -> bool:
        if self._named_of is not self.hits or self._named_n != len(self.hits):
            self._named_of, self._named_n = self.hits, len(self.hits)
            self._named_spans = [
                (h.start, h.end) for h in self.hits if h.kind in ("actor", "malware", "organ")
            ]
        return any(s < b and a < e for s, e in self._named_spans)

    def hits_in(self, a: int, b: int) -> list[Any]:
        return [h for h in self.hits if a <= h.start and h.end <= b]

    def accused_states(self) -> set[str]:
        """States whose hackers, units or state-backed groups the article accuses.

        中国人ハッカー, イラン政府系ハッカー, 北朝鮮のハッカー集団, 中国人民解放軍の「…部隊」:
        such a state is a party acted against, never the one that prosecutes or sanctions.
        """
        if self._accused is None:
            noun = _ACCUSED_NOUN_RE.search(self.text)
            start = max(0, noun.start() - _ACCUSED_REACH) if noun else len(self.text)
            self._accused = {
                lex.COUNTRIES.get(m.group(1)) or lex.COUNTRY_PREFIX[m.group(1)]
                for m in _ACCUSED_RE.finditer(self.text, start)
            }
        return self._accused


# -- helpers -------------------------------------------------------------------------------------
# every match of the three patterns of ``countries_in`` holds one of these characters
_COUNTRIES_IN_CHARS = frozenset(COUNTRY_FIRST) | frozenset("日米英露豪韓独仏中加朝")


# every match of _PREFIX_RE holds one of these (the one-kanji prefixes and 日), and every match
# of _PREFIX_RUN_RE two of _RUN_CHARS
_PREFIX_CHARS = frozenset("日米英露豪韓独仏")
_RUN_CHARS = frozenset("日米英露豪韓独仏中加朝")
_COUNTRY_FIRST_CHARS = frozenset(COUNTRY_FIRST)


def countries_in(s: str) -> list[tuple[str, int, int]]:
    if _COUNTRIES_IN_CHARS.isdisjoint(s):
        return []  # most clauses and list items name no country: skip the three scans
    # each scan only where its characters occur (a scan that cannot match adds nothing)
    out: list[tuple[str, int, int]] = []
    if not _COUNTRY_FIRST_CHARS.isdisjoint(s):
        out = [(lex.COUNTRIES[m.group()], m.start(), m.end()) for m in _COUNTRY_RE.finditer(s)]
    if _RUN_CHARS.isdisjoint(s):
        return out  # no prefix and no run (out came from one ordered scan: already sorted)
    for m in _PREFIX_RE.finditer(s) if not _PREFIX_CHARS.isdisjoint(s) else ():
        if m.group(1) is None:
            if not any(a <= m.start() < b for _c, a, b in out):
                out.append(("JP", m.start(), m.start() + 1))
            continue
        for i, ch in enumerate(m.group(1)):
            code = lex.COUNTRY_PREFIX.get(ch)
            if code and not any(a <= m.start(1) + i < b for _c, a, b in out):
                out.append((code, m.start(1) + i, m.start(1) + i + 1))
    # a run of two to four one-kanji abbreviations standing alone: 日米韓, 米英は, 英豪当局
    for m in _PREFIX_RUN_RE.finditer(s):
        if m.group(1) in _NOT_RUNS:
            continue
        for i, ch in enumerate(m.group(1)):
            if not any(a <= m.start(1) + i < b for _c, a, b in out):
                out.append((lex.COUNTRY_PREFIX[ch], m.start(1) + i, m.start(1) + i + 1))
    out.sort(key=lambda t: t[1])
    return out


# the group opens with a character re scans for in C; the lookbehind after it asks what the
# (?<![{KANJI}]) before the run asked
_PREFIX_RUN_RE = lazy_re(
    rf"([日米英露豪韓独仏中加朝](?<![{KANJI}][日米英露豪韓独仏中加朝])[日米英露豪韓独仏中加朝]{{1,3}})"
    rf"(?=当局|政府|両国|[^{KANJI}]|$)"
)
_NOT_RUNS = frozenset({"日中", "中米"})  # also "daytime", "Central America"


_COUNTRY_BEFORE_TAIL_RE = lazy_re(r"(?:の|系|国内の|の大手|大手|)?[^。、]{0,4}")
_HOME_BEFORE_RE = lazy_re(r"(?:国内|わが国|我が国)の?[^。、]{0,4}$")
# [てでしたりず]、|として|ため|により|によって, each alternative with a first character re scans for
_CLAUSE_CUT_RE = lazy_re("て、|で、|し、|た、|り、|ず、|として|ため|により|によって")
_LEAD_RE = lazy_re(r"^(?:\d*日付|\d+年|[0-9]+月|同|米|英|中国の|当該)")


def country_before(t: str, a: int) -> str | None:
    before = t[max(0, a - 8) : a]
    found = countries_in(before)
    if found:
        c, _x, y = found[-1]
        if _COUNTRY_BEFORE_TAIL_RE.fullmatch(before[y:]):
            return c
    if "国" in before and _HOME_BEFORE_RE.search(before):
        return "JP"
    return None


def clause_start(t: str, pos: int) -> int:
    lo = max(0, pos - 120)
    seg = t[lo:pos]
    cut = max(seg.rfind("は"), seg.rfind("が"), seg.rfind("。"), seg.rfind("「"), seg.rfind("」"))
    for m in _CLAUSE_CUT_RE.finditer(seg):
        cut = max(cut, m.end() - 1)
    return lo + cut + 1 if cut >= 0 else lo


def stated_nationality(seg: str) -> str | None:
    found = {lex.DEMONYM_NATIONALITY[m.group()] for m in _DEMONYM_RE.finditer(seg)}
    return found.pop() if len(found) == 1 else None


def strip_lead(s: str) -> str:
    return _LEAD_RE.sub("", s) or s


def ministry_name(code: str, noun: str) -> str:
    en = lex.MINISTRIES.get(noun, noun)
    country = lex.COUNTRY_EN.get(code) or country_name(code)  # short forms; else ISO (Georgia)
    if noun == "政府":
        return f"Government of {country}"
    return f"{en} of {country}"


_QUOTE_RE = lazy_re(r"「[^「」]*」|『[^『』]*』|“[^“”]*”")
# も as a subject marker, not the particle inside 少なくとも/でも/にも
_SUBJECT_AFTER_RE = lazy_re(
    r"^(?:国|両国)?(?:[等ら]|など|当局|政府|政権)?(?:は|が|も|によると|によれば|から|により|によって)"
    r"|^(?:国)?(?:政府|政権|当局)(?:[等ら])?(?:は|が|も)"
    r"|^(?:国)?(?:と|及び|および|、|・)[^。]{0,16}?(?:[等ら])?(?:は|が|(?<![とでにく])も)"
)


_OBJECT_AFTER_RE = lazy_re(r"(?:を|に(?!よ)|へ|系)")
_STATE_OBJECT_AFTER_RE = lazy_re(r"(?:国)?(?:政府|政権|当局)?(?:を|に(?!よ)|から)")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def acting_party(s: str, pos: int, *, countries: bool = True) -> tuple[str | None, str | None]:
    """(authority in English, country) acting in ``s`` before ``pos``.

    The acting party is the nearest authority or state before ``pos`` marked as the subject
    (は/が/も/によると/から...); quoted speech is ignored. Without a marked subject, the nearest
    named authority that is not an object (…を/…に) is used.
    """
    head = s[:pos]
    if "「" in head or "『" in head or "“" in head:  # every quote _QUOTE_RE blanks opens so
        head = _QUOTE_RE.sub(_blank, head)
    cands: list[tuple[int, str | None, str, bool]] = []  # (pos, authority, country, subject)
    auths = list(AUTH_RE.finditer(head))
    for m in auths:
        name, code = lex.AUTHORITIES[m.group()]
        if not code:
            found = countries_in(head[max(0, m.start() - 6) : m.start()])
            code = found[-1][0] if found else ""
            if code and name in ("government", "Ministry of Foreign Affairs"):
                name = f"{lex.COUNTRY_EN.get(code, code)} {name}"
        if not code:
            continue
        after = head[m.end() : m.end() + 24]
        # an object (…を, …に), or a modifier (イラン政府系ハッカー): not the acting party
        if _OBJECT_AFTER_RE.match(after):
            continue
        cands.append((m.start(), name, code, bool(_SUBJECT_AFTER_RE.match(after))))
    if countries:
        auth_spans = [(m.start(), m.end()) for m in auths]
        for code, a, b in countries_in(head):
            if any(x <= a < y for x, y in auth_spans):
                continue
            after = head[b : b + 24]
            if _SUBJECT_AFTER_RE.match(after) and not _STATE_OBJECT_AFTER_RE.match(after):
                cands.append((a, None, code, True))
    if not cands:
        return None, None
    subj = [c for c in cands if c[3]]
    pick = max(subj or cands, key=lambda c: c[0])
    if pick[1] is None:
        # a bare state as subject: keep an authority of the same state named nearby
        same = [c for c in cands if c[1] and c[2] == pick[2]]
        if same:
            return same[-1][1], pick[2]
    return pick[1], pick[2]


def dedup_evidence(text: str, spans: list[tuple[int, int]]) -> list[Evidence]:
    seen: set[tuple[int, int]] = set()
    out: list[Evidence] = []
    for a, b in spans:
        if (a, b) in seen or a >= b:
            continue
        seen.add((a, b))
        out.append(span_evidence(text, a, b))
    return out


# -- roles: who acts, who is acted on, who only speaks ---------------------------------------------
_ROLES_FILE = Path(__file__).resolve().parent.parent / "data" / "roles.toml"


@functools.cache
def roles_data() -> dict[str, tuple[str, ...]]:
    """The word lists of ``data/roles.toml`` (titles, news outlets, loanword parts, speech verbs)."""
    with _ROLES_FILE.open("rb") as fh:
        raw = tomllib.load(fh)
    return {k: tuple(str(w) for w in v) for k, v in raw.items()}


@dataclass(frozen=True)
class _RolePatterns:
    official_after: re.Pattern[str]
    official_before: re.Pattern[str]
    speaker_after: re.Pattern[str]
    acted_on_after: re.Pattern[str]
    accused_after: re.Pattern[str]
    outlets: frozenset[str]
    not_name_parts: frozenset[str]


@functools.cache
def _role_patterns() -> _RolePatterns:
    d = roles_data()
    titles = trie_alternation(d["titles"])
    speech = trie_alternation(d["speech_verbs"])
    return _RolePatterns(
        # ローゼンスタイン司法副長官 / ブリンケン米国務長官 / デマーズ次官補
        official_after=re.compile(
            rf"^(?:氏)?[ 　]?(?:[米英日中露韓豪独仏]国?|[{KANJI}]{{1,6}}?(?:省|庁|局|部|院)?の?)?(?:{titles})"
        ),
        # 報道官のX氏 / 司法副長官、X
        official_before=re.compile(rf"(?:{titles})(?:の|である|、)[ 　]?$"),
        # X氏は…と述べた / X曰く / Xによると / Xの声明
        speaker_after=re.compile(
            r"^(?:氏|さん)?[ 　]?(?:[（(][^）)。]{0,30}[）)])?"
            rf"(?:曰く|いわく|によると|によれば|の(?:発表|声明|報告|分析|話|説明)"
            rf"|(?:は|が|も)[、,]?[^。がは]{{0,60}}?(?:{speech}))"
        ),
        # Xを標的とした / Xへの攻撃 / Xがハッキング被害を受けた
        acted_on_after=re.compile(
            r"^[^。、]{0,4}?(?:を(?:標的|狙|攻撃|ハッキング)|への(?:サイバー)?攻撃|に対する(?:サイバー)?攻撃"
            r"|が(?:ハッキング|サイバー攻撃|攻撃|不正アクセス)|が[^。、]{0,12}?被害を受け"
            r"|から[^。、]{0,12}?(?:盗|窃取))"
        ),
        accused_after=re.compile(r"[ 　]?(?:容疑者|被告人?|受刑者|被疑者|元?(?:工作員|将校))"),
        outlets=frozenset(d["news_outlets"]),
        not_name_parts=frozenset(d["not_name_parts"]),
    )


def named_accused(text: str, b: int) -> bool:
    """The name ending at ``b`` carries 容疑者/被告/受刑者: the text names them as accused."""
    return bool(_role_patterns().accused_after.match(text, b))


def speaks_after(text: str, pos: int) -> bool:
    """The party ending at ``pos`` announces, comments or is quoted (…は…と述べた, …によると)."""
    return bool(_role_patterns().speaker_after.match(text[pos : pos + 90]))


def non_party_role(text: str, a: int, b: int, native: str) -> str | None:
    """Why the name at ``text[a:b]`` is not a party (defendant, sanction target), or None.

    'official' (a title follows or precedes), 'speaker' (it announces, comments, is quoted),
    'outlet' (a news outlet), 'acted-on' (the victim of the attack), 'thing' (a katakana loanword
    compound, not a name). A name the text marks as accused (容疑者/被告) is always a party.
    """
    rp = _role_patterns()
    if rp.accused_after.match(text, b):
        return None
    if native in rp.outlets or re.match(
        r"[ 　]?(?:紙|通信|誌)(?:は|が|に|の|によると|では)", text[b : b + 6]
    ):
        return "outlet"
    parts = [p for p in re.split(r"[・=＝･ ]", native) if p]
    if any(p in rp.not_name_parts for p in parts):
        return "thing"
    after = text[b : b + 90]
    if rp.official_after.match(after) or rp.official_before.search(text[max(0, a - 10) : a]):
        return "official"
    if rp.acted_on_after.match(after):
        return "acted-on"
    if rp.speaker_after.match(after) or re.match(r"では[^。]{0,40}?(?:報じ|伝え)", after):
        return "speaker"
    return None


_ANNOUNCER_AFTER_RE = lazy_re(
    r"(?:た|る)と[、,]?\s*([^。、「」]{2,20}?)(?:が|は)[^。]{0,20}?(?:発表|明らかに|公表|声明)"
)


def announcer_after(s: str, pos: int) -> tuple[str | None, list[str]]:
    """(authority, states) of the announcer named after ``pos``: '…を起訴したと、米司法省が
    発表した' — the reporting clause at the end of a Japanese sentence."""
    m = _ANNOUNCER_AFTER_RE.search(s, pos)
    if not m:
        return None, []
    phrase = m.group(1)
    auths = [lex.AUTHORITIES[a.group()] for a in AUTH_RE.finditer(phrase)]
    codes = [c for c, _a, _b in countries_in(phrase)] or [c for _n, c in auths if c]
    name = next((n for n, c in auths if c), None)
    return name, list(dict.fromkeys(codes))
