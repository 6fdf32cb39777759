"""Cheap guards for the rules engine's patterns: compiled on first use (``lazy_re``), and tried
only where a sentence can hold a match (``Gated``: a key that every match contains, checked first).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, cast

__all__ = ["Gated", "lazy_re"]


class _LazyPattern:
    """A pattern compiled on first use: most patterns of the rules engine serve one kind of
    sentence, and compiling all of them costs a one-article run ~80 ms of start-up.

    After the first use the compiled pattern's own (C) methods sit in the instance, so a call
    costs what a call on the compiled pattern costs."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        rx = re.compile(self.pattern, self._flags)
        for attr in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn",
                     "split", "scanner", "flags", "groups", "groupindex"):  # fmt: skip
            self.__dict__[attr] = getattr(rx, attr)
        return getattr(rx, name)


def lazy_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled the first time a method is used."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))


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
