"""Victims found by the offline engine, one kind of sentence per row (synthetic sentences:
invented organizations, never an article's names or wording)."""

from __future__ import annotations

import pytest

from summarizer.knowledge import KnowledgeBase
from summarizer.rules.engine import RulesExtractor


@pytest.fixture(scope="module")
def rx() -> RulesExtractor:
    return RulesExtractor(KnowledgeBase.load())


def _natives(rx: RulesExtractor, text: str) -> set[str]:
    return {
        v.name_native or v.name or "" for v in rx.extract(text).victims if v.name_native or v.name
    }


# -- named organizations in lists of those attacked or breached --------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "被害に遭った組織には、ノースウィンド証券取引所やカルデラ・バンク、Zentrix Holdingsなどが含まれている。",
            {"ノースウィンド証券取引所", "カルデラ・バンク", "Zentrix Holdings"},
            id="victims-included-in-a-list-after-an-attack-noun",
        ),
        pytest.param(
            "攻撃者は政府機関8カ所に侵入した。この中には、米海洋気象局、米農業省、米沿岸警備隊などが含まれていた。",
            {"米海洋気象局", "米沿岸警備隊"},
            id="list-introduced-by-kono-naka-ni-wa-after-an-attack-sentence",
        ),
        pytest.param(
            "被告らは親会社傘下のグレンフォード・ケミカル、USアルミナ、ペリドットといった米企業から機密を盗んだ。",
            {"グレンフォード・ケミカル", "USアルミナ", "ペリドット"},
            id="companies-named-before-toitta-and-stolen-from",
        ),
        pytest.param(
            "彼らは2019年から、米国や欧州の報道機関、海洋技術研究所、米国の大学、北方州議会、人権活動家に対してサイバー攻撃を行った。",
            {"海洋技術研究所", "北方州議会"},
            id="list-of-named-and-described-targets-before-ni-taishite",
        ),
        pytest.param(
            "Corvane、Telnexa Networks、Skylark Mobileなど、英国の大手通信会社が攻撃を受けた。",
            {"Corvane", "Telnexa Networks", "Skylark Mobile"},
            id="latin-names-then-a-descriptor-that-suffered-damage",
        ),
        pytest.param(
            "同集団は発電会社「東央エナジー」や北嶺航空宇宙工業(NAI)などをハッキングした。",
            {"東央エナジー", "北嶺航空宇宙工業"},
            id="quoted-name-after-a-descriptor-and-a-glossed-name-hacked",
        ),
    ],
)
def test_named_organizations_in_a_victim_list(
    rx: RulesExtractor, text: str, expected: set[str]
) -> None:
    found = _natives(rx, text)
    assert expected <= found
    assert not {"米国の大学", "人権活動家", "報道機関"} & found


def test_descriptor_after_a_list_gives_sectors_and_country(rx: RulesExtractor) -> None:
    text = "Corvane、Telnexa Networksなど、英国の大手通信会社が攻撃を受けた。"
    by = {v.name_native: v for v in rx.extract(text).victims}
    assert by["Corvane"].country == "GB"
    assert "telecommunications" in by["Corvane"].sectors


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "マルウェア「Quillfox」やランサムウエアによる攻撃などに関わった。",
            id="malware-quoted-after-its-kind-is-not-a-victim",
        ),
        pytest.param(
            "攻撃者はVortexOSを含むSSL-VPNソリューションの脆弱性を悪用した。",
            id="products-listed-before-a-flaw-are-not-victims",
        ),
        pytest.param(
            "米国務省、同盟国の港湾へのサイバー攻撃に関わった2社を制裁",
            id="headline-speaker-before-a-comma-is-not-a-victim",
        ),
        pytest.param(
            "選挙陣営の職員のメールやコンピューターネットワークをハッキングした。",
            id="common-katakana-nouns-are-not-names",
        ),
        pytest.param(
            "ロシア当局による攻撃に加担したとして制裁した。",
            id="the-attacking-authority-before-niyoru-is-not-a-victim",
        ),
        pytest.param(
            "攻撃者は非政府機関や研究機関を標的にした。",
            id="generic-kinds-of-organization-are-not-names",
        ),
    ],
)
def test_not_a_named_victim(rx: RulesExtractor, text: str) -> None:
    assert not [v for v in rx.extract(text).victims if v.name or v.name_native]


@pytest.mark.parametrize(
    ("text", "not_victim"),
    [
        pytest.param(
            "将校らは日立傘下のグレンフォード・ケミカルなどから機密を盗んだ。",
            "日立",
            id="parent-company-before-sanka-no",
        ),
        pytest.param(
            "NHKなど国内メディアの報道によると、ハッカーは交換業者から暗号資産を窃取した。",
            "NHK",
            id="news-outlet-cited-as-a-source",
        ),
        pytest.param(
            "NTTデータ先端研究所は、攻撃者が日本の組織を標的にしていると報告した。",
            "NTT",
            id="known-name-inside-a-longer-name",
        ),
        pytest.param(
            "同集団は2015年にソニー・ピクチャーズ・アニメーション(SPA)への攻撃で知られた。",
            "ソニー・ピクチャーズ",
            id="known-name-continued-after-a-middle-dot",
        ),
        pytest.param(
            "財務省高官は会見で、北朝鮮の集団が金融機関を攻撃したと述べた。",
            "財務省",
            id="official-of-a-ministry-who-speaks",
        ),
        pytest.param(
            "米司法省は、北朝鮮政府や偵察総局と関係のあるハッカー3人が米国の銀行を攻撃したとして起訴した。",
            "北朝鮮政府",
            id="attackers-own-government-in-a-list",
        ),
    ],
)
def test_named_but_not_attacked(rx: RulesExtractor, text: str, not_victim: str) -> None:
    assert not_victim not in _natives(rx, text)


def test_katakana_word_list_loads() -> None:
    from summarizer.rules.victims import _word_list

    words = _word_list("katakana_common.txt")
    assert "ネットワーク" in words and all(not w.startswith("#") for w in words)


