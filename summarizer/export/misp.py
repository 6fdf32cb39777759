"""ThreatReport -> MISP event (pymisp), importable as JSON without a server round-trip, and a
batch -> a MISP feed folder (docs/exports.md).

* Event: ``info`` = headline, UUIDv5 of the source's SHA-256 (the same article is the same
  event), ``date`` = the article's publication date (``source.published``), else the latest
  date it states for an indictment or sanction, else the export date (the event report says
  which), ``analysis`` 2 (complete), ``threat_level_id`` 2 (medium), ``distribution`` 0 (your
  organisation only: sharing is your decision), tag ``tlp:clear`` or the ``--tlp`` level.
* Attributes, each with its Japanese evidence quote and offsets in the comment, ``to_ids`` off
  (the article reports them; nobody vetted them for detection): ``threat-actor`` per actor;
  ``text`` (category Payload installation) per malware/tool; ``vulnerability`` per CVE;
  ``target-org`` per named victim, ``target-location`` (ISO 3166 name) per victim country;
  IOCs as ``url``, ``domain``, ``ip-dst``, ``md5``, ``sha1``, ``sha256``, ``sha512``,
  ``email`` after IOC hygiene (``summarizer.ioc_hygiene``: refanged, the defanged form the
  article wrote kept in the comment; values on chosen MISP warninglists dropped and listed in
  the event report), each linked to the malware, tool or actor named in the same sentence by
  that software's or actor's galaxy tags on the attribute and an "indicates" note in its
  comment; defendants and sanctioned people as ``full-name`` (romanized and native),
  sanctioned organizations as ``text`` (Attribution); the source as ``link`` (public URL) or
  ``text`` (the file name, never a local path), SHA-256 in the comment.
* Tags on the event: ``misp-galaxy:threat-actor="NAME"`` when the actor's canonical name or an
  alias is a value of MISP's threat-actor galaxy (else an unambiguous synonym),
  ``misp-galaxy:mitre-intrusion-set="NAME - Gxxxx"`` by ATT&CK id, ``mitre-malware`` /
  ``mitre-tool`` by ATT&CK id and ``malpedia`` by name for software, ``sector`` for victims'
  sectors MISP's sector galaxy has. Country tags (``misp-galaxy:country="china"``) go on the
  attribute they describe (actor or target location), never on the event, where they would not
  say whose country it is.
* Event report "summarizer brief": the English brief with indictments and sanctions (with
  their dates) in Markdown.
* ``Orgc``: the ``--author`` organisation, else summarizer. Actors, software, CVEs, named
  victims and IOCs carry an ``estimative-language:confidence-in-analytic-judgment`` tag
  (low/moderate/high, ``summarizer.export.confidence``), as does a guessed romanization.

A batch is written as a MISP feed (``write_feed``): one ``UUID.json`` per event
(``{"Event": ...}`` with ``Orgc`` = summarizer), ``manifest.json`` (uuid -> info, date, Orgc,
tags, timestamp) and ``hashes.csv``, the layout MISP's "Add feed" (MISP feed format) and
pymisp read. Not carried: offsets as structured data (only in comments), the structured
indictment/sanction records (Markdown and attributes only), actor-to-victim relations, ages
and rewards except in the report, provenance beyond the report's last lines.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from functools import cache
from pathlib import Path, PurePath, PureWindowsPath
from typing import Any

from summarizer.countries import country_name
from summarizer.export import confidence as grade
from summarizer.export.stix import TLP_LEVELS, _named_near, published_date
from summarizer.models import Evidence, ThreatReport

__all__ = ["NAMESPACE", "threat_actor_cluster", "to_misp_event", "to_misp_events", "write_feed"]

NAMESPACE = uuid.UUID("2b0f3a5e-4c1d-5e6f-8a7b-9c0d1e2f3a4b")
ORG_NAME = "summarizer"
ORG_UUID = str(uuid.uuid5(NAMESPACE, "org:summarizer"))
_IOC_TYPES = {
    "url": "url",
    "domain": "domain",
    "ipv4": "ip-dst",
    "ipv6": "ip-dst",
    "md5": "md5",
    "sha1": "sha1",
    "sha256": "sha256",
    "sha512": "sha512",
    "email": "email",
}
# STIX industry-sector-ov -> MISP sector galaxy value (only where the meaning is the same)
_SECTORS = {
    "aerospace": "Aerospace",
    "agriculture": "Agriculture",
    "automotive": "Automotive",
    "chemical": "Chemical",
    "construction": "Construction",
    "defense": "Defense",
    "education": "Education",
    "energy": "Energy",
    "entertainment": "Entertainment",
    "financial-services": "Finance",
    "government": "Government, Administration",
    "government-national": "Government, Administration",
    "government-local": "Government, Administration",
    "government-regional": "Government, Administration",
    "government-public-services": "Government, Administration",
    "healthcare": "Health",
    "hospitality-leisure": "Hospitality",
    "infrastructure": "Infrastructure",
    "insurance": "Insurance",
    "manufacturing": "Manufacturing",
    "mining": "Mining",
    "non-profit": "Non-profit organisation",
    "retail": "Retail",
    "technology": "Technology",
    "telecommunications": "Telecoms",
    "transportation": "Transport",
    "water": "Water",
}


@cache
def _cluster(name: str) -> list[dict[str, Any]]:
    """The values of one galaxy shipped with pymispgalaxies (read once, lazily).

    ``pymispgalaxies.Clusters()`` parses every galaxy (about 5 s); one file is milliseconds.
    """
    import pymispgalaxies

    path = Path(pymispgalaxies.__file__).parent / "data" / "misp-galaxy" / "clusters"
    try:
        data = json.loads((path / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return list(data.get("values", []))


@cache
def _values(name: str) -> dict[str, str]:
    """Lower-cased cluster value -> value."""
    return {str(v["value"]).lower(): str(v["value"]) for v in _cluster(name)}


@cache
def _synonyms(name: str) -> dict[str, str]:
    """Lower-cased synonym -> value, for synonyms that belong to exactly one cluster value."""
    seen: dict[str, set[str]] = {}
    for v in _cluster(name):
        for syn in (v.get("meta") or {}).get("synonyms", []):
            seen.setdefault(str(syn).lower(), set()).add(str(v["value"]))
    return {k: next(iter(vs)) for k, vs in seen.items() if len(vs) == 1}


@cache
def _by_attack_id(name: str) -> dict[str, str]:
    """ATT&CK id -> cluster value for the mitre-* galaxies ("ZIRCONIUM - G0128")."""
    out: dict[str, str] = {}
    for v in _cluster(name):
        value = str(v["value"])
        ext = (v.get("meta") or {}).get("external_id")
        key = ext if isinstance(ext, str) else value.rsplit(" - ", 1)[-1]
        out.setdefault(key, value)
    return out


@cache
def _countries() -> dict[str, tuple[str, str]]:
    """ISO 3166-1 alpha-2 -> (value, name) in MISP's country galaxy ("CN" -> "china", "China")."""
    return {
        str(v["meta"]["ISO"]).upper(): (str(v["value"]), str(v.get("description") or v["value"]))
        for v in _cluster("country")
        if (v.get("meta") or {}).get("ISO")
    }


