"""Score ThreatReports against gold annotations (SPEC.md, "Gold annotations (evaluation)").

API
---
``load_gold(path)``      a gold ``.json`` file or a folder of them -> ``list[Gold]``.
``score(pairs)``         ``(Gold, ThreatReport | dict | None)`` pairs -> ``Scores`` (per-field and
                         overall micro counts, per-article details). ``None`` = no prediction.
``perfect_report(gold)`` a ThreatReport that states exactly the gold's required items (an oracle
                         for tests and for checking the scorer itself).

Fields (``FIELDS``): actors, actor_country, defendants, indictment_jurisdiction, defendant_count,
sanction_imposers, sanction_targets, victim_orgs, victim_sectors, victim_countries, malware, cves.
Every field counts TP/FP/FN per article; counts are summed over articles (micro) and the overall
score sums every field's counts.

Scoring decisions
-----------------
Names. Two names are equal when their folded keys are: NFKC (width), casefold, and everything
that is not a letter or a digit dropped (spaces, punctuation, ``ー``), so ``ＡＰＴ３１`` ==
``apt31`` == ``APT 31``. An item's names are all its names together: a predicted actor's name,
aliases and mentions; a gold item's name, aliases and ``name_native``; a person's ``name`` and
``name_native``. Items match when any name key is shared ("native names equal" is the same test).
People (defendants, sanction targets) also match with the word order reversed ("Gaobin Ni").

Organizations (victim_orgs, sanction targets that the prediction marks ``organization``) also
match on word overlap when they share no name: content words are the casefolded words minus stop
words (articles, legal forms such as inc/co/ltd/corporation, and generic organ nouns such as
department/ministry/agency/government/company); demonyms fold to their country ("Japanese" ->
japan, "U.S."/"United States"/"American" -> us). Two names overlap when the Jaccard index of their
content words is >= 0.5 and the shared words contain a word that is not a place, unless the two
word sets are equal. So "Czech Foreign Ministry" ~ "Ministry of Foreign Affairs of the Czech
Republic" and "Japanese government" ~ "Government of Japan", but "Department of Justice" !~
"Department of Commerce" and "Japanese manufacturers" !~ "Japanese government agencies". A
prediction that matches some gold item (required or optional) by name only uses its name
matches; word overlap is the fallback for predictions that match nothing by name.

One-to-one. Predictions that share a name key are first merged into one prediction (the same
entity stated twice, e.g. a defendant named in two indictments, is not an error). Then a maximum
one-to-one matching pairs predictions with required gold items: each pair is a TP, each unpaired
required gold item an FN. An unpaired prediction that matches an ``_optional`` gold item is
neutral (neither TP nor FP); otherwise it is an FP - including a second prediction with
different names for an already matched gold item (e.g. "APT31" and "Zirconium" reported as two
actors): the report failed to merge them.

Field specifics.
- actor_country: for each matched (predicted, gold) actor pair whose gold states a country: TP
  when equal (case-insensitive), else FN, plus an FP when the prediction stated a wrong country.
  A required gold actor with a country that nobody predicted is also an FN here, so the recall
  denominator is fixed by the gold (a run cannot raise it by dropping hard actors). Not scored:
  gold actors with no country, FP actors, predictions matching an optional gold actor.
- defendants: the union of every indictment's defendants, gold and predicted.
- indictment_jurisdiction: the set of (upper-cased) jurisdictions.
- defendant_count: per gold indictment that states a count, a TP when a predicted indictment
  states the same ``defendant_count`` (one with the same jurisdiction is preferred, any other
  is accepted: a wrong jurisdiction is scored under indictment_jurisdiction). Unmatched gold
  counts are FN; predicted counts used by no gold indictment are FP (identical
  (jurisdiction, count) predictions are one). The count is not inferred from the number of
  named defendants: the contract says the product states it.
- sanction_imposers: the set of ``imposed_by`` codes over all sanctions.
- sanction_targets: the union of all sanctions' targets vs gold targets (+ ``targets_optional``).
- victim_orgs: predicted victims with a name or ``name_native`` vs ``organizations``
  (+ ``organizations_optional``); victims that are only described (no name) are not scored.
- victim_sectors: sets, with every ``government-*`` value counted as ``government``.
- victim_countries: the set of predicted victims' countries vs ``countries`` (+ optional).
- malware: every Software (malware and tools) by name + aliases vs gold name + aliases.
- cves: NFKC, upper-cased, dash-normalized set of ``vulnerabilities[].cve``.

Precision/recall with empty denominators: when a field has no TP, FP or FN at all (nothing to
find, nothing claimed) P = R = F1 = 1.0; otherwise an empty denominator gives 0.0. Micro sums
mean an article whose gold and prediction are both empty adds nothing anywhere.

The gold format is read tolerantly: any key may be missing; ``victims`` may also be a list of
victim objects; ``vulnerabilities`` may hold strings or ``{"cve": ...}`` objects.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.models import Indictment, ThreatReport

FIELDS: tuple[str, ...] = (
    "actors", "actor_country", "defendants", "indictment_jurisdiction", "defendant_count",
    "sanction_imposers", "sanction_targets", "victim_orgs", "victim_sectors",
    "victim_countries", "malware", "cves",
)  # fmt: skip

# --------------------------------------------------------------------------------------------
# folding


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s).casefold()


def name_key(s: str | None) -> str:
    """Folded key of a name: width, case, spaces, punctuation and ``ー`` folded away."""
    if not s:
        return ""
    return "".join(c for c in _nfkc(s) if c != "ー" and unicodedata.category(c)[0] in ("L", "N"))


def _tokens(s: str) -> list[str]:
    return [t for t in re.split(r"[^\w]+|_", _nfkc(s)) if t]


def person_keys(s: str | None) -> set[str]:
    """Keys of a person's name in given order and with the word order reversed."""
    if not s:
        return set()
    keys = {name_key(s)}
    toks = [name_key(t) for t in _tokens(s)]
    toks = [t for t in toks if t]
    if len(toks) > 1:
        keys.add("".join(toks))
        keys.add("".join(reversed(toks)))
    keys.discard("")
    return keys


