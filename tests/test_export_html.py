"""The HTML export: findings beside the Japanese source, evidence marked at its offsets.

Pure-Python tests parse the page with ``html.parser``; the browser tests (marker ``browser``)
load it in Debian's headless chromium, read the DOM as the browser built it and take a
screenshot. They skip when chromium is not installed.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summarizer.config import load_settings
from summarizer.export.html import render_html
from summarizer.ingest import read_input
from summarizer.models import (
    ENTITY_FIELDS,
    Evidence,
    Indicator,
    Indictment,
    Person,
    Provenance,
    Sanction,
    Software,
    Source,
    ThreatActor,
    ThreatReport,
    Victim,
    Vulnerability,
)
from summarizer.pipeline import summarize_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
VOID = {"meta", "br", "link", "img", "input", "hr", "wbr", "col", "area", "base", "source"}


# ---------------------------------------------------------------------------------------------
# a small DOM summary built with html.parser


@dataclass
class Mark:
    attrs: dict[str, str]
    text: str = ""
    hrefs: list[str] = field(default_factory=list)

    @property
    def evs(self) -> list[str]:
        return self.attrs.get("data-ev", "").split()


@dataclass
class Elem:
    tag: str
    attrs: dict[str, str]


class PageParser(HTMLParser):
    """Collects ids, links, marks, scripts and resource attributes; checks tag balance."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.elems: list[Elem] = []
        self.marks: list[Mark] = []
        self.scripts: list[str] = []
        self._mark: Mark | None = None
        self._script: list[str] | None = None
        self._lang: list[str] = []  # lang of each open element (inherited)
        self.ja_text: list[str] = []

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_}
        self.elems.append(Elem(tag, attrs))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])
            if self._mark is not None:
                self._mark.hrefs.append(attrs["href"])
        if tag in VOID:
            return
        self.stack.append(tag)
        self._lang.append(attrs.get("lang", self._lang[-1] if self._lang else ""))
        if tag == "mark":
            if self._mark is not None:
                self.errors.append("nested mark")
            self._mark = Mark(attrs)
            self.marks.append(self._mark)
        if tag == "script":
            self._script = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()
        self._lang.pop()
        if tag == "mark":
            self._mark = None
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._mark is not None:
            self._mark.text += data
        if self._script is not None:
            self._script.append(data)
        if self._lang and self._lang[-1] == "ja":
            self.ja_text.append(data)


def parse(page: str) -> PageParser:
    p = PageParser()
    p.feed(page)
    p.close()
    return p


def evidence_text(p: PageParser, ev_id: str) -> str:
    """The text of every mark segment that belongs to ``ev_id``, in document order."""
    return "".join(m.text for m in p.marks if ev_id in m.evs)


def check_page(page: str, items: list[tuple[ThreatReport, str]]) -> PageParser:
    """Invariants every page must hold; returns the parse for more checks."""
    p = parse(page)
    assert not p.errors, p.errors[:5]
    assert not p.stack, f"unclosed: {p.stack}"
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    assert '<meta charset="utf-8">' in page
    # ids unique; every internal link resolves
    dupes = {i for i in p.ids if p.ids.count(i) > 1}
    assert not dupes, sorted(dupes)[:5]
    ids = set(p.ids)
    internal = [h for h in p.hrefs if h.startswith("#")]
    assert internal, "no internal links"
    missing = [h for h in internal if h[1:] not in ids]
    assert not missing, missing[:5]
    # no resource loads at all, and no external links
    for e in p.elems:
        assert "src" not in e.attrs, (e.tag, e.attrs)
        assert e.tag not in {"link", "img", "iframe", "object", "embed", "base"}, e.tag
        for attr in ("href", "src", "action", "srcset", "poster", "data"):
            value = e.attrs.get(attr, "")
            assert not re.match(r"\s*(https?:|//|file:|ftp:)", value, re.I), (e.tag, attr, value)
    assert "@import" not in page and "url(" not in page
    # only our own script: one <script> element, at the end
    assert len(p.scripts) == 1
    # the Japanese source sits in lang="ja" elements
    assert any(e.attrs.get("lang") == "ja" for e in p.elems)
    # evidence: each located span is marked, its segments spell the quote, and links go both ways
    row_ids = {i for i in ids if "-row-" in i}
    for n, (report, text) in enumerate(items, 1):
        for kind in ENTITY_FIELDS:
            for j, item in enumerate(getattr(report, kind)):
                row = f"a{n}-row-{kind}-{j}"
                assert row in ids, row
                for k, ev in enumerate(item.evidence):
                    ev_id = f"a{n}-ev-{kind}-{j}-{k}"
                    ok = 0 <= ev.start < ev.end <= len(text) and text[ev.start : ev.end] == ev.quote
                    if ok:
                        assert ev_id in ids, ev_id
                        if k < 30:  # the table links the first 30 of an item's evidence
                            assert f"#{ev_id}" in internal, f"no link to {ev_id}"
                        assert evidence_text(p, ev_id) == ev.quote, ev_id
                    else:
                        assert ev_id not in ids, ev_id
                        assert evidence_text(p, ev_id) == ""
    for m in p.marks:
        assert m.text, "empty mark"
        assert m.evs, m.attrs
        rows = m.attrs["data-rows"].split()
        assert rows and set(rows) <= row_ids, rows
        assert len(m.hrefs) == 1 and m.hrefs[0][1:] in rows, (m.hrefs, rows)
        kind_cls = m.attrs["class"].split()[0]
        assert kind_cls in {"actor", "indictment", "sanction", "victim", "malware", "vuln",
                            "indicator"}  # fmt: skip
    # the marked text, read back without tags, is the article text unchanged
    for n in range(1, len(items) + 1):
        assert f'id="a{n}-text"' in page
    return p


