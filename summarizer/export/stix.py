"""ThreatReports -> one STIX 2.1 bundle shaped for OpenCTI and strict interop (docs/exports.md).

Per article:

* ``report`` — name = headline and, in parentheses, the article's title (else file name),
  description = summary, ``object_refs`` = everything below,
  one external reference to the source: the article's URL (a public page) or, for a file, its
  file name only (never a local path), with the SHA-256 of the raw bytes. ``published`` is the
  article's publication date when known (``source.published``), else the latest date stated
  for an indictment or sanction, else the date the bundle was produced; which one is said in
  ``x_summarizer_published_from`` (``source``, ``action-date`` or ``export-date``). Provenance
  is carried without the model server's address.
* ``intrusion-set`` per actor — aliases = English aliases + Japanese surface forms, an ATT&CK
  external reference when ``attack_id`` is known; ``originates-from`` -> the attributed
  state's ``location``. The sponsoring organ is a nation-state ``threat-actor`` the intrusion
  set is ``attributed-to``, itself ``attributed-to`` an ``identity`` (organization) of the same
  name; both ``located-at`` the country (STIX 2.1 suggests no intrusion-set -> identity link).
* ``location`` per country: the ISO 3166 name (``summarizer.countries``), ``country`` = the
  alpha-2 code, and ``x_opencti_aliases`` = both codes and ISO's other names, which OpenCTI
  resolves against its own country catalogue (its names differ: "Republic of Korea").
* victims: a named victim is an ``identity`` (organization) with ``sectors``, ``located-at``
  its country. A victim the article only describes ("US defense companies") becomes no
  identity of its own: its sectors become ``class`` identities named as OpenCTI names sectors
  ("Defense", "Technologies") with the STIX ``sectors`` value, and its country the location;
  the single actor ``targets`` them, the description and quotes on that relationship. A
  described victim with neither sector nor country is left out (its quote is in the report).
* ``malware`` (is_family) / ``tool`` per software, ATT&CK reference when known;
  ``vulnerability`` per CVE (external id); ``indicator`` per IOC with a STIX pattern, after
  IOC hygiene (refanged; values on chosen MISP warninglists dropped and listed in the report's
  warnings), ``valid_from`` = the report's date, ``indicates`` -> the malware, tool or actor the
  same sentence names (the article's text, or 120 characters around the IOC without it).
* indictments and sanctions: a ``note`` each, English ``content`` with the action's date, the
  structured record (with ``date``) in ``x_summarizer_indictment`` / ``x_summarizer_sanction``.
* ``targets`` (actor -> victim, sector, location, CVE) and ``uses`` (actor -> malware/tool) only
  when the article names exactly one actor: with several, the article does not say who did what.
* every object carries ``object_marking_refs`` = the TLP marking chosen (``--tlp``; TLP:CLEAR
  is the OASIS TLP 2.0 marking definition, green/amber/red the STIX 2.1 TLP markings, which are
  the ones OpenCTI and MISP map to their own) and ``x_summarizer_evidence``: the Japanese
  quotes with their offsets and the source's SHA-256. Custom properties are declared by an
  ``extension-definition`` (toplevel-property-extension). ``confidence`` is set where a
  finding can be graded from what the report carries (``summarizer.export.confidence``:
  Low 15 / Med 50 / High 85). ``created_by_ref`` is the ``--author`` organization, else the
  "summarizer" system identity.

IDs are UUIDv5 of canonical content (actor name, country code, CVE id, ...) and created/modified
are fixed, so the same actor from two articles or two runs is one object, a batch is one
deduplicated bundle (aliases, sectors, evidence and refs unioned; other properties: first
article wins), and the output is reproducible for a given export date. Not carried: people as
STIX objects (defendants and sanctioned persons live in the notes), the Markdown brief,
wall-clock seconds of the run.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from pathlib import PurePath, PureWindowsPath
from typing import Any

from summarizer.countries import country_name, lookup
from summarizer.export import confidence as grade
from summarizer.models import (
    Evidence,
    Indicator,
    Indictment,
    Sanction,
    ThreatActor,
    ThreatReport,
    Victim,
)

__all__ = [
    "NAMESPACE",
    "TLP_LEVELS",
    "published_date",
    "report_date",
    "report_name",
    "source_reference",
    "to_stix_bundle",
]

NAMESPACE = uuid.UUID("6f0d7c8e-6b43-5c2e-9a57-1f2d3b4c5a60")  # summarizer's STIX namespace
EPOCH = "2024-01-01T00:00:00.000Z"  # fixed created/modified: objects are content-addressed
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_NEAR = 120  # characters around an IOC searched for a name when the text is not at hand

# TLP: clear is the OASIS TLP 2.0 marking definition (OpenCTI resolves it by its name to its
# TLP:CLEAR); green, amber and red are the STIX 2.1 TLP markings, whose ids are the ones
# OpenCTI uses for its own TLP:GREEN/AMBER/RED and that MISP's STIX import maps to tlp:* tags.
_TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP_LEVELS = ("clear", "green", "amber", "red")
_TLP: dict[str, dict[str, Any]] = {
    "clear": {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        "created": "2022-10-01T00:00:00.000Z",
        "name": "TLP:CLEAR",
        "extensions": {
            _TLP2_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": "clear"}
        },
    },
    **{
        level: {
            "type": "marking-definition",
            "spec_version": "2.1",
            "id": f"marking-definition--{mid}",
            "created": "2017-01-20T00:00:00.000Z",
            "definition_type": "tlp",
            "name": f"TLP:{level.upper()}",
            "definition": {"tlp": level},
        }
        for level, mid in (
            ("green", "34098fce-860f-48ae-8e50-ebd3cc5e41da"),
            ("amber", "f88d31f6-486f-44da-b317-01333bde0b82"),
            ("red", "5e57c739-391a-4eb3-b6be-7d15ca92d5ed"),
        )
    },
}

# STIX industry-sector-ov -> the sector as OpenCTI's sector catalogue names it (the STIX value
# is a name or an alias there), so a targeted sector lands on OpenCTI's existing Sector entity.
OPENCTI_SECTORS: dict[str, str] = {
    "agriculture": "Agriculture and agribusiness",
    "aerospace": "Air transport",
    "automotive": "Road transport",
    "chemical": "Heavy industries",
    "commercial": "Retail (distribution)",
    "communications": "Telecommunications",
    "construction": "Construction",
    "defense": "Defense",
    "education": "Education",
    "energy": "Energy",
    "entertainment": "Culture and entertainment",
    "financial-services": "Finance",
    "government": "Government and administrations",
    "government-emergency-services": "Central administration and government",
    "government-local": "Local administrations",
    "government-national": "Central administration and government",
    "government-public-services": "Central administration and government",
    "government-regional": "Local administrations",
    "healthcare": "Health",
    "hospitality-leisure": "Hospitality",
    "infrastructure": "Heavy industries",
    "dams": "Water distribution and supply",
    "nuclear": "Nuclear power (civilian use)",
    "water": "Water distribution and supply",
    "insurance": "Insurance services",
    "manufacturing": "Manufacturing",
    "mining": "Mining",
    "non-profit": "Non-Governmental Organizations (NGOs)",
    "pharmaceuticals": "Pharmacy and drugs manufacturing",
    "retail": "Retail (distribution)",
    "technology": "Technologies",
    "telecommunications": "Telecommunications",
    "transportation": "Transport",
    "utilities": "Manufacturing",
}


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
    "x_summarizer_published_from",
    "x_opencti_aliases",
    "x_opencti_location_type",
]


def _evidence(evs: list[Evidence], sha: str) -> list[dict[str, Any]]:
    return [
        {"quote": e.quote, "start": e.start, "end": e.end, "source_sha256": sha}
        for e in evs
        if e.start >= 0
    ]


def author_id(author: str | None) -> str:
    """The ``created_by_ref`` of every object: the author organization, else summarizer."""
    return _id("identity", f"author:{author.casefold()}") if author else SYSTEM


class _Bundle:
    def __init__(self, tlp: str, author: str | None = None) -> None:
        if tlp not in _TLP:
            raise ValueError(f"unknown TLP level {tlp!r} (one of {', '.join(TLP_LEVELS)})")
        self.marking = dict(_TLP[tlp])
        self.objects: dict[str, dict[str, Any]] = {self.marking["id"]: self.marking}
        self.creator = author_id(author)
        if author:
            self.add(
                {
                    "type": "identity",
                    "id": self.creator,
                    "name": author,
                    "identity_class": "organization",
                    "description": "Author of this bundle, produced with summarizer from "
                    "Japanese cyber-threat reporting",
                }
            )
        else:
            self.add(
                {
                    "type": "identity",
                    "id": SYSTEM,
                    "name": "summarizer",
                    "identity_class": "system",
                    "description": "Japanese cyber-threat reporting to grounded threat "
                    "intelligence",
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
                "structured record of a note), x_summarizer_provenance, x_summarizer_warnings "
                "and x_summarizer_published_from (on a report); x_opencti_aliases and "
                "x_opencti_location_type (OpenCTI's own properties, on locations and sectors).",
                "schema": "Plain-text definition: docs/exports.md of the summarizer project; "
                "x_summarizer_evidence is a list of {quote, start, end, source_sha256}.",
                "version": "1.1",
                "extension_types": ["toplevel-property-extension"],
                "extension_properties": EXTENSION_PROPERTIES,
            }
        )

    def add(self, obj: dict[str, Any]) -> str:
        """Add or merge an object (aliases, sectors and evidence unioned); return its id."""
        # every object, the system identity itself included, names its producer (interop)
        base: dict[str, Any] = {
            "spec_version": "2.1",
            "created": EPOCH,
            "modified": EPOCH,
            "created_by_ref": self.creator,
        }
        base["object_marking_refs"] = [self.marking["id"]]
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
            "x_opencti_aliases",
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
        if "confidence" in obj:  # stated by several articles: the best grade any gives
            old["confidence"] = max(old.get("confidence", 0), obj["confidence"])
        return str(obj["id"])

    def rel(
        self,
        kind: str,
        src: str,
        dst: str,
        description: str | None = None,
        evidence: list[dict[str, Any]] | None = None,
        confidence: int | None = None,
    ) -> str:
        return self.add(
            {
                "type": "relationship",
                "id": _id("relationship", f"{kind}|{src}|{dst}"),
                "relationship_type": kind,
                "source_ref": src,
                "target_ref": dst,
                "description": description,
                "confidence": confidence,
                "x_summarizer_evidence": evidence,
            }
        )


def _location(b: _Bundle, cc: str) -> str:
    row = lookup(cc)
    code = row.alpha_2 if row else cc.upper()
    return b.add(
        {
            "type": "location",
            "id": _id("location", code),
            "name": row.name if row else code,
            "country": code,
            "x_opencti_aliases": row.aliases if row else [],
            "x_opencti_location_type": "Country",
        }
    )


def _sector(b: _Bundle, sector: str) -> str:
    name = OPENCTI_SECTORS.get(sector, sector.replace("-", " ").capitalize())
    return b.add(
        {
            "type": "identity",
            "id": _id("identity", f"sector:{name.lower()}"),
            "name": name,
            "identity_class": "class",
            "sectors": [sector],
            # OpenCTI's sector catalogue lists most STIX values as aliases ("Technology",
            # "Government-National"): matched case-insensitively, a second way in
            "x_opencti_aliases": [sector] if sector != name.lower() else [],
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


def _iso(d: object) -> str | None:
    """A YYYY-MM-DD string from a date, datetime or ISO string; None otherwise."""
    if isinstance(d, dt.datetime):
        return d.date().isoformat()
    if isinstance(d, dt.date):
        return d.isoformat()
    if isinstance(d, str) and _ISO_DATE.match(d.strip()):
        try:
            return dt.date.fromisoformat(d.strip()[:10]).isoformat()
        except ValueError:
            return None
    return None


def report_date(r: ThreatReport) -> str | None:
    """The latest ISO date (YYYY-MM-DD) the article states for an indictment or sanction."""
    dates = [x for d in [*(i.date for i in r.indictments), *(s.date for s in r.sanctions)]
             if (x := _iso(d))]  # fmt: skip
    return max(dates) if dates else None


def published_date(r: ThreatReport, produced: dt.date | None = None) -> tuple[str, str]:
    """(YYYY-MM-DD, where it came from) for a report's publication date.

    ``source``: the article's own date (``source.published``: page metadata, ``--published``
    or the date the text states, as ingest found it); ``action-date``: the latest date of an
    indictment or sanction it reports (an article is never older than the events it reports);
    ``export-date``: no date is known, so the date the export was produced (``produced``, by
    default today in UTC) stands in, and says so. Never a made-up constant.
    """
    pub = getattr(r.source, "published", None)
    for candidate in (pub, getattr(pub, "date", None), getattr(pub, "value", None)):
        if iso := _iso(candidate):
            return iso, "source"
    if action := report_date(r):
        return action, "action-date"
    day = produced or dt.datetime.now(dt.UTC).date()
    return day.isoformat(), "export-date"


def source_reference(r: ThreatReport) -> dict[str, Any]:
    """The report's external reference: public URL or file name, and the SHA-256; no path."""
    ref: dict[str, Any] = {"source_name": "article", "hashes": {"SHA-256": r.source.sha256}}
    url = r.source.url or ""
    if url.lower().startswith(("http://", "https://")):
        ref["url"] = url
    bits = [r.source.title or ""]
    if r.source.path and r.source.path != "-":
        name = PureWindowsPath(r.source.path).name if "\\" in r.source.path else \
            PurePath(r.source.path).name  # fmt: skip
        bits.append(f"file {name}")
    elif r.source.path == "-":
        bits.append("standard input")
    ref["description"] = "; ".join(b for b in bits if b) or None
    return {k: v for k, v in ref.items() if v}


