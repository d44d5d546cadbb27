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

Layout: the dataset format of ``workbench.dataset.manifest`` (the same as the in-process ingest writes):
``DIR/<table>/part-<key>.parquet`` for articles, report, sentences, tokens, timexes and mentions, and
``DIR/report/part-inputs-<key>.parquet`` for the report rows of inputs that belong to no partition (sidecars,
missing paths); ``DIR/manifest.json`` is marked ``incomplete`` when the run starts and written ``complete``,
listing every file with its rows, size and SHA-256, only when every file is written. ``DIR`` is a folder every
worker can reach (a local disk for a local cluster, a shared file system) or an object-store prefix such as
``s3://bucket/prefix`` (through fsspec; the work files live under the same prefix, ``…/_work/…``). One ingest
at a time writes ``DIR`` (``workbench.dataset.lock``).

A partition's key hashes its input files' contents, the options and code that produced it, and the ids decided
for its articles. A re-run with unchanged inputs finds each finished partition's record under ``_work/done``
and skips it — when every file it names still has its recorded size and SHA-256; a partition with a missing,
truncated or changed file, or whose work files are damaged, is computed again, so re-running the ingest is how
a dataset is repaired. Work files are Parquet, NumPy arrays (``allow_pickle=False``) and JSON: nothing found in
the folder is ever unpickled. Every file is written atomically (a local file under a hidden temporary name,
then renamed; an object in one upload); files of earlier runs that no longer belong to the dataset are
removed at the end, so a re-run never leaves duplicates.

