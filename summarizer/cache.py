"""A content-hash cache of finished reports, so the same article never costs a second request.

The key is ``pipeline.cache_key``: the decoded text, engine, model, server, prompt and schema
hashes and the sampling settings. A hit returns the stored report with its ``source`` replaced
by the current input's (the same text may arrive under another name); provenance is kept as
recorded, so a re-run reproduces the first run's output exactly. Before a hit is served its
evidence is checked against the article (every quote at its offsets); an entry that fails is a
miss and the article is extracted again.

Layout: ``<dir>/<key[:2]>/<key>.json``, each file written to a temporary name and renamed, so
a killed process never leaves a torn entry; an unreadable entry counts as a miss.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from summarizer.fsutil import atomic_open
from summarizer.models import ENTITY_FIELDS, Source, ThreatReport

__all__ = ["ReportCache", "default_cache_dir", "grounded_in"]


def default_cache_dir() -> Path:
    """``$SUMMARIZER_CACHE_DIR``, else ``$XDG_CACHE_HOME/summarizer``, else ``~/.cache/...``."""
    explicit = os.environ.get("SUMMARIZER_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "summarizer" / "reports"


def grounded_in(report: ThreatReport, text: str) -> bool:
    """Every evidence of every entity is ``text[start:end] == quote`` (SPEC's grounding rule)."""
    for name in ENTITY_FIELDS:
        for entity in getattr(report, name):
            for ev in entity.evidence:
                if not 0 <= ev.start <= ev.end <= len(text) or text[ev.start : ev.end] != ev.quote:
                    return False
    return True


class ReportCache:
    """Reports by content key, on disk."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0
        self.rejected = 0  # entries whose evidence did not match the article

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, source: Source, text: str | None = None) -> ThreatReport | None:
        """The stored report for ``key`` with ``source`` as its source, or None.

        With ``text`` (the decoded article), a report whose evidence does not point at its
        quote in that text (an edited, corrupt or colliding entry) is a miss, never served.
        """
        try:
            data = self._path(key).read_bytes()
            report = ThreatReport.model_validate_json(data)
        except (OSError, ValueError, ValidationError):
            self.misses += 1
            return None
        if text is not None and not grounded_in(report, text):
            self.misses += 1
            self.rejected += 1
            return None
        self.hits += 1
        return report.model_copy(update={"source": source})

    def put(self, key: str, report: ThreatReport) -> None:
        """Store ``report`` atomically; a cache that cannot be written is skipped silently."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_open(path) as fh:
                fh.write(report.model_dump_json())
        except OSError:
            return
