#!/usr/bin/env python
"""Figures the product is held to (SPEC.md, "Figures"), as JSON on stdout.

    .venv/bin/python scripts/benchmark.py                 # quality, speed, CLI, LLM (cassettes)
    .venv/bin/python scripts/benchmark.py --dev ../shared/dev --batch

Sections:
  quality  offline engine F1 per field and overall on seeds/ (and --dev DIR when given)
  rules    articles/s on one core for a 3,000-character article after start-up; start-up time
  rules_on with --rules-on DIR: RulesExtractor.extract alone on DIR/*.txt, articles/s on one core
  cli      `summarizer --help` wall time (median of 5)
  llm      per seed article, replayed from the cassettes: requests, chunks, re-asks, prompt and
           completion tokens (server-reported), and prompt tokens spent on anything but the
           article (instructions + schema, counted offline with o200k via bpe-openai)
  batch    scripts/bench_batch.py's figures (with --batch; takes minutes)
  speed    scripts/bench_speed.py's figures (with --speed; takes minutes): start-up of summarize and
           --help, in-process articles/s/core, batch -j 1 / -j 2 on 2,000 articles, peak RSS at
           10,000, and a plain MISP-galaxy string matcher on the same articles for the ratio
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SUMMARIZER = [sys.executable, "-m", "summarizer"]
CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}


def quality(gold_dir: Path) -> dict[str, Any]:
    from summarizer.config import load_settings
    from summarizer.evaluate import load_gold, score
    from summarizer.ingest import read_input
    from summarizer.pipeline import summarize_document

    settings = load_settings(engine="rules", env={})
    golds = load_gold(gold_dir)
    pairs = [(g, summarize_document(read_input(str(g.article)), settings)) for g in golds]
    s = score(pairs)
    return {
        "articles": len(golds),
        "overall": s.overall.to_dict(),
        "fields": {k: v.to_dict() for k, v in s.fields.items()},
    }


def rules_speed() -> dict[str, Any]:
    probe = r"""
import time, sys
t0 = time.perf_counter()
from summarizer.config import load_settings
from summarizer.ingest import decode
from summarizer.pipeline import summarize_document
text = open(sys.argv[1], encoding="utf-8").read()[:3000]
doc = decode(text.encode("utf-8"), path="bench.txt")
s = load_settings(engine="rules", env={})
summarize_document(doc, s)
t1 = time.perf_counter()
n = 0
while time.perf_counter() - t1 < 5 or n < 50:
    summarize_document(doc, s); n += 1
