"""How sure an export can be of each finding: three levels on the STIX 2.1 "None / Low / Med /
High" confidence scale (STIX 2.1, Appendix A: Low = 15, Med = 50, High = 85), graded from what
the report already carries (docs/exports.md, "Confidence").

Neither engine scores its findings, and every finding in a report has passed strict grounding
(its quotes are in the article). So the grade rests on facts the report holds, not on a score:

* actor, malware/tool: **High** when the name is the knowledge base's canonical name (or one of
  its aliases; for an actor, also a known malware's name: ransomware groups go by it) and
  the article states it in two or more places; **Med** when only one of those holds; **Low**
  otherwise (a name no reference knows, stated once: a model's finding or a misread).
* named victim: nothing to check the name against; **Med** when stated in two or more places,
  else **Low**.
* CVE: **High** for a well-formed id (``CVE-2024-12345``: unambiguous and verbatim), **Low** for
  a misprinted id or a vulnerability only described.
* indicator: **High** when the article wrote it defanged (its author marked it as malicious);
  **Med** when the sentence stating it names a malware, tool or actor; else **Low** (a value in
  the text, which may be a reference rather than attacker infrastructure).
* a relationship the exporter infers (``targets``/``uses`` from the article's single actor,
  ``indicates`` from one sentence): the lower of its two ends, and never above **Med**: the
  article does not state the link in so many words.
* a person whose romanization is a guess (``name_uncertain``): **Low** (MISP only: people are not
  STIX objects).

Nothing else gets a grade: relationships and properties taken from the knowledge base
(``originates-from``, ``attributed-to``, sponsor) are reference data, not the article's claim;
sectors, countries and notes have no grade to give.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from summarizer.models import Evidence, Indicator, Software, ThreatActor, Victim, Vulnerability

__all__ = ["HIGH", "LOW", "MED", "MISP_TAGS", "actor", "indicator", "inferred", "misp_tag",
           "software", "victim", "vulnerability"]  # fmt: skip

LOW, MED, HIGH = 15, 50, 85  # STIX 2.1 Appendix A, None/Low/Med/High scale
# MISP's standard: the estimative-language taxonomy (ICD 203), an exclusive predicate
MISP_TAGS = {
    LOW: 'estimative-language:confidence-in-analytic-judgment="low"',
    MED: 'estimative-language:confidence-in-analytic-judgment="moderate"',
    HIGH: 'estimative-language:confidence-in-analytic-judgment="high"',
}
_CVE = re.compile(r"CVE-\d{4}-\d{4,7}")


def _stated(evs: Iterable[Evidence]) -> int:
    """Places in the article that state the item (distinct grounded spans)."""
    return len({(e.start, e.end) for e in evs if e.start >= 0})


def _known(kind: str, name: str) -> bool:
    """Whether ``name`` is the knowledge base's canonical name (or an alias) of that kind; an
    actor may also bear a known malware's name (ransomware groups go by their malware's)."""
    from summarizer.knowledge import KnowledgeBase

    kb = KnowledgeBase.load()
    recs = [kb.actor(name), kb.software(name)] if kind == "actor" else [kb.software(name)]
    return any(
        name.casefold() in {x.casefold() for x in (rec.name, *rec.aliases)}
        for rec in recs
        if rec is not None
    )


def _grade(known: bool, stated: int) -> int:
    if known and stated >= 2:
        return HIGH
    return MED if known or stated >= 2 else LOW


def actor(a: ThreatActor) -> int:
    return _grade(_known("actor", a.name), _stated(a.evidence))


def software(s: Software) -> int:
    return _grade(_known("software", s.name), _stated(s.evidence))


def victim(v: Victim) -> int:
    return MED if _stated(v.evidence) >= 2 else LOW


def vulnerability(v: Vulnerability) -> int:
    return HIGH if v.cve and _CVE.fullmatch(v.cve) else LOW


def indicator(ind: Indicator, names_nearby: bool) -> int:
    if any(e.quote != ind.value and e.start >= 0 for e in ind.evidence):
        return HIGH  # written defanged: the article's author marked it as malicious
    return MED if names_nearby else LOW


def inferred(*ends: int | None) -> int | None:
    """A relationship the exporter infers: the lower end, at most Med; None without grades."""
    known = [c for c in ends if c is not None]
    return min([*known, MED]) if len(known) == len(ends) else None


def misp_tag(level: int | None) -> list[str]:
    return [MISP_TAGS[level]] if level in MISP_TAGS else []
