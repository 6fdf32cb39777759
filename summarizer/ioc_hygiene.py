"""IOC hygiene: refang defanged indicators and screen them against MISP warninglists.

Reports defang indicators so nobody clicks them: ``hxxp://evil[.]example/a``,
``198.51.100[.]7``, ``ops[@]evil(.)top``. ioc-finder recognizes those forms and returns the
refanged value; ``locate`` finds the span the article actually wrote, so the evidence quote is
the defanged text (kept, e.g. in MISP comments) and the value is the usable indicator.

``screen`` drops indicators that an analyst must not import as malicious: values on chosen
MISP warninglists (pymispwarninglists ships them; nothing is fetched). The lists, and why:

* IP ranges that cannot be an attacker's address on the Internet: ``rfc5735`` (special-use
  IPv4, with the RFC 5737 documentation ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24),
  ``rfc3849`` (IPv6 documentation, 2001:db8::/32), ``rfc1918`` (private), ``rfc6598`` (carrier
  NAT), ``ipv6-linklocal``, ``multicast``.
* Domains reserved for examples (RFC 2606 / RFC 6761: ``rfc6761``; example.com, example.net,
  example.org and, by the RFC, every name under them and under the .example, .test,
  .invalid and .localhost TLDs — matched here by suffix, the list itself is exact-match).
* Well-known benign domains: ``tranco10k`` (the 10,000 most used sites) matched **exactly**
  (google.com, nikkei.com), never by suffix: a subdomain of a popular name is often the
  attacker's (duckdns.org, github.io hosts); and ``security-provider-blogpost`` (vendor blogs
  an article cites as its source), matched by suffix, except hosts on the ``lots-project``
  list (Living Off Trusted Sites: github.com, dropbox.com... vendors publish there and
  attackers host payloads there, so neither list decides). URLs are screened by their host against
  the reserved and vendor-blog lists only: a payload URL on a popular site is still malicious.
* Hashes that identify nothing: ``empty-hashes`` (the empty file), ``eicar.com`` (the antivirus
  test file), ``common-ioc-false-positive`` and ``nioc-filehash`` (hashes of common benign
  files that reports often list by mistake).

Not used, on purpose: cloud and CDN ranges (attackers rent them), dynamic DNS and URL
shorteners (attackers use them), the million-site popularity lists (too broad), public DNS
resolvers (62,000 open resolvers, many of them ordinary rented servers).
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from summarizer.models import Indicator

__all__ = [
    "WARNINGLISTS",
    "Screened",
    "is_defanged",
    "locate",
    "refang",
    "screen",
    "warninglist_hits",
]

# list folder in misp-warninglists -> (indicator kinds it screens, how it matches)
WARNINGLISTS: dict[str, tuple[frozenset[str], str]] = {
    "rfc5735": (frozenset({"ipv4", "url-host"}), "cidr"),
    "rfc3849": (frozenset({"ipv6", "url-host"}), "cidr"),
    "rfc1918": (frozenset({"ipv4", "url-host"}), "cidr"),
    "rfc6598": (frozenset({"ipv4", "url-host"}), "cidr"),
    "ipv6-linklocal": (frozenset({"ipv6", "url-host"}), "cidr"),
    "multicast": (frozenset({"ipv4", "ipv6"}), "cidr"),
    "rfc6761": (frozenset({"domain", "email-domain", "url-host"}), "suffix"),
    "tranco10k": (frozenset({"domain"}), "exact"),
    "security-provider-blogpost": (frozenset({"domain", "url-host"}), "suffix"),
    "empty-hashes": (frozenset({"md5", "sha1", "sha256", "sha512"}), "exact"),
    "eicar.com": (frozenset({"md5", "sha1", "sha256", "sha512"}), "exact"),
    "common-ioc-false-positive": (frozenset({"md5", "sha1", "sha256", "sha512"}), "exact"),
    "nioc-filehash": (frozenset({"md5", "sha1", "sha256", "sha512"}), "exact"),
}
# RFC 2606 / RFC 6761 reserved top-level names (every name under them is reserved)
_RESERVED_TLDS = ("example", "test", "invalid", "localhost")

# -- refang -------------------------------------------------------------------------------------

_DOT = r"(?:\.|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}| ?\[ ?\. ?\] ?)"
_COLON = r"(?::|\[:\]|\(:\))"
_AT = r"(?:@|\[@\]|\(@\)|\[at\]|\(at\))"
_REFANG = [
    (re.compile(r"\bh(?:xx|XX|\*\*|tt)p(s?)(?=\s*(?:\[:\]|\(:\)|:))", re.IGNORECASE), r"http\1"),
    (re.compile(r"\bfxp(?=\s*(?:\[:\]|:))", re.IGNORECASE), "ftp"),
    (re.compile(r"\[:\]|\(:\)"), ":"),
    (re.compile(r"\[/\]"), "/"),
    (re.compile(r" ?\[ ?\. ?\] ?|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}", re.IGNORECASE), "."),
    (re.compile(r"\[@\]|\(@\)|\[at\]|\(at\)", re.IGNORECASE), "@"),
]
_DEFANG_MARK = re.compile(
    r"hxxp|h\*\*p|fxp|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\[:\]|\[@\]|\[at\]|\[/\]",
    re.IGNORECASE,
)


def refang(value: str) -> str:
    """``hxxp://evil[.]example/a`` -> ``http://evil.example/a``; a plain value is unchanged."""
    out = value.strip()
    for pattern, repl in _REFANG:
        out = pattern.sub(repl, out)
    return out


def is_defanged(text: str) -> bool:
    """True when ``text`` carries a defang mark (hxxp, [.], (.), [:], [@]...)."""
    return bool(_DEFANG_MARK.search(text))


