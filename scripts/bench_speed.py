#!/usr/bin/env python3
"""Speed of the offline engine as JSON, beside a plain knowledge-base matcher (issue 12).

    .venv/bin/python scripts/bench_speed.py [--dev DIR ...] [--runs 7] [--batch 2000]
        [--batch-runs 1] [--big 10000]

* startup: wall time of ``summarizer summarize`` on a 3,000-character article and of
  ``summarizer --help``, median (and min) of ``--runs`` fresh processes, with the package's
  bytecode compiled first (``compileall``, into the git-ignored ``__pycache__``) as an installed
  package has it, and the user's pattern cache as a previous run left it (the same run with
  ``SUMMARIZER_PATTERN_CACHE=0`` beside it: what a first run ever pays);
* inprocess: articles per second per core after start-up on the articles of seeds/ and every
  ``--dev`` folder (one process pinned to one core; rate by CPU time, wall rate beside it);
* batch: ``summarizer batch --engine rules`` on ``--batch`` articles (the same texts, numbered so
  each is distinct) at ``-j 1`` and ``-j 2``, whole command wall time (median of
  ``--batch-runs``, run alternately), CPU seconds of the batch process and of its workers apart;
  the two outputs compared byte for byte with provenance.seconds (wall time) blanked. Beside it
  the serial part no worker can share: the whole command on its first 8 articles (start-up, and
  the first articles, which load what the engine needs on first use), and the ``-j 2`` speed-up
  that this part allows at most (Amdahl: ``j1 / (serial + (j1 - serial) / 2)``);
* big: peak RSS of ``--big`` articles through ``-j 1`` (flat memory);
* matcher: a plain knowledge-base matcher on the same articles: MISP galaxy (pymispgalaxies) names
  and synonyms of actors and malware, exact (case-sensitive) string matching with pyahocorasick,
  one JSON line per article; its start-up, in-process rate and whole-process time on the batch
  articles, and our figures divided by its figures.

Timings are wall clock on a possibly shared machine: ``machine.loadavg`` says how shared. Nothing
here measures quality (``summarizer eval`` does).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
GALAXIES = ("threat-actor", "mitre-intrusion-set", "mitre-malware", "mitre-tool", "malpedia",
            "ransomware", "tool", "backdoor", "rat")  # fmt: skip

# A plain matcher: exact names and synonyms from the MISP galaxies, one automaton, no folding.
MATCHER = r"""
import json, sys, time
t0 = time.perf_counter()
import ahocorasick
from pathlib import Path
import pymispgalaxies
root = Path(pymispgalaxies.__file__).parent / "data" / "misp-galaxy" / "clusters"
auto = ahocorasick.Automaton()
for name in sys.argv[2].split(","):
    data = json.loads((root / f"{name}.json").read_text(encoding="utf-8"))
    for v in data["values"]:
        for s in [v["value"], *v.get("meta", {}).get("synonyms", [])]:
            if len(s) >= 3:
                auto.add_word(s, (name, v["value"]))
auto.make_automaton()
def match(text):
    return sorted({(k, v, e - len(s) + 1) for e, (k, v) in auto.iter(text) for s in [v]})
mode, paths = sys.argv[1], sys.argv[3:]
if mode == "inproc":
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    t1 = time.perf_counter(); c1 = time.process_time(); n = 0
    while time.perf_counter() - t1 < 3 or n < 3 * len(texts):
        for t in texts:
            match(t)
        n += len(texts)
    print(json.dumps({"startup_s": t1 - t0, "articles_per_s_cpu": n / (time.process_time() - c1),
                      "articles_per_s_wall": n / (time.perf_counter() - t1)}))
