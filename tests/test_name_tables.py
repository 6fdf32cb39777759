"""The name tables are data files: each parses, ships in the wheel, and is read only when used;
the kanji reading table is read only when a kanji name is romanized, and pypinyin never at run
time (it only builds that table)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from summarizer.names import _data, is_non_party, is_title, non_party_titles, title_pattern

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "table", _data.TABLES + ("chinese_surnames", "japanese_surnames", "hangul_surnames")
)
def test_each_table_parses(table: str) -> None:
    rows = _data.rows(table)
    assert len(rows) >= 5
    assert all(all(cell.strip() == cell and cell for cell in row) for row in rows)


def test_every_data_file_is_a_known_table() -> None:
    files = {p.stem for p in Path(_data.DATA_DIR).glob("*.tsv")}
    for name in files:
        assert _data.rows(name)


def test_a_malformed_table_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bad.tsv").write_text("# c\na\tb\nx\n", encoding="utf-8")
    monkeypatch.setattr(_data, "DATA_DIR", str(tmp_path))
    _data.rows.cache_clear()
    try:
        with pytest.raises(_data.TableError, match="bad.tsv:3"):
            _data.rows("bad")
    finally:
        _data.rows.cache_clear()


def _run(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout.strip()


def test_import_reads_no_table_and_the_kanji_readings_only_with_a_kanji_name() -> None:
    out = _run(
        "import sys, summarizer.names as n; from summarizer.names import _data, chinese; "
        "print('pypinyin' in sys.modules, _data.rows.cache_info().currsize); "
        "n.romanize('パク・ジンヒョク'); print(chinese._readings.cache_info().currsize); "
        "print(n.romanize('倪高斌')[0], chinese._readings.cache_info().currsize, "
        "'pypinyin' in sys.modules)"
    )
    assert out.split("\n") == ["False 0", "0", "Ni Gaobin 1 False"]


def test_the_large_lexicons_load_only_with_a_name_of_their_language() -> None:
    """The Russian lexicon (tens of thousands of rows) is read on the first Russian read-back,
    not for Korean or Chinese names."""
    out = _run(
        "from summarizer.names import romanize; "
        "romanize('パク・ジンヒョク', 'KP'); romanize('倪高斌'); romanize('ワン・ウェイ', 'CN'); "
        "import summarizer.names.lexicon as lx; print(lx.index.cache_info().currsize); "
        "romanize('オレグ・ベルキン', 'RU'); print(lx.index.cache_info().currsize)"
    )
    assert out.split("\n") == ["0", "1"]


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("司法長官", True),
        ("ガーランド司法長官", True),
        ("特別検察官", True),
        ("報道官", True),
        ("ソニー・ピクチャーズ", True),
        ("ソニー・ピクチャーズ・エンタテインメント", True),
        ("マイクロソフト", True),
        ("ロイター通信", True),
        ("パク・ジンヒョク", False),
        ("ドミトリー・ホロシェフ", False),
        ("ラザルス", False),
        ("", False),
    ],
)
def test_non_parties(surface: str, expected: bool) -> None:
    assert is_non_party(surface) is expected


def test_titles_for_the_rules_engine() -> None:
    titles = non_party_titles()
    assert "長官" in titles and "検事総長" in titles and "大臣" in titles
    assert list(titles) == sorted(titles, key=lambda t: -len(t))  # longest first
    m = title_pattern().match("司法副長官は")
    assert m is not None and m.group() == "司法副長官"
    assert is_title("国務長官") and not is_title("国務")


def test_the_tables_ship_in_the_wheel(tmp_path: Path) -> None:
    hatchling = pytest.importorskip("hatchling.build")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        wheel = hatchling.build_wheel(str(tmp_path))
    finally:
        os.chdir(cwd)
    with zipfile.ZipFile(tmp_path / wheel) as z:
        names = set(z.namelist())
    for p in Path(_data.DATA_DIR).glob("*.tsv"):
        assert f"summarizer/names/data/{p.name}" in names


@pytest.mark.parametrize(
    "surface", ["サイバー・キャンペーン", "ハッカー・グループ", "ランサムウェア"]
)
def test_common_katakana_words_are_not_people(surface: str) -> None:
    assert is_non_party(surface)
