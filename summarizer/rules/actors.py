"""Threat actors: the knowledge base's hits, state organs that name or sponsor an actor, the
actor's country from the sentence and the authority that attributes it."""

from __future__ import annotations

import re
from typing import Any

from summarizer.models import ThreatActor
from summarizer.rules import lexicon as lex
from summarizer.rules.reading import Ctx, Sent, alternation, countries_in, span_evidence


# -- actors ---------------------------------------------------------------------------------
def find_actors(ctx: Ctx, hits: list[Any]) -> list[ThreatActor]:
    kb = ctx.kb
    by_name: dict[str, ThreatActor] = {}
    actor_sents: dict[str, set[int]] = {}

    def add(name: str, s: int, e: int, surface: str) -> ThreatActor:
        rec = kb.actor(name)
        a = by_name.get(name)
        if a is None:
            a = ThreatActor(
                name=rec.name if rec else name,
                aliases=list(rec.aliases) if rec else [],
                country=rec.country if rec else None,
                sponsor=rec.sponsor if rec else None,
                attack_id=rec.attack_id if rec else None,
            )
            by_name[name] = a
        if surface not in a.mentions:
            a.mentions.append(surface)
        if not any(ev.start == s for ev in a.evidence):
            a.evidence.append(span_evidence(ctx.text, s, e))
        actor_sents.setdefault(name, set()).add(ctx.sent_of(s))
        return a

    organs: list[tuple[Any, int, int]] = []
    for h in hits:
        if h.kind == "actor":
            add(h.key, h.start, h.end, ctx.text[h.start : h.end])
        elif h.kind == "organ":
            rec = kb.organ(h.key)
            if rec is not None:
                organs.append((rec, h.start, h.end))
    for rec, s, e in organs:
        if rec.actor:
            a = add(rec.actor, s, e, ctx.text[s:e])
            a.sponsor = a.sponsor or rec.name
            a.country = a.country or rec.country
    # organs sponsor actors named in the same or an adjacent sentence
    for rec, s, _e in organs:
        if rec.actor:
            continue
        si = ctx.sent_of(s)
        for name, idx in actor_sents.items():
            a = by_name[name]
            if any(abs(i - si) <= 1 for i in idx):
                if not a.sponsor:
                    a.sponsor = rec.name
                if not a.country:
                    a.country = rec.country
    # country and attribution from the sentence
    for name, a in by_name.items():
        for si in sorted(actor_sents[name]):
            st = ctx.sents[si]
            if not a.country:
                a.country = _actor_country(ctx, st, a)
            if not a.attributed_by:
                a.attributed_by = _attribution(st.text)
                if not a.attributed_by and si > 0:
                    a.attributed_by = _attribution(ctx.sents[si - 1].text, strict=True)
    return list(by_name.values())


_ATTRIB_RE = re.compile(
    rf"({alternation(lex.AUTHORITIES)})(?:の[^。、]{{0,12}}?)?(?:によると|によれば|は[^。]{{0,120}}?(?:と断定|と特定|と結論|と発表|と指摘|と評価|と認定|と非難|を非難|と明らかに|ことを明らかに|と述べ|と分析|としている)|が[^。]{{0,80}}?(?:断定|特定|認定|発表|公表))"
)


def _attribution(s: str, strict: bool = False) -> str | None:
    m = _ATTRIB_RE.search(s)
    if not m:
        return None
    name, code = lex.AUTHORITIES[m.group(1)]
    if not code:
        found = countries_in(s[max(0, m.start() - 6) : m.start()])
        if not found:
            return None
        code = found[-1][0]
        name = f"{lex.COUNTRY_EN.get(code, code)} {name}"
    if strict and "によると" not in m.group() and "によれば" not in m.group():
        return None
    return name


# compiled once: the country alternation is long
_COUNTRY_BEFORE_RE = re.compile(
    rf"({alternation(lex.COUNTRIES)})(?:政府)?(?:系|の|が支援|政府が支援|を背景|を拠点|の国家支援|に関連|と関係|とつなが)[^。、]{{0,25}}$"
)
_COUNTRY_AFTER_RE = re.compile(
    rf"^[^。]{{0,12}}?(?:は|が)[^。]{{0,20}}?({alternation(lex.COUNTRIES)})(?:政府|軍)?(?:の|系|が支援|を背景|を拠点|に拠点)"
)


def _actor_country(ctx: Ctx, st: Sent, a: ThreatActor) -> str | None:
    t = st.text
    ev = [e for e in a.evidence if st.start <= e.start < st.end]
    if not ev:
        return None
    pos = ev[0].start - st.start
    m = _COUNTRY_BEFORE_RE.search(t[:pos])
    if m:
        return lex.COUNTRIES[m.group(1)]
    m = _COUNTRY_AFTER_RE.match(t[ev[0].end - st.start :])
    if m:
        return lex.COUNTRIES[m.group(1)]
    return None
