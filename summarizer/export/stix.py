"""ThreatReports -> one STIX 2.1 bundle (OpenCTI and MISP import it).

Mapping (per article):

* ``report`` — name = headline, description = summary, ``object_refs`` = everything below,
  an external reference to the source (url or path, SHA-256 of the raw bytes);
* ``intrusion-set`` per actor — aliases = English aliases + Japanese surface forms, an ATT&CK
  external reference when ``attack_id`` is known; ``originates-from`` -> a ``location``
  (country) for the attributed state; the sponsoring organ is a ``threat-actor``
  (nation-state) that the intrusion set is ``attributed-to``, ``located-at`` the same country;
* ``identity`` per victim (organization, or ``class`` when the article only describes it) with
  ``sectors``, ``located-at`` its country;
* ``malware`` (is_family) / ``tool`` per software, ATT&CK reference when known;
  ``vulnerability`` per CVE (external id); ``indicator`` per IOC with a STIX pattern;
* indictments and sanctions: a ``note`` each, English ``content``, the structured record in
  ``x_summarizer_indictment`` / ``x_summarizer_sanction``;
* ``targets`` (actor -> victim) and ``uses`` (actor -> malware/tool) only when the article
  names exactly one actor: with several, the article does not say which did what;
* every object carries ``x_summarizer_evidence``: the Japanese quotes with their offsets and
  the source's SHA-256.

IDs are UUIDv5 of canonical content (actor name, country code, CVE id, ...) and timestamps are
fixed, so the same actor from two articles or two runs is one object, a batch is one
deduplicated bundle (aliases and evidence merged), and the output is byte-for-byte
reproducible. Not carried: article offsets other than the evidence, people as STIX objects
(defendants and sanctioned persons live in the notes), ages, rewards as objects, the brief's
prose beyond the report description, and provenance beyond ``x_summarizer_provenance``.
"""

from __future__ import annotations

import uuid
from typing import Any

from summarizer.models import Evidence, ThreatReport

__all__ = ["NAMESPACE", "to_stix_bundle"]

NAMESPACE = uuid.UUID("6f0d7c8e-6b43-5c2e-9a57-1f2d3b4c5a60")  # summarizer's STIX namespace
EPOCH = "2024-01-01T00:00:00.000Z"  # fixed created/modified: objects are content-addressed


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
        if obj["id"] != SYSTEM and obj["type"] != "relationship":
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
}


def _pattern(kind: str, value: str) -> str | None:
    path = _PATTERNS.get(kind.lower())
    if path is None:
        return None
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"[{path} = '{escaped}']"


