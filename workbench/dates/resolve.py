"""Helpers the TIMEX3 normalisers share: readers and calendar resolution.

Small readers of match groups (numbers in digits or words, time units, month and weekday names, the day a
group names, clock times), ISO 8601 durations (:func:`iso_duration`), the resolution of underspecified dates
against the publication date and the tense of the clause (the year of "Dec. 28", the date of "Friday", the
year of a month or season), and checks on a match (capitalised month and weekday names, the word before it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from workbench.dates import patterns as P
from workbench.dates import words as W
from workbench.dates.context import Doc
from workbench.dates.markets import DELIVERY_AFTER_RANGE
from workbench.dates.values import valid_date

_WS = re.compile(r"\s+")


def norm_words(s: str | None) -> str:
    return _WS.sub(" ", s or "").strip().lower()


def month_number(s: str) -> int:
    return W.MONTHS[s.lower().rstrip(".")]


def weekday_number(s: str) -> int:
    return W.WEEKDAYS[s.lower().rstrip(".")]


def read_number(s: str | None) -> float | None:
    """'48' → 48, 'twenty-four' → 24, '5 1/2' → 5.5, 'several' → None."""
    s = norm_words(s).replace("-", " ")
    if not s:
        return None
    if s[0].isdigit():
        whole, _, half = s.partition(" 1/2")
        try:
            return float(whole) + (0.5 if _ or half else 0)
        except ValueError:
            return None
    if s in W.NUMBERS:
        return W.NUMBERS[s]
    parts = s.split()
    if len(parts) == 2 and parts[1] == "thousand" and parts[0] in W.NUMBERS:
        return W.NUMBERS[parts[0]] * 1000  # "two thousand years"
    if all(p in W.NUMBERS for p in parts):
        return float(sum(W.NUMBERS[p] for p in parts))
    return None


def unit_name(s: str) -> str:
    s = s.lower()
    if s.startswith("centur"):
        return "century"
    return s[:-1] if s.endswith("s") else s


def iso_duration(n: float | None, unit: str) -> str:
    letter, mult, is_time, _ = W.UNITS[unit]
    t = "T" if is_time else ""
    if n is None:
        return f"P{t}X{'DE' if unit == 'decade' else 'C' if unit == 'century' else letter}"
    n *= mult
    whole = int(n)
    if n == whole:
        return f"P{t}{whole}{letter}"
    # 2 1/2 years → P2Y6M, 5 1/2 hours → PT5H30M, a minute and a half → PT1M30S
    smaller = {
        ("Y", ""): (12, "M"),
        ("M", ""): (30, "D"),
        ("W", ""): (7, "D"),
        ("D", ""): (24, "H"),
        ("H", "T"): (60, "M"),
        ("M", "T"): (60, "S"),
    }
    k, letter2 = smaller.get((letter, t), (0, ""))
    rest = (n - whole) * k
    if k and rest == int(rest):
        if letter == "D":
            return f"P{whole}DT{int(rest)}H" if whole else f"PT{int(rest)}H"
        head = f"{whole}{letter}" if whole else ""
        return f"P{t}{head}{int(rest)}{letter2}"
    return f"P{t}{n:g}{letter}"


#: News style leaves out the year of dates in the current year (AP: "use the year only if it is not the
#: current year"), so a tensed year-less date stays in the publication year unless the tense contradicts
#: that by more than this many days ("said on Dec. 28" in January is last December).
SAME_YEAR = 60


def nearest_date(cands: Iterable[dt.date], dct: dt.date, doc: Doc) -> dt.date | None:
    """Among candidate dates, the nearest to ``dct`` unless the tense of ``doc``'s expression points clearly
    the other way. The tense is read only when it can change the answer: not when the nearest date is
    within two weeks, and not when every tense gives the same date (reading it scans the sentence)."""
    cands = sorted(cands)
    if not cands:
        return None
    near = min(cands, key=lambda d: abs((d - dct).days))
    if abs((near - dct).days) <= 14:
        return near
    if all(_by_tense(cands, dct, near, tense, strong) == near for tense in _TENSES for strong in (False, True)):
        return near
    return _by_tense(cands, dct, near, doc.tense(), doc.strong)


_TENSES = ("past", "future")


def _by_tense(cands: list[dt.date], dct: dt.date, near: dt.date, tense: str | None, strong: bool) -> dt.date:
    """``nearest_date``'s choice among the sorted ``cands`` for one tense (None: no tense, the nearest)."""
    if tense is None:
        return near
    same = [d for d in cands if d.year == dct.year]
    if same:
        gap = (same[0] - dct).days
        if (tense == "past" and gap <= SAME_YEAR) or (tense == "future" and gap >= -SAME_YEAR):
            return same[0]
    if tense == "past":
        pick = [d for d in cands if d <= dct][-1:]
    else:
        pick = [d for d in cands if d >= dct][:1]
    # the tense wins only within half a year: "Dec. 15" said in November is this December
    limit = 366 if strong else 300
    return pick[0] if pick and abs((pick[0] - dct).days) <= limit else near


