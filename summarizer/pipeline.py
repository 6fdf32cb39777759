"""The pipeline: ingest -> chunk -> extract -> ground -> merge -> normalize -> report.

``summarize_document`` (sync) and ``asummarize_document`` (async, for concurrent batches) run
one article through the engine the settings choose: the LLM through instructor, or the offline
rules engine. Both leave through the same grounding and normalization, so a ThreatReport looks
the same whichever engine made it.
"""

from __future__ import annotations

import functools
import hashlib
import time
from typing import TYPE_CHECKING, Any

from summarizer import resources
from summarizer.config import Settings, load_settings
from summarizer.errors import (
    AuthError,
    ExtractionError,
    SummarizerError,
    UpstreamError,
)
from summarizer.grounding import Grounder, ground, ground_strict
from summarizer.merge import merge_findings
from summarizer.models import ENTITY_FIELDS, Findings, Provenance, Source, ThreatReport, Tokens

if TYPE_CHECKING:
    from summarizer.ingest import Document
    from summarizer.llm import LLMExtractor, Usage

RULES_PROMPT_ID = "rules"


def _rules_version() -> str:
    from summarizer import __version__

    return f"{RULES_PROMPT_ID}:{__version__}"


def prompt_id_for(settings: Settings) -> str:
    engine = settings.resolved_engine()
    if engine == "hybrid":
        return f"{resources.prompt_id()}+{_rules_version()}"
    return resources.prompt_id() if engine == "llm" else _rules_version()


def cache_key(doc: Document, settings: Settings) -> str:
    """Same article, engine, model, prompt and schema -> same key (the batch cache's key)."""
    engine = settings.resolved_engine()
    parts = [
        hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
        engine,
        prompt_id_for(settings),
        resources.schema_id(),
    ]
    if settings.uses_model:
        parts += [
            settings.base_url or "",  # the full URL: two servers on one host differ by path
            settings.model or "",  # the model the server lists/answers with (detect_server)
            settings.profile,
            str(settings.temperature),
            str(settings.max_tokens),
            str(settings.chunk_chars),
            str(settings.context),
        ]
    if settings.published:  # relative dates (25日, 昨年) are read against it
        parts.append("published:" + settings.published)
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def resolve_source(source: Source, settings: Settings) -> Source:
    """The article's date: the page's metadata, else ``--published``, else what the text states
    (ingest already put the metadata's or the text's date into ``source``)."""
    if settings.published and source.published_source != "html-meta":
        return source.model_copy(
            update={"published": settings.published, "published_source": "cli"}
        )
    return source


# -- engines -------------------------------------------------------------------------------------
# The offline engine compares findings within a text (cost grows faster than its length), so a
# text longer than this is read in sentence-aligned windows of at most this many characters,
# each grounded with its offsets shifted into the whole text, and the windows merged: time then
# grows with length. Articles are far shorter (news articles run to a few thousand characters),
# so only huge inputs are windowed; what they lose is context that spans two windows.
RULES_WINDOW_CHARS = 30_000


def _rules_findings(doc: Document) -> Findings:
    from summarizer.chunking import chunk
    from summarizer.rules import RulesExtractor

    # no headline or summary: finish_report writes them from the normalized findings
    if len(doc.text) <= RULES_WINDOW_CHARS:
        return ground(RulesExtractor(brief=False).extract(doc.text), Grounder(doc.text))
    parts = []
    for c in chunk(doc.text, RULES_WINDOW_CHARS):
        found = ground(RulesExtractor(brief=False).extract(c.text), Grounder(c.text))
        parts.append(_shifted(found, c.start))
    return merge_findings(parts)


def _shifted(findings: Findings, offset: int) -> Findings:
    """``findings`` located in a window starting at ``offset``, with offsets into the whole
    text (the quotes are unchanged: ``text[start:end] == quote`` still holds)."""
    from summarizer.models import ENTITY_FIELDS

    updates: dict[str, object] = {}
    for name in ENTITY_FIELDS:
        updates[name] = [
            entity.model_copy(update={"evidence": [
                ev.model_copy(update={"start": ev.start + offset, "end": ev.end + offset})
                for ev in entity.evidence
            ]})
            for entity in getattr(findings, name)
        ]  # fmt: skip
    return findings.model_copy(update=updates)


