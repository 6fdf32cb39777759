"""Indictments: sentences with 起訴/訴追/告発/逮捕/指名手配..., the jurisdiction from the acting
authority, charges, defendants (via ``people``), the stated count, reward and the actor nearby.
One indictment per jurisdiction."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from summarizer.models import Indictment, Person, Sanction, ThreatActor
from summarizer.rules import lexicon as lex
from summarizer.rules.led import lazy_re
from summarizer.rules.people import (
    ORG_LIST_INTRO_RE,
    accused_list_spans,
    aged_people_in,
    list_after,
    nationality_in,
    people_in,
    sentences_with,
    surname_refs,
)
from summarizer.rules.reading import (
    AUTH_RE,
    COUNTRY_ALT,
    KANJI,
    KATA,
    Ctx,
    Sent,
    acting_party,
    alternation,
    announcer_after,
    countries_in,
    dedup_evidence,
    named_accused,
    parse_number,
)
from summarizer.rules.sanctions import SANCTION_RE

_INDICT_RE = lazy_re(
    # 書類送検: the police refer the suspect to prosecutors, the Japanese charge of someone who
    # has left the country (a planned one, …送検へ / 送検する方針, is not yet one)
    r"起訴|訴追|告発|告訴|容疑で|容疑により|指名手配|逮捕|訴え(?:た|られ)|罪で|書類送検|送検"
    # …の疑いで…を拘束した / 身柄を拘束: taken into custody on a suspicion, an arrest
    r"|疑いで(?=[^。]{0,30}?拘束(?:した|され))|身柄を拘束(?:した|され)"
)
# a word every match of _INDICT_RE holds (書類送検 holds 送検, 訴えた holds 訴え)
_INDICT_WORDS = (
    "起訴", "訴追", "告発", "告訴", "容疑で", "容疑により", "指名手配", "逮捕", "訴え", "罪で", "送検",
    "拘束",
)  # fmt: skip
_CHARGED_RE = lazy_re(r"起訴|訴追|告発|逮捕|送検|拘束")
# crimes that are no cyber case by themselves: charged in an article with no cyber word (and no
# actor, malware or state organ named) they are some other crime's arrest, not a cyber indictment
_OTHER_CRIME_RE = lazy_re(
    r"窃盗|強盗|殺人|傷害|暴行|麻薬|覚醒剤|覚せい剤|大麻|密輸|放火|誘拐|脱税|贈賄|収賄|横領|銃刀法"
)
_CYBER_RE = lazy_re(
    r"サイバー|ハッカー|ハッキング|不正アクセス|ランサム|マルウ[ェエ]ア|ウイルス|フィッシング"
    r"|ボットネット|DDoS|暗号資産|仮想通貨|電磁的記録|不正指令|コンピュータ|ネットワーク|サーバ"
    r"|システム|インターネット|オンライン|データ|情報を盗|機密|スパイ|不正送金|IT|ＩＴ"
)
# 2016年にも / 過去にも, before the charge: an earlier case the article recalls
_EARLIER_TOO_RE = lazy_re(r"(?:[0-9０-９]{4}年|昨年|去年|前年|以前|過去)[^、。]{0,8}?にも")
_INDICT_HUMAN_RE = lazy_re(
    r"人|名|被告|容疑者|男|女|ハッカー|メンバー|構成員|工作員|職員|将校|者|国籍|市民"
)

_DEFENDANT_CONTEXT_RE = lazy_re(r"被告|容疑者|懲役|有罪|起訴|訴追|告発|告訴|逮捕|指名手配")

_COUNT_RE = lazy_re(
    # (the lookahead, what every match opens with, rejects most offsets in one test)
    r"(?=[\d０-９一二三四五六七八九十])(?<![万億千\d０-９数何十])"
    r"(\d{1,3}|[０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*(?:人|名)(?![分口])"
)
_SINGLE_RE = lazy_re(
    r"\d{2}歳の(?:"
    + "|".join(lex.DEMONYM_NATIONALITY)
    + r"|男|女|男性|女性)(?:男性|女性)?を(?:起訴|訴追|告発|逮捕)"
    # ウクライナ国籍の男(28)を逮捕
    r"|(?:籍|国籍|人)の(?:男|女)(?:性)?\s*[（(][0-9０-９]{1,3}(?:歳)?[）)]を(?:起訴|訴追|告発|逮捕)"
    # 英国籍の17歳の少年を逮捕
    r"|の[0-9０-９]{1,2}歳の(?:少年|少女)を(?:[^。を]{0,30}?(?:疑い|容疑|罪)で)?(?:起訴|訴追|告発|逮捕|書類送検|送検)"
    # 30代の会社員の男を、…の疑いで書類送検した
    r"|(?<![0-9０-９一二三四五六七八九十数何])の(?:男|女)(?:性)?"
    r"(?:\s*[（(][0-9０-９]{1,3}(?:歳)?[）)])?を[、,]?"
    r"(?:[^。を]{0,40}?(?:疑い|容疑|罪)で[^。を]{0,20}?)?"
    r"(?:起訴|訴追|告発|逮捕|書類送検|送検|指名手配)"
)
_ROSTER_LEAD_RE = lazy_re(r"\s*[と、]?\s*$")
# 100人以上 / 5人規模 / 3人の顧客: not the number of people charged
_NOT_PEOPLE_COUNT_RE = lazy_re(r"(?:以上|超|規模|程度|分|の(?:顧客|ユーザー|利用者|個人|被害者))")
_CHARGE_CUE_RE = lazy_re(r"罪|容疑|起訴|訴追|告発|共謀|違反")
_KANJI_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_REWARD_RE = lazy_re(
    r"(最高|最大|最高で|最大で)?\s*([\d,，０-９]+(?:\.\d+)?)\s*(万|億)?\s*(ドル|米ドル|円)(?:の|を上限とする|相当の)?"
    r"[^。]{0,20}?(?:報奨金|懸賞金|報酬)"
)

_CHARGE_RE = lazy_re(alternation(p for p, _ in lex.CHARGES))
_CHARGE_MAP = dict(lex.CHARGES)


@dataclass
class _Legal:
    """A legal-action candidate from one sentence (merged per jurisdiction later)."""

    jurisdiction: str | None
    authority: str | None
    sent: int
    count: int | None = None
    people: list[tuple[Person, int, int]] = field(default_factory=list)
    charges: list[str] = field(default_factory=list)
    reward: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    venue: str | None = None  # the court or district named with the charge
    separate: bool = False  # 別の起訴状で: the text says it is another indictment
    arrest_only: bool = False  # the sentence arrests and charges no one


def _fmt_money(amount: str, unit: str | None, cur: str, upto: bool) -> str:
    n = float(unicodedata.normalize("NFKC", amount).replace(",", "").replace("，", ""))
    n *= {"万": 1e4, "億": 1e8}.get(unit or "", 1)
    if cur == "円":
        words = f"¥{n:,.0f}"
    elif n >= 1e6:
        v = n / 1e6
        words = f"${v:g} million" if v < 1000 else f"${v / 1000:g} billion"
    else:
        words = f"${n:,.0f}"
    return f"up to {words}" if upto else words


def find_indictments(ctx: Ctx, actors: list[ThreatActor]) -> list[Indictment]:
    legal: list[_Legal] = []
    cyber: list[bool] = []  # is the article a cyber case? read when a sentence needs it
    for si in sentences_with(ctx, _INDICT_WORDS):
        st = ctx.sents[si]
        paren = "（" in st.text or "(" in st.text
        m = next(
            (
                x
                for x in _INDICT_RE.finditer(st.text)
                if not _planned(st.text, x) and not (paren and _in_aside(st.text, x.start()))
            ),
            None,
        )
        if not m:
            continue
        if SANCTION_RE.search(st.text) and not _CHARGED_RE.search(st.text):
            continue
        if "にも" in st.text and _EARLIER_TOO_RE.search(st.text, 0, m.start()):
            continue  # 米国は2016年にも…を起訴している: an earlier case recalled, not this one
        if _OTHER_CRIME_RE.search(st.text):
            if not cyber:
                cyber.append(_cyber_case(ctx))
            if not cyber[0]:
                continue  # 窃盗の疑いで逮捕 in an article about no cyber case
        count = _count_near(st.text, m.start())
        people = people_in(ctx, st.start, st.end, latin=True)
        spans = [(st.start, st.end)]
        # 以下の3社に侵入した: the list names organizations (victims), not the accused
        org_list = "の" in st.text and ORG_LIST_INTRO_RE.search(st.text) is not None
        for line in list_after(ctx, si) if not org_list else ():
            got = people_in(ctx, line.start, line.end, latin=True, list_line=True)
            if got:
                people += got[:1]
                spans.append((line.start, line.end))
        refs = surname_refs(ctx, st)  # 米司法省もヤクベツ氏と…を起訴した
        if refs:
            # a part of a name read in this sentence (ハティビ・アグダ) yields to the full name
            fulls = [(r[0].name_native or "").replace("・", "") for r in refs]
            people = [
                p
                for p in people
                if not any(
                    f != (k := (p[0].name_native or "").replace("・", "")) and k and f.endswith(k)
                    for f in fulls
                )
            ]
            people += [r for r in refs if r not in people]
        if not people and _SAME_PERSON_RE.search(st.text, 0, m.start()):
            people = _person_before(ctx, si)  # 米司法省も同日、同氏を起訴した
        reward = _reward(st.text)
        if not (people or count or reward or _INDICT_HUMAN_RE.search(st.text)):
            continue
        if legal and legal[-1].sent == si - 1 and _COUNTED_HEAD_RE.match(st.text):
            # …男(29)と…男(38)を起訴した。2人は先月、…逮捕されていた: the people just charged,
            # counted; the same case, not another state's
            prev = legal[-1]
            prev.count = prev.count or count
            prev.people += people
            prev.spans += spans
            continue
        doc_ref = st.text[m.start() : m.start() + 3] == "起訴状"
        auth, juris = acting_party(st.text, m.start(), countries=not doc_ref)
        if juris is None:
            # …を起訴したと、米司法省が発表した
            a2, codes = announcer_after(st.text, m.start())
            if len(codes) == 1:
                auth, juris = a2, codes[0]
        if (
            juris is None
            and "警" in st.text
            and _PREFECTURAL_POLICE_RE.search(st.text, 0, m.start())
        ):
            auth, juris = "Japanese prefectural police", "JP"  # 大阪府警は / 神奈川県警が
        police = _state_police(st.text, m.start())  # ウクライナ警察は / ドイツの検察当局は
        requester = _requesting_state(st.text, m.start()) if "逮捕" in st.text else None
        if requester:
            # イタリア警察は米国の要請に基づき…を逮捕: the arrest executes the requesting state's
            # charge, whose jurisdiction it is
            auth, juris, police = None, requester, None
        if police and police != juris:
            # ドイツ連邦検察は: the state named with the police or prosecutors, not the state a
            # bare 連邦検察 would mean
            auth, juris = None, police
        cand = _Legal(juris, auth, si, count=count, people=people, reward=reward, spans=spans)
        vm = _VENUE_RE.search(st.text) if ("地区" in st.text or "地裁" in st.text) else None
        cand.venue = vm.group(1) if vm else None
        cand.separate = "別" in st.text and _SEPARATE_RE.search(st.text) is not None
        cand.arrest_only = "逮捕" in st.text and not _CHARGE_ONLY_RE.search(st.text)
        cand.charges = _charges(st.text)
        legal.append(cand)
    if not legal:
        return []
    if "件目" in ctx.text:
        _add_numbered_cases(ctx, legal)
    # sentences about defendants next to a legal sentence add names (e.g. 被告は..., 懲役...)
    legal_idx = {c.sent for c in legal}
    near_idx = {j + d for j in legal_idx for d in (-1, 1)} - legal_idx
    for si in sorted(i for i in near_idx if 0 <= i < len(ctx.sents)):
        st = ctx.sents[si]
        rw = _reward(st.text)
        if rw:
            near = min(legal, key=lambda c: abs(c.sent - si))
            if not near.reward:
                near.reward = rw
                near.spans.append((st.start, st.end))
        if _DEFENDANT_CONTEXT_RE.search(st.text) and not SANCTION_RE.search(st.text):
            # named with an age, a katakana full name, or a kanji name the text marks as accused
            ppl = [
                p
                for p in people_in(ctx, st.start, st.end, latin=True)
                if p[0].age
                or "・" in (nat := p[0].name_native or "")
                or _KANJI_ONLY_RE.fullmatch(nat)
            ]
            if ppl:
                near = min(legal, key=lambda c: abs(c.sent - si))
                near.people += ppl
                near.spans.append((st.start, st.end))
                if not near.reward:
                    near.reward = _reward(st.text)
        elif si - 1 in legal_idx and not SANCTION_RE.search(st.text):
            # 同省によると、X(24歳)とY(27歳)は…: the people charged, named with ages next;
            # 3人はA、B、C: the people just counted, named one after another
            ppl = [p for p in aged_people_in(ctx, st) if p[0].age] or _counted_names(ctx, st)
            if ppl:
                near = next(c for c in legal if c.sent == si - 1)
                near.people += ppl
                near.spans.append((st.start, st.end))
    _add_rosters(ctx, legal)
    _add_named_accused(ctx, legal, near_idx)
    # jurisdiction defaults: nearest stated, else the article's dominant authority country
    # the accused state (中国のハッカー, イラン政府系) does not prosecute its own hackers
    accused = ctx.accused_states()
    for c in legal:
        if c.jurisdiction in accused:
            c.jurisdiction, c.authority = None, None
    # the article's jurisdiction (from the sentences' own, as stated before the loop below fills
    # them in), read when a sentence needs it
    stated = [c.jurisdiction for c in legal]
    default: list[str | None] = []
    for c in legal:
        if c.jurisdiction is None:
            prev = ctx.sents[c.sent - 1].text if c.sent > 0 else ""
            a, j = acting_party(prev, len(prev))
            if j in accused or (a and "Foreign Affairs" in a):
                a, j = None, None  # a foreign ministry reacts, it does not charge
            if j:
                c.jurisdiction, c.authority = j, c.authority or a
            else:
                if not default:
                    default.append(_article_jurisdiction(ctx, stated, accused))
                c.jurisdiction = default[0]
    _arrests_for_charging_state(ctx, legal)
    groups: dict[tuple[str | None, str | None], list[_Legal]] = {}
    for c in legal:
        groups.setdefault((c.jurisdiction, None), []).append(c)
    for key in list(groups) if any(c.separate for c in legal) else ():
        parts = _split_by_venue(groups[key])
        if parts:
            del groups[key]
            for venue, cs in parts.items():
                groups[(key[0], venue)] = cs
    out: list[Indictment] = []
    quoted = _quoted_names(ctx.text)  # (of the article: read once for all its indictments)
    for (juris, _venue), cs in groups.items():
        nats = {n for c in cs if (n := nationality_in(ctx.sents[c.sent].text))}
        if len(nats) == 1:
            nat = next(iter(nats))
            for c in cs:
                for p, _a, _b in c.people:
                    if p.nationality is None:
                        p.nationality = nat
        found: list[Person] = []
        found_ends: list[int] = []
        seen: set[str] = set()
        ev_spans: list[tuple[int, int]] = []
        for c in cs:
            for p, pa, pb in c.people:
                if p.name_native in quoted:
                    continue  # 「トルネード・キャッシュ」の開発: a quoted service, not a person
                k = (p.name_native or p.name).replace("・", "")
                if k in seen or any(
                    k != s2 and (s2.endswith(k) or s2.startswith(k)) for s2 in seen
                ):
                    continue
                seen.add(k)
                found.append(p)
                found_ends.append(pb)
                ev_spans.append((pa, pb))
            ev_spans += c.spans
        counts = Counter(c.count for c in cs if c.count)
        count = counts.most_common(1)[0][0] if counts else None
        if count and len(found) > count:
            count = len(found)  # the text names more people than one stated part of them
        # one named person is one defendant, unless the text adds others (Xら, Xなど)
        one_named = len(found) == 1 and not _OTHERS_AFTER_RE.match(ctx.text, found_ends[0])
        if count is None and (
            one_named or any(_SINGLE_RE.search(ctx.sents[c.sent].text) for c in cs)
        ):
            count = 1
        elif count is None and len(found) >= 2 and _all_named(ctx.text, found_ends):
            count = len(found)  # AとBを起訴: the people named are all, none added (ら, など)
        auths = [c.authority for c in cs if c.authority and c.jurisdiction == juris]
        actor = _nearest_actor(ctx, actors, [c.sent for c in cs])
        out.append(
            Indictment(
                jurisdiction=juris,
                authority=_best_authority(auths),
                charges=list(dict.fromkeys(ch for c in cs for ch in c.charges)),
                defendants=found,
                defendant_count=count,
                reward=next((c.reward for c in cs if c.reward), None),
                actor=actor,
                evidence=dedup_evidence(ctx.text, ev_spans),
            )
        )
    return out


def _quoted_names(text: str) -> set[str]:
    """Katakana names the article quotes (「X」, 「X(Latin)」): services, groups, products."""
    if "「" not in text:
        return set()
    return {m.group(1) for m in _QUOTED_KATA_RE.finditer(text)}


_QUOTED_KATA_RE = lazy_re(rf"「([{KATA}]+(?:・[{KATA}]+)+)(?:[（(][^（）()「」]{{1,40}}[）)])?」")


# ニューヨーク南部地区で / ワシントンの連邦地裁で: the court a charge is brought in
_VENUE_RE = lazy_re(
    rf"([{KATA}{KANJI}・]{{2,14}}?(?:(?:南部|北部|東部|西部|中部)?地区|の?連邦地裁|の?地裁))"
    r"(?:連邦地裁|の連邦大陪審|の大陪審)?(?:で|に|の)"
)
# every match holds 別
_SEPARATE_RE = lazy_re(r"別の起訴状|別の起訴|別件|別途|別の事件|これとは別に")


def _split_by_venue(cs: list[_Legal]) -> dict[str | None, list[_Legal]] | None:
    """Several indictments of one state in one article: charges brought in different courts,
    each with its own count, one of them said to be another indictment (…地区で起訴された10人。
    …の連邦地裁でも、別の起訴状で2人を起訴). Sentences naming no court join the nearest court's;
    their count, the sum of the parts (12人を起訴), is dropped. None when there is one case."""
    venued = [c for c in cs if c.venue]
    names = list(dict.fromkeys(_venue_key(c.venue) for c in venued))
    if len(names) < 2 or not any(c.separate for c in venued):
        # 別の事件では、…が女1人を起訴した: another case, with its own count, after a first
        sep = [c for c in cs if c.separate and c.count and c.sent > cs[0].sent]
        rest = [c for c in cs if c not in sep]
        if not sep or not any(c.count or c.people for c in rest):
            return None
        parts: dict[str | None, list[_Legal]] = {None: rest}
        for c in sep:
            parts[f"#{c.sent}"] = [c]
        return parts
    if not all(
        any(c.count or (v.startswith("#") and c.people) for c in venued if _venue_key(c.venue) == v)
        for v in names
    ):
        return None  # (a numbered indictment may count its people by naming them)
    parts = {v: [] for v in names}
    for c in venued:
        parts[_venue_key(c.venue)].append(c)
    for c in cs:
        if c.venue:
            continue
        near = min(venued, key=lambda v: abs(v.sent - c.sent))
        c.count = None  # the whole, or a count the courts' own counts state better
        parts[_venue_key(near.venue)].append(c)
    return parts


# 起訴状は2件 / 2件の起訴状: the article reports several indictments, told one by one
_CASES_COUNT_RE = lazy_re(r"起訴(?:状)?は[0-9０-９二三四五]件|[0-9０-９二三四五]件の起訴")
# 1件目は、… / 2件目の起訴状は、…: the sentence that tells one of them
_NTH_CASE_RE = lazy_re(r"\s*([0-9０-９一二三四五])件目(?:の起訴(?:状)?)?は")


def _add_numbered_cases(ctx: Ctx, legal: list[_Legal]) -> None:
    """'起訴状は2件で…。1件目は、X被告(36)に対するもの。…2件目の起訴状は、A、B、Cの3人を…':
    each numbered indictment a case of its own (a court-like key), with the people its
    sentence names."""
    if not _CASES_COUNT_RE.search(ctx.text):
        return
    by_sent = {c.sent: c for c in legal}
    for si, st in enumerate(ctx.sents):
        m = _NTH_CASE_RE.match(st.text)
        if not m:
            continue
        c = by_sent.get(si)
        if c is None:
            ppl = people_in(ctx, st.start, st.end, latin=True)
            if not ppl:
                continue
            c = _Legal(None, None, si, people=ppl, spans=[(st.start, st.end)])
            legal.append(c)
        c.venue, c.separate = f"#{parse_number(m.group(1))}", True
    legal.sort(key=lambda c: c.sent)


def _venue_key(v: str | None) -> str:
    """A court's place (ワシントンの連邦地裁 -> ワシントン): two mentions of one court agree."""
    return re.sub(r"の?(?:連邦地裁|地裁)$", "", v or "")


