"""The offline engine (``--engine rules``): Findings from a Japanese article with no model.

``RulesExtractor(kb).extract(text) -> Findings``. Every entity carries Evidence pointing into
``text`` (``text[start:end] == quote``). One module per kind of finding, over a shared layer:

- ``reading``: sentences, the article context (``Ctx``), countries, clauses, acting parties.
- ``people``: named people in a span (kanji with ages or 容疑者/被告, glossed, katakana, Latin,
  list lines).
- ``actors``: the knowledge base's scanner (aliases, katakana forms); a state organ that the KB
  links to one actor (人民解放軍61419部隊 -> Tick) names that actor, any other organ becomes the
  sponsor of actors nearby; attribution from the authority the sentence cites.
- ``indictments``: sentences with 起訴/訴追/告発/逮捕/指名手配..., jurisdiction from the acting
  authority, charges, defendants, the stated count, reward, actor nearby; one per jurisdiction.
- ``sanctions``: sentences with 制裁対象/制裁を科す/資産凍結..., imposers from the subject,
  targets (companies, organs, people with nicknames), measures.
- ``victims``: named organizations in attack sentences and article-level target descriptions.
- ``software``: malware and tools, CVEs (verbatim, misprints kept), IOCs (ioc-finder).
- ``lexicon``: word tables; ``engine``: ``RulesExtractor`` runs the recognizers in order.

The article is data: nothing in it is executed or obeyed; entities come only from patterns.
"""

from summarizer.rules.engine import RulesExtractor

__all__ = ["RulesExtractor"]
