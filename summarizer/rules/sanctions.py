"""Sanctions: sentences with 制裁対象/制裁を科す/資産凍結..., imposers from the subject, targets
(organs, ministries, companies, people with nicknames, list lines) and measures."""

from __future__ import annotations

import re

from summarizer.models import Indictment, Party, Sanction
from summarizer.rules import lexicon as lex
from summarizer.rules.people import list_after, people_in
from summarizer.rules.reading import (
    AUTH_RE,
    GOV_RE,
    KANJI,
    KATA,
    NOT_K,
    Ctx,
    acting_party,
    alternation,
    countries_in,
    dedup_evidence,
    ministry_name,
    strip_lead,
)

SANCTION_RE = re.compile(
    r"制裁(?:対象|措置|を科|を課|を発動|を発表|を加え|に指定|指定|リスト|を受け|した|する|され|を決定|に踏み切|対象者)"
    r"|資産凍結|資産を凍結|入国禁止|渡航禁止|SDN|特別指定国民"
)

_KATA_TITLE_RE = re.compile(
    rf"(?<![{KATA}])([{KATA}]{{3,}})(?:氏|容疑者|被告|情報相|外相|国防相|相|長官|大臣|司令官|局長|次官)"
)

_COMPANY_RE = re.compile(
    rf"(?<![{KANJI}{KATA}A-Za-z])([{KANJI}{KATA}A-Za-z0-9・]{{2,24}}?(?:股份有限公司|有限責任公司|有限公司|集団公司|公司|株式会社))"
)
_LATIN_COMPANY_RE = re.compile(
    r"(?<![A-Za-z])((?:[A-Z][A-Za-z0-9&'.\-]*\s){1,6}(?:Co\.,? Ltd\.?|Company Limited|Company|Ltd\.?|Limited|LLC|Inc\.?|Corporation|Corp\.?|GmbH|Technology))"
)

_MEASURE_RE = re.compile(alternation(p for p, _ in lex.MEASURES))
_MEASURE_MAP = dict(lex.MEASURES)