@pytest.mark.parametrize(
    ("text", "native", "sector"),
    [
        pytest.param(
            "攻撃者は政府機関に侵入した。この中には、米海洋気象局、米沿岸警備隊などが含まれていた。",
            "米沿岸警備隊",
            "defense",
            id="armed-service-named-in-a-list",
        ),
        pytest.param(
            "被害に遭った組織には、北辰大学や南湖総合病院などが含まれている。",
            "南湖総合病院",
            "healthcare",
            id="hospital-named-in-a-list",
        ),
        pytest.param(
            "被害に遭った組織には、北辰大学や南湖総合病院などが含まれている。",
            "北辰大学",
            "education",
            id="university-named-in-a-list",
        ),
    ],
)
def test_sector_from_the_last_word_of_a_listed_name(
    rx: RulesExtractor, text: str, native: str, sector: str
) -> None:
    by = {v.name_native: v for v in rx.extract(text).victims}
    assert sector in by[native].sectors


def test_carrier_att_in_a_list_is_a_victim(rx: RulesExtractor) -> None:
    text = "被害に遭った組織には、Corvane、AT&Tなどが含まれている。"
    assert {"Corvane", "AT&T"} <= _natives(rx, text)


def test_suffix_sector_table_parses() -> None:
    from summarizer.rules.victims import _suffix_table

    rows = dict(_suffix_table())
    assert rows["大学"] == ("education",)


# -- described targets: sectors and countries from the sentence that states the attack ---------
@pytest.mark.parametrize(
    ("text", "sectors", "countries"),
    [
        pytest.param(
            "彼らは2019年から、ベトナム、タイの外交部に対してサイバー攻撃を行った。",
            set(),
            {"VN", "TH"},
            id="countries-listed-before-ni-taishite-attack",
        ),
        pytest.param(
            "攻撃者は米国と海外の200以上の大学、州の機関に対する一連のインターネット攻撃を実行した。",
            {"education"},
            {"US"},
            id="targets-before-ni-taisuru-series-of-attacks",
        ),
        pytest.param(
            "同社では日本の通信・防衛の複数組織に繰り返し攻撃が行われていることを観測している。",
            {"telecommunications", "defense"},
            {"JP"},
            id="sectors-of-organizations-repeatedly-attacked",
        ),
        pytest.param(
            "同集団は各国の政府やメディアの要人を対象にサイバー攻撃を行ってきた。",
            {"government", "communications"},
            set(),
            id="people-in-sectors-targeted-wo-taisho-ni",
        ),
        pytest.param(
            "同集団は韓国の兵器や宇宙関連の先端技術を盗んだとされる。",
            {"defense", "aerospace"},
            {"KR"},
            id="technology-of-a-country-stolen",
        ),
        pytest.param(
            "被害があったのはドイツの他にオランダやブラジルなど30カ国近く。",
            set(),
            {"DE", "NL", "BR"},
            id="countries-listed-after-higai-ga-atta-no-wa",
        ),
        pytest.param(
            "APT77はドイツのほかオランダ、ブラジルなどで機密を窃取していた。",
            set(),
            {"DE", "NL", "BR"},
            id="countries-listed-before-nado-de-information-theft",
        ),
        pytest.param(
            "被害を受けた国:\n- ケニア\n- オランダ\n狙われた業種:\n- 化学\n- 運輸\n",
            {"chemical", "transportation"},
            {"KE", "NL"},
            id="bulleted-lists-under-a-target-heading",
        ),
    ],
)
def test_described_targets(
    rx: RulesExtractor, text: str, sectors: set[str], countries: set[str]
) -> None:
    f = rx.extract(text)
    assert sectors <= {s for v in f.victims for s in v.sectors}
    assert countries == {v.country for v in f.victims if v.country}


@pytest.mark.parametrize(
    ("text", "not_country"),
    [
        pytest.param(
            "同社はロシア政府に代わって研究データを盗む活動を担ってきた。",
            "RU",
            id="on-whose-behalf-data-was-stolen",
        ),
        pytest.param(
            "ウクライナ情勢に対する日本の姿勢を背景に、広範囲にわたりサイバー攻撃が行われた。",
            "UA",
            id="the-reason-for-an-attack-is-not-its-target",
        ),
        pytest.param(
            "日米・オーストラリア、ミサイル発射に対して制裁…ハッキング組織を含む",
            "AU",
            id="a-sanction-in-response-is-not-an-attack",
        ),
        pytest.param(
            "英、ロシア情報省に制裁 エストニアへのサイバー攻撃で",
            "RU",
            id="sanctioned-ministry-in-a-headline-is-not-a-target",
        ),
        pytest.param(
            "英国は、ロシアの情報省を制裁対象に指定した。情報省はエストニアへの攻撃を指揮した。",
            "RU",
            id="ministry-designated-for-sanctions-is-not-a-victim",
        ),
        pytest.param(
            "ロシアの集団が議員を狙った。英国の国家サイバーセキュリティ・センターが分析した。"
            "英国政府は、ロシアの機関が英国を標的とした活動に関与したと発表した。",
            "RU",
            id="defenders-national-agency-does-not-make-it-an-attacker",
        ),
    ],
)
def test_not_a_victim_country(rx: RulesExtractor, text: str, not_country: str) -> None:
    assert not_country not in {v.country for v in rx.extract(text).victims}


def test_defenders_national_agency_keeps_it_a_victim(rx: RulesExtractor) -> None:
    text = (
        "英国の国家サイバーセキュリティ・センターが分析した。"
        "英国政府は、ロシアの機関が英国を標的とした活動に関与したと発表した。"
    )
    assert "GB" in {v.country for v in rx.extract(text).victims}


