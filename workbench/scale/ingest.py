"""Ingest on a Dask cluster into a partitioned Parquet dataset (resumable), with the same tables as ``load``.

The work is the package's own pure functions mapped over partitions of the input files on a
``dask.distributed`` cluster; the few corpus-level decisions are made once on the client:

1. **read** (workers, per partition): ``ingest.read.read_sources`` on the partition's files (sidecar metadata
   applied); the records and report rows are kept under ``_work/read`` and each record's distinct word
   shingles (hashed with a fixed-key hash, comparable across processes) under ``_work/shingles``. The
   client receives a ``ReadSummary``: per record its ``content_id(title, text)``, ``(source, record)``,
   MinHash LSH band keys and publication year, and the partition's articles schema. No text, no shingles.
2. **ids** (client, with workers): ``pipeline.articles.decide_duplicates``, the same code as ``load``: exact copies
   by content id; near-copy candidates from the band keys, grouped into connected components
   (``dedupe.candidate_components``), whose exact check (``dedupe.find_duplicates``) runs on the workers
   from the stored shingles, whole components per task, so the result equals the whole-corpus check.
   Also the corpus-level year for date inference, and one articles schema for every partition.
3. **tables** (workers, per partition): the articles table (``pipeline.articles.articles_frame``) and report rows
   (``pipeline.articles.complete_report``) from the stored records with the decided ids, undated articles' dates
   inferred (``infer_published_dates`` with the corpus year), ``pipeline.segment_frames``,
   ``extract.timexes.timexes_table`` and the per-article ``extract.actor_mentions.article_mentions``; each worker
   writes its partition's Parquet files, and beside each raw mention the text window the classifier reads.
4. **actors** (workers and client): the corpus-level pass of ``mentions_table`` (classifier retyping of
   guessed names, then ``resolve_corpus``) as a map-reduce, ``scale_actors.corpus_actor_pass``: the
   workers summarise and apply, the client merges summaries per distinct actor and decides; each
   partition's mentions file is written by a worker.

The client's memory grows with the number of articles only by a few small values per article (ids, band
keys, labels), never by texts, shingles or table rows.

Layout: ``DIR/<table>/part-<key>.parquet`` for articles, report, sentences, tokens, timexes and mentions,
and ``DIR/report/part-inputs-<key>.parquet`` for the report rows of inputs that belong to no partition
(sidecars, missing paths). ``DIR`` is a folder every worker can reach (a local disk for a local cluster, a
shared file system) or an object-store prefix such as ``s3://bucket/prefix`` (through fsspec; the work
files live under the same prefix, ``s3://bucket/prefix/_work/…``). A partition's key hashes its input
files' contents, the options and code that produced it, and the ids decided for its articles: re-running
with unchanged inputs finds the files and skips the work (``_work/`` keeps each partition's read result
too). Every file is written atomically (``workbench.dataset.store.Store.write``: a local file under a hidden
temporary name, then renamed; an object in one upload), so a file present is complete; files of earlier
runs that no longer belong to the dataset are removed at the end, so a re-run never leaves duplicates.

>>> import workbench.scale.ingest as scale
>>> [len(p) for p in scale.partition_files(list(range(5)), sizes=[1] * 5, partition_size=2)]
[2, 2, 1]
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from workbench.dataset.store import Store, basename
from workbench.errors import WorkbenchError
from workbench.ingest.sources import SourceFile, expand, file_digest, source_digest, split_source
from workbench.paths import PACKAGE_DIR, seeds_dir
from workbench.scale.tasks import (
    REPORT_SCHEMA,
    WORK,
    _table_path,
    _to_arrow,
    _work_mentions,
    _write_if_changed,
    _written_partitions,
    check_near,
    inference_year,
    near_duplicate_jobs,
    read_partition,
    tables_partition,
    unify_schemas,
)

#: Tables written per partition (``report`` is written by the client).
PARTITION_TABLES = ("articles", "sentences", "tokens", "timexes", "mentions")
TABLES = (*PARTITION_TABLES, "report")
#: Default target of input bytes per partition when ``partition_size`` (files) is not given.
PARTITION_BYTES = 8 * 1024 * 1024


@dataclass
class Partition:
    """A contiguous run of input files, read and written together."""

    index: int
    files: list[SourceFile]
    key: str = ""  # hashes the inputs and options (the read step)
    out_key: str = ""  # also hashes the ids decided for its articles (the table files)
    n_records: int = 0

    def label(self) -> str:
        first = "?"
        if self.files:
            sf = self.files[0]
            first = sf.path.name + (f"#{sf.piece.label}" if sf.piece is not None else "")
        more = f" (+{len(self.files) - 1} files)" if len(self.files) > 1 else ""
        return f"partition {self.index} [{first}{more}]"


@dataclass
class IngestSummary:
    """What ``ingest_dask`` did: counts, partitions computed and skipped, and time per step (seconds)."""

    out: Path | str  # the dataset folder, or its URL in an object store
    partitions: int = 0
    computed: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    articles: int = 0
    inputs: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    #: the client process's peak resident set (MB) at the end of each step (``getrusage``; 0 where unknown)
    peak_mb: dict[str, float] = field(default_factory=dict)


def _peak_mb() -> float:
    try:
        import resource
    except ImportError:  # not on Windows
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------------------------------ partitions


def partition_files(
    files: Sequence[Any], *, sizes: Sequence[int], partition_size: int | None = None
) -> list[list[Any]]:
    """Split ``files`` (in order) into contiguous partitions: ``partition_size`` files each, or, when it is
    None, runs of files of about ``PARTITION_BYTES`` input bytes (a larger file is a partition of its own)."""
    if partition_size is not None and partition_size < 1:
        raise WorkbenchError(f"partition_size must be a number of files, 1 or more, not {partition_size!r}")
    parts: list[list[Any]] = []
    current: list[Any] = []
    total = 0
    for item, size in zip(files, sizes, strict=True):
        full = len(current) >= partition_size if partition_size else current and total + size > PARTITION_BYTES
        if full:
            parts.append(current)
            current, total = [], 0
        current.append(item)
        total += size
    if current:
        parts.append(current)
    return parts


def _digest(value: object) -> str:
    return hashlib.sha1(repr(value).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def code_digest() -> str:
    """Digest of the code whose output is stored (readers, pipeline, extractors, this module) and of the
    shipped resources; a change makes every partition new."""
    paths = [PACKAGE_DIR / "loader.py"]
    for sub in ("ingest", "text", "pipeline", "actors", "dates", "scale", "resources"):
        paths += sorted(p for p in (PACKAGE_DIR / sub).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    from workbench.paths import data_dir

    actors_yml = data_dir() / "actors.yml"
    if actors_yml.exists():
        paths.append(actors_yml)
    return _digest([file_digest(p) for p in paths])


# ------------------------------------------------------------------------------------ client


def _client(scheduler: str | None, cluster: Any, n_workers: int | None) -> tuple[Any, Any]:
    """A distributed Client (and the LocalCluster it owns, if any)."""
    from distributed import Client, LocalCluster

    if cluster is not None:
        return Client(cluster), None
    if scheduler is not None:
        try:
            return Client(scheduler), None
        except (OSError, TimeoutError) as exc:  # distributed says "Timed out trying to connect …"
            raise WorkbenchError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with `dask scheduler` and "
                "workers with `dask worker ADDRESS`, or leave out --scheduler for a local cluster"
            ) from None
    n = n_workers or max(1, min(os.cpu_count() or 1, 8))
    local = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None)
    return Client(local), local


def _run(client: Any, fn: Any, jobs: dict[int, tuple], step: str, labels: dict[int, str]) -> dict[int, Any]:
    """Submit ``fn(*args)`` per job; wait for all; raise one error naming every unfinished job (``labels``)."""
    from distributed import as_completed

    token = _digest([step, time.time_ns()])[:8]
    futures = {client.submit(fn, *args, key=f"{step}-{token}-{i}", pure=False): i for i, args in jobs.items()}
    results: dict[int, Any] = {}
    errors: dict[int, str] = {}
    for fut in as_completed(list(futures)):
        i = futures[fut]
        try:
            results[i] = fut.result()
        except Exception as exc:  # a worker died or a task failed: collect, report all at the end
            errors[i] = f"{type(exc).__name__}: {exc}"[:200]
        fut.release()
    if errors:
        names = "; ".join(f"{labels.get(i, f'job {i}')}: {why}" for i, why in sorted(errors.items()))
        raise WorkbenchError(
            f"{step}: {len(errors)} of {len(jobs)} partitions unfinished ({names}); finished partitions are "
            "kept, run the same ingest again to complete the dataset"
        )
    return results


def ingest_dask(
    sources: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    scheduler: str | None = None,
    partition_size: int | None = None,
    cluster: Any = None,
    n_workers: int | None = None,
    metadata: Any = None,
    actors: Sequence[str | os.PathLike[str]] = (),
    builtin_actors: bool = True,
    year_hint: int | None = None,
) -> IngestSummary:
    """Ingest ``sources`` on a Dask cluster into a partitioned Parquet dataset under ``out``.

    Args:
        sources: files, folders or globs, as for ``workbench.load`` (default ``seeds/`` when empty).
        out: the dataset folder, shared by the client and every worker, or an object-store prefix such as
            ``s3://bucket/prefix`` (through fsspec; credentials from the environment, as for inputs).
        scheduler: address of a running ``dask.distributed`` scheduler; without it (and without
            ``cluster``) a LocalCluster on 127.0.0.1 with one single-threaded worker process per CPU runs.
        partition_size: input files per partition (default: runs of about 8 MB of input). A JSON Lines,
            CSV/TSV or Parquet file larger than ``PARTITION_BYTES`` is first cut into pieces of about that
            size (``ingest.sources.split_source``), each read by its own partition, with the same records
            and report rows as reading the file whole.
        cluster: an existing cluster object (e.g. a LocalCluster made by a test).
        n_workers: workers of the local cluster made when neither ``scheduler`` nor ``cluster`` is given.
        metadata, actors, builtin_actors, year_hint: as for ``workbench.load``.

    Returns:
        An ``IngestSummary``. Raises ``WorkbenchError`` naming the unfinished partitions when some could
        not be computed; those that were are kept, and running the same call again completes the dataset.
    """
    from workbench.ingest.read import input_rows
    from workbench.pipeline.articles import REPORT_COLUMNS, decide_duplicates
    from workbench.pipeline.dedupe import candidate_components

    t0 = time.perf_counter()
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    sources = list(sources) or [seeds_dir()]
    root = Store(out)
    root.prepare()
    work = root.sub(WORK)
    actor_files = [os.fspath(p) for p in actors]
    expansion = expand(sources)
    for sf in expansion.files:
        sf.digest = source_digest(sf)
    # a large table file (JSON Lines, CSV/TSV, Parquet) is cut into pieces read by different partitions
    files = [piece for sf in expansion.files for piece in split_source(sf, PARTITION_BYTES)]
    sizes = [sf.nbytes() for sf in files]
    meta_digest = None
    if isinstance(metadata, pd.DataFrame):
        meta_digest = pd.util.hash_pandas_object(metadata, index=False).sum().item()
    elif metadata is not None:
        meta_digest = file_digest(Path(metadata))
    options = {
        "code": code_digest(),
        "sidecars": [[str(p), file_digest(p)] for p in expansion.sidecars],
        "metadata": meta_digest,
        "actors": [[p, file_digest(Path(p))] for p in actor_files],
        "builtin_actors": builtin_actors,
        "year_hint": year_hint,
    }
    parts = [
        Partition(i, files)
        for i, files in enumerate(partition_files(files, sizes=sizes, partition_size=partition_size))
    ]
    for p in parts:
        p.key = _digest([options, [[sf.label, sf.digest] for sf in p.files]])
    labels = {p.index: p.label() for p in parts}
    where = root.root if root.remote else Path(os.fspath(out).removeprefix("file://"))
    summary = IngestSummary(out=where, partitions=len(parts))

    client, local = _client(scheduler, cluster, n_workers)
    try:
        # 1. read (workers): records stay on the workers; the client gets ids, LSH keys, years, schemas
        reads = _run(
            client,
            read_partition,
            {p.index: (p.files, expansion.sidecars, metadata, work, p.key) for p in parts},
            "read",
            labels,
        )
        summary.seconds["read"] = time.perf_counter() - t0
        summary.peak_mb["read"] = _peak_mb()

        # 2. ids and duplicates (client, with the exact near-duplicate checks on the workers): as in load
        t1 = time.perf_counter()
        done = [reads.pop(p.index) for p in parts]
        del reads
        for p, r in zip(parts, done, strict=True):
            p.n_records = len(r.base_ids)
        counts = np.array([p.n_records for p in parts], dtype=np.int64)
        where_part = np.repeat(np.arange(len(parts)), counts)
        where_row = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        keys = np.concatenate([r.keys for r in done]) if done else np.zeros((0, 1), dtype=np.uint64)
        nonempty = np.concatenate([r.nonempty for r in done]) if done else np.zeros(0, dtype=bool)
        read_keys = [p.key for p in parts]

        def near(originals: list[int]) -> dict[int, tuple[int, float]]:
            o = np.asarray(originals, dtype=np.int64)
            components = candidate_components(keys[o], nonempty[o])
            jobs = near_duplicate_jobs(components, where_part[o], where_row[o], read_keys, work, 0.9)
            found: dict[int, tuple[int, float]] = {}
            for result in _run(client, check_near, jobs, "near-duplicates", {i: f"batch {i}" for i in jobs}).values():
                found.update(result)
            return found

        ids, dup, why = decide_duplicates(
            [x for r in done for x in r.base_ids], [x for r in done for x in r.labels], near
        )
        keys = nonempty = where_part = where_row = None  # free them (the closure above is done)
        year = inference_year(np.concatenate([r.years for r in done]) if done else np.zeros(0, np.int64), year_hint)
        schema = unify_schemas([r.schema for r in done])
        del done
        summary.seconds["ids"] = time.perf_counter() - t1
        summary.peak_mb["ids"] = _peak_mb()

        # 3. tables (workers), skipping partitions already written with the same ids
        t2 = time.perf_counter()
        decided: dict[int, tuple[list[str], list[str | None], list[str]]] = {}
        start = 0
        for p in parts:
            sl = slice(start, start + p.n_records)
            start += p.n_records
            decided[p.index] = (ids[sl], [ids[j] if j >= 0 else None for j in dup[sl]], why[sl])
            p.out_key = _digest([p.key, _digest(decided[p.index]), str(schema), year])[:16]
        n_articles = len(ids)
        del ids, dup, why
        written = _written_partitions(root)
        todo = {p.index for p in parts if p.out_key not in written}
        summary.skipped = sorted(p.index for p in parts if p.index not in todo)
        summary.computed = sorted(todo)
        jobs = {
            i: (*decided.pop(i), schema, root, parts[i].out_key, actor_files, builtin_actors, parts[i].key, year)
            for i in sorted(todo)
        }
        decided.clear()
        _run(client, tables_partition, jobs, "tables", labels)
        del jobs
        summary.seconds["tables"] = time.perf_counter() - t2
        summary.peak_mb["tables"] = _peak_mb()

        # 4. corpus-level actor pass: summaries on the workers, decisions on the client
        t3 = time.perf_counter()
        from workbench.scale.actors import corpus_actor_pass

        n_mentions = corpus_actor_pass(
            [_work_mentions(root, p.out_key) for p in parts],
            [_table_path(root, "mentions", p.out_key) for p in parts],
            run=lambda fn, jobs: _run(client, fn, jobs, f"actors-{fn.__name__}", labels),
        )
    finally:
        client.close()
        if local is not None:
            local.close()

    extra = pd.DataFrame(input_rows(expansion), columns=REPORT_COLUMNS)
    inputs_key = "inputs-" + _digest([p.out_key for p in parts] + [extra.to_json()])[:16]
    _write_if_changed(_to_arrow(extra, REPORT_SCHEMA), _table_path(root, "report", inputs_key))
    _remove_stale(root, {p.out_key for p in parts}, inputs_key, {p.key for p in parts})
    summary.seconds["actors"] = time.perf_counter() - t3
    summary.peak_mb["actors"] = _peak_mb()
    summary.seconds["total"] = time.perf_counter() - t0
    status = root.read_parquet(root.glob(root.join("report", "part-*.parquet")), columns=["status"])
    status = status.column("status").to_pandas()
    summary.articles = n_articles
    summary.inputs = len(status)
    summary.by_status = status.value_counts().to_dict()
    summary.rows = {"articles": n_articles, "report": len(status), "mentions": n_mentions}
    return summary


def _remove_stale(root: Store, keys: set[str], inputs_key: str, read_keys: set[str]) -> None:
    """Delete files of earlier runs that are not part of this dataset (so a re-run leaves no duplicates)."""
    kept = [((table,), ".parquet", keys | {inputs_key}) for table in (*PARTITION_TABLES, "report")]
    kept += [((WORK, "mentions"), ".parquet", keys), ((WORK, "read"), ".pkl", read_keys)]
    kept += [((WORK, "shingles"), ".npy", read_keys)]  # part-<key>.npy and part-<key>.offsets.npy
    for folder, suffix, wanted in kept:
        for location in root.glob(root.join(*folder, f"part-*{suffix}")):
            name = basename(location).removeprefix("part-").removesuffix(suffix)
            if name.split(".")[0] not in wanted:
                root.rm(location)


def read_table(out: str | os.PathLike[str], table: str) -> pd.DataFrame:
    """One table of a dataset written by ``ingest_dask`` (a folder or an object-store URL), read into pandas
    (all partitions)."""
    store = Store(out)
    files = store.glob(store.join(table, "part-*.parquet"))
    if not files:
        raise WorkbenchError(f"{out}: no {table} table here; write one with `workbench ingest --engine dask`")
    return store.read_parquet(files).to_pandas()
