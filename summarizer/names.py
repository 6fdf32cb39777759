"""Romanize people's names the way the English press writes them.

* Chinese names (kanji, simplified, traditional or Japanese shinjitai forms): pinyin without tones,
  surname first, given name joined and capitalized: 倪高斌 -> "Ni Gaobin", 程鋒 -> "Cheng Feng".
  Surnames are read from a table first (単 -> Shan, 曽 -> Zeng, 欧陽 -> Ouyang) because a
  surname's reading often differs from the character's common reading.
* Katakana names: common given names and surnames from tables (ドミトリー -> Dmitry), otherwise
  a Hepburn-style reading, marked uncertain (ホロシェフ -> "Horoshefu").
* Hangul: Revised Romanization with the usual surname spellings (김 -> Kim), uncertain.
* Japanese names (hiragana in the name, or a common Japanese surname): returned as written,
  uncertain (their reading cannot be known from the kanji).

``romanize`` returns ``(name, uncertain)``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# ---------------------------------------------------------------------------------------------
# Chinese

COMPOUND_SURNAMES: dict[str, str] = {
    "欧陽": "Ouyang",
    "歐陽": "Ouyang",
    "欧阳": "Ouyang",
    "司馬": "Sima",
    "司马": "Sima",
    "諸葛": "Zhuge",
    "诸葛": "Zhuge",
    "上官": "Shangguan",
    "司徒": "Situ",
    "東方": "Dongfang",
    "东方": "Dongfang",
    "皇甫": "Huangfu",
    "令狐": "Linghu",
    "公孫": "Gongsun",
    "公孙": "Gongsun",
    "夏侯": "Xiahou",
    "慕容": "Murong",
    "長孫": "Zhangsun",
    "长孙": "Zhangsun",
    "宇文": "Yuwen",
    "尉遅": "Yuchi",
    "尉遲": "Yuchi",
    "尉迟": "Yuchi",
    "万俟": "Moqi",
    "澹台": "Tantai",
    "軒轅": "Xuanyuan",
    "轩辕": "Xuanyuan",
    "端木": "Duanmu",
    "西門": "Ximen",
    "西门": "Ximen",
    "南宮": "Nangong",
    "南宫": "Nangong",
    "呼延": "Huyan",
    "申屠": "Shentu",
    "鍾離": "Zhongli",
    "钟离": "Zhongli",
    "司空": "Sikong",
    "独孤": "Dugu",
    "獨孤": "Dugu",
}

# surnames whose reading differs from the character's most common reading
SURNAME_READINGS: dict[str, str] = {
    "単": "Shan",
    "單": "Shan",
    "单": "Shan",
    "曽": "Zeng",
    "曾": "Zeng",
    "解": "Xie",
    "仇": "Qiu",
    "区": "Ou",
    "區": "Ou",
    "查": "Zha",
    "査": "Zha",
    "繆": "Miao",
    "缪": "Miao",
    "朴": "Piao",
    "覃": "Qin",
    "盖": "Ge",
    "蓋": "Ge",
    "秘": "Bi",
    "种": "Chong",
    "員": "Yun",
    "员": "Yun",
    "句": "Gou",
    "乐": "Yue",
    "楽": "Yue",
    "樂": "Yue",
    "沈": "Shen",
    "瀋": "Shen",
    "翟": "Zhai",
    "尉": "Wei",
    "宓": "Mi",
    "冼": "Xian",
    "召": "Shao",
    "華": "Hua",
    "华": "Hua",
    "任": "Ren",
    "黒": "He",
    "黑": "He",
    "長": "Chang",
    "长": "Chang",
    "紀": "Ji",
    "纪": "Ji",
    "薄": "Bo",
    "重": "Chong",
    "都": "Du",
    "呂": "Lu",
    "吕": "Lu",
    "盧": "Lu",
    "卢": "Lu",
    "閻": "Yan",
    "阎": "Yan",
    "燕": "Yan",
    "賈": "Jia",
    "贾": "Jia",
    "繁": "Po",
    "藏": "Zang",
    "蔵": "Zang",
    "隗": "Wei",
    "郇": "Xun",
    "洗": "Xian",
    "過": "Guo",
    "过": "Guo",
    "能": "Nai",
    "祭": "Zhai",
    "教": "Jiao",
    "撒": "Sa",
    "阚": "Kan",
    "闞": "Kan",
    "缴": "Jiao",
    "繳": "Jiao",
    "折": "She",
    "朝": "Chao",
    "傅": "Fu",
    "鄭": "Zheng",
    "郑": "Zheng",
    "万": "Wan",
    "浜": "Bin",
    "沢": "Ze",
}

# Japanese shinjitai forms pypinyin reads differently from the traditional character
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

# Common Japanese surnames: a kanji name starting with one is taken as Japanese.
JAPANESE_SURNAMES = frozenset(
    [
        "佐藤",
        "鈴木",
        "高橋",
        "田中",
        "伊藤",
        "渡辺",
        "渡邊",
        "山本",
        "中村",
        "小林",
        "加藤",
        "吉田",
        "山田",
        "佐々木",
        "山口",
        "松本",
        "井上",
        "木村",
        "清水",
        "山崎",
        "森",
        "池田",
        "橋本",
        "阿部",
        "石川",
        "山下",
        "中島",
        "石井",
        "小川",
        "前田",
        "岡田",
        "長谷川",
        "藤田",
        "後藤",
        "近藤",
        "村上",
        "遠藤",
        "青木",
        "坂本",
        "斉藤",
        "斎藤",
        "福田",
        "太田",
        "西村",
        "藤井",
        "金子",
        "岡本",
        "藤原",
        "中野",
        "三浦",
        "原田",
        "松田",
        "竹内",
        "中川",
        "小野",
        "田村",
        "中山",
        "和田",
        "石田",
        "上田",
        "森田",
        "柴田",
        "酒井",
        "工藤",
        "横山",
        "宮崎",
        "宮本",
        "内田",
        "高木",
        "安藤",
        "島田",
        "谷口",
        "大野",
        "高田",
        "丸山",
        "今井",
        "河野",
        "藤本",
        "村田",
        "武田",
        "上野",
        "杉山",
        "増田",
        "小山",
        "大塚",
        "平野",
        "菅原",
        "久保",
        "松井",
        "千葉",
        "岩崎",
        "桜井",
        "木下",
        "野口",
        "松尾",
        "菊地",
        "野村",
        "新井",
        "渡部",
        "岸田",
        "菅",
        "安倍",
        "麻生",
        "河野",
        "茂木",
        "林",
    ]
)


def _is_han(c: str) -> bool:
    return (
        "\u4e00" <= c <= "\u9fff"
        or "\u3400" <= c <= "\u4dbf"
        or "\uf900" <= c <= "\ufaff"
        or c == "々"
    )


def _no_reading(chars: str) -> list[str]:
    return [""] * len(chars)


def _pinyin(chars: str) -> list[str] | None:
    from pypinyin import Style, lazy_pinyin

    out = lazy_pinyin(chars, style=Style.NORMAL, errors=_no_reading)  # type: ignore[arg-type]
    if any(not p or not p.isascii() for p in out):
        out2 = lazy_pinyin(
            chars.translate(_SHINJITAI),
            style=Style.NORMAL,
            errors=_no_reading,  # type: ignore[arg-type]
        )
        if any(not p for p in out2):
            return None
        out = out2
    return [p.replace("v", "u").replace("ü", "u") for p in out]


def romanize_chinese(native: str) -> str | None:
    """倪高斌 -> 'Ni Gaobin'; None when a character has no reading."""
    s = native.strip()
    if not s or not all(_is_han(c) for c in s):
        return None
    if len(s) >= 3 and s[:2] in COMPOUND_SURNAMES:
        surname, given = COMPOUND_SURNAMES[s[:2]], s[2:]
    else:
        head = s[0]
        surname_reading = SURNAME_READINGS.get(head)
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
    joined = "".join(gp)
    # an apostrophe where a syllable starting with a vowel would merge (Xi'an style)
    parts = [gp[0]] + [("'" + p if p[0] in "aeo" else p) for p in gp[1:]]
    joined = "".join(parts)
    return f"{surname} {joined.capitalize()}"


def looks_japanese(native: str) -> bool:
    s = native.strip()
    if re.search(r"[\u3040-\u309f]", s):  # hiragana
        return True
    return any(s.startswith(sn) for sn in JAPANESE_SURNAMES if len(sn) >= 2)


# ---------------------------------------------------------------------------------------------
# katakana

KATAKANA_NAMES: dict[str, str] = {
    # Russian / East European given names
    "ドミトリー": "Dmitry",
    "ドミトリ": "Dmitry",
    "アレクサンドル": "Aleksandr",
    "アレクサンダー": "Alexander",
    "アレクセイ": "Alexei",
    "アンドレイ": "Andrei",
    "セルゲイ": "Sergei",
    "ウラジーミル": "Vladimir",
    "ウラジミール": "Vladimir",
    "ウラジミル": "Vladimir",
    "ミハイル": "Mikhail",
    "ニコライ": "Nikolai",
    "イワン": "Ivan",
    "イヴァン": "Ivan",
    "ユーリー": "Yuri",
    "ユーリ": "Yuri",
    "ユーリイ": "Yuri",
    "パーベル": "Pavel",
    "パヴェル": "Pavel",
    "ピョートル": "Pyotr",
    "ボリス": "Boris",
    "エフゲニー": "Evgeniy",
    "エフゲニ": "Evgeniy",
    "イーゴリ": "Igor",
    "イゴール": "Igor",
    "オレグ": "Oleg",
    "ヴィクトル": "Viktor",
    "ビクトル": "Viktor",
    "ヴィタリー": "Vitaly",
    "ビタリー": "Vitaly",
    "ヴァレリー": "Valeriy",
    "バレリー": "Valeriy",
    "アルテム": "Artem",
    "アントン": "Anton",
    "デニス": "Denis",
    "マキシム": "Maksim",
    "マクシム": "Maksim",
    "ロマン": "Roman",
    "ルスラン": "Ruslan",
    "アナトリー": "Anatoly",
    "ゲオルギー": "Georgy",
    "グリゴリー": "Grigory",
    "キリル": "Kirill",
    "コンスタンチン": "Konstantin",
    "レオニード": "Leonid",
    "ヤコフ": "Yakov",
    "ミハイロ": "Mykhailo",
    "ヴォロディミル": "Volodymyr",
    "アミン": "Amin",
    "ナタリア": "Natalia",
    "タチアナ": "Tatiana",
    "オルガ": "Olga",
    "イリーナ": "Irina",
    "エレナ": "Elena",
    "アンナ": "Anna",
    "マリア": "Maria",
    "スヴェトラーナ": "Svetlana",
    "スベトラーナ": "Svetlana",
    # surnames the press often writes
    "ホロシェフ": "Khoroshev",
    "ヤクベツ": "Yakubets",
    "イワノフ": "Ivanov",
    "スミルノフ": "Smirnov",
    "ペトロフ": "Petrov",
    "ポポフ": "Popov",
    "ソコロフ": "Sokolov",
    "クズネツォフ": "Kuznetsov",
    "モロゾフ": "Morozov",
    "ヴォルコフ": "Volkov",
    "ボルコフ": "Volkov",
    "パブロフ": "Pavlov",
    "ナウモフ": "Naumov",
    "スティガル": "Stigal",
    "ガルシア": "Garcia",
    # Western given names
    "ジョン": "John",
    "マイケル": "Michael",
    "デビッド": "David",
    "デイビッド": "David",
    "ジェームズ": "James",
    "ロバート": "Robert",
    "ウィリアム": "William",
    "リチャード": "Richard",
    "トーマス": "Thomas",
    "マーク": "Mark",
    "ポール": "Paul",
    "ピーター": "Peter",
    "クリストファー": "Christopher",
    "メリック": "Merrick",
    "ガーランド": "Garland",
    "クリストファー・レイ": "Christopher Wray",
    # Korean surnames (katakana)
    "キム": "Kim",
    "パク": "Park",
    "チェ": "Choi",
    "チョン": "Jeong",
    "カン": "Kang",
    "チョ": "Cho",
    "ユン": "Yoon",
    "チャン": "Jang",
    "イム": "Lim",
    "ハン": "Han",
    "ソ": "Seo",
    "シン": "Shin",
    "クォン": "Kwon",
    "ファン": "Hwang",
    "アン": "Ahn",
    "ソン": "Song",
    "ユ": "Yoo",
    "ホン": "Hong",
    "ムン": "Moon",
    "ヤン": "Yang",
    "ペ": "Bae",
    "ペク": "Baek",
    "ホ": "Heo",
    "ナム": "Nam",
    "リ": "Ri",
    "イ": "Lee",
    "オ": "Oh",
    "チャ": "Cha",
    "チュ": "Joo",
    "ミン": "Min",
    "ノ": "Noh",
}

KOREAN_KATAKANA_SURNAMES = frozenset(
    [
        "キム",
        "パク",
        "チェ",
        "チョン",
        "カン",
        "チョ",
        "ユン",
        "チャン",
        "イム",
        "ハン",
        "ソ",
        "シン",
        "クォン",
        "ファン",
        "アン",
        "ソン",
        "ユ",
        "ホン",
        "ムン",
        "ヤン",
        "ペ",
        "ペク",
        "ホ",
        "ナム",
        "リ",
        "イ",
        "オ",
        "チャ",
        "チュ",
        "ミン",
        "ノ",
    ]
)

_HEP: dict[str, str] = {}


def _build_hepburn() -> dict[str, str]:
    base = {
        "ア": "a",
        "イ": "i",
        "ウ": "u",
        "エ": "e",
        "オ": "o",
        "カ": "ka",
        "キ": "ki",
        "ク": "ku",
        "ケ": "ke",
        "コ": "ko",
        "サ": "sa",
        "シ": "shi",
        "ス": "su",
        "セ": "se",
        "ソ": "so",
        "タ": "ta",
        "チ": "chi",
        "ツ": "tsu",
        "テ": "te",
        "ト": "to",
        "ナ": "na",
        "ニ": "ni",
        "ヌ": "nu",
        "ネ": "ne",
        "ノ": "no",
        "ハ": "ha",
        "ヒ": "hi",
        "フ": "fu",
        "ヘ": "he",
        "ホ": "ho",
        "マ": "ma",
        "ミ": "mi",
        "ム": "mu",
        "メ": "me",
        "モ": "mo",
        "ヤ": "ya",
        "ユ": "yu",
        "ヨ": "yo",
        "ラ": "ra",
        "リ": "ri",
        "ル": "ru",
        "レ": "re",
        "ロ": "ro",
        "ワ": "wa",
        "ヲ": "o",
        "ン": "n",
        "ガ": "ga",
        "ギ": "gi",
        "グ": "gu",
        "ゲ": "ge",
        "ゴ": "go",
        "ザ": "za",
        "ジ": "ji",
        "ズ": "zu",
        "ゼ": "ze",
        "ゾ": "zo",
        "ダ": "da",
        "ヂ": "ji",
        "ヅ": "zu",
        "デ": "de",
        "ド": "do",
        "バ": "ba",
        "ビ": "bi",
        "ブ": "bu",
        "ベ": "be",
        "ボ": "bo",
        "パ": "pa",
        "ピ": "pi",
        "プ": "pu",
        "ペ": "pe",
        "ポ": "po",
        "ヴ": "vu",
        "ァ": "a",
        "ィ": "i",
        "ゥ": "u",
        "ェ": "e",
        "ォ": "o",
        "ャ": "ya",
        "ュ": "yu",
        "ョ": "yo",
        # digraphs
        "キャ": "kya",
        "キュ": "kyu",
        "キョ": "kyo",
        "シャ": "sha",
        "シュ": "shu",
        "ショ": "sho",
        "チャ": "cha",
        "チュ": "chu",
        "チョ": "cho",
        "ニャ": "nya",
        "ニュ": "nyu",
        "ニョ": "nyo",
        "ヒャ": "hya",
        "ヒュ": "hyu",
        "ヒョ": "hyo",
        "ミャ": "mya",
        "ミュ": "myu",
        "ミョ": "myo",
        "リャ": "rya",
        "リュ": "ryu",
        "リョ": "ryo",
        "ギャ": "gya",
        "ギュ": "gyu",
        "ギョ": "gyo",
        "ジャ": "ja",
        "ジュ": "ju",
        "ジョ": "jo",
        "ビャ": "bya",
        "ビュ": "byu",
        "ビョ": "byo",
        "ピャ": "pya",
        "ピュ": "pyu",
        "ピョ": "pyo",
        "シェ": "she",
        "ジェ": "je",
        "チェ": "che",
        "ティ": "ti",
        "ディ": "di",
        "トゥ": "tu",
        "ドゥ": "du",
        "ファ": "fa",
        "フィ": "fi",
        "フェ": "fe",
        "フォ": "fo",
        "ウィ": "wi",
        "ウェ": "we",
        "ウォ": "wo",
        "ヴァ": "va",
        "ヴィ": "vi",
        "ヴェ": "ve",
        "ヴォ": "vo",
        "ツァ": "tsa",
        "ツィ": "tsi",
        "ツェ": "tse",
        "ツォ": "tso",
        "クァ": "kwa",
        "クォ": "kwo",
        "グァ": "gwa",
        "テュ": "tyu",
        "デュ": "dyu",
        "イェ": "ye",
    }
    return base


def hepburn(kana: str) -> str:
    """A Hepburn-style reading of a katakana word (long vowels dropped)."""
    global _HEP
    if not _HEP:
        _HEP = _build_hepburn()
    out: list[str] = []
    i = 0
    s = unicodedata.normalize("NFKC", kana)
    geminate = False
    while i < len(s):
        ch = s[i]
        if ch == "ッ":
            geminate = True
            i += 1
            continue
        if ch in "ー-":
            i += 1
            continue
        two = s[i : i + 2]
        rom = _HEP.get(two) if len(two) == 2 else None
        if rom:
            i += 2
        else:
            rom = _HEP.get(ch, ch if ch.isascii() else "")
            i += 1
        if geminate and rom:
            rom = ("t" if rom.startswith("ch") else rom[0]) + rom
            geminate = False
        # ン before b/m/p stays n (modified Hepburn)
        out.append(rom)
    word = "".join(out)
    return word


def _split_katakana(s: str) -> list[str]:
    return [p for p in re.split(r"[・･=＝\s]+", s) if p]


def romanize_katakana(native: str) -> tuple[str, bool]:
    parts = _split_katakana(native)
    if not parts:
        return native, True
    korean = len(parts) in (2, 3) and parts[0] in KOREAN_KATAKANA_SURNAMES
    words: list[str] = []
    known = 0
    for idx, p in enumerate(parts):
        if korean and idx == 0:
            words.append(KATAKANA_NAMES[p])
            continue
        if p in KATAKANA_NAMES and not (
            not korean and p in KOREAN_KATAKANA_SURNAMES and len(parts) > 1 and idx > 0
        ):
            words.append(KATAKANA_NAMES[p])
            known += 1
        else:
            words.append(hepburn(p).capitalize())
    if korean and len(parts) == 3:  # キム・ジョン・ウン -> Kim Jong Un
        return " ".join(words), True
    return " ".join(words), not (known == len(parts) and not korean)


# ---------------------------------------------------------------------------------------------
# hangul (Revised Romanization)

_RR_INITIAL = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_RR_VOWEL = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_RR_FINAL = [
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
]
KOREAN_SURNAMES: dict[str, str] = {
    "김": "Kim",
    "이": "Lee",
    "리": "Ri",
    "박": "Park",
    "최": "Choi",
    "정": "Jeong",
    "강": "Kang",
    "조": "Cho",
    "윤": "Yoon",
    "장": "Jang",
    "임": "Lim",
    "한": "Han",
    "오": "Oh",
    "서": "Seo",
    "신": "Shin",
    "권": "Kwon",
    "황": "Hwang",
    "안": "Ahn",
    "송": "Song",
    "류": "Ryu",
    "유": "Yoo",
    "전": "Jeon",
    "홍": "Hong",
    "고": "Ko",
    "문": "Moon",
    "양": "Yang",
    "손": "Son",
    "배": "Bae",
    "백": "Baek",
    "허": "Heo",
    "남": "Nam",
    "심": "Shim",
    "노": "Noh",
    "하": "Ha",
    "곽": "Kwak",
    "성": "Sung",
    "차": "Cha",
    "주": "Joo",
    "우": "Woo",
    "구": "Koo",
    "민": "Min",
    "진": "Jin",
    "나": "Na",
    "지": "Ji",
    "엄": "Eom",
    "원": "Won",
    "천": "Chun",
    "방": "Bang",
    "공": "Kong",
    "현": "Hyun",
    "변": "Byun",
    "염": "Yeom",
    "여": "Yeo",
    "추": "Choo",
    "도": "Do",
    "석": "Seok",
    "선": "Sun",
    "설": "Seol",
    "마": "Ma",
    "길": "Gil",
    "연": "Yeon",
    "표": "Pyo",
    "명": "Myung",
    "기": "Ki",
    "반": "Ban",
    "왕": "Wang",
    "금": "Keum",
    "옥": "Ok",
    "육": "Yuk",
    "인": "In",
}
KOREAN_COMPOUND = {
    "남궁": "Namgung",
    "황보": "Hwangbo",
    "제갈": "Jegal",
    "선우": "Sunwoo",
    "독고": "Dokgo",
}


def _rr(syllables: str) -> str:
    out = []
    for ch in syllables:
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            out.append(ch if ch.isascii() else "")
            continue
        ini, med, fin = code // 588, (code % 588) // 28, code % 28
        out.append(_RR_INITIAL[ini] + _RR_VOWEL[med] + _RR_FINAL[fin])
    return "".join(out)


def romanize_hangul(native: str) -> tuple[str, bool]:
    s = re.sub(r"\s+", "", native)
    if s[:2] in KOREAN_COMPOUND and len(s) > 2:
        sur, given = KOREAN_COMPOUND[s[:2]], s[2:]
    else:
        sur = KOREAN_SURNAMES.get(s[0], _rr(s[0]).capitalize())
        given = s[1:]
    if not given:
        return sur, True
    return f"{sur} {_rr(given).capitalize()}", True


# ---------------------------------------------------------------------------------------------


def _script(s: str) -> str:
    has = {"han": False, "kata": False, "hira": False, "hangul": False, "latin": False}
    for c in s:
        if _is_han(c):
            has["han"] = True
        elif "\u30a0" <= c <= "\u30ff" or "\uff66" <= c <= "\uff9f":
            has["kata"] = True
        elif "\u3040" <= c <= "\u309f":
            has["hira"] = True
        elif "\uac00" <= c <= "\ud7a3":
            has["hangul"] = True
        elif c.isascii() and c.isalpha():
            has["latin"] = True
    if has["hangul"]:
        return "hangul"
    if has["hira"]:
        return "japanese"
    if has["kata"] and not has["han"]:
        return "katakana"
    if has["han"] and not has["kata"] and not has["latin"]:
        return "han"
    if has["latin"] and not (has["han"] or has["kata"]):
        return "latin"
    return "mixed"


@lru_cache(maxsize=4096)
def romanize(native: str, origin: str | None = None) -> tuple[str, bool]:
    """Romanized name as the English press writes it, and whether it is a guess.

    >>> romanize("倪高斌")
    ('Ni Gaobin', False)
    """
    s = unicodedata.normalize("NFKC", native or "").strip()
    s = re.sub(r"[(（].*?[)）]", "", s).strip()  # "倪高斌(38)" -> "倪高斌"
    if not s:
        return native, True
    kind = _script(s)
    if kind == "latin":
        return " ".join(
            w if any(c.isupper() for c in w) else w.capitalize() for w in s.split()
        ), False
    if kind == "hangul":
        return romanize_hangul(s)
    if kind == "katakana":
        return romanize_katakana(s)
    if kind == "han":
        core = re.sub(r"[\s・･]", "", s)
        if looks_japanese(core):
            return s, True
        r = romanize_chinese(core)
        if r is None:
            return s, True
        return r, len(core) > 4  # a 5+ character "name" is probably not a Chinese person name
    return s, True


_HAN_NAME = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbf々]{2,4}$")
_KATA_NAME = re.compile(r"^[\u30a1-\u30fa\u30fc]+([・･=＝][\u30a1-\u30fa\u30fc]+){1,3}$")
_NOT_PERSON_SUFFIX = re.compile(
    r"(省|庁|局|部|課|院|所|社|会|団|党|軍|隊|国|県|市|区|町|村|州|大学|政府|機関|組織|集団|企業|銀行|"
    r"協会|委員会|事件|攻撃|研究|公司|集団|グループ|ウェア)$"
)


def is_person_name_candidate(s: str) -> bool:
    """Could ``s`` (as written in a Japanese article) be a person's name?

    2-4 kanji not ending in an organization/place suffix (倪高斌, 程鋒), katakana words joined by
    ・ (ドミトリー・ホロシェフ), hangul of 2-4 syllables, or Latin "Given Surname" words.
    """
    s = unicodedata.normalize("NFKC", s or "").strip()
    if not s:
        return False
    if _HAN_NAME.match(s):
        return not _NOT_PERSON_SUFFIX.search(s)
    if _KATA_NAME.match(s):
        return not _NOT_PERSON_SUFFIX.search(s)
    if re.fullmatch(r"[\uac00-\ud7a3]{2,4}", s):
        return True
    return bool(re.fullmatch(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}", s))


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
    if not head or not all(_is_han(c) for c in head):
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
