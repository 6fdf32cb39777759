"""Large general lexicons of real names, keyed by folded katakana (``known.fold``), built offline
by scripts (``scripts/build_russian_lexicon.py``) into ``data/<name>.tsv`` rows of key, Latin
spelling, kind. They load on the first katakana name of their language (a dict of some 50,000
keys, well under a second) and are consulted after the short hand-written lists of
``known``: a hit is a name that exists, spelled as US announcements spell it.

Katakana often folds several real names together (ラリン is Larin or Rarin): of those, the one
closest in letters to the rules' own read-back of the katakana wins.
"""

from __future__ import annotations

from functools import cache

from summarizer.names import _data
from summarizer.names.known import fold


@cache
def index(name: str) -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for key, latin, kind in _data.rows(name):
        out.setdefault(key, []).append((latin, kind))
    return {k: tuple(v) for k, v in out.items()}


def _distance(a: str, b: str) -> int:
    a, b = a.lower(), b.lower()
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def lookup(name: str, katakana: str, guess: str) -> tuple[str, str] | None:
    """(Latin, kind) of the lexicon's name whose katakana folds like ``katakana``; of several,
    the one nearest ``guess`` (the rules' read-back) in letters. None when none does."""
    key = fold(katakana)
    if len(key) < 3:
        return None
    hits = index(name).get(key)
    if not hits:
        return None
    return min(hits, key=lambda h: _distance(h[0], guess))