_CHARGE_ONLY_RE = lazy_re(r"起訴|訴追|告発|送検|指名手配")
# 米国は身柄の引き渡しを求めている / 米国が引き渡しを要求: the state that wants the person
_EXTRADITION_RE = lazy_re(
    rf"({COUNTRY_ALT}|[米英独仏露韓豪])(?:国)?(?:政府|当局|司法省)?(?:は|が|も)[^。]{{0,20}}?"
    r"引き渡し(?:を)?(?:求め|要求|請求|要請)"
)


def _extradition_asked(ctx: Ctx, si: int) -> str | None:
    """The state the sentence ``si`` or the next one says asks for the arrested person."""
    for j in (si, si + 1):
        if j >= len(ctx.sents) or "引き渡し" not in ctx.sents[j].text:
            continue
        m = _EXTRADITION_RE.search(ctx.sents[j].text)
        if m:
            g = m.group(1)
            return lex.COUNTRIES.get(g) or _ONE_CHAR_STATE.get(g)
    return None


def _arrests_for_charging_state(ctx: Ctx, legal: list[_Legal]) -> None:
    """カナダ警察はX容疑者を逮捕した。米司法省は同容疑者を起訴した: an arrest of someone another
    state charges executes that state's charge; it takes that state's jurisdiction."""
    if not any(c.arrest_only for c in legal):
        return
    for c in legal:
        if c.arrest_only and (y := _extradition_asked(ctx, c.sent)) and y != c.jurisdiction:
            # イタリア警察はXを逮捕した。米国は身柄の引き渡しを求めている
            c.jurisdiction, c.authority = y, None
    charging = [c for c in legal if not c.arrest_only and c.people and c.jurisdiction]
    if not charging:
        return
    for c in legal:
        if not c.arrest_only or not c.people:
            continue
        keys = {_person_key(p) for p, _a, _b in c.people}
        for d in charging:
            if d.jurisdiction != c.jurisdiction and keys & {
                _person_key(p) for p, _a, _b in d.people
            }:
                c.jurisdiction, c.authority = d.jurisdiction, d.authority
                break


