"""Tables of articles: CSV/TSV, JSON Lines, JSON (a list of objects) and Parquet, columns mapped by common names."""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from workbench.ingest.decode import decode, looks_binary, not_utf8_note
from workbench.ingest.records import Problem, Record, to_timestamp
from workbench.ingest.text import split_boilerplate, split_dateline

#: Our field → the column names accepted for it, in order of preference (compared case-insensitively).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "subject"),
    "text": ("text", "body", "content", "article", "story", "full_text", "fulltext"),
    "published": (
        "published",
        "date",
        "pubdate",
        "pub_date",
        "published_at",
        "publication_date",
        "datetime",
        "timestamp",
        "created_at",
    ),
    "outlet": ("source", "outlet", "publisher", "publication", "site", "media", "newspaper"),
    "url": ("url", "link", "href", "uri"),
    "id": ("id", "article_id", "doc_id", "guid", "uid"),
    "author": ("author", "authors", "byline", "creator"),
    "language": ("language", "lang"),
    "dateline": ("dateline",),
}


def map_columns(columns: list[str]) -> dict[str, str]:
    """Which column gives each field: ``{"text": "body", ...}``; fields without a column are absent.

    >>> map_columns(["Headline", "Body", "pubdate", "link"])
    {'title': 'Headline', 'text': 'Body', 'published': 'pubdate', 'url': 'link'}
    """
    lower = {str(c).strip().lower(): c for c in columns}
    found: dict[str, str] = {}
    for field, names in COLUMN_NAMES.items():
        for name in names:
            if name in lower and lower[name] not in found.values():
                found[field] = lower[name]
                break
    return found


Row = dict[str, Any]


class MalformedTable(ValueError):
    """A table that cannot be parsed; the message is the reason shown in the report."""


def _union(rows: list[Row]) -> list[str]:
    """Every key of ``rows``, in order of first appearance (the columns pandas would give them)."""
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(row))
    return list(keys)


def _jsonl_rows(text: str) -> list[Row]:
    """One object per line; lines are separated by ``\n`` only (JSON text may hold U+2028, U+0085 and
    other characters that ``str.splitlines`` would break at), blank lines are skipped."""
    rows = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise MalformedTable(f"malformed JSON Lines: line {lineno}: {exc.msg}") from None
        if not isinstance(obj, dict):
            raise MalformedTable(f"malformed JSON Lines: line {lineno} is not an object")
        rows.append(obj)
    return rows


def _csv_frame(text: str, sep: str) -> pd.DataFrame:
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, csv_error()) as exc:
        raise MalformedTable(f"malformed CSV: {str(exc).strip()[:200]}") from None


def _parquet_frame(table: Any) -> pd.DataFrame:
    """An Arrow table as pandas does it, except that integer columns with nulls keep integers (not floats),
    so a row's values do not depend on the other rows read with it."""
    return table.to_pandas(integer_object_nulls=True)


