"""Sidecar metadata: a ``metadata.csv``/``index.csv`` with a ``file`` column in a folder, or the table given as
``load(metadata=…)``, gives per-file ``published``, ``outlet``, ``url``, ``title``…; it wins over front matter
and over anything read from the text, and the ``load`` argument wins over a folder's sidecar."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from workbench.errors import WorkbenchError
from workbench.ingest.records import Record, apply_fields

#: A sidecar's rows keyed by file name and by path (see ``metadata_lookup``).
Lookup = dict[str, dict[str, str]]


#: What ``metadata=`` takes: a CSV path or a DataFrame with a ``file`` column (None: only the folders' sidecars).
Metadata = str | os.PathLike[str] | pd.DataFrame | None


def read_metadata_table(source: str | os.PathLike[str] | pd.DataFrame) -> pd.DataFrame:
    """A sidecar (``metadata.csv``/``index.csv`` or a DataFrame) with a ``file`` column, as strings."""
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
    else:
        frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if "file" not in frame.columns and "source" in frame.columns:
        frame = frame.rename(columns={"source": "file"})
    if "file" not in frame.columns:
        raise WorkbenchError(f"metadata table has no 'file' column (columns: {', '.join(frame.columns)})")
    if "date" in frame.columns and "published" not in frame.columns:
        frame = frame.rename(columns={"date": "published"})
    return frame


def metadata_lookup(frame: pd.DataFrame, base: Path | None) -> Lookup:
    """Rows keyed by the file name and by the path relative to ``base`` (both normalised)."""
    rows: Lookup = {}
    for row in frame.to_dict("records"):
        name = str(row.get("file", "")).strip()
        if not name:
            continue
        rows[os.path.normpath(name)] = row
        if base is not None:
            rows[os.path.normpath(str(base / name))] = row
    return rows


def find_metadata(lookup: Lookup, path: Path, base: Path | None) -> dict[str, str] | None:
    """The row of ``lookup`` for the file at ``path``: by its path, its name, or its path relative to ``base``."""
    for key in (
        os.path.normpath(str(path)),
        path.name,
        os.path.normpath(os.path.relpath(path, base)) if base else None,
    ):
        if key and key in lookup:
            return lookup[key]
    return None


def apply_metadata(rec: Record, row: dict[str, str]) -> None:
    """Sidecar metadata wins over front matter and over anything read from the text."""
    apply_fields(rec, row, "metadata")