def report_name(r: ThreatReport) -> str:
    """The English headline and, in parentheses, the article it comes from (its title, else
    its file name, else its SHA-256 prefix). OpenCTI identifies a report by name and publication
    date: two articles with the same generic headline on the same day stay two reports."""
    headline = r.headline or "untitled article"
    label = " ".join((r.source.title or "").split())
    if not label and r.source.path and r.source.path != "-":
        label = PureWindowsPath(r.source.path).name if "\\" in r.source.path else \
            PurePath(r.source.path).name  # fmt: skip
    label = label or f"sha256 {r.source.sha256[:12]}"
    if len(label) > 60:
        label = label[:59] + "…"
    return f"{headline} ({label})"


def _native(name: str, native: str | None) -> str:
    return name + (f" ({native})" if native and native != name else "")


def _indictment_text(i: Indictment) -> str:
    people = "; ".join(
        _native(p.name, p.name_native)
        + (f", {p.age}" if p.age is not None else "")
        + (f", {country_name(p.nationality)}" if p.nationality else "")
        for p in i.defendants
    )
    count = i.defendant_count if i.defendant_count is not None else len(i.defendants)
    where = country_name(i.jurisdiction) if i.jurisdiction else "an unstated jurisdiction"
    return (
        f"Indictment in {where}"
        + (f" by {i.authority}" if i.authority else "")
        + (f" on {i.date}" if i.date else " (date not stated)")
        + (f" of {count} defendant(s)" if count else "")
        + (f": {people}" if people else "")
        + (f". Charges: {', '.join(i.charges)}" if i.charges else "")
        + (f". Reward: {i.reward}" if i.reward else "")
        + (f". Linked actor: {i.actor}" if i.actor else "")
        + "."
    )


