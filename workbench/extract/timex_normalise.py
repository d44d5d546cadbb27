"""Normalisers of the TIMEX3 tagger: one function per rule of ``timex_rules`` turning a match into a
TIMEX3 ``(type, value)``, resolved against the publication date and the sentence's tense (or ``None`` to
reject the match). Used by ``workbench.extract.timexes.tag``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

import pandas as pd

from workbench.extract import timex_rules as R
from workbench.extract.timex_dispatch import WordScan
from workbench.extract.timex_values import format_value, shift, valid_date

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def as_date(value: object) -> dt.date | None:
    """A publication date given as str/date/datetime/Timestamp (NaT/None → None)."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, dt.datetime):
        return None if pd.isna(value) else value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:  # what pandas reads, without its parser
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        return None
    return None if pd.isna(stamp) else stamp.date()


_TENSE_SCAN = WordScan(R.TENSE_WORDS)  # = TENSE_CUE without "'ll"
_AUX_SCAN = WordScan(R.AUX_WORDS, flags=re.IGNORECASE, sep=r"\W")  # = PARTICIPLE_AFTER without "'s"
_CLAUSE_SCAN = WordScan(R.CLAUSE_WORDS, flags=re.IGNORECASE, sep=r"\W")  # the words of CLAUSE_BREAK


class _Doc:
    """What the normalisers need: the text, the publication date, the sentence, the last day mentioned."""

    __slots__ = (
        "text",
        "dct",
        "sent",
        "span",
        "last_day",
        "last_gran",
        "last_quarter",
        "_tense",
        "strong",
        "_cue_sent",
        "_cues",
    )

    def __init__(self, text: str, dct: dt.date | None) -> None:
        self.text = text
        self.dct = dct
        self.sent = (0, len(text))
        self.span = (0, 0)
        self.last_day: dt.date | None = None
        self.last_gran: str | None = None  # granularity of last_day: day / month / year
        self.last_quarter: str | None = None
        self.strong = False  # was the tense read from an auxiliary/modal/irregular verb in the clause?
        self._cue_sent: tuple[int, int] | None = None
        self._cues: tuple[list[tuple[int, int, str, bool]], list[tuple[int, int]]] = ([], [])
        self._tense: str | None | bool = False

    @property
    def anchor(self) -> dt.date | None:
        return self.last_day or self.dct

    def _sentence_cues(self) -> tuple[list[tuple[int, int, str, bool]], list[tuple[int, int]]]:
        """Tense cues and clause breaks of the current sentence, found once per sentence."""
        if self._cue_sent != self.sent:
            s, e = self.sent
            cues = []
            text = self.text
            # where a participle would start: right after an auxiliary ("will be held", "is planned")
            aux = {m.end("gap"): m.start("aux") for m in _AUX_SCAN.finditer(text, s, e)}
            aux.update((m.end("gap"), m.start("aux")) for m in R.AUX_CLITIC.finditer(text, s, e))

            def participle(start: int) -> bool:
                return start in aux and aux[start] >= start - 24

            found = [(m.start(k), m.end(k), k) for m in _TENSE_SCAN.finditer(text, s, e) if (k := m.lastgroup)]
            ll = [(m.start(), m.end(), "ll") for m in R.TENSE_LL.finditer(text, s, e)]
            for cs, ce, kind in sorted(found + ll) if ll else found:
                if kind == "past" and participle(cs):
                    continue  # "will be held": the auxiliary is the cue
                cues.append((cs, ce, "past" if kind == "past" else "future", kind == "weakf"))
            for m in R.PAST_ED.finditer(text, s, e):  # "-ed" words: weak past cues
                end = m.end()
                if end - s >= 4 and text[end - 3].isalpha():
                    start = end - 3
                    while start > s and text[start - 1].isalpha():
                        start -= 1
                    if not participle(start):
                        cues.append((start, end, "past", True))
            breaks = [m.span() for m in R.CLAUSE_PUNCT.finditer(text, s, e)]
            breaks += [m.span() for m in R.CLAUSE_DASH.finditer(text, s, e)]
            breaks += [m.span("w") for m in _CLAUSE_SCAN.finditer(text, s, e)]
            breaks.sort()
            self._cue_sent, self._cues = self.sent, (cues, breaks)
        return self._cues

    def tense(self) -> str | None:
        """'past' / 'future' / None from the cue words around the expression.

        The nearest cue in the expression's clause decides; failing that, the nearest strong cue of the
        sentence (auxiliaries, modals, irregular pasts), then the nearest "-ed" word.
        """
        if self._tense is not False:
            return self._tense  # type: ignore[return-value]
        cues, breaks = self._sentence_cues()
        (s, e), (a, b) = self.sent, self.span
        lo, hi = s, e
        for bs, be in breaks:
            if be <= a:
                lo = be
            elif bs >= b:
                hi = bs
                break
        best: tuple[int, bool, str | None] = (10**9, False, None)
        for cs, ce, label, weak in cues:
            if a <= cs < b:
                continue
            dist = a - ce if ce <= a else (cs - b) + 1
            if not (lo <= cs and ce <= hi):
                dist += 10**6 + (10**5 if weak else 0)
            elif weak:
                dist += 10**4  # in the clause, a strong cue beats a nearer weak one
            if (dist, weak) < best[:2]:
                best = (dist, weak, label)
        self._tense, self.strong = best[2], best[0] < 10**6 and not best[1]
        return self._tense