def threat_actor_cluster(name: str, aliases: list[str]) -> str | None:
    """The threat-actor galaxy value for an actor: its names as values first, then synonyms."""
    names = [name, *aliases]
    values, synonyms = _values("threat-actor"), _synonyms("threat-actor")
    hit = next((values[n.lower()] for n in names if n.lower() in values), None)
    return hit or next((synonyms[n.lower()] for n in names if n.lower() in synonyms), None)


def _comment(evs: list[Evidence], what: str) -> str:
    quotes = [f"「{e.quote}」[{e.start}:{e.end}]" for e in evs[:3] if e.start >= 0]
    return f"{what}; evidence: {' '.join(quotes)}"[:1000] if quotes else what


def _country_tag(cc: str | None) -> list[str]:
    hit = _countries().get((cc or "").upper())
    return [f'misp-galaxy:country="{hit[0]}"'] if hit else []


def _actor_tags(name: str, aliases: list[str], attack_id: str | None) -> list[str]:
    tags = []
    if hit := threat_actor_cluster(name, aliases):
        tags.append(f'misp-galaxy:threat-actor="{hit}"')
    if attack_id and (v := _by_attack_id("mitre-intrusion-set").get(attack_id)):
        tags.append(f'misp-galaxy:mitre-intrusion-set="{v}"')
    return tags