def source_texts(page: str) -> list[str]:
    """The text content of each article's source panel."""
    out: list[str] = []

    class P(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth = 0
            self.buf: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if self.depth:
                self.depth += 1
            elif tag == "div" and re.fullmatch(r"a\d+-text", a.get("id") or ""):
                self.depth = 1
                self.buf = []

        def handle_endtag(self, tag: str) -> None:
            if self.depth:
                self.depth -= 1
                if not self.depth:
                    out.append("".join(self.buf))

        def handle_data(self, data: str) -> None:
            if self.depth:
                self.buf.append(data)

    P().feed(page)
    return out


# ---------------------------------------------------------------------------------------------
# reports


@pytest.fixture(scope="module")
def seeds() -> list[tuple[ThreatReport, str]]:
    assert len(SEEDS) >= 2
    settings = load_settings(engine="rules", env={})
    out = []
    for path in SEEDS:
        doc = read_input(str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path))
        out.append((summarize_document(doc, settings), doc.text))
    return out


def make_report(text: str, **entities: object) -> ThreatReport:
    return ThreatReport(
        source=Source(
            path="hand/made.txt",
            sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        ),
        headline=str(entities.pop("headline", "Hand-built report")),
        summary=str(entities.pop("summary", "Built by the test.")),
        provenance=Provenance(engine="rules", prompt_id="rules:test", schema_id="sha256:test"),
        **entities,
    )


def ev(text: str, quote: str, nth: int = 0) -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return Evidence(quote=quote, start=start, end=start + len(quote))


# ---------------------------------------------------------------------------------------------
# pure-Python tests


@pytest.mark.parametrize("which", [0, 1])
def test_seed_page(seeds: list[tuple[ThreatReport, str]], which: int) -> None:
    report, text = seeds[which]
    assert report.actors, "the rules engine should find actors in the seed"
    page = render_html([(report, text)])
    p = check_page(page, [(report, text)])
    assert source_texts(page) == [text.replace("\r\n", "\n")] or source_texts(page) == [text]
    assert len(p.marks) >= sum(len(a.evidence) for a in report.actors) // 2
    assert f"<h1>{report.headline}</h1>" in page or "<h1>" in page
    for a in report.actors:
        assert a.name in page
    # provenance footer
    for word in ("Engine", "rules", "Prompt", report.provenance.prompt_id or "", "Requests"):
        assert word in page
    assert "#index" not in page  # a single article has no index


def test_seed_actor_marks_are_red_actor_class(seeds: list[tuple[ThreatReport, str]]) -> None:
    report, text = seeds[1]
    p = parse(render_html([(report, text)]))
    actor = report.actors[0]
    ev_id = "a1-ev-actors-0-0"
    marks = [m for m in p.marks if ev_id in m.evs]
    assert marks and "actor" in marks[0].attrs["class"].split()
    assert marks[0].attrs.get("id") == ev_id
    assert "a1-row-actors-0" in marks[0].attrs["data-rows"].split()
    assert actor.name in marks[0].attrs["title"]


