"""RSS and Atom feeds: one article per entry, read with feedparser."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from pathlib import Path

from workbench.ingest.body import split_dateline
from workbench.ingest.records import Problem, Record, to_timestamp

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote)\b[^>]*>", re.I)


def html_to_text(markup: str) -> str:
    """Plain text of an entry's HTML summary/content: block tags become paragraph breaks.

    >>> html_to_text("<p>One &amp; two.</p><p>Three</p>")
    'One & two.\\n\\nThree'
    """
    text = _BLOCK.sub("\n\n", markup)
    text = html_lib.unescape(_TAG.sub("", text))
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


def read_feed(path: Path, data: bytes) -> Iterator[Record | Problem]:
    """Reader for ``.xml``/``.rss``/``.atom``: one record per entry; a file that is no feed fails."""
    import feedparser

    if not data.strip():
        yield Problem(str(path), "", "skipped", "empty file")
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = parsed.get("bozo_exception")
        detail = f": {type(why).__name__}: {why}" if why else ""
        kind = "malformed XML" if parsed.get("bozo") else "XML file"
        yield Problem(str(path), "", "failed", f"{kind} with no feed entries{detail}"[:300])
        return
    outlet = parsed.feed.get("title", "") if hasattr(parsed, "feed") else ""
    bozo = ""
    if parsed.get("bozo"):
        bozo = f"malformed XML, entries recovered by feedparser ({parsed.get('bozo_exception')})"[:200]
    for i, entry in enumerate(parsed.entries):
        record = str(entry.get("id") or entry.get("link") or i + 1)
        content = ""
        if entry.get("content"):
            content = max((c.get("value", "") for c in entry.content), key=len)
        if len(entry.get("summary", "")) > len(content):
            content = entry.get("summary", "")
        body = html_to_text(content)
        if not body:
            reason = f"entry {i + 1} has no text (title only)" + (f"; {bozo}" if bozo else "")
            yield Problem(str(path), record, "skipped", reason)
            continue
        dateline, body = split_dateline(body)
        rec = Record(
            source=str(path),
            record=record,
            title=html_to_text(entry.get("title", "")),
            text=body,
            dateline=dateline,
            outlet=outlet,
            url=entry.get("link", ""),
            author=entry.get("author", ""),
            language=entry.get("language", "") or parsed.feed.get("language", ""),
        )
        if bozo:
            rec.notes.append(bozo)
        raw = entry.get("published") or entry.get("updated")
        ts = to_timestamp(raw)
        if ts is None and entry.get("published_parsed"):
            ts = to_timestamp(
                f"{entry.published_parsed.tm_year}-{entry.published_parsed.tm_mon}-{entry.published_parsed.tm_mday}"
            )
        if ts is not None:
            rec.published, rec.published_source = ts, "text"
        yield rec
