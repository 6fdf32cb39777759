"""Reading an article: bytes -> decoded, normalized text plus its ``Source`` record.

The text a ``Document`` carries is *the* text: evidence offsets point into it and quotes are
cut from it. It is the input decoded, with two normalizations and nothing else:

* line ends: ``\\r\\n`` and lone ``\\r`` become ``\\n`` (so offsets do not depend on the
  platform that wrote the file);
* HTML pages are reduced to their article text (``extract_html``): trafilatura's main text
  (navigation, sidebars, comments and footers left out; hidden elements removed first; the
  page's ``<h1>`` kept above it), or the hand-written ``html_to_text`` when trafilatura is not
  installed or finds nothing. The markup is gone and the offsets refer to the extracted text.
  Title, author and the publication date come from the page's metadata (``source.published``,
  ``published_source: "html-meta"``); a text with no such date gets the date it states itself
  (``summarizer.dates.text_published``: a dateline, else its first full date; ``"text"``).

No Unicode normalization (NFKC/NFC) is applied: quotes must stay verbatim. ``sha256`` in the
``Source`` is of the raw bytes as read.

Encoding detection is a fixed, strict order (first match wins), with charset-normalizer only as
a fallback for what the order cannot place:

1. known binary signatures (PNG, JPEG, GIF, PDF, ZIP, gzip, ...) -> ``DecodeError``;
2. a byte-order mark: UTF-8 (``utf-8-sig``), UTF-32, UTF-16;
3. NUL bytes: BOM-less UTF-16 LE/BE (or UTF-32) when the NULs fall on one byte parity and the
   decoded text is plausible; otherwise the input is binary -> ``DecodeError``;
4. ISO-2022-JP when the bytes are 7-bit and carry its ESC sequences (unambiguous, so it
   outranks a declaration);
5. an HTML ``<meta charset>`` (or ``http-equiv`` Content-Type) in the first 4 KiB, honoured
   when the bytes decode under it strictly, unless they are non-ASCII and valid UTF-8 (a
   stale declaration: legacy bytes are practically never valid UTF-8 by chance);
6. strict UTF-8 (pure ASCII is reported as ``utf-8``);
7. strict Shift_JIS (``shift_jis``, else ``cp932`` for the Windows extensions), EUC-JP and,
   for even lengths, BOM-less UTF-16: each candidate that decodes strictly is scored for
   plausibility (share of kana/kanji/ASCII against control, private-use and half-width-kana
   noise); a plausible candidate with kana wins;
8. a file whose lines are each valid in one of those encodings (concatenated files) is decoded
   line by line and reported as ``mixed(...)``;
9. charset-normalizer's best guess, Windows-1252 and kana-less Japanese decodes, whichever
   is the most plausible text (charset-normalizer wins ties);
10. otherwise ``DecodeError``.

After decoding, text with many control characters is rejected as binary, and text that is
empty or whitespace only (including U+3000 and zero-width characters) is ``EmptyInputError``.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import sys
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any, BinaryIO, Literal

from summarizer.errors import DecodeError, EmptyInputError, InputError
from summarizer.models import Source
from summarizer.rxcache import lazy_re

__all__ = [
    "MAX_BYTES",
    "Document",
    "HtmlPage",
    "decode",
    "extract_html",
    "html_to_text",
    "is_html",
    "read_input",
]

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """A decoded article: ``text`` is what evidence offsets index into."""

    text: str
    source: Source


# --------------------------------------------------------------------------- reading


def _display(name: str) -> str:
    """A path as it may appear in a one-line message (control characters escaped)."""
    if any(unicodedata.category(c) == "Cc" for c in name) or not name.isprintable():
        return repr(name)
    return name


def read_input(spec: str, *, stdin: BinaryIO | None = None) -> Document:
    """Read an article from a path, or from standard input when ``spec`` is ``"-"``.

    Raises:
        InputError: missing, a directory, unreadable, larger than ``MAX_BYTES``.
        EmptyInputError: no text (empty, whitespace only, HTML without text).
        DecodeError: binary or undecodable bytes.
    """
    if spec == "-":
        if stdin is None and sys.stdin is None:  # `summarizer summarize - <&-`
            raise InputError("stdin: standard input is closed (pipe an article in, or give a file)")
        stream = stdin if stdin is not None else sys.stdin.buffer
        try:
            data = stream.read(MAX_BYTES + 1)
        except OSError as e:
            raise InputError(f"stdin: cannot read ({e.strerror or e})") from e
        if data is None:  # non-blocking stream with nothing to read
            data = b""
        if len(data) > MAX_BYTES:
            raise InputError(f"stdin: input is larger than {MAX_BYTES // (1024 * 1024)} MiB")
        return decode(bytes(data), path=None)

    name = _display(spec)
    if not spec:
        raise InputError("no input path given (use '-' for standard input)")
    hint = ""
    if re.match(r"(?i)^[a-z][a-z0-9+.-]*://", spec):
        hint = " (URLs are not fetched: save the page and pass the file)"
    try:
        st = os.stat(spec)
    except FileNotFoundError as e:
        raise InputError(f"{name}: no such file{hint}") from e
    except NotADirectoryError as e:
        raise InputError(f"{name}: no such file (a parent is not a directory)") from e
    except PermissionError as e:
        raise InputError(f"{name}: permission denied") from e
    except (OSError, ValueError) as e:
        raise InputError(f"{name}: cannot read ({getattr(e, 'strerror', None) or e})") from e
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{name}: is a directory, not a file")
    if stat.S_ISREG(st.st_mode) and st.st_size > MAX_BYTES:
        raise InputError(
            f"{name}: file is too large ({st.st_size:,} bytes; "
            f"the limit is {MAX_BYTES // (1024 * 1024)} MiB)"
        )
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) or stat.S_ISSOCK(st.st_mode):
        raise InputError(f"{name}: is a device or socket, not a file")
    try:
        if stat.S_ISFIFO(st.st_mode):
            data = read_fifo(spec, name)
        else:
            with open(spec, "rb") as f:
                data = f.read(MAX_BYTES + 1)
    except IsADirectoryError as e:
        raise InputError(f"{name}: is a directory, not a file") from e
    except PermissionError as e:
        raise InputError(f"{name}: permission denied") from e
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror or e})") from e
    if len(data) > MAX_BYTES:  # grew while reading, or a pipe/device
        raise InputError(f"{name}: input is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    return decode(data, path=spec)


def fifo_timeout() -> float:
    """Seconds a FIFO may stay silent (no writer yet, or no data): ``SUMMARIZER_READ_TIMEOUT``,
    default 30.

    Raises:
        ConfigError: the variable is not a positive finite number.
    """
    import math

    from summarizer.errors import ConfigError

    raw = os.environ.get("SUMMARIZER_READ_TIMEOUT", "").strip()
    if not raw:
        return FIFO_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise ConfigError(f"SUMMARIZER_READ_TIMEOUT must be a positive number, not {raw!r}")
    return value


FIFO_TIMEOUT = 30.0


def read_fifo(path: str, name: str) -> bytes:
    """Read a named pipe without hanging forever on one that has no writer.

    Opened non-blocking (an ordinary open waits for a writer indefinitely), then polled: no
    writer or no data for ``fifo_timeout()`` seconds is an ``InputError`` (exit 3).

    Raises:
        InputError: silent past the timeout, or larger than ``MAX_BYTES``.
    """
    import select

    timeout = fifo_timeout()
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    chunks: list[bytes] = []
    size = 0
    writer_seen = False
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLHUP)
        while True:
            if not poller.poll(timeout * 1000):
                what = "sent nothing" if writer_seen else "has no writer"
                raise InputError(f"{name}: the FIFO {what} for {timeout:g} s "
                                 "(SUMMARIZER_READ_TIMEOUT)")  # fmt: skip
            try:
                chunk = os.read(fd, 1 << 20)
            except BlockingIOError:
                writer_seen = True
                continue
            if not chunk:  # EOF: the writer closed (Linux reports no HUP before a first writer)
                break
            writer_seen = True
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BYTES:
                break
    finally:
        os.close(fd)
    return b"".join(chunks)


# --------------------------------------------------------------------------- decoding

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document (extract its text first)"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ\x90\x00", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"RIFF", "a media file"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # (bom, codec, reported name); UTF-32 before UTF-16 (FF FE 00 00 starts with FF FE)
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

# Declared charset names (HTML meta) -> the family we decode with.
_ALIASES: dict[str, str] = {
    "shift_jis": "shift_jis", "shift-jis": "shift_jis", "sjis": "shift_jis",
    "x-sjis": "shift_jis", "ms_kanji": "shift_jis", "csshiftjis": "shift_jis",
    "windows-31j": "shift_jis", "cp932": "shift_jis", "ms932": "shift_jis",
    "euc-jp": "euc-jp", "euc_jp": "euc-jp", "eucjp": "euc-jp", "x-euc-jp": "euc-jp",
    "cseucpkdfmtjapanese": "euc-jp",
    "iso-2022-jp": "iso-2022-jp", "csiso2022jp": "iso-2022-jp", "iso2022jp": "iso-2022-jp",
    "utf-8": "utf-8", "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8",
}  # fmt: skip

# Each family: (codec, reported name) tried in order; the first strict decode wins.
_FAMILIES: dict[str, tuple[tuple[str, str], ...]] = {
    "shift_jis": (("shift_jis", "shift_jis"), ("cp932", "cp932"),
                  ("shift_jis_2004", "shift_jis_2004")),
    "euc-jp": (("euc_jp", "euc-jp"), ("euc_jis_2004", "euc-jis-2004")),
    "iso-2022-jp": (("iso2022_jp", "iso-2022-jp"), ("iso2022_jp_ext", "iso-2022-jp-ext"),
                    ("iso2022_jp_2004", "iso-2022-jp-2004"), ("iso2022_jp_2", "iso-2022-jp-2")),
    "utf-8": (("utf-8", "utf-8"),),
}  # fmt: skip

_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_\-.:]+)""", re.IGNORECASE
)
_ISO2022_ESC = re.compile(rb"\x1b(?:\$[@B]|\$\(D|\$\([OPQ]|\([BJI])")


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_family(data: bytes, family: str) -> tuple[str, str] | None:
    for codec, name in _FAMILIES[family]:
        text = _strict(data, codec)
        if text is not None:
            return text, name
    return None


