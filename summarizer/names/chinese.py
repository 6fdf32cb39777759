"""Chinese names: kanji through a table of each character's Mandarin reading (pypinyin's
single-character dictionary, built by scripts/build_han_readings.py and read only when a kanji
name is romanized), and Chinese names written in katakana through a table of Mandarin syllables.

* 倪高斌 -> "Ni Gaobin": pinyin without tones, surname first, given name joined. Surnames are
  read from a table first (単 -> Shan, 曽 -> Zeng, 欧陽 -> Ouyang) because a surname's reading
  often differs from the character's common reading.
* Katakana: ワン・ドン -> "Wang Dong", ジャン・シーロン -> "Zhang Shilong".
  (Homophones make these guesses.)
* Chinese company names: 武漢小瑞志科技有限公司 ->
  "Wuhan Xiaoruizhi Science and Technology Co., Ltd."
"""

from __future__ import annotations

from functools import cache

from summarizer.names import _data

# Japanese shinjitai forms the reading table lacks or reads differently from the traditional form
_SHINJITAI = str.maketrans(
    {
        "浜": "濱",
        "桜": "櫻",
        "竜": "龍",
        "塩": "鹽",
        "沢": "澤",
        "辺": "邊",
        "斎": "齋",
        "斉": "齊",
        "広": "廣",
        "徳": "德",
        "黒": "黑",
    }
)


@cache
def _compound_surnames() -> dict[str, str]:
    return {r[0]: r[1] for r in _data.rows("chinese_surnames") if r[2] == "compound"}


@cache
def _surname_readings() -> dict[str, str]:
    return {r[0]: r[1] for r in _data.rows("chinese_surnames") if r[2] == "single"}


def is_han(c: str) -> bool:
    return (
        "\u4e00" <= c <= "\u9fff"
        or "\u3400" <= c <= "\u4dbf"
        or "\uf900" <= c <= "\ufaff"
        or c == "々"
    )


# place names read as a whole unlike their characters' first readings (重 zhong, 都 dou, 长 zhang)
_PLACE_READINGS = {
    "重慶": ["chong", "qing"],
    "重庆": ["chong", "qing"],
    "廈門": ["xia", "men"],
    "厦门": ["xia", "men"],
    "成都": ["cheng", "du"],
    "长沙": ["chang", "sha"],
    "長沙": ["chang", "sha"],
}


@cache
def _readings() -> dict[str, str]:
    return _data.mapping("han_readings")


def _pinyin(chars: str) -> list[str] | None:
    """Each character's reading (a Japanese shinjitai form read as its traditional form when
    the table lacks it); None when a character has no reading."""
    if chars in _PLACE_READINGS:
        return list(_PLACE_READINGS[chars])
    table = _readings()
    out = [table.get(c, "") for c in chars]
    if any(not p for p in out):
        out = [table.get(c, "") for c in chars.translate(_SHINJITAI)]
        if any(not p for p in out):
            return None
    return out


def romanize_chinese(native: str) -> str | None:
    """倪高斌 -> 'Ni Gaobin'; None when a character has no reading."""
    s = native.strip()
    if not s or not all(is_han(c) for c in s):
        return None
    compound = _compound_surnames()
    if len(s) >= 3 and s[:2] in compound:
        surname, given = compound[s[:2]], s[2:]
    else:
        head = s[0]
        surname_reading = _surname_readings().get(head)
        if surname_reading is None:
            py = _pinyin(head)
            if py is None:
                return None
            surname_reading = py[0].capitalize()
        surname, given = surname_reading, s[1:]
    if not given:
        return surname
    gp = _pinyin(given)
    if gp is None:
        return None
    # an apostrophe where a syllable starting with a vowel would merge (Xi'an style)
    parts = [gp[0]] + [("'" + p if p[0] in "aeo" else p) for p in gp[1:]]
    return f"{surname} {''.join(parts).capitalize()}"


# ---------------------------------------------------------------------------------------------
# Chinese names written in katakana


@cache
def _syllables() -> dict[str, str]:
    return _data.mapping("chinese_katakana")


def katakana_syllables(part: str) -> list[str] | None:
    """ジャンシーロン -> ['zhang', 'shi', 'long'] (fewest syllables); None when it does not
    parse."""
    table = _syllables()
    n = len(part)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        cur = best[i]
        if cur is None:
            continue
        for j in range(i + 1, min(n, i + 5) + 1):
            py = table.get(part[i:j])
            if py is None:
                continue
            cand = [*cur, py]
            old = best[j]
            if old is None or len(cand) < len(old):
                best[j] = cand
    return best[n]


def romanize_katakana_parts(parts: list[str]) -> tuple[str, bool] | None:
    """Each part as Mandarin syllables, joined and capitalized; None when a part does not parse."""
    words: list[str] = []
    for p in parts:
        syl = katakana_syllables(p)
        if not syl or len(syl) > 3:
            return None
        joined = syl[0] + "".join(("'" + s if s[0] in "aeo" else s) for s in syl[1:])
        words.append(joined.capitalize())
    return " ".join(words), True


# Chinese company-name endings, as English press and sanction lists render them (longest first).
_ORG_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("网络科技有限公司", "Network Technology Co., Ltd."),
    ("網絡科技有限公司", "Network Technology Co., Ltd."),
    ("信息技术有限公司", "Information Technology Co., Ltd."),
    ("信息技術有限公司", "Information Technology Co., Ltd."),
    ("情報技術有限公司", "Information Technology Co., Ltd."),
    ("科技股份有限公司", "Technology Co., Ltd."),
    ("科技有限公司", "Science and Technology Co., Ltd."),
    ("技術有限公司", "Technology Co., Ltd."),
    ("技术有限公司", "Technology Co., Ltd."),
    ("股份有限公司", "Co., Ltd."),
    ("有限責任公司", "Co., Ltd."),
    ("有限公司", "Co., Ltd."),
    ("集団", "Group"),
    ("集团", "Group"),
    ("公司", "Company"),
)
# Places that lead Chinese company names, romanized as one word each.
_ORG_PLACES = (
    "北京", "上海", "天津", "重慶", "重庆", "武漢", "武汉", "広州", "广州", "深圳", "杭州", "南京",
    "成都", "西安", "長沙", "长沙", "廈門", "厦门", "海南", "四川", "湖北", "江蘇", "江苏", "浙江",
    "広東", "广东", "福建", "山東", "山东", "河南", "河北", "遼寧", "辽宁", "吉林", "大連", "大连",
    "青島", "青岛", "蘇州", "苏州", "鄭州", "郑州", "合肥", "昆明", "南昌", "済南", "济南", "香港",
)  # fmt: skip


def romanize_organization(native: str) -> str | None:
    """A Chinese company name in English-press form, or None when it is not one.

    武漢小瑞志科技有限公司 -> 'Wuhan Xiaoruizhi Science and Technology Co., Ltd.': the leading
    place and the brand in pinyin (one word each), the legal ending translated.
    """
    s = native.strip()
    suffix = next(((jp, en) for jp, en in _ORG_SUFFIXES if s.endswith(jp)), None)
    if suffix is None:
        return None
    head = s[: -len(suffix[0])]
    if not head or not all(is_han(c) for c in head):
        return None
    words: list[str] = []
    place = next((p for p in _ORG_PLACES if head.startswith(p)), None)
    if place:
        py = _pinyin(place)
        if py is None:
            return None
        words.append("".join(py).capitalize())
        head = head[len(place) :]
    if head:
        py = _pinyin(head)
        if py is None:
            return None
        words.append("".join(py).capitalize())
    return " ".join([*words, suffix[1]])
