"""Measure HTML ingest: each development article saved as a realistic news page, then scored
with trafilatura and with the hand-written fallback.

    .venv/bin/python scripts/html_pages.py /work/shared/dev /work/shared/dev2 [--keep DIR]

Each ``NAME.txt`` (its gold ``NAME.json`` beside it) becomes ``NAME.html`` in a temporary folder
(deleted afterwards unless ``--keep``; never commit it): a header with navigation and a
breadcrumb, the article (title as ``<h1>``, one ``<p>`` per line), a sidebar of related-article
headlines and a ranking box that name *other* actors, malware and countries, a footer,
``<meta property="article:published_time">`` and JSON-LD. Two layouts alternate: semantic
(``<article>``, ``<aside>``) and div-only (``<div class="article-body">``, related links inside
the main column, as many Japanese news sites build pages). The sidebar headlines are synthetic
(written for this script), not article text.

Prints JSON: for the plain ``.txt`` articles and for the pages read by trafilatura and by the
fallback, overall precision/recall/F1, false positives (overall and per field) and how many
pages leaked sidebar headlines into the article text.
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

# Synthetic related-article headlines: other actors, malware and countries than the article's.
SIDEBAR = [
    "北朝鮮のラザルス、暗号資産取引所から巨額を窃取",
    "ロシアのAPT28、欧州の政府機関を標的に",
    "ランサムウェア「LockBit」の新型、イランの企業で確認",
    "Emotetが再び活発化、国内企業に注意喚起",
    "中国系のAPT41、台湾の半導体企業を攻撃か",
    "イランのMuddyWater、中東の通信会社を狙う",
    "Sandworm、ウクライナの電力網に再び攻撃",
    "Kimsuky、韓国の研究機関にフィッシングメール",
    "米財務省、ロシアのハッカー2人に制裁",
    "Cobalt Strikeを悪用した攻撃がベトナムで急増",
    "Turla、欧州の外務省にバックドアを設置",
    "北朝鮮のIT労働者、米企業に偽名で潜入",
]
RANKING = [
    "QakBotの後継マルウェアが拡散、ドイツで被害",
    "Volt Typhoon、米国の水道施設に潜伏",
    "ブラジルの銀行を狙うトロイの木馬Grandoreiro",
]
NAV = ["トップ", "ニュース", "セキュリティ", "国際", "テクノロジー", "コラム"]
DATES = ["2024-03-26", "2023-11-02", "2025-01-17", "2022-07-08"]


def page(title: str, paragraphs: list[str], k: int) -> str:
    """One article wrapped in a news page; layout and sidebar picked by ``k``."""
    e = html.escape
    date = DATES[k % len(DATES)]
    related = [SIDEBAR[(k + i) % len(SIDEBAR)] for i in range(5)]
    rank = [RANKING[(k + i) % len(RANKING)] for i in range(3)]
    ld = json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
         "datePublished": f"{date}T09:00:00+09:00",
         "author": {"@type": "Person", "name": "編集部"}},
        ensure_ascii=False,
    )  # fmt: skip
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)
    nav = "".join(f'<li><a href="/c/{i}">{e(n)}</a></li>' for i, n in enumerate(NAV))
    links = "".join(f'<li><a href="/a/{k}-{i}">{e(h)}</a></li>' for i, h in enumerate(related))
    ranking = "".join(f'<li><a href="/r/{i}">{e(h)}</a></li>' for i, h in enumerate(rank))
    head = (
        f'<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8">'
        f"<title>{e(title)} | セキュリティニュース</title>"
        f'<meta property="og:title" content="{e(title)}">'
        f'<meta property="article:published_time" content="{date}T09:00:00+09:00">'
        f'<script type="application/ld+json">{ld}</script>'
        "<script>window.dataLayer = window.dataLayer || [];</script></head><body>"
        f'<header class="site-header"><div class="logo">セキュリティニュース</div>'
        f'<nav class="global-nav"><ul>{nav}</ul></nav></header>'
        '<div class="breadcrumb"><a href="/">トップ</a> &gt; <a href="/c/2">セキュリティ</a></div>'
    )
    foot = (
        '<footer class="site-footer"><ul><li><a href="/about">会社概要</a></li>'
        '<li><a href="/privacy">プライバシーポリシー</a></li></ul>'
        "<p>&copy; セキュリティニュース All rights reserved.</p></footer></body></html>\n"
    )
    if k % 2 == 0:  # semantic layout
        return (
            head + '<div class="container"><main><article>'
            f'<h1>{e(title)}</h1><time datetime="{date}">{date}</time>'
            f'<div class="article-body">{body}</div></article></main>'
            f'<aside class="sidebar"><section><h2>関連記事</h2><ul>{links}</ul></section>'
            f"<section><h2>アクセスランキング</h2><ol>{ranking}</ol></section></aside></div>" + foot
        )
    return (  # div-only layout, related links in the main column
        head + '<div id="wrapper"><div class="main-column">'
        f'<div class="entry-title"><h1>{e(title)}</h1><span class="date">{date}</span></div>'
        f'<div class="article-body">{body}</div>'
        '<div class="share"><a href="#">ツイート</a> <a href="#">シェア</a></div>'
        f'<div class="related-articles"><h3>あわせて読みたい</h3><ul>{links}</ul></div></div>'
        f'<div class="side-column"><div class="widget ranking"><h3>人気記事</h3><ol>{ranking}'
        "</ol></div></div></div>" + foot
    )


def build(dirs: list[Path], out: Path) -> int:
    """Write NAME.html + NAME.json (gold naming the page) for every article; returns count."""
    k = 0
    for d in dirs:
        for gold_path in sorted(d.glob("*.json")):
            txt = gold_path.with_suffix(".txt")
            if not txt.is_file():
                continue
            lines = [ln.strip() for ln in txt.read_text(encoding="utf-8").splitlines()]
            lines = [ln for ln in lines if ln]
            if not lines:
                continue
            name = f"{d.name}__{txt.stem}"
            # a first line that is a paragraph, not a headline, stays in the body
            title, body = (
                (lines[0], lines[1:]) if len(lines[0]) <= 80 else (lines[0][:30] + "…", lines)
            )
            (out / f"{name}.html").write_text(page(title, body, k), encoding="utf-8")
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            gold["article"] = f"{name}.html"
            (out / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
            k += 1
    return k


def measure(gold_dirs: list[Path], *, fallback: bool = False) -> dict[str, Any]:
    """Score every article (rules engine), pages with trafilatura or as if it were not
    installed."""
    from summarizer.config import load_settings
    from summarizer.evaluate import load_gold, score
    from summarizer.ingest import read_input
    from summarizer.pipeline import summarize_document

    saved = sys.modules.get("trafilatura")
    if fallback:
        sys.modules["trafilatura"] = None  # type: ignore[assignment]
    try:
        settings = load_settings(engine="rules", env={})
        pairs = []
        leaked = 0
        extractors: dict[str, int] = {}
        dated = actions = 0
        for g in [g for d in gold_dirs for g in load_gold(d)]:
            doc = read_input(str(g.article))
            ex = doc.source.html_extractor or "text"
            extractors[ex] = extractors.get(ex, 0) + 1
            if any(h in doc.text for h in SIDEBAR + RANKING):
                leaked += 1
            report = summarize_document(doc, settings)
            acts = [*report.indictments, *report.sanctions]
            actions += len(acts)
            dated += sum(1 for a in acts if a.date)
            pairs.append((g, report))
    finally:
        if fallback:
            if saved is None:
                sys.modules.pop("trafilatura", None)
            else:
                sys.modules["trafilatura"] = saved
    s = score(pairs).to_dict()
    fields = s["fields"]
    return {
        "articles": len(pairs),
        "extractor": extractors,
        "overall": s["overall"],
        "false_positives": {k: v["fp"] for k, v in fields.items() if v.get("fp")},
        "pages_with_sidebar_text": leaked,
        "actions_dated": f"{dated}/{actions}",
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="+", type=Path, help="folders of NAME.txt + gold NAME.json")
    ap.add_argument("--keep", type=Path, help="write the pages here and keep them")
    args = ap.parse_args()
    out = args.keep or Path(tempfile.mkdtemp(prefix="summarizer-pages-"))
    out.mkdir(parents=True, exist_ok=True)
    try:
        n = build(args.dirs, out)
        result = {
            "pages": n,
            "plain_text": measure(args.dirs),
            "trafilatura": measure([out]),
            "fallback": measure([out], fallback=True),
        }
    finally:
        if args.keep is None:
            shutil.rmtree(out, ignore_errors=True)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