@dataclass(frozen=True)
class _Score:
    plausible: float  # share of characters that ordinary text is made of
    kana: int
    non_ascii: int


def _score(text: str, limit: int = 20000) -> _Score:
    """How much ``text`` looks like real (Japanese or Latin) text rather than mis-decoded bytes."""
    sample = text[:limit]
    if not sample:
        return _Score(0.0, 0, 0)
    good = 0.0
    kana = 0
    non_ascii = 0
    for ch in sample:
        o = ord(ch)
        if o < 0x80:
            if 0x20 <= o < 0x7F or ch in "\t\n\r\f":
                good += 1
            continue
        non_ascii += 1
        if 0x3041 <= o <= 0x30FF:  # hiragana, katakana
            kana += 1
            good += 1
        elif (
            0x4E00 <= o <= 0x9FFF
            or 0x3000 <= o <= 0x303F
            or 0xFF01 <= o <= 0xFF60
            or 0x3200 <= o <= 0x33FF
            or 0xF900 <= o <= 0xFAFF
        ):
            good += 1  # kanji, CJK punctuation, full-width forms, ㈱ ㌔, compatibility kanji
        elif 0xFF61 <= o <= 0xFF9F:
            good += 0.3  # half-width katakana: real but rare; typical of EUC read as SJIS
        elif 0xE000 <= o <= 0xF8FF or o == 0xFFFD or 0xD800 <= o <= 0xDFFF or o < 0xA0:
            pass  # private use, replacement, C1 controls
        elif 0x2000 <= o <= 0x27BF or 0x00A0 <= o <= 0x024F or 0x0370 <= o <= 0x04FF:
            good += 1  # punctuation, symbols, Latin-1/extended, Greek, Cyrillic
        elif 0x3400 <= o <= 0x4DBF or 0xA000 <= o <= 0xABFF or 0xAC00 <= o <= 0xD7AF:
            good += 0.2  # CJK ext. A, Yi, Hangul: where UTF-16 misreads land
        else:
            cat = unicodedata.category(ch)
            good += 0.5 if cat[0] in "LNPSZ" else 0.0
    return _Score(good / len(sample), kana, non_ascii)


