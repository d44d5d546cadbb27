"""TIMEX3 normalisers of dates, days and clock times.

Calendar dates ("2025-10-25", "10/25/25", "October 25", "Oct. 2025"), days and times
("tomorrow morning", "Friday", "Wednesday at 3 p.m."), and expressions counted from the publication date or
the last date mentioned ("three days ago", "a year earlier", "the next day", "next Friday", "last month").
Each function is registered in ``NORMALISERS`` (``workbench.dates.context``) under its rule name.
"""

from __future__ import annotations

import datetime as dt
import re

from workbench.dates import patterns as P
from workbench.dates import words as W
from workbench.dates.context import Doc, Normaliser, Result
from workbench.dates.resolve import (
    clock_value,
    date_value,
    day_value,
    group_or_none,
    iso_duration,
    month_number,
    month_value,
    norm_words,
    read_number,
    rel_delta,
    season_value,
    unit_name,
    weekday_date,
    weekday_number,
)
from workbench.dates.values import format_value, shift, valid_date


def _iso(m: re.Match[str], doc: Doc) -> Result:
    d = valid_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if d is None:
        return None
    if m.group("H"):
        if int(m.group("H")) > 23 or int(m.group("M")) > 59:
            return None
        return "TIME", f"{d.isoformat()}T{m.group('H')}:{m.group('M')}"
    return "DATE", d.isoformat()


def _slash(m: re.Match[str], doc: Doc) -> Result:
    y = int(m.group("y"))
    if y < 100:
        y += 1900 if y >= 50 else 2000
    d = valid_date(y, int(m.group("m")), int(m.group("d")))
    return ("DATE", d.isoformat()) if d else None


def _time_day(m: re.Match[str], doc: Doc) -> Result:
    day, clock = day_value(m, doc), clock_value(m)
    return ("TIME", f"{day}{clock}") if day and clock else None


def _time(m: re.Match[str], doc: Doc) -> Result:
    clock = clock_value(m)
    return ("TIME", clock_on_day(clock, doc)) if clock else None


def clock_on_day(clock: str, doc: Doc) -> str:
    """A clock time ("T15:00") on the day named just before, else on the publication day."""
    near = doc.last_gran == "day" and doc.span[0] - doc.last_day_at <= _CLOCK_REACH
    day = doc.last_day if near else doc.dct
    return f"{day.isoformat() if day else 'XXXX-XX-XX'}{clock}"


#: How far back (characters) the day a bare clock time is on may have been named ("on Friday … at 3 p.m."):
#: a day named further back belongs to another story ("the 11 months ended February 28" … "at midday").
_CLOCK_REACH = 400


def _time_md(m: re.Match[str], doc: Doc) -> Result:
    """ "5 p.m. EST Nov. 9": the clock time on that day."""
    day, clock = _md(m, doc), clock_value(m)
    return ("TIME", f"{day[1]}{clock}") if day and clock else None


def _weekof(m: re.Match[str], doc: Doc) -> Result:
    """ "the week of March 6": the ISO week of that day."""
    day = _md(m, doc)
    if day is None or day[1].startswith("X"):
        return day
    return "DATE", format_value(dt.date.fromisoformat(day[1]), "week")


def _theday(m: re.Match[str], doc: Doc) -> Result:
    """ "later in the day", "for the week": the day or week of publication."""
    unit = m.group("tdunit").lower()
    if doc.dct is None:
        return "DATE", "XXXX-XX-XX" if unit == "day" else "XXXX-WXX"
    return "DATE", format_value(doc.dct, unit)


#: After a year-less date, the year it is in ("launched on January 8 this year", "on June 30 last year").
_REL_YEAR_AFTER = re.compile(r",?\s+(this|last|next)\s+year\b", re.IGNORECASE)


def _md(m: re.Match[str], doc: Doc) -> Result:
    month = month_number(m.group("mon"))
    day = int(m.group("day")) if m.group("day") else int(W.NUMBERS[m.group("dayw").lower()])
    year = int(m.group("year")) if m.group("year") else None
    if year is None and doc.dct is not None and (rel := _REL_YEAR_AFTER.match(doc.text, m.end())):
        year = doc.dct.year + W.REL_YEAR[rel.group(1).lower()]  # "January 8 this year"
    wd = group_or_none(m, "wd")
    if year is None and wd and doc.dct is not None and valid_date(2000, month, day):
        wanted = weekday_number(wd)  # weekday consistency picks the year
        years = [
            y
            for y in (doc.dct.year, doc.dct.year - 1, doc.dct.year + 1)
            if (d := valid_date(y, month, day)) and d.isoweekday() == wanted
        ]
        if years:
            year = years[0]
    value = date_value(month, day, year, doc)
    return ("DATE", value) if value else None