_STOP = frozenset(
    "the of and for in on at a an to s de du la le les "  # noqa: SIM905
    "inc incorporated co corp corporation company companies ltd limited llc plc gmbh ag sa kk "
    "holdings holding group department dept ministry agency agencies office bureau "
    "government govt organization organisation organizations organisations "
    "republic federal national administration authority authorities".split()
)
_PLACE_ALIASES = {
    "japanese": "japan", "chinese": "china", "prc": "china", "american": "us", "usa": "us",
    "british": "uk", "gb": "uk", "england": "uk", "korean": "korea", "russian": "russia",
    "iranian": "iran", "ukrainian": "ukraine", "taiwanese": "taiwan", "czechia": "czech",
    "albanian": "albania", "french": "france", "german": "germany", "canadian": "canada",
    "australian": "australia", "indian": "india", "israeli": "israel",
    "vietnamese": "vietnam", "european": "europe", "eu": "europe", "asian": "asia",
}  # fmt: skip
_PLACES = frozenset(_PLACE_ALIASES.values()) | frozenset(
    "north south east west japan china us uk korea russia iran ukraine taiwan czech albania "  # noqa: SIM905
    "france germany canada australia india israel vietnam europe asia".split()
)
_PHRASES = (
    (re.compile(r"\bu\.s\.a?\.?"), " us "),
    (re.compile(r"\bu\.k\.?"), " uk "),
    (re.compile(r"\bunited states( of america)?\b"), " us "),
    (re.compile(r"\bunited kingdom\b"), " uk "),
)


def content_words(s: str | None) -> frozenset[str]:
    """Words of an organization name that carry meaning (stop words dropped, demonyms folded)."""
    if not s:
        return frozenset()
    t = _nfkc(s)
    for pat, rep in _PHRASES:
        t = pat.sub(rep, t)
    words = set()
    for w in re.split(r"[^\w]+|_", t):
        if not w or w in _STOP:
            continue
        words.add(_PLACE_ALIASES.get(w, w))
    return frozenset(words)


def words_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """Organization word-overlap rule (see the module docstring)."""
    if not a or not b:
        return False
    shared = a & b
    if not shared:
        return False
    if len(shared) / len(a | b) < 0.5:
        return False
    return a == b or bool(shared - _PLACES)


def _country(c: str | None) -> str:
    return (c or "").strip().upper()


