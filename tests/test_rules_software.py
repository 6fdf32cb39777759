"""Malware and tools found by the offline engine, one kind of sentence per row (synthetic
sentences; invented malware names except well-known knowledge-base entries)."""

from __future__ import annotations

import pytest

from summarizer.knowledge import KnowledgeBase
from summarizer.rules.engine import RulesExtractor


@pytest.fixture(scope="module")
def rx() -> RulesExtractor:
    return RulesExtractor(KnowledgeBase.load())


def _names(rx: RulesExtractor, text: str) -> set[str]:
    out: set[str] = set()
    for m in rx.extract(text).malware:
        out |= {m.name, *m.aliases}
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "攻撃者はバックドア型マルウェア「Quillfox」を配布していた。",
            "Quillfox",
            id="malware-quoted-after-its-kind",
        ),
        pytest.param(
            "研究者は「Brambleworm」と呼ばれるローダーを確認した。",
            "Brambleworm",
            id="quoted-name-called-a-loader",
        ),
        pytest.param(
            "使われたツール:\n- Tarnhook(別名:Mire RAT):遠隔操作型マルウェア\n- Gloamkit:ルートキット\n",
            "Tarnhook",
            id="bulleted-list-of-names-and-kinds",
        ),
        pytest.param(
            "同グループはVelkor RATを使って端末を遠隔操作した。",
            "Velkor RAT",
            id="latin-name-ending-in-rat",
        ),
        pytest.param(
            "犯人は「Quillfox、Tarnhook、Gloamkit/Gloamcatなどの独自のマルウェア」を使った。",
            "Gloamkit",
            id="latin-names-listed-before-nado-no-malware",
        ),
        pytest.param(
            "ランサムウェア「ワナクライ」による攻撃で多数の端末が被害を受けた。",
            "WannaCry",
            id="known-malware-named-in-katakana",
        ),
    ],
)
def test_malware_named(rx: RulesExtractor, text: str, expected: str) -> None:
    assert expected in _names(rx, text)


def test_slash_joined_names_are_one_program(rx: RulesExtractor) -> None:
    text = "犯人はQuillfox、Gloamkit/Gloamcatなどのマルウェアを使った。"
    sw = next(m for m in rx.extract(text).malware if m.name == "Gloamkit")
    assert sw.aliases == ["Gloamcat"]


def test_bullet_alias_is_kept(rx: RulesExtractor) -> None:
    text = "- Tarnhook(別名:Mire RAT):遠隔操作型マルウェア\n"
    sw = next(m for m in rx.extract(text).malware if m.name == "Tarnhook")
    assert "Mire RAT" in sw.aliases


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "被害に遭った企業には、通信大手AT&Tなどが含まれ、マルウェアによる攻撃だった。",
            id="carrier-att-is-not-the-tool-at",
        ),
        pytest.param(
            "報告書はOperation Harpyと呼ばれるサイバー攻撃作戦を分析した。",
            id="second-word-of-a-group-name-is-not-an-alias",
        ),
        pytest.param(
            "- ロシア:ロシア軍が開発したランサムウェアによる攻撃。\n",
            id="country-bullet-is-not-malware",
        ),
        pytest.param(
            "病院がランサムウェア「ランサムウェア」の被害を受けた。",
            id="kind-word-in-quotes-is-not-a-name",
        ),
    ],
)
def test_not_malware(rx: RulesExtractor, text: str) -> None:
    names = _names(rx, text)
    assert "at" not in names and "GRIFFON" not in names and "ロシア" not in names
    assert "ランサムウェア" not in names
