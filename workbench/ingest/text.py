"""Plain-text articles: YAML front matter, headline, dateline, body and trailing web boilerplate.

The layout of a ``.txt`` article: optional front matter (``---`` … ``---`` with ``published``, ``outlet``,
``url``, ``author``, ``language``, ``title``); the first non-empty line is the headline (unless it is
longer than ``MAX_HEADLINE`` characters, in which case there is no headline and the note says so); the rest
is the body. The body's first paragraph may open with a dateline, split off into ``dateline``. Trailing
web-page furniture ("LEAVE A REPLY", "Must Read", "Related" …) is cut into ``boilerplate``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from workbench.ingest.decode import decode
from workbench.ingest.records import Problem, Record, to_timestamp
from workbench.ingest.resources import BOILERPLATE_START, DATELINE, FRONT_MATTER

MAX_HEADLINE = 300
FRONT_MATTER_FIELDS = ("published", "outlet", "url", "author", "language", "title")


def split_dateline(body: str) -> tuple[str, str]:
    """Split a leading dateline off ``body``; returns ``(place, rest)``.

    >>> split_dateline("ISLAMABAD: Defence Minister Khawaja Asif said")
    ('ISLAMABAD', 'Defence Minister Khawaja Asif said')
    >>> split_dateline("KABUL, Oct 12 (Reuters) - The Taliban said")
    ('KABUL', 'The Taliban said')
    >>> split_dateline("Pakistan said on Monday")
    ('', 'Pakistan said on Monday')
    """
    lead = body.lstrip()
    m = DATELINE.match(lead)
    if not m:
        return "", body
    place = m.group("place").strip()
    if len(place.replace(" ", "")) < 2 or not any(c.isalpha() for c in place):
        return "", body
    return place.rstrip(",").strip(), lead[m.end() :]


def split_boilerplate(body: str) -> tuple[str, str]:
    """Cut trailing web furniture off ``body``; returns ``(text, boilerplate)``.

    The cut starts at the first line that is a known furniture marker ("LEAVE A REPLY", "Must Read", …),
    looking only after the first paragraph so that an article is never emptied by it.

    >>> split_boilerplate("First para.\\n\\nSecond para.\\n\\nLEAVE A REPLY\\n\\nMust Read\\n\\nTeaser")
    ('First para.\\n\\nSecond para.', 'LEAVE A REPLY\\n\\nMust Read\\n\\nTeaser')
    """
    first_break = body.find("\n")
    if first_break < 0:
        return body, ""
    pos = first_break + 1
    while pos < len(body):
        nl = body.find("\n", pos)
        line_end = len(body) if nl < 0 else nl
        line = body[pos:line_end].strip()
        if line and len(line) <= 80 and BOILERPLATE_START.match(line):
            return body[:pos].rstrip(), body[pos:].strip()
        pos = line_end + 1
    return body, ""


def parse_front_matter(text: str, source: str) -> tuple[dict[str, Any], str, list[str]]:
    """Return ``(fields, rest_of_text, notes)``; malformed front matter is noted and left in the text."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text, []
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 2}" if mark is not None else ""
        return {}, text, [f"front matter is not valid YAML{where}; kept in the text"]
    if not isinstance(data, dict):
        return {}, text, ["front matter is not a mapping of fields; ignored"]
    return data, text[m.end() :], []


def parse_text_article(text: str, source: str) -> Record:
    """Turn the text of a plain-text article into a ``Record`` (body cleaned, furniture kept apart)."""
    fields, rest, notes = parse_front_matter(text, source)
    rest = rest.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    stripped = rest.strip("\n")
    first_nl = stripped.find("\n")
    headline = (stripped if first_nl < 0 else stripped[:first_nl]).strip()
    body = "" if first_nl < 0 else stripped[first_nl + 1 :]
    if len(headline) > MAX_HEADLINE:
        notes.append(f"first line is {len(headline):,} characters long; read as body, not as a headline")
        headline, body = "", stripped
    body, boilerplate = split_boilerplate(body.strip())
    place, body = split_dateline(body)
    rec = Record(source=source, title=headline, text=body.strip(), dateline=place, boilerplate=boilerplate)
    rec.notes.extend(notes)
    apply_fields(rec, fields, "front_matter")
    return rec


def apply_fields(rec: Record, fields: dict[str, Any], origin: str) -> None:
    """Set known fields on ``rec`` from a mapping (front matter or sidecar metadata row)."""
    for key in FRONT_MATTER_FIELDS:
        value = fields.get(key)
        if value is None or (isinstance(value, float) and value != value) or str(value).strip() == "":
            continue
        if key == "published":
            ts = to_timestamp(value)
            if ts is None:
                rec.notes.append(f"{origin}: published {value!r} is not a date; ignored")
                continue
            rec.published, rec.published_source = ts, origin
        else:
            setattr(rec, key, str(value).strip())


def read_text(path: Path, data: bytes) -> Iterator[Record | Problem]:
    """Reader for ``.txt`` files: one article per file."""
    text, note = decode(data)
    if text is None:
        yield Problem(str(path), "", "failed", note)
        return
    rec = parse_text_article(text, str(path))
    if note:
        rec.notes.append(note)
    if not rec.text.strip():
        reason = "no body text" + (f" (headline only: {rec.title[:60]!r})" if rec.title else " (empty file)")
        yield Problem(str(path), "", "skipped", reason)
        return
    yield rec
