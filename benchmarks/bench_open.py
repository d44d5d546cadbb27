"""Opening the explorer on Reuters-21578 in a fresh process with a warm cache (issue 15, parts 1 and 6).

    .venv/bin/python benchmarks/bench_open.py [--corpus PATH] [--runs 5]

First one process loads the corpus and builds the page once, so every table is in the cache (timed: the
cold figure when the cache was empty). Then ``--runs`` fresh processes each time ``import workbench``,
``wb.load(corpus)`` and ``wb.widgets.explorer(corpus)`` (the page with its first tab built), and report
their peak resident memory. Printed beside the targets (load + page <= 3 s; memory at open < 2 GB) and a
baseline in the same run: a fresh process that only imports pandas and reads the cached articles table with
``pd.read_parquet`` (what no tool can open faster than). The load average is printed with each run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))

OPEN = """
import json, resource, sys, time
started = time.perf_counter()
import workbench as wb
imported = time.perf_counter()
corpus = wb.load(sys.argv[1])
loaded = time.perf_counter()
page = wb.widgets.explorer(corpus)
shown = time.perf_counter()
print(json.dumps({"import": imported - started, "load": loaded - imported, "page": shown - loaded,
                  "articles": len(corpus), "articles_file": str(corpus.backend.tables.cache.path("articles")),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

BASELINE = """
import json, resource, sys, time
started = time.perf_counter()
import pandas as pd
frame = pd.read_parquet(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - started, "rows": len(frame),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def fresh(code: str, *args: str) -> dict[str, float]:
    """Run ``code`` in a new Python process; its last printed line, as JSON."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(SHARED / "reuters21578" / "reut2-*.sgm"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    first = fresh(OPEN, args.corpus)
    print(
        f"first process (fills the cache if it was empty): load {first['load']:.2f} s, page {first['page']:.2f} s, "
        f"peak {first['rss_mb']:.0f} MB, {first['articles']:,} articles",
        flush=True,
    )
    opens, bases = [], []
    for i in range(args.runs):
        run = fresh(OPEN, args.corpus)
        base = fresh(BASELINE, first["articles_file"])
        opens.append(run)
        bases.append(base)
        print(
            f"run {i + 1}: import {run['import']:.2f} s  wb.load {run['load']:.2f} s  explorer {run['page']:.2f} s  "
            f"load + page {run['load'] + run['page']:.2f} s  peak {run['rss_mb']:.0f} MB   "
            f"baseline read_parquet(articles) {base['seconds']:.2f} s, {base['rss_mb']:.0f} MB   "
            f"(load {os.getloadavg()[0]:.1f})",
            flush=True,
        )
    both = statistics.median(r["load"] + r["page"] for r in opens)
    peak = max(r["rss_mb"] for r in opens)
    base = statistics.median(b["seconds"] for b in bases)
    print(f"wb.load + explorer, median of {args.runs}: {both:.2f} s (target <= 3 s); baseline {base:.2f} s")
    print(f"import workbench, median: {statistics.median(r['import'] for r in opens):.2f} s (not in the target)")
    print(f"peak memory at open: {peak:.0f} MB (target < 2,048 MB)")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
