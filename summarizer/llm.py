"""The LLM extractor: the only module that imports ``openai`` and ``instructor``.

Retries have one owner each:

* transport faults (429 honouring Retry-After, 5xx, timeouts, connection errors) are retried here
  with tenacity, within ``Settings.max_attempts`` and ``max_retry_wait``; the SDK's own retries
  are off (``max_retries=0``);
* instructor re-asks the model only on validation/JSON errors, at most ``Settings.max_reasks``
  (instructor 1.17 re-raises everything else wrapped in ``InstructorRetryException``, which we
  unwrap to its real cause);
* errors leave this module mapped onto ``summarizer.errors`` with ``raise ... from e``.

Counters (requests, transport retries, re-asks, tokens) go into a ``Usage`` the pipeline turns
into ``provenance``.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.v2.core.hooks import Hooks
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    retry_if_exception_type,
    stop_after_attempt,
)

from summarizer import resources
from summarizer.config import Settings
from summarizer.errors import (
    AuthError,
    ConfigError,
    ExtractionError,
    ServerUnreachableError,
    SummarizerError,
    UpstreamError,
)
from summarizer.llm_schema import ArticleExtraction, to_findings
from summarizer.models import Findings

# instructor logs every failed attempt at ERROR; we report failures ourselves (one line, once)
logging.getLogger("instructor").addHandler(logging.NullHandler())

NO_KEY = "sk-no-key-required"  # local servers ignore it; the SDK insists on some value


@dataclass
class Usage:
    """What the requests for one article cost; thread-safe enough for one article's chunks."""

    requests: int = 0
    retries: int = 0
    reasks: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model: str | None = None
    overhead_tokens: int | None = None  # o200k tokens per request beyond the article
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add_response(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        with self._lock:
            if usage is not None:
                self.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
                self.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)
            self.model = getattr(response, "model", None) or self.model

    def count_request(self) -> None:
        with self._lock:
            self.requests += 1

    def count_parse_error(self, *args: Any, is_last_attempt: bool = False, **kwargs: Any) -> None:
        """A parse/validation failure; it costs a re-ask unless it was the last attempt."""
        if not is_last_attempt:
            with self._lock:
                self.reasks += 1


class _Transient(Exception):
    """A fault worth another attempt; carries the server's Retry-After when it sent one."""

    def __init__(self, cause: BaseException, retry_after: float | None) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.retry_after = retry_after


