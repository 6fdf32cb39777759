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


GATE_TEXTS = [
    "米司法省は王偉と李強の両容疑者を起訴した。",
    "朱某、張某及び李某の3人を逮捕した。",
    "王偉、李強、張明の3人を指名手配した。",
    "甲と乙の各被告は、3人の容疑者とともに起訴された。",
    "同省は李某らを、不正アクセスの疑いで逮捕した。",
    "王某を　起訴",
    "中国籍の男2人と日本人1名を起訴した。十人が逮捕。１２名",
    "被告の王偉は否認した。容疑者は3分で逃げた。",
]


@pytest.mark.parametrize("text", GATE_TEXTS)
def test_people_in_gates_hold_in_every_match_of_the_patterns_they_guard(text: str) -> None:
    from summarizer.rules import people as p

    for a in range(len(text)):
        seg = text[a:]
        if p._OBJECT_NAME_RE.search(seg):
            assert p._OBJECT_TAIL_RE.search(seg)
        if p._COORD_SUSPECTS_RE.search(seg):
            assert p._PEOPLE_COUNT_RE.search(seg) or p._COORD_MARK_RE.search(seg)


@pytest.mark.parametrize("text", GATE_TEXTS)
def test_count_pattern_with_its_lookahead_finds_what_it_found(text: str) -> None:
    import re

    from summarizer.rules.indictments import _COUNT_RE

    plain = re.compile(
        r"(?<![万億千\d０-９数何十])(\d{1,3}|[０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*(?:人|名)(?![分口])"
    )
    assert [m.span() for m in _COUNT_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_action_dates_read_up_to_their_bound_equal_those_read_from_every_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from summarizer import dates
    from summarizer.models import Evidence, Findings, Indictment, Sanction

    text = (
        "米司法省は2024年3月25日、2人を起訴した。\n同日、財務省は制裁を科した。"
        "翌日、逮捕。昨年12月にも発表。5日、起訴状を公開。\n\n同月3日、制裁対象に指定。最後の文"
    )
    seps = [i + 1 for i, ch in enumerate(text) if ch in "。\n"]
    bounds = list(zip([0, *seps], [*seps, len(text)], strict=True))

    def ev(a: int, b: int) -> Evidence:
        return Evidence(quote=text[a:b], start=a, end=b)

    orig = dates._find_dates
    for i, (a, b) in enumerate(bounds):
        for j, (c, d) in enumerate(bounds):
            if a >= b or c >= d:
                continue
            findings = Findings(
                indictments=[Indictment(evidence=[ev(a, b)])],
                sanctions=[Sanction(evidence=[ev(c, d)])],
            )
            for anchor in (None, dt.date(2024, 3, 27)):
                got = dates.fill_action_dates(findings, text, anchor)
                monkeypatch.setattr(dates, "_find_dates", lambda t, an, _u: orig(t, an, len(t)))
                want = dates.fill_action_dates(findings, text, anchor)
                monkeypatch.setattr(dates, "_find_dates", orig)
                assert got == want, (i, j, anchor)


def test_nearest_actor_is_the_one_the_distance_search_finds() -> None:
    import itertools
    import random

    from summarizer.models import Evidence, ThreatActor
    from summarizer.rules.indictments import _nearest_actor

    text = "一文目。二文目。三文目。四文目。五文目。六文目。"
    ctx = Ctx(text, split_sentences(text))

    def slow(actors: list[ThreatActor], sents: list[int]) -> str | None:
        best: tuple[int, str] | None = None
        for a in actors:
            for e in a.evidence:
                si = ctx.sent_of(e.start)
                d = min(abs(si - s) for s in sents)
                if d <= 1 and (best is None or d < best[0]):
                    best = (d, a.name)
        return best[1] if best else None

    rnd = random.Random(7)
    for _ in range(300):
        actors = [
            ThreatActor(
                name=f"A{k}",
                evidence=[
                    Evidence(quote=text[p : p + 1], start=p, end=p + 1)
                    for p in rnd.sample(range(len(text)), rnd.randint(1, 3))
                ],
            )
            for k in range(rnd.randint(0, 3))
        ]
        for n in (1, 2):
            for sents in itertools.combinations(range(len(ctx.sents)), n):
                assert _nearest_actor(ctx, actors, list(sents)) == slow(actors, list(sents))
