"""A self-contained HTML page: each finding beside the Japanese text that states it.

``render_html`` takes ``(report, text)`` pairs, where ``text`` is the decoded article the
report's evidence offsets point into. One pair gives one article page; several give one page
with an index table first. Per article: the English headline and summary, one table per kind
of finding, and beside them the Japanese source with every evidence span wrapped in ``<mark>``.

Links go both ways: an evidence link in a row (``#a1-ev-actors-0-0``) jumps to the first
segment of that span, and each mark links back to the row of the narrowest item it belongs to.
Overlapping or nested spans are cut into non-overlapping segments; a segment lists every
evidence it belongs to in ``data-ev`` and every row in ``data-rows``. Evidence whose offsets are
out of range or do not reproduce the quote is shown unlinked and counted in the warnings.

With a TLP level (``--tlp``) the page carries its label at the top and the bottom.

Everything is escaped; the page loads nothing (inline CSS and script only, and a
Content-Security-Policy that allows nothing else).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

from summarizer.brief import country_name
from summarizer.models import (
    Evidence,
    Indicator,
    Indictment,
    Party,
    Sanction,
    Software,
    ThreatActor,
    ThreatReport,
    Victim,
    Vulnerability,
)

# field of ThreatReport -> (CSS class of its marks, heading, one item, "none" sentence)
KINDS: dict[str, tuple[str, str, str, str]] = {
    "actors": ("actor", "Threat actors", "Threat actor", "No threat actors named."),
    "indictments": ("indictment", "Indictments", "Indictment", "No indictments reported."),
    "sanctions": ("sanction", "Sanctions", "Sanction", "No sanctions reported."),
    "victims": ("victim", "Victims and targets", "Victim", "No victims or targets named."),
    "malware": ("malware", "Malware and tools", "Software", "No malware or tools named."),
    "vulnerabilities": ("vuln", "Vulnerabilities", "Vulnerability", "No vulnerabilities named."),
    "indicators": ("indicator", "Indicators", "Indicator", "No indicators stated."),
}

_QUOTE_MAX = 48
_CHIPS_MAX = 30
_WARNINGS_MAX = 100
# characters that are not allowed in HTML text (C0 controls but tab/LF/CR, DEL, lone surrogates)
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _clean(s: str) -> str:
    return _BAD_CHARS.sub("\ufffd", s)


def _e(value: object) -> str:
    """Escaped text for element content and attribute values (quotes included)."""
    return escape(_clean(str(value)), quote=True)


def _short(s: str, n: int = _QUOTE_MAX) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


# ---------------------------------------------------------------------------------------------
# spans and segments


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str  # ThreatReport field
    ev_id: str
    row_id: str
    label: str  # "Threat actor: APT31"
    order: int  # position in document order of (kind, item, evidence); breaks ties


@dataclass
class _Located:
    spans: list[_Span] = field(default_factory=list)
    ok: set[str] = field(default_factory=set)  # evidence ids that became marks
    skipped: int = 0


def _valid(ev: Evidence, text: str) -> bool:
    return (
        isinstance(ev.start, int)
        and isinstance(ev.end, int)
        and 0 <= ev.start < ev.end <= len(text)
        and text[ev.start : ev.end] == ev.quote
    )


def _item_label(kind: str, item: object) -> str:
    if isinstance(item, ThreatActor | Software):
        return item.name
    if isinstance(item, Indictment):
        return f"{country_name(item.jurisdiction) or item.authority or 'indictment'}"
    if isinstance(item, Sanction):
        by = ", ".join(country_name(c) for c in item.imposed_by)
        return f"by {by or item.authority or 'unknown'}"
    if isinstance(item, Victim):
        return item.name or item.name_native or item.description or "unnamed"
    if isinstance(item, Vulnerability):
        return item.cve or item.description or "vulnerability"
    if isinstance(item, Indicator):
        return f"{item.type} {item.value}"
    return kind


def _items(report: ThreatReport, kind: str) -> Sequence[object]:
    items: Sequence[object] = getattr(report, kind)
    return items


def _evidence(item: object) -> list[Evidence]:
    ev: list[Evidence] = getattr(item, "evidence", [])
    return ev


def _locate(report: ThreatReport, text: str, aid: str) -> _Located:
    out = _Located()
    order = 0
    for kind, (_cls, _label, singular, _none) in KINDS.items():
        for j, item in enumerate(_items(report, kind)):
            name = f"{singular}: {_item_label(kind, item)}"
            for k, ev in enumerate(_evidence(item)):
                order += 1
                if not _valid(ev, text):
                    out.skipped += 1
                    continue
                ev_id = f"{aid}-ev-{kind}-{j}-{k}"
                out.ok.add(ev_id)
                out.spans.append(
                    _Span(ev.start, ev.end, kind, ev_id, f"{aid}-row-{kind}-{j}", name, order)
                )
    return out


def _render_source(text: str, spans: list[_Span]) -> str:
    """The article text with every span marked; overlapping spans are cut into segments."""
    starts: dict[int, list[_Span]] = {}
    ends: dict[int, list[_Span]] = {}
    for s in spans:
        starts.setdefault(s.start, []).append(s)
        ends.setdefault(s.end, []).append(s)
    bounds = sorted({0, len(text), *starts, *ends})
    active: dict[str, _Span] = {}
    seen: set[str] = set()  # evidence ids whose first segment is already out
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        for s in ends.get(a, []):
            active.pop(s.ev_id, None)
        for s in starts.get(a, []):
            active[s.ev_id] = s
        chunk = _e(text[a:b])
        if not active:
            out.append(chunk)
            continue
        segs = sorted(active.values(), key=lambda s: (s.end - s.start, s.order))
        primary = segs[0]
        fresh = [s.ev_id for s in sorted(active.values(), key=lambda s: s.order)]
        fresh = [i for i in fresh if i not in seen]
        seen.update(fresh)
        # the mark carries the id of the first evidence starting here; others get empty anchors
        anchors = "".join(f'<span class="ev-anchor" id="{_e(i)}"></span>' for i in fresh[1:])
        kinds: list[str] = []
        for s in segs:
            cls = KINDS[s.kind][0]
            if cls not in kinds:
                kinds.append(cls)
        classes = kinds[0] + "".join(f" also-{c}" for c in kinds[1:])
        rows: list[str] = []
        for s in segs:
            if s.row_id not in rows:
                rows.append(s.row_id)
        labels: list[str] = []
        for s in segs:
            if s.label not in labels:
                labels.append(s.label)
        ev_ids = " ".join(s.ev_id for s in sorted(segs, key=lambda s: s.order))
        id_attr = f' id="{_e(fresh[0])}"' if fresh else ""
        out.append(
            f'{anchors}<mark class="{classes}"{id_attr} data-ev="{_e(ev_ids)}" '
            f'data-rows="{_e(" ".join(rows))}" title="{_e(" · ".join(labels))}">'
            f'<a href="#{_e(primary.row_id)}">{chunk}</a></mark>'
        )
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# tables


def _join(values: Sequence[str | None], sep: str = ", ") -> str:
    return sep.join(_e(v) for v in values if v)


def _aliases(values: Sequence[str], n: int = 5) -> str:
    shown = _join(values[:n])
    if len(values) <= n:
        return shown
    rest = ", ".join(values[n:])
    return f'{shown} <span class="muted" title="{_e(rest)}">+{len(values) - n} more</span>'


def _country(code: str | None) -> str:
    if not code:
        return ""
    name = country_name(code)
    return _e(name) if name == code else f'{_e(name)} <span class="code">({_e(code)})</span>'


def _ev_cell(item: object, kind: str, j: int, aid: str, located: _Located) -> str:
    evs = _evidence(item)
    if not evs:
        return '<td class="ev"><span class="muted">no evidence</span></td>'
    parts: list[str] = []
    for k, ev in enumerate(evs[:_CHIPS_MAX]):
        ev_id = f"{aid}-ev-{kind}-{j}-{k}"
        quote = _clean(ev.quote)
        where = f"[{ev.start}:{ev.end}]"
        if ev_id not in located.ok and k > 0:
            parts.append(
                f'<span class="chip bad" title="not located in the text '
                f'{_e(where + " " + _short(quote, 80))}">{k + 1}</span>'
            )
        elif ev_id not in located.ok:
            parts.append(
                f'<span class="evq bad" lang="ja" title="not located in the text {_e(where)}">'
                f"「{_e(_short(quote))}」</span>"
            )
        elif k == 0:
            parts.append(
                f'<a class="evq" lang="ja" href="#{_e(ev_id)}" title="{_e(where)}">'
                f"「{_e(_short(quote))}」</a>"
            )
        else:
            parts.append(
                f'<a class="chip" href="#{_e(ev_id)}" title="{_e(where + " " + _short(quote, 80))}"'
                f">{k + 1}</a>"
            )
    if len(evs) > _CHIPS_MAX:
        parts.append(f'<span class="muted">+{len(evs) - _CHIPS_MAX} more</span>')
    return f'<td class="ev">{" ".join(parts)}</td>'


Cells = list[str]


def _ja(value: str) -> str:
    return f'<span lang="ja">{value}</span>' if value else ""


def _table(
    kind: str, head: Sequence[str], rows: list[tuple[object, Cells]], aid: str, loc: _Located
) -> str:
    """One table of findings; a column that is empty in every row is left out."""
    cls = KINDS[kind][0]
    keep = [c for c in range(len(head)) if c == 0 or any(cells[c] for _, cells in rows)]
    th = "".join(f"<th>{_e(head[c])}</th>" for c in keep)
    body: list[str] = []
    for j, (item, cells) in enumerate(rows):
        tds = "".join(f"<td>{cells[c]}</td>" for c in keep)
        body.append(
            f'<tr id="{aid}-row-{kind}-{j}"><td class="swatch"><span class="sw {cls}"></span>'
            f"</td>{tds}{_ev_cell(item, kind, j, aid, loc)}</tr>"
        )
    return (
        f'<table class="findings {cls}"><thead><tr><th class="swatch"></th>{th}'
        f"<th>Evidence</th></tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _actors(r: ThreatReport) -> tuple[list[str], list[tuple[object, Cells]]]:
    head = ["Name", "Aliases", "State", "Sponsor", "ATT&CK", "Attributed by", "Written as"]
    rows: list[tuple[object, Cells]] = [
        (
            a,
            [
                f"<strong>{_e(a.name)}</strong>",
                _aliases(a.aliases),
                _country(a.country),
                _e(a.sponsor or ""),
                _e(a.attack_id or ""),
                _e(a.attributed_by or ""),
                _ja(_join(a.mentions)),
            ],
        )
        for a in r.actors
    ]
    return head, rows


def _defendants(i: Indictment) -> str:
    people: list[str] = []
    for p in i.defendants:
        bits = [f"{_e(p.name)}"]
        if p.name_native and p.name_native != p.name:
            bits.append(_ja(f"({_e(p.name_native)})"))
        if p.age is not None:
            bits.append(f'<span class="muted">{p.age}</span>')
        if p.nationality:
            bits.append(f'<span class="muted">{_e(p.nationality)}</span>')
        if p.name_uncertain:
            bits.append('<span class="muted" title="romanization uncertain">[?]</span>')
        people.append(" ".join(bits))
    n = i.defendant_count if i.defendant_count is not None else (len(i.defendants) or None)
    count = f"<strong>{n}</strong>" if n is not None else ""
    names = "".join(f"<li>{p}</li>" for p in people)
    return count + (f'<ul class="people">{names}</ul>' if names else "")


def _indictments(r: ThreatReport) -> tuple[list[str], list[tuple[object, Cells]]]:
    head = ["Jurisdiction", "Authority", "Date", "Defendants", "Charges", "Actor", "Reward"]
    rows: list[tuple[object, Cells]] = [
        (
            i,
            [
                _country(i.jurisdiction),
                _e(i.authority or ""),
                _e(i.date or ""),
                _defendants(i),
                _join(i.charges),
                _e(i.actor or ""),
                _e(i.reward or ""),
            ],
        )
        for i in r.indictments
    ]
    return head, rows


def _party(t: Party) -> str:
    native = _ja(f"({_e(t.name_native)})") if t.name_native and t.name_native != t.name else ""
    icon = "person" if t.kind == "person" else "org."
    return f'<li>{_e(t.name)} {native} <span class="tag">{icon}</span></li>'


def _sanctions(r: ThreatReport) -> tuple[list[str], list[tuple[object, Cells]]]:
    head = ["Imposed by", "Authority", "Date", "Targets", "Measures"]
    rows: list[tuple[object, Cells]] = []
    for s in r.sanctions:
        targets = "".join(_party(t) for t in s.targets)
        cells = [
            ", ".join(_country(c) for c in s.imposed_by),
            _e(s.authority or ""),
            _e(s.date or ""),
            f'<ul class="people">{targets}</ul>' if targets else "",
            _join(s.measures),
        ]
        rows.append((s, cells))
    return head, rows


def _victims(r: ThreatReport) -> tuple[list[str], list[tuple[object, Cells]]]:
    head = ["Name", "Japanese", "Description", "Sectors", "Country"]
    rows: list[tuple[object, Cells]] = []
    for v in r.victims:
        name = f"<strong>{_e(v.name)}</strong>" if v.name else '<span class="muted">unnamed</span>'
        cells = [
            name,
            _ja(_e(v.name_native or "")),
            _e(v.description or ""),
            _join(list(v.sectors)),
            _country(v.country),
        ]
        rows.append((v, cells))
    return head, rows


def _malware(r: ThreatReport) -> tuple[list[str], list[tuple[object, Cells]]]:
    head = ["Name", "Kind", "Aliases", "ATT&CK"]
    rows: list[tuple[object, Cells]] = [
        (
            m,
            [
                f"<strong>{_e(m.name)}</strong>",
                _e(m.kind),
                _aliases(m.aliases),
                _e(m.attack_id or ""),
            ],
        )
        for m in r.malware
    ]
    return head, rows


def _vulns(r: ThreatReport) -> tuple[list[str], list[tuple[object, Cells]]]:
    rows: list[tuple[object, Cells]] = [
        (v, [f"<strong>{_e(v.cve or 'unnamed')}</strong>", _e(v.description or "")])
        for v in r.vulnerabilities
    ]
    return ["CVE", "Description"], rows


def _indicators(r: ThreatReport) -> tuple[list[str], list[tuple[object, Cells]]]:
    """Indicators with what the STIX and MISP exports do with them (``ioc_hygiene``)."""
    from summarizer.ioc_hygiene import refang, warninglist_hits

    rows: list[tuple[object, Cells]] = []
    for i in r.indicators:
        value = refang(i.value)
        notes: list[str] = []
        written = [e.quote for e in i.evidence if e.quote != value]
        if written:
            notes.append(f"written defanged as <code>{_e(written[0])}</code>")
        hits = warninglist_hits(i.type, value)
        if hits:
            notes.append(f"not exported: on MISP warninglist {_e('; '.join(hits))}")
        rows.append((i, [_e(i.type), f"<code>{_e(value)}</code>", "; ".join(notes)]))
    return ["Type", "Value", "Export"], rows


_TABLES: dict[str, Callable[[ThreatReport], tuple[list[str], list[tuple[object, Cells]]]]] = {
    "actors": _actors,
    "indictments": _indictments,
    "sanctions": _sanctions,
    "victims": _victims,
    "malware": _malware,
    "vulnerabilities": _vulns,
    "indicators": _indicators,
}


# ---------------------------------------------------------------------------------------------
# page parts


def _legend() -> str:
    items = "".join(
        f'<li><span class="sw {cls}"></span>{_e(label)}</li>'
        for cls, label, _one, _none in KINDS.values()
    )
    return f'<ul class="legend" aria-label="Highlight colours">{items}</ul>'


def _source_line(r: ThreatReport) -> str:
    src = r.source
    where = src.url or src.path or "stdin"
    bits = [f"<code>{_e(where)}</code>"]
    if src.title and src.title != where:
        bits.append(f'<span lang="ja">{_e(_short(src.title, 80))}</span>')
    bits.append(f"{_e(src.encoding)}, language {_e(src.language)}")
    bits.append(f'sha256 <code title="{_e(src.sha256)}">{_e(src.sha256[:12])}…</code>')
    return '<p class="source-line">Source: ' + " · ".join(bits) + "</p>"


def _provenance(r: ThreatReport) -> str:
    p = r.provenance
    rows = [
        ("Engine", p.engine),
        ("Model", p.model or "—"),
        ("Server", p.base_url or "—"),
        ("Prompt", p.prompt_id or "—"),
        ("Schema", p.schema_id),
        ("Requests", f"{p.requests} ({p.retries} retries, {p.reasks} re-asks)"),
        ("Tokens", f"{p.tokens.prompt} prompt + {p.tokens.completion} completion"),
        ("Chunks", str(p.chunks)),
        ("Seconds", f"{p.seconds:.2f}"),
    ]
    dl = "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in rows)
    return f'<footer class="provenance"><h3>Provenance</h3><dl>{dl}</dl></footer>'


def _warnings(r: ThreatReport, skipped: int) -> str:
    warnings = list(r.warnings)
    if skipped:
        warnings.append(
            f"{skipped} evidence span(s) do not match the article text at their offsets and are "
            "not highlighted (shown struck through in the tables)."
        )
    if not warnings:
        return ""
    items = "".join(f"<li>{_e(w)}</li>" for w in warnings[:_WARNINGS_MAX])
    if len(warnings) > _WARNINGS_MAX:
        items += f"<li>… and {len(warnings) - _WARNINGS_MAX} more (see the JSON)</li>"
    return (
        f'<section class="warnings"><h3>Warnings ({len(warnings)})</h3><ul>{items}</ul></section>'
    )


def _article(n: int, report: ThreatReport, text: str, batch: bool) -> str:
    aid = f"a{n}"
    loc = _locate(report, text, aid)
    parts: list[str] = []
    missing: list[str] = []
    for kind, (cls, label, _one, none) in KINDS.items():
        if not _items(report, kind):
            missing.append(none)
            continue
        count = len(_items(report, kind))
        parts.append(
            f'<section class="kind {cls}" id="{aid}-{kind}"><h3>{_e(label)} '
            f'<span class="count">{count}</span></h3>'
            f'<div class="scroll">{_table(kind, *_TABLES[kind](report), aid, loc)}</div></section>'
        )
    if missing:
        nothing = not any(_items(report, k) for k in KINDS)
        lead = "<strong>Nothing grounded in the article was extracted.</strong> " if nothing else ""
        parts.append(f'<p class="none">{lead}{" ".join(_e(m) for m in missing)}</p>')
    top = '<a class="up" href="#index">↑ index</a>' if batch else ""
    number = f'<span class="num">#{n}</span> ' if batch else ""
    hl = f"<h2>{number}{_e(report.headline)}</h2>" if batch else f"<h1>{_e(report.headline)}</h1>"
    marks = _render_source(text, loc.spans)
    located = len(loc.ok)
    return (
        f'<article class="report" id="{aid}">{top}<header>{hl}'
        f'<p class="summary">{_e(report.summary)}</p>{_source_line(report)}</header>'
        f'<div class="cols"><div class="facts">{"".join(parts)}'
        f"{_warnings(report, loc.skipped)}{_provenance(report)}</div>"
        f'<aside class="source" aria-label="Japanese source text">'
        f'<div class="source-head"><h3>Japanese source <span class="count">{located} '
        f"highlighted span{'s' if located != 1 else ''}</span></h3>{_legend()}</div>"
        f'<div class="text" lang="ja" id="{aid}-text">{marks}</div></aside></div></article>'
    )


def _index(items: Sequence[tuple[ThreatReport, str]]) -> str:
    cols = ["actors", "indictments", "sanctions", "victims", "malware", "vulnerabilities"]
    heads = ["Actors", "Indictments", "Sanctions", "Victims", "Malware", "CVEs"]
    th = "".join(f'<th class="n">{h}</th>' for h in heads)
    rows: list[str] = []
    for n, (r, _text) in enumerate(items, 1):
        src = r.source.url or r.source.path or "stdin"
        counts = "".join(
            f'<td class="n{" zero" if not _items(r, c) else ""}">{len(_items(r, c))}</td>'
            for c in cols
        )
        warn = f' <span class="warn">⚠ {len(r.warnings)}</span>' if r.warnings else ""
        rows.append(
            f'<tr><td class="n">{n}</td><td><a href="#a{n}">{_e(r.headline)}</a>{warn}</td>'
            f"<td><code>{_e(src)}</code></td>{counts}</tr>"
        )
    return (
        f'<section id="index" class="index"><h2>Articles ({len(items)})</h2>'
        f'<div class="scroll"><table class="findings"><thead><tr><th class="n">#</th>'
        f"<th>Headline</th><th>Source</th>{th}</tr></thead><tbody>{''.join(rows)}</tbody>"
        f"</table></div></section>"
    )


# Marks: the colour is the narrowest item's kind; a segment inside other items gets an underline.
_CSS = """
:root{--fg:#1d1f23;--muted:#667;--line:#d8dbe2;--bg:#fff;--panel:#f7f8fa;
--actor:#ffc9c9;--indictment:#c9dcff;--sanction:#e3d2ff;--victim:#c6f0d0;
--malware:#ffdfae;--vuln:#fff08a;--indicator:#bfeef2}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,
"Noto Sans","Noto Sans CJK JP","Hiragino Sans","Yu Gothic",Meiryo,sans-serif;color:var(--fg);
background:var(--bg)}
main{max-width:1600px;margin:0 auto;padding:16px 20px 40px}
h1{font-size:1.6em;line-height:1.25;margin:.2em 0 .4em}
h2{font-size:1.35em;line-height:1.3;margin:.2em 0 .4em}
h3{font-size:1.05em;margin:1.1em 0 .4em}
.tlp{display:inline-block;background:#000;font:bold 14px/1.4 ui-monospace,monospace;
padding:2px 8px;margin:0 0 8px}
.tlp-clear{color:#fff}.tlp-green{color:#33ff00}.tlp-amber{color:#ffc000}.tlp-red{color:#ff2b2b}
.page-head{border-bottom:2px solid var(--fg);margin-bottom:16px;padding-bottom:6px}
.page-head p{margin:.2em 0;color:var(--muted)}
.summary{font-size:1.05em;max-width:75em}
.source-line{color:var(--muted);font-size:.9em;margin:.3em 0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em;
word-break:break-all}
.muted{color:var(--muted)}
ul.people{margin:0;padding:0;list-style:none}
ul.people li{margin:0 0 2px}
.tag{font-size:.78em;color:var(--muted);border:1px solid var(--line);border-radius:3px;
padding:0 3px;white-space:nowrap}
.report{border-top:1px solid var(--line);padding-top:12px;margin-top:24px}
.report:first-of-type{border-top:0;margin-top:0}
.num{color:var(--muted);font-weight:normal}
.up{float:right;font-size:.9em}
.cols{display:grid;grid-template-columns:minmax(0,1.25fr) minmax(0,1fr);gap:24px;
align-items:start}
.source{position:sticky;top:0;max-height:100vh;overflow:auto;background:var(--panel);
border:1px solid var(--line);border-radius:6px;padding:0 14px 14px}
.source-head{position:sticky;top:0;background:var(--panel);padding:2px 0 6px;
border-bottom:1px solid var(--line);z-index:1}
.source-head h3{margin:.6em 0 .3em}
.text{white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.85;font-size:15px;
padding-top:8px}
.scroll{overflow-x:auto}
table.findings{border-collapse:collapse;width:100%;font-size:.92em}
table.findings th,table.findings td{border-bottom:1px solid var(--line);padding:4px 6px;
text-align:left;vertical-align:top}
table.findings th{background:var(--panel);font-weight:600;white-space:nowrap}
table.findings tr:target td{background:#fff7d1;outline:0}
td.n,th.n{text-align:right;white-space:nowrap}
td.zero{color:#aab}
th.swatch,td.swatch{width:8px;padding:4px 0 4px 2px}
.sw{display:inline-block;width:12px;height:12px;border-radius:3px;vertical-align:-1px;
border:1px solid rgba(0,0,0,.25)}
td.swatch .sw{height:1.2em;width:6px;border:0}
.count{font-weight:normal;color:var(--muted);font-size:.85em;margin-left:.3em}
.none{color:var(--muted);font-style:italic}
td.ev{min-width:9em}
.bad{text-decoration:line-through;color:var(--muted)}
.chip{display:inline-block;min-width:1.5em;text-align:center;border:1px solid var(--line);
border-radius:8px;font-size:.8em;padding:0 4px;text-decoration:none;margin:1px 0}
a{color:#1754b8}
.legend{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 12px;
font-size:.85em}
.legend li{white-space:nowrap}
.legend .sw{margin-right:4px}
.warnings{border-left:4px solid #e0a400;background:#fff9e6;padding:2px 12px;margin-top:16px}
.warnings ul{margin:.3em 0 .6em;padding-left:1.2em}
.warn{color:#a86b00;font-size:.85em}
.provenance{margin-top:16px;color:var(--muted);font-size:.88em;border-top:1px solid var(--line)}
.provenance h3{font-size:1em;margin:.6em 0 .3em}
.provenance dl{display:grid;grid-template-columns:repeat(auto-fill,minmax(15em,1fr));gap:2px 16px;
margin:0}
.provenance dl div{display:flex;gap:6px}
.provenance dt{font-weight:600}
.provenance dd{margin:0;word-break:break-all}
mark{color:inherit;border-radius:2px;padding:1px 0;-webkit-box-decoration-break:clone;
box-decoration-break:clone}
mark a{color:inherit;text-decoration:none}
mark:hover{filter:brightness(.92)}
mark[class*="also-"]{box-shadow:inset 0 -2px 0 rgba(0,0,0,.45)}
mark:target,mark.hit{outline:2px solid #d33;outline-offset:1px}
.ev-anchor{scroll-margin-top:5em}
mark{scroll-margin-top:5em}
tr{scroll-margin-top:1em}
.sw.indictment,mark.indictment{background:var(--indictment)}
.sw.sanction,mark.sanction{background:var(--sanction)}
.sw.victim,mark.victim{background:var(--victim)}
.sw.actor,mark.actor{background:var(--actor)}
.sw.malware,mark.malware{background:var(--malware)}
.sw.vuln,mark.vuln{background:var(--vuln)}
.sw.indicator,mark.indicator{background:var(--indicator)}
@media (max-width:900px){.cols{grid-template-columns:minmax(0,1fr)}
.source{position:static;max-height:none}}
@media print{body{font-size:10.5pt}main{max-width:none;padding:0}
.cols{grid-template-columns:minmax(0,1fr)}
.source{position:static;max-height:none;overflow:visible;border:0;padding:0;background:none}
.source-head{position:static;background:none}
.up,a.chip{display:none}
a{color:inherit;text-decoration:none}
table.findings th{background:none}
.report{break-before:page;border:0}
.report:first-of-type{break-before:auto}
tr,mark{break-inside:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

# Highlights every segment of the targeted evidence (the :target rule reaches only the first),
# and records a self-check (marks and internal links that resolve) on <body data-selfcheck>.
_JS = """
(function(){
var d=document;
function hit(){
var old=d.querySelectorAll("mark.hit");
for(var i=0;i<old.length;i++){old[i].classList.remove("hit");}
var id;
try{id=decodeURIComponent(location.hash.slice(1));}catch(e){return;}
if(!id||id.indexOf("-ev-")<0){return;}
var ms=d.querySelectorAll("mark[data-ev]");
for(var j=0;j<ms.length;j++){
if((" "+ms[j].getAttribute("data-ev")+" ").indexOf(" "+id+" ")>=0){ms[j].classList.add("hit");}
}
}
window.addEventListener("hashchange",hit);
hit();
var links=d.querySelectorAll('a[href^="#"]'),ok=0;
for(var k=0;k<links.length;k++){
var t=decodeURIComponent(links[k].getAttribute("href").slice(1));
if(t&&d.getElementById(t)){ok++;}
}
d.body.setAttribute("data-selfcheck","marks="+d.querySelectorAll("mark").length+
" links="+links.length+" links-ok="+ok);
})();
"""


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


_TLP_LEVELS = ("clear", "green", "amber", "red")


def render_html(items: list[tuple[ThreatReport, str]], tlp: str | None = None) -> str:
    """One self-contained page for one article, or for a batch with an index first.

    Each pair is a report and the decoded article text its evidence offsets point into.
    ``tlp`` (clear, green, amber, red), when given, labels the page at its top and bottom the
    way TLP 2.0 asks (``TLP:AMBER``, in the TLP colours on black).

    Raises:
        ValueError: an unknown TLP level.
    """
    if tlp is not None and tlp not in _TLP_LEVELS:
        raise ValueError(f"unknown TLP level {tlp!r} (one of {', '.join(_TLP_LEVELS)})")
    label = f'<p class="tlp tlp-{tlp}">TLP:{tlp.upper()}</p>' if tlp else ""
    batch = len(items) != 1
    if not items:
        title = "No articles"
    elif batch:
        title = f"{len(items)} articles — threat report"
    else:
        title = items[0][0].headline
    csp = (
        "default-src 'none'; "
        f"style-src {_csp_hash(_CSS)}; script-src {_csp_hash(_JS)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    body: list[str] = []
    if batch:
        body.append(
            f'<header class="page-head"><h1>{_e(title)}</h1>'
            "<p>English findings beside the Japanese text that states each of them.</p>"
            f"{_legend()}</header>"
        )
        body.append(_index(items) if items else '<p class="none">No articles.</p>')
    for n, (report, text) in enumerate(items, 1):
        body.append(_article(n, report, text, batch))
    if label:
        body = [label, *body, label]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="summarizer">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + f"\n</main>\n<script>{_JS}</script>\n</body>\n</html>\n"
    )
