"""The response model the LLM fills (``ArticleExtraction``) and its conversion to ``Findings``.

It is smaller than the ThreatReport: no offsets (a model cannot count characters), one
``quote`` per item that the grounding step must find in the article. Lenient types (plain
strings for countries and sectors) so a weak model's near-misses survive validation and are
cleaned by normalization instead of costing a re-ask.
"""

from __future__ import annotations

import copy
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
_QUOTE = "verbatim Japanese span from the article that states this item"


class _Item(BaseModel):
    pass


class XActor(_Item):
    name: str = Field(description="threat actor name, English if known (e.g. APT31)")
    country: str | None = Field(None, description="attributed state, ISO alpha-2")
    sponsor: str | None = Field(None, description="sponsoring organ in English")
    attributed_by: str | None = None
    quote: str = Field(description=_QUOTE)


class XPerson(_Item):
    name: str = Field(description="romanized, English press order")
    name_native: str | None = Field(None, description="as written in the article")
    age: int | None = None


class XIndictment(_Item):
    jurisdiction: str | None = Field(None, description="ISO alpha-2")
    authority: str | None = None
    charges: list[str] = Field(default_factory=list)
    defendants: list[XPerson] = Field(default_factory=list)
    defendant_count: int | None = None
    actor: str | None = None
    quote: str = Field(description=_QUOTE)


class XParty(_Item):
    name: str
    name_native: str | None = None
    kind: str = Field("organization", description="person or organization")


class XSanction(_Item):
    imposed_by: list[str] = Field(default_factory=list, description="ISO alpha-2 codes")
    authority: str | None = None
    targets: list[XParty] = Field(default_factory=list)
    measures: list[str] = Field(default_factory=list)
    quote: str = Field(description=_QUOTE)


class XVictim(_Item):
    name: str | None = Field(None, description="English name, null if only described")
    name_native: str | None = None
    description: str | None = None
    sectors: list[str] = Field(default_factory=list, description="STIX industry sectors")
    country: str | None = Field(None, description="ISO alpha-2")
    quote: str = Field(description=_QUOTE)


class XSoftware(_Item):
    name: str
    kind: str = Field("malware", description="malware or tool")
    quote: str = Field(description=_QUOTE)


class XVulnerability(_Item):
    cve: str | None = Field(None, description="CVE id as written")
    description: str | None = None
    quote: str = Field(description=_QUOTE)


class ArticleExtraction(BaseModel):
    """Threat intelligence stated in one Japanese article."""

    headline: str = Field("", description="English one-line headline")
    summary: str = Field("", description="English summary, 3-6 sentences")
    actors: list[XActor] = Field(default_factory=list)
    indictments: list[XIndictment] = Field(default_factory=list)
    sanctions: list[XSanction] = Field(default_factory=list)
    victims: list[XVictim] = Field(default_factory=list)
    malware: list[XSoftware] = Field(default_factory=list)
    vulnerabilities: list[XVulnerability] = Field(default_factory=list)

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Cached: instructor asks for the schema on every request (about 25 ms each)."""
        key = repr((args, sorted(kwargs.items())))
        cached = _SCHEMAS.get(key)
        if cached is None:
            cached = _SCHEMAS[key] = super().model_json_schema(*args, **kwargs)
        return copy.deepcopy(cached)

    @field_validator(
        "actors", "indictments", "sanctions", "victims", "malware", "vulnerabilities",
        mode="before",
    )  # fmt: skip
    @classmethod
    def _null_is_empty(cls, v: object) -> object:
        return [] if v is None else v


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
        headline=_str_or_none(x.headline),
        summary=_str_or_none(x.summary),
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
