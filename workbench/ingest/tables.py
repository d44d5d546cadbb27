"""Tables of articles: CSV/TSV, JSON Lines, JSON (a list of objects) and Parquet, columns mapped by common names."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from workbench.ingest.decode import decode
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
