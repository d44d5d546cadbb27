"""The one entry of ingest: sources → article records and a report row for every input.

``read_sources`` reads every file of an ``Expansion`` (``ingest.sources.expand``) with ``read_file``, in input
order, applies sidecar metadata and the ``load(metadata=…)`` table, and returns the records and the report rows
(an article's row is completed with its id once ids are decided, by ``pipeline.articles.complete_report``).
Large inputs are read in forked worker processes; ``also`` runs on each file's record texts in the same worker
(the pipeline tokenizes and shingles there, so that each text crosses a process boundary once).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from workbench.ingest.records import Problem, Record
from workbench.ingest.sources import (
    Expansion,
    SourceFile,
    apply_metadata,
    find_metadata,
    metadata_lookup,
    read_file,
    read_metadata_table,
)
from workbench.paths import interactive

#: ``also(texts)``: work done on one file's record texts in the worker process that read it.
Also = Callable[[list[str]], Any]


def _progress(items: list[Any], desc: str, enabled: bool | None) -> Any:
    if enabled is None:
        enabled = len(items) > 50 and interactive()
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="file")


#: Above this many input bytes, files are read in worker processes.
PARALLEL_BYTES = 8 * 1024 * 1024


def read_with(sf: SourceFile, also: Also | None = None) -> tuple[list[Record | Problem], Any]:
    """One file → its items, and ``also`` of its record texts (None when it has none, or no ``also``)."""
    items = read_file(sf)
    texts = [item.text for item in items if isinstance(item, Record)]
    if also is None or not texts:
        return items, None
    return items, also(texts)


def _read_all(
    expansion: Expansion, progress: bool | None, workers: int | None, also: Also | None
) -> Iterator[tuple[list[Record | Problem], Any]]:
    """Every file's items in input order. Large inputs are read and tokenized in one pass in worker
    processes (shipping each text to a worker once); small ones are read here and tokenized when needed."""
    files = expansion.files
    total = sum(sf.nbytes() for sf in files)
    if workers is None:
        workers = min(os.cpu_count() or 1, 4)
    if total < PARALLEL_BYTES or workers < 2 or len(files) < 2:
        for sf in _progress(files, "reading", progress):
            yield read_file(sf), None
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    if "fork" not in multiprocessing.get_all_start_methods():
        # Shingle hashes must share this process's string-hash salt: only forked workers do.
        for sf in _progress(files, "reading", progress):
            yield read_file(sf), None
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from _progress(list(pool.map(partial(read_with, also=also), files)), "reading", progress)


def input_rows(expansion: Expansion) -> list[dict[str, Any]]:
    """Report rows for the inputs that are not read as articles: sidecars, sources that do not exist and
    inputs deliberately not read (a sidecar in a remote folder)."""
    rows: list[dict[str, Any]] = []
    for sidecar in expansion.sidecars:
        try:
            table = read_metadata_table(sidecar)
            status, reason = "skipped", f"sidecar metadata (not an article): {len(table)} row(s)"
        except (ValueError, OSError, pd.errors.ParserError) as exc:
            status, reason = "failed", f"sidecar metadata unreadable: {exc}"[:300]
        rows.append({"source": str(sidecar), "record": "", "status": status, "reason": reason, "article_id": None})
    for status, entries in (("failed", expansion.missing), ("skipped", expansion.skipped)):
        for entry in entries:
            source, reason = entry.split(": ", 1)
            rows.append({"source": source, "record": "", "status": status, "reason": reason, "article_id": None})
    return rows


def read_sources(
    expansion: Expansion,
    metadata: Any = None,
    *,
    progress: bool | None = None,
    workers: int | None = None,
    also: Also | None = None,
) -> tuple[list[Record], list[dict[str, Any]], list[tuple[int, Any]]]:
    """Read every file; returns the records, the report rows (article rows completed later) and, for large
    inputs read in worker processes, ``also`` of each file's texts (with the index of its first record)."""
    lookups: list[tuple[dict[str, dict[str, str]], Path | None]] = []
    report: list[dict[str, Any]] = []
    if metadata is not None:
        lookups.append((metadata_lookup(read_metadata_table(metadata), None), None))
    sidecar_lookups: dict[Path, dict[str, dict[str, str]]] = {}
    for sidecar in expansion.sidecars:
        try:
            sidecar_lookups[sidecar] = metadata_lookup(read_metadata_table(sidecar), sidecar.parent)
        except (ValueError, OSError, pd.errors.ParserError):
            pass  # reported by input_rows
    report.extend(input_rows(expansion))
    records: list[Record] = []
    segments: list[tuple[int, dict[str, pd.DataFrame]]] = []
    for sf, (items, seg) in zip(expansion.files, _read_all(expansion, progress, workers, also), strict=True):
        if seg is not None:
            segments.append((len(records), seg))
        for item in items:
            if isinstance(item, Problem):
                report.append(
                    {
                        "source": item.source,
                        "record": item.record,
                        "status": item.status,
                        "reason": item.reason,
                        "article_id": None,
                    }
                )
                continue
            row = None
            if sf.sidecar is not None and sf.sidecar in sidecar_lookups:
                row = find_metadata(sidecar_lookups[sf.sidecar], sf.path, sf.sidecar.parent)
            for lookup, base in lookups:  # the load(metadata=...) table wins over a folder's sidecar
                row = find_metadata(lookup, sf.path, base) or row
            if row is not None and not item.record:
                apply_metadata(item, row)
            records.append(item)
            report.append(
                {
                    "source": item.source,
                    "record": item.record,
                    "status": "loaded",
                    "reason": "; ".join(item.notes),
                    "article_id": None,
                    "_index": len(records) - 1,
                }
            )
    return records, report, segments
