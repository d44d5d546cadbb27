"""Where a dataset lives: a local folder or a prefix in an object store (``s3://bucket/prefix``, ``gs://…``),
reached through fsspec with the same few operations.

A :class:`Store` names files by their location: a local path, or a URL such as
``s3://bucket/prefix/articles/part-1.parquet`` (what DuckDB reads through the registered filesystem, and what
``Store(location)`` opens again on a worker). Writes are atomic in both cases, so a file present is complete:

- a local file is written under a hidden temporary name in its folder and renamed (``os.replace``);
- an object is sent in one request (one PUT, or one multipart upload completed at the end): an object store
  shows an object whole or not at all, so there is nothing to rename.

A store is pickled as its location, so each worker process opens it with its own credentials (``AWS_*``,
``FSSPEC_S3_ENDPOINT_URL``…) and nothing but the URL travels with a task.

>>> import os, tempfile
>>> store = Store(tempfile.mkdtemp())
>>> store.write_bytes(store.join("a", "part-1.txt"), b"done")
>>> [os.path.basename(p) for p in store.glob(store.join("a", "part-*.txt"))]
['part-1.txt']
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from workbench.errors import WorkbenchError


def is_url(location: str | os.PathLike[str]) -> bool:
    """Whether ``location`` names a file in an fsspec filesystem other than the local disk (``s3://…``)."""
    text = os.fspath(location)
    return "://" in text and not text.startswith("file://")


class Store:
    """An fsspec filesystem and a root location in it (a local folder or an object-store prefix).

    Attributes:
        fs: the fsspec filesystem (``LocalFileSystem`` for a local folder).
        remote: whether it is an object store (or another filesystem that is not the local disk).
        root: the root's location: an absolute local path, or a URL with its protocol.

    Raises ``WorkbenchError`` when the URL's filesystem is unknown or its package is missing, and for
    ``http(s)://``, which cannot be listed or written.
    """

    def __init__(self, location: str | os.PathLike[str]) -> None:
        text = os.fspath(location)
        self.remote = is_url(text)
        if not self.remote:
            from fsspec.implementations.local import LocalFileSystem

            self.fs: Any = LocalFileSystem()
            self.root = os.path.abspath(os.path.expanduser(text.removeprefix("file://")))
            return
        if text.startswith(("http://", "https://")):
            raise WorkbenchError(
                f"{text}: a web address cannot be listed or written; keep the dataset in a folder or an object "
                "store (s3://bucket/prefix, gs://…)"
            )
        try:
            import fsspec

            self.fs, path = fsspec.core.url_to_fs(text)
        except (ImportError, ValueError) as exc:
            raise WorkbenchError(
                f"{text}: cannot open this URL ({type(exc).__name__}: {exc}); an object store needs fsspec and "
                "the package of its filesystem, e.g. s3fs for s3:// (pip install -e .[scale])"
            ) from None
        self.root = self.fs.unstrip_protocol(path.rstrip("/"))

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return Store, (self.root,)

    def __repr__(self) -> str:
        return f"Store({self.root!r})"

    # ------------------------------------------------------------------ names
    def join(self, *parts: str) -> str:
        """The location of ``parts`` under the root."""
        return os.path.join(self.root, *parts) if not self.remote else "/".join([self.root, *parts])

    def sub(self, *parts: str) -> Store:
        """The store rooted at ``parts`` under this root (e.g. the dataset's work folder)."""
        return Store(self.join(*parts))

    def _path(self, location: str | os.PathLike[str]) -> str:
        """The filesystem's own path of a location (a URL without its protocol)."""
        return self.fs._strip_protocol(os.fspath(location)) if self.remote else os.fspath(location)

    def _name(self, path: str) -> str:
        return self.fs.unstrip_protocol(path) if self.remote else path

    def local_path(self, location: str | os.PathLike[str]) -> str | None:
        """A local file's path (to memory-map it), or None in an object store."""
        return None if self.remote else os.fspath(location)

    # ------------------------------------------------------------------ listing
    def exists(self, location: str | os.PathLike[str]) -> bool:
        if self.remote:
            self.fs.invalidate_cache()  # another process may have written it since this one listed the folder
        return bool(self.fs.exists(self._path(location)))

    def glob(self, pattern: str | os.PathLike[str]) -> list[str]:
        """The locations of the files matching ``pattern`` (a location with ``*``), sorted. An object store
        that cannot be listed (no such bucket, no permission) raises ``WorkbenchError`` with its reason."""
        if not self.remote:
            return sorted(self.fs.glob(self._path(pattern)))
        self.fs.invalidate_cache()
        try:
            found = self.fs.glob(self._path(pattern))
        except Exception as exc:  # each store raises its own errors; they mean the same here
            raise WorkbenchError(f"{pattern}: cannot list it: {type(exc).__name__}: {exc}"[:300]) from None
        return sorted(self._name(p) for p in found)

    def sizes(self, pattern: str | os.PathLike[str]) -> dict[str, int]:
        """``glob(pattern)`` with each file's size in bytes, from the same listing."""
        if not self.remote:
            out = {}
            for path in self.glob(pattern):
                try:
                    out[path] = os.stat(path).st_size
                except FileNotFoundError:  # removed since the listing
                    continue
            return out
        self.fs.invalidate_cache()
        try:
            found = self.fs.glob(self._path(pattern), detail=True)
        except Exception as exc:  # each store raises its own errors; they mean the same here
            raise WorkbenchError(f"{pattern}: cannot list it: {type(exc).__name__}: {exc}"[:300]) from None
        return {self._name(p): int(info.get("size", 0)) for p, info in sorted(found.items())}

    # ------------------------------------------------------------------ reading
    def open(self, location: str | os.PathLike[str]) -> IO[bytes]:
        """A file opened for reading bytes."""
        return self.fs.open(self._path(location), "rb")

    def read_bytes(self, location: str | os.PathLike[str]) -> bytes:
        with self.open(location) as fh:
            return fh.read()

    def read_parquet(
        self, locations: str | os.PathLike[str] | Sequence[str], *, columns: Sequence[str] | None = None, **options: Any
    ) -> pa.Table:
        """One Parquet file, or several read as one table (``options`` go to ``pyarrow.parquet.read_table``)."""
        paths: str | list[str]
        if isinstance(locations, (str, os.PathLike)):
            paths = self._path(locations)
        else:
            paths = [self._path(p) for p in locations]
        filesystem = self.fs if self.remote else None
        cols = list(columns) if columns is not None else None
        return pq.read_table(paths, columns=cols, filesystem=filesystem, **options)

    def parquet_rows(self, location: str | os.PathLike[str]) -> int:
        """The row count in a Parquet file's footer (reads the footer only)."""
        if not self.remote:
            return int(pq.read_metadata(os.fspath(location)).num_rows)
        with self.open(location) as fh:
            return int(pq.ParquetFile(fh).metadata.num_rows)

    def read_schema(self, location: str | os.PathLike[str]) -> pa.Schema:
        if not self.remote:
            return pq.read_schema(os.fspath(location))
        with self.open(location) as fh:
            return pq.read_schema(fh)

    # ------------------------------------------------------------------ writing
    def write(self, location: str | os.PathLike[str], write: Callable[[IO[bytes]], object]) -> None:
        """Write a file atomically with ``write(fh)``: locally under a hidden temporary name in the same folder
        (dataset readers skip it), then renamed; in an object store as one upload of the whole object."""
        if self.remote:
            buffer = io.BytesIO()
            write(buffer)
            self.fs.pipe_file(self._path(location), buffer.getvalue())
            return
        path = os.fspath(location)
        folder, name = os.path.split(path)
        os.makedirs(folder, exist_ok=True)
        tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            write(fh)
        os.replace(tmp, path)

    def write_bytes(self, location: str | os.PathLike[str], data: bytes) -> None:
        self.write(location, lambda fh: fh.write(data))

    def write_parquet(self, location: str | os.PathLike[str], table: pa.Table) -> None:
        self.write(location, lambda fh: pq.write_table(table, fh))

    def prepare(self) -> None:
        """Make the root folder; in an object store (which has no folders) check instead that an object can
        be written and deleted under the root, so that a missing bucket or a read-only credential is said at
        once rather than by every task."""
        if not self.remote:
            os.makedirs(self.root, exist_ok=True)
            return
        probe = self.join(f".write-check-{os.getpid()}")
        try:
            self.write_bytes(probe, b"")
            self.rm(probe)
        except Exception as exc:  # each store raises its own errors; they mean the same here
            raise WorkbenchError(
                f"{self.root}: cannot write here ({type(exc).__name__}: {exc}); check that the bucket exists and "
                "that the credentials in the environment may write to it"
            ) from None

    def move(self, source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        """Rename a file (in an object store: copy, then delete)."""
        if not self.remote:
            os.makedirs(os.path.dirname(os.fspath(target)), exist_ok=True)
            os.replace(source, target)
            return
        self.fs.mv(self._path(source), self._path(target))

    def rm(self, location: str | os.PathLike[str]) -> None:
        """Delete a file; one already gone is no error."""
        try:
            self.fs.rm_file(self._path(location))
        except FileNotFoundError:
            pass


def parent(location: str | os.PathLike[str]) -> str:
    """The folder of a location (``s3://b/x/part-1.parquet`` → ``s3://b/x``)."""
    text = os.fspath(location)
    return text.rsplit("/", 1)[0] if is_url(text) else os.path.dirname(text)


def basename(location: str | os.PathLike[str]) -> str:
    """The file name of a location (``s3://b/x/part-1.parquet`` → ``part-1.parquet``)."""
    text = os.fspath(location)
    return text.rsplit("/", 1)[-1] if is_url(text) else os.path.basename(text)
