"""Settings from flags and environment, and the provider profiles that pick an instructor mode.

The API key comes only from the environment (``SUMMARIZER_API_KEY``, then ``OPENAI_API_KEY``) or
a key file (``--api-key-file`` / ``SUMMARIZER_API_KEY_FILE``); never from a plain flag, and it is
never part of ``repr`` or any output.

Profiles (SPEC.md, "Models and servers"): each server kind gets the structured-output mode it
supports. llama-cpp-python's server rejects ``response_format`` type ``json_schema``, so it gets
JSON mode (``json_object`` + the schema in the prompt).
"""

from __future__ import annotations

import math
import os
import stat
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from summarizer.errors import ConfigError

Engine = Literal["auto", "llm", "rules", "hybrid"]


@dataclass(frozen=True)
class Profile:
    name: str
    mode: str  # an instructor.Mode member name
    default_base_url: str | None
    needs_key: bool
    description: str
    context_tokens: int = 4096  # the server's default context window (tokens)
    local: bool = False  # usually a local CPU/GPU server: slow, not down (longer timeout, no
    # blind retry of a read timeout)


PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile("openai", "TOOLS", "https://api.openai.com/v1", True,
                "OpenAI: function/tool calling", 128000),
        Profile("ollama", "JSON_SCHEMA", "http://localhost:11434/v1", False,
                "Ollama: response_format json_schema (num_ctx sent)", 4096, True),
        Profile("vllm", "JSON_SCHEMA", "http://localhost:8000/v1", False,
                "vLLM: response_format json_schema (guided decoding)", 8192),
        Profile("llamacpp", "JSON_SCHEMA", "http://localhost:8080/v1", False,
                "llama.cpp's llama-server: response_format json_schema", 4096, True),
        Profile("llama-cpp-python", "JSON", "http://localhost:8000/v1", False,
                "llama-cpp-python's server: json_object + schema grammar", 2048, True),
        Profile("generic", "JSON", None, False,
                "any OpenAI-compatible server: json_object + schema in the prompt"),
    )
}  # fmt: skip

DEFAULT_CHUNK_CHARS = 6000
MIN_CHUNK_CHARS = 200
REMOTE_TIMEOUT = 120.0  # seconds per request for a hosted API
LOCAL_TIMEOUT = 600.0  # a local CPU server answering a long prompt is slow, not down


@dataclass(frozen=True)
class Settings:
    """Everything a run needs; ``api_key`` is hidden from ``repr``."""

    engine: Engine = "auto"
    base_url: str | None = None
    model: str | None = None
    api_key: str | None = field(default=None, repr=False)
    profile: str = "generic"
    timeout: float = REMOTE_TIMEOUT
    max_attempts: int = 4  # transport attempts per request (tenacity)
    max_reasks: int = 2  # instructor re-asks on validation/JSON errors
    max_retry_wait: float = 60.0  # cap on one Retry-After / backoff sleep
    chunk_chars: int = DEFAULT_CHUNK_CHARS
    max_tokens: int = 2048
    temperature: float = 0.0
    seed: int | None = 0
    published: str | None = None  # --published: the articles' date (ISO) when a page has none
    author: str | None = None  # --author: the organization named as the exports' creator
    context_tokens: int | None = None  # None: the profile's default (``Profile.context_tokens``)
    profile_source: str = "default"  # flag | environment | url | detected | default
    timeout_set: bool = False  # --timeout given: no profile default

    def resolved_engine(self) -> Literal["llm", "rules", "hybrid"]:
        """``auto``: the hybrid engine when a server is configured (rules first, the model adds
        what strict grounding lets through; see README "Hybrid engine"), else the rules."""
        if self.engine == "auto":
            return "hybrid" if self.base_url else "rules"
        return self.engine

    @property
    def uses_model(self) -> bool:
        return self.resolved_engine() in ("llm", "hybrid")

    @property
    def context(self) -> int:
        """The server's context window in tokens (flag, else the profile's default)."""
        return self.context_tokens or PROFILES[self.profile].context_tokens

    @property
    def is_local(self) -> bool:
        """A server on this machine (or a local-server profile): slow under load, not down."""
        host = urlsplit(self.base_url).hostname if self.base_url else None
        return PROFILES[self.profile].local or host in ("127.0.0.1", "localhost", "::1")

    @property
    def mode(self) -> str:
        return PROFILES[self.profile].mode

    @property
    def host(self) -> str | None:
        """The server's host:port for provenance (never the path's query or credentials)."""
        if not self.base_url:
            return None
        parts = urlsplit(self.base_url)
        return parts.hostname + (f":{parts.port}" if parts.port else "") if parts.hostname else None

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def guess_profile(base_url: str | None) -> str:
    """Pick a profile from a base URL's host and port when none is given."""
    if not base_url:
        return "generic"
    parts = urlsplit(base_url)
    host, port = parts.hostname or "", parts.port
    if host.endswith("openai.com"):
        return "openai"
    if port == 11434:
        return "ollama"
    return "generic"


