"""The four steps of the Dask ingest (``workbench.scale.ingest``): read, ids, tables, actors — each maps the
workers' tasks over the partitions (``scale.tasks``) and makes the client's decisions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from workbench.dataset.faults import checkpoint
from workbench.dataset.manifest import WORK, FileEntry, table_path
from workbench.pipeline.articles import decide_duplicates
from workbench.pipeline.dedupe import candidate_components
from workbench.scale.actors import corpus_actor_pass
from workbench.scale.cluster import run
from workbench.scale.plan import IngestSummary, Plan, digest
from workbench.scale.tasks import (
    ReadSummary,
    check_near,
    inference_year,
    near_duplicate_jobs,
    read_partition,
    tables_partition,
    unify_schemas,
)
from workbench.scale.work import finished_partitions, work_mentions

if TYPE_CHECKING:
    from distributed import Client


def read_step(client: Client, plan: Plan) -> list[ReadSummary]:
    """1. read (workers): records stay on the workers; the client gets ids, LSH keys, years, schemas."""
    work = plan.store.sub(WORK)
    jobs = {p.index: (p.files, plan.expansion.sidecars, plan.metadata, work, p.key) for p in plan.parts}
    reads = run(client, read_partition, jobs, "read", plan.labels())
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


def ids_step(client: Client, plan: Plan, done: list[ReadSummary]) -> Decided:
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
        for result in run(client, check_near, jobs, "near-duplicates", {i: f"batch {i}" for i in jobs}).values():
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
        p.out_key = digest([p.key, digest(per_part[p.index]), str(schema), year])[:16]
    return Decided(per_part, schema, year, len(ids))


def tables_step(client: Client, plan: Plan, decided: Decided, summary: IngestSummary) -> dict[int, list[FileEntry]]:
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
    written = run(client, tables_partition, jobs, "tables", plan.labels(), each=lambda: checkpoint("partition"))
    return {p.index: finished[p.out_key] if p.out_key in finished else written[p.index] for p in plan.parts}


def actors_step(client: Client, plan: Plan) -> dict[int, FileEntry]:
    """4. corpus-level actor pass: summaries on the workers, decisions on the client; the mentions files."""
    store = plan.store
    paths = [table_path("mentions", p.name) for p in plan.parts]
    written: dict[int, tuple[int, int, str]] = {}
    corpus_actor_pass(
        [work_mentions(store, p.out_key) for p in plan.parts],
        [store.join(*path.split("/")) for path in paths],
        run=lambda fn, jobs: run(client, fn, jobs, f"actors-{fn.__name__}", plan.labels()),
        share=lambda obj: client.scatter(obj, broadcast=True, hash=False),
        written=written,
    )
    return {k: FileEntry(paths[k], *written[k]) for k in written}