def _software_tags(name: str, aliases: list[str], kind: str, attack_id: str | None) -> list[str]:
    tags = []
    # ATT&CK's own classification decides the galaxy (it files Cobalt Strike under malware)
    order = ["mitre-tool", "mitre-malware"] if kind == "tool" else ["mitre-malware", "mitre-tool"]
    for galaxy in order:
        if attack_id and (v := _by_attack_id(galaxy).get(attack_id)):
            tags.append(f'misp-galaxy:{galaxy}="{v}"')
            break
    malpedia = _values("malpedia")
    if m := next((malpedia[n.lower()] for n in [name, *aliases] if n.lower() in malpedia), None):
        tags.append(f'misp-galaxy:malpedia="{m}"')
    return tags


def _native(name: str, native: str | None) -> str:
    return name + (f" ({native})" if native and native != name else "")


def _event_report(r: ThreatReport, date: str, date_from: str, dropped: list[str]) -> str:
    lines = [f"# {r.headline}", "", r.summary, ""]
    for ind in r.indictments:
        people = ", ".join(
            _native(p.name, p.name_native) + (f", {p.age}" if p.age is not None else "")
            for p in ind.defendants
        )
        count = ind.defendant_count if ind.defendant_count is not None else len(ind.defendants)
        where = country_name(ind.jurisdiction) if ind.jurisdiction else "jurisdiction not stated"
        lines.append(
            f"- Indictment ({where}; {ind.authority or 'authority not stated'}; "
            + (ind.date or "date not stated")
            + f"): {count} defendant(s)"
            + (f" {people}" if people else "")
            + f"; charges: {', '.join(ind.charges) or 'not stated'}"
            + (f"; reward: {ind.reward}" if ind.reward else "")
            + (f"; actor: {ind.actor}" if ind.actor else "")
        )
    for s in r.sanctions:
        targets = ", ".join(_native(t.name, t.name_native) for t in s.targets)
        by = ", ".join(country_name(c) for c in s.imposed_by) or "imposer not stated"
        lines.append(
            f"- Sanctions by {by}"
            + (f" ({s.authority})" if s.authority else "")
            + f"; {s.date or 'date not stated'}"
            + f": {targets or 'targets not stated'}"
            + (f"; measures: {', '.join(s.measures)}" if s.measures else "")
        )
    if dropped:
        lines += ["", "Indicators not exported (MISP warninglists):"]
        lines += [f"- {d}" for d in dropped]
    p = r.provenance
    why = {
        "source": "the article's publication date",
        "action-date": "the latest date of an indictment or sanction it reports",
        "export-date": "no date known: the date of this export",
    }[date_from]
    lines += [
        "",
        f"_Event date {date}: {why}._",
        f"_summarizer: engine {p.engine}, prompt {p.prompt_id}, schema {p.schema_id}_",
    ]
    return "\n".join(lines)


def _file_name(path: str) -> str:
    return PureWindowsPath(path).name if "\\" in path else PurePath(path).name


def org_uuid(author: str | None) -> str:
    """The creator organisation's uuid: summarizer's own, or one derived from ``--author``."""
    return str(uuid.uuid5(NAMESPACE, f"org:{author.casefold()}")) if author else ORG_UUID


