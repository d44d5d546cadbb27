"""Pieces of one large table: a file cut into row ranges that workers read independently (``split_table``),
each read (``read_table_piece``) into exactly the records and report rows that reading the whole file gives
for its rows — the same labels, fields, notes, and line numbers counted in the whole file."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.ingest.decode import looks_binary, not_utf8_note
from workbench.ingest.records import Problem, Record
from workbench.ingest.table_rows import (
    Entry,
    MalformedTable,
    csv_entry,
    csv_header,
    csv_records,
    jsonl_entries,
    jsonl_entry,
    lines_of,
    parquet_rows,
)
from workbench.ingest.tables import map_columns, table_records

#: Formats that ``split_table`` can cut; a JSON document (``.json``) is one value and is read whole.
SPLITTABLE = (".jsonl", ".ndjson", ".csv", ".tsv", ".parquet")


@dataclass(frozen=True)
class Piece:
    """Rows ``row + 1 … row + rows`` of a table file, as cut by ``split_table`` (not made by hand).

    JSON Lines, CSV and TSV: the bytes ``[start, end)``, beginning at the start of a line that starts a
    record (never inside a quoted CSV field), which is line ``line`` of the file; a CSV/TSV piece is read
    after the file's header, its bytes ``[0, header)``. Parquet: the row groups ``[start, end)``. ``nbytes``
    is the input the piece stands for (compressed column chunks for Parquet). ``encoding`` (``"utf-8"`` or
    ``"cp1252"``) and ``note`` say how the whole file decodes, and ``columns`` (JSON Lines) is the field →
    key mapping found over the whole file, so that a piece gives exactly what reading the whole file gives.
    """

    start: int
    end: int
    row: int
    rows: int
    nbytes: int
    header: int = 0
    encoding: str = "utf-8"
    note: str = ""
    columns: tuple[tuple[str, str], ...] = ()
    line: int = 1

    @property
    def label(self) -> str:
        """``"rows 1001-2000"``: which rows of the file the piece holds."""
        return f"rows {self.row + 1}-{self.row + self.rows}"


class _Cuts:
    """Piece boundaries: the first record (or row group) starting at or after every ``target`` bytes of
    input, so that every piece has at least one row."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.at: list[tuple[int, int, int, int]] = [(0, 0, 0, 1)]  # (position, bytes before, rows before, line)

    def offer(self, position: int, nbytes: int, rows: int, line: int = 1) -> None:
        """A record (or row group) starts at ``position`` (line ``line``), after ``nbytes`` and ``rows``."""
        if nbytes >= self.at[-1][1] + self.target and rows > self.at[-1][2]:
            self.at.append((position, nbytes, rows, line))

    def pieces(self, end: int, nbytes: int, rows: int, **common: Any) -> list[Piece] | None:
        if len(self.at) < 2 or rows <= self.at[-1][2]:
            return None
        bounds = [*self.at, (end, nbytes, rows, 0)]
        return [
            Piece(start=a[0], end=b[0], row=a[2], rows=b[2] - a[2], nbytes=b[1] - a[1], line=a[3], **common)
            for a, b in zip(bounds, bounds[1:], strict=False)
        ]


def split_table(path: Path, target_bytes: int) -> list[Piece] | None:
    """Cut a table file into pieces of about ``target_bytes`` of input each, in order and covering it once.

    Returns None when the file is read whole instead: it is not larger than ``target_bytes``, its format
    cannot be cut (``.json``, unknown), or reading it whole gives one file-level problem that pieces would
    repeat or miss (binary, UTF-16, no text column, no rows, no readable JSON Lines line).

    Cost: a JSON Lines file is read once and every line parsed, a CSV/TSV file is read once and its quotes
    followed, both line by line in bounded memory; a Parquet file only has its footer read. Reading a piece
    then costs its own bytes (and the CSV header) only.
    """
    suffix = path.suffix.lower()
    try:
        if suffix not in SPLITTABLE or path.stat().st_size <= target_bytes:
            return None
        if suffix == ".parquet":
            return _split_parquet(path, target_bytes)
        with path.open("rb") as fh:
            head = fh.read(8192)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or looks_binary(head):
            return None
        for encoding in ("utf-8", "cp1252"):
            try:
                if suffix in (".csv", ".tsv"):
                    return _split_csv(path, target_bytes, "\t" if suffix == ".tsv" else ",", encoding)
                return _split_jsonl(path, target_bytes, encoding)
            except UnicodeDecodeError:
                continue  # the whole file decodes as cp1252: scan it so from the start
        return None
    except OSError:
        return None


def _text(raw: bytes, offset: int, encoding: str) -> str:
    """Bytes of the file from ``offset`` (a line start) decoded as the whole file is (see ``decode``)."""
    if encoding == "cp1252":
        return raw.decode("cp1252", errors="replace")
    text = raw.decode("utf-8")
    return text[1:] if offset == 0 and text.startswith("\ufeff") else text


def _lines(path: Path, encoding: str) -> Iterator[tuple[int, int, str]]:
    """``(line number, byte offset, text)`` of every line of the file (``UnicodeDecodeError`` in UTF-8 when
    some line is not UTF-8)."""
    offset = 0
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            yield n, offset, _text(raw, offset, encoding)
            offset += len(raw)


