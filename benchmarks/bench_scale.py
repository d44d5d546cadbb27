"""Ingest Reuters-21578 replicated ×N in-process (``workbench.load`` + every table) and on Dask (2 workers),
then time DuckDB queries against the same queries in pandas.

    .venv/bin/python benchmarks/bench_scale.py --copies 1 10 50 --work /tmp/bench
    .venv/bin/python benchmarks/bench_scale.py --copies 1 10 --modes load --work /tmp/bench   # in memory
    .venv/bin/python benchmarks/bench_scale.py --copies 1 10 --modes dask verify --work /tmp/bench  # open's check

Modes per size: ``load`` (in memory, all tables), ``dask`` (2 workers), ``queries`` (DuckDB over the dataset:
top-20 actors per week, KWIC "oil" in full and its first 100 rows, co-occurrence; each on a fresh connection
and again), ``pandas`` (the same queries on the tables read into pandas: the reference) and ``verify`` (what
``wb.open``'s check against the manifest costs: fast, full, and no check as the baseline). The in-memory modes
are skipped above ``--most-in-memory`` copies (default 10) and say so.

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
import os
import re
import resource
import shutil
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
    from workbench.scale.ingest import ingest_dask

    shutil.rmtree(out, ignore_errors=True)  # a fresh ingest each run (a left dataset would be resumed)
    t = time.perf_counter()
    summary = ingest_dask([src], out, n_workers=2, partition_size=1)
    seconds = time.perf_counter() - t
    # CPU seconds of this process and of its workers (ended and reaped by now): the work done, which other
    # jobs on a shared machine do not inflate the way they inflate the wall time
    used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return {
        "seconds": seconds,
        "cpu_seconds": sum(u.ru_utime + u.ru_stime for u in used),
        "steps": summary.seconds,
        "client_peak_mb_after_step": summary.peak_mb,
        "articles": summary.articles,
        "rows": summary.rows,
    }


def _timed(out: str, queries: dict) -> dict:
    """Each query on a fresh connection to the dataset, then again on the same one: seconds and rows."""
    from workbench import dataset as duck

    res = {}
    for name, fn in queries.items():
        con = duck.connect(out)
        for run in ("first", "again"):
            t = time.perf_counter()
            n = len(fn(con))
            res[f"{name}_{run}"] = {"seconds": round(time.perf_counter() - t, 3), "rows": n}
    return res


def run_queries(src: str, out: str) -> dict:
    """The explorers' aggregates with DuckDB over the dataset (each query on a fresh connection, then again)."""
    from workbench import dataset as duck

    return _timed(
        out,
        {
            "duck_trends_top20_W": lambda con: duck.actor_trends(con, freq="W", top=20),
            "duck_kwic_oil": lambda con: duck.kwic(con, "oil"),
            "duck_kwic_oil_first_100": lambda con: duck.kwic(con, "oil", limit=100),
            "duck_kwic_opec": lambda con: duck.kwic(con, "opec"),
            "duck_kwic_ceasefire": lambda con: duck.kwic(con, "ceasefire"),
            "duck_mention_kwic_uk": lambda con: duck.mention_kwic(con, "united-kingdom"),
            "duck_mention_kwic_uk_first_100": lambda con: duck.mention_kwic(con, "united-kingdom", limit=100),
            "duck_cooccurrence": lambda con: duck.cooccurrence(con),
        },
    )


def run_index(src: str, out: str) -> dict:
    """Build the optional word index (``duck.build_kwic_index``), time KWIC with it, then remove it (so that
    ``queries`` measures the dataset's own tables)."""

    from workbench import dataset as duck

    t = time.perf_counter()
    path = duck.build_kwic_index(out)
    res = {"index_build": {"seconds": round(time.perf_counter() - t, 1), "mb": round(path.stat().st_size / 2**20)}}
    res |= _timed(
        out,
        {
            "index_kwic_oil": lambda con: duck.kwic(con, "oil"),
            "index_kwic_oil_first_100": lambda con: duck.kwic(con, "oil", limit=100),
            "index_kwic_opec": lambda con: duck.kwic(con, "opec"),
            "index_kwic_ceasefire": lambda con: duck.kwic(con, "ceasefire"),
            "index_kwic_oil_sorted_right": lambda con: duck.kwic(con, "oil", sort="right"),
        },
    )
    shutil.rmtree(path.parent)
    return res