def _my(m: re.Match[str], doc: Doc) -> Result:
    month = month_number(m.group("mon"))
    if m.group("year"):
        return "DATE", f"{int(m.group('year')):04d}-{month:02d}"
    if doc.dct is None:
        return "DATE", f"XXXX-{month:02d}"
    y = doc.dct.year + W.REL_YEAR[m.group("ryear").lower()]
    return "DATE", f"{y:04d}-{month:02d}"


#: "today's" before words for people or the world in general: the present, not the day of publication.
_GENERIC_TODAY = re.compile(
    r"['\u2019]s\s+(?:\w+\s+)?(?:world|youth|society|generation|children|kids|young|teenagers|students|women|men|"
    r"families|parents|workers|consumers|voters|americans|europeans|standards|technology|computers|economy|"
    r"culture|politics|media)\b",
    re.IGNORECASE,
)


def _relday(m: re.Match[str], doc: Doc) -> Result:
    if m.group("dayrel"):
        if doc.dct is None:
            return "DATE", "XXXX-XX-XX"
        delta = -2 if "before" in m.group("dayrel").lower() else 2
        return "DATE", (doc.dct + dt.timedelta(days=delta)).isoformat()
    if m.group(0).lower() == "today" and _GENERIC_TODAY.match(doc.text, m.end()):
        return "DATE", "PRESENT_REF"  # "today's youth": the present in general, not the day (TimeML)
    day = day_value(m, doc)
    pod = norm_words(m.group("pod"))
    if norm_words(m.group("rday")) == "tonight":
        return "TIME", f"{day}TNI"
    if pod:
        return "TIME", f"{day}T{W.PARTS_OF_DAY[pod]}"
    return ("DATE", day) if day else None


def _podrel(m: re.Match[str], doc: Doc) -> Result:
    rel, pod = norm_words(m.group("prel")), W.PARTS_OF_DAY[norm_words(m.group("pod"))]
    if doc.dct is None:
        return "TIME", f"XXXX-XX-XXT{pod}"
    delta = -1 if rel in ("last", "yesterday") else 1 if rel == "tomorrow" else 0
    if rel == "last" and pod != "NI":
        delta = -1
    return "TIME", f"{(doc.dct + dt.timedelta(days=delta)).isoformat()}T{pod}"


_GRAN = {
    "day": "day",
    "night": "day",
    "week": "week",
    "weekend": "week",
    "fortnight": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "decade",
    "century": "century",
    "hour": "day",
    "minute": "day",
    "second": "day",
}


def _ago(m: re.Match[str], doc: Doc) -> Result:
    n = None if m.group("vague") else read_number(m.group("num"))
    unit = unit_name(m.group("unit"))
    direction = norm_words(m.group("dir"))
    if direction == "before":
        direction = "earlier"  # "up from 127.6 mln dlrs a year before." reads as "a year earlier"
    sign = -1 if direction in ("ago", "earlier") else 1
    if n is None:
        if direction in ("earlier", "later"):
            return "DURATION", iso_duration(None, unit)  # "a few days later"
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    return _shifted(n, unit, direction, sign, doc)


def _unitago(m: re.Match[str], doc: Doc) -> Result:
    """ "week ago" without its article (the wire's tables): one unit before the publication date."""
    return _shifted(1.0, unit_name(m.group("unit")), "ago", -1, doc)


def _shifted(n: float, unit: str, direction: str, sign: int, doc: Doc) -> Result:
    """The value of ``n`` units ``direction`` ("ago", "earlier", "from now"…; ``sign`` -1 before, 1 after)."""
    if direction in ("from now", "hence") or (direction in ("earlier", "later") and unit != "year"):
        # TimeML: "eight years from now", "a month earlier", "three days later" measure a stretch of time
        return "DURATION", iso_duration(n, unit)
    anchor = doc.dct if direction in ("ago", "from now", "hence") else doc.anchor
    if anchor is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    letter, mult, _, gran = W.UNITS[unit]
    amount = round(n * mult)
    if unit == "year" and amount == 1 and doc.last_quarter and sign < 0:
        # "net fell from $2 a share a year earlier": the quarter under discussion, a year before
        y, q = doc.last_quarter.split("-")
        return "DATE", f"{int(y) - 1:04d}-{q}"
    if unit in ("hour", "minute", "second"):
        return "DATE", anchor.isoformat()
    base = {"fortnight": "week", "weekend": "week", "night": "day"}.get(unit, unit)
    base = "year" if unit in ("decade", "century") else base
    target = shift(anchor, sign * amount, base)
    return "DATE", format_value(target, _GRAN[unit])


