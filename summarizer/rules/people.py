"""People named in a span: kanji names with ages or 容疑者/被告, glossed names, katakana and Latin
names, and the list lines a sentence introduces. Used by indictments and sanctions."""

from __future__ import annotations

import functools
import re

from summarizer.models import Person
from summarizer.rules import lexicon as lex
from summarizer.rules.led import lazy_re
from summarizer.rules.reading import (
    KANJI,
    KATA,
    LATIN_STOP,
    Ctx,
    K,
    Sent,
    non_party_role,
    parse_number,
    stated_nationality,
)

# the first kanji of a name: one a non-kanji precedes. The look-behind comes after the first
# character so the regex engine skips straight to kanji instead of trying every position; the
# possessive {1,3}+ (where nothing after the name can be a kanji) gives up a run at once.
NAME_LEAD = rf"{K}(?<![{KANJI}]{{2}})"
_AGE_NAME_RE = lazy_re(rf"({NAME_LEAD}{K}{{1,3}}+)\s*[（(]\s*([0-9０-９]{{1,3}})\s*(?:歳)?\s*[）)]")
_SUSPECT_NAME_RE = lazy_re(
    rf"({NAME_LEAD}{K}{{1,4}})\s*(?:[（(][^）)]{{1,40}}[）)])?\s*(?:容疑者|被告人|被告|受刑者)"
    rf"(?:\s*[（(]\s*([0-9０-９]{{1,3}})\s*(?:歳)?\s*[）)])?"
)
_KANA_READING_NAME_RE = lazy_re(
    rf"({NAME_LEAD}{K}{{1,3}}+)\s*[（(]\s*[{KATA}]+(?:[・=＝･][{KATA}]+){{1,3}}\s*[）)]"
)
_GLOSS_NAME_RE = lazy_re(
    rf"({NAME_LEAD}{K}{{1,3}}+)\s*[（(]\s*([A-Z][a-zA-Z\-]+(?:\s[A-Z][a-zA-Z\-]+){{1,2}})\s*(?:[、,]\s*音訳)?\s*[）)]"
)
# a katakana full name; a one-sound surname (リ・ソンジン, オ・ミョンチョル) only before a longer part
_KATA_NAME_RE = lazy_re(
    rf"(?:[{KATA}]{{2,}}|(?<![{KATA}・=＝･])[{KATA}](?=[・=＝･][{KATA}]{{2,}}))"
    rf"(?:[・=＝･][{KATA}]{{1,}}){{1,3}}"
)

_LATIN_NAME_RE = lazy_re(r"(?<![A-Za-z])([A-Z][a-z]+(?:[ \-][A-Z][a-z]+){1,4})(?![A-Za-z])")
# the age after a katakana or Latin name: X(24歳), Xさん(30歳), X、38歳
_AGE_AFTER_RE = lazy_re(
    r"(?:さん|氏)?\s*(?:[（(]\s*([0-9０-９]{1,3})\s*歳?\s*[）)]|、\s*(?:別名[^、。]{1,30}、\s*)?([0-9０-９]{1,3})\s*歳)"
)
# 王某を起訴 / 李某らを逮捕: a kanji name as the object of the charge (group 2: no age)
_OBJECT_NAME_RE = lazy_re(
    # (not across a headline's space: 世界の施設を標的　米司法省が起訴)
    rf"({NAME_LEAD}{K}{{1,3}}+)()(?:ら)?を(?=[^。、　\s]{{0,12}}?(?:起訴|訴追|告発|逮捕|指名手配))"
)
# a count of people that can close a list of names (の3人を): the cheap gate of _COORD_SUSPECTS_RE
_PEOPLE_COUNT_RE = lazy_re(r"[0-9０-９一二三四五六七八九十]{1,3}[人名](?![分口の])")
# the を and charge verb every match of _OBJECT_NAME_RE holds (its lookahead): found by a scan for
# を, where _OBJECT_NAME_RE tries every kanji
_OBJECT_TAIL_RE = lazy_re(r"を(?=[^。、　\s]{0,12}?(?:起訴|訴追|告発|逮捕|指名手配))")
# what closes every match of _COORD_SUSPECTS_RE's first form (の両容疑者, の3被告, 3人の容疑者);
# its other form closes with a _PEOPLE_COUNT_RE match
_COORD_MARK_RE = lazy_re(r"(?:両|各|[0-9０-９一二三四五六七八九十](?:人の)?)(?:容疑者|被告)")
# 朱某と張某の両容疑者 / 甲、乙及び丙の各被告: kanji names coordinated before one 容疑者
_COORD_SUSPECTS_RE = lazy_re(
    rf"((?:{NAME_LEAD}{K}{{1,3}}(?:と|、|及び|および))(?:{K}{{2,4}}(?:と|、|及び|および))*{K}{{2,4}})\s*の?"
    rf"(?:(?:両|各|[0-9０-９一二三四五六七八九十]+(?:人の)?)(?:容疑者|被告人?)"
    rf"|[0-9０-９一二三四五六七八九十]+(?:人|名)(?![分口の]))"  # 王偉、李強、張明の3人を
)