@pytest.mark.parametrize(
    ("text", "sectors"),
    [
        pytest.param(
            "攻撃は多くの業種に及ぶが、最も狙われているのは、金融や医療、エネルギーなどの業界だ。",
            {"financial-services", "healthcare", "energy"},
            id="fields-named-after-tokuni-chumoku-sareteiru-nowa",
        ),
        pytest.param(
            "この集団は各国の省庁、報道機関、非政府機関を狙って攻撃した。",
            {"government", "communications", "non-profit"},
            id="ngo-as-a-target-kind",
        ),
        pytest.param(
            "欧州の研究者や学者、外交官なども標的となっている。",
            {"education", "government"},
            id="scholars-and-officials-mo-hyoteki-to-natte-iru",
        ),
        pytest.param(
            "被害は各地に及び、影響を受けた組織の約4割が政府機関だった。",
            {"government"},
            id="share-of-affected-organizations-that-are-government",
        ),
        pytest.param(
            "この集団は各国の報道機関や電気通信産業を中心に攻撃を繰り返している。",
            {"communications", "telecommunications"},
            id="kinds-of-target-before-wo-chushin-ni-attack",
        ),
        pytest.param(
            "この集団は世界の企業を標的としており、特に記者、学者、通信、金融の従事者に重点を置いていた。",
            {"education", "telecommunications", "financial-services"},
            id="kinds-of-target-given-weight-juten-wo-oku",
        ),
        pytest.param(
            "攻撃は半年続いた。影響を受けた顧客には、証券会社、病院、そのほか2社の通信事業者が含まれていた。",
            {"financial-services", "healthcare", "telecommunications"},
            id="kinds-of-affected-customers-included",
        ),
        pytest.param(
            "同集団はシンクタンクや各国政府、「様々な分野の専門家とされる個人」を標的にしている。",
            {"non-profit", "government"},
            id="targets-before-a-quoted-phrase-and-wo-hyoteki",
        ),
        pytest.param(
            "捜査では、防衛関連の企業など、約100の研究機関や会社が標的になったということだ。",
            {"defense", "education"},
            id="kinds-of-target-ga-hyoteki-ni-natta",
        ),
        pytest.param(
            "この集団は欧州の大手通信会社への複数の不正アクセスに関与した。",
            {"telecommunications"},
            id="kinds-of-target-before-e-no-unauthorized-access",
        ),
        pytest.param(
            "2人は脅迫メールを送り、英国のメディア企業のコンピューターネットワークにアクセスして情報を盗んだ。",
            {"communications"},
            id="kinds-of-target-whose-network-was-accessed",
        ),
        pytest.param(
            "6人はウクライナの送電網へのサイバー攻撃に関与した。",
            {"energy"},
            id="power-grid-attacked",
        ),
        pytest.param(
            "攻撃者は欧州の銀行や保険会社から顧客情報を盗んだ。",
            {"financial-services"},
            id="banks-stolen-from",
        ),
    ],
)
def test_target_sectors(rx: RulesExtractor, text: str, sectors: set[str]) -> None:
    assert sectors <= {s for v in rx.extract(text).victims for s in v.sectors}


def test_technology_of_a_sector_is_that_sector(rx: RulesExtractor) -> None:
    f = rx.extract("米司法省は、自動車技術を狙う工作員を起訴した。")
    found = {s for v in f.victims for s in v.sectors}
    assert "automotive" in found and "technology" not in found


def test_targets_listed_after_hyoteki_wa(rx: RulesExtractor) -> None:
    text = "捜査当局によると、攻撃の標的は北山陣営や西方選挙委員会、Corvaneで、文書が流出した。"
    assert {"北山陣営", "西方選挙委員会", "Corvane"} <= _natives(rx, text)


def test_same_ministry_refers_back_to_the_named_one(rx: RulesExtractor) -> None:
    text = "米国務省は、ロシアの集団が同省のメールシステムに侵入したと明らかにした。"
    names = {v.name for v in rx.extract(text).victims}
    assert "Department of State" in names


def test_bulleted_list_announced_as_the_organizations_attacked(rx: RulesExtractor) -> None:
    text = (
        "被告らは以下の組織を標的に侵入を繰り返した。\n\n"
        "  • Li Wen…Corvane\n  • Zhao Min…Telnexa Analytics\n"
    )
    found = _natives(rx, text)
    assert {"Corvane", "Telnexa Analytics"} <= found
    assert "Li Wen" not in found


def test_quoted_portals_listed_before_their_websites_outage(rx: RulesExtractor) -> None:
    text = (
        "9月に、行政ポータル「e-RES」(北方庁)、税務ポータル「eKOBO」(南方税務機構)、"
        "交流サービス「kumo」のサイトで、DDoS攻撃による接続障害が起きた。"
    )
    assert {"e-RES", "eKOBO"} <= _natives(rx, text)


def test_a_place_where_an_attack_happened_is_not_a_victim(rx: RulesExtractor) -> None:
    text = "北方市役所で、ランサムウェア攻撃の説明会が開かれた。"
    assert "北方市役所" not in _natives(rx, text)


def test_one_ministry_named_two_ways_is_one_victim(rx: RulesExtractor) -> None:
    text = (
        "APT77によるチェコ外務省へのサイバー攻撃が非難された。"
        "EUは、チェコ共和国の外務省を標的としたサイバー攻撃を非難した。"
    )
    named = [v for v in rx.extract(text).victims if v.name]
    assert len(named) == 1 and named[0].country == "CZ"


@pytest.mark.parametrize(
    ("text", "not_sector"),
    [
        pytest.param(
            "報道によると、本社など少なくとも国内外の100台超のパソコンに不正に侵入された。",
            "communications",
            id="the-report-that-says-so-is-not-a-target",
        ),
        pytest.param(
            "攻撃者はSecurity Daily読者の事業者を標的にした。",
            "technology",
            id="security-in-latin-text-is-not-it",
        ),
    ],
)
def test_not_a_target_sector(rx: RulesExtractor, text: str, not_sector: str) -> None:
    assert not_sector not in {s for v in rx.extract(text).victims for s in v.sectors}


def test_organization_table_parses() -> None:
    from summarizer.models import SECTORS
    from summarizer.rules.victims import ORGS

    assert ORGS["三菱電機"][0] == "Mitsubishi Electric"
    for en, country, sectors in ORGS.values():
        assert en and (not country or len(country) == 2)
        assert all(s in SECTORS for s in sectors)


def test_country_whose_activities_were_targeted_is_not_the_attacker(rx: RulesExtractor) -> None:
    text = (
        "財務省は、ドイツの活動を狙ったサイバー攻撃に関与した企業を制裁した。"
        "攻撃者は20社のドイツ企業や政府機関を標的に攻撃を実行した。"
    )
    assert "DE" in {v.country for v in rx.extract(text).victims}


@pytest.mark.parametrize(
    ("text", "named"),
    [
        pytest.param(
            "静岡県北浜市の「北浜中央病院」で、予約システムが使えなくなった。"
            "身代金を要求するランサムウェアに感染したとみられる。",
            True,
            id="hospital-where-an-outage-followed-ransomware",
        ),
        pytest.param(
            "静岡県北浜市の「北浜中央病院」で、停電により予約システムが使えなくなった。",
            False,
            id="outage-without-an-attack-is-no-victim",
        ),
    ],
)
def test_site_of_an_attack_outage(rx: RulesExtractor, text: str, named: bool) -> None:
    victims = {v.name_native: v for v in rx.extract(text).victims if v.name_native}
    assert ("北浜中央病院" in victims) is named
    if named:
        assert victims["北浜中央病院"].country == "JP"
        assert victims["北浜中央病院"].sectors == ["healthcare"]


