"""Author control (``--author`` / SUMMARIZER_AUTHOR) and graded confidence in STIX and MISP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from summarizer.config import load_settings
from summarizer.errors import ConfigError
from summarizer.export import confidence as grade
from summarizer.export.misp import to_misp_event, write_feed
from summarizer.export.stix import SYSTEM, to_stix_bundle
from summarizer.models import Indicator, Software, ThreatActor, Victim

from .conftest import ROOT, SEEDS
from .test_export_stix import (
    APT31_SEED,
    PRODUCED,
    RICH_TEXT,
    by_name,
    by_type,
    ev,
    rich_report,
    seed_report,
    validate,
)

CONF = "estimative-language:confidence-in-analytic-judgment"


# -- author -------------------------------------------------------------------------------------
def test_author_is_the_creator_of_every_stix_object() -> None:
    bundle = to_stix_bundle([rich_report(), seed_report(APT31_SEED)], author="ACME CERT",
                            produced=PRODUCED)  # fmt: skip
    validate(bundle)
    me = by_name(bundle, "identity", "ACME CERT")
    assert me["identity_class"] == "organization"
    assert not [o for o in by_type(bundle, "identity") if o["id"] == SYSTEM]
    for obj in bundle["objects"]:
        if obj["type"] != "marking-definition":
            assert obj["created_by_ref"] == me["id"], obj["id"]
    # the same author is the same identity in every export (content-derived id)
    again = to_stix_bundle([rich_report()], author="ACME CERT")
    assert by_name(again, "identity", "ACME CERT")["id"] == me["id"]


def test_without_author_summarizer_is_the_creator() -> None:
    bundle = to_stix_bundle([rich_report()])
    (system,) = [o for o in by_type(bundle, "identity") if o["id"] == SYSTEM]
    assert system["name"] == "summarizer" and system["identity_class"] == "system"
    assert all(o["created_by_ref"] == SYSTEM for o in bundle["objects"]
               if o["type"] != "marking-definition")  # fmt: skip


def test_author_is_the_misp_creator_org_and_survives_a_round_trip(tmp_path: Any) -> None:
    from pymisp import MISPEvent

    data = to_misp_event(rich_report(), author="ACME CERT", produced=PRODUCED)
    ev_ = MISPEvent()
    ev_.load(json.dumps(data))
    assert ev_.Orgc.name == "ACME CERT"
    default = to_misp_event(rich_report(), produced=PRODUCED)["Event"]["Orgc"]
    assert default["name"] == "summarizer" and default["uuid"] != str(ev_.Orgc.uuid)

    (u,) = write_feed([rich_report()], tmp_path, author="ACME CERT", produced=PRODUCED)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest[u]["Orgc"] == {"name": "ACME CERT", "uuid": str(ev_.Orgc.uuid)}
    loaded = MISPEvent()
    loaded.load_file(str(tmp_path / f"{u}.json"))
    assert loaded.Orgc.name == "ACME CERT"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("ACME CERT", "ACME CERT"), ("  JPCERT   analysts ", "JPCERT analysts"),
     ("株式会社　サンプル", "株式会社 サンプル")],
)  # fmt: skip
def test_author_setting_is_cleaned(value: str, expected: str) -> None:
    assert load_settings(author=value, env={}).author == expected
    assert load_settings(env={"SUMMARIZER_AUTHOR": value}).author == expected
    assert load_settings(author="Flag Org", env={"SUMMARIZER_AUTHOR": value}).author == "Flag Org"
    assert load_settings(env={}).author is None


@pytest.mark.parametrize("value", ["", "   ", "two\nlines", "bell\x07", "x" * 201])
def test_bad_author_is_a_config_error(value: str) -> None:
    with pytest.raises(ConfigError, match="--author"):
        load_settings(author=value, env={})


def _cli(*args: str, **env_extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args], capture_output=True, text=True,
        env={**env, **env_extra}, cwd=ROOT, timeout=300,
    )  # fmt: skip


def test_cli_author_flag_and_environment(tmp_path: Any) -> None:
    r = _cli("summarize", str(SEEDS / APT31_SEED), "-e", "rules", "-f", "stix",
             "--author", "ACME CERT")  # fmt: skip
    assert r.returncode == 0, r.stderr
    bundle = json.loads(r.stdout)
    validate(bundle)
    assert by_name(bundle, "identity", "ACME CERT")["identity_class"] == "organization"
    r = _cli("batch", str(SEEDS / APT31_SEED), "-e", "rules", "-f", "misp", "-q",
             "-o", str(tmp_path / "feed"), SUMMARIZER_AUTHOR="Env Org")  # fmt: skip
    assert r.returncode == 0, r.stderr
    manifest = json.loads((tmp_path / "feed" / "manifest.json").read_text(encoding="utf-8"))
    assert [m["Orgc"]["name"] for m in manifest.values()] == ["Env Org"]
    r = _cli("summarize", str(SEEDS / APT31_SEED), "-e", "rules", "-f", "misp",
             SUMMARIZER_AUTHOR="bad\x1bname")  # fmt: skip
    assert r.returncode == 2 and r.stderr.startswith("error:") and "SUMMARIZER_AUTHOR" in r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


# -- confidence ---------------------------------------------------------------------------------
def test_confidence_grades_follow_what_the_report_carries() -> None:
    # a knowledge-base name stated twice; the same stated once; a name nobody knows
    assert grade.actor(ThreatActor(name="APT31", evidence=[ev("APT31"), ev("ジルコニウム")])) == 85
    assert grade.actor(ThreatActor(name="APT31", evidence=[ev("APT31")])) == 50
    assert grade.actor(ThreatActor(name="Quartz Heron", evidence=[ev("APT31")])) == 15
    assert grade.software(Software(name="Cobalt Strike", evidence=[ev("Cobalt Strike")])) == 50
    assert grade.software(Software(name="Zzqx Loader", evidence=[ev("RAWDOOR")])) == 15
    assert grade.victim(Victim(name="Lockheed", evidence=[ev("ロッキード社")])) == 15
    url = Indicator(type="url", value="http://update-check.top/a'b.exe",
                    evidence=[ev("hxxp://update-check[.]top/a'b.exe")])  # fmt: skip
    plain = Indicator(type="ipv4", value="45.77.12.34", evidence=[ev("45.77.12.34")])
    assert (grade.indicator(url, False), grade.indicator(plain, True)) == (85, 50)
    assert grade.indicator(plain, False) == 15
    assert grade.inferred(85, 85) == 50 and grade.inferred(15, 85) == 15
    assert grade.inferred(None, 85) is None


def test_stix_confidence_on_findings_and_inferred_links_only() -> None:
    r = rich_report()
    stranger = Software(name="Zzqx Loader", evidence=[ev("RAWDOOR")])
    bundle = to_stix_bundle([r.model_copy(update={"malware": [*r.malware, stranger]})],
                            texts=[RICH_TEXT])  # fmt: skip
    validate(bundle)
    assert by_name(bundle, "intrusion-set", "APT31")["confidence"] == 85
    assert by_name(bundle, "tool", "Cobalt Strike")["confidence"] == 50
    assert by_name(bundle, "malware", "Zzqx Loader")["confidence"] == 15
    assert by_name(bundle, "vulnerability", "CVE-2017-0199")["confidence"] == 85
    assert by_name(bundle, "indicator", "http://update-check.top/a'b.exe")["confidence"] == 85
    assert by_name(bundle, "identity", "Lockheed")["confidence"] == 15
    for rel in by_type(bundle, "relationship"):
        if rel["relationship_type"] in ("targets", "uses", "indicates"):
            assert rel["confidence"] in (15, 50), rel  # inferred: never above Med
        else:  # knowledge-base reference data, not the article's claim
            assert "confidence" not in rel, rel
    for kind in ("location", "threat-actor", "note", "report"):
        assert all("confidence" not in o for o in by_type(bundle, kind))


def test_batch_keeps_the_best_confidence_an_article_gives() -> None:
    r = rich_report()
    once = r.model_copy(update={
        "actors": [r.actors[0].model_copy(update={"evidence": [ev("APT31")]})],
        "source": r.source.model_copy(update={"sha256": "1" * 64}),
    })  # fmt: skip
    assert by_name(to_stix_bundle([once]), "intrusion-set", "APT31")["confidence"] == 50
    for order in ([once, r], [r, once]):
        assert by_name(to_stix_bundle(order), "intrusion-set", "APT31")["confidence"] == 85


def test_misp_attributes_carry_the_estimative_language_confidence_tag() -> None:
    data = to_misp_event(rich_report(), text=RICH_TEXT)
    by_value = {a["value"]: [t["name"] for t in a.get("Tag", [])]
                for a in data["Event"]["Attribute"]}  # fmt: skip
    assert f'{CONF}="high"' in by_value["APT31"]
    assert f'{CONF}="moderate"' in by_value["Cobalt Strike"]
    assert f'{CONF}="high"' in by_value["http://update-check.top/a'b.exe"]
    assert f'{CONF}="low"' in by_value["Lockheed"]
    # one grade per attribute (the predicate is exclusive in MISP's taxonomy)
    assert all(sum(t.startswith(CONF) for t in ts) <= 1 for ts in by_value.values())
    assert not [t["name"] for t in data["Event"].get("Tag", []) if t["name"].startswith(CONF)]


def test_misp_flags_a_guessed_romanization_as_low_confidence() -> None:
    r = rich_report()
    ind = r.indictments[0]
    guessed = ind.defendants[1].model_copy(update={"name_uncertain": True})
    r = r.model_copy(update={"indictments": [
        ind.model_copy(update={"defendants": [ind.defendants[0], guessed]})]})  # fmt: skip
    by_value = {a["value"]: [t["name"] for t in a.get("Tag", [])]
                for a in to_misp_event(r)["Event"]["Attribute"] if a["type"] == "full-name"}  # fmt: skip
    assert by_value["Zhao Guangzong"] == [f'{CONF}="low"']
    assert by_value["Ni Gaobin"] == []


def test_a_group_named_after_known_ransomware_counts_as_a_known_name() -> None:
    text = "ハッカー集団「LockBit」は、LockBitを使った攻撃を認めた。"
    lockbit = [ev("LockBit", text), ev("LockBitを使", text)]
    lockbit[1] = lockbit[1].model_copy(update={"quote": "LockBit", "end": lockbit[1].start + 7})
    assert grade.actor(ThreatActor(name="LockBit", evidence=lockbit)) == 85
    assert grade.actor(ThreatActor(name="LockBit", evidence=lockbit[:1])) == 50