>>> import workbench.scale.ingest as scale
>>> [len(p) for p in scale.partition_files(list(range(5)), sizes=[1] * 5, partition_size=2)]
[2, 2, 1]
"""

from __future__ import annotations

import hashlib
import os
import shlex
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from workbench import schema
from workbench.dataset.faults import checkpoint
from workbench.dataset.lock import DatasetLock
from workbench.dataset.manifest import WORK, FileEntry, Manifest, now, open_manifest, table_path, write_manifest
from workbench.dataset.store import Store, basename
from workbench.errors import WorkbenchError
from workbench.ingest.read import input_rows
from workbench.ingest.sources import Expansion, SourceFile, expand, file_digest, source_digest, split_source
from workbench.paths import seeds_dir
from workbench.pipeline.articles import decide_duplicates
from workbench.pipeline.code import code_digest
from workbench.pipeline.dedupe import candidate_components
from workbench.scale.actors import corpus_actor_pass
from workbench.scale.tasks import (
    ReadSummary,
    check_near,
    finished_partitions,
    inference_year,
    near_duplicate_jobs,
    read_partition,
    tables_partition,
    unify_schemas,
    work_mentions,
    write_if_changed,
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

    @property
    def name(self) -> str:
        """The stem of its table files: its place in the inputs, then its key (file names sort in corpus order)."""
        return f"{self.index:06d}-{self.out_key}"

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


def _run(
    client: Any,
    fn: Any,
    jobs: dict[int, tuple],
    step: str,
    labels: dict[int, str],
    *,
    each: Callable[[], object] | None = None,
) -> dict[int, Any]:
    """Submit ``fn(*args)`` per job; wait for all; raise one error naming every unfinished job (``labels``).
    ``each`` is called after each job that finished (a crash point for the fault-injection tests)."""
    from distributed import as_completed

    token = _digest([step, time.time_ns()])[:8]
    futures = {client.submit(fn, *args, key=f"{step}-{token}-{i}", pure=False): i for i, args in jobs.items()}
    results: dict[int, Any] = {}
    errors: dict[int, str] = {}
    for fut in as_completed(list(futures)):
        i = futures[fut]
        try:
            results[i] = fut.result()
            if each is not None:
                each()
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


@dataclass
class Plan:
    """What one ingest is asked to do, decided before any work: the partitions and the keys of their work."""

    store: Store
    expansion: Expansion
    parts: list[Partition]
    metadata: Any
    actor_files: list[str]
    builtin_actors: bool
    year_hint: int | None
    options: dict[str, Any]
    command: str

    def labels(self) -> dict[int, str]:
        return {p.index: p.label() for p in self.parts}


def default_command(sources: Sequence[str | os.PathLike[str]], out: str | os.PathLike[str], **options: Any) -> str:
    """The command line that (re)writes a dataset, for the messages that say how to repair it."""
    words = ["workbench", "ingest", *(shlex.quote(os.fspath(s)) for s in sources), "--out", shlex.quote(os.fspath(out))]
    for name, value in options.items():
        if value in (None, False, (), []):
            continue
        flag = "--" + name.replace("_", "-")
        for item in value if isinstance(value, (list, tuple)) else [value]:
            words += [flag] if item is True else [flag, shlex.quote(str(item))]
    return " ".join(words)


def plan_ingest(
    sources: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    partition_size: int | None,
    metadata: Any,
    actors: Sequence[str | os.PathLike[str]],
    builtin_actors: bool,
    year_hint: int | None,
    command: str | None,
) -> Plan:
    """The inputs listed and hashed, cut into partitions, each with the key of its read step."""
    sources = list(sources) or [seeds_dir()]
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
        Partition(i, chunk)
        for i, chunk in enumerate(partition_files(files, sizes=sizes, partition_size=partition_size))
    ]
    for p in parts:
        p.key = _digest([options, [[sf.label, sf.digest] for sf in p.files]])
    command = command or default_command(
        sources, out, engine="dask", partition_size=partition_size, year_hint=year_hint, actors=actor_files
    )
    return Plan(Store(out), expansion, parts, metadata, actor_files, builtin_actors, year_hint, options, command)


def _read_step(client: Any, plan: Plan) -> list[ReadSummary]:
    """1. read (workers): records stay on the workers; the client gets ids, LSH keys, years, schemas."""
    work = plan.store.sub(WORK)
    jobs = {p.index: (p.files, plan.expansion.sidecars, plan.metadata, work, p.key) for p in plan.parts}
    reads = _run(client, read_partition, jobs, "read", plan.labels())
    for p in plan.parts:
        p.n_records = len(reads[p.index].base_ids)
    return [reads.pop(p.index) for p in plan.parts]


@dataclass
class Decided:
    """The ids step's decisions: per partition its articles' ids, first copies and reasons; one articles
    schema; the corpus-level year for date inference."""

    per_part: dict[int, tuple[list[str], list[str | None], list[str]]]
    schema: pa.Schema
    year: int | None
    articles: int


def _ids_step(client: Any, plan: Plan, done: list[ReadSummary]) -> Decided:
    """2. ids and duplicates (client, with the exact near-duplicate checks on the workers): as in load."""
    parts = plan.parts
    counts = np.array([p.n_records for p in parts], dtype=np.int64)
    where_part = np.repeat(np.arange(len(parts)), counts)
    where_row = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    keys = np.concatenate([r.keys for r in done]) if done else np.zeros((0, 1), dtype=np.uint64)
    nonempty = np.concatenate([r.nonempty for r in done]) if done else np.zeros(0, dtype=bool)
    read_keys = [p.key for p in parts]
    work = plan.store.sub(WORK)

    def near(originals: list[int]) -> dict[int, tuple[int, float]]:
        o = np.asarray(originals, dtype=np.int64)
        components = candidate_components(keys[o], nonempty[o])
        jobs = near_duplicate_jobs(components, where_part[o], where_row[o], read_keys, work, 0.9)
        found: dict[int, tuple[int, float]] = {}
        for result in _run(client, check_near, jobs, "near-duplicates", {i: f"batch {i}" for i in jobs}).values():
            found.update(result)
        return found

    ids, dup, why = decide_duplicates([x for r in done for x in r.base_ids], [x for r in done for x in r.labels], near)
    year = inference_year(np.concatenate([r.years for r in done]) if done else np.zeros(0, np.int64), plan.year_hint)
    schema = unify_schemas([r.schema for r in done])
    per_part: dict[int, tuple[list[str], list[str | None], list[str]]] = {}
    start = 0
    for p in parts:
        sl = slice(start, start + p.n_records)
        start += p.n_records
        per_part[p.index] = (ids[sl], [ids[j] if j >= 0 else None for j in dup[sl]], why[sl])
        p.out_key = _digest([p.key, _digest(per_part[p.index]), str(schema), year])[:16]
    return Decided(per_part, schema, year, len(ids))


def _tables_step(client: Any, plan: Plan, decided: Decided, summary: IngestSummary) -> dict[int, list[FileEntry]]:
    """3. tables (workers), skipping partitions whose files are already written and whole."""
    store = plan.store
    finished = finished_partitions(store, {p.out_key: p.name for p in plan.parts})
    todo = [p for p in plan.parts if p.out_key not in finished]
    summary.skipped = sorted(p.index for p in plan.parts if p.out_key in finished)
    summary.computed = sorted(p.index for p in todo)
    jobs = {
        p.index: (
            *decided.per_part.pop(p.index),
            decided.schema,
            store,
            p.out_key,
            plan.actor_files,
            plan.builtin_actors,
            p.key,
            decided.year,
            p.name,
        )
        for p in todo
    }
    decided.per_part.clear()
    written = _run(client, tables_partition, jobs, "tables", plan.labels(), each=lambda: checkpoint("partition"))
    return {p.index: finished[p.out_key] if p.out_key in finished else written[p.index] for p in plan.parts}


def _actors_step(client: Any, plan: Plan) -> dict[int, FileEntry]:
    """4. corpus-level actor pass: summaries on the workers, decisions on the client; the mentions files."""
    store = plan.store
    paths = [table_path("mentions", p.name) for p in plan.parts]
    written: dict[int, tuple[int, int, str]] = {}
    corpus_actor_pass(
        [work_mentions(store, p.out_key) for p in plan.parts],
        [store.join(*path.split("/")) for path in paths],
        run=lambda fn, jobs: _run(client, fn, jobs, f"actors-{fn.__name__}", plan.labels()),
        share=lambda obj: client.scatter(obj, broadcast=True, hash=False),
        written=written,
    )
    return {k: FileEntry(paths[k], *written[k]) for k in written}


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
    wait: bool = False,
    command: str | None = None,
    log: Callable[[str], object] | None = None,
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
        wait: when another ingest is writing ``out``, wait for it instead of failing at once.
        command: the command line to name in messages about repairing the dataset (default: made from
            the arguments).
        log: called with a line about waiting for a lock or repairing what a killed run left.

    Returns:
        An ``IngestSummary``. Raises ``WorkbenchError`` naming the unfinished partitions when some could
        not be computed; those that were are kept, and running the same call again completes the dataset.
    """
    t0 = time.perf_counter()
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    plan = plan_ingest(
        sources,
        out,
        partition_size=partition_size,
        metadata=metadata,
        actors=actors,
        builtin_actors=builtin_actors,
        year_hint=year_hint,
        command=command,
    )
    store = plan.store
    where = store.root if store.remote else Path(store.root)
    summary = IngestSummary(out=where, partitions=len(plan.parts))
    with DatasetLock(store, command=plan.command, wait=wait, log=log):
        started = now()
        write_manifest(store, Manifest(status="incomplete", engine="dask", command=plan.command, started=started))
        client, local = _client(scheduler, cluster, n_workers)
        try:
            done = _read_step(client, plan)
            summary.seconds["read"], summary.peak_mb["read"] = time.perf_counter() - t0, _peak_mb()
            checkpoint("read")
            t1 = time.perf_counter()
            decided = _ids_step(client, plan, done)
            del done
            summary.seconds["ids"], summary.peak_mb["ids"] = time.perf_counter() - t1, _peak_mb()
            t2 = time.perf_counter()
            tables = _tables_step(client, plan, decided, summary)
            summary.seconds["tables"], summary.peak_mb["tables"] = time.perf_counter() - t2, _peak_mb()
            t3 = time.perf_counter()
            mentions = _actors_step(client, plan)
        finally:
            client.close()
            if local is not None:
                local.close()
        entries = _finish(plan, tables, mentions, started)
        summary.seconds["actors"], summary.peak_mb["actors"] = time.perf_counter() - t3, _peak_mb()
    summary.seconds["total"] = time.perf_counter() - t0
    rows = {t: sum(e.rows for e in entries if e.table == t) for t in TABLES}
    status = store.read_parquet(
        [store.join(*e.path.split("/")) for e in entries if e.table == "report"], columns=["status"]
    )
    summary.articles = decided.articles
    summary.inputs = status.num_rows
    summary.by_status = status.column("status").to_pandas().value_counts().to_dict()
    summary.rows = rows
    return summary