def test_batch_page_has_index_and_sections(seeds: list[tuple[ThreatReport, str]]) -> None:
    page = render_html(seeds)
    p = check_page(page, seeds)
    assert "index" in p.ids and "a1" in p.ids and "a2" in p.ids
    assert "#a1" in p.hrefs and "#a2" in p.hrefs
    assert p.hrefs.count("#index") == len(seeds)  # a way back from each article
    for report, _ in seeds:
        assert (report.source.path or "") in page
    # the index's counts are the report's counts
    index = page[page.index('id="index"') : page.index('id="a1"')]
    for n, (report, _) in enumerate(seeds, 1):
        row = index[index.index(f'href="#a{n}"') :].split("</tr>")[0]
        counts = [int(c) for c in re.findall(r'<td class="n[^"]*">(\d+)</td>', row)]
        want = [
            len(report.actors), len(report.indictments), len(report.sanctions),
            len(report.victims), len(report.malware), len(report.vulnerabilities),
        ]  # fmt: skip
        assert counts == want
    assert len(source_texts(page)) == len(seeds)


OVERLAP_TEXT = "米司法省は、APT31(ジルコニウム)のメンバー7人を起訴し、英国はマルウェアRAWDOORを使った2人を制裁した。"


def overlap_report() -> ThreatReport:
    t = OVERLAP_TEXT
    sentence = t[: t.index("、英国")]
    return make_report(
        t,
        actors=[
            ThreatActor(
                name="APT31",
                mentions=["APT31", "ジルコニウム"],
                # nested in the indictment; the same span twice; a crossing span
                evidence=[ev(t, "APT31"), ev(t, "APT31"), ev(t, "APT31(ジルコニウム")],
            ),
            # the very same span as the first actor, in another item
            ThreatActor(name="Zirconium", evidence=[ev(t, "APT31")]),
        ],
        indictments=[
            Indictment(
                jurisdiction="US",
                defendant_count=7,
                defendants=[Person(name="Ni Gaobin", name_native="倪高斌")],
                evidence=[ev(t, sentence)],
            )
        ],
        victims=[Victim(description="crossing", evidence=[ev(t, "ジルコニウム)のメンバー")])],
        sanctions=[
            Sanction(
                imposed_by=["GB"], evidence=[ev(t, "英国はマルウェアRAWDOORを使った2人を制裁")]
            )
        ],
        malware=[Software(name="RAWDOOR", evidence=[ev(t, "RAWDOOR"), ev(t, "マルウェアRAWDOOR")])],
        vulnerabilities=[Vulnerability(cve="CVE-2024-0001", evidence=[ev(t, "司法省")])],
        indicators=[Indicator(type="domain", value="example.com", evidence=[ev(t, "。")])],
    )


def test_overlapping_and_nested_spans() -> None:
    report = overlap_report()
    page = render_html([(report, OVERLAP_TEXT)])
    p = check_page(page, [(report, OVERLAP_TEXT)])
    assert source_texts(page) == [OVERLAP_TEXT]
    # segments never overlap: the marks' texts are disjoint pieces of the article
    assert sum(len(m.text) for m in p.marks) <= len(OVERLAP_TEXT)
    # "APT31" belongs to three actor evidences and the indictment: one mark, several evidences
    apt = [m for m in p.marks if m.text == "APT31"]
    assert len(apt) == 1
    assert {"a1-ev-actors-0-0", "a1-ev-actors-0-1", "a1-ev-actors-1-0"} <= set(apt[0].evs)
    assert "a1-ev-indictments-0-0" in apt[0].evs
    assert "a1-ev-actors-0-2" in apt[0].evs
    # the narrowest item colours the segment and is the link target; the others are noted
    classes = apt[0].attrs["class"].split()
    assert classes[0] == "actor" and "also-indictment" in classes
    assert apt[0].hrefs == ["#a1-row-actors-0"]
    # the crossing victim span is split, and its pieces spell its quote
    assert evidence_text(p, "a1-ev-victims-0-0") == "ジルコニウム)のメンバー"
    assert len([m for m in p.marks if "a1-ev-victims-0-0" in m.evs]) >= 2
    # the nested malware name links to the malware row, not the sanction around it
    rd = [m for m in p.marks if m.text == "RAWDOOR"]
    assert rd and rd[0].hrefs == ["#a1-row-malware-0"]


def test_many_mentions_and_titles() -> None:
    t = "、".join(["APT31"] * 40) + "。CVE-2024-3400を悪用した。"
    report = make_report(
        t,
        actors=[ThreatActor(name="APT31", evidence=[ev(t, "APT31", n) for n in range(40)])],
        vulnerabilities=[Vulnerability(cve="CVE-2024-3400", evidence=[ev(t, "CVE-2024-3400")])],
    )
    page = render_html([(report, t)])
    p = check_page(page, [(report, t)])
    assert len(p.marks) == 41
    assert "+10 more" in page  # evidence links beyond the first 30 are summarized
    assert all(f'id="a1-ev-actors-0-{k}"' in page for k in range(40))
    vuln = next(m for m in p.marks if m.text == "CVE-2024-3400")
    assert vuln.attrs["class"] == "vuln" and vuln.attrs["title"] == "Vulnerability: CVE-2024-3400"
    assert p.marks[0].attrs["title"] == "Threat actor: APT31"


