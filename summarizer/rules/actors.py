"""Threat actors: the knowledge base's hits, state organs that name or sponsor an actor, the
actor's country from the sentence and the authority that attributes it."""

from __future__ import annotations

import re
from typing import Any

from summarizer.models import ThreatActor
from summarizer.rules import lexicon as lex
from summarizer.rules.led import lazy_re
from summarizer.rules.reading import (
    COUNTRY_ALT,
    COUNTRY_FIRST,
    Ctx,
    Sent,
    countries_in,
    span_evidence,
    trie_alternation,
)


# -- actors ---------------------------------------------------------------------------------
def find_actors(ctx: Ctx, hits: list[Any]) -> list[ThreatActor]:
    kb = ctx.kb
    by_name: dict[str, ThreatActor] = {}
    actor_sents: dict[str, set[int]] = {}
    ev_starts: dict[str, set[int]] = {}  # the starts of each actor's evidence, as added

    def add(name: str, s: int, e: int, surface: str) -> ThreatActor:
        a = by_name.get(name)
        if a is None:
            rec = kb.actor(name)
            a = ThreatActor(
                name=rec.name if rec else name,
                aliases=list(rec.aliases) if rec else [],
                country=rec.country if rec else None,
                sponsor=rec.sponsor if rec else None,
                attack_id=rec.attack_id if rec else None,
            )
            by_name[name] = a
            ev_starts[name] = set()
            actor_sents[name] = set()
        if surface not in a.mentions:
            a.mentions.append(surface)
        starts = ev_starts[name]
        if s not in starts:
            starts.add(s)
            a.evidence.append(span_evidence(ctx.text, s, e))
        actor_sents[name].add(ctx.sent_of(s))
        return a

    organs: list[tuple[Any, int, int]] = []
    alias_of = _aliases_in_parentheses(ctx.text, hits)
    prev_group: tuple[str, int] | None = None
    for h in hits:
        if h.kind == "actor":
            if h.start in alias_of:
                # シルク・タイフーン(別名:Hafnium,UNC5221): a second name of the first one
                first = alias_of[h.start]
                a = add(first.key, h.start, h.end, ctx.text[h.start : h.end])
                rec = kb.actor(h.key)
                for n in [rec.name, *rec.aliases] if rec else [h.key]:
                    if n != a.name and n not in a.aliases:
                        a.aliases.append(n)
                continue
            add(h.key, h.start, h.end, ctx.text[h.start : h.end])
        elif h.kind == "malware" and (
            _GROUP_BEFORE_RE.search(ctx.text, max(0, h.start - 12), h.start)
            or _GROUP_AFTER_RE.match(ctx.text, h.end)
        ):
            # ハッカー集団「LockBit」, Conti/Trickbotグループ: the group behind the malware;
            # a second name joined by '/' is the same group
            rec = kb.software(h.key)
            name = rec.name if rec else h.key
            if prev_group is not None and re.fullmatch(
                r"\s*[/／]\s*", ctx.text[prev_group[1] : h.start]
            ):
                a = add(prev_group[0], h.start, h.end, ctx.text[h.start : h.end])
                if name != a.name and name not in a.aliases:
                    a.aliases.append(name)
            else:
                a = add(name, h.start, h.end, ctx.text[h.start : h.end])
                if rec is not None and not a.aliases:
                    a.aliases = [x for x in rec.aliases if x != a.name]
                prev_group = (name, h.end)
            prev_group = (prev_group[0], h.end)
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
    # country and attribution from the sentence (the attribution of a sentence read once for
    # all the actors in it; a field is set only when its value changes)
    said: dict[int, str | None] = {}  # sentence -> its attribution
    said_before: dict[int, str | None] = {}  # sentence -> its strict attribution (…によると)
    for name, a in by_name.items():
        for si in sorted(actor_sents[name]):
            st = ctx.sents[si]
            if not a.country:
                country = _actor_country(ctx, st, a)
                if country is not None or a.country is not None:
                    a.country = country
            if not a.attributed_by:
                if si not in said:
                    said[si] = _attribution(st.text)
                by = said[si]
                if not by and si > 0:
                    if si - 1 not in said_before:
                        said_before[si - 1] = _attribution(ctx.sents[si - 1].text, strict=True)
                    by = said_before[si - 1]
                if by is not None or a.attributed_by is not None:
                    a.attributed_by = by
    return list(by_name.values())