def _sanction_text(s: Sanction) -> str:
    targets = "; ".join(f"{_native(t.name, t.name_native)} ({t.kind})" for t in s.targets)
    by = ", ".join(country_name(c) for c in s.imposed_by) or "unstated authorities"
    return (
        f"Sanctions imposed by {by}"
        + (f" ({s.authority})" if s.authority else "")
        + (f" on {s.date}" if s.date else " (date not stated)")
        + (f". Targets: {targets}" if targets else "")
        + (f". Measures: {', '.join(s.measures)}" if s.measures else "")
        + "."
    )


def _attack_ref(attack_id: str, kind: str) -> dict[str, Any]:
    # The id is the stable reference OpenCTI and MISP match on. No URL: strict validation wants
    # a hash of every referenced page (check 302), and ATT&CK's pages change with each edit.
    return {"source_name": "mitre-attack", "external_id": attack_id}


def _actor(b: _Bundle, a: ThreatActor, sha: str, refs: list[str], orgs: dict[str, str]) -> str:
    aliases = [x for x in dict.fromkeys([*a.aliases, *a.mentions]) if x != a.name]
    sid = b.add(
        {
            "type": "intrusion-set",
            "id": _id("intrusion-set", a.name.lower()),
            "name": a.name,
            "aliases": aliases,
            "confidence": grade.actor(a),
            "external_references": [_attack_ref(a.attack_id, "groups")] if a.attack_id else [],
            "x_summarizer_evidence": _evidence(a.evidence, sha),
        }
    )
    refs.append(sid)
    loc = _location(b, a.country) if a.country else None
    if loc:
        refs += [loc, b.rel("originates-from", sid, loc)]
    if a.sponsor:
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


