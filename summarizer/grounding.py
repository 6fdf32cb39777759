"""Ground every entity in the source text: locate each evidence quote, drop what is not there.

SPEC.md's grounding rule: every output entity carries at least one Evidence whose quote is found
in the source; matching may fold width (NFKC), case and whitespace, but the offsets point into
the decoded text and the output quote is ``text[start:end]``. An entity none of whose quotes can
be found is dropped and named in ``warnings``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from pydantic import BaseModel

from summarizer.knowledge import match_key
from summarizer.models import (
    ENTITY_FIELDS,
    Evidence,
    Findings,
    Indictment,
    Sanction,
    Software,
    ThreatActor,
    Victim,
    Vulnerability,
)
from summarizer.rxcache import cached_re
from summarizer.textfold import Folded, fold, fold_key

if TYPE_CHECKING:
    from summarizer.knowledge import KnowledgeBase

# Quote decorations a model adds around a copied span.
_TRIM = " \t\r\n\u3000「」『』\"'“”‘’()（）[]［］。、.,…"


@dataclass
class Grounder:
    """Locates quotes in one decoded text (folded copy built once, on first need)."""

    text: str

    @cached_property
    def folded(self) -> Folded:
        return fold(self.text)

    def locate(self, quote: str, window: tuple[int, int] | None = None) -> tuple[int, int] | None:
        """Offsets of ``quote`` in the text, preferring ``window`` (the chunk it came from).

        Tries the exact quote, then the quote without decorations, then a width/case/space
        folded match. Returns None when the quote is not in the text.
        """
        candidates = [quote]
        trimmed = quote.strip(_TRIM)
        if trimmed and trimmed != quote:
            candidates.append(trimmed)
        for q in candidates:
            if not q:
                continue
            if window is not None:
                i = self.text.find(q, window[0], window[1])
                if i >= 0:
                    return i, i + len(q)
            i = self.text.find(q)
            if i >= 0:
                return i, i + len(q)
        for q in candidates:
            fq = fold(q).text
            if not fq:
                continue
            ftext = self.folded.text
            i = -1
            if window is not None:
                lo = _folded_pos(self.folded, window[0])
                hi = _folded_pos(self.folded, window[1])
                i = ftext.find(fq, lo, hi)
            if i < 0:
                i = ftext.find(fq)
            if i >= 0:
                return self.folded.span(i, i + len(fq))
        return None

    def evidence(self, ev: Evidence, window: tuple[int, int] | None = None) -> Evidence | None:
        """A located copy of ``ev`` (quote replaced by the verbatim span), or None."""
        if ev.located and ev.end <= len(self.text) and self.text[ev.start : ev.end] == ev.quote:
            return ev
        span = self.locate(ev.quote, window)
        if span is None:
            return None
        s, e = span
        return Evidence(quote=self.text[s:e], start=s, end=e)


def _folded_pos(folded: Folded, original: int) -> int:
    """First folded index whose original offset is >= ``original`` (binary search)."""
    lo, hi = 0, len(folded.index)
    while lo < hi:
        mid = (lo + hi) // 2
        if folded.index[mid] < original:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _label(field: str, entity: BaseModel) -> str:
    for attr in ("name", "cve", "value", "name_native", "description", "jurisdiction"):
        v = getattr(entity, attr, None)
        if v:
            return f"{field[:-1] if field.endswith('s') else field} {v!r}"
    imposed = getattr(entity, "imposed_by", None)
    if imposed:
        return f"sanction by {'/'.join(imposed)}"
    return field[:-1]


def ground(
    findings: Findings, grounder: Grounder, window: tuple[int, int] | None = None
) -> Findings:
    """Locate all evidence; drop entities with none, naming each in ``warnings``.

    Args:
        findings: an extractor's result; evidence may be unlocated (-1 offsets).
        grounder: the source text's grounder.
        window: the chunk's span, searched first.

    Returns:
        Findings whose every entity has at least one located evidence.
    """
    updates: dict[str, object] = {}
    warnings = list(findings.warnings)
    text = grounder.text
    n = len(text)
    for field in ENTITY_FIELDS:
        kept = []
        for entity in getattr(findings, field):
            located: list[Evidence] = []
            spans: set[tuple[int, int]] = set()
            same = True  # every quote already where it says (the rules engine's): no copy
            for ev in entity.evidence:
                s, e = ev.start, ev.end
                # Grounder.evidence's first test, inlined: a located quote at its offsets
                if 0 <= s < e <= n and text[s:e] == ev.quote:
                    g: Evidence | None = ev
                else:
                    g = grounder.evidence(ev, window)
                    same = same and g is ev
                if g is not None and (g.start, g.end) not in spans:
                    spans.add((g.start, g.end))
                    located.append(g)
                else:
                    same = False
            if located:
                kept.append(entity if same else entity.model_copy(update={"evidence": located}))
            else:
                quotes = "; ".join(repr(e.quote[:60]) for e in entity.evidence) or "no quote"
                warnings.append(
                    f"dropped {_label(field, entity)}: evidence not found in the text ({quotes})"
                )
        updates[field] = kept
    updates["warnings"] = warnings
    return findings.model_copy(update=updates)


# -- strict grounding of a model's findings -------------------------------------------------------
MIN_QUOTE = 4  # folded characters (no spaces, no punctuation): 「の」 or 「、」 ground nothing

# A sentence that talks to a model (an injection) or is markup/JSON is never evidence.
_ADDRESSES_MODEL = cached_re(
    r"(?i)ignore\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier)|disregard\s+(?:all|"
    r"the|previous)|system\s+prompt|you\s+are\s+(?:now\s+)?(?:a|an|the)\s|</?\s*article|"
    r"[{\[]\s*\"[a-z_]+\"\s*:|以前の指示|前の指示|指示を無視|命令を無視|プロンプト"
)
_LEGAL = cached_re(r"起訴|訴追|告発|告訴|指名手配|逮捕|容疑|罪で|有罪|判決|訴え|charged|indict")
_SANCTION = cached_re(r"制裁|資産凍結|凍結|禁止|sanction")
_VULN = cached_re(r"脆弱性|ぜい弱性|CVE|vulnerab", re.IGNORECASE)
_ABBR = {"米": "US", "英": "GB", "露": "RU", "韓": "KR", "独": "DE", "仏": "FR", "豪": "AU",
         "蘭": "NL", "加": "CA", "中": "CN", "日": "JP", "朝": "KP", "台": "TW",
         "印": "IN"}  # fmt: skip
_ABBR_RE = cached_re(
    r"(?<![\u4e00-\u9fff])([米英露韓独仏豪蘭加中日朝台印])(?=[米英露韓独仏豪蘭加中日朝台印]*"
    r"(?:政府|当局|司法|財務|国務|国防|外務|商務|連邦|軍|大統領|首相|議会|情報|捜査|検察|警察|"
    r"法務|国土|サイバー|両国|両政府))"
)
_KANJI_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
                 "十": 10}  # fmt: skip


def _numbers_in(text: str) -> set[int]:
    """Numbers written in ``text``: digits (any width) and simple kanji numerals (一..九十九)."""
    nf = unicodedata.normalize("NFKC", text)
    out = {int(d) for d in re.findall(r"\d+", nf.replace(",", ""))}
    for m in re.finditer(r"[一二三四五六七八九十]+", nf):
        k = m.group()
        if "十" in k:
            tens, _, ones = k.partition("十")
            out.add((_KANJI_DIGITS.get(tens, 1) if tens else 1) * 10 + _KANJI_DIGITS.get(ones, 0))
        elif len(k) == 1:
            out.add(_KANJI_DIGITS[k])
    return out


@dataclass
class _Strict:
    """State of one strict-grounding pass: the text's sentences and the knowledge base."""

    grounder: Grounder
    window: tuple[int, int] | None
    warnings: list[str]

    @cached_property
    def kb(self) -> KnowledgeBase:
        from summarizer.knowledge import KnowledgeBase

        return KnowledgeBase.load()

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        from summarizer.chunking import sentences

        return [(s.start, s.end) for s in sentences(self.grounder.text)]

    @cached_property
    def text_key(self) -> str:
        return match_key(self.grounder.text)

    def sentence(self, start: int, end: int) -> tuple[int, int] | None:
        """The one sentence holding [start, end), or None when the span crosses sentences."""
        for s, e in self.sentences:
            if s <= start and end <= e:
                return s, e
            if s >= end:
                break
        return None

    def countries(self, sentence: str) -> set[str]:
        """Countries a sentence states: country names, one-kanji abbreviations before an
        official word (米司法省, 英政府), and the states of organs it names."""
        out: set[str] = {_ABBR[m.group(1)] for m in _ABBR_RE.finditer(sentence)}
        for h in self.kb.scan(sentence):
            if h.kind == "country":
                out.add(h.key)
            elif h.kind == "organ":
                organ = self.kb.organ(h.key)
                if organ is not None:
                    out.add(organ.country)
        return out

    def code(self, value: str | None) -> str | None:
        from summarizer.normalize import country_code

        return country_code(self.kb, value) if value else None

    def in_text(self, *names: str | None) -> bool:
        return any(n and len(match_key(n)) >= 2 and match_key(n) in self.text_key for n in names)

    def locate(self, field: str, entity: BaseModel, quote: str) -> tuple[Evidence, str] | None:
        """The located evidence and its sentence text, or None (a warning says why)."""
        label = _label(field, entity)
        if len(fold_key(quote, punct=True)) < MIN_QUOTE:
            self.warnings.append(f"dropped {label}: quote too short to ground ({quote!r})")
            return None
        ev = self.grounder.evidence(Evidence(quote=quote, start=-1, end=-1), self.window)
        if ev is None:
            self.warnings.append(
                f"dropped {label}: evidence not found in the text ({quote[:60]!r})"
            )
            return None
        span = self.sentence(ev.start, ev.end)
        if span is None:
            self.warnings.append(f"dropped {label}: quote spans more than one sentence")
            return None
        sentence = self.grounder.text[span[0] : span[1]]
        if _ADDRESSES_MODEL.search(sentence):
            self.warnings.append(
                f"dropped {label}: its sentence addresses the model or is markup, not reporting"
            )
            return None
        return ev, sentence

    def named_forms(self, kind: str, name: str) -> list[str]:
        """A name and, when the knowledge base knows it, all its aliases and Japanese forms."""
        forms = [name]
        if kind == "actor":
            a = self.kb.actor(name)
            if a is not None:
                forms += [a.name, *a.aliases, *a.japanese]
        elif kind == "software":
            s = self.kb.software(name)
            if s is not None:
                forms += [s.name, *s.aliases, *s.japanese]
        return [f for f in forms if f]

    def mention_in(self, quote: str, forms: list[str]) -> str | None:
        """The first form written in the quote (folded, any script), as it is written there."""
        qkey = match_key(quote)
        for f in forms:
            k = match_key(f)
            if len(k) >= 2 and k in qkey:
                located = Grounder(quote).locate(f)
                return quote[located[0] : located[1]] if located else f
        return None


