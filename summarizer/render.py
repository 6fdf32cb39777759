"""The English Markdown brief: headline, summary, then one section per kind of finding, each item
followed by the Japanese sentence (evidence quote) that states it, with its offsets."""

from __future__ import annotations

from summarizer.brief import country_name
from summarizer.models import Evidence, ThreatReport

_QUOTE_MAX = 160


def _quote(evidence: list[Evidence]) -> str:
    if not evidence:
        return ""
    e = evidence[0]
    q = " ".join(e.quote.split())
    if len(q) > _QUOTE_MAX:
        q = q[: _QUOTE_MAX - 1] + "…"
    more = f" (+{len(evidence) - 1} more)" if len(evidence) > 1 else ""
    return f"\n  > 「{q}」 [{e.start}:{e.end}]{more}"


def _opt(label: str, value: object) -> str:
    return f"; {label}: {value}" if value not in (None, "", []) else ""


def render_markdown(report: ThreatReport) -> str:
    """The brief an analyst reads; every item carries its Japanese evidence."""
    out: list[str] = [f"# {report.headline}", "", report.summary, ""]
    src = report.source.path or report.source.url or "stdin"
    published = f", published {report.source.published}" if report.source.published else ""
    sha = report.source.sha256[:12]
    out.append(f"_Source: {src} ({report.source.encoding}{published}, sha256 {sha}…)_")
    out.append("")

    if report.actors:
        out.append("## Threat actors")
        for a in report.actors:
            line = f"- **{a.name}**"
            line += _opt("aliases", ", ".join(a.aliases[:8]))
            line += _opt("state", country_name(a.country) or None)
            line += _opt("sponsor", a.sponsor)
            line += _opt("ATT&CK", a.attack_id)
            line += _opt("attributed by", a.attributed_by)
            line += _opt("written as", ", ".join(a.mentions[:4]))
            out.append(line + _quote(a.evidence))
        out.append("")
    if report.indictments:
        out.append("## Indictments")
        for i in report.indictments:
            line = f"- **{country_name(i.jurisdiction) or 'Unknown jurisdiction'}**"
            line += _opt("authority", i.authority)
            line += _opt("date", i.date)
            line += _opt("defendants", i.defendant_count)
            line += _opt("charges", ", ".join(i.charges))
            line += _opt("actor", i.actor)
            line += _opt("reward", i.reward)
            out.append(line + _quote(i.evidence))
            for p in i.defendants:
                bits = [p.name]
                if p.name_native and p.name_native != p.name:
                    bits.append(f"({p.name_native})")
                if p.age is not None:
                    bits.append(f"age {p.age}")
                if p.name_uncertain:
                    bits.append("[romanization uncertain]")
                out.append("  - " + " ".join(bits))
        out.append("")
    if report.sanctions:
        out.append("## Sanctions")
        for s in report.sanctions:
            by = ", ".join(country_name(c) for c in s.imposed_by) or s.authority or "unknown"
            line = f"- **Imposed by {by}**" + _opt("date", s.date)
            line += _opt("measures", ", ".join(s.measures))
            out.append(line + _quote(s.evidence))
            for t in s.targets:
                native = f" ({t.name_native})" if t.name_native and t.name_native != t.name else ""
                guess = " [romanization uncertain]" if t.name_uncertain else ""
                out.append(f"  - {t.name}{native} — {t.kind}{guess}")
        out.append("")
    if report.victims:
        out.append("## Victims and targets")
        for v in report.victims:
            name = v.name or v.description or v.name_native or "unnamed"
            line = f"- **{name}**"
            if v.name_native and v.name_native != name:
                line += f" ({v.name_native})"
            line += _opt("sectors", ", ".join(v.sectors))
            line += _opt("country", country_name(v.country) or None)
            if v.description and v.description != name:
                line += _opt("description", v.description)
            out.append(line + _quote(v.evidence))
        out.append("")
    if report.malware or report.vulnerabilities:
        out.append("## Malware, tools and vulnerabilities")
        for m in report.malware:
            line = f"- **{m.name}** ({m.kind})" + _opt("aliases", ", ".join(m.aliases[:6]))
            line += _opt("ATT&CK", m.attack_id)
            out.append(line + _quote(m.evidence))
        for vuln in report.vulnerabilities:
            line = f"- **{vuln.cve or 'vulnerability'}**" + _opt("", vuln.description).replace(
                "; : ", " — "
            )
            out.append(line + _quote(vuln.evidence))
        out.append("")
    if report.indicators:
        out.append("## Indicators")
        for ind in report.indicators:
            out.append(f"- {ind.type}: `{ind.value}`" + _quote(ind.evidence))
        out.append("")
    if not any(
        (
            report.actors,
            report.indictments,
            report.sanctions,
            report.victims,
            report.malware,
            report.vulnerabilities,
            report.indicators,
        )
    ):
        out.append("_Nothing grounded in the article was extracted._")
        out.append("")
    prov = report.provenance
    asked = prov.engine != "rules" and prov.model is not None
    engine = prov.engine + (f" ({prov.model} @ {prov.base_url})" if asked else "")
    usage = (
        f", {prov.requests} requests, {prov.retries} retries, {prov.reasks} re-asks, "
        f"{prov.tokens.prompt}+{prov.tokens.completion} tokens"
        if prov.engine != "rules"
        else ""
    )
    out.append(f"---\n_Engine: {engine}{usage}, {prov.seconds:.2f}s._")
    if report.warnings:
        out.append("")
        out.append(f"**Warnings ({len(report.warnings)}):**")
        out.extend(f"- {w}" for w in report.warnings[:20])
        if len(report.warnings) > 20:
            out.append(f"- … and {len(report.warnings) - 20} more (see JSON)")
    return "\n".join(out).rstrip() + "\n"