def _victim(
    b: _Bundle,
    v: Victim,
    sha: str,
    refs: list[str],
    orgs: dict[str, str],
    single: str | None,
    single_grade: int | None = None,
) -> None:
    ev = _evidence(v.evidence, sha)
    conf = grade.inferred(single_grade, grade.victim(v))
    loc = _location(b, v.country) if v.country else None
    if loc:
        refs.append(loc)
    if v.name:
        vid = b.add(
            {
                "type": "identity",
                "id": _id("identity", f"org:{v.name.lower()}"),
                "name": v.name,
                "identity_class": "organization",
                "description": v.description,
                "sectors": list(v.sectors),
                "confidence": grade.victim(v),
                "x_summarizer_evidence": ev,
            }
        )
        orgs[v.name.lower()] = vid
        refs.append(vid)
        if loc:
            refs.append(b.rel("located-at", vid, loc))
        if single:
            refs.append(b.rel("targets", single, vid, v.description, ev, conf))
        return
    # described only: no identity named by a description; its sectors and country are targeted
    what = v.description or v.name_native
    for sector in v.sectors:
        sid = _sector(b, sector)
        refs.append(sid)
        if single:
            refs.append(b.rel("targets", single, sid, what, ev, conf))
    if loc and single:
        refs.append(b.rel("targets", single, loc, what, ev, conf))