# --- small readers -----------------------------------------------------------------------------------
_WS = re.compile(r"\s+")


def _low(s: str | None) -> str:
    return _WS.sub(" ", s or "").strip().lower()


def _month(s: str) -> int:
    return R.MONTHS[s.lower().rstrip(".")]


def _weekday(s: str) -> int:
    return R.WEEKDAYS[s.lower().rstrip(".")]


def _number(s: str | None) -> float | None:
    """'48' → 48, 'twenty-four' → 24, '5 1/2' → 5.5, 'several' → None."""
    s = _low(s).replace("-", " ")
    if not s:
        return None
    if s[0].isdigit():
        whole, _, half = s.partition(" 1/2")
        try:
            return float(whole) + (0.5 if _ or half else 0)
        except ValueError:
            return None
    if s in R.NUMBERS:
        return R.NUMBERS[s]
    parts = s.split()
    if all(p in R.NUMBERS for p in parts):
        return float(sum(R.NUMBERS[p] for p in parts))
    return None


def _unit(s: str) -> str:
    s = s.lower()
    if s.startswith("centur"):
        return "century"
    return s[:-1] if s.endswith("s") else s


def _duration(n: float | None, unit: str) -> str:
    letter, mult, is_time, _ = R.UNITS[unit]
    t = "T" if is_time else ""
    if n is None:
        return f"P{t}X{'DE' if unit == 'decade' else 'CE' if unit == 'century' else letter}"
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
        ("Q", ""): (3, "M"),
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


def _nearest(cands: Iterable[dt.date], dct: dt.date, tense: str | None, strong: bool = False) -> dt.date | None:
    """Among candidate dates, the nearest to ``dct`` unless the tense points clearly the other way."""
    cands = sorted(cands)
    if not cands:
        return None
    near = min(cands, key=lambda d: abs((d - dct).days))
    if abs((near - dct).days) <= 14 or tense is None:
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


def _year_of(month: int, day: int, doc: _Doc) -> dt.date | None:
    dct = doc.dct
    assert dct is not None
    cands = [d for y in (dct.year - 1, dct.year, dct.year + 1) if (d := valid_date(y, month, day))]
    return _nearest(cands, dct, doc.tense(), doc.strong)


def _weekday_date(wd: int, doc: _Doc, rel: str | None = None) -> dt.date:
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
    if doc.tense() == "future":
        return dct + dt.timedelta(days=fwd)
    return dct - dt.timedelta(days=back)


def _date_value(month: int, day: int, year: int | None, doc: _Doc) -> str | None:
    if year is not None:
        d = valid_date(year, month, day)
        return d.isoformat() if d else None
    if valid_date(2000, month, day) is None:  # February 30 in any year
        return None
    if doc.dct is None:
        return f"XXXX-{month:02d}-{day:02d}"
    d = _year_of(month, day, doc)
    return d.isoformat() if d else None


def _month_value(month: int, doc: _Doc, rel: str | None = None) -> str:
    dct = doc.dct
    if dct is None:
        return f"XXXX-{month:02d}"
    if rel in ("last", "past", "previous"):
        y = dct.year if month < dct.month else dct.year - 1
    elif rel in ("next", "coming"):
        y = dct.year if month > dct.month else dct.year + 1
    elif rel == "this":
        y = dct.year
    else:
        cands = [dt.date(y, month, 15) for y in (dct.year - 1, dct.year, dct.year + 1)]
        near = _nearest(cands, dct.replace(day=15), doc.tense(), doc.strong)
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


