"""``_Model.trusted`` makes what the validating constructor makes, for values already valid."""

from __future__ import annotations

import pytest

from summarizer.models import Evidence, Findings, ThreatActor, Victim


def _same(a: object, b: object) -> None:
    assert a == b
    assert a.model_dump_json() == b.model_dump_json()  # type: ignore[attr-defined]
    assert a.model_fields_set == b.model_fields_set  # type: ignore[attr-defined]


def test_trusted_equals_constructor() -> None:
    ev = Evidence(quote="APT31", start=3, end=8)
    actor = ThreatActor(name="APT31", aliases=["Zirconium"], evidence=[ev])
    victim = Victim(name="Acme", sectors=["energy"], evidence=[ev])
    kw = {"headline": None, "summary": "s", "actors": [actor], "victims": [victim]}
    _same(Findings.trusted(**kw), Findings(**kw))
    _same(Evidence.trusted(quote="APT31", start=3, end=8), ev)
    _same(Findings.trusted(), Findings())


def test_trusted_defaults_are_fresh() -> None:
    a, b = Findings.trusted(), Findings.trusted()
    a.actors.append(ThreatActor(name="x"))
    assert b.actors == []


def test_trusted_rejects_missing_and_unknown_fields() -> None:
    with pytest.raises(TypeError):
        Evidence.trusted(quote="x", start=0)
    with pytest.raises(TypeError):
        Findings.trusted(nonsense=1)


def test_span_evidence_equals_constructor() -> None:
    from summarizer.rules.reading import span_evidence

    _same(span_evidence("米司法省は起訴した", 1, 4), Evidence(quote="司法省", start=1, end=4))


def test_scan_hits_are_hits() -> None:
    from summarizer.knowledge import Hit, KnowledgeBase

    hits = KnowledgeBase.load().scan("APT31が米国を攻撃した")
    assert all(type(h) is Hit for h in hits)
    assert hits[0] == Hit("actor", "APT31", 0, 5, "APT31")