def _person_key(p: Person) -> str:
    return (p.name_native or p.name).replace("・", "")


def _all_named(text: str, ends: list[int]) -> bool:
    """No name is followed by ら/など/ほか (others charged with them)."""
    return not any(_OTHERS_AFTER_RE.match(text, b) for b in ends)


# 起訴する見通し / 逮捕する方針 / 書類送検することにしている: not done yet
_PLANNED_RE = lazy_re(
    r"(?:する|される|を)?(?:見通し|方針|予定|可能性|構え|ことを検討|ことにし|検討)"
)
# 書類送検へ (a headline): the referral is about to be made
_ABOUT_TO_RE = lazy_re(r"へ(?:$|[。、\s」])")
_OTHERS_AFTER_RE = lazy_re(
    r"\s*(?:[（(][^）)]{0,20}[）)])?(?:容疑者|被告人?|氏)?(?:ら|など|等|たち|ほか)"
)
_ROSTER_HEAD_RE = lazy_re(r"被告|容疑者|起訴された(?:のは|人物)")


def _add_rosters(ctx: Ctx, legal: list[_Legal]) -> None:
    """A roster of the accused, one 'name, age' per sentence after a 被告/容疑者 heading:
    '9人の被告 – X、38歳。Y、37歳。…とZさん(30歳)は…'. Each name needs its age."""
    taken = {c.sent for c in legal}
    resume = 0  # sentences before this were read as a roster's lines
    for si in sentences_with(ctx, _ACCUSED_WORDS + ("起訴された",)):
        if si < resume:
            continue
        st = ctx.sents[si]
        if si in taken or not _ROSTER_HEAD_RE.search(st.text) or SANCTION_RE.search(st.text):
            continue
        found: list[tuple[Person, int, int]] = []
        spans: list[tuple[int, int]] = []
        j = si
        while j < len(ctx.sents):
            line = ctx.sents[j]
            aged = [p for p in aged_people_in(ctx, line) if p[0].age]
            # after the heading, each sentence must open with the aged name (after と/、)
            if not aged or (
                j > si and not _ROSTER_LEAD_RE.match(ctx.text[line.start : aged[0][1]])
            ):
                break
            found += aged[:1] if j > si else aged
            spans.append((line.start, line.end))
            j += 1
        if len(found) >= 2:
            near = min(legal, key=lambda c: abs(c.sent - si))
            near.people += found
            near.spans += spans
        resume = max(j, si + 1)