def _lenient_score(text: str, limit: int = 20000) -> float:
    """Share of characters that belong to some script's ordinary text (any language)."""
    sample = text[:limit]
    if not sample:
        return 0.0
    good = 0
    for ch in sample:
        o = ord(ch)
        if o < 0x80:
            good += 0x20 <= o < 0x7F or ch in "\t\n\r\f"
        elif (
            0xE000 <= o <= 0xF8FF
            or o == 0xFFFD
            or o < 0xA0
            or 0xFB50 <= o <= 0xFEFF
            or 0xD800 <= o <= 0xDFFF
        ):
            continue  # private use, replacement, C1, Arabic presentation forms (legacy codecs)
        elif unicodedata.category(ch)[0] in "LNPSZM":
            good += 1
    return good / len(sample)


def _japanese_ok(s: _Score, min_plausible: float = 0.97) -> bool:
    """Plausible text with kana: real Japanese prose always has some."""
    return s.plausible >= min_plausible and s.kana >= max(1, s.non_ascii // 20)


def _utf16_by_nuls(data: bytes) -> list[str]:
    """Codecs suggested by where NUL bytes fall (ASCII in UTF-16/32 has NUL high bytes)."""
    sample = data[:8192]
    n = len(sample)
    if n < 2:
        return []
    even = sum(1 for i in range(0, n, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, n, 2) if sample[i] == 0)
    out: list[str] = []
    if n % 4 == 0 or len(data) % 4 == 0:
        quads = [sample[i : i + 4] for i in range(0, n - 3, 4)]
        le32 = sum(1 for q in quads if q[2:] == b"\0\0")
        be32 = sum(1 for q in quads if q[:2] == b"\0\0")
        if quads and le32 >= 0.9 * len(quads):
            out.append("utf-32-le")
        if quads and be32 >= 0.9 * len(quads):
            out.append("utf-32-be")
    total = even + odd
    if total:
        if odd >= 0.8 * total:
            out.append("utf-16-le")
        if even >= 0.8 * total:
            out.append("utf-16-be")
    return out


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    if b"<" not in head:
        return None
    m = _META_CHARSET.search(head)
    if not m:
        return None
    return m.group(1).decode("ascii", "replace").strip().lower()


def _honour_declared(data: bytes, declared: str) -> tuple[str, str] | None:
    family = _ALIASES.get(declared)
    if family is not None:
        return _decode_family(data, family)
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None
    if codec.startswith(("utf-16", "utf-32")):
        return None  # bytes were ASCII-readable, so the declaration is wrong (as in WHATWG)
    text = _strict(data, codec)
    if text is None:
        return None
    return text, declared


def _legacy_candidates(data: bytes) -> list[tuple[str, str, _Score]]:
    out: list[tuple[str, str, _Score]] = []
    for family in ("shift_jis", "euc-jp"):
        got = _decode_family(data, family)
        if got is not None:
            out.append((got[0], got[1], _score(got[0])))
    if len(data) % 2 == 0:
        for codec in ("utf-16-le", "utf-16-be"):
            text = _strict(data, codec)
            if text is not None:
                out.append((text, codec, _score(text)))
    # best plausibility first; ties keep the order above
    out.sort(key=lambda c: (-round(c[2].plausible, 3), -c[2].kana))
    return out


def _decode_lines(data: bytes) -> tuple[str, str] | None:
    """Concatenated inputs: each line valid in UTF-8 or one Japanese legacy encoding."""
    if b"\n" not in data:
        return None
    parts: list[str] = []
    used: list[str] = []
    for line in data.splitlines(keepends=True):
        text = _strict(line, "utf-8")
        name = "utf-8"
        if text is None:
            best: tuple[str, str, _Score] | None = None
            for family in ("shift_jis", "euc-jp"):
                got = _decode_family(line, family)
                if got is not None:
                    s = _score(got[0])
                    if best is None or s.plausible > best[2].plausible:
                        best = (got[0], got[1], s)
            if best is None or best[2].plausible < 0.95:
                return None
            text, name = best[0], best[1]
        parts.append(text)
        if name not in used:
            used.append(name)
    if len(used) < 2:
        return None
    return "".join(parts), "mixed(" + ",".join(used) + ")"


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - listed as a dependency
        return None
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        return None
    text = _strict(data, best.encoding)
    if text is None:
        return None
    return text, best.encoding.replace("_", "-")


def _detect(data: bytes) -> tuple[str, str]:
    """(text, encoding name) or ``DecodeError`` (without the input's name; the caller adds it)."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is None:
                raise DecodeError(f"starts with a {name} byte-order mark but is not valid {name}")
            return text, name

    if b"\0" in data:
        for codec in _utf16_by_nuls(data):
            text = _strict(data, codec)
            if text is not None and _score(text).plausible >= 0.9:
                return text, codec
        raise DecodeError("binary data (NUL bytes), not text")

    if data.isascii() and _ISO2022_ESC.search(data):
        got = _decode_family(data, "iso-2022-jp")
        if got is not None:
            return got

    declared = _declared_charset(data)
    if declared and (data.isascii() or _strict(data, "utf-8") is None):
        # Non-ASCII bytes that are valid UTF-8 are UTF-8 whatever the page says (a stale
        # declaration after re-saving); chance-valid UTF-8 from legacy bytes is negligible.
        got = _honour_declared(data, declared)
        if got is not None:
            return got

    text = _strict(data, "utf-8")
    if text is not None and _control_ratio(text) <= 0.02:
        return text, "utf-8"
    # (control characters in "valid UTF-8": maybe kana-only UTF-16 without BOM or NULs)

    candidates = _legacy_candidates(data)
    for text, name, s in candidates:
        if _japanese_ok(s):
            return text, name

    mixed = _decode_lines(data)
    if mixed is not None:
        return mixed

    # Last resort: charset-normalizer (other scripts and languages), Windows-1252 (short Latin
    # text, where charset-normalizer guesses wildly) and kana-less Japanese decodes compete on
    # plausibility; charset-normalizer wins ties, a Japanese decode needs a clear lead.
    pool: list[tuple[float, str, str]] = []
    cn = _charset_normalizer(data)
    if cn is not None:
        pool.append((_lenient_score(cn[0]) + 0.001, cn[0], cn[1]))
    latin = _strict(data, "cp1252")
    if latin is not None:
        pool.append((_lenient_score(latin), latin, "cp1252"))
    for text, name, s in candidates:
        if s.plausible >= 0.95:
            pool.append((s.plausible - 0.02, text, name))
    if pool:
        best = max(pool, key=lambda c: c[0])
        if best[0] >= 0.9:
            for text, name, _s in candidates:  # report our name for the same decode
                if text == best[1]:
                    return text, name
            return best[1], best[2]
    raise DecodeError("not text in any supported encoding (binary or corrupt)")


def _control_ratio(text: str) -> float:
    sample = text[:100_000]
    if not sample:
        return 0.0
    bad = len(sample) - len(_CONTROL_CHARS.sub("", sample))  # counted in C, not per character
    return bad / len(sample)


# control characters but \t \n \v \f \r, and C1 (0x7F-0x9F)
_CONTROL_CHARS = lazy_re(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


_BLANK = lazy_re(r"[\s\u200b\u200c\u200d\u2060\ufeff]*")


def _is_blank(text: str) -> bool:
    return _BLANK.fullmatch(text) is not None


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` -> ``\\n`` (the only rewrite applied to plain text)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, *, path: str | None = None, url: str | None = None) -> Document:
    """Decode raw bytes into a ``Document`` (see the module docstring for the order).

    Raises:
        InputError: more than ``MAX_BYTES``.
        EmptyInputError: no text.
        DecodeError: binary or undecodable.
    """
    label = _display(path) if path else (url or "stdin")
    if len(data) > MAX_BYTES:
        raise InputError(f"{label}: input is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    if not data:
        raise EmptyInputError(f"{label}: input is empty")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"{label}: binary data ({what}), not text")
    try:
        text, encoding = _detect(data)
    except DecodeError as e:
        raise DecodeError(f"{label}: {e}") from None
    if _control_ratio(text) > 0.02:
        raise DecodeError(f"{label}: binary data (control characters), not text")
    if text.startswith("\ufeff"):  # a BOM that survived (e.g. meta-declared utf-8 + BOM)
        text = text[1:]
    text = normalize_newlines(text)
    if _is_blank(text):
        raise EmptyInputError(f"{label}: input holds only whitespace")

    title: str | None
    published: str | None = None
    author: str | None = None
    extractor: Literal["trafilatura", "builtin"] | None = None
    if is_html(text):
        page = extract_html(text)
        text, title, published, author = page.text, page.title, page.published, page.author
        extractor = page.extractor
        if _is_blank(text):
            raise EmptyInputError(f"{label}: HTML page holds no article text")
    else:
        title = _first_line_title(text)
    published_source: Literal["html-meta", "text"] | None = "html-meta" if published else None
    if published is None:
        from summarizer.dates import text_published

        stated = text_published(text)
        if stated is not None:
            published, published_source = stated.isoformat(), "text"

    source = Source(
        path=path,
        url=url,
        sha256=hashlib.sha256(data).hexdigest(),
        title=title,
        language=detect_language(text),
        encoding=encoding,
        published=published,
        published_source=published_source,
        author=author,
        html_extractor=extractor,
    )
    return Document(text=text, source=source)


def _first_line_title(text: str) -> str | None:
    for line in text.split("\n", 50)[:50]:
        line = line.strip()
        if line:
            return line if len(line) <= 200 else None
    return None


_EN_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "by",
        "was",
        "were",
        "are",
        "from",
        "at",
        "it",
        "this",
        "an",
        "be",
        "has",
        "have",
        "said",
        "which",
        "its",
        "their",
    ]
)


_KANA_CHARS = lazy_re(r"[\u3041-\u30ff\u31f0-\u31ff\uff66-\uff9f]+")
_KANJI_CHARS = lazy_re(r"[\u4e00-\u9fff\u3400-\u4dbf]+")
_LATIN_CHARS = lazy_re(r"[A-Za-z\uff21-\uff5a\u00c0-\u024f]+")
_ASCII_CHARS = lazy_re(r"[\x00-\x7f]+")  # what is left of ASCII is no letter


def detect_language(text: str) -> str:
    """``ja`` (kana, or kanji without kana in a short text), ``en`` (Latin with English function
    words), else ``und``."""
    sample = text[:50_000]
    # each class counted by removing it (in C); only what is left is looked at per character
    rest = _KANA_CHARS.sub("", sample)
    kana = len(sample) - len(rest)
    n = len(rest)
    rest = _KANJI_CHARS.sub("", rest)
    kanji = n - len(rest)
    n = len(rest)
    rest = _LATIN_CHARS.sub("", rest)
    latin = n - len(rest)
    other = sum(1 for ch in _ASCII_CHARS.sub("", rest) if ch.isalpha())
    letters = kana + kanji + latin + other
    if not letters:
        return "und"
    cjk = kana + kanji
    if kana and cjk >= 0.1 * letters:
        return "ja"
    if kanji >= 0.1 * letters and not kana and kanji < 200 and other < kanji:
        return "ja"  # a short kanji-only text (a headline); long kana-less text is not Japanese
    if latin >= 0.6 * letters:
        words = re.findall(r"[A-Za-z]+", sample)
        if words and sum(1 for w in words if w.lower() in _EN_WORDS) >= 0.05 * len(words):
            return "en"
    return "und"


# --------------------------------------------------------------------------- HTML

_HTML_START = lazy_re(
    r"\A[\s\ufeff]*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = lazy_re(
    r"<(?:html|head|body|meta|title|div|p|article|main|section|span|a\s|br|table|ul|li|h[1-6]"
    r"|script|style|link)\b[^<>]*>",
    re.IGNORECASE,
)
_HTML_CLOSE = lazy_re(r"</(?:html|body|div|p|article|main|section|span|a|li|h[1-6])\s*>", re.I)


def is_html(text: str) -> bool:
    """Whether ``text`` is an HTML page or fragment (not prose that mentions a tag)."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    stripped = head.lstrip(" \t\n\r\ufeff")
    if not stripped.startswith("<"):
        return False
    # a fragment: starts with markup and is dense with real open *and* close tags
    return len(_HTML_TAG.findall(head)) >= 2 and len(_HTML_CLOSE.findall(head)) >= 1


_SKIP = frozenset(
    {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template",
     "svg", "iframe", "object", "select", "button", "canvas", "dialog", "math"}
)  # fmt: skip
# never text, not even as a last resort
_HARD = frozenset(
    {
        "script",
        "style",
        "template",
        "svg",
        "math",
        "canvas",
        "object",
        "noscript",
        "iframe",
        "select",
    }
)
_SKIP_OUTSIDE_ARTICLE = frozenset({"header", "footer"})  # kept inside <article> (its headline)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr", "keygen"}
)  # fmt: skip
_PARA = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl",
     "figure", "section", "article", "main", "address", "hr", "details", "fieldset"}
)  # fmt: skip
_LINE = frozenset(
    {"div", "li", "tr", "dt", "dd", "figcaption", "caption", "summary", "legend", "body",
     "center", "td", "th"}
)  # fmt: skip
_WIDE = (
    r"\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\uff01-\uff60"
)
_CJK_NEWLINE = lazy_re(rf"(?<=[{_WIDE}])[ \t\r\f]*\n\s*(?=[{_WIDE}])")
_WS = lazy_re(r"[ \t\n\r\f\v\xa0]+")
_LINE_MARK = "\x01"  # a block boundary: at least one line break
_PARA_MARK = "\x02"  # a paragraph boundary: one blank line
_MARK_RUN = lazy_re(r"[ \t\n]*[\x01\x02][\x01\x02 \t\n]*")
_HIDDEN_STYLE = lazy_re(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass
class _Open:
    tag: str
    skip: bool
    article: int  # id of the article element, 0 when not an article
    main: bool
    pre: bool
    hard: bool


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Open] = []
        # (text, outermost article id or 0, inside main, inside a skipped element)
        self.pieces: list[tuple[str, int, bool, bool]] = []
        self.title: str | None = None
        self.og_title: str | None = None
        self.h1: str | None = None
        self._title_buf: list[str] | None = None
        self._h1_buf: list[str] | None = None
        self._articles = 0
        self._skip = 0
        self._pre = 0
        self._hard = 0

    # state derived from the stack
    def _article(self) -> int:
        for o in self.stack:
            if o.article:
                return o.article
        return 0

    def _main(self) -> bool:
        return any(o.main for o in self.stack)

    def _emit(self, text: str) -> None:
        self.pieces.append((text, self._article(), self._main(), self._skip > 0))

    def _break(self, tag: str) -> None:
        if tag in _PARA:
            self._emit(_PARA_MARK)
        elif tag in _LINE:
            self._emit(_LINE_MARK)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            prop = (a.get("property") or a.get("name") or "").lower()
            if prop in ("og:title", "twitter:title") and a.get("content") and not self.og_title:
                self.og_title = _WS.sub(" ", a["content"]).strip() or None
            return
        if tag == "br":
            self._emit("\n")
            return
        if tag in _VOID:
            if tag == "hr":
                self._emit(_PARA_MARK)
            return
        if tag == "title" and self.title is None:
            self._title_buf = []
        if tag == "h1" and self.h1 is None and self._h1_buf is None:
            self._h1_buf = []
        in_article = self._article() > 0
        skip = (
            (tag in _SKIP and not (tag in _SKIP_OUTSIDE_ARTICLE and in_article))
            or "hidden" in a
            or a.get("aria-hidden", "").lower() == "true"
            or bool(_HIDDEN_STYLE.search(a.get("style", "")))
        )
        article = 0
        if tag == "article":
            self._articles += 1
            article = self._articles
        o = _Open(
            tag, skip, article, tag == "main" or a.get("role") == "main", tag == "pre", tag in _HARD
        )
        self._break(tag)
        self.stack.append(o)
        self._skip += o.skip
        self._pre += o.pre
        self._hard += o.hard

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID or tag == "meta":
            self.handle_starttag(tag, attrs)
        # <div/> and the like: nothing to open

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title_buf is not None:
            self.title = _WS.sub(" ", "".join(self._title_buf)).strip() or None
            self._title_buf = None
        if tag == "h1" and self._h1_buf is not None:
            self.h1 = _WS.sub(" ", "".join(self._h1_buf)).strip() or None
            self._h1_buf = None
        if tag == "br":  # </br> is treated as <br> by browsers
            self._emit("\n")
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                for o in self.stack[i:]:
                    self._skip -= o.skip
                    self._pre -= o.pre
                    self._hard -= o.hard
                del self.stack[i:]
                self._break(tag)
                return
        # a stray end tag: ignored

    def handle_data(self, data: str) -> None:
        if self._title_buf is not None:
            self._title_buf.append(data)
            return
        if self._h1_buf is not None:
            self._h1_buf.append(data)
        if self._hard:
            return
        if "\x01" in data or "\x02" in data:
            data = data.replace("\x01", "").replace("\x02", "")
        if self._pre:
            text = data.replace("\xa0", " ")
        else:
            text = _CJK_NEWLINE.sub("", data)
            text = _WS.sub(" ", text)
        if text:
            self._emit(text)