_COORD_SPLIT_RE = lazy_re(r"(と|、|及び|および)")
_SPACE_HYPHEN_RE = lazy_re(r"[ \-]")
_ORG_WORD_AFTER_RE = lazy_re(r"\s*(?:社|グループ|集団)")
# a sentence that ends by introducing a list (…は, 以下の通り, :) / that announces one ahead
_INTRODUCES_LIST_RE = lazy_re(r"(?:は|以下|次の(?:とおり|通り)?|[:：、,]|とおり|通り)[。.]?$")
_LIST_AHEAD_RE = lazy_re(r"以下の|次の|下記の")
# チョン・A、リ・B、キム・Cの各被告 / X・YとZ・Wの両容疑者: katakana names the text marks as accused
_KATA_ONE = rf"[{KATA}]{{1,}}(?:[・=＝･][{KATA}]{{1,}}){{1,3}}"
_ACCUSED_KATA_LIST_RE = lazy_re(
    rf"((?:{_KATA_ONE}\s*(?:、|と|及び|および)\s*)+{_KATA_ONE})\s*の?"
    rf"(?:両|各|全|[0-9０-９一二三四五六七八九十]+(?:人の)?)(?:容疑者|被告人?)"
)


def accused_list_spans(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Spans (absolute) of katakana name lists in ``text[s:e]`` closed by 各被告/両容疑者/3被告."""
    seg = text[s:e]
    if "被告" not in seg and "容疑者" not in seg:
        return []
    return [(s + m.start(1), s + m.end(1)) for m in _ACCUSED_KATA_LIST_RE.finditer(seg)]


# a list line's bullet or number (・, -, 1., １．, ①, 一、): shared with sanctions.py and victims.py
BULLET = r"(?:[・•●○◆■□\-–*‐]|\d+[.)．）]|[0-9０-９]{1,2}[、]|[①-⑳]|一[、，](?=\S))"
LIST_BULLET_RE = lazy_re(rf"^\s*{BULLET}\s*")

_COMPANY_END_RE = lazy_re(r"(?:株式会社|有限公司|公司|集団|グループ|社)$")
_PERSON_TITLE_AFTER = lazy_re(
    r"^[米英日中露]?(?:国)?(?:司法長官|長官|大臣|報道官|議員|捜査官|検事|部長|局長|大統領|首相|代表|副長官|次官|担当|研究者|アナリスト|CEO|社長|会長|教授|記者|所長|大使|司令官)"
)
_ORGISH_AFTER = lazy_re(
    r"^(?:社|州|市|県|省|庁|局|部|大学|グループ|集団|ランサムウェア|マルウェア|攻撃|作戦"
    # ミラノ・マルペンサ空港 / サン・ホセ駅: a place, not a person
    r"|空港|駅|港|通り|広場|ホテル|ビル|宮殿"
    # ダライ・ラマ事務所 / X・Y財団: an office or body named after a person
    r"|事務所|財団|基金|協会|研究所|政権|陣営"
    # ゴールドマン・サックスのシステム: what a company owns or employs
    r"|の(?:システム|ネットワーク|サーバー|製品|サービス|社員|従業員|本社|子会社|顧客|株)"
    r")"
)
# 氏を…制裁対象に指定 / 氏を起訴: the name is the object of the designation or charge, a party
# even with a title before it (朝鮮X銀行の代表、Y氏を制裁対象に指定)
_PARTY_OBJECT_RE = lazy_re(
    r"(?:氏|容疑者|被告人?)?(?:[（(][^（）()]{0,20}[）)])?(?:を|に対し(?:て)?[、,]?)"
    r"[^。を]{0,16}?(?:制裁|資産凍結|起訴|訴追|逮捕|指名手配)"
)


# Japanese (shinjitai) forms of common Chinese surnames that lexicon.CHINESE_SURNAMES lacks:
# 銭 (錢 Qian), 呉 (吳 Wu), 竜 (龍 Long), 厳 (嚴 Yan), 頼 (賴 Lai), 斉 (齊 Qi), 関 (關 Guan)...
_SHINJITAI_SURNAMES = frozenset("銭呉竜厳頼斉関楽単労曽")

_NOUN_END_BEFORE_NAME = frozenset("籍人員者長手家生民官将兵部")


def _japanese_name(cand: str) -> bool:
    """A common Japanese family name of two or three kanji (the names package's table), then a
    given name."""
    surnames = _japanese_surnames()
    return cand[:2] in surnames or cand[:3] in surnames


@functools.cache
def _japanese_surnames() -> frozenset[str]:
    from summarizer.names import _data

    return frozenset(r[0] for r in _data.rows("japanese_surnames") if len(r[0]) >= 2)


# 容疑者/被告 read into the run by the age pattern (張某被告(44)): not part of the name
_ACCUSED_TAIL_RE = lazy_re(r"(?:被告人?|容疑者|受刑者)$")


# words of a description, not a name (無職男性容疑者, 自称会社員, 元社員)
_NOT_NAME_WORD_RE = lazy_re(
    r"男性|女性|少年|少女|無職|学生|社員|職員|役員|会社|自称|元|容疑|被告|住所|不詳|氏名|男|女"
)


def kanji_name_in(run: str) -> str | None:
    """The kanji person name that ends ``run`` (its surname a known one), or None."""
    return _trim_kanji_name(run)


def _trim_kanji_name(run: str, marked: bool = False) -> str | None:
    """A kanji person name from a run before 容疑者/(age): surname must be a known one.
    ``marked``: the run stands alone before 容疑者/被告 and an age (、村井健太郎容疑者(52)), the
    Japanese press's way of naming a suspect; a three-to-five-kanji run is then a name even
    with a surname the table lacks."""
    if run.endswith(("告", "者", "人")):
        run = _ACCUSED_TAIL_RE.sub("", run)
    if marked and 3 <= len(run) <= 5 and not _not_a_name(run) and not _NOT_NAME_WORD_RE.search(run):
        return run
    for i in range(0, max(1, len(run) - 1)):
        cand = run[i:]
        if len(cand) < 2:
            return None
        # a skipped head must end a noun (会社員|王某); 山田太郎 is not 田太郎
        if i > 0 and run[i - 1] not in _NOUN_END_BEFORE_NAME:
            continue
        if (
            cand[0] in lex.CHINESE_SURNAMES
            or cand[0] in lex.KOREAN_SURNAMES
            or (cand[0] in _SHINJITAI_SURNAMES)
            or (i == 0 and len(cand) >= 3 and _japanese_name(cand))  # 山本健太容疑者(31)
        ):
            if _not_a_name(cand):
                return None
            return cand
    return None


# a name ending in one of these is an organ, a unit or a role (…省, …部隊, …者)
_NOT_NAME_LAST = frozenset("省庁局部隊軍人社会所長官員者")


def _not_a_name(cand: str) -> bool:
    return (
        cand in lex.GENERIC_NOUNS
        or cand in lex.COUNTRIES
        or all(c in lex.COUNTRY_PREFIX for c in cand)  # 米韓, 日米
        or cand[-1:] in _NOT_NAME_LAST
    )


# -- people in a span -----------------------------------------------------------------------------
def people_in(
    ctx: Ctx, s: int, e: int, *, latin: bool, list_line: bool = False
) -> list[tuple[Person, int, int]]:
    """Named people in text[s:e] (absolute offsets)."""
    text = ctx.text
    seg = text[s:e]
    out: list[tuple[Person, int, int]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        if any(a < y and x < b for x, y in taken):
            return False
        # the knowledge-base names (actors, malware, organs): no person in them. (A name lies
        # in the span, so a hit it overlaps overlaps the span: in_hit asks what a list of the
        # span's hits would.)
        return not ctx.in_hit(a, b)

    nat_memo: list[str | None] = []

    def nat() -> str | None:
        """The nationality stated in the span, read the first time a name needs it."""
        if not nat_memo:
            nat_memo.append(nationality_in(seg))
        return nat_memo[0]

    has_paren = "(" in seg or "（" in seg
    accused_word = "容疑者" in seg or "被告" in seg
    for m in _GLOSS_NAME_RE.finditer(seg) if has_paren else ():
        native, latin_name = m.group(1), m.group(2)
        if native[0] not in lex.CHINESE_SURNAMES:
            continue
        a, b = s + m.start(1), s + m.end()
        if not free(a, b):
            continue
        taken.append((a, b))
        out.append((Person(name=latin_name, name_native=native, nationality=nat()), a, b))
    joiner = _has_joiner(seg)
    for m in _KANA_READING_NAME_RE.finditer(seg) if has_paren and joiner else ():
        # 王東(ワン・ドン): a kanji name with its katakana reading; the kanji is the native name
        native = m.group(1)
        if native[0] not in lex.CHINESE_SURNAMES and native[0] not in lex.KOREAN_SURNAMES:
            continue
        if _not_a_name(native):
            continue
        a, b = s + m.start(1), s + m.end()
        if not free(a, b):
            continue
        taken.append((a, b))
        name, unsure = ctx.rom(native, origin=nat())
        out.append(
            (
                Person(name=name, name_native=native, nationality=nat(), name_uncertain=unsure),
                a,
                s + m.end(1),
            )
        )
    coord = _PEOPLE_COUNT_RE.search(seg) is not None or (
        accused_word and _COORD_MARK_RE.search(seg) is not None
    )
    for m in _COORD_SUSPECTS_RE.finditer(seg) if coord else ():
        pos = s + m.start(1)
        for piece in _COORD_SPLIT_RE.split(m.group(1)):
            native = (
                _trim_kanji_name(piece) if piece not in ("と", "、", "及び", "および") else None
            )
            if native is not None:
                a = pos + len(piece) - len(native)
                b = pos + len(piece)
                if free(a, b):
                    taken.append((a, b))
                    name, unsure = ctx.rom(native, origin=nat())
                    out.append(
                        (
                            Person(
                                name=name,
                                name_native=native,
                                nationality=nat(),
                                name_uncertain=unsure,
                            ),
                            a,
                            b,
                        )
                    )
            pos += len(piece)
    kanji_rxs = (
        (_AGE_NAME_RE, has_paren),
        (_SUSPECT_NAME_RE, accused_word or "受刑者" in seg),
        (_OBJECT_NAME_RE, "を" in seg and _OBJECT_TAIL_RE.search(seg) is not None),
    )
    for rx, maybe in kanji_rxs:
        for m in rx.finditer(seg) if maybe else ():
            native = m.group(1)
            marked = (
                rx is _SUSPECT_NAME_RE
                and m.group(2) is not None
                and (m.start(1) == 0 or seg[m.start(1) - 1] in "、 　「")
            )
            native = _trim_kanji_name(native, marked)
            if native is None:
                continue
            age = m.group(2)
            a = s + m.start(1) + (len(m.group(1)) - len(native))
            b = s + m.end(1)
            if not free(a, b):
                continue
            taken.append((a, s + m.end()))
            name, unsure = ctx.rom(native, origin=nat())
            out.append(
                (
                    Person(
                        name=name,
                        name_native=native,
                        age=parse_number(age) if age else None,
                        nationality=nat(),
                        name_uncertain=unsure,
                    ),
                    a,
                    b,
                )
            )
    for m in _KATA_NAME_RE.finditer(seg) if joiner else ():
        a, b = s + m.start(), s + m.end()
        after = text[b : b + 8]
        if not free(a, b) or _PERSON_TITLE_AFTER.match(after) or _ORGISH_AFTER.match(after):
            continue
        gloss = _LATIN_GLOSS_RE.match(text, b) if text[b : b + 1] in "（(" else None
        gloss_name = person_gloss(gloss.group()) if gloss else None
        if gloss and gloss_name is None:
            continue  # a glossed organization or product name: X(ABC), not X(FSB将校)
        if text[a - 1 : a] in "「『" and (
            text[b : b + 1] in "」』" or _GLOSS_THEN_QUOTE_END_RE.match(text, b)
        ):
            continue  # a quoted name: a company, group or product (企業「X・Y」, 「X・Y(XY)」)
        if _ALIAS_BEFORE_RE.search(text, max(0, a - 4), a):
            continue  # 別名X・Y: another name of a group or tool
        native = m.group()
        end = gloss.end() if gloss else b
        if gloss and _PERSON_TITLE_AFTER.match(text[end : end + 8]):
            continue  # X(John Doe)司法次官補: an official, titled after the gloss
        if non_party_role(text, a, end, native) and not _PARTY_OBJECT_RE.match(text, end):
            continue
        taken.append((a, end))  # with the Latin gloss, which is no second person
        name = gloss_name or ctx.rom(native, origin=nat())[0]
        out.append(
            (
                Person(
                    name=name,
                    name_native=native,
                    nationality=nat(),
                    name_uncertain=gloss_name is None,
                    age=_age_after(text, end),
                ),
                a,
                b,
            )
        )
    if latin and _UPPER_LOWER_RE.search(seg):
        for m in _LATIN_NAME_RE.finditer(seg):
            words = _SPACE_HYPHEN_RE.split(m.group(1))
            if any(w in LATIN_STOP or w in _GROUP_WORDS for w in words):
                continue
            a, b = s + m.start(1), s + m.end(1)
            after = text[b : b + 6]
            if not free(a, b) or _PERSON_TITLE_AFTER.match(after.lstrip()):
                continue
            if _ORG_WORD_AFTER_RE.match(after) and not list_line:
                continue
            if not list_line and non_party_role(text, a, b, m.group(1)):
                continue
            if text[a - 1 : a] in "(（" and _COMPANY_END_RE.search(text[max(0, a - 12) : a - 1]):
                continue  # 四川…株式会社(Sichuan Juxinhe): the company's Latin name
            taken.append((a, b))
            person = Person(
                name=m.group(1), name_native=m.group(1), nationality=nat(), age=_age_after(text, b)
            )
            out.append((person, a, b))
            if list_line:
                break
    out.sort(key=lambda t: t[1])
    return out


_GLOSS_THEN_QUOTE_END_RE = lazy_re(r"[（(][^（）()「」]{1,40}[）)][」』]")
# X(ABC) / X(Foo Bar): a Latin gloss, the whole bracket Latin (X(FSB将校) is a description)
_LATIN_GLOSS_RE = lazy_re(r"[（(][A-Za-z][A-Za-z0-9 .,&'\-]*[）)]")
# words of threat-group and product names (Flax Typhoon, Fancy Bear): a gloss holding one names no
# person
_GROUP_WORDS = frozenset(
    [
        "Typhoon",
        "Bear",
        "Panda",
        "Kitten",
        "Spider",
        "Chollima",
        "Blizzard",
        "Sleet",
        "Storm",
        "Tempest",
        "Sandstorm",
        "Hail",
        "Dust",
        "Rain",
        "Snow",
        "Team",
        "Gang",
        "Squad",
        "Army",
        "Force",
        "Unit",
        "Lab",
        "Labs",
        "Crew",
        "Cat",
        "Dragon",
        "Tiger",
        "Leopard",
        "Kraken",
        "Jackal",
        "Viper",
        "Bot",
        "Botnet",
        "Stealer",
        "Loader",
        "Rat",
        "Ransomware",
        "Locker",
        "Crypt",
        "Soft",
        "Tech",
    ]
)
_GLOSS_WORD_RE = lazy_re(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?|[A-Z]{2,}")


def person_gloss(bracket: str) -> str | None:
    """The Latin name in ``(Park Jin Hyok)`` after a katakana name, when it reads as a person's
    (two to four capitalized words, no organization or threat-group word); else None."""
    words = bracket[1:-1].replace(",", " ").split()
    if not 2 <= len(words) <= 4 or all(w.isupper() for w in words):
        return None
    if any(not _GLOSS_WORD_RE.fullmatch(w) or w in LATIN_STOP or w in _GROUP_WORDS for w in words):
        return None
    return " ".join(words)


# 別名X / 通称X / 別称X: an alias, not a person
_ALIAS_BEFORE_RE = lazy_re(r"(?:別名|通称|別称|またの名)[:：は]?\s*$")


# ヤクベツ氏 / ソコロフ被告: a katakana surname with an honorific, alone
_SURNAME_REF_RE = lazy_re(rf"(?<![{KATA}・=＝･])([{KATA}]{{2,}})(?:氏|被告人?|容疑者)")


# (a list line's bullet ・ is no joiner: \n・アブ・ザイド names アブ・ザイド)
_FULL_KATA_RE = lazy_re(rf"(?:(?<=\n・)|(?<![{KATA}・=＝･]))[{KATA}]+(?:[・=＝･][{KATA}]+)+")
_JOINER_RE = lazy_re(r"[・=＝･]")


@functools.lru_cache(maxsize=8)
def _full_kata_names(text: str) -> tuple[tuple[int, str], ...]:
    """(start, name) of every katakana run with a joiner in ``text`` (read once per article)."""
    return tuple((m.start(), m.group()) for m in _FULL_KATA_RE.finditer(text))


def full_name_before(ctx: Ctx, part: str, pos: int) -> tuple[Person, int, int] | None:
    """The person whose full katakana name, given before ``pos``, has ``part`` as one of its
    parts (ヤクベツ氏 after マクシム・ヤクベツ): as read where first named; None when no such
    name or two different ones."""
    if len(part) < 2:
        return None
    fulls = {
        full
        for a, full in _full_kata_names(ctx.text)
        if a + len(full) <= pos and part in _JOINER_RE.split(full)
    }
    if len(fulls) != 1:
        return None
    full = next(iter(fulls))
    at = ctx.text.find(full)
    first = ctx.sents[ctx.sent_of(at)]
    for p in people_in(ctx, first.start, first.end, latin=False):
        if p[0].name_native == full:
            return p
    return None


# A、B・C、Dの3被告 / A、Bの両容疑者: short katakana references listed before a count of the accused
_REF_LIST_RE = lazy_re(
    rf"(?<![{KATA}・])((?:[{KATA}]{{2,}}(?:・[{KATA}]{{2,}})?、)+[{KATA}]{{2,}}(?:・[{KATA}]{{2,}})?)"
    r"の(?:[0-9０-９一二三四五六七八九十]{1,2}|各|両)(?:被告|容疑者)"
)


def _full_ending(ctx: Ctx, ref: str, pos: int) -> tuple[Person, int, int] | None:
    """The one person whose full katakana name, given before ``pos``, ends with ``ref``."""
    fulls = {
        full
        for a, full in _full_kata_names(ctx.text)
        if a + len(full) <= pos and full != ref and full.endswith("・" + ref)
    }
    if len(fulls) != 1:
        return None
    full = next(iter(fulls))
    first = ctx.sents[ctx.sent_of(ctx.text.find(full))]
    return next(
        (
            p
            for p in people_in(ctx, first.start, first.end, latin=True, list_line=True)
            if p[0].name_native == full
        ),
        None,
    )


def surname_refs(ctx: Ctx, st: Sent) -> list[tuple[Person, int, int]]:
    """People sentence ``st`` names by surname and honorific (ヤクベツ氏) whose full katakana
    name (マクシム・ヤクベツ) the article gave earlier: that person, as read where first named."""
    t = st.text
    if "氏" not in t and "被告" not in t and "容疑者" not in t:
        return []
    out: list[tuple[Person, int, int]] = []
    for m in _REF_LIST_RE.finditer(t) if "、" in t else ():
        # (・アブ・ザイド\n・カリム・ナシル…) ザイド、カリム・ナシルの2被告: each item the end of
        # one full name given before; all or none
        found = [_full_ending(ctx, x, st.start) for x in m.group(1).split("、")]
        if all(found):
            out += [p for p in found if p is not None and p not in out]
    for m in _SURNAME_REF_RE.finditer(t):
        surname = m.group(1)
        if not any(ctx.text.find(j + surname, 0, st.start) >= 0 for j in "・=＝･"):
            continue  # the full name below ends with a joiner and the surname
        full = re.search(rf"[{KATA}]+(?:[・=＝･][{KATA}]+)*[・=＝･]{re.escape(surname)}(?![{KATA}])",
                         ctx.text[: st.start])  # fmt: skip
        if full is None:
            continue
        first = ctx.sents[ctx.sent_of(full.start())]
        for p in people_in(ctx, first.start, first.end, latin=False):
            if p[0].name_native == full.group() and p not in out:
                out.append(p)
    return out


# cheap gates: every match of the pattern they guard holds one of these
def nationality_in(seg: str) -> str | None:
    """``stated_nationality(seg)``, skipped where no demonym can be (each ends in 人 or 籍)."""
    return stated_nationality(seg) if "人" in seg or "籍" in seg else None


def _has_joiner(seg: str) -> bool:
    return "・" in seg or "=" in seg or "＝" in seg or "･" in seg


_UPPER_LOWER_RE = lazy_re(r"[A-Z][a-z]")


# every age people_in reads: (24), (24歳), 24歳
_AGE_MARK_RE = lazy_re(r"[（(]\s*[0-9０-９]|[0-9０-９]\s*歳")


def aged_people_in(ctx: Ctx, line: Sent) -> list[tuple[Person, int, int]]:
    """``people_in`` of a sentence where only people with an age count: none when the sentence
    holds no age and ends with 。 (an age is inside the sentence, or right after a name with
    nothing but さん/氏, spaces, brackets and 、 between, and 。 is none of those)."""
    if line.text.endswith("。") and not _AGE_MARK_RE.search(line.text):
        return []
    return people_in(ctx, line.start, line.end, latin=True)


def _age_after(text: str, b: int) -> int | None:
    m = _AGE_AFTER_RE.match(text, b)
    if not m:
        return None
    return parse_number(m.group(1) or m.group(2))


def sentences_with(ctx: Ctx, words: tuple[str, ...]) -> list[int]:
    """Indices (ascending) of the sentences in which one of ``words`` occurs.

    A caller whose pattern holds one of the words in every match tries the pattern on these
    sentences only: the same finds as trying every sentence, found with ``str.find`` (much
    faster than a regex scan of the whole article)."""
    if len(words) > _FIND_EACH:
        return _sentences_with_alternation(ctx, words)
    text = ctx.text
    spans: list[tuple[int, int]] = []
    for w in words:
        i = text.find(w)
        while i >= 0:
            spans.append((i, i + len(w)))
            i = text.find(w, i + 1)
    if not spans:
        return []
    spans.sort()
    sents = ctx.sents
    n = len(sents)
    found: list[int] = []
    i = 0
    for a, b in spans:
        while i < n and sents[i].end <= a:
            i += 1  # sentences wholly before this word (and, words ascending, every later one)
        j = i
        while j < n and sents[j].start < b:
            if a < sents[j].end and (not found or found[-1] < j):
                found.append(j)
            j += 1
    return found


# up to this many words str.find scans for each; more are found in one scan of an alternation
_FIND_EACH = 4


@functools.lru_cache(maxsize=32)
def _longest_first(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _sentences_with_alternation(ctx: Ctx, words: tuple[str, ...]) -> list[int]:
    """``sentences_with`` by one scan: the alternation, longest word first, finds at each
    offset where a word starts the longest word starting there (the one that reaches the most
    sentences). After a word, the scan goes on past the last sentence it reaches, less the
    longest word's length: a word starting before that ends in sentences already found."""
    search = _longest_first(words).search
    longest = max(map(len, words))
    text = ctx.text
    sents = ctx.sents
    n = len(sents)
    found: list[int] = []
    m = search(text)
    while m is not None:
        a, b = m.span()
        j = max(0, ctx.sent_of(a))
        while j < n and sents[j].start < b:
            if a < sents[j].end and (not found or found[-1] < j):
                found.append(j)
            j += 1
        m = search(text, max(a + 1, sents[j - 1].end - longest + 1) if j else a + 1)
    return found


def list_after(ctx: Ctx, si: int) -> list[Sent]:
    """Bullet/list lines that directly follow sentence ``si`` (a list the sentence introduces).

    A sentence that announces the list (以下の/次の…) may be followed by one short sentence that
    closes its paragraph before the list starts (…以下のリストに載っている。個人6人と3組織が対象。).
    """
    st = ctx.sents[si]
    tail = st.text.rstrip()
    announced = _LIST_AHEAD_RE.search(st.text) is not None
    # (a match ends the tail and is at most 6 characters long: the tail's end is searched)
    if _INTRODUCES_LIST_RE.search(tail[-6:]):
        return list_lines(ctx, si + 1, announced=announced)
    if (
        si + 1 < len(ctx.sents)
        and LIST_BULLET_RE.match(ctx.sents[si + 1].text.strip())
        and (announced or "\n" in ctx.text[st.end : ctx.sents[si + 1].start])
        # …を起訴した。\n■ 制裁対象\n・X: a section heading opens a list of its own
        and (announced or not _group_heading(ctx, si + 1, len(ctx.sents)))
    ):
        # 起訴されたのは以下の6人。\n- X\n- Y / …3人を制裁対象に指定した。\n・X\n・Y
        return list_lines(ctx, si + 1, announced=announced)
    if announced:
        # 以下の3団体を指定した。いずれも…の傘下にある。\n1. X: one or two remarks in the same
        # paragraph before the list
        j = si
        for _ in range(2):
            if (
                j + 1 >= len(ctx.sents)
                or len(ctx.sents[j + 1].text.strip()) > 80
                or LIST_BULLET_RE.match(ctx.sents[j + 1].text.strip())
                or ctx.text[ctx.sents[j].end : ctx.sents[j + 1].start].count("\n") > 0
            ):
                break
            j += 1
            got = list_lines(ctx, j + 1)
            if got:
                return got
    return []


def list_lines(ctx: Ctx, first: int, announced: bool = False) -> list[Sent]:
    """The run of bullet/list lines starting at sentence ``first``.

    A numbered line the sentence splitter cut after its number ('1.' | 'X・Y') is one line.
    A list the text announces (以下の6人。) runs on past what its items carry with them: a
    remark on the line right under an item, and a heading that groups the items after it
    (◆「X」グループ / ・A / ・B / 説明。 / ◆… / ・C), as long as the next item uses the same
    bullet as the items before it (a later ■ section heading ends the list)."""
    out: list[Sent] = []
    sents = ctx.sents
    n = min(len(sents), first + 80)
    item_bullet = ""
    j = first
    while j < n:
        t = sents[j]
        line = t.text.strip()
        if (
            _NUMBER_ONLY_RE.fullmatch(line)
            and j + 1 < len(sents)
            and "\n" not in ctx.text[t.end : sents[j + 1].start]
        ):
            nxt = sents[j + 1]
            out.append(Sent(t.start, nxt.end, ctx.text[t.start : nxt.end]))
            j += 2
            continue
        if LIST_BULLET_RE.match(line) or (len(line) <= 60 and _LATIN_NAME_RE.match(line)):
            kind = _bullet_kind(line)
            if announced and kind != item_bullet and _group_heading(ctx, j, n):
                j += 1
                continue  # ◆「X」グループ over ・A / ・B: names the group, not an item
            if (
                item_bullet
                and kind != item_bullet
                and ctx.text[sents[j - 1].end : t.start].count("\n") > 1
            ):
                break  # ①X\n②Y\n\n■ 背景: a section heading after a blank line ends the list
            out.append(t)
            item_bullet = kind
        elif line:
            full = bool(announced and _ANNOUNCED_COUNT_RE.search(sents[first - 1].text or ""))
            if full:
                # 以下の3人: a list that has all the items it announced ends at a remark
                m = _ANNOUNCED_COUNT_RE.search(sents[first - 1].text)
                full = m is not None and parse_number(m.group(1)) == len(out)
            nxt = (
                _item_after_remark(ctx, j, n, item_bullet)
                if announced and out and not full
                else None
            )
            if nxt is None:
                break
            j = nxt
            continue
        j += 1
    return out


# 以下の6人 / 次の3社: the number of items an announced list holds
_ANNOUNCED_COUNT_RE = lazy_re(
    r"(?:以下|次|下記)の([0-9０-９一二三四五六七八九十]{1,2})\s*(?:人|名|社|団体|組織|機関|企業|法人)"
)


def _bullet_kind(line: str) -> str:
    m = LIST_BULLET_RE.match(line)
    if not m:
        return ""
    b = m.group().strip()
    return "1" if b[:1].isdigit() else "①" if "①" <= b[:1] <= "⑳" else b[:1]


def _group_heading(ctx: Ctx, j: int, n: int) -> bool:
    """Sentence ``j`` is a bullet line directly over lines with another bullet (a heading)."""
    sents = ctx.sents
    if j + 1 >= n or "\n" not in ctx.text[sents[j].end : sents[j + 1].start]:
        return False
    here, below = _bullet_kind(sents[j].text.strip()), _bullet_kind(sents[j + 1].text.strip())
    return bool(here and below and here != below and below != "1")


def _item_after_remark(ctx: Ctx, j: int, n: int, bullet: str) -> int | None:
    """In an announced list, sentence ``j`` (not a bullet line) opens a remark on the item
    just before it: the index of the next item past the remark (at most three sentences, no
    blank line between the item and the remark), or None where the list ends."""
    sents = ctx.sents
    if not bullet or ctx.text[sents[j - 1].end : sents[j].start].count("\n") > 1:
        return None
    k = j
    while k < min(n, j + 4):
        line = sents[k].text.strip()
        if _LIST_AHEAD_RE.search(line) or line.endswith((":", "：")):
            return None  # 被害を受けたのは以下の企業。: another list begins
        if LIST_BULLET_RE.match(line):
            if _bullet_kind(line) == bullet or _group_heading(ctx, k, n):
                return k
            return None
        k += 1
    return None


_NUMBER_ONLY_RE = lazy_re(r"\d{1,2}[.．]")
# 次の6社 / 以下の3団体 / 以下の企業: a list the sentence announces names organizations
ORG_LIST_INTRO_RE = lazy_re(
    r"(?:以下|次|下記)の[0-9０-９一二三四五六七八九十]{0,2}\s*(?:社|団体|組織|機関|企業|法人|大学|病院)"
)