def _sector(s: str) -> str:
    s = s.strip().lower()
    return "government" if s.startswith("government") else s


_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe63\uff0d_\s]+")


def cve_key(s: str | None) -> str:
    if not s:
        return ""
    t = unicodedata.normalize("NFKC", s).strip().upper()
    return _DASHES.sub("-", t).strip("-")


# --------------------------------------------------------------------------------------------
# gold


@dataclass(frozen=True)
class Item:
    """Something to match: a label for reports, its name keys and organization word sets."""

    label: str
    keys: frozenset[str]
    wordsets: tuple[frozenset[str], ...] = ()
    country: str = ""  # actors only

    def merge(self, other: Item) -> Item:
        return Item(self.label, self.keys | other.keys, self.wordsets + other.wordsets,
                    self.country or other.country)  # fmt: skip


def _names_item(
    names: Iterable[str | None],
    *,
    person: bool = False,
    org: bool = False,
    country: str | None = None,
) -> Item | None:
    strs = [n for n in names if isinstance(n, str) and n.strip()]
    if not strs:
        return None
    keys: set[str] = set()
    for n in strs:
        keys |= person_keys(n) if person else {name_key(n)}
    keys.discard("")
    if not keys:
        return None
    wordsets = tuple(w for w in (content_words(n) for n in strs) if w) if org else ()
    return Item(strs[0], frozenset(keys), wordsets, _country(country))


def _gold_item(d: Any, *, person: bool = False, org: bool = False) -> Item | None:
    if isinstance(d, str):
        return _names_item([d], person=person, org=org)
    if not isinstance(d, Mapping):
        return None
    names = [d.get("name"), *_as_list(d.get("aliases")), d.get("name_native")]
    return _names_item(names, person=person, org=org, country=d.get("country"))


def _as_list(v: Any) -> list[Any]:
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        return list(v)
    return [v]


def _items(ds: Any, **kw: bool) -> list[Item]:
    return [i for i in (_gold_item(d, **kw) for d in _as_list(ds)) if i is not None]


@dataclass
class GoldIndictment:
    jurisdiction: str
    defendant_count: int | None
    defendants: list[Item]


@dataclass
class Gold:
    """One gold annotation, parsed and folded for scoring."""

    name: str
    path: Path
    article: Path
    raw: dict[str, Any]
    actors: list[Item] = field(default_factory=list)
    actors_optional: list[Item] = field(default_factory=list)
    indictments: list[GoldIndictment] = field(default_factory=list)
    sanction_imposers: set[str] = field(default_factory=set)
    sanction_targets: list[Item] = field(default_factory=list)
    sanction_targets_optional: list[Item] = field(default_factory=list)
    victim_orgs: list[Item] = field(default_factory=list)
    victim_orgs_optional: list[Item] = field(default_factory=list)
    sectors: set[str] = field(default_factory=set)
    sectors_optional: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    countries_optional: set[str] = field(default_factory=set)
    malware: list[Item] = field(default_factory=list)
    malware_optional: list[Item] = field(default_factory=list)
    cves: set[str] = field(default_factory=set)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: Path, article: Path) -> Gold:
        g = cls(name=path.stem, path=path, article=article, raw=dict(data))
        g.actors = _items(data.get("actors"))
        g.actors_optional = _items(data.get("actors_optional"))
        for ind in _as_list(data.get("indictments")):
            if not isinstance(ind, Mapping):
                continue
            count = ind.get("defendant_count")
            g.indictments.append(GoldIndictment(
                _country(ind.get("jurisdiction")),
                count if isinstance(count, int) and not isinstance(count, bool) else None,
                _items(ind.get("defendants"), person=True),
            ))  # fmt: skip
        for s in _as_list(data.get("sanctions")):
            if not isinstance(s, Mapping):
                continue
            g.sanction_imposers |= {_country(c) for c in _as_list(s.get("imposed_by")) if c}
            g.sanction_targets += _items(s.get("targets"), person=True, org=True)
            g.sanction_targets_optional += _items(s.get("targets_optional"), person=True, org=True)
        g.sanction_targets_optional += _items(data.get("sanction_targets_optional"),
                                              person=True, org=True)  # fmt: skip
        v = data.get("victims")
        if isinstance(v, Mapping):
            g.victim_orgs = _items(v.get("organizations"), org=True)
            g.victim_orgs_optional = _items(v.get("organizations_optional"), org=True)
            g.sectors = {_sector(s) for s in _as_list(v.get("sectors")) if isinstance(s, str)}
            g.sectors_optional = {
                _sector(s) for s in _as_list(v.get("sectors_optional")) if isinstance(s, str)
            }
            g.countries = {_country(c) for c in _as_list(v.get("countries")) if c}
            g.countries_optional = {_country(c) for c in _as_list(v.get("countries_optional")) if c}
        elif isinstance(v, list):  # victim objects, as in a ThreatReport
            for vic in v:
                if not isinstance(vic, Mapping):
                    continue
                item = _names_item([vic.get("name"), vic.get("name_native"),
                                    *_as_list(vic.get("aliases"))], org=True)  # fmt: skip
                if item is not None:
                    g.victim_orgs.append(item)
                g.sectors |= {
                    _sector(s) for s in _as_list(vic.get("sectors")) if isinstance(s, str)
                }
                if vic.get("country"):
                    g.countries.add(_country(vic.get("country")))
        g.sectors_optional -= g.sectors
        g.countries_optional -= g.countries
        g.malware = _items(data.get("malware"))
        g.malware_optional = _items(data.get("malware_optional"))
        for c in _as_list(data.get("vulnerabilities")):
            k = cve_key(
                c.get("cve") if isinstance(c, Mapping) else c if isinstance(c, str) else None
            )
            if k:
                g.cves.add(k)
        return g


