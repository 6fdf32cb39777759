"""An English headline and summary built only from the structured findings.

Used by the offline engine, and by the LLM engine when the model wrote no headline or summary.
It states what was extracted (each item grounded in the article); it does not pretend to
translate the article's prose.
"""

from __future__ import annotations

from summarizer.countries import country_name, demonym
from summarizer.models import Findings, Indictment, Sanction, ThreatActor

__all__ = ["brief", "country_name"]


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _join_some(items: list[str], limit: int) -> str:
    """The first `limit` items, then "and N more" as the last item of the same list."""
    if len(items) <= limit:
        return _join(items)
    return _join([*items[:limit], f"{len(items) - limit} more"])


def _actor_phrase(a: ThreatActor) -> str:
    bits = []
    if a.country:
        bits.append(f"{demonym(a.country)}-linked")
    if a.sponsor:
        bits.append(f"tied to the {a.sponsor}")
    return f"{a.name} ({', '.join(bits)})" if bits else a.name


def _shown(name: str, native: str | None, uncertain: bool) -> str:
    """A guessed romanization or rendering keeps the original beside it: "Saudi Aramuko
    (サウジアラムコ)" tells the reader what to check."""
    return f"{name} ({native})" if uncertain and native and native != name else name


def _indictment_sentence(i: Indictment) -> str:
    who = country_name(i.jurisdiction) or "Authorities"
    if i.authority:
        who = f"The {i.authority}" if not i.authority.lower().startswith("the ") else i.authority
    n = i.defendant_count or len(i.defendants) or None
    people = f"{n} people" if n and n != 1 else "one person" if n == 1 else "suspects"
    names = [p.name for p in i.defendants if p.name]
    named = f" ({_join_some(names, 7)})" if names else ""
    charges = f" with {_join(i.charges[:3])}" if i.charges else ""
    actor = f", linked to {i.actor}" if i.actor else ""
    return f"{who} charged {people}{named}{charges}{actor}."


def _sanction_sentence(s: Sanction) -> str:
    who = _join([country_name(c) for c in s.imposed_by]) or s.authority or "Authorities"
    targets = [_shown(t.name, t.name_native, t.name_uncertain) for t in s.targets]
    shown = _join_some(targets, 5)
    return f"{who} imposed sanctions on {shown or 'named parties'}."


def brief(f: Findings) -> tuple[str, str]:
    """(headline, summary) stating the extracted facts in English."""
    sentences: list[str] = []
    heads: list[str] = []
    if f.indictments:
        i = f.indictments[0]
        n = i.defendant_count or len(i.defendants)
        heads.append(
            f"{country_name(i.jurisdiction) or 'Authorities'} charges "
            + ("one suspect" if n == 1 else f"{n} suspects" if n else "suspects")
            + (f" tied to {i.actor}" if i.actor else "")
        )
    if f.sanctions:
        codes = f.sanctions[0].imposed_by
        imposers = _join([country_name(c) for c in codes]) or "Authorities"
        targets = [_shown(t.name, t.name_native, t.name_uncertain) for t in f.sanctions[0].targets]
        on = (
            f" on {targets[0]}"
            if len(targets) == 1
            else f" on {len(targets)} parties"
            if targets
            else ""
        )
        heads.append(f"{imposers} {'imposes' if len(codes) == 1 else 'impose'} sanctions{on}")
    named: list[str] = [
        _shown(nm, v.name_native, v.name_uncertain)
        for v in f.victims
        if (nm := v.name or v.name_native)
    ]
    if named and not heads:
        by = _join([a.name for a in f.actors[:2]] or [m.name for m in f.malware[:2]])
        heads.append((f"{by} attack on " if by else "Cyber attack on ") + _join(named[:2]))
    if f.actors and not heads:
        heads.append("Report on " + _join([a.name for a in f.actors[:3]]))
    if f.victims and not heads and not f.malware and not f.vulnerabilities:
        sectors = sorted({s.split("-")[0] for v in f.victims for s in v.sectors})
        where = sorted({country_name(v.country) for v in f.victims if v.country})
        heads.append(
            "Cyber attack on "
            + (_join(sectors[:3]) + " targets" if sectors else "targets")
            + (f" in {_join(where[:3])}" if where else "")
        )
    if f.malware and not heads:
        heads.append("Report on " + _join([m.name for m in f.malware[:3]]))
    if f.vulnerabilities and not heads:
        cves = [v.cve for v in f.vulnerabilities if v.cve]
        heads.append("Report on " + (_join(cves[:3]) if cves else "vulnerabilities"))

    if f.actors:
        sentences.append(
            "Threat actors named: " + _join_some([_actor_phrase(a) for a in f.actors], 6) + "."
        )
    sentences += [_indictment_sentence(i) for i in f.indictments[:2]]
    sentences += [_sanction_sentence(s) for s in f.sanctions[:2]]
    if f.victims:
        sectors = sorted({s for v in f.victims for s in v.sectors})
        countries = sorted({country_name(v.country) for v in f.victims if v.country})
        if named:
            line = "Victims named: " + _join_some(named, 6)
        else:
            line = "Targets described in the article"
        details = []
        if sectors:
            details.append(f"sectors: {', '.join(sectors)}")
        if countries:
            details.append(f"countries: {', '.join(countries)}")
        sentences.append(line + (f" ({'; '.join(details)})" if details else "") + ".")
    if f.malware:
        sentences.append("Malware and tools: " + _join_some([m.name for m in f.malware], 8) + ".")
    cves = [v.cve for v in f.vulnerabilities if v.cve]
    if cves:
        sentences.append("Vulnerabilities: " + _join_some(cves, 8) + ".")
    if not sentences:
        return (
            "No threat actor, legal action or malware identified",
            "The article names no threat actor, indictment, sanction, victim, malware or CVE "
            "that the extractor could tie to its text.",
        )
    # a name that ends the sentence may end in its own period (Co., Ltd.): no second one
    shown = [t[:-1] if t.endswith("..") else t for t in sentences[:6]]
    return "; ".join(heads) if heads else "Threat report", " ".join(shown)