def _chunks(doc: Document, settings: Settings, hints: str = "") -> list[tuple[int, int]]:
    """Model requests: whole sentences packed so that prompt + article + reserved output fit
    the server's context (``summarizer.budget``), and at most ``chunk_chars`` characters."""
    from summarizer.budget import article_budget, output_reserve, token_chunks

    overhead = _overhead(settings, hints)
    return token_chunks(
        doc.text, article_budget(settings, overhead), settings.chunk_chars,
        context=settings.context, overhead=overhead, reserve=output_reserve(settings),
    )  # fmt: skip


@functools.lru_cache(maxsize=256)
def _overhead(settings: Settings, hints: str) -> int:
    from summarizer.llm import request_overhead

    return request_overhead(settings, hints)


def hints_for_doc(doc: Document, rules: Findings | None = None) -> str:
    """The knowledge layer's hints for the prompt, plus the people the rules engine romanized
    (it runs here when the caller has not run it already: every engine sends the same hints,
    so an exported Batch request equals the live one)."""
    from summarizer.llm import hints_for

    people: list[tuple[str, str]] = []
    rules = rules if rules is not None else _rules_findings(doc)
    if rules is not None:
        for i in rules.indictments:
            people += [(p.name_native, p.name) for p in i.defendants if p.name_native and p.name]
        for s in rules.sanctions:
            people += [
                (t.name_native, t.name)
                for t in s.targets
                if t.kind == "person" and t.name_native and t.name
            ]
    return hints_for(doc.text, list(dict.fromkeys(people)))


def on_topic(rules: Findings) -> bool:
    """Did the offline engine find anything about cyber operations (else hybrid sends nothing)?"""
    return any(getattr(rules, f) for f in ENTITY_FIELDS if f != "indicators")


_EXTRACTORS: dict[tuple[Settings, int], LLMExtractor] = {}


def _llm_extractor(settings: Settings, loop_id: int = 0) -> LLMExtractor:
    """One client per settings (and event loop, for async), so connections are reused."""
    from summarizer.llm import LLMExtractor

    key = (settings, loop_id)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = LLMExtractor(settings)
    return _EXTRACTORS[key]


ChunkResult = Findings | SummarizerError


def _chunk_failed(err: SummarizerError) -> bool:
    """A failure that costs one chunk (the report goes on without it, marked partial); bad
    credentials or configuration stop the article (and a batch)."""
    return isinstance(err, ExtractionError | UpstreamError) and not isinstance(err, AuthError)


def _combine(
    doc: Document,
    spans: list[tuple[int, int]],
    results: list[ChunkResult],
    base: Findings | None = None,
) -> Findings:
    """Ground each chunk's findings strictly and merge them (after ``base``, the rules' findings
    in a hybrid run, whose values win). A failed chunk is skipped with a warning
    ``skipped chunk S-E: why``: the report is partial (CLI exit 12). When every chunk failed, the
    first failure is raised, unless there is a ``base`` and the model only wrote unusable output
    (then the rules' findings stand, marked partial)."""
    grounder = Grounder(doc.text)
    parts: list[Findings] = [base] if base is not None else []
    failed: list[tuple[str, SummarizerError]] = []
    for (start, end), result in zip(spans, results, strict=True):
        if isinstance(result, SummarizerError):
            failed.append((f"chunk {start}-{end}", result))
            continue
        parts.append(ground_strict(result, grounder, (start, end)))
    model_parts = len(parts) - (base is not None)
    server_down = any(isinstance(e, UpstreamError) for _, e in failed)
    if not model_parts and failed and (base is None or server_down):
        where, first = failed[0]
        if len(failed) == 1:
            raise first
        raise type(first)(f"all {len(failed)} chunks failed; {where}: {first}")
    from summarizer.redact import redact

    merged = merge_findings(parts)
    merged.warnings.extend(redact(f"skipped {where}: {err}") for where, err in failed)
    return merged


