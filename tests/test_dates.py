"""Japanese date expressions: a table of named cases, the article's own date, action dates."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.dates import (
    fill_action_dates,
    find_dates,
    parse_iso_date,
    report_date,
    text_published,
)
from summarizer.grounding import Grounder, ground
from summarizer.models import (
    Evidence,
    Findings,
    Indictment,
    Provenance,
    Sanction,
    Source,
    ThreatReport,
)

ANCHOR = dt.date(2024, 3, 26)  # the article's date in the table below

# (sentence, anchor, expected ISO values of every date expression in reading order)
# fmt: off
DATE_TABLE = [
    pytest.param("米司法省は2024年3月25日、7人を起訴した。", ANCHOR, ["2024-03-25"], id="full-date"),
    pytest.param("米司法省は２０２４年３月２５日、7人を起訴した。", ANCHOR, ["2024-03-25"], id="full-width-digits"),
    pytest.param("米司法省は二〇二四年三月二十五日、7人を起訴した。", ANCHOR, ["2024-03-25"], id="kanji-positional-year"),
    pytest.param("財務省は十二月十日に制裁を科した。", dt.date(2024, 12, 20), ["2024-12-10"], id="kanji-month-day"),
    pytest.param("米司法省は3月25日、7人を起訴した。", ANCHOR, ["2024-03-25"], id="month-day-article-year"),
    pytest.param("財務省は12月5日に制裁を発表した。", dt.date(2024, 1, 10), ["2023-12-05"], id="month-day-last-year"),
    pytest.param("米司法省は25日、7人を起訴した。", ANCHOR, ["2024-03-25"], id="bare-day-this-month"),
    pytest.param("米司法省は28日、7人を起訴した。", dt.date(2024, 3, 2), ["2024-02-28"], id="bare-day-last-month"),
    pytest.param("米司法省は１０日、7人を起訴した。", ANCHOR, ["2024-03-10"], id="bare-day-full-width"),
    pytest.param("2023年12月1日に侵入し、5日に情報を盗んだ。", ANCHOR, ["2023-12-01", "2023-12-05"], id="day-carries-month-and-year"),
    pytest.param("2022年3月に侵入し、5月10日に発覚した。", ANCHOR, ["2022-03", "2022-05-10"], id="month-carries-sentence-year"),
    pytest.param("昨年3月、制裁が科された。", ANCHOR, ["2023-03"], id="last-year-month"),
    pytest.param("去年10月15日に起訴された。", ANCHOR, ["2023-10-15"], id="kyonen"),
    pytest.param("一昨年、攻撃が始まった。", ANCHOR, ["2022"], id="two-years-ago"),
    pytest.param("今年1月、制裁を科した。", ANCHOR, ["2024-01"], id="this-year-month"),
    pytest.param("昨年、制裁を科した。", ANCHOR, ["2023"], id="last-year"),
    pytest.param("先月20日、起訴された。", ANCHOR, ["2024-02-20"], id="last-month-day"),
    pytest.param("先月、起訴された。", dt.date(2024, 1, 5), ["2023-12"], id="last-month-across-new-year"),
    pytest.param("2024年3月25日に起訴され、同日、英国も制裁を科した。", ANCHOR, ["2024-03-25", "2024-03-25"], id="same-day"),
    pytest.param("2024年3月1日に発表した。前日、逮捕された。", ANCHOR, ["2024-03-01", "2024-02-29"], id="previous-day-leap"),
    pytest.param("2023年12月31日に逮捕され、翌日起訴された。", ANCHOR, ["2023-12-31", "2024-01-01"], id="next-day-new-year"),
    pytest.param("2023年5月に起訴された。同月、制裁も科された。", ANCHOR, ["2023-05", "2023-05"], id="same-month"),
    pytest.param("2019年に起訴され、同年、制裁も科された。", ANCHOR, ["2019", "2019"], id="same-year"),
    pytest.param("令和6年3月25日に起訴した。", None, ["2024-03-25"], id="reiwa-full"),
    pytest.param("令和元年に制裁を科した。", None, ["2019"], id="reiwa-first-year"),
    pytest.param("平成31年4月30日に退位した。", None, ["2019-04-30"], id="heisei"),
    pytest.param("令和６年に起訴した。", None, ["2024"], id="reiwa-full-width"),
    pytest.param("令和五年十月に起訴した。", None, ["2023-10"], id="reiwa-kanji"),
    pytest.param("起訴状は2024/3/25に公開された。", None, ["2024-03-25"], id="slash-date"),
    pytest.param("起訴状は2024-03-25に公開された。", None, ["2024-03-25"], id="iso-date"),
    pytest.param("更新 2018.10.13", None, ["2018-10-13"], id="dotted-date"),
    pytest.param("本日、制裁を発表した。", ANCHOR, ["2024-03-26"], id="today"),
    pytest.param("昨日、7人が起訴された。", ANCHOR, ["2024-03-25"], id="yesterday"),
    pytest.param("2024年に起訴された。", None, ["2024"], id="year-only"),
    # not dates
    pytest.param("攻撃は3日間続いた。", ANCHOR, [], id="duration-days"),
    pytest.param("10日以内に回答を求めた。", ANCHOR, [], id="within-days"),
    pytest.param("5日後に再び侵入した。", ANCHOR, [], id="days-later"),
    pytest.param("2024年度の予算で対応する。", ANCHOR, [], id="fiscal-year"),
    pytest.param("被害は前年比で2倍になった。", ANCHOR, [], id="year-over-year"),
    pytest.param("一日に100件の攻撃があった。", ANCHOR, [], id="per-day-kanji"),
    pytest.param("1日あたり100件の攻撃があった。", ANCHOR, [], id="per-day-arabic"),
    pytest.param("2月30日に起訴された。", ANCHOR, [], id="invalid-date"),
    pytest.param("CVE-2024-21412 を悪用した。", ANCHOR, [], id="cve-is-not-a-date"),
    pytest.param("米司法省は25日、7人を起訴した。", None, [], id="bare-day-needs-an-anchor"),
    pytest.param("同日、制裁を科した。", ANCHOR, [], id="same-day-needs-a-date"),
    pytest.param("3カ月にわたり侵入した。", ANCHOR, [], id="months-count"),
]
# fmt: on


@pytest.mark.parametrize(("text", "anchor", "expected"), DATE_TABLE)
def test_japanese_date_expressions(text: str, anchor: dt.date | None, expected: list[str]) -> None:
    found = find_dates(text, anchor)
    assert [m.iso() for m in found] == expected
    for m in found:
        assert text[m.start : m.end] == m.text  # offsets point into the text as given


def test_explicit_year_is_recorded() -> None:
    a, b = find_dates("2023年12月1日に侵入し、5日に盗んだ。", ANCHOR)
    assert a.explicit_year and not b.explicit_year
    assert a.date == dt.date(2023, 12, 1)


# ---------------------------------------------------------------- the article's own date

# fmt: off
PUBLISHED_TABLE = [
    pytest.param("見出し\n\n2018/10/13\n更新: 2018/10/14\n\n米司法省は10日、起訴した。", dt.date(2018, 10, 13), id="dateline-slash"),
    pytest.param("見出し\n公開日：2024年3月26日 10:00\n本文。2020年1月1日の事件。", dt.date(2024, 3, 26), id="labelled-dateline"),
    pytest.param("見出し\n更新日 2024.03.27\n本文です。", dt.date(2024, 3, 27), id="update-date-only"),
    pytest.param("見出し\n米司法省は2024年3月25日、7人を起訴した。\n2024年4月1日に続報。", dt.date(2024, 3, 25), id="first-full-date"),
    pytest.param("見出し\n米司法省は25日、7人を起訴した。昨年3月にも。", None, id="no-full-date"),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), PUBLISHED_TABLE)
def test_text_published(text: str, expected: dt.date | None) -> None:
    assert text_published(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-03-25", dt.date(2024, 3, 25)), ("2024-03-25T09:00:00+09:00", dt.date(2024, 3, 25))],
)
def test_parse_iso_date(value: str, expected: dt.date) -> None:
    assert parse_iso_date(value) == expected


@pytest.mark.parametrize("value", ["2024/03/25", "25 March 2024", "2024-02-30", "", "2024-3-5"])
def test_parse_iso_date_rejects(value: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_iso_date(value)


# ---------------------------------------------------------------- indictment and sanction dates

ARTICLE = (
    "米司法省は25日、中国人7人を起訴したと発表した。\n"
    "被告らは2010年から2024年にかけて、米国の企業に侵入したとされる。\n"
    "英国も同日、2人に制裁を科した。\n"
    "昨年12月にも別の制裁が発表されている。"
)


def _grounded(findings: Findings, text: str) -> Findings:
    return ground(findings, Grounder(text))


def test_action_dates_from_evidence_sentences_and_relative_words() -> None:
    findings = _grounded(
        Findings(
            indictments=[
                Indictment(
                    jurisdiction="US",
                    evidence=[Evidence(quote="中国人7人を起訴", start=-1, end=-1)],
                )
            ],
            sanctions=[
                Sanction(
                    imposed_by=["GB"],
                    evidence=[Evidence(quote="2人に制裁を科した", start=-1, end=-1)],
                )
            ],
        ),
        ARTICLE,
    )
    out = fill_action_dates(findings, ARTICLE, dt.date(2024, 3, 26))
    assert out.indictments[0].date == "2024-03-25"
    assert out.sanctions[0].date == "2024-03-25"  # 同日 = the 25th stated just before


def test_period_bounds_are_not_the_action_date() -> None:
    text = "被告らは2010年から2015年まで、企業に侵入したとして起訴された。"
    findings = _grounded(
        Findings(
            indictments=[Indictment(evidence=[Evidence(quote="起訴された", start=-1, end=-1)])]
        ),
        text,
    )
    assert fill_action_dates(findings, text, None).indictments[0].date is None


def test_neighbour_sentence_dates_an_action_stated_without_one() -> None:
    text = "米財務省は2024年3月25日、声明を出した。声明によると、2人が制裁対象に指定された。"
    findings = _grounded(
        Findings(
            sanctions=[
                Sanction(evidence=[Evidence(quote="2人が制裁対象に指定された", start=-1, end=-1)])
            ]
        ),
        text,
    )
    assert fill_action_dates(findings, text, None).sanctions[0].date == "2024-03-25"


def test_engine_date_kept_when_valid_and_dropped_when_not() -> None:
    text = "7人が起訴された。"
    findings = _grounded(
        Findings(
            indictments=[
                Indictment(
                    date="2024-03", evidence=[Evidence(quote="7人が起訴された", start=-1, end=-1)]
                ),
                Indictment(
                    date="last Monday",
                    evidence=[Evidence(quote="7人が起訴された", start=-1, end=-1)],
                ),
            ]
        ),
        text,
    )
    out = fill_action_dates(findings, text, None)
    assert [i.date for i in out.indictments] == ["2024-03", None]
    assert any("last Monday" in w for w in out.warnings)


def _report(source: Source, dates: list[str | None]) -> ThreatReport:
    return ThreatReport(
        source=source,
        headline="h",
        summary="s",
        indictments=[Indictment(date=d) for d in dates],
        provenance=Provenance(engine="rules", schema_id="t"),
    )


def test_report_date_prefers_the_articles_date_then_actions_then_none() -> None:
    src = Source(sha256="0" * 64)
    dated = src.model_copy(update={"published": "2024-03-26", "published_source": "html-meta"})
    assert report_date(_report(dated, ["2024-03-25"])) == (dt.date(2024, 3, 26), "html-meta")
    assert report_date(_report(src, ["2024-03-25", "2024-01", "2024-02-01"])) == (
        dt.date(2024, 3, 25),
        "action",
    )
    assert report_date(_report(src, ["2024-03", None])) == (None, None)


# fmt: off
ACTION_TABLE = [
    pytest.param("米政府は9日、2022年7月の攻撃に関与したとして制裁を科した。", "制裁を科した", None, id="unresolved-day-beats-attack-month"),
    pytest.param("米司法省は7月19日、2011~2018年に企業を攻撃したとして起訴した。", "起訴した", None, id="range-end-year"),
    pytest.param("2022年7月のサイバー攻撃を受け、制裁を科した。", "制裁を科した", None, id="attributive-month"),
    pytest.param("APT41は2020年に米国司法省から起訴された。", "起訴された", "2020", id="year-of-indictment"),
    pytest.param("更新 2016.3.26\n米当局、ハッカーを起訴", "ハッカーを起訴", None, id="dateline-is-not-a-neighbour-action"),
]
# fmt: on


@pytest.mark.parametrize(("text", "quote", "expected"), ACTION_TABLE)
def test_action_date_cases(text: str, quote: str, expected: str | None) -> None:
    findings = _grounded(
        Findings(indictments=[Indictment(evidence=[Evidence(quote=quote, start=-1, end=-1)])]), text
    )
    assert fill_action_dates(findings, text, None).indictments[0].date == expected


def test_a_weekday_is_the_actions_day_so_a_conduct_year_elsewhere_does_not_date_it() -> None:
    """米国は月曜日、...告発した: the day is stated but cannot be resolved; the year of the
    intrusions the indictment describes (2016年後半に発生した侵入) is not the indictment's date."""
    text = "米国は月曜日、男性7人を告発した。起訴状によると、2016年後半に発生した侵入があった。"
    quotes = ["米国は月曜日、男性7人を告発した。", "起訴状によると、2016年後半に発生した侵入"]
    ev = [Evidence(quote=q, start=-1, end=-1) for q in quotes]
    findings = _grounded(Findings(indictments=[Indictment(evidence=ev)]), text)
    assert fill_action_dates(findings, text, None).indictments[0].date is None
    dated = "米国は3月25日(月曜日)、男性7人を告発した。"
    ev = [Evidence(quote=dated, start=-1, end=-1)]
    findings = _grounded(Findings(indictments=[Indictment(evidence=ev)]), dated)
    assert fill_action_dates(findings, dated, dt.date(2024, 3, 26)).indictments[0].date == (
        "2024-03-25"
    )
