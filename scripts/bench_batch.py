#!/usr/bin/env python3
"""Batch figures as JSON: concurrency speed-up, cache re-run requests, overhead, 10k-article RSS.

    .venv/bin/python scripts/bench_batch.py [-o FILE] [--articles 64] [--big 10000]
    .venv/bin/python scripts/bench_batch.py --huge [-o FILE]     # only the huge-input figures

* speed-up: 64 articles against tests/faults.py with a fixed 0.5 s latency per request,
  ``-j 1`` versus ``-j 8`` (no cache), wall time of the whole ``summarizer batch`` command;
* cache: the same batch again with a warm cache; requests counted at the server (must be 0);
* overhead: per-article wall time against the same server with no latency (model time ~0);
* offline scale: ``--big`` articles (seed sentences recombined, so each is distinct) through
  ``--engine rules``; peak RSS of the batch process (getrusage of the child) and articles/s.

* huge inputs (``--huge``): the seeds' text repeated into one 1 MB, one 5 MB and one 3 MB
  single-line article (``summarizer summarize -f json``, offline engine) and ten 500 KB articles
  (``summarizer batch``); wall time of each command, start-up included, and seconds per MB.

The test server answers with a small deterministic extraction; nothing here measures quality.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _articles(n: int, seed: int = 7) -> list[str]:
    """Distinct articles of seed-like length: seed sentences recombined, numbered."""
    sentences: list[str] = []
    for p in SEEDS:
        sentences += [s + "。" for s in p.read_text(encoding="utf-8").split("。") if s.strip()]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        k = min(len(sentences), 25)
        body = "".join(rng.sample(sentences, k))
        out.append(f"記事{i}：{body}")
    return out


def _write_jsonl(path: Path, texts: list[str]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write(json.dumps({"id": f"a{i:05d}", "text": t}, ensure_ascii=False) + "\n")


class Server:
    def __init__(self, latency: float) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "faults.py"), "--port", "0",
             "--latency", str(latency), "--fault-rate", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().split()
        self.url = line[1]

    def stats(self) -> dict[str, object]:
        root = self.url.rsplit("/v1", 1)[0]
        with urllib.request.urlopen(root + "/stats", timeout=10) as r:
            data: dict[str, object] = json.loads(r.read())
        return data

    def reset(self) -> None:
        root = self.url.rsplit("/v1", 1)[0]
        req = urllib.request.Request(root + "/stats/reset", data=b"", method="POST")
        urllib.request.urlopen(req, timeout=10).close()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def _batch(args: list[str], env: dict[str, str]) -> tuple[float, dict[str, object], int]:
    """Run ``summarizer batch``; (wall seconds, summary JSON, peak RSS in MB of the child)."""
    with tempfile.TemporaryDirectory() as tmp:
        summary = Path(tmp) / "summary.json"
        cmd = [sys.executable, "-m", "summarizer", "batch", *args, "-q",
               "--summary-json", str(summary)]  # fmt: skip
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        stderr = proc.stderr.read().decode() if proc.stderr else ""
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 10):
            raise SystemExit(f"batch failed ({code}): {stderr.strip()}")
        data: dict[str, object] = json.loads(summary.read_text())
        return wall, data, usage.ru_maxrss // 1024


def _huge_text(n_bytes: int, single_line: bool = False, salt: int = 0) -> str:
    """The seeds' text repeated to ``n_bytes`` of UTF-8 (cut at a character boundary)."""
    base = "".join(p.read_text(encoding="utf-8") for p in SEEDS)
    if single_line:
        base = base.replace("\n", "")
    base = f"記事{salt}。" + base
    text = base * (n_bytes // len(base.encode("utf-8")) + 1)
    return text.encode("utf-8")[:n_bytes].decode("utf-8", errors="ignore")


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True)  # fmt: skip
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[3:5])} failed ({r.returncode}): {r.stderr.strip()}")
    return wall