def _llm_findings(
    doc: Document, settings: Settings, usage: Usage, hints: str = "", base: Findings | None = None
) -> tuple[Findings, int]:
    extractor = _llm_extractor(settings)
    spans = _chunks(doc, settings, hints)
    usage.overhead_tokens = _overhead(settings, hints)
    results: list[ChunkResult] = []
    for start, end in spans:
        try:
            results.append(extractor.extract(doc.text[start:end], usage, hints))
        except SummarizerError as e:
            if not _chunk_failed(e):
                raise
            results.append(e)
    return _combine(doc, spans, results, base), len(spans)


async def _allm_findings(
    doc: Document, settings: Settings, usage: Usage, hints: str = "", base: Findings | None = None
) -> tuple[Findings, int]:
    import asyncio  # here, not at the top: 40 ms of start-up the rules engine never needs

    extractor = _llm_extractor(settings, id(asyncio.get_running_loop()))
    spans = await asyncio.to_thread(_chunks, doc, settings, hints)
    usage.overhead_tokens = _overhead(settings, hints)

    async def one(start: int, end: int) -> ChunkResult:
        try:
            return await extractor.aextract(doc.text[start:end], usage, hints)
        except SummarizerError as e:
            if not _chunk_failed(e):
                raise
            return e

    results = list(await asyncio.gather(*(one(s, e) for s, e in spans)))
    return _combine(doc, spans, results, base), len(spans)


# -- report --------------------------------------------------------------------------------------
def finish_report(
    doc: Document,
    settings: Settings,
    findings: Findings,
    *,
    usage: Usage | None,
    seconds: float,
    chunks: int = 1,
) -> ThreatReport:
    """Normalize, fold duplicates again, and wrap the findings with source and provenance."""
    from summarizer.brief import brief
    from summarizer.dates import fill_action_dates, parse_iso_date
    from summarizer.normalize import normalize_merged

    findings = normalize_merged(findings)
    source = resolve_source(doc.source, settings)
    findings = fill_action_dates(
        findings, doc.text, parse_iso_date(source.published) if source.published else None
    )
    engine = settings.resolved_engine()
    # every engine's brief is built from the grounded, normalized findings: a model's own
    # headline or summary could state what no grounded finding supports
    headline, summary = brief(findings)
    model_used = settings.uses_model and usage is not None and usage.requests > 0
    provenance = Provenance(
        engine=engine,
        model=_provenance_model(usage.model if usage and usage.model else settings.model)
        if model_used
        else None,
        base_url=settings.host if settings.uses_model else None,
        prompt_id=prompt_id_for(settings),
        schema_id=resources.schema_id(),
        requests=usage.requests if usage else 0,
        retries=usage.retries if usage else 0,
        reasks=usage.reasks if usage else 0,
        tokens=Tokens(
            prompt=usage.prompt_tokens if usage else 0,
            completion=usage.completion_tokens if usage else 0,
        ),
        seconds=round(seconds, 3),
        chunks=chunks,
        overhead_tokens=usage.overhead_tokens if model_used and usage else None,
    )
    # the entities as they are: every value here is a model or a str made by this package
    # (a model's output was validated where it was read), so the report is not validated again
    # (validation would only check that the lists hold models; it never revalidates one)
    data: dict[str, Any] = {name: getattr(findings, name) for name in ENTITY_FIELDS}
    return ThreatReport.trusted(
        **data,
        warnings=findings.warnings,
        source=source,
        headline=headline,
        summary=summary,
        provenance=provenance,
    )


def _provenance_model(name: str | None) -> str | None:
    """The model name as the server reported it, through the redaction point."""
    from summarizer.redact import redact

    return redact(name) if name else name


def _attach(err: SummarizerError, usage: Usage) -> SummarizerError:
    """Keep what a failed article cost on its error (a batch summary counts every request)."""
    err.usage = usage  # type: ignore[attr-defined]
    return err