KEY_FILE_MAX = 4096  # bytes; a key file holds one key, not a device's endless stream


def _looks_like_key(value: str) -> bool:
    """A value given as a key *file* that is more likely the key itself (never print it)."""
    return "/" not in value and "." not in value and len(value) >= 16


def _read_key_file(path: str) -> str:
    """The key in ``path``: a regular file (or a pipe, e.g. ``<(pass show key)``), one line.

    Raises:
        ConfigError: missing, not a file, too large, not text, or empty; the message never
            shows the file's content, nor the value given when it looks like a key itself.
    """
    from summarizer.redact import redact

    shown = "(the value given looks like a key itself, not a file name; put the key in a file " \
        "or in SUMMARIZER_API_KEY)" if _looks_like_key(path) else redact(path)  # fmt: skip
    target = Path(path).expanduser()
    try:
        st = target.stat()
        if stat.S_ISDIR(st.st_mode):
            raise ConfigError(f"API key file {shown} is a directory")
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
            raise ConfigError(f"API key file {shown} is not a regular file (a device?)")
        if stat.S_ISREG(st.st_mode) and st.st_size > KEY_FILE_MAX:
            raise ConfigError(f"API key file {shown} is too large to hold a key")
        with open(target, "rb") as fh:
            data = fh.read(KEY_FILE_MAX + 1)
    except FileNotFoundError:
        raise ConfigError(f"API key file not found: {shown}") from None
    except OSError as e:
        raise ConfigError(f"cannot read API key file {shown}: {e.strerror or e}") from None
    if len(data) > KEY_FILE_MAX:
        raise ConfigError(f"API key file {shown} is too large to hold a key")
    try:
        key = data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise ConfigError(f"API key file {shown} does not hold a text key") from None
    if not key:
        raise ConfigError(f"API key file {shown} is empty")
    if any(c.isspace() or not c.isprintable() for c in key):
        raise ConfigError(f"API key file {shown} must hold the key alone, on one line")
    return key


def _check_base_url(base_url: str) -> None:
    """http(s)://host[:port][/path], or a ConfigError naming what is wrong (exit 2)."""
    from summarizer.redact import redact

    shown = redact(base_url)
    if not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"base URL must start with http:// or https://: {shown!r}")
    try:
        parts = urlsplit(base_url)
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError:
        raise ConfigError(f"base URL has a bad host or port: {shown!r}") from None
    if not parts.hostname:
        raise ConfigError(f"base URL names no host: {shown!r} (e.g. http://127.0.0.1:8080/v1)")
    if any(c.isspace() or not c.isprintable() for c in base_url):
        raise ConfigError(f"base URL holds spaces or control characters: {shown!r}")


def _setting(
    flag_value: float | None, env: dict[str, str], env_name: str, flag: str
) -> tuple[float | None, str]:
    """The flag's value, else the environment's (parsed), with the name to blame in errors."""
    if flag_value is not None:
        return flag_value, flag
    raw = env.get(env_name, "").strip()
    if not raw:
        return None, env_name
    return _number(raw, env_name), env_name


def _finite(value: float, name: str) -> float:
    if not math.isfinite(value):
        raise ConfigError(f"{name} must be a finite number, not {value!r}")
    return value


def _integer(value: float, name: str) -> int:
    _finite(value, name)
    if value != int(value):
        raise ConfigError(f"{name} must be a whole number, not {value!r}")
    return int(value)