def _surface_pattern(value: str) -> re.Pattern[str]:
    """A regex for ``value`` as an article may write it, defanged or not."""
    parts: list[str] = []
    i = 0
    low = value.lower()
    while i < len(value):
        if low.startswith("https", i) and i == 0:
            parts.append(r"h(?:tt|xx|\*\*)ps")
            i += 5
        elif low.startswith("http", i) and i == 0:
            parts.append(r"h(?:tt|xx|\*\*)p")
            i += 4
        elif value[i] == ".":
            parts.append(_DOT)
            i += 1
        elif value[i] == ":":
            parts.append(_COLON)
            i += 1
        elif value[i] == "@":
            parts.append(_AT)
            i += 1
        elif value[i] == "/":
            parts.append(r"(?:/|\[/\])")
            i += 1
        else:
            parts.append(re.escape(value[i]))
            i += 1
    return re.compile("".join(parts), re.IGNORECASE)


def locate(text: str, value: str) -> tuple[int, int] | None:
    """Where ``text`` writes ``value``, plainly or defanged: ``(start, end)`` or ``None``.

    The plain form is tried first (exact, then case-folded); then any defanged spelling.
    """
    pos = text.find(value)
    if pos >= 0:
        return pos, pos + len(value)
    pos = text.lower().find(value.lower())
    if pos >= 0:
        return pos, pos + len(value)
    m = _surface_pattern(value).search(text)
    return (m.start(), m.end()) if m else None


# -- warninglists -------------------------------------------------------------------------------


@cache
def _lists() -> dict[str, tuple[str, frozenset[str], Any]]:
    """Chosen list folder -> (list name, kinds, matcher data), read once from pymispwarninglists."""
    import pymispwarninglists

    root = Path(pymispwarninglists.__file__).parent / "data" / "misp-warninglists" / "lists"
    out: dict[str, tuple[str, frozenset[str], Any]] = {}
    for folder, (kinds, mode) in WARNINGLISTS.items():
        try:
            data = json.loads((root / folder / "list.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):  # pragma: no cover - a list dropped upstream
            continue
        values = [str(v).strip() for v in data.get("list", [])]
        matcher: Any
        if mode == "cidr":
            nets = []
            for v in values:
                try:
                    nets.append(ipaddress.ip_network(v, strict=False))
                except ValueError:
                    continue
            matcher = nets
        elif folder == "security-provider-blogpost":
            mode = "suffix"
            matcher = frozenset(v.lower().rstrip(".") for v in values) - _lots()
        else:
            matcher = frozenset(v.lower().rstrip(".") for v in values)
        out[folder] = (str(data.get("name", folder)), kinds, (mode, matcher))
    return out


@cache
def _lots() -> frozenset[str]:
    """Hosts of the LOTS list (trusted sites attackers abuse), without the leading dot."""
    import pymispwarninglists

    root = Path(pymispwarninglists.__file__).parent / "data" / "misp-warninglists" / "lists"
    try:
        data = json.loads((root / "lots-project" / "list.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):  # pragma: no cover
        return frozenset()
    return frozenset(str(v).lower().strip(".") for v in data.get("list", []))


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return ""
    return host.lower().rstrip(".")


def _hit(mode: str, matcher: Any, value: str) -> bool:
    if mode == "cidr":
        try:
            ip = ipaddress.ip_address(value.strip("[]"))
        except ValueError:
            return False
        return any(ip.version == n.version and ip in n for n in matcher)
    v = value.lower().rstrip(".")
    if mode == "exact":
        return v in matcher
    labels = v.split(".")
    return any(".".join(labels[i:]) in matcher for i in range(len(labels)))


def warninglist_hits(kind: str, value: str) -> list[str]:
    """Names of the chosen warninglists ``value`` (an IOC of ``kind``) is on; [] if none.

    Kinds are the ``Indicator.type`` values: ipv4, ipv6, domain, url, email, md5, sha1,
    sha256, sha512. A URL is screened by its host, an e-mail address by its domain.
    """
    kind = kind.lower()
    value = value.strip()
    probes: list[tuple[str, str]] = []
    if kind == "url":
        host = _host(value)
        if host:
            probes.append(("url-host", host))
    elif kind == "email":
        probes.append(("email-domain", value.rpartition("@")[2]))
    else:
        probes.append((kind, value))
    hits: list[str] = []
    for probe_kind, probe in probes:
        if (
            probe_kind in ("domain", "email-domain", "url-host")
            and probe.lower().rstrip(".").split(".")[-1] in _RESERVED_TLDS
        ):
            hits.append("RFC 6761 reserved top-level domain")
        for name, kinds, (mode, matcher) in _lists().values():
            if probe_kind in kinds and _hit(mode, matcher, probe) and name not in hits:
                hits.append(name)
    return hits


@dataclass(frozen=True)
class Screened:
    """Indicators kept for export, and the ones dropped with the lists that flagged them."""

    kept: list[Indicator]
    dropped: list[tuple[Indicator, list[str]]]

    def warnings(self) -> list[str]:
        return [
            f"indicator {i.type} {i.value} not exported: on MISP warninglist {'; '.join(names)}"
            for i, names in self.dropped
        ]


def screen(indicators: Iterable[Indicator]) -> Screened:
    """Refang every indicator's value and drop the ones on a chosen warninglist."""
    kept: list[Indicator] = []
    dropped: list[tuple[Indicator, list[str]]] = []
    for ind in indicators:
        value = refang(ind.value)
        if value != ind.value:
            ind = ind.model_copy(update={"value": value})
        hits = warninglist_hits(ind.type, value)
        if hits:
            dropped.append((ind, hits))
        else:
            kept.append(ind)
    return Screened(kept, dropped)
