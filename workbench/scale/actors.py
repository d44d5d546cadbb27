"""The corpus-level actor pass of the Dask ingest, as a map-reduce over partitions.

``extract.actors.mentions_table`` ends with a corpus-level pass: a classifier retypes guessed names
(``actor_classifier.retype_unsure``), then ``actor_resolution.resolve_corpus`` merges person name variants and settles
the types of discovered actors. Both are made of steps that summarise a part of the mentions, decide from
the merged summaries, and apply the decisions row by row. :func:`corpus_actor_pass` maps the summarise and
apply steps over the partitions' mention files (on Dask workers when ``run`` says so) and decides on the
client, with the same result as ``mentions_table``:

1. **summarise** (per partition): guessed and typed actor ids, dictionary and gazetteer ids, the first
   labelled mentions of each actor → the client merges them and plans the training (``training_plan``);
2. **targets** (per partition): the first guessed mentions of each unsure actor and the partition's training
   mentions, with their context windows → the client merges them, fits the classifier, decides the types;
3. **count** (per partition): the retyped mentions counted per (actor_id, actor, actor_type) → the client
   merges the counts and decides renames, types and names (``corpus_resolution``);
4. **write** (per partition): both decisions applied to every row, the partition's mentions file written.

The client holds sets and counts per distinct actor, the training mentions, and the target mentions (at
most ``per_unsure_actor`` of an unsure actor) with their windows: never a row per mention. Results are
merged ``chunk`` partitions at a time, so it never holds every partition's summary at once. The plan and
the decisions grow with the number of actors: they reach the workers once each through ``share`` (on Dask,
``client.scatter(…, broadcast=True)``: one copy per worker, handed to every task as a future) instead of one
copy per task argument. Nothing is written to disk for them, and nothing is ever unpickled from the dataset.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from workbench.actors.classifier import (
    NO_TYPES,
    TrainingPlan,
    UnsureSummary,
    apply_types,
    decide_types,
    merge_targets,
    merge_unsure_summaries,
    training_plan,
    unsure_summary,
    unsure_targets,
)
from workbench.actors.resolution import (
    apply_resolution,
    corpus_resolution,
    known_ids,
    merge_resolution_counts,
    resolution_counts,
)
from workbench.dataset.store import Store
from workbench.errors import WorkbenchError
from workbench.scale.work import to_arrow, write_if_changed

#: ``run(fn, jobs)``: ``{k: fn(*jobs[k])}`` for every partition ``k`` of ``jobs``, wherever it runs.
Run = Callable[[Callable[..., Any], dict[int, tuple]], dict[int, Any]]
#: ``share(obj)``: what the tasks receive in place of ``obj``, which every partition's task needs (a Dask future of
#: the object scattered to every worker; the object itself in this process).
Share = Callable[[Any], Any]
#: What ``_write`` tells of the file it wrote: rows, bytes, SHA-256.
Written = tuple[int, int, str]
#: Partitions whose results are merged at once on the client.
CHUNK = 16
#: Columns of a partition's ``_work`` mentions file that are not mention columns (the classifier's context).
CONTEXT_COLUMNS = ("_ctx", "_ctx0")

_SUMMARY_COLUMNS = ["surface", "actor_id", "actor_type", "method", "metonymy", "evidence", "strength"]
_TARGET_COLUMNS = ["start", "end", "surface", "actor_id", "method", "strength"]
_COUNT_COLUMNS = ["actor_id", "actor", "actor_type", "method", "evidence", "strength"]


def corpus_actor_pass(
    inputs: Sequence[str | os.PathLike[str]],
    outputs: Sequence[str | os.PathLike[str]],
    run: Run | None = None,
    *,
    share: Share | None = None,
    written: dict[int, Written] | None = None,
    chunk: int = CHUNK,
) -> int:
    """The corpus-level pass of ``mentions_table`` over partitions, with the same result.

    Args:
        inputs: partition ``k``'s raw mentions file at ``inputs[k]`` (a path, or a URL in an object store): the
            mention columns plus ``_ctx`` and
            ``_ctx0`` (``scale_tasks.context_windows``), as ``scale_tasks.tables_partition`` writes it under
            ``DIR/_work/mentions``.
        outputs: partition ``k``'s final mentions file at ``outputs[k]``: the mention columns with the corpus
            pass applied, one schema for every file, written atomically and only when its content changed.
        run: ``run(fn, jobs)`` maps a module-level function over partitions (``{k: fn(*jobs[k])}``), e.g. on
            Dask workers; in this process when None.
        share: hands the plan and the decisions to every task (``Share``); the objects themselves when None.
        written: filled with ``{k: (rows, bytes, sha256)}`` of each output file (for the dataset's manifest).
        chunk: partitions whose results the client merges at once.

    Returns:
        The number of mentions. The outputs read in order equal ``mentions_table`` of the whole corpus.
    """
    if len(inputs) != len(outputs):
        raise WorkbenchError(f"{len(inputs)} mention files in, {len(outputs)} out: give one output per input")
    if not inputs:
        return 0
    run = run or _in_process
    inputs, outputs = [os.fspath(p) for p in inputs], [os.fspath(p) for p in outputs]
    share = share or _same
    # 1. summarise → training plan, dictionary and gazetteer ids
    summary, known = _fold(
        run,
        _summarise,
        {k: (path, k) for k, path in enumerate(inputs)},
        lambda parts: (
            merge_unsure_summaries([s for s, _ in parts]),
            set().union(*(ids for _, ids in parts)),
        ),
        chunk=chunk,
    )
    plan = training_plan(summary)
    del summary

    # 2. targets and contexts → the classifier's decisions
    decided = NO_TYPES if plan is None else _classify(run, inputs, plan, share, chunk)

    # 3. counts of the retyped mentions → renames, types and names
    decisions = share((decided, known))
    counts = _fold(
        run,
        _count,
        {k: (path, decisions) for k, path in enumerate(inputs)},
        merge_resolution_counts,
        chunk=chunk,
    )
    resolution = corpus_resolution(counts)
    del counts

    # 4. apply both and write
    final = share((decided, known, resolution))
    schema = output_schema(inputs[0])
    files = run(_write, {k: (path, outputs[k], final, schema) for k, path in enumerate(inputs)})
    if written is not None:
        written.update(files)
    return sum(rows for rows, _, _ in files.values())


def _classify(
    run: Run, inputs: Sequence[str | os.PathLike[str]], plan: TrainingPlan, share: Share, chunk: int
) -> pd.DataFrame:
    """Step 2: the unsure actors' target mentions and the training mentions with their contexts, merged; the
    classifier fitted and its types decided (``decide_types``)."""
    shared_plan = share(plan)
    rows = plan.train.index.get_level_values(1).to_numpy()
    owner = plan.train.index.get_level_values(0).to_numpy()
    targets, contexts = _fold(
        run,
        _targets,
        {k: (path, k, shared_plan, rows[owner == k]) for k, path in enumerate(inputs)},
        lambda parts: (merge_targets([t for t, _ in parts]), pd.concat([c for _, c in parts])),
        chunk=chunk,
    )
    return decide_types(plan.train.join(contexts), targets) if len(targets) else NO_TYPES


def output_schema(path: str | os.PathLike[str]) -> pa.Schema:
    """The schema of every final mentions file: the mention columns of a ``_work`` mentions file, text
    columns as ``large_string`` (what a partition with rows writes; an empty one writes ``string``)."""
    fields = []
    for f in Store(path).read_schema(path):
        if f.name in CONTEXT_COLUMNS:
            continue
        text = pa.types.is_string(f.type) or pa.types.is_large_string(f.type) or pa.types.is_null(f.type)
        fields.append(pa.field(f.name, pa.large_string()) if text else f.remove_metadata())
    return pa.schema(fields)


# ------------------------------------------------------------------------------------ client helpers


def _in_process(fn: Callable[..., Any], jobs: dict[int, tuple]) -> dict[int, Any]:
    return {k: fn(*args) for k, args in jobs.items()}


def _fold(
    run: Run, fn: Callable[..., Any], jobs: dict[int, tuple], merge: Callable[[list[Any]], Any], *, chunk: int
) -> Any:
    """``merge`` of ``fn``'s results in partition order, ``chunk`` partitions at a time."""
    keys = sorted(jobs)
    merged: list[Any] = []
    for lo in range(0, len(keys), chunk):
        batch = keys[lo : lo + chunk]
        results = run(fn, {k: jobs[k] for k in batch})
        merged = [merge(merged + [results.pop(k) for k in batch])]
    return merged[0]


def _same(obj: Any) -> Any:
    return obj


# ------------------------------------------------------------------------------------ worker steps


def _read(path: str, columns: Sequence[str]) -> pd.DataFrame:
    """Some columns of a partition's mentions file; the index is the row number in the file."""
    return Store(path).read_parquet(path, columns=columns).to_pandas()


def _in_partition(frame: pd.DataFrame, k: int) -> pd.DataFrame:
    """``frame`` indexed by (partition, row): rows of all partitions stay distinct when merged."""
    frame.index = pd.MultiIndex.from_arrays([np.full(len(frame), k, dtype=np.int64), frame.index.to_numpy()])
    return frame


def _contexts(path: str, mentions: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """``text``, ``start``, ``end`` of the given rows for the classifier: their windows from the file."""
    windows = Store(path).read_parquet(path, columns=CONTEXT_COLUMNS)
    take = pa.array(rows, type=pa.int64())
    first = windows.column("_ctx0").take(take).to_numpy()
    return pd.DataFrame(
        {
            "text": windows.column("_ctx").take(take).to_pylist(),
            "start": mentions["start"].to_numpy()[rows] - first,
            "end": mentions["end"].to_numpy()[rows] - first,
        },
        index=rows,
    )


def _summarise(path: str, k: int) -> tuple[UnsureSummary, set[str]]:
    """Step 1: the partition's classifier summary and its dictionary and gazetteer ids."""
    mentions = _read(path, _SUMMARY_COLUMNS)
    summary = unsure_summary(mentions)
    _in_partition(summary.train, k)
    return summary, known_ids(mentions)


def _targets(path: str, k: int, plan: TrainingPlan, train_rows: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Step 2: the partition's targets with their contexts, and the contexts of its training rows."""
    mentions = _read(path, _TARGET_COLUMNS)
    targets = unsure_targets(mentions, plan)
    contexts = _contexts(path, mentions, np.union1d(targets.index.to_numpy(), train_rows).astype(np.int64))
    targets = targets.join(contexts)
    return _in_partition(targets, k), _in_partition(contexts.loc[train_rows], k)


def _count(path: str, decisions: tuple[pd.DataFrame, set[str]]) -> pd.DataFrame:
    """Step 3: the partition's retyped mentions counted for ``resolve_corpus``."""
    decided, known = decisions
    return resolution_counts(apply_types(_read(path, _COUNT_COLUMNS), decided), known)


def _write(path: str, out: str, decisions: tuple[pd.DataFrame, set[str], Any], schema: pa.Schema) -> Written:
    """Step 4: the partition's mentions with every decision applied, written to ``out``; its rows, bytes and
    SHA-256."""
    decided, known, resolution = decisions
    mentions = apply_resolution(apply_types(_read(path, schema.names), decided), known, resolution)
    return write_if_changed(to_arrow(mentions, schema), out)