def test_country_before_a_list_names_its_bare_parliament(rx: RulesExtractor) -> None:
    text = "さらに4人は、ドイツの報道機関と議会へのサイバー攻撃も実施した。"
    named = {v.name: v for v in rx.extract(text).victims if v.name}
    assert named["Parliament of Germany"].country == "DE"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        pytest.param(
            "FBI、5億ドルのCorvaneハッキングは北朝鮮の集団によると発表",
            True,
            id="latin-name-hacking",
        ),
        pytest.param(
            "昨年のビットコイン不正流出事件の犯人と特定された。",
            False,
            id="katakana-common-noun-leak-is-not-a-name",
        ),
    ],
)
def test_name_compounded_with_the_attack_noun(rx: RulesExtractor, text: str, named: bool) -> None:
    found = _natives(rx, text)
    assert ("Corvane" in found) is named
    assert "ビットコイン" not in found


@pytest.mark.parametrize(
    ("text", "country"),
    [
        pytest.param(
            "この集団は2016年、任天堂の米子会社への攻撃に関与したとされる。",
            "US",
            id="subsidiary-in-another-country-attacked",
        ),
        pytest.param(
            "我が国においても、先般、APT77が関与した可能性が高いサイバー攻撃について発表した。",
            "JP",
            id="government-statement-about-attacks-on-its-own-country",
        ),
    ],
)
def test_victim_country_stated_indirectly(rx: RulesExtractor, text: str, country: str) -> None:
    assert country in {v.country for v in rx.extract(text).victims}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("ロシアのハッカー集団が、ジョージアの政府機関にサイバー攻撃を行った。", "Georgia"),
        ("北朝鮮のハッカー集団が米国の防衛企業にサイバー攻撃を仕掛けた。", "United States"),
    ],
)
def test_described_targets_spell_their_country_out(text: str, country: str) -> None:
    """The brief shows descriptions as written: a country name, never a bare code like (GE)."""
    from summarizer.rules import RulesExtractor

    descs = [v.description or "" for v in RulesExtractor().extract(text).victims]
    assert any(d.endswith(f"({country})") for d in descs), descs


# -- held-out kinds (issue 9): lists after the cue, more cue words, what is not a name ------------
def _sectors(rx: RulesExtractor, text: str) -> set[str]:
    return {s for v in rx.extract(text).victims for s in v.sectors}


def _countries(rx: RulesExtractor, text: str) -> set[str]:
    return {v.country for v in rx.extract(text).victims if v.country}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "同庁によると、攻撃の対象は総務省や環境省などの政府機関、北嶺技術研究所、シンクタンク、"
            "報道関係者などで、約百件の攻撃を確認した。",
            {"総務省", "環境省", "北嶺技術研究所"},
            id="list-after-kougeki-no-taishou-wa-with-a-nested-list",
        ),
        pytest.param(
            "攻撃を受けたとされるのは青葉県や若松市のほか、北湊鉄道などのサイトで、閲覧しにくくなった。",
            {"青葉県", "若松市", "北湊鉄道"},
            id="list-after-kougeki-wo-uketa-to-sareru-no-wa-with-no-hoka",
        ),
        pytest.param(
            "一連の攻撃では、JAXAのほか、北嶺電機や南港大学など国内の約百の企業が標的になった。",
            {"北嶺電機", "南港大学"},
            id="list-before-ga-hyouteki-ni-natta",
        ),
        pytest.param(
            "2人は、航空や製薬などの企業に加え、米沿岸警備隊の数万人分の個人情報を盗んだ。",
            {"米沿岸警備隊"},
            id="name-before-what-of-it-was-stolen",
        ),
        pytest.param(
            "同集団の攻撃で、米オハイオ州のレイク市水道局などで装置の画面が書き換えられた。",
            {"レイク市水道局"},
            id="site-where-screens-were-defaced",
        ),
        pytest.param(
            "同省によると、総務省は、昨年発覚した同省自体への不正アクセスに関与したとして男を制裁した。",
            {"総務省"},
            id="same-ministry-itself-hacked",
        ),
    ],
)
def test_more_kinds_of_victim_list(rx: RulesExtractor, text: str, expected: set[str]) -> None:
    found = _natives(rx, text)
    assert expected <= found, found
    assert not {"シンクタンク", "政府機関", "報道関係者"} & found


@pytest.mark.parametrize(
    ("text", "not_named"),
    [
        pytest.param(
            "同集団は、中東、アジア、アフリカ、欧州の政府機関や民間企業を標的にしている。",
            {"アジア", "アフリカ", "中東", "欧州"},
            id="regions-are-not-organizations",
        ),
        pytest.param(
            "標的は通信、防衛、地方政府、石油・天然ガスの各分野で、北方の組織への攻撃も確認された。",
            {"天然ガス", "石油・天然ガス"},
            id="a-list-of-fields-is-not-a-list-of-names",
        ),
        pytest.param(
            "同集団は日本や米国の政府機関、産業、メディア、エレクトロニクス、通信の各分野を標的としている。",
            {"エレクトロニクス", "メディア"},
            id="fields-before-kaku-bunya-wo-hyouteki",
        ),
        pytest.param(
            "男はサンフランシスコの連邦地裁で、企業へのハッキングの罪で起訴された。",
            {"シスコ"},
            id="known-katakana-name-inside-a-longer-word",
        ),
    ],
)
def test_what_is_not_a_victim_name(rx: RulesExtractor, text: str, not_named: set[str]) -> None:
    victims = rx.extract(text).victims
    found = {v.name_native for v in victims} | {v.name for v in victims}
    assert not (not_named | {"Cisco"}) & found, found


def test_known_name_that_starts_a_longer_organization(rx: RulesExtractor) -> None:
    text = "システムを運用する三菱電機健康保険組合は、ランサムウェアによる攻撃を受けたと発表した。"
    found = _natives(rx, text)
    assert "三菱電機健康保険組合" in found
    assert "三菱電機" not in found


