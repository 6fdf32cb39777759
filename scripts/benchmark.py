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

LLM path only (issue 13):

    .venv/bin/python scripts/benchmark.py --llm-only --dev ../shared/dev            # offline
    .venv/bin/python scripts/benchmark.py --llm-only --hybrid ../shared/dev ../shared/dev2 \
        --recordings /tmp/summarizer-hybrid-rec-t0 [--replay-only] [--temperature 1.0]

  llm_budget  non-article o200k tokens per request per profile (without hints and with the
              largest hint line), hint cost, requests and prompt tokens per article at a
              4,096-token context (seeds and the given folders)
  llm_hybrid  rules vs hybrid F1 per folder with Gemma 3 270M on llama-cpp-python (127.0.0.1:
              8089); each article's traffic is recorded once and replayed after, so the figures
              recompute offline (--replay-only scores just the recorded articles)
"""

from __future__ import annotations

import argparse
import json
import os
import re
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
                user = body["messages"][-1]["content"]
                m = re.search(r"^(ARTICLE-[0-9A-F]+)\n(.*?)\nEND \1$", user, re.S | re.M)
                article = m.group(2) if m else ""
                schema = {k: body[k] for k in ("tools", "response_format") if k in body}
                if isinstance(schema.get("response_format"), dict):  # a grammar is no prompt
                    schema["response_format"] = {k: v for k, v in
                                                 schema["response_format"].items()
                                                 if k != "schema"}  # fmt: skip
                full += len(enc.encode(json.dumps(schema, separators=(",", ":"))))
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


# -- LLM path: token budget (offline) and hybrid vs rules with the real model -------------------
PROFILE_NAMES = ("openai", "ollama", "vllm", "llamacpp", "llama-cpp-python", "generic")
RECORD_URL = "http://127.0.0.1:8089/v1"  # scripts/llama-server.sh start 8089


def _articles(dirs: list[Path]) -> list[tuple[str, Path]]:
    out = [("seeds", p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for d in dirs:
        out += [(d.name, p) for p in sorted(d.glob("*.txt"))]
    return out


def llm_budget(dirs: list[Path], context: int = 4096) -> dict[str, Any]:
    """Offline (o200k, bpe-openai): non-article tokens per request per profile (no hints, and
    with the largest hint line of these articles); hint cost; requests and prompt tokens per
    article at a ``context``-token context."""
    from summarizer.budget import count_tokens
    from summarizer.config import load_settings
    from summarizer.ingest import read_input
    from summarizer.llm import request_overhead
    from summarizer.pipeline import _chunks, hints_for_doc

    env = {"SUMMARIZER_API_KEY": "unused-offline"}
    docs = [(group, read_input(str(p))) for group, p in _articles(dirs)]
    hints = {id(d): hints_for_doc(d) for _, d in docs}
    hint_tokens = sorted(count_tokens(h) for h in hints.values())
    worst = max(hints.values(), key=count_tokens)
    out: dict[str, Any] = {"tokenizer": "o200k_base (bpe-openai)", "non_article_tokens": {},
                           "hints_tokens": {"articles": len(hint_tokens),
                                            "with_hints": sum(1 for t in hint_tokens if t),
                                            "median": statistics.median(hint_tokens),
                                            "max": hint_tokens[-1]}}  # fmt: skip
    for name in PROFILE_NAMES:
        s = load_settings(engine="llm", base_url=RECORD_URL, profile=name, env=env)
        out["non_article_tokens"][name] = {
            "without_hints": request_overhead(s), "with_largest_hints": request_overhead(s, worst),
            "schema_sent_as": "prompt" if name == "generic" else "grammar (not prompt tokens)"
            if name == "llama-cpp-python" else "tools" if name == "openai" else "response_format",
        }  # fmt: skip
    per: dict[str, Any] = {}
    for name in ("llama-cpp-python", "generic"):
        s = load_settings(engine="llm", base_url=RECORD_URL, profile=name, env=env,
                          context_tokens=context)  # fmt: skip
        groups: dict[str, dict[str, Any]] = {}
        for group, d in docs:
            h = hints[id(d)]
            spans = _chunks(d, s, h)
            overhead = request_overhead(s, h)
            tokens = sum(overhead + count_tokens(d.text[a:b]) for a, b in spans)
            g = groups.setdefault(group, {"articles": 0, "requests": [], "prompt_tokens": []})
            g["articles"] += 1
            g["requests"].append(len(spans))
            g["prompt_tokens"].append(tokens)
        per[name] = {
            k: {"articles": v["articles"],
                "requests_per_article_mean": round(statistics.mean(v["requests"]), 2),
                "requests_max": max(v["requests"]),
                "prompt_tokens_per_article_mean": round(statistics.mean(v["prompt_tokens"])),
                "prompt_tokens_max": max(v["prompt_tokens"]),
                "non_article_share": round(1 - sum(
                    count_tokens(d.text) for g2, d in docs if g2 == k) / sum(v["prompt_tokens"]),
                    3)}
            for k, v in groups.items()
        }  # fmt: skip
    out[f"per_article_at_{context}_context"] = per
    return out


def llm_hybrid(
    dirs: list[Path],
    rec_dir: Path,
    temperature: float = 0.0,
    base_url: str = RECORD_URL,
    replay_only: bool = False,
    seed: int | None = 0,
) -> dict[str, Any]:
    """Rules vs hybrid F1 per dev set with the real model (Gemma 3 270M on llama-cpp-python).

    Each article's model traffic is recorded once into ``rec_dir/<set>/<name>.yaml`` (vcrpy)
    and replayed afterwards, so the figures can be recomputed offline; an article with no
    recording needs the server at ``base_url`` (scripts/llama-server.sh start 8089).
    """
    import vcr  # type: ignore[import-untyped]

    from summarizer.config import load_settings
    from summarizer.evaluate import load_gold, score
    from summarizer.ingest import read_input
    from summarizer.pipeline import (
        _chunks,
        _rules_findings,
        hints_for_doc,
        on_topic,
        summarize_document,
    )

    rules_s = load_settings(engine="rules", env={})
    hyb_s = load_settings(engine="hybrid", base_url=base_url, profile="llama-cpp-python",
                          model="gemma-3-270m", temperature=temperature,
                          env={}).with_(seed=seed)  # fmt: skip
    llm_s = hyb_s.with_(engine="llm")
    out: dict[str, Any] = {"model": "gemma-3-270m (Gemma 3 270M base, Q4_K_M), llama-cpp-python",
                           "settings": {"profile": "llama-cpp-python", "context_tokens":
                                        hyb_s.context, "temperature": temperature,
                                        "seed": seed},
                           "recordings": str(rec_dir), "sets": {}}  # fmt: skip
    for d in dirs:
        golds = load_gold(d)
        rules_pairs, hyb_pairs = [], []
        requests = off_topic = saved = reasks = failed = skipped = 0
        dropped = 0
        for g in golds:
            cas = rec_dir / d.name / f"{g.article.stem}.yaml"
            doc = read_input(str(g.article))
            rules_report = summarize_document(doc, rules_s)
            if replay_only and not cas.exists() and on_topic(_rules_findings(doc)):
                skipped += 1  # an on-topic article nobody recorded (off-topic ones send nothing)
                continue
            rules_pairs.append((g, rules_report))
            cas.parent.mkdir(parents=True, exist_ok=True)
            try:
                with vcr.use_cassette(str(cas), record_mode="once",
                                      match_on=["method", "path", "body"]):  # fmt: skip
                    report = summarize_document(doc, hyb_s)
            except Exception as e:  # noqa: BLE001  (a failed article is scored empty)
                print(f"{d.name}/{g.article.name}: {type(e).__name__}: {e}", file=sys.stderr)
                failed += 1
                hyb_pairs.append((g, None))
                continue
            hyb_pairs.append((g, report))
            p = report.provenance
            requests += p.requests
            reasks += p.reasks
            dropped += sum(w.startswith("dropped") for w in report.warnings)
            if p.requests == 0:
                off_topic += 1
                saved += len(_chunks(doc, llm_s, hints_for_doc(doc)))
        rs, hs = score(rules_pairs), score(hyb_pairs)
        out["sets"][d.name] = {
            "articles": len(golds) - skipped, "not_recorded_skipped": skipped,
            "rules_f1": round(rs.overall.f1, 4),
            "hybrid_f1": round(hs.overall.f1, 4),
            "fields": {k: {"rules": round(rs.fields[k].f1, 4),
                           "hybrid": round(hs.fields[k].f1, 4)} for k in rs.fields},
            "requests": requests, "reasks": reasks, "failed_articles": failed,
            "off_topic_articles_no_request": off_topic,
            "requests_saved_on_off_topic": saved,
            "model_findings_dropped_by_strict_grounding": dropped,
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
    ap.add_argument("--llm-only", action="store_true", help="only the LLM sections")
    ap.add_argument(
        "--hybrid",
        type=Path,
        nargs="*",
        default=None,
        metavar="GOLD_DIR",
        help="rules vs hybrid F1 with the real model on these gold folders",
    )
    ap.add_argument(
        "--recordings",
        type=Path,
        default=Path("/tmp/summarizer-hybrid-rec"),
        help="where the hybrid run records/replays the model traffic",
    )
    ap.add_argument("--temperature", type=float, default=0.0, help="for --hybrid")
    ap.add_argument(
        "--unseeded", action="store_true", help="--hybrid: send no sampling seed (default: seed 0)"
    )
    ap.add_argument(
        "--replay-only",
        action="store_true",
        help="--hybrid: score only the articles that have a recording (offline)",
    )
    args = ap.parse_args()
    if args.llm_only:
        dirs = [args.dev] if args.dev else []
        dirs += [d for d in (args.hybrid or []) if d not in dirs]
        res: dict[str, Any] = {"llm_budget": llm_budget(dirs)}
        if args.hybrid:
            res["llm_hybrid"] = llm_hybrid(
                args.hybrid,
                args.recordings,
                args.temperature,
                replay_only=args.replay_only,
                seed=None if args.unseeded else 0,
            )
        print(json.dumps(res, indent=2, ensure_ascii=False))
        if args.output:
            args.output.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n")
        return
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
