"""Scoring against gold annotations (summarizer.evaluate) and the ``summarizer eval`` command."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from summarizer.errors import InputError
from summarizer.evaluate import (
    FIELDS,
    Gold,
    content_words,
    load_gold,
    perfect_report,
    score,
    words_overlap,
)
from summarizer.models import (
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

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEV = ROOT.parent / "shared" / "dev"


def report(**kw: Any) -> ThreatReport:
    return ThreatReport(source=Source(sha256="0" * 64), headline="h", summary="s",
                        provenance=Provenance(engine="rules", schema_id="t"), **kw)  # fmt: skip


def gold(data: dict[str, Any]) -> Gold:
    return Gold.from_dict(data, Path("g.json"), Path("g.txt"))


def counts(g: dict[str, Any], r: ThreatReport | None, fld: str) -> tuple[int, int, int]:
    c = score([(gold(g), r)]).fields[fld]
    return c.tp, c.fp, c.fn


APT31 = {"name": "APT31", "aliases": ["Zirconium", "Violet Typhoon"], "country": "CN"}
FULL = {
    "actors": [APT31],
    "actors_optional": [{"name": "APT29", "aliases": ["Cozy Bear"], "country": "RU"}],
    "indictments": [{"jurisdiction": "US", "defendant_count": 2, "defendants": [
        {"name": "Ni Gaobin", "name_native": "倪高斌"}, {"name": "Zhao Guangzong"}]}],
    "sanctions": [{"imposed_by": ["US", "GB"],
                   "targets": [{"name": "Wuhan Xiaoruizhi Science and Technology Co., Ltd.",
                                "aliases": ["Wuhan XRZ"]}],
                   "targets_optional": [{"name": "Ministry of State Security",
                                         "aliases": ["MSS"]}]}],
    "victims": {"organizations": [{"name": "Department of Justice", "name_native": "司法省"}],
                "organizations_optional": [{"name": "defense contractor"}],
                "sectors": ["government", "defense"], "sectors_optional": ["technology"],
                "countries": ["US"], "countries_optional": ["GB"]},
    "malware": [{"name": "PlugX", "aliases": ["Korplug"]}],
    "malware_optional": [{"name": "Cobalt Strike"}],
    "vulnerabilities": ["CVE-2021-21974"],
}  # fmt: skip
EMPTY: dict[str, Any] = {}


def full_report() -> ThreatReport:
    return report(
        actors=[ThreatActor(name="APT31", country="CN")],
        indictments=[Indictment(jurisdiction="US", defendant_count=2, defendants=[
            Person(name="Ni Gaobin"), Person(name="Zhao Guangzong")])],
        sanctions=[Sanction(imposed_by=["US", "GB"], targets=[
            Party(name="Wuhan XRZ")])],
        victims=[Victim(name="Department of Justice", sectors=["government-national", "defense"],
                        country="US")],
        malware=[Software(name="PlugX")],
        vulnerabilities=[Vulnerability(cve="CVE-2021-21974")],
    )  # fmt: skip


def test_perfect_prediction_scores_one() -> None:
    s = score([(gold(FULL), full_report())])
    for name in FIELDS:
        c = s.fields[name]
        assert (c.fp, c.fn) == (0, 0), name
        assert c.f1 == 1.0, name
    assert s.overall.f1 == 1.0
    assert s.overall.tp == 15


def test_empty_prediction_on_empty_gold_is_neutral() -> None:
    s = score([(gold(EMPTY), report())])
    assert s.overall.tp == s.overall.fp == s.overall.fn == 0
    assert s.overall.precision == s.overall.recall == s.overall.f1 == 1.0
    # and adding it to a scored article changes nothing
    one = score([(gold(FULL), full_report())]).overall
    two = score([(gold(FULL), full_report()), (gold(EMPTY), report())]).overall
    assert (one.tp, one.fp, one.fn) == (two.tp, two.fp, two.fn)


def test_empty_prediction_misses_everything() -> None:
    s = score([(gold(FULL), report())])
    assert s.overall.fp == 0 and s.overall.tp == 0
    assert s.overall.precision == 0.0 and s.overall.f1 == 0.0
    # no prediction at all (a failed run) scores like an empty report
    assert score([(gold(FULL), None)]).overall.fn == s.overall.fn


@pytest.mark.parametrize(
    ("fld", "rep", "expected"),
    [
        # optional items: neither TP nor FP
        ("actors", report(actors=[ThreatActor(name="APT31"), ThreatActor(name="Cozy Bear")]),
         (1, 0, 0)),
        ("malware", report(malware=[Software(name="PlugX"), Software(name="Cobalt Strike")]),
         (1, 0, 0)),
        ("malware", report(malware=[Software(name="Cobalt Strike")]), (0, 0, 1)),
        ("victim_orgs", report(victims=[Victim(name="Department of Justice"),
                                        Victim(name="Defense Contractor")]), (1, 0, 0)),
        ("victim_sectors", report(victims=[Victim(sectors=["government", "defense",
                                                           "technology"])]), (2, 0, 0)),
        ("victim_countries", report(victims=[Victim(country="US"), Victim(country="GB")]),
         (1, 0, 0)),
        ("sanction_targets", report(sanctions=[Sanction(targets=[
            Party(name="Wuhan XRZ"), Party(name="MSS")])]), (1, 0, 0)),
        # swapped person names, native names
        ("defendants", report(indictments=[Indictment(defendants=[
            Person(name="Gaobin Ni"), Person(name="GUANGZONG ZHAO")])]), (2, 0, 0)),
        ("defendants", report(indictments=[Indictment(defendants=[
            Person(name="Ni Gao-bin (guess)", name_native="倪高斌")])]), (1, 0, 1)),
        # the same person in two indictments is one prediction
        ("defendants", report(indictments=[
            Indictment(defendants=[Person(name="Ni Gaobin")]),
            Indictment(defendants=[Person(name="Gaobin Ni")])]), (1, 0, 1)),
        # width and case folding
        ("actors", report(actors=[ThreatActor(name="ＡＰＴ３１")]), (1, 0, 0)),
        ("actors", report(actors=[ThreatActor(name="Violet-Typhoon")]), (1, 0, 0)),
        ("actors", report(actors=[ThreatActor(name="ジルコニウム", mentions=["zirconium"])]),
         (1, 0, 0)),
        ("cves", report(vulnerabilities=[Vulnerability(cve="ｃｖｅ－２０２１－２１９７４")]),
         (1, 0, 0)),
        # government-* counts as government
        ("victim_sectors", report(victims=[Victim(sectors=["government-national"])]), (1, 0, 1)),
        # a wrong extra actor is an FP; two unmerged names of one actor: the second is an FP
        ("actors", report(actors=[ThreatActor(name="APT31"), ThreatActor(name="Lazarus")]),
         (1, 1, 0)),
        ("actors", report(actors=[ThreatActor(name="APT31"), ThreatActor(name="Zirconium")]),
         (1, 1, 0)),
        # organizations match on word overlap, not on a shared generic word
        ("victim_orgs", report(victims=[Victim(name="US Justice Department")]), (1, 0, 0)),
        ("victim_orgs", report(victims=[Victim(name="Department of Commerce")]), (0, 1, 1)),
        ("sanction_targets", report(sanctions=[Sanction(targets=[
            Party(name="Wuhan Xiaoruizhi Science and Technology Company")])]), (1, 0, 0)),
        # defendant count and jurisdiction
        ("defendant_count", report(indictments=[Indictment(jurisdiction="US",
                                                           defendant_count=3)]), (0, 1, 1)),
        ("defendant_count", report(indictments=[Indictment(defendant_count=2)]), (1, 0, 0)),
        ("indictment_jurisdiction", report(indictments=[Indictment(jurisdiction="us"),
                                                        Indictment(jurisdiction="CN")]),
         (1, 1, 0)),
        ("sanction_imposers", report(sanctions=[Sanction(imposed_by=["US"]),
                                                Sanction(imposed_by=["GB", "US"])]), (2, 0, 0)),
    ],
)  # fmt: skip
def test_field_matching(fld: str, rep: ThreatReport, expected: tuple[int, int, int]) -> None:
    assert counts(FULL, rep, fld) == expected


@pytest.mark.parametrize(
    ("gold_actor", "pred_country", "expected"),
    [
        ({"name": "Killnet"}, "RU", (0, 0, 0)),  # gold attributes no state: not scored
        ({"name": "Killnet", "country": None}, None, (0, 0, 0)),
        ({"name": "APT31", "country": "CN"}, "CN", (1, 0, 0)),
        ({"name": "APT31", "country": "CN"}, "cn", (1, 0, 0)),
        ({"name": "APT31", "country": "CN"}, None, (0, 0, 1)),
        ({"name": "APT31", "country": "CN"}, "RU", (0, 1, 1)),
    ],
)
def test_actor_country(gold_actor: dict[str, Any], pred_country: str | None,
                       expected: tuple[int, int, int]) -> None:  # fmt: skip
    g = {"actors": [gold_actor]}
    r = report(actors=[ThreatActor(name=gold_actor["name"], country=pred_country)])
    assert counts(g, r, "actor_country") == expected
    assert counts(g, r, "actors") == (1, 0, 0)


def test_actor_country_of_missed_or_optional_actor() -> None:
    g = {"actors": [APT31], "actors_optional": [{"name": "APT29", "country": "RU"}]}
    assert counts(g, report(), "actor_country") == (0, 0, 1)
    r = report(actors=[ThreatActor(name="APT29", country="CN")])
    assert counts(g, r, "actor_country") == (0, 0, 1)
    assert counts(g, r, "actors") == (0, 0, 1)


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        ("Czech Foreign Ministry", "Ministry of Foreign Affairs of the Czech Republic", True),
        ("Japanese government", "Government of Japan", True),
        ("Mitsubishi Electric Corporation", "Mitsubishi Electric", True),
        ("Department of Justice", "Department of Commerce", False),
        ("Japanese manufacturers", "Japanese government agencies", False),
        ("Government of Albania", "Government of Ukraine", False),
        ("Tokyo Metro", "Osaka Metro", False),
        ("Government of Japan", "Government of South Korea", False),
    ],
)
def test_word_overlap(a: str, b: str, match: bool) -> None:
    assert words_overlap(content_words(a), content_words(b)) is match


def test_exact_name_beats_overlap() -> None:
    g = {
        "victims": {
            "organizations": [{"name": "GE Aviation"}],
            "organizations_optional": [{"name": "General Electric", "aliases": ["GE"]}],
        }
    }
    # "GE" names the optional parent: neutral, and not a TP for GE Aviation by word overlap
    assert counts(g, report(victims=[Victim(name="GE")]), "victim_orgs") == (0, 0, 1)


def test_tolerant_gold() -> None:
    g = {"victims": [{"name": "Coincheck", "sectors": ["financial-services"], "country": "JP"}],
         "vulnerabilities": [{"cve": "cve-2018-13379"}]}  # fmt: skip
    r = report(victims=[Victim(name="Coincheck Inc.", sectors=["financial-services"],
                               country="JP")],
               vulnerabilities=[Vulnerability(cve="CVE-2018-13379")])  # fmt: skip
    s = score([(gold(g), r)])
    assert s.overall.f1 == 1.0 and s.overall.tp == 4


@pytest.mark.parametrize("folder", [SEEDS, DEV])
def test_gold_round_trip(folder: Path) -> None:
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    golds = load_gold(folder)
    assert golds and all(g.article.is_file() for g in golds)
    s = score((g, perfect_report(g)) for g in golds)
    assert s.overall.fp == 0 and s.overall.fn == 0 and s.overall.tp > 0
    assert s.overall.f1 == 1.0
    # a report serialized to JSON scores the same
    s2 = score((g, json.loads(perfect_report(g).model_dump_json())) for g in golds)
    assert s2.overall.tp == s.overall.tp


def test_load_gold_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_gold(tmp_path / "missing")
    with pytest.raises(InputError, match="no gold files"):
        load_gold(tmp_path)
    (tmp_path / "a.json").write_text('{"article": "a.txt", "actors": []}', encoding="utf-8")
    with pytest.raises(InputError, match="a.txt"):
        load_gold(tmp_path)
    (tmp_path / "a.txt").write_text("本文", encoding="utf-8")
    (tmp_path / "report.json").write_text('{"schema_version": "1"}', encoding="utf-8")
    assert [g.name for g in load_gold(tmp_path)] == ["a"]
    assert len(load_gold(tmp_path / "a.json")) == 1


# --------------------------------------------------------------------------------------------
# the CLI, with the pipeline replaced by a stub that returns the gold's perfect report


@pytest.fixture
def stub_pipeline(monkeypatch: pytest.MonkeyPatch) -> dict[str, ThreatReport]:
    reports: dict[str, ThreatReport] = {}

    def summarize_path(path: str, *, engine: str = "auto", settings: Any = None) -> ThreatReport:
        return reports[Path(path).name]

    mod = types.ModuleType("summarizer.pipeline")
    mod.summarize_path = summarize_path  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "summarizer.pipeline", mod)
    monkeypatch.delenv("SUMMARIZER_BASE_URL", raising=False)
    monkeypatch.delenv("SUMMARIZER_ENGINE", raising=False)
    return reports


def _invoke(args: list[str]) -> Any:
    from typer.testing import CliRunner

    from summarizer.cli import eval_cmd  # noqa: F401  (registers the command)
    from summarizer.cli.app import app

    return CliRunner().invoke(app, args)


def test_eval_command(stub_pipeline: dict[str, ThreatReport], tmp_path: Path) -> None:
    for g in load_gold(SEEDS):
        stub_pipeline[g.article.name] = perfect_report(g)
    res = _invoke(["eval", str(SEEDS), "--engine", "rules"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.strip().splitlines()
    assert lines[-1].startswith("overall micro F1: 1.00 (P 1.00, R 1.00) over 2 articles")
    assert any(line.startswith("actors ") for line in lines)

    res = _invoke(["eval", str(SEEDS), "--engine", "rules", "--json", "--details"])
    data = json.loads(res.stdout)
    assert data["overall"]["f1"] == 1.0 and data["articles"] == 2
    assert set(data["fields"]) == set(FIELDS)


def test_eval_command_details_and_errors(stub_pipeline: dict[str, ThreatReport],
                                         tmp_path: Path) -> None:  # fmt: skip
    for g in load_gold(SEEDS):
        stub_pipeline[g.article.name] = report(actors=[ThreatActor(name="Lazarus Group")])
    res = _invoke(["eval", str(SEEDS), "--engine", "rules", "--details"])
    assert "actors false positive: Lazarus Group" in res.stdout
    assert "actors missed: APT31" in res.stdout

    res = _invoke(["eval", str(tmp_path), "--engine", "rules"])
    assert isinstance(res.exception, InputError)