# the text calls the name a group: ハッカー集団「X」, ランサムウェア集団X
_GROUP_BEFORE_RE = lazy_re(
    r"(?:ハッカー|サイバー攻撃|攻撃|犯罪|ランサムウェア|ランサムウエア|サイバー犯罪)(?:集団|グループ)[「『]?\s*$"
)
_GROUP_AFTER_RE = lazy_re(r"(?:[/／][A-Za-z0-9\-]{2,20})?\s*(?:グループ|集団)")
_ALIAS_PAREN_RE = lazy_re(r"[（(]\s*(?:別名|通称|aka|a\.k\.a\.)[^（）()]{0,120}[）)]")


def _aliases_in_parentheses(text: str, hits: list[Any]) -> dict[int, Any]:
    """Actor hits inside one 別名 parenthesis name one actor: start of each later hit -> the
    first hit (the one before the parenthesis when the KB knows it)."""
    out: dict[int, Any] = {}
    if "別名" not in text and "通称" not in text and "aka" not in text and "a.k.a." not in text:
        return out  # every match of _ALIAS_PAREN_RE holds one of these
    actors = [h for h in hits if h.kind == "actor"]
    for m in _ALIAS_PAREN_RE.finditer(text):
        inside = [h for h in actors if m.start() <= h.start and h.end <= m.end()]
        before = [h for h in actors if h.end <= m.start() and m.start() - h.end <= 2]
        group = before[-1:] + inside
        for h in group[1:]:
            out[h.start] = group[0]
    return out


_ATTRIB_RE = lazy_re(
    rf"({trie_alternation(lex.AUTHORITIES)})(?:の[^。、]{{0,12}}?)?(?:によると|によれば|は[^。]{{0,120}}?(?:と断定|と特定|と結論|と発表|と指摘|と評価|と認定|と非難|を非難|と明らかに|ことを明らかに|と述べ|と分析|としている)|が[^。]{{0,80}}?(?:断定|特定|認定|発表|公表))"
)


def _attribution(s: str, strict: bool = False) -> str | None:
    if strict and "によると" not in s and "によれば" not in s:
        return None  # strict needs one of them in the match, so in the sentence
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


_COUNTRY_BEFORE_ACTOR_RE = lazy_re(
    rf"(?=[{COUNTRY_FIRST}])({COUNTRY_ALT})(?:政府)?(?:系|の|が支援|政府が支援|を背景|を拠点|拠点の|に拠点を置く|の国家支援|に関連|と関係|とつなが)[^。、]{{0,25}}$"
)
_COUNTRY_AFTER_ACTOR_RE = lazy_re(
    rf"^[^。]{{0,12}}?(?:は|が)[^。]{{0,20}}?({COUNTRY_ALT})(?:政府|軍)?(?:の|系|が支援|を背景|を拠点|に拠点)"
)


def _actor_country(ctx: Ctx, st: Sent, a: ThreatActor) -> str | None:
    t = st.text
    ev = [e for e in a.evidence if st.start <= e.start < st.end]
    if not ev:
        return None
    pos = ev[0].start - st.start
    m = _COUNTRY_BEFORE_ACTOR_RE.search(t[:pos])
    if m:
        return lex.COUNTRIES[m.group(1)]
    m = _COUNTRY_AFTER_ACTOR_RE.match(t[ev[0].end - st.start :])
    if m:
        return lex.COUNTRIES[m.group(1)]
    return None
