"""The dataset's manifest: what a complete dataset holds, written last, and checked before anything is shown.

A dataset folder (or object-store prefix) written by ``workbench ingest --out DIR`` — in this process or on a
Dask cluster, the same format — holds::

    DIR/manifest.json                   written last, atomically: format, versions, inputs, every file
    DIR/<table>/part-<key>.parquet      articles, report, sentences, tokens, timexes, mentions
    DIR/_work/                          the Dask ingest's work files (kept for re-runs; never read by ``open``)
    DIR/.lock, DIR/.lock.json           held while an ingest writes (``workbench.dataset.lock``)

The manifest records the format version, the workbench version and the digest of the code that wrote the
tables, the command and options, every input with its content hash, and every table file with its row count,
size and SHA-256. Its ``status`` is ``incomplete`` from the moment an ingest starts until it has written every
file, then ``complete``; a run that is killed leaves ``incomplete`` behind, so nothing half-written is ever
opened as if whole.

``verify(store, manifest)`` holds the files against it: ``"fast"`` (the default of ``wb.open``) compares the
listing with the manifest (missing or extra files), each file's size, and the row count in its Parquet footer;
``"full"`` also re-hashes every file. Any difference raises :class:`DatasetError`, which names the files and
the command that repairs the dataset (re-running the ingest recomputes exactly the partitions that differ).

>>> import tempfile
>>> from workbench.dataset.store import Store
>>> store = Store(tempfile.mkdtemp())
>>> read_manifest(store)
Traceback (most recent call last):
...
workbench.dataset.manifest.DatasetError: ... no dataset here; write one with `workbench ingest SOURCES --out ...`
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from workbench._version import __version__
from workbench.dataset.faults import checkpoint
from workbench.dataset.store import Store, basename
from workbench.errors import WorkbenchError
from workbench.schema import STORED

FORMAT = "workbench-dataset"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
#: The work folder of the Dask ingest (records, shingles, raw mentions, finished partitions).
WORK = "_work"

Verify = Literal["fast", "full", "none"]


class DatasetError(WorkbenchError):
    """A dataset that is missing, incomplete or damaged; the message says how to repair it."""


@dataclass(frozen=True)
class FileEntry:
    """One table file of a dataset: its location under the root (``tokens/part-<key>.parquet``), rows, bytes
    and SHA-256 of its content."""

    path: str
    rows: int
    bytes: int
    sha256: str

    @property
    def table(self) -> str:
        return self.path.split("/", 1)[0]


@dataclass
class Manifest:
    """What a dataset holds (see the module docstring); ``files`` lists every table file."""

    status: Literal["complete", "incomplete"]
    engine: str
    command: str
    code: str = ""
    workbench_version: str = __version__
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    started: str = ""
    finished: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    inputs: list[dict[str, str]] = field(default_factory=list)
    partitions: list[str] = field(default_factory=list)
    files: list[FileEntry] = field(default_factory=list)

    def table_files(self, table: str) -> list[FileEntry]:
        """The files of ``table``, in the manifest's order (partition order)."""
        return [f for f in self.files if f.table == table]

    def rows(self) -> dict[str, int]:
        """Rows per stored table."""
        return {t: sum(f.rows for f in self.table_files(t)) for t in STORED}

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"

    @classmethod
    def from_json(cls, text: str, *, where: str = "manifest.json") -> Manifest:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise DatasetError(f"{where}: not readable JSON ({exc}); the dataset's manifest is damaged") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise DatasetError(f"{where}: not a workbench dataset manifest")
        if data.get("format_version") != FORMAT_VERSION:
            raise DatasetError(
                f"{where}: dataset format version {data.get('format_version')!r}, this workbench reads version "
                f"{FORMAT_VERSION}; write the dataset again with this version's `workbench ingest`"
            )
        try:
            files = [FileEntry(**f) for f in data.pop("files", [])]
            return cls(files=files, **data)
        except TypeError as exc:
            raise DatasetError(f"{where}: the manifest is damaged ({exc})") from None