def _finish(
    plan: Plan, tables: dict[int, list[FileEntry]], mentions: dict[int, FileEntry], started: str
) -> list[FileEntry]:
    """The report rows of inputs that belong to no partition, stale files removed, the manifest written
    ``complete`` (last). Returns every file's entry in partition order."""
    store = plan.store
    extra = pd.DataFrame(input_rows(plan.expansion), columns=schema.columns("report"))
    inputs_key = "inputs-" + _digest([p.out_key for p in plan.parts] + [extra.to_json()])[:16]
    inputs_path = table_path("report", inputs_key)
    written = write_if_changed(schema.to_arrow(extra, "report"), store.join(*inputs_path.split("/")))
    entries = []
    for p in plan.parts:  # partition order: the order in which tables are read back
        entries += sorted([*tables[p.index], mentions[p.index]], key=lambda e: TABLES.index(e.table))
    entries.append(FileEntry(inputs_path, *written))
    _remove_stale(store, plan.parts, inputs_key)
    inputs = [{"source": sf.label, "sha1": sf.digest or ""} for sf in plan.expansion.files]
    manifest = Manifest(
        status="complete",
        engine="dask",
        command=plan.command,
        code=plan.options["code"],
        started=started,
        finished=now(),
        options={k: v for k, v in plan.options.items() if k != "code"},
        inputs=inputs,
        partitions=[p.out_key for p in plan.parts],
        files=entries,
    )
    write_manifest(store, manifest)
    return entries