def _sentence_bounds(text: str | None, start: int, end: int) -> tuple[int, int]:
    if text is None or not 0 <= start <= end <= len(text):
        return start - _NEAR, end + _NEAR
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    m = _SENTENCE_END.search(text, end)
    return left, m.start() if m else len(text)


def _named_near(
    ind: Indicator, named: Sequence[tuple[str, list[Evidence]]], text: str | None
) -> list[str]:
    """Ids of the software/actors whose evidence lies in the sentence stating the IOC."""
    hits: list[str] = []
    for e in ind.evidence:
        if e.start < 0:
            continue
        lo, hi = _sentence_bounds(text, e.start, e.end)
        for oid, evs in named:
            if oid not in hits and any(lo <= x.start and x.end <= hi for x in evs if x.start >= 0):
                hits.append(oid)
    return hits


def _article(b: _Bundle, r: ThreatReport, text: str | None, produced: dt.date | None) -> None:
    from summarizer.ioc_hygiene import screen

    sha = r.source.sha256
    refs: list[str] = []
    orgs: dict[str, str] = {}  # lower-cased organization name -> identity id
    actor_ids = [_actor(b, a, sha, refs, orgs) for a in r.actors]
    # Relationships from an actor only when the article names exactly one: with several, the
    # article rarely says which one targeted whom or used what.
    single = actor_ids[0] if len(actor_ids) == 1 else None
    single_grade = grade.actor(r.actors[0]) if single else None
    published, published_from = published_date(r, produced)
    stamp = f"{published}T00:00:00.000Z"

    for v in r.victims:
        _victim(b, v, sha, refs, orgs, single, single_grade)

    software: list[tuple[str, list[Evidence]]] = []
    grades: dict[str, int] = {i: grade.actor(a) for i, a in zip(actor_ids, r.actors, strict=True)}
    for s in r.malware:
        kind = "tool" if s.kind == "tool" else "malware"
        mid = b.add(
            {
                "type": kind,
                "id": _id(kind, s.name.lower()),
                "name": s.name,
                "is_family": True if kind == "malware" else None,
                # the article names the program, not its kind: the vocabularies' "unknown"
                "malware_types": ["unknown"] if kind == "malware" else None,
                "tool_types": ["unknown"] if kind == "tool" else None,
                "aliases": [x for x in s.aliases if x != s.name],
                "confidence": grade.software(s),
                "external_references": [_attack_ref(s.attack_id, "software")]
                if s.attack_id
                else [],
                "x_summarizer_evidence": _evidence(s.evidence, sha),
            }
        )
        software.append((mid, s.evidence))
        grades[mid] = grade.software(s)
        refs.append(mid)
        if single:
            refs.append(
                b.rel("uses", single, mid, confidence=grade.inferred(single_grade, grades[mid]))
            )

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
                "confidence": grade.vulnerability(vu),
                "external_references": [{"source_name": "cve", "external_id": vu.cve}]
                if vu.cve
                else [],
                "x_summarizer_evidence": _evidence(vu.evidence, sha),
            }
        )
        refs.append(vid)
        if single and vu.cve:
            conf = grade.inferred(single_grade, grade.vulnerability(vu))
            refs.append(b.rel("targets", single, vid, confidence=conf))

    screened = screen(r.indicators)
    actors = list(zip(actor_ids, [a.evidence for a in r.actors], strict=True))
    for ind in screened.kept:
        pattern = _pattern(ind.type, ind.value)
        if pattern is None:
            continue
        quotes = [e.quote for e in ind.evidence if e.quote != ind.value]
        # indicates: the software the same sentence names, else the actor it names
        targets = _named_near(ind, software, text) or _named_near(ind, actors, text)
        conf = grade.indicator(ind, bool(targets))
        iid = b.add(
            {
                "type": "indicator",
                "id": _id("indicator", pattern),
                "name": ind.value,
                "description": f"{ind.type} stated in the article (not vetted for detection)"
                + (f"; written defanged as {quotes[0]}" if quotes else "")
                + "; the quote is in x_summarizer_evidence",
                "pattern": pattern,
                "pattern_type": "stix",
                "valid_from": stamp,
                "indicator_types": ["malicious-activity"],
                "confidence": conf,
                "x_summarizer_evidence": _evidence(ind.evidence, sha),
            }
        )
        refs.append(iid)
        refs += [
            b.rel("indicates", iid, t, confidence=grade.inferred(conf, grades.get(t)))
            for t in targets
        ]

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

    # wall-clock seconds would make two runs differ, the server address is not the reader's
    provenance = r.provenance.model_dump(mode="json", exclude={"seconds", "base_url"})
    b.add(
        {
            "type": "report",
            "id": report_id,
            "name": report_name(r),
            "description": r.summary,
            "published": stamp,
            "report_types": ["threat-report"],
            "lang": "en",
            "object_refs": list(dict.fromkeys(refs)) or [b.creator],
            "external_references": [source_reference(r)],
            "x_summarizer_provenance": provenance,
            "x_summarizer_warnings": [*r.warnings, *screened.warnings()],
            "x_summarizer_published_from": published_from,
        }
    )


