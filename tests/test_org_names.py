"""English renderings of organization names written in Japanese (summarizer.names.orgs) and
their use in normalize: synthetic, invented names only."""

from __future__ import annotations

import pytest

from summarizer.models import Evidence, Findings, Party, Sanction, Victim
from summarizer.names import render_organization
from summarizer.names.orgs import _tagger, is_chinese
from summarizer.normalize import normalize

needs_reader = pytest.mark.skipif(_tagger() is None, reason="fugashi + unidic-lite not installed")

# names whose every part is in the tables: no reading needed, not a guess
TABLE_ONLY = [
    ("ネットワークテクノロジー株式会社", "Network Technology Co., Ltd."),
    ("株式会社グローバルシステムズ", "Global Systems Co., Ltd."),
    ("有限会社データソリューションズ", "Data Solutions Co., Ltd."),
    ("国際貿易管理局", "International Trade Administration"),
    ("五輪組織委員会", "Olympic Organizing Committee"),
    ("感染症研究所", "Infectious Diseases Institute"),
    ("国立研究開発法人宇宙航空研究開発機構", "Aerospace Research and Development Agency"),
    ("デジタル安全保障省", "Ministry of Digital Security"),
    ("米海軍", "US Navy"),
    ("独航空安全局", "German Aviation Safety Bureau"),
    ("ニューヨーク州議会", "New York State Legislature"),
    ("アメリカンエクスプレス", "American Express"),
    ("東京証券取引所", "Tokyo Stock Exchange"),
    ("日本サイバーセキュリティ協会", "Japan Cyber Security Association"),
    ("国際メディカルセンター", "International Medical Center"),
]


@pytest.mark.parametrize(("native", "english"), TABLE_ONLY)
def test_table_words_render_without_guessing(native: str, english: str) -> None:
    assert render_organization(native) == (english, False)


# names with an invented place or proper name in kanji or katakana: read back, a guess
READ_BACK = [
    ("春日井市民病院", "Kasugai City Hospital"),
    ("春日井リハビリテーション病院", "Kasugai Rehabilitation Hospital"),
    ("ヤマダネットワークテクノロジー株式会社", "Yamada Network Technology Co., Ltd."),
    ("株式会社ヤマダシステムズ", "Yamada Systems Co., Ltd."),
    ("那覇市", "Naha City"),
    ("品川医療センター", "Shinagawa Medical Center"),
    ("鹿島建設", "Kashima Construction"),
    ("高知県立大学", "Kochi Prefectural University"),
    ("刈谷信用金庫", "Kariya Shinkin Bank"),
    ("みずほ銀行", "Mizuho Bank"),
]


@needs_reader
@pytest.mark.parametrize(("native", "english"), READ_BACK)
def test_proper_names_are_read_and_marked_a_guess(native: str, english: str) -> None:
    assert render_organization(native) == (english, True)


@pytest.mark.parametrize(
    ("native", "english"),
    [
        (
            "四川聚心和ネットワークテクノロジー株式会社",
            "Sichuan Juxinhe Network Technology Co., Ltd.",
        ),
        ("武漢小瑞志科技有限公司", "Wuhan Xiaoruizhi Science and Technology Co., Ltd."),
        ("永信至誠科技集団", "Yongxinzhicheng Technology Group"),
    ],
)
def test_chinese_shaped_names_read_in_pinyin(native: str, english: str) -> None:
    assert render_organization(native) == (english, False)


def test_stated_origin_decides_chinese_or_japanese() -> None:
    assert is_chinese("小瑞志科技有限公司")
    assert is_chinese("四川ネットワーク株式会社")
    assert not is_chinese("春日井市民病院")
    assert not is_chinese("四川ネットワーク株式会社", "JP")
    assert is_chinese("春日井病院", "CN")
    # Chinese origin: kanji in pinyin, not a Japanese reading
    name, _ = render_organization("春日井病院", "CN") or ("", True)
    assert name == "Chunrijing Hospital"


def test_an_end_word_inside_a_name_is_not_translated() -> None:
    # 市 is "City" only at the end or before another listed word, not inside a name
    r = render_organization("市川病院")
    assert r is not None and "City" not in r[0] and r[0].endswith("Hospital")


def test_unrenderable_or_latin_names_give_none() -> None:
    assert render_organization("Example Corp") is None
    assert render_organization("") is None
    assert render_organization("病院\u0e01") is None  # a Thai letter has no reading


def _ev() -> list[Evidence]:
    return [Evidence(quote="x", start=0, end=1)]


def test_normalize_renders_targets_and_victims_keeping_the_original() -> None:
    f = Findings(
        sanctions=[
            Sanction(
                imposed_by=["US"],
                targets=[Party(name="ネットワークテクノロジー株式会社", kind="organization")],
                evidence=_ev(),
            )
        ],
        victims=[
            Victim(name="五輪組織委員会", evidence=_ev()),
            Victim(
                name=None,
                name_native="国際メディカルセンター",
                description="organization named 国際メディカルセンター",
                evidence=_ev(),
            ),
        ],
    )
    out = normalize(f)
    t = out.sanctions[0].targets[0]
    assert (t.name, t.name_native) == (
        "Network Technology Co., Ltd.",
        "ネットワークテクノロジー株式会社",
    )
    named = {v.name_native: v for v in out.victims}
    assert named["五輪組織委員会"].name == "Olympic Organizing Committee"
    described = named["国際メディカルセンター"]
    assert described.name == "International Medical Center"
    assert described.description == (
        "organization named International Medical Center "
        "(English rendering of 国際メディカルセンター)"
    )


@needs_reader
def test_normalize_marks_a_read_back_target_uncertain() -> None:
    f = Findings(
        sanctions=[
            Sanction(
                imposed_by=["JP"],
                targets=[Party(name="株式会社ヤマダシステムズ", kind="organization")],
                evidence=_ev(),
            )
        ]
    )
    t = normalize(f).sanctions[0].targets[0]
    assert (t.name, t.name_uncertain) == ("Yamada Systems Co., Ltd.", True)


def test_a_latin_victim_name_is_left_alone() -> None:
    f = Findings(victims=[Victim(name="Example Hospital", name_native="例病院", evidence=_ev())])
    assert normalize(f).victims[0].name == "Example Hospital"