@pytest.mark.parametrize(
    ("text", "sectors", "countries"),
    [
        pytest.param(
            "標的はソフトウェア開発会社や通信事業者、大学、カナダとチリの政府機関などに及び、"
            "ノルウェーの企業も含まれていた。",
            {"telecommunications", "education"},
            {"CA", "CL", "NO"},
            id="sectors-and-countries-listed-after-hyouteki-wa",
        ),
        pytest.param(
            "同集団が、ニュージーランドの政府機関や民間企業のネットワークを繰り返し狙っている。",
            {"government"},
            {"NZ"},
            id="adverb-between-wo-and-nerau",
        ),
        pytest.param(
            "このランサムウェアでは、米オレゴン州の医療機関も被害を受けた。",
            {"healthcare"},
            {"US"},
            id="mo-higai-wo-uketa",
        ),
        pytest.param(
            "同集団が、米国の通信やエネルギーといった重要インフラのネットワークに潜伏している。",
            {"telecommunications", "energy"},
            {"US"},
            id="lurking-in-networks",
        ),
    ],
)
def test_described_targets_of_more_kinds(
    rx: RulesExtractor, text: str, sectors: set[str], countries: set[str]
) -> None:
    assert sectors <= _sectors(rx, text)
    assert countries <= _countries(rx, text)


def test_known_names_after_hyouteki_niwa_do_not_lend_their_words_as_sectors(
    rx: RulesExtractor,
) -> None:
    text = "標的には、総務省、国土交通省、金融庁の職員が含まれていた。"
    assert "transportation" not in _sectors(rx, text)
    assert {"総務省", "国土交通省"} <= _natives(rx, text)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "同集団は昨年、フィンランド製の制御装置を狙った攻撃を仕掛けた。",
            set(),
            {"FI"},
            id="where-a-product-was-made-is-not-a-victim-country",
        ),
        pytest.param(
            "ノルウェーの情報機関である国家保安局は同日、注意喚起を出した。"
            "同集団はノルウェーの政府機関や大学の研究者を狙っていた。",
            {"NO"},
            set(),
            id="an-intelligence-agency-introduced-by-name-is-the-defenders",
        ),
        pytest.param(
            "2人はロシア連邦保安庁と連携して、日米など十数カ国の企業にサイバー攻撃を仕掛けた。",
            {"JP", "US"},
            {"RU"},
            id="the-partner-of-the-attackers-is-not-a-target",
        ),
    ],
)
def test_which_countries_are_targets(
    rx: RulesExtractor, text: str, present: set[str], absent: set[str]
) -> None:
    found = _countries(rx, text)
    assert present <= found
    assert not absent & found


def test_government_agencies_of_a_country_are_described_not_named(rx: RulesExtractor) -> None:
    victims = rx.extract("同集団はフィンランド政府機関のシステムを破壊した。").victims
    assert not [v for v in victims if v.name and v.name.startswith("Government of")]
    assert any(v.country == "FI" and "government" in v.sectors for v in victims)


def test_same_country_ministry_is_the_ministry_of_the_country_named_before(
    rx: RulesExtractor,
) -> None:
    text = (
        "ポルトガル政府は、同国外務省の通信ネットワークが昨年から外国のハッカー集団の"
        "標的になっていたと発表した。"
    )
    by = {v.name_native: v for v in rx.extract(text).victims if v.name_native}
    assert by["ポルトガル外務省"].country == "PT"


def test_a_quoted_stance_is_not_a_report_of_targets(rx: RulesExtractor) -> None:
    text = "外相は「重要インフラへの攻撃は容認しない」と述べた。"
    assert "infrastructure" not in _sectors(rx, text)


def test_a_prefecture_in_a_victim_list_is_named(rx: RulesExtractor) -> None:
    text = "攻撃を受けたとされるのは静岡県や浜風市のほか、南湊鉄道などのサイトだった。"
    assert {"静岡県", "浜風市"} <= _natives(rx, text)


def test_people_and_departments_whose_mail_was_read_are_not_organizations(
    rx: RulesExtractor,
) -> None:
    text = "集団は同社のシステムに侵入し、経営幹部やセキュリティー、法務部門の従業員の電子メールを盗み見ていた。"
    found = _natives(rx, text)
    assert not {"経営幹部", "セキュリティー", "法務部門"} & found


def test_lurking_for_years_in_networks_is_a_target_cue(rx: RulesExtractor) -> None:
    text = "同集団が、カナダの通信や交通といった重要インフラのネットワークに少なくとも3年前から潜伏している。"
    assert "CA" in _countries(rx, text)
    assert {"telecommunications", "transportation"} <= _sectors(rx, text)


def test_known_government_followed_by_kikan_is_described(rx: RulesExtractor) -> None:
    victims = rx.extract("同集団は2021年、韓国政府機関のシステムを破壊した。").victims
    assert "Government of South Korea" not in {v.name for v in victims}
    assert any(v.country == "KR" for v in victims)


def test_the_agency_that_speaks_is_not_the_accused(rx: RulesExtractor) -> None:
    text = (
        "ノルウェーの情報機関である国家保安局は同日、注意喚起を出した。"
        "同集団はノルウェーの政府機関や大学の研究者を狙っていた。"
    )
    assert "NO" in _countries(rx, text)
    text2 = "北方の情報機関である偵察総局に所属する男は、米国の病院を狙った攻撃に関与した。"
    assert "US" in _countries(rx, text2)


@pytest.mark.parametrize(
    ("text", "native", "country"),
    [
        pytest.param(
            "報告書は、米クレストンのブリッジから約2億ドルが流出した事件を挙げた。",
            "クレストン",
            "US",
            id="owner-of-a-common-thing-it-was-drained-from",
        ),
        pytest.param(
            "米司法省は、バーンズ前大統領の選挙陣営にサイバー攻撃を仕掛けたとして3人を起訴した。",
            "バーンズ前大統領の選挙陣営",
            None,
            id="a-candidates-campaign",
        ),
        pytest.param(
            "ドバイに拠点を置く暗号資産交換業者ゼファリス(Zepharis)から約5億ドル相当の暗号資産が盗まれた。",
            "ゼファリス",
            None,
            id="exchange-named-after-its-kind-stolen-from-with-a-long-amount",
        ),
    ],
)
def test_names_of_more_shapes(
    rx: RulesExtractor, text: str, native: str, country: str | None
) -> None:
    by = {v.name_native: v for v in rx.extract(text).victims if v.name_native}
    assert native in by, by.keys()
    if country:
        assert by[native].country == country


