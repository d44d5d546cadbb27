"""Reuters-21578 SGML: one article per ``<REUTERS>`` element, with its gold labels kept as metadata."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pandas as pd

from workbench.ingest.decode import decode
from workbench.ingest.records import Problem, Record

_ATTR = re.compile(r'(\w+)="([^"]*)"')
_FIELD = ("DATE", "TITLE", "DATELINE", "BODY")
_LIST = ("TOPICS", "PLACES", "PEOPLE", "ORGS", "EXCHANGES", "COMPANIES")
_D = re.compile(r"<D>(.*?)</D>", re.S)
# Character references to control characters (&#2; &#3; &#31;) that Reuters' files carry.
_CONTROL_REF = re.compile(r"&#(?:[0-9]|[12][0-9]|3[01]);")
_SIGNATURE = re.compile(r"\s*\bReuter\b\s*$")
_PARA = re.compile(r"\n(?: {2,}|\t)")


def _first(name: str, text: str) -> str:
    """The content of the first ``<NAME>…</NAME>`` element of ``text`` (plain string search: fast)."""
    open_tag = f"<{name}>"
    start = text.find(open_tag)
    if start < 0:
        return ""
    start += len(open_tag)
    end = text.find(f"</{name}>", start)
    return text[start:end] if end >= 0 else ""


def _elements(text: str) -> Iterator[tuple[str, str]]:
    """``(attributes, inner text)`` of every ``<REUTERS …>…</REUTERS>`` element, by string search."""
    pos = 0
    while True:
        start = text.find("<REUTERS", pos)
        if start < 0:
            return
        head_end = text.find(">", start)
        end = text.find("</REUTERS>", head_end)
        if head_end < 0 or end < 0:
            return
        yield text[start + len("<REUTERS") : head_end], text[head_end + 1 : end]
        pos = end + len("</REUTERS>")


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    return html_lib.unescape(_CONTROL_REF.sub("", text))


def reflow(body: str) -> str:
    """Reuters' hard-wrapped body → paragraphs separated by blank lines, lines joined.

    >>> reflow("Showers continued in\\nthe zone.\\n    The dry period\\nmeans delay.")
    'Showers continued in the zone.\\n\\nThe dry period means delay.'
    """
    paras = _PARA.split(body.strip())
    return "\n\n".join(" ".join(p.split()) for p in paras if p.strip())


_MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}
_DATE = re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})")


def parse_date(raw: str) -> pd.Timestamp | None:
    """Reuters' ``26-FEB-1987 15:01:01.79`` → Timestamp (hundredths dropped; stray characters tolerated).

    >>> parse_date(" 26-FEB-1987 15:01:01.79")
    Timestamp('1987-02-26 15:01:01')
    """
    m = _DATE.search(raw)
    if not m or m.group(2).upper() not in _MONTHS:
        return None
    try:
        return pd.Timestamp(
            datetime(
                int(m.group(3)),
                _MONTHS[m.group(2).upper()],
                int(m.group(1)),
                int(m.group(4)),
                int(m.group(5)),
                int(m.group(6)),
            )
        )
    except ValueError:
        return None


def read_sgml(path: Path, data: bytes) -> Iterator[Record | Problem]:
    """Reader for ``.sgm``: a record (or a report row) for every ``<REUTERS>`` element."""
    text, note = decode(data)
    if text is None:
        yield Problem(str(path), "", "failed", note)
        return
    found = False
    for i, (head, inner) in enumerate(_elements(text)):
        found = True
        attrs = dict(_ATTR.findall(head))
        record = attrs.get("NEWID") or str(i + 1)
        fields = {k: _first(k, inner) for k in _FIELD}
        body = reflow(_unescape(fields["BODY"]))
        signature = _SIGNATURE.search(body)
        boilerplate = ""
        if signature:
            boilerplate, body = body[signature.start() :].strip(), body[: signature.start()].rstrip()
        title = " ".join(_unescape(fields["TITLE"]).split())
        if not body:
            what = "title only" if title else "no title or body"
            yield Problem(str(path), record, "skipped", f"NEWID {record}: no body text ({what})")
            continue
        dateline = " ".join(_unescape(fields["DATELINE"]).split()).rstrip(" -")
        place = dateline.split(",")[0].strip()
        lists = {}
        for key in _LIST:
            block = _first(key, inner)
            lists[key.lower()] = _D.findall(block) if "<D>" in block else []
        rec = Record(
            source=str(path),
            record=record,
            title=title,
            text=body,
            dateline=place,
            boilerplate=boilerplate,
            outlet="Reuters",
            language="en",
        )
        ts = parse_date(fields["DATE"])
        if ts is not None:
            rec.published, rec.published_source = ts, "text"
        else:
            rec.notes.append(f"DATE {fields['DATE'].strip()!r} not understood")
        rec.meta = {
            "topics_gold": lists["topics"],
            "places": lists["places"],
            "people": lists["people"],
            "orgs": lists["orgs"],
            "exchanges": lists["exchanges"],
            "companies": lists["companies"],
            "lewissplit": attrs.get("LEWISSPLIT", ""),
        }
        if note:
            rec.notes.append(note)
        yield rec
    if not found:
        yield Problem(str(path), "", "failed", "no <REUTERS> elements: not a Reuters-21578 SGML file")
