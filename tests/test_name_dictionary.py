"""The EDRDG tables (JMnedict names, JMdict loanwords; scripts/build_katakana_names.py): katakana
company names and loanwords rendered in English, foreign name parts for read-backs. Synthetic
company names (invented combinations of real loanwords)."""

from __future__ import annotations

import pytest

from summarizer.names import lexicon, render_organization, romanize

# invented company names made of real loanwords and brand words: each part from the dictionary
COMPANIES = [
    ("ファイアウォール・テクノロジーズ", "Firewall Technologies"),
    ("パシフィック・エナジー", "Pacific Energy"),
    ("ノキア・クラウド", "Nokia Cloud"),
    ("ガーディアン・ファイアウォール株式会社", "Guardian Firewall Co., Ltd."),
    ("エメラルド・アナリティクス", "Emerald Analytics"),
    ("ミネソタ・ロジスティクス", "Minnesota Logistics"),  # a foreign place name
    ("ハリファックス銀行", "Halifax Bank"),
]


def test_a_place_spelled_several_ways_or_as_romaji_is_a_guess() -> None:
    assert render_organization("オークランド・ヘルスケア") == ("Auckland Healthcare", True)
    assert render_organization("ヤマダ・ロジスティクス") == ("Yamada Logistics", True)


@pytest.mark.parametrize(("native", "english"), COMPANIES)
def test_company_names_of_dictionary_words_render_without_guessing(
    native: str, english: str
) -> None:
    assert render_organization(native) == (english, False)


def test_a_run_of_dictionary_words_is_split_and_marked_a_guess() -> None:
    # where one word ends is a guess: a brand may be one word
    assert render_organization("エメラルドファイアウォール") == ("Emerald Firewall", True)


def test_a_word_repeated_by_the_next_part_is_written_once() -> None:
    name, _ = render_organization("ユニコーンシステムズ・システムズ") or ("", False)
    assert name == "Unicorn Systems"


def test_a_foreign_name_in_a_company_name_is_a_guess_and_unknown_words_fall_back() -> None:
    name, guessed = render_organization("マリオット・インターナショナル") or ("", False)
    assert name.endswith(" International") and name.startswith("Mari") and guessed
    # not in the dictionaries: read back and marked a guess, as before
    assert render_organization("ゾルバクス・ネットワークス") == ("Zorubakus Networks", True)


def test_western_name_parts_come_from_the_dictionary() -> None:
    assert romanize("ジャン・デジャルダン") == ("Jean Desjardins", False)


def test_dictionary_spelling_only_where_katakana_hides_the_letters() -> None:
    assert lexicon.same_sound("Khamenei", "Hamenei")
    assert lexicon.same_sound("Shah", "Sha")
    assert not lexicon.same_sound("Kassian", "Kashian")
    assert not lexicon.same_sound("Beland", "Beran")


def test_the_name_table_holds_single_parts_never_a_full_name() -> None:
    idx = lexicon.index(lexicon.NAMES)
    assert all(" " not in v for v in idx.values())
    assert "レオナルドディカプリオ" not in idx  # a JMnedict "person" entry of two words
    assert "マイケル" in idx


def test_the_tables_load_only_when_a_katakana_word_needs_them() -> None:
    from tests.test_name_tables import _run

    out = _run(
        "from summarizer.names import lexicon, romanize, render_organization; "
        "romanize('パク・ジンヒョク', 'KP'); render_organization('ネットワークテクノロジー株式会社'); "
        "print(lexicon.index.cache_info().currsize); "
        "render_organization('ファイアウォール・テクノロジーズ'); "
        "print(lexicon.index.cache_info().currsize)"
    )
    assert out.split("\n") == ["0", "1"]