def _rel_delta(rel: str) -> int:
    return _REL_DELTA[_low(rel).removeprefix("the ")]


def _season_value(season: str, rel: str | None, year: int | None, doc: _Doc) -> str | None:
    code = R.SEASONS[season.lower()]
    if year is not None:
        return f"{year:04d}-{code}"
    if doc.dct is None:
        return f"XXXX-{code}"
    dct, start = doc.dct, R.SEASON_MONTH[code]
    started = start <= dct.month or (code == "WI" and dct.month <= 2)
    current = start <= dct.month < start + 3 or (code == "WI" and dct.month <= 2)
    delta = _rel_delta(rel) if rel and _low(rel) != "the" else None
    if delta is None:
        delta = -1 if not started and doc.tense() == "past" else 0
    if delta < 0:
        y = dct.year if started and not current else dct.year - 1
    elif delta > 0:
        y = dct.year + 1 if started else dct.year
    else:
        y = dct.year - 1 if code == "WI" and dct.month <= 2 else dct.year
    return f"{y:04d}-{code}"


def _upper_ok(m: re.Match[str]) -> bool:
    """Month and weekday names must be capitalised ("may", "march", "sun" are not dates)."""
    for name in ("mon", "wd", "smon"):
        if name in m.re.groupindex:
            g = m.group(name)
            if g and not g[0].isupper():
                return False
    return True


_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s-]*$")


def _word_before(doc: _Doc, start: int) -> str:
    m = _WORD_BEFORE.search(doc.text, max(doc.sent[0], start - 20), start)
    return m.group(1).lower() if m else ""


# --- one normaliser per rule ---------------------------------------------------------------------------
Result = tuple[str, str] | None
Normaliser = Callable[[re.Match[str], _Doc], Result]
NORMALISERS: dict[str, Normaliser] = {}


def _rule(name: str) -> Callable[[Normaliser], Normaliser]:
    def register(fn: Normaliser) -> Normaliser:
        NORMALISERS[name] = fn
        return fn

    return register


