"""HTML pages: main text, title, date and author extracted with trafilatura."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from workbench.ingest.body import split_boilerplate, split_dateline
from workbench.ingest.decode import decode
from workbench.ingest.records import Problem, Record, to_timestamp

#: Fewer words than this in the extracted main text means the page holds no article.
MIN_WORDS = 8


def read_html(path: Path, data: bytes) -> Iterator[Record | Problem]:
    """Reader for ``.html``/``.htm``: one article per page; a page with no article text is skipped."""
    import trafilatura  # heavy import, only when an HTML page is read

    text, note = decode(data)
    if text is None:
        yield Problem(str(path), "", "failed", note)
        return
    if not text.strip():
        yield Problem(str(path), "", "skipped", "empty file")
        return
    try:
        doc = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura/lxml raise various errors on broken markup
        yield Problem(str(path), "", "failed", f"HTML could not be parsed: {type(exc).__name__}: {exc}"[:300])
        return
    fields: dict[str, Any] = {}
    if doc is not None:
        fields = doc.as_dict() if not isinstance(doc, dict) else doc
    body = (fields.get("text") or "").strip()
    if len(body.split()) < MIN_WORDS:
        found = f" (only {body[:40]!r})" if body else ""
        yield Problem(str(path), "", "skipped", f"HTML page has no article text{found}: navigation or empty page")
        return
    # trafilatura puts one paragraph per line; the workbench separates paragraphs by blank lines.
    paras = [line.strip() for line in body.splitlines() if line.strip()]
    title = (fields.get("title") or "").strip()
    if len(paras) > 1 and title and paras[0] in title:  # the page's <h1> repeats the title
        paras = paras[1:]
    body = "\n\n".join(paras)
    body, boilerplate = split_boilerplate(body)
    dateline, body = split_dateline(body)
    rec = Record(
        source=str(path),
        title=title,
        text=body.strip(),
        dateline=dateline,
        boilerplate=boilerplate,
        outlet=(fields.get("sitename") or "").strip(),
        url=(fields.get("url") or "").strip(),
        author=(fields.get("author") or "").strip(),
        language=(fields.get("language") or "").strip(),
    )
    if note:
        rec.notes.append(note)
    ts = to_timestamp(fields.get("date"))
    if ts is not None:
        rec.published, rec.published_source = ts, "text"
    yield rec
