"""Fold the findings of several chunks (or repeated mentions) into one set, duplicates merged.

Two entities are the same when any of their names/aliases/native names are equal after folding
(width, case, spaces, punctuation): APT31 from chunk 1 and "apt 31" from chunk 3 become one actor
with both chunks' evidence. Normalization runs the same merge again after names are canonical,
so APT31 and Zirconium (one actor) fold there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel

from summarizer.models import (
    Evidence,
    Findings,
    Indicator,
    Indictment,
    Party,
    Person,
    Sanction,
    Software,
    ThreatActor,
    Victim,
    Vulnerability,
)
from summarizer.textfold import fold_key

M = TypeVar("M", bound=BaseModel)


@lru_cache(maxsize=1 << 16)
def _k(s: str | None) -> str:
    """``fold_key(s, punct=True)``, cached under the name alone: a positional key is several
    times cheaper to look up than fold_key's keyword one, and merge folds the same names for
    every item of every article (as fold_key's own cache does, a name, never an article)."""
    return fold_key(s, punct=True) if s else ""


def _union(a: Iterable[str], b: Iterable[str], *, exclude: Iterable[str] = ()) -> list[str]:
    seen = {_k(x) for x in exclude}
    out: list[str] = []
    for x in [*a, *b]:
        kx = _k(x)
        if x and kx not in seen:
            seen.add(kx)
            out.append(x)
    return out


def _evidence(a: Sequence[Evidence], b: Sequence[Evidence]) -> list[Evidence]:
    out = list(a)
    seen = {(x.start, x.end, x.quote) for x in out}  # a set: huge inputs join thousands
    for e in b:
        if (e.start, e.end, e.quote) not in seen:
            seen.add((e.start, e.end, e.quote))
            out.append(e)
    return sorted(out, key=lambda e: (e.start, e.end))


def _fill(a: BaseModel, b: BaseModel, fields: Sequence[str]) -> dict[str, Any]:
    """First non-empty value per field, ``a`` winning."""
    return {f: getattr(a, f) if getattr(a, f) not in (None, "") else getattr(b, f) for f in fields}


def _cluster(
    items: Sequence[M], keys: Callable[[M], set[str]], join: Callable[[M, M], M]
) -> list[M]:
    """Greedy union of items sharing any key; order of first appearance kept."""
    if len(items) < 2:  # nothing to join (the usual case): skip folding the keys
        return list(items)
    out: list[M] = []
    out_keys: list[set[str]] = []
    for item in items:
        ks = {k for k in keys(item) if k}
        target = next((i for i, ok in enumerate(out_keys) if ks & ok), None) if ks else None
        if target is None:
            out.append(item)
            out_keys.append(ks)
        else:
            out[target] = join(out[target], item)
            out_keys[target] |= ks
    return out


def _actor_keys(a: ThreatActor) -> set[str]:
    return {_k(x) for x in (a.name, *a.aliases, *a.mentions)}


def _join_actor(a: ThreatActor, b: ThreatActor) -> ThreatActor:
    return ThreatActor(
        name=a.name,
        aliases=_union(a.aliases, [b.name, *b.aliases], exclude=[a.name]),
        mentions=_union(a.mentions, b.mentions),
        evidence=_evidence(a.evidence, b.evidence),
        **_fill(a, b, ("country", "sponsor", "attack_id", "attributed_by")),
    )


def _software_keys(s: Software) -> set[str]:
    return {_k(x) for x in (s.name, *s.aliases)}


def _join_software(a: Software, b: Software) -> Software:
    return Software(
        name=a.name,
        aliases=_union(a.aliases, [b.name, *b.aliases], exclude=[a.name]),
        kind=a.kind,
        attack_id=a.attack_id or b.attack_id,
        evidence=_evidence(a.evidence, b.evidence),
    )


def _person_keys(p: Person) -> set[str]:
    keys = {_k(p.name_native)} if p.name_native else set()
    if p.name:
        keys.add(_k(p.name))
        parts = p.name.split()
        if len(parts) == 2:  # "Ni Gaobin" == "Gaobin Ni"
            keys.add(_k(f"{parts[1]} {parts[0]}"))
    return keys


def merge_people(people: Sequence[Person]) -> list[Person]:
    def join(a: Person, b: Person) -> Person:
        return Person(
            name=a.name,
            **_fill(a, b, ("name_native", "age", "nationality")),
            name_uncertain=a.name_uncertain and b.name_uncertain,
        )

    return _cluster(people, _person_keys, join)


def _party_keys(p: Party) -> set[str]:
    return {_k(p.name), _k(p.name_native)}


def merge_parties(parties: Sequence[Party]) -> list[Party]:
    return _cluster(
        parties,
        _party_keys,
        lambda a, b: Party(name=a.name, name_native=a.name_native or b.name_native, kind=a.kind),
    )


def _indictment_keys(i: Indictment) -> set[str]:
    people = set().union(*(_person_keys(p) for p in i.defendants)) if i.defendants else set()
    base = f"{i.jurisdiction or '?'}|"
    if people:
        return {base + k for k in people}
    # an indictment stated without names: same jurisdiction and count is the same one
    return {base + f"#{i.defendant_count}"} if i.defendant_count else set()


def _join_indictment(a: Indictment, b: Indictment) -> Indictment:
    return Indictment(
        defendants=merge_people([*a.defendants, *b.defendants]),
        charges=_union(a.charges, b.charges),
        evidence=_evidence(a.evidence, b.evidence),
        defendant_count=max(a.defendant_count or 0, b.defendant_count or 0) or None,
        **_fill(a, b, ("jurisdiction", "authority", "date", "reward", "actor")),
    )


def _sanction_keys(s: Sanction) -> set[str]:
    return {
        "|".join(sorted(s.imposed_by)) + "|" + k for p in s.targets for k in _party_keys(p) if k
    }


def _join_sanction(a: Sanction, b: Sanction) -> Sanction:
    return Sanction(
        imposed_by=_union(a.imposed_by, b.imposed_by),
        targets=merge_parties([*a.targets, *b.targets]),
        measures=_union(a.measures, b.measures),
        evidence=_evidence(a.evidence, b.evidence),
        **_fill(a, b, ("authority", "date")),
    )


def _victim_keys(v: Victim) -> set[str]:
    keys = {_k(v.name), _k(v.name_native)}
    if not v.name and not v.name_native and v.description:
        keys.add("desc:" + _k(v.description))
    return keys


def _join_victim(a: Victim, b: Victim) -> Victim:
    return Victim(
        sectors=[*a.sectors, *(s for s in b.sectors if s not in a.sectors)],
        evidence=_evidence(a.evidence, b.evidence),
        **_fill(a, b, ("name", "name_native", "description", "country")),
    )


def _vuln_keys(v: Vulnerability) -> set[str]:
    return {_k(v.cve)} if v.cve else {"desc:" + _k(v.description)} if v.description else set()


def _join_vuln(a: Vulnerability, b: Vulnerability) -> Vulnerability:
    return Vulnerability(
        cve=a.cve or b.cve,
        description=a.description or b.description,
        evidence=_evidence(a.evidence, b.evidence),
    )


def _indicator_keys(i: Indicator) -> set[str]:
    return {f"{i.type}|{i.value.lower()}"}


def _join_indicator(a: Indicator, b: Indicator) -> Indicator:
    return a.model_copy(update={"evidence": _evidence(a.evidence, b.evidence)})


def merge_findings(parts: Sequence[Findings]) -> Findings:
    """One Findings from many (chunks in order), duplicates folded, warnings kept."""

    def cat(field: str) -> list[Any]:
        return [x for p in parts for x in getattr(p, field)]

    def tidy_sanction(s: Sanction) -> Sanction:
        return s.model_copy(update={"targets": merge_parties(s.targets)})

    def tidy_indictment(i: Indictment) -> Indictment:
        return i.model_copy(update={"defendants": merge_people(i.defendants)})

    headline = next((p.headline for p in parts if p.headline), None)
    summaries = [p.summary for p in parts if p.summary]
    # every list is new and holds models (the parts' own or joined ones): no validation
    return Findings.trusted(
        headline=headline,
        summary=" ".join(summaries) if summaries else None,
        actors=_cluster(cat("actors"), _actor_keys, _join_actor),
        indictments=[
            tidy_indictment(i)
            for i in _cluster(cat("indictments"), _indictment_keys, _join_indictment)
        ],
        sanctions=[
            tidy_sanction(s) for s in _cluster(cat("sanctions"), _sanction_keys, _join_sanction)
        ],
        victims=_cluster(cat("victims"), _victim_keys, _join_victim),
        malware=_cluster(cat("malware"), _software_keys, _join_software),
        vulnerabilities=_cluster(cat("vulnerabilities"), _vuln_keys, _join_vuln),
        indicators=_cluster(cat("indicators"), _indicator_keys, _join_indicator),
        warnings=list(dict.fromkeys(w for p in parts for w in p.warnings)),
    )