def find_sanctions(ctx: Ctx, indictments: list[Indictment]) -> list[Sanction]:
    defendants = [p for i in indictments for p in i.defendants if p.name_native]
    imposers: list[str] = []
    authority: str | None = None
    targets: list[Party] = []
    measures: list[str] = []
    spans: list[tuple[int, int]] = []
    seen: set[str] = set()

    def add_target(p: Party) -> None:
        k = (p.name_native or p.name).replace("・", "").replace(" ", "").lower()
        if k in seen:
            return
        seen.add(k)
        targets.append(p)

    for si, st in enumerate(ctx.sents):
        m = SANCTION_RE.search(st.text)
        if not m:
            continue
        t = st.text
        cs = _imposers(t, m.start())
        auth, _j = acting_party(t, m.start())
        if not cs:
            prev = ctx.sents[si - 1].text if si > 0 else ""
            cs = _imposers(prev, len(prev)) if SANCTION_RE.search(prev) else []
        imposers += [c for c in cs if c not in imposers]
        if auth and auth in (
            "US Department of the Treasury",
            "OFAC",
            "UK Foreign Office",
            "HM Treasury",
        ):
            authority = authority or auth
        spans.append((st.start, st.end))
        measures += [
            mm
            for mm in (_MEASURE_MAP[x.group()] for x in _MEASURE_RE.finditer(t))
            if mm not in measures
        ]
        imposer_names = set(cs)
        # organs (国家安全部, 情報省) and governments named as targets
        for h in ctx.hits_in(st.start, st.end):
            if h.kind == "organ":
                rec = ctx.kb.organ(h.key)
                add_target(
                    Party(
                        name=rec.name if rec else h.key,
                        name_native=ctx.text[h.start : h.end],
                        kind="organization",
                    )
                )
            elif h.kind == "actor":
                pass
        for g in GOV_RE.finditer(t):
            code = lex.COUNTRIES[g.group(1)]
            if code in imposer_names or g.group(3) == "政府":
                continue
            if ctx.in_hit(st.start + g.start(), st.start + g.end()):
                continue
            add_target(
                Party(
                    name=ministry_name(code, g.group(3)),
                    name_native=g.group(),
                    kind="organization",
                )
            )
        for cm in _COMPANY_RE.finditer(t):
            native = strip_lead(cm.group(1))
            add_target(Party(name=native, name_native=native, kind="organization"))
        for cm in _LATIN_COMPANY_RE.finditer(t):
            add_target(Party(name=cm.group(1).strip(), kind="organization"))
        lines = [st] + list_after(ctx, si)
        for li, line in enumerate(lines):
            ppl = people_in(
                ctx,
                line.start,
                line.end,
                latin=li > 0 or bool(re.search(r"[A-Z][a-z]+ [A-Z][a-z]+", line.text)),
                list_line=li > 0,
            )
            for p, _a, _b in ppl:
                if p.age is None and li == 0 and not _near_target_cue(line.text):
                    continue
                add_target(Party(name=p.name, name_native=p.name_native, kind="person"))
            for km in _KATA_TITLE_RE.finditer(line.text):
                native = km.group(1)
                if native in lex.GENERIC_NOUNS or ctx.in_hit(
                    line.start + km.start(1), line.start + km.end(1)
                ):
                    continue
                name, _u = ctx.rom(native)
                add_target(Party(name=name, name_native=native, kind="person"))
            if li > 0:
                spans.append((line.start, line.end))
        # defendants referred to by full or given name in a sanction sentence
        for p in defendants:
            nat = p.name_native or ""
            if len(nat) >= 3 and (
                nat in t or re.search(rf"{NOT_K}{re.escape(nat[1:])}(?![{KANJI}])", t)
            ):
                add_target(Party(name=p.name, name_native=nat, kind="person"))
    if not spans:
        return []
    if not imposers:
        return []  # a sanction nobody is stated to impose is not reported
    return [
        Sanction(
            imposed_by=imposers,
            authority=authority,
            targets=targets,
            measures=measures,
            evidence=dedup_evidence(ctx.text, spans),
        )
    ]


def _imposers(s: str, pos: int) -> list[str]:
    head = s[:pos]
    out: list[str] = []
    # explicit subject "米国と英国は", "アメリカとイギリス当局は", "バイデン米政権は"
    subj_end = -1
    for m in re.finditer(r"(?:は|が)[、,]?", head):
        subj_end = m.start()
        break
    region = head[:subj_end] if 0 <= subj_end <= 40 else ""
    for code, _a, _b in countries_in(region):
        if code not in out:
            out.append(code)
    if not out:
        for m in AUTH_RE.finditer(region):
            code = lex.AUTHORITIES[m.group()][1]
            if code and code not in out:
                out.append(code)
    # "英国と米国から制裁", "米制裁", "米英の制裁", "EUによる制裁"
    for m in _IMPOSERS_RE.finditer(head[max(0, pos - 20) : pos]):
        for code, _a, _b in countries_in(m.group(1)):
            if code not in out:
                out.append(code)
        if "EU" in m.group(1) or "欧州連合" in m.group(1):
            out.append("EU") if "EU" not in out else None
    if not out:
        _auth, acting = acting_party(s, pos)
        if acting:
            out.append(acting)
    if re.search(r"EU|欧州連合", region) and "EU" not in out:
        out.append("EU")
    return out


# "英国と米国から制裁", "米制裁", "米英の制裁", "EUによる制裁" (compiled once: long alternation)
_IMPOSERS_RE = re.compile(
    rf"((?:(?:{alternation(lex.COUNTRIES)}|[米英露豪韓]|EU|欧州連合)(?:と|、|および|及び)?)+)(?:政府)?(?:から|による|の|が)?$"
)


def _near_target_cue(s: str) -> bool:
    return bool(re.search(r"制裁|指定|対象", s))
