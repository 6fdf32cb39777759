"""IOC hygiene: defanged forms refanged and located in the text, chosen MISP warninglists."""

from __future__ import annotations

import pytest

from summarizer.ioc_hygiene import is_defanged, locate, refang, screen, warninglist_hits
from summarizer.models import Evidence, Indicator

REFANG = [
    ("hxxp scheme", "hxxp://evil-update[.]xyz/gate.php", "http://evil-update.xyz/gate.php"),
    ("hxxps with [:]", "hxxps[:]//cdn.badsite[.]top/a.exe", "https://cdn.badsite.top/a.exe"),
    ("upper-case HXXP", "HXXP://x[.]top", "http://x.top"),
    ("(.) dots", "bad(.)example(.)org", "bad.example.org"),
    ("[dot] word", "c2[dot]evil[dot]top", "c2.evil.top"),
    ("{.} dots", "evil{.}top", "evil.top"),
    ("defanged IPv4", "45.77.12[.]34", "45.77.12.34"),
    ("[@] e-mail", "ops[@]evil[.]xyz", "ops@evil.xyz"),
    ("[at] e-mail", "ops[at]evil[.]xyz", "ops@evil.xyz"),
    ("plain value unchanged", "http://plain.example.com/a", "http://plain.example.com/a"),
]


@pytest.mark.parametrize(("case", "written", "value"), REFANG, ids=[r[0] for r in REFANG])
def test_refang(case: str, written: str, value: str) -> None:
    assert refang(written) == value
    assert is_defanged(written) == (written != value)


@pytest.mark.parametrize(("case", "written", "value"), REFANG, ids=[r[0] for r in REFANG])
def test_locate_finds_the_form_the_article_wrote(case: str, written: str, value: str) -> None:
    text = f"攻撃者の通信先は{written}であると発表した。"
    span = locate(text, value)
    assert span is not None and text[span[0] : span[1]] == written


def test_locate_returns_none_when_absent() -> None:
    assert locate("何も書かれていない。", "http://evil.top/a") is None


HITS = [
    ("RFC 5737 documentation IPv4", "ipv4", "203.0.113.7", "RFC 5735"),
    ("RFC 5737 TEST-NET-2", "ipv4", "198.51.100.20", "RFC 5735"),
    ("RFC 1918 private IPv4", "ipv4", "192.168.1.10", "RFC 1918"),
    ("RFC 3849 documentation IPv6", "ipv6", "2001:db8::1", "RFC 3849"),
    ("RFC 2606 example domain", "domain", "example.com", "RFC 6761"),
    ("subdomain of an example domain", "domain", "c2.example.net", "RFC 6761"),
    ("reserved .test TLD", "domain", "evil.test", "reserved top-level"),
    ("e-mail at an example domain", "email", "ops@example.org", "RFC 6761"),
    ("URL on a documentation address", "url", "http://192.0.2.5/a.exe", "RFC 5735"),
    ("top site itself", "domain", "google.com", "Tranco"),
    ("security vendor blog URL", "url", "https://blog.talosintelligence.com/x", "vendors blog"),
    ("empty-file MD5", "md5", "d41d8cd98f00b204e9800998ecf8427e", "empty files"),
    ("empty-file SHA-256", "sha256",
     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "empty files"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "kind", "value", "listed"), HITS, ids=[h[0] for h in HITS])
def test_warninglisted_values(case: str, kind: str, value: str, listed: str) -> None:
    hits = warninglist_hits(kind, value)
    assert any(listed in h for h in hits), hits


CLEAN = [
    ("public IPv4", "ipv4", "45.77.12.34"),
    ("attacker domain", "domain", "update-check.top"),
    ("dynamic DNS subdomain of a top site", "domain", "evil.duckdns.org"),
    ("payload hosted on a trusted site", "url", "https://github.com/x/y/raw/a.exe"),
    ("subdomain of a top site", "domain", "c2.github.io"),
    ("real SHA-256", "sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "kind", "value"), CLEAN, ids=[c[0] for c in CLEAN])
def test_values_not_on_the_chosen_lists(case: str, kind: str, value: str) -> None:
    assert warninglist_hits(kind, value) == []


def test_screen_refangs_keeps_and_drops_with_reasons() -> None:
    ev = [Evidence(quote="q", start=0, end=1)]
    kept = Indicator(type="url", value="hxxp://update-check[.]top/a", evidence=ev)
    doc = Indicator(type="ipv4", value="203.0.113.9", evidence=ev)
    out = screen([kept, doc])
    assert [i.value for i in out.kept] == ["http://update-check.top/a"]
    assert [i.value for i, _ in out.dropped] == ["203.0.113.9"]
    (warning,) = out.warnings()
    assert "203.0.113.9" in warning and "RFC 5735" in warning


def test_the_offline_engine_keeps_defanged_iocs(tmp_path: object) -> None:
    """Before: ioc-finder refanged the value, the value was not found in the text, and the
    IOC was dropped. Now the value is refanged and the quote is what the article wrote."""
    from pathlib import Path

    from summarizer.config import load_settings
    from summarizer.ingest import read_input
    from summarizer.pipeline import summarize_document

    text = ("北朝鮮のハッカー集団ラザルスがマルウェアを配布した。"
            "C2サーバーはhxxp://update-check[.]top/gate.php と 45.77.12[.]34 だった。\n")  # fmt: skip
    path = Path(str(tmp_path)) / "defanged.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_input(str(path))
    report = summarize_document(doc, load_settings(engine="rules", env={}))
    found = {i.value: i for i in report.indicators}
    assert {"http://update-check.top/gate.php", "45.77.12.34"} <= set(found)
    url = found["http://update-check.top/gate.php"].evidence[0]
    assert url.quote == "hxxp://update-check[.]top/gate.php"
    assert doc.text[url.start : url.end] == url.quote
