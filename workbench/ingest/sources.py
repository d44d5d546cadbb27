"""Sources → files: expands files, folders and globs (local or fsspec URLs) into the files to read, with their
digests (what cached results are keyed by) and the sidecar metadata that describes them; cuts large tables
into pieces (``split_source``). Reading them is ``ingest.read``'s.

Hidden files and folders (names starting with ``.``) are not inputs and are not listed. Symbolic links are
listed as they are (a broken link or a loop gets its own report row when read).
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from workbench.ingest.formats import reader_for
from workbench.ingest.pieces import Piece, split_table

SIDECAR_NAMES = ("metadata.csv", "index.csv")


@dataclass
class SourceFile:
    """A file to read, with its content hash (for the cache) and the sidecar that describes it, if any.

    ``piece`` is None for the whole file, or one part of a large table made by ``split_source`` (its rows,
    see ``pieces.Piece``). ``digest`` is always the whole file's: key a piece's results by ``label`` and
    ``digest`` together, never by ``path`` and ``digest`` alone.
    """

    path: Path
    digest: str = ""
    sidecar: Path | None = None
    piece: Piece | None = None
    #: For a file in an object store or other fsspec filesystem: its URL (``s3://bucket/news/a.txt``); then
    #: ``path`` is the URL's path part (for the suffix and name), ``size`` its size and ``digest`` is set
    #: when the folder is listed (from the store's ETag/modification time, see ``expand``).
    url: str = ""
    size: int = 0

    @property
    def label(self) -> str:
        """The path (or URL), followed by the piece's rows for a piece: ``"/data/big.jsonl#rows 1-5000"``."""
        where = self.url or str(self.path)
        return where if self.piece is None else f"{where}#{self.piece.label}"

    @property
    def name(self) -> str:
        """What report rows and articles call the file: its URL, or its path with bytes of the name that are
        not UTF-8 shown as U+FFFD (Python keeps them as lone surrogates, which no table can store)."""
        return self.url or os.fsencode(self.path).decode("utf-8", "replace")

    def nbytes(self) -> int:
        """The bytes of input this stands for: the piece's, or the file's size (0 if it cannot be read)."""
        if self.piece is not None:
            return self.piece.nbytes
        if self.url:
            return self.size
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


@dataclass
class Expansion:
    """The result of expanding the sources given to ``load``."""

    files: list[SourceFile] = field(default_factory=list)
    sidecars: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    #: "source: reason" for inputs found but deliberately not read (reported as skipped)
    skipped: list[str] = field(default_factory=list)


def _is_hidden(path: Path, root: Path) -> bool:
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = path
    return any(part.startswith(".") for part in rel.parts)


def _is_sidecar(path: Path) -> bool:
    if path.name.lower() not in SIDECAR_NAMES or not path.is_file():
        return False
    try:
        with path.open("r", encoding="utf-8-sig", errors="replace") as fh:
            header = fh.readline().lower()
    except OSError:
        return False
    return "file" in [h.strip().strip('"') for h in header.split(",")]


def expand(sources: Iterable[str | os.PathLike[str]]) -> Expansion:
    """Expand files, folders (recursively) and globs into files, in a stable sorted order."""
    out = Expansion()
    seen: set[Path] = set()

    def add(path: Path, root: Path) -> None:
        if _is_hidden(path, root) or path in seen:
            return
        seen.add(path)
        if _is_sidecar(path):
            out.sidecars.append(path)
        else:
            out.files.append(SourceFile(path))

    for src in sources:
        text = os.fspath(src)
        if text.startswith(("http://", "https://")):
            out.missing.append(f"{text}: URLs are not supported yet; download the page and load the file")
            continue
        if "://" in text and not text.startswith("file://"):
            _expand_remote(text, out)
            continue
        text = text.removeprefix("file://")
        path = Path(text).expanduser()
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_symlink() or not p.is_dir():  # files, links, pipes: each gets its row
                    add(p, path)
        elif path.exists() or path.is_symlink():
            add(path, path.parent)
        elif any(ch in text for ch in "*?["):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                out.missing.append(f"{text}: the pattern matches no file")
            for m in matches:
                p = Path(m)
                if p.is_symlink() or not p.is_dir():
                    add(p, p.parent)
        else:
            out.missing.append(f"{text}: path does not exist")
    for sidecar in out.sidecars:
        for sf in out.files:
            if sf.path.parent == sidecar.parent or sidecar.parent in sf.path.parents:
                sf.sidecar = sf.sidecar or sidecar
    return out