def _break_run(m: re.Match[str]) -> str:
    run = m.group()
    if _PARA_MARK in run:
        return "\n\n"
    return "\n" * max(1, min(run.count("\n"), 2))  # <br> at the end of a block adds nothing


def _clean(text: str) -> str:
    text = _MARK_RUN.sub(_break_run, text)
    lines = [line.strip(" \t") for line in text.split("\n")]
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()


def html_to_text(html: str) -> tuple[str, str | None]:
    """The article text of an HTML page, and its title (og:title, else <title>, else <h1>).

    Drops script/style/nav/form/aside/noscript (and header/footer outside ``<article>``) and
    hidden elements; keeps the largest ``<article>``, else ``<main>``, else the whole body;
    block elements become line breaks, entities are unescaped, blank-line runs collapse.
    """
    p = _Extractor()
    try:
        p.feed(html)
        p.close()
    except (AssertionError, ValueError):  # pragma: no cover - html.parser is lenient
        pass
    if p._title_buf is not None:  # unterminated <title>
        p.title = _WS.sub(" ", "".join(p._title_buf)).strip() or None

    def join(pred: object) -> str:
        return _clean("".join(t for t, art, main, skip in p.pieces if pred(art, main, skip)))  # type: ignore[operator]

    text = ""
    if p._articles:
        sizes: dict[int, int] = {}
        for t, art, _main, skip in p.pieces:
            if art and not skip and not t.isspace():
                sizes[art] = sizes.get(art, 0) + len(t.strip())
        if sizes:
            best = max(sizes, key=lambda k: sizes[k])
            text = join(lambda art, main, skip: art == best and not skip)
    if not text:
        text = join(lambda art, main, skip: main and not skip)
    if not text:
        text = join(lambda art, main, skip: not skip)
    if not text:  # everything sat in nav/header/...: better some text than none
        text = _clean("".join(t for t, *_ in p.pieces))
    title = p.og_title or p.title or p.h1
    if title and len(title) > 300:
        title = title[:300]
    return text, title


