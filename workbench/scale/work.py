"""The files the Dask ingest's workers keep under the dataset's ``_work`` folder, and how they are checked.

- a partition's read result: its records as Parquet (``records_table``), each record's word shingles as NumPy
  arrays, and last a JSON record of its report rows and of the SHA-256 of those files (``stored_read`` uses the
  result only when every hash matches, else the partition is read again);
- its raw mentions with the text windows the actor classifier reads (``work_mentions``);
- the record of a finished partition's table files (``done_path``; ``finished_partitions`` checks them).

Nothing here is ever unpickled: NumPy arrays are written and read with ``allow_pickle=False``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from workbench.dataset.manifest import WORK, FileEntry, file_entry, parquet_bytes, table_path
from workbench.dataset.store import Store
from workbench.ingest.records import Record


def store_of(location: Location) -> Store:
    return location if isinstance(location, Store) else Store(location)


#: Where a task reads and writes: a ``Store``, or a folder or URL that one is opened on.
Location = Store | str | os.PathLike[str]


def to_arrow(frame: pd.DataFrame, arrow: pa.Schema | None = None) -> pa.Table:
    """A work frame as an Arrow table; all-null columns become strings so that every partition's file has the
    same schema (an empty partition would otherwise write ``null`` columns)."""
    if arrow is not None:
        if frame.empty:  # pandas gives an empty frame's columns float64, which need not convert
            return arrow.empty_table()
        return pa.Table.from_pandas(frame[arrow.names], schema=arrow, preserve_index=False)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for i, f in enumerate(table.schema):
        if pa.types.is_null(f.type):
            table = table.set_column(i, pa.field(f.name, pa.string()), table.column(i).cast(pa.string()))
    return table.replace_schema_metadata(None)


#: Record fields stored in a read step's records file (``meta`` as JSON: readers give text and lists of text).
RECORD_FIELDS = tuple(f for f in Record.__dataclass_fields__ if f != "meta")


def records_table(records: Sequence[Record]) -> pa.Table:
    """Records as an Arrow table (the read step's work file; no pickle)."""
    columns: dict[str, Any] = {f: [getattr(r, f) for r in records] for f in RECORD_FIELDS}
    columns["published"] = pa.array(
        [None if r.published is None else pd.Timestamp(r.published).value for r in records], type=pa.int64()
    )
    columns["notes"] = pa.array([list(r.notes) for r in records], type=pa.list_(pa.large_string()))
    columns["meta"] = [json.dumps(r.meta, ensure_ascii=False, default=str) for r in records]
    return pa.table(columns)


def table_records(data: pa.Table) -> list[Record]:
    """``records_table`` read back."""
    rows = data.to_pylist()
    out = []
    for row in rows:
        meta = json.loads(row.pop("meta"))
        published = row.pop("published")
        out.append(Record(**row, meta=meta, published=None if published is None else pd.Timestamp(published)))
    return out


def read_paths(work: Store, key: str) -> dict[str, str]:
    return {
        "records": work.join("read", f"part-{key}.parquet"),
        "shingles": work.join("shingles", f"part-{key}.npy"),
        "offsets": work.join("shingles", f"part-{key}.offsets.npy"),
        "done": work.join("read", f"part-{key}.json"),
    }


def stored_read(work: Store, key: str) -> tuple[list[Record], list[dict[str, Any]]] | None:
    """A partition's stored read result when it is whole (every file matches the hashes in its ``.json``
    record, written last); None when it is missing or damaged, so that the read is done again."""
    paths = read_paths(work, key)
    try:
        done = json.loads(work.read_bytes(paths["done"]).decode("utf-8"))
        payloads = {name: work.read_bytes(paths[name]) for name in ("records", "shingles", "offsets")}
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if any(hashlib.sha256(data).hexdigest() != done.get("sha256", {}).get(n) for n, data in payloads.items()):
        return None
    try:
        records = table_records(pq.read_table(io.BytesIO(payloads["records"])))
    except (pa.ArrowException, OSError, ValueError, TypeError):
        return None
    return records, list(done["report"])


def npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def _loadnpy_bytes(store: Store, location: str, *, mmap: bool = False) -> np.ndarray:
    """A stored array (memory-mapped from a local file when ``mmap``; read whole from an object store)."""
    local = store.local_path(location)
    if local is not None:
        return np.load(local, mmap_mode="r" if mmap else None, allow_pickle=False)
    return np.load(io.BytesIO(store.read_bytes(location)), allow_pickle=False)


def shingle_sets(work: Location, key: str, rows: Sequence[int] | None = None) -> list[np.ndarray]:
    """Partition ``key``'s stored shingle sets (those of ``rows`` only; a local file is memory-mapped)."""
    work = store_of(work)
    paths = read_paths(work, key)
    flat_path, offsets_path = paths["shingles"], paths["offsets"]
    flat = _loadnpy_bytes(work, flat_path, mmap=True)
    offsets = _loadnpy_bytes(work, offsets_path)
    wanted = range(len(offsets) - 1) if rows is None else rows
    return [np.array(flat[offsets[i] : offsets[i + 1]]) for i in wanted]


def work_mentions(out: Store, key: str) -> str:
    """A partition's raw mentions with their context windows, read by the corpus-level actor pass."""
    return out.join(WORK, "mentions", f"part-{key}.parquet")


def done_path(out: Store, key: str) -> str:
    return out.join(WORK, "done", f"part-{key}.json")


def finished_partitions(out: Store, names: dict[str, str]) -> dict[str, list[FileEntry]]:
    """The partitions among ``names`` (key → the name its table files should have) whose files are all
    written and whole: each has its record under ``_work/done`` (written last by ``tables_partition``), every
    file it names has the recorded size and SHA-256, and its raw mentions file is there. A partition that fails
    any check is computed again — this is how a re-run repairs a truncated, garbled or deleted file. A whole
    partition whose files bear another name (its place in the inputs moved) has them renamed, not recomputed."""
    found: dict[str, list[FileEntry]] = {}
    for key, name in names.items():
        try:
            entries = [FileEntry(**e) for e in json.loads(out.read_bytes(done_path(out, key)).decode("utf-8"))]
        except (OSError, ValueError, TypeError, UnicodeDecodeError):
            continue
        if not out.exists(work_mentions(out, key)):
            continue
        try:
            whole = all(file_entry(out, e.path) == e for e in entries)
        except (OSError, pa.ArrowException):
            whole = False
        if not whole:
            continue
        wanted = [FileEntry(table_path(e.table, name), e.rows, e.bytes, e.sha256) for e in entries]
        if wanted != entries:
            for old, new in zip(entries, wanted, strict=True):
                out.move(out.join(*old.path.split("/")), out.join(*new.path.split("/")))
            out.write_bytes(done_path(out, key), json.dumps([asdict(e) for e in wanted]).encode("utf-8"))
        found[key] = wanted
    return found


def write_if_changed(data: pa.Table, location: str) -> tuple[int, int, str]:
    """Write a table file at ``location`` unless the file there already holds ``data`` (a re-run leaves
    unchanged files alone); its rows, bytes and SHA-256 either way."""
    store = Store(location)
    if store.exists(location):
        try:
            payload = store.read_bytes(location)
            if pq.read_table(io.BytesIO(payload)).equals(data):
                return data.num_rows, len(payload), hashlib.sha256(payload).hexdigest()
        except (OSError, pa.ArrowException):
            pass
    payload = parquet_bytes(data)
    store.write_bytes(location, payload)
    return data.num_rows, len(payload), hashlib.sha256(payload).hexdigest()