def test_bad_offsets_are_skipped_not_crashed() -> None:
    t = "北朝鮮のラザルスが暗号資産を盗んだ。"
    report = make_report(
        t,
        actors=[
            ThreatActor(
                name="Lazarus Group",
                evidence=[
                    Evidence(quote="ラザルス", start=4, end=8),  # good
                    Evidence(quote="ラザルス", start=5, end=9),  # text differs
                    Evidence(quote="ラザルス", start=400, end=404),  # out of range
                    Evidence(quote="ラザルス", start=-1, end=-1),  # never located
                    Evidence(quote="ラ", start=8, end=4),  # reversed
                    Evidence(quote="", start=3, end=3),  # empty
                    Evidence(quote="。", start=len(t) - 1, end=len(t) + 1),  # runs off the end
                ],
            )
        ],
        malware=[Software(name="Ghost", evidence=[Evidence(quote="幽霊", start=0, end=2)])],
    )
    page = render_html([(report, t)])
    p = check_page(page, [(report, t)])
    assert [m.text for m in p.marks] == ["ラザルス"]
    assert "7 evidence span(s)" in page  # the warnings say what was not highlighted
    assert page.count('class="evq bad"') == 1  # the malware's only quote
    assert page.count('class="chip bad"') == 6  # the actor's other quotes
    assert source_texts(page) == [t]


def test_article_markup_is_shown_as_text() -> None:
    t = '<script>alert("x")</script> APT31 <img src=https://evil.example/x.png onerror=alert(1)>'
    report = make_report(
        t,
        headline='<script>alert("h")</script> & "quotes"',
        summary="<b>bold</b> </div></main>",
        actors=[
            ThreatActor(
                name="<i>APT31</i>",
                aliases=['"><script>'],
                evidence=[ev(t, "APT31"), ev(t, '<script>alert("x")</script>')],
            )
        ],
        warnings=["<script>warn</script>"],
    )
    page = render_html([(report, t)])
    p = check_page(page, [(report, t)])
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<script>alert" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;warn&lt;/script&gt;" in page
    assert source_texts(page) == [t]
    assert evidence_text(p, "a1-ev-actors-0-1") == '<script>alert("x")</script>'
    assert not any(e.tag == "img" for e in p.elems)


def test_empty_report_renders_sensibly() -> None:
    t = "本日は晴天なり。"
    report = make_report(t, headline="Nothing found", summary="The article names no actor.")
    page = render_html([(report, t)])
    p = check_page_no_links_required(page)
    assert not p.marks
    for phrase in (
        "No threat actors named",
        "No indictments reported",
        "No sanctions reported",
        "No victims or targets named",
        "No malware or tools named",
        "No vulnerabilities named",
        "No indicators stated",
        "Nothing grounded",
    ):
        assert phrase in page
    assert "<table" not in page
    assert source_texts(page) == [t]


def check_page_no_links_required(page: str) -> PageParser:
    p = parse(page)
    assert not p.errors and not p.stack
    assert len(set(p.ids)) == len(p.ids)
    assert all(h[1:] in set(p.ids) for h in p.hrefs if h.startswith("#"))
    return p


def test_no_items_and_weird_text() -> None:
    page = render_html([])
    check_page_no_links_required(page)
    t = "A\x00B\x07C\ud800D\r\nE\tF"
    page = render_html([(make_report(t, warnings=["x"] * 150), t)])
    p = check_page_no_links_required(page)
    assert "\x00" not in page and "\ud800" not in page
    page.encode("utf-8")  # writable as UTF-8
    assert "… and 50 more" in page
    assert p.scripts


def test_inline_script_is_allowed_by_the_csp() -> None:
    page = render_html([(overlap_report(), OVERLAP_TEXT)])
    p = parse(page)
    digest = base64.b64encode(hashlib.sha256(p.scripts[0].encode()).digest()).decode()
    csp = next(
        e.attrs["content"]
        for e in p.elems
        if e.attrs.get("http-equiv") == "Content-Security-Policy"
    )
    assert f"'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp


