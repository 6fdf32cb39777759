"""ThreatReport -> MISP event (pymisp), importable as JSON without a server round-trip.

* Event: ``info`` = headline, UUIDv5 of the source's SHA-256 (the same article is the same
  event), ``analysis`` complete, ``threat_level_id`` 2 (medium), ``distribution`` 0 (your
  organisation only: you choose to share), tag ``tlp:clear`` is NOT added for the same reason.
* Attributes, each with its Japanese evidence quote and offsets in the comment:
  ``threat-actor`` (canonical name) per actor; ``vulnerability`` per CVE; ``text`` (category
  "Payload delivery") per malware/tool; ``target-org`` per named victim and ``target-location``
  per victim country; IOCs as ``url``, ``domain``, ``ip-dst``, ``md5``, ``sha1``, ``sha256``,
  ``email-src`` (``to_ids`` off: the article reports them, nobody vetted them); the source as
  ``link`` (url) or ``text`` (path) with its SHA-256.
* Tags: ``misp-galaxy:threat-actor="NAME"`` for every actor whose canonical name or an alias is
  a value of MISP's threat-actor galaxy, ``misp-galaxy:mitre-intrusion-set="NAME - Gxxxx"``
  when the ATT&CK id is in that galaxy, ``misp-galaxy:mitre-malware`` / ``mitre-tool`` /
  ``malpedia`` for software found there.
* Event report "summarizer brief": the English brief with indictments (defendants with native
  names, charges, jurisdiction) and sanctions (imposers, targets) in Markdown.

Not carried: character offsets as structured data (only in comments), the structured
indictment/sanction records (Markdown only), ages and rewards as attributes, provenance beyond
the report's last line. A batch is ``{"response": [event, ...]}``, the shape of MISP's
``events/restSearch`` answer that ``pymisp``/MISP import.
"""

from __future__ import annotations

import json
import uuid
from functools import cache
from pathlib import Path
from typing import Any

from summarizer.models import Evidence, ThreatReport

__all__ = ["to_misp_event", "to_misp_events"]

NAMESPACE = uuid.UUID("2b0f3a5e-4c1d-5e6f-8a7b-9c0d1e2f3a4b")
_IOC_TYPES = {
    "url": "url",
    "domain": "domain",
    "ipv4": "ip-dst",
    "ipv6": "ip-dst",
    "md5": "md5",
    "sha1": "sha1",
    "sha256": "sha256",
    "email": "email-src",
}


@cache
def _galaxy(name: str) -> dict[str, str]:
    """Lower-cased value or synonym -> the cluster value, for one MISP galaxy."""
    import pymispgalaxies

    path = Path(pymispgalaxies.__file__).parent / f"data/misp-galaxy/clusters/{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out: dict[str, str] = {}
    for v in data.get("values", []):
        value = v["value"]
        out.setdefault(value.lower(), value)
        for syn in (v.get("meta") or {}).get("synonyms", []):
            out.setdefault(str(syn).lower(), value)
    return out


@cache
def _by_attack_id(name: str) -> dict[str, str]:
    """ATT&CK id -> cluster value for galaxies named "Name - G0128"."""
    return {v.rsplit(" - ", 1)[1]: v for v in _galaxy(name).values() if " - " in v}


def _comment(evs: list[Evidence], what: str) -> str:
    quotes = [f"「{e.quote}」[{e.start}:{e.end}]" for e in evs[:2] if e.start >= 0]
    return f"{what}; evidence: {' '.join(quotes)}"[:1000] if quotes else what


def _actor_tags(name: str, aliases: list[str], attack_id: str | None) -> list[str]:
    tags = []
    ta = _galaxy("threat-actor")
    hit = next((ta[n.lower()] for n in [name, *aliases] if n.lower() in ta), None)
    if hit:
        tags.append(f'misp-galaxy:threat-actor="{hit}"')
    if attack_id and (v := _by_attack_id("mitre-intrusion-set").get(attack_id)):
        tags.append(f'misp-galaxy:mitre-intrusion-set="{v}"')
    return tags


def _software_tags(name: str, kind: str, attack_id: str | None) -> list[str]:
    tags = []
    galaxy = "mitre-tool" if kind == "tool" else "mitre-malware"
    if attack_id and (v := _by_attack_id(galaxy).get(attack_id)):
        tags.append(f'misp-galaxy:{galaxy}="{v}"')
    if (m := _galaxy("malpedia").get(name.lower())) is not None:
        tags.append(f'misp-galaxy:malpedia="{m}"')
    return tags


