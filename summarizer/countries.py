"""One country table for every output: ISO 3166-1 names and codes from pycountry.

The product stores countries as ISO 3166-1 alpha-2 codes (SPEC: ``ThreatActor.country``,
``Victim.country``, ``Sanction.imposed_by``...). Every renderer — the English brief, the
Markdown and HTML pages, STIX locations and MISP attributes — turns a code into words here, so
a country reads the same everywhere and no renderer keeps a hand list of its own.

Per code the table gives (``Country``):

* ``name``: the name to print. ISO 3166's own English short name when it reads as a name
  ("Russian Federation", "United Kingdom", "Netherlands"), ISO's ``common_name`` when ISO
  gives one for a name written in reverse order ("Korea, Republic of" -> "South Korea",
  "Iran, Islamic Republic of" -> "Iran", "Taiwan, Province of China" -> "Taiwan"), else the
  official name ("Palestine, State of" -> "State of Palestine"). Never a bare code.
* ``iso_name`` / ``official_name``: ISO's short and official names as ISO writes them.
* ``alpha_2`` / ``alpha_3``: the codes. OpenCTI's country catalogue carries both codes as
  aliases of every country (its names are the UN M49 ones, e.g. "Republic of Korea",
  "Iran (Islamic Republic of)"), and resolves an imported entity by its aliases, so
  ``aliases`` (the codes plus ISO's other names) is what makes a STIX location land on the
  existing OpenCTI country whatever name it carries (docs/exports.md, "Countries").

Codes that are not ISO 3166-1 countries but appear in the data: ``EU`` (the European Union,
an imposer of sanctions) has a name; any other unknown code is returned unchanged by
``country_name`` (and ``lookup`` returns ``None``), so a renderer can tell it apart.

Japanese country names (米国, 露, ...) are read elsewhere (``data/countries.tsv`` via the
knowledge base); this module only renders codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

__all__ = ["Country", "country_name", "demonym", "lookup"]


@dataclass(frozen=True)
class Country:
    alpha_2: str
    alpha_3: str
    name: str  # what to print
    iso_name: str  # ISO 3166-1 short name as ISO writes it
    official_name: str | None

    @property
    def aliases(self) -> list[str]:
        """Codes and ISO's other names, for importers that resolve entities by alias."""
        out = [self.alpha_2, self.alpha_3, self.iso_name, self.official_name]
        return [a for a in dict.fromkeys(out) if a and a != self.name]


# Not in ISO 3166-1 but used by the extractor for sanctions imposed by the Union.
_EXTRA = {
    "EU": Country("EU", "EUE", "European Union", "European Union", None),
}

# Adjectives for "<X>-linked" in the brief; everything else reads "<name>-linked".
_DEMONYM = {
    "CN": "Chinese", "KP": "North Korean", "RU": "Russian", "IR": "Iranian", "US": "US",
    "GB": "British", "JP": "Japanese", "KR": "South Korean", "TW": "Taiwanese",
    "VN": "Vietnamese", "IN": "Indian", "PK": "Pakistani", "IL": "Israeli",
    "BY": "Belarusian", "UA": "Ukrainian", "TR": "Turkish",
}  # fmt: skip


def _display(iso_name: str, common: str | None, official: str | None) -> str:
    if common:
        return common
    if ", " not in iso_name:
        return iso_name
    if official:
        return official[4:] if official.startswith("the ") else official
    # "Congo, The Democratic Republic of the" -> "The Democratic Republic of the Congo"
    head, _, tail = iso_name.partition(", ")
    return f"{tail[0].upper()}{tail[1:]} {head}"


@cache
def _table() -> dict[str, Country]:
    import pycountry

    out: dict[str, Country] = {}
    for c in pycountry.countries:
        iso_name = str(c.name)
        common = getattr(c, "common_name", None)
        official = getattr(c, "official_name", None)
        out[str(c.alpha_2)] = Country(
            alpha_2=str(c.alpha_2),
            alpha_3=str(c.alpha_3),
            name=_display(iso_name, common, official),
            iso_name=iso_name,
            official_name=str(official) if official else None,
        )
    out.update(_EXTRA)
    # ISO's exceptionally reserved code for the United Kingdom
    out["UK"] = out["GB"]
    return out


def lookup(code: str | None) -> Country | None:
    """The table row for an alpha-2 code (case-insensitive), or ``None`` for an unknown code."""
    if not code:
        return None
    return _table().get(code.strip().upper())


def country_name(code: str | None) -> str:
    """The printable name of a country code; an unknown code is returned as given, "" for none."""
    row = lookup(code)
    if row is not None:
        return row.name
    return code or ""


def demonym(code: str | None) -> str:
    """ "Chinese" for CN; the country name where no adjective is kept ("Bangladesh")."""
    key = (code or "").strip().upper()
    return _DEMONYM.get(key) or country_name(code)