def test_dousha_refers_to_the_quoted_company_named_before(rx: RulesExtractor) -> None:
    text = (
        "犯人はSNSで都内の暗号資産ウォレット開発会社「Quorvix(クオービクス)」の従業員に接触した。"
        "その後、同社のシステムに侵入して取引を改ざんした。"
    )
    assert "Quorvix" in _natives(rx, text)


def test_multiword_katakana_name_with_an_abbreviation_gloss(rx: RulesExtractor) -> None:
    text = "米ノースリッジ・データ・システムズ(NDS)も、同じ集団によってメール環境に侵入されたと報告した。"
    by = {v.name_native: v for v in rx.extract(text).victims if v.name_native}
    assert by["ノースリッジ・データ・システムズ"].country == "US"


def test_the_operator_of_what_was_drained_is_a_victim(rx: RulesExtractor) -> None:
    text = (
        "具体例として、ベトナムのゲーム開発会社カルデラ・ワークスが運営する「ルミナ・チェーン」から"
        "約6億ドルが奪われた事件を挙げた。"
    )
    by = {v.name_native: v for v in rx.extract(text).victims if v.name_native}
    assert by["カルデラ・ワークス"].country == "VN"
    assert "ルミナ・チェーン" in by


def test_analysts_of_a_known_company_report_they_were_not_hit(rx: RulesExtractor) -> None:
    text = "マイクロソフトは、同社のメールに侵入されたと発表した。グーグルの脅威分析グループも同様の攻撃を確認している。"
    names = {v.name for v in rx.extract(text).victims}
    assert "Microsoft" in names
    assert "Google" not in names


def test_servers_passed_through_are_not_the_target(rx: RulesExtractor) -> None:
    text = "攻撃者はカナダのクラウド事業者のサーバーを経由して同社のネットワークに侵入した。"
    assert "CA" not in _countries(rx, text)


def test_the_customer_of_the_company_hit_is_not_a_victim(rx: RulesExtractor) -> None:
    text = "被害を受けた企業には、トヨタ自動車の取引先である部品メーカー「北浜精工」も含まれる。"
    found = _natives(rx, text)
    assert "北浜精工" in found
    assert "トヨタ自動車" not in found


def test_a_name_quoted_after_its_kind_of_company_in_a_list_after_the_cue(
    rx: RulesExtractor,
) -> None:
    text = "被害に遭ったのは、都内の中堅商社「丸浜エレクトロ」と横浜市の私立大学で、個人情報が流出した。"
    assert "丸浜エレクトロ" in _natives(rx, text)
    other = "彼らは22カ国約320の大学のコンピュータシステムをハッキングした。"
    assert not _natives(rx, other)


def test_a_speaking_national_agency_does_not_make_its_country_an_attacker(
    rx: RulesExtractor,
) -> None:
    text = "ノルウェーの国家保安局は、外国のハッカーがノルウェーの防衛関連企業10社以上に侵入したと発表した。"
    assert "NO" in _countries(rx, text)


def test_where_the_damage_concentrates_gives_countries(rx: RulesExtractor) -> None:
    text = "分析によると、被害はベトナムやタイ、フィリピンの政府機関に集中している。"
    assert {"VN", "TH", "PH"} <= _countries(rx, text)


def test_one_kanji_country_opening_a_descriptor(rx: RulesExtractor) -> None:
    text = "米食肉大手Norvexは、ランサムウェアの被害を受けて工場を一時停止した。"
    by = {v.name_native: v for v in rx.extract(text).victims if v.name_native}
    assert by["Norvex"].country == "US"


# -- general kinds (issue 9, second blind set): makers, places, headed lists --------------------
@pytest.mark.parametrize(
    ("text", "maker"),
    [
        pytest.param(
            "攻撃者はグーグルの業務用ソフト製品の脆弱性を悪用し、複数の市役所に侵入した。",
            "グーグル",
            id="maker-of-the-product-whose-flaw-was-exploited",
        ),
        pytest.param(
            "グループはシスコ製のルーターを乗っ取り、各国の政府機関のネットワークに侵入した。",
            "シスコ",
            id="maker-of-the-router-seized",
        ),
        pytest.param(
            "マイクロソフトのExchange Serverを悪用した攻撃で、州政府のメールが盗まれた。",
            "マイクロソフト",
            id="maker-of-a-named-server-product",
        ),
        pytest.param(
            "偽のページはマイクロソフトのクラウドサービスのログイン画面を装って、利用者の認証情報を盗んだ。",
            "マイクロソフト",
            id="the-company-impersonated-is-not-hit",
        ),
    ],
)
def test_the_maker_of_what_was_exploited_is_not_a_victim(
    rx: RulesExtractor, text: str, maker: str
) -> None:
    assert maker not in _natives(rx, text)


def test_a_maker_breached_itself_stays_a_victim(rx: RulesExtractor) -> None:
    text = "マイクロソフトは、同社の社内システムがロシアの集団に侵入されたと発表した。"
    assert "マイクロソフト" in _natives(rx, text)


@pytest.mark.parametrize(
    ("text", "not_named"),
    [
        pytest.param(
            "攻撃の影響で、エクアドル、ハンガリー、ギリシャなどのサイトで障害が起きた。",
            {"ハンガリー", "ギリシャ"},
            id="countries-the-knowledge-base-knows-in-a-list",
        ),
        pytest.param(
            "集団はATMに侵入して現金を引き出した。",
            {"ATM"},
            id="a-machine-is-not-an-organization",
        ),
        pytest.param(
            "一味は、ある県の教育委員会のウェブサイトに侵入し、名簿を盗んだ。",
            {"教育委員会"},
            id="one-of-a-kind-after-aru",
        ),
    ],
)
def test_places_devices_and_unnamed_ones_are_not_names(
    rx: RulesExtractor, text: str, not_named: set[str]
) -> None:
    assert not (not_named & _natives(rx, text))


def test_a_katakana_city_opens_a_kanji_organization_name(rx: RulesExtractor) -> None:
    text = "2019年にはシカゴ地域清算銀行の口座から4000万ドルを盗み出した。"
    found = _natives(rx, text)
    assert "シカゴ地域清算銀行" in found
    assert "地域清算銀行" not in found