def _expand_remote(url: str, out: Expansion) -> None:
    """A folder, file or glob in an fsspec filesystem (``s3://``, ``gs://``, ``az://``, ``ftp://``, …): each file
    becomes a ``SourceFile`` with its URL, size and a digest of the store's own description of it (ETag or
    checksum, size, modification time), so that nothing is downloaded to decide what changed."""
    try:
        import fsspec

        fs, root = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        out.missing.append(
            f"{url}: cannot open this URL ({type(exc).__name__}: {exc}); remote inputs need fsspec and the "
            "package of that filesystem, e.g. s3fs for s3://"
        )
        return
    try:
        if any(ch in root for ch in "*?["):
            found = fs.glob(root, detail=True)
            base = root.split("*")[0].split("?")[0].split("[")[0].rsplit("/", 1)[0]
        elif fs.isdir(root):
            found, base = fs.find(root, detail=True), root.rstrip("/")
        elif fs.exists(root):
            found, base = {root: fs.info(root)}, root.rsplit("/", 1)[0]
        else:
            out.missing.append(f"{url}: path does not exist")
            return
    except Exception as exc:  # a store's own errors (permissions, network) become the row's reason
        out.missing.append(f"{url}: cannot list it: {type(exc).__name__}: {exc}"[:300])
        return
    files = {k: v for k, v in found.items() if v.get("type", "file") == "file"}
    if not files:
        out.missing.append(f"{url}: the pattern matches no file" if base != root.rstrip("/") else f"{url}: no file")
    for key in sorted(files):
        rel = key[len(base) :].lstrip("/") if key.startswith(base) else key
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        full = fs.unstrip_protocol(key)
        if key.rsplit("/", 1)[-1].lower() in SIDECAR_NAMES:
            out.skipped.append(
                f"{full}: sidecar metadata is applied in local folders only; give the table with --metadata"
            )
            continue
        info = files[key]
        described = sorted((k, str(v)) for k, v in info.items() if k.lower() in _VERSION_KEYS)
        digest = hashlib.sha1(repr([full, described]).encode()).hexdigest()
        out.files.append(SourceFile(Path(key), digest=digest, url=full, size=int(info.get("size") or 0)))


#: Keys of an fsspec ``info`` dict that change when the object's content does.
_VERSION_KEYS = {"etag", "size", "lastmodified", "last_modified", "mtime", "md5", "md5hash", "crc32c", "version_id"}


def source_digest(sf: SourceFile) -> str:
    """What a source's cached results are keyed by: the SHA-1 of a local file's bytes, or for a remote file
    the digest made when it was listed."""
    return sf.digest if sf.url else file_digest(sf.path)


def fetch(sf: SourceFile) -> bytes:
    """A remote file's bytes (``OSError`` when it cannot be read; used by ``read.read_file``)."""
    import fsspec

    try:
        with fsspec.open(sf.url, "rb") as fh:
            return fh.read()
    except OSError:
        raise
    except Exception as exc:  # stores raise their own errors; they mean the same here
        raise OSError(f"{type(exc).__name__}: {exc}") from exc


def file_digest(path: Path) -> str:
    """SHA-1 of a file's bytes (what the cache is keyed by); ``""`` when it cannot be read or is no regular
    file (a named pipe would block the read)."""
    h = hashlib.sha1()
    if not path.is_file():
        return ""
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return ""
    return h.hexdigest()


def split_source(sf: SourceFile, target_bytes: int) -> list[SourceFile]:
    """``sf`` as pieces of about ``target_bytes`` of input each, which together give exactly the records and
    problems of the whole file (same ``record`` labels, fields, notes and report rows), in order.

    Tables in JSON Lines, CSV/TSV and Parquet can be cut (see ``pieces.split_table`` for what that reads);
    a smaller file, any other format, or a file whose whole-file read is one problem gives ``[sf]``.

    >>> split_source(SourceFile(Path("notes.txt")), 1024)
    [SourceFile(path=PosixPath('notes.txt'), digest='', sidecar=None, piece=None, url='', size=0)]
    """
    reader = reader_for(sf.path)
    if sf.piece is not None or sf.url or reader is None or not reader.splittable:
        return [sf]
    pieces = split_table(sf.path, target_bytes)
    if not pieces:
        return [sf]
    return [replace(sf, piece=piece) for piece in pieces]