def summarize_document(doc: Document, settings: Settings) -> ThreatReport:
    """One decoded article -> a grounded, normalized ThreatReport.

    Raises:
        SummarizerError: configuration, upstream or extraction failures (see errors.py).
    """
    t0 = time.perf_counter()
    engine = settings.resolved_engine()
    if engine == "rules":
        return finish_report(
            doc, settings, _rules_findings(doc), usage=None, seconds=time.perf_counter() - t0
        )
    from summarizer.llm import Usage

    usage = Usage()
    try:
        if engine == "hybrid":
            rules = _rules_findings(doc)
            if not on_topic(rules):  # nothing about cyber operations: no request
                return finish_report(
                    doc, settings, rules, usage=usage, seconds=time.perf_counter() - t0, chunks=0
                )
            findings, n = _llm_findings(doc, settings, usage, hints_for_doc(doc, rules), rules)
        else:
            findings, n = _llm_findings(doc, settings, usage, hints_for_doc(doc))
    except SummarizerError as e:
        raise _attach(e, usage) from None
    return finish_report(
        doc, settings, findings, usage=usage, seconds=time.perf_counter() - t0, chunks=n
    )


async def asummarize_document(doc: Document, settings: Settings) -> ThreatReport:
    """Async twin of ``summarize_document``; the rules engine runs in a worker thread."""
    import asyncio

    t0 = time.perf_counter()
    engine = settings.resolved_engine()
    if engine == "rules":
        return await asyncio.to_thread(summarize_document, doc, settings)
    from summarizer.llm import Usage

    usage = Usage()
    try:
        if engine == "hybrid":
            rules = await asyncio.to_thread(_rules_findings, doc)
            if not on_topic(rules):
                return finish_report(
                    doc, settings, rules, usage=usage, seconds=time.perf_counter() - t0, chunks=0
                )
            hints = await asyncio.to_thread(hints_for_doc, doc, rules)
            findings, n = await _allm_findings(doc, settings, usage, hints, rules)
        else:
            hints = await asyncio.to_thread(hints_for_doc, doc)
            findings, n = await _allm_findings(doc, settings, usage, hints)
    except SummarizerError as e:
        raise _attach(e, usage) from None
    return finish_report(
        doc, settings, findings, usage=usage, seconds=time.perf_counter() - t0, chunks=n
    )


def summarize_path(
    path: str, *, engine: str = "auto", settings: Settings | None = None
) -> ThreatReport:
    """Read ``path`` (or ``-``) and summarize it."""
    from summarizer.ingest import read_input

    settings = settings or load_settings(engine=engine)
    return summarize_document(read_input(path), settings)


def chunk_texts(doc: Document, settings: Settings, hints: str | None = None) -> list[str]:
    """The chunk texts the LLM engine would send (for OpenAI Batch export and import)."""
    hints = hints_for_doc(doc) if hints is None else hints
    return [doc.text[s:e] for s, e in _chunks(doc, settings, hints)]


def report_from_completions(
    doc: Document, settings: Settings, completions: list[dict[str, Any] | None]
) -> ThreatReport:
    """ChatCompletion bodies (chunk order, None for a failed one) -> a grounded report."""
    from summarizer.llm import Usage, findings_from_completion

    usage = Usage()
    spans = _chunks(doc, settings, hints_for_doc(doc))
    if len(completions) != len(spans):
        raise ExtractionError(
            f"{len(completions)} results for {len(spans)} chunks: export and import must use "
            "the same --chunk-chars, --context-tokens and --max-tokens"
        )
    results: list[ChunkResult] = []
    for body in completions:
        if body is None:
            results.append(ExtractionError("no result for this chunk"))
            continue
        try:
            results.append(findings_from_completion(body, settings, usage))
        except ExtractionError as e:
            results.append(e)
    return finish_report(
        doc, settings, _combine(doc, spans, results), usage=usage, seconds=0.0, chunks=len(spans)
    )
