"""The pipeline: ingest -> chunk -> extract -> ground -> merge -> normalize -> report.

``summarize_document`` (sync) and ``asummarize_document`` (async, for concurrent batches) run
one article through the engine the settings choose: the LLM through instructor, or the offline
rules engine. Both leave through the same grounding and normalization, so a ThreatReport looks
the same whichever engine made it.
"""

from __future__ import annotations

import hashlib
import time
from typing import TYPE_CHECKING, Any

from summarizer import resources
from summarizer.config import Settings, load_settings
from summarizer.errors import ExtractionError
from summarizer.grounding import Grounder, ground
from summarizer.merge import merge_findings
from summarizer.models import Findings, Provenance, Source, ThreatReport, Tokens

if TYPE_CHECKING:
    from summarizer.ingest import Document
    from summarizer.llm import LLMExtractor, Usage

RULES_PROMPT_ID = "rules"


def _rules_version() -> str:
    from summarizer import __version__

    return f"{RULES_PROMPT_ID}:{__version__}"


def prompt_id_for(settings: Settings) -> str:
    return resources.prompt_id() if settings.resolved_engine() == "llm" else _rules_version()


def cache_key(doc: Document, settings: Settings) -> str:
    """Same article, engine, model, prompt and schema -> same key (the batch cache's key)."""
    engine = settings.resolved_engine()
    parts = [
        hashlib.sha256(doc.text.encode("utf-8")).hexdigest(),
        engine,
        prompt_id_for(settings),
        resources.schema_id(),
    ]
    if engine == "llm":
        parts += [
            settings.base_url or "",  # the whole URL: two servers may differ only by path
            settings.model or "",
            settings.profile,
            str(settings.temperature),
            str(settings.max_tokens),
            str(settings.chunk_chars),
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

    if len(doc.text) <= RULES_WINDOW_CHARS:
        return ground(RulesExtractor().extract(doc.text), Grounder(doc.text))
    parts = []
    for c in chunk(doc.text, RULES_WINDOW_CHARS):
        found = ground(RulesExtractor().extract(c.text), Grounder(c.text))
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


def _chunks(doc: Document, settings: Settings) -> list[tuple[int, int]]:
    from summarizer.chunking import chunk

    return [(c.start, c.end) for c in chunk(doc.text, settings.chunk_chars)]


_EXTRACTORS: dict[tuple[Settings, int], LLMExtractor] = {}


def _llm_extractor(settings: Settings, loop_id: int = 0) -> LLMExtractor:
    """One client per settings (and event loop, for async), so connections are reused."""
    from summarizer.llm import LLMExtractor

    key = (settings, loop_id)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = LLMExtractor(settings)
    return _EXTRACTORS[key]


def _combine(
    doc: Document, spans: list[tuple[int, int]], results: list[Findings | ExtractionError]
) -> Findings:
    grounder = Grounder(doc.text)
    parts: list[Findings] = []
    failed: list[str] = []
    for (start, end), result in zip(spans, results, strict=True):
        if isinstance(result, ExtractionError):
            failed.append(f"chunk {start}-{end}: {result}")
            continue
        parts.append(ground(result, grounder, (start, end)))
    if not parts:
        raise ExtractionError(
            failed[0].split(": ", 1)[1]
            if len(failed) == 1
            else f"model output unusable for all {len(failed)} chunks"
        )
    from summarizer.redact import redact

    merged = merge_findings(parts)
    merged.warnings.extend(redact(f"skipped {f}") for f in failed)
    return merged


def _llm_findings(doc: Document, settings: Settings, usage: Usage) -> tuple[Findings, int]:
    extractor = _llm_extractor(settings)
    spans = _chunks(doc, settings)
    results: list[Findings | ExtractionError] = []
    for start, end in spans:
        try:
            results.append(extractor.extract(doc.text[start:end], usage))
        except ExtractionError as e:
            results.append(e)
    return _combine(doc, spans, results), len(spans)


async def _allm_findings(doc: Document, settings: Settings, usage: Usage) -> tuple[Findings, int]:
    import asyncio  # here, not at the top: 40 ms of start-up the rules engine never needs

    extractor = _llm_extractor(settings, id(asyncio.get_running_loop()))
    spans = _chunks(doc, settings)

    async def one(start: int, end: int) -> Findings | ExtractionError:
        try:
            return await extractor.aextract(doc.text[start:end], usage)
        except ExtractionError as e:
            return e

    results = list(await asyncio.gather(*(one(s, e) for s, e in spans)))
    return _combine(doc, spans, results), len(spans)


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
    from summarizer.normalize import normalize

    findings = merge_findings([normalize(findings)])
    source = resolve_source(doc.source, settings)
    findings = fill_action_dates(
        findings, doc.text, parse_iso_date(source.published) if source.published else None
    )
    engine = settings.resolved_engine()
    headline, summary = findings.headline, findings.summary
    if engine == "rules":  # its brief is built from structure: rebuild it from the normalized one
        headline, summary = brief(findings)
    elif not headline or not summary:
        h, s = brief(findings)
        headline, summary = headline or h, summary or s
    provenance = Provenance(
        engine=engine,
        model=_provenance_model(usage.model if usage and usage.model else settings.model)
        if engine == "llm"
        else None,
        base_url=settings.host if engine == "llm" else None,
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
    )
    data: dict[str, Any] = findings.model_dump(exclude={"headline", "summary"})
    return ThreatReport.model_validate(
        {
            **data,
            "source": source,
            "headline": headline,
            "summary": summary,
            "provenance": provenance,
        }
    )


def _provenance_model(name: str | None) -> str | None:
    """The model name as the server reported it, through the redaction point."""
    from summarizer.redact import redact

    return redact(name) if name else name


def summarize_document(doc: Document, settings: Settings) -> ThreatReport:
    """One decoded article -> a grounded, normalized ThreatReport.

    Raises:
        SummarizerError: configuration, upstream or extraction failures (see errors.py).
    """
    t0 = time.perf_counter()
    if settings.resolved_engine() == "rules":
        return finish_report(
            doc, settings, _rules_findings(doc), usage=None, seconds=time.perf_counter() - t0
        )
    from summarizer.llm import Usage

    usage = Usage()
    findings, n = _llm_findings(doc, settings, usage)
    return finish_report(
        doc, settings, findings, usage=usage, seconds=time.perf_counter() - t0, chunks=n
    )


async def asummarize_document(doc: Document, settings: Settings) -> ThreatReport:
    """Async twin of ``summarize_document``; the rules engine runs in a worker thread."""
    import asyncio

    t0 = time.perf_counter()
    if settings.resolved_engine() == "rules":
        return await asyncio.to_thread(summarize_document, doc, settings)
    from summarizer.llm import Usage

    usage = Usage()
    findings, n = await _allm_findings(doc, settings, usage)
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


def chunk_texts(doc: Document, settings: Settings) -> list[str]:
    """The chunk texts the LLM engine would send (for OpenAI Batch export)."""
    return [doc.text[s:e] for s, e in _chunks(doc, settings)]


def report_from_completions(
    doc: Document, settings: Settings, completions: list[dict[str, Any] | None]
) -> ThreatReport:
    """ChatCompletion bodies (chunk order, None for a failed one) -> a grounded report."""
    from summarizer.llm import Usage, findings_from_completion

    usage = Usage()
    spans = _chunks(doc, settings)
    if len(completions) != len(spans):
        raise ExtractionError(
            f"{len(completions)} results for {len(spans)} chunks: export and import must use "
            "the same --chunk-chars"
        )
    results: list[Findings | ExtractionError] = []
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
