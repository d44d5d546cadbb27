"""The one table from file suffix to reader. A new format is a reader module (``path, bytes → records and
problems``) and a line here; nothing registers itself on import.

>>> READERS[".sgm"].name, READERS[".txt"].one_article, READERS[".jsonl"].splittable
('Reuters-21578 SGML', True, True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.ingest.feeds import read_feed
from workbench.ingest.html import read_html
from workbench.ingest.records import Problem, Record
from workbench.ingest.sgml import read_sgml
from workbench.ingest.tables import read_table
from workbench.ingest.text import read_text

#: A reader: a file's path (to name it in rows) and bytes → its records and problems, in order.
ReadFunction = Callable[[Path, bytes], Iterator[Record | Problem]]


@dataclass(frozen=True)
class Reader:
    """How one format is read: ``read`` the reader; ``one_article`` when a file is one article (the size
    limit ``read.MAX_ARTICLE_BYTES`` applies); ``splittable`` when ``pieces.split_table`` can cut a file."""

    name: str
    read: ReadFunction
    one_article: bool = False
    splittable: bool = False


TEXT = Reader("plain text", read_text, one_article=True)
HTML = Reader("HTML page", read_html, one_article=True)
FEED = Reader("RSS/Atom feed", read_feed)
SGML = Reader("Reuters-21578 SGML", read_sgml)
TABLE = Reader("table", read_table, splittable=True)
JSON_DOCUMENT = Reader("JSON document", read_table)  # one JSON value: read whole

READERS: dict[str, Reader] = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".csv": TABLE,
    ".tsv": TABLE,
    ".jsonl": TABLE,
    ".ndjson": TABLE,
    ".json": JSON_DOCUMENT,
    ".parquet": TABLE,
    ".html": HTML,
    ".htm": HTML,
    ".xml": FEED,
    ".rss": FEED,
    ".atom": FEED,
    ".sgm": SGML,
    ".sgml": SGML,
}


def reader_for(path: Path) -> Reader | None:
    """The reader of a file by its suffix (any case), or None for a format not read."""
    return READERS.get(path.suffix.lower())
