"""MISP export: pymisp reads the event back, galaxy tags come from MISP's own galaxies, ids are
stable, and every type/category pair is one MISP accepts."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from typing import Any

import pytest

from summarizer.export.misp import threat_actor_cluster, to_misp_event, write_feed

from .conftest import ROOT, SEEDS
from .test_export_stix import (
    APT31_SEED,
    APT40_SEED,
    PRODUCED,
    rich_report,
    seed_report,
    texts_by_sha,
)


def attrs(event: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {a["value"]: a for a in event["Event"]["Attribute"] if a["type"] == kind}


def tags(event: dict[str, Any]) -> list[str]:
    return [t["name"] for t in event["Event"].get("Tag", [])]


@pytest.fixture(scope="module")
def apt31() -> dict[str, Any]:
    return to_misp_event(seed_report(APT31_SEED), produced=PRODUCED)


@pytest.fixture(scope="module")
def rich() -> dict[str, Any]:
    return to_misp_event(rich_report())


def test_pymisp_loads_the_event_back(apt31: dict[str, Any], rich: dict[str, Any]) -> None:
    from pymisp import MISPEvent

    for data in (apt31, rich):
        ev = MISPEvent()
        ev.load(json.dumps(data))
        assert ev.info == data["Event"]["info"]
        assert str(ev.uuid) == data["Event"]["uuid"]
        assert len(ev.attributes) == len(data["Event"]["Attribute"])
        again = MISPEvent()
        again.from_dict(**data["Event"])
        back = json.loads(again.to_json())
        assert back.pop("published") is False  # MISP's default, added on load
        assert back == data["Event"]


def test_types_and_categories_are_ones_misp_accepts(rich: dict[str, Any]) -> None:
    from pymisp import MISPEvent

    mapping = MISPEvent().describe_types["category_type_mappings"]
    events = [rich, *(to_misp_event(seed_report(n)) for n in (APT31_SEED, APT40_SEED))]
    for data in events:
        for a in data["Event"]["Attribute"]:
            assert a["type"] in mapping[a["category"]], a
            assert a["to_ids"] is False


def test_apt31_seed_gets_misp_galaxy_tags(apt31: dict[str, Any]) -> None:
    assert 'misp-galaxy:threat-actor="APT31"' in tags(apt31)
    assert 'misp-galaxy:mitre-intrusion-set="ZIRCONIUM - G0128"' in tags(apt31)
    assert "tlp:clear" in tags(apt31)
    actor = attrs(apt31, "threat-actor")["APT31"]
    assert [t["name"] for t in actor["Tag"]] == [
        'misp-galaxy:country="china"',
        'estimative-language:confidence-in-analytic-judgment="high"',  # KB name, stated twice+
    ]
    assert "ジルコニウム" in actor["comment"]


def test_galaxy_tags_name_real_cluster_values(rich: dict[str, Any]) -> None:
    from pathlib import Path

    import pymispgalaxies

    root = Path(pymispgalaxies.__file__).parent / "data" / "misp-galaxy" / "clusters"
    events = [rich, *(to_misp_event(seed_report(n)) for n in (APT31_SEED, APT40_SEED))]
    found = 0
    for data in events:
        names = tags(data) + [
            t["name"] for a in data["Event"]["Attribute"] for t in a.get("Tag", [])
        ]
        for name in names:
            m = re.fullmatch(r'misp-galaxy:([a-z-]+)="(.+)"', name)
            if m:
                values = json.loads((root / f"{m[1]}.json").read_text(encoding="utf-8"))["values"]
                assert m[2] in {v["value"] for v in values}, name
                found += 1
    assert found > 20


def test_actor_lookup_prefers_a_cluster_value_over_a_synonym() -> None:
    # "Tick" is a value; "Zirconium" is APT31's synonym; an unknown name finds nothing
    assert threat_actor_cluster("Tick", ["Bronze Butler"]) == "Tick"
    assert threat_actor_cluster("Zirconium", []) == "APT31"
    assert threat_actor_cluster("Not A Real Group 123", []) is None


def test_rich_event_maps_every_entity(rich: dict[str, Any]) -> None:
    event = rich["Event"]
    assert event["info"] == rich_report().headline
    assert event["date"] == "2024-03-25"  # the latest date the article states
    assert "CVE-2017-0199" in attrs(rich, "vulnerability")
    # refanged, reserved and documentation values dropped (MISP warninglists)
    assert set(attrs(rich, "domain")) == {"update-check.top"}
    assert set(attrs(rich, "ip-dst")) == {"45.77.12.34"}
    url = attrs(rich, "url")["http://update-check.top/a'b.exe"]
    assert "written defanged as hxxp://update-check[.]top/a'b.exe" in url["comment"]
    assert set(attrs(rich, "email")) == {"ops@update-check.top"}
    assert len(attrs(rich, "sha256")) == 1 and not attrs(rich, "md5")
    assert "invoice.doc" not in json.dumps(rich)  # no MISP type chosen for "filename"
    assert set(attrs(rich, "link")) == {"https://example.jp/news/apt31"}
    assert (
        rich_report().source.sha256
        in attrs(rich, "link")["https://example.jp/news/apt31"]["comment"]
    )
    assert {"Lockheed"} == set(attrs(rich, "target-org"))
    location = attrs(rich, "target-location")["United States"]
    assert location["Tag"] == [{"name": 'misp-galaxy:country="united states of america"'}]
    people = attrs(rich, "full-name")
    assert {"Ni Gaobin", "倪高斌", "Zhao Guangzong", "趙光宗"} <= set(people)
    assert "native name 倪高斌" in people["Ni Gaobin"]["comment"]
    assert {"RAWDOOR", "Cobalt Strike", "Ministry of State Security"} <= set(attrs(rich, "text"))
    assert 'misp-galaxy:mitre-malware="Cobalt Strike - S0154"' in tags(rich)
    assert 'misp-galaxy:sector="Defense"' in tags(rich)
    (report,) = event["EventReport"]
    for text in ("Ni Gaobin (倪高斌)", "computer intrusion conspiracy",
                 "Sanctions by United Kingdom, United States", "武漢小瑞志科技有限公司",
                 "asset freeze", "up to $10 million", "203.0.113.7", "RFC 5735",
                 "Event date 2024-03-25"):  # fmt: skip
        assert text in report["content"]


def test_evidence_in_comments_is_quoted_from_the_article(rich: dict[str, Any]) -> None:
    texts = texts_by_sha()
    for report in (rich_report(), seed_report(APT31_SEED)):
        text = texts[report.source.sha256]
        checked = 0
        for a in to_misp_event(report)["Event"]["Attribute"]:
            for quote, start, end in re.findall(r"「(.*?)」\[(\d+):(\d+)\]", a["comment"]):
                assert text[int(start) : int(end)] == quote
                checked += 1
        assert checked >= 10


def test_ids_are_deterministic_and_carry_no_timestamps(apt31: dict[str, Any]) -> None:
    again = to_misp_event(seed_report(APT31_SEED), produced=PRODUCED)
    assert json.dumps(again) == json.dumps(apt31)
    slower = rich_report().model_copy(update={"provenance": rich_report().provenance.model_copy(
        update={"seconds": 42.0})})  # fmt: skip
    assert to_misp_event(slower) == to_misp_event(rich_report())
    assert "timestamp" not in json.dumps(apt31)
    uuids = [a["uuid"] for a in apt31["Event"]["Attribute"]]
    assert len(uuids) == len(set(uuids))
    content = apt31["Event"]["EventReport"][0]["content"]
    if apt31["Event"]["date"] == "2026-01-02":  # no date known: the export date, said so
        assert "no date known: the date of this export" in content


@pytest.mark.parametrize("tlp", ["clear", "green", "amber", "red"])
def test_tlp_tag_follows_the_choice(tlp: str) -> None:
    assert f"tlp:{tlp}" in tags(to_misp_event(rich_report(), tlp=tlp))


def test_batch_is_a_misp_feed_pymisp_loads_event_by_event(tmp_path: Any) -> None:
    from pymisp import MISPEvent

    reports = [seed_report(APT31_SEED), seed_report(APT40_SEED), rich_report()]
    uuids = write_feed(reports, tmp_path, tlp="amber", produced=PRODUCED)
    assert len(set(uuids)) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*(f"{u}.json" for u in uuids), "manifest.json", "hashes.csv"]
    )
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) == set(uuids)
    for u, report in zip(uuids, reports, strict=True):
        ev = MISPEvent()
        ev.load_file(str(tmp_path / f"{u}.json"))
        single = to_misp_event(report, tlp="amber", produced=PRODUCED)["Event"]
        assert (str(ev.uuid), ev.info) == (u, report.headline)
        assert len(ev.attributes) == len(single["Attribute"])
        assert ev.Orgc.name == "summarizer"
        entry = manifest[u]
        assert entry["info"] == report.headline and entry["date"] == single["date"]
        assert entry["Orgc"]["name"] == "summarizer"
        assert "tlp:amber" in [t["name"] for t in entry["Tag"]]
        assert int(entry["timestamp"]) == int(dt.datetime(2026, 1, 2, tzinfo=dt.UTC).timestamp())
    lines = (tmp_path / "hashes.csv").read_text(encoding="utf-8").splitlines()
    assert lines and all(line.split(",")[1] in uuids for line in lines)


def test_cli_writes_a_misp_event() -> None:
    from pymisp import MISPEvent

    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    r = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", str(SEEDS / APT31_SEED),
         "--engine", "rules", "--format", "misp"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    ev = MISPEvent()
    ev.load(data)
    assert 'misp-galaxy:threat-actor="APT31"' in [t.name for t in ev.tags]


def _cli(*args: str, cwd: Any = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args], capture_output=True, text=True, env=env,
        cwd=cwd or ROOT, timeout=300,
    )  # fmt: skip


def test_cli_batch_writes_a_misp_feed_with_the_chosen_tlp(tmp_path: Any) -> None:
    from pymisp import MISPEvent

    feed = tmp_path / "feed"
    r = _cli("batch", str(SEEDS / APT31_SEED), str(SEEDS / APT40_SEED), "--engine", "rules",
             "-f", "misp", "-o", str(feed), "--tlp", "green", "-q")  # fmt: skip
    assert r.returncode == 0, r.stderr
    manifest = json.loads((feed / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest) == 2
    for u in manifest:
        ev = MISPEvent()
        ev.load_file(str(feed / f"{u}.json"))
        assert "tlp:green" in [t.name for t in ev.tags]
    assert not (tmp_path / "feed.part").exists()


def test_cli_batch_misp_needs_a_folder(tmp_path: Any) -> None:
    r = _cli("batch", str(SEEDS / APT31_SEED), "--engine", "rules", "-f", "misp", "-q")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "feed folder" in r.stderr
    (tmp_path / "f.json").write_text("{}", encoding="utf-8")
    r = _cli("batch", str(SEEDS / APT31_SEED), "--engine", "rules", "-f", "misp",
             "-o", str(tmp_path / "f.json"), "-q")  # fmt: skip
    assert r.returncode == 2 and "is a file" in r.stderr


def test_cli_summarize_marks_stix_with_the_chosen_tlp() -> None:
    r = _cli("summarize", str(SEEDS / APT31_SEED), "--engine", "rules", "-f", "stix",
             "--tlp", "amber")  # fmt: skip
    assert r.returncode == 0, r.stderr
    bundle = json.loads(r.stdout)
    amber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
    assert all(o.get("object_marking_refs") == [amber] for o in bundle["objects"]
               if o["type"] != "marking-definition")  # fmt: skip
    r = _cli("summarize", str(SEEDS / APT31_SEED), "--engine", "rules", "--tlp", "purple")
    assert r.returncode == 2


def test_indicator_attributes_are_linked_to_the_software_in_their_sentence() -> None:
    from .test_export_stix import RICH_TEXT

    text = RICH_TEXT.replace("配布URLは", "RAWDOORの配布URLは")
    r = rich_report()
    last = text.rindex("RAWDOOR")
    from summarizer.models import Evidence, Indicator

    moved = r.model_copy(update={
        "indicators": [Indicator(type="url", value="http://update-check.top/a'b.exe", evidence=[
            Evidence(quote="hxxp://update-check[.]top/a'b.exe",
                     start=text.index("hxxp"), end=text.index("hxxp") + 33)])],
        "malware": [m.model_copy(update={"evidence": [
            Evidence(quote="RAWDOOR", start=last, end=last + 7)]}) if m.name == "RAWDOOR"
            else m for m in r.malware],
    })  # fmt: skip
    event = to_misp_event(moved, text=text)
    url = attrs(event, "url")["http://update-check.top/a'b.exe"]
    assert "indicates RAWDOOR" in url["comment"]
    assert {"name": 'misp-galaxy:malpedia="RAWDOOR"'} in url["Tag"]
    assert "Cobalt Strike" not in json.dumps(url["Tag"])
