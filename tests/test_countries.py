"""One country table (ISO 3166 via pycountry) for every output: names that read as names, the
codes OpenCTI resolves, and no raw code in the brief."""

from __future__ import annotations

import re

import pytest

from summarizer.brief import brief
from summarizer.countries import country_name, demonym, lookup
from summarizer.models import Evidence, Findings, Indictment, Sanction, ThreatActor, Victim

# code -> (printed name, an alias OpenCTI's catalogue also carries for it)
TABLE = [
    ("RU", "Russian Federation", "RUS"),
    ("GB", "United Kingdom", "GBR"),
    ("NL", "Netherlands", "NLD"),
    ("KR", "South Korea", "KOR"),
    ("KP", "North Korea", "PRK"),
    ("IR", "Iran", "IRN"),
    ("US", "United States", "USA"),
    ("CN", "China", "CHN"),
    ("TW", "Taiwan", "TWN"),
    ("VN", "Vietnam", "VNM"),
    ("BD", "Bangladesh", "BGD"),
    ("SA", "Saudi Arabia", "SAU"),
    ("GE", "Georgia", "GEO"),
    ("PS", "State of Palestine", "PSE"),  # ISO writes "Palestine, State of"
    ("CD", "The Democratic Republic of the Congo", "COD"),  # no official name in ISO's data
]


@pytest.mark.parametrize(("code", "name", "alpha_3"), TABLE)
def test_codes_read_as_iso_names(code: str, name: str, alpha_3: str) -> None:
    row = lookup(code)
    assert row is not None
    assert country_name(code) == row.name == name
    assert country_name(code.lower()) == name
    assert (row.alpha_2, row.alpha_3) == (code, alpha_3)
    assert {code, alpha_3} <= set(row.aliases) and name not in row.aliases


def test_uk_eu_and_unknown_codes() -> None:
    assert country_name("UK") == "United Kingdom"  # ISO's reserved code for GB
    assert country_name("EU") == "European Union"
    assert country_name("XZ") == "XZ" and lookup("XZ") is None  # unknown: shown as given
    assert country_name(None) == "" and country_name("") == ""
    assert demonym("CN") == "Chinese" and demonym("BD") == "Bangladesh"


def test_the_brief_prints_no_raw_country_code() -> None:
    ev = [Evidence(quote="x", start=0, end=1)]
    f = Findings(
        actors=[ThreatActor(name="APT99", country="BD", evidence=ev)],
        indictments=[Indictment(jurisdiction="SA", defendant_count=2, evidence=ev)],
        sanctions=[Sanction(imposed_by=["GE", "NL"], evidence=ev)],
        victims=[Victim(description="banks", sectors=["financial-services"], country="KR",
                        evidence=ev)],
    )  # fmt: skip
    headline, summary = brief(f)
    text = f"{headline} {summary}"
    assert not re.search(r"\b(BD|SA|GE|NL|KR)\b", text), text
    for name in ("Bangladesh", "Saudi Arabia", "Georgia", "Netherlands", "South Korea"):
        assert name in text
