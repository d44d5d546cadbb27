"""Table files → rows: CSV/TSV, JSON Lines, JSON (a list of objects) and Parquet, one bad record at a time.

Line-oriented formats fail one record, not the file: a JSON Lines line that is not a JSON object, or a CSV
record with more fields than the header (or with a quote never closed), becomes a ``BadRow`` naming its line,
and the other records are read. A CSV quote left open fails the record it opens, and reading goes on at the
next line. What cannot be read at all (a JSON document that does not parse, a corrupt Parquet file, no
header) raises ``MalformedTable`` with the reason.

CSV follows Python's ``csv`` module (the ``excel`` dialect: ``"`` quotes, doubled quotes inside them, any
line end); empty lines are not records. Records are found by one scan of the quotes
(``csv_records``), used alike to read a file whole and to cut it into pieces (``ingest.pieces``).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import WorkbenchError
from workbench.ingest.decode import decode

Row = dict[str, Any]


class MalformedTable(WorkbenchError):
    """A table that cannot be parsed; the message is the reason shown in the report."""


@dataclass(frozen=True)
class BadRow:
    """A record of a table that could not be read: ``where`` it is ("line 51", "item 3") and why."""

    where: str
    reason: str


Entry = Row | BadRow


@dataclass
class Parsed:
    """A table as read: its columns (in order of first appearance), its rows and bad rows, and the note on
    how it was decoded."""

    columns: list[str]
    entries: list[Entry] = field(default_factory=list)
    note: str = ""


def union_columns(rows: Iterable[Entry]) -> list[str]:
    """Every key of the rows, in order of first appearance (the columns pandas would give them)."""
    keys: dict[str, None] = {}
    for row in rows:
        if isinstance(row, dict):
            keys.update(dict.fromkeys(row))
    return list(keys)


def lines_of(text: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` for the lines of ``text``, split at ``\\n`` only (JSON and CSV text may hold
    U+2028, U+0085 and other characters that ``str.splitlines`` would break at); lines keep their ``\\n``."""
    pos, n = 0, first_line
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl + 1
        yield n, text[pos:end]
        pos, n = end, n + 1


# JSON Lines and JSON documents.


def jsonl_entry(line: str, lineno: int) -> Entry:
    """One non-blank line of a JSON Lines file: its object, or a ``BadRow`` saying why it is none."""
    try:
        obj = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        return BadRow(f"line {lineno}", f"malformed JSON ({exc.msg}: column {exc.colno})")
    except (ValueError, RecursionError) as exc:  # integers of over 4,300 digits; nesting too deep
        return BadRow(f"line {lineno}", f"unreadable JSON ({type(exc).__name__}: {str(exc)[:80]})")
    if not isinstance(obj, dict):
        return BadRow(f"line {lineno}", f"not a JSON object (a JSON {_json_kind(obj)})")
    return obj


def _json_kind(value: Any) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(type(value), "number")


def jsonl_entries(text: str, first_line: int = 1) -> list[Entry]:
    """The rows of JSON Lines text; blank lines are no rows."""
    return [jsonl_entry(line, n) for n, line in lines_of(text, first_line) if line.strip()]