def now() -> str:
    """The current UTC time as an ISO string (manifest timestamps)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


# ------------------------------------------------------------------------------------ table files


def table_path(table: str, key: str) -> str:
    """A table file's location relative to the dataset's root."""
    return f"{table}/part-{key}.parquet"


def parquet_bytes(data: pa.Table) -> bytes:
    """``data`` as the bytes of a Parquet file (with page checksums, so damage inside a page is detectable)."""
    buffer = io.BytesIO()
    pq.write_table(data, buffer, write_page_checksum=True)
    return buffer.getvalue()


def write_table_file(store: Store, table: str, key: str, data: pa.Table) -> FileEntry:
    """Write one table file atomically (``Store.write_bytes``) and return its manifest entry."""
    payload = parquet_bytes(data)
    path = table_path(table, key)
    store.write_bytes(store.join(*path.split("/")), payload)
    return FileEntry(path, data.num_rows, len(payload), hashlib.sha256(payload).hexdigest())


def file_entry(store: Store, path: str) -> FileEntry:
    """The manifest entry of a file already written (its rows from the footer, its hash from its bytes)."""
    payload = store.read_bytes(store.join(*path.split("/")))
    rows = pq.ParquetFile(io.BytesIO(payload)).metadata.num_rows
    return FileEntry(path, rows, len(payload), hashlib.sha256(payload).hexdigest())


def listed_files(store: Store, tables: Iterable[str] = STORED) -> dict[str, int]:
    """Every ``part-*.parquet`` under the table folders, relative path → size, in one listing per folder."""
    found: dict[str, int] = {}
    for table in tables:
        for location, size in store.sizes(store.join(table, "part-*.parquet")).items():
            found[f"{table}/{basename(location)}"] = size
    return found


# ------------------------------------------------------------------------------------ the manifest


def write_manifest(store: Store, manifest: Manifest) -> None:
    """Write ``manifest.json`` atomically (a temporary file renamed; one upload in an object store)."""
    payload = manifest.to_json().encode("utf-8")
    location = store.join(MANIFEST)
    if store.remote:
        checkpoint("manifest")
        store.write_bytes(location, payload)
        return
    tmp = store.join(f".{MANIFEST}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())
    checkpoint("manifest")  # a crash here leaves the previous manifest (or none), never half of this one
    os.replace(tmp, location)


def _layout_hint(store: Store) -> str:
    """Why a folder without a (readable) manifest is not a dataset one can open, and what to do."""
    target = store.root
    command = f"`workbench ingest SOURCES --out {target}`"
    if store.exists(store.join("articles.parquet")):
        return (
            f"{target} holds tables in the single-file layout of an earlier version (articles.parquet …), which "
            f"cannot be verified; write it again with {command}"
        )
    if listed_files(store, ("articles",)):
        return (
            f"{target} has dataset files but no manifest: an ingest into it did not finish, or an earlier "
            f"version wrote it; run {command} again to complete it"
        )
    return f"{target}: no dataset here; write one with {command}"


def read_manifest(store: Store) -> Manifest:
    """The manifest of the dataset at ``store`` (any status); ``DatasetError`` when there is none."""
    location = store.join(MANIFEST)
    try:
        text = store.read_bytes(location).decode("utf-8")
    except FileNotFoundError:
        raise DatasetError(_layout_hint(store)) from None
    except UnicodeDecodeError:
        raise DatasetError(f"{location}: not text; the dataset's manifest is damaged") from None
    except Exception as exc:  # each object store raises its own errors (no bucket, no permission)
        raise DatasetError(f"{location}: cannot read it: {type(exc).__name__}: {exc}"[:300]) from None
    return Manifest.from_json(text, where=location)


def open_manifest(store: Store, *, verify: Verify = "fast", holder: str = "") -> Manifest:
    """The manifest of a complete dataset whose files pass ``verify``; ``DatasetError`` otherwise.

    ``holder`` describes an ingest holding the dataset's lock right now (``lock.holder``), for the message
    about an incomplete dataset.
    """
    if verify not in ("fast", "full", "none"):
        raise WorkbenchError(f"verify must be 'fast', 'full' or 'none', not {verify!r}")
    manifest = read_manifest(store)
    if manifest.status != "complete":
        running = f"it is running now ({holder})" if holder else "it was interrupted"
        raise DatasetError(
            f"{store.root}: the ingest started {manifest.started or 'earlier'} has not finished: {running}. "
            f"The dataset is incomplete and is not opened; run `{manifest.command}` again to complete it"
        )
    if verify != "none":
        problems = check_files(store, manifest, full=verify == "full")
        if problems:
            raise DatasetError(damage_message(store, manifest, problems))
    return manifest


def check_files(
    store: Store, manifest: Manifest, *, full: bool = False, only: Sequence[str] | None = None
) -> list[str]:
    """What differs between the files and the manifest: one line per file (empty when none).

    Missing and extra files, sizes, row counts in the Parquet footers; with ``full``, the SHA-256 of every
    file. ``only`` restricts the check to those relative paths (and then reports no extra files).
    """
    listed = listed_files(store)
    wanted = {f.path: f for f in manifest.files}
    problems: list[str] = []
    paths = list(wanted) if only is None else [p for p in only if p in wanted]
    for path in paths:
        entry = wanted[path]
        size = listed.get(path)
        if size is None:
            problems.append(f"{path} is missing")
            continue
        if size != entry.bytes:
            problems.append(f"{path} has {size:,} bytes, the manifest says {entry.bytes:,} (truncated or changed)")
            continue
        location = store.join(*path.split("/"))
        try:
            if full:
                payload = store.read_bytes(location)
                if hashlib.sha256(payload).hexdigest() != entry.sha256:
                    problems.append(f"{path} does not match its SHA-256 in the manifest (changed or damaged)")
                    continue
                rows = pq.ParquetFile(io.BytesIO(payload)).metadata.num_rows
            else:
                rows = store.parquet_rows(location)
        except (OSError, pa.ArrowException) as exc:
            problems.append(f"{path} cannot be read ({type(exc).__name__}: {str(exc)[:120]})")
            continue
        if rows != entry.rows:
            problems.append(f"{path} holds {rows:,} rows, the manifest says {entry.rows:,}")
    if only is None:
        for path in sorted(set(listed) - set(wanted)):
            problems.append(f"{path} is not in the manifest (left by another run, or put there by hand)")
    return problems


def damage_message(store: Store, manifest: Manifest, problems: Sequence[str]) -> str:
    """A one-paragraph error naming the damaged files and the command that repairs the dataset."""
    shown = "; ".join(problems[:6]) + (f"; and {len(problems) - 6} more" if len(problems) > 6 else "")
    return (
        f"{store.root}: the dataset does not match its manifest ({len(problems)} file(s)): {shown}. "
        f"It is not opened, so that no count is shown from part of it. Repair it with `{manifest.command}` "
        "(only the partitions that differ are computed again)"
    )
