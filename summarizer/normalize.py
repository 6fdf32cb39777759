"""Canonicalize one extraction (LLM or rules) against the knowledge base.

Applied to every ``Findings`` before the report is built. It only canonicalizes what is present,
never adds entities:

* actors: canonical English name, English aliases, ATT&CK ID and attributed country from the
  knowledge base; the surface forms seen stay in ``mentions``; a sponsor written in Japanese
  (国家安全部) becomes its English name, and a state organ quoted in the actor's own evidence
  sets ``sponsor`` (and ``country``) when they are missing;
* malware/tools: canonical name, aliases, kind, ATT&CK ID;
* every country field -> ISO 3166-1 alpha-2 ("United States", "米国", "USA" -> "US"); junk -> None;
* victim sectors -> STIX industry-sector-ov values (Japanese terms mapped, unknown ones dropped);
* people: ``name`` romanized from ``name_native`` when missing or still native script;
* duplicates folded: two actors resolving to one record become one (evidence and mentions
  merged); the same for malware, CVEs and defendants.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from summarizer.knowledge import KnowledgeBase
from summarizer.merge import _k, _union, merge_findings, merge_people
from summarizer.models import (
    SECTORS,
    Findings,
    Indictment,
    Party,
    Person,
    Sanction,
    Software,
    ThreatActor,
    Victim,
)
from summarizer.names import render_organization, romanize
from summarizer.rxcache import cached_re

_LATIN = cached_re(r"^[\x20-\x7e]+$")
_TWO_LETTERS = cached_re(r"[A-Za-z]{2}")
_MAX_ALIASES = 40
_SECTOR_SET = frozenset(SECTORS)


@functools.lru_cache(maxsize=1 << 14)  # a pure function of the name; the same names recur
def _is_latin(s: str) -> bool:
    if s.isascii():  # ASCII is its own NFKC form
        return bool(_LATIN.match(s))
    return bool(_LATIN.match(unicodedata.normalize("NFKC", s)))


def _clean(s: Any) -> str | None:
    if not isinstance(s, str):
        return None
    s = s.strip()
    return s or None


def country_code(kb: KnowledgeBase, value: Any) -> str | None:
    """Any country spelling -> alpha-2, or None when it is not a country."""
    if value is None:  # most country fields are empty
        return None
    s = _clean(value)
    if s is None:
        return None
    # a pure function of (kb, s): kept per knowledge base, as the same spellings recur
    cache: dict[str, str | None] = kb.__dict__.setdefault("_country_code_cache", {})
    if s in cache:
        return cache[s]
    if len(cache) >= _CACHE_MAX:
        cache.clear()
    code = cache[s] = _country_code(kb, s)
    return code


_CACHE_MAX = 1 << 14


def _country_code(kb: KnowledgeBase, s: str) -> str | None:
    nf = unicodedata.normalize("NFKC", s).strip()
    if _TWO_LETTERS.fullmatch(nf) and kb.is_country_code(nf.upper()):
        return nf.upper()
    return kb.country(nf)


def _countries(kb: KnowledgeBase, values: Iterable[Any]) -> list[str]:
    out: list[str] = []
    for v in values:
        c = country_code(kb, v)
        if c and c not in out:
            out.append(c)
    return out


def sectors_of(kb: KnowledgeBase, values: Iterable[Any]) -> list[str]:
    out: list[str] = []
    for v in values:
        s = _clean(v)
        if s is None:
            continue
        low = s.lower()
        cands = [low] if low in _SECTOR_SET else kb.sectors(s)
        for c in cands:
            if c in _SECTOR_SET and c not in out:
                out.append(c)
    return out


# ---------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _record_keys(aliases: tuple[str, ...]) -> tuple[str, ...]:
    """The merge keys of a knowledge-base record's aliases (the same records come back in
    article after article)."""
    return tuple(_k(x) for x in aliases)


def _with_record_aliases(english: list[str], name: str, aliases: tuple[str, ...]) -> list[str]:
    """``_union(english, aliases, exclude=[name])[:_MAX_ALIASES]`` with the record's keys
    folded once."""
    seen = {_k(name)}
    out: list[str] = []
    for x, kx in zip(
        [*english, *aliases], [*map(_k, english), *_record_keys(tuple(aliases))], strict=True
    ):
        if x and kx not in seen:
            seen.add(kx)
            out.append(x)
    return out[:_MAX_ALIASES]


def _actor(a: ThreatActor, kb: KnowledgeBase) -> ThreatActor:
    names = [a.name, *a.aliases, *a.mentions]
    rec = next((r for r in (kb.actor(n) for n in names if n) if r is not None), None)
    english: list[str] = []
    native: list[str] = []
    for n in names[: 1 + len(a.aliases)]:  # the name and the aliases, each tested once
        if n:
            (english if _is_latin(n) else native).append(n)
    mentions = _union(a.mentions, native)
    country = country_code(kb, a.country)
    sponsor = _clean(a.sponsor)
    if sponsor:
        organ = kb.organ(sponsor)
        if organ is not None:
            sponsor = organ.name
            country = country or organ.country
    if sponsor is None:
        organs = [h for e in a.evidence for h in kb.organs_in(e.quote)]
        recs = [kb.organ(h.key) for h in organs]
        want = country or (rec.country if rec else None)
        fitting = {r.name: r for r in recs if r is not None and (want is None or r.country == want)}
        if len(fitting) == 1:
            organ = next(iter(fitting.values()))
            sponsor = organ.name
            country = country or organ.country
    if rec is None:
        return a.model_copy(
            update={
                "country": country,
                "sponsor": sponsor,
                "mentions": mentions,
                "aliases": _union([], [n for n in a.aliases if _is_latin(n)], exclude=[a.name]),
            }
        )
    aliases = _with_record_aliases(english, rec.name, rec.aliases)
    return a.model_copy(
        update={
            "name": rec.name,
            "aliases": aliases,
            "mentions": mentions,
            "country": country or rec.country,
            "sponsor": sponsor,
            "attack_id": rec.attack_id or _attack_id(a.attack_id, "G"),
        }
    )


def _attack_id(value: str | None, prefix: str) -> str | None:
    s = _clean(value)
    if s and re.fullmatch(prefix + r"\d{4}", s.upper()):
        return s.upper()
    return None


def _software(s: Software, kb: KnowledgeBase) -> Software:
    rec = next(
        (r for r in (kb.software(n) for n in [s.name, *s.aliases] if n) if r is not None), None
    )
    if rec is None:
        return s.model_copy(update={"attack_id": _attack_id(s.attack_id, "S")})
    english = [n for n in [s.name, *s.aliases] if n and _is_latin(n)]
    return s.model_copy(
        update={
            "name": rec.name,
            "aliases": _with_record_aliases(english, rec.name, rec.aliases),
            "kind": rec.kind,
            "attack_id": rec.attack_id or _attack_id(s.attack_id, "S"),
        }
    )


def _person(p: Person, kb: KnowledgeBase) -> Person:
    name = _clean(p.name) or ""
    native = _clean(p.name_native)
    uncertain = p.name_uncertain
    if name and not _is_latin(name) and not native:
        native = name
    if native and (not name or not _is_latin(name) or name == native):
        name, uncertain = romanize(native)
    return p.model_copy(
        update={
            "name": name or (native or ""),
            "name_native": native,
            "name_uncertain": uncertain,
            "nationality": country_code(kb, p.nationality),
        }
    )


def _party(p: Party) -> Party:
    name = _clean(p.name) or ""
    native = _clean(p.name_native)
    uncertain = p.name_uncertain and p.kind == "person"
    if p.kind == "person":
        if name and not _is_latin(name) and not native:
            native = name
        if native and (not name or not _is_latin(name)):
            name, uncertain = romanize(native)
    elif not _is_latin(name):
        native = native or name
        rendered = render_organization(native)
        if rendered is not None:
            name, uncertain = rendered
    return p.model_copy(
        update={"name": name or (native or ""), "name_native": native, "name_uncertain": uncertain}
    )


def _indictment(i: Indictment, kb: KnowledgeBase) -> Indictment:
    actor = _clean(i.actor)
    if actor:
        rec = kb.actor(actor)
        actor = rec.name if rec else actor
    count = (
        i.defendant_count if isinstance(i.defendant_count, int) and i.defendant_count > 0 else None
    )
    return i.model_copy(
        update={
            "jurisdiction": country_code(kb, i.jurisdiction),
            "defendants": merge_people([_person(p, kb) for p in i.defendants]),
            "defendant_count": count,
            "actor": actor,
        }
    )


def _sanction(s: Sanction, kb: KnowledgeBase) -> Sanction:
    return s.model_copy(
        update={
            # the EU imposes sanctions as a bloc: "EU" is kept beside the alpha-2 codes
            "imposed_by": list(
                dict.fromkeys(
                    c for v in s.imposed_by if (c := "EU" if v == "EU" else country_code(kb, v))
                )
            ),
            "targets": [_party(t) for t in s.targets],
        }
    )


def _victim(v: Victim, kb: KnowledgeBase) -> Victim:
    sectors = sectors_of(kb, v.sectors)
    country = country_code(kb, v.country)
    update: dict[str, Any] = {"sectors": sectors, "country": country}
    name = _clean(v.name)
    native = _clean(v.name_native)
    described = native is not None and v.description == f"organization named {native}"
    if (name and not _is_latin(name)) or (name is None and described):
        # a name the knowledge base does not know, still in Japanese: an English rendering,
        # the original kept in name_native (and, for a described victim, in the description)
        native = native or name
        rendered = render_organization(native or "", country)
        if rendered is not None:
            update["name"] = rendered[0]
            update["name_native"] = native
            update["name_uncertain"] = rendered[1]
            if described or not v.description:
                update["description"] = (
                    f"organization named {rendered[0]} (English rendering of {native})"
                )
    return v.model_copy(update=update)


def _drop_perpetrators_as_victims(f: Findings) -> Findings:
    """A party the same article names as an actor's sponsor, an actor, or a sanction target is
    on the attacking side, not a victim (e.g. Iran's intelligence ministry in a sanctions story).
    """
    side: set[str] = set()
    for a in f.actors:
        side.update(x.casefold() for x in (a.name, a.sponsor, *a.aliases, *a.mentions) if x)
    for s in f.sanctions:
        for t in s.targets:
            side.update(x.casefold() for x in (t.name, t.name_native) if x)
    if not side:
        return f
    keep: list[Victim] = []
    warnings = list(f.warnings)
    for v in f.victims:
        names = {x.casefold() for x in (v.name, v.name_native) if x}
        if names & side:
            warnings.append(f"victim {v.name or v.name_native!r} dropped: the article names it "
                            "on the attacking or sanctioned side")  # fmt: skip
            continue
        keep.append(v)
    if len(keep) == len(f.victims):
        return f  # none dropped: the findings as they are
    return f.model_copy(update={"victims": keep, "warnings": warnings})


def normalize(findings: Findings, kb: KnowledgeBase | None = None) -> Findings:
    """Canonical names, codes and sectors; duplicates folded. Never adds an entity."""
    return _normalize(findings, kb)[0]


def normalize_merged(findings: Findings, kb: KnowledgeBase | None = None) -> Findings:
    """``merge_findings([normalize(findings)])``, without the second merge when the first one
    folded nothing: the same items with the same keys fold nothing again, so that merge would
    only turn an empty headline or summary into None."""
    out, folded = _normalize(findings, kb)
    if folded:
        return merge_findings([out])
    return out.model_copy(update={"headline": out.headline or None, "summary": out.summary or None})


def _normalize(findings: Findings, kb: KnowledgeBase | None) -> tuple[Findings, bool]:
    """``normalize`` and whether its merge folded anything (two items into one anywhere)."""
    kb = kb or KnowledgeBase.load()
    out = findings.model_copy(
        update={
            "actors": [_actor(a, kb) for a in findings.actors],
            "malware": [_software(s, kb) for s in findings.malware],
            "indictments": [_indictment(i, kb) for i in findings.indictments],
            "sanctions": [_sanction(s, kb) for s in findings.sanctions],
            "victims": [_victim(v, kb) for v in findings.victims],
        }
    )
    out = _drop_perpetrators_as_victims(out)
    merged = merge_findings([out])
    # merge keeps the first non-empty summary/headline; keep the originals exactly
    return (
        merged.model_copy(update={"headline": findings.headline, "summary": findings.summary}),
        _folded(out, merged),
    )


def _folded(before: Findings, after: Findings) -> bool:
    """Whether ``merge_findings([before])`` (= ``after``) joined any two items: each of its
    clusters keeps one item per input item otherwise, down to defendants and targets."""
    return (
        any(len(getattr(before, f)) != len(getattr(after, f)) for f in _MERGED_LISTS)
        or any(
            len(a.defendants) != len(b.defendants)
            for a, b in zip(before.indictments, after.indictments, strict=True)
        )
        or any(
            len(a.targets) != len(b.targets)
            for a, b in zip(before.sanctions, after.sanctions, strict=True)
        )
    )


_MERGED_LISTS = (
    "actors", "indictments", "sanctions", "victims", "malware", "vulnerabilities", "indicators",
)  # fmt: skip
