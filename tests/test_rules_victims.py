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
            "実際、Corvane、Telnexa Networks、Skylark Mobileなど、米国の主要通信事業者が被害を受けている。",
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
    text = "Corvane、Telnexa Networksなど、米国の主要通信事業者が被害を受けている。"
    by = {v.name_native: v for v in rx.extract(text).victims}
    assert by["Corvane"].country == "US"
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
            "米財務省、米国事業へのサイバー攻撃に関与した企業に制裁",
            id="headline-speaker-before-a-comma-is-not-a-victim",
        ),
        pytest.param(
            "民主党関係者の電子メールやコンピューターネットワークをハッキングした。",
            id="common-katakana-nouns-are-not-names",
        ),
        pytest.param(
            "北朝鮮当局によるサイバー攻撃に関与したとして制裁した。",
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
            "将校らは東芝傘下のグレンフォード・ケミカルなどから機密を盗んだ。",
            "東芝",
            id="parent-company-before-sanka-no",
        ),
        pytest.param(
            "朝日新聞など日本メディアの報道によると、ハッカーは交換業者から暗号資産を窃取した。",
            "朝日新聞",
            id="news-outlet-cited-as-a-source",
        ),
        pytest.param(
            "NTTセキュリティ・ジャパンは、攻撃者が日本の組織を標的にしていると報告した。",
            "NTT",
            id="known-name-inside-a-longer-name",
        ),
        pytest.param(
            "財務省高官は声明で、北朝鮮の集団が金融機関を攻撃したと述べた。",
            "財務省",
            id="official-of-a-ministry-who-speaks",
        ),
        pytest.param(
            "米司法省は、イラン政府やイラン革命防衛隊と関係のあるハッカー7人が米国の銀行を攻撃したとして起訴した。",
            "イラン政府",
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
            "APT77は米国のほかドイツ、オランダなどで情報窃取していたとみられる。",
            set(),
            {"US", "DE", "NL"},
            id="countries-listed-before-nado-de-information-theft",
        ),
        pytest.param(
            "被害地域(2022年以降):\n- ケニア\n- オランダ\n標的となった業種:\n- 化学\n- 運輸\n",
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
            "同社はイラン政府に代わって学術データや資格情報を盗むための攻撃を調整してきた。",
            "IR",
            id="on-whose-behalf-data-was-stolen",
        ),
        pytest.param(
            "ウクライナ戦争に対する日本の立場を理由に、広範囲に渡るサイバー攻撃が行われた。",
            "UA",
            id="the-reason-for-an-attack-is-not-its-target",
        ),
        pytest.param(
            "米「日米韓・オーストラリア、北朝鮮の衛星発射に対して制裁」…ハッキング組織を含む",
            "AU",
            id="a-sanction-in-response-is-not-an-attack",
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
            "中国の攻撃はあらゆる業種を対象としているが、特に注目されているのは、政府や防衛、通信などの分野だ。",
            {"government", "defense", "telecommunications"},
            id="fields-named-after-tokuni-chumoku-sareteiru-nowa",
        ),
        pytest.param(
            "3人は米国の政府当局者、メディア、非政府機関などを標的にハッキングを仕掛けた。",
            {"government", "communications", "non-profit"},
            id="ngo-as-a-target-kind",
        ),
        pytest.param(
            "台湾の著名な学者のほか、各国の政府高官なども標的となっている。",
            {"education", "government"},
            id="scholars-and-officials-mo-hyoteki-to-natte-iru",
        ),
        pytest.param(
            "攻撃は広範囲に及び、影響を受けた組織の半数近くが政府機関で、それ以外も多岐にわたる。",
            {"government"},
            id="share-of-affected-organizations-that-are-government",
        ),
        pytest.param(
            "北朝鮮のハッカーは世界各地の銀行や企業から計10億ドル超を盗んだ。",
            {"financial-services"},
            id="banks-stolen-from",
        ),
    ],
)
def test_target_sectors(rx: RulesExtractor, text: str, sectors: set[str]) -> None:
    assert sectors <= {s for v in rx.extract(text).victims for s in v.sectors}


def test_technology_of_a_sector_is_that_sector(rx: RulesExtractor) -> None:
    f = rx.extract("米司法省は、航空宇宙技術を狙う中国の情報部員を起訴した。")
    found = {s for v in f.victims for s in v.sectors}
    assert "aerospace" in found and "technology" not in found


def test_targets_listed_after_hyoteki_wa(rx: RulesExtractor) -> None:
    text = "司法省によれば、ハッキングの標的は山田陣営や北方選挙委員会、Corvaneで、情報を公開する意図があった。"
    assert {"山田陣営", "北方選挙委員会", "Corvane"} <= _natives(rx, text)


def test_same_ministry_refers_back_to_the_named_one(rx: RulesExtractor) -> None:
    text = "米財務省は先週、中国のハッカー集団が同省のコンピューターに侵入し、データを盗んだと発表した。"
    names = {v.name for v in rx.extract(text).victims}
    assert "Department of the Treasury" in names


def test_bulleted_list_announced_as_the_organizations_attacked(rx: RulesExtractor) -> None:
    text = (
        "3人はそれぞれ以下の企業に対してハッキングを行なった。\n\n"
        "  • Li Wen…Corvane\n  • Zhao Min…Telnexa Analytics\n"
    )
    found = _natives(rx, text)
    assert {"Corvane", "Telnexa Analytics"} <= found
    assert "Li Wen" not in found


def test_quoted_portals_listed_before_their_websites_outage(rx: RulesExtractor) -> None:
    text = (
        "9月に、行政ポータル「e-RES」(北方庁)、税務ポータル「eKOBO」(南方税務機構)、"
        "交流サービス「kumo」のウェブサイトで、DDoS攻撃による閲覧障害が発生した。"
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
            "Computer Security 米財務省、米国事業へのサイバー攻撃に関与した企業に制裁",
            "technology",
            id="security-in-latin-text-is-not-it",
        ),
    ],
)
def test_not_a_target_sector(rx: RulesExtractor, text: str, not_sector: str) -> None:
    assert not_sector not in {s for v in rx.extract(text).victims for s in v.sectors}
