"""Cheap guards for the rules engine's patterns: compiled on first use (``lazy_re``), and tried
only where a sentence can hold a match (``Gated``: a key that every match contains, checked first).

Compiled pattern code is kept on disk between runs (``summarizer.rxcache``), as ``.pyc`` files
keep bytecode.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from summarizer.rxcache import PatternCache, lazy_re, pattern_cache

__all__ = ["Gated", "PatternCache", "lazy_re", "pattern_cache"]


class Gated:
    """``re.compile(pattern)`` run only on texts where ``gate`` (a cheap pattern that every match
    must contain) occurs: most sentences are rejected by one fast search."""

    def __init__(self, pattern: str, gate: str) -> None:
        self.pattern = lazy_re(pattern)
        self._gate = lazy_re(gate)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._gate.search(text) is None:
            return iter(())
        return self.pattern.finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        if self._gate.search(text) is None:
            return None
        return self.pattern.search(text)
