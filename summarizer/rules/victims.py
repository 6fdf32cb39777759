"""Victims: named organizations in attack sentences (lexicon, "<country>政府", glossed katakana
names, quoted names, X社, org-suffixed subjects) and article-level target descriptions carrying
sectors and countries."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Iterable
from functools import lru_cache
from pathlib import Path

from summarizer.countries import country_name
from summarizer.models import Victim
from summarizer.rules import lexicon as lex
from summarizer.rules.led import lazy_re
from summarizer.rules.people import BULLET
from summarizer.rules.reading import (
    AUTH_RE,
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
from summarizer.rules.software import _PRODUCT_RE, _false_hit
from summarizer.rxcache import cached_re

_DATA = Path(__file__).resolve().parent.parent / "data"


def trie_alternation(words: Iterable[str]) -> str:
    """A pattern matching exactly ``words``, the longest first at each position (as
    ``alternation``'s length-sorted one does), written as a trie: a few character tests per
    position instead of one attempt per word."""
    root: dict[str, dict] = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        kids = sorted(ch for ch in node if ch)
        leaves = [ch for ch in kids if list(node[ch]) == [""]]
        alts = [re.escape(ch) + emit(node[ch]) for ch in kids if ch not in leaves]
        if len(leaves) == 1:
            alts.append(re.escape(leaves[0]))
        elif leaves:
            alts.append("[" + "".join(re.escape(c) for c in leaves) + "]")
        if not alts:
            return ""
        if len(alts) == 1 and "" not in node:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" + ("?" if "" in node else "")

    return emit(root)


def _load_orgs() -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Surface form -> (English name, country, sectors), from ``data/victim_orgs.tsv``."""
    out: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for line in (_DATA / "victim_orgs.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        surface, en, country, sectors = line.split("\t")
        out[surface] = (en, country, tuple(x for x in sectors.split(",") if x))
    return out


class _Keyed:
    """``pattern`` tried only on texts that hold one of ``keys`` (plain substrings, one of which
    every match contains) and, if given, a match of ``gate``: most texts are rejected by a few
    substring tests."""

    __slots__ = ("_gate", "_keys", "pattern")

    def __init__(self, pattern: str, keys: tuple[str, ...], gate: str | None = None) -> None:
        self.pattern = lazy_re(pattern)
        self._keys = keys
        self._gate = lazy_re(gate) if gate else None

    def finditer(self, text: str) -> Iterable[re.Match[str]]:
        for k in self._keys:
            if k in text:
                if self._gate is None or self._gate.search(text) is not None:
                    return self.pattern.finditer(text)
                return ()
        return ()

    def search(self, text: str) -> re.Match[str] | None:
        for k in self._keys:
            if k in text:
                if self._gate is None or self._gate.search(text) is not None:
                    return self.pattern.search(text)
                return None
        return None


ORGS = _load_orgs()
_ORG_RE = lazy_re(trie_alternation(ORGS))

_ATTACK_RE = lazy_re(
    r"標的|狙|攻撃|侵入|侵害|被害|不正アクセス|不正に|盗|窃取|漏洩|漏えい|流出|感染|ハッキング|乗っ取"
    r"|奪|潜伏|書き換え|改ざん|破壊"
)
_REPORTER_AFTER_RE = lazy_re(
    r"^(?:は|が|も)(?:[^。]{0,50}?)(?:発表|報告|公表|明らかにし|指摘|述べ|警告|注意喚起|分析|声明|非難|呼びかけ|伝え)"
)
_RECEIVED_AFTER_RE = lazy_re(
    r"^(?:[^。]{0,4}?)(?:は|が|も)[^。]{0,40}?(?:(?:攻撃|不正アクセス|被害|侵入|ハッキング|侵害|感染)を受け"
    r"|(?:不正アクセス|侵入|侵害|ハッキング|攻撃|標的と)され)"
)
_RECEIVED_NOW_RE = lazy_re(
    r"^(?:は|が|も)[^。]{0,40}?(?:(?:攻撃|不正アクセス|被害|侵入|ハッキング|侵害|感染)を受け"
    r"|(?:不正アクセス|侵入|侵害|ハッキング|攻撃|標的と)され)"
)
_RECEIVED_LONG_RE = lazy_re(
    r"(?:は|が)[、,]?[^。はが]{0,90}?(?:(?:サイバー)?攻撃|不正アクセス|被害|侵入|ハッキング)を受け"
)
_TARGET_BEFORE_RE = lazy_re(
    r"(?:標的|攻撃対象|被害(?:組織|企業|者)?)(?:に|と|で)?(?:は|には|なったのは|されたのは)[、,]?"
)
_VICTIM_AFTER_RE = lazy_re(
    r"^(?:[、・やと]|など|等|を含|も含"
    r"|(?:の[^。、]{0,15}?)?(?:を|に|へ)(?:標的|狙|攻撃|侵入|不正|侵害|ハッキング|サイバー攻撃)"
    r"|(?:の[^。、]{0,15}?)?(?:への|に対する)[^。]{0,10}?(?:攻撃|侵入|不正アクセス|ハッキング)"
    r"|(?:の[^。、]{0,15}?)?(?:から|より)[^。]{0,12}?(?:盗|流出|窃取|漏洩|漏えい|奪)"
    # Xから約15億ドル相当の暗号資産が盗まれた
    r"|(?:の[^。、]{0,15}?)?(?:から|より)[^。]{0,40}?(?:盗まれ|奪われ|詐取され|窃取され)"
    r"|(?:の)[^。、]{0,20}?(?:が|は)[^。]{0,15}?(?:流出|漏洩|漏えい|侵害|被害|盗まれ|感染)"
    # Xの研究者のメールアカウントに侵入 / X（gloss）の管理システムの設定不備を突いて侵入
    r"|の(?:(?!関係者)[^。、]){0,25}?(?:アカウント|システム|ネットワーク|サーバー?)"
    r"(?:の[^。、]{0,10}?を(?:突|悪用)[^。、]{0,4}?)?(?:に)?(?:不正に)?(?:侵入|アクセス)"
    # Aの通信ネットワークが2022年からBによる悪意ある活動の標的になっていた
    r"|(?:の)[^。、]{0,20}?(?:が|は)[^。]{0,50}?(?:標的に(?:なっ|され)|標的と(?:なっ|され)|侵入され|侵害され)"
    r"|(?:の)?(?:職員|システム|ネットワーク|サーバー?|コンピューター?|ウェブサイト|サイト|メール|アカウント))"
)


def _each(words: tuple[str, ...], rest: str) -> str:
    """``(?:w1|w2|…)rest`` written as ``w1rest|w2rest|…`` (the same matches, tried in the same
    order): a pattern whose every alternative starts with a plain character lets re scan for
    those characters in C instead of trying the pattern at every position."""
    return "|".join(w + rest for w in words)


_TARGET_CUE_RE = lazy_re(
    # every alternative starts with a plain character (see _each)
    r"を(?:[^。、を]{0,10}の)?(?:標的|狙|ターゲット)|"
    + _each(("攻撃対象と", "対象と"), "(?:なっ|され)")
    + r"|への(?:サイバー)?攻撃|に対する(?:サイバー)?攻撃|に(?:不正)?侵入|を侵害|を攻撃"
    r"|が(?:サイバー)?攻撃を受け|が被害|に被害"
    # 病院がランサムウェア被害を受け / 端末がマルウェアに感染
    r"|が[^。、]{0,15}?(?:被害|攻撃|不正アクセス)を受け|が[^。、]{0,15}?に感染"
    # 日本の安全保障や先端技術に関する情報の窃取を目的に
    r"|に関する(?:機密)?情報(?:の|を)(?:窃取|盗)"
    # A国、B国の外務省に対して攻撃を行った / 多数の大学に対する一連の攻撃
    r"|に対して[^。、「」制]{0,8}?(?:攻撃|侵入|ハッキング)|に対する[^。、「」制]{1,12}?攻撃"
    # A国の通信・防衛の組織に攻撃が行われ / 政府や報道の要人を対象にサイバー攻撃
    r"|に(?!よ|渡|わた|おけ|関|対)[^。、にをはが]{1,6}?攻撃(?:が行われ|を(?:行|仕掛|実行|繰り返))"
    # 46の金融機関に大規模なDDoS（分散型サービス妨害）攻撃を仕掛けた: a glossed kind of attack
    r"|に(?!よ|渡|わた|おけ|関|対)(?:[^。、ぁ-ゖ（(]|な){1,10}?[（(][^（()）。]{1,20}[）)]攻撃"
    r"(?:が行われ|を(?:行|仕掛|実行|繰り返))"
    r"|を対象に(?:した)?[^。、]{0,6}?(?:攻撃|ハッキング|侵入)"
    # 各地の銀行から資金を盗んだ
    r"|から[^。、]{0,20}?(?:盗|窃取|詐取)|"
    # 研究者や外交官も標的となっている
    + _each(("が", "も"), "標的[とに](?:なっ|され)")
    + "|"
    # A国の報道企業のネットワークにアクセスした
    + _each(("ネットワーク", "システム", "サーバー?", "アカウント"), "に(?:不正に)?アクセス")
    # 通信会社への不正アクセス
    + r"|への[^。、]{0,6}?(?:不正アクセス|侵入|ハッキング)"
    # 報道や通信を中心に攻撃 / 特にX、Y、Zに重点を置いていた
    r"|を中心に[^。、]{0,6}?(?:攻撃|標的|狙)|に(?:重点|焦点)を(?:置|当て)|"
    # A国のほかB国などで情報を窃取
    + _each(("など", "等"), "で[^。、]{0,8}?(?:窃取|盗|攻撃|侵入|被害)")
    + "|"
    # A国の兵器や宇宙の技術を盗んだ
    + _each(("技術", "情報", "データ", "機密"), "を(?:盗|窃取)")
    # A国の政府機関を繰り返し狙っている
    + r"|を(?:繰り返し|執拗に|主に|特に|集中的に|継続的に|相次いで|長年(?:にわたり|にわたって)?)[、,]?(?:狙|標的)"
    # A州の医療機関も被害を受けた
    r"|も[^。、]{0,15}?(?:被害|攻撃|不正アクセス)を受け"
    # A国の通信や交通といった重要インフラのネットワークに潜伏 / 各国のコンピューターに感染
    r"|に[^。、にをがは]{0,12}?潜伏|"
    + _each(("コンピューター?", "端末", "機器", "サーバー?", "システム", "ネットワーク"), "に感染")
    + "|"
    # A国の政府機関のシステムを破壊した
    + _each(
        ("システム", "ネットワーク", "データ", "サーバー?", "インフラ"),
        "を(?:破壊|停止させ|暗号化)",
    )
    + "|"
    # A市水道局などで画面が書き換えられた
    + _each(("など", "等"), "で[^。、]{0,15}?(?:書き換え|改ざん)")
    # 取引所から約6億ドルが奪われた
    + r"|から[^。、]{0,20}?奪"
)
_SAME_ORG_HIT_RE = _Keyed(
    r"同(省|庁|局|社|機構|大学|病院|銀行|取引所)(?:自体|自身)?(?:の[^。、]{0,12}?)?"
    r"(?:に(?:不正)?侵入|を(?:サイバー)?攻撃|への(?:サイバー)?(?:攻撃|ハッキング|不正アクセス|侵入)"
    r"|から[^。、]{0,10}?(?:盗|窃取|流出))",
    ("同",),
)


def _antecedent(ctx: Ctx, pos: int, kind: str) -> tuple[int, int, str] | None:
    """The organization a 同省/同社 at ``pos`` refers to: the last known organization of that
    kind named in this or the previous sentence."""
    i = ctx.sent_of(pos)
    lo = ctx.sents[max(0, i - 1)].start
    best: tuple[int, int, str] | None = None
    for m in _ORG_RE.finditer(ctx.text, lo, pos):
        native = m.group()
        if kind == "社":
            ok = not re.search(r"[省庁局]$|政府|議会", native)
        else:
            ok = native.endswith(kind)
        if ok:
            best = (m.start(), m.end(), native)
    return best


def _quoted_company(
    ctx: Ctx, pos: int
) -> tuple[int, int, str | None, str, list[str], str | None] | None:
    """The last company named in quotes after its kind (開発会社「X」) in this or the previous
    sentence before ``pos``: what 同社 refers to when no known organization is named."""
    i = ctx.sent_of(pos)
    lo = ctx.sents[max(0, i - 1)].start
    text = ctx.text
    last = None
    for m in _QUOTED_COMPANY_RE.finditer(text, lo, pos):
        last = m
    if last is None:
        return None
    inner = last.group(2)
    g = _GLOSS_RE.search(inner)
    native = inner[: g.start()] if g else inner
    if not native or native in lex.GENERIC_NOUNS or _PRODUCT_WORD_RE.search(native):
        return None
    en = native if native.isascii() and _HAS_LATIN_RE.search(native) else None
    a = last.start(2)
    sectors = [x for x in ctx.kb.sectors(last.group(1)) if x != "commercial"]
    return a, a + len(native), en, native, sectors, country_before(text, last.start(1))


_QUOTED_COMPANY_RE = lazy_re(
    r"([^、。「」]{0,12}(?:会社|企業|取引所|事業者|メーカー))\s*[「『]([^」』]{2,30})[」』]"
)
_SECTOR_FIELD_RE = _Keyed(
    r"(?:注目されている|狙われている|狙われた|標的と(?:なっ|され)ている|標的にされている|対象と(?:なっ|され)ている)"
    r"(?:の)?は[、,]?([^。]{2,60}?)(?:など)?の?(?:分野|業界|業種|セクター|産業)",
    ("注目されている", "狙われ", "標的", "対象と"),
)
_SPONSOR_AFTER_RE = lazy_re(
    r"(?:政府|当局|軍)?(?:に代わって|のために|の指示で|の命令で|の依頼で|の支援を受け"
    r"|の(?:依頼|指示|命令|要請)を受け)"
    # A国国家安全部(MSS)と連携して…攻撃: the partner of the attackers
    r"|[^。、]{0,14}?(?:と連携し|と共謀し|と協力し)"
)
# "A国政府の批判者" / "A国の反体制派": people opposed to A (often abroad), not A itself
_CRITIC_AFTER_RE = lazy_re(
    r"(?:政府|当局|指導部|共産党)?(?:の|に)(?:批判者|批判的|反体制|反政府|反対派|亡命者)"
)
# "被害があったのはA国の他にB国やC国など" / "攻撃対象がA国のみならずB国へ"
_COUNTRY_LIST_AFTER_RE = _Keyed(
    # every alternative starts with a plain character (see _each)
    r"被害(?:が(?:あった|出た|確認された)|を受けた|に遭った)(?:の|国|地域)は|"
    + _each(("攻撃", "標的"), "対象(?:は|が)")
    + r"|標的と(?:なった|された)(?:の|国)は"
    # 標的はA、B、Cの各分野で / 攻撃の対象はA省やB省などの政府機関
    r"|標的(?:は|には)[、,]?|攻撃の対象(?:は|には)[、,]?"
    # 被害はA国やB国の政府機関に集中している
    r"|被害(?:は|の多くは|の大半は)[、,]?|"
    + _each(("被害", "影響"), "を受けた(?:組織|企業|機関)の[^。、]{0,12}?が")
    + "|"
    + _each(("被害", "影響"), "を受けた(?:組織|企業|機関|顧客)(?:に|の中に)は[、,]?"),
    ("被害", "対象", "標的", "影響を受けた"),
)

# what follows a name that makes it a parent company, a source or a speaker, not a victim:
# P社傘下のX / N新聞など報道によると / X省高官は会見で
_NOT_VICTIM_AFTER_RE = lazy_re(
    r"(?:の)?(?:傘下|系列)の"
    r"|(?:[、・やと]|など|等)[^。]{0,30}?(?:によると|によれば|の報道|が報じ|は報じ|が伝え|は伝え)"
    r"|(?:の)?(?:高官|長官|報道官|当局者|幹部|担当者|次官|大臣|広報)(?:は|が|も|によると|によれば|の)"
    # Xの取引先である部品メーカー「Y」: Y was hit, not its customer X
    r"|の(?:取引先|顧客|委託先|下請け|仕入れ先)(?:である|の|に)"
    # Xの脅威分析グループも…を確認: the analysts of X report, X was not hit
    r"|の[^。、]{0,12}?(?:チーム|グループ|研究者|アナリスト|専門家)(?:は|が|も|によると|によれば)"
    r"(?![^。]{0,30}?(?:被害|攻撃を受け|侵入され|侵害され))"
    # the maker of what was exploited, not the one breached: X製のルーター / Xの製品の脆弱性 /
    # XのメールサーバーYを悪用 / Xのログイン画面を装って
    r"|製(?!作所|鋼|薬|紙|鉄|油)"
    r"|の[^。]{0,30}?(?:脆弱性|製品|基本ソフト|(?<![A-Za-z])OS(?![A-Za-z])|修正プログラム|パッチ"
    r"|を(?:装|偽|かた))"
)

_SUBSIDIARY_RE = lazy_re(
    rf"の([{''.join(lex.COUNTRY_PREFIX)}])(?:国)?(?:子会社|法人|現地法人|拠点|支社|部門)"
)
# "我が国においても…攻撃": a Japanese government statement about attacks on Japan
_OWN_COUNTRY_RE = _Keyed(
    r"(?:我が国|わが国)(?:においても|においては|に対しても|でも)[^。]{0,80}?(?:攻撃|侵入|被害)",
    ("が国",),
)
_SANCTIONED_AFTER_RE = lazy_re(
    r"(?:[、・やと][^。]{0,25}?)?(?:を|に)(?:[^。、]{0,6}?)(?:制裁|資産凍結|指定)"
)
_AFFILIATION_AFTER_RE = lazy_re(
    r"(?:[、・やと][^。]{0,30}?)?(?:と(?:の)?(?:関係|関連|つなが)|系(?:の)?(?:ハッカー|集団|組織|グループ)"
    r"|の(?:支援|指示|命令)|が支援|傘下の|を背景)"
)

# The name is the whole run of name characters before the gloss (they are neither blanks nor
# brackets, so no shorter run is followed by one: the possessive {2,}+ tries no shorter run), and
# it starts after no katakana (a start right after one fails where that one's start failed, as
# the run and what follows are the same): the same matches, with no run scanned twice
_KATA_GLOSS_RE = _Keyed(
    rf"([{KATA}](?<![{KATA}][{KATA}])[{KATA}{KANJI}・]{{2,}}+)\s*[（(]\s*([A-Za-z][A-Za-z0-9&'.\- ]{{1,40}}?)\s*[）)]",
    ("(", "（"),
    r"[（(]\s*[A-Za-z]",  # what every match holds: a sentence without it is skipped at once
)
_QUOTED_ORG_RE = _Keyed(
    r"(?:会社|企業|取引所|銀行|大学|病院|メーカー|事業者|サービス|ポータル|社)\s*[「『]([^」』]{2,24})[」』]",
    ("「", "『"),
)
_SHA_RE = _Keyed(
    rf"(?<![{KANJI}{KATA}A-Za-z0-9])([{KATA}ー・]{{3,}}|[A-Z][A-Za-z0-9&.\-]{{1,30}})社", ("社",)
)

# クレジットカード大手JCB / 米衛星通信大手X (katakana): a name right after a descriptor's kind word
_DESC_LATIN_RE = _Keyed(
    r"(?:大手|企業|会社|事業者|メーカー|プロバイダー?)(?:\s*([A-Z][A-Za-z0-9&'.\-]{1,30})(?![A-Za-z0-9])"
    rf"|([{KATA}][{KATA}・ー]{{2,}})(?![{KATA}・ー]))",
    ("大手", "企業", "会社", "事業者", "メーカー", "プロバイダ"),
)
_DESC_STOP = frozenset(" \t\n\u3000、。「」()（）")


def _desc_latin(t: str) -> list[tuple[str, int, int]]:
    """(descriptor before the keyword, start, end of the Latin name) for クレジットカード大手JCB:
    the descriptor is up to 12 characters before 大手/企業/..., stopping at punctuation."""
    out = []
    for m in _DESC_LATIN_RE.finditer(t):
        g = 1 if m.group(1) else 2
        if g == 2 and (_shape_of(m.group(2)) != 3 or _not_a_name(m.group(2))):
            continue  # 大手プロバイダー, 企業メールシステム: a common word, not a name
        k = m.start()
        lo = k
        while lo > 0 and k - lo < 12 and t[lo - 1] not in _DESC_STOP:
            lo -= 1
        out.append((t[lo:k], m.start(g), m.end(g)))
    return out


_SUBJ_NP_HEADS = (
    "電機|電気|工業|重工|製作所|銀行|大学|病院|機構|協会|新聞|放送|研究所|研究開発機構|委員会|組合|財団"
    "|通信|電力|ガス|鉄道|航空|証券|保険|商事|物産|自動車|製薬|化学"
)
# [K][K]{1,11} = [K]{2,12}, written so that re scans for a first kanji in C
_SUBJ_NP_RE = lazy_re(rf"([{KANJI}][{KANJI}]{{1,11}}(?:{_SUBJ_NP_HEADS}))")
_SUBJ_NP_HEAD_RE = lazy_re(_SUBJ_NP_HEADS)


def _subj_nps(t: str) -> Iterable[re.Match[str]]:
    """``_SUBJ_NP_RE.finditer(t)``: a match holds a head that starts 2 to 12 characters after
    it, so none starts more than 12 characters before the first head (and none at all in a text
    without one): the scan starts there."""
    h = _SUBJ_NP_HEAD_RE.search(t)
    if h is None:
        return ()
    return _SUBJ_NP_RE.finditer(t, max(0, h.start() - 12))


# ``reading.GOV_RE`` (same groups, same matches) with its word lists as tries, tried only where a
# ministry can be named
_GOV_RE = _Keyed(
    rf"({trie_alternation(lex.COUNTRIES)})(の)?"
    rf"(政府|{trie_alternation([*(m for m in lex.MINISTRIES if m != '政府'), '国会'])})",
    # the last characters of the ministries' names (国会: a country's parliament)
    tuple({m[-1] for m in lex.MINISTRIES} | {"国会"}),
)
_KANJI_AT_RE = lazy_re(K)
# "ある州の選挙管理委員会", "某市の水道局", "各国の外務省": an unnamed one of a kind
_INDEFINITE_BEFORE_RE = lazy_re(
    rf"(?:ある|某|各|一部の|複数の|多くの|多数の|いくつかの)(?:[{KANJI}]{{1,3}}の?)?$"
)
_NAME_CHAR_RE = lazy_re(rf"[{KATA}A-Za-z0-9]")
_NAME_GOES_ON_RE = lazy_re(rf"・?[{KATA}A-Za-z0-9]")
_NAME_BEFORE_RE = lazy_re(rf"[{KATA}A-Za-z0-9・]")
# kanji that go on from a known name to a longer organization's name (X港 -> X港運協会)
_LONGER_ORG_RE = lazy_re(
    rf"[{KANJI}]{{0,6}}(?:協会|機構|組合|財団|研究所|公社|公団|病院|大学|学園|センター)"
)
_HIT_BEFORE_RE = lazy_re(r"(?:標的|被害|攻撃対象|狙われ)(?:に|と|は|を)?(?:なった|された)?$")
_SAME_COUNTRY_GOV_RE = _Keyed(
    rf"同国(の)?(政府|{trie_alternation(m for m in lex.MINISTRIES if m != '政府')})", ("同国",)
)
# 同国外務省, 同社: the one named before, never a name of its own
_SAME_PREFIXES = (
    "同国",
    "同社",
    "同省",
    "同庁",
    "同局",
    "同市",
    "同県",
    "同州",
    "同機構",
    "同大学",
)
_LOCAL_GOV_ENDS = ("県", "府", "都")
_GOV_PEOPLE = ("機関", "職員", "関係者", "当局者", "高官", "要人")
_ASSET_RE = lazy_re(
    r"電子メール|メール(?:サーバー?|システム|アカウント)?|受信箱|クラウド(?:サービス)?"
)
_SOURCE_CUT_RE = lazy_re(
    r"(?:によると|によれば)[、,]?|に制裁\s*"
    # A国のサーバーを経由して…に侵入: the servers passed through are not the target
    r"|(?:を経由して|経由で|を介して|を踏み台に(?:して)?)[、,]?"
)
_HOME_TARGET_RE = lazy_re(r"(?<![同各そ])(?:国内の|国内企業|わが国|我が国|日本企業|邦人)")
_ORGAN_ACT_RE = lazy_re(r"は|が|によると|によれば|と共同|とともに|など|の発表|の声明|の報告|も")


# -- victims --------------------------------------------------------------------------------
_IDENTIFIER_RE = cached_re(r"CVE-\d{4}-\d{4,}", re.I)


def find_victims(ctx: Ctx) -> list[Victim]:
    country: str | None
    sectors: tuple[str, ...] | list[str]
    text = ctx.text
    out: dict[str, Victim] = {}
    described: list[Victim] = []

    def add(key: str, v: Victim) -> None:
        if v.name and _IDENTIFIER_RE.fullmatch(v.name):
            return  # a CVE number glossing a flaw (脆弱性（CVE-…）を突いて侵入) names no victim
        old = out.get(key) or _same_ministry(out.values(), v)
        if old is None:
            out[key] = v
        else:
            old.evidence += [e for e in v.evidence if all(e.start != o.start for o in old.evidence)]
            old.country = old.country or v.country
            old.sectors += [s for s in v.sectors if s not in old.sectors]

    attacker_countries = _AttackerCountries(ctx)  # read only when a country needs judging
    # what ``ctx.in_hit`` tests: spans of actors, malware and organs
    blocked = [(h.start, h.end) for h in ctx.hits if h.kind in ("actor", "malware", "organ")]
    for st in ctx.sents:
        t = st.text
        attack = _ATTACK_RE.search(t) is not None
        spans_taken: list[tuple[int, int]] = []
        # 0. named organizations in a list of those attacked or breached
        items = (
            _victim_list_items(ctx, t, st.start) if attack or "含まれ" in t or "障害" in t else []
        )
        for a, b, en, native, item_sectors, item_country in items:
            if spans_taken and _overlaps(spans_taken, a, b):
                continue
            spans_taken.append((a, b))
            lexed = ORGS.get(native) or ORGS.get(native[1:])
            if lexed:
                en, lcountry, lsectors = lexed[0], lexed[1] or item_country, list(lexed[2])
            else:
                lcountry, lsectors = item_country, item_sectors
            add(
                en or native,
                Victim(
                    name=en,
                    name_native=native,
                    description=None if en else f"organization named {native}",
                    sectors=lsectors,
                    country=lcountry or None,
                    evidence=[span_evidence(text, st.start + a, st.start + b)],
                ),
            )
        listed_after = _COUNTRY_LIST_AFTER_RE.search(t)
        if not attack and not listed_after:
            continue  # 影響を受けた顧客には…が含まれ: who was hit, without an attack word

        def role_ok(a: int, b: int, authority_like: bool, t: str = t) -> bool:
            after = _skip_close(t[b : b + 80])[:60]
            if _NOT_VICTIM_AFTER_RE.match(after) or (
                after.startswith("の") and _PRODUCT_RE.match(after, 1)
            ):
                return False  # XのExchange Server: the maker of the product exploited
            if _TARGET_BEFORE_RE.search(t[max(0, a - 40) : a]) and not _REPORTER_AFTER_RE.match(
                after
            ):
                return True
            if authority_like:
                return (
                    bool(_RECEIVED_AFTER_RE.match(after))
                    or (bool(_VICTIM_AFTER_RE.match(after)) and not after.startswith(_LIST_NEXT))
                    or _VICTIM_STRONG(t, a, b)
                )
            if _RECEIVED_AFTER_RE.match(after) or _VICTIM_AFTER_RE.match(after):
                return True
            if _REPORTER_AFTER_RE.match(after):
                return False
            if authority_like:
                return False
            before = t[max(0, a - 12) : a]
            return bool(_HIT_BEFORE_RE.search(before)) or not _ORGAN_ACT_RE.match(after)

        # 1. lexicon organizations
        for m in _ORG_RE.finditer(t):
            a, b = m.start(), m.end()
            native = m.group()
            # part of a longer kanji word (e.g. 東京地検 vs 地検): keep only full-word matches
            if (
                a > 0
                and _KANJI_AT_RE.match(t, a - 1)
                and native not in ("司法省", "財務省")
                and t[a - 1] not in "米英日"
            ):
                continue
            if _overlaps(blocked, st.start + a, st.start + b) or (
                spans_taken and _overlaps(spans_taken, a, b)
            ):
                continue
            if _NAME_CHAR_RE.match(native[-1]) and _NAME_GOES_ON_RE.match(t[b : b + 2]):
                continue  # part of a longer name: KnownNameセキュリティ, X・Y・Z
            if a > 0 and _NAME_CHAR_RE.match(native[0]) and _NAME_BEFORE_RE.match(t, a - 1):
                continue  # the end of a longer word: サンフランシスコ holds シスコ
            if _KANJI_AT_RE.match(native[-1]) and _LONGER_ORG_RE.match(t, b):
                continue  # the start of a longer organization's name: X港 in X港運協会
            if native.endswith("政府") and t.startswith(_GOV_PEOPLE, b):
                continue  # A国政府機関 / 政府職員: a description (step 4), not the government
            if _INDEFINITE_BEFORE_RE.search(t, max(0, a - 8), a):
                continue  # ある州の選挙管理委員会: one of a kind, not the named organization
            name, country, sectors = ORGS[native]
            authority_like = native in lex.AUTHORITIES
            if not role_ok(a, b, authority_like):
                continue
            sub = _SUBSIDIARY_RE.match(t, b)
            if sub:  # P社の米子会社への攻撃: the subsidiary's country was hit
                country = lex.COUNTRY_PREFIX[sub.group(1)]
            country = country or country_before(t, a) or None
            spans_taken.append((a, b))
            add(
                name,
                Victim(
                    name=name,
                    name_native=native,
                    sectors=list(sectors),
                    country=country or None,
                    evidence=[span_evidence(text, st.start + a, st.start + b)],
                ),
            )
        # 2. "<country>政府" / "<country>の外務省"
        for m in _GOV_RE.finditer(t):
            a, b = m.start(), m.end()
            if (spans_taken and _overlaps(spans_taken, a, b)) or _overlaps(
                blocked, st.start + a, st.start + b
            ):
                continue
            code = lex.COUNTRIES[m.group(1)]
            after_gov = t[b : b + 60]
            if (
                _AFFILIATION_AFTER_RE.match(after_gov)
                or _SANCTIONED_AFTER_RE.match(after_gov)
                or _SPONSOR_AFTER_RE.match(after_gov)  # A国政府の依頼を受けて…攻撃
            ):
                continue  # A国政府や軍と関係のあるハッカー / A国の情報省を制裁対象に
            if m.group(3) == "政府" and after_gov.startswith(_GOV_PEOPLE):
                continue  # A国の政府機関 / 政府職員: a description (step 4), not the government
            if code in attacker_countries and not (
                _RECEIVED_AFTER_RE.match(after_gov)
                or (_VICTIM_AFTER_RE.match(after_gov) and not after_gov.startswith(_LIST_NEXT))
            ):
                continue
            if not (
                _VICTIM_AFTER_RE.match(t[b : b + 60])
                or _RECEIVED_AFTER_RE.match(t[b : b + 60])
                # A国国会（gloss）は、…の脆弱性を突いたサイバー攻撃を受け: no other subject between
                or _RECEIVED_LONG_RE.match(_skip_close(t[b : b + 140]))
            ):
                continue
            noun = "議会" if m.group(3) == "国会" else m.group(3)  # A国国会 = A国議会
            name = ministry_name(code, noun)
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
        # 2b. "同国外務省": the ministry of the country named just before
        for m in _SAME_COUNTRY_GOV_RE.finditer(t):
            a, b = m.start(), m.end()
            if spans_taken and _overlaps(spans_taken, a, b):
                continue
            ante = _country_named_before(ctx, st.start + a)
            if ante is None:
                continue
            code, surface = ante
            after_gov = t[b : b + 80]
            if code in attacker_countries or not (
                _VICTIM_AFTER_RE.match(after_gov) or _RECEIVED_AFTER_RE.match(after_gov)
            ):
                continue
            name = ministry_name(code, m.group(2))
            spans_taken.append((a, b))
            add(
                name,
                Victim(
                    name=name,
                    name_native=surface + m.group(2),
                    sectors=["government-national"],
                    country=code,
                    evidence=[span_evidence(text, st.start + a, st.start + b)],
                ),
            )
        # 3. glossed katakana names, quoted company names, X社, org-suffixed subjects
        cands: list[tuple[int, int, str | None, str]] = []
        for m in _KATA_GLOSS_RE.finditer(t):
            latin = m.group(2).strip()
            if latin.isupper() and len(latin) <= 5 and "・" not in m.group(1):
                continue  # an abbreviation gloss of a generic term (X・Y・Z(XYZ) is a name)
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
        desc_country: dict[tuple[int, int], str] = {}
        for prefix, la, lb in _desc_latin(t):  # クレジットカード大手JCB
            cands.append((la, lb, t[la:lb] if t[la].isascii() else None, t[la:lb]))
            desc_sectors[(la, lb)] = list(ctx.kb.sectors(prefix))
            if prefix[:1] in _ONE_KANJI_COUNTRIES and _KANJI_AT_RE.match(prefix, 1):
                desc_country[(la, lb)] = lex.COUNTRY_PREFIX[prefix[0]]  # 米食肉大手X
        for m in _SHA_RE.finditer(t):
            if m.group(1) in lex.GENERIC_NOUNS:
                continue
            cands.append((m.start(1), m.end(), None, m.group(1)))
        for m in _subj_nps(t):
            np = strip_lead(m.group(1))
            if np in lex.GENERIC_NOUNS or len(np) < 3:
                continue
            a0 = m.end() - len(np)
            if np == m.group(1) and a0 and _KATA_AT_RE.match(t, a0 - 1):
                # ニューヨーク連邦準備銀行: a place in katakana opens the name
                k = _KATA_RUN_BEFORE_RE.search(t, max(0, a0 - 12), a0)
                if k is not None and len(k.group()) >= 2:
                    a0, np = k.start(), k.group() + np
            cands.append((a0, m.end(), None, np))
        for a, b, en, native in cands:
            if (spans_taken and _overlaps(spans_taken, a, b)) or _overlaps(
                blocked, st.start + a, st.start + b
            ):
                continue
            if native in lex.GENERIC_NOUNS or native in _not_names() or (en and en in LATIN_STOP):
                continue
            if not role_ok(a, b, False) or not _VICTIM_STRONG(t, a, b):
                continue
            if _INDEFINITE_BEFORE_RE.search(t, max(0, a - 8), a):
                continue  # ある州の選挙管理委員会
            spans_taken.append((a, b))
            key = en or native
            country = country_before(t, a) or desc_country.get((a, b))
            if country is None and a and t[a - 1] in _ONE_KANJI_COUNTRIES:
                country = lex.COUNTRY_PREFIX.get(t[a - 1])  # 米X(…): X of the US
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
            if "「" in t and _in_speech(t, m.start()):
                continue  # 「重要インフラへの攻撃は容認しない」と述べた: a stance, not a report
            lo = _clause_start(t, m.start())
            # what a report says is not what was attacked: 報道によると、X社に侵入
            # nor is a headline's first phrase (米、X省に制裁 Yへのサイバー攻撃で)
            head = t[lo : m.start()]
            if (
                "によ" in head
                or "に制裁" in head
                or "経由" in head
                or "介し" in head
                or "踏み台" in head
            ):
                srcs = list(_SOURCE_CUT_RE.finditer(head))
                if srcs:
                    lo += srcs[-1].end()
            obj = head.rfind("を、") if "を、" in head else -1
            if obj >= 0 and lo + obj + 2 < m.start():
                lo += obj + 2  # 将校5人を、米国の企業に侵入したとして: the accused, then the target
            clause = t[lo : m.start()]
            if len(clause) < 2:
                continue
            # what of the target was hit (電子メールのシステム, クラウド) is no sector of its own
            wanted = _ASSET_RE.sub("、", clause) if _ASSET_RE.search(clause) else clause
            sectors = [s for s in ctx.kb.sectors(wanted) if s and s != "commercial"]
            countries = []
            found = _countries(ctx, clause, st.start + lo)
            auth_spans = (
                [
                    (x.start(), x.end())
                    for x in AUTH_RE.finditer(clause)
                    # A国政府機関を狙った: the agencies are the targets, not an authority acting
                    if not (x.group().endswith("政府") and clause.startswith(_GOV_PEOPLE, x.end()))
                ]
                if found
                else []
            )
            for c, ca, cb in found:
                if any(x <= ca < y for x, y in auth_spans) or c in countries:
                    continue
                if c in attacker_countries and not re.match(r"(?:を|に対|へ)", clause[cb : cb + 2]):
                    continue
                if _SPONSOR_AFTER_RE.match(clause, cb) or _CRITIC_AFTER_RE.match(clause, cb):
                    continue  # A国政府に代わって…盗む: on whose behalf, not whom
                if clause.startswith("製", cb):
                    continue  # A国製の制御装置を狙った: where the product was made
                countries.append(c)
            if (
                ("国" in clause or "邦人" in clause or "日本企業" in clause)
                and _HOME_TARGET_RE.search(clause)
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
                        description=desc + (f" ({country_name(cc)})" if cc else ""),
                        sectors=sectors if i == 0 else [],
                        country=cc,
                        evidence=[span_evidence(text, st.start + lo, st.start + m.end())],
                    )
                )
        # 4b. "X省は、集団が同省のシステムに侵入したと発表": 同省 is X
        for m in _SAME_ORG_HIT_RE.finditer(t):
            ante = _antecedent(ctx, st.start + m.start(), m.group(1))
            if ante is None:
                quoted = _quoted_company(ctx, st.start + m.start()) if m.group(1) == "社" else None
                if quoted is not None:  # 開発会社「X」の従業員に接触し、同社のシステムに侵入
                    a0, b0, en, native, q_sectors, q_country = quoted
                    add(
                        en or native,
                        Victim(
                            name=en,
                            name_native=native,
                            description=None if en else f"organization named {native}",
                            sectors=q_sectors,
                            country=q_country,
                            evidence=[
                                span_evidence(text, a0, b0),
                                span_evidence(text, st.start + m.start(), st.start + m.end()),
                            ],
                        ),
                    )
                continue
            a0, b0, native = ante
            name, country, sectors = ORGS[native]
            add(
                name,
                Victim(
                    name=name,
                    name_native=native,
                    sectors=list(sectors),
                    country=country or country_before(text, a0) or None,
                    evidence=[
                        span_evidence(text, a0, b0),
                        span_evidence(text, st.start + m.start(), st.start + m.end()),
                    ],
                ),
            )
        for m in _OWN_COUNTRY_RE.finditer(t):
            described.append(
                Victim(
                    name=None,
                    description="targets (Japan)",
                    country="JP",
                    evidence=[span_evidence(text, st.start + m.start(), st.start + m.end())],
                )
            )
        # 5b. "最も狙われているのは、XやYなどの分野だ"
        for m in _SECTOR_FIELD_RE.finditer(t):
            fs = [x for x in ctx.kb.sectors(m.group(1)) if x != "commercial"]
            if fs:
                described.append(
                    Victim(
                        name=None,
                        description=f"targets in {', '.join(fs)}",
                        sectors=fs,
                        evidence=[span_evidence(text, st.start + m.start(), st.start + m.end())],
                    )
                )
        # 5. countries listed after "被害があったのは" / "攻撃対象が"
        for m in _COUNTRY_LIST_AFTER_RE.pattern.finditer(t) if listed_after else ():
            rest = t[m.end() :]
            head = re.split(r"で[、,]|。", rest, maxsplit=1)[0]
            # the sectors of what is described, not of the known names listed (X運輸省: no transport)
            described_head = _ORG_RE.sub("、", head) if _ORG_RE.search(head) else head
            rest_sectors = [x for x in ctx.kb.sectors(described_head) if x != "commercial"]
            if rest_sectors:
                described.append(
                    Victim(
                        name=None,
                        description=f"targets in {', '.join(rest_sectors)}",
                        sectors=rest_sectors,
                        evidence=[
                            span_evidence(
                                text, st.start + m.start(), st.start + m.end() + len(head)
                            )
                        ],
                    )
                )
            for c, ca, cb in _countries(ctx, rest, st.start + m.end()):
                if c in attacker_countries and not re.match(r"(?:を|に対|へ)", rest[cb : cb + 2]):
                    continue
                if _CRITIC_AFTER_RE.match(rest, cb):
                    continue  # A国政府の批判者: its critics abroad were targeted, not A
                described.append(
                    Victim(
                        name=None,
                        description=f"targets ({country_name(c)})",
                        country=c,
                        evidence=[
                            span_evidence(text, st.start + m.end() + ca, st.start + m.end() + cb)
                        ],
                    )
                )
    for a, b, native, country in _incident_sites(ctx):
        add(
            native,
            Victim(
                name=None,
                name_native=native,
                description=f"organization named {native}",
                sectors=_suffix_sectors(native),
                country=country,
                evidence=[span_evidence(text, a, b)],
            ),
        )
    described += _headed_lists(ctx, attacker_countries)
    for a, b, en, native, sectors, country in [
        *_following_list_orgs(ctx),
        *_colon_bullet_orgs(ctx),
        *_theft_bullet_orgs(ctx),
    ]:
        lexed = ORGS.get(native)
        if lexed:  # a name the lexicon knows: its English name, country and sectors
            en, country, sectors = lexed[0], lexed[1] or country, list(lexed[2]) or sectors
        add(
            en or native,
            Victim(
                name=en,
                name_native=native,
                description=None if en else f"organization named {native}",
                sectors=sectors,
                country=country,
                evidence=[span_evidence(text, a, b)],
            ),
        )
    _merge_short_forms(out)
    for v in out.values():
        if v.name_native and (v.country is None or not v.sectors):
            d_country, d_sectors = _described_at_mentions(ctx, v.name_native)
            v.country = v.country or d_country
            if not v.sectors:
                v.sectors = d_sectors
    return list(out.values()) + described


# ソウル大病院 = ソウル大学病院: 大 short for 大学 before a kind of institution
_ABBREV_DAI_RE = lazy_re(r"大(?=病院|医学部|学部|研究所|附属)")


def _merge_short_forms(out: dict[str, Victim]) -> None:
    """X・Y named once in full and then as X: one victim (the full name keeps the evidence)."""
    natives = {v.name_native: k for k, v in out.items() if v.name_native and not v.name}
    if len(natives) < 2:
        return
    for short, key in list(natives.items()):
        for full, fkey in natives.items():
            if (
                fkey != key
                and (full.startswith(short + "・") or _ABBREV_DAI_RE.sub("大学", short, 1) == full)
                and key in out
                and fkey in out
            ):
                v, w = out.pop(key), out[fkey]
                w.evidence += [e for e in v.evidence if all(e.start != o.start for o in w.evidence)]
                w.country = w.country or v.country
                w.sectors += [x for x in v.sectors if x not in w.sectors]
                break


# the kind word that ends a descriptor right before a name (韓国の大手暗号資産交換所「X」)
_DESCRIPTOR_END_RE = lazy_re(
    r"(?:大手|会社|企業|メーカー|事業者|業者|交換所|取引所|銀行|病院|大学|プロバイダー?|運営会社)$"
)
_DESCRIPTOR_RUN_RE = lazy_re(rf"[{KANJI}{KATA}・（）()]+$")


def _described_at_mentions(ctx: Ctx, native: str) -> tuple[str | None, list[str]]:
    """The country and sectors that a descriptor right before a mention of ``native`` states:
    韓国の大手暗号資産交換所「X」, 同国の医療保険大手X, 米衛星通信大手X, 風力発電機メーカーのX."""
    text = ctx.text
    country: str | None = None
    sectors: list[str] = []
    pos = text.find(native)
    seen = 0
    while pos > 0 and seen < 6 and (country is None or not sectors):
        seen += 1
        k = pos
        if text[k - 1] in "「『":
            k -= 1
        if text[k - 1 : k] == "の":
            k -= 1
        dm = _DESCRIPTOR_RUN_RE.search(text, max(0, k - 24), k)
        lo = dm.start() if dm is not None else k
        desc = text[lo:k]
        if desc and _DESCRIPTOR_END_RE.search(desc):
            if not sectors:
                sectors = [x for x in ctx.kb.sectors(desc) if x != "commercial"]
            if country is None:
                if desc[0] in _ONE_KANJI_COUNTRIES and _KANJI_AT_RE.match(desc, 1):
                    country = lex.COUNTRY_PREFIX.get(desc[0])
                elif text.endswith("同国の", 0, lo):
                    ante = _country_named_before(ctx, lo - 3)
                    country = ante[0] if ante else None
                elif text.endswith("の", 0, lo):
                    country = country_before(text, lo)
        pos = text.find(native, pos + len(native))
    return country, sectors


# "被害を受けた国:" / "狙われた業種:" followed by bulleted lines
_HEADED_LIST_RE = _Keyed(
    r"(?m)^[^\n]{0,30}(?:被害|標的|攻撃対象|狙われ)[^\n]{0,12}(地域|国|業種|分野|セクター|業界|産業|組織)"
    r"[^\n:：]{0,12}[:：][ \t]*\n((?:[ \t]*[-・●■◆*][^\n]+(?:\n|$))+)",
    (":", "："),
    r"[:：][ \t]*\n",
)


def _headed_lists(ctx: Ctx, attacker_countries: Container[str]) -> list[Victim]:
    """Countries and sectors in bulleted lists under a heading that names them as targets."""
    out: list[Victim] = []
    for m in _HEADED_LIST_RE.finditer(ctx.text):
        for lm in re.finditer(r"[^\n]+", m.group(2)):
            b = m.start(2) + lm.end()
            item = re.sub(r"^[ \t]*[-・●■◆*][ \t]*", "", lm.group())
            countries = [c for c, _x, _y in _countries(ctx, item, b - len(item))]
            countries = [c for c in dict.fromkeys(countries) if c not in attacker_countries]
            sectors = [x for x in ctx.kb.sectors(item) if x != "commercial"]
            if not countries and not sectors:
                continue
            quote_a = b - len(item)
            for i, c in enumerate(countries or [None]):
                out.append(
                    Victim(
                        name=None,
                        description="targets"
                        + (f" in {', '.join(sectors)}" if sectors and i == 0 else "")
                        + (f" ({country_name(c)})" if c else ""),
                        sectors=sectors if i == 0 else [],
                        country=c,
                        evidence=[span_evidence(ctx.text, quote_a, b)],
                    )
                )
    return out


# "<県>X市の「Y病院」で、システムが使えなくなった" and, in the next sentences,
# ransomware or unauthorized access: the named organization is where the attack happened
_INCIDENT_SITE_RE = _Keyed(
    r"[「『]([^」』「『]{2,30}?(?:病院|医療センター|クリニック|大学|銀行|市役所|町役場|村役場|役所|役場"
    r"|センター|機構|協会|組合|工業|製作所|学校|学園))[」』]で[、,]?[^。]{0,40}?"
    r"(?:できなくな|使えなくな|停止|障害|被害|流出|漏洩|漏えい|暗号化)",
    ("」で", "』で"),
)
_INCIDENT_ATTACK_RE = lazy_re(r"ランサムウ|不正アクセス|サイバー攻撃|感染|ハッキング|侵入")


def _incident_sites(ctx: Ctx) -> list[tuple[int, int, str, str | None]]:
    """(start, end, name, country) of organizations named as the site of an incident that the
    same or the next two sentences attribute to an attack."""
    out: list[tuple[int, int, str, str | None]] = []
    for m in _INCIDENT_SITE_RE.finditer(ctx.text):
        i = ctx.sent_of(m.start())
        near = "".join(s.text for s in ctx.sents[i : i + 3])
        if not _INCIDENT_ATTACK_RE.search(near):
            continue
        line_start = ctx.text.rfind("\n", 0, m.start()) + 1
        before = ctx.text[max(line_start, m.start() - 20) : m.start()]
        found = _countries(ctx, before, m.start() - len(before))
        country = found[-1][0] if found else None
        out.append((m.start(1), m.end(1), m.group(1), country))
    return out


_BULLET = BULLET  # a list item's bullet: ・ - ● … or a number (1. １． ①)
_BULLET_RE = lazy_re(rf"[ \t]*{_BULLET}[ \t]*")
_BULLET_START_RE = lazy_re(rf"\n[ \t]*{_BULLET}")
_BULLET_BLOCK_RE = lazy_re(rf"(?:[ \t]*{_BULLET}[^\n]*\S[^\n]*(?:\n|$))+")
_LINE_RE = lazy_re(r"[^\n]+")
# "被告らは以下の企業に侵入した。" / "被害を受けたのは次の６組織である。" / "■ 被害を受けた電力会社":
# a heading that announces bulleted or numbered lines, one organization each ("• 人名…企業名" too)
_LIST_HEADING_RE = lazy_re(
    r"(?:以下|次)の[^。\n]{0,10}?(?:企業|組織|機関|団体|会社|事業者)"
    r"|(?:被害を受けた|攻撃を受けた|不正アクセスを受けた|標的と(?:なった|された)|狙われた|侵入された)"
    r"(?:の(?:は|が))?[^。\n]{0,12}?(?:企業|組織|機関|団体|会社|事業者|病院|大学|銀行|取引所)"
)


# every match of _LIST_HEADING_RE holds one of these
_LIST_HEADING_KEY_RE = lazy_re("以下の|次の|を受けた|標的と|狙われた|侵入された")


def _bullet_blocks(ctx: Ctx) -> list[tuple[str, int, int, int]]:
    """(heading: the last non-blank line before, blank characters between, start, end) of each
    run of bulleted or numbered lines in the article (computed once per article)."""
    cache = ctx.__dict__
    blocks: list[tuple[str, int, int, int]] | None = cache.get("_victim_bullets")
    if blocks is not None:
        return blocks
    blocks = cache["_victim_bullets"] = []
    text = ctx.text
    done = 0
    for m in _BULLET_START_RE.finditer(text):
        if m.start() < done:
            continue
        bm = _BULLET_BLOCK_RE.match(text, m.start() + 1)
        if bm is None:
            continue
        done = bm.end()
        first_end = text.find("\n", bm.start(), bm.end())
        if text[bm.start() : first_end].lstrip().startswith(("■", "◆")) and first_end > 0:
            # "■ 被害を受けた電力会社" then numbered lines: the marked line is the heading
            if first_end + 1 < bm.end():
                blocks.append((text[bm.start() : first_end], 1, first_end + 1, bm.end()))
            continue
        hb = m.start()  # the heading: the last non-blank line before the list
        while hb > 0 and text[hb - 1] in "\n \t\u3000":
            hb -= 1
        ha = text.rfind("\n", 0, hb) + 1
        blocks.append((text[ha:hb], m.start() - hb, bm.start(), bm.end()))
    return blocks


def _block_lines(text: str, a: int, b: int) -> Iterable[tuple[int, str]]:
    """(start, line) of the non-blank lines of text[a:b]."""
    for lm in _LINE_RE.finditer(text, a, b):
        yield lm.start(), lm.group()


_GLOSS_TAIL_RE = lazy_re(r"[（(]([^（()）]{1,40})[）)]\s*$")


def _following_list_orgs(
    ctx: Ctx,
) -> list[tuple[int, int, str | None, str, list[str], str | None]]:
    """Organizations in the bulleted or numbered list announced as the ones attacked
    (以下の企業に対して… / 被害を受けたのは次のN組織), with the sectors the heading or an
    item's gloss states (被害を受けた電力会社, X（原子力発電）)."""
    out: list[tuple[int, int, str | None, str, list[str], str | None]] = []
    text = ctx.text
    if _LIST_HEADING_KEY_RE.search(text) is None:
        return out
    for heading, _gap, la, lb in _bullet_blocks(ctx):
        if _LIST_HEADING_RE.search(heading) is None or not _CONTAINED_CTX_RE.search(heading):
            continue  # 次の企業が参加した: no attack in the heading
        h_sectors = [x for x in ctx.kb.sectors(heading) if x != "commercial"]
        for line_at, line in _block_lines(text, la, lb):
            # "person…company": the organization is what comes after the last separator
            cut = max(line.rfind(x) for x in ("…", "：", ":", "→", "—"))
            bullet = _BULLET_RE.match(line)
            start = cut + 1 if cut >= 0 else (bullet.end() if bullet else 0)
            item = line[start:].strip()
            if not item:
                continue
            ia = line_at + line.index(item, start)
            found = _name_of(ctx, text, 0, ia, ia + len(item), h_sectors, None, loose=True)
            if found is None:
                continue
            g = _GLOSS_TAIL_RE.search(item)
            if g is not None and not found[4]:
                g_sectors = [x for x in ctx.kb.sectors(g.group(1)) if x != "commercial"]
                found = (*found[:4], g_sectors, found[5])
            out.append(found)
    return out


# "…次のような暗号資産の窃取で…" then "・2022年3月、X社の「Y」から約6億ドル": each line names where
# the money was taken from
_THEFT_HEADING_RE = lazy_re(r"窃取|盗|流出|奪|詐取|ハッキング|被害")
_FROM_AMOUNT_RE = lazy_re(r"から(?:約|計|総額)?[0-9０-９]")


def _theft_bullet_orgs(
    ctx: Ctx,
) -> list[tuple[int, int, str | None, str, list[str], str | None]]:
    """Organizations named before "から<amount>" in the bulleted lines of a list of thefts."""
    out: list[tuple[int, int, str | None, str, list[str], str | None]] = []
    text = ctx.text
    if "から" not in text:
        return out
    for heading, _gap, la, lb in _bullet_blocks(ctx):
        if _THEFT_HEADING_RE.search(heading) is None or "から" not in text[la:lb]:
            continue
        for line_at, line in _block_lines(text, la, lb):
            fm = _FROM_AMOUNT_RE.search(line)
            if fm is None:
                continue
            end = fm.start()
            om = _WHAT_OF_IT_RE.search(line, max(0, end - 30), end)
            if om is not None:  # Xの利用者から: the name, then who of it lost the money
                end = om.start()
            for a, b, *rest in _walk_list(ctx, line, line_at, end, [], None):
                out.append((line_at + a, line_at + b, *rest))  # type: ignore[arg-type]
    return out


# "・X：…が不正アクセスを受け…" bullets after a sentence about attacks: X was hit
_COLON_ITEM_RE = lazy_re(rf"[ \t]*{_BULLET}[ \t]*([^：:\n]{{2,30}})[：:]([^\n]+)")
_RECEIVED_DESC_RE = lazy_re(
    r"(?:不正アクセス|攻撃|被害|侵入|侵害)を受け|侵入され|侵害され|乗っ取られ|盗まれ|窃取され"
    r"|暗号化され|感染|流出|漏えい|漏洩"
    # "…経由で不正アクセス": the account as a noun phrase
    r"|不正アクセス\s*$"
)


def _colon_bullet_orgs(
    ctx: Ctx,
) -> list[tuple[int, int, str | None, str, list[str], str | None]]:
    """Organizations that open a "name：what happened" bullet whose account says it was hit,
    in a list that a sentence about attacks introduces."""
    out: list[tuple[int, int, str | None, str, list[str], str | None]] = []
    text = ctx.text
    if "：" not in text and ":" not in text:
        return out
    for lead, gap, la, lb in _bullet_blocks(ctx):
        if gap > 1 or not _CONTAINED_CTX_RE.search(lead):
            continue  # the sentence about attacks stands right before the list
        l_sectors: list[str] | None = None
        for line_at, line in _block_lines(text, la, lb):
            lm = _COLON_ITEM_RE.match(line)
            if lm is None or not _RECEIVED_DESC_RE.search(lm.group(2)):
                continue
            if l_sectors is None:
                l_sectors = [x for x in ctx.kb.sectors(lead) if x != "commercial"]
            a = line_at + lm.start(1)
            b = a + len(lm.group(1).rstrip())
            found = _name_of(ctx, text, 0, a, b, l_sectors, None, loose=True)
            if found is not None:
                out.append(found)
    return out


def _countries(ctx: Ctx, s: str, base: int) -> list[tuple[str, int, int]]:
    """Countries named in ``s`` (which starts at ``base`` in the article): the lexicon's and the
    knowledge base's (which knows more country names)."""
    found = countries_in(s)
    hits = _country_hits(ctx)
    if not hits:
        return found
    end = base + len(s)
    added = False
    for key, hs, he in hits[bisect_left(hits, (base,), key=_hit_start) :]:
        if hs >= end:
            break
        if he <= end:
            x, y = hs - base, he - base
            if not any(a < y and x < b for _c, a, b in found):
                found.append((key, x, y))
                added = True
    if added:
        found.sort(key=lambda f: f[1])
    return found


def _hit_start(h: tuple[str, int, int]) -> tuple[int]:
    return (h[1],)


def _country_hits(ctx: Ctx) -> list[tuple[str, int, int]]:
    """The knowledge base's country hits in the article that the lexicon does not know
    (ハンガリー, チリ), by start (computed once per article; most articles have none)."""
    cache = ctx.__dict__
    hits: list[tuple[str, int, int]] | None = cache.get("_victim_country_hits")
    if hits is None:
        text = ctx.text
        hits = cache["_victim_country_hits"] = sorted(
            (
                (h.key, h.start, h.end)
                for h in ctx.hits
                if h.kind == "country" and text[h.start : h.end] not in lex.COUNTRIES
            ),
            key=lambda h: h[1],
        )
    return hits


_COUNTRY_ALT = trie_alternation(lex.COUNTRIES)
_LEFT_COUNTRY_RE = lazy_re(rf"({_COUNTRY_ALT})の")
_HAS_LATIN_RE = lazy_re("[A-Za-z]")
# the lookahead on the first characters lets the engine skip most positions (6x faster)
_COUNTRY_FIRST = "".join(sorted({re.escape(k[0]) for k in lex.COUNTRIES}))
_ATTACKER_RE = lazy_re(
    rf"(?=[{_COUNTRY_FIRST}])(?:({_COUNTRY_ALT})(?:政府|軍)?(?:系|の|が|を背景|を拠点|に関連|と関係|と関連|と?つなが)[^。、]{{0,14}}?"
    r"(?:ハッカー|サイバー攻撃集団|攻撃集団|集団|グループ|アクター|攻撃者|スパイ|工作員|情報機関"
    r"|支援|背景|国家(?!サイバー|犯罪|安全保障会議|情報長官|警察)|APT|関与)"
    rf"|({_COUNTRY_ALT})(?:による|軍|の軍|の情報機関|政府を背景|政府が支援|人(?:の)?ハッカー))"
)


# every match of _ATTACKER_RE holds one of these
_ATTACKER_KEY_RE = lazy_re(
    "ハッカー|集団|グループ|アクター|攻撃者|スパイ|工作員|情報機関|支援|背景|国家|APT|関与|による|軍"
)
# "(である)国家X院は同日、…注意喚起を出した": the agency named is the one that speaks
_SPEAKING_AGENCY_RE = lazy_re(
    r"[^。、はがも]{1,20}?(?:は|が|も)[^。]{0,60}?"
    r"(?:発表|報告|公表|明らかにし|指摘|述べ|警告|注意喚起|分析|声明|呼びかけ)"
)
_TARGETED_IN_RE = lazy_re(r"を(?:[^。、]{0,4})?(?:狙|標的)|への|に対(?:する|して)")


_MILITARY_HIT_RE = lazy_re(
    r"[^。、]{0,25}?(?:に(?:不正に?)?(?:侵入|アクセス)|を(?:標的|狙|攻撃)|への[^。、]{0,6}?(?:攻撃|侵入))"
)


class _AttackerCountries:
    """``_attacker_countries(ctx)``, computed on the first membership test (many articles never
    need it)."""

    __slots__ = ("_ctx", "_codes")

    def __init__(self, ctx: Ctx) -> None:
        self._ctx = ctx
        self._codes: set[str] | None = None

    def __contains__(self, code: object) -> bool:
        if self._codes is None:
            self._codes = _attacker_countries(self._ctx)
        return code in self._codes


def _attacker_countries(ctx: Ctx) -> set[str]:
    """Countries the article names as the source of attacks (A国のハッカー...), but not a
    defender's own agency (A国の国家サイバー…センター) nor a country whose activities were
    targeted (A国の活動を狙った攻撃に関与)."""
    text = ctx.text
    out: set[str] = set()
    done = 0
    # a match holds one of the keys and no 、 or 。: only the stretches between two such marks
    # that hold a key are scanned (the same matches as a scan of the whole text)
    key = _ATTACKER_KEY_RE.search
    n = len(text)
    while (k := key(text, done)) is not None:
        p = k.start()
        lo = max(text.rfind("。", 0, p), text.rfind("、", 0, p)) + 1
        a, b = text.find("。", p), text.find("、", p)
        done = min(a if a >= 0 else n, b if b >= 0 else n)
        for m in _ATTACKER_RE.finditer(text, lo, done):
            if _TARGETED_IN_RE.search(m.group()):
                continue  # A国の活動を狙った攻撃に関与: the target
            if m.group(2) and m.group().endswith("軍") and _MILITARY_HIT_RE.match(text, m.end()):
                continue  # A国軍の指揮システムに侵入: the military attacked, not attacking
            code = lex.COUNTRIES[m.group(1) or m.group(2)]
            if m.group().endswith(("国家", "情報機関")):
                at = m.end() + 3 if text.startswith("である", m.end()) else m.end()
                if _SPEAKING_AGENCY_RE.match(text, at):
                    continue  # A国の(情報機関である)国家X院は…と発表した: the agency speaks
            out.add(code)
    return out


_MINISTRY_END_RE = lazy_re(alternation(m for m in lex.MINISTRIES if m != "政府") + "$")


def _same_ministry(known: Iterable[Victim], v: Victim) -> Victim | None:
    """The victim already found that is the same ministry of the same country under another
    surface form (A国外務省 / A共和国の外務省)."""
    if not v.country or not v.name_native:
        return None
    m = _MINISTRY_END_RE.search(v.name_native)
    if m is None:
        return None
    for old in known:
        if old.country == v.country and old.name_native and old.name_native.endswith(m.group()):
            return old
    return None


def _clause_start(t: str, pos: int) -> int:
    """``clause_start`` that reads through a quoted phrase ending right at ``pos``
    (XやY、「…とされる個人」を標的に)."""
    q = pos
    while q > 0 and t[q - 1] in "」』":
        o = t.rfind("「" if t[q - 1] == "」" else "『", 0, q - 1)
        if o < 0:
            break
        q = o
    return clause_start(t, q) if q != pos else clause_start(t, pos)


_CLOSE_RE = lazy_re(r"[」』]?(?:\s*[（(][^）)。]{0,30}[）)])?")
_LIST_NEXT = ("、", "・", "や", "と", "など", "等")  # what follows a name inside a list


def _country_named_before(ctx: Ctx, pos: int) -> tuple[str, str] | None:
    """(code, surface) of the last country named before ``pos`` in this or the previous
    sentence: what 同国 refers to."""
    i = ctx.sent_of(pos)
    lo = ctx.sents[max(0, i - 1)].start
    found = _countries(ctx, ctx.text[lo:pos], lo)
    if not found:
        return None
    code, x, y = found[-1]
    return code, ctx.text[lo + x : lo + y]


def _in_speech(t: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a quoted stance that someone states: 「…への攻撃は容認しない」と
    述べた (a quote that reports what was attacked is kept)."""
    o = t.rfind("「", 0, pos)
    if o < 0 or t.rfind("」", o, pos) >= 0:
        return False
    c = t.find("」", pos)
    return c >= 0 and t.startswith("と", c + 1) and _STANCE_RE.search(t, pos, c) is not None


_STANCE_RE = lazy_re(r"容認|許さ|許され|看過|断固|決して")


def _skip_close(after: str) -> str:
    """Text after a name, past its closing quote and a short gloss: 「e-GOV」(デジタル庁)、..."""
    return after[_CLOSE_RE.match(after).end() :]  # type: ignore[union-attr]


def _VICTIM_STRONG(t: str, a: int, b: int) -> bool:  # noqa: N802
    """Non-lexicon names need a clear victim cue right after them (not just a list comma)."""
    after = _skip_close(t[b : b + 80])[:60]
    if _RECEIVED_NOW_RE.match(after) or _TARGET_BEFORE_RE.search(t[max(0, a - 40) : a]):
        return True
    m = _VICTIM_AFTER_RE.match(after)
    if m and not after.startswith(_LIST_NEXT):
        return True
    # in a list that ends in a victim cue
    return after.startswith(_LIST_NEXT[:4]) and _LIST_TAIL_RE.match(after) is not None


_LIST_TAIL_RE = lazy_re(
    r"[^。]{0,80}?(?:など|等)?(?:の[^。、]{0,10})?(?:(?:を|が|に|へ|への)(?:標的|狙|攻撃|侵入|侵害|被害|ハッキング|不正)"
    # "A、B、Cのウェブサイトで、DDoS攻撃による障害が発生"
    r"|で[、,]?[^。]{0,20}?(?:攻撃|障害|被害|不正アクセス|侵入))"
)


# -- lists of those attacked or breached ---------------------------------------------------------
# "A、BやCなどを標的に" / "A、B、Cといった米企業から…を盗んだ" / "被害に遭った組織には、A、Bなどが
# 含まれる" / "A、Bなど、英国の通信会社が攻撃を受け": the list ends right before the cue
# (or before a など/といった connector and a short descriptor of what the items are).
_LIST_CUE_RE = lazy_re(
    # every alternative starts with a plain character (see _each)
    _each(
        ("を", "に(?!よ)", "へ"),
        r"(?:[^。、をにへ]{0,6}?)(?:標的|狙|攻撃|侵入|侵害|ハッキング|不正アクセス"
        r"|不正に(?:アクセス|侵入))",
    )
    + r"|に対(?:して|する)[^。]{0,15}?(?:攻撃|侵入|ハッキング|不正アクセス)"
    r"|への[^。、]{0,6}?(?:攻撃|侵入|ハッキング|不正アクセス)"
    r"|から[^。]{0,25}?(?:盗|窃取|流出|漏洩|漏えい|詐取|奪)"
    # Xから約15億ドル相当の暗号資産が盗まれた
    r"|から[^。]{0,40}?(?:盗まれ|奪われ|詐取され|窃取され)|"
    + _each(
        ("が", "は"),
        r"[^。]{0,15}?(?:被害を受け|攻撃を受け|被害に遭|標的と(?:なっ|され)|標的に(?:され|なっ)"
        r"|侵入され|侵害され|ハッキングされ|不正アクセスを受け|感染し)",
    )
    + r"|も[^。]{0,15}?(?:被害を受け|攻撃を受け|侵入され|侵害され|ハッキングされ|不正アクセスを受け)"
    r"|が含まれ"
    # "A、B、Cのサイトで、DDoS攻撃による障害" / "A市水道局などで画面が書き換えられた"
    r"|で[、,]?[^。]{0,20}?(?:攻撃|障害|被害|不正アクセス|侵入|書き換え|改ざん)"
    # "A軍の十万人以上の個人情報を盗んだ" (only with what was stolen of the name: _WHAT_STOLEN_RE)
    r"|を(?:盗(?!み見)|窃取|詐取)"
)
# cues tried only in sentences that hold one of their keys
_LIST_CUE_MORE_RE = _Keyed(
    # "A、B、Cなどのウェブサイトが閲覧しにくくなった" (in a sentence about an attack)
    r"(?:(?<=サイト)|(?<=システム)|(?<=サービス))(?:が|は)[^。、]{0,10}?"
    r"(?:使えなくな|できなくな|しにくくな|つながらなくな|停止し|ダウンし)"
    # "Xが2021年に受けたサイバー攻撃について"
    r"|が[^。、]{0,12}?受けた[^。、]{0,6}?(?:攻撃|被害|不正アクセス|ハッキング)",
    ("受けた", "なくな", "にくくな", "停止し", "ダウンし"),
)
# the cue words, each followed by what may come after it: every alternative starts with a
# character of its own, so re scans for those characters in C and tries the pattern only there
_LIST_AFTER_CUE_RE = lazy_re(
    "|".join(
        w + r"(?:は|には|となったのは|になったのは)[、,]?"
        for w in ("標的", "攻撃対象", "攻撃の対象", "被害組織", "被害企業", "被害者")
    )
    + "|"
    + "|".join(
        # 攻撃を受けたとされるのはA県やB市のほか… / 狙われたのは
        w + r"(?:と(?:され|み)る)?(?:の|組織|企業|機関"
        # 狙われた小児病院は…だった: the kind of organization, then its name
        rf"|[{KANJI}{KATA}]{{0,8}}(?:病院|大学|銀行|会社|企業|団体|施設|取引所))(?:は|には)[、,]?"
        for w in (
            "攻撃を受けた",
            "被害を受けた",
            "被害に遭った",
            "狙われた",
            "標的となった",
            "標的とされた",
        )
    )
)
_COMPOUND_HIT_RE = _Keyed(
    rf"(?<![A-Za-z0-9{KATA}・])([A-Z][A-Za-z0-9.\-]{{2,30}})"
    r"(?:ハッキング|不正流出|流出事件|ハッキング事件|攻撃事件|侵害事件)",
    ("ハッキング", "流出", "事件"),
)
_LIST_CONNECT_RE = lazy_re(r"(?:など|等|といった|のような|を含む|をはじめ(?:とする)?)")
# a list of products or flaws, not of organizations (Xを含むVPN製品の脆弱性)
_PRODUCT_WORD_RE = lazy_re(
    r"脆弱性|製品|ソリューション|ソフト|アプライアンス|マルウェア|マルウエア|ランサムウ|ウイルス|ツール"
    r"|サーバー?(?:製品|ソフト)|"
    # a Latin word standing alone (the lookbehind after it: each alternative starts with a
    # character, which re scans for in C)
    + "|".join(
        rf"{w}(?<![A-Za-z]{w})(?![A-Za-z])" for w in ("VPN", "OS", "ESG", "Server", "Gateway")
    )
)
_CONTAINED_CTX_RE = lazy_re(r"被害|標的|攻撃|侵入|侵害|ハッキング|不正アクセス|狙")
_AGENT_GAP_RE = lazy_re(r"による|によって|によると|によれば|と共同|とともに|は[、,]")
# a separator, or a connective word after a character that is no hiragana (the lookbehind
# follows the word: each alternative starts with a character, which re scans for in C)
_ITEM_SPLIT_RE = lazy_re(
    "、|,|，|"
    + "|".join(
        rf"{w}(?<=[^ぁ-ゖ]{w})" + ("[、,]?" if w == "のほか" else "") + "(?=[^ぁ-ゖ])"
        for w in ("や", "と", "及び", "および", "並びに", "ならびに", "のほか")
    )
)
_GLOSS_RE = lazy_re(r"\s*[（(]([^（()）]{1,40})[）)]\s*$")
_ORG_SUFFIX_RE = lazy_re(
    r"(?:省|庁|局|院|議会|委員会|大学|病院|機構|研究所|研究開発機構|取引所|銀行|証券|協会|財団|陣営"
    r"|海軍|陸軍|空軍|海兵隊|沿岸警備隊|公社|公団|本部|センター|電力|航空|工業|重工業?|電機|製作所|組合|新聞"
    r"|放送|通信|鉄道|機関|部|産業|県|市|水道局)$"
)
# heads that make a kanji phrase a description, not a name (金融機関, 米国の大学)
_GENERIC_HEAD_RE = lazy_re(
    rf"(?:[^の]{{0,3}}の)?(?:[{KANJI}]{{0,2}}(?:機関|組織|団体|企業|会社|事業者)"
    r"|(?:国立|私立|公立|県立|市立|州立|地方|地域|大手|主要|複数の|一部の|海外|国内|地元|総合|防衛|軍需"
    r"|中央|民間|外国|外資|米国|日本)?(?:大学|病院|銀行|研究所|部|産業))"
)
_KATA_NAME_RE = lazy_re(
    rf"(?:[A-Za-z0-9&]+)?[{KATA}][{KATA}・=＝]*[{KATA}](?:[A-Za-z0-9&]+)?"
    rf"(?:[{KANJI}]{{0,6}})"
)
_LATIN_NAME_RE = lazy_re(
    r"(?:[A-Z0-9]|[a-z]{1,2}-?[A-Z])[A-Za-z0-9&'.\-]*(?: [A-Z&][A-Za-z0-9&'.\-]*){0,4}"
)  # Corvane, AT&T, Lumen Technologies, eLTAX, e-GOV


@lru_cache(maxsize=8)
def _word_list(name: str) -> frozenset[str]:
    """A one-word-a-line data file (``#`` comments), loaded once."""
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#"))


_NOT_NAMES: frozenset[str] | None = None


def _not_names() -> frozenset[str]:
    """``data/victim_not_names.txt``: regions and generic nouns that are never a victim's name."""
    global _NOT_NAMES  # noqa: PLW0603 - loaded once, on first use
    if _NOT_NAMES is None:
        _NOT_NAMES = _word_list("victim_not_names.txt")
    return _NOT_NAMES


@lru_cache(maxsize=1)
def _common_katakana_endings() -> tuple[str, ...]:
    """The common katakana words as one tuple, for a single ``str.endswith`` call."""
    return tuple(_word_list("katakana_common.txt"))


def _victim_list_items(
    ctx: Ctx, t: str, base: int
) -> list[tuple[int, int, str | None, str, list[str], str | None]]:
    """Named items of the lists in sentence ``t`` that a victim cue follows:
    (start, end, English gloss, native name, sectors, country)."""
    out: list[tuple[int, int, str | None, str, list[str], str | None]] = []
    seen: set[int] = set()
    cues: Iterable[re.Match[str]] = _LIST_CUE_RE.finditer(t)
    more = list(_LIST_CUE_MORE_RE.finditer(t))
    if more:
        cues = sorted([*cues, *more], key=lambda c: c.start())
    for m in cues:
        p = m.start()
        if (
            m.group().startswith("が含まれ")
            and not _CONTAINED_CTX_RE.search(t[:p])
            and not _prev_has_cue(ctx, t, base)
        ):
            continue
        # where the list ends: a connector (など, といった) and a short descriptor before the cue
        lo = max(0, p - 40)
        gap_text = t[lo:p]
        end = p
        descr = ""
        cm = None
        for c in _LIST_CONNECT_RE.finditer(gap_text):
            cm = c
        if cm is not None and "。" not in gap_text[cm.end() :]:
            descr = gap_text[cm.end() :]
            if len(descr) > 24 or _AGENT_GAP_RE.search(descr) or _PRODUCT_WORD_RE.search(descr):
                cm = None
                descr = ""
            else:
                end = lo + cm.start()
        if m.group().startswith("を") and m.group()[1] in "盗窃詐":
            # "A軍の十万人以上の個人情報を盗んだ": the name, then what of it was stolen
            sm = _WHAT_STOLEN_RE.search(t, max(0, p - 30), p)
            if sm is None:
                continue
            end, descr = sm.start(), ""
        elif cm is None:
            # "Xのシステムに侵入" / "Xの職員を標的に": the name, then what of it was hit
            window = t[max(0, p - 30) : p]
            om = _WHAT_OF_IT_RE.search(window) if "の" in window else None
            if om:
                end = p - len(om.group())
            elif m.group().startswith("で"):
                continue  # "Xで…攻撃": a place unless it is X's website or system
        if t[end - 1 : end] in _SECTOR_LIST_LAST and _SECTOR_LIST_END_RE.search(
            t, max(0, end - 12), end
        ):
            continue  # "A、B、Cの各分野を標的": a list of sectors, not of names
        if end in seen:
            continue
        seen.add(end)
        received = m.group()[0] in "がは"
        if received and ("は" in descr or "が" in descr):
            continue
        d_sectors = [s for s in ctx.kb.sectors(descr) if s != "commercial"] if descr else []
        d_countries = [c for c, _a, _b in countries_in(descr)] if descr else []
        d_country = d_countries[0] if len(set(d_countries)) == 1 else None
        out.extend(_walk_list(ctx, t, base, end, d_sectors, d_country))
    # "Xハッキング" / "Xハッキング事件" / "X不正流出": a Latin name compounded with the attack noun
    # (katakana compounds are too often common nouns: ビットコイン不正流出)
    for m in _COMPOUND_HIT_RE.finditer(t):
        found = _name_of(ctx, t, base, m.start(1), m.end(1), [], None)
        if found is not None:
            out.append(found)
    # "攻撃の標的はA陣営やB委員会で、…": the list follows the cue
    for m in _LIST_AFTER_CUE_RE.finditer(t):
        em = _LIST_AFTER_END_RE.search(t, m.end())
        if em is None:
            continue
        end = em.start()
        site = _SITE_TAIL_RE.search(t, m.end(), end)  # "A県やB市などのサイトで"
        if site is not None:
            end = site.start()
        if (
            end in seen
            or end - m.end() > 120
            or (
                t[end - 1 : end] in _SECTOR_LIST_LAST
                and _SECTOR_LIST_END_RE.search(t, m.end(), end)
            )
        ):
            continue
        seen.add(end)
        out.extend(_walk_list(ctx, t, base, end, [], None, lo=m.end()))
    return out


_LIST_AFTER_END_RE = lazy_re(r"(?:など|等)?(?:で[、,]?|だ|であ|と(?:され|み)|が|に及|。|$)")
_SITE_TAIL_RE = lazy_re(
    r"(?:など|等)?の(?:ウェブサイト|サイト|ホームページ|システム|ネットワーク|サーバー?)$"
)
# "…、通信の各分野" / "…などの業界": what ends a list of sectors
_SECTOR_LIST_LAST = frozenset("野界種ー業")  # the last characters of those words
_SECTOR_LIST_END_RE = lazy_re(r"(?:など|等)?の?(?:各|全|主要)?(?:分野|業界|業種|セクター|産業)$")
# "A軍の十万人以上の個人情報" before を盗んだ: the name ends before の
_WHAT_STOLEN_RE = lazy_re(
    r"の[^。、をがは]{0,14}?(?:個人情報|顧客情報|情報|データ|機密(?:情報)?|技術|資金|資産|暗号資産"
    r"|文書|ファイル)$"
)
_WHAT_OF_IT_RE = lazy_re(
    r"(?:の(?:[^。、のはがを]{0,4}?)(?:システム|ネットワーク|サーバー?|コンピューター?|メール"
    r"(?:アカウント)?|アカウント|ウェブサイト|サイト|職員|関係者(?:の[^。、]{0,8})?|(?:無線)?(?:LAN|ＬＡＮ)"
    r"|利用者|顧客|ブリッジ|ウォレット))"
    # "Xの制御システム（SCADA）に": a gloss of what was hit
    r"(?:[（(][^（()）。、]{1,15}[）)])?$"
)


def _prev_has_cue(ctx: Ctx, t: str, base: int) -> bool:
    """ "この中には、A、Bなどが含まれていた": the sentence before states the attack."""
    if not re.match(r"^\s*(?:この|その)?(?:中|うち)(?:に)?は", t):
        return False
    i = ctx.sent_of(base)
    return i > 0 and bool(_CONTAINED_CTX_RE.search(ctx.sents[i - 1].text))


_LEAD_WORD_RE = lazy_re(r"\s*(?:そして|また|さらに)?\s*")
_HIRAGANA_RUN_RE = lazy_re(r"[ぁ-ゖ][ぁ-ゖ]*")  # = [ぁ-ゖ]+, with a first character re scans for
_NADO_END_RE = lazy_re(r"(?:など|等)$")
_BLANK_RE = lazy_re(r"\s*")
_GOV_OFFICE_END_RE = lazy_re(r"(?:省|庁|局)$")


def _walk_list(
    ctx: Ctx,
    t: str,
    base: int,
    end: int,
    d_sectors: list[str],
    d_country: str | None,
    lo: int | None = None,
) -> list[tuple[int, int, str | None, str, list[str], str | None]]:
    """Items of the list that ends at ``t[end]``, walking back over separators."""
    out: list[tuple[int, int, str | None, str, list[str], str | None]] = []
    start_bound = max(0, end - 300) if lo is None else lo
    region = t[start_bound:end]
    # split points, right to left
    pieces: list[tuple[int, int]] = []
    last = len(region)
    for sm in reversed(list(_ITEM_SPLIT_RE.finditer(region))):
        pieces.append((sm.end(), last))
        last = sm.start()
    pieces.append((0, last))
    bare: list[tuple[int, int, str]] = []
    leftmost = ""
    for k, (x, y) in enumerate(pieces):
        if k >= 20:
            break
        a, b = start_bound + x, start_bound + y
        a += _LEAD_WORD_RE.match(t, a, b).end() - a  # type: ignore[union-attr]
        piece = t[a:b]
        if "の" in piece and ("など" in piece or "等" in piece):
            nested = _NESTED_KIND_RE.search(piece)
            if nested:  # "A省やB省などの政府機関": the list goes on before など
                b = a + nested.start()
                piece = t[a:b]
        particles = [p for p in _HIRAGANA_RUN_RE.finditer(piece) if p.group() not in ("の", "ヶ")]
        stop = bool(particles)
        if particles:
            # a clause ends here: keep only the tail after the last particle, then stop
            piece_start = a
            a += particles[-1].end()
            piece = t[a:b]
            op = _OPERATOR_RE.search(t, piece_start, a) if t.endswith("する", 0, a) else None
            if op is not None:  # 開発会社Xが運営する「Y」から流出: X too
                found_op = _name_of(ctx, t, base, op.start(1), op.end(1), d_sectors, d_country)
                if found_op is not None:
                    out.append(found_op)
        raw = piece.rstrip()
        if raw.endswith(("など", "等")):
            raw = _NADO_END_RE.sub("", raw)
        b = a + len(raw)
        item = _name_of(ctx, t, base, a, b, d_sectors, d_country) if raw else None
        if (
            item is not None
            and _BLANK_RE.fullmatch(t, 0, a)
            and t[b : b + 1] in "、,"
            and (AUTH_RE.fullmatch(raw) or _GOV_OFFICE_END_RE.search(raw))
        ):
            item = None  # a headline's speaker: X省、Yへの攻撃に関わった企業を制裁
        if item is None and raw in lex.MINISTRIES and raw != "政府":
            bare.append((a, b, raw))  # A国の報道機関と議会: the list's country decides
        if item is not None:
            out.append(item)
        elif raw and not stop and not _descr_item(raw):
            break
        leftmost = raw or leftmost
        if stop:
            break
    if bare:
        lc = _LEFT_COUNTRY_RE.match(leftmost)
        if lc:
            code = lex.COUNTRIES[lc.group(1)]
            for a, b, noun in bare:
                out.append((a, b, ministry_name(code, noun), noun, ["government-national"], code))
    return out


# "…開発会社Xが運営する" before an item: X operates it
_OPERATOR_RE = lazy_re(r"([^ぁ-ゖ、]{2,30}?)(?:が|の)(?:運営|管理|開発|提供)する$")
_NESTED_KIND_RE = lazy_re(
    rf"(?<=[{KANJI}{KATA}A-Za-z）)])(?:など|等)の[{KANJI}{KATA}]{{0,6}}"
    r"(?:機関|組織|団体|企業|会社|事業者|施設|大学|病院|銀行)$"
)
_DESCR_ITEM_RE = lazy_re(rf"[{KANJI}{KATA}・A-Za-z0-9 の「」『』()（）\-]{{1,40}}")


def _descr_item(s: str) -> bool:
    """A list item that is a description (米国の大学, 宗教指導者) or a country: walk on past it."""
    return bool(_DESCR_ITEM_RE.fullmatch(s))


_COMPANY_KIND_END_RE = lazy_re(
    r"(?:会社|商社|企業|メーカー|事業者|業者|取引所|交換所|銀行|証券|病院|大学|団体|法人|組合)$"
)
_QUOTE_TAIL_RE = lazy_re(r"[「『]([^」』]{2,30})[」』]$")
_GOV_BODY_END_RE = lazy_re(r"(?:省|庁|部|院)$")
_NO_KANJI_PREFIX_RE = lazy_re(rf"^([^の]+)の(?=[{KANJI}]{{3}})")
_NO_PREFIX_RE = lazy_re(rf"^(.+)の(?=[米英露韓独仏豪台印]?[{KATA}A-Za-z])")
_DESC_HEAD_RE = lazy_re(
    rf"^((?:[{KANJI}]{{1,10}}|[{KATA}ー]{{2,8}}[{KANJI}]{{1,6}}?)"
    r"(?:大手|会社|企業|メーカー|事業者|業者|交換所))"
    rf"(?=[{KATA}A-Z])"
)
# "米X" before a katakana name: the country of X
_ONE_KANJI_COUNTRIES = frozenset("米英露韓独仏豪台印")
_KATA_AT_RE = lazy_re(rf"[{KATA}]")
_KATA_RUN_BEFORE_RE = lazy_re(rf"[{KATA}][{KATA}・ー]*$")
# "米Xのブリッジ": a katakana or Latin owner (after a one-kanji country) before の
_KATA_OR_LATIN_NAME_RE = lazy_re(rf"[{KATA}][{KATA}・ー]{{2,}}|[A-Z][A-Za-z0-9&.\-]+")
_OWNER_RE = lazy_re(
    rf"(?:^|(?<=[^{KANJI}]))([米英露韓独仏豪台印]?)([{KATA}][{KATA}・ー]{{2,}}|[A-Z][A-Za-z0-9&.\-]+)社?$"
)
# "トランプ前大統領の選挙陣営", "X陣営": a campaign, named by its candidate
_CAMPAIGN_RE = lazy_re(
    rf"(?:[{KATA}・ー]{{2,}}|[{KANJI}]{{1,4}})(?:前|元|現)?(?:大統領|首相|副大統領|候補|氏|議員)?"
    r"(?:の)?(?:選挙|選対)?陣営"
)
_LATIN_GLOSS_RE = lazy_re(r"[A-Za-z][A-Za-z0-9&'.\- ]{1,40}")
_KANJI_KATA_AT_RE = lazy_re(rf"[{KANJI}{KATA}]")
_NOT_KATA_RE = lazy_re(rf"[^{KATA}]")
_KANJI_TAIL_RE = lazy_re(rf"[{KANJI}]+$")
_KANJI_KATA_NAME_RE = lazy_re(rf"[{KANJI}{KATA}・]{{3,20}}")
_LEAD_COUNTRY_RE = lazy_re(rf"^(?:米国|米|英国|英|日本|日|韓国|独|仏|豪|台湾)(?=[{KANJI}]{{2}})")
_PERSON_TITLE_END_RE = lazy_re(r"(?:長官|大臣|長|者|員|氏|官|幹部|部門)$")


def _name_shape(s: str) -> int:
    """How the (stripped) list item ``s`` reads as a name: 0 not a name, 1 a lexicon name,
    2 a Latin name (its own English form), 3 a katakana or kanji name."""
    if s in ORGS:
        return 1
    if s in _not_names() or s.startswith(_SAME_PREFIXES):
        return 0
    shape = _shape_of(s)
    if not shape or (_is_country_only(s) and not s.endswith(_LOCAL_GOV_ENDS)):
        return 0  # a country (a prefecture in a victim list is its government: A県のサイト)
    return shape


def _shape_of(s: str) -> int:
    if s.endswith("都市"):
        return 0  # 大都市, 主要都市
    if _LATIN_NAME_RE.fullmatch(s):
        if s in LATIN_STOP or not _HAS_LATIN_RE.search(s) or len(s) < 2:
            return 0
        return 2
    if _KATA_NAME_RE.fullmatch(s):
        kata = _NOT_KATA_RE.sub("", s)
        if len(kata) < 3 or kata.endswith(_common_katakana_endings()):
            return 0
        tailk = _KANJI_TAIL_RE.search(s)
        if tailk and not _ORG_SUFFIX_RE.search(tailk.group()):
            return 0  # a person with an official title (X・Y財務長官)
        if "・" not in s and not tailk and not _HAS_LATIN_RE.search(s) and len(kata) < 4:
            return 0
        return 3
    if _KANJI_KATA_NAME_RE.fullmatch(s) and _ORG_SUFFIX_RE.search(s):
        core = _LEAD_COUNTRY_RE.sub("", s)
        if _GENERIC_HEAD_RE.fullmatch(core) or core in lex.GENERIC_NOUNS:
            return 0
        if _PERSON_TITLE_END_RE.search(s):
            return 0
        if s.endswith("機関") and len(s) < 7:
            return 0  # 非政府機関, 研究機関
        return 3
    return 0


def _name_of(
    ctx: Ctx,
    t: str,
    base: int,
    a: int,
    b: int,
    d_sectors: list[str],
    d_country: str | None,
    loose: bool = False,
) -> tuple[int, int, str | None, str, list[str], str | None] | None:
    """The list item t[a:b] as a named organization, or None when it is not one. ``loose``: the
    item is a whole line of a list of victims, so a short or unsuffixed word is a name too
    (パスコ, 神戸製鋼所), unless it is a description or a common word."""
    s = t[a:b]
    en: str | None = None
    if "（" in s or "(" in s:
        g = _GLOSS_RE.search(s)
        if g:
            gl = g.group(1).strip()
            if _LATIN_GLOSS_RE.fullmatch(gl):
                en = gl
            s = s[: g.start()]
            b = a + len(s)
    prefix = ""
    quoted_after = ""  # what stands before a quoted name
    # quoted name after a descriptor: 発電会社「X」
    if s and s[-1] in "」』":
        q = _QUOTE_TAIL_RE.search(s)
        if q:
            prefix = quoted_after = s[: q.start()]
            ow = _OWNER_RE.search(prefix, 0, len(prefix) - 1) if prefix.endswith("社の") else None
            if ow is not None:
                # 米X社の「Y」から: the company that owns the quoted service
                owner_country = lex.COUNTRY_PREFIX.get(ow.group(1)) if ow.group(1) else None
                a0 = a + ow.start(2)
                return _name_of(
                    ctx, t, base, a0, a0 + len(ow.group(2)), d_sectors, d_country or owner_country
                )
            a, s = a + q.start(1), q.group(1)
            b = a + len(s)
    campaign = s.endswith("陣営") and _CAMPAIGN_RE.fullmatch(s) is not None
    lead_country = None
    # P社傘下のX, 米国のX: what stands before の describes the name
    if "の" in s and not campaign:
        nm = _NO_PREFIX_RE.match(s)
        if nm:
            owner = _OWNER_RE.search(nm.group(1))
            if owner and _name_shape(s[nm.end() :]) == 0 and _name_shape(owner.group(2)):
                # 米Xのブリッジから流出: the owner of a common thing is the name
                a += owner.start(2)
                s = owner.group(2)
                b = a + len(s)
                lead_country = lex.COUNTRY_PREFIX.get(owner.group(1)) if owner.group(1) else None
            else:
                prefix += nm.group(1)
                a += nm.end()
                s = s[nm.end() :]
        else:
            km = _NO_KANJI_PREFIX_RE.match(s)
            places = _countries(ctx, km.group(1), base + a) if km else []
            if (
                places  # a place: オランダ・ハーグ, チリ (not X陣営の)
                and "系" not in s[km.end() :]  # 政府系研究機関: a description
                and not _ORG_SUFFIX_RE.fullmatch(s[km.end() :])  # アジア域内の取引所
                and _name_shape(s[km.end() :]) == 3
            ):
                # オランダ・ハーグの化学兵器禁止機関: where it is, then its kanji name
                lead_country = places[-1][0]
                whole = places[0][1] == 0 and places[-1][2] == len(km.group(1))
                if whole and len(places) == 1 and _GOV_BODY_END_RE.search(s):
                    # A国の外務省: a ministry is named with its country (one the lexicon does
                    # not know is left out: its English name would be a guess)
                    body = s[km.end() :]
                    if body not in lex.MINISTRIES:
                        return None
                    en = ministry_name(lead_country, body)
                    return (a, b, en, s, ["government-national"], lead_country)
                prefix += km.group(1)
                a += km.end()
                s = s[km.end() :]
    if not s or s in lex.GENERIC_NOUNS or len(s) < 2:
        return None
    if _PRODUCT_WORD_RE.search(prefix) or _PRODUCT_WORD_RE.search(s) or _PRODUCT_RE.search(s):
        return None  # マルウェア「X」, Exchange Server, Barracuda ESG
    if s.endswith("当局"):
        return None
    # descriptor before the name: 航空機大手X, 米映画会社X, ゲーム開発会社X
    dm = _DESC_HEAD_RE.match(s)
    desc_at = a
    if dm:
        prefix += dm.group(1)
        a += dm.end()
        s = s[dm.end() :]
    if len(s) > 3 and s[-1] == "社" and _KATA_OR_LATIN_NAME_RE.fullmatch(s, 0, len(s) - 1):
        s = s[:-1]  # スカイ・メイビス社: the company X
        b = a + len(s)
    shape = 3 if campaign else _name_shape(s)
    if not shape and quoted_after and _COMPANY_KIND_END_RE.search(quoted_after):
        # 中堅商社「X」: a name quoted after the kind of company it is
        shape = 0 if s in _not_names() or s in lex.GENERIC_NOUNS or len(s) < 2 else 3
    if not shape and len(s) > 3 and s[0] in _ONE_KANJI_COUNTRIES and _KATA_AT_RE.match(s, 1):
        lead_country = lex.COUNTRY_PREFIX.get(s[0])  # 米X (a katakana name): X of the US
        a, s = a + 1, s[1:]
        shape = _name_shape(s)
    if not shape and loose and _LOOSE_NAME_RE.fullmatch(s) and not _not_a_name(s):
        shape = 3
    if (
        not shape
        or _in_hit(ctx, base + a, base + b)
        # ハンガリー: a country the knowledge base knows (kanji ones are the lexicon's)
        or (shape == 3 and _KATA_AT_RE.match(s) is not None and _is_place(ctx, base + a, base + b))
    ):
        return None
    lead_c = countries_in(s[:4])
    country = (
        country_before(t, a)
        or (country_before(t, desc_at) if dm else None)  # A国のゲーム開発会社X
        # 米食肉大手X: a one-kanji country opens the descriptor
        or (
            lex.COUNTRY_PREFIX.get(dm.group(1)[0])
            if dm and dm.group(1)[0] in _ONE_KANJI_COUNTRIES
            else None
        )
        or (lead_c[0][0] if lead_c and lead_c[0][1] == 0 else None)
    )
    if country is None and len(s) > 2 and _KANJI_KATA_AT_RE.match(s[1]):
        country = lex.COUNTRY_PREFIX.get(s[0])
    country = country or lead_country or d_country
    sectors = [x for x in ctx.kb.sectors(prefix) if x != "commercial"] if prefix else []
    sectors = sectors or list(d_sectors)
    if not sectors:
        sectors = _suffix_sectors(s)
    return (a, b, en or s if shape == 2 else en, s, sectors, country)


_LOOSE_NAME_RE = lazy_re(rf"[{KANJI}{KATA}A-Za-z0-9Ａ-Ｚａ-ｚ０-９・&＆ー]{{2,30}}")


def _not_a_name(s: str) -> bool:
    """A word that is a description, a common word or a country, never a name of its own."""
    return (
        s in lex.GENERIC_NOUNS
        or s in _not_names()
        or s in LATIN_STOP
        or bool(_GENERIC_HEAD_RE.fullmatch(s))
        or s.endswith(_common_katakana_endings())
        or bool(countries_in(s))
        or _PRODUCT_WORD_RE.search(s) is not None
    )


def _is_place(ctx: Ctx, a: int, b: int) -> bool:
    """Whether text[a:b] is exactly a country the knowledge base knows (ハンガリー, バングラデシュ:
    more names than the lexicon's)."""
    for _key, hs, he in _country_hits(ctx):  # noqa: SIM110 - a loop: no generator per call
        if hs == a and he == b:
            return True
    return False


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether [a, b) overlaps one of ``spans``."""
    for x, y in spans:  # noqa: SIM110 - a loop: no generator per call (hot)
        if x < b and a < y:
            return True
    return False


def _in_hit(ctx: Ctx, a: int, b: int) -> bool:
    """An actor, organ or malware named at t[a:b] (not a false software hit: AT&T is no tool)."""
    spans: list[tuple[int, int]] | None = getattr(ctx, "_victim_block_spans", None)
    if spans is None:
        spans = [
            (h.start, h.end)
            for h in ctx.hits
            if h.kind in ("actor", "organ")
            or (h.kind == "malware" and not _false_hit(ctx.text, h, ctx.kb.software(h.key)))
        ]
        setattr(ctx, "_victim_block_spans", spans)  # noqa: B010 - a per-article cache
    return _overlaps(spans, a, b)


@lru_cache(maxsize=1)
def _suffix_table() -> tuple[tuple[str, tuple[str, ...]], ...]:
    rows = []
    for line in (_DATA / "org_suffix_sectors.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            suffix, values = line.split("\t")
            rows.append((suffix.strip(), tuple(v.strip() for v in values.split(","))))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _suffix_index() -> tuple[tuple[int, ...], dict[str, tuple[str, ...]]]:
    """``_suffix_table`` as (suffix lengths, longest first; suffix -> sectors of its first row)."""
    index: dict[str, tuple[str, ...]] = {}
    for suffix, values in _suffix_table():
        index.setdefault(suffix, values)
    return tuple(sorted({len(k) for k in index if k}, reverse=True)), index


def _suffix_sectors(name: str) -> list[str]:
    """Sectors implied by the last word of an organization's name (米エネルギー省 -> government):
    the longest suffix of the table that ends the name (one dict look-up per suffix length)."""
    lengths, index = _suffix_index()
    for n in lengths:
        if len(name) >= n:
            values = index.get(name[-n:])
            if values is not None:
                return list(values)
    return list(index.get("", ()))  # an empty suffix (ends every name) comes last


def _is_country_only(s: str) -> bool:
    found = countries_in(s)
    return len(found) == 1 and found[0][1] == 0 and found[0][2] == len(s)