def huge(env: dict[str, str], t: Path) -> dict[str, object]:
    """Offline engine on huge inputs: time must grow with length (issue 10, item 8)."""
    run = [sys.executable, "-m", "summarizer"]
    out: dict[str, object] = {}
    for name, size, single in (("1MB", 1 << 20, False), ("5MB", 5 << 20, False),
                               ("3MB_single_line", 3 << 20, True)):  # fmt: skip
        path = t / f"huge_{name}.txt"
        path.write_text(_huge_text(size, single), encoding="utf-8")
        wall = _timed([*run, "summarize", str(path), "-f", "json", "-o", str(t / "h.json"),
                       "--engine", "rules"], env)  # fmt: skip
        out[name] = {"bytes": size, "wall_s": round(wall, 2),
                     "s_per_mb": round(wall / (size / 2**20), 2)}  # fmt: skip
    folder = t / "ten"
    folder.mkdir()
    for i in range(10):
        (folder / f"a{i}.txt").write_text(_huge_text(500_000, salt=i), encoding="utf-8")
    wall, summ, rss = _batch([str(folder), "-o", str(t / "ten.jsonl"), "--engine", "rules",
                              "--no-cache"], env)  # fmt: skip
    out["10x500KB_batch"] = {"ok": summ["ok"], "wall_s": round(wall, 2), "peak_rss_mb": rss}
    out["command"] = "summarizer summarize FILE -f json --engine rules; summarizer batch DIR"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path)
    ap.add_argument("--articles", type=int, default=64)
    ap.add_argument("--latency", type=float, default=0.5)
    ap.add_argument("--big", type=int, default=10_000, help="0 to skip the offline scale run")
    ap.add_argument("--huge", action="store_true", help="only the huge-input figures")
    a = ap.parse_args()
    result: dict[str, object] = {}
    if a.huge:
        with tempfile.TemporaryDirectory() as tmp:
            env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZER_")}
            result["huge_inputs"] = huge(env, Path(tmp))
        result["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
        text = json.dumps(result, indent=2)
        if a.output:
            a.output.write_text(text + "\n")
        print(text)
        return
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        env = {**os.environ, "SUMMARIZER_CACHE_DIR": str(t / "cache")}
        env.pop("SUMMARIZER_BASE_URL", None)
        small = t / "small.jsonl"
        _write_jsonl(small, _articles(a.articles))

        srv = Server(a.latency)
        try:
            llm = ["--engine", "llm", "--base-url", srv.url, "--model", "fault-model",
                   "--profile", "generic"]  # fmt: skip
            one = t / "one.jsonl"
            _write_jsonl(one, _articles(1))
            start_wall, _, _ = _batch([str(one), "-o", str(t / "one.out"), "-j", "1",
                                       "--no-cache", *llm], env)  # fmt: skip
            runs = {}
            for j in (1, 8):
                wall, summ, _ = _batch([str(small), "-o", str(t / f"j{j}.jsonl"), "-j", str(j),
                                        "--no-cache", *llm], env)  # fmt: skip
                runs[j] = {"wall_s": round(wall, 2), "requests": summ["requests"],
                           "ok": summ["ok"]}  # fmt: skip
            result["concurrency"] = {
                "articles": a.articles, "latency_s": a.latency, "j1": runs[1], "j8": runs[8],
                "speedup": round(runs[1]["wall_s"] / runs[8]["wall_s"], 2),  # type: ignore[operator]
                "one_article_wall_s": round(start_wall, 2),
                "speedup_excluding_startup": round(
                    (runs[1]["wall_s"] - start_wall) / (runs[8]["wall_s"] - start_wall), 2),  # type: ignore[operator]
            }  # fmt: skip
            # cache: warm it, then the same command again; count requests at the server
            _batch([str(small), "-o", str(t / "c1.jsonl"), "-j", "8", "--cache", *llm], env)
            srv.reset()
            wall, summ, _ = _batch([str(small), "-o", str(t / "c2.jsonl"), "-j", "8", "--cache",
                                    *llm], env)  # fmt: skip
            result["cache_rerun"] = {
                "server_requests": srv.stats()["requests"], "cached": summ["cached"],
                "wall_s": round(wall, 2),
                "same_output": (t / "c1.jsonl").read_bytes() == (t / "c2.jsonl").read_bytes(),
            }  # fmt: skip
        finally:
            srv.stop()

        srv = Server(0.0)
        try:
            llm = ["--engine", "llm", "--base-url", srv.url, "--model", "fault-model",
                   "--profile", "generic"]  # fmt: skip
            wall, summ, _ = _batch([str(small), "-o", str(t / "o.jsonl"), "-j", "1",
                                    "--no-cache", *llm], env)  # fmt: skip
            wall1, _, _ = _batch([str(one), "-o", str(t / "o1.jsonl"), "-j", "1",
                                  "--no-cache", *llm], env)  # fmt: skip
            result["overhead"] = {
                "articles": a.articles,
                "per_article_ms": round(1000 * (wall - wall1) / (a.articles - 1), 1),
                "startup_s": round(wall1, 2),
                "note": "wall time per extra article against a zero-latency server (client, "
                "instructor, grounding, normalization, journal; the test server's own time "
                "included), start-up (imports, client, one article) separate",
            }  # fmt: skip
        finally:
            srv.stop()

        if a.big:
            big = t / "big.jsonl"
            _write_jsonl(big, _articles(a.big, seed=11))
            wall, summ, rss = _batch([str(big), "-o", str(t / "big.out.jsonl"), "--engine",
                                      "rules", "--no-cache"], env)  # fmt: skip
            size = (t / "big.out.jsonl").stat().st_size
            result["offline_scale"] = {
                "articles": a.big, "ok": summ["ok"], "failed": summ["failed"],
                "wall_s": round(wall, 1),
                "articles_per_s": round(a.big / float(summ["seconds"]), 1),  # type: ignore[arg-type]
                "peak_rss_mb": rss, "output_mb": round(size / 2**20, 1),
            }  # fmt: skip
    self_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    result["machine"] = {
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "maxrss_self_mb": self_rss_mb,
    }
    text = json.dumps(result, indent=2)
    if a.output:
        a.output.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
