"""Large general lexicons of real names, keyed by folded katakana (``known.fold``), built offline
by scripts (``scripts/build_russian_lexicon.py``) into ``data/<name>.tsv`` rows of key, Latin
spelling, kind. They load on the first katakana name of their language (the Russian one, some
31,000 keys, in a few tens of milliseconds) and are consulted after the short hand-written lists
of ``known``: a hit is a name that exists, spelled as US announcements spell it.

Katakana often folds several real names together (ラリン is Larin or Rarin): of those, the one
closest in letters to the rules' own read-back of the katakana wins.

The EDRDG tables (``scripts/build_katakana_names.py``, CC BY-SA 4.0) are keyed by exact
katakana: ``katakana_names`` (JMnedict foreign given names and surnames, one word each, the
spelling the dictionary uses most first; ~49,000 keys, ~35 ms CPU to load) and
``katakana_words`` (JMnedict company, organization and product names, JMdict loanwords;
~30,000 keys, ~15 ms), read by ``orgs`` for katakana words of organization names.
"""

from __future__ import annotations

import os
import re
from functools import cache

from summarizer.names import _data
from summarizer.names.known import fold


@cache
def index(name: str) -> dict[str, str]:
    """Folded key -> its rows' "latin<TAB>kind", several joined by "|" (a plain read of the
    file: tens of thousands of rows, parsed only as far as a lookup needs)."""
    out: dict[str, str] = {}
    path = os.path.join(_data.DATA_DIR, f"{name}.tsv")
    with open(path, encoding="utf-8") as f:
        lines = [ln for ln in f.read().splitlines() if ln and not ln.startswith("#")]
    if not lines or lines[0].split("\t") != ["key", "latin", "kind"]:
        raise _data.TableError(f"{name}.tsv: expected the header key, latin, kind")
    for line in lines[1:]:
        key, _, rest = line.partition("\t")
        out[key] = out[key] + "|" + rest if key in out else rest
    return out


def _distance(a: str, b: str) -> int:
    a, b = a.lower(), b.lower()
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def lookup(name: str, katakana: str, guess: str) -> tuple[str, str, bool] | None:
    """(Latin, kind, alone) of the lexicon's name whose katakana folds like ``katakana``; of
    several, the one nearest ``guess`` (the rules' read-back) in letters, and ``alone`` False
    (a choice among real names is still a guess). None when none does."""
    key = fold(katakana)
    if len(key) < 3:
        return None
    raw = index(name).get(key)
    if not raw:
        return None
    hits = [tuple(h.split("\t", 1)) for h in raw.split("|")]
    latin, kind = min(hits, key=lambda h: _distance(h[0], guess))
    return latin, kind, len({h[0] for h in hits}) == 1


# the EDRDG name and word tables (scripts/build_katakana_names.py), keyed by exact katakana
NAMES = "katakana_names"
WORDS = "katakana_words"


_FOLDS = (
    ("kh", "h"), ("gh", "g"), ("q", "g"), ("ck", "k"), ("c", "k"), ("l", "r"), ("v", "b"),
    ("w", "b"), ("y", "i"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
)  # fmt: skip


def _sound(latin: str) -> str:
    """A Latin spelling with only what katakana shows: l/r, b/v/w, h/kh, g/gh/q, c/k, doubled
    letters, a final h, and a vowel's length (r after a vowel: Mark, マーク) folded."""
    s = latin.lower()
    for a, b in _FOLDS:
        s = s.replace(a, b)
    s = re.sub(r"(?<=[aeiou])r(?![aeiou])", "", s)
    s = re.sub(r"h$", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


def same_sound(a: str, b: str) -> bool:
    """Do two spellings differ only in letters katakana cannot show (Khamenei/Hamenei)?"""
    return _sound(a) == _sound(b)


def name_part(
    katakana: str, guess: str | None = None, nearest: str | None = None
) -> tuple[str, bool] | None:
    """(Latin, alone) of a foreign given name or surname of JMnedict written ``katakana``
    (``data/katakana_names.tsv``: one word, a name part, never a full name); of several
    spellings the one most used in the dictionary, and ``alone`` False. With ``guess`` (an
    origin's own read-back) only a spelling that differs from it in letters katakana cannot
    show is taken (ハメネイ: Khamenei for Hamenei, not Kassian for Kashian); with ``nearest``
    the spelling nearest it in letters (ties: the most used). None otherwise."""
    if len(katakana) < 2:
        return None
    raw = index(NAMES).get(katakana)
    if not raw:
        return None
    spellings = [h.split("\t", 1)[0] for h in raw.split("|")]
    fits = [s for s in spellings if guess is None or same_sound(s, guess)]
    if not fits:
        return None
    best = fits[0] if nearest is None else min(fits, key=lambda s: _distance(s, nearest))
    return best, len(set(spellings)) == 1