def _retry_after(err: BaseException) -> float | None:
    response = getattr(err, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def _classify(err: BaseException, settings: Settings) -> BaseException:
    """Map an SDK/instructor error onto ``_Transient`` (retry) or a ``SummarizerError``."""
    if isinstance(err, json.JSONDecodeError):
        # the HTTP body itself is not JSON (a proxy's error page, a cut connection): the
        # model's own text fails pydantic validation instead, which instructor re-asks
        return _Transient(err, None)
    if isinstance(err, InstructorRetryException):
        cause = err.__cause__ or err.__context__
        if isinstance(cause, openai.OpenAIError | json.JSONDecodeError):
            return _classify(cause, settings)
        return ExtractionError(
            f"model output unusable after {settings.max_reasks} re-asks: {_short(cause or err)}"
        )
    if isinstance(err, IncompleteOutputException):
        return ExtractionError(
            "model output was cut off at the token limit (max_tokens) and could not be parsed"
        )
    host = settings.host or "the server"
    if isinstance(err, openai.APITimeoutError) and settings.is_local and not _connect_phase(err):
        # a local server that has not answered within the timeout is busy with this very
        # request: sending the same long prompt again only queues more work behind it
        return ServerUnreachableError(
            f"{host} did not answer within {settings.timeout:g}s; not retried (a local server "
            "is slow, not down: it is still working on the request). Raise --timeout, or lower "
            "--context-tokens for shorter requests"
        )
    if isinstance(err, openai.APITimeoutError | openai.APIConnectionError):
        return _Transient(err, None)
    if isinstance(err, openai.RateLimitError):
        return _Transient(err, _retry_after(err))
    if isinstance(err, openai.AuthenticationError | openai.PermissionDeniedError):
        return AuthError(f"{host} refused the credentials (HTTP {err.status_code})")
    if isinstance(err, openai.NotFoundError):
        return ConfigError(
            f"{host} answered 404: check --base-url (usually ends in /v1) and --model"
        )
    if isinstance(err, openai.APIStatusError):
        if err.status_code >= 500 or err.status_code in (408, 409):
            return _Transient(err, _retry_after(err))
        if err.status_code in (400, 422):
            return UpstreamError(
                f"{host} rejected the request (HTTP {err.status_code}): {server_message(err)}; "
                f"{_profile_hint(settings)}"
            )
        return UpstreamError(f"{host} answered HTTP {err.status_code}: {server_message(err)}")
    if isinstance(err, openai.OpenAIError):
        return UpstreamError(f"{host}: {server_message(err)}")
    return err


def _is_reaskable(err: BaseException) -> bool:
    """Re-ask the model only when its output failed validation, not for a broken HTTP body."""
    from instructor.v2.core.retry import _RETRYABLE_PARSE_ERRORS

    return isinstance(err, _RETRYABLE_PARSE_ERRORS) and not isinstance(err, json.JSONDecodeError)


def _reask_policy(max_reasks: int, asynchronous: bool = False) -> Retrying | AsyncRetrying:
    """instructor's re-ask loop: validation errors only, at most ``max_reasks`` re-asks."""
    cls = AsyncRetrying if asynchronous else Retrying
    return cls(
        stop=stop_after_attempt(max(max_reasks, 0) + 1),
        retry=retry_if_exception(_is_reaskable),
        reraise=True,
    )


def _connect_phase(err: BaseException) -> bool:
    """True when a timeout happened while connecting (nothing was sent: safe to retry)."""
    cause: BaseException | None = err
    while cause is not None:
        if "Connect" in type(cause).__name__:
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def _profile_hint(settings: Settings) -> str:
    if settings.profile_source in ("flag", "environment"):
        return f"is --profile {settings.profile} the right kind for this server?"
    return (
        f"the profile ({settings.profile}, {settings.profile_source}) may not fit this server: "
        "pass --profile (openai, ollama, vllm, llamacpp, llama-cpp-python, generic)"
    )


def _short(err: BaseException) -> str:
    from summarizer.redact import redact

    # redact before cutting: a key cut in half no longer matches
    text = redact(str(err)).splitlines()[0] if str(err) else type(err).__name__
    return text[:200]


def _tries(n: int) -> str:
    return f"{n} attempt" if n == 1 else f"{n} attempts"


def _give_up(err: _Transient, settings: Settings, attempts: int) -> SummarizerError:
    cause = err.cause
    host = settings.host or "the server"
    if isinstance(cause, openai.APITimeoutError):
        return ServerUnreachableError(
            f"{host} timed out after {settings.timeout:g}s ({_tries(attempts)})"
        )
    if isinstance(cause, openai.APIConnectionError):
        return ServerUnreachableError(
            f"cannot connect to {host} ({_tries(attempts)}; refused or reset): "
            "is the server running?"
        )
    if isinstance(cause, json.JSONDecodeError):
        return UpstreamError(f"{host} kept sending malformed responses ({_tries(attempts)})")
    status = getattr(cause, "status_code", "?")
    return UpstreamError(
        f"{host} kept failing (HTTP {status}: {server_message(cause)}) after "
        f"{_tries(attempts)}; {_profile_hint(settings)}"
    )


def _wait(settings: Settings) -> Callable[[RetryCallState], float]:
    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Transient) and exc.retry_after is not None:
            return min(exc.retry_after, settings.max_retry_wait)
        # exponential backoff: 0.5, 1, 2, 4 ... capped
        return float(min(0.5 * 2 ** (state.attempt_number - 1), settings.max_retry_wait))

    return wait


def fence_for(text: str) -> str:
    """A boundary line the text cannot contain (deterministic, so recordings replay)."""
    import hashlib

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    for i in range(0, len(digest) - 8):
        fence = f"ARTICLE-{digest[i : i + 8].upper()}"
        if fence not in text:
            return fence
    n = 0
    while f"ARTICLE-{n}" in text:  # pragma: no cover  (64 hex windows all in the text)
        n += 1
    return f"ARTICLE-{n}"


def schema_in_prompt(settings: Settings) -> bool:
    """Only the generic profile needs the schema written in the prompt; the others send it once
    as response_format (JSON_SCHEMA), tools (OpenAI) or the grammar (llama-cpp-python)."""
    return settings.profile == "generic"