def _article(b: _Bundle, r: ThreatReport) -> None:
    sha = r.source.sha256
    refs: list[str] = []
    actor_ids: list[str] = []
    for a in r.actors:
        ext = []
        if a.attack_id:
            ext.append(
                {
                    "source_name": "mitre-attack",
                    "external_id": a.attack_id,
                    "url": f"https://attack.mitre.org/groups/{a.attack_id}/",
                }
            )
        aliases = [x for x in dict.fromkeys([*a.aliases, *a.mentions]) if x != a.name]
        obj: dict[str, Any] = {
            "type": "intrusion-set",
            "id": _id("intrusion-set", a.name.lower()),
            "name": a.name,
            "x_summarizer_evidence": _evidence(a.evidence, sha),
        }
        if aliases:
            obj["aliases"] = aliases
        if ext:
            obj["external_references"] = ext
        sid = b.add(obj)
        actor_ids.append(sid)
        refs.append(sid)
        if a.country:
            loc = _location(b, a.country)
            refs += [loc, b.rel("originates-from", sid, loc)]
        if a.sponsor:
            sponsor = b.add(
                {
                    "type": "threat-actor",
                    "id": _id("threat-actor", a.sponsor.lower()),
                    "name": a.sponsor,
                    "threat_actor_types": ["nation-state"],
                }
            )
            refs += [sponsor, b.rel("attributed-to", sid, sponsor)]
            if a.country:
                refs.append(b.rel("located-at", sponsor, _location(b, a.country)))
    single = actor_ids[0] if len(actor_ids) == 1 else None

    for v in r.victims:
        name = v.name or v.description or v.name_native or "unnamed victim"
        obj = {
            "type": "identity",
            "id": _id("identity", f"victim:{name.lower()}"),
            "name": name,
            "identity_class": "organization" if v.name else "class",
            "x_summarizer_evidence": _evidence(v.evidence, sha),
        }
        if v.sectors:
            obj["sectors"] = list(v.sectors)
        if v.description and v.name:
            obj["description"] = v.description
        vid = b.add(obj)
        refs.append(vid)
        if v.country:
            loc = _location(b, v.country)
            refs += [loc, b.rel("located-at", vid, loc)]
        if single:
            refs.append(b.rel("targets", single, vid))

    for s in r.malware:
        kind = "tool" if s.kind == "tool" else "malware"
        obj = {
            "type": kind,
            "id": _id(kind, s.name.lower()),
            "name": s.name,
            "x_summarizer_evidence": _evidence(s.evidence, sha),
        }
        if kind == "malware":
            obj["is_family"] = True
        if s.aliases:
            obj["aliases"] = [x for x in s.aliases if x != s.name]
        if s.attack_id:
            obj["external_references"] = [
                {
                    "source_name": "mitre-attack",
                    "external_id": s.attack_id,
                    "url": f"https://attack.mitre.org/software/{s.attack_id}/",
                }
            ]
        mid = b.add(obj)
        refs.append(mid)
        if single:
            refs.append(b.rel("uses", single, mid))

    for vu in r.vulnerabilities:
        if not vu.cve and not vu.description:
            continue
        name = vu.cve or str(vu.description)
        obj = {
            "type": "vulnerability",
            "id": _id("vulnerability", name.upper()),
            "name": name,
            "x_summarizer_evidence": _evidence(vu.evidence, sha),
        }
        if vu.cve:
            obj["external_references"] = [{"source_name": "cve", "external_id": vu.cve}]
        if vu.description:
            obj["description"] = vu.description
        refs.append(b.add(obj))

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
                    "pattern": pattern,
                    "pattern_type": "stix",
                    "valid_from": EPOCH,
                    "indicator_types": ["malicious-activity"],
                    "x_summarizer_evidence": _evidence(ind.evidence, sha),
                }
            )
        )

    report_id = _id("report", sha)
    notes = []
    for k, ind_ in enumerate(r.indictments):
        people = ", ".join(
            p.name + (f" ({p.name_native})" if p.name_native and p.name_native != p.name else "")
            for p in ind_.defendants
        )
        count = ind_.defendant_count or len(ind_.defendants)
        content = (
            f"Indictment in {ind_.jurisdiction or 'an unstated jurisdiction'}"
            + (f" by {ind_.authority}" if ind_.authority else "")
            + (f" of {count} defendant(s)" if count else "")
            + (f": {people}" if people else "")
            + (f"; charges: {', '.join(ind_.charges)}" if ind_.charges else "")
            + (f"; actor: {ind_.actor}" if ind_.actor else "")
            + "."
        )
        notes.append(("indictment", k, content, ind_.model_dump(mode="json"), ind_.actor))
    for k, s_ in enumerate(r.sanctions):
        targets = ", ".join(
            t.name + (f" ({t.name_native})" if t.name_native and t.name_native != t.name else "")
            for t in s_.targets
        )
        content = (
            f"Sanctions imposed by {', '.join(s_.imposed_by) or 'unstated authorities'}"
            + (f" ({s_.authority})" if s_.authority else "")
            + (f" on {targets}" if targets else "")
            + (f"; measures: {', '.join(s_.measures)}" if s_.measures else "")
            + "."
        )
        notes.append(("sanction", k, content, s_.model_dump(mode="json"), None))
    for kind, k, content, record, actor in notes:
        on = [report_id]
        if actor:
            on.append(_id("intrusion-set", actor.lower()))
        on += [x for x in actor_ids if x not in on] if kind == "sanction" else []
        nid = b.add(
            {
                "type": "note",
                "id": _id("note", f"{sha}:{kind}:{k}"),
                "abstract": f"{kind.capitalize()} ({r.headline})"[:250],
                "content": content,
                "object_refs": on,
                f"x_summarizer_{kind}": record,
            }
        )
        refs.append(nid)

    source_ref: dict[str, Any] = {"source_name": "article", "hashes": {"SHA-256": sha}}
    if r.source.url:
        source_ref["url"] = r.source.url
    if r.source.path:
        source_ref["description"] = f"file {r.source.path}"
    b.add(
        {
            "type": "report",
            "id": report_id,
            "name": r.headline,
            "description": r.summary,
            "published": EPOCH,
            "report_types": ["threat-report"],
            "object_refs": list(dict.fromkeys(refs)) or [SYSTEM],
            "external_references": [source_ref],
            "x_summarizer_provenance": r.provenance.model_dump(mode="json"),
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