def _event_report(r: ThreatReport) -> str:
    lines = [f"# {r.headline}", "", r.summary, ""]
    for ind in r.indictments:
        people = ", ".join(
            p.name
            + (f" ({p.name_native})" if p.name_native and p.name_native != p.name else "")
            + (f", {p.age}" if p.age else "")
            for p in ind.defendants
        )
        lines.append(
            f"- Indictment ({ind.jurisdiction or '?'}; {ind.authority or 'authority not stated'}):"
            f" {ind.defendant_count or len(ind.defendants)} defendant(s) {people}; "
            f"charges: {', '.join(ind.charges) or 'not stated'}"
        )
    for s in r.sanctions:
        targets = ", ".join(
            t.name + (f" ({t.name_native})" if t.name_native and t.name_native != t.name else "")
            for t in s.targets
        )
        lines.append(f"- Sanctions by {', '.join(s.imposed_by) or '?'}: {targets}")
    p = r.provenance
    lines += ["", f"_summarizer: engine {p.engine}, prompt {p.prompt_id}, schema {p.schema_id}_"]
    return "\n".join(lines)


def _event(r: ThreatReport) -> Any:
    from pymisp import MISPEvent

    ev = MISPEvent()
    ev.uuid = str(uuid.uuid5(NAMESPACE, f"event:{r.source.sha256}"))
    ev.info = r.headline
    ev.analysis = 2
    ev.threat_level_id = 2
    ev.distribution = 0
    tags: list[str] = []
    for a in r.actors:
        ev.add_attribute(
            "threat-actor",
            a.name,
            category="Attribution",
            to_ids=False,
            comment=_comment(
                a.evidence, f"actor {a.name}" + (f" ({a.country})" if a.country else "")
            ),
        )
        tags += _actor_tags(a.name, a.aliases, a.attack_id)
    for s in r.malware:
        ev.add_attribute(
            "text",
            s.name,
            category="Payload delivery",
            to_ids=False,
            comment=_comment(s.evidence, s.kind),
        )
        tags += _software_tags(s.name, s.kind, s.attack_id)
    for v in r.vulnerabilities:
        if v.cve:
            ev.add_attribute(
                "vulnerability",
                v.cve,
                category="External analysis",
                to_ids=False,
                comment=_comment(v.evidence, "CVE named in the article"),
            )
    countries: list[str] = []
    for vi in r.victims:
        if vi.name:
            ev.add_attribute(
                "target-org",
                vi.name,
                category="Targeting data",
                to_ids=False,
                comment=_comment(vi.evidence, ", ".join(vi.sectors) or "victim"),
            )
        if vi.country and vi.country not in countries:
            countries.append(vi.country)
            ev.add_attribute("target-location", vi.country, category="Targeting data", to_ids=False)
    for ioc in r.indicators:
        kind = _IOC_TYPES.get(ioc.type.lower())
        if kind:
            ev.add_attribute(
                kind,
                ioc.value,
                category="Network activity"
                if kind in ("url", "domain", "ip-dst")
                else "Payload delivery"
                if kind in ("md5", "sha1", "sha256")
                else "Social network",
                to_ids=False,
                comment=_comment(ioc.evidence, "IOC in the article"),
            )
    src = f"sha256 {r.source.sha256}"
    if r.source.url:
        ev.add_attribute("link", r.source.url, category="External analysis", comment=src)
    elif r.source.path:
        ev.add_attribute("text", r.source.path, category="External analysis", comment=src)
    for t in dict.fromkeys(tags):
        ev.add_tag(t)
    ev.add_event_report("summarizer brief", _event_report(r))
    for attr in ev.attributes:  # deterministic attribute ids too
        attr.uuid = str(uuid.uuid5(NAMESPACE, f"{ev.uuid}:{attr.type}:{attr.value}"))
    for rep in ev.event_reports:
        rep.uuid = str(uuid.uuid5(NAMESPACE, f"{ev.uuid}:report"))
    return ev


def to_misp_event(report: ThreatReport) -> dict[str, Any]:
    """The MISP event of one report, as ``{"Event": {...}}``."""
    data: dict[str, Any] = json.loads(_event(report).to_json())
    return {"Event": data.get("Event", data)}


def to_misp_events(reports: list[ThreatReport]) -> dict[str, Any]:
    """MISP events of a batch, as ``{"response": [{"Event": ...}, ...]}``."""
    return {"response": [to_misp_event(r) for r in reports]}
