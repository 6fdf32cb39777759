"""Victims: named organizations in attack sentences (lexicon, "<country>政府", glossed katakana
names, quoted names, X社, org-suffixed subjects) and article-level target descriptions carrying
sectors and countries."""

from __future__ import annotations

import re

from summarizer.models import Victim
from summarizer.rules import lexicon as lex
from summarizer.rules.led import Gated
from summarizer.rules.reading import (
    AUTH_RE,
    GOV_RE,
    KANJI,
    KATA,
    LATIN_STOP,
    Ctx,
    K,
    alternation,
    clause_start,
    countries_in,
    country_before,
    ministry_name,
    span_evidence,
    strip_lead,
)

_ORG_RE = re.compile(alternation(lex.ORGS))

_ATTACK_RE = re.compile(
    r"標的|狙|攻撃|侵入|侵害|被害|不正アクセス|不正に|盗|窃取|漏洩|漏えい|流出|感染|ハッキング|乗っ取"
)
_REPORTER_AFTER_RE = re.compile(
    r"^(?:は|が|も)(?:[^。]{0,50}?)(?:発表|報告|公表|明らかにし|指摘|述べ|警告|注意喚起|分析|声明|非難|呼びかけ|伝え)"
)
_RECEIVED_AFTER_RE = re.compile(
    r"^(?:[^。]{0,4}?)(?:は|が|も)[^。]{0,40}?(?:(?:攻撃|不正アクセス|被害|侵入|ハッキング|侵害|感染)を受け"
    r"|(?:不正アクセス|侵入|侵害|ハッキング|攻撃|標的と)され)"
)
_RECEIVED_NOW_RE = re.compile(
    r"^(?:は|が|も)[^。]{0,40}?(?:(?:攻撃|不正アクセス|被害|侵入|ハッキング|侵害|感染)を受け"
    r"|(?:不正アクセス|侵入|侵害|ハッキング|攻撃|標的と)され)"
)
_TARGET_BEFORE_RE = re.compile(
    r"(?:標的|攻撃対象|被害(?:組織|企業|者)?)(?:に|と|で)?(?:は|には|なったのは|されたのは)[、,]?"
)
_VICTIM_AFTER_RE = re.compile(
    r"^(?:[、・やと]|など|等|を含|も含"
    r"|(?:の[^。、]{0,15}?)?(?:を|に|へ)(?:標的|狙|攻撃|侵入|不正|侵害|ハッキング|サイバー攻撃)"
    r"|(?:の[^。、]{0,15}?)?(?:への|に対する)[^。]{0,10}?(?:攻撃|侵入|不正アクセス|ハッキング)"
    r"|(?:の[^。、]{0,15}?)?(?:から|より)[^。]{0,12}?(?:盗|流出|窃取|漏洩|漏えい)"
    r"|(?:の)[^。、]{0,20}?(?:が|は)[^。]{0,15}?(?:流出|漏洩|漏えい|侵害|被害|盗まれ|感染)"
    r"|(?:の)?(?:職員|システム|ネットワーク|サーバー?|コンピューター?|ウェブサイト|サイト|メール|アカウント))"
)
_TARGET_CUE_RE = re.compile(
    r"を(?:[^。、を]{0,10}の)?(?:標的|狙|ターゲット)|(?:攻撃)?対象と(?:なっ|され)|への(?:サイバー)?攻撃|に対する(?:サイバー)?攻撃|に(?:不正)?侵入|を侵害|を攻撃"
    r"|が(?:サイバー)?攻撃を受け|が被害|に被害"
    # 病院がランサムウェア被害を受け / 端末がマルウェアに感染
    r"|が[^。、]{0,15}?(?:被害|攻撃|不正アクセス)を受け|が[^。、]{0,15}?に感染"
    # 日本の安全保障や先端技術に関する情報の窃取を目的に
    r"|に関する(?:機密)?情報(?:の|を)(?:窃取|盗)"
)

_KATA_GLOSS_RE = Gated(
    rf"([{KATA}・]{{3,}})\s*[（(]\s*([A-Za-z][A-Za-z0-9&'.\- ]{{1,40}}?)\s*[）)]",
    r"[（(]\s*[A-Za-z]",  # what every match holds: a sentence without it is skipped at once
)
_QUOTED_ORG_RE = re.compile(
    r"(?:会社|企業|取引所|銀行|大学|病院|メーカー|事業者|サービス|ポータル|社)\s*[「『]([^」』]{2,24})[」』]"
)
_SHA_RE = Gated(
    rf"(?<![{KANJI}{KATA}A-Za-z0-9])([{KATA}ー・]{{3,}}|[A-Z][A-Za-z0-9&.\-]{{1,30}})社", "社"
)

