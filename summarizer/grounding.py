"""Ground every entity in the source text: locate each evidence quote, drop what is not there.

SPEC.md's grounding rule: every output entity carries at least one Evidence whose quote is found
in the source; matching may fold width (NFKC), case and whitespace, but the offsets point into
the decoded text and the output quote is ``text[start:end]``. An entity none of whose quotes can
be found is dropped and named in ``warnings``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pydantic import BaseModel

from summarizer.models import ENTITY_FIELDS, Evidence, Findings
from summarizer.textfold import Folded, fold

# Quote decorations a model adds around a copied span.
_TRIM = " \t\r\n\u3000「」『』\"'“”‘’()（）[]［］。、.,…"


@dataclass
class Grounder:
    """Locates quotes in one decoded text (folded copy built once, on first need)."""

    text: str

    @cached_property
    def folded(self) -> Folded:
        return fold(self.text)

    def locate(self, quote: str, window: tuple[int, int] | None = None) -> tuple[int, int] | None:
        """Offsets of ``quote`` in the text, preferring ``window`` (the chunk it came from).

        Tries the exact quote, then the quote without decorations, then a width/case/space
        folded match. Returns None when the quote is not in the text.
        """
        candidates = [quote]
        trimmed = quote.strip(_TRIM)
        if trimmed and trimmed != quote:
            candidates.append(trimmed)
        for q in candidates:
            if not q:
                continue
            if window is not None:
                i = self.text.find(q, window[0], window[1])
                if i >= 0:
                    return i, i + len(q)
            i = self.text.find(q)
            if i >= 0:
                return i, i + len(q)
        for q in candidates:
            fq = fold(q).text
            if not fq:
                continue
            ftext = self.folded.text
            i = -1
            if window is not None:
                lo = _folded_pos(self.folded, window[0])
                hi = _folded_pos(self.folded, window[1])
                i = ftext.find(fq, lo, hi)
            if i < 0:
                i = ftext.find(fq)
            if i >= 0:
                return self.folded.span(i, i + len(fq))
        return None

    def evidence(self, ev: Evidence, window: tuple[int, int] | None = None) -> Evidence | None:
        """A located copy of ``ev`` (quote replaced by the verbatim span), or None."""
        if ev.located and ev.end <= len(self.text) and self.text[ev.start : ev.end] == ev.quote:
            return ev
        span = self.locate(ev.quote, window)
        if span is None:
            return None
        s, e = span
        return Evidence(quote=self.text[s:e], start=s, end=e)


def _folded_pos(folded: Folded, original: int) -> int:
    """First folded index whose original offset is >= ``original`` (binary search)."""
    lo, hi = 0, len(folded.index)
    while lo < hi:
        mid = (lo + hi) // 2
        if folded.index[mid] < original:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _label(field: str, entity: BaseModel) -> str:
    for attr in ("name", "cve", "value", "name_native", "description", "jurisdiction"):
        v = getattr(entity, attr, None)
        if v:
            return f"{field[:-1] if field.endswith('s') else field} {v!r}"
    imposed = getattr(entity, "imposed_by", None)
    if imposed:
        return f"sanction by {'/'.join(imposed)}"
    return field[:-1]


def ground(
    findings: Findings, grounder: Grounder, window: tuple[int, int] | None = None
) -> Findings:
    """Locate all evidence; drop entities with none, naming each in ``warnings``.

    Args:
        findings: an extractor's result; evidence may be unlocated (-1 offsets).
        grounder: the source text's grounder.
        window: the chunk's span, searched first.

    Returns:
        Findings whose every entity has at least one located evidence.
    """
    updates: dict[str, object] = {}
    warnings = list(findings.warnings)
    for field in ENTITY_FIELDS:
        kept = []
        for entity in getattr(findings, field):
            located: list[Evidence] = []
            for ev in entity.evidence:
                g = grounder.evidence(ev, window)
                if g is not None and all((g.start, g.end) != (x.start, x.end) for x in located):
                    located.append(g)
            if located:
                kept.append(entity.model_copy(update={"evidence": located}))
            else:
                quotes = "; ".join(repr(e.quote[:60]) for e in entity.evidence) or "no quote"
                warnings.append(
                    f"dropped {_label(field, entity)}: evidence not found in the text ({quotes})"
                )
        updates[field] = kept
    updates["warnings"] = warnings
    return findings.model_copy(update=updates)
