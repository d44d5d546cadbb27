"""The two things every reader yields: an article ``Record`` or a ``Problem`` for the ingest report."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

#: Values of ``articles.published_source``, from most to least trusted.
PUBLISHED_SOURCES = ("metadata", "front_matter", "text", "inferred", "none")
#: Values of ``report.status``.
STATUSES = ("loaded", "skipped", "failed", "duplicate")


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


def to_timestamp(value: Any) -> pd.Timestamp | None:
    """Parse a date-like value into a tz-naive Timestamp (UTC wall time for aware inputs), or None."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, str) and not value.strip():
        return None
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