_DESC_WORD = r"(?:大手|企業|会社|事業者|メーカー|プロバイダー?)"
_DESC_LATIN_RE = Gated(
    rf"([^\s、。「」()（）]{{0,12}}?){_DESC_WORD}\s*([A-Z][A-Za-z0-9&'.\-]{{1,30}})(?![A-Za-z0-9])",
    rf"{_DESC_WORD}\s*[A-Z]",
)
_SUBJ_NP_RE = re.compile(
    rf"([{KANJI}]{{2,12}}(?:電機|電気|工業|重工|製作所|銀行|大学|病院|機構|協会|新聞|放送|研究所|研究開発機構|委員会|組合|財団|通信|電力|ガス|鉄道|航空|証券|保険|商事|物産|自動車|製薬|化学))"
)
_ORGAN_ACT_RE = re.compile(r"は|が|によると|によれば|と共同|とともに|など|の発表|の声明|の報告|も")


# -- victims --------------------------------------------------------------------------------
def find_victims(ctx: Ctx) -> list[Victim]:
    country: str | None
    sectors: tuple[str, ...] | list[str]
    text = ctx.text
    out: dict[str, Victim] = {}
    described: list[Victim] = []

    def add(key: str, v: Victim) -> None:
        old = out.get(key)
        if old is None:
            out[key] = v
        else:
            old.evidence += [e for e in v.evidence if all(e.start != o.start for o in old.evidence)]
            old.country = old.country or v.country
            old.sectors += [s for s in v.sectors if s not in old.sectors]

    attacker_countries = ctx.attacker_countries()
    for st in ctx.sents:
        t = st.text
        if not _ATTACK_RE.search(t):
            continue
        spans_taken: list[tuple[int, int]] = []

        def role_ok(a: int, b: int, authority_like: bool, t: str = t) -> bool:
            after = _skip_close(t[b : b + 80])[:60]
            if _TARGET_BEFORE_RE.search(t[max(0, a - 40) : a]) and not _REPORTER_AFTER_RE.match(
                after
            ):
                return True
            if authority_like:
                return (
                    bool(_RECEIVED_AFTER_RE.match(after))
                    or (
                        bool(_VICTIM_AFTER_RE.match(after))
                        and not re.match(r"[、・やと]|など|等", after)
                    )
                    or _VICTIM_STRONG(t, a, b)
                )
            if _RECEIVED_AFTER_RE.match(after) or _VICTIM_AFTER_RE.match(after):
                return True
            if _REPORTER_AFTER_RE.match(after):
                return False
            if authority_like:
                return False
            before = t[max(0, a - 12) : a]
            return bool(
                re.search(
                    r"(?:標的|被害|攻撃対象|狙われ)(?:に|と|は|を)?(?:なった|された)?$", before
                )
            ) or not _ORGAN_ACT_RE.match(after)

        # 1. lexicon organizations
        for m in _ORG_RE.finditer(t):
            a, b = m.start(), m.end()
            # part of a longer kanji word (e.g. 東京地検 vs 地検): keep only full-word matches
            if (
                a > 0
                and re.match(K, t[a - 1])
                and m.group() not in ("司法省", "財務省")
                and t[a - 1] not in "米英日"
            ):
                continue
            if ctx.in_hit(st.start + a, st.start + b):
                continue
            name, country, sectors = lex.ORGS[m.group()]
            authority_like = m.group() in lex.AUTHORITIES
            if not role_ok(a, b, authority_like):
                continue
            country = country or country_before(t, a) or None
            spans_taken.append((a, b))
            add(
                name,
                Victim(
                    name=name,
                    name_native=m.group(),
                    sectors=list(sectors),
                    country=country or None,
                    evidence=[span_evidence(text, st.start + a, st.start + b)],
                ),
            )
        # 2. "<country>政府" / "<country>の外務省"
        for m in GOV_RE.finditer(t):
            a, b = m.start(), m.end()
            if any(a < y and x < b for x, y in spans_taken) or ctx.in_hit(
                st.start + a, st.start + b
            ):
                continue
            code = lex.COUNTRIES[m.group(1)]
            if (
                code in attacker_countries
                and not _VICTIM_AFTER_RE.match(t[b : b + 60])
                and not _RECEIVED_AFTER_RE.match(t[b : b + 60])
            ):
                continue
            if not (
                _VICTIM_AFTER_RE.match(t[b : b + 60]) or _RECEIVED_AFTER_RE.match(t[b : b + 60])
            ):
                continue
            name = ministry_name(code, m.group(3))
            spans_taken.append((a, b))
            add(
                name,
                Victim(
                    name=name,
                    name_native=m.group(),
                    sectors=["government-national"],
                    country=code,
                    evidence=[span_evidence(text, st.start + a, st.start + b)],
                ),
            )
        # 3. glossed katakana names, quoted company names, X社, org-suffixed subjects
        cands: list[tuple[int, int, str | None, str]] = []
        for m in _KATA_GLOSS_RE.finditer(t):
            latin = m.group(2).strip()
            if latin.isupper() and len(latin) <= 5:
                continue  # an abbreviation gloss of a generic term
            cands.append((m.start(), m.end(), latin, m.group(1)))
        for m in _QUOTED_ORG_RE.finditer(t):
            inner = m.group(1)
            g = _KATA_GLOSS_RE.search(inner)
            latin = inner if inner.isascii() and re.search("[A-Za-z]", inner) else None
            cands.append(
                (
                    m.start(1),
                    m.end(1),
                    g.group(2).strip() if g else latin,
                    g.group(1) if g else inner,
                )
            )
        desc_sectors: dict[tuple[int, int], list[str]] = {}
        for m in _DESC_LATIN_RE.finditer(t):  # クレジットカード大手JCB
            cands.append((m.start(2), m.end(2), m.group(2), m.group(2)))
            desc_sectors[(m.start(2), m.end(2))] = list(ctx.kb.sectors(m.group(1)))
        for m in _SHA_RE.finditer(t):
            if m.group(1) in lex.GENERIC_NOUNS:
                continue
            cands.append((m.start(1), m.end(), None, m.group(1)))
        for m in _SUBJ_NP_RE.finditer(t):
            np = strip_lead(m.group(1))
            if np in lex.GENERIC_NOUNS or len(np) < 3:
                continue
            cands.append((m.end() - len(np), m.end(), None, np))
        for a, b, en, native in cands:
            if any(a < y and x < b for x, y in spans_taken) or ctx.in_hit(
                st.start + a, st.start + b
            ):
                continue
            if native in lex.GENERIC_NOUNS or (en and en in LATIN_STOP):
                continue
            if not role_ok(a, b, False) or not _VICTIM_STRONG(t, a, b):
                continue
            spans_taken.append((a, b))
            key = en or native
            country = country_before(t, a)
            add(
                key,
                Victim(
                    name=en,
                    name_native=native,
                    description=None if en else f"organization named {native}",
                    sectors=desc_sectors.get((a, b), []),
                    country=country,
                    evidence=[span_evidence(text, st.start + a, st.start + b)],
                ),
            )
        # 4. article-level target description: sectors and countries
        for m in _TARGET_CUE_RE.finditer(t):
            lo = clause_start(t, m.start())
            clause = t[lo : m.start()]
            if len(clause) < 2:
                continue
            sectors = [s for s in ctx.kb.sectors(clause) if s and s != "commercial"]
            auth_spans = [(x.start(), x.end()) for x in AUTH_RE.finditer(clause)]
            countries = []
            for c, ca, cb in countries_in(clause):
                if any(x <= ca < y for x, y in auth_spans) or c in countries:
                    continue
                if c in attacker_countries and not re.match(r"(?:を|に対|へ)", clause[cb : cb + 2]):
                    continue
                countries.append(c)
            if (
                re.search(r"(?<![同各そ])(?:国内の|国内企業|わが国|我が国|日本企業|邦人)", clause)
                and "JP" not in countries
            ):
                countries.append("JP")
            if not sectors and not countries:
                continue
            desc = "targets" + (f" in {', '.join(sectors)}" if sectors else "")
            for i, cc in enumerate([*countries] or [None]):
                described.append(
                    Victim(
                        name=None,
                        description=desc + (f" ({lex.COUNTRY_EN.get(cc, cc)})" if cc else ""),
                        sectors=sectors if i == 0 else [],
                        country=cc,
                        evidence=[span_evidence(text, st.start + lo, st.start + m.end())],
                    )
                )
    return list(out.values()) + described


