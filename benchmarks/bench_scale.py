"""Ingest Reuters-21578 replicated ×N in-process (``workbench.load`` + every table) and on Dask (2 workers),
then time DuckDB queries against the same queries in pandas.

    .venv/bin/python benchmarks/bench_scale.py --copies 1 10      # ×50: --copies 50

Each run is a fresh subprocess; peak memory is the largest resident set of the run's process (``client``)
and of any child (``worker``), from ``getrusage``. Copies get distinct ids: every replicated SGML file has
its NEWIDs shifted and a 12-word marker sentence at the start of each body. That makes most copies new
articles, not all: short bodies stay above the near-duplicate threshold (×1: 414 duplicates among 19,043
articles; ×10: 53,751 among 190,430), and every replicated near-copy pair is a MinHash candidate that the
ids step verifies, so that step grows faster than linearly on this data.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REUTERS = Path("/work/shared/data/reuters21578")


def replicate(copies: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    files = sorted(REUTERS.glob("reut2-*.sgm"))
    for c in range(copies):
        for f in files:
            out = folder / f"c{c:03d}-{f.name}"
            if out.exists():
                continue
            data = f.read_bytes().decode("latin-1")
            if c:
                data = re.sub(r'NEWID="(\d+)"', lambda m, c=c: f'NEWID="{int(m.group(1)) + 100000 * c}"', data)
                # a distinct marker sentence per copy, so copies are new articles, not near-duplicates
                marker = " ".join(f"copy{c}w{k}" for k in range(12))
                data = data.replace("<BODY>", f"<BODY>{marker}. ")
            out.write_bytes(data.encode("latin-1"))
    return folder


def run_inprocess(src: str) -> dict:
    import workbench as wb

    t = time.perf_counter()
    corpus = wb.load(src, cache_dir=False)
    sizes = {name: len(getattr(corpus, name)) for name in ("articles", "sentences", "tokens", "mentions", "timexes")}
    return {"seconds": time.perf_counter() - t, "rows": sizes}


def run_dask(src: str, out: str) -> dict:
    from workbench.scale import ingest_dask

    t = time.perf_counter()
    summary = ingest_dask([src], out, n_workers=2, partition_size=1)
    return {
        "seconds": time.perf_counter() - t,
        "steps": summary.seconds,
        "client_peak_mb_after_step": summary.peak_mb,
        "articles": summary.articles,
        "rows": summary.rows,
    }


def run_queries(src: str, out: str) -> dict:
    from workbench import duck
    from workbench.analysis.kwic import kwic

    res = {}
    con = duck.connect(out)
    for name, fn in {
        "duck_trends_top20_W": lambda: duck.actor_trends(con, freq="W", top=20),
        "duck_kwic_oil": lambda: duck.kwic(con, "oil"),
        "duck_cooccurrence": lambda: duck.cooccurrence(con),
    }.items():
        t = time.perf_counter()
        n = len(fn())
        res[name] = {"seconds": time.perf_counter() - t, "rows": n}
    from workbench.scale import read_table

    t = time.perf_counter()
    arts, toks, ments = read_table(out, "articles"), read_table(out, "tokens"), read_table(out, "mentions")
    res["pandas_read_tables"] = {"seconds": time.perf_counter() - t}
    from workbench.analysis.actor_trends import actor_trends

    t = time.perf_counter()
    n = len(actor_trends(ments, arts, None, freq="W", top=20))
    res["pandas_trends_top20_W"] = {"seconds": time.perf_counter() - t, "rows": n}
    t = time.perf_counter()
    n = len(kwic(arts, toks, "oil"))
    res["pandas_kwic_oil"] = {"seconds": time.perf_counter() - t, "rows": n}
    return res


def child(mode: str, src: str, out: str) -> None:
    result = {"load": run_inprocess, "dask": run_dask, "queries": run_queries}[mode](
        *((src,) if mode == "load" else (src, out))
    )
    result["peak_client_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["peak_worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print("RESULT " + json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--modes", nargs="+", default=["load", "dask", "queries"])
    parser.add_argument("--work", default=None, help="folder for replicated inputs and datasets")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    work = Path(args.work or tempfile.mkdtemp(prefix="bench-scale-"))
    for copies in args.copies:
        src = replicate(copies, work / f"x{copies}")
        out = work / f"x{copies}-dataset"
        for mode in args.modes:
            if mode == "queries" and not (out / "articles").exists():
                continue
            proc = subprocess.run(
                [sys.executable, __file__, "--child", mode, str(src), str(out)], capture_output=True, text=True
            )
            line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
            result = json.loads(line[7:]) if line else {"error": proc.stderr.strip().splitlines()[-1:]}
            print(f"x{copies} {mode}: {json.dumps(result)}", flush=True)


if __name__ == "__main__":
    main()