def _remove_stale(root: Store, parts: Sequence[Partition], inputs_key: str) -> None:
    """Delete files of earlier runs that are not part of this dataset (so a re-run leaves no duplicates),
    and anything else under the work folders (a planted file is never read, and removed here)."""
    names = {p.name for p in parts} | {inputs_key}
    keys, read_keys = {p.out_key for p in parts}, {p.key for p in parts}
    kept: dict[tuple[str, ...], set[str]] = {(table,): {f"part-{n}.parquet" for n in names} for table in TABLES}
    kept[(WORK, "mentions")] = {f"part-{k}.parquet" for k in keys}
    kept[(WORK, "done")] = {f"part-{k}.json" for k in keys}
    kept[(WORK, "read")] = {f"part-{k}{suffix}" for k in read_keys for suffix in (".parquet", ".json")}
    kept[(WORK, "shingles")] = {f"part-{k}{suffix}" for k in read_keys for suffix in (".npy", ".offsets.npy")}
    for folder, wanted in kept.items():
        pattern = "part-*.parquet" if folder[0] != WORK else "*"
        for location in root.glob(root.join(*folder, pattern)):
            if basename(location) not in wanted:
                root.rm(location)


def read_table(out: str | os.PathLike[str], table: str) -> pd.DataFrame:
    """One table of a dataset written by ``workbench ingest --out`` (a folder or an object-store URL), read
    into pandas (all partitions, in order), after the fast check of ``dataset.manifest.open_manifest``."""
    store = Store(out)
    manifest = open_manifest(store)
    files = [store.join(*e.path.split("/")) for e in manifest.table_files(table)]
    if not files:
        raise WorkbenchError(f"{out}: the dataset has no {table} file")
    return schema.from_arrow(store.read_parquet(files), table)
