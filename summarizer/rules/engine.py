"""``RulesExtractor``: reads an article and runs the recognizers in order.

actors -> malware -> CVEs -> IOCs -> indictments (need actors) -> sanctions (need indictments)
-> victims -> headline and summary (built only from the structured result).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from summarizer.models import Findings
from summarizer.rules.actors import find_actors
from summarizer.rules.indictments import add_sanctioned_defendants, find_indictments
from summarizer.rules.reading import Ctx, load_kb, romanizer, split_sentences
from summarizer.rules.sanctions import find_sanctions
from summarizer.rules.software import find_cves, find_iocs, find_malware
from summarizer.rules.victims import find_victims

if TYPE_CHECKING:
    from summarizer.knowledge import KnowledgeBase


class RulesExtractor:
    """Pattern-and-lexicon extraction of Findings (no model)."""

    engine = "rules"

    def __init__(self, kb: KnowledgeBase | None = None, *, brief: bool = True) -> None:
        """``brief=False``: leave headline and summary empty (the pipeline writes them from
        the normalized findings, so building them here is waste)."""
        self._kb: Any = kb
        self._romanize: Any = None
        self._brief = brief

    @property
    def kb(self) -> Any:
        if self._kb is None:
            self._kb = load_kb()
        return self._kb

    def _rom(self, native: str, origin: str | None = None) -> tuple[str, bool]:
        if self._romanize is None:
            self._romanize = romanizer()
        if origin is None:
            name, unsure = self._romanize(native)
        else:
            try:
                name, unsure = self._romanize(native, origin=origin)
            except TypeError:  # a romanizer that does not take the origin
                name, unsure = self._romanize(native)
        return name, unsure

    def extract(self, text: str) -> Findings:
        f = Findings()
        if not text or not text.strip():
            if self._brief:
                f.headline, f.summary = _brief(f)
            return f
        ctx = Ctx(text, split_sentences(text), kb=self.kb, rom=self._rom)
        hits = list(self.kb.scan(text))
        ctx.hits = hits
        f.actors = find_actors(ctx, hits)
        f.malware = find_malware(ctx, hits)
        f.vulnerabilities = find_cves(ctx)
        f.indicators = find_iocs(text)
        f.indictments = find_indictments(ctx, f.actors)
        f.sanctions = find_sanctions(ctx, f.indictments)
        add_sanctioned_defendants(f.indictments, f.sanctions)
        f.victims = find_victims(ctx)
        if self._brief:
            f.headline, f.summary = _brief(f)
        return f


def _brief(f: Findings) -> tuple[str, str]:
    from summarizer.brief import brief

    if not (
        f.actors or f.indictments or f.sanctions or f.victims or f.malware or f.vulnerabilities
    ):
        return (
            "No threat actor, legal action or malware named in this article",
            "The rules engine found no named threat actor, indictment, sanction, named victim, "
            "malware or CVE in this article.",
        )
    headline, summary = brief(f)
    return headline, summary
