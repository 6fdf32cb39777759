"""--version, --published and the dates a user sees in the JSON (synthetic articles)."""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path

import pytest

from .test_cli import run

ARTICLE = (
    "米司法省は25日、中国国家安全部（MSS）の支援を受けるハッカー集団「APT31」のメンバーとされる"
    "中国籍の7人を起訴したと発表した。\n"
    "英国も同日、国家安全部のフロント企業とされる武漢の企業に制裁を科した。\n"
)


def test_version_prints_package_version() -> None:
    r = run("--version")
    assert r.returncode == 0
    assert r.stdout.strip() == f"summarizer {version('summarizer')}"
    assert re.fullmatch(r"summarizer \d+\.\d+\.\d+\S*", r.stdout.strip())


@pytest.mark.parametrize("value", ["2024-13-01", "26/03/2024", "yesterday"])
def test_bad_published_is_one_error_line_exit_2(value: str, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    for cmd in (["summarize", str(f)], ["batch", str(f), "-o", str(tmp_path / "o.jsonl")]):
        r = run(*cmd, "--published", value)
        assert r.returncode == 2, r.stderr
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: --published"), r.stderr


def test_published_dates_the_report_and_relative_action_dates(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    r = run("summarize", str(f), "-f", "json", "--engine", "rules", "--published", "2024-03-26")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["source"]["published"] == "2024-03-26"
    assert report["source"]["published_source"] == "cli"
    assert [i["date"] for i in report["indictments"]] == ["2024-03-25"]  # 25日
    assert [s["date"] for s in report["sanctions"]] == ["2024-03-25"]  # 同日

    # without a date from anywhere, 25日 cannot be placed: no date rather than a made-up one
    r = run("summarize", str(f), "-f", "json", "--engine", "rules")
    report = json.loads(r.stdout)
    assert report["source"]["published"] is None
    assert [i["date"] for i in report["indictments"]] == [None]


def test_page_metadata_beats_published_and_batch_applies_it(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><meta charset="utf-8"><meta property="article:published_time" '
        'content="2024-03-27T08:00:00+09:00"></head><body><article><p>'
        + ARTICLE.replace("\n", "</p><p>")
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    txt = tmp_path / "a.txt"
    txt.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run("batch", str(page), str(txt), "-o", str(out), "--engine", "rules",
            "--published", "2024-03-26")  # fmt: skip
    assert r.returncode == 0, r.stderr
    recs = {Path(x["id"]).name: x["report"] for x in map(json.loads, out.read_text().splitlines())}
    assert recs["page.html"]["source"]["published"] == "2024-03-27"
    assert recs["page.html"]["source"]["published_source"] == "html-meta"
    assert recs["page.html"]["indictments"][0]["date"] == "2024-03-25"
    assert recs["a.txt"]["source"]["published_source"] == "cli"
    assert recs["a.txt"]["indictments"][0]["date"] == "2024-03-25"