def _g(m: re.Match[str], name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def _day_of(m: re.Match[str], doc: _Doc) -> str | None:
    """The day named by ``rday``/``wd`` groups (today, tomorrow, Friday …) as a value."""
    rday = _low(_g(m, "rday"))
    wd = _g(m, "wd")
    if rday in ("today", "tonight", "tomorrow", "yesterday"):
        if doc.dct is None:
            return "XXXX-XX-XX"
        delta = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[rday]
        return (doc.dct + dt.timedelta(days=delta)).isoformat()
    if wd:
        if doc.dct is None:
            return f"XXXX-WXX-{_weekday(wd)}"
        return _weekday_date(_weekday(wd), doc).isoformat()
    return None


def _clock(m: re.Match[str]) -> str | None:
    if m.group("noon"):
        return "T00:00" if m.group("noon").lower() == "midnight" else "T12:00"
    if m.group("hour"):
        hour, ampm = int(m.group("hour")), m.group("ampm").lower()
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
        return f"T{hour:02d}:{int(m.group('minute') or 0):02d}"
    if m.group("hour24"):
        return f"T{int(m.group('hour24')):02d}:{m.group('minute24')}"
    if m.group("hhmm"):
        return f"T{m.group('hhmm')}:{m.group('mm')}"
    return None


@_rule("iso")
def _iso(m: re.Match[str], doc: _Doc) -> Result:
    d = valid_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if d is None:
        return None
    if m.group("H"):
        if int(m.group("H")) > 23 or int(m.group("M")) > 59:
            return None
        return "TIME", f"{d.isoformat()}T{m.group('H')}:{m.group('M')}"
    return "DATE", d.isoformat()


@_rule("slash")
def _slash(m: re.Match[str], doc: _Doc) -> Result:
    y = int(m.group("y"))
    if y < 100:
        y += 1900 if y >= 50 else 2000
    d = valid_date(y, int(m.group("m")), int(m.group("d")))
    return ("DATE", d.isoformat()) if d else None


@_rule("time_day")
@_rule("day_time")
def _time_day(m: re.Match[str], doc: _Doc) -> Result:
    day, clock = _day_of(m, doc), _clock(m)
    return ("TIME", f"{day}{clock}") if day and clock else None


@_rule("time")
def _time(m: re.Match[str], doc: _Doc) -> Result:
    clock = _clock(m)
    if clock is None:
        return None
    day = doc.last_day if doc.last_gran == "day" else doc.dct
    return "TIME", f"{day.isoformat() if day else 'XXXX-XX-XX'}{clock}"


@_rule("md")
@_rule("dm")
def _md(m: re.Match[str], doc: _Doc) -> Result:
    month, day = _month(m.group("mon")), int(m.group("day"))
    year = int(m.group("year")) if m.group("year") else None
    wd = m.group("wd")
    if year is None and wd and doc.dct is not None and valid_date(2000, month, day):
        wanted = _weekday(wd)  # weekday consistency picks the year
        years = [
            y
            for y in (doc.dct.year, doc.dct.year - 1, doc.dct.year + 1)
            if (d := valid_date(y, month, day)) and d.isoweekday() == wanted
        ]
        if years:
            year = years[0]
    value = _date_value(month, day, year, doc)
    return ("DATE", value) if value else None


@_rule("my")
def _my(m: re.Match[str], doc: _Doc) -> Result:
    month = _month(m.group("mon"))
    if m.group("year"):
        return "DATE", f"{int(m.group('year')):04d}-{month:02d}"
    if doc.dct is None:
        return "DATE", f"XXXX-{month:02d}"
    y = doc.dct.year + {"this": 0, "next": 1, "last": -1}[m.group("ryear").lower()]
    return "DATE", f"{y:04d}-{month:02d}"


@_rule("relday")
def _relday(m: re.Match[str], doc: _Doc) -> Result:
    if m.group("dayrel"):
        if doc.dct is None:
            return "DATE", "XXXX-XX-XX"
        delta = -2 if "before" in m.group("dayrel").lower() else 2
        return "DATE", (doc.dct + dt.timedelta(days=delta)).isoformat()
    day = _day_of(m, doc)
    pod = _low(m.group("pod"))
    if _low(m.group("rday")) == "tonight":
        return "TIME", f"{day}TNI"
    if pod:
        return "TIME", f"{day}T{R.PARTS_OF_DAY[pod]}"
    return ("DATE", day) if day else None


@_rule("podrel")
def _podrel(m: re.Match[str], doc: _Doc) -> Result:
    rel, pod = _low(m.group("prel")), R.PARTS_OF_DAY[_low(m.group("pod"))]
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


@_rule("ago")
def _ago(m: re.Match[str], doc: _Doc) -> Result:
    n = None if m.group("vague") else _number(m.group("num"))
    unit = _unit(m.group("unit"))
    sign = -1 if _low(m.group("dir")) in ("ago", "earlier", "before") else 1
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    anchor = doc.dct if _low(m.group("dir")) in ("ago", "from now", "hence") else doc.anchor
    if anchor is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    letter, mult, _, gran = R.UNITS[unit]
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


@_rule("anaph")
def _anaph(m: re.Match[str], doc: _Doc) -> Result:
    rel, unit = _low(m.group("arel")), _low(m.group("aunit"))
    anchor = doc.anchor
    if unit not in ("month", "year") and doc.last_gran != "day":
        anchor = doc.dct  # "that day" after "in 1987" is not January 1
    delta = 1 if ("next" in rel or "following" in rel) else -1 if ("previous" in rel or "preceding" in rel) else 0
    if unit in ("morning", "afternoon", "evening", "night"):
        if anchor is None:
            return "TIME", f"XXXX-XX-XXT{R.PARTS_OF_DAY[unit]}"
        return "TIME", f"{(anchor + dt.timedelta(days=delta)).isoformat()}T{R.PARTS_OF_DAY[unit]}"
    if anchor is None:
        return None
    return "DATE", format_value(shift(anchor, delta, unit), unit)


@_rule("relwd")
def _relwd(m: re.Match[str], doc: _Doc) -> Result:
    wd = _weekday(m.group("wd"))
    if doc.dct is None:
        return "DATE", f"XXXX-WXX-{wd}"
    day = _weekday_date(wd, doc, _low(m.group("rel")))
    if m.group("pod"):
        return "TIME", f"{day.isoformat()}T{R.PARTS_OF_DAY[_low(m.group('pod'))]}"
    return "DATE", day.isoformat()


@_rule("relunit")
def _relunit(m: re.Match[str], doc: _Doc) -> Result:
    rel, runit = _low(m.group("rel")), m.group("runit")
    low = runit.lower()
    if low in R.MONTHS:
        if not runit[0].isupper():
            return None
        return "DATE", _month_value(_month(runit), doc, rel.removeprefix("the "))
    if low in R.SEASONS:
        value = _season_value(low, rel, None, doc)
        return ("DATE", value) if value else None
    if low == "season":
        return None
    delta = _rel_delta(rel)
    if low in ("decade", "century") and delta < 0:
        return "DURATION", "P10Y" if low == "decade" else "P100Y"  # "the past decade"
    anchor = doc.anchor if rel.removeprefix("the ") in ("following", "same", "that") else doc.dct
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


_QORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4}