def messages_for(
    chunk_text: str, settings: Settings | None = None, hints: str = ""
) -> list[dict[str, str]]:
    """The chat messages for one chunk: instructions (+ schema once, where the profile needs it),
    then hints and the article fenced by a boundary line it cannot contain."""
    from summarizer.llm_schema import schema_text

    system = resources.prompt("extract_system").rstrip("\n")
    if settings is None or schema_in_prompt(settings):
        system += resources.prompt("extract_schema").rstrip("\n").replace("{schema}", schema_text())
    fence = fence_for(chunk_text)
    user = (
        resources.prompt("extract_user")
        .replace("{hints}", hints)
        .replace("{fence}", fence)
        .replace("{article}", chunk_text)
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


MAX_HINTS = 10


def hints_for(text: str, people: list[tuple[str, str]] | None = None) -> str:
    """The knowledge layer's reading of the article as one short prompt line: known actors,
    malware and state organs as written -> canonical (kind, state), and people's romanized
    names (from the rules engine, in hybrid runs). At most ``MAX_HINTS`` entries."""
    from summarizer.knowledge import KnowledgeBase

    kb = KnowledgeBase.load()
    groups: dict[tuple[str, str], list[str]] = {}  # (kind, canonical) -> surfaces as written
    for hit in kb.scan(text):
        if hit.kind in ("actor", "malware", "organ"):
            surfaces = groups.setdefault((hit.kind, hit.key), [])
            if hit.surface not in surfaces and hit.surface != hit.key:
                surfaces.append(hit.surface)
    entries: list[str] = []
    for (kind, key), surfaces in groups.items():
        label: str = kind
        if kind == "actor":
            rec = kb.actor(key)
            label += f" {rec.country}" if rec is not None and rec.country else ""
        elif kind == "malware":
            sw = kb.software(key)
            label = sw.kind if sw is not None else kind
        else:
            organ = kb.organ(key)
            label += f" {organ.country}" if organ is not None else ""
        written = "/".join(surfaces[:3])
        entries.append(f"{written} = {key} ({label})" if written else f"{key} ({label})")
    for native, name in people or []:
        entries.append(f"{native} = {name} (person)")
    if not entries:
        return ""
    line = "; ".join(entries[:MAX_HINTS])
    return resources.prompt("extract_hints").rstrip("\n").replace("{hints}", line) + "\n"


def _mode(settings: Settings) -> instructor.Mode:
    """instructor's request handler: tools for OpenAI, otherwise JSON-schema (its response_format
    is replaced by ``_response_format`` for the JSON-mode profiles, and instructor then adds no
    second copy of the schema to the prompt)."""
    return instructor.Mode.TOOLS if settings.mode == "TOOLS" else instructor.Mode.JSON_SCHEMA


def _response_format(settings: Settings) -> dict[str, Any] | None:
    """What replaces instructor's ``json_schema`` response_format for JSON-mode profiles."""
    if settings.profile == "llama-cpp-python":
        # it rejects json_schema; json_object with a schema becomes a grammar: the model can
        # only write schema-shaped JSON (the schema is not in the prompt: sent once)
        return {"type": "json_object", "schema": ArticleExtraction.model_json_schema()}
    if settings.mode == "JSON":
        return {"type": "json_object"}
    return None


def extra_body(settings: Settings) -> dict[str, Any]:
    """Per-profile request fields beyond the OpenAI ones."""
    body: dict[str, Any] = {}
    fmt = _response_format(settings)
    if fmt is not None:
        body["response_format"] = fmt
    if settings.profile == "ollama":
        body["options"] = {"num_ctx": settings.context}  # else Ollama truncates silently
    return body


def request_overhead(settings: Settings, hints: str = "") -> int:
    """o200k tokens of one request that are not the article: instructions, hints, the fence,
    and the schema wherever this profile sends it (prompt, response_format or tools)."""
    from summarizer.budget import count_tokens

    prompt = sum(count_tokens(m["content"]) for m in messages_for("", settings, hints))
    return prompt + _schema_tokens(settings)


@functools.lru_cache(maxsize=16)
def _schema_tokens(settings: Settings) -> int:
    """o200k tokens of the schema where it travels outside the messages (tools or
    response_format; a llama-cpp-python grammar costs no prompt tokens)."""
    from summarizer.budget import count_tokens

    body = batch_request_body("", settings, "m")
    sent_schema = {k: body[k] for k in ("tools", "response_format") if k in body}
    if isinstance(sent_schema.get("response_format"), dict):
        fmt = dict(sent_schema["response_format"])
        if settings.profile == "llama-cpp-python":
            fmt.pop("schema", None)  # a grammar: constrains decoding, costs no prompt tokens
        sent_schema["response_format"] = fmt
    return count_tokens(json.dumps(sent_schema, separators=(",", ":")))


def server_message(err: BaseException) -> str:
    """The server's own error message (its JSON ``error.message``/``detail``/``message``, else
    the body's first line), one line, at most 300 characters. The one place a server's words
    reach the user, so it passes the redaction point here."""
    body = getattr(err, "body", None)
    msg: Any = None
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            msg = inner.get("message") or inner.get("detail") or inner.get("msg")
        elif isinstance(inner, str):
            msg = inner
        msg = msg or body.get("detail") or body.get("message")
        if isinstance(msg, list | dict):
            msg = json.dumps(msg, ensure_ascii=False)
    elif isinstance(body, str):
        msg = body
    if not msg:
        response = getattr(err, "response", None)
        try:
            msg = response.text if response is not None else None
        except Exception:  # a streamed or closed body
            msg = None
    if not msg:
        msg = str(err) or type(err).__name__
    from summarizer.redact import redact

    line = " ".join(redact(str(msg)).split())  # redacted whole, before it is cut
    return line[:300]


class LLMExtractor:
    """Extract ``Findings`` from article chunks via instructor on an OpenAI-compatible server."""

    engine = "llm"

    def __init__(self, settings: Settings) -> None:
        if not settings.base_url:
            raise ConfigError("the LLM engine needs --base-url or SUMMARIZER_BASE_URL")
        self.settings = settings
        self._sync: instructor.Instructor | None = None
        self._async: instructor.AsyncInstructor | None = None
        self._model: str | None = settings.model

    # -- clients -------------------------------------------------------------------------------
    def _client_kwargs(self) -> dict[str, Any]:
        return {
            "base_url": self.settings.base_url,
            "api_key": self.settings.api_key or NO_KEY,
            "max_retries": 0,  # transport retries are ours (tenacity), not the SDK's
            "timeout": self.settings.timeout,
        }

    def _sync_client(self) -> instructor.Instructor:
        if self._sync is None:
            self._sync = instructor.from_openai(
                openai.OpenAI(**self._client_kwargs()), mode=_mode(self.settings)
            )
        return self._sync

    def _async_client(self) -> instructor.AsyncInstructor:
        if self._async is None:
            self._async = instructor.from_openai(
                openai.AsyncOpenAI(**self._client_kwargs()), mode=_mode(self.settings)
            )
        return self._async

    def model_name(self) -> str:
        """The configured model, or the first one the server lists."""
        if self._model is None:
            self._model = list_models(self.settings)[0].get("id") or ""
            if not self._model:
                raise ConfigError("the server lists no model: pass --model")
        return self._model

    def _call_kwargs(self, chunk_text: str, usage: Usage, hints: str = "") -> dict[str, Any]:
        hooks = Hooks()
        hooks.on("completion:kwargs", lambda *a, **k: usage.count_request())
        hooks.on("completion:response", usage.add_response)
        last = self.settings.max_reasks + 1  # our re-ask policy is a Retrying, so instructor
        # cannot tell the last attempt itself

        def parse_error(*args: Any, attempt_number: int = 0, **kwargs: Any) -> None:
            usage.count_parse_error(is_last_attempt=attempt_number >= last)

        hooks.on("parse:error", parse_error)
        from summarizer.budget import output_reserve

        kwargs: dict[str, Any] = {
            "model": self.model_name(),
            "messages": messages_for(chunk_text, self.settings, hints),
            "response_model": ArticleExtraction,
            "max_retries": _reask_policy(self.settings.max_reasks),
            "max_tokens": output_reserve(self.settings),
            "temperature": self.settings.temperature,
            "hooks": hooks,
        }
        if self.settings.seed is not None and self.settings.profile != "openai":
            kwargs["seed"] = self.settings.seed
        extra = extra_body(self.settings)
        if extra:
            kwargs["extra_body"] = extra
        return kwargs

    # -- extraction ----------------------------------------------------------------------------
    def extract(self, chunk_text: str, usage: Usage, hints: str = "") -> Findings:
        """One chunk -> Findings (evidence unlocated). Raises ``SummarizerError`` subclasses."""
        retrying = Retrying(
            stop=stop_after_attempt(self.settings.max_attempts),
            wait=_wait(self.settings),
            retry=retry_if_exception_type(_Transient),
            reraise=True,
        )
        kwargs = self._call_kwargs(chunk_text, usage, hints)
        client = self._sync_client()
        attempts = 0
        try:
            for attempt in retrying:
                with attempt:
                    attempts += 1
                    if attempts > 1:
                        usage.retries += 1
                    try:
                        result = client.chat.completions.create(**kwargs)
                    except (
                        openai.OpenAIError,
                        InstructorRetryException,
                        IncompleteOutputException,
                        json.JSONDecodeError,
                    ) as e:
                        raise _classify(e, self.settings) from e
        except _Transient as e:
            raise _give_up(e, self.settings, attempts) from e.cause
        return to_findings(result)

    async def aextract(self, chunk_text: str, usage: Usage, hints: str = "") -> Findings:
        """Async twin of ``extract`` for concurrent batches."""
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.settings.max_attempts),
            wait=_wait(self.settings),
            retry=retry_if_exception_type(_Transient),
            reraise=True,
        )
        kwargs = await asyncio.to_thread(self._call_kwargs, chunk_text, usage, hints)
        kwargs["max_retries"] = _reask_policy(self.settings.max_reasks, asynchronous=True)
        client = self._async_client()
        attempts = 0
        try:
            async for attempt in retrying:
                with attempt:
                    attempts += 1
                    if attempts > 1:
                        usage.retries += 1
                    try:
                        result = await client.chat.completions.create(**kwargs)
                    except (
                        openai.OpenAIError,
                        InstructorRetryException,
                        IncompleteOutputException,
                        json.JSONDecodeError,
                    ) as e:
                        raise _classify(e, self.settings) from e
        except _Transient as e:
            raise _give_up(e, self.settings, attempts) from e.cause
        return to_findings(result)

    async def aclose(self) -> None:
        if self._async is not None:
            await self._async.client.close()  # type: ignore[union-attr]

    def close(self) -> None:
        if self._sync is not None:
            self._sync.client.close()  # type: ignore[union-attr]