def _anaph(m: re.Match[str], doc: Doc) -> Result:
    rel, unit = norm_words(m.group("arel")), norm_words(m.group("aunit"))
    anchor = doc.anchor
    if unit not in ("month", "year") and doc.last_gran != "day":
        anchor = doc.dct  # "that day" after "in 1987" is not January 1
    delta = 1 if ("next" in rel or "following" in rel) else -1 if ("previous" in rel or "preceding" in rel) else 0
    if unit in ("morning", "afternoon", "evening", "night"):
        if anchor is None:
            return "TIME", f"XXXX-XX-XXT{W.PARTS_OF_DAY[unit]}"
        return "TIME", f"{(anchor + dt.timedelta(days=delta)).isoformat()}T{W.PARTS_OF_DAY[unit]}"
    if anchor is None:
        return None
    after = P.YEAR_AFTER.match(doc.text, m.end()) if delta == 0 and "same" in rel else None
    if after:  # "the same month last year", "the same day of 1986": that month or day in the year named
        if after.group("year"):
            years = int(after.group("year")) - anchor.year
        elif doc.dct is not None and "last" in after.group(0).lower():
            years = doc.dct.year - 1 - anchor.year  # "last year" counts from publication, not from the anchor
        else:
            years = -1  # "a year earlier"
        anchor = shift(anchor, years, "year")
    return "DATE", format_value(shift(anchor, delta, unit), unit)


def _relwd(m: re.Match[str], doc: Doc) -> Result:
    wd = weekday_number(m.group("wd"))
    if doc.dct is None:
        return "DATE", f"XXXX-WXX-{wd}"
    day = weekday_date(wd, doc, norm_words(m.group("rel")))
    if m.group("pod"):
        return "TIME", f"{day.isoformat()}T{W.PARTS_OF_DAY[norm_words(m.group('pod'))]}"
    return "DATE", day.isoformat()


_QUARTER = re.compile(r"\d{4}-Q[1-4]")


def _relunit(m: re.Match[str], doc: Doc) -> Result:
    rel, runit = norm_words(m.group("rel")), m.group("runit")
    low = runit.lower()
    if m.start() > doc.sent[0] + 1 and m.group(0).istitle() and " " in m.group(0):
        return None  # "ABC's "This Week" program": a title in mid-sentence
    if low in W.MONTHS:
        if not runit[0].isupper():
            return None
        return "DATE", month_value(month_number(runit), doc, rel.removeprefix("the "))
    if low in W.SEASONS:
        value = season_value(low, rel, None, doc)
        return ("DATE", value) if value else None
    if low == "season":
        return None
    delta = rel_delta(rel)
    if low in ("decade", "century") and delta != 0:
        return "DURATION", "P10Y" if low == "decade" else "P100Y"  # "the past decade", "the next century"
    anaphoric = rel.removeprefix("the ") in ("following", "same", "that")
    if low == "quarter" and anaphoric and doc.last_quarter and _QUARTER.fullmatch(doc.last_quarter):
        # "the same quarter", "that quarter", "the following quarter": the quarter under discussion
        index = int(doc.last_quarter[:4]) * 4 + int(doc.last_quarter[-1]) - 1 + delta
        year, quarter = index // 4, index % 4 + 1
        after = P.YEAR_AFTER.match(doc.text, m.end())
        if after and delta == 0:  # "the same quarter of 1985", "the same quarter last year"
            year = int(after.group("year")) if after.group("year") else year - 1
        return "DATE", f"{year:04d}-Q{quarter}"
    anchor = doc.anchor if anaphoric else doc.dct
    if anchor is None:
        return "DATE", {
            "week": "XXXX-WXX",
            "weekend": "XXXX-WXX-WE",
            "month": "XXXX-XX",
            "quarter": "XXXX-QX",
            "decade": "XXX",
            "century": "XX",
        }.get(low, "XXXX")
    if low == "weekend":
        return "DATE", format_value(shift(anchor, delta, "week"), "weekend")
    return "DATE", format_value(shift(anchor, delta, low), low)


def _wd(m: re.Match[str], doc: Doc) -> Result:
    possessive = doc.text.startswith(("'s", "\u2019s"), m.end())
    day = day_value(m, doc, past=possessive)  # "Friday's ruling" is one that has been made
    if day is None:
        return None
    if m.group("pod"):
        return "TIME", f"{day}T{W.PARTS_OF_DAY[norm_words(m.group('pod'))]}"
    return "DATE", day


def _podday(m: re.Match[str], doc: Doc) -> Result:
    """ "mid-afternoon yesterday", "late evening Friday": the part of that day."""
    day = day_value(m, doc)
    return ("TIME", f"{day}T{W.PARTS_OF_DAY[norm_words(m.group('pod'))]}") if day else None


#: This module's normalisers by rule name (``workbench.dates.tagger`` joins the registries).
NORMALISERS: dict[str, Normaliser] = {
    "ago": _ago,
    "unitago": _unitago,
    "anaph": _anaph,
    "day_time": _time_day,
    "dm": _md,
    "iso": _iso,
    "md": _md,
    "weekof": _weekof,
    "theday": _theday,
    "time_md": _time_md,
    "my": _my,
    "podday": _podday,
    "podrel": _podrel,
    "relday": _relday,
    "relunit": _relunit,
    "relwd": _relwd,
    "slash": _slash,
    "time": _time,
    "time_day": _time_day,
    "wd": _wd,
}