t2 = time.perf_counter()
print(t1 - t0, n / (t2 - t1), len(text))
"""
    seed = ROOT / "seeds" / "000_7fe6de3653567684.txt"
    env = {**CLEAN_ENV, "OMP_NUM_THREADS": "1"}
    out = subprocess.run(
        ["taskset", "-c", "0", sys.executable, "-c", probe, str(seed)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.split()
    startup, rate, chars = float(out[0]), float(out[1]), int(out[2])
    walls = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(
            [*SUMMARIZER, "summarize", str(seed), "--engine", "rules"],
            capture_output=True,
            env=CLEAN_ENV,
            check=True,
        )
        walls.append(time.perf_counter() - t)
    return {"article_chars": chars, "articles_per_second_one_core": round(rate, 1),
            "startup_seconds_first_article": round(startup, 3),
            "cli_summarize_wall_seconds_median": round(statistics.median(walls), 3)}  # fmt: skip


def rules_speed_on(folder: Path) -> dict[str, Any]:
    """The offline engine alone (RulesExtractor.extract) on every DIR/*.txt, in one process on
    one core: best of 7 rounds of CPU time, after a warm-up round."""
    probe = r"""
import glob, sys, time
from summarizer.knowledge import KnowledgeBase
from summarizer.rules import RulesExtractor
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(sys.argv[1] + "/*.txt"))]
rx = RulesExtractor(KnowledgeBase.load())
for t in texts:
    rx.extract(t)
best = 1e9
for _ in range(7):
    t0 = time.process_time()
    for t in texts:
        rx.extract(t)
    best = min(best, time.process_time() - t0)
print(len(texts), best)
"""
    env = {**CLEAN_ENV, "OMP_NUM_THREADS": "1"}
    out = subprocess.run(
        ["taskset", "-c", "0", sys.executable, "-c", probe, str(folder)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.split()
    n, cpu = int(out[0]), float(out[1])
    return {"folder": str(folder), "articles": n,
            "extract_articles_per_second_one_core": round(n / cpu, 1) if cpu else None}  # fmt: skip


def cli_help() -> dict[str, Any]:
    walls = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([*SUMMARIZER, "--help"], capture_output=True, env=CLEAN_ENV, check=True)
        walls.append(time.perf_counter() - t)
    return {
        "help_wall_seconds_median": round(statistics.median(walls), 3),
        "help_wall_seconds_min": round(min(walls), 3),
    }


def llm_from_cassettes() -> dict[str, Any]:
    import vcr  # type: ignore[import-untyped]
    from bpe_openai import get_encoding

    from summarizer.config import load_settings
    from summarizer.ingest import read_input
    from summarizer.pipeline import summarize_document
    from tests.test_llm_cassettes import RECORD_SETTINGS, SEED_NAMES

    enc = get_encoding("o200k_base")
    out: dict[str, Any] = {
        "model": "gemma-3-270m (Gemma 3 270M base, Q4_K_M)",
        "server": "llama-cpp-python",
        "settings": RECORD_SETTINGS,
        "seeds": {},
    }
    for seed in SEED_NAMES:
        path = (
            ROOT
            / "cassettes"
            / "test_llm_cassettes"
            / f"test_seed_through_llm_pipeline[{seed}].yaml"
        )
        with vcr.use_cassette(
            str(path),
            record_mode="none",
            match_on=["method", "scheme", "host", "port", "path", "query", "body"],
        ) as cas:
            report = summarize_document(
                read_input(str(ROOT / "seeds" / f"{seed}.txt")),
                load_settings(**RECORD_SETTINGS, env={}),
            )
            overhead = []
            for request, _ in cas.data:
                body = json.loads(request.body)
                full = sum(len(enc.encode(m["content"])) for m in body["messages"])
                article = (
                    body["messages"][-1]["content"].split("<article>", 1)[1].split("</article>")[0]
                )
                overhead.append(full - len(enc.encode(article)))
        p = report.provenance
        out["seeds"][seed] = {
            "chars": len(read_input(str(ROOT / "seeds" / f"{seed}.txt")).text),
            "requests": p.requests, "chunks": p.chunks, "reasks": p.reasks, "retries": p.retries,
            "prompt_tokens_server": p.tokens.prompt,
            "completion_tokens_server": p.tokens.completion,
            "non_article_prompt_tokens_o200k_per_request": overhead,
            "entities_output": sum(len(getattr(report, f)) for f in
                                   ("actors", "indictments", "sanctions", "victims", "malware",
                                    "vulnerabilities")),
            "entities_dropped_by_grounding": sum(w.startswith("dropped ") for w in report.warnings),
        }  # fmt: skip
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--dev", type=Path, help="another gold folder to score (e.g. ../shared/dev)")
    ap.add_argument("--batch", action="store_true", help="also run scripts/bench_batch.py")
    ap.add_argument(
        "--rules-on",
        type=Path,
        action="append",
        default=[],
        help="article folder for the engine-only speed (rules_on); repeatable",
    )
    ap.add_argument("--speed", action="store_true", help="also run scripts/bench_speed.py")
    ap.add_argument("-o", "--output", type=Path, help="also write the JSON here")
    args = ap.parse_args()
    result: dict[str, Any] = {"quality": {"seeds": quality(ROOT / "seeds")}}
    if args.dev:
        result["quality"]["dev"] = quality(args.dev)
    result["rules"] = rules_speed()
    result["rules_on"] = [rules_speed_on(d) for d in args.rules_on]
    result["cli"] = cli_help()
    result["llm"] = llm_from_cassettes()
    if args.batch and (ROOT / "scripts" / "bench_batch.py").exists():
        r = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "bench_batch.py")],
            capture_output=True,
            text=True,
            env=CLEAN_ENV,
        )
        result["batch"] = json.loads(r.stdout) if r.returncode == 0 else {"error": r.stderr[-2000:]}
    if args.speed:
        cmd = [sys.executable, str(ROOT / "scripts" / "bench_speed.py")]
        if args.dev:
            cmd += ["--dev", str(args.dev)]
        r = subprocess.run(cmd, capture_output=True, text=True, env=CLEAN_ENV)
        result["speed"] = json.loads(r.stdout) if r.returncode == 0 else {"error": r.stderr[-2000:]}
    text = json.dumps(result, indent=2, ensure_ascii=False)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
