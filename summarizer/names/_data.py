"""The name tables: tab-separated files in ``summarizer/names/data``, read once, on first use.

Each file starts with ``#`` comment lines, then a header row; every later row has as many
columns as the header. ``rows`` returns the rows without comments and header.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

TABLES = (
    "korean_surnames",
    "korean_syllables",
    "russian_names",
    "persian_names",
    "chinese_katakana",
    "western_names",
    "nonparty",
)


class TableError(ValueError):
    """A name table is malformed (a packaging or editing fault, not bad user input)."""


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The data rows of ``data/<name>.tsv``; raises TableError when a row is malformed."""
    path = DATA_DIR / f"{name}.tsv"
    header: tuple[str, ...] | None = None
    out: list[tuple[str, ...]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = tuple(c.strip() for c in line.split("\t"))
        if header is None:
            header = cells
            continue
        if len(cells) != len(header) or not all(cells):
            raise TableError(f"{path.name}:{n}: expected {len(header)} non-empty columns")
        out.append(cells)
    if header is None:
        raise TableError(f"{path.name}: no header row")
    return tuple(out)


@cache
def mapping(name: str, column: int = 1) -> dict[str, str]:
    """First column -> ``column`` (later rows win for a repeated key)."""
    return {r[0]: r[column] for r in rows(name)}
