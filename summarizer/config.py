"""Settings from flags and environment, and the provider profiles that pick an instructor mode.

The API key comes only from the environment (``SUMMARIZER_API_KEY``, then ``OPENAI_API_KEY``) or
a key file (``--api-key-file`` / ``SUMMARIZER_API_KEY_FILE``); never from a plain flag, and it is
never part of ``repr`` or any output.

Profiles (SPEC.md, "Models and servers"): each server kind gets the structured-output mode it
supports. llama-cpp-python's server rejects ``response_format`` type ``json_schema``, so it gets
JSON mode (``json_object`` + the schema in the prompt).
"""

from __future__ import annotations

import os
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


def _read_key_file(path: str) -> str:
    try:
        key = Path(path).expanduser().read_text(encoding="utf-8").strip()
    except OSError as e:
        raise ConfigError(f"cannot read API key file {path}: {e.strerror}") from None
    if not key:
        raise ConfigError(f"API key file {path} is empty")
    return key


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
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"base URL must start with http:// or https://: {base_url!r}")
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
    s = s.with_(timeout=LOCAL_TIMEOUT if s.is_local else REMOTE_TIMEOUT)
    if timeout is not None:
        if timeout <= 0:
            raise ConfigError("--timeout must be positive")
        s = s.with_(timeout=timeout, timeout_set=True)
    if context_tokens is None and env.get("SUMMARIZER_CONTEXT_TOKENS"):
        context_tokens = int(_number(env["SUMMARIZER_CONTEXT_TOKENS"], "SUMMARIZER_CONTEXT_TOKENS"))
    if context_tokens is not None:
        if context_tokens < 512:
            raise ConfigError("--context-tokens must be at least 512")
        s = s.with_(context_tokens=context_tokens)
    if max_reasks is not None:
        if not 0 <= max_reasks <= 2:
            raise ConfigError("--max-reasks must be 0, 1 or 2")
        s = s.with_(max_reasks=max_reasks)
    if chunk_chars is not None:
        if chunk_chars < 200:
            raise ConfigError("--chunk-chars must be at least 200")
        s = s.with_(chunk_chars=chunk_chars)
    if temperature is None and env.get("SUMMARIZER_TEMPERATURE"):
        temperature = _number(env["SUMMARIZER_TEMPERATURE"], "SUMMARIZER_TEMPERATURE")
    if temperature is not None:
        if not 0 <= temperature <= 2:
            raise ConfigError("--temperature must be between 0 and 2")
        s = s.with_(temperature=temperature)
    if max_tokens is None and env.get("SUMMARIZER_MAX_TOKENS"):
        max_tokens = int(_number(env["SUMMARIZER_MAX_TOKENS"], "SUMMARIZER_MAX_TOKENS"))
    if max_tokens is not None:
        if max_tokens < 16:
            raise ConfigError("--max-tokens must be at least 16")
        s = s.with_(max_tokens=max_tokens)
    if chunk_chars is None and env.get("SUMMARIZER_CHUNK_CHARS"):
        s = s.with_(
            chunk_chars=int(_number(env["SUMMARIZER_CHUNK_CHARS"], "SUMMARIZER_CHUNK_CHARS"))
        )
    return s


def _number(value: str, name: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {value!r}") from None