def _skip_close(after: str) -> str:
    """Text after a name, past its closing quote and a short gloss: 「e-GOV」(デジタル庁)、..."""
    return re.sub(r"^[」』]?(?:\s*[（(][^）)。]{0,30}[）)])?", "", after, count=1)


def _VICTIM_STRONG(t: str, a: int, b: int) -> bool:  # noqa: N802
    """Non-lexicon names need a clear victim cue right after them (not just a list comma)."""
    after = _skip_close(t[b : b + 80])[:60]
    if _RECEIVED_NOW_RE.match(after) or _TARGET_BEFORE_RE.search(t[max(0, a - 40) : a]):
        return True
    m = _VICTIM_AFTER_RE.match(after)
    if m and not re.match(r"[、・やと]|など|等", after):
        return True
    # in a list that ends in a victim cue
    tail = re.match(
        r"^[^。]{0,80}?(?:など|等)?(?:の[^。、]{0,10})?(?:(?:を|が|に|へ|への)(?:標的|狙|攻撃|侵入|侵害|被害|ハッキング|不正)"
        # "A、B、Cのウェブサイトで、DDoS攻撃による障害が発生"
        r"|で[、,]?[^。]{0,20}?(?:攻撃|障害|被害|不正アクセス|侵入))",
        after,
    )
    return bool(tail and re.match(r"^[、・やと]", after))
