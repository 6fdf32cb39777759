"""The offline engine (``--engine rules``): Findings from a Japanese article with no model.

``RulesExtractor(kb).extract(text) -> Findings``. Every entity carries Evidence pointing into
``text`` (``text[start:end] == quote``). What it does, sentence by sentence:

- actors and malware: the knowledge base's scanner (aliases, katakana forms); a state organ that
  the KB links to one actor (人民解放軍61419部隊 -> Tick) names that actor, any other organ
  becomes the sponsor of actors in the same or a neighbouring sentence; attribution from the
  authority the sentence cites (米司法省によると -> US Department of Justice).
- CVEs (regex, verbatim, including misprints and full-width digits) and IOCs (ioc-finder on an
  NFKC-folded copy, spans mapped back).
- indictments: sentences with 起訴/訴追/告発/逮捕/指名手配..., jurisdiction from the acting
  authority, charges, defendants (kanji names with ages, katakana names, Latin names, list lines
  that follow), the stated count, reward, actor nearby. One indictment per jurisdiction.
- sanctions: sentences with 制裁対象/制裁を科す/資産凍結..., imposers from the subject,
  targets (companies, organs, people with nicknames), measures.
- victims: named organizations in attack sentences (lexicon of well-known bodies and companies,
  glossed katakana names, "<country>政府", "<country>の外務省", "X社"), and article-level
  target descriptions carrying sectors and countries.
- headline/summary: built only from the structured result (``summarizer.brief``).

The article is data: nothing in it is executed or obeyed; entities come only from patterns.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from summarizer import rules_lexicon as lex
from summarizer.models import (
    Evidence,
    Findings,
    Indicator,
    Indictment,
    Party,
    Person,
    Sanction,
    Software,
    ThreatActor,
    Victim,
    Vulnerability,
)

if TYPE_CHECKING:
    from summarizer.knowledge import KnowledgeBase

# -- character classes and compiled patterns -----------------------------------------------------
_KANJI = "一-龥々〆ヶ㐀-䶵豈-鶴"
_KATA = "ァ-ヴヵヶー"
_K = f"[{_KANJI}]"
_NOT_K = f"(?<![{_KANJI}])"


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_SENT_RE = re.compile(r"[^。！？!?\n]+[。！？!?]?")

_CVE_RE = re.compile(
    r"[CcＣｃ][VvＶｖ][EeＥｅ]\s?[-‐‑‒–—―－ー_ 　]?\s?([0-9０-９]{4})\s?[-‐‑‒–—―－ー_ 　]\s?([0-9０-９]{4,7})"
)

_COUNTRY_RE = re.compile(_alt(lex.COUNTRIES))
# one-kanji prefixes (米司法省, 英政府, 日米): not inside a longer kanji word on the left
_PREFIX_RE = re.compile(
    rf"(?:{_NOT_K}日(?=[米英中露韓豪])|{_NOT_K}([米英露豪韓独仏]{{1,3}}))(?=(?:国|政府|政権|当局|司法|財務|国務|連邦|議会|軍|国防|"
    rf"首脳|外務|情報|両国|[、・]|企業|防衛|国内|大手|の|系|紙|メディア|[ァ-ヴA-Za-z]))"
)
_AUTH_RE = re.compile(_alt(lex.AUTHORITIES))
_ORG_RE = re.compile(_alt(lex.ORGS))
_DEMONYM_RE = re.compile(_alt(lex.DEMONYM_NATIONALITY))

_INDICT_RE = re.compile(
    r"起訴|訴追|告発|告訴|容疑で|容疑により|指名手配|逮捕|送検|訴え(?:た|られ)|罪で"
)
_INDICT_HUMAN_RE = re.compile(
    r"人|名|被告|容疑者|男|女|ハッカー|メンバー|構成員|工作員|職員|将校|者|国籍|市民"
)
_SANCTION_RE = re.compile(
    r"制裁(?:対象|措置|を科|を課|を発動|を発表|を加え|に指定|指定|リスト|を受け|した|する|され|を決定|に踏み切|対象者)"
    r"|資産凍結|資産を凍結|入国禁止|渡航禁止|SDN|特別指定国民"
)
_DEFENDANT_CONTEXT_RE = re.compile(r"被告|容疑者|懲役|有罪|起訴|訴追|告発|告訴|逮捕|指名手配")
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
_COUNT_RE = re.compile(
    r"(?<![万億千\d０-９数何十])(\d{1,3}|[０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*(?:人|名)(?![分口])"
)
_SINGLE_RE = re.compile(
    r"\d{2}歳の(?:"
    + "|".join(lex.DEMONYM_NATIONALITY)
    + r"|男|女|男性|女性)(?:男性|女性)?を(?:起訴|訴追|告発|逮捕)"
)
_KANJI_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_REWARD_RE = re.compile(
    r"(最高|最大|最高で|最大で)?\s*([\d,，０-９]+(?:\.\d+)?)\s*(万|億)?\s*(ドル|米ドル|円)(?:の|を上限とする|相当の)?"
    r"[^。]{0,20}?(?:報奨金|懸賞金|報酬)"
)
_AGE_NAME_RE = re.compile(rf"{_NOT_K}({_K}{{2,4}})\s*[（(]\s*([0-9０-９]{{1,3}})\s*(?:歳)?\s*[）)]")
_SUSPECT_NAME_RE = re.compile(
    rf"{_NOT_K}({_K}{{2,4}})\s*(?:[（(][^）)]{{1,40}}[）)])?\s*(?:容疑者|被告人|被告|受刑者)"
    rf"(?:\s*[（(]\s*([0-9０-９]{{1,3}})\s*(?:歳)?\s*[）)])?"
)
_GLOSS_NAME_RE = re.compile(
    rf"{_NOT_K}({_K}{{2,4}})\s*[（(]\s*([A-Z][a-zA-Z\-]+(?:\s[A-Z][a-zA-Z\-]+){{1,2}})\s*(?:[、,]\s*音訳)?\s*[）)]"
)
_KATA_NAME_RE = re.compile(rf"[{_KATA}]{{2,}}(?:[・=＝･][{_KATA}]{{1,}}){{1,3}}")
_KATA_TITLE_RE = re.compile(
    rf"(?<![{_KATA}])([{_KATA}]{{3,}})(?:氏|容疑者|被告|情報相|外相|国防相|相|長官|大臣|司令官|局長|次官)"
)
_LATIN_NAME_RE = re.compile(r"(?<![A-Za-z])([A-Z][a-z]+(?:[ \-][A-Z][a-z]+){1,3})(?![A-Za-z])")
_NICKNAME_PAREN_RE = re.compile(
    r"[（(][^（()）\n]{0,20}(?:ニックネーム|ハンドル|別名|通称|aka)[^（()）\n]{0,120}[）)]"
)
_NICK_RE = re.compile(r"[（(]([^）)]{1,80})[）)]")
_LIST_LINE_RE = re.compile(r"^\s*(?:[・•●○◆■□\-–*‐]|\d+[.)．）]|[①-⑳])\s*")
_COMPANY_RE = re.compile(
    rf"(?<![{_KANJI}{_KATA}A-Za-z])([{_KANJI}{_KATA}A-Za-z0-9・]{{2,24}}?(?:股份有限公司|有限責任公司|有限公司|集団公司|公司|株式会社))"
)
_LATIN_COMPANY_RE = re.compile(
    r"(?<![A-Za-z])((?:[A-Z][A-Za-z0-9&'.\-]*\s){1,6}(?:Co\.,? Ltd\.?|Company Limited|Company|Ltd\.?|Limited|LLC|Inc\.?|Corporation|Corp\.?|GmbH|Technology))"
)
_KATA_GLOSS_RE = re.compile(
    rf"([{_KATA}・]{{3,}})\s*[（(]\s*([A-Za-z][A-Za-z0-9&'.\- ]{{1,40}}?)\s*[）)]"
)
_QUOTED_ORG_RE = re.compile(
    r"(?:会社|企業|取引所|銀行|大学|病院|メーカー|事業者|サービス|ポータル|社)\s*[「『]([^」』]{2,24})[」』]"
)
_SHA_RE = re.compile(
    rf"(?<![{_KANJI}{_KATA}A-Za-z0-9])([{_KATA}ー・]{{3,}}|[A-Z][A-Za-z0-9&.\-]{{1,30}})社"
)
_GOV_RE = re.compile(
    rf"({_alt(lex.COUNTRIES)})(の)?(政府|{_alt(m for m in lex.MINISTRIES if m != '政府')})"
)
_VULN_PRODUCT_AFTER_RE = re.compile(
    r"\s*(?:製品|社製品)?(?:の|における|に存在する)[^。、]{0,6}?"
    r"(?:バグ|脆弱性|欠陥|不具合|セキュリティホール|ゼロデイ)"
)
_DESC_LATIN_RE = re.compile(
    r"([^\s、。「」()（）]{0,12}?)(?:大手|企業|会社|事業者|メーカー|プロバイダー?)\s*"
    r"([A-Z][A-Za-z0-9&'.\-]{1,30})(?![A-Za-z0-9])"
)
_SUBJ_NP_RE = re.compile(
    rf"([{_KANJI}]{{2,12}}(?:電機|電気|工業|重工|製作所|銀行|大学|病院|機構|協会|新聞|放送|研究所|研究開発機構|委員会|組合|財団|通信|電力|ガス|鉄道|航空|証券|保険|商事|物産|自動車|製薬|化学))"
)
_ORGAN_ACT_RE = re.compile(r"は|が|によると|によれば|と共同|とともに|など|の発表|の声明|の報告|も")

_CHARGE_RE = re.compile(_alt(p for p, _ in lex.CHARGES))
_CHARGE_MAP = dict(lex.CHARGES)
_MEASURE_RE = re.compile(_alt(p for p, _ in lex.MEASURES))
_MEASURE_MAP = dict(lex.MEASURES)

_PERSON_TITLE_AFTER = re.compile(
    r"^[米英日中露]?(?:国)?(?:司法長官|長官|大臣|報道官|議員|捜査官|検事|部長|局長|大統領|首相|代表|副長官|次官|担当|研究者|アナリスト|CEO|社長|会長|教授|記者|所長|大使|司令官)"
)
_ORGISH_AFTER = re.compile(
    r"^(?:社|州|市|県|省|庁|局|部|大学|グループ|集団|ランサムウェア|マルウェア|攻撃|作戦)"
)
_LATIN_STOP = frozenset(
    [
        "Table",
        "Contents",
        "Group",
        "Inc",
        "Ltd",
        "Company",
        "Corporation",
        "Security",
        "Technology",
        "Information",
        "Analytics",
        "Systems",
        "Microsoft",
        "Google",
        "Apple",
        "Amazon",
        "Cisco",
        "Talos",
        "Intelligence",
        "Center",
        "National",
        "Agency",
        "Department",
        "Ministry",
        "Office",
        "Bureau",
        "Threat",
        "Research",
        "Labs",
        "Network",
        "Networks",
        "Cyber",
        "Advisory",
        "Bureau",
        "Police",
        "Federal",
        "Justice",
        "Court",
        "District",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "United",
        "States",
        "Kingdom",
        "Republic",
        "Press",
        "Release",
        "Twitter",
        "Telegram",
        "Windows",
        "Linux",
        "Office",
        "Exchange",
        "Server",
        "Cloud",
        "Update",
        "Last",
        "Updated",
        "Photo",
        "Daily",
        "News",
        "Times",
        "Post",
        "Reuters",
        "Bloomberg",
        "The",
        "Related",
    ]
)


@dataclass
class _Sent:
    start: int
    end: int
    text: str


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


class _NoKB:
    """Stand-in when the knowledge base is unavailable: finds nothing."""

    def scan(self, text: str) -> list[Any]:
        return []

    def actor(self, name: str) -> Any:
        return None

    def software(self, name: str) -> Any:
        return None

    def organ(self, name: str) -> Any:
        return None

    def country(self, name: str) -> str | None:
        return None

    def sectors(self, phrase: str) -> list[str]:
        return []


def _load_kb() -> Any:
    try:
        from summarizer.knowledge import KnowledgeBase

        return KnowledgeBase.load()
    except (ImportError, OSError):  # pragma: no cover - only while the KB data is missing
        return _NoKB()


def _romanizer() -> Any:
    try:
        from summarizer.names import romanize

        return romanize
    except ImportError:  # pragma: no cover
        return lambda native: (native, True)


def _sentences(text: str) -> list[_Sent]:
    try:
        from summarizer.chunking import sentences

        spans = [(s.start, s.end) for s in sentences(text)]
    except ImportError:  # pragma: no cover
        spans = [(m.start(), m.end()) for m in _SENT_RE.finditer(text)]
    return [_Sent(s, e, text[s:e]) for s, e in spans if text[s:e].strip()]


def _ev(text: str, s: int, e: int) -> Evidence:
    return Evidence(quote=text[s:e], start=s, end=e)


def _num(s: str) -> int | None:
    s = unicodedata.normalize("NFKC", s)
    if s.isdigit():
        return int(s)
    if all(c in _KANJI_NUM or c == "十" for c in s):
        if "十" not in s:
            return _KANJI_NUM.get(s) if len(s) == 1 else None
        head, _, tail = s.partition("十")
        return (_KANJI_NUM.get(head, 1) if head else 1) * 10 + (
            _KANJI_NUM.get(tail, 0) if tail else 0
        )
    return None


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


# -- the extractor -------------------------------------------------------------------------------
class RulesExtractor:
    """Pattern-and-lexicon extraction of Findings (no model)."""

    engine = "rules"

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self._kb: Any = kb
        self._romanize: Any = None

    @property
    def kb(self) -> Any:
        if self._kb is None:
            self._kb = _load_kb()
        return self._kb

    def _rom(self, native: str) -> tuple[str, bool]:
        if self._romanize is None:
            self._romanize = _romanizer()
        try:
            name, unsure = self._romanize(native)
            return (name or native), bool(unsure)
        except Exception:  # noqa: BLE001 - a romanizer fault must not lose the entity
            return native, True

    # ---------------------------------------------------------------------------------------------
    def extract(self, text: str) -> Findings:
        f = Findings()
        if not text or not text.strip():
            f.headline, f.summary = _brief(f)
            return f
        sents = _sentences(text)
        ctx = _Ctx(text, sents)
        hits = list(self.kb.scan(text))
        ctx.hits = hits
        f.actors = self._actors(ctx, hits)
        f.malware = self._malware(ctx, hits)
        f.vulnerabilities = _cves(ctx)
        f.indicators = _iocs(text)
        f.indictments = self._indictments(ctx, f.actors)
        f.sanctions = self._sanctions(ctx, f.indictments)
        f.victims = self._victims(ctx)
        f.headline, f.summary = _brief(f)
        return f

    # -- actors ---------------------------------------------------------------------------------
    def _actors(self, ctx: _Ctx, hits: list[Any]) -> list[ThreatActor]:
        kb = self.kb
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
                a.evidence.append(_ev(ctx.text, s, e))
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

    def _malware(self, ctx: _Ctx, hits: list[Any]) -> list[Software]:
        out: dict[str, Software] = {}
        nick = [(m.start(), m.end()) for m in _NICKNAME_PAREN_RE.finditer(ctx.text)]
        for h in hits:
            if h.kind != "malware" or any(a <= h.start < b for a, b in nick):
                continue
            rec = self.kb.software(h.key)
            sw = out.get(h.key)
            if sw is None:
                sw = Software(
                    name=rec.name if rec else h.key,
                    aliases=list(rec.aliases) if rec else [],
                    kind=(rec.kind if rec and rec.kind in ("malware", "tool") else "malware"),
                    attack_id=rec.attack_id if rec else None,
                )
                out[h.key] = sw
            if not any(ev.start == h.start for ev in sw.evidence):
                sw.evidence.append(_ev(ctx.text, h.start, h.end))
        # a legitimate tool named only as a vulnerable product ("F5とConnectWiseのバグを利用")
        # is not a tool the attackers used
        return [
            sw
            for sw in out.values()
            if sw.kind != "tool"
            or not all(_VULN_PRODUCT_AFTER_RE.match(ctx.text, ev.end) for ev in sw.evidence)
        ]

    # -- legal actions -------------------------------------------------------------------------
    def _people_in(
        self, ctx: _Ctx, s: int, e: int, *, latin: bool, list_line: bool = False
    ) -> list[tuple[Person, int, int]]:
        """Named people in text[s:e] (absolute offsets)."""
        text = ctx.text
        seg = text[s:e]
        out: list[tuple[Person, int, int]] = []
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return not any(a < y and x < b for x, y in taken) and not ctx.in_hit(a, b)

        nat = _nationality(seg)
        for m in _GLOSS_NAME_RE.finditer(seg):
            native, latin_name = m.group(1), m.group(2)
            if native[0] not in lex.CHINESE_SURNAMES:
                continue
            a, b = s + m.start(1), s + m.end()
            if not free(a, b):
                continue
            taken.append((a, b))
            out.append((Person(name=latin_name, name_native=native, nationality=nat), a, b))
        for rx in (_AGE_NAME_RE, _SUSPECT_NAME_RE):
            for m in rx.finditer(seg):
                native = m.group(1)
                native = _trim_kanji_name(native)
                if native is None:
                    continue
                age = m.group(2)
                a = s + m.start(1) + (len(m.group(1)) - len(native))
                b = s + m.end(1)
                if not free(a, b):
                    continue
                taken.append((a, s + m.end()))
                name, unsure = self._rom(native)
                out.append(
                    (
                        Person(
                            name=name,
                            name_native=native,
                            age=_num(age) if age else None,
                            nationality=nat,
                            name_uncertain=unsure,
                        ),
                        a,
                        b,
                    )
                )
        for m in _KATA_NAME_RE.finditer(seg):
            a, b = s + m.start(), s + m.end()
            after = text[b : b + 8]
            if not free(a, b) or _PERSON_TITLE_AFTER.match(after) or _ORGISH_AFTER.match(after):
                continue
            if text[b : b + 1] in "（(" and re.match(r"[（(][A-Za-z]", text[b : b + 2]):
                continue  # a glossed organization or product name
            taken.append((a, b))
            native = m.group()
            name, _unsure = self._rom(native)
            out.append(
                (Person(name=name, name_native=native, nationality=nat, name_uncertain=True), a, b)
            )
        if latin:
            for m in _LATIN_NAME_RE.finditer(seg):
                words = re.split(r"[ \-]", m.group(1))
                if any(w in _LATIN_STOP for w in words):
                    continue
                a, b = s + m.start(1), s + m.end(1)
                after = text[b : b + 6]
                if not free(a, b) or _PERSON_TITLE_AFTER.match(after.lstrip()):
                    continue
                if re.match(r"\s*(?:社|グループ|集団)", after) and not list_line:
                    continue
                taken.append((a, b))
                out.append((Person(name=m.group(1), name_native=m.group(1), nationality=nat), a, b))
                if list_line:
                    break
        out.sort(key=lambda t: t[1])
        return out

    def _list_after(self, ctx: _Ctx, si: int) -> list[_Sent]:
        """Bullet/list lines that directly follow sentence ``si`` (a list the sentence introduces)."""
        st = ctx.sents[si]
        tail = st.text.rstrip()
        if not re.search(r"(?:は|以下|次の(?:とおり|通り)?|[:：、,]|とおり|通り)[。.]?$", tail):
            return []
        out: list[_Sent] = []
        for j in range(si + 1, min(len(ctx.sents), si + 40)):
            t = ctx.sents[j]
            line = t.text.strip()
            if _LIST_LINE_RE.match(line) or (len(line) <= 60 and _LATIN_NAME_RE.match(line)):
                out.append(t)
            elif not line:
                continue
            else:
                break
        return out

    def _indictments(self, ctx: _Ctx, actors: list[ThreatActor]) -> list[Indictment]:
        legal: list[_Legal] = []
        for si, st in enumerate(ctx.sents):
            m = _INDICT_RE.search(st.text)
            if not m:
                continue
            if _SANCTION_RE.search(st.text) and not re.search(r"起訴|訴追|告発|逮捕", st.text):
                continue
            doc_ref = st.text[m.start() : m.start() + 3] == "起訴状"
            auth, juris = _acting_party(st.text, m.start(), countries=not doc_ref)
            cand = _Legal(juris, auth, si)
            cand.spans.append((st.start, st.end))
            cand.count = _count_near(st.text, m.start())
            people = self._people_in(ctx, st.start, st.end, latin=True)
            for line in self._list_after(ctx, si):
                got = self._people_in(ctx, line.start, line.end, latin=True, list_line=True)
                if got:
                    people += got[:1]
                    cand.spans.append((line.start, line.end))
            cand.people = people
            cand.charges = _charges(st.text)
            cand.reward = _reward(st.text)
            if not (people or cand.count or cand.reward or _INDICT_HUMAN_RE.search(st.text)):
                continue
            legal.append(cand)
        if not legal:
            return []
        # sentences about defendants next to a legal sentence add names (e.g. 被告は..., 懲役...)
        legal_idx = {c.sent for c in legal}
        for si, st in enumerate(ctx.sents):
            if si in legal_idx or not any(abs(si - j) <= 1 for j in legal_idx):
                continue
            rw = _reward(st.text)
            if rw:
                near = min(legal, key=lambda c: abs(c.sent - si))
                if not near.reward:
                    near.reward = rw
                    near.spans.append((st.start, st.end))
            if _DEFENDANT_CONTEXT_RE.search(st.text) and not _SANCTION_RE.search(st.text):
                ppl = [
                    p
                    for p in self._people_in(ctx, st.start, st.end, latin=False)
                    if p[0].age or "・" in (p[0].name_native or "")
                ]
                if ppl:
                    near = min(legal, key=lambda c: abs(c.sent - si))
                    near.people += ppl
                    near.spans.append((st.start, st.end))
                    if not near.reward:
                        near.reward = _reward(st.text)
        # jurisdiction defaults: nearest stated, else the article's dominant authority country
        default = _article_jurisdiction(ctx, legal)
        for c in legal:
            if c.jurisdiction is None:
                prev = ctx.sents[c.sent - 1].text if c.sent > 0 else ""
                a, j = _acting_party(prev, len(prev))
                c.jurisdiction, c.authority = (j, c.authority or a) if j else (default, c.authority)
        groups: dict[str | None, list[_Legal]] = {}
        for c in legal:
            groups.setdefault(c.jurisdiction, []).append(c)
        out: list[Indictment] = []
        for juris, cs in groups.items():
            nats = {n for c in cs if (n := _nationality(ctx.sents[c.sent].text))}
            if len(nats) == 1:
                nat = next(iter(nats))
                for c in cs:
                    for p, _a, _b in c.people:
                        if p.nationality is None:
                            p.nationality = nat
            found: list[Person] = []
            seen: set[str] = set()
            ev_spans: list[tuple[int, int]] = []
            for c in cs:
                for p, pa, pb in c.people:
                    k = (p.name_native or p.name).replace("・", "")
                    if k in seen or any(
                        k != s2 and (s2.endswith(k) or s2.startswith(k)) for s2 in seen
                    ):
                        continue
                    seen.add(k)
                    found.append(p)
                    ev_spans.append((pa, pb))
                ev_spans += c.spans
            counts = Counter(c.count for c in cs if c.count)
            count = counts.most_common(1)[0][0] if counts else None
            if count is None and (
                len(found) == 1 or any(_SINGLE_RE.search(ctx.sents[c.sent].text) for c in cs)
            ):
                count = 1
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
                    evidence=_dedup_evidence(ctx.text, ev_spans),
                )
            )
        return out

    def _sanctions(self, ctx: _Ctx, indictments: list[Indictment]) -> list[Sanction]:
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
            m = _SANCTION_RE.search(st.text)
            if not m:
                continue
            t = st.text
            cs = _imposers(t, m.start())
            auth, _j = _acting_party(t, m.start())
            if not cs:
                prev = ctx.sents[si - 1].text if si > 0 else ""
                cs = _imposers(prev, len(prev)) if _SANCTION_RE.search(prev) else []
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
                    rec = self.kb.organ(h.key)
                    add_target(
                        Party(
                            name=rec.name if rec else h.key,
                            name_native=ctx.text[h.start : h.end],
                            kind="organization",
                        )
                    )
                elif h.kind == "actor":
                    pass
            for g in _GOV_RE.finditer(t):
                code = lex.COUNTRIES[g.group(1)]
                if code in imposer_names or g.group(3) == "政府":
                    continue
                if ctx.in_hit(st.start + g.start(), st.start + g.end()):
                    continue
                add_target(
                    Party(
                        name=_ministry_name(code, g.group(3)),
                        name_native=g.group(),
                        kind="organization",
                    )
                )
            for cm in _COMPANY_RE.finditer(t):
                native = _strip_lead(cm.group(1))
                add_target(Party(name=native, name_native=native, kind="organization"))
            for cm in _LATIN_COMPANY_RE.finditer(t):
                add_target(Party(name=cm.group(1).strip(), kind="organization"))
            lines = [st] + self._list_after(ctx, si)
            for li, line in enumerate(lines):
                ppl = self._people_in(
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
                    name, _u = self._rom(native)
                    add_target(Party(name=name, name_native=native, kind="person"))
                if li > 0:
                    spans.append((line.start, line.end))
            # defendants referred to by full or given name in a sanction sentence
            for p in defendants:
                nat = p.name_native or ""
                if len(nat) >= 3 and (
                    nat in t or re.search(rf"{_NOT_K}{re.escape(nat[1:])}(?![{_KANJI}])", t)
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
                evidence=_dedup_evidence(ctx.text, spans),
            )
        ]

    # -- victims --------------------------------------------------------------------------------
    def _victims(self, ctx: _Ctx) -> list[Victim]:
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
                old.evidence += [
                    e for e in v.evidence if all(e.start != o.start for o in old.evidence)
                ]
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
                    and re.match(_K, t[a - 1])
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
                country = country or _country_before(t, a) or None
                spans_taken.append((a, b))
                add(
                    name,
                    Victim(
                        name=name,
                        name_native=m.group(),
                        sectors=list(sectors),
                        country=country or None,
                        evidence=[_ev(text, st.start + a, st.start + b)],
                    ),
                )
            # 2. "<country>政府" / "<country>の外務省"
            for m in _GOV_RE.finditer(t):
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
                name = _ministry_name(code, m.group(3))
                spans_taken.append((a, b))
                add(
                    name,
                    Victim(
                        name=name,
                        name_native=m.group(),
                        sectors=["government-national"],
                        country=code,
                        evidence=[_ev(text, st.start + a, st.start + b)],
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
                desc_sectors[(m.start(2), m.end(2))] = list(self.kb.sectors(m.group(1)))
            for m in _SHA_RE.finditer(t):
                if m.group(1) in lex.GENERIC_NOUNS:
                    continue
                cands.append((m.start(1), m.end(), None, m.group(1)))
            for m in _SUBJ_NP_RE.finditer(t):
                np = _strip_lead(m.group(1))
                if np in lex.GENERIC_NOUNS or len(np) < 3:
                    continue
                cands.append((m.end() - len(np), m.end(), None, np))
            for a, b, en, native in cands:
                if any(a < y and x < b for x, y in spans_taken) or ctx.in_hit(
                    st.start + a, st.start + b
                ):
                    continue
                if native in lex.GENERIC_NOUNS or (en and en in _LATIN_STOP):
                    continue
                if not role_ok(a, b, False) or not _VICTIM_STRONG(t, a, b):
                    continue
                spans_taken.append((a, b))
                key = en or native
                country = _country_before(t, a)
                add(
                    key,
                    Victim(
                        name=en,
                        name_native=native,
                        description=None if en else f"organization named {native}",
                        sectors=desc_sectors.get((a, b), []),
                        country=country,
                        evidence=[_ev(text, st.start + a, st.start + b)],
                    ),
                )
            # 4. article-level target description: sectors and countries
            for m in _TARGET_CUE_RE.finditer(t):
                lo = _clause_start(t, m.start())
                clause = t[lo : m.start()]
                if len(clause) < 2:
                    continue
                sectors = [s for s in self.kb.sectors(clause) if s and s != "commercial"]
                auth_spans = [(x.start(), x.end()) for x in _AUTH_RE.finditer(clause)]
                countries = []
                for c, ca, cb in _countries_in(clause):
                    if any(x <= ca < y for x, y in auth_spans) or c in countries:
                        continue
                    if c in attacker_countries and not re.match(
                        r"(?:を|に対|へ)", clause[cb : cb + 2]
                    ):
                        continue
                    countries.append(c)
                if (
                    re.search(
                        r"(?<![同各そ])(?:国内の|国内企業|わが国|我が国|日本企業|邦人)", clause
                    )
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
                            evidence=[_ev(text, st.start + lo, st.start + m.end())],
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


# -- sentence context ----------------------------------------------------------------------------
class _Ctx:
    def __init__(self, text: str, sents: list[_Sent]) -> None:
        self.text = text
        self.sents = sents
        self.hits: list[Any] = []
        self._starts = [s.start for s in sents]

    def sent_of(self, pos: int) -> int:
        import bisect

        i = bisect.bisect_right(self._starts, pos) - 1
        return max(0, i)

    def in_hit(self, a: int, b: int) -> bool:
        return any(
            h.start < b and a < h.end for h in self.hits if h.kind in ("actor", "malware", "organ")
        )

    def hits_in(self, a: int, b: int) -> list[Any]:
        return [h for h in self.hits if a <= h.start and h.end <= b]

    def attacker_countries(self) -> set[str]:
        """Countries the article names as the source of attacks (中国の/北朝鮮のハッカー...)."""
        out: set[str] = set()
        for m in re.finditer(
            rf"({_alt(lex.COUNTRIES)})(?:政府|軍)?(?:系|の|が|を背景|を拠点|に関連|と関係|と関連|と?つなが)[^。、]{{0,14}}?"
            r"(?:ハッカー|サイバー攻撃集団|攻撃集団|集団|グループ|アクター|攻撃者|スパイ|工作員|情報機関|支援|背景|国家|APT|関与)"
            r"|(" + _alt(lex.COUNTRIES) + r")(?:による|軍|の軍|の情報機関|政府を背景|政府が支援)",
            self.text,
        ):
            out.add(lex.COUNTRIES[m.group(1) or m.group(2)])
        return out


# -- helpers -------------------------------------------------------------------------------------
def _countries_in(s: str) -> list[tuple[str, int, int]]:
    out = [(lex.COUNTRIES[m.group()], m.start(), m.end()) for m in _COUNTRY_RE.finditer(s)]
    for m in _PREFIX_RE.finditer(s):
        if m.group(1) is None:
            if not any(a <= m.start() < b for _c, a, b in out):
                out.append(("JP", m.start(), m.start() + 1))
            continue
        for i, ch in enumerate(m.group(1)):
            code = lex.COUNTRY_PREFIX.get(ch)
            if code and not any(a <= m.start(1) + i < b for _c, a, b in out):
                out.append((code, m.start(1) + i, m.start(1) + i + 1))
    out.sort(key=lambda t: t[1])
    return out


def _country_is_object(clause: str, code: str) -> bool:
    for c, _a, b in _countries_in(clause):
        if c == code and re.match(r"(?:の|、|や|と|国内|企業|政府)", clause[b : b + 3]):
            tail = clause[b:]
            if not re.search(r"ハッカー|集団|グループ|政府が支援|支援", tail[:15]):
                return True
    return False


def _country_before(t: str, a: int) -> str | None:
    before = t[max(0, a - 8) : a]
    found = _countries_in(before)
    if found:
        c, _x, y = found[-1]
        if re.fullmatch(r"(?:の|系|国内の|の大手|大手|)?[^。、]{0,4}", before[y:]):
            return c
    if re.search(r"(?:国内|わが国|我が国)の?[^。、]{0,4}$", before):
        return "JP"
    return None


def _clause_start(t: str, pos: int) -> int:
    lo = max(0, pos - 120)
    seg = t[lo:pos]
    cut = max(seg.rfind("は"), seg.rfind("が"), seg.rfind("。"), seg.rfind("「"), seg.rfind("」"))
    for m in re.finditer(r"[てでしたりず]、|として|ため|により|によって", seg):
        cut = max(cut, m.end() - 1)
    return lo + cut + 1 if cut >= 0 else lo


def _nationality(seg: str) -> str | None:
    found = {lex.DEMONYM_NATIONALITY[m.group()] for m in _DEMONYM_RE.finditer(seg)}
    return found.pop() if len(found) == 1 else None


def _trim_kanji_name(run: str) -> str | None:
    """A kanji person name from a run before 容疑者/(age): surname must be a known one."""
    for i in range(0, max(1, len(run) - 1)):
        cand = run[i:]
        if len(cand) < 2:
            return None
        if cand[0] in lex.CHINESE_SURNAMES or cand[0] in lex.KOREAN_SURNAMES:
            if (
                cand in lex.GENERIC_NOUNS
                or cand in lex.COUNTRIES
                or re.search(r"[省庁局部隊軍人社会所長官員者]$", cand)
            ):
                return None
            return cand
    return None


def _strip_lead(s: str) -> str:
    return re.sub(r"^(?:\d*日付|\d+年|[0-9]+月|同|米|英|中国の|当該)", "", s) or s


def _ministry_name(code: str, noun: str) -> str:
    en = lex.MINISTRIES.get(noun, noun)
    country = lex.COUNTRY_EN.get(code, code)
    if noun == "政府":
        return f"Government of {country}"
    return f"{en} of {country}"


_QUOTE_RE = re.compile(r"「[^「」]*」|『[^『』]*』|“[^“”]*”")
_SUBJECT_AFTER_RE = re.compile(
    r"^(?:国|両国)?(?:[等ら]|など|当局|政府|政権)?(?:は|が|も|によると|によれば|から|により|によって)"
    r"|^(?:国)?(?:政府|政権|当局)(?:[等ら])?(?:は|が|も)"
    r"|^(?:国)?(?:と|及び|および|、|・)[^。]{0,16}?(?:[等ら])?(?:は|が|も)"
)


def _acting_party(s: str, pos: int, *, countries: bool = True) -> tuple[str | None, str | None]:
    """(authority in English, country) acting in ``s`` before ``pos``.

    The acting party is the nearest authority or state before ``pos`` marked as the subject
    (は/が/も/によると/から...); quoted speech is ignored. Without a marked subject, the nearest
    named authority that is not an object (…を/…に) is used.
    """
    head = _QUOTE_RE.sub(lambda m: " " * len(m.group()), s[:pos])
    cands: list[tuple[int, str | None, str, bool]] = []  # (pos, authority, country, subject)
    for m in _AUTH_RE.finditer(head):
        name, code = lex.AUTHORITIES[m.group()]
        if not code:
            found = _countries_in(head[max(0, m.start() - 6) : m.start()])
            code = found[-1][0] if found else ""
            if code and name in ("government", "Ministry of Foreign Affairs"):
                name = f"{lex.COUNTRY_EN.get(code, code)} {name}"
        if not code:
            continue
        after = head[m.end() : m.end() + 24]
        if re.match(r"(?:を|に(?!よ)|へ)", after):
            continue
        cands.append((m.start(), name, code, bool(_SUBJECT_AFTER_RE.match(after))))
    if countries:
        auth_spans = [(m.start(), m.end()) for m in _AUTH_RE.finditer(head)]
        for code, a, b in _countries_in(head):
            if any(x <= a < y for x, y in auth_spans):
                continue
            after = head[b : b + 24]
            if _SUBJECT_AFTER_RE.match(after) and not re.match(
                r"(?:国)?(?:政府|政権|当局)?(?:を|に(?!よ)|から)", after
            ):
                cands.append((a, None, code, True))
    if not cands:
        return None, None
    subj = [c for c in cands if c[3]]
    pick = max(subj or cands, key=lambda c: c[0])
    if pick[1] is None:
        # a bare state as subject: keep an authority of the same state named nearby
        same = [c for c in cands if c[1] and c[2] == pick[2]]
        if same:
            return same[-1][1], pick[2]
    return pick[1], pick[2]


def _article_jurisdiction(ctx: _Ctx, legal: list[_Legal]) -> str | None:
    stated = Counter(c.jurisdiction for c in legal if c.jurisdiction)
    if stated:
        return stated.most_common(1)[0][0]
    codes = Counter(
        lex.AUTHORITIES[m.group()][1]
        for m in _AUTH_RE.finditer(ctx.text)
        if lex.AUTHORITIES[m.group()][1]
    )
    return codes.most_common(1)[0][0] if codes else None


def _imposers(s: str, pos: int) -> list[str]:
    head = s[:pos]
    out: list[str] = []
    # explicit subject "米国と英国は", "アメリカとイギリス当局は", "バイデン米政権は"
    subj_end = -1
    for m in re.finditer(r"(?:は|が)[、,]?", head):
        subj_end = m.start()
        break
    region = head[:subj_end] if 0 <= subj_end <= 40 else ""
    for code, _a, _b in _countries_in(region):
        if code not in out:
            out.append(code)
    if not out:
        for m in _AUTH_RE.finditer(region):
            code = lex.AUTHORITIES[m.group()][1]
            if code and code not in out:
                out.append(code)
    # "英国と米国から制裁", "米制裁", "米英の制裁", "EUによる制裁"
    for m in re.finditer(
        rf"((?:(?:{_alt(lex.COUNTRIES)}|[米英露豪韓]|EU|欧州連合)(?:と|、|および|及び)?)+)(?:政府)?(?:から|による|の|が)?$",
        head[max(0, pos - 20) : pos],
    ):
        for code, _a, _b in _countries_in(m.group(1)):
            if code not in out:
                out.append(code)
        if "EU" in m.group(1) or "欧州連合" in m.group(1):
            out.append("EU") if "EU" not in out else None
    if not out:
        _auth, acting = _acting_party(s, pos)
        if acting:
            out.append(acting)
    if re.search(r"EU|欧州連合", region) and "EU" not in out:
        out.append("EU")
    return out


def _near_target_cue(s: str) -> bool:
    return bool(re.search(r"制裁|指定|対象", s))


def _count_near(s: str, pos: int) -> int | None:
    best: tuple[int, int] | None = None
    for m in _COUNT_RE.finditer(s):
        n = _num(m.group(1))
        if n is None or n == 0 or n > 200:
            continue
        tail = s[m.end() : m.end() + 4]
        if re.match(r"(?:以上|超|規模|程度|分|の(?:顧客|ユーザー|利用者|個人|被害者))", tail):
            continue
        if re.match(r"の(?:うち|中から)", tail):
            pass
        d = abs(m.start() - pos)
        if best is None or d < best[0]:
            best = (d, n)
    return best[1] if best and best[0] <= 80 else None


def _charges(s: str) -> list[str]:
    out: list[str] = []
    if not re.search(r"罪|容疑|起訴|訴追|告発|共謀|違反", s):
        return out
    for m in _CHARGE_RE.finditer(s):
        c = _CHARGE_MAP[m.group()]
        if c not in out:
            out.append(c)
    return out


def _reward(s: str) -> str | None:
    m = _REWARD_RE.search(s)
    if not m:
        return None
    try:
        return _fmt_money(m.group(2), m.group(3), m.group(4), bool(m.group(1)))
    except ValueError:
        return None


_ATTRIB_RE = re.compile(
    rf"({_alt(lex.AUTHORITIES)})(?:の[^。、]{{0,12}}?)?(?:によると|によれば|は[^。]{{0,120}}?(?:と断定|と特定|と結論|と発表|と指摘|と評価|と認定|と非難|を非難|と明らかに|ことを明らかに|と述べ|と分析|としている)|が[^。]{{0,80}}?(?:断定|特定|認定|発表|公表))"
)


def _attribution(s: str, strict: bool = False) -> str | None:
    m = _ATTRIB_RE.search(s)
    if not m:
        return None
    name, code = lex.AUTHORITIES[m.group(1)]
    if not code:
        found = _countries_in(s[max(0, m.start() - 6) : m.start()])
        if not found:
            return None
        code = found[-1][0]
        name = f"{lex.COUNTRY_EN.get(code, code)} {name}"
    if strict and "によると" not in m.group() and "によれば" not in m.group():
        return None
    return name


def _actor_country(ctx: _Ctx, st: _Sent, a: ThreatActor) -> str | None:
    t = st.text
    ev = [e for e in a.evidence if st.start <= e.start < st.end]
    if not ev:
        return None
    pos = ev[0].start - st.start
    m = re.search(
        rf"({_alt(lex.COUNTRIES)})(?:政府)?(?:系|の|が支援|政府が支援|を背景|を拠点|の国家支援|に関連|と関係|とつなが)[^。、]{{0,25}}$",
        t[:pos],
    )
    if m:
        return lex.COUNTRIES[m.group(1)]
    m = re.match(
        rf"^[^。]{{0,12}}?(?:は|が)[^。]{{0,20}}?({_alt(lex.COUNTRIES)})(?:政府|軍)?(?:の|系|が支援|を背景|を拠点|に拠点)",
        t[ev[0].end - st.start :],
    )
    if m:
        return lex.COUNTRIES[m.group(1)]
    return None


def _nearest_actor(ctx: _Ctx, actors: list[ThreatActor], sents: list[int]) -> str | None:
    best: tuple[int, str] | None = None
    for a in actors:
        for e in a.evidence:
            si = ctx.sent_of(e.start)
            d = min(abs(si - s) for s in sents)
            if d <= 1 and (best is None or d < best[0]):
                best = (d, a.name)
    return best[1] if best else None


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


def _dedup_evidence(text: str, spans: list[tuple[int, int]]) -> list[Evidence]:
    seen: set[tuple[int, int]] = set()
    out: list[Evidence] = []
    for a, b in spans:
        if (a, b) in seen or a >= b:
            continue
        seen.add((a, b))
        out.append(_ev(text, a, b))
    return out


# -- CVEs and IOCs -------------------------------------------------------------------------------
def _cves(ctx: _Ctx) -> list[Vulnerability]:
    text = ctx.text
    out: dict[str, Vulnerability] = {}
    for m in _CVE_RE.finditer(text):
        year, num = m.group(1), m.group(2)
        sep = text[m.start(2) - 1]
        quote = text[m.start() : m.end()]
        # keep the text's id; uppercase 'CVE'; keep misprints and full-width digits as written
        cve = "CVE" + quote[3:] if quote[:3].lower() == "cve" else quote
        cve = unicodedata.normalize("NFKC", cve[:3]).upper() + cve[3:]
        del year, num, sep
        key = unicodedata.normalize("NFKC", cve).upper()
        v = out.get(key)
        if v is None:
            st = ctx.sents[ctx.sent_of(m.start())].text
            v = Vulnerability(cve=cve, description=_product(st))
            out[key] = v
        v.evidence.append(_ev(text, m.start(), m.end()))
    return list(out.values())


_PRODUCT_RE = re.compile(
    r"(FortiOS|FortiGate|Pulse Connect Secure|Ivanti [A-Z][A-Za-z ]+|Citrix [A-Z][A-Za-z ]+|Microsoft Exchange(?: Server)?|Exchange Server|"
    r"ESXi|vCenter(?: Server)?|Confluence|Log4j|Apache [A-Z][A-Za-z]+|Windows(?: [A-Z][A-Za-z]+)?|Microsoft Office(?: [A-Z]+)?|"
    r"Internet Explorer|Chrome|Firefox|Adobe Flash(?: Player)?|Acrobat(?: Reader)?|WebLogic|Oracle [A-Z][A-Za-z]+|"
    r"PAN-OS|GlobalProtect|SonicWall [A-Za-z]+|Zimbra|MOVEit(?: Transfer)?|Outlook|Barracuda [A-Za-z ]+|Cisco [A-Z][A-Za-z ]+|"
    r"F5 BIG-IP|BIG-IP|WinRAR|Struts|Jenkins|GitLab|Salt|Zoho [A-Za-z]+|ManageEngine [A-Za-z]+)"
)


def _product(sentence: str) -> str | None:
    m = _PRODUCT_RE.search(sentence)
    if not m:
        return None
    kind = (
        "privilege escalation"
        if "権限昇格" in sentence
        else "remote code execution"
        if "リモートコード" in sentence
        else None
    )
    return (
        f"{kind} vulnerability in {m.group(1).strip()}"
        if kind
        else f"vulnerability in {m.group(1).strip()}"
    )


_IOC_TYPES = {
    "urls": "url",
    "domains": "domain",
    "ipv4s": "ipv4",
    "ipv6s": "ipv6",
    "sha256s": "sha256",
    "sha1s": "sha1",
    "md5s": "md5",
    "email_addresses": "email",
    "sha512s": "sha512",
}
_IOC_HINT = re.compile(
    r"[0-9a-fA-F]{32}|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|https?://|hxxp|\[\.\]|@[A-Za-z0-9-]+\.|[A-Za-z0-9-]+\.(?:com|net|org|info|xyz|top|ru|cn|jp|io|co|biz)\b"
)
_BENIGN_DOMAINS = re.compile(
    r"(?:^|\.)(?:(?:[a-z0-9-]+\.)*(?:go\.jp|gov|mil|co\.jp|or\.jp|ac\.jp|ne\.jp)|"
    r"twitter\.com|x\.com|facebook\.com|youtube\.com|google\.com|microsoft\.com|"
    r"wikipedia\.org|github\.com|linkedin\.com|bleepingcomputer\.com|reuters\.com)$"
)


def _iocs(text: str) -> list[Indicator]:
    """IOCs via ioc-finder on an NFKC-folded copy (lazy import: it is slow to load)."""
    # NFKC only (textfold.fold also drops whitespace, which IOC parsing needs); offsets map back
    nf_chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            nf_chars.append(c)
            index.append(i)
    nf = "".join(nf_chars)
    if not _IOC_HINT.search(nf):
        return []
    try:
        from ioc_finder import find_iocs

        from summarizer.ioc_hygiene import locate
    except ImportError:  # pragma: no cover
        return []
    try:
        found = find_iocs(nf, included_ioc_types=list(_IOC_TYPES))
    except Exception:  # noqa: BLE001 - a parser fault must not fail the article
        return []
    out: list[Indicator] = []
    for key, typ in _IOC_TYPES.items():
        for value in found.get(key, []) or []:
            if typ in ("domain", "url") and _BENIGN_DOMAINS.search(
                value.split("/")[2] if typ == "url" and "//" in value else value
            ):
                continue
            if typ == "domain" and "." not in value:
                continue
            span = locate(nf, value)  # as written: plain or defanged (hxxp, [.]); value is refanged
            if span is None:
                continue
            s, e = index[span[0]], index[span[1] - 1] + 1
            out.append(Indicator(type=typ, value=value, evidence=[_ev(text, s, e)]))
    # a domain that is only the host of a reported URL is not a separate indicator
    hosts = {i.value.split("/")[2].lower() for i in out if i.type == "url" and "//" in i.value}
    return [i for i in out if not (i.type == "domain" and i.value.lower() in hosts)]


# -- brief -----------------------------------------------------------------------------------------
def _brief(f: Findings) -> tuple[str, str]:
    from summarizer.brief import brief

    if not (
        f.actors or f.indictments or f.sanctions or f.victims or f.malware or f.vulnerabilities
    ):
        return (
            "No threat actor, legal action or malware named in this article",
            "The rules engine found no named threat actor, indictment, sanction, named victim, "
            "malware or CVE in this article.",
        )
    headline, summary = brief(f)
    return headline, summary
