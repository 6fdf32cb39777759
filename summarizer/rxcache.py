"""Regular expressions compiled on first use (``lazy_re``), their compiled code kept on disk
between runs (``PatternCache``), as ``.pyc`` files keep bytecode: compiling the patterns is most
of a one-article run's start-up, chiefly CPython's character-class optimizer walking a kanji
class code point by code point for every pattern that holds one.

Here, not in ``rules``, so that modules outside the rules engine (ingest) use it without
importing the engine.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import re
import sys
import zlib
from array import array
from typing import Any, cast

__all__ = ["PatternCache", "cached_re", "lazy_re", "pattern_cache"]

_ENV = "SUMMARIZER_PATTERN_CACHE"  # "0" (or off/no/false) turns the cache off
_OFF = frozenset({"0", "off", "no", "false"})
# flags whose patterns are cached; any other (DEBUG prints, LOCALE and TEMPLATE warn or raise)
# goes to re.compile as it is
_PLAIN_FLAGS = int(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.ASCII | re.UNICODE)
_CODE = "I"  # array type of one regex code word (checked against _sre.CODESIZE in _sre_tag)


def _sre_tag() -> str | None:
    """What compiled code depends on: interpreter, regex engine version, code word size and byte
    order (the big-charset tables are packed in native order). None where there is no ``_sre``."""
    try:
        import _sre

        if array(_CODE).itemsize != _sre.CODESIZE:
            return None
        v = sys.version_info
        return (
            f"{sys.implementation.name}-{v.major}.{v.minor}.{v.micro}-{v.releaselevel}"
            f"-{_sre.MAGIC}-{_sre.CODESIZE}-{sys.byteorder}"
        )
    except (ImportError, AttributeError):
        return None


class PatternCache:
    """Compiled regular expressions kept in ``directory``, one file per pattern and flags.

    A file holds the pattern, its flags and the code ``re`` compiled it to, with a checksum; a
    hit hands that code to the regex engine (which validates it) instead of parsing and
    optimizing the pattern again. The files live in a folder named for the interpreter and
    regex-engine version (``_sre_tag``), so another Python never reads them. Anything
    unexpected (no such file, a torn or foreign file, an unwritable folder, a Python whose
    ``re`` internals differ) falls back to ``re.compile``: the cache changes how long a
    pattern takes to compile, never what it matches.

    Files are written to a temporary name and renamed, so a concurrent or killed run never
    leaves half a file under the real name; a folder that cannot be written is not tried again
    in this process.
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        tag = _sre_tag()
        self.directory = os.path.join(os.fspath(directory), tag) if tag else None
        self._writable = True

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """``re.compile(pattern, flags)``, from the cache when it holds the pattern."""
        flags = int(flags)
        if self.directory is None or not isinstance(pattern, str) or flags & ~_PLAIN_FLAGS:
            return re.compile(pattern, flags)
        path = os.path.join(self.directory, _key(pattern, flags))
        rx = self._load(path, pattern, flags)
        if rx is not None:
            return rx
        try:
            rx, entry = _compile(pattern, flags)
        except Exception:  # noqa: BLE001  (a bad pattern: let re raise its own error)
            return re.compile(pattern, flags)
        if self._writable:
            self._store(path, entry)
        return rx

    def _load(self, path: str, pattern: str, flags: int) -> re.Pattern[str] | None:
        try:
            with open(path, "rb") as fh:
                blob = fh.read()
            crc, body = int.from_bytes(blob[:4], "little"), blob[4:]
            if zlib.crc32(body) != crc:
                return None
            entry = marshal.loads(body)
            if entry[0] != pattern or entry[1] != flags:
                return None
            return _build(entry)
        except Exception:  # noqa: BLE001  (missing, torn, foreign or stale: compile afresh)
            return None

    def _store(self, path: str, entry: tuple[Any, ...]) -> None:
        import tempfile

        tmp = None
        try:
            body = marshal.dumps(entry)
            os.makedirs(self.directory or "", mode=0o700, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(zlib.crc32(body).to_bytes(4, "little") + body)
            os.replace(tmp, path)
            tmp = None
        except Exception:  # noqa: BLE001  (read-only home, full disk, ...: run uncached)
            self._writable = False
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def _key(pattern: str, flags: int) -> str:
    raw = f"{flags}\0{pattern}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()[:40]


def _compile(pattern: str, flags: int) -> tuple[re.Pattern[str], tuple[Any, ...]]:
    """What ``re._compiler.compile`` does for a str pattern, keeping the code it builds: parse,
    generate code, map group names, hand all to ``_sre.compile``."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    entry = (
        pattern, flags, flags | p.state.flags, array(_CODE, code).tobytes(), p.state.groups - 1,
        groupindex, tuple(indexgroup),
    )  # fmt: skip
    return _build(entry), entry


def _build(entry: tuple[Any, ...]) -> re.Pattern[str]:
    import _sre

    pattern, _flags, final_flags, raw, groups, groupindex, indexgroup = entry
    code = array(_CODE)
    code.frombytes(raw)
    return cast("re.Pattern[str]", _sre.compile(pattern, final_flags, code.tolist(), groups,
                                                groupindex, indexgroup))  # fmt: skip


_cache: PatternCache | None | bool = False  # False: not looked up yet


def pattern_cache() -> PatternCache | None:
    """The user's pattern cache: ``$XDG_CACHE_HOME/summarizer/patterns`` (else
    ``~/.cache/summarizer/patterns``); None when ``SUMMARIZER_PATTERN_CACHE=0`` turns it off.
    Looked up once per process."""
    global _cache
    if _cache is False:
        _cache = None
        if os.environ.get(_ENV, "").strip().lower() not in _OFF:
            base = os.environ.get("XDG_CACHE_HOME", "")
            if not os.path.isabs(base):  # unset, or relative (which XDG says to ignore)
                base = os.path.join(os.path.expanduser("~"), ".cache")
            if os.path.isabs(base):  # no home folder: no cache
                _cache = PatternCache(os.path.join(base, "summarizer", "patterns"))
    return cast("PatternCache | None", _cache)


def cached_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` now, through the pattern cache: for module-level patterns
    that are used by nearly every article (a real ``re.Pattern``, unlike ``lazy_re``'s stand-in).
    Only for patterns compiled once per process: each call reads the cache."""
    cache = pattern_cache()
    if cache is None:
        return re.compile(pattern, flags)
    return cache.compile(pattern, flags)


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
        rx = cached_re(self.pattern, self._flags)
        for attr in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn",
                     "split", "scanner", "flags", "groups", "groupindex"):  # fmt: skip
            self.__dict__[attr] = getattr(rx, attr)
        return getattr(rx, name)


def lazy_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled the first time a method is used."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
