"""Software and vulnerabilities: malware and tools from the knowledge base's hits, CVEs (verbatim,
misprints and full-width digits kept) with the product named nearby, and IOCs."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from summarizer.models import Indicator, Software, Vulnerability
from summarizer.rules.led import lazy_re
from summarizer.rules.reading import Ctx, span_evidence
from summarizer.rxcache import cached_re
from summarizer.textfold import other_runs_re, translate_runs

_CVE_RE = lazy_re(
    r"[CcＣｃ][VvＶｖ][EeＥｅ]\s?[-‐‑‒–—―－ー_ 　]?\s?([0-9０-９]{4})\s?[-‐‑‒–—―－ー_ 　]\s?([0-9０-９]{4,7})"
)

_NICKNAME_PAREN_RE = lazy_re(
    r"[（(][^（()）\n]{0,20}(?:ニックネーム|ハンドル|別名|通称|aka)[^（()）\n]{0,120}[）)]"
)

_VULN_PRODUCT_AFTER_RE = lazy_re(
    r"\s*(?:製品|社製品)?(?:の|における|に存在する)[^。、]{0,6}?"
    r"(?:バグ|脆弱性|欠陥|不具合|セキュリティホール|ゼロデイ)"
)


# a malware name announced by its kind: マルウェア「X」, 「X」と呼ばれるバックドア,
# "- X(別名:Y):マルウェア" in a bulleted list, "X RAT"
_KIND_WORDS = (
    r"(?:マルウェア|マルウエア|バックドア|ランサムウェア|ランサムウエア|ルートキット|トロイの木馬|ローダー"
    r"|ワイパー|ウイルス|スティーラー|インフォスティーラー|インプラント|ボットネット|ワーム|RAT)"
)
_NAME_CHARS = r"[A-Za-z0-9ァ-ヴー・][A-Za-z0-9ァ-ヴー・ .\-]{1,28}[A-Za-z0-9ァ-ヴー]"
_MALWARE_NAMED_RES = (
    cached_re(
        rf"(?=[マバラルトロワウスイボR]){_KIND_WORDS}(?:の|である)?\s*[「『]({_NAME_CHARS})[」』]"
    ),
    cached_re(
        rf"[「『]({_NAME_CHARS})[」』](?:と(?:呼ばれる|いう|名付けられた|称する))"
        rf"[^。、「」]{{0,10}}?{_KIND_WORDS}"
    ),
    cached_re(
        r"(?m)^[ \t]*[-・●■◆*][ \t]*([A-Za-z][A-Za-z0-9 .\-]{1,28}[A-Za-z0-9])[ \t]*"
        r"(?:[（(](?:別名|通称|aka)[:：\s]*([^）)\n]{2,30})[）)])?[ \t]*[:：][^\n]{0,20}?"
        rf"(?:{_KIND_WORDS}|バックドア)"
    ),
    cached_re(r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9]{2,20} RAT)(?![A-Za-z0-9])"),  # only if " RAT"
)
_KIND_RE = lazy_re(_KIND_WORDS)
_SHORT_TOOL = 4  # tool names this short (at, net, cmd) match only as written, as a whole word


# a short tool name's neighbour joined to it (AT&T, .NET): part of another word
_JOINED_AFTER_RE = lazy_re(r"[&.'\-][A-Za-z]")
_JOINED_BEFORE_RE = lazy_re(r"[A-Za-z][&.'\-]")
_WORD_BEFORE_RE = lazy_re(r"(?<![A-Za-z])[A-Z][a-z]+ $")


def _false_hit(text: str, h: Any, rec: Any) -> bool:
    """A knowledge-base hit that is not the malware or tool: AT&T is not the tool "at"; Harpy in
    "Earth Harpy" is part of another (multi-word) name."""
    surface = text[h.start : h.end]
    name = rec.name if rec else h.key
    if len(surface) <= _SHORT_TOOL and surface.isascii():
        forms = {name, *(rec.aliases if rec else ())}
        if surface not in forms or _JOINED_AFTER_RE.match(text, h.end, h.end + 2):
            return True
        if h.start > 0 and _JOINED_BEFORE_RE.match(text[h.start - 2 : h.start]):
            return True
    # an alias preceded by a capitalized word: "Earth Harpy", "Operation Harpy"
    return (
        surface.isascii()
        and surface[:1].isalpha()
        and surface.lower() != name.lower()
        and bool(_WORD_BEFORE_RE.search(text[max(0, h.start - 20) : h.start]))
    )


def find_malware(ctx: Ctx, hits: list[Any]) -> list[Software]:
    out: dict[str, Software] = {}
    nick: list[tuple[int, int]] | None = None  # read on the first malware hit
    for h in hits:
        if h.kind != "malware":
            continue
        if nick is None:
            nick = [(m.start(), m.end()) for m in _NICKNAME_PAREN_RE.finditer(ctx.text)]
        if any(a <= h.start < b for a, b in nick):
            continue
        rec = ctx.kb.software(h.key)
        if _false_hit(ctx.text, h, rec):
            continue
        sw = out.get(h.key)
        if sw is None:
            sw = Software(
                name=rec.name if rec else h.key,
                aliases=list(rec.aliases) if rec else [],
                kind=(rec.kind if rec and rec.kind in ("malware", "tool") else "malware"),
                attack_id=rec.attack_id if rec else None,
            )
            out[h.key] = sw
        if not any(ev.start == h.start for ev in sw.evidence):
            sw.evidence.append(span_evidence(ctx.text, h.start, h.end))
    _named_by_kind(ctx, out, hits)
    # a legitimate tool named only as a vulnerable product ("F5とConnectWiseのバグを利用")
    # is not a tool the attackers used
    return [
        sw
        for sw in out.values()
        if sw.kind != "tool"
        or not all(_VULN_PRODUCT_AFTER_RE.match(ctx.text, ev.end) for ev in sw.evidence)
    ]


def _named_by_kind(ctx: Ctx, out: dict[str, Software], hits: list[Any]) -> None:
    """Malware the knowledge base does not know, named by its kind (マルウェア「X」)."""
    text = ctx.text
    if not _KIND_RE.search(text):
        return  # every pattern here and in _listed_by_kind needs a kind word (RAT among them)
    taken = [(h.start, h.end) for h in hits if h.kind in ("actor", "malware")]
    # what every match of each pattern holds: a quote bracket (the first two), a colon (the
    # list line), " RAT" (the last)
    bracket = "「" in text or "『" in text
    needs = (bracket, bracket, ":" in text or "：" in text, " RAT" in text)
    for rx, maybe in zip(_MALWARE_NAMED_RES, needs, strict=True):
        if not maybe:
            continue
        for m in rx.finditer(text):
            name = m.group(1).strip()
            a = m.start(1)
            if any(x <= a < y for x, y in taken) or not _malware_name_ok(ctx, name):
                continue
            rec = ctx.kb.software(name)
            key = rec.name if rec else name
            sw = out.get(key)
            if sw is None:
                alias = m.group(2).strip() if rx.groups >= 2 and m.group(2) else None
                sw = Software(
                    name=key,
                    aliases=list(rec.aliases) if rec else ([alias] if alias else []),
                    kind=rec.kind if rec and rec.kind in ("malware", "tool") else "malware",
                    attack_id=rec.attack_id if rec else None,
                )
                out[key] = sw
            # every whole-word mention of the name is evidence
            for mm in re.finditer(
                rf"(?<![A-Za-z0-9ァ-ヴー]){re.escape(name)}(?![A-Za-z0-9ァ-ヴー])", text
            ):
                if not any(ev.start == mm.start() for ev in sw.evidence):
                    sw.evidence.append(span_evidence(text, mm.start(), mm.end()))
            sw.evidence.sort(key=lambda ev: ev.start)
    _listed_by_kind(ctx, out, taken)


def _common_katakana() -> frozenset[str]:
    from summarizer.rules.victims import _word_list

    return _word_list("katakana_common.txt")


_LIST_KIND_RE = lazy_re(rf"(?:など|等)(?:の)?[^。、「」]{{0,12}}?{_KIND_WORDS}")
_LATIN_ITEM_RE = lazy_re(r"[A-Za-z][A-Za-z0-9.\-]{2,30}(?:/[A-Za-z][A-Za-z0-9.\-]{2,30})?")


def _listed_by_kind(ctx: Ctx, out: dict[str, Software], taken: list[tuple[int, int]]) -> None:
    """Latin names listed before a kind: "A、B、C/Dなどのマルウェア" (C/D: one
    program with two names)."""
    text = ctx.text
    if "など" not in text and "等" not in text:
        return  # every match of _LIST_KIND_RE opens with one
    for m in _LIST_KIND_RE.finditer(text):
        lo = max(0, m.start() - 200)
        head = text[lo : m.start()]
        items: list[tuple[int, str]] = []
        while True:
            im = re.search(rf"({_LATIN_ITEM_RE.pattern})$", head)
            if not im:
                break
            items.append((lo + im.start(1), im.group(1)))
            head = head[: im.start(1)]
            sep = re.search(r"(?:[、,，]\s*|\s*と)$", head)
            if not sep:
                break
            head = head[: sep.start()]
        if len(items) < 2:
            continue  # one name before など is not a list of programs
        for a, item in items:
            if any(x <= a < y for x, y in taken):
                continue
            name, _, alias = item.partition("/")
            if not _malware_name_ok(ctx, name):
                continue
            rec = ctx.kb.software(name)
            key = rec.name if rec else name
            sw = out.setdefault(
                key,
                Software(
                    name=key,
                    aliases=list(rec.aliases) if rec else ([alias] if alias else []),
                    kind=rec.kind if rec and rec.kind in ("malware", "tool") else "malware",
                    attack_id=rec.attack_id if rec else None,
                ),
            )
            if not any(ev.start == a for ev in sw.evidence):
                sw.evidence.append(span_evidence(text, a, a + len(item)))


_NUMBERS_ONLY_RE = lazy_re(r"[\d .\-]+")
_KATAKANA_ONLY_RE = lazy_re(r"[ァ-ヴー・]+")


def _malware_name_ok(ctx: Ctx, name: str) -> bool:
    if _CVE_RE.search(name) or _NUMBERS_ONLY_RE.fullmatch(name):
        return False
    if _KIND_RE.fullmatch(name) or name in _common_katakana() or ctx.kb.country(name):
        return False
    if ctx.kb.actor(name) is not None and ctx.kb.software(name) is None:
        return False  # a threat group, not its malware
    if len(name) < 3 and _KATAKANA_ONLY_RE.fullmatch(name):
        return False
    return len(name.split()) <= 3


# -- CVEs and IOCs -------------------------------------------------------------------------------
def find_cves(ctx: Ctx) -> list[Vulnerability]:
    text = ctx.text
    out: dict[str, Vulnerability] = {}
    for m in _CVE_RE.finditer(text):
        year, num = m.group(1), m.group(2)
        sep = text[m.start(2) - 1]
        quote = text[m.start() : m.end()]
        # keep the text's id; uppercase 'CVE'; keep misprints and full-width digits as written
        cve = "CVE" + quote[3:] if quote[:3].lower() == "cve" else quote
        cve = unicodedata.normalize("NFKC", cve[:3]).upper() + cve[3:]
        del year, num, sep
        key = unicodedata.normalize("NFKC", cve).upper()
        v = out.get(key)
        if v is None:
            st = ctx.sents[ctx.sent_of(m.start())].text
            v = Vulnerability(cve=cve, description=_product(st))
            out[key] = v
        v.evidence.append(span_evidence(text, m.start(), m.end()))
    return list(out.values())


_PRODUCT_RE = lazy_re(
    r"(FortiOS|FortiGate|Pulse Connect Secure|Ivanti [A-Z][A-Za-z ]+|Citrix [A-Z][A-Za-z ]+|Microsoft Exchange(?: Server)?|Exchange Server|"
    r"ESXi|vCenter(?: Server)?|Confluence|Log4j|Apache [A-Z][A-Za-z]+|Windows(?: [A-Z][A-Za-z]+)?|Microsoft Office(?: [A-Z]+)?|"
    r"Internet Explorer|Chrome|Firefox|Adobe Flash(?: Player)?|Acrobat(?: Reader)?|WebLogic|Oracle [A-Z][A-Za-z]+|"
    r"PAN-OS|GlobalProtect|SonicWall [A-Za-z]+|Zimbra|MOVEit(?: Transfer)?|Outlook|Barracuda [A-Za-z ]+|Cisco [A-Z][A-Za-z ]+|"
    r"F5 BIG-IP|BIG-IP|WinRAR|Struts|Jenkins|GitLab|Salt|Zoho [A-Za-z]+|ManageEngine [A-Za-z]+)"
)


def _product(sentence: str) -> str | None:
    m = _PRODUCT_RE.search(sentence)
    if not m:
        return None
    kind = (
        "privilege escalation"
        if "権限昇格" in sentence
        else "remote code execution"
        if "リモートコード" in sentence
        else None
    )
    return (
        f"{kind} vulnerability in {m.group(1).strip()}"
        if kind
        else f"vulnerability in {m.group(1).strip()}"
    )


_IOC_TYPES = {
    "urls": "url",
    "domains": "domain",
    "ipv4s": "ipv4",
    "ipv6s": "ipv6",
    "sha256s": "sha256",
    "sha1s": "sha1",
    "md5s": "md5",
    "email_addresses": "email",
    "sha512s": "sha512",
}
_IOC_HINT = lazy_re(  # the lookahead (every first character) makes the scan 2x faster
    r"(?=[0-9A-Za-z\[@-]|\d)(?:[0-9a-fA-F]{32}|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|https?://|hxxp|\[\.\]|@[A-Za-z0-9-]+\.|[A-Za-z0-9-]+\.(?:com|net|org|info|xyz|top|ru|cn|jp|io|co|biz)\b)"
)
# ``_IOC_HINT.search(s) is not None``, one cheap test per alternative: a substring test, or a
# pattern that opens with a literal (re then skips to it) and is cut to the shortest match (a
# longer match of an alternative holds a shortest one and vice versa)
_HINT_HEX = lazy_re(r"[0-9a-fA-F](?<![0-9a-fA-F].)[0-9a-fA-F]{31}")  # tried at run starts only
_HINT_IPV4 = lazy_re(r"\.(?<=\d\.)\d{1,3}\.\d{1,3}\.\d")
_HINT_AT = lazy_re(r"@[A-Za-z0-9-]+\.")
_HINT_TLD = lazy_re(r"\.(?<=[A-Za-z0-9-]\.)(?:com|net|org|info|xyz|top|ru|cn|jp|io|co|biz)\b")


def _may_hold_ioc(s: str) -> bool:
    return bool(
        "http://" in s
        or "https://" in s
        or "hxxp" in s
        or "[.]" in s
        or ("@" in s and _HINT_AT.search(s))
        or ("." in s and (_HINT_TLD.search(s) or _HINT_IPV4.search(s)))
        or _HINT_HEX.search(s)
    )


_BENIGN_DOMAINS = lazy_re(
    r"(?:^|\.)(?:(?:[a-z0-9-]+\.)*(?:go\.jp|gov|mil|co\.jp|or\.jp|ac\.jp|ne\.jp)|"
    r"twitter\.com|x\.com|facebook\.com|youtube\.com|google\.com|microsoft\.com|"
    r"wikipedia\.org|github\.com|linkedin\.com|bleepingcomputer\.com|reuters\.com)$"
)


# the hosts _BENIGN_DOMAINS drops, found anywhere in a text (with their scheme)
_BENIGN_HOST = lazy_re(
    r"(?<![A-Za-z0-9.@-])(?:https?://)?(?:[A-Za-z0-9-]+\.)*(?:go\.jp|gov|mil|co\.jp|or\.jp|"
    r"ac\.jp|ne\.jp|twitter\.com|x\.com|facebook\.com|youtube\.com|google\.com|"
    r"microsoft\.com|wikipedia\.org|github\.com|linkedin\.com|bleepingcomputer\.com|"
    r"reuters\.com)(?![A-Za-z0-9.-])"
)


class _NfkcTable(dict[int, str]):
    """``str.translate`` table giving each character its own NFKC form, filled as seen."""

    def __missing__(self, code: int) -> str:
        f = self[code] = unicodedata.normalize("NFKC", chr(code))
        return f


_NFKC = _NfkcTable()
_NFKC_OTHER = other_runs_re(lambda c: unicodedata.normalize("NFKC", c))


def find_iocs(text: str) -> list[Indicator]:
    """IOCs via ioc-finder on an NFKC-folded copy (lazy import: it is slow to load)."""
    # NFKC only (textfold.fold also drops whitespace, which IOC parsing needs); offsets map back.
    # Fast path first: the per-character NFKC as one str.translate, the offset index only when
    # the text can hold an IOC at all (most articles cannot).
    nf = translate_runs(text, _NFKC_OTHER, _NFKC)
    if not _may_hold_ioc(nf) or not _may_hold_ioc(_BENIGN_HOST.sub(" ", nf)):
        return []  # also when the only hints are benign hosts (a go.jp link): no 0.3 s import
    index = [i for i, ch in enumerate(text) for _ in range(len(unicodedata.normalize("NFKC", ch)))]
    try:
        from ioc_finder import find_iocs

        from summarizer.ioc_hygiene import locate
    except ImportError:  # pragma: no cover
        return []
    try:
        found = find_iocs(nf, included_ioc_types=list(_IOC_TYPES))
    except Exception:  # noqa: BLE001 - a parser fault must not fail the article
        return []
    out: list[Indicator] = []
    for key, typ in _IOC_TYPES.items():
        for value in found.get(key, []) or []:
            if typ in ("domain", "url") and _BENIGN_DOMAINS.search(
                value.split("/")[2] if typ == "url" and "//" in value else value
            ):
                continue
            if typ == "domain" and "." not in value:
                continue
            span = locate(nf, value)  # as written: plain or defanged (hxxp, [.]); value is refanged
            if span is None:
                continue
            s, e = index[span[0]], index[span[1] - 1] + 1
            out.append(Indicator(type=typ, value=value, evidence=[span_evidence(text, s, e)]))
    # a domain that is only the host of a reported URL is not a separate indicator
    hosts = {i.value.split("/")[2].lower() for i in out if i.type == "url" and "//" in i.value}
    return [i for i in out if not (i.type == "domain" and i.value.lower() in hosts)]
