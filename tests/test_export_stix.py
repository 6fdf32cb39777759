"""STIX 2.1 export: a bundle the official validator accepts, content-addressed and grounded.

Reports come from the two seed articles through the offline engine, and from a hand-built rich
report (sponsor, victims, software, CVE, IOCs, indictment, sanction) over a short Japanese text.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from functools import cache
from typing import Any

import pytest

from summarizer.config import load_settings
from summarizer.export.stix import EPOCH, to_stix_bundle
from summarizer.ingest import read_input
from summarizer.models import (
    Evidence,
    Indicator,
    Indictment,
    Party,
    Person,
    Provenance,
    Sanction,
    Software,
    Source,
    ThreatActor,
    ThreatReport,
    Victim,
    Vulnerability,
)
from summarizer.pipeline import summarize_document

from .conftest import ROOT, SEEDS

APT31_SEED = "004_33a784fce0b7900b.txt"  # US indictment + UK/US sanctions, APT31 and APT29
APT40_SEED = "000_7fe6de3653567684.txt"  # ten Chinese actors named, APT40 indictment

RICH_TEXT = (
    "米司法省は2024年3月25日、中国国家安全部の支援を受けるAPT31(ジルコニウム)の構成員とされる"
    "倪高斌と趙光宗を起訴した。英国と米国は国家安全部と武漢小瑞志科技有限公司に制裁を科した。"
    "攻撃者は米国の防衛関連企業ロッキード社を標的とし、マルウェアRAWDOORとツールCobalt Strike"
    "を使用し、脆弱性CVE-2017-0199を悪用した。C2サーバーはevil-c2.example.netと203.0.113.7、"
    "配布URLはhttp://evil-c2.example.net/a'b.exe、連絡先はops@evil-c2.example.net、"
    "SHA-256は9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08、"
    "ファイル名はinvoice.docである。"
)


def ev(quote: str, text: str = RICH_TEXT) -> Evidence:
    start = text.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote))


def rich_report() -> ThreatReport:
    """Every entity kind the exports map, each grounded in ``RICH_TEXT``."""
    return ThreatReport(
        source=Source(
            url="https://example.jp/news/apt31",
            sha256=hashlib.sha256(RICH_TEXT.encode()).hexdigest(),
            title="APT31 記事",
        ),
        headline="US charges two APT31 suspects; UK and US sanction MSS front",
        summary="The US charged two men linked to APT31. The UK and US imposed sanctions.",
        actors=[
            ThreatActor(
                name="APT31",
                aliases=["Zirconium", "Judgment Panda"],
                mentions=["APT31", "ジルコニウム"],
                country="CN",
                sponsor="Ministry of State Security",
                attack_id="G0128",
                attributed_by="US Department of Justice",
                evidence=[ev("APT31"), ev("ジルコニウム")],
            )
        ],
        indictments=[
            Indictment(
                jurisdiction="US",
                authority="US Department of Justice",
                date="2024-03-25",
                charges=["computer intrusion conspiracy", "wire fraud conspiracy"],
                defendants=[
                    Person(name="Ni Gaobin", name_native="倪高斌", age=38, nationality="CN"),
                    Person(name="Zhao Guangzong", name_native="趙光宗"),
                ],
                defendant_count=2,
                reward="up to $10 million",
                actor="APT31",
                evidence=[ev("倪高斌と趙光宗を起訴した")],
            )
        ],
        sanctions=[
            Sanction(
                imposed_by=["GB", "US"],
                authority="US Treasury",
                date="2024-03-25",
                targets=[
                    Party(name="Ministry of State Security", name_native="国家安全部"),
                    Party(
                        name="Wuhan Xiaoruizhi Science and Technology Co., Ltd.",
                        name_native="武漢小瑞志科技有限公司",
                    ),
                    Party(name="Zhao Guangzong", name_native="趙光宗", kind="person"),
                ],
                measures=["asset freeze"],
                evidence=[ev("英国と米国は国家安全部と武漢小瑞志科技有限公司に制裁を科した")],
            )
        ],
        victims=[
            Victim(
                name="Lockheed",
                name_native="ロッキード社",
                description="a US defense contractor",
                sectors=["defense", "aerospace"],
                country="US",
                evidence=[ev("ロッキード社")],
            ),
            Victim(
                description="US defense companies",
                sectors=["defense"],
                country="US",
                evidence=[ev("米国の防衛関連企業")],
            ),
        ],
        malware=[
            Software(name="RAWDOOR", kind="malware", evidence=[ev("RAWDOOR")]),
            Software(
                name="Cobalt Strike",
                aliases=["BEACON"],
                kind="tool",
                attack_id="S0154",
                evidence=[ev("Cobalt Strike")],
            ),
        ],
        vulnerabilities=[Vulnerability(cve="CVE-2017-0199", evidence=[ev("CVE-2017-0199")])],
        indicators=[
            Indicator(type="domain", value="evil-c2.example.net",
                      evidence=[ev("evil-c2.example.net")]),
            Indicator(type="ipv4", value="203.0.113.7", evidence=[ev("203.0.113.7")]),
            Indicator(
                type="url",
                value="http://evil-c2.example.net/a'b.exe",
                evidence=[ev("http://evil-c2.example.net/a'b.exe")],
            ),
            Indicator(type="email", value="ops@evil-c2.example.net",
                      evidence=[ev("ops@evil-c2.example.net")]),
            Indicator(
                type="sha256",
                value="9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                evidence=[ev("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")],
            ),
            Indicator(type="filename", value="invoice.doc", evidence=[ev("invoice.doc")]),
        ],
        provenance=Provenance(engine="rules", schema_id="test", seconds=0.25),
    )  # fmt: skip


@cache
def _seed(name: str) -> tuple[ThreatReport, str]:
    doc = read_input(str(SEEDS / name))
    return summarize_document(doc, load_settings(engine="rules", env={})), doc.text


def seed_report(name: str) -> ThreatReport:
    return _seed(name)[0]


def texts_by_sha() -> dict[str, str]:
    out = {hashlib.sha256(RICH_TEXT.encode()).hexdigest(): RICH_TEXT}
    for name in (APT31_SEED, APT40_SEED):
        report, text = _seed(name)
        out[report.source.sha256] = text
    return out


def validate(bundle: dict[str, Any]) -> None:
    """The official validator, strict (warnings fail), minus two checks we justify:

    * ``uuid-check`` (103): the spec says SDO ids SHOULD be UUIDv4; ours are UUIDv5 of canonical
      content on purpose, so the same actor is the same object across articles and runs.
    * ``extref-hashes`` (302): a hash of the ATT&CK web page we link would change whenever
      MITRE edits the page; the external_id is the stable reference.
    """
    from stix2validator import ValidationOptions, validate_string

    opts = ValidationOptions(version="2.1", strict=True, disabled=["uuid-check", "extref-hashes"])
    result = validate_string(json.dumps(bundle), opts)
    problems = [str(m) for m in [*(result.errors or []), *(result.warnings or [])]]
    assert result.is_valid, problems
    assert not problems


def by_type(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [o for o in bundle["objects"] if o["type"] == kind]


def by_name(bundle: dict[str, Any], kind: str, name: str) -> dict[str, Any]:
    (obj,) = [o for o in by_type(bundle, kind) if o.get("name") == name]
    return obj


def rels(bundle: dict[str, Any], kind: str) -> set[tuple[str, str]]:
    return {
        (o["source_ref"], o["target_ref"])
        for o in by_type(bundle, "relationship")
        if o["relationship_type"] == kind
    }


@pytest.fixture(scope="module")
def rich() -> dict[str, Any]:
    return to_stix_bundle([rich_report()])


@pytest.fixture(scope="module")
def batch() -> dict[str, Any]:
    return to_stix_bundle([seed_report(APT31_SEED), seed_report(APT40_SEED), rich_report()])


@pytest.mark.parametrize("name", [APT31_SEED, APT40_SEED])
def test_seed_bundle_passes_the_validator(name: str) -> None:
    validate(to_stix_bundle([seed_report(name)]))


def test_rich_and_batch_bundles_pass_the_validator(
    rich: dict[str, Any], batch: dict[str, Any]
) -> None:
    validate(rich)
    validate(batch)


def test_stix2_library_parses_the_bundle(batch: dict[str, Any]) -> None:
    import stix2

    parsed = stix2.parse(json.dumps(batch), allow_custom=True)
    assert len(parsed.objects) == len(batch["objects"])


def test_output_is_reproducible_and_has_no_wall_clock() -> None:
    one = json.dumps(to_stix_bundle([seed_report(APT31_SEED), rich_report()]))
    # the same article summarized again, and a run that took a different time
    again = summarize_document(
        read_input(str(SEEDS / APT31_SEED)), load_settings(engine="rules", env={})
    )
    slower = rich_report().model_copy(
        update={"provenance": Provenance(engine="rules", schema_id="test", seconds=99.0)}
    )
    assert json.dumps(to_stix_bundle([again, slower])) == one
    for obj in json.loads(one)["objects"]:
        assert obj.get("created", EPOCH) == EPOCH
        assert obj.get("modified", EPOCH) == EPOCH


def test_one_bundle_per_batch_with_shared_objects_deduplicated(batch: dict[str, Any]) -> None:
    ids = [o["id"] for o in batch["objects"]]
    assert len(ids) == len(set(ids))
    (apt31,) = [o for o in by_type(batch, "intrusion-set") if o["name"] == "APT31"]
    reports = by_type(batch, "report")
    assert len(reports) == 3
    assert sum(apt31["id"] in r["object_refs"] for r in reports) == 2
    # aliases and evidence merged from both articles
    assert {"ジルコニウム", "Zirconium"} <= set(apt31["aliases"])
    shas = {e["source_sha256"] for e in apt31["x_summarizer_evidence"]}
    assert shas == {seed_report(APT31_SEED).source.sha256, rich_report().source.sha256}
    assert len(by_type(batch, "location")) == len(
        {o["country"] for o in by_type(batch, "location")}
    )
    # the bundle id is a function of its content
    assert (
        batch["id"]
        == to_stix_bundle([seed_report(APT31_SEED), seed_report(APT40_SEED), rich_report()])["id"]
    )


def test_every_reference_resolves(batch: dict[str, Any]) -> None:
    ids = {o["id"] for o in batch["objects"]}
    for obj in batch["objects"]:
        refs = [v for k, v in obj.items() if k.endswith("_ref")]
        refs += [r for k, v in obj.items() if k.endswith("_refs") for r in v]
        assert refs or obj["type"] == "identity"
        missing = [r for r in refs if r not in ids]
        assert not missing, (obj["id"], missing)


def test_every_evidence_quote_is_in_its_article(batch: dict[str, Any]) -> None:
    texts = texts_by_sha()
    quotes = 0
    for obj in batch["objects"]:
        for e in obj.get("x_summarizer_evidence", []):
            assert texts[e["source_sha256"]][e["start"] : e["end"]] == e["quote"]
            quotes += 1
    assert quotes > 50


def test_actor_carries_attack_reference_aliases_and_origin(rich: dict[str, Any]) -> None:
    apt31 = by_name(rich, "intrusion-set", "APT31")
    assert {
        "source_name": "mitre-attack",
        "external_id": "G0128",
        "url": "https://attack.mitre.org/groups/G0128/",
    } in apt31["external_references"]
    assert "ジルコニウム" in apt31["aliases"] and "APT31" not in apt31["aliases"]
    china = by_name(rich, "location", "China")
    assert china["country"] == "CN"
    assert (apt31["id"], china["id"]) in rels(rich, "originates-from")


def test_sponsor_is_a_state_threat_actor_attributed_to_the_organization(
    rich: dict[str, Any],
) -> None:
    apt31 = by_name(rich, "intrusion-set", "APT31")
    mss_actor = by_name(rich, "threat-actor", "Ministry of State Security")
    mss_org = by_name(rich, "identity", "Ministry of State Security")
    assert mss_actor["threat_actor_types"] == ["nation-state"]
    assert mss_org["identity_class"] == "organization"
    attributed = rels(rich, "attributed-to")
    assert (apt31["id"], mss_actor["id"]) in attributed
    assert (mss_actor["id"], mss_org["id"]) in attributed


def test_victims_software_and_cve_hang_off_the_single_actor(rich: dict[str, Any]) -> None:
    apt31 = by_name(rich, "intrusion-set", "APT31")
    lockheed = by_name(rich, "identity", "Lockheed")
    assert lockheed["sectors"] == ["defense", "aerospace"]
    assert lockheed["identity_class"] == "organization"
    described = by_name(rich, "identity", "US defense companies")
    assert described["identity_class"] == "class"
    us = by_name(rich, "location", "US")
    assert {(lockheed["id"], us["id"]), (described["id"], us["id"])} <= rels(rich, "located-at")
    rawdoor = by_name(rich, "malware", "RAWDOOR")
    cobalt = by_name(rich, "tool", "Cobalt Strike")
    assert rawdoor["is_family"] is True and "is_family" not in cobalt
    assert cobalt["external_references"][0]["url"] == "https://attack.mitre.org/software/S0154/"
    cve = by_name(rich, "vulnerability", "CVE-2017-0199")
    assert cve["external_references"] == [{"source_name": "cve", "external_id": "CVE-2017-0199"}]
    assert {(apt31["id"], lockheed["id"]), (apt31["id"], cve["id"])} <= rels(rich, "targets")
    assert {(apt31["id"], rawdoor["id"]), (apt31["id"], cobalt["id"])} <= rels(rich, "uses")


def test_no_actor_relationships_when_the_article_names_several_actors() -> None:
    bundle = to_stix_bundle([seed_report(APT40_SEED)])
    assert len(by_type(bundle, "intrusion-set")) == 10
    assert not rels(bundle, "targets") and not rels(bundle, "uses")
    (report,) = by_type(bundle, "report")
    kept = [*by_type(bundle, "identity"), *by_type(bundle, "malware"), *by_type(bundle, "tool")]
    # the system, Tick's sponsor (PLA Unit 61419), three described victims (the targeted fields,
    # the healthcare targets, Japan), three programs
    assert len(kept) == 8
    for obj in kept:
        if obj.get("identity_class") != "system":
            assert obj["id"] in report["object_refs"]


def test_indicators_get_stix_patterns_and_unmappable_types_are_skipped(
    rich: dict[str, Any],
) -> None:
    patterns = {o["pattern"] for o in by_type(rich, "indicator")}
    assert patterns == {
        "[domain-name:value = 'evil-c2.example.net']",
        "[ipv4-addr:value = '203.0.113.7']",
        "[url:value = 'http://evil-c2.example.net/a\\'b.exe']",
        "[email-addr:value = 'ops@evil-c2.example.net']",
        "[file:hashes.'SHA-256' = "
        "'9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08']",
    }
    for ind in by_type(rich, "indicator"):
        assert ind["pattern_type"] == "stix" and ind["valid_from"] == EPOCH


def test_indictment_and_sanction_notes_keep_names_and_records(rich: dict[str, Any]) -> None:
    (report,) = by_type(rich, "report")
    apt31 = by_name(rich, "intrusion-set", "APT31")
    (indictment,) = [n for n in by_type(rich, "note") if "x_summarizer_indictment" in n]
    for text in ("Ni Gaobin (倪高斌)", "Zhao Guangzong (趙光宗)", "US Department of Justice",
                 "2 defendant(s)", "computer intrusion conspiracy"):  # fmt: skip
        assert text in indictment["content"]
    record = indictment["x_summarizer_indictment"]
    assert [d["name_native"] for d in record["defendants"]] == ["倪高斌", "趙光宗"]
    assert set(indictment["object_refs"]) == {report["id"], apt31["id"]}
    (sanction,) = [n for n in by_type(rich, "note") if "x_summarizer_sanction" in n]
    assert "武漢小瑞志科技有限公司" in sanction["content"] and "asset freeze" in sanction["content"]
    assert sanction["x_summarizer_sanction"]["imposed_by"] == ["GB", "US"]
    mss = by_name(rich, "identity", "Ministry of State Security")
    assert mss["id"] in sanction["object_refs"]


def test_seed_indictment_note_has_the_defendants_native_names() -> None:
    bundle = to_stix_bundle([seed_report(APT31_SEED)])
    (note,) = [n for n in by_type(bundle, "note") if "x_summarizer_indictment" in n]
    for native in ("倪高斌", "翁明", "程鋒", "彭耀文", "孫小慧", "熊王", "趙光宗"):
        assert native in note["content"]
    assert by_name(bundle, "intrusion-set", "APT31")["id"] in note["object_refs"]


def test_report_points_at_its_source_and_dates(rich: dict[str, Any]) -> None:
    (report,) = by_type(rich, "report")
    r = rich_report()
    assert report["name"] == r.headline and report["description"] == r.summary
    ref = report["external_references"][0]
    assert ref["url"] == r.source.url and ref["hashes"] == {"SHA-256": r.source.sha256}
    assert report["published"] == "2024-03-25T00:00:00.000Z"  # the latest stated date
    assert "seconds" not in report["x_summarizer_provenance"]
    (seed,) = by_type(to_stix_bundle([seed_report(APT31_SEED)]), "report")
    assert seed["published"] == EPOCH  # no date stated: a fixed stand-in, never "now"
    assert seed["external_references"][0]["description"].endswith(APT31_SEED)


def test_custom_properties_are_declared_by_the_extension(batch: dict[str, Any]) -> None:
    (ext,) = by_type(batch, "extension-definition")
    for obj in batch["objects"]:
        custom = [k for k in obj if k.startswith("x_")]
        if custom:
            assert set(custom) <= set(ext["extension_properties"])
            assert obj["extensions"] == {
                ext["id"]: {"extension_type": "toplevel-property-extension"}
            }


def test_cli_writes_a_valid_bundle() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    r = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", str(SEEDS / APT31_SEED),
         "--engine", "rules", "--format", "stix"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    bundle = json.loads(r.stdout)
    assert bundle["type"] == "bundle"
    validate(bundle)
    assert by_name(bundle, "intrusion-set", "APT31")


def test_an_article_with_nothing_extracted_is_still_a_valid_bundle() -> None:
    from summarizer.export.misp import to_misp_event

    empty = ThreatReport(
        source=Source(path="empty.txt", sha256="0" * 64),
        headline="",
        summary="",
        provenance=Provenance(engine="rules", schema_id="test"),
    )
    bundle = to_stix_bundle([empty])
    validate(bundle)
    (report,) = by_type(bundle, "report")
    assert report["name"] == "untitled article" and report["object_refs"]
    assert to_misp_event(empty)["Event"]["info"] == "untitled article"
