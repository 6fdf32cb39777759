"""The response model the LLM fills (``ArticleExtraction``) and its conversion to ``Findings``.

It is smaller than the ThreatReport: no offsets (a model cannot count characters), one
``quote`` per item that the grounding step must find in the article. Lenient types (plain
strings for countries and sectors) so a weak model's near-misses survive validation and are
cleaned by normalization instead of costing a re-ask.
"""

from __future__ import annotations

import copy
import json
from typing import Any, cast

from pydantic import BaseModel, Field, field_validator

from summarizer.models import (
    SECTORS,
    Evidence,
    Findings,
    Indictment,
    Party,
    Person,
    Sanction,
    Sector,
    Software,
    ThreatActor,
    Victim,
    Vulnerability,
)

_SCHEMAS: dict[str, dict[str, Any]] = {}


class _Item(BaseModel):
    pass


class XActor(_Item):
    name: str
    country: str | None = None
    sponsor: str | None = None
    attributed_by: str | None = None
    quote: str


class XPerson(_Item):
    name: str
    name_native: str | None = None
    age: int | None = None


class XIndictment(_Item):
    jurisdiction: str | None = None
    authority: str | None = None
    charges: list[str] = Field(default_factory=list)
    defendants: list[XPerson] = Field(default_factory=list)
    defendant_count: int | None = None
    actor: str | None = None
    quote: str


class XParty(_Item):
    name: str
    name_native: str | None = None
    kind: str = Field("organization", description="person|organization")


class XSanction(_Item):
    imposed_by: list[str] = Field(default_factory=list)
    authority: str | None = None
    targets: list[XParty] = Field(default_factory=list)
    measures: list[str] = Field(default_factory=list)
    quote: str


class XVictim(_Item):
    name: str | None = None
    name_native: str | None = None
    description: str | None = None
    sectors: list[str] = Field(default_factory=list)
    country: str | None = None
    quote: str


class XSoftware(_Item):
    name: str
    kind: str = Field("malware", description="malware|tool")
    quote: str


class XVulnerability(_Item):
    cve: str | None = None
    description: str | None = None
    quote: str


def _inline(schema: Any, defs: dict[str, Any]) -> Any:
    """``$ref``s replaced by their definitions (each used once: inlining is shorter)."""
    if isinstance(schema, list):
        return [_inline(x, defs) for x in schema]
    if not isinstance(schema, dict):
        return schema
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return _inline(defs[ref.rsplit("/", 1)[1]], defs)
    return {k: _inline(v, defs) for k, v in schema.items() if k != "$defs"}


