"""Grounding: quotes located in the decoded text with exact offsets, ungrounded entities dropped."""

from __future__ import annotations

import pytest

from summarizer.grounding import Grounder, ground
from summarizer.models import Evidence, Findings, Software, ThreatActor, Vulnerability

TEXT = (
    "米国は月曜日、中国人男性7人を告発した。\n"
    "スパイ容疑者はＡＰＴ３１のメンバーである。APT31は別名ジルコニウムとも呼ばれる。\n"
    "攻撃には　RAWDOOR　が使われた。"
)


def ev(q: str) -> Evidence:
    return Evidence(quote=q, start=-1, end=-1)


@pytest.mark.parametrize(
    ("name", "quote", "expected"),
    [
        ("exact", "別名ジルコニウム", "別名ジルコニウム"),
        (
            "width folded: ASCII quote for full-width text",
            "APT31のメンバー",
            "ＡＰＴ３１のメンバー",
        ),
        ("case folded", "apt31は別名", "APT31は別名"),
        ("space folded (ideographic spaces in text)", "攻撃にはRAWDOORが", "攻撃には　RAWDOOR　が"),
        (
            "model wrapped the quote in brackets",
            "「中国人男性7人を告発した。」",
            "中国人男性7人を告発した",
        ),
        ("quote spans a line break", "告発した。スパイ容疑者", "告発した。\nスパイ容疑者"),
    ],
)
def test_locate_returns_offsets_into_decoded_text(name: str, quote: str, expected: str) -> None:
    g = Grounder(TEXT)
    span = g.locate(quote)
    assert span is not None, name
    assert TEXT[span[0] : span[1]] == expected


def test_not_in_text_is_none() -> None:
    assert Grounder(TEXT).locate("北朝鮮のラザルス") is None


def test_window_prefers_the_chunk_it_came_from() -> None:
    text = "APT31が攻撃。" * 3
    g = Grounder(text)
    assert g.locate("APT31", window=(9, 18)) == (9, 14)
    assert g.locate("APT31", window=(18, 27)) == (18, 23)


def test_ground_drops_ungrounded_entities_and_warns() -> None:
    f = Findings(
        actors=[
            ThreatActor(name="APT31", evidence=[ev("ジルコニウム")]),
            ThreatActor(name="APT99", evidence=[ev("APT99が日本を攻撃")]),  # invented by a model
        ],
        malware=[Software(name="RAWDOOR", evidence=[ev("RAWDOOR"), ev("not here")])],
        vulnerabilities=[Vulnerability(cve="CVE-2024-0001", evidence=[])],
    )
    out = ground(f, Grounder(TEXT))
    assert [a.name for a in out.actors] == ["APT31"]
    assert [m.name for m in out.malware] == ["RAWDOOR"]
    assert len(out.malware[0].evidence) == 1  # the unlocatable quote is gone, the entity stays
    assert out.vulnerabilities == []
    assert any("APT99" in w for w in out.warnings)
    assert any("CVE-2024-0001" in w for w in out.warnings)
    for a in out.actors:
        for e in a.evidence:
            assert TEXT[e.start : e.end] == e.quote


def test_located_evidence_is_kept_and_wrong_offsets_are_repaired() -> None:
    good = Evidence(quote="APT31", start=TEXT.index("APT31"), end=TEXT.index("APT31") + 5)
    wrong = Evidence(quote="ジルコニウム", start=0, end=6)  # offsets do not match the quote
    out = ground(Findings(actors=[ThreatActor(name="x", evidence=[good, wrong])]), Grounder(TEXT))
    evs = out.actors[0].evidence
    assert evs[0] == good
    assert TEXT[evs[1].start : evs[1].end] == "ジルコニウム"
