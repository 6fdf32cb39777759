"""Romanization of people's names as the English press writes them."""

from __future__ import annotations

import pytest

from summarizer.names import is_person_name_candidate, romanize


@pytest.mark.parametrize(
    ("native", "expected"),
    [
        ("倪高斌", "Ni Gaobin"),
        ("趙光宗", "Zhao Guangzong"),
        ("程鋒", "Cheng Feng"),  # traditional 鋒
        ("熊王", "Xiong Wang"),
        ("翁明", "Weng Ming"),
        ("彭耀文", "Peng Yaowen"),
        ("孫小慧", "Sun Xiaohui"),
        ("徐燕軍", "Xu Yanjun"),  # Japanese form 軍
        ("江沢民", "Jiang Zemin"),  # shinjitai 沢
        ("単雄", "Shan Xiong"),  # surname reading differs from the character's usual one
        ("曽慶紅", "Zeng Qinghong"),
        ("解明", "Xie Ming"),
        ("仇偉", "Qiu Wei"),
        ("区志強", "Ou Zhiqiang"),
        ("欧陽明", "Ouyang Ming"),  # compound surnames
        ("諸葛亮", "Zhuge Liang"),
        ("司馬遷", "Sima Qian"),
        ("上官雲", "Shangguan Yun"),
        ("倪高斌(38)", "Ni Gaobin"),
    ],
)
def test_chinese_names(native: str, expected: str) -> None:
    assert romanize(native) == (expected, False)


@pytest.mark.parametrize(
    ("native", "expected"),
    [("ドミトリー・ホロシェフ", "Dmitry Khoroshev"), ("マキシム・ヤクベツ", "Maksim Yakubets")],
)
def test_katakana_names_from_table(native: str, expected: str) -> None:
    assert romanize(native)[0] == expected


def test_unknown_katakana_name_is_hepburn_and_uncertain() -> None:
    name, uncertain = romanize("ドミトリ・ホロシェフスキー")
    assert name.startswith("Dmitry Horoshefusuki")
    assert uncertain


@pytest.mark.parametrize(
    ("native", "surname"),
    [
        ("キム・ジョンウン", "Kim"),
        ("パク・ジンヒョク", "Park"),
        ("김정은", "Kim"),
        ("박진혁", "Park"),
    ],
)
def test_korean_names_are_uncertain(native: str, surname: str) -> None:
    name, uncertain = romanize(native)
    assert name.split()[0] == surname
    assert uncertain


@pytest.mark.parametrize("native", ["田中太郎", "佐藤", "さとう花子"])
def test_japanese_names_are_kept_and_uncertain(native: str) -> None:
    assert romanize(native) == (native, True)


def test_latin_is_kept() -> None:
    assert romanize("Ni Gaobin") == ("Ni Gaobin", False)


@pytest.mark.parametrize(
    ("s", "ok"),
    [
        ("倪高斌", True),
        ("程鋒", True),
        ("ドミトリー・ホロシェフ", True),
        ("国家安全部", False),
        ("司法省", False),
        ("武漢小瑞志科技有限公司", False),
        ("ハッカー集団", False),
        ("Ni Gaobin", True),
    ],
)
def test_person_name_candidate(s: str, ok: bool) -> None:
    assert is_person_name_candidate(s) is ok


@pytest.mark.parametrize(
    ("native", "english"),
    [
        ("武漢小瑞志科技有限公司", "Wuhan Xiaoruizhi Science and Technology Co., Ltd."),
        ("北京永信至誠科技股份有限公司", "Beijing Yongxinzhicheng Technology Co., Ltd."),
        ("海南仙盾公司", "Hainan Xiandun Company"),
        ("三菱電機", None),  # not a Chinese company name
        ("ABC有限公司", None),
    ],
)
def test_chinese_company_names(native: str, english: str | None) -> None:
    from summarizer.names import romanize_organization

    assert romanize_organization(native) == english