else:  # whole process over a JSONL of {id, text}: one output line per article
    out = open(sys.argv[3] + ".out", "w", encoding="utf-8")
    with open(paths[0], encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            hits = [{"cluster": k, "value": v} for e, (k, v) in auto.iter(rec["text"])]
            out.write(json.dumps({"id": rec["id"], "hits": hits}, ensure_ascii=False) + "\n")
    out.close()
"""

# the batch command itself, reporting CPU of this process and of its (reaped) workers apart
CLI = r"""
import atexit, json, os, resource, sys
def _cpu():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print("CPU " + json.dumps({"parent": s.ru_utime + s.ru_stime,
                               "workers": c.ru_utime + c.ru_stime}), file=sys.stderr)
atexit.register(_cpu)
sys.argv = ["summarizer", *sys.argv[1:]]
from summarizer.cli.app import main
main()
"""

INPROC = r"""
import glob, json, sys, time
t0 = time.perf_counter()
from summarizer.config import load_settings
from summarizer.ingest import read_input
from summarizer.pipeline import summarize_document
s = load_settings(engine="rules", env={})
docs = [read_input(p) for p in sys.argv[1:]]
summarize_document(docs[0], s)
t1 = time.perf_counter()
for d in docs:  # warm: lazy imports and caches
    summarize_document(d, s)
t2 = time.perf_counter(); c2 = time.process_time(); n = 0
while time.perf_counter() - t2 < 5 or n < 2 * len(docs):
    for d in docs:
        summarize_document(d, s)
    n += len(docs)
print(json.dumps({"startup_first_article_s": t1 - t0, "articles": len(docs),
                  "articles_per_s_cpu": n / (time.process_time() - c2),
                  "articles_per_s_wall": n / (time.perf_counter() - t2)}))
"""


def _median_wall(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> dict[str, float]:
    walls, cpus = [], []
    for _ in range(runs):
        wall, _rss = _run_wait(cmd, env)
        walls.append(wall)
        cpus.append(CPU["last"])
    return {"median_s": round(statistics.median(walls), 3), "min_s": round(min(walls), 3),
            "cpu_median_s": round(statistics.median(cpus), 3)}  # fmt: skip


def _pinned(args: list[str]) -> list[str]:
    return ["taskset", "-c", "0", *args] if _has("taskset") else args


def _has(tool: str) -> bool:
    return any((Path(d) / tool).exists() for d in os.environ.get("PATH", "").split(os.pathsep))


CPU: dict[str, float] = {}  # CPU seconds (user + system, children included) of the last run
STDERR: dict[str, str] = {}  # standard error of the last run


def _run_wait(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """(wall seconds, peak RSS in MiB of the process and its children); CPU["last"] too."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env or CLEAN_ENV, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        err.seek(0)
        STDERR["last"] = err.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 10):
        raise SystemExit(f"{cmd[:4]} failed ({code}): {STDERR['last'].strip()[-500:]}")
    CPU["last"] = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss // 1024


def _articles(paths: list[Path], n: int, out: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in paths]
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"{texts[i % len(texts)]}\n（記事番号{i}）"
            fh.write(json.dumps({"id": f"a{i:05d}", "text": text}, ensure_ascii=False) + "\n")


def _blank_wall(path: Path) -> bytes:
    """The batch output with provenance.seconds (wall time) blanked, for byte comparison."""
    import re

    return re.sub(rb'"seconds":\s*[0-9.eE+-]+', b'"seconds":0', path.read_bytes())


def _batch(jsonl: Path, out: Path, jobs: int) -> tuple[float, int]:
    return _run_wait([PY, "-c", CLI, "batch", str(jsonl), "-o", str(out), "--engine", "rules",
                      "--no-cache", "-q", "-j", str(jobs)])  # fmt: skip


