"""Reuters-21578 SGML: one article per ``<REUTERS>`` element, with its gold labels kept as metadata."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Element:
    """One ``<REUTERS …>`` element: its attributes text, its inner text and, for an element cut off (no
    ``</REUTERS>`` before the next ``<REUTERS`` or the end of the file), where it was cut."""

    head: str
    inner: str
    cut: str = ""


def elements(text: str) -> Iterator[Element]:
    """Every ``<REUTERS …>`` element of ``text``, by string search. An element ends at its ``</REUTERS>``, or,
    when it is cut off, where the next element or the file begins: a cut element never takes in the next one.

    >>> [(e.head.strip(), e.cut) for e in elements('<REUTERS NEWID="1"><BODY>a</BODY></REUTERS>'
    ...                                             '<REUTERS NEWID="2"><BODY>b<REUTERS NEWID="3"')]
    [('NEWID="1"', ''), ('NEWID="2"', 'before the next <REUTERS>'), ('NEWID="3"', 'inside its opening tag')]
    """
    pos = text.find("<REUTERS")
    while pos >= 0:
        following = text.find("<REUTERS", pos + len("<REUTERS"))
        limit = len(text) if following < 0 else following
        head_end = text.find(">", pos, limit)
        if head_end < 0:
            yield Element(text[pos + len("<REUTERS") : limit], "", "inside its opening tag")
        else:
            end = text.find("</REUTERS>", head_end, limit)
            head = text[pos + len("<REUTERS") : head_end]
            if end >= 0:
                yield Element(head, text[head_end + 1 : end])
            else:
                where = "before the next <REUTERS>" if following >= 0 else "at the end of the file"
                yield Element(head, text[head_end + 1 : limit], where)
        pos = following


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


def _cut_problem(source: str, record: str, element: Element) -> Problem | None:
    """The report row of an element cut off where its text is incomplete; None when it can be loaded."""
    inner = element.inner
    if element.cut == "inside its opening tag":
        where = "inside its opening tag"
    elif "<BODY>" in inner and "</BODY>" not in inner:
        where = f"{element.cut}, inside its BODY"
    elif "<BODY>" not in inner and "</TEXT>" not in inner:
        where = f"{element.cut}, before its BODY"
    else:
        return None
    reason = f"NEWID {record}: record cut off {where} (no </REUTERS>); not loaded: its text would be incomplete"
    return Problem(source, record, "failed", reason)


def signature_match(body: str) -> re.Match[str] | None:
    """``_SIGNATURE.search(body)`` (the closing "Reuter" and the space before it), looking at the end only.

    A match ends the text, so it is the last word "Reuter" with the whitespace run before it: the search
    starts where that run does (searching the whole body tries the pattern at every position of it).

    >>> signature_match("Talks ended.\\n\\n Reuter\\n").span(), signature_match("Reuters said so.")
    ((12, 22), None)
    """
    tail = body.rstrip()
    if not tail.endswith("Reuter"):
        return None
    return _SIGNATURE.search(body, len(tail[: -len("Reuter")].rstrip()))


def _record(source: str, record: str, element: Element, attrs: dict[str, str]) -> Record | Problem:
    """One whole element (or one cut off after its text) as a record, or the row saying why it is none."""
    inner = element.inner
    fields = {k: _first(k, inner) for k in _FIELD}
    body = reflow(_unescape(fields["BODY"]))
    signature = signature_match(body)
    boilerplate = ""
    if signature:
        boilerplate, body = body[signature.start() :].strip(), body[: signature.start()].rstrip()
    title = " ".join(_unescape(fields["TITLE"]).split())
    cut = f"; record cut off {element.cut} (no </REUTERS>)" if element.cut else ""
    if not body:
        what = "title only" if title else "no title or body"
        return Problem(source, record, "skipped", f"NEWID {record}: no body text ({what}){cut}")
    dateline = " ".join(_unescape(fields["DATELINE"]).split()).rstrip(" -")
    rec = Record(
        source=source,
        record=record,
        title=title,
        text=body,
        dateline=dateline.split(",")[0].strip(),
        boilerplate=boilerplate,
        outlet="Reuters",
        language="en",
    )
    ts = parse_date(fields["DATE"])
    if ts is not None:
        rec.published, rec.published_source = ts, "text"
    else:
        rec.notes.append(f"DATE {fields['DATE'].strip()!r} not understood")
    lists = {}
    for key in _LIST:
        block = _first(key, inner)
        lists[key.lower()] = _D.findall(block) if "<D>" in block else []
    rec.meta = {
        "topics_gold": lists["topics"],
        "places": lists["places"],
        "people": lists["people"],
        "orgs": lists["orgs"],
        "exchanges": lists["exchanges"],
        "companies": lists["companies"],
        "lewissplit": attrs.get("LEWISSPLIT", ""),
    }
    if cut:
        rec.notes.append(f"record cut off {element.cut} after its text (no </REUTERS>); loaded")
    return rec


def read_sgml(path: Path, data: bytes) -> Iterator[Record | Problem]:
    """Reader for ``.sgm``: a record (or a report row) for every ``<REUTERS>`` element.

    An element cut off (no ``</REUTERS>`` before the next ``<REUTERS`` or the end of the file) never takes in
    the next one. Cut inside its opening tag, inside its BODY, or before its BODY began, it is ``failed``
    (its text would be incomplete); cut after its text, it is loaded with a note saying so.
    """
    text, note = decode(data)
    if text is None:
        yield Problem(str(path), "", "failed", note)
        return
    found = False
    for i, element in enumerate(elements(text)):
        found = True
        attrs = dict(_ATTR.findall(element.head))
        record = attrs.get("NEWID") or str(i + 1)
        cut = _cut_problem(str(path), record, element) if element.cut else None
        item = cut if cut is not None else _record(str(path), record, element, attrs)
        if note and isinstance(item, Record):
            item.notes.append(note)
        yield item
    if not found:
        yield Problem(str(path), "", "failed", "no <REUTERS> elements: not a Reuters-21578 SGML file")