def compact_schema(schema: Any) -> Any:
    """The schema a model is shown: no titles or defaults, optional values as their plain type.

    Titles repeat the field names and defaults say nothing a model acts on; ``anyOf [T, null]``
    becomes ``T`` (the model may omit the field; validation still accepts null). Measured with
    o200k: 2,372 tokens pretty-printed with titles -> see ``scripts/benchmark.py`` ``llm.lean``.
    """
    if isinstance(schema, list):
        return [compact_schema(x) for x in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for k, v in schema.items():
        if k in ("title", "default"):
            continue
        if k == "properties" and isinstance(v, dict):
            out[k] = {name: compact_schema(p) for name, p in v.items()}
            continue
        out[k] = compact_schema(v)
    any_of = out.get("anyOf")
    if isinstance(any_of, list):
        kept = [x for x in any_of if x != {"type": "null"}]
        if len(kept) == 1 and len(kept) < len(any_of):
            out.pop("anyOf")
            out = {**kept[0], **out}
    return out


class ArticleExtraction(BaseModel):
    """Findings.

    (The first line is the tool description OpenAI's tools mode sends: kept to one word.)
    """

    actors: list[XActor] = Field(default_factory=list)
    indictments: list[XIndictment] = Field(default_factory=list)
    sanctions: list[XSanction] = Field(default_factory=list)
    victims: list[XVictim] = Field(default_factory=list)
    malware: list[XSoftware] = Field(default_factory=list)
    vulnerabilities: list[XVulnerability] = Field(default_factory=list)

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The compact schema (see ``compact_schema``), cached: instructor asks for it on every
        request (about 25 ms each)."""
        key = repr((args, sorted(kwargs.items())))
        cached = _SCHEMAS.get(key)
        if cached is None:
            full = super().model_json_schema(*args, **kwargs)
            full.pop("description", None)
            compact = compact_schema(_inline(full, full.get("$defs", {})))
            # every list is required: a grammar-constrained model must open each one (a base
            # model otherwise closes the object at once: '{}'); the top-level title names the
            # tool in OpenAI's tools mode
            compact["required"] = list(compact["properties"])
            cached = _SCHEMAS[key] = {"title": cls.__name__, **compact}
        return copy.deepcopy(cached)

    @field_validator(
        "actors", "indictments", "sanctions", "victims", "malware", "vulnerabilities",
        mode="before",
    )  # fmt: skip
    @classmethod
    def _null_is_empty(cls, v: object) -> object:
        return [] if v is None else v


def schema_text() -> str:
    """The response schema as sent in a prompt: minified, once."""
    return json.dumps(ArticleExtraction.model_json_schema(), separators=(",", ":"),
                      ensure_ascii=False)  # fmt: skip


def _ev(quote: str) -> list[Evidence]:
    q = quote.strip()
    return [Evidence(quote=q, start=-1, end=-1)] if q else []


_SECTOR_SYNONYMS = {
    "finance": "financial-services", "financial": "financial-services",
    "banking": "financial-services",
    "telecom": "telecommunications", "military": "defense", "tech": "technology",
    "it": "technology", "health": "healthcare", "medical": "healthcare", "academia": "education",
}  # fmt: skip


def _sectors(values: list[str]) -> list[Sector]:
    """Keep the STIX industry-sector-ov values a model wrote (common near-misses mapped)."""
    out: list[Sector] = []
    for v in values:
        key = v.strip().lower().replace(" ", "-").replace("_", "-")
        key = _SECTOR_SYNONYMS.get(key, key)
        if key in SECTORS and key not in out:
            out.append(cast(Sector, key))
    return out


def _str_or_none(v: str | None) -> str | None:
    v = (v or "").strip()
    return v or None


def to_findings(x: ArticleExtraction) -> Findings:
    """Map the model's answer onto the contract's entities, evidence not yet located."""
    return Findings(
        actors=[
            ThreatActor(
                name=a.name.strip(),
                mentions=[a.name.strip()],
                country=_str_or_none(a.country),
                sponsor=_str_or_none(a.sponsor),
                attributed_by=_str_or_none(a.attributed_by),
                evidence=_ev(a.quote),
            )
            for a in x.actors
            if a.name.strip()
        ],
        indictments=[
            Indictment(
                jurisdiction=_str_or_none(i.jurisdiction),
                authority=_str_or_none(i.authority),
                charges=[c for c in i.charges if c.strip()],
                defendants=[
                    Person(
                        name=p.name.strip() or (p.name_native or ""),
                        name_native=p.name_native,
                        age=p.age,
                    )
                    for p in i.defendants
                    if p.name.strip() or (p.name_native or "").strip()
                ],
                defendant_count=i.defendant_count,
                actor=_str_or_none(i.actor),
                evidence=_ev(i.quote),
            )
            for i in x.indictments
        ],
        sanctions=[
            Sanction(
                imposed_by=[c for c in s.imposed_by if c.strip()],
                authority=_str_or_none(s.authority),
                targets=[
                    Party(
                        name=t.name.strip(),
                        name_native=t.name_native,
                        kind="person" if t.kind.strip().lower() == "person" else "organization",
                    )
                    for t in s.targets
                    if t.name.strip()
                ],
                measures=[m for m in s.measures if m.strip()],
                evidence=_ev(s.quote),
            )
            for s in x.sanctions
        ],
        victims=[
            Victim(
                name=_str_or_none(v.name),
                name_native=_str_or_none(v.name_native),
                description=_str_or_none(v.description),
                sectors=_sectors(v.sectors),
                country=_str_or_none(v.country),
                evidence=_ev(v.quote),
            )
            for v in x.victims
        ],
        malware=[
            Software(
                name=m.name.strip(),
                kind="tool" if m.kind.strip().lower() == "tool" else "malware",
                evidence=_ev(m.quote),
            )
            for m in x.malware
            if m.name.strip()
        ],
        vulnerabilities=[
            Vulnerability(
                cve=_str_or_none(v.cve),
                description=_str_or_none(v.description),
                evidence=_ev(v.quote),
            )
            for v in x.vulnerabilities
        ],
    )
