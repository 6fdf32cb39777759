"""ThreatReports -> one STIX 2.1 bundle that OpenCTI and MISP import (docs/exports.md).

Per article:

* ``report`` — name = headline, description = summary, ``object_refs`` = everything below,
  an external reference to the source (url or path, SHA-256 of the raw bytes), ``published`` =
  the latest ISO date stated for an indictment or sanction, else a fixed 2024-01-01;
* ``intrusion-set`` per actor — aliases = English aliases + Japanese surface forms, an ATT&CK
  external reference when ``attack_id`` is known; ``originates-from`` -> a ``location``
  (country) for the attributed state. The sponsoring organ is a nation-state ``threat-actor``
  the intrusion set is ``attributed-to``, itself ``attributed-to`` an ``identity``
  (organization) of the same name; both ``located-at`` the country. STIX 2.1 suggests no
  intrusion-set -> identity relationship, so this is the valid chain;
* ``identity`` per victim (organization, or ``class`` when the article only describes it) with
  ``sectors``, ``located-at`` its country;
* ``malware`` (is_family) / ``tool`` per software, ATT&CK reference when known;
  ``vulnerability`` per CVE (external id); ``indicator`` per IOC with a STIX pattern;
* indictments and sanctions: a ``note`` each, English ``content``, the structured record in
  ``x_summarizer_indictment`` / ``x_summarizer_sanction``;
* ``targets`` (actor -> victim, actor -> CVE) and ``uses`` (actor -> malware/tool) only when the
  article names exactly one actor: with several, the article does not say which did what;
* every object carries ``x_summarizer_evidence``: the Japanese quotes with their offsets and
  the source's SHA-256. Custom properties are declared by an ``extension-definition``
  (toplevel-property-extension).

IDs are UUIDv5 of canonical content (actor name, country code, CVE id, ...) and timestamps are
fixed, so the same actor from two articles or two runs is one object, a batch is one
deduplicated bundle (aliases, sectors, evidence and refs unioned; other properties: first
article wins), and the output is byte-for-byte reproducible. Not carried: people as STIX
objects (defendants and sanctioned persons live in the notes), the Markdown brief, wall-clock
seconds of the run.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from summarizer.models import Evidence, Indictment, Sanction, ThreatActor, ThreatReport

__all__ = ["NAMESPACE", "report_date", "to_stix_bundle"]

NAMESPACE = uuid.UUID("6f0d7c8e-6b43-5c2e-9a57-1f2d3b4c5a60")  # summarizer's STIX namespace
EPOCH = "2024-01-01T00:00:00.000Z"  # fixed created/modified: objects are content-addressed
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


SYSTEM = _id("identity", "summarizer")
EXTENSION = _id("extension-definition", "summarizer-toplevel-properties:1")
EXTENSION_PROPERTIES = [
    "x_summarizer_evidence",
    "x_summarizer_indictment",
    "x_summarizer_sanction",
    "x_summarizer_provenance",
    "x_summarizer_warnings",
]


def _evidence(evs: list[Evidence], sha: str) -> list[dict[str, Any]]:
    return [
        {"quote": e.quote, "start": e.start, "end": e.end, "source_sha256": sha}
        for e in evs
        if e.start >= 0
    ]


class _Bundle:
    def __init__(self) -> None:
        self.objects: dict[str, dict[str, Any]] = {}
        self.add(
            {
                "type": "identity",
                "id": SYSTEM,
                "name": "summarizer",
                "identity_class": "system",
                "description": "Japanese cyber-threat reporting to grounded threat intelligence",
            }
        )
        self.add(
            {
                "type": "extension-definition",
                "id": EXTENSION,
                "name": "summarizer properties",
                "description": "Top-level properties added by summarizer: "
                "x_summarizer_evidence (Japanese quotes with character offsets into the decoded "
                "article and its SHA-256), x_summarizer_indictment / x_summarizer_sanction (the "
                "structured record of a note), x_summarizer_provenance and x_summarizer_warnings "
                "(on a report).",
                "schema": "Plain-text definition: docs/exports.md of the summarizer project; "
                "x_summarizer_evidence is a list of {quote, start, end, source_sha256}.",
                "version": "1.0",
                "extension_types": ["toplevel-property-extension"],
                "extension_properties": EXTENSION_PROPERTIES,
            }
        )

    def add(self, obj: dict[str, Any]) -> str:
        """Add or merge an object (aliases, sectors and evidence unioned); return its id."""
        base = {"spec_version": "2.1", "created": EPOCH, "modified": EPOCH}
        if obj["id"] != SYSTEM:
            base["created_by_ref"] = SYSTEM
        obj = {**base, **{k: v for k, v in obj.items() if v not in ([], {}, None, "")}}
        if any(k in obj for k in EXTENSION_PROPERTIES):
            obj["extensions"] = {EXTENSION: {"extension_type": "toplevel-property-extension"}}
        old = self.objects.get(obj["id"])
        if old is None:
            self.objects[obj["id"]] = obj
            return str(obj["id"])
        for key in (
            "aliases",
            "sectors",
            "x_summarizer_evidence",
            "object_refs",
            "external_references",
        ):
            if key in obj:
                merged = list(old.get(key, []))
                merged += [v for v in obj[key] if v not in merged]
                old[key] = merged
        if "extensions" in obj:
            old["extensions"] = obj["extensions"]
        return str(obj["id"])

    def rel(self, kind: str, src: str, dst: str) -> str:
        return self.add(
            {
                "type": "relationship",
                "id": _id("relationship", f"{kind}|{src}|{dst}"),
                "relationship_type": kind,
                "source_ref": src,
                "target_ref": dst,
            }
        )


def _location(b: _Bundle, cc: str) -> str:
    from summarizer.brief import country_name

    return b.add(
        {
            "type": "location",
            "id": _id("location", cc.upper()),
            "name": country_name(cc) or cc.upper(),
            "country": cc.upper(),
        }
    )


_PATTERNS = {
    "url": "url:value",
    "domain": "domain-name:value",
    "ipv4": "ipv4-addr:value",
    "ipv6": "ipv6-addr:value",
    "email": "email-addr:value",
    "md5": "file:hashes.MD5",
    "sha1": "file:hashes.'SHA-1'",
    "sha256": "file:hashes.'SHA-256'",
    "sha512": "file:hashes.'SHA-512'",
}


def _pattern(kind: str, value: str) -> str | None:
    path = _PATTERNS.get(kind.lower())
    if path is None:
        return None
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"[{path} = '{escaped}']"


def report_date(r: ThreatReport) -> str | None:
    """The latest ISO date (YYYY-MM-DD) the article states for an indictment or sanction.

    The model has no publication date; an article is never older than the events it reports,
    so this is the best deterministic stand-in. ``None`` when no such date is stated.
    """
    dates: list[str] = []
    for d in [*(i.date for i in r.indictments), *(s.date for s in r.sanctions)]:
        if d and _ISO_DATE.fullmatch(d.strip()):
            try:
                dates.append(dt.date.fromisoformat(d.strip()).isoformat())
            except ValueError:
                continue
    return max(dates) if dates else None


def _native(name: str, native: str | None) -> str:
    return name + (f" ({native})" if native and native != name else "")


def _indictment_text(i: Indictment) -> str:
    from summarizer.brief import country_name

    people = "; ".join(
        _native(p.name, p.name_native)
        + (f", {p.age}" if p.age is not None else "")
        + (f", {p.nationality}" if p.nationality else "")
        for p in i.defendants
    )
    count = i.defendant_count if i.defendant_count is not None else len(i.defendants)
    where = country_name(i.jurisdiction) if i.jurisdiction else "an unstated jurisdiction"
    return (
        f"Indictment in {where}"
        + (f" by {i.authority}" if i.authority else "")
        + (f" on {i.date}" if i.date else "")
        + (f" of {count} defendant(s)" if count else "")
        + (f": {people}" if people else "")
        + (f". Charges: {', '.join(i.charges)}" if i.charges else "")
        + (f". Reward: {i.reward}" if i.reward else "")
        + (f". Linked actor: {i.actor}" if i.actor else "")
        + "."
    )


def _sanction_text(s: Sanction) -> str:
    from summarizer.brief import country_name

    targets = "; ".join(f"{_native(t.name, t.name_native)} ({t.kind})" for t in s.targets)
    by = ", ".join(country_name(c) for c in s.imposed_by) or "unstated authorities"
    return (
        f"Sanctions imposed by {by}"
        + (f" ({s.authority})" if s.authority else "")
        + (f" on {s.date}" if s.date else "")
        + (f". Targets: {targets}" if targets else "")
        + (f". Measures: {', '.join(s.measures)}" if s.measures else "")
        + "."
    )


def _attack_ref(attack_id: str, kind: str) -> dict[str, Any]:
    return {
        "source_name": "mitre-attack",
        "external_id": attack_id,
        "url": f"https://attack.mitre.org/{kind}/{attack_id}/",
    }


def _actor(b: _Bundle, a: ThreatActor, sha: str, refs: list[str], orgs: dict[str, str]) -> str:
    aliases = [x for x in dict.fromkeys([*a.aliases, *a.mentions]) if x != a.name]
    sid = b.add(
        {
            "type": "intrusion-set",
            "id": _id("intrusion-set", a.name.lower()),
            "name": a.name,
            "aliases": aliases,
            "external_references": [_attack_ref(a.attack_id, "groups")] if a.attack_id else [],
            "x_summarizer_evidence": _evidence(a.evidence, sha),
        }
    )
    refs.append(sid)
    loc = _location(b, a.country) if a.country else None
    if loc:
        refs += [loc, b.rel("originates-from", sid, loc)]
    if a.sponsor:
        # STIX 2.1 suggests no intrusion-set -> identity relationship: the sponsor is a
        # nation-state threat-actor the set is attributed to, and that threat-actor is
        # attributed to the sponsoring organization (an identity), as section 4.16 intends.
        key = a.sponsor.lower()
        ta = b.add(
            {
                "type": "threat-actor",
                "id": _id("threat-actor", key),
                "name": a.sponsor,
                "threat_actor_types": ["nation-state"],
                "description": f"State sponsor named for {a.name}"
                + (f" by {a.attributed_by}" if a.attributed_by else "")
                + ".",
            }
        )
        org = b.add(
            {
                "type": "identity",
                "id": _id("identity", f"org:{key}"),
                "name": a.sponsor,
                "identity_class": "organization",
            }
        )
        orgs[key] = org
        refs += [ta, org, b.rel("attributed-to", sid, ta), b.rel("attributed-to", ta, org)]
        if loc:
            refs += [b.rel("located-at", ta, loc), b.rel("located-at", org, loc)]
    return sid


def _article(b: _Bundle, r: ThreatReport) -> None:
    sha = r.source.sha256
    refs: list[str] = []
    orgs: dict[str, str] = {}  # lower-cased organization name -> identity id
    actor_ids = [_actor(b, a, sha, refs, orgs) for a in r.actors]
    # Relationships from an actor only when the article names exactly one: with several, the
    # article rarely says which one targeted whom or used what.
    single = actor_ids[0] if len(actor_ids) == 1 else None

    for v in r.victims:
        name = v.name or v.description or v.name_native or "unnamed victim"
        # a named organization is the same object in every article; a described-only victim
        # ("a US defense contractor") is specific to its article
        key = f"org:{name.lower()}" if v.name else f"class:{sha}:{name.lower()}"
        vid = b.add(
            {
                "type": "identity",
                "id": _id("identity", key),
                "name": name,
                "identity_class": "organization" if v.name else "class",
                "description": v.description if v.name else None,
                "sectors": list(v.sectors),
                "x_summarizer_evidence": _evidence(v.evidence, sha),
            }
        )
        if v.name:
            orgs[v.name.lower()] = vid
        refs.append(vid)
        if v.country:
            loc = _location(b, v.country)
            refs += [loc, b.rel("located-at", vid, loc)]
        if single:
            refs.append(b.rel("targets", single, vid))

    for s in r.malware:
        kind = "tool" if s.kind == "tool" else "malware"
        mid = b.add(
            {
                "type": kind,
                "id": _id(kind, s.name.lower()),
                "name": s.name,
                "is_family": True if kind == "malware" else None,
                "aliases": [x for x in s.aliases if x != s.name],
                "external_references": [_attack_ref(s.attack_id, "software")]
                if s.attack_id
                else [],
                "x_summarizer_evidence": _evidence(s.evidence, sha),
            }
        )
        refs.append(mid)
        if single:
            refs.append(b.rel("uses", single, mid))

    for vu in r.vulnerabilities:
        if not vu.cve and not vu.description:
            continue
        name = vu.cve or str(vu.description)
        vid = b.add(
            {
                "type": "vulnerability",
                "id": _id("vulnerability", name.upper() if vu.cve else f"{sha}:{name}"),
                "name": name,
                "description": vu.description,
                "external_references": [{"source_name": "cve", "external_id": vu.cve}]
                if vu.cve
                else [],
                "x_summarizer_evidence": _evidence(vu.evidence, sha),
            }
        )
        refs.append(vid)
        if single and vu.cve:
            refs.append(b.rel("targets", single, vid))

    for ind in r.indicators:
        pattern = _pattern(ind.type, ind.value)
        if pattern is None:
            continue
        refs.append(
            b.add(
                {
                    "type": "indicator",
                    "id": _id("indicator", pattern),
                    "name": ind.value,
                    "description": f"{ind.type} stated in the article (not vetted for "
                    "detection); the quote is in x_summarizer_evidence",
                    "pattern": pattern,
                    "pattern_type": "stix",
                    "valid_from": EPOCH,
                    "indicator_types": ["malicious-activity"],
                    "x_summarizer_evidence": _evidence(ind.evidence, sha),
                }
            )
        )

    report_id = _id("report", sha)
    for k, i in enumerate(r.indictments):
        on = [report_id]
        actor = _id("intrusion-set", i.actor.lower()) if i.actor else single
        if actor in actor_ids:
            on.append(actor)
        refs.append(
            b.add(
                {
                    "type": "note",
                    "id": _id("note", f"{sha}:indictment:{k}"),
                    "abstract": f"Indictment: {r.headline}"[:250],
                    "content": _indictment_text(i),
                    "object_refs": on,
                    "x_summarizer_indictment": i.model_dump(mode="json"),
                }
            )
        )
    for k, s_ in enumerate(r.sanctions):
        on = [report_id, *([single] if single else [])]
        on += [orgs[t.name.lower()] for t in s_.targets if t.name.lower() in orgs]
        refs.append(
            b.add(
                {
                    "type": "note",
                    "id": _id("note", f"{sha}:sanction:{k}"),
                    "abstract": f"Sanctions: {r.headline}"[:250],
                    "content": _sanction_text(s_),
                    "object_refs": list(dict.fromkeys(on)),
                    "x_summarizer_sanction": s_.model_dump(mode="json"),
                }
            )
        )

    source_ref: dict[str, Any] = {"source_name": "article", "hashes": {"SHA-256": sha}}
    if r.source.url:
        source_ref["url"] = r.source.url
    if r.source.path or r.source.title:
        source_ref["description"] = "; ".join(
            x for x in (r.source.title, f"file {r.source.path}" if r.source.path else "") if x
        )
    date = report_date(r)
    b.add(
        {
            "type": "report",
            "id": report_id,
            "name": r.headline or r.source.title or "untitled article",
            "description": r.summary,
            "published": f"{date}T00:00:00.000Z" if date else EPOCH,
            "report_types": ["threat-report"],
            "lang": "en",
            "object_refs": list(dict.fromkeys(refs)) or [SYSTEM],
            "external_references": [source_ref],
            # wall-clock seconds would make two runs differ: left out
            "x_summarizer_provenance": r.provenance.model_dump(mode="json", exclude={"seconds"}),
            "x_summarizer_warnings": list(r.warnings),
        }
    )


def to_stix_bundle(reports: list[ThreatReport]) -> dict[str, Any]:
    """One deduplicated STIX 2.1 bundle for one or many reports (plain JSON-able dict)."""
    b = _Bundle()
    for r in reports:
        _article(b, r)
    objects = sorted(b.objects.values(), key=lambda o: (o["type"] != "identity", o["id"]))
    bundle_id = _id("bundle", "|".join(o["id"] for o in objects))
    return {"type": "bundle", "id": bundle_id, "objects": objects}