def _note(path: Path, encoding: str) -> str:
    """The whole file's decoding note: where its first byte that is not UTF-8 is (as ``decode`` says)."""
    if encoding == "utf-8":
        return ""
    offset = 0
    with path.open("rb") as fh:
        for raw in fh:
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return not_utf8_note(raw[exc.start], offset + exc.start)
            offset += len(raw)
    return ""


def _split_jsonl(path: Path, target: int, encoding: str) -> list[Piece] | None:
    cuts, keys, rows, good = _Cuts(target), dict[str, None](), 0, 0
    for n, offset, line in _lines(path, encoding):
        if not line.strip():
            continue
        cuts.offer(offset, offset, rows, n)
        entry = jsonl_entry(line, n)
        if isinstance(entry, dict):
            keys.update(dict.fromkeys(entry))
            good += 1
        rows += 1
    cols = map_columns(list(keys))
    if not good or "text" not in cols:
        return None  # one file-level row, as the whole-file read gives
    size = path.stat().st_size
    note = _note(path, encoding)
    return cuts.pieces(size, size, rows, encoding=encoding, note=note, columns=tuple(cols.items()))


def _split_csv(path: Path, target: int, sep: str, encoding: str) -> list[Piece] | None:
    """Records found as a whole-file read finds them (``table_rows.csv_records``); a file whose header has no
    text column, or that has no data record, is read whole."""
    cuts, rows, header, header_end = _Cuts(target), 0, None, 0
    for record in csv_records(_lines(path, encoding), sep):
        if header is None:
            if not record.closed:
                return None
            header = record.raw
            continue
        if not rows:
            header_end = record.offset
        cuts.offer(record.offset, record.offset, rows, record.line)
        rows += 1
    if header is None or not rows or "text" not in map_columns(csv_header(header, sep)):
        return None
    size = path.stat().st_size
    return cuts.pieces(size, size, rows, header=header_end, encoding=encoding, note=_note(path, encoding))


def _split_parquet(path: Path, target: int) -> list[Piece] | None:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        columns = [str(c) for c in pf.schema_arrow.empty_table().to_pandas().columns]
    except Exception:  # pyarrow raises several types for corrupt files; the whole-file read reports it
        return None
    if "text" not in map_columns(columns):
        return None
    meta = pf.metadata
    cuts, rows, nbytes = _Cuts(target), 0, 0
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        if group.num_rows:
            cuts.offer(g, nbytes, rows)
        rows += group.num_rows
        nbytes += sum(group.column(c).total_compressed_size for c in range(group.num_columns))
    return cuts.pieces(meta.num_row_groups, nbytes, rows)


def _piece_entries(path: Path, piece: Piece) -> tuple[list[Entry], dict[str, str]]:
    """The rows of one piece and the field → column mapping to read them with."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        try:
            groups = range(piece.start, piece.end)
            table = pq.ParquetFile(path).read_row_groups(groups, use_pandas_metadata=True)
        except Exception as exc:  # pyarrow raises several types for corrupt files
            raise MalformedTable(f"malformed Parquet: {type(exc).__name__}: {str(exc)[:200]}") from None
        columns, rows = parquet_rows(table)
        return list(rows), map_columns(columns)
    header, text = _piece_text(path, piece)
    if suffix not in (".csv", ".tsv"):
        return jsonl_entries(text, piece.line), dict(piece.columns)
    sep = "\t" if suffix == ".tsv" else ","
    first = next(csv_records(((n, 0, line) for n, line in lines_of(header)), sep), None)
    if first is None:
        raise MalformedTable("the header is gone")
    names = csv_header(first.raw, sep)
    line = header.count("\n") + 1 if piece.start == 0 else piece.line  # the first piece begins after it
    records = csv_records(((n, 0, line) for n, line in lines_of(text, line)), sep)
    return [csv_entry(record, names, sep) for record in records], map_columns(names)


def read_table_piece(path: Path, piece: Piece) -> Iterator[Record | Problem]:
    """The records and problems of one ``piece`` of a table file (see ``split_table``): exactly those that
    ``read_table`` gives for the piece's rows when it reads the whole file."""
    try:
        entries, cols = _piece_entries(path, piece)
        if len(entries) != piece.rows:
            raise MalformedTable(f"{len(entries)} rows where the piece had {piece.rows}")
    except (MalformedTable, UnicodeDecodeError) as exc:
        reason = f"{piece.label}: {exc}; has the file changed since it was split? load it again"
        yield Problem(str(path), "", "failed", reason[:300])
        return
    yield from table_records(path, entries, cols, piece.note, first=piece.row)


def _piece_text(path: Path, piece: Piece) -> tuple[str, str]:
    """The header's text (CSV/TSV; else ``""``) and the piece's text, decoded as the whole file is."""
    header = ""
    start = piece.header if piece.start == 0 else piece.start  # a CSV/TSV file's first piece: after the header
    with path.open("rb") as fh:
        fh.seek(max(start - 1, 0))
        raw = fh.read(piece.end - start + (start > 0))
        if start > 0:
            if raw[:1] != b"\n":
                raise MalformedTable(f"byte {start} does not start a line")
            raw = raw[1:]
        text = _text(raw, start, piece.encoding)
        if piece.header:
            fh.seek(0)
            header = _text(fh.read(piece.header), 0, piece.encoding)
    return header, text