def _split_cpu() -> dict[str, float]:
    """CPU seconds of the batch process and of its workers in the last ``_batch`` run."""
    line = next(x for x in STDERR["last"].splitlines() if x.startswith("CPU "))
    got = json.loads(line[4:])
    return {"parent_cpu_s": round(got["parent"], 2), "workers_cpu_s": round(got["workers"], 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, action="append", default=[],
                    help="more article folders (NAME.txt), e.g. ../shared/dev2")  # fmt: skip
    ap.add_argument("--runs", type=int, default=7, help="fresh processes per start-up figure")
    ap.add_argument("--batch", type=int, default=2000, help="articles for -j 1 / -j 2 (0: skip)")
    ap.add_argument("--batch-runs", type=int, default=1,
                    help="runs of each batch figure (-j 1, -j 2 alternately; median)")  # fmt: skip
    ap.add_argument("--big", type=int, default=10_000, help="articles for peak RSS (0: skip)")
    ap.add_argument("-o", "--output", type=Path, help="also write the JSON here")
    a = ap.parse_args()
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    for d in a.dev:
        paths += sorted(d.glob("*.txt"))
    result: dict[str, Any] = {"articles_in_set": len(paths)}
    # an installed package has its bytecode compiled (pip does it); an editable checkout run with
    # PYTHONDONTWRITEBYTECODE=1 recompiles every module on every start (~0.15 s more here)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "summarizer")], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    result["bytecode"] = "compiled before timing (as in an installed package)"

    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        art = t / "article3000.txt"
        art.write_text((ROOT / "seeds" / "000_7fe6de3653567684.txt").read_text("utf-8")[:3000],
                       encoding="utf-8")  # fmt: skip
        result["startup"] = {
            "summarize_3000_chars": _median_wall(
                [PY, "-m", "summarizer", "summarize", str(art), "--engine", "rules"], a.runs),
            # a first run ever (or SUMMARIZER_PATTERN_CACHE=0): every pattern compiled afresh
            "summarize_3000_chars_no_pattern_cache": _median_wall(
                [PY, "-m", "summarizer", "summarize", str(art), "--engine", "rules"], a.runs,
                {**CLEAN_ENV, "SUMMARIZER_PATTERN_CACHE": "0"}),
            "help": _median_wall([PY, "-m", "summarizer", "--help"], a.runs),
            "python_bare": _median_wall([PY, "-c", "pass"], a.runs),
            "runs": a.runs,
        }  # fmt: skip
        ours = json.loads(subprocess.run(_pinned([PY, "-c", INPROC, *map(str, paths)]),
                                         capture_output=True, text=True, env=CLEAN_ENV,
                                         check=True).stdout)  # fmt: skip
        theirs = json.loads(subprocess.run(
            _pinned([PY, "-c", MATCHER, "inproc", ",".join(GALAXIES), *map(str, paths)]),
            capture_output=True, text=True, env=CLEAN_ENV, check=True).stdout)  # fmt: skip
        result["inprocess"] = {k: round(v, 3) if isinstance(v, float) else v
                               for k, v in ours.items()}  # fmt: skip

        matcher: dict[str, Any] = {
            "galaxies": list(GALAXIES),
            "startup_s": round(theirs["startup_s"], 3),
            "articles_per_s_cpu": round(theirs["articles_per_s_cpu"], 1),
        }
        if a.batch:
            jsonl = t / "batch.jsonl"
            _articles(paths, a.batch, jsonl)
            first = t / "first.jsonl"
            _articles(paths, min(8, a.batch), first)
            serial = statistics.median(_batch(first, t / "first.out.jsonl", 1)[0]
                                       for _ in range(a.batch_runs))  # fmt: skip
            samples: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
            for _ in range(a.batch_runs):  # alternately: a load change hits both
                for j in (1, 2):
                    wall, rss = _batch(jsonl, t / f"j{j}.jsonl", j)
                    samples[j].append({"wall_s": wall, "cpu_s": CPU["last"], "rss": rss,
                                       **_split_cpu()})  # fmt: skip
            runs = {}
            for j, got in samples.items():
                mid = sorted(got, key=lambda x: x["wall_s"])[len(got) // 2]
                runs[f"j{j}"] = {
                    "wall_s": round(mid["wall_s"], 2),
                    "articles_per_s": round(a.batch / mid["wall_s"], 1),
                    "cpu_s": round(mid["cpu_s"], 2),  # all processes: load-independent-ish
                    "parent_cpu_s": mid["parent_cpu_s"],  # start-up, first chunk, journal
                    "workers_cpu_s": mid["workers_cpu_s"],
                    "peak_rss_mib": mid["rss"],
                }
                if a.batch_runs > 1:
                    runs[f"j{j}"]["walls_s"] = [round(x["wall_s"], 2) for x in got]
            m_wall, m_rss = _run_wait([PY, "-c", MATCHER, "batch", ",".join(GALAXIES), str(jsonl)])
            j1 = runs["j1"]["wall_s"]
            result["batch"] = {
                "articles": a.batch, **runs,
                "speedup_j2": round(j1 / runs["j2"]["wall_s"], 2),
                "j2_cpu_over_j1_cpu": round(runs["j2"]["cpu_s"] / runs["j1"]["cpu_s"], 2),
                "serial_first_8_articles_s": round(serial, 2),
                "speedup_j2_at_most": round(j1 / (serial + (j1 - serial) / 2), 2),
                "j2_output_equals_j1": _blank_wall(t / "j1.jsonl") == _blank_wall(t / "j2.jsonl"),
            }  # fmt: skip
            matcher["batch_wall_s"] = round(m_wall, 2)
            matcher["batch_cpu_s"] = round(CPU["last"], 2)
            matcher["batch_peak_rss_mib"] = m_rss
        if a.big:
            jsonl = t / "big.jsonl"
            _articles(paths, a.big, jsonl)
            wall, rss = _batch(jsonl, t / "big.out.jsonl", 1)
            result["big"] = {
                "articles": a.big,
                "j1_wall_s": round(wall, 1),
                "j1_cpu_s": round(CPU["last"], 1),
                "articles_per_s": round(a.big / wall, 1),
                "peak_rss_mib": rss,
            }
        result["matcher"] = matcher
        ratio: dict[str, float] = {
            "inprocess_rate": round(ours["articles_per_s_cpu"] / theirs["articles_per_s_cpu"], 3)
        }
        if a.batch:
            for j in ("j1", "j2"):  # > 1: the whole batch command beats the plain matcher's
                ratio[f"batch_speed_{j}"] = round(
                    matcher["batch_wall_s"] / result["batch"][j]["wall_s"], 2
                )
        result["ours_over_matcher"] = ratio
    result["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                         "loadavg": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip
    text = json.dumps(result, indent=2)
    if a.output:
        a.output.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