# 被告/容疑者 right after a name (X被告, 王某容疑者, Yの各被告, Z(30)容疑者): the only kind of
# sentence _add_named_accused can take a person from
# 同氏 / 同容疑者 / 同被告: the person just named
_SAME_PERSON_RE = lazy_re(r"同(?:氏|容疑者|被告|人物)")
# 3人は / この2人は / 2人とは: the sentence names the people just counted
_COUNTED_HEAD_RE = lazy_re(
    r"\s*(?:(?:この|その|これら)の?)?[0-9０-９一二三四五六七八九十]{1,2}\s*(?:人|名)(?:と)?は[、,]?\s*"
)
# between two names of one list: 、/と/及び (after 氏, 容疑者, 被告 or a bracket)
_NAME_JOIN_RE = lazy_re(
    r"(?:氏|容疑者|被告)?\s*(?:[（(][^（）()]{0,30}[）)])?\s*(?:、|と|及び|および|,)\s*"
)


def _person_before(ctx: Ctx, si: int) -> list[tuple[Person, int, int]]:
    """The one person named in the one or two sentences before ``si`` (who 同氏 refers to)."""
    for j in (si - 1, si - 2):
        if j < 0:
            break
        st = ctx.sents[j]
        ppl = people_in(ctx, st.start, st.end, latin=True)
        if ppl:
            return ppl if len(ppl) == 1 else []
    return []