def year_of(month: int, day: int, doc: Doc) -> dt.date | None:
    dct = doc.dct
    assert dct is not None
    cands = [d for y in (dct.year - 1, dct.year, dct.year + 1) if (d := valid_date(y, month, day))]
    return nearest_date(cands, dct, doc)


def weekday_date(wd: int, doc: Doc, rel: str | None = None, *, past: bool = False) -> dt.date:
    dct = doc.dct
    assert dct is not None
    back = (dct.isoweekday() - wd) % 7
    fwd = (wd - dct.isoweekday()) % 7
    if rel in ("last", "past"):
        return dct - dt.timedelta(days=back or 7)
    if rel == "next":
        return dct + dt.timedelta(days=fwd or 7)
    if rel in ("this", "coming"):
        return dct + dt.timedelta(days=fwd)
    if back == 0:
        return dct
    if not past and doc.tense() == "future":
        return dct + dt.timedelta(days=fwd)
    return dct - dt.timedelta(days=back)


def date_value(month: int, day: int, year: int | None, doc: Doc) -> str | None:
    if year is not None:
        d = valid_date(year, month, day)
        return d.isoformat() if d else None
    if valid_date(2000, month, day) is None:  # February 30 in any year
        return None
    if doc.dct is None:
        return f"XXXX-{month:02d}-{day:02d}"
    d = year_of(month, day, doc)
    return d.isoformat() if d else None


def month_value(month: int, doc: Doc, rel: str | None = None) -> str:
    dct = doc.dct
    if dct is None:
        return f"XXXX-{month:02d}"
    if rel in ("last", "past", "previous"):
        y = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "coming"):
        y = dct.year if month > dct.month else dct.year + 1
    elif rel == "this":
        y = dct.year
    elif rel == "delivery":  # a delivery month: this one or the next of its name
        y = dct.year if month >= dct.month else dct.year + 1
    else:
        cands = [dt.date(y, month, 15) for y in (dct.year - 1, dct.year, dct.year + 1)]
        near = nearest_date(cands, dct.replace(day=15), doc)
        y = near.year if near else dct.year
    return f"{y:04d}-{month:02d}"


_REL_DELTA = {
    "this": 0,
    "current": 0,
    "same": 0,
    "that": 0,
    "next": 1,
    "coming": 1,
    "following": 1,
    "last": -1,
    "past": -1,
    "previous": -1,
    "latest": -1,
}


def rel_delta(rel: str) -> int:
    return _REL_DELTA[norm_words(rel).removeprefix("the ")]


def season_value(season: str, rel: str | None, year: int | None, doc: Doc) -> str | None:
    code = W.SEASONS[season.lower()]
    if year is not None:
        return f"{year:04d}-{code}"
    if doc.dct is None:
        return f"XXXX-{code}"
    dct, start = doc.dct, W.SEASON_MONTH[code]
    started = start <= dct.month or (code == "WI" and dct.month <= 2)
    current = start <= dct.month < start + 3 or (code == "WI" and dct.month <= 2)
    delta = rel_delta(rel) if rel and norm_words(rel) != "the" else None
    if delta is None:
        delta = -1 if not started and doc.tense() == "past" else 0
    if delta < 0:
        y = dct.year if started and not current else dct.year - 1
    elif delta > 0:
        y = dct.year + 1 if started else dct.year
    else:
        y = dct.year - 1 if code == "WI" and dct.month <= 2 else dct.year
    return f"{y:04d}-{code}"


def upper_ok(m: re.Match[str]) -> bool:
    """Month and weekday names must be capitalised ("may", "march", "sun" are not dates)."""
    for name in ("mon", "wd", "smon"):
        if name in m.re.groupindex:
            g = m.group(name)
            if g and not g[0].isupper():
                return False
    return True


_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s-]*$")


def word_before(doc: Doc, start: int) -> str:
    m = _WORD_BEFORE.search(doc.text, max(doc.sent[0], start - 20), start)
    return m.group(1).lower() if m else ""