@_rule("quarter")
def _quarter(m: re.Match[str], doc: _Doc) -> Result:
    qord, unit = _low(m.group("qord")), _low(m.group("qunit"))
    half = unit == "half"
    if unit == "period" and qord not in ("year-earlier", "year-ago", "latest", "same", "previous", "prior"):
        return None
    if half and qord not in ("first", "second", "1st", "2nd", "final", "last", "latest", "current"):
        return None
    letter, size = ("H", 6) if half else ("Q", 3)
    year = int(m.group("year")) if m.group("year") else None
    year = int(m.group("pyear")) if m.group("pyear") else year
    rel = m.group("qrel") or m.group("qrel2")
    if rel and doc.dct is not None:
        year = doc.dct.year + {"this": 0, "next": 1, "last": -1}[rel.lower()]
    back = 1 if _low(m.group("qpre")) in ("year-ago", "year-earlier", "comparable", "corresponding") else 0
    if qord in _QORD and not (half and qord == "final"):
        n = _QORD[qord] if not half else min(_QORD[qord], 2)
        if year is None:
            if doc.dct is None:
                return "DATE", f"XXXX-{letter}{n}"
            year = doc.dct.year
            current = (doc.dct.month - 1) // size + 1
            if n > current and doc.tense() != "future":
                year -= 1
        return "DATE", f"{year - back:04d}-{letter}{n}"
    if doc.dct is None:
        return "DATE", f"XXXX-{letter}X"
    gran = "half" if half else "quarter"
    if half and qord in ("last", "final"):
        return "DATE", f"{year or doc.dct.year:04d}-H2"  # "the last half of 1989"
    if not half and qord == "latest" and not back:
        return "DATE", _reported_quarter(doc) or format_value(doc.dct, gran)
    if qord == "current":
        return "DATE", format_value(doc.dct, gran)
    prev = shift(doc.dct, -1, "quarter") if not half else shift(doc.dct, -6, "month")
    if qord in ("year-earlier", "year-ago") or back:
        prev = shift(prev, -1, "year")
    return "DATE", format_value(prev, gran)


def _reported_quarter(doc: _Doc) -> str | None:
    """The quarter a business story reports on: the last one mentioned, else the one before publication."""
    if doc.last_quarter:
        return doc.last_quarter
    return format_value(shift(doc.dct, -1, "quarter"), "quarter") if doc.dct else None


def _year_back(value: str) -> str:
    return f"{int(value[:4]) - 1:04d}{value[4:]}"


@_rule("yquarter")
def _yquarter(m: re.Match[str], doc: _Doc) -> Result:
    """ "this year's third quarter", "next year's first half", "the 1988 quarter", "last year's period"."""
    unit, qord = _low(m.group("yunit")), _low(m.group("yord"))
    if m.group("yyear"):
        year: int | None = int(m.group("yyear"))
    elif doc.dct is not None:
        year = doc.dct.year + {"this": 0, "next": 1, "last": -1}[_low(m.group("yrel"))]
    else:
        year = None
    letter = "H" if unit == "half" else "Q"
    if qord in _QORD:
        n = str(min(_QORD[qord], 2) if unit == "half" else _QORD[qord])
    elif unit == "half":
        return None
    else:  # "the 1988 quarter": the quarter under discussion, in that year
        reported = _reported_quarter(doc)
        n = reported[-1] if reported else "X"
    return "DATE", f"{year:04d}-{letter}{n}" if year is not None else f"XXXX-{letter}{n}"