# --------------------------------------------------------------------------- HTML pages


@dataclass(frozen=True)
class HtmlPage:
    """What an HTML page yields: the article text (offsets index into it) and its metadata."""

    text: str
    title: str | None
    published: str | None  # ISO date from the page's metadata (never guessed from its text)
    author: str | None
    extractor: Literal["trafilatura", "builtin"]


def extract_html(html: str) -> HtmlPage:
    """The article of an HTML page, as a reader sees it.

    trafilatura finds the main text (navigation, related-article boxes, comments and footers
    left out) and reads title, author and publication date from the page's metadata (meta
    tags, JSON-LD, ``<time>``; never from the prose). Hidden elements are removed first, and
    a line break between two CJK characters in the source joins them (as browsers render it).
    The hand-written ``html_to_text`` is the fallback when trafilatura is not installed or
    finds no text.
    """
    page = _trafilatura_page(html)
    if page is not None:
        return page
    text, title = html_to_text(html)
    return HtmlPage(text, title, _meta_published(html), None, "builtin")


def _trafilatura_page(html: str) -> HtmlPage | None:
    try:
        import trafilatura
    except ImportError:
        return None
    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            return None
        _prepare_tree(tree)
        headline = _first_h1(tree)
        doc = trafilatura.bare_extraction(
            tree,
            config=_trafilatura_config(),
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001  (a parser bug on one odd page: the fallback reads it)
        return None
    if doc is None:
        return None
    text = normalize_newlines(getattr(doc, "text", None) or "").strip()
    if _is_blank(text):
        return None
    if headline and headline not in text[: len(headline) + 300]:
        # trafilatura moves the headline into the metadata; readers see it above the article
        text = headline + "\n" + text

    def meta(name: str, limit: int) -> str | None:
        value = getattr(doc, name, None)
        if not isinstance(value, str):
            return None
        value = _WS.sub(" ", value).strip()
        return value[:limit] or None

    published: str | None = None
    raw_date = meta("date", 40)
    if raw_date:
        from summarizer.dates import parse_iso_date

        try:
            published = parse_iso_date(raw_date).isoformat()
        except ValueError:
            published = None
    title = meta("title", 300)
    if title is None:
        title = _title_only(html)
    return HtmlPage(text, title, published, meta("author", 200), "trafilatura")


_TRAFILATURA_CONFIG: list[Any] = []


def _trafilatura_config() -> Any:
    """trafilatura's defaults, except the text size under which it distrusts its own result
    and falls back to whole-page extraction: 250 characters is a short English page but a
    full Japanese news item (kanji carry about 2.5 times the content per character)."""
    if not _TRAFILATURA_CONFIG:
        from trafilatura.settings import use_config

        config = use_config()
        config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(TRAFILATURA_MIN_TEXT))
        _TRAFILATURA_CONFIG.append(config)
    return _TRAFILATURA_CONFIG[0]


