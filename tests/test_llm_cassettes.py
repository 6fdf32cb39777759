"""The seeds end to end through the real LLM pipeline, replaying recorded llama-cpp-python sessions.

The recordings come from Gemma 3 270M (base) on llama-cpp-python's server
(scripts/record-cassettes.sh), at the defaults a user gets with ``--profile llama-cpp-python``
(2,048-token context, temperature 0). Its output is weak (at temperature 0 mostly empty lists):
these tests check what the pipeline guarantees on real model output (a valid report, grounded
evidence, ungrounded entities moved to warnings, requests counted, chunks that fit the context,
the hybrid engine keeping everything the rules found), never extraction quality.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.budget import count_tokens, output_reserve
from summarizer.config import load_settings
from summarizer.ingest import read_input
from summarizer.llm_schema import ArticleExtraction
from summarizer.models import ENTITY_FIELDS, ThreatReport
from summarizer.pipeline import _chunks, hints_for_doc, summarize_document
from summarizer.render import render_markdown
from summarizer.textfold import fold_key

from .conftest import CASSETTES, SEEDS

# Must match scripts/record-cassettes.sh (the server the recordings came from); everything
# else is the default.
RECORD_URL = "http://127.0.0.1:8089/v1"
RECORD_SETTINGS = dict(
    engine="llm", base_url=RECORD_URL, model="gemma-3-270m", profile="llama-cpp-python",
)  # fmt: skip

SEED_NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))


def _settings():  # type: ignore[no-untyped-def]
    return load_settings(**RECORD_SETTINGS, env={})  # type: ignore[arg-type]


def _response_bodies(cassette: Any) -> list[dict[str, Any]]:
    """The JSON bodies of the chat completions the cassette holds (recorded or replayed)."""
    out = []
    for request, response in cassette.data:
        if request.path.endswith("/chat/completions"):
            body = response["body"]["string"]
            out.append(json.loads(body.decode() if isinstance(body, bytes) else body))
    return out


def _model_answers(bodies: list[dict[str, Any]]) -> list[ArticleExtraction | None]:
    """What the model said in each recorded response (None when it was not valid)."""
    out: list[ArticleExtraction | None] = []
    for body in bodies:
        content = body["choices"][0]["message"].get("content") or ""
        try:
            out.append(ArticleExtraction.model_validate_json(content))
        except Exception:
            out.append(None)
    return out


@pytest.mark.vcr
@pytest.mark.cassette
@pytest.mark.parametrize("seed", SEED_NAMES)
def test_seed_through_llm_pipeline(seed: str, vcr: Any) -> None:
    doc = read_input(str(SEEDS / f"{seed}.txt"))
    report = summarize_document(doc, _settings())

    # a valid ThreatReport that survives a JSON round trip
    again = ThreatReport.model_validate_json(report.model_dump_json())
    assert again == report
    assert report.provenance.engine == "llm"
    assert report.provenance.base_url == "127.0.0.1:8089"
    assert report.provenance.prompt_id and report.provenance.prompt_id.startswith("sha256:")

    # every output entity is grounded: quote == text[start:end]
    for field in ENTITY_FIELDS:
        for entity in getattr(report, field):
            assert entity.evidence, (field, entity)
            for ev in entity.evidence:
                assert doc.text[ev.start : ev.end] == ev.quote

    # requests counted: one per chunk plus re-asks (and transport retries), as recorded
    bodies = _response_bodies(vcr)
    usage = [b.get("usage") or {} for b in bodies]
    p = report.provenance
    assert p.requests == len(bodies) > 0
    assert p.requests == p.chunks + p.reasks + p.retries
    settings = _settings()
    spans = _chunks(doc, settings, hints_for_doc(doc))
    assert p.chunks == len(spans) > 1  # the seeds do not fit one 2,048-token request
    # each request fit the context: the server counted the prompt, the reserve was left free
    for u in usage:
        assert u.get("prompt_tokens", 0) + output_reserve(settings) <= settings.context
    assert all(count_tokens(doc.text[a:b]) < settings.context for a, b in spans)
    assert p.overhead_tokens is not None and 0 < p.overhead_tokens <= 1000
    assert p.tokens.prompt == sum(u.get("prompt_tokens", 0) for u in usage)
    assert p.tokens.completion == sum(u.get("completion_tokens", 0) for u in usage)

    # every entity the model returned whose quote is nowhere in the text is named in warnings
    folded_text = fold_key(doc.text)
    missing = 0
    for answer in _model_answers(bodies):
        if answer is None:
            continue
        for field in (
            "actors",
            "indictments",
            "sanctions",
            "victims",
            "malware",
            "vulnerabilities",
        ):
            for item in getattr(answer, field):
                q = item.quote.strip()
                if (
                    q
                    and fold_key(q) not in folded_text
                    and q.strip("「」『』\"'。、 ")
                    and (fold_key(q.strip("「」『』\"'。、 .,")) not in folded_text)
                ):
                    missing += 1
    dropped = [w for w in report.warnings if w.startswith("dropped ")]
    assert len(dropped) >= missing  # strict grounding drops more (short or nameless quotes)

    # the brief renders even when the model returned little
    md = render_markdown(report)
    assert md.startswith(f"# {report.headline}")
    assert "Engine: llm" in md


def test_cassettes_exist_for_every_seed() -> None:
    """A missing recording must be noticed, not silently skipped."""
    for seed in SEED_NAMES:
        assert (
            CASSETTES / "test_llm_cassettes" / f"test_seed_through_llm_pipeline[{seed}].yaml"
        ).exists()


SECRET_PATTERNS = [
    r"sk-[A-Za-z0-9_-]{16,}",
    r"Bearer\s+[A-Za-z0-9._-]{8,}",
    r"(?i)\b(api-key|x-api-key|openai-organization|openai-project|authorization|cookie)\b\s*:",
    r"AKIA[0-9A-Z]{16}",
]


def test_no_cassette_holds_a_secret() -> None:
    import re

    files = list(Path(CASSETTES).rglob("*.yaml"))
    assert files, "no cassettes found"
    for f in files:
        text = f.read_text(encoding="utf-8")
        for pattern in SECRET_PATTERNS:
            assert not re.search(pattern, text), f"{f.name} matches {pattern}"


@pytest.mark.vcr
@pytest.mark.cassette
def test_model_output_cut_off_is_an_extraction_error() -> None:
    """A --max-tokens too small for the answer (the grammar makes even an all-empty answer about
    52 tokens): the model's answer is cut off, and the pipeline reports that as 'model output
    unusable' (exit 9), not a crash."""
    from summarizer.errors import ExtractionError
    from summarizer.ingest import decode

    text = (SEEDS / "004_33a784fce0b7900b.txt").read_text(encoding="utf-8")[:700]
    settings = load_settings(
        **{**RECORD_SETTINGS, "max_tokens": 48},  # type: ignore[arg-type]
        env={},
    )
    with pytest.raises(ExtractionError) as info:
        summarize_document(decode(text.encode("utf-8"), path="excerpt.txt"), settings)
    assert info.value.exit_code == 9
    assert "cut off" in str(info.value)