# -- the server: its model list and its kind -----------------------------------------------------
def list_models(settings: Settings) -> list[dict[str, Any]]:
    """``GET /v1/models`` as plain dicts, with the transport retries a request gets.

    Raises:
        ConfigError: the server lists no model. UpstreamError and subclasses: it failed.
    """
    # a local server answers its model list only between generations (llama-cpp-python holds
    # one lock): give it the full request timeout; a hosted API answers at once or not at all
    timeout = settings.timeout if settings.is_local else min(settings.timeout, 30.0)
    client = openai.OpenAI(
        base_url=settings.base_url,
        api_key=settings.api_key or NO_KEY,
        max_retries=0,
        timeout=timeout,
    )
    retrying = Retrying(
        stop=stop_after_attempt(settings.max_attempts),
        wait=_wait(settings),
        retry=retry_if_exception_type(_Transient),
        reraise=True,
    )
    attempts = 0
    try:
        for attempt in retrying:
            with attempt:
                attempts += 1
                try:
                    page = client.models.list()
                except openai.APITimeoutError as e:
                    if settings.is_local and not _connect_phase(e):
                        raise ServerUnreachableError(
                            f"{settings.host} did not list its models within {timeout:g}s; not "
                            "retried (a local server answers between requests: it is busy). "
                            "Pass --model and --profile to skip the lookup, or raise --timeout"
                        ) from e
                    raise _Transient(e, None) from e
                except openai.OpenAIError as e:
                    err = _classify(e, settings)
                    raise err from e
    except _Transient as e:
        raise _give_up(e, settings.with_(timeout=timeout), attempts) from e.cause
    finally:
        client.close()
    models = [m.model_dump() if hasattr(m, "model_dump") else dict(m) for m in page.data]
    if not models:
        raise ConfigError("the server lists no model: pass --model")
    return models


