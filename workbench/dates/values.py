"""Calendar arithmetic for TIMEX3 values: building them from dates and reading them back.

``value_date`` turns a TimeML value into the start of the period it refers to and its granularity, which is
what ``corpus.timexes`` stores in ``date`` and ``granularity``:

>>> value_date("2025-W46")
(datetime.datetime(2025, 11, 10, 0, 0), 'week')
>>> value_date("2025-11-06TMO")
(datetime.datetime(2025, 11, 6, 0, 0), 'day')
>>> value_date("2025-10-31T24:00")  # midnight Friday: the end of that day
(datetime.datetime(2025, 11, 1, 0, 0), 'minute')
>>> value_date("XXXX-10-25")
(None, None)
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

from workbench.dates.words import SEASON_MONTH

_VALUE = re.compile(
    r"^(?:(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d)(?:T(?:(?P<H>\d\d)(?::(?P<M>\d\d))?|(?P<pod>MO|AF|EV|NI|DT)))?)?"
    r"|W(?P<w>\d\d?)(?P<we>-WE)?|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?"
    r"|(?P<dec>\d{3})|(?P<cen>\d\d))$"
)


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (February 30, month 13)."""
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1 <= year <= 9999):
        return None
    if day > calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) shifted by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def shift(day: dt.date, amount: int, unit: str) -> dt.date:
    """``day`` moved by ``amount`` units (day/week/month/quarter/year/decade/century), clamping the day."""
    if unit == "day":
        return day + dt.timedelta(days=amount)
    if unit == "week":
        return day + dt.timedelta(weeks=amount)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(unit)
    if months is None:
        return day
    y, m = add_months(day.year, day.month, amount * months)
    return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def format_value(day: dt.date, granularity: str) -> str:
    """The TIMEX3 value of the period of ``granularity`` that contains ``day``.

    >>> format_value(dt.date(2025, 11, 12), "week"), format_value(dt.date(2025, 11, 12), "quarter")
    ('2025-W46', '2025-Q4')
    """
    if granularity == "day":
        return day.isoformat()
    if granularity == "week":
        iso = day.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if granularity == "weekend":
        iso = day.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}-WE"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "half":
        return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


@functools.lru_cache(maxsize=8192)
def value_date(value: str) -> tuple[dt.datetime | None, str | None]:
    """Start of the period a TIMEX3 value refers to, and its granularity; ``(None, None)`` if unresolved.
    Cached: news repeats its dates, and the tagger and the table both read them."""
    m = _VALUE.match(value or "")
    if m is None:
        return None, None
    g = m.groupdict()
    if g["dec"]:
        return dt.datetime(int(g["dec"]) * 10 or 1, 1, 1), "decade"
    if g["cen"]:
        return dt.datetime(int(g["cen"]) * 100 or 1, 1, 1), "century"
    year = int(g["y"])
    if g["w"]:
        week = int(g["w"])
        try:
            monday = dt.date.fromisocalendar(year, week, 6 if g["we"] else 1)
        except ValueError:
            return None, None
        return dt.datetime.combine(monday, dt.time()), "weekend" if g["we"] else "week"
    if g["q"]:
        return dt.datetime(year, (int(g["q"]) - 1) * 3 + 1, 1), "quarter"
    if g["h"]:
        return dt.datetime(year, (int(g["h"]) - 1) * 6 + 1, 1), "half"
    if g["s"]:
        return dt.datetime(year, SEASON_MONTH[g["s"]], 1), "season"
    if not g["m"]:
        return dt.datetime(year, 1, 1), "year"
    if not g["d"]:
        month = int(g["m"])
        return (dt.datetime(year, month, 1), "month") if 1 <= month <= 12 else (None, None)
    day = valid_date(year, int(g["m"]), int(g["d"]))
    if day is None:
        return None, None
    if g["H"]:
        hour, minute = int(g["H"]), int(g["M"] or 0)
        if hour == 24 and minute == 0 and day < dt.date.max:  # ISO 8601's end of the day ("midnight Friday")
            return dt.datetime.combine(day + dt.timedelta(days=1), dt.time()), "minute" if g["M"] else "hour"
        if hour > 23 or minute > 59:
            return None, None
        return dt.datetime.combine(day, dt.time(hour, minute)), "minute" if g["M"] else "hour"
    return dt.datetime.combine(day, dt.time()), "day"