TRAFILATURA_MIN_TEXT = 50


def _prepare_tree(tree: Any) -> None:
    """Remove hidden elements; join source line breaks between CJK characters."""
    for el in list(tree.iter()):
        if not isinstance(el.tag, str):
            continue
        attrs = el.attrib
        if (
            "hidden" in attrs
            or attrs.get("aria-hidden", "").lower() == "true"
            or _HIDDEN_STYLE.search(attrs.get("style", ""))
        ):
            parent = el.getparent()
            if parent is not None:
                el.drop_tree()
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("pre", "textarea", "script", "style"):
            continue
        if el.text and "\n" in el.text:
            el.text = _CJK_NEWLINE.sub("", el.text)
        if el.tail and "\n" in el.tail:
            el.tail = _CJK_NEWLINE.sub("", el.tail)


def _first_h1(tree: Any) -> str | None:
    for el in tree.iter("h1"):
        text = _WS.sub(" ", el.text_content()).strip()
        if text:
            return text[:300]
    return None


def _title_only(html: str) -> str | None:
    return html_to_text(html)[1]


_META_DATE = lazy_re(
    r"""<meta\b[^>]*?\b(?:property|name|itemprop)\s*=\s*["']?(?:article:published_time|"""
    r"""og:published_time|datePublished|pubdate|publishdate|dc\.date(?:\.issued)?|date)["']?"""
    r"""[^>]*?\bcontent\s*=\s*["']([^"']+)["']""",
    re.IGNORECASE,
)
_META_DATE_REV = lazy_re(
    r"""<meta\b[^>]*?\bcontent\s*=\s*["']([^"']+)["'][^>]*?\b(?:property|name|itemprop)\s*=\s*"""
    r"""["']?(?:article:published_time|og:published_time|datePublished|pubdate|publishdate)\b""",
    re.IGNORECASE,
)
_JSONLD_DATE = lazy_re(r'"datePublished"\s*:\s*"([^"]+)"')


def _meta_published(html: str) -> str | None:
    """The publication date in a page's meta tags or JSON-LD (the fallback's reading)."""
    from summarizer.dates import parse_iso_date

    head = html[:200_000]
    for rx in (_META_DATE, _META_DATE_REV, _JSONLD_DATE):
        m = rx.search(head)
        if m:
            try:
                return parse_iso_date(m.group(1)).isoformat()
            except ValueError:
                continue
    return None
