"""TIMEX3 normalisers of durations, sets and vague references.

Durations ("48 hours", "two and a half years", "the first nine months") but not rates ("$1.76 a year"),
ages ("a 6-year-old") or fractions ("a quarter of the vote"); sets ("every Friday", "twice a week");
vague references ("recently", "in recent weeks", "the coming days" → ``PAST_REF``/``FUTURE_REF``). Each
function is registered in ``NORMALISERS`` (``workbench.dates.context``) under its rule name.
"""

from __future__ import annotations

import re

from workbench.dates import rules as R
from workbench.dates.context import Result, _Doc, _rule
from workbench.dates.resolve import _duration, _low, _month, _number, _unit, _weekday


@_rule("firstmonths")
def _firstmonths(m: re.Match[str], doc: _Doc) -> Result:
    return "DURATION", _duration(_number(m.group("num")), _unit(m.group("unit")))


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
