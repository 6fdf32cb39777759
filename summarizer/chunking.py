"""Sentence spans and chunks of a decoded article, as offsets into the text itself.

``sentences`` splits after a terminator (。！？．!? and an English ``.``) together with what
closes it (more terminators, closing quotes and brackets: 」』）】 ...), and at every line break.
It does not split:

* inside a URL, a defanged URL (``hxxp://example[.]com/a.b``, ``example[.]com``) or an e-mail
  address;
* at a ``.`` that is not followed by whitespace (``1.2.3.4``, ``v2.0``, ``CVE-2024-1234.x``),
  after a Latin abbreviation (``U.S.``, ``e.g.``, ``Mr.``, ``Inc.``) or before a lower-case word;
* at a ``!``/``?`` followed by an ASCII letter or digit (``Yahoo!Japan``, query strings);
* at a ``．`` after a digit (``1．概要``);
* inside an open Japanese quote or bracket 「『（【 (so ``「…だ。」と述べた。`` is one sentence),
  unless the bracket stays open for more than ``_MAX_QUOTE`` characters or a line ends.

A terminator closed by a quote (``。」``) ends the sentence unless the quote continues it
(``」と``, ``」って``, ``」など``). Spans are stripped of surrounding whitespace (including U+3000);
empty spans are dropped, so the spans cover every non-space character exactly once, in order.

``chunk`` packs whole sentences greedily into chunks of at most ``budget_chars`` characters
(measured ``end - start``, interior whitespace included). A sentence longer than the budget is
cut after the last 、，, or space that fits, else hard-cut (never between a character and a
combining mark, variation selector or ZWJ).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from summarizer.rxcache import cached_re

__all__ = ["Chunk", "Span", "chunk", "sentences"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Chunk:
    start: int
    end: int
    text: str  # == the document's text[start:end]


_TERM_FULL = frozenset("。！？｡")
_TERM_ASCII = frozenset("!?")
_CLOSERS = frozenset("」』）)】〉》〕］]｝}\"'”’｣")
_OPENERS = frozenset("「『（【〈《〔［｛｢")
_CLOSE_BRACKETS = frozenset("」』）】〉》〕］｝｣")
_BREAKS = frozenset("\n\u2028\u2029\x0b\x0c\x85")
_MAX_QUOTE = 500  # an opener left open this long no longer suppresses splits
_SPACE = frozenset(" \t\u3000\xa0\u200b\ufeff")

_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "inc",
        "ltd",
        "co",
        "corp",
        "llc",
        "plc",
        "dept",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "rep",
        "sen",
        "no",
        "nos",
        "fig",
        "figs",
        "vol",
        "vs",
        "etc",
        "al",
        "approx",
        "est",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "ave",
        "blvd",
        "univ",
        "assn",
        "bros",
    ]
)

# URLs, defanged URLs, e-mail addresses, bracket-defanged hosts/IPs: never split inside.
_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%|\\]"
_PROTECTED_ALTS = (
    rf"(?:h[tx]{{2}}ps?|f[tx]p|sftp|wss?|file|tcp|udp)(?:\[?:\]?|\(:\))//{_URL_CHARS}+",
    rf"www(?:\[\.\]|\.){_URL_CHARS}+",
    rf"[A-Za-z0-9_\-]+(?:\[\.\]|\(\.\)|\[dot\]|\{{\.\}}){_URL_CHARS}+",
    r"[A-Za-z0-9._%+\-]+(?:@|\[@\]|\[at\])[A-Za-z0-9\-]+(?:(?:\.|\[\.\])[A-Za-z0-9\-]+)+",
)


@functools.cache
def _protected_re(which: tuple[bool, ...]) -> re.Pattern[str]:
    """The alternatives of ``_PROTECTED`` that ``which`` keeps (one that cannot match anywhere
    in a text changes nothing there, and the last two are slow: they start at every word)."""
    return re.compile(
        "|".join(a for a, keep in zip(_PROTECTED_ALTS, which, strict=True) if keep), re.I
    )


_PROTECTED = _protected_re((True, True, True, True))
_URL_TRAIL = ".,;:!?'\")]"
_PROTECTED_HINT = cached_re(r"//|www|\[\.\]|\(\.\)|\[dot\]|\{\.\}|@|\[at\]", re.I)


def _protected_alts(text: str) -> tuple[bool, ...]:
    """Which of ``_PROTECTED_ALTS`` can match in ``text``: each needs its marker (//, www, a
    defanged dot, @ or [at]; the case-insensitive words found through ``lower()``: only W/w,
    D/d, O/o, T/t, A/a lower to these letters)."""
    low = text.lower() if ("w" in text or "W" in text or "[" in text) else ""
    return (
        "//" in text,
        "www" in low,
        "[.]" in text or "(.)" in text or "{.}" in text or "[dot]" in low,
        "@" in text or "[at]" in low,
    )


def _protected(text: str) -> bytearray:
    """A mask: 1 where a character belongs to a URL-like token."""
    mask = bytearray(len(text))
    which = _protected_alts(text)
    if not any(which):  # every token holds one of the markers
        return mask
    for m in _protected_re(which).finditer(text):
        start, end = m.span()
        # trailing sentence punctuation is not part of the URL (unless brackets balance)
        while end > start and text[end - 1] in _URL_TRAIL:
            ch = text[end - 1]
            opener = {")": "(", "]": "["}.get(ch)
            if opener and text.count(opener, start, end) >= text.count(ch, start, end):
                break  # a balanced bracket belongs to the URL: .../Foo_(bar)
            end -= 1
        mask[start:end] = b"\x01" * (end - start)
    return mask


def _is_abbrev(text: str, dot: int) -> bool:
    """Whether the ``.`` at ``dot`` ends an abbreviation (U.S., e.g., Mr.)."""
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot]
    if not word:
        return False
    if "." in word:  # U.S / e.g / i.e
        parts = word.split(".")
        return all(len(p) <= 2 for p in parts)
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return True
    return word.lower() in _ABBREV


def _next_nonspace(text: str, i: int) -> str:
    n = len(text)
    while i < n and text[i] in _SPACE:
        i += 1
    return text[i] if i < n else ""


# characters on which _breaks does nothing but the long-open-quote reset
_SKIP = cached_re(
    "[^"
    + re.escape(
        "".join(sorted(_BREAKS | _OPENERS | _CLOSE_BRACKETS | _TERM_FULL | _TERM_ASCII)) + "\r．."
    )
    + "]*"
)


def _breaks(text: str) -> list[int]:
    """Offsets at which a sentence ends (exclusive end positions)."""
    n = len(text)
    mask = _protected(text)
    out: list[int] = []
    depth = 0
    opened = -1
    i = 0
    while i < n:
        # jump over characters that cannot end, open or close anything (all in C); what the
        # loop would have done on them is the long-open-quote reset, applied here
        k = _SKIP.match(text, i).end()  # type: ignore[union-attr]
        if k > i:
            if depth:
                p = mask.rfind(0, i, k)  # the last unmasked character skipped
                if p >= 0 and p - opened > _MAX_QUOTE:
                    depth = 0
            i = k
            if i >= n:
                break
        ch = text[i]
        if ch in _BREAKS or (ch == "\r"):
            out.append(i)
            depth = 0
            i += 1
            continue
        if mask[i]:
            i += 1
            continue
        if ch in _OPENERS:
            if depth == 0:
                opened = i
            depth += 1
            i += 1
            continue
        if ch in _CLOSE_BRACKETS and depth:
            depth -= 1
            i += 1
            continue
        if depth and i - opened > _MAX_QUOTE:
            depth = 0
        is_term = False
        if ch in _TERM_FULL:
            is_term = True
        elif ch == "．":
            is_term = not (i > 0 and text[i - 1].isdigit())
        elif ch in _TERM_ASCII:
            nxt = text[i + 1] if i + 1 < n else ""
            is_term = not (nxt.isascii() and (nxt.isalnum() or nxt in "=&/_-"))
        elif ch == ".":
            nxt = text[i + 1] if i + 1 < n else ""
            if nxt == "" or nxt in _SPACE or nxt in _BREAKS or nxt in _CLOSERS or not nxt.isascii():
                # "...". or ".)" or end of text, or Japanese directly after an English period
                after = _next_nonspace(text, i + 1)
                ellipsis = i > 0 and text[i - 1] == "."
                lower_next = bool(after) and after.isascii() and after.islower()
                if ellipsis or _is_abbrev(text, i) or lower_next:
                    is_term = False
                elif nxt and not nxt.isascii() and nxt not in _CLOSERS and nxt not in _SPACE:
                    # "ver.3", "No.1": a dot glued to non-ASCII text ends a sentence only
                    # when Japanese follows a real word (not a digit)
                    is_term = not text[i - 1 : i].isdigit() and _wide(nxt)
                else:
                    is_term = True
        if not is_term:
            i += 1
            continue
        # absorb followers: further terminators and closing quotes/brackets
        j = i + 1
        closed_quote = False
        while j < n and (
            text[j] in _TERM_FULL
            or text[j] in _TERM_ASCII
            or text[j] == "．"
            or text[j] in _CLOSERS
        ):
            if text[j] in _CLOSE_BRACKETS:
                if depth:
                    depth -= 1
                closed_quote = True
            elif text[j] in _CLOSERS:
                closed_quote = True
            j += 1
        if depth > 0:  # a terminator inside an open quote/bracket does not end the sentence
            i = j
            continue
        if closed_quote and _continues(text, j):
            i = j
            continue
        out.append(j)
        i = j
    return out


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _continues(text: str, j: int) -> bool:
    """A closing quote followed by a quotative particle (「…。」と述べた) or by a parenthetical
    that annotates it (『報告書。』（PDF）, 「…。」（共同））."""
    rest = text[j : j + 3]
    return rest.startswith(("と", "って", "など", "との", "（", "("))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _SPACE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _SPACE):
        end -= 1
    return start, end


# what _strip skips: every character str.isspace() accepts, and _SPACE (tests check it)
_STRIP_CHARS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u200b\ufeff"
)


def sentence_texts(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text[start:end]) of each sentence, as ``sentences`` finds them."""
    out: list[tuple[int, int, str]] = []
    start = 0
    for b in [*_breaks(text), len(text)]:
        seg = text[start:b]
        core = seg.lstrip(_STRIP_CHARS)
        if core:
            s = b - len(core)
            core = core.rstrip(_STRIP_CHARS)
            out.append((s, s + len(core), core))
        start = b
    return out


def sentences(text: str) -> list[Span]:
    """Sentence spans of ``text`` (offsets into it), stripped of surrounding whitespace."""
    return [Span(s, e) for s, e, _t in sentence_texts(text)]


_SOFT_BREAKS = "、，,;； \u3000\t"


def _safe_cut(text: str, cut: int, floor: int) -> int:
    """Move a hard cut left so it does not separate a character from its combining marks."""
    c = cut
    while (
        c > floor + 1
        and c < len(text)
        and (
            unicodedata.combining(text[c])
            or "\ufe00" <= text[c] <= "\ufe0f"
            or text[c] in "\u200d\u3099\u309a"
            or "\U000e0100" <= text[c] <= "\U000e01ef"
            or text[c - 1] == "\u200d"
        )
    ):
        c -= 1
    return c


def _split_long(text: str, span: Span, budget: int) -> list[Span]:
    out: list[Span] = []
    start, end = span.start, span.end
    while end - start > budget:
        limit = start + budget
        cut = -1
        for k in range(limit, start, -1):  # cut after a soft break within the budget
            if text[k - 1] in _SOFT_BREAKS:
                cut = k
                break
        if cut <= start or cut - start < budget // 4:
            cut = _safe_cut(text, limit, start)
        s, e = _strip(text, start, cut)
        if s < e:
            out.append(Span(s, e))
        start, _ = _strip(text, cut, end)
    s, e = _strip(text, start, end)
    if s < e:
        out.append(Span(s, e))
    return out


def chunk(text: str, budget_chars: int) -> list[Chunk]:
    """Greedy packing of whole sentences into chunks of at most ``budget_chars`` characters.

    Chunks are in order, do not overlap, and together hold every sentence exactly once;
    ``chunk.text == text[chunk.start:chunk.end]``.
    """
    if budget_chars < 1:
        raise ValueError("budget_chars must be positive")
    units: list[Span] = []
    for sp in sentences(text):
        if sp.end - sp.start > budget_chars:
            units.extend(_split_long(text, sp, budget_chars))
        else:
            units.append(sp)
    chunks: list[Chunk] = []
    cur_start = cur_end = -1
    for u in units:
        if cur_start < 0:
            cur_start, cur_end = u.start, u.end
        elif u.end - cur_start <= budget_chars:
            cur_end = u.end
        else:
            chunks.append(Chunk(cur_start, cur_end, text[cur_start:cur_end]))
            cur_start, cur_end = u.start, u.end
    if cur_start >= 0:
        chunks.append(Chunk(cur_start, cur_end, text[cur_start:cur_end]))
    return chunks