def _counted_names(ctx: Ctx, st: Sent) -> list[tuple[Person, int, int]]:
    """'3人はA、B、C。': the names that open the sentence right after its count, one after
    another (a name further on is someone else)."""
    head = _COUNTED_HEAD_RE.match(st.text)
    if not head:
        return []
    pos = st.start + head.end()
    out: list[tuple[Person, int, int]] = []
    for p in people_in(ctx, st.start, st.end, latin=True):
        if p[1] != pos:
            break
        out.append(p)
        j = _NAME_JOIN_RE.match(ctx.text, p[2])
        pos = j.end() if j else -1
    return out


_ACCUSED_WORD_RE = lazy_re(rf"[{KANJI}{KATA}A-Za-z0-9０-９)）]\s?(?:被告|容疑者)")
_ACCUSED_WORDS = ("被告", "容疑者")


def _add_named_accused(ctx: Ctx, legal: list[_Legal], done: set[int]) -> None:
    """People the text names as 被告/容疑者 anywhere in an article with a charge, beyond the
    sentences next to it: 'X被告は…', 'A、B、Cの各被告が含まれる'. Only those marked so."""
    legal_idx = {c.sent for c in legal}
    for si in sentences_with(ctx, _ACCUSED_WORDS):
        if si in legal_idx or si in done:
            continue
        st = ctx.sents[si]
        if not _ACCUSED_WORD_RE.search(st.text) or SANCTION_RE.search(st.text):
            continue
        lists = accused_list_spans(ctx.text, st.start, st.end)
        ppl = [
            p
            for p in people_in(ctx, st.start, st.end, latin=True)
            if named_accused(ctx.text, p[2])
            or _marked_kanji(ctx.text, p)
            or any(x <= p[1] and p[2] <= y for x, y in lists)
        ]
        if ppl:
            near = min(legal, key=lambda c: abs(c.sent - si))
            near.people += ppl
            near.spans.append((st.start, st.end))


