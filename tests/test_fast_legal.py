"""The cheaper paths of the legal recognizers find what the plain ones find."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.rules.reading import Ctx, Sent, split_sentences

TEXTS = [
    "米司法省は25日、中国籍の男2人を起訴した。起訴状によると、2人は容疑者として指名手配された。"
    "\n・王偉容疑者(30)\n・李強被告\n同日、財務省は2人を制裁対象に指定し、資産凍結の措置をとった。",
    "書類送検された。送検へ。容疑により逮捕。罪で訴えられた。拘束した。起訴起訴起訴。",
    "何もない文。",
    "",
]
WORDS = [
    ("起訴", "訴追", "告発", "告訴", "容疑で", "容疑により", "指名手配", "逮捕", "訴え", "罪で",
     "送検", "拘束"),
    ("制裁", "資産凍結", "資産を凍結", "入国禁止", "渡航禁止", "SDN", "特別指定国民"),
    ("被告", "容疑者", "起訴された"),
    ("容疑", "容疑者", "疑者として", "起訴状によ", "状"),
]  # fmt: skip


def _plain(ctx: Ctx, words: tuple[str, ...]) -> list[int]:
    """Every sentence that overlaps an occurrence of a word, one find after another."""
    out: set[int] = set()
    for w in words:
        i = ctx.text.find(w)
        while i >= 0:
            out.update(j for j, s in enumerate(ctx.sents) if s.start < i + len(w) and i < s.end)
            i = ctx.text.find(w, i + 1)
    return sorted(out)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("words", WORDS)
def test_sentences_with_finds_what_a_find_of_each_word_finds(text: str, words: tuple) -> None:
    from summarizer.rules.people import _sentences_with_alternation, sentences_with

    ctx = Ctx(text, split_sentences(text))
    assert sentences_with(ctx, words) == _plain(ctx, words)
    assert _sentences_with_alternation(ctx, words) == _plain(ctx, words)


def test_sentences_with_a_word_across_two_sentences() -> None:
    from summarizer.rules.people import _sentences_with_alternation

    text = "米国は起訴した。そして逮捕"
    # sentences cut inside words (as no splitter does, but the scan must not care)
    for cut in range(1, len(text)):
        sents = [Sent(0, cut, text[:cut]), Sent(cut, len(text), text[cut:])]
        ctx = Ctx(text, sents)
        for words in WORDS:
            assert _sentences_with_alternation(ctx, words) == _plain(ctx, words), (cut, words)


@pytest.mark.parametrize("until", [0, 5, 20, 40, 1000])
def test_dates_read_up_to_an_offset_are_the_first_dates_of_the_text(until: int) -> None:
    from summarizer.dates import _find_dates, find_dates

    text = "2024年3月25日、米司法省は起訴した。同日、制裁。翌日、逮捕。5日後、昨年12月の件。同月3日"
    anchor = dt.date(2024, 3, 26)
    full = find_dates(text, anchor)
    assert _find_dates(text, anchor, until) == [m for m in full if m.start < until]
