"""Legal findings of the rules engine (indictments, sanctions, roles) on synthetic sentences.

Each table row is one kind of sentence, named for that kind; none is taken from an article.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from summarizer.rules import RulesExtractor
from summarizer.rules.reading import non_party_role, roles_data
from tests.test_rules import FakeKB, _Actor

DATA = Path(__file__).resolve().parent.parent / "summarizer" / "data"


@pytest.fixture(scope="module")
def rx() -> RulesExtractor:
    return RulesExtractor(FakeKB())  # type: ignore[arg-type]


def test_roles_data_parses() -> None:
    with (DATA / "roles.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    assert set(raw) == {"titles", "news_outlets", "not_name_parts", "speech_verbs"}
    for key, words in roles_data().items():
        assert words, key
        assert all(isinstance(w, str) and w.strip() == w and w for w in words), key


# (kind of sentence, text, the name in it, the role it plays)
ROLES = [
    (
        "official after the name",
        "ジョン・ドウ司法副長官は起訴を発表した。",
        "ジョン・ドウ",
        "official",
    ),
    (
        "official with a country prefix",
        "ピーター・グレイ米国務長官は声明を出した。",
        "ピーター・グレイ",
        "official",
    ),
    (
        "speaker who says something",
        "マリア・ロペス氏は「重大な犯罪だ」と述べた。",
        "マリア・ロペス",
        "speaker",
    ),
    ("speaker quoted by 曰く", "あるJane Roe 曰く、事件は深刻だ。", "Jane Roe", "speaker"),
    (
        "news outlet that reports",
        "ニューヨーク・タイムズでは3人の名前を報じている。",
        "ニューヨーク・タイムズ",
        "outlet",
    ),
    (
        "company attacked",
        "犯人はミナト・ケミカルを標的とした攻撃を行った。",
        "ミナト・ケミカル",
        "acted-on",
    ),
    (
        "loanword compound",
        "選挙を狙ったサイバー・キャンペーンが続いた。",
        "サイバー・キャンペーン",
        "thing",
    ),
    ("named suspect", "イワン・ソコロフ容疑者は「無実だ」と述べた。", "イワン・ソコロフ", None),
    (
        "Western surname that is also a word",
        "捜査でジョン・ホワイトが浮上した。",
        "ジョン・ホワイト",
        None,
    ),
]


@pytest.mark.parametrize(("kind", "text", "name", "role"), ROLES, ids=[r[0] for r in ROLES])
def test_roles(kind: str, text: str, name: str, role: str | None) -> None:
    a = text.index(name)
    assert non_party_role(text, a, a + len(name), name) == role


# (kind of sentence, text, defendants' native names)
DEFENDANTS_NOT_PARTIES = [
    (
        "official announcing the indictment",
        "米司法省はロシア国籍のイワン・ソコロフ容疑者を起訴し、ジョン・ドウ司法副長官が会見した。",
        ["イワン・ソコロフ"],
    ),
    (
        "speaker commenting on the indictment",
        "米司法省はイラン人2人を起訴したと発表し、マリア・ロペス報道官は「正義は実現する」と述べた。",
        [],
    ),
    (
        "outlet reporting the indictment",
        "ニューヨーク・タイムズでは起訴された5人の名前も報じている。",
        [],
    ),
    (
        "victim company named in the charge",
        "米司法省は、ミナト・ケミカルを標的とした攻撃に関与したとして、キム・ミョンス容疑者を起訴した。",
        ["キム・ミョンス"],
    ),
    (
        "campaign word near the charge",
        "米司法省は、サイバー・キャンペーンをめぐりイラン人2人を告発した。",
        [],
    ),
    ("Latin speaker quoting the charge", "あるJane Roe 曰く、米司法省は中国人5人を起訴した。", []),
]


@pytest.mark.parametrize(
    ("kind", "text", "natives"), DEFENDANTS_NOT_PARTIES, ids=[r[0] for r in DEFENDANTS_NOT_PARTIES]
)
def test_people_who_only_speak_or_are_acted_on_are_not_defendants(
    rx: RulesExtractor, kind: str, text: str, natives: list[str]
) -> None:
    f = rx.extract(text)
    assert [p.name_native for i in f.indictments for p in i.defendants] == natives


# (kind of sentence, text, jurisdictions of the indictments found)
JURISDICTIONS = [
    (
        "planned charge is not yet an indictment",
        "米司法省は近く中国人ハッカー数人を起訴する見通しだ。",
        [],
    ),
    (
        "announcer named after the charge (…したと、X省が発表)",
        "中国人ハッカー2人を起訴したと、英国の検察当局が発表した。",
        ["GB"],
    ),
    (
        "accused state's denial between two legal sentences",
        "米司法省は、中国人ハッカー3人を起訴した。中国政府は関与を否定した。起訴された3人は中国にいるとみられる。",
        ["US"],
    ),
    (
        "accused state's government in a relative clause",
        "米司法省は、北朝鮮人ハッカー1人を訴追した。同省によると、北朝鮮政府が主導した攻撃に関わる人物を訴追するのは初めて。",
        ["US"],
    ),
    (
        "state-backed hackers in a headline",
        "米当局、イラン政府系ハッカー7人を起訴。米司法省は24日、イラン人7人を起訴したと発表した。",
        ["US"],
    ),
    (
        "victim countries listed with 少なくとも",
        "米司法省は、米国や日本、韓国など少なくとも10カ国の企業を標的にしたとして中国人5人を起訴した。",
        ["US"],
    ),
    (
        "the prosecuting state's own military unit mentioned",
        "米国のサイバー部隊も対応した。米司法省は中国人ハッカー2人を起訴した。",
        ["US"],
    ),
    (
        "police referral is not yet a charge",
        "警視庁は、中国籍の男を書類送検することにしている。",
        [],
    ),
    (
        "police referral done (書類送検した) charges the suspect",
        "大阪府警は、20代の大学生の男を不正アクセス禁止法違反の疑いで大阪地検に書類送検した。",
        ["JP"],
    ),
    (
        "referral announced in a headline (送検へ) is not yet done",
        "中国籍の男をサイバー攻撃の疑いで書類送検へ\n",
        [],
    ),
    (
        "a state's police as the subject, a European agency helping",
        "ウクライナ警察は、ランサムウェア攻撃に関与したとして男3人を逮捕した。"
        "欧州刑事警察機構(ユーロポール)が捜査を支援した。",
        ["UA"],
    ),
    (
        "a state's prosecutors (Xの検察当局は)",
        "ドイツの検察当局は、ハッキングに関与した疑いで、ロシア国籍の男を逮捕した。",
        ["DE"],
    ),
    (
        "another state's federal prosecutors (ドイツ連邦検察は)",
        "ドイツ連邦検察は、ハッカーとされるロシア国籍の男を指名手配した。",
        ["DE"],
    ),
    (
        "a state's police only as the source, another authority charging",
        "ドイツ警察によると、米司法省は、ロシア国籍の男をハッキングの罪で起訴した。",
        ["US"],
    ),
    (
        "arrest for a crime that is not a cyber case",
        "府警は、ベトナム国籍の女2人を窃盗の疑いで逮捕した。盗まれた自転車は転売されていた。",
        [],
    ),
]


@pytest.mark.parametrize(
    ("kind", "text", "jurisdictions"), JURISDICTIONS, ids=[r[0] for r in JURISDICTIONS]
)
def test_jurisdiction_is_the_prosecuting_state(
    rx: RulesExtractor, kind: str, text: str, jurisdictions: list[str]
) -> None:
    f = rx.extract(text)
    assert [i.jurisdiction for i in f.indictments] == jurisdictions


# (kind of sentence, text, imposers over all sanctions found)
IMPOSERS = [
    (
        "announcer named after the cue (…したと、X省が発表)",
        "ハッカー集団「APT77」を制裁対象に指定したと、英外務省が発表した。",
        ["GB"],
    ),
    (
        "government stating it after the cue",
        "同社を資産凍結の対象に加えたと、オーストラリア政府は明らかにした。",
        ["AU"],
    ),
    (
        "states listed before the subject marker, victim country earlier",
        "日本を含む多くの国で被害が確認され、米、英、オーストラリアは首謀者を制裁対象に指定した。",
        ["US", "GB", "AU"],
    ),
    (
        "run of one-kanji state abbreviations",
        "日米韓とオーストラリアの4か国が、それぞれ関係者を制裁対象に指定すると発表した。",
        ["JP", "US", "KR", "AU"],
    ),
    ("abbreviations with も as subject", "米韓も独自の制裁措置を発表した。", ["US", "KR"]),
    (
        "bare 政府 in Japanese reporting",
        "これを受けて政府は、追加の制裁措置として資産凍結の対象に2団体を加えた。",
        ["JP"],
    ),
    (
        "accused state before the subject",
        "また、北朝鮮が先月ミサイルを発射したとして、韓国政府は独自の制裁措置を発表した。",
        ["KR"],
    ),
    (
        "sanction against a state (対…制裁)",
        "米国務省は、4か国が協議を経て対北朝鮮制裁措置を発表したと説明した。",
        ["US"],
    ),
    (
        "ministry designating a group (制裁の対象)",
        "韓国の外交部は2日、ハッカー集団「アルファ」を独自制裁の対象に指定した。",
        ["KR"],
    ),
    ("the EU as a bloc", "欧州連合(EU)は、個人と組織に対する制裁措置の発動を決定した。", ["EU"]),
    (
        "standing sanction in a relative clause",
        "米国が経済制裁を科す北朝鮮による外貨獲得活動の一環とみられる。",
        [],
    ),
    (
        "dealing with sanctioned parties",
        "司法省は、制裁対象との取引を禁じる法律に違反したとしている。",
        [],
    ),
]


IMPOSERS.append(
    (
        "second clause of the sentence with other imposers (…し、英豪も…制裁を科した)",
        "米財務省は、ロシア人のオレグ・ミハイロフ氏を制裁対象に指定し、英豪も同氏に制裁を科した。",
        ["US", "GB", "AU"],
    )
)


@pytest.mark.parametrize(("kind", "text", "imposers"), IMPOSERS, ids=[r[0] for r in IMPOSERS])
def test_sanction_imposers(rx: RulesExtractor, kind: str, text: str, imposers: list[str]) -> None:
    f = rx.extract(text)
    assert [c for s in f.sanctions for c in s.imposed_by] == imposers


def test_eu_survives_normalization() -> None:
    """`imposed_by` is ISO alpha-2, except the EU, which sanctions as a bloc."""
    from summarizer.knowledge import KnowledgeBase
    from summarizer.models import Sanction
    from summarizer.normalize import _sanction

    s = _sanction(Sanction(imposed_by=["EU", "米国", "XX"]), KnowledgeBase.load())
    assert s.imposed_by == ["EU", "US"]


# (kind of sentence, text, targets as (name, name_native) pairs, in order)
TARGETS = [
    (
        "victim company in quotes, not a target",
        "米政府は、映画会社「ミナト・フィルム」への攻撃を理由に制裁を発動した。",
        [],
    ),
    (
        "quoted company coordinated with a person (「X」とその従業員Y)",
        "OFACは、中国企業「南星情報技術」とその従業員グアン・ティエンを制裁対象に指定した。",
        [("南星情報技術", "南星情報技術"), ("グアン・ティエン", "グアン・ティエン")],
    ),
    (
        "officers of an organ, not the organ",
        "EU理事会は、国家安全部(MSS)の将校6人に資産凍結などの制裁を科すと決定した。",
        [],
    ),
    (
        "full katakana name with 氏 is one target",
        "オーストラリア政府は、ロシア人のアレクサンドル・エルマコフ氏に制裁を科した。",
        [("アレクサンドル・エルマコフ", "アレクサンドル・エルマコフ")],
    ),
    (
        "threat group designated with など",
        "米財務省は、ハッカー集団「APT77」など三つの集団を独自の制裁対象に指定した。",
        [("APT77", "APT77")],
    ),
    (
        "threat group also included",
        "OFACはまた、ハッカー組織「APT77」も制裁対象に含めた。",
        [("APT77", "APT77")],
    ),
    (
        "group that carried out the attack, not the one designated",
        "ハッカー集団「APT77」が関与したとして、米財務省は北朝鮮の個人2人を制裁対象に指定した。",
        [],
    ),
    (
        "members of a group, not the group",
        "米財務省は、「APT77」のメンバー2人を制裁対象に指定した。",
        [],
    ),
    (
        "organ named as the owner of the target",
        "OFACはまた、国家安全部傘下のハッカー組織「APT77」も制裁対象に含めた。",
        [("APT77", "APT77")],
    ),
    (
        "company in quotes designated",
        "米政府は、中国のセキュリティー企業「東方明星科技集団」に制裁を科した。",
        [("東方明星科技集団", "東方明星科技集団")],
    ),
    (
        "company with its Latin name in parentheses",
        "米財務省は、四川星河ネットワーク株式会社(Sichuan Xinghe)に制裁を科すと発表した。",
        [("四川星河ネットワーク株式会社", "四川星河ネットワーク株式会社")],
    ),
    (
        "defendant referred to by surname and 容疑者",
        "米司法省は北朝鮮人ハッカーのキム・ソンホ容疑者を訴追した。米財務省も同日、キム容疑者と勤務先を制裁対象に指定した。",
        [("キム・ソンホ", "キム・ソンホ")],
    ),
    (
        "the only defendant referred to as 被告",
        "米連邦大陪審は、ロシア人のイワン・ソコロフ被告(35)を起訴した。米、英は被告を制裁対象に指定した。",
        [("イワン・ソコロフ", "イワン・ソコロフ")],
    ),
    (
        "designation list after a sentence that closes the paragraph",
        "EUは、以下の制裁対象リストに載っている人物や組織との取引を禁じる。個人2人と1組織が対象。\n"
        "- LI Wei(李偉):中国\n"
        "- Ivan Sergeyevich PETROV:ロシア\n"
        "- Nanhai Star Science and Technology Co. Ltd(南海星科技有限公司):中国\n",
        [
            ("Li Wei", "李偉"),
            ("Ivan Sergeyevich Petrov", None),
            ("Nanhai Star Science and Technology Co. Ltd", "南海星科技有限公司"),
        ],
    ),
    (
        "katakana companies glossed with acronyms",
        "米財務省は、企業2社のダリヤ・ネガル(DNG)とカヴィ・ソフト(KVS)を制裁対象に指定した。",
        [("ダリヤ・ネガル", "ダリヤ・ネガル"), ("カヴィ・ソフト", "カヴィ・ソフト")],
    ),
    (
        "more targets named in a following sentence",
        "米財務省は、ハッカー集団3つを制裁対象に指定した。他に指定されたのは「シルバーフォックス」と「ブルーリバー」。",
        [("シルバーフォックス", "シルバーフォックス"), ("ブルーリバー", "ブルーリバー")],
    ),
    (
        "official who explains the sanction",
        "4か国が制裁対象を発表するのは初めてだとグレイソン長官は説明した。",
        [],
    ),
    (
        "numbered list the sentence splitter cuts after each number",
        "米財務省は、同集団の幹部3人を制裁対象に指定した。今回、制裁対象に加えられたのは以下の3人。\n"
        "1. アフマド・ラザヴィ(同集団司令官)\n2. キアン・モタメディ\n3. ダリウス・ファルザド\n",
        [
            ("アフマド・ラザヴィ", "アフマド・ラザヴィ"),
            ("キアン・モタメディ", "キアン・モタメディ"),
            ("ダリウス・ファルザド", "ダリウス・ファルザド"),
        ],
    ),
    (
        "bulleted list announced by 次の, a role in brackets after a name",
        "英政府は、この集団の幹部とみられる次の2人に制裁を科した。\n"
        "・ボリス・ザイツェフ(SVR将校)\n・グレブ・オルロフ\n",
        [("ボリス・ザイツェフ", "ボリス・ザイツェフ"), ("グレブ・オルロフ", "グレブ・オルロフ")],
    ),
    (
        "designation list naming a titled official and a person with 氏",
        "EUは、ロシアの情報機関の当局者2人に制裁を科すと発表した。"
        "今回対象となったのは、同機関を率いるアルカジー・ヴォルコフ局長と、その部下のスタニスラフ・ベロフ氏。",
        [
            ("アルカジー・ヴォルコフ", "アルカジー・ヴォルコフ"),
            ("スタニスラフ・ベロフ", "スタニスラフ・ベロフ"),
        ],
    ),
    (
        "one-sound Korean surnames in a designation list",
        "韓国政府は、北朝鮮の個人2人を独自制裁の対象に指定した。"
        "指定されたのは、オ・ミョンチョル氏とハン・ソンイル氏の2人。",
        [("オ・ミョンチョル", "オ・ミョンチョル"), ("ハン・ソンイル", "ハン・ソンイル")],
    ),
    (
        "groups listed after 追加されたのは",
        "政府は、資産凍結の対象に2団体を追加すると発表した。"
        "新たに追加されたのは、「ブルー・ヘロン」と「グレイ・オウル」の2団体。",
        [("ブルー・ヘロン", "ブルー・ヘロン"), ("グレイ・オウル", "グレイ・オウル")],
    ),
    (
        "quoted name as the object of the designation, no organization noun before it",
        "米財務省は、広東省に拠点を置く「南粤星辰網絡科技」を制裁対象に指定した。",
        [("南粤星辰網絡科技", "南粤星辰網絡科技")],
    ),
    (
        "quoted katakana company with its own kanji name after it",
        "米財務省は、IT企業「ノーザン・スター・テック」(北辰科技)を新たに制裁対象とした。",
        [("ノーザン・スター・テック", "北辰科技")],
    ),
    (
        "officers of a unit of an organ: neither the organ nor the unit",
        "米財務省は、国家安全部のサイバー司令部(MSS-CC)の幹部4人を制裁対象に指定した。",
        [],
    ),
    (
        "designation sentence opening with 対象は, people and a quoted company",
        "米財務省は、個人2人と企業1社を制裁対象に指定した。"
        "対象はチェ・ヨンナム、リ・ソンホの2氏と、「平壌星海貿易会社」。",
        [
            ("平壌星海貿易会社", "平壌星海貿易会社"),
            ("チェ・ヨンナム", "チェ・ヨンナム"),
            ("リ・ソンホ", "リ・ソンホ"),
        ],
    ),
    (
        "two quoted companies and their heads designated together",
        "米財務省は、「ノヴァ・メディア」と「ストラトス」の2社と、両社の代表者を制裁対象に指定した。",
        [("ノヴァ・メディア", "ノヴァ・メディア"), ("ストラトス", "ストラトス")],
    ),
    (
        "quoted organization designated with its head (と、その代表者の男を)",
        "日本政府は、IT労働者を派遣する組織「朝鮮星光貿易」と、その代表者の男を資産凍結の対象に指定した。",
        [("朝鮮星光貿易", "朝鮮星光貿易")],
    ),
    (
        "group that attacked (「X」による攻撃を受け), then a sanction on others",
        "ハッカー集団「APT77」による攻撃を受け、EUは同国の個人6人に制裁を科した。",
        [],
    ),
    (
        "quoted company and its owner designated together (と、その所有者である…)",
        "米英は、ホスティング業者「ゼノキャスト」と、その所有者であるイーゴリ・サフォノフ氏を制裁対象に指定した。",
        [("ゼノキャスト", "ゼノキャスト"), ("イーゴリ・サフォノフ", "イーゴリ・サフォノフ")],
    ),
    (
        "quoted company that only worked with the people designated",
        "米財務省は、「ノヴァ・メディア」と協力したハッカー2人を制裁対象に指定した。",
        [],
    ),
    (
        "bulleted Latin names right after the sentence, nationality in brackets",
        "米財務省は、ロシアのハッカー3人を制裁対象に指定した。\n"
        "・Pavel Orlov(ロシア国籍)\n・Denis Sokolov(ロシア国籍)\n・Yuri Belov(ロシア国籍)\n",
        [("Pavel Orlov", None), ("Denis Sokolov", None), ("Yuri Belov", None)],
    ),
    (
        "company linked to an organ and one associate (「X」と、同社の関係者1人に制裁を科した)",
        "英政府は、国家安全部と関係する企業「武漢星辰科技」と、同社の関係者1人に制裁を科した。",
        [("武漢星辰科技", "武漢星辰科技")],
    ),
    (
        "groups coordinated with people (「X」と「Y」、およびこれらを支援した個人3人を…対象に)",
        "韓国外交省は、ハッカー集団「APT77」と「グレイ・オウル」、およびこれらの集団を支援した個人3人を"
        "独自制裁の対象に指定した。対象となった個人は、カン・ミンチョル、ユン・ソンホ、ペク・ヨンイルの3人。",
        [
            ("APT77", "APT77"),
            ("グレイ・オウル", "グレイ・オウル"),
            ("カン・ミンチョル", "カン・ミンチョル"),
            ("ユン・ソンホ", "ユン・ソンホ"),
            ("ペク・ヨンイル", "ペク・ヨンイル"),
        ],
    ),
    (
        "quoted company as a list line",
        "EUは、次の個人と団体に制裁を科した。\n・北朝鮮の「朝鮮青松貿易」\n",
        [("朝鮮青松貿易", "朝鮮青松貿易")],
    ),
    (
        "defendant by surname and 被告 in the sanction: the full name only",
        "米司法省は、イラン人のレザ・タヘリ被告を起訴した。"
        "米財務省も同じ日に、タヘリ被告ら5人への制裁を発表した。",
        [("レザ・タヘリ", "レザ・タヘリ")],
    ),
]


@pytest.mark.parametrize(("kind", "text", "targets"), TARGETS, ids=[r[0] for r in TARGETS])
def test_sanction_targets(kind: str, text: str, targets: list[tuple[str, str | None]]) -> None:
    # romanization is the names module's business: compare native names, Latin names as written
    rx = RulesExtractor(FakeKB())  # type: ignore[arg-type]
    rx._romanize = lambda native: (native, True)
    f = rx.extract(text)
    assert [(p.name, p.name_native) for s in f.sanctions for p in s.targets] == targets


# (kind of sentence, text, defendants as (native name, age), in order)
DEFENDANTS = [
    (
        "Japanese name read whole, not cut to a Chinese surname",
        "警視庁は、横浜市の会社員、山田太郎容疑者(29)を逮捕した。",
        [("山田太郎", 29)],
    ),
    (
        "authority also charges the people just sanctioned",
        "米財務省は、イラン国籍のダリウス・ナデリ、ファルハド・ラヒミの2名を制裁対象に指定した。"
        "米司法省も、米企業への攻撃を画策したとして、2人に対する起訴状を公開した。",
        [("ダリウス・ナデリ", None), ("ファルハド・ラヒミ", None)],
    ),
    (
        "kanji name as the object of the charge",
        "米司法省は、中国国家安全部の職員である趙文彬を起訴した。",
        [("趙文彬", None)],
    ),
    (
        "country abbreviations before も are not a name",
        "米司法省は中国人1人を起訴した。米韓も捜査を進めている。",
        [],
    ),
    (
        "kanji names coordinated before 両容疑者",
        "米司法省は、中国人2人を起訴した。2人は楊明と劉強の両容疑者。",
        [("楊明", None), ("劉強", None)],
    ),
    (
        "glossed kanji names before 各容疑者 in the next sentence",
        "米紙では起訴された3人の名前も報じている。攻撃を指揮した王建(Wang Jian)、"
        "情報を盗んだとされる李華(Li Hua)、サーバーを管理した陳東(Chen Dong)の各容疑者。",
        [("王建", None), ("李華", None), ("陳東", None)],
    ),
    (
        "Latin names with ages in the sentence after the charge",
        "米司法省は、イラン人2人を刑事告発した。同省によると、Ali Reza Karimi(31歳)とOmid Nasiri(29歳)は、有権者情報を盗んだ。",
        [("Ali Reza Karimi", 31), ("Omid Nasiri", 29)],
    ),
    (
        "bulleted defendants with ages after 以下の",
        "米司法省は、ロシア軍の将校3人を起訴した。起訴状に名前が挙がったのは以下の3人。\n"
        "- イワン・ペトロフ(34)\n- オレグ・シードロフ(41)\n- ニコライ・ボルコフ(29)\n",
        [("イワン・ペトロフ", 34), ("オレグ・シードロフ", 41), ("ニコライ・ボルコフ", 29)],
    ),
    (
        "katakana alias after 別名 is the group's, not a person",
        "米司法省は、ハッカー集団「ブルー・ヘロン」(別名シルバー・オウル)に所属する"
        "キム・ソンチョル被告を起訴した。",
        [("キム・ソンチョル", None)],
    ),
    (
        "quoted companies the defendants work for are not defendants",
        "米司法省は、北朝鮮国籍の10人を起訴した。"
        "起訴状によると、10人は「イースト・リバー」と「ノース・ゲート」という2つのフロント企業で働いていた。",
        [],
    ),
    (
        "katakana names listed before 各被告, away from the charge",
        "米司法省は、北朝鮮国籍の8人を起訴した。起訴状によると、8人は米企業で働いていた。"
        "数人は偽名で働いていた。名前が公表されたのはパク・ミンス、リ・ヨンホ、キム・ドンイルの各被告だ。",
        [("パク・ミンス", None), ("リ・ヨンホ", None), ("キム・ドンイル", None)],
    ),
    (
        "kanji names before の3被告, Japanese forms of Chinese surnames",
        "米司法省は中国籍の3人を起訴した。起訴された3人は、いずれも広州市の会社役員で、蒋文海、銭志強、付国明の3被告。",
        [("蒋文海", None), ("銭志強", None), ("付国明", None)],
    ),
    (
        "people just sanctioned, charged as '2人を…起訴'",
        "英政府は、この集団の幹部とみられる次の2人に制裁を科した。\n"
        "・ボリス・ザイツェフ\n・グレブ・オルロフ\n"
        "米司法省も同じ日に、2人を国防関連企業への侵入の罪で起訴した。",
        [("ボリス・ザイツェフ", None), ("グレブ・オルロフ", None)],
    ),
    (
        "the one person just sanctioned, charged as 同氏",
        "英国と米国は、ランサム集団の幹部とされるロシア人のパーヴェル・グロモフ氏を制裁対象に指定した。"
        "米司法省も同日、同氏を起訴した。",
        [("パーヴェル・グロモフ", None)],
    ),
    (
        "names that open the sentence after the count (3人はA、B、C)",
        "米司法省は、ハッカー3人を起訴した。3人はアリ・カゼミ、レザ・モラディ、ホセイン・ナジャフィ。"
        "カゼミ氏の兄のサイード・カゼミ氏は関与していない。",
        [("アリ・カゼミ", None), ("レザ・モラディ", None), ("ホセイン・ナジャフィ", None)],
    ),
    (
        "glossed kanji names after 2人は",
        "米司法省は、中国人ハッカー2人を起訴した。2人は周立新(Zhou Lixin)と馬海濤(Ma Haitao)で、研究機関を狙った。",
        [("周立新", None), ("馬海濤", None)],
    ),
    (
        "kanji names listed before の3人を起訴",
        "米司法省は、国家安全部の指示でハッキングを行ったとして、周偉、梁強、馬明の3人を起訴した。",
        [("周偉", None), ("梁強", None), ("馬明", None)],
    ),
    (
        "kanji names before の3人の…: people of some other role",
        "米司法省は中国人3人を起訴した。報道官は、周偉、梁強、馬明の3人の担当検事を紹介した。",
        [],
    ),
    (
        "surname with 氏 for a person named in full earlier",
        "米財務省は、ロシア人のマクシム・ゾーリン氏ら7人を制裁対象に指定した。"
        "同日、米司法省もゾーリン氏とイーゴリ・トカレフ氏の2人を起訴した。",
        [("イーゴリ・トカレフ", None), ("マクシム・ゾーリン", None)],
    ),
    (
        "official named with a Latin spelling, then by surname",
        "米国のジョン・ベイカー(John Baker)司法次官補は、6人の攻撃は破壊的だったと述べた。"
        "ベイカー氏によると、米司法省は6人をハッキングの罪で起訴した。",
        [],
    ),
    (
        "roster of names with ages, one per sentence",
        "米司法省は、イラン人3人を起訴した。\n記者会見では詳細が説明された。\n捜査は続いている。\n"
        "3人の被告 – ダリウス・ナデリ、41歳。ファルハド・ラヒミ、別名ファリ・ラヒミ、35歳。"
        "とキアン・モラディさん(28歳)は全員イラン国民である。",
        [("ダリウス・ナデリ", 41), ("ファルハド・ラヒミ", 35), ("キアン・モラディ", 28)],
    ),
]


@pytest.mark.parametrize(("kind", "text", "defendants"), DEFENDANTS, ids=[r[0] for r in DEFENDANTS])
def test_defendants_named_around_the_charge(
    kind: str, text: str, defendants: list[tuple[str, int | None]]
) -> None:
    rx = RulesExtractor(FakeKB())  # type: ignore[arg-type]
    f = rx.extract(text)
    assert [(p.name_native, p.age) for i in f.indictments for p in i.defendants] == defendants


# (kind of sentence, text, defendants as (name, native name))
LATIN_GLOSSES = [
    (
        "katakana name spelled in Latin in brackets: the person, named as spelled",
        "米司法省は、北朝鮮のハッカー、パク・ミンチョル(Pak Min Chol)被告を起訴した。",
        [("Pak Min Chol", "パク・ミンチョル")],
    ),
    (
        "katakana threat group glossed in Latin is no person",
        "米司法省は、ヴォルト・ストーム(Volt Storm)の関係者2人をハッキングの罪で起訴した。",
        [],
    ),
    (
        "katakana product glossed with an acronym is no person",
        "米司法省は、ダーク・ゲート(DG)を販売したとして2人を起訴した。",
        [],
    ),
]


@pytest.mark.parametrize(
    ("kind", "text", "defendants"), LATIN_GLOSSES, ids=[r[0] for r in LATIN_GLOSSES]
)
def test_latin_gloss_after_a_katakana_name(
    rx: RulesExtractor, kind: str, text: str, defendants: list[tuple[str, str]]
) -> None:
    f = rx.extract(text)
    assert [(p.name, p.name_native) for i in f.indictments for p in i.defendants] == defendants


def test_stated_nationality_reaches_the_romanizer_as_origin() -> None:
    """Names are romanized by origin (Korean, Persian, Russian…): the engine passes the
    nationality the text states near the name."""
    calls: list[tuple[str, str | None]] = []

    def romanize(native: str, origin: str | None = None) -> tuple[str, bool]:
        calls.append((native, origin))
        return native, True

    rx = RulesExtractor(FakeKB())  # type: ignore[arg-type]
    rx._romanize = romanize
    rx.extract("米司法省は、イラン国籍のダリウス・ナデリ容疑者を起訴した。")
    rx.extract("米司法省は、ダリウス・ナデリ容疑者を起訴した。")
    assert calls == [("ダリウス・ナデリ", "IR"), ("ダリウス・ナデリ", None)]


class _GroupKB(FakeKB):
    """FakeKB plus one ransomware and a second actor known under another name."""

    actors = {
        **FakeKB.actors,
        "NightOwl": _Actor("NightOwl", ("Owl Team",), "CN"),
    }
    surfaces = {
        **FakeKB.surfaces,
        "RansomX": ("malware", "RansomX"),
        "LoaderZ": ("malware", "LoaderZ"),
        "Owl Team": ("actor", "NightOwl"),
    }


# (kind of sentence, text, actors as (name, country))
ACTORS = [
    (
        "ransomware named as a hacker group",
        "ロシア拠点のハッカー集団「RansomX」の指導者を起訴した。",
        [("RansomX", "RU")],
    ),
    (
        "two malware names joined by / followed by グループ",
        "米英はRansomX/LoaderZグループのメンバー11人を制裁対象にした。",
        [("RansomX", None)],
    ),
    (
        "second actor name inside 別名 parentheses",
        "攻撃はAPT77(別名:Owl Team)によるものだ。",
        [("APT77", None)],
    ),
]


@pytest.mark.parametrize(("kind", "text", "actors"), ACTORS, ids=[r[0] for r in ACTORS])
def test_actors_by_role_in_the_sentence(
    kind: str, text: str, actors: list[tuple[str, str | None]]
) -> None:
    f = RulesExtractor(_GroupKB()).extract(text)  # type: ignore[arg-type]
    assert [(a.name, a.country) for a in f.actors] == actors
    if "/" in text:
        assert "LoaderZ" in f.actors[0].aliases
    if "別名" in text:
        assert "NightOwl" in f.actors[0].aliases and "Owl Team" in f.actors[0].mentions


def test_one_sanction_per_announcement(rx: RulesExtractor) -> None:
    text = (
        "政府は、追加の制裁措置として資産凍結の対象にハッカー集団「APT77」を加えることを決めた。"
        "韓国政府は同日、個人8人を対象にした独自の制裁措置を発表した。"
        "米韓も独自の制裁措置を発表した。"
    )
    f = rx.extract(text)
    assert [s.imposed_by for s in f.sanctions] == [["JP"], ["KR", "US"]]
    assert [p.name for p in f.sanctions[0].targets] == ["APT77"]
    assert f.sanctions[1].targets == []


# (kind of sentence, text, stated count)
COUNTS = [
    ("one unnamed person with an age", "オランダ警察は、ウクライナ国籍の男(28)を逮捕した。", 1),
    ("one person named alone", "米司法省は、ロシア国籍のイワン・ソコロフ容疑者を起訴した。", 1),
    ("one person named with others (ら)", "米司法省は、イワン・ソコロフ容疑者らを起訴した。", None),
    ("count stated in words", "米連邦大陪審は、北朝鮮のハッカー集団に属する十二人を起訴した。", 12),
    (
        "count split across the parts of one group",
        "米司法省は、ロシア軍の軍人3人と技術者2人をハッキングに関与したとして起訴した。",
        5,
    ),
    (
        "more people named than the part the count states",
        "米司法省は、ハッキングに関与したとして中国籍の男2人を起訴した。起訴されたのは楊明と劉強の両被告。"
        "資金洗浄を助けた実業家のAhmad Faisal被告も起訴された。",
        3,
    ),
    (
        "one unnamed man with his age arrested on a charge (…容疑で逮捕)",
        "警視庁は、ハッカー集団に協力したとして、中国籍の男(35)を不正アクセス容疑で逮捕した。",
        1,
    ),
    (
        "one teenager with his age, arrested",
        "英国の捜査当局は、通信会社への攻撃に関与したとして、英国籍の16歳の少年を逮捕した。",
        1,
    ),
    (
        "one unnamed man referred to prosecutors",
        "大阪府警は、20代の大学生の男を不正アクセス禁止法違反の疑いで大阪地検に書類送検した。",
        1,
    ),
]


@pytest.mark.parametrize(("kind", "text", "count"), COUNTS, ids=[r[0] for r in COUNTS])
def test_defendant_count_is_stated_not_invented(
    rx: RulesExtractor, kind: str, text: str, count: int | None
) -> None:
    f = rx.extract(text)
    assert [i.defendant_count for i in f.indictments] == [count]


# -- kinds of sentence met on unseen articles (issue 9, second pass) -----------------------------
# (kind of sentence, text, jurisdictions of the indictments found)
JURISDICTIONS_2 = [
    (
        "arrest abroad at another state's request: the requesting state charges",
        "スペイン警察は、英国の要請に基づいて、ロシア国籍のイワン・ペトロフ容疑者を"
        "バルセロナ市内で逮捕した。",
        ["GB"],
    ),
    (
        "a city's prosecutors named with their state",
        "ドイツのフランクフルト地検は、ハッカー集団の幹部とされる男(41)を起訴した。",
        ["DE"],
    ),
    (
        "the people just charged, counted, were arrested before: one case",
        "韓国のプサン地検は、軍の技術者の男(31)と、会社員の男(45)をスパイの罪で起訴した。"
        "2人は先月、警察の捜査で逮捕されていた。",
        ["KR"],
    ),
    (
        "a foreign city's prosecutors with no state named",
        "ソウル東部地検は、北の工作員に軍の資料を渡したとして、予備役の男(52)を起訴した。",
        ["KR"],
    ),
    (
        "a state's city prosecutors (…のパリ検察は)",
        "フランスのパリ検察は、病院を狙ったハッカー集団のメンバー4人を起訴したと発表した。",
        ["FR"],
    ),
    (
        "arrest at the request of another state's agency",
        "英国の警察は、米連邦捜査局の要請に基づき、マンチェスター市内で男(22)を逮捕した。",
        ["US"],
    ),
    (
        "an arrest, then the state that asks for the person's extradition",
        "チェコ警察は、ロシア国籍のステパン・グロモフ容疑者をプラハで逮捕した。"
        "米国は同容疑者の身柄の引き渡しを求めている。",
        ["US"],
    ),
    (
        "a state's police force with its own name (…のサイバー警察は)",
        "ポーランドのサイバー犯罪対策警察は、ポーランド国籍の男2人を恐喝の疑いで逮捕した。"
        "2人はランサムウェアを使っていた。",
        ["PL"],
    ),
    (
        "no authority named, only an official whose title one state uses",
        "特別検察官は、選挙事務所に侵入したとして軍情報機関の将校4人を起訴した。"
        "記者会見したドナルド・グレン司法副長官は「断じて許さない」と述べた。",
        ["US"],
    ),
    (
        "a foreign city's police agency (…警察庁は)",
        "プサン警察庁は、取引所のサーバーに侵入したとして、30代の男3人を逮捕した。",
        ["KR"],
    ),
    (
        "a Japanese prefecture's police",
        "兵庫県警は、ゲームのアカウントを乗っ取ったとして、会社員の男2人を逮捕した。",
        ["JP"],
    ),
    (
        "a charge in a bracketed aside about someone else is no indictment",
        "英国政府は、集団の幹部ピョートル・ソコロフ氏(すでに米国で起訴済み)の兄、"
        "ミハイル・ソコロフ氏を制裁対象に指定した。",
        [],
    ),
]


@pytest.mark.parametrize(
    ("kind", "text", "jurisdictions"), JURISDICTIONS_2, ids=[r[0] for r in JURISDICTIONS_2]
)
def test_jurisdiction_of_the_charging_state(
    rx: RulesExtractor, kind: str, text: str, jurisdictions: list[str]
) -> None:
    f = rx.extract(text)
    assert [i.jurisdiction for i in f.indictments] == jurisdictions


def test_counted_follow_up_sets_the_count(rx: RulesExtractor) -> None:
    f = rx.extract(JURISDICTIONS_2[2][1])
    assert [i.defendant_count for i in f.indictments] == [2]


def test_count_of_a_sanction_in_the_same_sentence_is_not_the_defendants(
    rx: RulesExtractor,
) -> None:
    text = (
        "米財務省は同日、イーゴリ・ベロフ氏を含む5人を制裁対象に加え、米司法省はベロフ氏を"
        "マルウェアを使った攻撃に関与した罪で起訴した。"
    )
    f = rx.extract(text)
    assert [(i.jurisdiction, i.defendant_count) for i in f.indictments] == [("US", 1)]


def test_one_indictment_per_court_when_another_indictment_is_stated(rx: RulesExtractor) -> None:
    text = (
        "米司法省は、ロシア国籍の9人を起訴したと発表した。"
        "ボストン地区で起訴された7人には、趙偉被告と梁虎被告が含まれる。"
        "司法省は同じ日、シアトルの連邦地裁でも、別の起訴状で孟涛被告と蔡剛被告の2人を起訴した。"
    )
    f = rx.extract(text)
    got = [(i.jurisdiction, i.defendant_count, [p.name_native for p in i.defendants])
           for i in f.indictments]  # fmt: skip
    assert got == [("US", 7, ["趙偉", "梁虎"]), ("US", 2, ["孟涛", "蔡剛"])]


def test_another_case_with_its_own_count_is_another_indictment(rx: RulesExtractor) -> None:
    text = (
        "米司法省は、ロシア国籍の男3人を起訴した。3人は病院のシステムに侵入したとされる。"
        "別の事件では、テキサス州の連邦大陪審がロシア国籍の女1人を起訴した。"
    )
    f = rx.extract(text)
    assert [(i.jurisdiction, i.defendant_count) for i in f.indictments] == [("US", 3), ("US", 1)]


def test_arrest_abroad_of_someone_another_state_charges_is_that_states_case(
    rx: RulesExtractor,
) -> None:
    text = (
        "ポルトガル警察は、銀行を狙った攻撃に関わったとして、ロシア国籍のグレブ・アンドレエフ容疑者"
        "(30)をリスボン市内で逮捕した。米司法省は、同容疑者を電信詐欺の罪で起訴したと発表した。"
    )
    f = rx.extract(text)
    got = [(i.jurisdiction, i.defendant_count, [p.name_native for p in i.defendants])
           for i in f.indictments]  # fmt: skip
    assert got == [("US", 1, ["グレブ・アンドレエフ"])]


def test_people_named_with_no_one_added_are_the_count(rx: RulesExtractor) -> None:
    f = rx.extract("米司法省は、不正侵入に関与したとしてPeter Lang被告とOwen Riggs被告を起訴した。")
    assert [i.defendant_count for i in f.indictments] == [2]
    f = rx.extract(
        "米司法省は、不正侵入に関与したとしてPeter Lang被告とOwen Riggs被告らを起訴した。"
    )
    assert [i.defendant_count for i in f.indictments] == [None]


def test_two_courts_of_one_indictment_stay_one(rx: RulesExtractor) -> None:
    text = (
        "米司法省は、ボストン地区で北朝鮮籍の3人を起訴した。"
        "起訴状はシアトルの連邦地裁で公開された。"
    )
    f = rx.extract(text)
    assert [(i.jurisdiction, i.defendant_count) for i in f.indictments] == [("US", 3)]


# (kind of sentence, text, defendants as (native name, age), in order)
DEFENDANTS_2 = [
    (
        "Japanese five-kanji name alone before 容疑者 and the age",
        "愛知県警は、会社役員、大川健一郎容疑者(47)を不正アクセス禁止法違反の疑いで逮捕した。",
        [("大川健一郎", 47)],
    ),
    (
        "a description before 容疑者 and the age is no name",
        "大阪府警は、無職女性容疑者(36)を不正アクセス禁止法違反の疑いで逮捕した。",
        [],
    ),
    (
        "被告 before the age is not part of the kanji name",
        "米司法省は、中国籍の劉海容疑者(35)と、胡平被告(52)を起訴した。",
        [("劉海", 35), ("胡平", 52)],
    ),
    (
        "a place written with a dot (…・…空港) is no person",
        "オランダ警察は、米国の要請で、ロシア国籍のセルゲイ・オルロフ容疑者を"
        "アムステルダム・スキポール空港で逮捕した。",
        [("セルゲイ・オルロフ", None)],
    ),
    (
        "kanji names with their katakana reading in a list: the kanji is the name",
        "米司法省は、中国軍の将校2人を起訴した。起訴されたのは以下の2人。\n"
        "・梁志強(リャン・ジーチャン)\n・馬文傑(マー・ウェンジエ)\n",
        [("梁志強", None), ("馬文傑", None)],
    ),
]


@pytest.mark.parametrize(
    ("kind", "text", "defendants"), DEFENDANTS_2, ids=[r[0] for r in DEFENDANTS_2]
)
def test_defendants_of_more_kinds(
    kind: str, text: str, defendants: list[tuple[str, int | None]]
) -> None:
    rx = RulesExtractor(FakeKB())  # type: ignore[arg-type]
    f = rx.extract(text)
    assert [(p.name_native, p.age) for i in f.indictments for p in i.defendants] == defendants


def test_people_sanctioned_then_charged_the_same_day_by_count() -> None:
    rx = RulesExtractor(FakeKB())  # type: ignore[arg-type]
    text = (
        "米財務省は、イランの2人を制裁対象に指定した。"
        "指定されたのは、ダリウシュ・ヤズディ、ババク・ソルタニの2人。"
        "米司法省は同日、2人をボストンの連邦地裁に起訴したことも明らかにした。"
    )
    f = rx.extract(text)
    assert [p.name_native for i in f.indictments for p in i.defendants] == [
        "ダリウシュ・ヤズディ",
        "ババク・ソルタニ",
    ]


# (kind of sentence, text, targets as (name, native name) over all sanctions)
TARGETS_2 = [
    (
        "numbered list of groups with Latin glosses after a remark",
        "米財務省は、以下の2つのハッカー集団を制裁対象に指定した。いずれも軍の情報機関の傘下にある。"
        "\n\n1. ブラック・ミスト(Black Mist)\n2. グレイヘロン(Grey Heron)\n",
        [("Black Mist", "ブラック・ミスト"), ("Grey Heron", "グレイヘロン")],
    ),
    (
        "list of numbered military units",
        "英国政府は、軍情報機関の次の部隊を制裁対象に加えた。\n- 12345部隊\n"
        "- 67890部隊(通称「ナイト・アウル」)\n",
        [("Unit 12345", "12345部隊"), ("Unit 67890", "67890部隊")],
    ),
    (
        "kanji names in one list line, then the organizations in a sentence",
        "EUは、サイバー攻撃に関与した3人と2団体に制裁を科すと決めた。制裁対象の個人は以下の通り。\n"
        "・孫立、郭明(いずれも中国籍)\n・ヴィクトル・ザイツェフ(ロシア国籍)\n\n"
        "団体は、中国の「星河網絡科技有限公司」と、北朝鮮の「朝鮮ミラエ貿易」。\n",
        [
            ("孫立", "孫立"),
            ("郭明", "郭明"),
            ("ヴィクトル・ザイツェフ", "ヴィクトル・ザイツェフ"),
            ("星河網絡科技有限公司", "星河網絡科技有限公司"),
            ("朝鮮ミラエ貿易", "朝鮮ミラエ貿易"),
        ],
    ),
    (
        "surname with 氏 refers to the full name given earlier",
        "豪政府は、ロシア人のパーベル・ゴルデエフ氏に制裁を科すと発表した。"
        "米英も同じ日に、ゴルデエフ氏を制裁対象に加えた。",
        [("パーベル・ゴルデエフ", "パーベル・ゴルデエフ")] * 2,
    ),
    (
        "short surname with 氏, and a titled person who is the designation's object",
        "韓国外交省は、北朝鮮の銀行の代表、リュ・ミンホ氏を独自制裁の対象に指定した。"
        "米財務省も同日、リュ氏に加え、仲介業者のファン・ウェイ氏を制裁対象に指定した。",
        [
            ("リュ・ミンホ", "リュ・ミンホ"),
            ("ファン・ウェイ", "ファン・ウェイ"),
            ("リュ・ミンホ", "リュ・ミンホ"),
        ],
    ),
    (
        "a person named for a relation is not designated",
        "英国政府は、ロシアの犯罪集団の幹部オレグ・ザハロフ氏を制裁対象に指定した。"
        "英政府は、ザハロフ氏の義父にあたるユーリ・バラノフ氏にも制裁を科した。",
        [("オレグ・ザハロフ", "オレグ・ザハロフ"), ("ユーリ・バラノフ", "ユーリ・バラノフ")],
    ),
    (
        "members of a Latin-named group are the targets, not the group",
        "Dark Harbor Corp構成員に英国が制裁\n英国政府は、集団の構成員5人を制裁対象に指定した。",
        [],
    ),
    (
        "an exchange quoted after its kind, with its operators named after it",
        "米財務省は、盗まれた資金の洗浄に使われた交換業者「Coinvault」とその運営者2人、"
        "ボリス・ゲラシモフ氏とユーリ・ティトフ氏を制裁対象に指定した。",
        [
            ("Coinvault", "Coinvault"),
            ("ボリス・ゲラシモフ", "ボリス・ゲラシモフ"),
            ("ユーリ・ティトフ", "ユーリ・ティトフ"),
        ],
    ),
    (
        "the people just counted, named in the sentence after the designation",
        "米財務省は、北朝鮮の2人を制裁対象に指定した。2人はチョ・ミョンギル氏とハン・ソクチュ氏で、"
        "資金の洗浄を担っていたという。",
        [("チョ・ミョンギル", "チョ・ミョンギル"), ("ハン・ソクチュ", "ハン・ソクチュ")],
    ),
    (
        "designated companies named in the next sentence (指定された企業は)",
        "米財務省は同日、イランのIT企業2社を制裁対象に指定した。"
        "指定された企業は「ダリヤ・ネット」と「パルス・コード」。",
        [("ダリヤ・ネット", "ダリヤ・ネット"), ("パルス・コード", "パルス・コード")],
    ),
    (
        "an organ named as the one a front company serves is not designated",
        "米財務省は、国家安全部の隠れみのとして活動した企業「青峰科技」を制裁対象に指定した。",
        [("青峰科技", "青峰科技")],
    ),
    (
        "kanji defendant by surname and 被告 in a designation",
        "米司法省は、中国籍の曹磊被告を起訴した。"
        "財務省は同日、曹被告と、同被告の会社「北辰網絡」を制裁対象に加えた。",
        [("北辰網絡", "北辰網絡"), ("曹磊", "曹磊")],
    ),
]


@pytest.mark.parametrize(("kind", "text", "targets"), TARGETS_2, ids=[r[0] for r in TARGETS_2])
def test_sanction_targets_of_more_kinds(
    kind: str, text: str, targets: list[tuple[str, str | None]]
) -> None:
    rx = RulesExtractor(FakeKB())  # type: ignore[arg-type]
    rx._romanize = lambda native: (native, True)
    f = rx.extract(text)
    assert [(p.name, p.name_native) for s in f.sanctions for p in s.targets] == targets


def test_a_statement_by_the_groups_after_a_designation_names_no_target() -> None:
    rx = RulesExtractor(FakeKB())  # type: ignore[arg-type]
    text = "米財務省は、ロシアの企業2社を制裁対象に指定した。団体は、「ルナ・ソフト」への関与を否定した。"
    f = rx.extract(text)
    assert [p.name_native for s in f.sanctions for p in s.targets] == []


def test_a_state_inside_a_relative_clause_is_no_imposer(rx: RulesExtractor) -> None:
    text = "英国政府は、中国の情報機関とつながりのある企業「東嶺網安」に制裁を科した。"
    f = rx.extract(text)
    assert [s.imposed_by for s in f.sanctions] == [["GB"]]


def test_states_by_their_prefixes_with_両政府_impose(rx: RulesExtractor) -> None:
    f = rx.extract("英豪両政府は、ロシアの犯罪集団の構成員5人を制裁対象に指定した。")
    assert [s.imposed_by for s in f.sanctions] == [["GB", "AU"]]


def test_an_ongoing_sanction_mentioned_in_passing_is_no_announcement(rx: RulesExtractor) -> None:
    text = "英国はロシアに経済制裁を科しているが、ハッカー集団の活動は続いている。"
    assert rx.extract(text).sanctions == []


def test_bare_ministry_continues_the_state_named_before(rx: RulesExtractor) -> None:
    text = (
        "米国務省は、ハッカー2人の情報に報奨金を出すと発表した。"
        "財務省は同日、「星河貿易」を制裁対象に加えた。"
    )
    f = rx.extract(text)
    assert [s.imposed_by for s in f.sanctions] == [["US"]]


# designation lists and sentences in the shapes of a third set of articles (all invented)
TARGETS_3 = [
    (
        "an announced list that runs past group headings and remarks under its items",
        "英国政府は、ロシアの犯罪集団の構成員を制裁対象に指定した。\n制裁対象となったのは以下の4人。\n\n"
        "◆「ソラリス」グループ\n・イーゴリ・ベルキン\n・ステパン・モロズ\n暗号資産の洗浄を担ったとされる。\n\n"
        "◆「ノクターン」グループ\n・ロマン・ツヴェトフ\n・ゲンナジー・ポポフ\nマルウェアを開発したとされる。\n\n"
        "■ 被害\n英国内の企業が被害を受けた。",
        [
            ("イーゴリ・ベルキン", "イーゴリ・ベルキン"),
            ("ステパン・モロズ", "ステパン・モロズ"),
            ("ロマン・ツヴェトフ", "ロマン・ツヴェトフ"),
            ("ゲンナジー・ポポフ", "ゲンナジー・ポポフ"),
        ],
    ),
    (
        "numbered companies with dash remarks: Latin+katakana, an acronym, no gloss",
        "米財務省は、ロシアの企業4社を制裁対象に指定した。財務省が制裁したのは次の4社。\n\n"
        "①ABCソフト（ABC Soft）――軍の研究を担った\n②XYZ（軍事計算技術研究所）――同上\n"
        "③ルミナ・テック（Lumina Tech）――同上\n④ノヴァ・システムズ――関連会社\n\n■ 背景\n"
        "攻撃は長く続いた。",
        [
            ("ABC Soft", "ABCソフト"),
            ("XYZ", "軍事計算技術研究所"),
            ("Lumina Tech", "ルミナ・テック"),
            ("ノヴァ・システムズ", "ノヴァ・システムズ"),
        ],
    ),
    (
        "a list line that names its kind first (企業：A社、B社)",
        "米財務省は、イランの企業2社を制裁対象に指定した。\n\n■ 制裁対象\n"
        "・企業：ベルタ・ネット社（Berta Net Company）、ソラン・データ社（Soran Data Company）\n",
        [("Berta Net Company", "ベルタ・ネット社"), ("Soran Data Company", "ソラン・データ社")],
    ),
    (
        "a designation list introduced by 指定したのは after the sanction sentence",
        "米財務省は、北朝鮮の2団体と個人1人を制裁対象に指定した。\n指定されたのは以下の通り。\n\n"
        "一、第７７研究所（77th Research Center）\n軍の下部組織とされる。\n"
        "一、チョンサン・テク（Chongsan Tech）\n技術者を派遣していた。\n"
        "一、リ・ミョンス（Ri Myong Su）\n代表を務める。\n\n■ 背景\n資金は核開発に使われた。",
        [
            ("77th Research Center", "第７７研究所"),
            ("Chongsan Tech", "チョンサン・テク"),
            ("Ri Myong Su", "リ・ミョンス"),
        ],
    ),
    (
        "quoted companies with Latin names, then 個人はA、Bの2人",
        "米財務省は、ロシアの企業3社と個人2人を制裁対象に指定したと発表した。"
        "財務省が指定したのは、モスクワの企業「オルビタ・ラボ（Orbita Lab）」と、その子会社の"
        "「ケドル（Kedr）」、研究機関「ヴェガ研究所（Vega Scientific Research Institute）」の3社。"
        "個人は同社の経営者ボリス・ゾーリン、アルカジー・レベジの2人。",
        [
            ("Orbita Lab", "オルビタ・ラボ"),
            ("Kedr", "ケドル"),
            ("Vega Scientific Research Institute", "ヴェガ研究所"),
            ("ボリス・ゾーリン", "ボリス・ゾーリン"),
            ("アルカジー・レベジ", "アルカジー・レベジ"),
        ],
    ),
    (
        "an organ the designated companies helped is not designated",
        "米財務省は、国家安全部のサイバー能力の向上に協力したとして、企業「ホワイト・コード社」を"
        "制裁対象に指定した。",
        [("ホワイト・コード社", "ホワイト・コード社")],
    ),
    (
        "officers belonging to a quoted unit: neither the unit nor the organ is designated",
        "EUは、中国の国家安全部の「99999部隊」に所属する将校2人を制裁対象に指定した。"
        "対象となったのはワン・リー、チャン・ミンの2人。",
        [("ワン・リー", "ワン・リー"), ("チャン・ミン", "チャン・ミン")],
    ),
    (
        "a quoted organization joined by と、 to a designated company",
        "米財務省は、組織「ブルー・ホライズン財団」と、ハッカーらが所属していた企業「テラ・ノード社」を"
        "制裁対象に指定した。",
        [
            ("ブルー・ホライズン財団", "ブルー・ホライズン財団"),
            ("テラ・ノード社", "テラ・ノード社"),
        ],
    ),
]


@pytest.mark.parametrize(("kind", "text", "targets"), TARGETS_3, ids=[r[0] for r in TARGETS_3])
def test_sanction_targets_in_lists_and_second_sentences(
    kind: str, text: str, targets: list[tuple[str, str | None]]
) -> None:
    rx = RulesExtractor(FakeKB())  # type: ignore[arg-type]
    rx._romanize = lambda native: (native, True)
    f = rx.extract(text)
    assert [(p.name, p.name_native) for s in f.sanctions for p in s.targets] == targets


def _legal(text: str) -> tuple[list[tuple[str | None, int | None, list[str]]], list[list[str]]]:
    rx = RulesExtractor(FakeKB())  # type: ignore[arg-type]
    rx._romanize = lambda native: (native, True)
    f = rx.extract(text)
    inds = [
        (i.jurisdiction, i.defendant_count, [d.name_native or d.name for d in i.defendants])
        for i in f.indictments
    ]
    return inds, [[t.name_native or t.name for t in s.targets] for s in f.sanctions]


def test_defendants_designated_by_reference() -> None:
    # 同社 (the company named before), a kanji defendant by surname, 起訴された2人を含む
    inds, targets = _legal(
        "米司法省は、中国の企業「東光信息技術有限公司」（Dongguang Information Technology）の社員、"
        "冉一凡被告を起訴した。同日、米財務省は同社と冉被告を制裁対象に指定した。"
    )
    assert targets == [["冉一凡", "東光信息技術有限公司"]]
    inds, targets = _legal(
        "米司法省は、イランの「ダラン研究所」に関係するイラン人2人を起訴した。"
        "主犯とされるのはアリ・ナデリ被告と、同研究所幹部のレザ・カリミ被告。"
        "米財務省も同日、ダラン研究所と起訴された2人を含む計3人を制裁対象に指定した。"
    )
    assert sorted(targets[0]) == ["アリ・ナデリ", "ダラン研究所", "レザ・カリミ"]


def test_x_and_others_counted_are_the_defendants_named_with_x() -> None:
    inds, targets = _legal(
        "米司法省は、元職員のサラ・ブルック被告を起訴した。同時に、イラン人3人も起訴した。"
        "起訴されたイラン人は、ダリウス・ナビ（31）、キアン・ラド（29）、オミド・ファル（35）の3被告。"
        "米財務省は同日、ブルック被告のような人物を勧誘した組織「スター・ゲート」を制裁対象に指定した。"
        "ナビ被告ら3人も制裁対象となった。"
    )
    assert sorted(targets[0]) == [
        "オミド・ファル",
        "キアン・ラド",
        "スター・ゲート",
        "ダリウス・ナビ",
    ]


def test_an_earlier_case_recalled_is_no_indictment() -> None:
    inds, _t = _legal(
        "英国はロシアの犯罪集団の5人を制裁対象に指定した。"
        "米国は2019年にも、この集団の開発者を起訴している。"
    )
    assert inds == []


def test_a_list_of_companies_after_a_charge_names_no_defendant() -> None:
    inds, _t = _legal(
        "米司法省は、中国籍の3人を起訴した。\n起訴状によると、3人は以下の2社に侵入したとされる。\n\n"
        "・金融大手ムーン傘下のムーン・アナリティクス（米国）――幹部のメールを盗んだ\n"
        "・電機大手サン・エレクトロ――技術資料\n"
    )
    assert inds == [("US", 3, [])]


def test_names_that_are_bodies_or_headline_words_are_no_defendants() -> None:
    inds, _t = _legal(
        "ロシアの技術者2人を起訴　各地のエネルギー施設を標的\n"
        "米司法省は、ロシア政府で働く2人を起訴した。"
        "起訴状によると、2人はカール・ベン事務所の関係者らのメールを盗んでいた。"
    )
    assert inds == [("US", 2, [])]


def test_short_references_resolve_to_full_names_listed_under_a_section_heading() -> None:
    inds, _t = _legal(
        "米財務省は、イランのハッカー3人を制裁対象に指定した。米司法省も同日、このうち2人を起訴した。\n\n"
        "■ 制裁対象\n・ナセル・ガファリ（Naser Ghafari）\n・アミール・ホセイン・タヘリ（Amir Hossein Taheri）\n"
        "・レザ・モフセニ（Reza Mohseni）\n\n"
        "連邦地裁に起訴されたのは、ガファリ、ホセイン・タヘリの2被告。"
    )
    assert inds == [("US", 2, ["ナセル・ガファリ", "アミール・ホセイン・タヘリ"])]


def test_taken_into_custody_on_a_suspicion_is_an_arrest_and_a_quoted_service_no_person() -> None:
    inds, targets = _legal(
        "米財務省は、暗号資産サービス「ミスト・ミキサー（Mist Mixer）」を制裁対象に指定した。"
        "ドイツの捜査当局は5月、ミスト・ミキサーの運営に関わったとみられる男性1人を"
        "資金洗浄の疑いでベルリンで拘束した。"
    )
    assert inds == [("DE", 1, [])]
    assert targets == [["ミスト・ミキサー"]]


def test_numbered_indictments_are_told_one_by_one() -> None:
    inds, _t = _legal(
        "米司法省は、ロシアの技術者3人を起訴したと発表した。起訴状は2件で、いずれも昨年提出された。\n\n"
        "1件目は、研究機関の職員、ボリス・クズミン被告（41）に対するもの。同被告は工場を攻撃した。\n\n"
        "2件目の起訴状は、情報機関に所属するオレグ・サフロノフ（33）、ユーリー・ベロフ（37）の2人を"
        "対象とする。起訴状によると、2人は電力会社を狙った。"
    )
    assert inds == [
        ("US", 1, ["ボリス・クズミン"]),
        ("US", 2, ["オレグ・サフロノフ", "ユーリー・ベロフ"]),
    ]


def test_a_kanji_name_with_氏_as_the_object_of_a_designation_is_a_target() -> None:
    _i, targets = _legal(
        "米財務省は、中国の企業「北原科技有限公司」と、同社の代表者の趙明氏を制裁対象に指定した。"
        "同社の幹部の孫立氏は「不当だ」と反発した。"
    )
    assert targets == [["北原科技有限公司", "趙明"]]


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (
            "a remark that announces another list",
            "米財務省は、以下の2社を制裁対象に指定した。\n・ゼニット・ソフト（Zenit Soft）\n"
            "・オメガ・ラボ（Omega Lab）\n被害を受けたのは以下の企業。\n・ノース・ピクチャーズ\n",
        ),
        (
            "a list that already holds the number it announced",
            "米財務省は、以下の2社を制裁対象に指定した。\n・ゼニット・ソフト（Zenit Soft）\n"
            "・オメガ・ラボ（Omega Lab）\n両社は攻撃を支援した。\n・ノース・ピクチャーズ（North Pictures）\n",
        ),
    ],
)
def test_an_announced_list_ends_where_its_items_end(kind: str, text: str) -> None:
    _i, targets = _legal(text)
    assert targets == [["ゼニット・ソフト", "オメガ・ラボ"]]


def test_one_of_those_just_designated_named_with_このうち() -> None:
    _i, targets = _legal(
        "英政府は、ロシアの犯罪集団「ダーク・ミル（Dark Mill）」の幹部ら9人を制裁対象に指定した。"
        "このうち、ルスタム・ガリエフ氏は同集団の指導者とされる。"
    )
    assert targets == [["ルスタム・ガリエフ"]]


@pytest.mark.parametrize(
    ("kind", "text", "targets"),
    [
        (
            "an unquoted katakana company with 社 as the object",
            "米財務省は、ロシアのベルク・ライン社と、同社の社長を制裁対象に指定した。",
            ["ベルク・ライン社"],
        ),
        (
            "an unquoted kanji trading company as the object",
            "米財務省は、北朝鮮の朝鮮白嶺貿易会社を制裁対象に指定した。",
            ["朝鮮白嶺貿易会社"],
        ),
        (
            "a company whose products the designated people use is no target",
            "米財務省は、ベルク・ライン社の製品を使うハッカー集団の2人を制裁対象に指定した。",
            [],
        ),
        (
            "companies and people named after 制裁対象は、",
            "米財務省は、ロシアの企業と個人を制裁対象に指定した。"
            "制裁対象は、IT企業のオルタ・ソフト社、同社の社長ニコライ・グロモフ氏ら。",
            ["オルタ・ソフト社", "ニコライ・グロモフ"],
        ),
        (
            "a list line naming an organization by its suffix alone",
            "米財務省は、北朝鮮の団体を制裁対象に指定した。指定されたのは以下の通り。\n"
            "・朝鮮白嶺貿易会社\n・平壌計算技術研究所\n",
            ["朝鮮白嶺貿易会社", "平壌計算技術研究所"],
        ),
    ],
)
def test_unquoted_companies_in_designations(kind: str, text: str, targets: list[str]) -> None:
    _i, got = _legal(text)
    assert [t for s in got for t in s] == targets


def test_people_other_than_the_defendants_are_not_the_defendants() -> None:
    _i, targets = _legal(
        "米司法省は、イラン人のアリ・ナデリ被告とレザ・カリミ被告を起訴した。"
        "米財務省は同日、起訴された2人とは別の3人を制裁対象に指定した。"
    )
    assert targets == [[]]


@pytest.mark.parametrize(
    ("kind", "text", "targets"),
    [
        (
            "an organ named as the owner of a designated unit, with more quoted names after",
            "EUは、国家安全部の「99999部隊」と、中国の「海泰網絡」、北朝鮮の「白頭貿易」を"
            "制裁対象に指定した。",
            ["PLA Unit 99999", "海泰網絡", "白頭貿易"],
        ),
        (
            "an organ whose unit's officers are designated",
            "米財務省は、国家安全部サイバー局（MSS-C）の幹部6人を制裁対象に指定した。",
            [],
        ),
    ],
)
def test_organs_that_own_the_designated(kind: str, text: str, targets: list[str]) -> None:
    rx = RulesExtractor(FakeKB())  # type: ignore[arg-type]
    rx._romanize = lambda native: (native, True)
    f = rx.extract(text)
    assert [p.name for s in f.sanctions for p in s.targets] == targets


def test_a_company_named_for_its_systems_is_no_defendant() -> None:
    inds, _t = _legal(
        "米司法省は、ロシア国籍の男2人を起訴した。起訴状によると、2人はノースウインドや"
        "ハート・ブラザーズのシステムに侵入し、幹部のメールを盗んだ。"
    )
    assert inds == [("US", 2, [])]
