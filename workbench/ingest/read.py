"""The one entry of ingest: sources → article records and a report row for every input.

``read_sources`` reads every file of an ``Expansion`` (``ingest.sources.expand``) with ``read_file``, in input
order, applies sidecar metadata and the ``load(metadata=…)`` table, and returns the records and the report rows
(an article's row is completed with its id once ids are decided, by ``pipeline.articles.complete_report``).
``read_file`` picks the reader from ``formats.READERS`` and never raises: a file that cannot be read, a broken
symbolic link or a loop, a file over the size limit and a reader that crashes each become a report row.
Large inputs are read in forked worker processes; ``also`` runs on each file's record texts in the same worker
(the pipeline tokenizes and shingles there, so that each text crosses a process boundary once).
"""

from __future__ import annotations

import errno
import gc
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from workbench.ingest.formats import READERS, reader_for
from workbench.ingest.metadata import (
    Lookup,
    Metadata,
    apply_metadata,
    find_metadata,
    metadata_lookup,
    read_metadata_table,
)
from workbench.ingest.pieces import read_table_piece
from workbench.ingest.records import Problem, Record, clean_problem, clean_record
from workbench.ingest.sources import Expansion, SourceFile, fetch
from workbench.paths import interactive

#: Single-article files larger than this are skipped with a reason (multi-record files are not limited).
MAX_ARTICLE_BYTES = 20 * 1024 * 1024


def size_text(nbytes: int) -> str:
    """A size as people read it, in binary units, exact when it is a whole number of them.

    >>> size_text(20 * 1024 * 1024), size_text(52_428_800 + 1), size_text(1_000_000), size_text(512)
    ('20 MiB', '50.0 MiB', '976.6 KiB', '512 bytes')
    """
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if nbytes >= size:
            return f"{nbytes // size} {unit}" if nbytes % size == 0 else f"{nbytes / size:.1f} {unit}"
    return f"{nbytes} bytes"


