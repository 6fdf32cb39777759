"""Normalization of extractions against the knowledge base."""

from __future__ import annotations

from summarizer.knowledge import KnowledgeBase
from summarizer.models import (
    Evidence,
    Findings,
    Indictment,
    Person,
    Sanction,
    Software,
    ThreatActor,
    Victim,
    Vulnerability,
)
from summarizer.normalize import normalize


def ev(q: str, s: int = -1) -> Evidence:
    return Evidence(quote=q, start=s, end=s + len(q) if s >= 0 else -1)


def test_apt31_and_zirconium_fold_into_one_actor() -> None:
    f = Findings(
        actors=[
            ThreatActor(name="APT31", evidence=[ev("APT31", 10)]),
            ThreatActor(name="ジルコニウム", evidence=[ev("ジルコニウム", 50)]),
            ThreatActor(
                name="Violet Typhoon",
                mentions=["バイオレット・タイフーン"],
                evidence=[ev("バイオレット・タイフーン", 70)],
            ),
        ]
    )
    out = normalize(f, KnowledgeBase.load())
    assert len(out.actors) == 1
    a = out.actors[0]
    assert a.name == "APT31"
    assert a.attack_id == "G0128"
    assert a.country == "CN"
    assert {"ジルコニウム", "バイオレット・タイフーン"} <= set(a.mentions)
    assert all(m.isascii() for m in a.aliases)
    assert "Zirconium" in a.aliases
    assert [e.start for e in a.evidence] == [10, 50, 70]


def test_sponsor_from_japanese_and_from_evidence() -> None:
    f = Findings(
        actors=[
            ThreatActor(name="ラザルス", sponsor="偵察総局"),
            ThreatActor(
                name="APT10", evidence=[ev("APT10は中国国家安全部の天津市国家安全局と協力")]
            ),
            ThreatActor(name="Unknown Crew 77", evidence=[ev("イラン革命防衛隊に関係する")]),
        ]
    )
    out = normalize(f)
    lazarus, apt10, unknown = out.actors
    assert (lazarus.name, lazarus.sponsor, lazarus.country) == (
        "Lazarus Group",
        "Reconnaissance General Bureau",
        "KP",
    )
    assert apt10.sponsor is None  # two organs quoted: ambiguous, left empty
    assert (unknown.sponsor, unknown.country) == ("Islamic Revolutionary Guard Corps", "IR")


def test_unknown_actor_is_kept_not_invented() -> None:
    out = normalize(Findings(actors=[ThreatActor(name="Nonexistent Spider 9", country="Narnia")]))
    assert [(a.name, a.country, a.attack_id) for a in out.actors] == [
        ("Nonexistent Spider 9", None, None)
    ]


def test_countries_everywhere_become_alpha2() -> None:
    f = Findings(
        indictments=[
            Indictment(
                jurisdiction="United States", defendants=[Person(name="倪高斌", nationality="中国")]
            )
        ],
        sanctions=[Sanction(imposed_by=["米国", "英国", "USA", "junk"])],
        victims=[
            Victim(description="英国議会", country="イギリス"),
            Victim(description="x", country="??"),
        ],
    )
    out = normalize(f)
    assert out.indictments[0].jurisdiction == "US"
    assert out.indictments[0].defendants[0].nationality == "CN"
    assert out.sanctions[0].imposed_by == ["US", "GB"]
    assert [v.country for v in out.victims] == ["GB", None]


def test_person_names_romanized_and_duplicates_folded() -> None:
    f = Findings(
        indictments=[
            Indictment(
                jurisdiction="US",
                defendants=[
                    Person(name="倪高斌"),
                    Person(name="", name_native="趙光宗"),
                    Person(name="Ni Gaobin", name_native="倪高斌"),
                    Person(name="ドミトリー・ホロシェフ"),
                ],
            )
        ]
    )
    people = normalize(f).indictments[0].defendants
    assert [(p.name, p.name_native) for p in people] == [
        ("Ni Gaobin", "倪高斌"),
        ("Zhao Guangzong", "趙光宗"),
        ("Dmitry Khoroshev", "ドミトリー・ホロシェフ"),
    ]


