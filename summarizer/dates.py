"""Dates in Japanese text: the article's own date, and the dates of indictments and sanctions.

Japanese reporting rarely writes a full date twice. The first sentence says 米司法省は25日、
(the 25th of the month the article appeared in), later ones say 同日 (that same day), 昨年3月
(March of last year) or 令和6年. So every expression is read in text order against two
anchors: the article's date (``anchor``: from the page's metadata, ``--published`` or the
text's dateline) and the last date the text stated (month and year carry forward, as a reader
carries them).

Recognized (full-width digits and 漢数字 too, e.g. ２０２４年３月２５日, 二〇二四年三月二十五日):

* ``2024年3月25日``, ``2024年3月``, ``2024年``; ``令和6年3月25日``, ``令和元年``, ``平成31年``;
* ``2024/3/25``, ``2024-03-25``, ``2024.3.25``;
* ``3月25日`` (year from the same sentence's last date, else the article's date: a month more
  than one ahead of the article's is last year's), ``25日`` (month and year carried from the same
  sentence, else the article's month: a day more than a week past the article's day is last
  month's);
* ``昨年``/``去年``/``一昨年``/``今年``/``本年``/``来年`` (+ month, day), ``先月``/``今月``/``来月``
  (+ day), ``同年``/``同月``/``同日``/``前日``/``翌日``/``当日`` (from the last date stated),
  ``本日``/``今日``/``昨日``.

Not dates: durations and counts (``3日間``, ``10日以内``, ``5日後``), fiscal years (``2024年度``),
year-over-year (``前年比``), a bare 漢数字 day (``一日`` also means "per day").

``fill_action_dates`` is the pipeline's post-pass: it reads each indictment's and sanction's
evidence sentences (then their neighbours) and sets ``date`` to an ISO date, reduced to
``YYYY-MM`` or ``YYYY`` when the text states no more. ``report_date`` is what exports call for
the report's own date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from summarizer.rxcache import cached_re

if TYPE_CHECKING:
    from summarizer.models import Evidence, Findings, ThreatReport

__all__ = [
    "DateMention",
    "fill_action_dates",
    "find_dates",
    "parse_iso_date",
    "report_date",
    "text_published",
]

Precision = Literal["day", "month", "year"]

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                 "七": 7, "八": 8, "九": 9}  # fmt: skip
_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}  # era year N is (base + N)
_FW = str.maketrans("０１２３４５６７８９", "0123456789")


def _num(token: str) -> int | None:
    """``25``, ``２５``, ``二十五``, ``二五``, ``〇三`` -> int; ``元`` (first era year) -> 1."""
    token = token.strip()
    if token == "元":
        return 1
    t = token.translate(_FW)
    if t.isdigit():
        return int(t)
    if "十" in t:  # 十, 十五, 二十, 二十五, 三十一
        head, _, tail = t.partition("十")
        tens = _KANJI_DIGITS.get(head, -1) if head else 1
        ones = _KANJI_DIGITS.get(tail, -1) if tail else 0
        if tens < 0 or ones < 0:
            return None
        return tens * 10 + ones
    if t and all(c in _KANJI_DIGITS for c in t):  # positional: 二〇二四, 二五
        return int("".join(str(_KANJI_DIGITS[c]) for c in t))
    return None


_D = "0-9０-９"
_K = "〇一二三四五六七八九十"
_NUM = rf"[{_D}]{{1,2}}|[{_K}]{{1,3}}"
_YEAR4 = rf"[{_D}]{{4}}|[〇一二三四五六七八九]{{4}}"
# what a number followed by 日 means when it is a duration or count, not a date
_NOT_DAY = r"(?!間|以内|以上|後|前|目|分|連続|程度|ほど|余り|超|本|あたり|当たり|平均)"
_SEP = r"[/／\-－.．]"

_PATTERN = cached_re(
    rf"""
    # every alternative starts with one of these: re rejects most positions with one test
    (?=[{_D}{_K}令平昭昨去今本来同前翌先当])
    (?<![{_D}{_K}])
    (?:
        # 2024/3/25, 2024-03-25, 2024.3.25
        (?P<sy>[{_D}]{{4}})\s*{_SEP}\s*(?P<sm>[{_D}]{{1,2}})\s*{_SEP}\s*(?P<sd>[{_D}]{{1,2}})
        (?![{_D}]|{_SEP}[{_D}])
      |
        # year [month [day]]: 2024年, 令和6年, 昨年, 同年 ...
        (?:
            (?P<y>{_YEAR4})\s*年(?!度|代|間|以上|分)
          | (?P<era>令和|平成|昭和)\s*(?P<ey>元|[{_D}]{{1,2}}|[{_K}]{{1,3}})\s*年(?!度|代|間)
          | (?P<ry>一昨年|昨年|去年|今年|本年|来年|同年|前年|翌年)(?!度|比|同期|代)
        )
        (?:\s*(?P<m>{_NUM})\s*月(?!間|以上|分|目|期)(?:\s*(?P<d>{_NUM})\s*日{_NOT_DAY})?)?
      |
        # relative month [day]: 先月25日, 同月5日
        (?P<rm>先月|今月|来月|同月|前月|翌月)(?:\s*(?P<rmd>{_NUM})\s*日{_NOT_DAY})?
      |
        # month [day] without a year: 3月25日, 三月
        (?P<m2>{_NUM})\s*月(?!間|以上|分|目|期)(?:\s*(?P<d2>{_NUM})\s*日{_NOT_DAY})?
      |
        # a bare day in Arabic digits: 25日
        (?P<d3>[{_D}]{{1,2}})\s*日{_NOT_DAY}
      |
        (?P<rd>一昨日|同日|前日|翌日|当日|本日|今日|昨日)
    )
    """,
    re.VERBOSE,
)
_SENTENCE_END = cached_re(r"[。！？!?\n]")
_PERIOD_BOUND = cached_re(r"\s*(?:から|以降|以来|まで|にかけて|ごろ|頃|前後)")


@dataclass(frozen=True)
class DateMention:
    """One date expression: where it is and the (partial) date it resolves to."""

    start: int
    end: int
    text: str
    year: int
    month: int | None
    day: int | None
    explicit_year: bool  # the year is written (2024年, 令和6年, 2024/3/25), not inferred

    @property
    def precision(self) -> Precision:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def date(self) -> dt.date | None:
        """The full date, when the day is known."""
        if self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        return None

    def iso(self) -> str:
        """``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when that is all the text states."""
        if self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


def _valid(y: int | None, m: int | None, d: int | None) -> bool:
    if y is None or not 1900 <= y <= 2100:
        return False
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None:
        if m is None:
            return False
        try:
            dt.date(y, m, d)
        except ValueError:
            return False
    return True


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + delta
    return k // 12, k % 12 + 1


_Ymd = tuple[int, int | None, int | None]


def _same_sentence(text: str, a: int, b: int) -> bool:
    return _SENTENCE_END.search(text, a, b) is None


def find_dates(text: str, anchor: dt.date | None = None) -> list[DateMention]:
    """Every date expression in ``text``, resolved in reading order.

    Args:
        text: the decoded article (offsets index into it).
        anchor: the article's date, for 25日, 昨年, 先月 and the like; without it those resolve
            only from a date stated earlier in the text.

    Returns:
        The mentions that resolve to a valid date (unresolvable ones are left out).
    """
    return _find_dates(text, anchor, len(text))


def _find_dates(text: str, anchor: dt.date | None, until: int) -> list[DateMention]:
    """``find_dates`` of the mentions that start before ``until``: each mention is resolved
    from the ones before it only, so these are the first mentions ``find_dates`` gives."""
    out: list[DateMention] = []
    last: DateMention | None = None  # 同年 and the year a month carries
    last_month: DateMention | None = None  # 同月
    last_day: DateMention | None = None  # 同日, 前日, 翌日
    for m in _PATTERN.finditer(text):
        if m.start() >= until:
            break
        g = m.groupdict()
        near = last if last is not None and _same_sentence(text, last.end, m.start()) else None
        ymd: _Ymd | None = None
        explicit = False
        if g["sy"]:
            ymd = (int(g["sy"].translate(_FW)), _num(g["sm"]), _num(g["sd"]))
            explicit = True
        elif g["y"] or g["era"] or g["ry"]:
            ymd, explicit = _year_form(g, anchor, last)
        elif g["rm"]:
            ymd = _relative_month(g["rm"], _num(g["rmd"]) if g["rmd"] else None, anchor, last_month)
        elif g["m2"]:
            ymd = _month_day(_num(g["m2"]), _num(g["d2"]) if g["d2"] else None, anchor, last, near)
        elif g["d3"]:
            ymd = _bare_day(_num(g["d3"]), anchor, last, near)
        elif g["rd"]:
            ymd = _relative_day(g["rd"], anchor, last_day)
        if ymd is None or not _valid(*ymd):
            continue
        y, mo, d = ymd
        mention = DateMention(m.start(), m.end(), m.group(), y, mo, d, explicit)
        out.append(mention)
        last = mention
        if mo is not None:
            last_month = mention
        if d is not None:
            last_day = mention
    return out


def _year_form(
    g: dict[str, str | None], anchor: dt.date | None, last: DateMention | None
) -> tuple[_Ymd | None, bool]:
    month = _num(g["m"]) if g["m"] else None
    day = _num(g["d"]) if g["d"] else None
    if g["y"]:
        return (_num(g["y"]) or 0, month, day), True
    if g["era"]:
        n = _num(g["ey"] or "")
        if n is None or n < 1:
            return None, False
        return (_ERAS[g["era"]] + n, month, day), True
    word = g["ry"] or ""
    if word in ("同年", "前年", "翌年"):
        if last is None:
            return None, False
        year = last.year + {"同年": 0, "前年": -1, "翌年": 1}[word]
    else:
        if anchor is None:
            return None, False
        year = anchor.year + {"一昨年": -2, "昨年": -1, "去年": -1, "今年": 0, "本年": 0,
                              "来年": 1}[word]  # fmt: skip
    return (year, month, day), False


def _relative_month(
    word: str, day: int | None, anchor: dt.date | None, last: DateMention | None
) -> _Ymd | None:
    if word in ("同月", "前月", "翌月"):
        if last is None or last.month is None:
            return None
        y, m = _shift_month(last.year, last.month, {"同月": 0, "前月": -1, "翌月": 1}[word])
        return y, m, day
    if anchor is None:
        return None
    y, m = _shift_month(anchor.year, anchor.month, {"先月": -1, "今月": 0, "来月": 1}[word])
    return y, m, day


def _month_day(
    month: int | None,
    day: int | None,
    anchor: dt.date | None,
    last: DateMention | None,
    near: DateMention | None,
) -> _Ymd | None:
    if month is None:
        return None
    if near is not None:  # 2023年3月に侵入し、5月に… : the sentence's year carries
        return near.year, month, day
    if anchor is not None:
        # a month more than one ahead of the article's is last year's (1月の記事の「12月」)
        year = anchor.year - 1 if month > anchor.month + 1 else anchor.year
        return year, month, day
    if last is not None:
        return last.year, month, day
    return None


def _bare_day(
    day: int | None, anchor: dt.date | None, last: DateMention | None, near: DateMention | None
) -> _Ymd | None:
    if day is None:
        return None
    if near is not None and near.month is not None:  # 3月20日から25日まで
        return near.year, near.month, day
    if anchor is not None:  # 米司法省は25日、: this month, or last month's if well past today
        y, m = anchor.year, anchor.month
        if day > anchor.day + 7:
            y, m = _shift_month(y, m, -1)
        return y, m, day
    if last is not None and last.month is not None:
        return last.year, last.month, day
    return None


def _relative_day(word: str, anchor: dt.date | None, last: DateMention | None) -> _Ymd | None:
    base: dt.date | None
    if word in ("同日", "前日", "翌日", "当日"):
        base = last.date if last is not None else None
        delta = {"同日": 0, "当日": 0, "前日": -1, "翌日": 1}[word]
    else:
        base = anchor
        delta = {"本日": 0, "今日": 0, "昨日": -1, "一昨日": -2}[word]
    if base is None:
        return None
    d = base + dt.timedelta(days=delta)
    return d.year, d.month, d.day


# --------------------------------------------------------------------------- article date

_DATELINE_LABEL = cached_re(
    r"(?P<label>公開日時?|掲載日時?|配信日時?|投稿日時?|発行日|発表日|更新日時?|公開|掲載|配信|投稿|"
    r"更新|日付|Published|Posted|Updated|Date)\s*[:：]?\s*",
    re.IGNORECASE,
)


_DATELINE_FILLER = cached_re(r"[\s\d:：()（）【】\[\]|｜/・,、。年月日時分秒曜火水木金土]")


def text_published(text: str, head_lines: int = 12) -> dt.date | None:
    """The date the text gives itself: a dateline near the top, else the first full date.

    A dateline is a short line near the top that is (a label and) a full date with its year:
    ``2018/10/13``, ``公開日：2024年3月26日``, ``投稿日 2024.03.26 10:00``. An update date
    (``更新``) counts only when no other dateline does. Otherwise the first full date with a
    written year anywhere in the text (an article is rarely older than the first date it
    states, but it may be: this is the weakest source and is recorded as ``text``).
    """
    lines = text.split("\n", head_lines + 1)[:head_lines]
    updated: dt.date | None = None
    for line in lines:
        stripped = line.strip()
        if stripped and len(stripped) <= 60:
            label = _DATELINE_LABEL.match(stripped)
            for m in find_dates(line):
                if not (m.explicit_year and m.date):
                    continue
                rest = (line[: m.start] + line[m.end :]).strip()
                rest = _DATELINE_LABEL.sub("", rest)
                # a dateline is mostly the date: what is left is a label, a time or punctuation
                rest = re.sub(r"JST|UTC|GMT|AM|PM|午前|午後", "", rest, flags=re.IGNORECASE)
                if len(_DATELINE_FILLER.sub("", rest)) > 2:
                    continue
                if label and label.group("label").lower().startswith(("更新", "updated")):
                    updated = updated or m.date
                    continue
                return m.date
    if updated is not None:
        return updated
    for m in find_dates(text):
        if m.explicit_year and m.date:
            return m.date
    return None


def parse_iso_date(value: str) -> dt.date:
    """``YYYY-MM-DD`` (a timestamp's date part is accepted) -> date.

    Raises:
        ValueError: anything else, with a message fit for one ``error:`` line.
    """
    v = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?", v)
    if not m:
        raise ValueError(f"not an ISO date (YYYY-MM-DD): {value!r}")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as e:
        raise ValueError(f"not a valid date: {value!r} ({e})") from None


# --------------------------------------------------------------------------- action dates

_INDICTMENT_WORDS = cached_re(r"起訴|訴追|告発|告訴|逮捕|容疑|罪で|指名手配|懸賞金|報奨金")
_SANCTION_WORDS = cached_re(r"制裁|資産凍結|凍結|指定|入国禁止|渡航禁止|輸出規制|エンティティ")
_ANNOUNCE_WORDS = cached_re(r"発表|公表|明らかに|声明|公開")
_RANK = {"day": 3, "month": 2, "year": 1}
_WEEKDAY = cached_re(r"[月火水木金土日]曜日?")


_TERMINATORS = "。！？!?\n"


_TERMINATOR_RE = cached_re(f"[{re.escape(_TERMINATORS)}]")


@functools.lru_cache(maxsize=4)
def _terminator_offsets(text: str) -> list[int]:
    """The offsets of the sentence terminators in ``text``, ascending (read once per article:
    the action-date pass asks for several sentences of one text)."""
    return [m.start() for m in _TERMINATOR_RE.finditer(text)]


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (ended by 。！？ or a line break) around ``[start, end)``."""
    # the last terminator before start and the first at or after end, by bisection of the
    # text's terminator offsets (what rfind of each terminator and a forward search find)
    ends = _terminator_offsets(text)
    k = bisect_left(ends, start)
    lo = ends[k - 1] + 1 if k else 0
    hi = end
    if not (end > start and text[end - 1] in _TERMINATORS):
        k = bisect_left(ends, end, k)
        if k < len(ends):
            hi = ends[k]
            if text[hi] != "\n":
                hi += 1
        else:
            hi = len(text)
    return lo, hi


_RANGE_BEFORE = ("~", "〜", "～", "－", "―", "-")


def _pick(
    text: str,
    mentions: list[DateMention],
    lo: int,
    hi: int,
    words: re.Pattern[str],
    min_rank: int,
) -> DateMention | None:
    """The mention in ``[lo, hi)`` that dates the action: the most precise, then the nearest
    to an action word. A year or month that bounds a period (2010年から, 2011~2018年) or
    qualifies a noun (2022年7月のサイバー攻撃) is not an action's date."""
    cues = [m.start() for m in words.finditer(text, lo, hi)]
    cues += [m.start() for m in _ANNOUNCE_WORDS.finditer(text, lo, hi)]
    best: tuple[int, int, DateMention] | None = None
    for m in mentions:
        if m.start < lo or m.end > hi:
            continue
        rank = _RANK[m.precision]
        if rank < min_rank:
            continue
        if m.precision != "day" and (
            _PERIOD_BOUND.match(text, m.end)
            or text.startswith("の", m.end)
            or text[max(0, m.start - 1) : m.start] in _RANGE_BEFORE
        ):
            continue
        dist = min((abs(c - m.start) for c in cues), default=hi - lo)
        key = (rank, -dist)
        if best is None or key > best[:2]:
            best = (key[0], key[1], m)
    return best[2] if best else None


def _has_unresolved_day(
    text: str,
    mentions: list[DateMention],
    lo: int,
    hi: int,
    resolved: set[int] | None = None,
) -> bool:
    """Whether ``[lo, hi)`` states a day that could not be resolved (米政府は1月3日、 with no
    article date): that day is the action's, so a coarser date beside it would be wrong.
    ``resolved``: the starts of ``mentions``, when the caller has them."""
    if resolved is None:
        resolved = {m.start for m in mentions}
    if _WEEKDAY.search(text, lo, hi):
        return True  # 米国は月曜日、...を起訴した: a day, never resolved (no weekday arithmetic)
    for m in _PATTERN.finditer(text, lo, hi):
        if m.start() in resolved:
            continue
        g = m.groupdict()
        if any(g[k] for k in ("sd", "d", "rmd", "d2", "d3", "rd")):
            return True
    return False


def action_date(
    text: str, mentions: list[DateMention], evidence: list[Evidence], words: re.Pattern[str]
) -> DateMention | None:
    """The date an indictment or sanction was made, from its evidence sentences, else a
    sentence just before or after one that speaks of the action (day or month precision)."""
    # each evidence sentence in turn, its bounds found as it is reached (the first one with a
    # date usually ends the search); all of them only when none has a date
    sentences: list[tuple[int, int]] = []
    resolved = {m.start for m in mentions}
    for ev in evidence:
        if not ev.located:
            continue
        b = _sentence_bounds(text, ev.start, ev.end)
        if b in sentences:
            continue
        sentences.append(b)
        lo, hi = b
        got = _pick(text, mentions, lo, hi, words, 1)
        if (got is None or got.day is None) and _has_unresolved_day(
            text, mentions, lo, hi, resolved
        ):
            return None
        if got is not None:
            return got
    for lo, hi in sentences:
        for nlo, nhi in _neighbours(text, lo, hi):
            if (nlo, nhi) in sentences:
                continue
            if not (words.search(text, nlo, nhi) or _ANNOUNCE_WORDS.search(text, nlo, nhi)):
                continue
            if _has_unresolved_day(text, mentions, nlo, nhi, resolved):
                continue
            got = _pick(text, mentions, nlo, nhi, words, 2)
            if got is not None:
                return got
    return None


def _neighbours(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The sentences just before and just after ``[lo, hi)`` (across line breaks)."""
    out: list[tuple[int, int]] = []
    p = lo
    while p > 0 and text[p - 1] in "\n \u3000":
        p -= 1
    if p > 0:
        out.append(_sentence_bounds(text, p - 1, p))
    q = hi
    while q < len(text) and text[q] in "\n \u3000":
        q += 1
    if q < len(text):
        out.append(_sentence_bounds(text, q, q + 1))
    return out


def fill_action_dates(findings: Findings, text: str, anchor: dt.date | None) -> Findings:
    """Set each indictment's and sanction's ``date`` from the text (the pipeline's post-pass).

    A date read from the text replaces what the engine gave; an engine's date that the text
    does not support is kept only when it is a valid ISO date (``YYYY[-MM[-DD]]``), otherwise
    dropped with a warning.
    """
    warnings = list(findings.warnings)
    found: list[list[DateMention]] = []  # the text's dates, read once, when an action needs them

    def date_for(old: str | None, evidence: list[Evidence], words: re.Pattern[str]) -> str | None:
        if not found:
            # action_date reads no mention past the sentence after the last evidence sentence:
            # the end of a sentence, and of the one after it, grows with the evidence's end
            ends = [e.end for i in findings.indictments for e in i.evidence if e.located]
            ends += [e.end for s in findings.sanctions for e in s.evidence if e.located]
            until = 0
            if ends:
                lo, hi = _sentence_bounds(text, max(ends) - 1, max(ends))
                until = max([hi, *(b for _a, b in _neighbours(text, lo, hi))])
            found.append(_find_dates(text, anchor, until))
        got = action_date(text, found[0], evidence, words)
        if got is not None:
            return got.iso()
        if old and not _ISO_PARTIAL.fullmatch(old.strip()):
            warnings.append(f"dropped a date that is not an ISO date: {old!r}")
            return None
        return old.strip() if old else None

    indictments = [
        i.model_copy(update={"date": date_for(i.date, i.evidence, _INDICTMENT_WORDS)})
        for i in findings.indictments
    ]
    sanctions = [
        s.model_copy(update={"date": date_for(s.date, s.evidence, _SANCTION_WORDS)})
        for s in findings.sanctions
    ]
    return findings.model_copy(
        update={"indictments": indictments, "sanctions": sanctions, "warnings": warnings}
    )


_ISO_PARTIAL = cached_re(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


def report_date(report: ThreatReport) -> tuple[dt.date | None, str | None]:
    """The report's own date for exports, and where it came from; never a made-up constant.

    Returns:
        ``(source.published, source.published_source)`` when the article's date is known
        (``html-meta``, ``cli`` or ``text``); else the latest full date of an indictment or
        sanction with ``"action"``; else ``(None, None)`` (the caller decides what to write).
    """
    src = report.source
    if src.published:
        try:
            return parse_iso_date(src.published), src.published_source
        except ValueError:
            pass
    days: list[dt.date] = []
    for d in [*(i.date for i in report.indictments), *(s.date for s in report.sanctions)]:
        if d and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
            try:
                days.append(dt.date.fromisoformat(d))
            except ValueError:
                continue
    if days:
        return max(days), "action"
    return None, None
