"""Patterns led by a long list of words, tried only where one of those words begins.

``re`` tries a pattern such as ``(中国|北朝鮮|ロシア|...150 names)(?:の|系)...ハッカー`` at every
position of the text, testing each alternative in turn: on a whole article that is most of the
cost of the pattern. ``Led`` finds where any of the leading words begins in one Aho-Corasick pass
and runs the compiled pattern only there. The matches are exactly those of the pattern itself,
because every match of the pattern must begin with one of the words (the caller's promise).

Only worth it for a pattern ``re`` cannot scan by its first character: a top-level alternation
of groups (``(A…)x|(A…)y``). A pattern that starts with one group of words, ``(A|B|C)…``, gets
a first-character prefilter from ``re`` itself and is faster left alone (measured).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, cast

__all__ = ["Gated", "Led", "lazy_re"]


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


class Led:
    """``re.compile(pattern)`` whose every match begins with one of ``words``.

    ``finditer`` and ``search`` return the same ``re.Match`` objects as the compiled pattern's
    (non-empty matches, no look-behind before the leading word).
    """

    def __init__(self, pattern: str, words: Iterable[str]) -> None:
        self.pattern = re.compile(pattern)
        self._auto: Any = None
        try:
            import ahocorasick
        except ImportError:  # pragma: no cover - a dependency; plain re is correct, only slower
            return
        auto = ahocorasick.Automaton()
        for w in set(words):
            if w:
                auto.add_word(w, len(w))
        auto.make_automaton()
        self._auto = auto

    def _starts(self, text: str) -> list[int]:
        return sorted({end - n + 1 for end, n in self._auto.iter(text)})

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._auto is None:  # pragma: no cover
            yield from self.pattern.finditer(text)
            return
        pos = 0
        match = self.pattern.match
        for p in self._starts(text):
            if p < pos:
                continue
            m = match(text, p)
            if m is not None:
                yield m
                pos = m.end()

    def search(self, text: str) -> re.Match[str] | None:
        if self._auto is None:  # pragma: no cover
            return self.pattern.search(text)
        match = self.pattern.match
        for p in self._starts(text):
            m = match(text, p)
            if m is not None:
                return m
        return None


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
