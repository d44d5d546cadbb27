"""Sources → files → records: expands folders and globs, picks a reader per file, applies sidecar metadata.

Every input is accounted for: each file yields article ``Record``s or ``Problem`` rows; a reader that
raises becomes a ``failed`` row naming the error, and loading goes on. Hidden files and folders (names
starting with ``.``) are not inputs and are not listed.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from workbench.ingest.feeds import read_feed
from workbench.ingest.html import read_html
from workbench.ingest.records import Problem, Record
from workbench.ingest.sgml import read_sgml
from workbench.ingest.tables import Piece, read_table, read_table_piece, split_table
from workbench.ingest.text import apply_fields, read_text

Reader = Callable[[Path, bytes], Iterator[Record | Problem]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".csv": read_table,
    ".tsv": read_table,
    ".jsonl": read_table,
    ".ndjson": read_table,
    ".json": read_table,
    ".parquet": read_table,
    ".html": read_html,
    ".htm": read_html,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
    ".sgm": read_sgml,
    ".sgml": read_sgml,
}
SIDECAR_NAMES = ("metadata.csv", "index.csv")
#: Single-article files larger than this are skipped with a reason (multi-record files are not limited).
MAX_ARTICLE_BYTES = 20 * 1024 * 1024
SINGLE_ARTICLE_READERS = (read_text, read_html)


@dataclass
class SourceFile:
    """A file to read, with its content hash (for the cache) and the sidecar that describes it, if any.

    ``piece`` is None for the whole file, or one part of a large table made by ``split_source`` (its rows,
    see ``tables.Piece``). ``digest`` is always the whole file's: key a piece's results by ``label`` and
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
    if path.name.lower() not in SIDECAR_NAMES:
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
                if p.is_file() or p.is_symlink():
                    add(p, path)
        elif path.exists() or path.is_symlink():
            add(path, path.parent)
        elif any(ch in text for ch in "*?["):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                out.missing.append(f"{text}: the pattern matches no file")
            for m in matches:
                p = Path(m)
                if p.is_file():
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


def _fetch(sf: SourceFile) -> bytes:
    """A remote file's bytes (``OSError`` when it cannot be read)."""
    import fsspec

    try:
        with fsspec.open(sf.url, "rb") as fh:
            return fh.read()
    except OSError:
        raise
    except Exception as exc:  # stores raise their own errors; they mean the same here
        raise OSError(f"{type(exc).__name__}: {exc}") from exc


def file_digest(path: Path) -> str:
    """SHA-1 of a file's bytes (what the cache is keyed by); ``""`` when it cannot be read."""
    h = hashlib.sha1()
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return ""
    return h.hexdigest()


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
        raise ValueError(f"metadata table has no 'file' column (columns: {', '.join(frame.columns)})")
    if "date" in frame.columns and "published" not in frame.columns:
        frame = frame.rename(columns={"date": "published"})
    return frame


def metadata_lookup(frame: pd.DataFrame, base: Path | None) -> dict[str, dict[str, str]]:
    """Rows keyed by the file name and by the path relative to ``base`` (both normalised)."""
    rows: dict[str, dict[str, str]] = {}
    for row in frame.to_dict("records"):
        name = str(row.get("file", "")).strip()
        if not name:
            continue
        rows[os.path.normpath(name)] = row
        if base is not None:
            rows[os.path.normpath(str(base / name))] = row
    return rows


def find_metadata(lookup: dict[str, dict[str, str]], path: Path, base: Path | None) -> dict[str, str] | None:
    for key in (
        os.path.normpath(str(path)),
        path.name,
        os.path.normpath(os.path.relpath(path, base)) if base else None,
    ):
        if key and key in lookup:
            return lookup[key]
    return None


def split_source(sf: SourceFile, target_bytes: int) -> list[SourceFile]:
    """``sf`` as pieces of about ``target_bytes`` of input each, which together give exactly the records and
    problems of the whole file (same ``record`` labels, fields, notes and report rows), in order.

    Tables in JSON Lines, CSV/TSV and Parquet can be cut (see ``tables.split_table`` for what that reads);
    a smaller file, any other format, or a file whose whole-file read is one problem gives ``[sf]``.

    >>> split_source(SourceFile(Path("notes.txt")), 1024)
    [SourceFile(path=PosixPath('notes.txt'), digest='', sidecar=None, piece=None, url='', size=0)]
    """
    if sf.piece is not None or sf.url or READERS.get(sf.path.suffix.lower()) is not read_table:
        return [sf]
    pieces = split_table(sf.path, target_bytes)
    if not pieces:
        return [sf]
    return [replace(sf, piece=piece) for piece in pieces]


def read_file(sf: SourceFile) -> list[Record | Problem]:
    """Read one file (or one piece of it, see ``split_source``) into records and problems; never raises."""
    path = sf.path
    if sf.piece is not None:
        try:
            return list(read_table_piece(path, sf.piece))
        except OSError as exc:
            return [Problem(str(path), "", "failed", f"cannot read file: {exc.strerror or exc}")]
        except Exception as exc:  # a reader bug must not stop the load; the row says what happened
            reason = f"read_table_piece failed ({sf.piece.label}): {type(exc).__name__}: {exc}"
            return [Problem(str(path), "", "failed", reason[:300])]
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        kind = path.suffix or "no extension"
        return [
            Problem(
                str(path), "", "skipped", f"unsupported file type ({kind}); supported: " + " ".join(sorted(READERS))
            )
        ]
    source = sf.url or str(path)
    try:
        size = sf.size if sf.url else path.stat().st_size
        if reader in SINGLE_ARTICLE_READERS and size > MAX_ARTICLE_BYTES:
            return [
                Problem(
                    source,
                    "",
                    "skipped",
                    f"file is {size / 1e6:.1f} MB, over the {MAX_ARTICLE_BYTES / 1e6:.0f} MB limit for one "
                    "article; split it or raise workbench.ingest.sources.MAX_ARTICLE_BYTES",
                )
            ]
        data = _fetch(sf) if sf.url else path.read_bytes()
    except OSError as exc:
        return [Problem(source, "", "failed", f"cannot read file: {exc.strerror or exc}")]
    if not data.strip():
        return [Problem(source, "", "skipped", "empty file")]
    try:
        items = list(reader(path, data))
    except Exception as exc:  # a reader bug must not stop the load; the row says what happened
        return [Problem(source, "", "failed", f"{reader.__name__} failed: {type(exc).__name__}: {exc}"[:300])]
    if sf.url:  # readers name the file by its path; a remote one is named by its URL
        for item in items:
            if item.source == str(path):
                item.source = sf.url
    return items


def apply_metadata(rec: Record, row: dict[str, str]) -> None:
    """Sidecar metadata wins over front matter and over anything read from the text."""
    apply_fields(rec, row, "metadata")
