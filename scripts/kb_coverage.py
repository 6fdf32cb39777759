#!/usr/bin/env python
"""How well the knowledge base's scan covers gold actors and malware, as text on stdout.

    .venv/bin/python scripts/kb_coverage.py ../shared/dev ../shared/dev2 seeds

For every gold actor and malware entry (``actors``/``malware`` and their ``_optional`` lists) that
the article names only in Japanese (no Latin name or alias of the entry occurs in the text), it
checks whether ``KnowledgeBase.scan`` finds it: a hit of the same kind on the gold record, or for
an actor a state organ whose record names it (偵察総局, 61398部隊). It also lists the scan's
actor/malware hits that the gold does not list (candidate false hits of folded forms).
Reads the articles in place; copies nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarizer.knowledge import KnowledgeBase  # noqa: E402

_LATIN = re.compile(r"[\x20-\x7e]+")


def _entries(gold: dict[str, object], field: str) -> list[dict[str, object]]:
    out = []
    for e in [*gold.get(field, []), *gold.get(field + "_optional", [])]:  # type: ignore[misc]
        out.append(e if isinstance(e, dict) else {"name": e})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="+", type=Path, help="folders of gold NAME.json + NAME.txt")
    ap.add_argument("--kb", type=Path, help="another kb.json (default: the shipped one)")
    args = ap.parse_args()
    kb = KnowledgeBase.from_file(args.kb) if args.kb else KnowledgeBase.load()
    total = found = 0
    misses: list[str] = []
    extra: Counter[tuple[str, str, str]] = Counter()
    for d in args.dirs:
        for f in sorted(d.glob("*.json")):
            gold = json.loads(f.read_text(encoding="utf-8"))
            txt = f.with_suffix(".txt")
            if not txt.exists():
                continue
            text = txt.read_text(encoding="utf-8")
            norm = unicodedata.normalize("NFKC", text).casefold()
            hits = kb.scan(text)
            listed: set[str] = set()
            for field, kind in (("actors", "actor"), ("malware", "malware")):
                for e in _entries(gold, field):
                    names = [str(e["name"]), *map(str, e.get("aliases", []))]  # type: ignore[call-overload]
                    rec = kb.actor(names[0]) if kind == "actor" else kb.software(names[0])
                    keys = set(names) | ({rec.name} if rec else set())
                    listed |= keys
                    if any(
                        re.search(rf"(?<![a-z0-9]){re.escape(n.casefold())}(?![a-z0-9])", norm)
                        for n in names
                        if _LATIN.fullmatch(n)
                    ):
                        continue  # named in Latin letters somewhere: not a Japanese-only mention
                    total += 1
                    ok = any(h.kind == kind and h.key in keys for h in hits)
                    if kind == "actor" and not ok:
                        for h in hits:
                            o = kb.organ(h.key) if h.kind == "organ" else None
                            if o and ({o.name, o.actor, o.abbreviation, *o.aliases} & keys):
                                ok = True
                    if ok:
                        found += 1
                    else:
                        misses.append(f"  miss {f.stem}: {kind} {names[0]}")
            for h in hits:
                if h.kind in ("actor", "malware") and h.key not in listed:
                    extra[(h.kind, h.key, h.surface)] += 1
    print(f"gold actors/malware named only in Japanese: {total}, found by the KB scan: {found}")
    print("\n".join(misses))
    print(f"scan hits (actor/malware) the gold does not list: {sum(extra.values())}")
    for (kind, key, surface), n in extra.most_common():
        print(f"  {n} {kind} {key} <- {surface}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
