"""The token budget of one model request: chunks sized in tokens so prompt + reserved output fit.

A request is ``instructions + schema (where the profile sends it) + hints + article chunk`` and
the server must leave room for the answer. Token counts are offline estimates with OpenAI's
o200k encoding (``bpe-openai``); the server's own tokenizer differs, so the article's count is
inflated by ``SAFETY`` and a fixed allowance covers the chat template. Nothing is ever truncated:
an article whose single sentence cannot fit is a one-line ``ConfigError``.

    budget for the article = (context - reserved output - prompt overhead - TEMPLATE) / SAFETY
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from summarizer.errors import ConfigError

if TYPE_CHECKING:
    from summarizer.config import Settings

__all__ = ["article_budget", "count_tokens", "output_reserve", "token_chunks"]

SAFETY = 1.15  # the server's tokenizer may spend up to 15% more on Japanese than o200k
TEMPLATE = 48  # chat-template tokens (role markers, BOS/EOS) the messages do not show
MIN_OUTPUT = 256

_ENC: Any = None
_LOCK = threading.Lock()


def _native_counter() -> Any:
    """bpe-openai's Rust tokenizer, loaded without its package ``__init__`` (which parses the
    cl100k ranks in Python: about 0.8 s per process; this takes about 0.05 s)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("bpe_openai")  # locates the package, does not import it
    if spec is None or spec.origin is None:
        raise ImportError("bpe_openai is not installed")
    (so,) = Path(spec.origin).parent.glob("_bindings*.so")
    ext = importlib.util.spec_from_file_location("_bindings", so)
    if ext is None or ext.loader is None:
        raise ImportError(f"cannot load {so}")
    module = importlib.util.module_from_spec(ext)
    ext.loader.exec_module(module)
    return module.tokenizer_for_encoding("o200k_base")


def count_tokens(text: str) -> int:
    """o200k tokens in ``text`` (the same counts as bpe-openai's ``get_encoding``; loaded once,
    lazily)."""
    global _ENC
    if _ENC is None:
        with _LOCK:
            if _ENC is None:
                try:
                    _ENC = _native_counter()
                except (ImportError, ValueError, OSError):  # another build layout
                    import warnings

                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore", DeprecationWarning)
                        from bpe_openai import get_encoding

                        enc = get_encoding("o200k_base")
                    _ENC = type("_Count", (), {"count": staticmethod(lambda t: len(enc.encode(t)))})
    return int(_ENC.count(text))


def output_reserve(settings: Settings) -> int:
    """Tokens kept free for the answer: ``--max-tokens``, at most a quarter of the context."""
    quarter = min(settings.max_tokens, settings.context // 4)
    return max(quarter, min(MIN_OUTPUT, settings.max_tokens))


def article_budget(settings: Settings, overhead: int) -> int:
    """Tokens (o200k) one chunk of article may use, given the prompt's other tokens."""
    free = settings.context - output_reserve(settings) - overhead - TEMPLATE
    return int(free / SAFETY)


def token_chunks(
    text: str, budget: int, max_chars: int, *, context: int, overhead: int, reserve: int
) -> list[tuple[int, int]]:
    """Whole sentences packed greedily into chunks of at most ``budget`` tokens (and
    ``max_chars`` characters); offsets into ``text``.

    Raises:
        ConfigError: one sentence alone does not fit (the context is too small).
    """
    from summarizer.chunking import chunk, sentences

    spans: list[tuple[int, int]] = []
    for s in sentences(text):
        if s.end - s.start > max_chars:  # a very long 'sentence' (a table, a list): split
            part = text[s.start : s.end]
            spans += [(s.start + c.start, s.start + c.end) for c in chunk(part, max_chars)]
        else:
            spans.append((s.start, s.end))
    out: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    cur_tokens = 0
    for start, end in spans:
        n = count_tokens(text[start:end]) + 1  # + the line break that may join it
        if n > budget:
            raise ConfigError(
                f"a sentence of about {n} tokens at character {start} does not fit a "
                f"{context}-token context (prompt {overhead}, reserved output {reserve}, "
                f"{max(budget, 0)} left for the article): raise --context-tokens or lower "
                "--max-tokens"
            )
        if cur is not None and (cur_tokens + n > budget or end - cur[0] > max_chars):
            out.append(cur)
            cur = None
        if cur is None:
            cur, cur_tokens = (start, end), n
        else:
            cur, cur_tokens = (cur[0], end), cur_tokens + n
    if cur is not None:
        out.append(cur)
    return out
