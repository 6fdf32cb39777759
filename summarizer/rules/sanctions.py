"""Sanctions: sentences with 制裁対象/制裁を科す/資産凍結..., imposers from the subject, targets
(organs, ministries, companies, people with nicknames, list lines) and measures."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from summarizer.models import Indictment, Party, Person, Sanction
from summarizer.rules import lexicon as lex
from summarizer.rules.led import lazy_re
from summarizer.rules.people import (
    LIST_BULLET_RE,
    ORG_LIST_INTRO_RE,
    full_name_before,
    kanji_name_in,
    list_after,
    nationality_in,
    people_in,
    person_gloss,
    sentences_with,
)
from summarizer.rules.reading import (
    AUTH_RE,
    COUNTRY_ALT,
    COUNTRY_FIRST,
    GOV_RE,
    KANJI,
    KATA,
    NOT_K,
    Ctx,
    Sent,
    acting_party,
    alternation,
    announcer_after,
    countries_in,
    dedup_evidence,
    ministry_name,
    non_party_role,
    parse_number,
    roles_data,
    speaks_after,
    strip_lead,
)

SANCTION_RE = lazy_re(
    r"制裁の対象|制裁を行|制裁(?:対象|措置|を科|を課|を発動|を発表|を加え|に指定|指定|リスト|を受け|した|する|され|を決定|に踏み切|対象者)"
    r"|資産凍結|資産を凍結|入国禁止|渡航禁止|SDN|特別指定国民"
)

# a word every match of SANCTION_RE holds
_SANCTION_WORDS = ("制裁", "資産凍結", "資産を凍結", "入国禁止", "渡航禁止", "SDN", "特別指定国民")
_KATA_TITLE_RE = lazy_re(
    rf"(?<![{KATA}・=＝･])([{KATA}]{{2,}})(?:氏|容疑者|被告|情報相|外相|国防相|相|長官|大臣|司令官|局長|次官)"
)

# the words a title after a katakana name holds (情報相 and 外相 hold 相)
_KATA_TITLE_WORD_RE = lazy_re(r"氏|容疑者|被告|相|長官|大臣|司令官|局長|次官")
# every ministry word of GOV_RE ends in one of these
_GOV_LAST_RE = lazy_re(
    "[" + re.escape("".join(sorted({w[-1] for w in lex.MINISTRIES} | {"府"}))) + "]"
)
_LATIN_COMPANY_WORD_RE = lazy_re(r"Co|Ltd|Limited|LLC|Inc|GmbH|Technology")


def _may_name_gov(t: str) -> bool:
    return _GOV_LAST_RE.search(t) is not None


def _may_name_latin_company(t: str) -> bool:
    return _LATIN_COMPANY_WORD_RE.search(t) is not None


_COMPANY_RE = lazy_re(
    rf"(?<![{KANJI}{KATA}A-Za-z])([{KANJI}{KATA}A-Za-z0-9・]{{2,24}}?(?:股份有限公司|有限責任公司|有限公司|集団公司|公司|株式会社))"
)
# a katakana name + 社 (ソフト・ライン社), or a kanji/katakana name + 会社 after の/、/と/は
_NATIVE_COMPANY_RE = lazy_re(
    rf"(?<![{KATA}・ー])([{KATA}][{KATA}ー]+(?:・[{KATA}ー]+){{0,4}}社)(?![会員長内外])"
    rf"|(?<=[のは、と])([{KANJI}{KATA}・ー]{{2,16}}?(?<!子|親|同|本|新|旧)会社)(?![{KANJI}])"
)
# right after the company: (と、同社の社長)を(独自の)制裁対象に: the object of the designation
_COMPANY_OBJECT_RE = lazy_re(
    r"(?:など)?(?:(?:と|、|および|及び)[、,]?[^。をにが]{0,30}?)?(?:を|も|に対し(?:て)?[、,]?)"
    r"[^。、をに]{0,12}?(?:制裁|資産凍結)"
)
_LATIN_COMPANY_RE = lazy_re(
    r"(?<![A-Za-z])((?:[A-Z][A-Za-z0-9&'.\-]*\s){1,6}(?:Co\.,? Ltd\.?|Company Limited|Company|Ltd\.?|Limited|LLC|Inc\.?|Corporation|Corp\.?|GmbH|Technology))"
)

_LATIN_TWO_WORDS_RE = lazy_re(r"[A-Z][a-z]+ [A-Z][a-z]+")
_CLAUSE_CUT_RE = lazy_re(r"[。「」『』]")
# 対 before the first character of a state's name (対北朝鮮, 対ロシア, 対米)
_AGAINST_STATE_RE = lazy_re(rf"対[{re.escape(COUNTRY_FIRST)}日米英露豪韓独仏中加朝]")
_EU_RE = lazy_re(r"EU|欧州連合")
_IMPOSES_ON_NOUN_RE = lazy_re(rf"(?:す|している|してきた|した)[{KANJI}{KATA}]")
_DEALS_WITH_RE = lazy_re(r"(?:者)?(?:との|と(?:の)?取引|への送金)")
_TARGET_CUE_RE = lazy_re(r"制裁|指定|対象")
_MEASURE_RE = lazy_re(alternation(p for p, _ in lex.MEASURES))
_MEASURE_MAP = dict(lex.MEASURES)


@dataclass
class _Announcement:
    """One sanction announcement: the sentences of one set of imposers, and what they state."""

    imposers: list[str]
    authority: str | None = None
    targets: list[Party] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)

    def add_target(self, p: Party) -> None:
        k = (p.name_native or p.name).replace("・", "").replace(" ", "").lower()
        # (and by its name: 「X(Foo Cash)」 and Foo Cash alone are one target)
        k2 = "name:" + p.name.replace(" ", "").lower()
        if k not in self.seen and k2 not in self.seen:
            self.seen.update((k, k2))
            self.targets.append(p)

    def to_sanction(self, text: str) -> Sanction:
        return Sanction(
            imposed_by=self.imposers,
            authority=self.authority,
            targets=self.targets,
            measures=self.measures,
            evidence=dedup_evidence(text, self.spans),
        )


def _announcement_for(groups: list[_Announcement], codes: list[str]) -> _Announcement:
    """The announcement a sentence with imposers ``codes`` belongs to: the one whose imposers
    contain them or are contained in them (米、英、豪は… / 米財務省は…), else a new one; a
    sentence naming no imposer continues the last announcement."""
    if not codes:
        if not groups:
            groups.append(_Announcement([]))
        return groups[-1]
    for g in reversed(groups):
        if g.imposers and (set(codes) <= set(g.imposers) or set(g.imposers) <= set(codes)):
            g.imposers += [c for c in codes if c not in g.imposers]
            return g
        if not g.imposers:
            g.imposers = list(codes)
            return g
    groups.append(_Announcement(list(codes)))
    return groups[-1]


# a new clause with its own subject between two sanction cues: 、英豪も / 、EUは
_CLAUSE_SUBJECT_RE = lazy_re(r"[、,][^、。]{1,20}?(?:は|が|も)[、,]?")
# the authorities an announcement names as the one that sanctions, and their Japanese forms
_SANCTIONING = ("US Department of the Treasury", "OFAC", "UK Foreign Office", "HM Treasury")
_SANCTIONING_RE = lazy_re(
    alternation(w for w, (name, _c) in lex.AUTHORITIES.items() if name in _SANCTIONING)
)


def find_sanctions(ctx: Ctx, indictments: list[Indictment]) -> list[Sanction]:
    """One Sanction per announcement (set of imposers) in the article."""
    defendants = [p for i in indictments for p in i.defendants if p.name_native]
    groups: list[_Announcement] = []
    for si in sentences_with(ctx, _SANCTION_WORDS):
        st = ctx.sents[si]
        m = next((x for x in SANCTION_RE.finditer(st.text) if not _standing(st.text, x)), None)
        if not m:
            continue
        t = st.text
        accused = ctx.accused_states()
        cs = _imposers(t, m.start(), accused)
        if not cs:
            prev = ctx.sents[si - 1].text if si > 0 else ""
            cs = _imposers(prev, len(prev), accused) if SANCTION_RE.search(prev) else []
        if not cs and "省" in t and _BARE_MINISTRY_SUBJECT_RE.search(t, 0, m.start()):
            cs = _state_before(ctx, si, accused)
        cur = _announcement_for(groups, cs)
        if cur.authority is None and _SANCTIONING_RE.search(t, 0, m.start()):
            auth, _j = acting_party(t, m.start())
            if auth in _SANCTIONING:
                cur.authority = auth
        cur.spans.append((st.start, st.end))
        cur.measures += [
            mm
            for mm in (_MEASURE_MAP[x.group()] for x in _MEASURE_RE.finditer(t))
            if mm not in cur.measures
        ]
        _sentence_targets(ctx, si, cur, set(cs), defendants)
        # …を制裁対象に指定し、英豪も同氏に制裁を科した: a second clause, other imposers
        for x in SANCTION_RE.finditer(t, m.end()):
            if _standing(t, x) or not _CLAUSE_SUBJECT_RE.search(t, m.end(), x.start()):
                continue
            cs2 = _imposers(t, x.start(), accused)
            if cs2 and not set(cs2) & set(cs):
                other = _announcement_for(groups, cs2)
                other.spans.append((st.start, st.end))
                _sentence_targets(ctx, si, other, set(cs2), defendants)
                break
    _targets_named_after(ctx, groups, indictments)
    # a sanction nobody is stated to impose is not reported
    return [g.to_sanction(ctx.text) for g in groups if g.imposers]


# 財務省は同日、… : a ministry named with no state, as the subject (a bare 外務省 is Japan's)
_BARE_MINISTRY_SUBJECT_RE = lazy_re(
    rf"(?<![{KANJI}{KATA}A-Za-z])(?:財務省|国務省|司法省)(?:[（(][^（）()]{{0,20}}[）)])?(?:は|も|が)"
)


def _state_before(ctx: Ctx, si: int, accused: set[str]) -> list[str]:
    """The state of the authority named last in the two sentences before ``si`` (米国務省は…。
    財務省は同日、…を制裁対象に加えた: the same government's ministry)."""
    for j in (si - 1, si - 2):
        if j < 0:
            break
        prev = ctx.sents[j].text
        codes = [
            c
            for a in AUTH_RE.finditer(prev)
            if (c := lex.AUTHORITIES[a.group()][1]) and c not in accused
        ]
        if codes:
            return [codes[-1]]
    return []


def _sentence_targets(
    ctx: Ctx, si: int, cur: _Announcement, imposer_names: set[str], defendants: list[Person]
) -> None:
    """The parties sentence ``si`` (and the list it introduces) designates, added to ``cur``."""
    st = ctx.sents[si]
    t = st.text
    add_target = cur.add_target
    # organs (国家安全部, 情報省) and governments named as targets
    for h in ctx.hits_in(st.start, st.end):
        if h.kind == "organ":
            if _OWNER_AFTER_RE.match(ctx.text, h.end):
                continue  # 偵察総局傘下のハッカー組織: the owner of the target
            rec = ctx.kb.organ(h.key)
            add_target(
                Party(
                    name=rec.name if rec else h.key,
                    name_native=ctx.text[h.start : h.end],
                    kind="organization",
                )
            )
        elif h.kind == "actor" and (
            _designated(t, h.start - st.start, h.end - st.start)
            or _DIRECT_OBJECT_RE.match(t, h.end - st.start)  # 「X」と「Y」、および…を制裁対象に
        ):
            rec = ctx.kb.actor(h.key)
            add_target(
                Party(
                    name=rec.name if rec else h.key,
                    name_native=ctx.text[h.start : h.end],
                    kind="organization",
                )
            )
    for g in GOV_RE.finditer(t) if _may_name_gov(t) else ():
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
    for cm in _COMPANY_RE.finditer(t) if "公司" in t or "株式会社" in t else ():
        native = strip_lead(cm.group(1))
        add_target(Party(name=native, name_native=native, kind="organization"))
    cue = _DESIGNATED_LIST_RE.search(t) if "社" in t and _list_cue(t) else None
    for cm in _NATIVE_COMPANY_RE.finditer(t) if "社" in t else ():
        # ロシアのソフト・ライン社を制裁対象に / 北朝鮮の朝鮮X貿易会社と…を: unquoted companies;
        # 制裁対象は、IT企業のX社、…: one named after the cue of a list
        native = cm.group(1) or cm.group(2)
        a, b = cm.start(), cm.end()
        if ctx.in_hit(st.start + a, st.start + b):
            continue
        listed = cue is not None and cue.end() <= a and not t.startswith("の", b)
        if not listed and not _COMPANY_OBJECT_RE.match(t, b):
            continue
        add_target(Party(name=native, name_native=native, kind="organization"))
    for cm in _LATIN_COMPANY_RE.finditer(t) if _may_name_latin_company(t) else ():
        if _MEMBERS_AFTER_RE.match(t[cm.end() :]):
            continue  # Foo Corp構成員に制裁: its members are the targets
        add_target(Party(name=cm.group(1).strip(), kind="organization"))
    for km in _KATA_ORG_GLOSS_RE.finditer(t) if "(" in t or "（" in t else ():
        a, b = st.start + km.start(1), st.start + km.end(1)
        if ctx.in_hit(a, b) or not _near_target_cue(t):
            continue
        if non_party_role(t, km.start(1), km.end(), km.group(1)) in _NOT_TARGETS:
            continue
        name, _u = ctx.rom(km.group(1), origin=nationality_in(t))
        add_target(Party(name=name, name_native=km.group(1), kind="organization"))
    quoted_orgs = list(_QUOTED_ORG_RE.finditer(t)) if "「" in t or "『" in t else []
    for qi, qm in enumerate(quoted_orgs):
        a, b = st.start + qm.start(1), st.start + qm.end(1)
        if ctx.in_hit(a, b):
            continue
        if not _designated(t, qm.start(1), qm.end(1)) and not (
            # 組織「A」と、…の企業「B」を制裁対象に: A joined to a designated B
            qi + 1 < len(quoted_orgs)
            and _JOINED_RE.match(t, qm.end(1), quoted_orgs[qi + 1].start())
            and _designated(t, quoted_orgs[qi + 1].start(1), quoted_orgs[qi + 1].end(1))
        ):
            continue
        if non_party_role(t, qm.start(1), qm.end(1) + 1, qm.group(1)) in _NOT_TARGETS:
            continue  # 映画会社「X」への攻撃: the victim; 「X」によると: the source
        add_target(_quoted_org(t, qm.group(1), qm.end()))
    for qm in _QUOTED_RE.finditer(t) if "「" in t else ():
        # 中国・四川省の「X」を制裁対象に指定: a quoted name as the object of the designation
        a, b = st.start + qm.start(1), st.start + qm.end(1)
        if ctx.in_hit(a, b) or not _DIRECT_OBJECT_RE.match(t, qm.end(1)):
            continue
        add_target(_quoted_org(t, qm.group(1), qm.end()))
    lines = [st] + list_after(ctx, si)
    _lines_targets(ctx, lines, cur, defendants)
    # 同社の代表者の張三氏を制裁対象に: a kanji name with 氏, the object of the designation
    for km in _KANJI_SHI_RE.finditer(t) if "氏" in t else ():
        native = kanji_name_in(km.group(1))
        b = km.end()
        if native is None or not _designated(t, b - len(native) - 1, b):
            continue
        if ctx.in_hit(st.start + b - len(native) - 1, st.start + b - 1):
            continue
        name, unsure = ctx.rom(native, origin=nationality_in(t))
        add_target(Party(name=name, name_native=native, kind="person", name_uncertain=unsure))
    # defendants referred to by full or given name in a sanction sentence
    accused_word = "被告" in t or "容疑者" in t
    for p in defendants:
        nat = p.name_native or ""
        if len(nat) >= 3 and (
            nat in t
            or (nat[1:] in t and re.search(rf"{NOT_K}{re.escape(nat[1:])}(?![{KANJI}])", t))
        ):
            add_target(
                Party(name=p.name, name_native=nat, kind="person", name_uncertain=p.name_uncertain)
            )
            continue
        # 周被告と…を制裁対象に加えた: a kanji defendant by surname, the only one with it
        if (
            accused_word
            and len(nat) >= 2
            and (nat[0] + "被告" in t or nat[0] + "容疑者" in t)
            and re.search(rf"(?<![{KANJI}]){re.escape(nat[0])}(?:被告|容疑者)", t)
            and sum(1 for q in defendants if (q.name_native or "")[:1] == nat[0]) == 1
        ):
            add_target(
                Party(name=p.name, name_native=nat, kind="person", name_uncertain=p.name_uncertain)
            )
            continue
        # パク容疑者と…を制裁対象に指定: one part of a katakana name with its honorific
        parts = [x for x in _JOINER_SPLIT_RE.split(nat) if len(x) >= 2] if accused_word else []
        if len(parts) >= 2 and any(
            # (not 「X被告のような人物」: named for comparison, not designated)
            x in t and re.search(rf"(?<![{KATA}]){re.escape(x)}(?:容疑者|被告)(?!の)", t)
            for x in parts
        ):
            add_target(
                Party(name=p.name, name_native=nat, kind="person", name_uncertain=p.name_uncertain)
            )
    # 起訴された9人を含む10人を制裁対象に / 被告らも制裁対象に: every defendant named
    if defendants and accused_word | ("起訴" in t) and _ALL_ACCUSED_RE.search(t):
        for p in defendants:
            add_target(
                Party(name=p.name, name_native=p.name_native, kind="person",
                      name_uncertain=p.name_uncertain)
            )  # fmt: skip
    # マスームプール被告ら4人も制裁対象に: the defendants named with him, that many
    for gm in _ONE_AND_OTHERS_RE.finditer(t) if accused_word else ():
        for p in _named_with(ctx, defendants, gm.group(1), parse_number(gm.group(2))):
            add_target(
                Party(name=p.name, name_native=p.name_native, kind="person",
                      name_uncertain=p.name_uncertain)
            )  # fmt: skip
    # 同社と関被告を制裁対象に指定: the company the article named last before
    for dm in _SAME_COMPANY_RE.finditer(t) if "同社" in t else ():
        if _designated(t, dm.start(), dm.end()):
            org = _company_before(ctx, si)
            if org is not None:
                add_target(org)
            break
    # (「X研究所」…) X研究所と…を制裁対象に指定: an organization quoted before, named again
    for native in _quoted_orgs(ctx) if _near_target_cue(t) else ():
        k = t.find(native)
        if k < 0 or t[k - 1 : k] in ("「", "『") or ctx.in_hit(st.start + k, st.start + k + 1):
            continue
        if _designated(t, k, k + len(native)):
            add_target(Party(name=native, name_native=native, kind="organization"))
    # 被告を制裁対象に指定: the article's only defendant
    if len(defendants) == 1 and "被告" in t and _ONLY_DEFENDANT_RE.search(t):
        p = defendants[0]
        add_target(
            Party(
                name=p.name,
                name_native=p.name_native,
                kind="person",
                name_uncertain=p.name_uncertain,
            )
        )


def _lines_targets(
    ctx: Ctx, lines: list[Sent], cur: _Announcement, defendants: list[Person], first: int = 0
) -> None:
    """The parties a sanction sentence (``lines[0]``) and the list lines after it name."""
    add_target = cur.add_target
    t = lines[0].text
    # 以下の3つのハッカー集団を指定した / 次の6社: the list's lines name organizations, not people
    orgs_only = len(lines) > 1 and (
        bool(_ORG_LIST_HEAD_RE.search(t)) and "人" not in t or bool(_ORG_COUNT_RE.search(t))
    )
    for li, line in enumerate(lines):
        if li < first:
            continue
        before = len(cur.targets)
        entries = _list_entries(ctx, line.text, orgs_only=orgs_only) if li > 0 else []
        if entries:
            for entry in entries:
                add_target(entry)
            cur.spans.append((line.start, line.end))
            continue
        kanji_names = _kanji_name_list(ctx, line.text) if li > 0 and "、" in line.text else []
        if kanji_names:
            for p in kanji_names:
                add_target(p)
            cur.spans.append((line.start, line.end))
            continue
        ppl = people_in(
            ctx,
            line.start,
            line.end,
            latin=li > 0 or bool(_LATIN_TWO_WORDS_RE.search(line.text)),
            list_line=li > 0,
        )
        for p, _a, _b in ppl:
            if p.age is None and li == 0 and not _near_target_cue(line.text):
                continue
            if (p.name_native or "a").isascii() and _QUOTE_GLOSS_END_RE.match(ctx.text, _b):
                continue  # 「ダーク・ミル(Dark Mill)」: the Latin name of a quoted group
            add_target(
                Party(
                    name=p.name,
                    name_native=p.name_native,
                    kind="person",
                    name_uncertain=p.name_uncertain,
                )
            )
        titled = _KATA_TITLE_WORD_RE.search(line.text) is not None
        for km in _KATA_TITLE_RE.finditer(line.text) if titled else ():
            native = km.group(1)
            if native in lex.GENERIC_NOUNS or ctx.in_hit(
                line.start + km.start(1), line.start + km.end(1)
            ):
                continue
            if speaks_after(line.text, km.end()):
                continue  # ブリンケン長官は…と説明した: announces, is not designated
            if km.group().endswith("氏") and _KIN_AFTER_RE.match(line.text, km.end()):
                continue  # マクシム氏の義父: named for a relation, not designated
            if km.group().endswith(("被告", "容疑者")) and line.text.startswith("の", km.end()):
                continue  # X被告のような人物 / X被告の親族: someone else is designated
            full = full_name_before(ctx, native, line.start + km.start(1))
            if full is None and len(native) < 3:
                continue  # シム氏: a short part, taken only for a full name given before
            if full is None and any(native in _name_parts(p.name_native) for p in defendants):
                continue  # ジャリリ被告: a defendant by surname, added in full below
            if full is not None:
                # リジェンコフ氏を制裁対象に: the person named in full earlier in the article
                fp = full[0]
                add_target(
                    Party(name=fp.name, name_native=fp.name_native, kind="person",
                          name_uncertain=fp.name_uncertain)
                )  # fmt: skip
                continue
            name, unsure = ctx.rom(native, origin=nationality_in(line.text))
            add_target(Party(name=name, name_native=native, kind="person", name_uncertain=unsure))
        if li > 0 and len(cur.targets) > before:
            cur.spans.append((line.start, line.end))  # a list line that names a target


# 起訴された9人を含む / 起訴された被告ら / 3被告を / 被告らも: all of the article's defendants
_ALL_ACCUSED_RE = lazy_re(
    r"(?:起訴された[^。、をにはが]{0,8}?(?:[0-9０-９一二三四五六七八九十]{1,2}\s*(?:人|名)|被告|容疑者)"
    rf"|(?<![{KATA}{KANJI}])(?:被告|容疑者)ら(?:を|も|と|全員)"
    r"|[0-9０-９一二三四五六七八九十]{1,2}\s*被告(?:を|も|と))"
    # (not 起訴された2人とは別の3人 / 被告ら以外の: others than the defendants)
    r"(?![^。、]{0,3}?(?:とは別|以外|を除))"
)
_ONE_AND_OTHERS_RE = lazy_re(
    rf"([{KATA}{KANJI}]{{1,12}})(?:被告|容疑者)ら([0-9０-９一二三四五六七八九十]{{1,2}})\s*(?:人|名)"
)
_SAME_COMPANY_RE = lazy_re(rf"(?<![{KANJI}])同社(?!の|長|員|幹部|関係者|社長|代表)")
_COMPANY_NAME_RE = lazy_re(
    r"(?:企業|会社|社)[「『]([^「」『』]{2,30})[」』]|[「『]([^「」『』]{2,30}(?:有限公司|公司|株式会社|社))[」』]"
)
_ORG_QUOTED_RE = lazy_re(
    rf"[「『]([{KANJI}{KATA}・ー]{{2,20}}(?:研究所|研究院|研究センター|公司|大学|学院|機関|協会))[」』]"
)


def _named_with(ctx: Ctx, defendants: list[Person], part: str, n: int | None) -> list[Person]:
    """The defendants named in the sentence that names the one called ``part``, when they are
    ``n`` (X被告ら4人: X and the three named with him)."""
    one = next((p for p in defendants if part in _name_parts(p.name_native) or
                (p.name_native or "").startswith(part)), None)  # fmt: skip
    if one is None or not n or not one.name_native:
        return []
    for st in ctx.sents:
        if one.name_native in st.text:
            named = [p for p in defendants if p.name_native and p.name_native in st.text]
            return named if len(named) == n else []
    return []


def _company_before(ctx: Ctx, si: int) -> Party | None:
    """The company a sentence before ``si`` names last (企業「X有限公司」(Foo Tech))."""
    for j in range(si - 1, max(-1, si - 6), -1):
        t = ctx.sents[j].text
        last = None
        for m in _COMPANY_NAME_RE.finditer(t) if "「" in t or "『" in t else ():
            last = m
        if last is not None:
            native = last.group(1) or last.group(2)
            return _quoted_org(t, native, last.end())
    return None


def _quoted_orgs(ctx: Ctx) -> tuple[str, ...]:
    """Organizations the article quotes by a name ending in 研究所/公司/大学/機関…"""
    return _quoted_orgs_in(ctx.text) if "「" in ctx.text else ()


@functools.lru_cache(maxsize=4)
def _quoted_orgs_in(text: str) -> tuple[str, ...]:
    """(read once per article: each sanction sentence with a target cue asks)"""
    return tuple(m.group(1) for m in _ORG_QUOTED_RE.finditer(text))


_QUOTE_GLOSS_END_RE = lazy_re(r"\s*[）)][」』]")
_KANJI_SHI_RE = lazy_re(rf"([{KANJI}]{{2,6}})氏(?![{KANJI}])")


def _name_parts(native: str | None) -> list[str]:
    return [x for x in _JOINER_SPLIT_RE.split(native or "") if len(x) >= 2]


# a word every match of _DESIGNATED_LIST_RE holds
def _list_cue(t: str) -> bool:
    """``t`` holds a word every match of _DESIGNATED_LIST_RE holds."""
    return (
        "対象" in t or "された" in t or "のは" in t or "もの" in t or "なった" in t
        or "人は" in t or "名は" in t or "氏は" in t or "は、" in t[:8] or "うち" in t[:4]
    )  # fmt: skip


_KIND_HEAD_RE = lazy_re(r"\s*(?:制裁対象の|対象の|指定された)?(?:団体|組織|企業|法人)(?:は|として)")
# 」。 / 」など。 / 」の3団体。: a list of names that ends the sentence, no verb after it
_NOUN_LIST_END_RE = lazy_re(
    r"[」』](?:[（(][^（）()]{0,30}[）)])?(?:など|等)?"
    r"(?:の?[0-9０-９一二三四五六七八九十]+(?:団体|社|組織|機関|企業))?\s*$"
)


def _targets_named_after(
    ctx: Ctx, groups: list[_Announcement], indictments: list[Indictment]
) -> None:
    """他に指定されたのは「X」と「Y」: a sentence right after a sanction that names more targets."""

    if not groups:
        return
    defendants = [p for i in indictments for p in i.defendants if p.name_native]
    sanction_sents = {ctx.sent_of(a): g for g in groups for a, _b in g.spans}
    after = {j + d for j in sanction_sents for d in (1, 2, 3)} - set(sanction_sents)
    for si in sorted(i for i in after if i < len(ctx.sents)):
        st = ctx.sents[si]
        near = [sanction_sents[j] for j in (si - 1, si - 2, si - 3) if j in sanction_sents]
        cue = _DESIGNATED_LIST_RE.search(st.text) if _list_cue(st.text) else None
        if not cue:
            continue
        cur = near[0]
        items = list_after(ctx, si)
        if items:
            # 指定されたのは以下の通り。\n一、X(…)\n説明。\n一、Y: the list names the targets
            _lines_targets(ctx, [st, *items], cur, defendants, first=1)
            continue
        rest = st.text[cue.end() :].split("。")[0]
        if _KIND_HEAD_RE.match(cue.group()) and not _NOUN_LIST_END_RE.search(rest):
            continue  # 団体は、「X」への関与を否定した: a statement, not the list's other part
        if _PEOPLE_HEAD_RE.match(cue.group()) and not _PEOPLE_LIST_END_RE.search(rest):
            continue  # 個人は…を否定した: a statement, not the list of people
        for qm in re.finditer(
            r"「([^「」]{2,30}|[^「」]{2,30}[（(][^「」（）()]{2,40}[）)])」", rest
        ):
            native = _PAREN_TAIL_RE.sub("", qm.group(1))  # 「X(ABC)」: X
            gloss = qm.group(1)[len(native) :].strip()[1:-1].strip()
            a = st.start + cue.end() + qm.start(1)
            hit = next((h for h in ctx.hits_in(a, a + len(native)) if h.kind == "actor"), None)
            rec = ctx.kb.actor(hit.key) if hit is not None else None
            name = (
                rec.name
                if rec
                else gloss  # 「フー・テック(Foo Tech)」: the Latin name given with it
                if gloss and _LATIN_GLOSS_ONLY_RE.fullmatch(gloss) and not native.isascii()
                else native
                if native.isascii() or _COMPANY_RE.fullmatch(native)  # a company keeps its name
                else ctx.rom(native)[0]
            )
            cur.add_target(Party(name=name, name_native=native, kind="organization"))
            cur.spans.append((st.start, st.end))
        for cm in _NATIVE_COMPANY_RE.finditer(rest) if "社" in rest else ():
            # 制裁対象は、IT企業のX・Y社、同社の社長…: an unquoted company the list names
            if rest.startswith("の", cm.end()) or "「" in rest[max(0, cm.start() - 1) : cm.start()]:
                continue
            native = cm.group(1) or cm.group(2)
            cur.add_target(Party(name=native, name_native=native, kind="organization"))
            cur.spans.append((st.start, st.end))
        # …のX局長と、Y氏の2人: the people the list names, titled or not, are designated
        a0 = st.start + cue.end()
        people = [
            (p.name, p.name_native, p.name_uncertain)
            for p, _a, _b in people_in(ctx, a0, a0 + len(rest), latin=True)
        ]
        for km in _TITLED_KATA_RE.finditer(rest):
            if not ctx.in_hit(a0 + km.start(1), a0 + km.end(1)):
                name, unsure = ctx.rom(km.group(1), origin=nationality_in(rest))
                people.append((name, km.group(1), unsure))
        people.sort(key=lambda p: rest.find(p[1] or p[0]))
        for name, native, unsure in people:
            cur.add_target(
                Party(name=name, name_native=native, kind="person", name_uncertain=unsure)
            )
            cur.spans.append((st.start, st.end))


# roles that make an organization named in a sanction sentence something other than a target
_NOT_TARGETS = ("acted-on", "speaker", "outlet")
# a subject marker; は/が right after hiragana is part of a word or phrase (つながり, では)
# (the lookahead, the marker's own character, rejects most offsets in one test)
_MARKER_RE = lazy_re(r"(?=[はがも])(?:(?<![ぁ-ゖ])(?:は|が)|(?<![とでにく])も)[、,]?")
# 政府 with no state before it: in Japanese reporting, Japan's government
_BARE_GOV_RE = lazy_re(rf"(?:^|[^{KANJI}{KATA}A-Za-z])政府$")


def _subject_phrase(head: str, k: int) -> str:
    """The noun phrase before the subject marker at ``head[k]``: the last clause piece, with the
    list pieces of states before it (米、英、オーストラリアは)."""
    seg = _CLAUSE_CUT_RE.split(head[:k])[-1]
    pieces = seg.split("、")
    phrase = pieces[-1]
    for piece in reversed(pieces[:-1]):
        if len(piece) <= 8 and countries_in(piece + "、"):
            phrase = piece + "、" + phrase
        else:
            break
    return phrase


_PREFIX_STATES_RE = lazy_re(
    "(?:^|[^" + "".join(lex.COUNTRY_PREFIX) + "])([" + "".join(lex.COUNTRY_PREFIX) + "]{2,5})"
    r"(?:両|各|[0-9０-９二三四五]か?カ?国)?(?:政府|当局|国)?$"
)


def _subject_states(head: str, accused: set[str]) -> tuple[list[str], str]:
    """States (or the authorities' states) named as the subject nearest before the sanction cue;
    a bare 政府 in Japanese reporting is Japan's government. Returns (codes, phrase)."""
    for m in reversed(list(_MARKER_RE.finditer(head))):
        phrase = _subject_phrase(head, m.start())
        if not phrase or len(phrase) > 40:
            continue
        codes = [c for c, _a, _b in countries_in(phrase) if c not in accused]
        if not codes:
            codes = [c for a in AUTH_RE.finditer(phrase) if (c := lex.AUTHORITIES[a.group()][1])]
            codes = [c for c in codes if c not in accused]
        if not codes and (pm := _PREFIX_STATES_RE.search(phrase)):
            # 米英両政府は / 日米韓各国は: states written by their one-character prefixes
            codes = [lex.COUNTRY_PREFIX[ch] for ch in pm.group(1)]
            codes = [c for c in codes if c not in accused]
        if not codes and _BARE_GOV_RE.search(phrase):
            codes = ["JP"]
        if codes or _EU_RE.search(phrase):
            return list(dict.fromkeys(codes)), phrase
    return [], ""


_STATES_BEFORE_CUE_RE = lazy_re(
    rf"((?:(?:{COUNTRY_ALT}|[米英露豪韓]|EU|欧州連合)(?:と|、|および|及び)?)+)(?:政府)?(?:から|による|の|が)?$"
)
# how every match of _STATES_BEFORE_CUE_RE ends: a state name's last character, then the tail
_STATE_LAST = "".join(sorted({w[-1] for w in lex.COUNTRIES} | set("米英露豪韓U合")))
_STATES_END_RE = lazy_re(
    rf"[{re.escape(_STATE_LAST)}](?:と|、|および|及び)?(?:政府)?(?:から|による|の|が)?$"
)


def _imposers(s: str, pos: int, accused: set[str]) -> list[str]:
    head = s[:pos]
    # explicit subject "米国と英国は", "アメリカとイギリス当局は", "バイデン米政権は", "米韓も"
    out, region = _subject_states(head, accused)
    # "英国と米国から制裁", "米制裁", "米英の制裁", "EUによる制裁"
    window = head[max(0, pos - 20) : pos]
    for m in _STATES_BEFORE_CUE_RE.finditer(window) if _STATES_END_RE.search(window) else ():
        for code, _a, _b in countries_in(m.group(1)):
            if code not in out:
                out.append(code)
        if "EU" in m.group(1) or "欧州連合" in m.group(1):
            out.append("EU") if "EU" not in out else None
    if not out:
        _auth, acting = acting_party(s, pos)
        if acting:
            out.append(acting)
    if not out:
        # …を制裁対象に指定したと、英外務省が発表した: the announcer after the cue
        out = announcer_after(s, pos)[1]
    if _EU_RE.search(region) and "EU" not in out:
        out.append("EU")
    # 対北朝鮮制裁, 対ロシア制裁: the state after 対 is the one sanctioned
    against = (
        {c for c, a, _b in countries_in(s) if a > 0 and s[a - 1] == "対"}
        if _AGAINST_STATE_RE.search(s)
        else set()
    )
    return [c for c in out if c not in accused and c not in against]


_ONGOING_RE = lazy_re(r"(?:している|しており|してきた|してきており|し続け)(?!と)")


def _standing(t: str, m: re.Match[str]) -> bool:
    """A sanction mentioned as a standing fact, not announced here: 米国が制裁を科す北朝鮮
    (a relative clause), 制裁対象との取引を禁じる (dealing with sanctioned parties)."""
    after = t[m.end() : m.end() + 8]
    if m.group() in ("制裁を科", "制裁を課"):
        # 米国は北朝鮮に制裁を科しているが: an ongoing state of affairs, not an announcement
        return bool(_IMPOSES_ON_NOUN_RE.match(after) or _ONGOING_RE.match(after))
    if m.group() in ("制裁対象", "制裁対象者"):
        return bool(_DEALS_WITH_RE.match(after))
    return False


# 氏の父親 / 氏の義父にあたる: a person named for someone's relation
_KIN_AFTER_RE = lazy_re(r"の(?:父|母|息子|娘|妻|夫|義父|義母|兄|弟|姉|妹|親族|家族|弁護人)")
# 偵察総局傘下の / 国家安全部に所属する: an organ named as the owner of the target
_OWNER_AFTER_RE = lazy_re(
    # IRGC-CEC: the hit is the head of a longer acronym, a unit of it
    r"(?:[－\-][Ａ-ＺA-Z]{1,6})?[）)]?(?:[（(][^（）()]{0,20}[）)])?[」』]?"
    # …の第3局 / …のサイバー電子司令部(IRGC-CEC): a unit of the organ, itself an owner
    r"(?:第\d+局|第[一二三四五六七八九十]+局|の?[^。、「」]{1,15}?(?:司令部|部隊|局|センター|本部|部門)"
    r"(?:[（(][^（）()]{0,20}[）)])?"
    # …の「第1234部隊」に所属する: a quoted unit of the organ
    r"|の?[「『][^。、「」]{1,15}?(?:司令部|部隊|局|センター|本部|部門)[」』])?"
    r"(?:傘下|配下|隷下|の下部|に所属|所属|の指示|と(?:関係|関連|つながり)(?:する|のある|がある)"
    # …の隠れみの / …のフロント企業: a front of the organ; 元FSB幹部: its (former) officer
    r"|に(?:関係|関連)(?:する|のある|した)"
    # …のサイバー能力の向上に協力した / …を支援した: the party the targets helped
    r"|[^。、「」]{0,20}?(?:に協力|を支援|への(?:協力|支援)|を手助け)"
    r"|の[「『]?(?:隠れみの|隠れ蓑|フロント|偽装)"
    r"|の?(?:将校|職員|工作員|メンバー|構成員|幹部|関係者|要員|当局者|高官|司令官)"
    # …の3人を制裁: people of the organ, counted
    r"|の[0-9０-９一二三四五六七八九十]{1,2}\s*(?:人|名)"
    # …の「26165部隊」と、… / …の第3局を: the unit named as the party, the organ its owner
    r"|の[「『]?[^。、「」をとや]{1,15}?(?:司令部|部隊|局|センター|本部|部門)[」』]?"
    r"(?:[（(][^（）()]{0,20}[）)])?(?:と|、|を|も|など|及び|および|や|に(?:対し|制裁)))"
)
# 」と、ハッカーらが所属していた企業「: two quoted names joined, nothing but a modifier between
_JOINED_RE = lazy_re(
    r"[」』](?:[（(][^（）()]{0,40}[）)])?(?:と|および|及び|並びに)[、,]?[^。、「」を]{0,30}$"
)
# 企業「X」を制裁 / フロント企業「X」を制裁対象に指定
_QUOTED_ORG_RE = lazy_re(
    r"(?:企業|会社|団体|組織|集団|グループ|機関|取引所|交換所|業者|ミキサー|サービス|プラットフォーム)"
    r"\s*[「『]([^「」『』]{2,30})[」』]"
)
# after the name: (など…)を/も/に … 制裁 (X」など三つのハッカー集団を独自の制裁対象に指定)
_DESIGNATED_AFTER_RE = lazy_re(
    r"^[」』]?(?:など|ら|等)?[^。、をにはが]{0,24}?(?:を|も|に(?!よ))[^。しすさ]{0,30}?(?:制裁|資産凍結)"
)
# 制裁/資産凍結の対象に … X」など3団体 … を加える
_DESIGNATED_BEFORE_RE = lazy_re(r"(?:制裁|資産凍結)(?:の)?対象(?:に|へ)")
_LIST_VERB_AFTER_RE = lazy_re(r"^[」』]?(?:など|ら|等)?[^。]{0,40}?(?:加え|追加|指定|含め)")
_MEMBERS_AFTER_RE = lazy_re(
    r"^[）)]?(?:[（(][^（）()]{1,40}[）)])?[」』]?"
    r"(?:の?(?:メンバー|構成員|関係者|幹部|指導者|リーダー|運営者|創設者)"
    # 「X」の3人を制裁 / 「X」に所属する将校3人: people of the group, not the group
    r"|の[0-9０-９一二三四五六七八九十]{1,2}\s*(?:人|名)|に所属(?:する|の))"
)


# 指定されたのは / 対象となったのは / 制裁対象となったのは
_DESIGNATED_LIST_RE = lazy_re(
    r"(?:(?:指定|追加|対象と)(?:された|なった)|(?:指定|追加|制裁)した|対象となる|対象に(?:なった|加わった))"
    r"(?:のは|もの(?:は|に)|(?:個人|人物|団体|組織|企業|者)(?:は|として))[、,]?"
    r"|^\s*(?:今回の)?(?:制裁)?対象(?:者)?は[、,]?"  # 対象はA、B、Cの3氏と「X」
    # (…2人を制裁対象に指定した。) 2人はA氏とB氏で…: the people just counted, named
    r"|^\s*(?:この|その|これらの)?[0-9０-９一二三四五六七八九十]{1,2}\s*(?:人|名|氏)(?:と)?は[、,]?"
    # (制裁対象の個人は以下の通り。…) 団体は、…の「X」、…の「Y」: the list's other part
    r"|^\s*(?:制裁対象の|対象の|指定された)?(?:団体|組織|企業|法人)(?:は|として)[、,]"
    # (…5社と個人3人を制裁対象に指定。…) 個人はA、B、Cの3人。: the people of the count
    r"|^\s*(?:制裁対象の|対象の|指定された)?(?:個人|人物)(?:は|として)[、,]?"
    # (…16人を制裁対象に指定した。) このうち、X氏は…: one of those just designated, named
    r"|^\s*(?:この|その)うち[、,]?"
)
_PEOPLE_HEAD_RE = lazy_re(r"\s*(?:制裁対象の|対象の|指定された)?(?:個人|人物)(?:は|として)")
# …の3人。/ …ら2人だ。: a sentence that ends by counting the people it names
_PEOPLE_LIST_END_RE = lazy_re(
    r"(?:の|ら|計)[0-9０-９一二三四五六七八九十]{1,2}\s*(?:人|名|氏)(?:で(?:ある)?|だ|です)?\s*$"
)
# a full katakana name and the title or 氏 after it (in a designation list the title does not
# make the person an official who only announces)
_TITLED_KATA_RE = lazy_re(
    rf"(?<![{KATA}・])([{KATA}]{{1,}}(?:・[{KATA}]{{1,}}){{1,3}})(?:氏|さん|{alternation(roles_data()['titles'])})"
)
# メフルサム・アンディシェ(MASN): a katakana organization with its Latin acronym
_KATA_ORG_GLOSS_RE = lazy_re(
    rf"(?<![{KATA}])([{KATA}]{{2,}}(?:・[{KATA}]{{1,}}){{0,5}})[（(]([A-Z]{{2,6}})[）)]"
)
_PAREN_RE = lazy_re(r"[（(]([^（）()]*)[）)]")
_PAREN_TAIL_RE = lazy_re(r"\s*[（(][^（）()]*[）)]$")
_LATIN_ORG_WORD_RE = lazy_re(
    r"\b(?:for|of|and|Co|Ltd|LLC|Inc|Company|Corporation|Centre|Center|Institute|Technolog\w*|"
    r"Group|Bureau|Unit|Directorate|Agency|Department|Ministry|University|Bank)\b"
)


def _quoted_org(t: str, native: str, end: int) -> Party:
    """An organization quoted at ``t[..end]``; a gloss right after the quote gives its Latin
    name (「X」(Foo Tech)) or its own-language name (「インテグリティ・テック」(永信至誠))."""
    inner = _PAREN_TAIL_RE.sub("", native)
    if inner != native and len(inner) >= 2:
        # 「X(Foo Cash)」: the gloss inside the quote
        native, gloss = inner, native[len(inner) :].strip()[1:-1].strip()
        if _LATIN_GLOSS_ONLY_RE.fullmatch(gloss):
            return Party(name=gloss, name_native=native, kind="organization")
    gm = _GLOSS_AFTER_RE.match(t, end)
    if gm:
        gloss = gm.group(1).strip()
        if _LATIN_NAME_GLOSS_RE.fullmatch(gloss):
            return Party(name=gloss, name_native=native, kind="organization")
        if _KANJI_GLOSS_RE.fullmatch(gloss):
            return Party(name=native, name_native=gloss, kind="organization")
    return Party(name=native, name_native=native, kind="organization")


_GLOSS_AFTER_RE = lazy_re(r"[（(]([^（）()]{2,40})[）)]")
_LATIN_NAME_GLOSS_RE = lazy_re(r"[A-Za-z][A-Za-z0-9&'.,\- ]*\s[A-Za-z0-9&'.,\- ]+")
_KANJI_GLOSS_RE = lazy_re(rf"[{KANJI}]{{2,20}}")
_QUOTED_RE = lazy_re(r"「([^「」]{2,30})」")
# 」(gloss)を(独自の)制裁対象に指定 / 」などを資産凍結の対象に追加: the quoted name is the object
_DIRECT_OBJECT_RE = lazy_re(
    r"」(?:[（(][^（）()]{1,40}[）)])?"
    # 」と「Y」の2社 / 」など3団体: more quoted names, then their number
    # (、北朝鮮の「Z」: a short modifier before the next name)
    r"(?:(?:と|、|および|及び)[、,]?(?:[^。、「」を]{1,8}の)?「[^「」]{2,30}」(?:[（(][^（）()]{1,40}[）)])?)*"
    r"(?:の[0-9０-９一二三四五六七八九十]+(?:社|団体|組織|機関|集団))?(?:など[^。、]{0,10}?)?"
    # と、両社の代表者 / と、その所有者であるX氏: others designated with them
    r"(?:と[、,]?[^。を「」]{0,12}?(?:代表者|幹部|役員|経営者|従業員|創業者|個人|運営者|所有者|管理者)"
    r"[^。を「」]{0,40}?"
    r"|(?:と[、,]|[、,]?(?:および|及び|並びに))[^。「」]{0,40}?)?"
    r"(?:を(?:独自の|新たに|追加の)?(?:独自)?(?:制裁|資産凍結)(?:の)?(?:対象|リスト)(?:者)?(?:に|へ|と)"
    # 「X」と、同社の関係者1人に制裁を科した
    r"|に(?:対して|対し)?(?:独自の|追加の|新たな)?(?:経済|金融)?制裁(?:措置)?を(?:科|課|発動))"
)


_NATIONALITY_GLOSS_RE = lazy_re(r"(?:国籍|籍|人|出身|在住|生まれ)$")


_ORG_LIST_HEAD_RE = lazy_re(r"(?:集団|組織|団体|企業|部隊|機関|取引所|サービス)(?:を|は|が)")


# 企業：A社(…)、B社(…) / 個人: X、Y: a list line that names its entries' kind first
_KIND_LABEL_RE = lazy_re(r"(?:企業|会社|団体|組織|法人|機関|個人|人物)\s*[:：]\s*")
# ①X(Latin)――説明 / ・X(Latin) — 説明: a remark after a dash
_DASH_REMARK_RE = lazy_re(r"\s*(?:[―—─]{1,2}|－－|--|\s[-–]\s).*$")
# 次の6社 / 以下の3団体: the count of the list says what it names
_ORG_COUNT_RE = ORG_LIST_INTRO_RE


def _list_entries(ctx: Ctx, line: str, orgs_only: bool = False) -> list[Party]:
    """The entries of one list line: one, or several after a kind label (企業：A社、B社)."""
    body = LIST_BULLET_RE.sub("", line.strip(), count=1)
    km = _KIND_LABEL_RE.match(body)
    if km is None:
        entry = _list_entry(ctx, body, orgs_only=orgs_only)
        return [entry] if entry is not None else []
    orgs = not body.startswith(("個人", "人物"))
    items = [x for x in _TOP_COMMA_RE.split(body[km.end() :].rstrip("。")) if x.strip()]
    out = [_list_entry(ctx, x, orgs_only=orgs) for x in items]
    # all or none: a label before a sentence (企業：…が関与した) is no list of names
    return [e for e in out if e is not None] if all(out) else []


# a comma outside parentheses
_TOP_COMMA_RE = lazy_re(r"[、,，](?![^（(]*[）)])")


def _list_entry(ctx: Ctx, line: str, orgs_only: bool = False) -> Party | None:
    """One entry of a designation list: '- GAO Qiang(高強):中国', '- Foo Science Co. Ltd(…公司)',
    '- 情報総局(GRU)のMain Centre for Special Technologies(GTsST):ロシア',
    '①ERAフォー(ERA Four)――説明'."""
    body = LIST_BULLET_RE.sub("", line.strip(), count=1)
    body = _COLON_SPLIT_RE.split(body, maxsplit=1)[0]
    body = _DASH_REMARK_RE.sub("", body)
    glosses = [g.strip() for g in _PAREN_RE.findall(body)]
    core = _PAREN_RE.sub("", body).strip()
    if "の" in core:
        core = core.rsplit("の", 1)[1].strip()
    if not core or len(core) > 80:
        return None
    native_gloss = next(
        (
            g2
            for g in glosses
            for g2 in _GLOSS_SPLIT_RE.split(g)
            if _NATIVE_GLOSS_RE.fullmatch(g2)
            and g2 not in lex.COUNTRIES
            and not _NATIONALITY_GLOSS_RE.search(g2)  # (ロシア国籍): not a native name
        ),
        None,
    )
    if _LATIN_CORE_RE.fullmatch(core) and len(core.split()) >= 2:
        if _LATIN_ORG_WORD_RE.search(core):
            return Party(name=core, name_native=native_gloss, kind="organization")
        name = " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in core.split())
        return Party(name=name, name_native=native_gloss, kind="person")
    if _COMPANY_RE.fullmatch(core):
        latin = next((g for g in glosses if _LATIN_COMPANY_GLOSS_RE.fullmatch(g)), None)
        return Party(name=latin or core, name_native=core, kind="organization")
    qm = _QUOTED_RE.fullmatch(core)  # ・北朝鮮の「朝鮮隠峰貿易」: a quoted organization
    if qm:
        return Party(name=qm.group(1), name_native=qm.group(1), kind="organization")
    um = _UNIT_RE.fullmatch(core)  # - 26165部隊: a numbered military unit
    if um:
        return Party(name=f"Unit {um.group(1)}", name_native=core, kind="organization")
    if native_gloss and _LATIN_TOKEN_RE.fullmatch(core):
        # ③ABC(特殊計算科学研究所): an organization by its acronym, its native name glossed
        return Party(name=core, name_native=native_gloss, kind="organization")
    latin = next((g for g in glosses if _LATIN_GLOSS_ONLY_RE.fullmatch(g)), None)
    if latin and _MIXED_CORE_RE.fullmatch(core) and not _NATIVE_CORE_RE.fullmatch(core):
        # ERPフォー(ERPFour): a company named in Latin letters and katakana, never a person
        return Party(name=latin, name_native=core, kind="organization")
    if not glosses and _NATIVE_CORE_RE.fullmatch(core) and _ORG_END_RE.search(core):
        # ・朝鮮X貿易会社 / ・Y研究所: a native name that ends as an organization's does
        return Party(name=core, name_native=core, kind="organization")
    if orgs_only and not glosses and _NATIVE_CORE_RE.fullmatch(core):
        # (次の3社) ・ポジティブ・フォー: a native name in a list of organizations
        name = core if _COMPANY_RE.fullmatch(core) else ctx.rom(core)[0]
        return Party(name=name, name_native=core, kind="organization")
    if latin and _NATIVE_CORE_RE.fullmatch(core):
        # 1. ブルーノロフ(Bluenoroff) / ・パク・ジンヒョク(Park Jin Hyok): the Latin gloss names it
        if (
            not orgs_only
            and person_gloss(f"({latin})")
            and _LATIN_ORG_WORD_RE.search(latin) is None
        ):
            return Party(name=latin, name_native=core, kind="person")
        hit = next((h for h in ctx.kb.scan(core) if h.kind == "actor" and h.start == 0), None)
        rec = ctx.kb.actor(hit.key) if hit is not None and hit.end == len(core) else None
        return Party(name=rec.name if rec else latin, name_native=core, kind="organization")
    return None


# the patterns of _list_entry, _kanji_name_list and _sentence_targets, compiled once (re's own
# cache of a pattern given as a string costs a lookup a call)
_ONLY_DEFENDANT_RE = lazy_re(
    rf"(?<![{KANJI}{KATA}])被告(?:人)?(?:を|も)[^。]{{0,20}}?(?:制裁|資産凍結)"
)
_JOINER_SPLIT_RE = lazy_re(r"[・=＝･]")
_COLON_SPLIT_RE = lazy_re(r"[:：]")
_GLOSS_SPLIT_RE = lazy_re(r"[/／、,]")
_NATIVE_GLOSS_RE = lazy_re(rf"[{KANJI}{KATA}・]{{2,30}}")
_LATIN_CORE_RE = lazy_re(r"[A-Za-z][A-Za-z0-9&'.,\- ]*")
_LATIN_COMPANY_GLOSS_RE = lazy_re(r"[A-Za-z][A-Za-z0-9&'.,\- ]+")
_PAREN_OR_COLON_SPLIT_RE = lazy_re(r"[（(:：]")
_ITEM_SPLIT_RE = lazy_re(r"[、,，]|及び|および")
_ORG_END_RE = lazy_re(
    r"(?:会社|公司|社|銀行|大学|研究所|研究院|センター|協会|取引所|グループ|機関|総局)$"
)
_UNIT_RE = lazy_re(r"(?:第)?([0-9０-９]{3,6})(?:部隊|部隊本部)")
_LATIN_GLOSS_ONLY_RE = lazy_re(r"(?:[A-Za-z]|[0-9]+(?:st|nd|rd|th) )[A-Za-z0-9&'.,\- ]{1,60}")
# the native core of a list line: one katakana or kanji name (no list, no sentence)
_NATIVE_CORE_RE = lazy_re(rf"[{KANJI}{KATA}][{KANJI}{KATA}・=＝･ー0-9０-９]{{1,29}}")
# Latin letters then katakana or kanji (ERPスキャン, ABCテクノ): one company name
_MIXED_CORE_RE = lazy_re(rf"[A-Z][A-Za-z0-9&]{{0,10}}[{KANJI}{KATA}・ー]{{2,30}}")
# one Latin word or acronym (SVA, Neobit)
_LATIN_TOKEN_RE = lazy_re(r"[A-Za-z][A-Za-z0-9&\-]{1,30}")
# ・高強、張士龍(いずれも中国籍): kanji names in one list line, each a known surname first
_KANJI_NAME_ITEM_RE = lazy_re(rf"[{KANJI}]{{2,4}}")


def _kanji_name_list(ctx: Ctx, line: str) -> list[Party]:
    """The people of a list line naming kanji names one after another (・高強、張士龍(…)):
    each a two-to-four-kanji name opening with a Chinese or Korean surname; all or none."""
    body = LIST_BULLET_RE.sub("", line.strip(), count=1)
    core = _PAREN_OR_COLON_SPLIT_RE.split(body, maxsplit=1)[0].strip()
    items = _ITEM_SPLIT_RE.split(core)
    if not items or not all(_KANJI_NAME_ITEM_RE.fullmatch(x) for x in items):
        return []
    if not all(
        (x[0] in lex.CHINESE_SURNAMES or x[0] in lex.KOREAN_SURNAMES)
        and x not in lex.GENERIC_NOUNS
        and x not in lex.COUNTRIES
        for x in items
    ):
        return []
    nat = nationality_in(line)
    out: list[Party] = []
    for x in items:
        name, unsure = ctx.rom(x, origin=nat)
        out.append(Party(name=name, name_native=x, kind="person", name_uncertain=unsure))
    return out


def _designated(t: str, a: int, b: int) -> bool:
    """The party at ``t[a:b]`` is what the sentence designates (not its members or owner)."""
    after = t[b:]
    if _MEMBERS_AFTER_RE.match(after):
        return False
    if _DESIGNATED_AFTER_RE.match(after):
        return True
    return bool(_DESIGNATED_BEFORE_RE.search(t[:a]) and _LIST_VERB_AFTER_RE.match(after))


def _near_target_cue(s: str) -> bool:
    return bool(_TARGET_CUE_RE.search(s))