def _marked_kanji(text: str, p: tuple[Person, int, int]) -> bool:
    """A kanji name people_in read from 容疑者/被告 (王某容疑者, 甲と乙の両被告)."""
    native = p[0].name_native or ""
    return bool(_KANJI_ONLY_RE.fullmatch(native)) and bool(_ACCUSED_AFTER_RE.match(text, p[2]))


# 容疑者 / (gloss)容疑者 / と乙の両被告: what follows a kanji name the text marks as accused
_ACCUSED_AFTER_RE = lazy_re(
    r"\s*(?:[（(][^）)]{1,40}[）)])?\s*(?:(?:と|、|及び|および)[^。]{0,40}?(?:両|各|[0-9０-９一二三四五六七八九十]+)(?:人の)?)?(?:容疑者|被告)"
)
_KANJI_ONLY_RE = lazy_re(rf"[{KANJI}]{{2,4}}")


# a state's police, prosecutors or courts as the subject: ウクライナ警察は, ドイツの検察当局が
_STATE_POLICE_RE = lazy_re(
    rf"({COUNTRY_ALT})(?:の)?(?:連邦)?"
    # 韓国のソウル中央地検は / ドイツ・ケルンの検察は: a city's prosecutors name the state too
    # ウクライナのサイバー警察は / スペイン国家警察は: a named police force of the state
    rf"(?:[{KANJI}{KATA}・]{{1,8}}?(?:地検|地方検察庁|検察庁|地方裁判所|地裁|検察|警察)|警察(?:当局)?"
    r"|検察(?:当局)?|捜査当局|司法当局|治安当局|裁判所)"
    r"(?:[（(][^（）()]{0,20}[）)])?(?:は|が|も)"
)


# 大阪府警は / 北海道警が / 神奈川県警察本部は: a Japanese prefecture's police as the subject
_PREFECTURAL_POLICE_RE = lazy_re(
    r"(?:府警|県警|道警)(?:察)?(?:本部)?(?:[^。、]{0,12}?課)?(?:は|が|も)"
)
# 米国の要請に基づき / 米当局の求めで / 米国が発行した逮捕状に基づき: an arrest made for another state
_REQUEST_RE = lazy_re(
    rf"({COUNTRY_ALT}|[米英独仏露韓豪])(?:国)?[^、。はがを「」]{{0,10}}?(?:から|側)?の?"
    r"(?:要請|求め|依頼|引き渡し要求|身柄引き渡し要求|逮捕状|請求)(?:に(?:基づ|応じ|よ)|を受け|で)"
)


