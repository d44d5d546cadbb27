"""Tables of articles: CSV/TSV, JSON Lines, JSON (a list of objects) and Parquet, columns mapped by common names.

One article per row. A row that cannot be read (``table_rows``: a malformed JSON Lines line, a CSV record
with too many fields or a quote never closed) is a ``failed`` report row naming the file and line; the other
rows load. A text value that is not a string (JSON and Parquet keep their values' types):

- a list of strings (``["First paragraph.", "Second."]``, as scrapers often write) is joined as paragraphs
  (separated by a blank line), and the report row notes it;
- a number, a boolean, an object, or a list holding anything but strings fails the row ("text is a number
  (42), not text"): loading ``"42"`` or ``"{'a': 1}"`` as an article would only hide a wrong column.

Other fields take numbers as written and lists joined with ``", "`` (``"authors": ["A", "B"]`` → ``"A, B"``);
an object there is ignored with a note. A number in the date column is a year or Unix time (``to_timestamp``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from workbench.ingest.body import split_boilerplate, split_dateline
from workbench.ingest.decode import decode
from workbench.ingest.records import Problem, Record, field_text, is_missing, to_timestamp
from workbench.ingest.table_rows import BadRow, Entry, MalformedTable, Row, parse_table

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
#: Fields set from a column as text (``records.field_text``).
TEXT_FIELDS = ("outlet", "url", "author", "language")


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


def no_text_column(columns: list[str]) -> str:
    """The reason given for a table with no column of text."""
    found = ", ".join(map(str, columns))[:200] or "none"
    return f"no text column: expected one of {', '.join(COLUMN_NAMES['text'])}; found {found}"


def _kind(value: Any) -> str:
    if isinstance(value, (bool, np.bool_)):
        return f"a boolean ({value})"
    if isinstance(value, dict):
        return f"an object (keys: {', '.join(map(str, list(value)[:5]))})"[:80]
    if isinstance(value, (list, tuple, np.ndarray)):
        return "a list"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return f"a number ({value!r})"[:60]
    return f"a {type(value).__name__}"


def text_value(value: Any) -> tuple[str | None, str]:
    """A text cell as ``(text, note)``; ``(None, reason)`` when the value is no text (see the module's rules).

    >>> text_value(["First paragraph.", " Second. "])
    ('First paragraph.\\n\\nSecond.', 'text given as a list of 2 strings; joined as paragraphs')
    >>> text_value(42)
    (None, 'text is a number (42), not text')
    """
    if is_missing(value):
        return "", ""
    if isinstance(value, str):
        return value, ""
    if isinstance(value, bytes):
        text, note = decode(value)
        return (text, note) if text is not None else (None, f"text is bytes that are no text ({note})")
    if isinstance(value, (list, tuple, np.ndarray)):
        items = [v for v in value if not is_missing(v)]
        odd = next((v for v in items if not isinstance(v, str)), None)
        if odd is not None:
            return None, f"text is a list holding {_kind(odd)}, not strings"
        parts = [v.strip() for v in items if v.strip()]
        note = f"text given as a list of {len(items)} strings; joined as paragraphs" if parts else ""
        return "\n\n".join(parts), note
    return None, f"text is {_kind(value)}, not text"


def _cell(row: Row, column: str | None) -> Any:
    if column is None:
        return None
    value = row.get(column)
    return value if type(value) is str or not is_missing(value) else None


def table_record(source: str, label: str, number: int, row: Row, cols: dict[str, str], note: str) -> Record | Problem:
    """Row ``number`` (from 1) → its record, or the report row saying why it is none; ``label`` names it."""
    body, text_note = text_value(_cell(row, cols["text"]))
    if body is None:
        reason = f"row {number}: {text_note}; check which column holds the text"
        return Problem(source, label, "failed", reason)
    if not body.strip():
        return Problem(source, label, "skipped", f"row {number}: empty text")
    body, boilerplate = split_boilerplate(body.replace("\r\n", "\n").strip())
    dateline = field_text(_cell(row, cols.get("dateline"))) or ""
    if dateline.strip():
        dateline = dateline.strip()
    else:
        dateline, body = split_dateline(body)
    title = field_text(_cell(row, cols.get("title")))
    rec = Record(source=source, record=label, title=(title or "").strip(), text=body.strip(), dateline=dateline)
    rec.boilerplate = boilerplate
    if note:
        rec.notes.append(note)
    if text_note:
        rec.notes.append(text_note)
    if title is None:
        rec.notes.append(f"title in column {cols['title']!r} is not text; ignored")
    for field in TEXT_FIELDS:
        value = _cell(row, cols.get(field))
        text = field_text(value)
        if text is None:
            rec.notes.append(f"{field} in column {cols[field]!r} is {_kind(value)}, not text; ignored")
        elif text.strip():
            setattr(rec, field, text.strip())
    raw_date = _cell(row, cols.get("published"))
    if raw_date is not None and not (isinstance(raw_date, str) and not raw_date.strip()):
        ts = to_timestamp(raw_date)
        if ts is None:
            rec.notes.append(f"date {raw_date!r} in column {cols['published']!r} is not a date; ignored"[:300])
        else:
            rec.published, rec.published_source = ts, "text"
    return rec


def table_records(
    path: Path, entries: Iterable[Entry], cols: dict[str, str], note: str, *, first: int = 0
) -> Iterator[Record | Problem]:
    """Rows → records and problems; ``first`` is the number of the file's rows before these (a row without
    an id is labelled by its number, counted from 1 over the whole file)."""
    source = str(path)
    for i, entry in enumerate(entries, first + 1):
        if isinstance(entry, BadRow):
            yield Problem(source, str(i), "failed", f"{path.name} {entry.where}: {entry.reason}"[:300])
            continue
        rid = field_text(_cell(entry, cols.get("id")))
        yield table_record(source, rid if rid else str(i), i, entry, cols, note)


#: Formats of which a file with no readable record is one report row (``all_bad``).
JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")


def all_bad(path: Path, entries: list[Entry]) -> Problem | None:
    """One row for a JSON (Lines) file of which no record could be read (not JSON Lines at all, say), rather
    than one row per line; None when some record reads."""
    if not entries or any(not isinstance(e, BadRow) for e in entries):
        return None
    first = entries[0]
    assert isinstance(first, BadRow)
    reason = f"no record could be read ({len(entries)} bad); the first, {first.where}: {first.reason}"
    return Problem(str(path), "", "failed", reason[:300])


def read_table(path: Path, data: bytes) -> Iterator[Record | Problem]:
    """Reader for ``.csv``/``.tsv``/``.jsonl``/``.ndjson``/``.json``/``.parquet``: one article per row.

    A row that cannot be read fails alone, with the file and line in its reason; the rest loads. A text given
    as a list of strings is joined as paragraphs (with a note); a text that is a number, boolean, object or a
    list of anything else fails its row (see the module's docstring for the other fields).
    """
    try:
        parsed = parse_table(path, data)
    except MalformedTable as exc:
        yield Problem(str(path), "", "failed", str(exc))
        return
    whole = all_bad(path, parsed.entries) if path.suffix.lower() in JSON_SUFFIXES else None
    if whole is not None:
        yield whole
        return
    cols = map_columns(parsed.columns)
    if "text" not in cols:
        yield Problem(str(path), "", "failed", no_text_column(parsed.columns))
        return
    if not parsed.entries:
        yield Problem(str(path), "", "skipped", "table has a header but no rows")
        return
    yield from table_records(path, parsed.entries, cols, parsed.note)
