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

from workbench.ingest.body import split_boilerplate, split_dateline
from workbench.ingest.decode import decode
from workbench.ingest.records import Problem, Record, apply_fields
from workbench.ingest.resources import FRONT_MATTER

MAX_HEADLINE = 300


class FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, but dates stay strings (``to_timestamp`` reads them): a date that does not exist
    (``published: 2025-02-30``) is then a note on the field, not an error losing the whole front matter."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def parse_front_matter(text: str) -> tuple[dict[str, Any], str, list[str]]:
    """Return ``(fields, rest_of_text, notes)``; malformed front matter is noted and left in the text."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text, []
    try:
        data = yaml.load(m.group(1), Loader=FrontMatterLoader)  # noqa: S506  (a safe loader)
    except RecursionError:
        return {}, text, ["front matter is nested too deeply to read; kept in the text"]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 2}" if mark is not None else ""
        return {}, text, [f"front matter is not valid YAML{where}; kept in the text"]
    if not isinstance(data, dict):
        return {}, text, ["front matter is not a mapping of fields; ignored"]
    return data, text[m.end() :], []


def parse_text_article(text: str, source: str) -> Record:
    """Turn the text of a plain-text article into a ``Record`` (body cleaned, furniture kept apart)."""
    fields, rest, notes = parse_front_matter(text)
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
