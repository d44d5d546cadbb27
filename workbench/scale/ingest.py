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

"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from workbench import schema
from workbench.dataset.faults import checkpoint
from workbench.dataset.lock import DatasetLock
from workbench.dataset.manifest import WORK, FileEntry, Manifest, now, open_manifest, table_path, write_manifest
from workbench.dataset.store import Store, basename
from workbench.errors import WorkbenchError
from workbench.ingest.metadata import Metadata
from workbench.ingest.read import input_rows
from workbench.scale.cluster import client as connect
from workbench.scale.plan import PARTITION_BYTES, TABLES, IngestSummary, Partition, Plan, digest, plan_ingest
from workbench.scale.steps import actors_step, ids_step, read_step, tables_step
from workbench.scale.work import write_if_changed

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["PARTITION_BYTES", "TABLES", "IngestSummary", "ingest_dask", "read_table"]


def ingest_dask(
    sources: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    scheduler: str | None = None,
    partition_size: int | None = None,
    cluster: Any = None,
    n_workers: int | None = None,
    metadata: Metadata = None,
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
        client, local = connect(scheduler, cluster, n_workers)
        try:
            articles, tables, mentions = _steps(client, plan, summary)
        finally:
            client.close()
            if local is not None:
                local.close()
        with summary.step("finish"):
            entries = _finish(plan, tables, mentions, started)
    summary.seconds["total"] = time.perf_counter() - t0
    _count(summary, store, entries, articles)
    return summary


def _steps(
    client: Client, plan: Plan, summary: IngestSummary
) -> tuple[int, dict[int, list[FileEntry]], dict[int, FileEntry]]:
    """The four steps (read, ids, tables, actors), each timed in ``summary``: the number of articles, and the
    table files and the mentions files of every partition."""
    with summary.step("read"):
        done = read_step(client, plan)
    checkpoint("read")
    with summary.step("ids"):
        decided = ids_step(client, plan, done)
        del done
    with summary.step("tables"):
        tables = tables_step(client, plan, decided, summary)
    with summary.step("actors"):
        mentions = actors_step(client, plan)
    return decided.articles, tables, mentions


def _count(summary: IngestSummary, store: Store, entries: list[FileEntry], articles: int) -> None:
    """``summary``'s counts: articles, inputs by status, rows per table."""
    reports = [store.join(*e.path.split("/")) for e in entries if e.table == "report"]
    status = store.read_parquet(reports, columns=["status"])
    summary.articles = articles
    summary.inputs = status.num_rows
    summary.by_status = status.column("status").to_pandas().value_counts().to_dict()
    summary.rows = {t: sum(e.rows for e in entries if e.table == t) for t in TABLES}


def _finish(
    plan: Plan, tables: dict[int, list[FileEntry]], mentions: dict[int, FileEntry], started: str
) -> list[FileEntry]:
    """The report rows of inputs that belong to no partition, stale files removed, the manifest written
    ``complete`` (last). Returns every file's entry in partition order."""
    store = plan.store
    extra = pd.DataFrame(input_rows(plan.expansion), columns=schema.columns("report"))
    inputs_key = "inputs-" + digest([p.out_key for p in plan.parts] + [extra.to_json()])[:16]
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
