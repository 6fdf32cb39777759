"""Which language a name comes from: the nationality stated near it when there is one (ISO
alpha-2), else the name's own shape (script, a Korean surname followed by Korean syllables,
Russian or Persian given names and endings, Mandarin syllables)."""

from __future__ import annotations

from summarizer.names import chinese, korean, persian, russian, western

KOREAN = "KO"
PERSIAN = "FA"
RUSSIAN = "RU"
CHINESE = "ZH"
JAPANESE = "JA"
WESTERN = "WEST"

_BY_COUNTRY: dict[str, str] = {
    "KP": KOREAN,
    "KR": KOREAN,
    "IR": PERSIAN,
    "AF": PERSIAN,
    "TJ": PERSIAN,
    "IQ": PERSIAN,
    "SY": PERSIAN,
    "LB": PERSIAN,
    "PS": PERSIAN,
    "JO": PERSIAN,
    "SA": PERSIAN,
    "AE": PERSIAN,
    "QA": PERSIAN,
    "KW": PERSIAN,
    "BH": PERSIAN,
    "OM": PERSIAN,
    "YE": PERSIAN,
    "EG": PERSIAN,
    "LY": PERSIAN,
    "TN": PERSIAN,
    "DZ": PERSIAN,
    "MA": PERSIAN,
    "SD": PERSIAN,
    "PK": PERSIAN,
    "RU": RUSSIAN,
    "BY": RUSSIAN,
    "UA": RUSSIAN,
    "KZ": RUSSIAN,
    "KG": RUSSIAN,
    "MD": RUSSIAN,
    "UZ": RUSSIAN,
    "AM": RUSSIAN,
    "AZ": RUSSIAN,
    "GE": RUSSIAN,
    "CN": CHINESE,
    "HK": CHINESE,
    "MO": CHINESE,
    "TW": CHINESE,
    "JP": JAPANESE,
}


def from_country(code: str | None) -> str | None:
    """The origin a stated nationality implies (None for countries with no romanizer)."""
    return _BY_COUNTRY.get((code or "").strip().upper())


def from_katakana(parts: list[str]) -> str:
    """The origin a katakana name's shape suggests (WESTERN when nothing does)."""
    if korean.looks_korean(parts) and not any(
        p in russian.table() or p in persian.table() or western.known(p) for p in parts[1:]
    ):
        return KOREAN
    last = parts[-1] if len(parts) >= 2 else ""
    if last and russian.ENDINGS.search(last) and not persian.known(last):
        return RUSSIAN  # the surname decides: Karim Baratov
    if persian.looks_persian(parts):
        return PERSIAN
    if russian.looks_russian(parts):
        return RUSSIAN
    if len(parts) >= 2 and all((s := chinese.katakana_syllables(p)) and len(s) <= 2 for p in parts):
        return CHINESE
    return WESTERN
