"""Parquet cache of a corpus's tables, keyed by the content of its inputs and the package version.

Layout: ``<cache_dir>/<key>/<table>.parquet``. The key hashes the package version, every input file's
path and SHA-1, the sidecar metadata and the load options, so a changed file, option or release gives a new
entry and a stale table is never read. Writes go to a temporary file renamed into place (atomic), so an
interrupted run leaves no half-written table.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from workbench._version import __version__


def cache_key(parts: object) -> str:
    """A short hex digest of ``parts`` (any JSON-serialisable value) and the package version."""
    payload = json.dumps([__version__, parts], sort_keys=True, default=str).encode()
    return hashlib.sha1(payload).hexdigest()[:20]


class TableCache:
    """Read and write one corpus's tables as Parquet files in ``root/key``; ``root=None`` disables it."""

    def __init__(self, root: Path | None, key: str) -> None:
        self.dir = None if root is None else Path(root) / key
        self.key = key

    def path(self, name: str) -> Path | None:
        return None if self.dir is None else self.dir / f"{name}.parquet"

    def get(self, name: str) -> pd.DataFrame | None:
        path = self.path(name)
        if path is None or not path.exists():
            return None
        try:
            return pd.read_parquet(path)
        except Exception:  # a corrupt cache file is recomputed, never trusted
            return None

    def put(self, name: str, frame: pd.DataFrame) -> None:
        path = self.path(name)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            os.close(fd)
            frame.to_parquet(tmp, index=False)
            os.replace(tmp, path)
        except OSError:
            # A read-only or full disk only costs the cache, never the analysis.
            try:
                os.unlink(tmp)
            except (OSError, UnboundLocalError):
                pass