def _parse(path: Path, data: bytes) -> tuple[list[str], list[Row], str]:
    """The whole table as ``(columns, rows, note)``; raises ``MalformedTable`` with the reason.

    Rows are dicts of the values as read: JSON values keep their JSON types (an integer id stays an integer
    even where other rows have none), CSV cells are strings, Parquet cells have the column's type.
    """
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        try:
            frame = _parquet_frame(pq.ParquetFile(io.BytesIO(data)).read(use_pandas_metadata=True))
        except Exception as exc:  # pyarrow raises several types for corrupt files
            raise MalformedTable(f"malformed Parquet: {type(exc).__name__}: {str(exc)[:200]}") from None
        return [str(c) for c in frame.columns], frame.to_dict("records"), ""
    text, note = decode(data)
    if text is None:
        raise MalformedTable(note)
    if not text.strip():
        raise MalformedTable("empty file")
    if suffix in (".csv", ".tsv"):
        frame = _csv_frame(text, "\t" if suffix == ".tsv" else ",")
        return [str(c) for c in frame.columns], frame.to_dict("records"), note
    if suffix in (".jsonl", ".ndjson"):
        rows = _jsonl_rows(text)
        return _union(rows), rows, note
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedTable(f"malformed JSON: line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if isinstance(obj, dict):
        for key in ("articles", "items", "data", "records", "results"):
            if isinstance(obj.get(key), list):
                obj = obj[key]
                break
        else:
            obj = [obj]
    if not isinstance(obj, list) or not all(isinstance(o, dict) for o in obj):
        raise MalformedTable("JSON is not a list of objects (one object per article)")
    return _union(obj), obj, note


def csv_error() -> type[Exception]:
    import csv

    return csv.Error


def _cell(row: dict[str, Any], column: str | None) -> Any:
    if column is None:
        return None
    value = row.get(column)
    if isinstance(value, float) and value != value:
        return None
    return value


def read_table(path: Path, data: bytes) -> Iterator[Record | Problem]:
    """Reader for ``.csv``/``.tsv``/``.jsonl``/``.ndjson``/``.json``/``.parquet``: one article per row."""
    try:
        columns, rows, note = _parse(path, data)
    except MalformedTable as exc:
        yield Problem(str(path), "", "failed", str(exc))
        return
    cols = map_columns(columns)
    if "text" not in cols:
        yield Problem(str(path), "", "failed", _no_text_column(columns))
        return
    if not rows:
        yield Problem(str(path), "", "skipped", "table has a header but no rows")
        return
    yield from _records(path, rows, cols, note)


def _no_text_column(columns: list[str]) -> str:
    return (
        f"no text column: expected one of {', '.join(COLUMN_NAMES['text'])}; found {', '.join(map(str, columns))[:200]}"
    )


def _records(
    path: Path, rows: Iterable[Row], cols: dict[str, str], note: str, *, first: int = 0
) -> Iterator[Record | Problem]:
    """Rows → records; ``first`` is the number of the file's rows before these (labels count from 1)."""
    for i, row in enumerate(rows, first):
        rid = _cell(row, cols.get("id"))
        record = str(rid) if rid not in (None, "") else str(i + 1)
        body = _cell(row, cols["text"])
        body = "" if body is None else str(body)
        if not body.strip():
            yield Problem(str(path), record, "skipped", f"row {i + 1}: empty text")
            continue
        body = body.replace("\r\n", "\n")
        body, boilerplate = split_boilerplate(body.strip())
        dateline = _cell(row, cols.get("dateline"))
        if dateline:
            dateline = str(dateline).strip()
        else:
            dateline, body = split_dateline(body)
        rec = Record(
            source=str(path),
            record=record,
            title=str(_cell(row, cols.get("title")) or "").strip(),
            text=body.strip(),
            dateline=dateline,
            boilerplate=boilerplate,
        )
        if note:
            rec.notes.append(note)
        for field in ("outlet", "url", "author", "language"):
            value = _cell(row, cols.get(field))
            if value not in (None, ""):
                setattr(rec, field, str(value).strip())
        raw_date = _cell(row, cols.get("published"))
        if raw_date not in (None, ""):
            ts = to_timestamp(raw_date)
            if ts is None:
                rec.notes.append(f"date {raw_date!r} in column {cols['published']!r} is not a date; ignored")
            else:
                rec.published, rec.published_source = ts, "text"
        yield rec


# Pieces of one large table: a file cut into row ranges that workers read independently.

#: Formats that ``split_table`` can cut; a JSON document (``.json``) is one value and is read whole.
SPLITTABLE = (".jsonl", ".ndjson", ".csv", ".tsv", ".parquet")


@dataclass(frozen=True)
class Piece:
    """Rows ``row + 1 … row + rows`` of a table file, as cut by ``split_table`` (not made by hand).

    JSON Lines, CSV and TSV: the bytes ``[start, end)``, beginning at the start of a line that starts a
    record (never inside a quoted CSV field); a CSV/TSV piece after the first is read after the file's
    header, its bytes ``[0, header)``. Parquet: the row groups ``[start, end)``. ``nbytes`` is the input the
    piece stands for (compressed column chunks for Parquet). ``encoding`` (``"utf-8"`` or ``"cp1252"``) and
    ``note`` say how the whole file decodes, and ``columns`` (JSON Lines) is the field → key mapping found
    over the whole file, so that a piece gives exactly what reading the whole file gives for its rows.
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

    @property
    def label(self) -> str:
        """``"rows 1001-2000"``: which rows of the file the piece holds."""
        return f"rows {self.row + 1}-{self.row + self.rows}"


class _Cuts:
    """Piece boundaries: the first record (or row group) starting at or after every ``target`` bytes of
    input, so that every piece has at least one row."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.at: list[tuple[int, int, int]] = [(0, 0, 0)]  # (position, bytes before, rows before)

    def offer(self, position: int, nbytes: int, rows: int) -> None:
        """A record (or row group) starts at ``position``, after ``nbytes`` of input and ``rows`` rows."""
        if nbytes >= self.at[-1][1] + self.target and rows > self.at[-1][2]:
            self.at.append((position, nbytes, rows))

    def pieces(self, end: int, nbytes: int, rows: int, **common: Any) -> list[Piece] | None:
        if len(self.at) < 2 or rows <= self.at[-1][2]:
            return None
        bounds = [*self.at, (end, nbytes, rows)]
        return [
            Piece(start=a[0], end=b[0], row=a[2], rows=b[2] - a[2], nbytes=b[1] - a[1], **common)
            for a, b in zip(bounds, bounds[1:], strict=False)
        ]


def split_table(path: Path, target_bytes: int) -> list[Piece] | None:
    """Cut a table file into pieces of about ``target_bytes`` of input each, in order and covering it once.

    Returns None when the file is read whole instead: it is not larger than ``target_bytes``, its format
    cannot be cut (``.json``, unknown), or reading it whole gives one file-level problem that pieces would
    repeat or miss (malformed, binary, UTF-16, no text column, no rows, a CSV quirk not followed here).

    Cost: a JSON Lines file is read once and every line parsed (about 160 MB/s), a CSV/TSV file is read
    once and its quotes followed (a few hundred MB/s), both line by line in bounded memory; a Parquet file
    only has its footer read. Reading a piece then costs its own bytes (and the CSV header) only.
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
        if suffix in (".csv", ".tsv"):
            return _split_csv(path, target_bytes, b"\t" if suffix == ".tsv" else b",")
        return _split_jsonl(path, target_bytes)
    except OSError:
        return None


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    offset = 0
    with path.open("rb") as fh:
        for line in fh:
            yield offset, line
            offset += len(line)


def _text(raw: bytes, offset: int, encoding: str) -> str:
    """Bytes of the file from ``offset`` (a line start) decoded as the whole file is (see ``decode``)."""
    if encoding == "cp1252":
        return raw.decode("cp1252", errors="replace")
    text = raw.decode("utf-8")
    return text[1:] if offset == 0 and text.startswith("\ufeff") else text


def _split_jsonl(path: Path, target: int) -> list[Piece] | None:
    encoding, note = "utf-8", ""
    while True:
        cuts, keys, rows, size = _Cuts(target), dict[str, None](), 0, 0
        try:
            for offset, raw in _lines(path):
                size = offset + len(raw)
                line = _text(raw, offset, encoding)
                if not line.strip():
                    continue
                cuts.offer(offset, offset, rows)
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    return None  # the whole-file read reports the line
                keys.update(dict.fromkeys(obj))
                rows += 1
        except UnicodeDecodeError as exc:  # the whole file decodes as cp1252: parse it so from the start
            encoding, note = "cp1252", not_utf8_note(raw[exc.start], offset + exc.start)
            continue
        except json.JSONDecodeError:
            return None
        break
    cols = map_columns(list(keys))
    if "text" not in cols:
        return None
    return cuts.pieces(size, size, rows, encoding=encoding, note=note, columns=tuple(cols.items()))


_START, _FIELD, _QUOTED = 0, 1, 2
#: Inside a quoted field: everything up to its closing quote (a doubled quote is a quote character).
_QUOTED_RUN = re.compile(rb'[^"]*(?:""[^"]*)*')


def _split_csv(path: Path, target: int, sep: bytes) -> list[Piece] | None:
    """Follow pandas' C tokenizer (default dialect: ``"`` quotes, doubled quotes, ``\\n``/``\\r\\n`` line
    ends, blank lines skipped) to find where records start; files using what is not followed here — a bare
    ``\\r``, a line starting with a space or tab, a NUL byte, a record with more fields than the header,
    an unclosed quote — are read whole."""
    special = re.compile(b"[" + re.escape(sep) + rb"\r\n]")
    quote, delim = ord('"'), sep[0]
    cuts, rows, fields, mode = _Cuts(target), 0, 0, _START
    header, header_fields, note, size = 0, 0, None, 0
    for offset, line in _lines(path):
        size = offset + len(line)
        if note is None:
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as exc:
                note = not_utf8_note(line[exc.start], offset + exc.start)
        if b"\x00" in line:
            return None
        if mode != _QUOTED:  # a record starts on this line
            if line in (b"\n", b"\r\n"):
                continue
            if line[0] in b" \t" and line[0] != delim:
                return None
            if header:
                cuts.offer(offset, offset, rows)
            fields, mode = 1, _START
        i, n = 0, len(line)
        while True:
            if mode == _QUOTED:
                i = _QUOTED_RUN.match(line, i).end()  # type: ignore[union-attr]  # always matches
                if i == n:
                    break  # the quoted field goes on on the next line
                i, mode = i + 1, _FIELD  # a single quote closes the field
                continue
            if mode == _START and i < n and line[i] == quote:
                i, mode = i + 1, _QUOTED
                continue
            m = special.search(line, i)
            if m is not None and line[m.start()] == delim:
                i, mode, fields = m.start() + 1, _START, fields + 1
                continue
            if m is not None and line[m.start()] == ord("\r") and line[m.start() + 1 : m.start() + 2] != b"\n":
                return None
            mode = _START  # the record ends with the line (or the file)
            if not header:
                header, header_fields = size, fields
            elif fields > header_fields:
                return None
            else:
                rows += 1
            break
    if mode == _QUOTED or not header:
        return None
    with path.open("rb") as fh:
        head = _text(fh.read(header), 0, "utf-8" if note is None else "cp1252")
    if "text" not in map_columns([str(c) for c in _csv_frame(head, sep.decode()).columns]):
        return None
    encoding = "utf-8" if note is None else "cp1252"
    return cuts.pieces(size, size, rows, header=header, encoding=encoding, note=note or "")


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


def read_table_piece(path: Path, piece: Piece) -> Iterator[Record | Problem]:
    """The records and problems of one ``piece`` of a table file (see ``split_table``): exactly those that
    ``read_table`` gives for the piece's rows when it reads the whole file."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            try:
                groups = range(piece.start, piece.end)
                table = pq.ParquetFile(path).read_row_groups(groups, use_pandas_metadata=True)
            except Exception as exc:  # pyarrow raises several types for corrupt files
                raise MalformedTable(f"malformed Parquet: {type(exc).__name__}: {str(exc)[:200]}") from None
            frame = _parquet_frame(table)
            rows, cols = frame.to_dict("records"), map_columns([str(c) for c in frame.columns])
        else:
            text = _piece_text(path, piece)
            if suffix in (".csv", ".tsv"):
                frame = _csv_frame(text, "\t" if suffix == ".tsv" else ",")
                rows, cols = frame.to_dict("records"), map_columns([str(c) for c in frame.columns])
            else:
                rows, cols = _jsonl_rows(text), dict(piece.columns)
        if len(rows) != piece.rows:
            raise MalformedTable(f"{len(rows)} rows where the piece had {piece.rows}")
    except (MalformedTable, UnicodeDecodeError) as exc:
        reason = f"{piece.label}: {exc}; has the file changed since it was split? load it again"
        yield Problem(str(path), "", "failed", reason[:300])
        return
    yield from _records(path, rows, cols, piece.note, first=piece.row)


def _piece_text(path: Path, piece: Piece) -> str:
    with path.open("rb") as fh:
        fh.seek(max(piece.start - 1, 0))
        raw = fh.read(piece.end - piece.start + (piece.start > 0))
        if piece.start > 0:
            if raw[:1] != b"\n":
                raise MalformedTable(f"byte {piece.start} does not start a line")
            raw = raw[1:]
        text = _text(raw, piece.start, piece.encoding)
        if piece.header and piece.start > 0:
            fh.seek(0)
            text = _text(fh.read(piece.header), 0, piece.encoding) + text
    return text