def test_malware_canonical_and_folded() -> None:
    f = Findings(
        malware=[
            Software(name="ワナクライ", evidence=[ev("ワナクライ", 5)]),
            Software(name="WannaCry", evidence=[ev("WannaCry", 40)]),
            Software(name="Korplug"),
            Software(name="Mimikatz", kind="malware"),
            Software(name="TotallyNewLoader"),
        ]
    )
    out = normalize(f).malware
    assert [(s.name, s.kind, s.attack_id) for s in out] == [
        ("WannaCry", "malware", "S0366"),
        ("PlugX", "malware", "S0013"),
        ("Mimikatz", "tool", "S0002"),
        ("TotallyNewLoader", "malware", None),
    ]
    assert len(out[0].evidence) == 2


def test_sectors_cleaned() -> None:
    v = Victim.model_construct(
        name=None,
        name_native=None,
        description="銀行",
        sectors=["金融", "bogus", "defense", "政府機関"],
        country=None,
        evidence=[],
    )
    out = normalize(
        Findings.model_construct(
            victims=[v],
            actors=[],
            indictments=[],
            sanctions=[],
            malware=[],
            vulnerabilities=[],
            indicators=[],
            warnings=[],
            headline=None,
            summary=None,
        )
    )
    assert out.victims[0].sectors == ["financial-services", "defense", "government"]


def test_vulnerabilities_folded_by_cve() -> None:
    f = Findings(
        vulnerabilities=[Vulnerability(cve="CVE-2018-13379"), Vulnerability(cve="cve-2018-13379 ")]
    )
    assert len(normalize(f).vulnerabilities) == 1


def test_sanctioned_party_or_sponsor_is_not_also_a_victim() -> None:
    from summarizer.models import Party

    f = Findings(
        actors=[
            ThreatActor(
                name="MuddyWater",
                sponsor="Ministry of Intelligence",
                evidence=[ev("MuddyWater", 0)],
            )
        ],  # fmt: skip
        sanctions=[
            Sanction(
                imposed_by=["US"],
                targets=[
                    Party(
                        name="Ministry of Intelligence", name_native="情報省", kind="organization"
                    )
                ],
                evidence=[ev("情報省を制裁", 20)],
            )
        ],  # fmt: skip
        victims=[
            Victim(
                name="Ministry of Intelligence",
                name_native="情報省",
                sectors=["government"],
                evidence=[ev("情報省", 20)],
            ),  # fmt: skip
            Victim(
                name="Albanian government",
                sectors=["government"],
                evidence=[ev("アルバニア政府", 40)],
            ),  # fmt: skip
        ],
    )
    out = normalize(f, KnowledgeBase.load())
    assert [v.name for v in out.victims] == ["Albanian government"]
    assert any("Ministry of Intelligence" in w and "dropped" in w for w in out.warnings)


def test_a_sanctioned_person_whose_romanization_is_a_guess_is_flagged() -> None:
    """The README promises guessed romanizations are flagged: sanction targets too, not only
    defendants. A known Russian name is read with confidence; a name of unknown shape is not."""
    from summarizer.models import Party

    f = Findings(
        sanctions=[
            Sanction(
                imposed_by=["US"],
                targets=[
                    Party(name="ドミトリー・ヴォロノフ", kind="person"),
                    Party(name="ゴロフキン・ネリトフ", kind="person"),
                    Party(name="Ivan Petrov", kind="person"),
                ],
                evidence=[ev("制裁", 0)],
            )
        ]
    )
    (s,) = normalize(f, KnowledgeBase.load()).sanctions
    flags = {t.name: t.name_uncertain for t in s.targets}
    assert flags == {"Dmitry Voronov": False, "Golovkin Neritov": True, "Ivan Petrov": False}


def test_pipeline_normalization_folds_what_the_first_merge_left_joinable() -> None:
    from summarizer.merge import merge_findings
    from summarizer.normalize import normalize_merged

    kb = KnowledgeBase.load()
    # Acme and Beta share no name; the third victim names both, so one merge folds it into Acme
    # and only a second merge folds Beta in too
    chained = Findings(
        headline="",
        victims=[
            Victim(name="Acme Widgets", evidence=[ev("Acme Widgets", 0)]),
            Victim(name="Beta Tools", evidence=[ev("Beta Tools", 20)]),
            Victim(name="Acme Widgets", name_native="Beta Tools", evidence=[ev("Acme", 40)]),
        ],
    )
    assert len(normalize(chained, kb).victims) == 2
    assert len(normalize_merged(chained, kb).victims) == 1
    plain = Findings(headline="", summary="", victims=chained.victims[:2])
    for f in (chained, plain):
        assert normalize_merged(f, kb) == merge_findings([normalize(f, kb)])
    assert normalize_merged(plain, kb).headline is None
