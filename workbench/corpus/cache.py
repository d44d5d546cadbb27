"""Parquet cache of a corpus's tables, keyed by the content of its inputs and the package version.

Layout: ``<cache_dir>/<key>/<table>.parquet``. The key hashes the package version, every input file's
path and SHA-1, the sidecar metadata and the load options, so a changed file, option or release gives a new
entry and a stale table is never read. Writes go to a temporary file renamed into place (atomic), so an
interrupted run leaves no half-written table. A table read back has the types ``workbench.schema`` declares,
the same as when it was computed (lists stay lists).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from workbench import schema
from workbench._version import __version__


def cache_key(parts: object) -> str:
    """A short hex digest of ``parts`` (any JSON-serialisable value) and the package version."""
    payload = json.dumps([__version__, parts], sort_keys=True, default=str).encode()
    return hashlib.sha1(payload).hexdigest()[:20]


#: Background writes in progress, by target path (shared by every TableCache of the process).
_PENDING: dict[Path, threading.Thread] = {}


def _wait(path: Path | None) -> None:
    thread = _PENDING.pop(path, None) if path is not None else None
    if thread is not None:
        thread.join()


def wait_for_writes() -> None:
    """Wait for every background write of this process (every ``TableCache``): they are otherwise joined when
    a table they write is read, and at interpreter exit."""
    for path in list(_PENDING):
        _wait(path)


class TableCache:
    """Read and write one corpus's tables as Parquet files in ``root/key``; ``root=None`` disables it.

    Table names are those of ``workbench.schema`` (``articles``, ``tokens``…), optionally followed by
    ``-<digest>`` of what else the table depends on (``mentions-<actor options>``)."""

    def __init__(self, root: Path | None, key: str) -> None:
        self.dir = None if root is None else Path(root) / key
        self.key = key

    def flush(self) -> None:
        """Wait for this cache's writes started with ``put(..., background=True)``."""
        for path in [p for p in _PENDING if self.dir is not None and p.parent == self.dir]:
            _wait(path)

    def path(self, name: str) -> Path | None:
        return None if self.dir is None else self.dir / f"{name}.parquet"

    def get(self, name: str) -> pd.DataFrame | None:
        path = self.path(name)
        _wait(path)
        if path is None or not path.exists():
            return None
        try:
            frame = pq.read_table(path).to_pandas()
        except Exception:  # noqa: BLE001 - a corrupt cache file is recomputed, never trusted
            return None
        table = name.split("-", 1)[0]
        return schema.conform(frame, table, partial=True) if table in schema.TABLES else frame

    def put(self, name: str, frame: pd.DataFrame, *, background: bool = False) -> None:
        """Write ``frame`` as ``name``; ``background=True`` writes in a thread (joined by ``get``/``flush``
        and at interpreter exit) so that a large table is usable before it is on disk."""
        path = self.path(name)
        if path is None:
            return
        if background:
            thread = threading.Thread(target=self._write, args=(path, frame), name=f"cache-{name}")
            _PENDING[path] = thread
            thread.start()
            return
        self._write(path, frame)

    @staticmethod
    def _write(path: Path, frame: pd.DataFrame) -> None:
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            os.close(fd)
            # what ``frame.to_parquet(tmp, index=False)`` writes, converted in this thread (``nthreads=1``):
            # pyarrow's pool of converter threads refuses work once the interpreter is exiting, which lost the
            # background write of a script that loads a large corpus and ends.
            pq.write_table(pa.Table.from_pandas(frame, preserve_index=False, nthreads=1), tmp, compression="snappy")
            os.replace(tmp, path)
        except OSError:
            # A read-only or full disk only costs the cache, never the analysis.
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