_GOLD_KEYS = frozenset({"actors", "indictments", "sanctions", "victims", "malware",
                        "vulnerabilities", "actors_optional", "malware_optional"})  # fmt: skip


def _read_gold(path: Path, *, explicit: bool) -> Gold | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as e:
        raise InputError(f"cannot read gold file {path}: {e.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        if not explicit:
            return None
        raise InputError(f"gold file {path} is not valid JSON: {e}") from None
    if not isinstance(data, dict) or "schema_version" in data:
        if explicit:
            raise InputError(f"{path} is not a gold annotation (expected a JSON object)")
        return None
    article_name = data.get("article")
    if not isinstance(article_name, str) or not article_name.strip():
        if not (_GOLD_KEYS & data.keys()):
            if explicit:
                raise InputError(f'{path} is not a gold annotation (no "article" key)')
            return None
        article_name = path.with_suffix(".txt").name
    article = path.parent / article_name
    if not article.is_file():
        raise InputError(f"gold file {path} names article {article_name!r}, which is not a file")
    return Gold.from_dict(data, path, article)


def load_gold(dir_or_file: str | Path) -> list[Gold]:
    """Gold annotations from a ``.json`` file or every gold ``.json`` in a folder (sorted).

    Raises:
        InputError: the path is missing, holds no gold file, a gold file is unreadable, or the
            article a gold file names does not exist.
    """
    p = Path(dir_or_file).expanduser()
    if p.is_file():
        g = _read_gold(p, explicit=True)
        return [g] if g is not None else []
    if not p.is_dir():
        raise InputError(f"gold path not found: {dir_or_file}")
    golds = [g for f in sorted(p.glob("*.json")) if (g := _read_gold(f, explicit=False))]
    if not golds:
        raise InputError(f'no gold files (*.json naming an "article") in {dir_or_file}')
    return golds


# --------------------------------------------------------------------------------------------
# scores


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def empty(self) -> bool:
        return self.tp == self.fp == self.fn == 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        if self.empty:
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}  # fmt: skip


@dataclass
class FieldResult:
    """One field of one article: counts and the labels behind them."""

    counts: Counts = field(default_factory=Counts)
    tp: list[str] = field(default_factory=list)
    fp: list[str] = field(default_factory=list)
    fn: list[str] = field(default_factory=list)
    neutral: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {**self.counts.to_dict(), "matched": self.tp, "false_positives": self.fp,
                "missed": self.fn, "neutral": self.neutral}  # fmt: skip


@dataclass
class ArticleResult:
    name: str
    article: str
    fields: dict[str, FieldResult]
    predicted: bool = True

    @property
    def overall(self) -> Counts:
        total = Counts()
        for r in self.fields.values():
            total += r.counts
        return total


