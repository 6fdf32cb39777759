"""Prompt and schema files, shipped in the wheel under ``summarizer/_data`` and read from the
repository's ``prompts/`` and ``schemas/`` in a source checkout; with content hashes for
provenance (``prompt_id``, ``schema_id``)."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def data_dir(kind: str) -> Path:
    """``prompts`` or ``schemas``: the installed copy first, then the source checkout's."""
    for candidate in (_PKG / "_data" / kind, _PKG.parent / kind):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"summarizer data folder {kind!r} not found (broken install?)")


@lru_cache(maxsize=16)
def prompt(name: str) -> str:
    """The text of ``prompts/<name>.md``."""
    return (data_dir("prompts") / f"{name}.md").read_text(encoding="utf-8")


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def prompt_id() -> str:
    """Content hash of the prompts the LLM engine sends."""
    return "sha256:" + _digest(
        *(prompt(n) for n in ("extract_system", "extract_user", "extract_schema", "extract_hints"))
    )


@lru_cache(maxsize=1)
def schema_id() -> str:
    """Content hash of the output contract and the model's response schema.

    Read from the exported ``schemas/`` (kept equal to the models by a test): building the two
    JSON Schemas from the models costs ~40 ms of every start-up.
    """
    try:
        folder = data_dir("schemas")
        texts = [
            json.dumps(json.loads((folder / name).read_text(encoding="utf-8")), sort_keys=True)
            for name in ("threat_report.schema.json", "article_extraction.schema.json")
        ]
    except (OSError, ValueError):
        return schema_id_from_models()
    return "sha256:" + _digest(*texts)


def schema_id_from_models() -> str:
    """``schema_id`` computed from the pydantic models themselves."""
    from summarizer.llm_schema import ArticleExtraction
    from summarizer.models import ThreatReport

    return "sha256:" + _digest(
        json.dumps(ThreatReport.model_json_schema(), sort_keys=True),
        json.dumps(ArticleExtraction.model_json_schema(), sort_keys=True),
    )