def _event(
    r: ThreatReport,
    tlp: str,
    produced: dt.date | None,
    text: str | None = None,
    author: str | None = None,
) -> Any:
    from pymisp import MISPAttribute, MISPEvent, MISPOrganisation

    from summarizer.ioc_hygiene import screen

    if tlp not in TLP_LEVELS:
        raise ValueError(f"unknown TLP level {tlp!r} (one of {', '.join(TLP_LEVELS)})")
    ev = MISPEvent()
    ev.uuid = str(uuid.uuid5(NAMESPACE, f"event:{r.source.sha256}"))
    ev.info = r.headline or r.source.title or "untitled article"
    date, date_from = published_date(r, produced)
    ev.set_date(date)
    ev.analysis = 2
    ev.threat_level_id = 2
    ev.distribution = 0
    org = MISPOrganisation()
    org.name = author or ORG_NAME
    org.uuid = org_uuid(author)
    ev.Orgc = org
    seen: set[tuple[str, str]] = set()
    tags: list[str] = [f"tlp:{tlp}"]

    def add(kind: str, value: str, comment: str, category: str | None = None, **kw: Any) -> None:
        if not value or (kind, value) in seen:
            return
        seen.add((kind, value))
        attr = ev.add_attribute(kind, value, category=category, to_ids=False, comment=comment, **kw)
        if isinstance(attr, MISPAttribute):  # a list only for a list of values
            attr.uuid = str(uuid.uuid5(NAMESPACE, f"{ev.uuid}:{kind}:{value}"))

    actor_tags: list[tuple[str, list[str], list[Evidence]]] = []
    for a in r.actors:
        what = f"actor {a.name}" + (
            f", attributed to {country_name(a.country)}" if a.country else ""
        )
        what += f", sponsor {a.sponsor}" if a.sponsor else ""
        what += f", ATT&CK {a.attack_id}" if a.attack_id else ""
        what += f"; aliases {', '.join(a.mentions)}" if a.mentions else ""
        add(
            "threat-actor",
            a.name,
            _comment(a.evidence, what),
            Tag=_country_tag(a.country) + grade.misp_tag(grade.actor(a)),
        )
        mine = _actor_tags(a.name, a.aliases, a.attack_id)
        tags += mine
        actor_tags.append((a.name, mine, a.evidence))
    software_tags: list[tuple[str, list[str], list[Evidence]]] = []
    for s in r.malware:
        what = s.kind + (f", ATT&CK {s.attack_id}" if s.attack_id else "")
        add(
            "text",
            s.name,
            _comment(s.evidence, what),
            "Payload installation",
            Tag=grade.misp_tag(grade.software(s)),
        )
        mine = _software_tags(s.name, s.aliases, s.kind, s.attack_id)
        tags += mine
        software_tags.append((s.name, mine, s.evidence))
    for v in r.vulnerabilities:
        if v.cve:
            add(
                "vulnerability",
                v.cve,
                _comment(v.evidence, v.description or "CVE named"),
                Tag=grade.misp_tag(grade.vulnerability(v)),
            )
    for vi in r.victims:
        what = ", ".join([x for x in (vi.description, *vi.sectors) if x]) or "victim"
        if vi.name:
            add(
                "target-org",
                vi.name,
                _comment(vi.evidence, _native(what, vi.name_native)),
                Tag=grade.misp_tag(grade.victim(vi)),
            )
        if vi.country:
            add(
                "target-location",
                country_name(vi.country),
                f"victim country {vi.country}",
                Tag=_country_tag(vi.country),
            )
        tags += [f'misp-galaxy:sector="{_SECTORS[s]}"' for s in vi.sectors if s in _SECTORS]
    screened = screen(r.indicators)
    for ioc in screened.kept:
        kind = _IOC_TYPES.get(ioc.type.lower())
        if not kind:
            continue
        what = f"{ioc.type} stated in the article"
        written = [e.quote for e in ioc.evidence if e.quote != ioc.value]
        if written:
            what += f", written defanged as {written[0]}"
        # linked to the software named in the same sentence, else the actor it names
        near = [(name, evs) for name, _t, evs in software_tags]
        names = _named_near(ioc, near, text) or _named_near(
            ioc, [(name, evs) for name, _t, evs in actor_tags], text
        )
        linked = [t for name, ts, _e in [*software_tags, *actor_tags] if name in names for t in ts]
        if names:
            what += f"; indicates {', '.join(names)}"
        conf = grade.misp_tag(grade.indicator(ioc, bool(names)))
        add(kind, ioc.value, _comment(ioc.evidence, what), Tag=[*dict.fromkeys(linked), *conf])
    for ind in r.indictments:
        where = f"defendant, {ind.jurisdiction or '?'} indictment" + (
            f" ({ind.actor})" if ind.actor else ""
        )
        for p in ind.defendants:
            native = f"{where}; native name {p.name_native}" if p.name_native else where
            # a romanization that is a guess (katakana) is flagged as such
            guess = grade.misp_tag(grade.LOW) if p.name_uncertain else []
            add("full-name", p.name, _comment(ind.evidence, native), Tag=guess)
            if p.name_native:
                add("full-name", p.name_native, f"{where}; romanized {p.name}")
    for sa in r.sanctions:
        where = f"sanctioned by {', '.join(sa.imposed_by) or '?'}"
        for t in sa.targets:
            if t.kind == "person":
                add("full-name", t.name, _comment(sa.evidence, _native(where, t.name_native)))
            else:
                add(
                    "text",
                    t.name,
                    _comment(sa.evidence, _native(where, t.name_native)),
                    "Attribution",
                )
    src = f"source article; sha256 {r.source.sha256}"
    if r.source.url and r.source.url.lower().startswith(("http://", "https://")):
        add("link", r.source.url, src)
    elif r.source.path and r.source.path != "-":
        add("text", _file_name(r.source.path), f"{src}; file name", "External analysis")
    for tag in dict.fromkeys(tags):
        ev.add_tag(tag)
    report = ev.add_event_report(
        "summarizer brief", _event_report(r, date, date_from, screened.warnings())
    )
    report.uuid = str(uuid.uuid5(NAMESPACE, f"{ev.uuid}:report"))
    # feed timestamps: the export day, so a re-export on a later day updates MISP's copy
    stamp = dt.datetime.combine(
        produced or dt.datetime.now(dt.UTC).date(), dt.time(), tzinfo=dt.UTC
    )
    ev.timestamp = stamp
    ev.publish_timestamp = stamp
    return ev


