"""Fast paths of the offline engine give the same answers as the slow ones they skip."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from summarizer.rules.software import find_iocs


def test_iocs_keep_offsets_of_fullwidth_text() -> None:
    text = "通信先は hxxp://evil[.]example.xyz/a と全角のＩＰ：１０．０．０．１ 。"
    found = {(i.type, i.value, i.evidence[0].quote) for i in find_iocs(text)}
    assert ("ipv4", "10.0.0.1", "１０．０．０．１") in found
    for i in find_iocs(text):
        e = i.evidence[0]
        assert text[e.start : e.end] == e.quote


def test_an_article_citing_only_a_government_link_does_not_load_ioc_finder() -> None:
    probe = (
        "import sys\nfrom summarizer.rules.software import find_iocs\n"
        "assert find_iocs('発表資料：https://www.npa.go.jp/news/release.html を参照。') == []\n"
        "assert 'ioc_finder' not in sys.modules\n"
        "assert [i.value for i in find_iocs('連絡先 a@b.go.jp')] == ['a@b.go.jp']\n"
        "assert 'ioc_finder' in sys.modules\n"
    )
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize(
    ("text", "folded", "index"),
    [
        ("ヴァイオレット・タイフーン", "バイオレットタイフン", [0, 2, 3, 4, 5, 6, 8, 9, 10, 12]),
        ("エイイ", "エイ", [0, 2]),  # the second イ stays
        ("ケイコウ", "ケコ", [0, 2]),  # long vowels written イ/ウ
        ("ヴェイ", "ベ", [0]),  # ヴェ -> ベ, then its long イ
        ("ＡＰＴ３１ 攻撃", "apt31攻撃", [0, 1, 2, 3, 4, 6, 7]),  # width, case, spaces
        ("㍻", "平成", [0, 0]),  # one character folding to two
        ("", "", []),
    ],
)
def test_match_fold_table(text: str, folded: str, index: list[int]) -> None:
    from summarizer.knowledge import match_fold

    assert match_fold(text) == (folded, index)


@pytest.mark.parametrize(
    ("text", "kana", "folded", "index"),
    [
        ("Ａ…Ｂ", False, "a...b", [0, 1, 1, 1, 2]),  # one character folding to three
        ("ロッ ク・ビット", True, "ロックビット", [0, 1, 3, 5, 6, 7]),  # spaces and ・ dropped
        ("㈱ＡＢＣ　㍻", False, "(株)abc平成", [0, 0, 0, 1, 2, 3, 5, 5]),
    ],
)
def test_fold_table(text: str, kana: bool, folded: str, index: list[int]) -> None:
    from summarizer.textfold import fold

    f = fold(text, kana=kana)
    assert (f.text, list(f.index)) == (folded, index)


@pytest.mark.parametrize(
    "text",
    [
        "クレジットカード大手JCBが不正アクセスを受けた。",  # the gate holds: the pattern runs
        "国内の大手企業が攻撃を受けた。",  # no Latin name after the word: gated out
        "",
    ],
)
def test_gated_pattern_finds_what_the_plain_pattern_finds(text: str) -> None:
    from summarizer.rules.led import Gated

    word = r"(?:大手|企業|会社)"
    pattern = rf"([^\s、。]{{0,12}}?){word}\s*([A-Z][A-Za-z0-9]{{1,30}})"
    gated = Gated(pattern, rf"{word}\s*[A-Z]")
    assert [m.span() for m in gated.finditer(text)] == [
        m.span() for m in re.finditer(pattern, text)
    ]
    a, b = gated.search(text), re.search(pattern, text)
    assert (a and a.groups()) == (b and b.groups())


def test_schema_id_read_from_schemas_equals_the_models() -> None:
    """Provenance's schema_id comes from the exported files (fast); it must be the models' own."""
    from summarizer import resources

    assert resources.schema_id() == resources.schema_id_from_models()


def test_the_rules_path_and_help_import_no_heavy_module() -> None:
    probe = (
        "import sys\n"
        "from summarizer.config import load_settings\n"
        "from summarizer.ingest import decode\n"
        "from summarizer.pipeline import summarize_document\n"
        "doc = decode('米司法省は中国のハッカー集団APT31のメンバーを起訴した。'.encode(), path=None)\n"
        "summarize_document(doc, load_settings(engine='rules', env={}))\n"
        "heavy = {'openai', 'instructor', 'stix2', 'pymisp', 'rich', 'asyncio', 'ioc_finder'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"
    probe = (
        "import sys\nfrom summarizer.cli import main\n"
        "sys.argv = ['summarizer', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted({'rich', 'pydantic', 'openai'} & set(sys.modules)))\n"
    )
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("which", ["fold", "fold-kana", "nfkc"])
def test_characters_the_run_translations_skip_map_to_themselves(which: str) -> None:
    """fold() and find_iocs translate only the runs their pattern captures: every character
    outside those runs must map to itself."""
    import unicodedata

    from summarizer.rules.software import _NFKC_OTHER
    from summarizer.textfold import _OTHER_RE, _fold_char

    pattern, fn = {
        "fold": (_OTHER_RE[False], lambda c: _fold_char(c, False)),
        "fold-kana": (_OTHER_RE[True], lambda c: _fold_char(c, True)),
        "nfkc": (_NFKC_OTHER, lambda c: unicodedata.normalize("NFKC", c)),
    }[which]
    for code in range(0x20000):
        ch = chr(code)
        if not pattern.match(ch):
            assert fn(ch) == ch, hex(code)


@pytest.mark.parametrize("kana", [False, True])
def test_fast_fold_equals_the_per_character_fold(kana: bool) -> None:
    """fold() without ``extra`` takes the fast path; with an identity ``extra`` the slow one."""
    from summarizer.textfold import fold

    text = "ＡＰＴ４１は 2024年に「ロック・ビット」を使い、㈱テスト社（Ｔｏｋｙｏ）を攻撃。\nCVE-2024-1 ｶﾀｶﾅ"
    fast = fold(text, kana=kana)
    slow = fold(text, kana=kana, extra=lambda s: s)
    assert (fast.text, fast.index) == (slow.text, slow.index)


@pytest.mark.parametrize(
    "text",
    ["ヴァイオレット・タイフーン", "エイイ", "ケイコウ", "ヴェイ", "ＡＰＴ３１ 攻撃", "㍻ ㈱", ""],
)
def test_match_key_is_the_folded_text_of_match_fold(text: str) -> None:
    from summarizer.knowledge import match_fold, match_key

    assert match_key(text) == match_fold(text)[0]


def test_katakana_set_equals_the_katakana_test() -> None:
    from summarizer.knowledge import _KATAKANA, _is_katakana

    assert {chr(c) for c in range(0x10000) if _is_katakana(chr(c))} == _KATAKANA


def test_model_copy_equals_pydantics_own() -> None:
    from pydantic import BaseModel

    from summarizer.models import Evidence, ThreatActor

    a = ThreatActor(
        name="Example Panda", aliases=["EP"], evidence=[Evidence(quote="q", start=0, end=1)]
    )
    for update in (None, {"country": "US", "aliases": []}):
        ours, theirs = a.model_copy(update=update), BaseModel.model_copy(a, update=update)
        assert ours is not a and ours.__dict__ is not a.__dict__
        assert ours == theirs
        assert ours.model_fields_set == theirs.model_fields_set
        assert ours.model_dump_json() == theirs.model_dump_json()
    assert a.country is None  # the original is untouched


@pytest.mark.parametrize(
    "text",
    [
        "米国とアメリカ合衆国、中国、中華人民共和国の政府",
        "ロシア連邦とロシア、チェコ共和国",
        "国名なし",
        "",
    ],
)
def test_trie_alternation_matches_what_the_plain_alternation_matches(text: str) -> None:
    from summarizer.rules import lexicon as lex
    from summarizer.rules.reading import alternation, trie_alternation

    words = [*lex.COUNTRIES, "アメ", "アメリカ合"]
    for tail in ("", "(?:政府|の)", "(?:連邦政府)"):
        plain = re.compile(f"({alternation(words)}){tail}")
        trie = re.compile(f"({trie_alternation(words)}){tail}")
        assert [(m.span(), m.groups()) for m in trie.finditer(text)] == [
            (m.span(), m.groups()) for m in plain.finditer(text)
        ]


def test_sentence_strip_characters_are_what_strip_skips() -> None:
    from summarizer.chunking import _SPACE, _STRIP_CHARS

    spaces = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert set(_STRIP_CHARS) == spaces | _SPACE


@pytest.mark.parametrize(
    "text", ["　米司法省は発表した。 \n\n 次の文。\u200b\n", "  \n", "一文だけ", "", "A. B。\r\nC"]
)
def test_sentence_texts_equal_the_character_loop(text: str) -> None:
    from summarizer.chunking import _breaks, _strip, sentence_texts, sentences

    expected, start = [], 0
    for b in [*_breaks(text), len(text)]:
        s, e = _strip(text, start, b)
        if s < e:
            expected.append((s, e, text[s:e]))
        start = b
    assert sentence_texts(text) == expected
    assert [(sp.start, sp.end) for sp in sentences(text)] == [(s, e) for s, e, _ in expected]


@pytest.mark.parametrize(
    "text",
    [
        "米国の発表。" + "あ" * 200 + "北朝鮮のハッカー集団が攻撃し、ロシア軍の部隊も関与した。",
        "イラン政府系ハッカーとされる。中国人ハッカー。",
        "ハッカーは不明。",
        "国名もない文。",
    ],
)
def test_accused_states_scan_from_the_first_noun_finds_what_a_full_scan_finds(text: str) -> None:
    from summarizer.rules import lexicon as lex
    from summarizer.rules.reading import _ACCUSED_RE, Ctx

    full = {
        lex.COUNTRIES.get(m.group(1)) or lex.COUNTRY_PREFIX[m.group(1)]
        for m in _ACCUSED_RE.finditer(text)
    }
    assert Ctx(text, []).accused_states() == full


def test_context_gated_names_need_cyber_context_within_the_window() -> None:
    from summarizer.knowledge import CTX_WINDOW, F_CTX, KnowledgeBase

    kb = KnowledgeBase.load()
    # a name scanned only with cyber context nearby (F_CTX), and one word of context
    key = next(
        k
        for k, _kind, _t, flags, _e in kb._data["patterns"]
        if flags == F_CTX and k.isascii() and k.isalpha()
    )
    far = "攻撃" + "。" * (CTX_WINDOW + 50) + f" {key} " + "。" * (CTX_WINDOW + 50) + "攻撃"
    near = "。" * (CTX_WINDOW + 50) + f"攻撃 {key} "
    assert not [h for h in kb.scan(far) if h.start == far.index(key)]
    assert [h for h in kb.scan(near) if h.start == near.index(key)]


def test_extract_without_brief_finds_the_same_entities() -> None:
    from summarizer.rules import RulesExtractor

    text = "米司法省は、中国のハッカー集団APT31のメンバー7人を起訴したと発表した。"
    full, lean = RulesExtractor().extract(text), RulesExtractor(brief=False).extract(text)
    assert full.headline and lean.headline is None and lean.summary is None
    assert lean.model_dump(exclude={"headline", "summary"}) == full.model_dump(
        exclude={"headline", "summary"}
    )


def test_sentence_bounds_equal_the_character_loop() -> None:
    from summarizer.dates import _TERMINATORS, _sentence_bounds

    def slow(text: str, start: int, end: int) -> tuple[int, int]:
        lo = start
        while lo > 0 and text[lo - 1] not in _TERMINATORS:
            lo -= 1
        hi = end
        if not (end > start and text[end - 1] in _TERMINATORS):
            while hi < len(text) and text[hi] not in _TERMINATORS:
                hi += 1
            if hi < len(text) and text[hi] != "\n":
                hi += 1
        return lo, hi

    text = "米司法省は25日、起訴した！次は？\n同日、制裁を科した。最後"
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert _sentence_bounds(text, start, end) == slow(text, start, end), (start, end)


def test_action_dates_without_indictments_or_sanctions_leave_findings_as_they_are() -> None:
    from summarizer.dates import fill_action_dates
    from summarizer.models import Findings

    f = Findings(warnings=["w"])
    out = fill_action_dates(f, "2024年3月25日、攻撃があった。", None)
    assert out.model_dump() == f.model_dump()


def test_ioc_hint_tests_agree_with_the_hint_pattern() -> None:
    import random

    from summarizer.rules.software import _IOC_HINT, _may_hold_ioc

    rng = random.Random(7)
    alphabet = list("0123456789abcdefABCDEFhxtps:/[].@-") + [
        "com",
        "net",
        "jp",
        "io",
        " ",
        "攻撃",
        "١",
    ]
    fixed = [
        "g" + "a" * 32 + "g",
        "a" * 31,
        "hxxp://a",
        "a@b.",
        "1.2.3.4",
        "١.٢.٣.٤",
        "x.com",
        "x.comm",
        "ab.jp/",
        "[.]",
        "f" * 32,
    ]
    samples = fixed + ["".join(rng.choices(alphabet, k=rng.randint(0, 40))) for _ in range(20000)]
    for s in samples:
        assert _may_hold_ioc(s) == (_IOC_HINT.search(s) is not None), repr(s)


@pytest.mark.parametrize(
    "text",
    [
        "中国の国家安全部と関係するAPT31",
        "ロシア連邦軍参謀本部情報総局(GRU)の部隊",
        "APT31",
        "",
        "国家",
    ],
)
def test_organs_in_equals_the_organ_hits_of_a_scan(text: str) -> None:
    from summarizer.knowledge import KnowledgeBase

    kb = KnowledgeBase.load()
    assert kb.organs_in(text) == [h for h in kb.scan(text) if h.kind == "organ"]


def test_in_hit_follows_the_hits_it_is_given() -> None:
    from summarizer.knowledge import Hit
    from summarizer.rules.reading import Ctx

    ctx = Ctx("米国のAPT31が攻撃", [])
    assert not ctx.in_hit(3, 8)
    ctx.hits = [Hit("actor", "APT31", 3, 8, "APT31"), Hit("country", "US", 0, 2, "米国")]
    assert ctx.in_hit(4, 5) and not ctx.in_hit(0, 2)
    ctx.hits.append(Hit("organ", "X", 0, 2, "米国"))
    assert ctx.in_hit(0, 2)


@pytest.mark.parametrize(
    ("text", "pos"),
    [
        ("米司法省は「英国政府が関与した」と述べ、中国を非難した。", 30),
        ("英国政府と米財務省は制裁を科した。", 12),
        ("報道によると、同省は発表した。", 10),
    ],
)
def test_acting_party_without_quotes_to_blank_is_unchanged(text: str, pos: int) -> None:
    from summarizer.rules.reading import _QUOTE_RE, acting_party

    blanked = _QUOTE_RE.sub(lambda m: " " * len(m.group()), text)
    # the quotes blanked by hand first give the same answer: blanking twice changes nothing
    assert acting_party(text, pos) == acting_party(blanked, pos)


@pytest.mark.parametrize(
    "text",
    [
        "ヴァイオレット・タイフーン",
        "エイイ",
        "ケイコウ",
        "ヴェイ",
        "ＡＰＴ３１ 攻撃",
        "ブァブィ ケイ　コウ・ー",
        "a b\nc",
        "",
    ],
)
def test_match_fold_gaps_map_back_like_the_index(text: str) -> None:
    from bisect import bisect_right

    from summarizer.knowledge import _match_fold_gaps, match_fold

    folded, index = match_fold(text)
    mapped = _match_fold_gaps(text)
    assert mapped is not None
    f2, gaps, fixes = mapped
    assert f2 == folded
    back = []
    for j in range(len(folded)):
        i = j + bisect_right(fixes, j)
        back.append(i + bisect_right(gaps, i))
    assert back == index


def test_scan_with_a_character_that_folds_to_two_keeps_offsets() -> None:
    from summarizer.knowledge import KnowledgeBase, _match_fold_gaps

    text = "㍻の記事… 米司法省はAPT31を起訴"
    assert _match_fold_gaps(text) is None  # the index path
    for h in KnowledgeBase.load().scan(text):
        assert text[h.start : h.end] == h.surface
    assert any(h.key == "APT31" for h in KnowledgeBase.load().scan(text))


def test_url_token_alternatives_kept_find_what_the_whole_pattern_finds() -> None:
    import random

    from summarizer.chunking import (
        _PROTECTED,
        _PROTECTED_HINT,
        _URL_CHARS,
        _protected_alts,
        _protected_re,
    )

    # the pattern as it was written before it was split into alternatives
    verbose = re.compile(
        rf"""(?ix)
        (?:h[tx]{{2}}ps?|f[tx]p|sftp|wss?|file|tcp|udp)(?:\[?:\]?|\(:\))//{_URL_CHARS}+
        | www(?:\[\.\]|\.){_URL_CHARS}+
        | [A-Za-z0-9_\-]+(?:\[\.\]|\(\.\)|\[dot\]|\{{\.\}}){_URL_CHARS}+
        | [A-Za-z0-9._%+\-]+(?:@|\[@\]|\[at\])[A-Za-z0-9\-]+(?:(?:\.|\[\.\])[A-Za-z0-9\-]+)+
        """
    )
    rng = random.Random(11)
    alphabet = [*"/wWdDoOtTaA@[](){}.:İK hx", "www", "[dot]", "[AT]", "http", "攻撃", "ex", "com"]
    fixed = [
        "http://x.jp/a",
        "WwW.x",
        "a[DoT]b",
        "a [At] b.c",
        "x(.)y",
        "{.}",
        "u@v.w",
        "[d0t]",
        "",
    ]
    for s in fixed + ["".join(rng.choices(alphabet, k=rng.randint(0, 30))) for _ in range(20000)]:
        which = _protected_alts(s)
        assert any(which) == (_PROTECTED_HINT.search(s) is not None), repr(s)
        full = [m.span() for m in verbose.finditer(s)]
        assert [m.span() for m in _PROTECTED.finditer(s)] == full, repr(s)
        if any(which):
            assert [m.span() for m in _protected_re(which).finditer(s)] == full, repr(s)


def test_kanji_or_digit_before_is_the_abbreviation_rule() -> None:
    from summarizer.knowledge import _ABBR_PREV_OK, _is_kanji, _kanji_or_digit_before

    for c in ["", "1", "１", "国", "対", "々", "ア", "a", "。", "㐀"]:
        assert _kanji_or_digit_before(c) == (
            c.isdigit() or (_is_kanji(c) and c not in _ABBR_PREV_OK)
        )
