"""Merging chunk results: duplicates by name/alias folded, evidence and details kept."""

from __future__ import annotations

from summarizer.merge import merge_findings
from summarizer.models import (
    Evidence,
    Findings,
    Indictment,
    Party,
    Person,
    Sanction,
    Software,
    ThreatActor,
    Victim,
    Vulnerability,
)


def ev(s: int, q: str = "x") -> Evidence:
    return Evidence(quote=q, start=s, end=s + len(q))


def test_actors_fold_on_name_alias_and_width() -> None:
    a = ThreatActor(name="APT31", aliases=["Zirconium"], evidence=[ev(0)])
    b = ThreatActor(name="ＡＰＴ ３１", country="CN", evidence=[ev(50)])
    c = ThreatActor(name="zirconium", sponsor="Ministry of State Security", evidence=[ev(90)])
    d = ThreatActor(name="Lazarus Group", evidence=[ev(120)])
    out = merge_findings([Findings(actors=[a, d]), Findings(actors=[b]), Findings(actors=[c])])
    assert [x.name for x in out.actors] == ["APT31", "Lazarus Group"]
    apt31 = out.actors[0]
    assert apt31.country == "CN" and apt31.sponsor == "Ministry of State Security"
    assert [e.start for e in apt31.evidence] == [0, 50, 90]
    assert "Zirconium" in apt31.aliases and "APT31" not in apt31.aliases


def test_indictment_defendants_merge_by_native_name_and_swapped_order() -> None:
    i1 = Indictment(
        jurisdiction="US",
        defendants=[Person(name="Ni Gaobin", name_native="倪高斌", age=38)],
        defendant_count=7,
        evidence=[ev(0)],
    )
    i2 = Indictment(
        jurisdiction="US",
        defendants=[Person(name="Gaobin Ni"), Person(name="Zhao Guangzong", name_native="趙光宗")],
        charges=["computer intrusion"],
        evidence=[ev(10)],
    )
    i3 = Indictment(jurisdiction="JP", defendant_count=2, evidence=[ev(20)])
    out = merge_findings([Findings(indictments=[i1]), Findings(indictments=[i2, i3])])
    assert len(out.indictments) == 2
    us = out.indictments[0]
    assert [p.name for p in us.defendants] == ["Ni Gaobin", "Zhao Guangzong"]
    assert us.defendants[0].age == 38
    assert us.defendant_count == 7 and us.charges == ["computer intrusion"]


def test_sanctions_victims_software_vulns_fold() -> None:
    s1 = Sanction(
        imposed_by=["US"],
        targets=[Party(name="Wuhan XRZ", name_native="武漢小瑞志科技有限公司")],
        evidence=[ev(0)],
    )
    s2 = Sanction(
        imposed_by=["US"],
        targets=[
            Party(name="Wuhan Xiaoruizhi", name_native="武漢小瑞志科技有限公司"),
            Party(name="Ni Gaobin", kind="person"),
        ],
        evidence=[ev(5)],
    )
    v1 = Victim(name_native="三菱電機", sectors=["manufacturing"], evidence=[ev(0)])
    v2 = Victim(
        name="Mitsubishi Electric",
        name_native="三菱電機",
        sectors=["defense"],
        country="JP",
        evidence=[ev(9)],
    )
    m1 = Software(name="PlugX", aliases=["Korplug"], evidence=[ev(0)])
    m2 = Software(name="korplug", evidence=[ev(3)])
    c1 = Vulnerability(cve="CVE-2018-13379", evidence=[ev(0)])
    c2 = Vulnerability(cve="cve-2018-13379", description="FortiOS path traversal", evidence=[ev(4)])
    out = merge_findings(
        [
            Findings(sanctions=[s1], victims=[v1], malware=[m1], vulnerabilities=[c1]),
            Findings(sanctions=[s2], victims=[v2], malware=[m2], vulnerabilities=[c2]),
        ]
    )
    assert len(out.sanctions) == 1 and len(out.sanctions[0].targets) == 2
    assert len(out.victims) == 1
    assert out.victims[0].sectors == ["manufacturing", "defense"] and out.victims[0].country == "JP"
    assert out.victims[0].name == "Mitsubishi Electric"
    assert [m.name for m in out.malware] == ["PlugX"]
    assert len(out.vulnerabilities) == 1 and out.vulnerabilities[0].description


def test_distinct_entities_stay_distinct() -> None:
    out = merge_findings(
        [
            Findings(
                actors=[ThreatActor(name="APT31"), ThreatActor(name="APT3")],
                victims=[
                    Victim(description="a US defense contractor"),
                    Victim(description="a steel company"),
                ],
            )
        ]
    )
    assert len(out.actors) == 2 and len(out.victims) == 2


def test_duplicate_targets_within_one_sanction_fold() -> None:
    s = Sanction(
        imposed_by=["US", "GB"],
        targets=[
            Party(name="Ministry of State Security", name_native="国家安全部"),
            Party(name="Ministry of State Security", name_native="MSS"),
            Party(name="Ni Gaobin", name_native="倪高斌", kind="person"),
        ],
    )
    out = merge_findings([Findings(sanctions=[s])])
    assert [t.name for t in out.sanctions[0].targets] == ["Ministry of State Security", "Ni Gaobin"]