def _requesting_state(t: str, pos: int) -> str | None:
    """The state at whose request the arrest before ``pos`` was made, if the sentence says so."""
    if (
        "要請" not in t
        and "求め" not in t
        and "依頼" not in t
        and "逮捕状" not in t
        and "請求" not in t
    ):
        return None
    found = list(_REQUEST_RE.finditer(t, 0, pos))
    if not found:
        return None
    g = found[-1].group(1)
    return lex.COUNTRIES.get(g) or _ONE_CHAR_STATE.get(g)


_ONE_CHAR_STATE = {
    "米": "US",
    "英": "GB",
    "独": "DE",
    "仏": "FR",
    "露": "RU",
    "韓": "KR",
    "豪": "AU",
}


def _in_aside(t: str, pos: int) -> bool:
    """``pos`` is inside a bracketed aside (…氏(すでに米国で起訴済み)の父親): a remark about
    someone, not the sentence's own charge."""
    open_at = max(t.rfind("（", 0, pos), t.rfind("(", 0, pos))
    if open_at < 0:
        return False
    close_at = max(t.rfind("）", 0, pos), t.rfind(")", 0, pos))
    return close_at < open_at


def _state_police(t: str, pos: int) -> str | None:
    """The state whose police or prosecutors are the nearest subject before ``pos``, if any."""
    if "察" not in t and "当局" not in t and "地検" not in t and "裁" not in t:
        return None  # every police, prosecutor or court word holds one of these
    found = list(_STATE_POLICE_RE.finditer(t, 0, pos))
    if not found:
        city = _city_prosecutors(t, pos)  # ソウル中央地検は: no state named, a foreign city
        return city[0] if city else None
    if _OTHER_SUBJECT_RE.search(t, found[-1].end(), pos):
        return None
    return lex.COUNTRIES.get(found[-1].group(1)) or None


# ソウル中央地検は / パリ検察は: a foreign city's prosecutors or court, the city naming the state
_CITY_STATE = {
    "ソウル": "KR", "釜山": "KR", "プサン": "KR", "水原": "KR", "スウォン": "KR", "仁川": "KR",
    "大田": "KR", "光州": "KR", "大邱": "KR", "北京": "CN", "上海": "CN", "台北": "TW",
    "パリ": "FR", "ベルリン": "DE", "フランクフルト": "DE", "ミュンヘン": "DE", "ケルン": "DE",
    "カールスルーエ": "DE", "ハーグ": "NL", "アムステルダム": "NL", "ロッテルダム": "NL",
    "ロンドン": "GB", "モスクワ": "RU", "キーウ": "UA", "キエフ": "UA", "ワルシャワ": "PL",
    "ローマ": "IT", "ミラノ": "IT", "マドリード": "ES", "ブリュッセル": "BE", "ウィーン": "AT",
    "ストックホルム": "SE", "オスロ": "NO", "ヘルシンキ": "FI", "コペンハーゲン": "DK",
}  # fmt: skip
# the prosecutors, police or court as the subject; the city is looked for just before it
_PROSECUTORS_SUBJECT_RE = lazy_re(
    r"(?:地検|地方検察庁|検察庁|検察|地方裁判所|地裁|警察庁|警察)(?:当局)?(?:[（(][^（）()]{0,20}[）)])?"
    r"(?:は|が|も)"
)
_CITY_BEFORE_RE = lazy_re(
    "(" + "|".join(sorted(_CITY_STATE, key=len, reverse=True)) + rf")[{KANJI}]{{0,4}}$"
)


def _city_prosecutors(t: str, pos: int) -> tuple[str, int] | None:
    """(state, where) of the foreign city's prosecutors, police or court that are the subject
    before ``pos``, if any."""
    found = list(_PROSECUTORS_SUBJECT_RE.finditer(t, 0, pos))
    if not found or _OTHER_SUBJECT_RE.search(t, found[-1].end(), pos):
        return None
    a = found[-1].start()
    head = t[max(0, a - 12) : a]
    cm = _CITY_BEFORE_RE.search(head)
    if cm is None:
        return None
    return _CITY_STATE[cm.group(1)], a - len(head) + cm.start()


# a subject marker after the police's: someone else acts (…警察によると、米司法省は…)
_OTHER_SUBJECT_RE = lazy_re(r"[^。]{1,20}?(?:は|が)[、,]")


def _planned(t: str, m: re.Match[str]) -> bool:
    """The charge at ``m`` is planned, not done (起訴する見通し, 書類送検へ)."""
    if _PLANNED_RE.match(t, m.end()):
        return True
    return m.group().endswith("送検") and _ABOUT_TO_RE.match(t, m.end()) is not None


def _cyber_case(ctx: Ctx) -> bool:
    """The article is about a cyber case: a cyber word, or an actor, malware or organ named."""
    return _CYBER_RE.search(ctx.text) is not None or any(
        h.kind in ("actor", "malware", "organ") for h in ctx.hits
    )