def server_kind(models: list[dict[str, Any]]) -> str | None:
    """The profile a ``/v1/models`` listing identifies (servers say who they are), or None."""
    first = models[0]
    owner = str(first.get("owned_by") or "").lower()
    if "max_model_len" in first or owner == "vllm":
        return "vllm"
    if owner == "llamacpp" or "meta" in first and "n_ctx_train" in (first.get("meta") or {}):
        return "llamacpp"
    if owner == "me":  # llama-cpp-python's server
        return "llama-cpp-python"
    if owner in ("library", "ollama"):
        return "ollama"
    if owner in ("openai", "system", "openai-internal") or owner.startswith("user-"):
        return "openai"
    return None


def detect_server(settings: Settings) -> tuple[Settings, str | None]:
    """Settings completed from the server's ``/v1/models``: the model it serves (when no
    ``--model``), its kind (when no ``--profile``) and, for vLLM, its context window.

    Returns:
        (settings, a note saying what was picked and why, or None when nothing was).
    """
    if not settings.uses_model or not settings.base_url:
        return settings, None
    if settings.model is not None and settings.profile_source in ("flag", "environment"):
        return settings, None  # nothing to ask: no request before the first article's
    models = list_models(settings)
    changes: dict[str, Any] = {}
    notes: list[str] = []
    if settings.model is None:
        changes["model"] = models[0].get("id")
    if settings.profile_source in ("default", "url"):
        kind = server_kind(models)
        if kind is not None and kind != settings.profile:
            changes["profile"] = kind
            changes["profile_source"] = "detected"
            notes.append(f"profile {kind} (detected from /v1/models)")
        elif kind is None and settings.profile_source == "default":
            notes.append("profile generic (the server did not say what it is; pass --profile)")
    vllm_len = models[0].get("max_model_len")
    if settings.context_tokens is None and isinstance(vllm_len, int) and vllm_len > 0:
        changes["context_tokens"] = vllm_len
        notes.append(f"context {vllm_len} tokens (max_model_len)")
    if not changes:
        return settings, "; ".join(notes) or None
    out = settings.with_(**changes)
    if "profile" in changes and not settings.timeout_set:
        from summarizer.config import LOCAL_TIMEOUT, REMOTE_TIMEOUT

        out = out.with_(timeout=LOCAL_TIMEOUT if out.is_local else REMOTE_TIMEOUT)
    return out, "; ".join(notes) or None