def test_numbered_list_under_a_damage_heading(rx: RulesExtractor) -> None:
    text = (
        "被告らは企業の機密を狙った。\n\n被害を受けたのは次の4組織である。\n"
        "１．ブライトモア・インダストリーズ（原子力発電）\n２．ＮＺスチール\n３．ハルダン\n"
        "４．北陸製鋼所\n\nこの事件は大きく報じられた。"
    )
    found = _natives(rx, text)
    assert {"ブライトモア・インダストリーズ", "ＮＺスチール", "ハルダン", "北陸製鋼所"} <= found
    by = {v.name_native: v for v in rx.extract(text).victims if v.name_native}
    assert "nuclear" in by["ブライトモア・インダストリーズ"].sectors


def test_heading_names_the_kind_of_company_hit(rx: RulesExtractor) -> None:
    text = (
        "冬の朝、広い地域で停電が起きた。\n\n■ 被害を受けたガス会社\n1. ヴェストガス・ノルド\n"
        "2. オステルガス\n\n■ 対策\n1. 更新する\n"
    )
    victims = {v.name_native: v for v in rx.extract(text).victims if v.name_native}
    assert {"ヴェストガス・ノルド", "オステルガス"} <= set(victims)
    assert "更新する" not in victims
    assert "energy" in victims["オステルガス"].sectors


def test_bullets_naming_a_company_then_what_happened_to_it(rx: RulesExtractor) -> None:
    text = (
        "造船各社では、ほかにもサイバー攻撃の被害が相次いでいる。\n"
        "・QRX：2019年に設計部門のサーバーが不正アクセスを受けた\n"
        "・東雲造船所：2020年にマルウェア感染が判明\n"
        "・ミナト（測量）：2021年に海外拠点経由で不正アクセス\n"
        "・クレスト社：新製品を発表した\n"
    )
    found = _natives(rx, text)
    assert {"QRX", "東雲造船所", "ミナト"} <= found
    assert "クレスト社" not in found and "クレスト" not in found


def test_bullets_of_names_without_an_attack_before_are_not_victims(rx: RulesExtractor) -> None:
    text = "新たに加盟した企業は次の通り。\n・QRX：設計部門\n・ミナト：測量\n"
    assert not _natives(rx, text)


@pytest.mark.parametrize(
    ("text", "native", "country", "sector"),
    [
        pytest.param(
            "英通信衛星大手ハルモニクスのネットワークが、サイバー攻撃で停止した。",
            "ハルモニクス",
            "GB",
            "telecommunications",
            id="katakana-name-after-a-one-kanji-country-descriptor",
        ),
        pytest.param(
            "タイの大手暗号資産交換所「ビットラーナ」から約2億ドルが盗まれた。",
            "ビットラーナ",
            "TH",
            "financial-services",
            id="country-and-kind-before-a-quoted-name",
        ),
        pytest.param(
            "ニュージーランド政府は声明を出した。同国の生命保険大手カイタハ・ライフへの攻撃に関与したという。"
            "カイタハ・ライフのサーバーに侵入した疑いがある。",
            "カイタハ・ライフ",
            "NZ",
            "insurance",
            id="same-country-before-a-descriptor",
        ),
    ],
)
def test_descriptor_before_a_name_gives_its_country_and_sectors(
    rx: RulesExtractor, text: str, native: str, country: str, sector: str
) -> None:
    by = {v.name_native: v for v in rx.extract(text).victims if v.name_native}
    assert by[native].country == country
    assert sector in by[native].sectors


def test_full_name_and_its_first_part_are_one_victim(rx: RulesExtractor) -> None:
    text = (
        "同国の医療保険大手カイタハ・ライフへのサイバー攻撃が判明した。"
        "犯人はカイタハのネットワークに侵入し、顧客情報を盗んだ。"
    )
    found = _natives(rx, text)
    assert "カイタハ・ライフ" in found
    assert "カイタハ" not in found


def test_short_form_of_a_university_hospital_is_the_same_victim(rx: RulesExtractor) -> None:
    text = "ミドリ大病院へのハッキング。ミドリ大学病院が昨年受けたサイバー攻撃について、警察が発表した。"
    found = _natives(rx, text)
    assert "ミドリ大学病院" in found
    assert "ミドリ大病院" not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "攻撃は数カ月続き、ノーザン信託銀行、シーダー証券取引所、クオリスなどのウェブサイトが"
            "閲覧しにくくなった。",
            {"ノーザン信託銀行", "シーダー証券取引所", "クオリス"},
            id="websites-that-went-down-in-an-attack-sentence",
        ),
        pytest.param(
            "犯人は「ノースゲート浄水センター」の監視システム（HMI）に不正にアクセスした。",
            {"ノースゲート浄水センター"},
            id="quoted-site-whose-glossed-control-system-was-accessed",
        ),
        pytest.param(
            "警察は、ハルナ大学病院が昨年受けたサイバー攻撃について、北朝鮮の集団の犯行と結論づけた。",
            {"ハルナ大学病院"},
            id="the-attack-that-x-suffered",
        ),
        pytest.param(
            "FBIはのちに、狙われた小児病院はミネソタ小児病院だったと明らかにした。",
            {"ミネソタ小児病院"},
            id="the-kind-hit-then-its-name",
        ),
        pytest.param(
            "起訴状は、2015年の米ノヴァテック・スタジオへのサイバー攻撃などを挙げた。",
            {"ノヴァテック・スタジオ"},
            id="year-then-one-kanji-country-then-the-name",
        ),
    ],
)
def test_more_sentence_kinds_naming_victims(
    rx: RulesExtractor, text: str, expected: set[str]
) -> None:
    assert expected <= _natives(rx, text)


def test_a_sentence_without_an_attack_does_not_make_outages_victims(rx: RulesExtractor) -> None:
    text = "メンテナンスのため、ノーザン信託銀行などのウェブサイトが一時使えなくなった。"
    assert not _natives(rx, text)


def test_a_countrys_military_as_the_object_keeps_its_country_a_target(
    rx: RulesExtractor,
) -> None:
    text = "男は北朝鮮の工作員の指示で、タイ軍の指揮統制システムに侵入しようとした。"
    assert "TH" in _countries(rx, text)


def test_what_of_the_target_was_hit_is_no_sector(rx: RulesExtractor) -> None:
    text = "同庁によると、電子メールのシステムが不正アクセスを受け、データが流出した。"
    assert "technology" not in _sectors(rx, text)
    other = "攻撃者はIT企業のネットワークに侵入した。"
    assert "technology" in _sectors(rx, other)


def test_the_accused_before_wo_is_not_the_target(rx: RulesExtractor) -> None:
    text = "検察は、ロシア軍参謀本部に所属する将校3人を、カナダの鉱山会社のコンピューターに侵入したとして起訴した。"
    assert "CA" in _countries(rx, text)
    assert "defense" not in _sectors(rx, text)