def _article_jurisdiction(
    ctx: Ctx, jurisdictions: list[str | None], accused: set[str]
) -> str | None:
    stated = Counter(j for j in jurisdictions if j)
    if stated:
        return stated.most_common(1)[0][0]
    codes = Counter(
        code
        for m in AUTH_RE.finditer(ctx.text)
        if (code := lex.AUTHORITIES[m.group()][1]) and code not in accused
    )
    if codes:
        return codes.most_common(1)[0][0]
    # no authority named: an official's title only one state uses (司法副長官: the US Deputy
    # Attorney General), unless another state is named right before it (豪司法長官)
    for m in _US_TITLE_RE.finditer(ctx.text) if "司法" in ctx.text or "連邦" in ctx.text else ():
        head = ctx.text[max(0, m.start() - 16) : m.start()]
        before = [c for c, _a, b in countries_in(head) if head[b:] in ("", "の", "国", "国の")]
        if head and head[-1] in lex.COUNTRY_PREFIX:
            before.append(lex.COUNTRY_PREFIX[head[-1]])  # 豪司法長官
        if (not before or before[-1] == "US") and "US" not in accused:
            return "US"
    return None


_US_TITLE_RE = lazy_re(r"司法副長官|司法次官補|司法長官|連邦検事")


def _count_near(s: str, pos: int) -> int | None:
    if "人" not in s and "名" not in s:
        return None  # every count is …人 or …名
    found: list[tuple[int, int, int]] = []  # (start, end, number)
    sanction_word = "制裁" in s or "凍結" in s or "禁止" in s or "SDN" in s or "指定国民" in s
    for m in _COUNT_RE.finditer(s):
        n = parse_number(m.group(1))
        if n is None or n == 0 or n > 200:
            continue
        tail = s[m.end() : m.end() + 4]
        if _NOT_PEOPLE_COUNT_RE.match(tail):
            continue
        if sanction_word and SANCTION_RE.search(s, min(m.end(), pos), max(m.start(), pos)):
            continue  # 7人を制裁対象に加え、米司法省はXを起訴: the count of another action
        if found and _COUNT_JOIN_RE.fullmatch(s, found[-1][1], m.start()):
            # 将校5人と民間人1人: one group of people counted in parts
            a, _b, n0 = found.pop()
            found.append((a, m.end(), n0 + n))
            continue
        found.append((m.start(), m.end(), n))
    best: tuple[int, int] | None = None
    for a, _b, n in found:
        d = abs(a - pos)
        if best is None or d < best[0]:
            best = (d, n)
    return best[1] if best and best[0] <= 80 else None


# between two counts of one group: と/及び/、 and the second part's noun (民間人, 元職員)
_COUNT_JOIN_RE = lazy_re(r"(?:と|及び|および|、)(?![^、。]{0,8}被害)[^、。をがはにの]{0,8}")


def _charges(s: str) -> list[str]:
    out: list[str] = []
    if not _CHARGE_CUE_RE.search(s):
        return out
    for m in _CHARGE_RE.finditer(s):
        c = _CHARGE_MAP[m.group()]
        if c not in out:
            out.append(c)
    return out


def _reward(s: str) -> str | None:
    if "報奨金" not in s and "懸賞金" not in s and "報酬" not in s:
        return None  # every reward names one
    m = _REWARD_RE.search(s)
    if not m:
        return None
    try:
        return _fmt_money(m.group(2), m.group(3), m.group(4), bool(m.group(1)))
    except ValueError:
        return None


def _nearest_actor(ctx: Ctx, actors: list[ThreatActor], sents: list[int]) -> str | None:
    """The first actor named in one of ``sents``, else the first named next to one."""
    near = set(sents)
    best: str | None = None
    for a in actors:
        for e in a.evidence:
            si = ctx.sent_of(e.start)
            if si in near:
                return a.name  # distance 0: no later actor is nearer
            if best is None and (si - 1 in near or si + 1 in near):
                best = a.name
    return best


def _best_authority(auths: list[str]) -> str | None:
    # the State Department (rewards, wanted posters) and the Treasury (sanctions) do not indict
    auths = [
        a for a in auths if a not in ("US Department of State", "US Department of the Treasury")
    ]
    if not auths:
        return None
    prio = ("US Department of Justice", "US federal grand jury")
    for p in prio:
        if p in auths:
            return p
    return Counter(auths).most_common(1)[0][0]


_ALSO_SUBJECT_RE = lazy_re(
    r"(?:省|局|当局|陪審|検察|検事局|司法当局)(?:[（(][^）)]{0,20}[）)])?"
    # 米司法省も、… / 米司法省は同日、…: the same day's charge of the people just sanctioned
    r"(?:も|は[、,]?(?:同日|同じ日|併せて|あわせて))[、,]?[^。]{0,80}?"
    r"([0-9０-９一二三四五六七八九十]{1,3})\s*(?:人|名)(?:に対する起訴|を[^。]{0,60}?(?:起訴|訴追|告発))"
)


def add_sanctioned_defendants(indictments: list[Indictment], sanctions: list[Sanction]) -> None:
    """'米司法省も、…4人に対する起訴状を公開した' after a sanction naming 4 people: the same
    people are charged. Only for an indictment that names nobody and states that count."""
    people = [p for s in sanctions for p in s.targets if p.kind == "person"]
    if not people:
        return
    for ind in indictments:
        if ind.defendants or not ind.defendant_count or ind.defendant_count != len(people):
            continue
        for ev in ind.evidence:
            m = _ALSO_SUBJECT_RE.search(ev.quote)
            if m and parse_number(m.group(1)) == ind.defendant_count:
                ind.defendants = [
                    Person(name=p.name, name_native=p.name_native, name_uncertain=True)
                    for p in people
                ]
                break