@_rule("yearago")
def _yearago(m: re.Match[str], doc: _Doc) -> Result:
    """ "year-earlier results": the year-ago quarter in a story about a quarter, else last year."""
    if doc.last_quarter:
        return "DATE", _year_back(doc.last_quarter)
    if doc.dct is None:
        return None
    return "DATE", f"{doc.dct.year - 1:04d}"


@_rule("thequarter")
def _thequarter(m: re.Match[str], doc: _Doc) -> Result:
    if doc.dct is None:
        return "DATE", "XXXX-QX" if m.group("tq").lower() == "quarter" else "XXXX-WXX-WE"
    if m.group("tq").lower() == "quarter":  # in news: the quarter just reported
        value = _reported_quarter(doc)
        assert value is not None
        return "DATE", _year_back(value) if m.group("tqago") else value
    wd = doc.dct.isoweekday()
    if wd >= 6 or doc.tense() == "future":
        return "DATE", format_value(doc.dct, "weekend")
    return "DATE", format_value(doc.dct - dt.timedelta(days=7), "weekend")


@_rule("spelled")
def _spelled(m: re.Match[str], doc: _Doc) -> Result:
    if m.group("y2k"):
        n = _number(_low(m.group("y2k")).replace("two thousand", "").replace("and", "").strip() or "0")
        return "DATE", f"{2000 + int(n or 0):04d}"
    yy = _low(m.group("yy"))
    n = _number(yy)  # 'nineteen ninety-six': the century word is in R.NUMBERS
    return ("DATE", f"19{int(n):02d}") if n is not None else None


@_rule("qnum")
def _qnum(m: re.Match[str], doc: _Doc) -> Result:
    q = m.group("qn").upper()
    letter, n = ("H", int(q[1])) if q.startswith("H") else ("Q", int(q.strip("Q")))
    if m.group("year"):
        return "DATE", f"{m.group('year')}-{letter}{n}"
    if doc.dct is None:
        return "DATE", f"XXXX-{letter}{n}"
    return "DATE", f"{doc.dct.year:04d}-{letter}{n}"


@_rule("firstmonths")
def _firstmonths(m: re.Match[str], doc: _Doc) -> Result:
    return "DURATION", _duration(_number(m.group("num")), _unit(m.group("unit")))


@_rule("season")
def _season(m: re.Match[str], doc: _Doc) -> Result:
    rel, year = m.group("srel"), m.group("year")
    if not rel and not year and m.group(0).lower() == m.group("season").lower():
        return None  # bare "summer": too vague to resolve
    value = _season_value(m.group("season"), rel, int(year) if year else None, doc)
    return ("DATE", value) if value else None


_DECADES = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


@_rule("decade")
def _decade(m: re.Match[str], doc: _Doc) -> Result:
    if m.group("dec"):
        return "DATE", m.group("dec")[:3]
    if m.group("dec2"):
        return "DATE", "19" + m.group("dec2")[0]
    if not m.group(0).lower().startswith("the"):
        return None  # "in his forties" is an age
    return "DATE", f"19{_DECADES[m.group('decw').lower()]}"


@_rule("holiday")
def _holiday(m: re.Match[str], doc: _Doc) -> Result:
    name = _low(m.group("hol"))
    year = int(m.group("year")) if m.group("year") else None
    if name.startswith("thanksgiving"):
        if year is None:
            if doc.dct is None:
                return "DATE", "XXXX-11-XX"
            year = doc.dct.year if doc.dct.month >= 6 or doc.tense() == "future" else doc.dct.year - 1
        first = dt.date(year, 11, 1)
        return "DATE", (first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)).isoformat()
    month, day = R.HOLIDAYS[name]
    value = _date_value(month, day, year, doc)
    return ("DATE", value) if value else None


_YEAR_BAD_BEFORE = frozenset("no number nos route flight article section chapter page rule room".split())


def bare_year_ok(year: int, before: str, text: str, end: int) -> bool:
    """Whether a bare 4-digit number is a year: 1900–2099 unless a word before it rules that out ("no",
    "flight"), other years only after a word that introduces a year ("in 1492", "since 1850"), and never
    a clock time ("1000 London time", "2000 or 2100 EST")."""
    if before in _YEAR_BAD_BEFORE:
        return False
    if not 1900 <= year <= 2099 and before not in R.YEAR_CONTEXT:
        return False
    return R.CLOCK_AFTER_YEAR.match(text, end) is None