def _names(report: ThreatReport) -> dict[str, set[str]]:
    return {
        "actors": {a.name for a in report.actors},
        "malware": {m.name for m in report.malware},
        "cves": {v.cve or "" for v in report.vulnerabilities},
        "victims": {v.name or v.description or "" for v in report.victims},
        "defendants": {p.name for i in report.indictments for p in i.defendants},
        "targets": {t.name for s in report.sanctions for t in s.targets},
    }


@pytest.mark.vcr
@pytest.mark.cassette
def test_hybrid_keeps_every_rules_finding_and_sends_one_request_per_chunk(vcr: Any) -> None:
    """Hybrid: the rules run first, the model's grounded findings are added; nothing the rules
    found is lost, and the model is asked once per chunk."""
    doc = read_input(str(SEEDS / "004_33a784fce0b7900b.txt"))
    rules = summarize_document(doc, load_settings(engine="rules", env={}))
    settings = load_settings(**{**RECORD_SETTINGS, "engine": "hybrid"}, env={})  # type: ignore[arg-type]
    report = summarize_document(doc, settings)
    assert report.provenance.engine == "hybrid"
    assert report.provenance.prompt_id and "+rules:" in report.provenance.prompt_id
    bodies = _response_bodies(vcr)
    assert report.provenance.requests == len(bodies) == report.provenance.chunks > 0
    got, had = _names(report), _names(rules)
    for kind, names in had.items():
        assert names <= got[kind], kind
    for field in ENTITY_FIELDS:
        for entity in getattr(report, field):
            for ev in entity.evidence:
                assert doc.text[ev.start : ev.end] == ev.quote


def test_hybrid_sends_nothing_for_an_off_topic_article() -> None:
    """An article where the rules find nothing about cyber operations costs no request (the
    settings point at a port nobody listens on: a request would fail)."""
    from summarizer.ingest import decode

    text = "今日の東京は晴れ。午後から気温が上がり、公園は花見客でにぎわった。\n" * 5
    settings = load_settings(
        engine="hybrid", base_url="http://127.0.0.1:9/v1", model="m", profile="llamacpp", env={}
    )
    report = summarize_document(decode(text.encode("utf-8"), path="weather.txt"), settings)
    assert report.provenance.requests == 0
    assert report.provenance.chunks == 0
    assert report.provenance.model is None
    assert not any(getattr(report, f) for f in ENTITY_FIELDS)
