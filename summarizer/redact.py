"""The one redaction point: every text that can reach a user, a log, an error record,
provenance or a traceback passes through ``redact`` first.

It removes

* the configured API key (``register_secret`` is called by ``config.load_settings`` with the
  key it loaded; ``SUMMARIZER_API_KEY`` / ``OPENAI_API_KEY`` from the environment are always
  known), wherever it appears, also URL-encoded;
* anything shaped like a credential: ``Bearer <token>``, OpenAI-style keys
  (``sk-...``, ``sk-proj-...``), ``api_key=...`` / ``"authorization": "..."`` pairs,
  ``user:password@`` in URLs, long hex strings (32+ digits) and long base64/base64url strings
  (32+ characters mixing upper case, lower case and digits, switching between them as random
  text does: ``Report_2024_APT31_Analysis_Final_v2`` is a name, not a token).

Hex strings of exactly 40 or 64 digits (a SHA-1 or SHA-256, which reports and messages carry
legitimately: ``source.sha256``, cache keys) are kept; the configured key is removed whatever
its shape. Redact before truncating: a cut key no longer matches.

``printable`` escapes terminal control characters (ESC/OSC sequences, other C0 and C1
controls) so text quoted from an article cannot drive the terminal.
"""

from __future__ import annotations

import os
import re
import threading
from urllib.parse import quote

from summarizer.rxcache import cached_re

__all__ = ["MASK", "printable", "redact", "register_secret"]

MASK = "[REDACTED]"

_SECRETS: set[str] = set()
_LOCK = threading.Lock()
_ENV_KEYS = ("SUMMARIZER_API_KEY", "OPENAI_API_KEY")
_MIN_SECRET = 4  # shorter "keys" (e.g. "x" for a local server) would mask ordinary letters

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization: Bearer xxx / Basic xxx (also inside JSON or Python reprs of headers)
    (cached_re(r"(?i)\b(bearer)(\s+|%20)[A-Za-z0-9._~+/=\-]{6,}"), r"\1\2" + MASK),
    # key=value / "key": "value" pairs whose name says it is a secret
    (
        cached_re(
            r"(?i)((?:api[_-]?key|x-api-key|apikey|access[_-]?token|auth[_-]?token|secret|"
            r"password|passwd|authorization)[\"']?\s*[:=]\s*[\"']?)"
            r"(?!\[REDACTED\]|bearer\s)[^\s\"',;}&]{4,}"
        ),
        r"\1" + MASK,
    ),
    # OpenAI-style keys: sk-..., sk-proj-..., also rk-/pk- variants
    (cached_re(r"\b(?:sk|rk|pk)-[A-Za-z0-9_\-]{8,}"), MASK),
    # credentials in a URL: scheme://user:password@host
    (cached_re(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/\s:@]+:[^/\s@]+@"), r"\1" + MASK + "@"),
)
_HEX = cached_re(r"(?<![0-9A-Za-z])[0-9a-fA-F]{32,}(?![0-9A-Za-z])")
_B64 = cached_re(r"(?<![A-Za-z0-9+/_\-])[A-Za-z0-9+/_\-]{32,}={0,2}(?![A-Za-z0-9+/_\-])")
_DIGESTS = (40, 64)  # SHA-1, SHA-256: kept


def register_secret(secret: str | None) -> None:
    """Remember a secret (the configured API key) so ``redact`` removes it everywhere."""
    if secret and len(secret.strip()) >= _MIN_SECRET:
        with _LOCK:
            _SECRETS.add(secret.strip())


def _known() -> list[str]:
    found = set(_SECRETS)
    for name in _ENV_KEYS:
        value = os.environ.get(name, "").strip()
        if len(value) >= _MIN_SECRET:
            found.add(value)
    # longest first, so a key containing another is removed whole
    return sorted(found, key=len, reverse=True)


def _hex(m: re.Match[str]) -> str:
    return m.group(0) if len(m.group(0)) in _DIGESTS else MASK


def _b64(m: re.Match[str]) -> str:
    s = m.group(0)
    if _HEX.fullmatch(s):
        return _hex(m)
    mixed = (
        any(c.isdigit() for c in s) and any(c.islower() for c in s) and any(c.isupper() for c in s)
    )
    # a path is not a token; nor is a name made of words ("Report_2024_APT31_Final_v2"): random
    # base64 switches between upper, lower, digit and symbol at most characters, words rarely
    if not mixed or s.count("/") > 2 or _switches(s) < 0.5:
        return s
    return MASK


def _switches(s: str) -> float:
    """Share of adjacent characters of different classes (upper, lower, digit, other)."""

    def kind(c: str) -> int:
        return 0 if c.isupper() else 1 if c.islower() else 2 if c.isdigit() else 3

    kinds = [kind(c) for c in s]
    return sum(a != b for a, b in zip(kinds, kinds[1:], strict=False)) / max(1, len(s) - 1)


def redact(text: object) -> str:
    """``text`` (anything, via ``str``) with every secret and secret-shaped string masked."""
    s = text if isinstance(text, str) else str(text)
    for secret in _known():
        if secret in s:
            s = s.replace(secret, MASK)
        encoded = quote(secret, safe="")
        if encoded != secret and encoded in s:
            s = s.replace(encoded, MASK)
    for pattern, repl in _PATTERNS:
        s = pattern.sub(repl, s)
    s = _HEX.sub(_hex, s)
    return _B64.sub(_b64, s)


_CONTROL = cached_re(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    c = m.group(0)
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def printable(text: str) -> str:
    """``text`` with terminal control characters shown as visible escapes (``\\x1b``).

    Newlines and tabs are kept; ESC (the start of CSI/OSC sequences), BEL, backspace, carriage
    return, the other C0 and C1 controls, DEL and bidirectional overrides become ``\\xNN`` /
    ``\\uNNNN`` so a quoted sentence cannot move the cursor, retitle the window or hide text.
    """
    return _CONTROL.sub(_escape, text)
