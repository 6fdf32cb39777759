"""Sentence spans and chunks: offsets into the original text, full coverage, in order."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.chunking import Chunk, Span, chunk, sentences


def split(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("中国が関与した。米国は起訴した。", ["中国が関与した。", "米国は起訴した。"],
                     id="maru"),
        pytest.param("本当か？そうだ！次。", ["本当か？", "そうだ！", "次。"], id="full-width-qe"),
        pytest.param("本当か!?次に進む。", ["本当か!?", "次に進む。"], id="ascii-qe-run"),
        pytest.param("「中国は脅威だ。」と述べた。次の文。", ["「中国は脅威だ。」と述べた。", "次の文。"],
                     id="quote-then-to"),
        pytest.param("彼は言った。「次だ。」「はい。」", ["彼は言った。", "「次だ。」", "「はい。」"],
                     id="quotes-as-sentences"),
        pytest.param("声明は「第一に、攻撃は続く。第二に、対策する。」としている。",
                     ["声明は「第一に、攻撃は続く。第二に、対策する。」としている。"],
                     id="terminators-inside-quote"),
        pytest.param("『報告書。』（PDF。）次。", ["『報告書。』（PDF。）", "次。"], id="nested-closers"),
        pytest.param("見出し\n本文です。\n\n　次の段落。\n", ["見出し", "本文です。", "次の段落。"],
                     id="line-breaks-and-ideographic-space"),
        pytest.param("「閉じない引用\n次の行。", ["「閉じない引用", "次の行。"], id="unclosed-quote-newline"),
        pytest.param("C2はhxxp://example[.]com/a.b?x=1&y=2です。次。",
                     ["C2はhxxp://example[.]com/a.b?x=1&y=2です。", "次。"], id="defanged-url"),
        pytest.param("通信先は evil[.]example[.]net! 次。", ["通信先は evil[.]example[.]net!", "次。"],
                     id="defanged-domain"),
        pytest.param("詳細はhttps://example.com/path?q=a!b&c=d.htmlを参照。",
                     ["詳細はhttps://example.com/path?q=a!b&c=d.htmlを参照。"], id="url-with-q-and-bang"),
        pytest.param("See https://example.com/a. Next one.", ["See https://example.com/a.", "Next one."],
                     id="url-then-period"),
        pytest.param("IPは1.2.3.4と10.0.0[.]1だ。v2.0.1に更新。", ["IPは1.2.3.4と10.0.0[.]1だ。", "v2.0.1に更新。"],
                     id="ips-and-versions"),
        pytest.param("CVE-2024-1234を悪用。CVE-2023-4966も。", ["CVE-2024-1234を悪用。", "CVE-2023-4966も。"],
                     id="cves"),
        pytest.param("The U.S. Department of Justice said so. Mr. Smith agreed.",
                     ["The U.S. Department of Justice said so.", "Mr. Smith agreed."], id="us-and-mr"),
        pytest.param("It ran v2.0 e.g. on servers. Version 3.1 followed.",
                     ["It ran v2.0 e.g. on servers.", "Version 3.1 followed."], id="eg-and-versions"),
        pytest.param("Wait... what happened? It broke.", ["Wait... what happened?", "It broke."],
                     id="ellipsis"),
        pytest.param("米国（U.S.）が発表。", ["米国（U.S.）が発表。"], id="abbrev-in-parens"),
        pytest.param("1．概要　本件は重要．次に", ["1．概要　本件は重要．", "次に"], id="full-width-period"),
        pytest.param("連絡先user@example.comへ。", ["連絡先user@example.comへ。"], id="email"),
        pytest.param("Yahoo!ニュースによると、Yahoo!Japanも。", ["Yahoo!", "ニュースによると、Yahoo!Japanも。"],
                     id="bang-before-cjk-splits"),
        pytest.param("", [], id="empty"),
        pytest.param(" \n　\n ", [], id="blank"),
        pytest.param("終わりの句点なし", ["終わりの句点なし"], id="no-terminator"),
    ],
)  # fmt: skip
def test_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_sentence_offsets_point_into_original() -> None:
    text = "  見出し\r\n\n 本文の一文目。二文目！  "
    spans = sentences(text)
    assert [text[s.start : s.end] for s in spans] == ["見出し", "本文の一文目。", "二文目！"]
    assert all(isinstance(s, Span) for s in spans)
    assert spans == sorted(spans, key=lambda s: s.start)


ARTICLE = (
    "米司法省は25日、中国国家安全部の支援を受けるハッカー集団「APT31」のメンバー7人を起訴した。"
    "起訴状によると、被告らは2010年ごろから米国の防衛関連企業を標的にした。\n"
    "攻撃には hxxps://update-check[.]com/a.php が使われ、CVE-2021-26855 が悪用された。"
    "国務省は最大1000万ドルの報奨金を提示している。\n\n"
    "英国政府も同日、関係者2人と1社に制裁を科したと発表した。"
)


@pytest.mark.parametrize("budget", [30, 50, 80, 120, 1000])
def test_chunk_offsets_and_budget(budget: int) -> None:
    chunks = chunk(ARTICLE, budget)
    assert chunks
    for c in chunks:
        assert isinstance(c, Chunk)
        assert ARTICLE[c.start : c.end] == c.text
        assert 0 < len(c.text) <= budget
        assert c.text == c.text.strip()
    assert all(a.end <= b.start for a, b in zip(chunks, chunks[1:], strict=False))


def test_chunk_keeps_whole_sentences_when_they_fit() -> None:
    chunks = chunk(ARTICLE, 120)
    starts = {s.start for s in sentences(ARTICLE)}
    ends = {s.end for s in sentences(ARTICLE)}
    for c in chunks:
        assert c.start in starts and c.end in ends


def test_one_chunk_when_under_budget() -> None:
    assert [c.text for c in chunk(ARTICLE, 10_000)] == [ARTICLE.strip()]


def test_long_sentence_split_at_comma_or_space() -> None:
    text = "、".join(["中国のハッカー集団が攻撃した"] * 10) + "。"
    chunks = chunk(text, 40)
    assert all(len(c.text) <= 40 for c in chunks)
    assert all(c.text.endswith(("、", "。")) for c in chunks)
    assert "".join(c.text for c in chunks) == text


def test_long_sentence_without_breaks_is_hard_cut() -> None:
    text = "あ" * 95
    chunks = chunk(text, 30)
    assert [len(c.text) for c in chunks] == [30, 30, 30, 5]


def test_hard_cut_keeps_combining_marks() -> None:
    text = "か\u3099" * 20  # が written with a combining voiced mark
    for c in chunk(text, 7):
        assert not c.text.startswith("\u3099")
        assert text[c.start : c.end] == c.text


def test_chunk_rejects_nonpositive_budget() -> None:
    with pytest.raises(ValueError):
        chunk("本文。", 0)


def test_chunk_empty() -> None:
    assert chunk("", 100) == [] and chunk("　\n ", 100) == []


# ---------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    list("あいうカタナ漢字中国米APTaz0.9 　\n\r\t。、！？!?.「」『』（）()[]:/-@")
    + ["hxxp://a[.]b/c.d", "1.2.3.4", "U.S.", "CVE-2024-1234", "か\u3099", "」と"]
)
_TEXT = st.lists(_ALPHABET, max_size=120).map("".join)


def _nonspace(s: str) -> str:
    return re.sub(r"\s", "", s)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_sentences_cover_all_nonspace_text_in_order(text: str) -> None:
    spans = sentences(text)
    prev = 0
    for s in spans:
        assert prev <= s.start < s.end <= len(text)
        piece = text[s.start : s.end]
        assert piece == piece.strip()
        prev = s.end
    assert "".join(_nonspace(text[s.start : s.end]) for s in spans) == _nonspace(text)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(min_value=1, max_value=60))
def test_chunks_cover_all_nonspace_text_in_order(text: str, budget: int) -> None:
    chunks = chunk(text, budget)
    prev = 0
    for c in chunks:
        assert prev <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
        assert len(c.text) <= budget
        prev = c.end
    assert "".join(_nonspace(c.text) for c in chunks) == _nonspace(text)


@settings(max_examples=100, deadline=None)
@given(_TEXT, st.integers(min_value=1, max_value=60))
def test_chunks_are_sentence_aligned_when_sentences_fit(text: str, budget: int) -> None:
    spans = sentences(text)
    if any(s.end - s.start > budget for s in spans):
        return
    starts = {s.start for s in spans}
    ends = {s.end for s in spans}
    for c in chunk(text, budget):
        assert c.start in starts and c.end in ends