def json_entries(text: str) -> list[Entry]:
    """The rows of a JSON document: a list of objects, or an object holding one under ``articles``/``items``/
    ``data``/``records``/``results``, or one object; an item that is no object is a ``BadRow``."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedTable(f"malformed JSON: line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:
        raise MalformedTable(f"unreadable JSON: {type(exc).__name__}: {str(exc)[:120]}") from None
    if isinstance(obj, dict):
        for key in ("articles", "items", "data", "records", "results"):
            if isinstance(obj.get(key), list):
                obj = obj[key]
                break
        else:
            obj = [obj]
    if not isinstance(obj, list):
        raise MalformedTable(f"JSON is a {_json_kind(obj)}, not a list of objects (one object per article)")
    return [
        item if isinstance(item, dict) else BadRow(f"item {i}", f"not a JSON object (a JSON {_json_kind(item)})")
        for i, item in enumerate(obj, 1)
    ]


# CSV and TSV.

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # an article's text may exceed the 128 KiB default


@dataclass(frozen=True)
class CsvRecord:
    """One CSV record as found by ``csv_records``: its first line's number and byte offset (when given), its
    raw text, and whether its quotes close (an open one swallows the rest of the file)."""

    line: int
    offset: int
    raw: str
    closed: bool = True


_START, _FIELD, _QUOTED, _QUOTE_IN_QUOTED = 0, 1, 2, 3
#: Inside a quoted field: everything up to the next quote.
_QUOTED_RUN = re.compile(r'[^"]*')


def _scan(line: str, mode: int, special: re.Pattern[str], sep: str) -> int:
    """The CSV state after ``line`` (which ends with ``\\n`` or the text) from ``mode`` (Python's ``csv``
    rules in its default, non-strict form); ``_START`` means the record ended with the line."""
    i, n = 0, len(line)
    while i < n:
        if mode == _QUOTED:
            i = _QUOTED_RUN.match(line, i).end()  # type: ignore[union-attr]  # always matches
            if i < n:
                i, mode = i + 1, _QUOTE_IN_QUOTED
            continue
        c = line[i]
        if mode == _QUOTE_IN_QUOTED:
            mode = _QUOTED if c == '"' else _START if c == sep else _FIELD
            if c == "\n":
                return _START
            i += 1
            continue
        if mode == _START and c == '"':
            i, mode = i + 1, _QUOTED
            continue
        m = special.search(line, i)
        if m is None or m.group() == "\n":
            return _START
        i, mode = m.end(), _START
    return _START if mode in (_START, _FIELD, _QUOTE_IN_QUOTED) else mode


def csv_records(lines: Iterable[tuple[int, int, str]], sep: str) -> Iterator[CsvRecord]:
    """The records of CSV text given as ``(line number, byte offset, line)``; empty lines between records
    are skipped. A record whose quote never closes is yielded with ``closed=False``
    and its first line only, and the scan goes on from the line after that one."""
    special = re.compile("[" + re.escape(sep) + "\n]")
    pending: deque[tuple[int, int, str]] = deque()
    source = iter(lines)
    while True:
        item = pending.popleft() if pending else next(source, None)
        if item is None:
            return
        if item[2] in ("\n", "\r\n", ""):
            continue
        taken = [item]
        mode = _scan(item[2], _START, special, sep)
        while mode == _QUOTED:
            following = pending.popleft() if pending else next(source, None)
            if following is None:
                break
            taken.append(following)
            mode = _scan(following[2], mode, special, sep)
        if mode == _QUOTED:
            yield CsvRecord(item[0], item[1], item[2], closed=False)
            pending.extendleft(reversed(taken[1:]))
            continue
        yield CsvRecord(item[0], item[1], "".join(t[2] for t in taken))


def csv_fields(raw: str, sep: str) -> list[str]:
    """The fields of one record's raw text (``csv.Error`` when Python's ``csv`` cannot read it)."""
    text = raw[:-2] if raw.endswith("\r\n") else raw[:-1] if raw.endswith("\n") else raw
    return next(csv.reader([text], delimiter=sep), [])


def csv_header(raw: str, sep: str) -> list[str]:
    """Column names from a header record; repeated names get ``.1``, ``.2``… as pandas gives them."""
    seen: dict[str, int] = {}
    names = []
    for name in csv_fields(raw, sep):
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        seen.setdefault(name, 0)
        names.append(name)
    return names


def csv_entry(record: CsvRecord, header: list[str], sep: str) -> Entry:
    """One data record as a row of strings (fields missing at its end are absent), or a ``BadRow``."""
    where = f"line {record.line}"
    if not record.closed:
        return BadRow(where, "a quoted field opens here and never closes; read on from the next line")
    try:
        values = csv_fields(record.raw, sep)
    except csv.Error as exc:
        return BadRow(where, f"malformed CSV ({exc})")
    if len(values) > len(header) and any(v.strip() for v in values[len(header) :]):
        return BadRow(where, f"{len(values)} fields where the header has {len(header)}")
    return dict(zip(header, values, strict=False))


def csv_entries(text: str, sep: str) -> tuple[list[str], list[Entry]]:
    """The header and rows of CSV/TSV text read whole (old Mac text, with ``\\r`` line ends only, too)."""
    if "\n" not in text and "\r" in text:
        text = text.replace("\r", "\n")
    records = csv_records(((n, 0, line) for n, line in lines_of(text)), sep)
    first = next(records, None)
    if first is None or not first.closed:
        raise MalformedTable("malformed CSV: no header line" if first is None else "malformed CSV: header quote open")
    try:
        header = csv_header(first.raw, sep)
    except csv.Error as exc:
        raise MalformedTable(f"malformed CSV header: {exc}") from None
    return header, [csv_entry(record, header, sep) for record in records]


def parquet_rows(table: Any) -> tuple[list[str], list[Row]]:
    """An Arrow table's columns and rows as pandas gives them, except that integer columns with nulls keep
    integers (not floats), so a row's values do not depend on the other rows read with it."""
    frame = table.to_pandas(integer_object_nulls=True)
    return [str(c) for c in frame.columns], frame.to_dict("records")


def parse_table(path: Path, data: bytes) -> Parsed:
    """A whole table file (chosen by its suffix); raises ``MalformedTable`` with the reason.

    Rows are dicts of the values as read: JSON values keep their JSON types (an integer id stays an integer
    even where other rows have none), CSV cells are strings, Parquet cells have the column's type.
    """
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        try:
            columns, rows = parquet_rows(pq.ParquetFile(io.BytesIO(data)).read(use_pandas_metadata=True))
        except Exception as exc:  # pyarrow raises several types for corrupt files
            raise MalformedTable(f"malformed Parquet: {type(exc).__name__}: {str(exc)[:200]}") from None
        return Parsed(columns, list(rows))
    text, note = decode(data)
    if text is None:
        raise MalformedTable(note)
    if not text.strip():
        raise MalformedTable("empty file")
    if suffix in (".csv", ".tsv"):
        columns, entries = csv_entries(text, "\t" if suffix == ".tsv" else ",")
        return Parsed(columns, entries, note)
    entries = jsonl_entries(text) if suffix in (".jsonl", ".ndjson") else json_entries(text)
    return Parsed(union_columns(entries), entries, note)
