"""Large general lexicons of real names, keyed by folded katakana (``known.fold``), built offline
by scripts (``scripts/build_russian_lexicon.py``) into ``data/<name>.tsv`` rows of key, Latin
spelling, kind. They load on the first katakana name of their language (the Russian one, some
31,000 keys, in a few tens of milliseconds) and are consulted after the short hand-written lists
of ``known``: a hit is a name that exists, spelled as US announcements spell it.

Katakana often folds several real names together (ラリン is Larin or Rarin): of those, the one
closest in letters to the rules' own read-back of the katakana wins.
"""

from __future__ import annotations

import os
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