# -- OpenAI Batch API (export requests, import results) ------------------------------------------
def batch_request_body(
    chunk_text: str, settings: Settings, model: str, hints: str = ""
) -> dict[str, Any]:
    """The /v1/chat/completions body the live path sends for this chunk (Batch API line)."""
    from instructor.v2.core.providers import Provider
    from instructor.v2.core.registry import mode_registry
    from instructor.v2.core.response_model import prepare_response_model

    from summarizer.budget import output_reserve

    handlers = mode_registry.get_handlers(Provider.OPENAI, _mode(settings))
    kwargs: dict[str, Any] = {
        "model": model,
        "messages": messages_for(chunk_text, settings, hints),
        "max_tokens": output_reserve(settings),
        "temperature": settings.temperature,
    }
    _, body = handlers.request_handler(
        response_model=prepare_response_model(ArticleExtraction), kwargs=kwargs
    )
    plain: dict[str, Any] = json.loads(json.dumps(body, default=str))  # plain JSON types only
    # the same extras the live path sends (see LLMExtractor._call_kwargs)
    if settings.seed is not None and settings.profile != "openai":
        plain["seed"] = settings.seed
    plain.update(extra_body(settings))
    return plain


def batch_request_lines(
    chunks: list[str], settings: Settings, custom_id_prefix: str, hints: str = ""
) -> list[dict[str, Any]]:
    """OpenAI Batch API request lines, one per chunk, ``custom_id`` = ``<prefix>::<i>``."""
    model = settings.model or "default"
    return [
        {
            "custom_id": f"{custom_id_prefix}::{i}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": batch_request_body(text, settings, model, hints),
        }
        for i, text in enumerate(chunks)
    ]


def findings_from_completion(body: dict[str, Any], settings: Settings, usage: Usage) -> Findings:
    """Parse one ChatCompletion JSON body (e.g. from Batch API results) like instructor would.

    Raises:
        ExtractionError: the body holds no parseable extraction.
    """
    from openai.types.chat import ChatCompletion
    from pydantic import ValidationError

    try:
        completion = ChatCompletion.model_validate(body)
    except ValidationError as e:
        raise ExtractionError(f"not a chat completion: {e.errors()[0]['msg']}") from e
    usage.count_request()
    usage.add_response(completion)
    if not completion.choices:
        raise ExtractionError("completion has no choices")
    message = completion.choices[0].message
    raw = None
    if message.tool_calls:
        raw = getattr(message.tool_calls[0], "function", None)
        raw = getattr(raw, "arguments", None)
    if raw is None:
        raw = message.content or ""
    try:
        extraction = ArticleExtraction.model_validate_json(_strip_fences(raw))
    except ValidationError as e:
        raise ExtractionError(f"model output is not a valid extraction: {_short(e)}") from e
    return to_findings(extraction)


def _strip_fences(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith("```"):
        raw = raw.split("\n", 1)[1] if "\n" in raw else ""
        raw = raw.rsplit("```", 1)[0]
    return raw