@_rule("year")
def _year(m: re.Match[str], doc: _Doc) -> Result:
    year = int(m.group("year"))
    start = m.start()
    if start and doc.text[start - 1] in "$#£€¥+-/.:":
        return None
    if m.group(0) == m.group("year") and not bare_year_ok(year, _word_before(doc, start), doc.text, m.end()):
        return None
    return "DATE", f"{year:04d}"


@_rule("wd")
def _wd(m: re.Match[str], doc: _Doc) -> Result:
    day = _day_of(m, doc)
    if day is None:
        return None
    if m.group("pod"):
        return "TIME", f"{day}T{R.PARTS_OF_DAY[_low(m.group('pod'))]}"
    return "DATE", day


_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")


@_rule("month")
def _bare_month(m: re.Match[str], doc: _Doc) -> Result:
    month_text = m.group("mon")
    before = _word_before(doc, m.start("mon"))
    prefixed = m.start("mon") > m.start()
    if not prefixed and before not in R.MONTH_CONTEXT:
        if month_text.lower() in ("may", "march", "august") or _NAME_AFTER.match(doc.text, m.end()):
            return None
        if m.start() == doc.sent[0]:
            return None
    return "DATE", _month_value(_month(month_text), doc)


@_rule("yearend")
def _yearend(m: re.Match[str], doc: _Doc) -> Result:
    """ "year-end", "the end of the year" (the year, mod END), "the end of the month"."""
    if doc.dct is None:
        return "DATE", "XXXX-XX" if _low(m.group("eunit")) == "month" else "XXXX"
    if _low(m.group("eunit")) == "month":
        return "DATE", format_value(doc.dct, "month")
    year = doc.dct.year
    if doc.dct.month <= 3 and doc.tense() == "past":
        year -= 1  # "at year-end" told in February is the one just gone
    return "DATE", f"{year:04d}"


@_rule("recent")
def _recent(m: re.Match[str], doc: _Doc) -> Result:
    if "recent" in m.group(0).lower():
        return "DATE", "PAST_REF"
    return "DURATION", _duration(None, _unit(m.group("unit")))


_RATE_BEFORE = re.compile(
    r"(?:\d|\b(?:million|billion|trillion|mln|bln|cents|cts|dlrs|dollars|hours|days|times|seats|flights|"
    r"barrels|tonnes|tons|shares|units))\s+$",
    re.IGNORECASE,
)


@_rule("dur")
def _dur(m: re.Match[str], doc: _Doc) -> Result:
    unit = _unit(m.group("unit"))
    num = _low(m.group("num"))
    if num in ("a", "an", "one") and unit in ("second", "quarter"):
        return None  # "a second round", "a quarter of the vote"
    if unit == "quarter" and doc.text.startswith(" of", m.end()):
        return None  # "three-quarters of its food"
    if (
        num in ("a", "an")
        and m.start("num") == m.start()
        and _RATE_BEFORE.search(doc.text, max(doc.sent[0], m.start() - 24), m.start())
    ):
        return None  # a rate, not a duration: "$1.76 a year", "700 seats a week", "24 hours a day"
    if m.group("old"):
        return None  # ages: "a 6-year-old boy"
    n = None if m.group("vague") else _number(m.group("num"))
    if n is not None and m.group("half"):
        n += 0.5
    return "DURATION", _duration(n, unit)


@_rule("barewk")
def _barewk(m: re.Match[str], doc: _Doc) -> Result:
    return "DURATION", _duration(None, _unit(m.group("unit")))


@_rule("set")
def _set(m: re.Match[str], doc: _Doc) -> Result:
    if m.group("setw"):
        return "SET", R.SETS[m.group("setw").lower()]
    if m.group("times"):
        return "SET", _duration(1, _unit(m.group("tunit")))
    if m.group("wd"):
        return "SET", f"XXXX-WXX-{_weekday(m.group('wd'))}"
    if m.group("spod"):
        return "SET", f"T{R.PARTS_OF_DAY[m.group('spod').lower()]}"
    if m.group("smon"):
        return "SET", f"XXXX-{_month(m.group('smon')):02d}"
    n = _number(m.group("snum")) if m.group("snum") else 1
    return "SET", _duration(n, _unit(m.group("unit")))


@_rule("ref")
def _ref(m: re.Match[str], doc: _Doc) -> Result:
    low = _low(m.group(0))
    if "coming" in low:
        return "DATE", "FUTURE_REF"
    value = R.REFS.get(low)
    return ("DATE", value) if value else None
