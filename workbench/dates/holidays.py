"""TIMEX3 normalisers of holidays and the n-th weekday of a month.

Fixed holidays ("Christmas Day", "New Year's Eve 1986"), movable ones ("Easter", "Good Friday",
"Thanksgiving", "Labor Day") and "the first Sunday in April", "the last Thursday of November 1986".
Each function is registered in ``NORMALISERS`` under its rule name (``workbench.dates.tagger`` joins the
registries).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dateutil.easter import easter

from workbench.dates import words as W
from workbench.dates.context import Doc, Normaliser, Result
from workbench.dates.resolve import date_value, month_number, month_value, nearest_date, norm_words, weekday_number
from workbench.dates.values import format_value


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` (Monday = 0) of a month; ``n = -1``: the last one."""
    if n < 0:
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


#: Movable holidays: the day in a given year, and the value without a publication date. Easter from
#: ``dateutil.easter`` (Western Easter); Thanksgiving, Memorial Day and Labor Day are the U.S. ones.
_MOVABLE: dict[str, tuple[Callable[[int], dt.date], str]] = {
    "easter": (easter, "XXXX-XX-XX"),
    "easter sunday": (easter, "XXXX-XX-XX"),
    "easter monday": (lambda y: easter(y) + dt.timedelta(days=1), "XXXX-XX-XX"),
    "good friday": (lambda y: easter(y) - dt.timedelta(days=2), "XXXX-XX-XX"),
    "thanksgiving": (lambda y: nth_weekday(y, 11, 3, 4), "XXXX-11-XX"),
    "thanksgiving day": (lambda y: nth_weekday(y, 11, 3, 4), "XXXX-11-XX"),
    "memorial day": (lambda y: nth_weekday(y, 5, 0, -1), "XXXX-05-XX"),
    "labor day": (lambda y: nth_weekday(y, 9, 0, 1), "XXXX-09-XX"),
}


def _movable(name: str, year: int | None, doc: Doc) -> str | None:
    """A movable holiday's day: in ``year``, else in the year that puts it nearest to publication (the
    tense decides when that is more than two weeks away, as for a year-less date). "Easter week" is the ISO
    week of Easter Sunday."""
    week = name.endswith(" week")
    when, unknown = _MOVABLE["easter" if week else name]
    if year is not None:
        day = when(year)
    elif doc.dct is None:
        return "XXXX-WXX" if week else unknown
    else:
        years = [y for y in (doc.dct.year - 1, doc.dct.year, doc.dct.year + 1) if dt.MINYEAR <= y <= dt.MAXYEAR]
        found = nearest_date((when(y) for y in years), doc.dct, doc)
        if found is None:
            return None
        day = found
    return format_value(day, "week") if week else day.isoformat()


def _holiday(m: re.Match[str], doc: Doc) -> Result:
    name = norm_words(m.group("hol"))
    year = int(m.group("year")) if m.group("year") else None
    if name.startswith("easter") or name in _MOVABLE:
        value = _movable(name, year, doc)
        return ("DATE", value) if value else None
    month, day = W.HOLIDAYS[name]
    value = date_value(month, day, year, doc)
    return ("DATE", value) if value else None


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}


def _nthwd(m: re.Match[str], doc: Doc) -> Result:
    """ "the first Sunday in April": that day of the month, in the year named or read as for a bare month."""
    month, weekday = month_number(m.group("mon")), weekday_number(m.group("wd")) - 1
    if m.group("year"):
        year = int(m.group("year"))
    elif doc.dct is None:
        return "DATE", f"XXXX-{month:02d}-XX"
    else:
        year = int(month_value(month, doc)[:4])
    return "DATE", nth_weekday(year, month, weekday, _NTH[m.group("nth").lower()]).isoformat()


#: This module's normalisers by rule name.
NORMALISERS: dict[str, Normaliser] = {
    "holiday": _holiday,
    "nthwd": _nthwd,
}