def to_misp_event(
    report: ThreatReport,
    *,
    tlp: str = "clear",
    produced: dt.date | None = None,
    text: str | None = None,
    author: str | None = None,
) -> dict[str, Any]:
    """The MISP event of one report, as ``{"Event": {...}}``.

    Args:
        report: a finished report.
        tlp: ``clear``, ``green``, ``amber`` or ``red``: the event's ``tlp:`` tag.
        produced: the export date (default today, UTC): the event's date when the article
            states none, and the feed timestamp.
        text: the decoded article (optional): an indicator is linked to the software or actor
            named in its sentence; without it, named within 120 characters.
        author: the creator organisation's name (``Orgc``); default "summarizer".

    Raises:
        ValueError: an unknown TLP level.
    """
    data: dict[str, Any] = json.loads(_event(report, tlp, produced, text, author).to_json())
    event = data.get("Event", data)
    for key in ("timestamp", "publish_timestamp"):  # feed metadata, see write_feed
        event.pop(key, None)
    return {"Event": event}


def to_misp_events(
    reports: list[ThreatReport],
    *,
    tlp: str = "clear",
    produced: dt.date | None = None,
    author: str | None = None,
) -> list[dict[str, Any]]:
    """The MISP events of a batch, each ``{"Event": ...}`` (write them with ``write_feed``)."""
    return [to_misp_event(r, tlp=tlp, produced=produced, author=author) for r in reports]


def write_feed(
    reports: list[ThreatReport],
    folder: Path,
    *,
    tlp: str = "clear",
    produced: dt.date | None = None,
    author: str | None = None,
) -> list[str]:
    """Write a MISP feed: ``UUID.json`` per event, ``manifest.json`` and ``hashes.csv``.

    Each file is written to a temporary name and renamed, the manifest last, so a reader never
    sees a manifest that names a missing event. Returns the event UUIDs in input order.

    Raises:
        OSError: the folder cannot be created or written.
        ValueError: an unknown TLP level.
    """
    from summarizer.fsutil import atomic_open

    folder.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {}
    hashes: list[str] = []
    uuids: list[str] = []
    for r in reports:
        ev = _event(r, tlp, produced, author=author)
        feed = ev.to_feed(with_meta=True)["Event"]
        manifest.update(feed.pop("_manifest"))
        hashes += [f"{h},{ev.uuid}" for h in feed.pop("_hashes")]
        with atomic_open(folder / f"{ev.uuid}.json") as fh:
            fh.write(json.dumps({"Event": feed}, indent=1, ensure_ascii=False) + "\n")
        uuids.append(str(ev.uuid))
    with atomic_open(folder / "hashes.csv") as fh:
        fh.write("".join(f"{h}\n" for h in hashes))
    with atomic_open(folder / "manifest.json") as fh:
        fh.write(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    return uuids