def to_stix_bundle(
    reports: list[ThreatReport],
    *,
    tlp: str = "clear",
    texts: Sequence[str | None] | None = None,
    produced: dt.date | None = None,
    author: str | None = None,
) -> dict[str, Any]:
    """One deduplicated STIX 2.1 bundle for one or many reports (plain JSON-able dict).

    Args:
        reports: finished reports (one article or a batch).
        tlp: ``clear``, ``green``, ``amber`` or ``red``; marks every object.
        texts: the decoded articles, in the order of ``reports`` (optional): sentence bounds
            for ``indicates``; without them, names within 120 characters of an IOC count.
        produced: the export date standing in for ``published`` when a report has no date
            (default: today, UTC).
        author: the organization named as every object's creator (``created_by_ref``, an
            ``identity`` of class organization); default: the "summarizer" system identity.

    Raises:
        ValueError: an unknown TLP level.
    """
    b = _Bundle(tlp, author)
    for n, r in enumerate(reports):
        text = texts[n] if texts is not None and n < len(texts) else None
        _article(b, r, text, produced)
    objects = sorted(
        b.objects.values(),
        key=lambda o: (o["type"] != "marking-definition", o["type"] != "identity", o["id"]),
    )
    bundle_id = _id("bundle", "|".join(o["id"] for o in objects))
    return {"type": "bundle", "id": bundle_id, "objects": objects}