@dataclass
class Scores:
    fields: dict[str, Counts]
    articles: list[ArticleResult]

    @property
    def overall(self) -> Counts:
        total = Counts()
        for c in self.fields.values():
            total += c
        return total

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the fields that have any count (for a second opinion, not the figure)."""
        scored = [c.f1 for c in self.fields.values() if not c.empty]
        return sum(scored) / len(scored) if scored else 1.0

    def to_dict(self, *, details: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "articles": len(self.articles),
            "fields": {k: c.to_dict() for k, c in self.fields.items()},
            "overall": self.overall.to_dict(),
            "macro_f1": round(self.macro_f1, 4),
            "per_article": [],
        }
        for a in self.articles:
            entry: dict[str, Any] = {"name": a.name, "article": a.article,
                                     "predicted": a.predicted,
                                     "overall": a.overall.to_dict()}  # fmt: skip
            if details:
                entry["fields"] = {k: r.to_dict() for k, r in a.fields.items()}
            else:
                entry["fields"] = {k: r.counts.to_dict() for k, r in a.fields.items()}
            out["per_article"].append(entry)
        return out


# --------------------------------------------------------------------------------------------
# matching


def _edge(p: Item, g: Item, *, overlap: bool) -> bool:
    if overlap:
        return any(words_overlap(a, b) for a in p.wordsets for b in g.wordsets)
    return bool(p.keys & g.keys)


def _dedupe(preds: Iterable[Item]) -> list[Item]:
    """Merge predictions that share a name key (the same entity stated twice)."""
    out: list[Item] = []
    for p in preds:
        hits = [i for i, q in enumerate(out) if q.keys & p.keys]
        if not hits:
            out.append(p)
            continue
        merged = out[hits[0]]
        for i in hits[1:]:
            merged = merged.merge(out[i])
        merged = merged.merge(p)
        out = [q for i, q in enumerate(out) if i not in hits[1:]]
        out[hits[0]] = merged
    return out


def match_items(
    preds: Iterable[Item], gold: Sequence[Item], optional: Sequence[Item] = ()
) -> tuple[list[tuple[Item, Item]], list[Item], list[Item], list[Item]]:
    """One-to-one matching -> (pairs, false positives, missed gold, neutral predictions)."""
    ps = _dedupe(preds)
    allg = list(gold) + list(optional)
    adj: list[list[int]] = []  # pred -> indexes into allg
    for p in ps:
        exact = [j for j, g in enumerate(allg) if _edge(p, g, overlap=False)]
        adj.append(exact or [j for j, g in enumerate(allg) if _edge(p, g, overlap=True)])
    n_req = len(gold)
    owner: dict[int, int] = {}  # required gold index -> pred index

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j >= n_req or j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(ps)):
        augment(i, set())
    matched_preds = {i: j for j, i in owner.items()}
    pairs = [(ps[i], gold[j]) for i, j in sorted(matched_preds.items())]
    fps: list[Item] = []
    neutral: list[Item] = []
    for i, p in enumerate(ps):
        if i in matched_preds:
            continue
        (neutral if any(j >= n_req for j in adj[i]) else fps).append(p)
    missed = [g for j, g in enumerate(gold) if j not in owner]
    return pairs, fps, missed, neutral


def _items_result(
    preds: Iterable[Item], gold: Sequence[Item], optional: Sequence[Item] = ()
) -> tuple[FieldResult, list[tuple[Item, Item]]]:
    pairs, fps, missed, neutral = match_items(preds, gold, optional)
    r = FieldResult(
        Counts(len(pairs), len(fps), len(missed)),
        tp=[f"{p.label} = {g.label}" if name_key(p.label) != name_key(g.label) else g.label
            for p, g in pairs],
        fp=[p.label for p in fps],
        fn=[g.label for g in missed],
        neutral=[p.label for p in neutral],
    )  # fmt: skip
    return r, pairs


def _set_result(
    pred: Iterable[str], gold: set[str], optional: AbstractSet[str] = frozenset()
) -> FieldResult:
    ps = {p for p in pred if p}
    tp = sorted(ps & gold)
    fp = sorted(ps - gold - optional)
    fn = sorted(gold - ps)
    neutral = sorted((ps & optional) - gold)
    return FieldResult(Counts(len(tp), len(fp), len(fn)), tp, fp, fn, neutral)


def _defendant_count(gold: Gold, indictments: Sequence[Indictment]) -> FieldResult:
    preds: list[tuple[str, int]] = []
    for ind in indictments:
        if ind.defendant_count is None:
            continue
        key = (_country(ind.jurisdiction), ind.defendant_count)
        if key not in preds:
            preds.append(key)
    used: set[int] = set()
    r = FieldResult()
    golds = [g for g in gold.indictments if g.defendant_count is not None]

    def find(g: GoldIndictment, same_jur: bool) -> int | None:
        for i, (jur, n) in enumerate(preds):
            if i in used or n != g.defendant_count:
                continue
            if same_jur and jur != g.jurisdiction:
                continue
            return i
        return None

    unmatched: list[GoldIndictment] = []
    for g in golds:  # same jurisdiction first, then any
        i = find(g, True)
        if i is None:
            unmatched.append(g)
            continue
        used.add(i)
        r.tp.append(f"{g.jurisdiction or '?'}: {g.defendant_count}")
    for g in unmatched:
        i = find(g, False)
        if i is None:
            r.fn.append(f"{g.jurisdiction or '?'}: {g.defendant_count}")
            continue
        used.add(i)
        r.tp.append(
            f"{g.jurisdiction or '?'}: {g.defendant_count} (stated as {preds[i][0] or '?'})"
        )
    null_jurs = {g.jurisdiction for g in gold.indictments if g.defendant_count is None}
    for i, (jur, n) in enumerate(preds):
        if i in used:
            continue
        (r.neutral if jur in null_jurs else r.fp).append(f"{jur or '?'}: {n}")
    r.counts = Counts(len(r.tp), len(r.fp), len(r.fn))
    return r


def _as_report(report: ThreatReport | Mapping[str, Any] | None) -> ThreatReport | None:
    if report is None or isinstance(report, ThreatReport):
        return report
    return ThreatReport.model_validate(report)


def score_article(gold: Gold, report: ThreatReport | Mapping[str, Any] | None) -> ArticleResult:
    """Every field of one article (``report`` None = nothing predicted)."""
    rep = _as_report(report)
    fields: dict[str, FieldResult] = {}

    actors = [] if rep is None else [
        i for a in rep.actors
        if (i := _names_item([a.name, *a.aliases, *a.mentions], country=a.country))
    ]  # fmt: skip
    fields["actors"], pairs = _items_result(actors, gold.actors, gold.actors_optional)

    ac = FieldResult()
    for p, g in pairs:
        if not g.country:
            continue
        if p.country == g.country:
            ac.tp.append(f"{g.label}: {g.country}")
        else:
            ac.fn.append(f"{g.label}: {g.country}")
            if p.country:
                ac.fp.append(f"{p.label}: {p.country}")
    matched_gold = {id(g) for _, g in pairs}
    ac.fn += [f"{g.label}: {g.country} (actor missed)" for g in gold.actors
              if g.country and id(g) not in matched_gold]  # fmt: skip
    ac.counts = Counts(len(ac.tp), len(ac.fp), len(ac.fn))
    fields["actor_country"] = ac

    defendants = [] if rep is None else [
        i for ind in rep.indictments for d in ind.defendants
        if (i := _names_item([d.name, d.name_native], person=True))
    ]  # fmt: skip
    gold_defs = _dedupe(d for ind in gold.indictments for d in ind.defendants)
    fields["defendants"], _ = _items_result(defendants, gold_defs)

    fields["indictment_jurisdiction"] = _set_result(
        [] if rep is None else [_country(i.jurisdiction) for i in rep.indictments],
        {g.jurisdiction for g in gold.indictments if g.jurisdiction},
    )
    fields["defendant_count"] = _defendant_count(gold, [] if rep is None else rep.indictments)

    fields["sanction_imposers"] = _set_result(
        [] if rep is None else [_country(c) for s in rep.sanctions for c in s.imposed_by],
        gold.sanction_imposers,
    )
    targets = [] if rep is None else [
        i for s in rep.sanctions for t in s.targets
        if (i := _names_item([t.name, t.name_native], person=True,
                             org=t.kind == "organization"))
    ]  # fmt: skip
    fields["sanction_targets"], _ = _items_result(
        targets, _dedupe(gold.sanction_targets), gold.sanction_targets_optional
    )

    victims = [] if rep is None else [
        i for v in rep.victims if (i := _names_item([v.name, v.name_native], org=True))
    ]  # fmt: skip
    fields["victim_orgs"], _ = _items_result(victims, gold.victim_orgs, gold.victim_orgs_optional)
    fields["victim_sectors"] = _set_result(
        [] if rep is None else [_sector(s) for v in rep.victims for s in v.sectors],
        gold.sectors, gold.sectors_optional,
    )  # fmt: skip
    fields["victim_countries"] = _set_result(
        [] if rep is None else [_country(v.country) for v in rep.victims],
        gold.countries, gold.countries_optional,
    )  # fmt: skip

    malware = [] if rep is None else [
        i for m in rep.malware if (i := _names_item([m.name, *m.aliases]))
    ]  # fmt: skip
    fields["malware"], _ = _items_result(malware, gold.malware, gold.malware_optional)
    fields["cves"] = _set_result(
        [] if rep is None else [cve_key(v.cve) for v in rep.vulnerabilities], gold.cves
    )
    return ArticleResult(gold.name, str(gold.article), {k: fields[k] for k in FIELDS},
                         predicted=rep is not None)  # fmt: skip


def score(pairs: Iterable[tuple[Gold, ThreatReport | Mapping[str, Any] | None]]) -> Scores:
    """Micro-averaged scores over articles for every field in ``FIELDS``."""
    totals = {k: Counts() for k in FIELDS}
    articles = []
    for gold, report in pairs:
        a = score_article(gold, report)
        for k, r in a.fields.items():
            totals[k] += r.counts
        articles.append(a)
    return Scores(totals, articles)


# --------------------------------------------------------------------------------------------
# oracle


def perfect_report(gold: Gold) -> ThreatReport:
    """A report stating exactly the gold's required items (from the raw gold JSON)."""
    raw = gold.raw

    def dicts(v: Any) -> list[Mapping[str, Any]]:
        return [d for d in _as_list(v) if isinstance(d, Mapping)]

    def aliases(d: Mapping[str, Any]) -> list[str]:
        return [a for a in _as_list(d.get("aliases")) if isinstance(a, str)]

    v = raw.get("victims")
    vic: Mapping[str, Any] = v if isinstance(v, Mapping) else {}
    victims: list[dict[str, Any]] = [
        {"name": o["name"], "name_native": o.get("name_native")}
        for o in dicts(vic.get("organizations"))
    ]
    if vic.get("sectors"):
        victims.append({"description": "sectors", "sectors": list(vic["sectors"])})
    victims += [{"description": "country", "country": c} for c in _as_list(vic.get("countries"))]
    data: dict[str, Any] = {
        "source": {"path": str(gold.article), "sha256": "0" * 64},
        "headline": "gold",
        "summary": "gold",
        "actors": [
            {"name": a["name"], "aliases": aliases(a), "country": a.get("country")}
            for a in dicts(raw.get("actors"))
        ],
        "indictments": [
            {
                "jurisdiction": i.get("jurisdiction"),
                "defendant_count": i.get("defendant_count"),
                "defendants": [
                    {"name": d["name"], "name_native": d.get("name_native")}
                    for d in dicts(i.get("defendants"))
                ],
            }
            for i in dicts(raw.get("indictments"))
        ],
        "sanctions": [
            {
                "imposed_by": list(s.get("imposed_by") or []),
                "targets": [
                    {"name": t["name"], "name_native": t.get("name_native")}
                    for t in dicts(s.get("targets"))
                ],
            }
            for s in dicts(raw.get("sanctions"))
        ],
        "victims": victims,
        "malware": [{"name": m["name"], "aliases": aliases(m)} for m in dicts(raw.get("malware"))],
        "vulnerabilities": [
            {"cve": c if isinstance(c, str) else c.get("cve")}
            for c in _as_list(raw.get("vulnerabilities"))
            if isinstance(c, (str, Mapping))
        ],
        "provenance": {"engine": "rules", "schema_id": "gold"},
    }
    return ThreatReport.model_validate(data)
