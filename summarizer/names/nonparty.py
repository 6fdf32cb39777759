"""Well-known non-parties: officials' titles (a person so titled announces, prosecutes,
sanctions or comments: 長官, 次官, 司法長官, 検事総長, 報道官, 大臣, 特別検察官 ...) and well-known
companies, outlets and bodies that report on, investigate or suffer an attack; and katakana
words that are never part of a person's name (サイバー・キャンペーン). The rules engine
asks ``is_non_party`` before it makes someone a defendant or a sanction target."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from summarizer.names import _data


@cache
def titles() -> tuple[str, ...]:
    """Officials' titles, longest first."""
    return tuple(
        sorted((r[0] for r in _data.rows("nonparty") if r[1] == "title"), key=lambda t: -len(t))
    )


@cache
def organizations() -> frozenset[str]:
    return frozenset(_fold(r[0]) for r in _data.rows("nonparty") if r[1] == "organization")


@cache
def words() -> frozenset[str]:
    """Katakana words that are never a person's name (サイバー, キャンペーン, ハッカー ...)."""
    return frozenset(r[0] for r in _data.rows("nonparty") if r[1] == "word")


@cache
def title_pattern() -> re.Pattern[str]:
    """Matches a title at the start of a string (use ``.match(text, pos)`` after a name)."""
    return re.compile("|".join(re.escape(t) for t in titles()))


def _fold(s: str) -> str:
    return re.sub(r"[\s・･=＝]", "", unicodedata.normalize("NFKC", s)).casefold()


def is_title(surface: str) -> bool:
    """Is ``surface`` an official's title, or a name ending in one (ガーランド司法長官)?"""
    s = unicodedata.normalize("NFKC", surface or "").strip()
    return bool(s) and any(s.endswith(t) for t in titles())


def is_non_party(surface: str) -> bool:
    """Is ``surface`` (as written in the article) a title, a titled official, or a well-known
    company or outlet, i.e. never a defendant or a sanction target?

    >>> is_non_party("司法長官"), is_non_party("ソニー・ピクチャーズ")
    (True, True)
    """
    if is_title(surface):
        return True
    s = unicodedata.normalize("NFKC", surface or "").strip()
    if any(p in words() for p in re.split(r"[・･=＝\s]+", s) if p):
        return True  # サイバー・キャンペーン is not a person
    f = _fold(surface)
    if not f:
        return False
    orgs = organizations()
    return f in orgs or any(f.startswith(o) and len(o) >= 3 for o in orgs)
