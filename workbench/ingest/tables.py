"""Tables of articles: CSV/TSV, JSON Lines, JSON (a list of objects) and Parquet, columns mapped by common names."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
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


def _frame(path: Path, data: bytes) -> tuple[pd.DataFrame | None, str]:
    """Parse the table; returns ``(frame, note)`` or ``(None, reason)``."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            return pd.read_parquet(io.BytesIO(data)), ""
        except Exception as exc:  # pyarrow raises several types for corrupt files
            return None, f"malformed Parquet: {type(exc).__name__}: {str(exc)[:200]}"
    text, note = decode(data)
    if text is None:
        return None, note
    if not text.strip():
        return None, "empty file"
    try:
        if suffix in (".csv", ".tsv"):
            sep = "\t" if suffix == ".tsv" else ","
            return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False), note
        if suffix in (".jsonl", ".ndjson"):
            rows = []
            for lineno, line in enumerate(text.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    return None, f"malformed JSON Lines: line {lineno}: {exc.msg}"
                if not isinstance(obj, dict):
                    return None, f"malformed JSON Lines: line {lineno} is not an object"
                rows.append(obj)
            return pd.DataFrame(rows), note
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"malformed JSON: line {exc.lineno} column {exc.colno}: {exc.msg}"
    except (pd.errors.ParserError, csv_error()) as exc:
        return None, f"malformed CSV: {str(exc).strip()[:200]}"
    if isinstance(obj, dict):
        for key in ("articles", "items", "data", "records", "results"):
            if isinstance(obj.get(key), list):
                obj = obj[key]
                break
        else:
            obj = [obj]
    if not isinstance(obj, list) or not all(isinstance(o, dict) for o in obj):
        return None, "JSON is not a list of objects (one object per article)"
    return pd.DataFrame(obj), note


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
    frame, note = _frame(path, data)
    if frame is None:
        yield Problem(str(path), "", "failed", note)
        return
    cols = map_columns([str(c) for c in frame.columns])
    if "text" not in cols:
        yield Problem(
            str(path),
            "",
            "failed",
            f"no text column: expected one of {', '.join(COLUMN_NAMES['text'])}; "
            f"found {', '.join(map(str, frame.columns))[:200]}",
        )
        return
    if frame.empty:
        yield Problem(str(path), "", "skipped", "table has a header but no rows")
        return
    for i, row in enumerate(frame.to_dict("records")):
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
