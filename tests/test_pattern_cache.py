"""The on-disk cache of compiled patterns (``rxcache.PatternCache``): a pattern read back from
the cache matches exactly what ``re.compile`` of the same pattern matches, and a cache that is
corrupt, foreign, unwritable or turned off falls back to ``re.compile`` without a word."""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import rxcache
from summarizer.rxcache import PatternCache, lazy_re

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HOLDERS = {"summarizer.rules.led", "summarizer.rules.victims"}
MODULES = [
    "summarizer.ingest",
    *(f"summarizer.rules.{m}" for m in ("actors", "indictments", "people", "reading")),
    *(f"summarizer.rules.{m}" for m in ("sanctions", "software", "victims")),
]


def _lazy_patterns() -> Iterator[tuple[str, int]]:
    """(pattern, flags) of every lazily compiled pattern that ingest and the rules define."""
    seen: dict[int, object] = {}  # id -> the object, kept alive so no id is reused

    def walk(obj: object) -> Iterator[tuple[str, int]]:
        if id(obj) in seen:
            return
        seen[id(obj)] = obj
        if isinstance(obj, rxcache._LazyPattern):
            yield obj.pattern, obj._flags
        elif isinstance(obj, (list, tuple, set, frozenset)):
            for x in obj:
                yield from walk(x)
        elif isinstance(obj, dict):
            for x in obj.values():
                yield from walk(x)
        elif type(obj).__module__ in HOLDERS:  # Gated and its like hold patterns as attributes
            slots = getattr(type(obj), "__slots__", ())
            yield from walk([getattr(obj, a, None) for a in slots])
            yield from walk(getattr(obj, "__dict__", {}))

    for name in MODULES:
        module = importlib.import_module(name)
        yield from walk(vars(module))


def _behaviour(rx: re.Pattern[str], texts: list[str]) -> list[object]:
    out: list[object] = [rx.pattern, rx.flags, rx.groups, dict(rx.groupindex)]
    for t in texts:
        out.append([(m.span(), m.groups(), m.groupdict()) for m in rx.finditer(t)])
        out.append(rx.sub("#", t[:400]))
    return out


def test_cached_patterns_match_what_re_compile_matches(tmp_path: Path) -> None:
    patterns = sorted(set(_lazy_patterns()))
    assert len(patterns) > 100  # the walk found the rules engine's patterns
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))[:8]]
    texts.append("")
    first = PatternCache(tmp_path)
    second = PatternCache(tmp_path)  # a later run: every pattern from disk
    for pattern, flags in patterns:
        expected = _behaviour(re.compile(pattern, flags), texts)
        assert _behaviour(first.compile(pattern, flags), texts) == expected, pattern
        assert _behaviour(second.compile(pattern, flags), texts) == expected, pattern
    assert len(os.listdir(first.directory)) == len(patterns)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        pytest.param(
            r"(?P<who>[一-龥々〆ヶ㐀-䶵豈-鶴]+)(?:容疑者|被告)", 0, id="named-group-kanji"
        ),
        pytest.param(r"apt\s*(\d+)", re.IGNORECASE, id="ignorecase"),
        pytest.param(r"^(?:a|b)$", re.MULTILINE | re.ASCII, id="multiline-ascii"),
        pytest.param(r"(?x) a b  # verbose", 0, id="inline-verbose"),
    ],
)
def test_flags_and_groups_survive_the_cache(tmp_path: Path, pattern: str, flags: int) -> None:
    PatternCache(tmp_path).compile(pattern, flags)
    cached = PatternCache(tmp_path).compile(pattern, flags)
    fresh = re.compile(pattern, flags)
    texts = ["田中容疑者と佐藤被告", "APT 41 apt28", "a\nb\nc", "ab a b"]
    assert _behaviour(cached, texts) == _behaviour(fresh, texts)


def _only_file(cache: PatternCache) -> Path:
    assert cache.directory is not None
    (name,) = os.listdir(cache.directory)
    return Path(cache.directory) / name


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b[: len(b) // 2], id="torn"),
        pytest.param(lambda b: b[:-1] + bytes([b[-1] ^ 1]), id="bit-flip"),
        pytest.param(lambda b: b"\0" * len(b), id="zeros"),
    ],
)
def test_a_corrupt_entry_falls_back_and_is_rewritten(tmp_path: Path, damage: object) -> None:
    pattern = r"(\d+)人民解放軍"
    cache = PatternCache(tmp_path)
    cache.compile(pattern)
    path = _only_file(cache)
    good = path.read_bytes()
    path.write_bytes(damage(good))  # type: ignore[operator]
    rx = PatternCache(tmp_path).compile(pattern)
    assert rx.findall("第61398人民解放軍") == ["61398"]
    assert path.read_bytes() == good


def test_an_entry_for_another_pattern_is_not_used(tmp_path: Path) -> None:
    """A file under the right name holding another pattern (a hash collision, a copied file)."""
    cache = PatternCache(tmp_path)
    cache.compile("abc")
    abc = _only_file(cache)
    cache.compile("xyz")
    xyz = next(p for p in Path(abc).parent.iterdir() if p != abc)
    xyz.write_bytes(abc.read_bytes())
    assert PatternCache(tmp_path).compile("xyz").search("xyz") is not None


def test_an_unwritable_cache_compiles_silently(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    cache = PatternCache(blocker)
    assert cache.compile(r"(\w+)@").findall("a@ b@") == ["a", "b"]
    assert cache.compile(r"x+").search("axxb") is not None  # no second try, no error
    assert blocker.read_text() == "x"


def test_a_bad_pattern_raises_what_re_raises(tmp_path: Path) -> None:
    with pytest.raises(re.error):
        PatternCache(tmp_path).compile("(unclosed")
    assert not (tmp_path.exists() and any(tmp_path.rglob("*")))


def test_the_folder_is_named_for_the_interpreter(tmp_path: Path) -> None:
    """Another Python (or another regex engine version) never reads these files."""
    import _sre
    import sys

    cache = PatternCache(tmp_path)
    assert cache.directory is not None
    name = Path(cache.directory).name
    assert str(_sre.MAGIC) in name
    assert f"{sys.version_info.major}.{sys.version_info.minor}." in name


def test_the_env_switch_and_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(rxcache, "_cache", False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("SUMMARIZER_PATTERN_CACHE", raising=False)
    cache = rxcache.pattern_cache()
    assert cache is not None and cache.directory is not None
    assert Path(cache.directory).parent == tmp_path / "summarizer" / "patterns"
    rx = lazy_re(r"標的(?:は|には)")
    assert rx.search("標的は") is not None
    assert len(os.listdir(cache.directory)) == 1

    monkeypatch.setattr(rxcache, "_cache", False)
    monkeypatch.setenv("SUMMARIZER_PATTERN_CACHE", "0")
    assert rxcache.pattern_cache() is None
    assert lazy_re(r"(\d+)件").findall("3件") == ["3"]
    assert len(os.listdir(cache.directory)) == 1  # nothing written while off


def test_a_relative_xdg_cache_home_is_ignored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """XDG: a relative ``XDG_CACHE_HOME`` is invalid; the default under the home folder is used."""
    monkeypatch.setattr(rxcache, "_cache", False)
    monkeypatch.delenv("SUMMARIZER_PATTERN_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    cache = rxcache.pattern_cache()
    assert cache is not None and cache.directory is not None
    assert Path(cache.directory).parent == tmp_path / ".cache" / "summarizer" / "patterns"
