"""The two things every reader yields: an article ``Record`` or a ``Problem`` for the ingest report; and the
helpers every reader shares to fill a record's fields from values of any type (public for that reason)."""

from __future__ import annotations

import datetime as dt
import hashlib
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd

from workbench.ingest.resources import LONE_SURROGATE

#: Values of ``articles.published_source``, from most to least trusted.
PUBLISHED_SOURCES = ("metadata", "front_matter", "text", "inferred", "none")
#: Values of ``report.status``.
STATUSES = ("loaded", "skipped", "failed", "duplicate")
#: The fields front matter and sidecar metadata may set (``apply_fields``).
FIELDS = ("published", "outlet", "url", "author", "language", "title")


@dataclass
class Record:
    """One article as read from its source, before tokenization.

    ``published_source`` is ``"text"`` when the date came from the format's own date field (a feed
    entry's date, Reuters' DATE, a table's date column, an HTML page's metadata).
    """

    source: str
    record: str = ""
    title: str = ""
    text: str = ""
    dateline: str = ""
    boilerplate: str = ""
    published: pd.Timestamp | None = None
    published_source: str = "none"
    outlet: str = ""
    url: str = ""
    author: str = ""
    language: str = ""
    notes: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Problem:
    """A source (or one record inside it) that did not become an article."""

    source: str
    record: str
    status: str  # "skipped" or "failed"
    reason: str


def content_id(title: str, text: str) -> str:
    """A stable 16-hex-digit id from an article's content: the same title and text give the same id."""
    digest = hashlib.sha1(f"{title.strip()}\n{text.strip()}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, (bool, np.bool_))


def _number_timestamp(value: Any) -> pd.Timestamp | None:
    """A number as a date: a year (1000-2200), Unix seconds (1973-2286) or Unix milliseconds; else None."""
    number = float(value)
    if number != number:  # NaN
        return None
    if number.is_integer() and 1000 <= number <= 2200:
        return pd.Timestamp(year=int(number), month=1, day=1)
    for unit, low, high in (("s", 1e8, 1e10), ("ms", 1e11, 1e13)):
        if low <= abs(number) < high:
            return pd.Timestamp(int(number), unit=unit)
    return None


def to_timestamp(value: Any) -> pd.Timestamp | None:
    """Parse a date-like value into a tz-naive Timestamp (UTC wall time for aware inputs), or None.

    A number is a year (``2025``), Unix time in seconds (``1762300800``) or in milliseconds; any other
    number, a boolean, a list or an object is not a date.

    >>> to_timestamp("2025-11-05T10:00:00+05:00"), to_timestamp(1762300800), to_timestamp(2025)
    (Timestamp('2025-11-05 05:00:00'), Timestamp('2025-11-05 00:00:00'), Timestamp('2025-01-01 00:00:00'))
    >>> to_timestamp(20251105) is None, to_timestamp(True) is None, to_timestamp([]) is None
    (True, True, True)
    """
    if value is None or isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    if _is_number(value):
        return _number_timestamp(value)
    if not isinstance(value, (str, dt.date, np.datetime64)):
        return None  # a list, an object…: no date
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        try:
            ts = pd.to_datetime(value, utc=True, format="mixed")
        except (ValueError, TypeError, OverflowError):
            return None
    if ts is pd.NaT or pd.isna(ts):
        return None
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts


def is_missing(value: Any) -> bool:
    """None, NaN or NA: a cell with no value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return type(value) is float and value != value


def field_text(value: Any) -> str | None:
    """A metadata value (title, outlet, author…) as text: strings as they are, numbers written out, a list of
    those joined with ``", "`` (``["A. Writer", "B. Writer"]``); None for what is no text (an object).

    >>> field_text(["A. Writer", "B. Writer"]), field_text(1984), field_text({"name": "x"})
    ('A. Writer, B. Writer', '1984', None)
    """
    if type(value) is str:
        return value
    if is_missing(value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)) or _is_number(value) or isinstance(value, pd.Timestamp):
        return str(value)
    if isinstance(value, (list, tuple, np.ndarray)):
        parts = [field_text(v) for v in value]
        if any(p is None for p in parts):
            return None
        return ", ".join(p for p in parts if p)
    return None


def apply_fields(rec: Record, values: Mapping[str, Any], origin: str) -> None:
    """Set known fields (``FIELDS``) on ``rec`` from a mapping (front matter or a sidecar metadata row);
    what cannot be used is noted on the record."""
    for key in FIELDS:
        value = values.get(key)
        if is_missing(value) or (isinstance(value, str) and not value.strip()):
            continue
        if key == "published":
            ts = to_timestamp(value)
            if ts is None:
                rec.notes.append(f"{origin}: published {value!r} is not a date; ignored")
                continue
            rec.published, rec.published_source = ts, origin
            continue
        text = field_text(value)
        if text is None:
            rec.notes.append(f"{origin}: {key} is a {type(value).__name__}, not text; ignored")
        elif text.strip():
            setattr(rec, key, text.strip())


#: The text fields of a ``Record`` (all of its ``str`` fields).
_TEXT_FIELDS = tuple(f.name for f in fields(Record) if f.type in ("str", str))


def clean_record(rec: Record) -> Record:
    """Replace lone surrogate code points (``"\\ud800"`` escapes in JSON: no character, and not writable as
    UTF-8) in every text field of ``rec`` with U+FFFD, noting how many; returns ``rec``."""
    replaced = 0
    for name in _TEXT_FIELDS:
        value = getattr(rec, name)
        if not value.isascii() and LONE_SURROGATE.search(value):
            fixed, n = LONE_SURROGATE.subn("\ufffd", value)
            setattr(rec, name, fixed)
            replaced += n
    if replaced:
        rec.notes = [LONE_SURROGATE.sub("\ufffd", note) for note in rec.notes]
        rec.notes.append(f"{replaced} lone surrogate code point(s) (no character) replaced with U+FFFD")
    return rec


def clean_problem(problem: Problem) -> Problem:
    """``clean_record`` for a report row: lone surrogates in its label or reason (a JSON id, a quoted value)
    become U+FFFD; returns ``problem``."""
    for name in ("source", "record", "reason"):
        value = getattr(problem, name)
        if not value.isascii():
            setattr(problem, name, LONE_SURROGATE.sub("\ufffd", value))
    return problem