def load_settings(
    *,
    engine: str | None = None,
    base_url: str | None = None,
    model: str | None = None,
    profile: str | None = None,
    api_key_file: str | None = None,
    timeout: float | None = None,
    max_reasks: int | None = None,
    chunk_chars: int | None = None,
    temperature: float | None = None,
    max_tokens: int | None = None,
    author: str | None = None,
    context_tokens: int | None = None,
    env: dict[str, str] | None = None,
) -> Settings:
    """Build settings: flags win over environment, environment over defaults.

    Raises:
        ConfigError: unknown engine or profile, ``--engine llm`` without a server, bad numbers.
    """
    env = dict(os.environ) if env is None else env
    engine = engine or env.get("SUMMARIZER_ENGINE") or "auto"
    if engine not in ("auto", "llm", "rules", "hybrid"):
        raise ConfigError(f"unknown engine {engine!r} (choose auto, llm, hybrid or rules)")
    profile_source = "flag" if profile else "environment" if env.get("SUMMARIZER_PROFILE") \
        else "default"  # fmt: skip
    profile = profile or env.get("SUMMARIZER_PROFILE") or None
    if profile is not None and profile not in PROFILES:
        raise ConfigError(f"unknown profile {profile!r} (choose {', '.join(PROFILES)})")
    base_url = base_url or env.get("SUMMARIZER_BASE_URL") or None
    if base_url is None and profile is not None and engine != "rules":
        base_url = PROFILES[profile].default_base_url
    if base_url is not None:
        _check_base_url(base_url)
    if profile is None and guess_profile(base_url) != "generic":
        profile_source = "url"
    profile = profile or guess_profile(base_url)
    model = model or env.get("SUMMARIZER_MODEL") or None
    key_file = api_key_file or env.get("SUMMARIZER_API_KEY_FILE")
    api_key = (
        _read_key_file(key_file)
        if key_file
        else env.get("SUMMARIZER_API_KEY") or env.get("OPENAI_API_KEY") or None
    )
    from summarizer.redact import register_secret

    register_secret(api_key)
    if engine in ("llm", "hybrid") and not base_url:
        raise ConfigError(
            f"--engine {engine} needs a server: set --base-url or SUMMARIZER_BASE_URL "
            "(or a --profile)"
        )
    if engine != "rules" and base_url and PROFILES[profile].needs_key and not api_key:
        raise ConfigError(
            f"profile {profile} needs an API key: set SUMMARIZER_API_KEY or OPENAI_API_KEY"
        )
    s = Settings(
        engine=engine,  # type: ignore[arg-type]
        base_url=base_url,
        model=model,
        api_key=api_key,
        profile=profile,
        profile_source=profile_source,
    )
    # numbers: one check each, the same whether the value came from a flag or the environment
    s = s.with_(timeout=LOCAL_TIMEOUT if s.is_local else REMOTE_TIMEOUT)
    value, name = _setting(timeout, env, "SUMMARIZER_TIMEOUT", "--timeout")
    if value is not None:
        if _finite(value, name) <= 0:
            raise ConfigError(f"{name} must be positive")
        s = s.with_(timeout=value, timeout_set=True)
    value, name = _setting(context_tokens, env, "SUMMARIZER_CONTEXT_TOKENS", "--context-tokens")
    if value is not None:
        n = _integer(value, name)
        if n < 512:
            raise ConfigError(f"{name} must be at least 512, not {n}")
        s = s.with_(context_tokens=n)
    if max_reasks is not None:
        if not 0 <= max_reasks <= 2:
            raise ConfigError("--max-reasks must be 0, 1 or 2")
        s = s.with_(max_reasks=max_reasks)
    value, name = _setting(chunk_chars, env, "SUMMARIZER_CHUNK_CHARS", "--chunk-chars")
    if value is not None:
        n = _integer(value, name)
        if n < MIN_CHUNK_CHARS:
            raise ConfigError(f"{name} must be at least {MIN_CHUNK_CHARS}, not {n}")
        s = s.with_(chunk_chars=n)
    value, name = _setting(temperature, env, "SUMMARIZER_TEMPERATURE", "--temperature")
    if value is not None:
        if not 0 <= _finite(value, name) <= 2:
            raise ConfigError(f"{name} must be between 0 and 2")
        s = s.with_(temperature=value)
    value, name = _setting(max_tokens, env, "SUMMARIZER_MAX_TOKENS", "--max-tokens")
    if value is not None:
        n = _integer(value, name)
        if n < 16:
            raise ConfigError(f"{name} must be at least 16, not {n}")
        s = s.with_(max_tokens=n)
    if author is not None or env.get("SUMMARIZER_AUTHOR"):
        name = "--author" if author is not None else "SUMMARIZER_AUTHOR"
        s = s.with_(author=_author(author if author is not None else env["SUMMARIZER_AUTHOR"],
                                   name))  # fmt: skip
    return s


AUTHOR_MAX = 200


def _author(value: str, name: str) -> str:
    """An organization's name for the exports' creator: one printable line, spaces collapsed.

    Raises:
        ConfigError: empty, too long, or holding control characters.
    """
    if len(value.strip().splitlines()) > 1 or any(
        unicodedata.category(c) in ("Cc", "Cf") and c != "\t" for c in value.strip()
    ):
        raise ConfigError(f"{name} must be one line of printable text")
    clean = " ".join(value.split())
    if not clean:
        raise ConfigError(f"{name} must name an organization (it is empty)")
    if len(clean) > AUTHOR_MAX:
        raise ConfigError(f"{name} is too long ({len(clean)} characters; at most {AUTHOR_MAX})")
    return clean


def _number(value: str, name: str) -> float:
    try:
        return float(value.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {value!r}") from None