def run_pandas(src: str, out: str) -> dict:
    """The same queries in pandas on the tables read from the dataset (reference; small sizes only)."""
    from workbench.analysis.kwic import kwic, kwic_spans
    from workbench.scale.ingest import read_table

    res = {}
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
    t = time.perf_counter()
    n = len(kwic_spans(arts, toks, ments[ments["actor_id"] == "united-kingdom"]))
    res["pandas_mention_kwic_uk"] = {"seconds": time.perf_counter() - t, "rows": n}
    return res


def run_verify(src: str, out: str) -> dict:
    """What checking a dataset against its manifest costs when it is opened: ``wb.open`` with the fast check
    (sizes, listing, Parquet footers), with the full check (every file re-hashed), and without a check (the
    baseline), each five times in this process (the first run also pays for the imports and the disk cache)."""
    import workbench as wb
    from workbench.dataset.manifest import read_manifest
    from workbench.dataset.store import Store

    manifest = read_manifest(Store(out))
    res: dict = {"files": len(manifest.files), "mb": round(sum(f.bytes for f in manifest.files) / 2**20)}
    wb.open(out, verify="none")  # imports and the first listing
    for mode in ("none", "fast", "full"):
        times = []
        for _ in range(5 if mode != "full" else 2):
            t = time.perf_counter()
            wb.open(out, verify=mode)
            times.append(time.perf_counter() - t)
        res[f"open_verify_{mode}"] = {
            "median_s": round(sorted(times)[len(times) // 2], 3),
            "max_s": round(max(times), 3),
        }
    return res


def child(mode: str, src: str, out: str) -> None:
    modes = {
        "load": run_inprocess,
        "dask": run_dask,
        "queries": run_queries,
        "index": run_index,
        "pandas": run_pandas,
        "verify": run_verify,
    }
    result = modes[mode](*((src,) if mode == "load" else (src, out)))
    result["peak_client_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["peak_worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print("RESULT " + json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--modes", nargs="+", default=["load", "dask", "queries", "pandas"])
    parser.add_argument(
        "--most-in-memory",
        type=int,
        default=10,
        help="largest copy count run by the in-memory modes (load, pandas); larger ones are skipped and say so",
    )
    parser.add_argument("--work", default=None, help="folder for replicated inputs and datasets")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    work = Path(args.work or tempfile.mkdtemp(prefix="bench-scale-"))
    dask_seconds: dict[int, float] = {}
    dask_cpu: dict[int, float] = {}
    for copies in args.copies:
        src = replicate(copies, work / f"x{copies}")
        out = work / f"x{copies}-dataset"
        for mode in args.modes:
            if mode in ("queries", "index", "pandas", "verify") and not (out / "articles").exists():
                continue
            if mode in ("load", "pandas") and copies > args.most_in_memory:
                print(f"x{copies} {mode}: skipped (in memory; over --most-in-memory {args.most_in_memory})")
                continue
            proc = subprocess.run(
                [sys.executable, __file__, "--child", mode, str(src), str(out)], capture_output=True, text=True
            )
            line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
            result = json.loads(line[7:]) if line else {"error": proc.stderr.strip().splitlines()[-1:]}
            result["load_average_1min"] = round(os.getloadavg()[0], 1)
            print(f"x{copies} {mode}: {json.dumps(result)}", flush=True)
            if mode == "dask" and "seconds" in result:
                dask_seconds[copies] = result["seconds"]
                dask_cpu[copies] = result["cpu_seconds"]
    if 1 in dask_seconds and len(dask_seconds) > 1:  # linear ingest: ×N should take about N times ×1
        for copies, seconds in sorted(dask_seconds.items()):
            ratio = seconds / dask_seconds[1]
            cpu = dask_cpu[copies] / dask_cpu[1]
            print(
                f"dask ingest x{copies}: {seconds:.1f} s = {ratio:.1f} x the x1 time, "
                f"{dask_cpu[copies]:.0f} CPU s = {cpu:.1f} x the x1 CPU time (linear: {copies}); "
                f"load average {os.getloadavg()[0]:.1f}"
            )


if __name__ == "__main__":
    main()
