"""The Markdown brief: every section present when filled, evidence quoted, thin reports still read."""

from __future__ import annotations

from summarizer.brief import brief
from summarizer.models import (
    Evidence,
    Findings,
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
from summarizer.render import render_markdown

TEXT = "米国はAPT31のメンバーとされる倪高斌(38歳)ら7人を起訴し、英国とともに武漢小瑞志科技有限公司を制裁した。"


def ev(q: str) -> list[Evidence]:
    i = TEXT.index(q)
    return [Evidence(quote=q, start=i, end=i + len(q))]


def report(**kw: object) -> ThreatReport:
    f = Findings(**kw)  # type: ignore[arg-type]
    h, s = brief(f)
    return ThreatReport(
        source=Source(path="a.txt", sha256="0" * 64), headline=h, summary=s,
        provenance=Provenance(engine="rules", schema_id="x", prompt_id="rules:0"),
        **f.model_dump(exclude={"headline", "summary", "warnings"}),
    )  # fmt: skip


def test_rich_report_renders_every_section_with_japanese_evidence() -> None:
    r = report(
        actors=[ThreatActor(name="APT31", aliases=["Zirconium"], country="CN",
                            sponsor="Ministry of State Security", attack_id="G0128", evidence=ev("APT31"))],
        indictments=[Indictment(jurisdiction="US", defendant_count=7, charges=["computer intrusion"],
                                defendants=[Person(name="Ni Gaobin", name_native="倪高斌", age=38)],
                                evidence=ev("倪高斌(38歳)ら7人を起訴"))],
        sanctions=[Sanction(imposed_by=["US", "GB"], targets=[Party(name="Wuhan Xiaoruizhi Science and Technology",
                            name_native="武漢小瑞志科技有限公司")], evidence=ev("武漢小瑞志科技有限公司を制裁"))],
        victims=[Victim(description="UK political bodies", sectors=["government"], country="GB", evidence=ev("英国"))],
        malware=[Software(name="RAWDOOR", evidence=ev("APT31"))],
        vulnerabilities=[Vulnerability(cve="CVE-2024-0001", evidence=ev("米国"))],
    )  # fmt: skip
    md = render_markdown(r)
    for heading in (
        "## Threat actors",
        "## Indictments",
        "## Sanctions",
        "## Victims and targets",
        "## Malware, tools and vulnerabilities",
    ):
        assert heading in md
    assert "Ni Gaobin (倪高斌) age 38" in md
    assert "「倪高斌(38歳)ら7人を起訴」" in md
    assert "United States, United Kingdom" in md and "G0128" in md
    assert r.headline.startswith("United States charges 7 suspects")
    assert "United States and United Kingdom impose sanctions" in r.headline


def test_empty_report_says_nothing_was_found() -> None:
    md = render_markdown(report())
    assert "No threat actor" in md
    assert "Nothing grounded in the article was extracted" in md


def test_long_quotes_are_shortened_and_warnings_listed() -> None:
    r = report(
        actors=[ThreatActor(name="APT31", evidence=[Evidence(quote="あ" * 400, start=0, end=400)])]
    )
    r = r.model_copy(update={"warnings": ["dropped actor 'APT99': evidence not found"]})
    md = render_markdown(r)
    assert "あ" * 159 + "…" in md and "あ" * 161 not in md
    assert "dropped actor 'APT99'" in md


def test_long_lists_in_the_brief_end_with_one_and_n_more() -> None:
    """Ten actors, nine sanction targets, eight defendants: "A, B, ..., F, and 4 more", never
    "..., and F and 4 more" nor a trailing "..."; a list that was cut says how much."""
    actors = [ThreatActor(name=f"APT{n}", evidence=ev("APT31")) for n in range(1, 11)]
    targets = [Party(name=f"Front Company {n}") for n in range(1, 10)]
    people = [Person(name=f"Person {n}") for n in range(1, 9)]
    malware = [Software(name=f"Tool{n}", evidence=ev("APT31")) for n in range(1, 11)]
    _, s = brief(
        Findings(
            actors=actors,
            sanctions=[Sanction(imposed_by=["US"], targets=targets, evidence=ev("米国"))],
            indictments=[Indictment(jurisdiction="US", defendants=people, evidence=ev("米国"))],
            malware=malware,
        )
    )
    assert "Threat actors named: APT1, APT2, APT3, APT4, APT5, APT6, and 4 more." in s
    assert "Front Company 4, Front Company 5, and 4 more." in s
    assert "Person 6, Person 7, and 1 more)" in s
    assert "Tool7, Tool8, and 2 more." in s
    assert " and 4 more and" not in s and "..." not in s


def test_brief_shows_the_dates_the_report_holds() -> None:
    """An analyst reading the Markdown brief sees when the article appeared and when each
    indictment and sanction happened, not only the JSON reader."""
    r = report(
        indictments=[Indictment(jurisdiction="US", date="2024-03-25", evidence=ev("7人を起訴"))],
        sanctions=[Sanction(imposed_by=["GB"], date="2024-03", evidence=ev("制裁"))],
    )
    src = r.source.model_copy(update={"published": "2024-03-26"})
    md = render_markdown(r.model_copy(update={"source": src}))
    assert "- **United States**; date: 2024-03-25" in md
    assert "- **Imposed by United Kingdom**; date: 2024-03" in md
    assert "published 2024-03-26" in md.split("## Indictments")[0]
    assert "date:" not in render_markdown(report(indictments=[Indictment(jurisdiction="US")]))


def test_a_name_ending_in_a_period_ends_its_sentence_once() -> None:
    """'... on Example Trading Co., Ltd.' not '... Co., Ltd..' (abbreviations keep theirs)."""
    company = Party(name="Example Trading Co., Ltd.")
    _, s = brief(Findings(sanctions=[Sanction(imposed_by=["US"], targets=[company])]))
    assert s == "United States imposed sanctions on Example Trading Co., Ltd."


def test_a_guessed_english_rendering_keeps_its_original_in_the_brief() -> None:
    """An analyst must see which names are guesses: a victim or sanction target whose English
    name was read back from katakana shows the Japanese beside it; a known name does not."""
    from summarizer.brief import brief
    from summarizer.models import Findings, Party, Sanction, Victim

    f = Findings(
        victims=[
            Victim(name="Saudi Aramuko", name_native="サウジアラムコ", name_uncertain=True),
            Victim(name="Bangladesh Bank", name_native="バングラデシュ中央銀行"),
        ],
        sanctions=[
            Sanction(
                imposed_by=["US"],
                targets=[Party(name="Korea Expo", name_native="朝鮮エキスポ", name_uncertain=True)],
            )
        ],
    )
    _headline, summary = brief(f)
    assert "Saudi Aramuko (サウジアラムコ)" in summary
    assert "Korea Expo (朝鮮エキスポ)" in summary
    assert "Bangladesh Bank." in summary
    assert "バングラデシュ" not in summary