def group_or_none(m: re.Match[str], name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def day_value(m: re.Match[str], doc: Doc, *, past: bool = False) -> str | None:
    """The day named by ``rday``/``wd`` groups (today, tomorrow, Friday …) as a value."""
    rday = norm_words(group_or_none(m, "rday"))
    wd = group_or_none(m, "wd")
    if rday in ("today", "tonight", "tomorrow", "yesterday"):
        if doc.dct is None:
            return "XXXX-XX-XX"
        delta = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[rday]
        return (doc.dct + dt.timedelta(days=delta)).isoformat()
    if wd:
        if doc.dct is None:
            return f"XXXX-WXX-{weekday_number(wd)}"
        return weekday_date(weekday_number(wd), doc, past=past).isoformat()
    return None


def clock_value(m: re.Match[str]) -> str | None:
    """The clock time of a match as ``THH:MM``; midnight is ``T24:00``, the end of its day (ISO 8601), since
    "midnight Friday" ends Friday (``T00:00`` would be the start of it)."""
    if m.group("noon"):
        return "T24:00" if m.group("noon").lower() == "midnight" else "T12:00"
    if m.group("hour"):
        hour, ampm = int(m.group("hour")), m.group("ampm").lower()
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
        return f"T{hour:02d}:{int(m.group('minute') or 0):02d}"
    if m.group("hour24"):
        return f"T{int(m.group('hour24')):02d}:{m.group('minute24')}"
    if m.group("hhmm"):
        return f"T{m.group('hhmm')}:{m.group('mm')}"
    return None


#: Between the two months of a range: "(July-June)", "April through July", "January/November 1986".
_RANGE_SEP = r"\s*(?:-|\u2013|/|to|through|thru|until)\s*"
_RANGE_BEFORE = re.compile(rf"(?P<mon>{P.MON_NAMES})\.?{_RANGE_SEP}(?:(?:early|late|mid)[-\s]+)?\Z")
_RANGE_AFTER = re.compile(
    rf"{_RANGE_SEP}(?:(?:early|late|mid)[-\s]+)?(?P<mon>{P.MON_NAMES})\b\.?(?:,?\s+(?P<year>(?:19|20)\d\d)\b(?![-/]\d))?"
)
#: A year or season right before a stretch of months ("1986/87 (July/June)", "the 1987 quota year (January-").
_YEAR_BEFORE_RANGE = re.compile(r"\b(?P<year>(?:19|20)\d\d)(?:/\d\d)?\s+(?:[a-z]+\s+){0,2}\(?\Z")


def range_month_value(month: int, start: int, end: int, doc: Doc) -> str | None:
    """A month at one end of a stretch of months read as a whole ("1986/87 (July/June)" is July 1986 to June
    1987, "January/November 1986"), or None if it is in none. The second month follows the first; a first month
    of a stretch wholly before or after publication is read alone (None)."""
    if doc.dct is None:
        return None
    before = _RANGE_BEFORE.search(doc.text, max(doc.sent[0], start - 24), start)
    if before:  # the second month: the year of the first, and the next one if the stretch turns the year
        first = month_number(before.group("mon"))
        year = _first_year(first, month, before.start(), end, None, doc)
        if year is None:  # the first month as it was read alone ("from July to December" told in June 1987)
            last, near = doc.last_day, before.start() - doc.last_day_at <= 24 and doc.last_gran == "month"
            year = last.year if last is not None and near and last.month == first else int(month_value(first, doc)[:4])
        return f"{year + (month < first):04d}-{month:02d}"
    after = _RANGE_AFTER.match(doc.text, end)
    if after is None:
        return None
    year = _first_year(month, month_number(after.group("mon")), start, after.end(), after.group("year"), doc)
    return f"{year:04d}-{month:02d}" if year is not None else None


def _first_year(first: int, second: int, start: int, end: int, named: str | None, doc: Doc) -> int | None:
    """The year of the first month of the stretch at ``start``-``end``: from the year named after it ("January/
    November 1986") or before it ("the 1986/87 season (October/September)"), the coming stretch for a market's
    delivery months ("for April through November shipment"), else ``_range_year``."""
    if named:
        return int(named) - (first > second)
    season = _YEAR_BEFORE_RANGE.search(doc.text, max(doc.sent[0], start - 30), start)
    if season:
        return int(season.group("year"))
    return _range_year(first, second, doc, coming=bool(DELIVERY_AFTER_RANGE.match(doc.text, end)))


def _range_year(first: int, second: int, doc: Doc, *, coming: bool = False) -> int | None:
    """The year of the first month of a stretch "first-second" that holds the publication month ("the 1987
    quota year (January-December)", "data is collected during November-June"), unless it would run on for more
    than half a year and is not told in the future tense ("imports in the January/November period were …" told in
    March 1987 is January to November 1986); of a stretch as far before publication as after ("the April/February
    period" told in March), the one the tense points to. None for a stretch wholly before or after publication:
    its months are read alone. ``coming``: a market's delivery months, the stretch that has not ended yet."""
    dct = doc.dct
    assert dct is not None
    pub = dct.year * 12 + dct.month - 1
    spans = [
        (y, y * 12 + first - 1, (y + (second < first)) * 12 + second - 1) for y in range(dct.year - 1, dct.year + 2)
    ]
    if coming:
        return next(s for s in spans if s[2] >= pub)[0]

    def gap(span: tuple[int, int, int]) -> int:
        return 0 if span[1] <= pub <= span[2] else min(abs(span[1] - pub), abs(span[2] - pub))

    best = min(spans, key=gap)
    tied = [s for s in spans if gap(s) == gap(best)]
    if len(tied) > 1:
        return tied[-1][0] if doc.tense() == "future" else tied[0][0]
    if gap(best) > 0:
        return None
    if best[2] > pub + 6 and doc.tense() != "future":
        return best[0] - 1
    return best[0]
