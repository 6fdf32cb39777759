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
            f"model output unusable after {settings.max_reasks} re-asks: "
            f"{_short(cause or err)}"
        )
    if isinstance(err, IncompleteOutputException):
        return ExtractionError(
            "model output was cut off at the token limit (max_tokens) and could not be parsed"
        )
    host = settings.host or "the server"
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
        if err.status_code == 400:
            return UpstreamError(
                f"{host} rejected the request (HTTP 400): {_short(err)}; "
                "try another --profile (structured-output mode)"
            )
        return UpstreamError(f"{host} answered HTTP {err.status_code}: {_short(err)}")
    if isinstance(err, openai.OpenAIError):
        return UpstreamError(f"{host}: {_short(err)}")
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


def _short(err: BaseException) -> str:
    from summarizer.redact import redact

    # redact before cutting: a key cut in half no longer matches
    text = redact(str(err)).splitlines()[0] if str(err) else type(err).__name__
    return text[:200]


def _give_up(err: _Transient, settings: Settings, attempts: int) -> SummarizerError:
    cause = err.cause
    host = settings.host or "the server"
    if isinstance(cause, openai.APITimeoutError):
        return ServerUnreachableError(
            f"{host} timed out after {settings.timeout:g}s ({attempts} attempts)"
        )
    if isinstance(cause, openai.APIConnectionError):
        return ServerUnreachableError(
            f"cannot connect to {host} ({attempts} attempts; refused or reset): "
            "is the server running?"
        )
    if isinstance(cause, json.JSONDecodeError):
        return UpstreamError(f"{host} kept sending malformed responses ({attempts} attempts)")
    status = getattr(cause, "status_code", "?")
    return UpstreamError(f"{host} kept failing (HTTP {status}) after {attempts} attempts")


def _wait(settings: Settings) -> Callable[[RetryCallState], float]:
    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Transient) and exc.retry_after is not None:
            return min(exc.retry_after, settings.max_retry_wait)
        # exponential backoff: 0.5, 1, 2, 4 ... capped
        return float(min(0.5 * 2 ** (state.attempt_number - 1), settings.max_retry_wait))

    return wait


def messages_for(chunk_text: str) -> list[dict[str, str]]:
    """The chat messages for one chunk (the article goes in as data, between tags)."""
    return [
        {"role": "system", "content": resources.prompt("extract_system")},
        {
            "role": "user",
            "content": resources.prompt("extract_user").replace("{article}", chunk_text),
        },
    ]


def _mode(settings: Settings) -> instructor.Mode:
    return instructor.Mode[settings.mode]


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
            try:
                models = openai.OpenAI(**self._client_kwargs()).models.list()
                first = next(iter(models.data), None)
            except openai.OpenAIError as e:
                err = _classify(e, self.settings)
                if isinstance(err, _Transient):
                    raise _give_up(err, self.settings, 1) from e
                raise err from e
            if first is None:
                raise ConfigError("the server lists no model: pass --model")
            self._model = first.id
        return self._model

    def _call_kwargs(self, chunk_text: str, usage: Usage) -> dict[str, Any]:
        hooks = Hooks()
        hooks.on("completion:kwargs", lambda *a, **k: usage.count_request())
        hooks.on("completion:response", usage.add_response)
        last = self.settings.max_reasks + 1  # our re-ask policy is a Retrying, so instructor
        # cannot tell the last attempt itself

        def parse_error(*args: Any, attempt_number: int = 0, **kwargs: Any) -> None:
            usage.count_parse_error(is_last_attempt=attempt_number >= last)

        hooks.on("parse:error", parse_error)
        kwargs: dict[str, Any] = {
            "model": self.model_name(),
            "messages": messages_for(chunk_text),
            "response_model": ArticleExtraction,
            "max_retries": _reask_policy(self.settings.max_reasks),
            "max_tokens": self.settings.max_tokens,
            "temperature": self.settings.temperature,
            "hooks": hooks,
        }
        if self.settings.seed is not None and self.settings.profile != "openai":
            kwargs["seed"] = self.settings.seed
        if self.settings.profile == "llama-cpp-python":
            # its json_object mode takes a schema and turns it into a grammar (json_schema is
            # rejected): the model can then only write schema-shaped JSON.
            kwargs["extra_body"] = {
                "response_format": {
                    "type": "json_object",
                    "schema": ArticleExtraction.model_json_schema(),
                }
            }
        return kwargs

    # -- extraction ----------------------------------------------------------------------------
    def extract(self, chunk_text: str, usage: Usage) -> Findings:
        """One chunk -> Findings (evidence unlocated). Raises ``SummarizerError`` subclasses."""
        retrying = Retrying(
            stop=stop_after_attempt(self.settings.max_attempts),
            wait=_wait(self.settings),
            retry=retry_if_exception_type(_Transient),
            reraise=True,
        )
        kwargs = self._call_kwargs(chunk_text, usage)
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

    async def aextract(self, chunk_text: str, usage: Usage) -> Findings:
        """Async twin of ``extract`` for concurrent batches."""
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.settings.max_attempts),
            wait=_wait(self.settings),
            retry=retry_if_exception_type(_Transient),
            reraise=True,
        )
        kwargs = await asyncio.to_thread(self._call_kwargs, chunk_text, usage)
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


# -- OpenAI Batch API (export requests, import results) ------------------------------------------
def batch_request_body(chunk_text: str, settings: Settings, model: str) -> dict[str, Any]:
    """The /v1/chat/completions body instructor would send for this chunk (Batch API line)."""
    from instructor.v2.core.providers import Provider
    from instructor.v2.core.registry import mode_registry
    from instructor.v2.core.response_model import prepare_response_model

    handlers = mode_registry.get_handlers(Provider.OPENAI, _mode(settings))
    kwargs: dict[str, Any] = {
        "model": model,
        "messages": messages_for(chunk_text),
        "max_tokens": settings.max_tokens,
        "temperature": settings.temperature,
    }
    _, body = handlers.request_handler(
        response_model=prepare_response_model(ArticleExtraction), kwargs=kwargs
    )
    plain: dict[str, Any] = json.loads(json.dumps(body, default=str))  # plain JSON types only
    # the same extras the live path sends (see LLMExtractor._call_kwargs)
    if settings.seed is not None and settings.profile != "openai":
        plain["seed"] = settings.seed
    if settings.profile == "llama-cpp-python":
        plain["response_format"] = {
            "type": "json_object",
            "schema": ArticleExtraction.model_json_schema(),
        }
    return plain


def batch_request_lines(
    chunks: list[str], settings: Settings, custom_id_prefix: str
) -> list[dict[str, Any]]:
    """OpenAI Batch API request lines, one per chunk, ``custom_id`` = ``<prefix>::<i>``."""
    model = settings.model or "default"
    return [
        {
            "custom_id": f"{custom_id_prefix}::{i}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": batch_request_body(text, settings, model),
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