def test_cli_writes_html(tmp_path: Path) -> None:
    assert (ROOT / "summarizer" / "__main__.py").exists()
    out = tmp_path / "r.html"
    seed = str(SEEDS[0].relative_to(ROOT))
    cmd = [sys.executable, "-m", "summarizer", "summarize", seed, "--engine", "rules",
           "--format", "html", "-o", str(out)]  # fmt: skip
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<mark" in page
    doc = read_input(seed)
    assert source_texts(page) == [doc.text]


# ---------------------------------------------------------------------------------------------
# browser tests (headless chromium)

CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"
)


def chromium(tmp_path: Path, page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-default-apps", "--disable-extensions",
        f"--user-data-dir={profile}", "--run-all-compositor-stages-before-draw",
        "--virtual-time-budget=2000", *extra, page.as_uri(),
    ]  # fmt: skip
    env = {**os.environ, "HOME": str(tmp_path)}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)


@pytest.mark.browser
@needs_chromium
def test_browser_dom(tmp_path: Path, seeds: list[tuple[ThreatReport, str]]) -> None:
    items = [*seeds, (overlap_report(), OVERLAP_TEXT)]
    page = render_html(items)
    ours = parse(page)
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    proc = chromium(tmp_path, path, "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert "<mark" in dom, dom[:500]
    p = parse(dom)
    # the browser built the same marks, with the same text
    assert [(m.attrs.get("id"), m.text) for m in p.marks] == [
        (m.attrs.get("id"), m.text) for m in ours.marks
    ]
    for n, (report, _text) in enumerate(items, 1):
        for j, a in enumerate(report.actors):
            assert evidence_text(p, f"a{n}-ev-actors-{j}-0") == a.evidence[0].quote
    # link targets exist in the browser's DOM
    ids = set(p.ids)
    assert "a1-ev-actors-0-0" in ids and "#a1-ev-actors-0-0" in p.hrefs
    assert all(h[1:] in ids for h in p.hrefs if h.startswith("#"))
    # the page's own script ran (so the CSP let it) and found every link's target
    m = re.search(r'data-selfcheck="marks=(\d+) links=(\d+) links-ok=(\d+)"', dom)
    assert m, "inline script did not run"
    marks, links, ok = map(int, m.groups())
    assert marks == len(ours.marks) > 0
    assert links == ok == len([h for h in ours.hrefs if h.startswith("#")])
    # the Japanese source is in the ja-tagged element, text intact
    assert source_texts(dom)[-1] == OVERLAP_TEXT


@pytest.mark.browser
@needs_chromium
def test_browser_screenshot(tmp_path: Path, seeds: list[tuple[ThreatReport, str]]) -> None:
    report, text = seeds[-1]
    path = tmp_path / "report.html"
    path.write_text(render_html([(report, text)]), encoding="utf-8")
    png = tmp_path / "html-report.png"
    proc = chromium(tmp_path, path, f"--screenshot={png}", "--window-size=1280,2000")
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000
    if os.environ.get("SUMMARIZER_ARTIFACTS"):
        dest = ROOT / "artifacts" / "html-report.png"
        dest.parent.mkdir(exist_ok=True)
        shutil.copyfile(png, dest)


def test_indicator_rows_say_what_the_exports_do_with_them() -> None:
    from .test_export_stix import RICH_TEXT, rich_report

    page = render_html([(rich_report(), RICH_TEXT)])
    assert "written defanged as <code>hxxp://update-check[.]top/a&#x27;b.exe</code>" in page
    assert "not exported: on MISP warninglist List of RFC 5735 CIDR blocks" in page


@pytest.mark.parametrize("tlp", ["clear", "green", "amber", "red"])
def test_page_carries_the_chosen_tlp_label_at_top_and_bottom(tlp: str) -> None:
    from .test_export_stix import RICH_TEXT, rich_report

    items = [(rich_report(), RICH_TEXT)]
    page = render_html(items, tlp=tlp)
    check_page(page, items)
    label = f'<p class="tlp tlp-{tlp}">TLP:{tlp.upper()}</p>'
    main = page[page.index("<main>") : page.index("</main>")]
    assert main.count(label) == 2
    assert main.startswith(f"<main>\n{label}") and main.endswith(f"{label}\n")
    assert "TLP:" not in render_html(items)  # no level given, no label
    with pytest.raises(ValueError, match="TLP"):
        render_html(items, tlp="purple")


def test_cli_html_page_is_labelled_with_the_tlp(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    r = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", str(ROOT / "seeds" / "004_33a784fce0b7900b.txt"),
         "-e", "rules", "-f", "html", "--tlp", "amber", "-o", str(out)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").count('<p class="tlp tlp-amber">TLP:AMBER</p>') == 2
