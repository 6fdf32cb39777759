"""The ThreatReport contract (SPEC.md, "Output contract") and the engines' intermediate result.

Field names here are a public contract: other tools and ``summarizer eval`` read them. Fields may
be added, never renamed. ``schemas/threat_report.schema.json`` is exported from these models
(``summarizer schema --write``) and a test fails when it is stale.

``Findings`` is what an extractor (LLM or rules) returns for one chunk: the same entity models,
with evidence that may not be located yet (``start == end == -1``). The grounding step locates
every quote in the decoded text and drops what it cannot find.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticUndefined

SCHEMA_VERSION = "1"

SECTORS: tuple[str, ...] = (
    "agriculture", "aerospace", "automotive", "chemical", "commercial", "communications",
    "construction", "defense", "education", "energy", "entertainment", "financial-services",
    "government", "government-emergency-services", "government-local", "government-national",
    "government-public-services", "government-regional", "healthcare", "hospitality-leisure",
    "infrastructure", "dams", "nuclear", "water", "insurance", "manufacturing", "mining",
    "non-profit", "pharmaceuticals", "retail", "technology", "telecommunications",
    "transportation", "utilities",
)  # fmt: skip

Sector = Literal[
    "agriculture", "aerospace", "automotive", "chemical", "commercial", "communications",
    "construction", "defense", "education", "energy", "entertainment", "financial-services",
    "government", "government-emergency-services", "government-local", "government-national",
    "government-public-services", "government-regional", "healthcare", "hospitality-leisure",
    "infrastructure", "dams", "nuclear", "water", "insurance", "manufacturing", "mining",
    "non-profit", "pharmaceuticals", "retail", "technology", "telecommunications",
    "transportation", "utilities",
]  # fmt: skip


_DATE_DOC = "ISO date the text states (YYYY-MM-DD; YYYY-MM or YYYY when it states no more)"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """``BaseModel.model_copy`` without its generic path (these models forbid extra fields
        and have no private attributes): the same copy, several times cheaper, which matters
        because the pipeline copies every entity a few times per article."""
        if deep:
            return super().model_copy(update=update, deep=deep)
        cls = type(self)
        copied = cls.__new__(cls)
        data = self.__dict__.copy()
        fields_set = set(self.__pydantic_fields_set__)
        if update:
            data.update(update)
            fields_set.update(update.keys())
        _setattr(copied, "__dict__", data)
        _setattr(copied, "__pydantic_extra__", None)
        _setattr(copied, "__pydantic_fields_set__", fields_set)
        _setattr(copied, "__pydantic_private__", None)
        return copied

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """What ``cls(**values)`` makes, without validating the values: only for values this
        package's own code made of the right types (models, lists of models, str, int, None),
        never for anything read from a model's output, a file or a user. Fields not given take
        their defaults, and only the given ones count as set, as with the constructor; the lists
        are used as given (not copied), so pass lists that nothing else changes."""
        obj = cls.__new__(cls)
        data: dict[str, Any] = {}
        given = 0
        for name, factory, default in _defaults(cls):
            if name in values:
                data[name] = values[name]
                given += 1
            elif factory is not None:
                data[name] = factory()
            elif default is PydanticUndefined:
                raise TypeError(f"{cls.__name__}.trusted: {name} is required")
            else:
                data[name] = default
        if given != len(values):  # extra="forbid", as the constructor
            raise TypeError(f"{cls.__name__}.trusted: unknown field in {sorted(values)}")
        _setattr(obj, "__dict__", data)
        _setattr(obj, "__pydantic_extra__", None)
        _setattr(obj, "__pydantic_fields_set__", set(values))
        _setattr(obj, "__pydantic_private__", None)
        return obj


_setattr = object.__setattr__
_DEFAULTS: dict[type, tuple[tuple[str, Any, Any], ...]] = {}


def _defaults(cls: type[BaseModel]) -> tuple[tuple[str, Any, Any], ...]:
    """(name, default factory or None, default) of each field of ``cls``, in order."""
    found = _DEFAULTS.get(cls)
    if found is None:
        found = tuple((name, f.default_factory, f.default) for name, f in cls.model_fields.items())
        _DEFAULTS[cls] = found
    return found


class Evidence(_Model):
    """A verbatim span of the decoded source text: ``text[start:end] == quote``."""

    quote: str
    start: int = Field(description="character offset into the decoded text; -1 until grounded")
    end: int = Field(description="end offset (exclusive); -1 until grounded")

    @property
    def located(self) -> bool:
        return 0 <= self.start < self.end


class ThreatActor(_Model):
    name: str = Field(description="canonical English name, e.g. APT31")
    aliases: list[str] = Field(default_factory=list, description="English aliases")
    mentions: list[str] = Field(default_factory=list, description="verbatim surface forms seen")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 of the attributed state")
    sponsor: str | None = Field(
        None, description="sponsoring organ, e.g. Ministry of State Security"
    )
    attack_id: str | None = Field(None, description="MITRE ATT&CK group ID, e.g. G0128")
    attributed_by: str | None = Field(None, description="who makes the attribution")
    evidence: list[Evidence] = Field(default_factory=list)


class Person(_Model):
    name: str = Field(description="romanized, in the order English press uses (Ni Gaobin)")
    name_native: str | None = Field(None, description="as written in the article (倪高斌)")
    age: int | None = None
    nationality: str | None = Field(None, description="ISO 3166-1 alpha-2")
    name_uncertain: bool = Field(False, description="romanization is a guess (e.g. katakana)")


class Indictment(_Model):
    jurisdiction: str | None = Field(None, description="ISO 3166-1 alpha-2")
    authority: str | None = Field(None, description="e.g. US Department of Justice")
    date: str | None = Field(None, description=_DATE_DOC)
    charges: list[str] = Field(default_factory=list)
    defendants: list[Person] = Field(default_factory=list)
    defendant_count: int | None = Field(None, description="stated number, even when unnamed")
    reward: str | None = None
    actor: str | None = Field(None, description="canonical actor name")
    evidence: list[Evidence] = Field(default_factory=list)


class Party(_Model):
    name: str
    name_native: str | None = None
    kind: Literal["person", "organization"] = "organization"
    name_uncertain: bool = Field(
        False, description="the romanization or English rendering of name_native is a guess"
    )


class Sanction(_Model):
    imposed_by: list[str] = Field(default_factory=list, description="ISO 3166-1 alpha-2")
    authority: str | None = None
    date: str | None = Field(None, description=_DATE_DOC)
    targets: list[Party] = Field(default_factory=list)
    measures: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class Victim(_Model):
    name: str | None = Field(None, description="English name; null when only described")
    name_native: str | None = None
    name_uncertain: bool = Field(
        False, description="name is a guessed English rendering of name_native"
    )
    description: str | None = None
    sectors: list[Sector] = Field(default_factory=list)
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    evidence: list[Evidence] = Field(default_factory=list)


class Software(_Model):
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: Literal["malware", "tool"] = "malware"
    attack_id: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Vulnerability(_Model):
    cve: str | None = Field(None, description="as the article writes it, even if misprinted")
    description: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Indicator(_Model):
    """An IOC the article states (added field; not in the minimal contract)."""

    type: str = Field(description="url, domain, ipv4, ipv6, sha256, sha1, md5, email, ...")
    value: str
    evidence: list[Evidence] = Field(default_factory=list)


class Source(_Model):
    path: str | None = None
    url: str | None = None
    sha256: str
    title: str | None = None
    language: str = "ja"
    encoding: str = "utf-8"
    published: str | None = Field(
        None, description="the article's date, ISO YYYY-MM-DD (see published_source)"
    )
    published_source: Literal["html-meta", "cli", "text"] | None = Field(
        None,
        description="where published came from: the page's metadata, --published, or a date "
        "the text states (a dateline, else its first full date)",
    )
    author: str | None = Field(None, description="the page's author, when its metadata names one")
    html_extractor: Literal["trafilatura", "builtin"] | None = Field(
        None, description="how the article text was taken from an HTML page (null: not HTML)"
    )


class Tokens(_Model):
    prompt: int = 0
    completion: int = 0


class Provenance(_Model):
    engine: Literal["llm", "rules", "hybrid"]
    model: str | None = None
    base_url: str | None = Field(None, description="host of the server, never a key")
    prompt_id: str | None = None
    schema_id: str
    requests: int = 0
    retries: int = 0
    reasks: int = 0
    tokens: Tokens = Field(default_factory=Tokens)
    seconds: float = 0.0
    chunks: int = 1
    overhead_tokens: int | None = Field(
        None,
        description="tokens per request that are not the article (instructions, schema where "
        "it is prompt, hints, fence), counted offline with o200k",
    )


class Findings(_Model):
    """What one extractor returns for one chunk or article, before merge and grounding."""

    headline: str | None = None
    summary: str | None = None
    actors: list[ThreatActor] = Field(default_factory=list)
    indictments: list[Indictment] = Field(default_factory=list)
    sanctions: list[Sanction] = Field(default_factory=list)
    victims: list[Victim] = Field(default_factory=list)
    malware: list[Software] = Field(default_factory=list)
    vulnerabilities: list[Vulnerability] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class ThreatReport(_Model):
    schema_version: Literal["1"] = "1"
    source: Source
    headline: str
    summary: str
    actors: list[ThreatActor] = Field(default_factory=list)
    indictments: list[Indictment] = Field(default_factory=list)
    sanctions: list[Sanction] = Field(default_factory=list)
    victims: list[Victim] = Field(default_factory=list)
    malware: list[Software] = Field(default_factory=list)
    vulnerabilities: list[Vulnerability] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    provenance: Provenance
    warnings: list[str] = Field(default_factory=list)


ENTITY_FIELDS: tuple[str, ...] = (
    "actors", "indictments", "sanctions", "victims", "malware", "vulnerabilities", "indicators",
)  # fmt: skip