def ground_strict(
    findings: Findings, grounder: Grounder, window: tuple[int, int] | None = None
) -> Findings:
    """Ground a model's findings strictly; every drop (entity or attribute) named in warnings.

    An entity is kept only when its quote (at least ``MIN_QUOTE`` folded characters) is found
    in the text inside one sentence, that sentence does not address the model, and the quote
    contains the entity's name or one of its known forms (any script, folded); CVE ids must be
    in their quote; an indictment or sanction must be stated as one in its sentence. Country,
    sponsor, attributed-by, jurisdiction, imposing states and defendant counts are kept only
    when their sentence states them (or, for an actor's country and sponsor, the knowledge base
    has them); defendants and sanction targets only when the article names them.
    """
    st = _Strict(grounder, window, list(findings.warnings))
    w = st.warnings
    actors: list[ThreatActor] = []
    for a in findings.actors:
        got = st.locate("actors", a, a.evidence[0].quote if a.evidence else "")
        if got is None:
            continue
        ev, sentence = got
        mention = st.mention_in(ev.quote, st.named_forms("actor", a.name))
        if mention is None:
            w.append(f"dropped actor {a.name!r}: its quote does not name it ({ev.quote[:60]!r})")
            continue
        rec = st.kb.actor(a.name)
        update: dict[str, object] = {"evidence": [ev], "mentions": [mention]}
        code = st.code(a.country)
        if a.country and code not in st.countries(sentence) and not (rec and rec.country == code):
            w.append(f"dropped country {a.country!r} of actor {a.name!r}: not stated")
            update["country"] = None
        if a.sponsor:
            organ = st.kb.organ(a.sponsor)
            stated = organ is not None and any(
                h.kind == "organ" and h.key == organ.name for h in st.kb.scan(sentence)
            )
            known = rec is not None and rec.sponsor and organ is not None and (
                rec.sponsor == organ.name
            )  # fmt: skip
            if not (stated or known):
                w.append(f"dropped sponsor {a.sponsor!r} of actor {a.name!r}: not stated")
                update["sponsor"] = None
        if a.attributed_by:
            said = fold_key(a.attributed_by, punct=True)
            sources = [
                h for h in st.kb.scan(sentence) if h.kind in ("country", "organ")
            ]  # who could be saying it
            ok = any(
                fold_key(h.key, punct=True) in said
                or fold_key(h.surface, punct=True) in said
                or (h.kind == "country" and _country_words(h.key, said))
                for h in sources
            )
            if not ok:
                w.append(f"dropped attributed_by {a.attributed_by!r} of actor {a.name!r}: "
                         "not stated")  # fmt: skip
                update["attributed_by"] = None
        actors.append(a.model_copy(update=update))

    software: list[Software] = []
    for s in findings.malware:
        got = st.locate("malware", s, s.evidence[0].quote if s.evidence else "")
        if got is None:
            continue
        ev, _ = got
        if st.mention_in(ev.quote, st.named_forms("software", s.name)) is None:
            w.append(f"dropped malware {s.name!r}: its quote does not name it ({ev.quote[:60]!r})")
            continue
        software.append(s.model_copy(update={"evidence": [ev]}))

    vulns: list[Vulnerability] = []
    for v in findings.vulnerabilities:
        got = st.locate("vulnerabilities", v, v.evidence[0].quote if v.evidence else "")
        if got is None:
            continue
        ev, sentence = got
        if v.cve and fold_key(v.cve, punct=True) not in fold_key(ev.quote, punct=True):
            w.append(f"dropped vulnerability {v.cve!r}: its quote does not contain it")
            continue
        if not v.cve and not _VULN.search(sentence):
            w.append(f"dropped vulnerability {v.description!r}: no vulnerability stated")
            continue
        vulns.append(v.model_copy(update={"evidence": [ev]}))

    victims: list[Victim] = []
    for vic in findings.victims:
        got = st.locate("victims", vic, vic.evidence[0].quote if vic.evidence else "")
        if got is None:
            continue
        ev, sentence = got
        names = [n for n in (vic.name, vic.name_native) if n]
        if names and st.mention_in(ev.quote, names) is None:
            w.append(f"dropped {_label('victims', vic)}: its quote does not name it")
            continue
        if not names and not vic.description:
            w.append("dropped a victim with neither name nor description")
            continue
        update = {"evidence": [ev]}
        code = st.code(vic.country)
        if vic.country and code not in st.countries(sentence):
            w.append(f"dropped country {vic.country!r} of {_label('victims', vic)}: not stated")
            update["country"] = None
        victims.append(vic.model_copy(update=update))

    indictments: list[Indictment] = []
    for ind in findings.indictments:
        got = st.locate("indictments", ind, ind.evidence[0].quote if ind.evidence else "")
        if got is None:
            continue
        ev, sentence = got
        if not _LEGAL.search(sentence):
            w.append("dropped an indictment: its sentence states no charge")
            continue
        update = {"evidence": [ev]}
        code = st.code(ind.jurisdiction)
        if ind.jurisdiction and code not in st.countries(sentence):
            w.append(f"dropped jurisdiction {ind.jurisdiction!r} of an indictment: not stated")
            update["jurisdiction"] = None
        kept = []
        for p in ind.defendants:
            if st.in_text(p.name_native) or st.in_text(p.name):
                kept.append(p)
            else:
                w.append(f"dropped defendant {p.name!r}: not named in the article")
        update["defendants"] = kept
        if ind.defendant_count is not None and ind.defendant_count not in _numbers_in(sentence):
            w.append(f"dropped defendant count {ind.defendant_count} of an indictment: not stated")
            update["defendant_count"] = None
        indictments.append(ind.model_copy(update=update))

    sanctions: list[Sanction] = []
    for san in findings.sanctions:
        got = st.locate("sanctions", san, san.evidence[0].quote if san.evidence else "")
        if got is None:
            continue
        ev, sentence = got
        if not _SANCTION.search(sentence):
            w.append("dropped a sanction: its sentence states no sanction")
            continue
        states = st.countries(sentence)
        imposed = []
        for c in san.imposed_by:
            if st.code(c) in states:
                imposed.append(c)
            else:
                w.append(f"dropped imposing state {c!r} of a sanction: not stated")
        targets = []
        for t in san.targets:
            if st.in_text(t.name_native) or st.in_text(t.name):
                targets.append(t)
            else:
                w.append(f"dropped sanction target {t.name!r}: not named in the article")
        if not targets:
            w.append("dropped a sanction: no target named in the article")
            continue
        sanctions.append(
            san.model_copy(update={"evidence": [ev], "imposed_by": imposed, "targets": targets})
        )

    return findings.model_copy(
        update={
            "actors": actors, "malware": software, "vulnerabilities": vulns, "victims": victims,
            "indictments": indictments, "sanctions": sanctions, "warnings": w,
            "headline": None, "summary": None,
        }
    )  # fmt: skip


_COUNTRY_WORDS = {
    "US": ("us", "usa", "u.s.", "united states", "american", "america", "fbi", "doj", "justice",
           "treasury", "state department", "cisa", "nsa"),
    "JP": ("japan", "japanese", "npa", "police"), "GB": ("uk", "british", "britain", "ncsc"),
    "KR": ("korea", "korean"), "CN": ("china", "chinese"), "AU": ("australia",),
    "CZ": ("czech",), "DE": ("german", "germany"), "NL": ("dutch", "netherlands"),
    "CA": ("canada", "canadian"), "NZ": ("new zealand",), "EU": ("eu", "european"),
}  # fmt: skip


def _country_words(code: str, said_folded: str) -> bool:
    words = _COUNTRY_WORDS.get(code, ())
    return any(fold_key(x, punct=True) in said_folded for x in words)