@pytest.mark.parametrize(
    ("text", "not_country"),
    [
        pytest.param(
            "一味はイラン政府の依頼を受けて各国の報道機関にサイバー攻撃を仕掛けた。",
            "IR",
            id="on-request-of-a-government",
        ),
        pytest.param(
            "標的となったのは、欧州に住むロシア政府の批判者や、ドイツの研究機関だった。",
            "RU",
            id="critics-of-a-government",
        ),
    ],
)
def test_sponsors_and_critics_are_not_target_countries(
    rx: RulesExtractor, text: str, not_country: str
) -> None:
    assert not_country not in _countries(rx, text)


def test_a_country_only_the_knowledge_base_knows_in_a_target_clause(rx: RulesExtractor) -> None:
    text = "一味はクロアチアの暗号資産交換業者から約3000万ドルを盗んだ。"
    assert "HR" in _countries(rx, text)


def test_targets_of_a_glossed_kind_of_attack(rx: RulesExtractor) -> None:
    text = "被告らはカナダの銀行など20の金融機関に大規模なDoS（サービス妨害）攻撃を仕掛けた。"
    assert "CA" in _countries(rx, text)
    assert "financial-services" in _sectors(rx, text)
    other = "兵器開発の資金源にするためサイバー攻撃を行った。"
    assert not _sectors(rx, other)


def test_a_countrys_parliament_that_suffered_an_attack(rx: RulesExtractor) -> None:
    text = (
        "フィンランド国会（エドゥスクンタ）は10日、ある企業のVPN製品の脆弱性を突いた"
        "大規模なサイバー攻撃を受け、議員のメールが盗まれたと発表した。"
    )
    by = {v.name_native: v for v in rx.extract(text).victims if v.name_native}
    assert by["フィンランド国会"].country == "FI"
    other = (
        "フィンランド国会は10日、議員向けの新しい通信網の整備計画を公表し、その中で"
        "国内の複数の企業が昨年から相次いでサイバー攻撃を受けてきたと説明した。"
    )
    assert "フィンランド国会" not in _natives(rx, other)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "犯人はミシガン州立大学医療センター（Michigan State Medical Center）の研究者や医師の"
            "メールアカウントに侵入したとされる。",
            {"ミシガン州立大学医療センター"},
            id="katakana-and-kanji-name-with-an-english-gloss-whose-staff-mail-was-entered",
        ),
        pytest.param(
            "攻撃者は子会社ノルテリンク（本社スペイン）の管理システムの設定不備を突いて侵入した。",
            {"ノルテリンク"},
            id="subsidiary-whose-management-system-flaw-was-used-to-enter",
        ),
        pytest.param(
            "①\u3000昨年5月、ベルギー・ブリュッセルの海洋汚染防止機関（MPPA）の無線LANへの侵入未遂",
            {"海洋汚染防止機関"},
            id="place-then-a-kanji-name-whose-wireless-lan-was-entered",
        ),
    ],
)
def test_names_with_more_shapes_before_what_of_them_was_entered(
    rx: RulesExtractor, text: str, expected: set[str]
) -> None:
    assert expected <= _natives(rx, text)


def test_a_place_before_a_kanji_name_gives_its_country(rx: RulesExtractor) -> None:
    text = "ベルギー・ブリュッセルの海洋汚染防止機関の無線LANへの侵入が試みられた。"
    by = {v.name_native: v for v in rx.extract(text).victims if v.name_native}
    assert by["海洋汚染防止機関"].country == "BE"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "一味は北欧域内の取引所にサイバー攻撃を仕掛けた。", id="a-bare-kind-after-a-region"
        ),
        pytest.param(
            "一味はスミス陣営の選挙対策本部の関係者のメールアカウントに侵入した。",
            id="a-campaigns-office-is-no-name",
        ),
    ],
)
def test_kinds_after_a_possessor_are_not_names(rx: RulesExtractor, text: str) -> None:
    assert not ({"取引所", "選挙対策本部"} & _natives(rx, text))


def test_a_ministry_named_with_its_country_in_a_list_is_one_victim(rx: RulesExtractor) -> None:
    text = "標的となったのは、ロンドンの人権団体、ペルーの外務省、チリの外務省などだという。"
    victims = [v for v in rx.extract(text).victims if v.name_native]
    names = {v.name for v in victims}
    assert "Ministry of Foreign Affairs of Chile" in names
    assert all(v.name for v in victims)  # no ministry left to a romanized guess


def test_bulleted_thefts_name_where_the_money_was_taken_from(rx: RulesExtractor) -> None:
    text = (
        "同サービスは、次のような暗号資産の窃取で資金の洗浄に使われた。\n"
        "・2021年4月、タイのノヴァ・ラボ社が運営するブロックチェーン「ステラゲート」から約3億ドル\n"
        "・2021年8月、英クレセント社の「ムーン・ブリッジ」から約5000万ドル\n"
        "・2022年1月、人気アプリの利用者から約100万ドル\n"
    )
    by = {v.name_native: v for v in rx.extract(text).victims if v.name_native}
    assert by["ノヴァ・ラボ"].country == "TH"
    assert by["クレセント"].country == "GB"
    assert "ムーン・ブリッジ" not in by  # the owner is named, not its service


def test_bullets_with_amounts_under_a_heading_without_a_theft(rx: RulesExtractor) -> None:
    text = "同社は次の企業から出資を受けた。\n・2021年4月、タイのノヴァ・ラボ社から約3億ドル\n"
    assert not _natives(rx, text)


def test_a_cve_number_glossing_a_flaw_is_not_a_victim(rx: RulesExtractor) -> None:
    text = (
        "2031年2月10日、米司法省は、米保険大手ノースブリッジから約500万人分の個人情報が盗まれた"
        "事件をめぐり、外国の軍人２人を起訴したと発表した。\n\n"
        "【手口】\n"
        "１．ノースブリッジが受付窓口で使っていたオープンソースのウェブ部品「Fooframe（フーフレーム）」"
        "の脆弱性（CVE-2031-12345）を突いて侵入\n"
        "２．約２０台のサーバーを経由して痕跡を隠した\n"
    )
    names = [v.name for v in rx.extract(text).victims]
    assert not [n for n in names if n and n.upper().startswith("CVE-")], names