def link_problem(path: Path) -> str | None:
    """Why a symbolic link (or what is no regular file) cannot be read as an article, else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if not path.is_symlink():
            return None  # a plain unreadable file: the read says why
        target = os.readlink(path)
        if exc.errno == errno.ELOOP:
            return f"symbolic link loop: {path.name} -> {target} never reaches a file"
        return f"broken symbolic link: its target {target} does not exist"
    if stat.S_ISDIR(mode):
        return "symbolic link to a folder, not followed: give the folder itself to load it"
    if not stat.S_ISREG(mode):
        return "not a regular file (a pipe, socket or device): not read"
    return None


def _read_bytes(sf: SourceFile) -> bytes | Problem:
    """The bytes of a file to read whole, or the row saying why they are not read."""
    path, source = sf.path, sf.name
    reader = reader_for(path)
    if reader is None:
        kind = path.suffix or "no extension"
        reason = f"unsupported file type ({kind}); supported: " + " ".join(sorted(READERS))
        return Problem(source, "", "skipped", reason)
    try:
        size = sf.size if sf.url else path.stat().st_size
        if reader.one_article and size > MAX_ARTICLE_BYTES:
            reason = (
                f"file is {size_text(size)}, over the {size_text(MAX_ARTICLE_BYTES)} limit for one article; "
                "split it or raise workbench.ingest.read.MAX_ARTICLE_BYTES"
            )
            return Problem(source, "", "skipped", reason)
        return fetch(sf) if sf.url else path.read_bytes()
    except OSError as exc:
        return Problem(source, "", "failed", f"cannot read file: {exc.strerror or exc}")


def _read_items(sf: SourceFile) -> list[Record | Problem]:
    path, source = sf.path, sf.name
    if sf.piece is not None:
        try:
            return list(read_table_piece(path, sf.piece))
        except OSError as exc:
            return [Problem(source, "", "failed", f"cannot read file: {exc.strerror or exc}")]
    if not sf.url:
        problem = link_problem(path)
        if problem is not None:
            status = "failed" if problem.startswith(("broken", "symbolic link loop")) else "skipped"
            return [Problem(source, "", status, problem)]
    data = _read_bytes(sf)
    if isinstance(data, Problem):
        return [data]
    if not data.strip():
        return [Problem(source, "", "skipped", "empty file")]
    reader = reader_for(path)
    assert reader is not None  # _read_bytes gave bytes
    return list(reader.read(path, data))


def read_file(sf: SourceFile) -> list[Record | Problem]:
    """Read one file (or one piece of it, see ``sources.split_source``) into records and problems, in order;
    never raises. Lone surrogates in a record's text or a row's reason are replaced (``records.clean_record``)."""
    try:
        items = _read_items(sf)
    except Exception as exc:  # a reader bug must not stop the load; the row says what happened
        reader = reader_for(sf.path)
        what = f"reading {sf.piece.label}" if sf.piece is not None else f"the {reader.name if reader else ''} reader"
        reason = f"{what} failed: {type(exc).__name__}: {exc}"
        return [Problem(sf.name, "", "failed", reason[:300])]
    path, name = str(sf.path), sf.name
    if name != path:  # readers name the file by its path; a remote one is named by its URL
        for item in items:
            if item.source == path:
                item.source = name
    return [clean_record(item) if isinstance(item, Record) else clean_problem(item) for item in items]


#: ``also(texts)``: work done on one file's record texts in the worker process that read it.
Also = Callable[[list[str]], Any]


def _progress(items: Iterable[Any], desc: str, enabled: bool | None, *, total: int | None = None) -> Any:
    count = total if total is not None else len(items)  # type: ignore[arg-type]
    if enabled is None:
        enabled = count > 50 and interactive()
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="file", total=count)


#: Above this many input bytes, files are read in worker processes.
PARALLEL_BYTES = 8 * 1024 * 1024


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for the block, then as it was: reading, tokenizing and assembling a
    corpus make millions of objects and no cycles worth collecting, and each full collection walks every live
    object (a third of a second of the main process on Reuters-21578, 7% of the reading workers' time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_with(sf: SourceFile, also: Also | None = None) -> tuple[list[Record | Problem], Any]:
    """One file → its items, and ``also`` of its record texts (None when it has none, or no ``also``); run by
    a reading worker, with the collector paused (``collector_paused``)."""
    with collector_paused():
        items = read_file(sf)
        texts = [item.text for item in items if isinstance(item, Record)]
        if also is None or not texts:
            return items, None
        return items, also(texts)


def _read_all(
    expansion: Expansion,
    progress: bool | None,
    workers: int | None,
    also: Also | None,
    meanwhile: Callable[[], object] | None = None,
) -> Iterator[tuple[list[Record | Problem], Any]]:
    """Every file's items in input order. Large inputs are read and tokenized in one pass in worker
    processes (shipping each text to a worker once), while this process runs ``meanwhile`` (once they are
    all started), then handles each file's items as soon as they are back, while the workers read the rest;
    small ones are read here and tokenized when needed."""
    files = expansion.files
    total = sum(sf.nbytes() for sf in files)
    if workers is None:
        workers = min(os.cpu_count() or 1, 4)
    if total < PARALLEL_BYTES or workers < 2 or len(files) < 2:
        for sf in _progress(files, "reading", progress):
            yield read_file(sf), None
        return
    import multiprocessing
    from functools import partial

    if "fork" not in multiprocessing.get_all_start_methods():
        # Shingle hashes must share this process's string-hash salt: only forked workers do.
        for sf in _progress(files, "reading", progress):
            yield read_file(sf), None
        return
    from workbench.ingest.workers import process_pool

    with process_pool(workers, fork=True) as pool:
        results = pool.map(partial(read_with, also=also), files)  # every worker is forked before it returns
        if meanwhile is not None:
            meanwhile()
        yield from _progress(results, "reading", progress, total=len(files))


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
        rows.append(_row(str(sidecar), "", status, reason))
    for status, entries in (("failed", expansion.missing), ("skipped", expansion.skipped)):
        for entry in entries:
            source, reason = entry.split(": ", 1)
            rows.append(_row(source, "", status, reason))
    return rows


def _row(source: str, record: str, status: str, reason: str) -> dict[str, Any]:
    return {"source": source, "record": record, "status": status, "reason": reason, "article_id": None}


class _Metadata:
    """The metadata rows that apply to each file: its folder's sidecar, then the ``load(metadata=…)`` table."""

    def __init__(self, expansion: Expansion, metadata: Metadata) -> None:
        self.given = None if metadata is None else metadata_lookup(read_metadata_table(metadata), None)
        self.sidecars: dict[Path, Lookup] = {}
        for sidecar in expansion.sidecars:
            try:
                self.sidecars[sidecar] = metadata_lookup(read_metadata_table(sidecar), sidecar.parent)
            except (ValueError, OSError, pd.errors.ParserError):
                pass  # reported by input_rows

    def apply(self, sf: SourceFile, rec: Record) -> None:
        """Set the metadata of a single-article file on its record (a record inside a file has none)."""
        if rec.record:
            return
        row = None
        if sf.sidecar is not None and sf.sidecar in self.sidecars:
            row = find_metadata(self.sidecars[sf.sidecar], sf.path, sf.sidecar.parent)
        if self.given is not None:  # the load(metadata=...) table wins over a folder's sidecar
            row = find_metadata(self.given, sf.path, None) or row
        if row is not None:
            apply_metadata(rec, row)
            clean_record(rec)


def read_sources(
    expansion: Expansion,
    metadata: Metadata = None,
    *,
    progress: bool | None = None,
    workers: int | None = None,
    also: Also | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[list[Record], list[dict[str, Any]], list[tuple[int, Any]]]:
    """Read every file; returns the records, the report rows (article rows completed later, found by their
    ``_index`` into the records) and, for large inputs read in worker processes, ``also`` of each file's
    texts (with the index of its first record); ``meanwhile`` is run here while the workers read. Every
    input has its row: each file, each record inside a multi-record file, each sidecar, each source that
    does not exist."""
    meta = _Metadata(expansion, metadata)
    report = input_rows(expansion)
    records: list[Record] = []
    segments: list[tuple[int, Any]] = []
    for sf, (items, seg) in zip(expansion.files, _read_all(expansion, progress, workers, also, meanwhile), strict=True):
        if seg is not None:
            segments.append((len(records), seg))
        for item in items:
            if isinstance(item, Problem):
                report.append(_row(item.source, item.record, item.status, item.reason))
                continue
            meta.apply(sf, item)
            records.append(item)
            report.append(
                {**_row(item.source, item.record, "loaded", "; ".join(item.notes)), "_index": len(records) - 1}
            )
    return records, report, segments
