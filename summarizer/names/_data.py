"""The name tables: tab-separated files in ``summarizer/names/data``, read once, on first use.

Each file starts with ``#`` comment lines, then a header row; every later row has as many
columns as the header. ``rows`` returns the rows without comments and header.
"""

from __future__ import annotations

import os
from functools import cache

# a plain path string: pathlib costs milliseconds of import for a module that must start fast
DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

TABLES = (
    "korean_surnames",
    "korean_syllables",
    "russian_names",
    "persian_names",
    "chinese_katakana",
    "western_names",
    "nonparty",
    "korean_hanja",
    "russian_known",
    "persian_known",
    "russian_lexicon",
    "org_terms",
    "org_loanwords",
    "han_readings",
    "katakana_names",
    "katakana_words",
)

# large general lexicons built by scripts (key, latin, kind): single names, not people
LEXICONS = ("russian_lexicon", "katakana_names")


class TableError(ValueError):
    """A name table is malformed (a packaging or editing fault, not bad user input)."""


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The data rows of ``data/<name>.tsv``; raises TableError when a row is malformed."""
    path = os.path.join(DATA_DIR, f"{name}.tsv")
    fname = os.path.basename(path)
    header: tuple[str, ...] | None = None
    out: list[tuple[str, ...]] = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = tuple(c.strip() for c in line.split("\t"))
        if header is None:
            header = cells
            continue
        if len(cells) != len(header) or not all(cells):
            raise TableError(f"{fname}:{n}: expected {len(header)} non-empty columns")
        out.append(cells)
    if header is None:
        raise TableError(f"{fname}: no header row")
    return tuple(out)


@cache
def mapping(name: str, column: int = 1) -> dict[str, str]:
    """First column -> ``column`` (later rows win for a repeated key)."""
    return {r[0]: r[column] for r in rows(name)}
