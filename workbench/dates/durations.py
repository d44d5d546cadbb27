"""TIMEX3 normalisers of durations, sets and vague references.

Durations ("48 hours", "two and a half years", "the first nine months") but not rates ("$1.76 a year"),
ages ("a 6-year-old") or fractions ("a quarter of the vote"); sets ("every Friday", "twice a week");
vague references ("recently", "in recent weeks", "the coming days" → ``PAST_REF``/``FUTURE_REF``). Each
function is registered in ``NORMALISERS`` (``workbench.dates.context``) under its rule name.
"""

from __future__ import annotations

import re

from workbench.dates import words as W
from workbench.dates.context import Doc, Normaliser, Result
from workbench.dates.days import clock_on_day
from workbench.dates.resolve import (
    iso_duration,
    month_number,
    norm_words,
    read_number,
    unit_name,
    weekday_number,
    word_before,
)


def _firstmonths(m: re.Match[str], doc: Doc) -> Result:
    return "DURATION", iso_duration(read_number(m.group("num")), unit_name(m.group("unit")))


def _recent(m: re.Match[str], doc: Doc) -> Result:
    if "recent" in m.group(0).lower():
        return "DATE", "PAST_REF"
    return "DURATION", iso_duration(None, unit_name(m.group("unit")))


_RATE_BEFORE = re.compile(
    r"(?:\d%?|%|\bpercent|\b(?:pct|per\s+cent|million|billion|trillion|mln|bln|cents|cts|dlrs|dollars|hours|days|"
    r"times|seats|flights|barrels|tonnes|tons|shares|units))\s+$",
    re.IGNORECASE,
)
#: A count: a number ("150", "60-kilo", "3.3") or a number word of the wire ("mln", "billion").
_COUNT = re.compile(r"\d|(?:mln|bln|million|billion|trillion|thousand|hundred|dozen)$", re.IGNORECASE)
_YEAR_NUMBER = re.compile(r"(?:19|20)\d\d$")
_WORD = re.compile(r"[a-z][a-z-]*$")
#: After "a year" that follows a counted noun: a date a year back ("86 cts a share a year before the merger") or
#: a stretch of time ("a week of active trading", "2,000 workers a month's holiday"), not a rate.
_NOT_RATE_AFTER = re.compile(r"\s+(?:before|after|earlier|later|ago|of)\b|'s\b", re.IGNORECASE)


def _counted_noun_before(doc: Doc, start: int) -> bool:
    """A rate after a counted noun: "150 cars a day", "30,000 tonnes of ore a month", "10 mln bushels a week".

    The word right before "a" is a noun (not a preposition, verb or pronoun: "for a year", "took a year"), and a
    count is at most four words before it with no verb or conjunction between ("will be", "and").
    """
    words = doc.text[max(doc.sent[0], start - 60) : start].split()
    if not words or not _WORD.match(words[-1]) or words[-1] in W.NOT_RATE_NOUN or words[-1].endswith(("ed", "ing")):
        return False
    for word in reversed(words[-6:-1]):
        if _COUNT.match(word):
            return not _YEAR_NUMBER.match(word)
        low = word.lower()
        if (low in W.NOT_RATE_NOUN and low not in W.RATE_LINKS) or not word[-1].isalnum():
            return False  # a verb, conjunction or clause break between: "3,500 will be laid off a week"
    return False


def _dur(m: re.Match[str], doc: Doc) -> Result:
    unit = unit_name(m.group("unit"))
    num = norm_words(m.group("num"))
    if num in ("a", "an", "one") and unit in ("second", "quarter"):
        return None  # "a second round", "a quarter of the vote"
    if unit == "quarter" and doc.text.startswith(" of", m.end()):
        return None  # "three-quarters of its food"
    if (
        num in ("a", "an")
        and m.start("num") == m.start()
        and (
            _RATE_BEFORE.search(doc.text, max(doc.sent[0], m.start() - 24), m.start())
            or (_counted_noun_before(doc, m.start()) and not _NOT_RATE_AFTER.match(doc.text, m.end()))
        )
    ):
        return None  # a rate, not a duration: "$1.76 a year", "five pct a year", "150 cars a day"
    if m.group("old"):
        return None  # ages: "a 6-year-old boy"
    if num == "one" and unit == "day" and word_before(doc, m.start()) in _MODAL:
        return "DATE", "FUTURE_REF"  # "Islam will one day be …": some day to come, not 24 hours
    n = None if m.group("vague") else read_number(m.group("num"))
    if n is not None and m.group("half"):
        n += 0.5
    return "DURATION", iso_duration(n, unit)


_MODAL = frozenset("will would could can may might shall should must to".split())


def _wdset(m: re.Match[str], doc: Doc) -> Result:
    """ "on Sundays", "Tuesday nights": the weekday (and part of day) every week."""
    pod = m.group("pods")
    return "SET", f"XXXX-WXX-{weekday_number(m.group('wd'))}" + (f"T{W.PARTS_OF_DAY[pod.lower()]}" if pod else "")


def _clockdur(m: re.Match[str], doc: Doc) -> Result:
    """ "3:07:35" (a race time): hours, minutes and seconds."""
    h, mi, se = int(m.group("ch")), int(m.group("cm")), int(m.group("cs"))
    parts = "".join(f"{n}{letter}" for n, letter in ((h, "H"), (mi, "M"), (se, "S")) if n)
    return "DURATION", f"PT{parts or '0S'}"


_CLOCK_NUMBER = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")


def _numrange(m: re.Match[str], doc: Doc) -> Result:
    """The first number of a range of durations: "12" in "between 12 and 18 months" is ``P12M``."""
    if _CLOCK_NUMBER.fullmatch(m.group("num")) and unit_name(m.group("unit")) == "hour":
        return "TIME", clock_on_day(f"T{m.group('num')[:2]}:{m.group('num')[2:]}", doc)  # "between 0700 and 0730 hours"
    n = read_number(m.group("num"))
    return ("DURATION", iso_duration(n, unit_name(m.group("unit")))) if n is not None else None


#: Words before a bare plural unit that make it no stretch of time of its own ("the days", "on days when").
_NOT_BARE_AFTER = frozenset(
    """the these those this that his her their its our my your on of matter early final last first past next
    coming recent few many several some other two all hundred hundreds thousand thousands dozen dozens
    million watt kilowatt megawatt gigawatt terawatt""".split()  # "2,558 billion kilowatt hours": energy
)


#: A plain number right before (not a grouped one: "40,000 hours" stays the vague ``PTXH`` of "hours").
_PLAIN_NUMBER_BEFORE = re.compile(r"(?<![\d,.])\d+[ \t]+$")


def _barewk(m: re.Match[str], doc: Doc) -> Result:
    """A vague number of units: "for years", "waited minutes, then days" (``PXY``, ``PTXM``, ``PXD``)."""
    if word_before(doc, m.start()) in _NOT_BARE_AFTER:
        return None  # "the days", "on days when"
    if _PLAIN_NUMBER_BEFORE.search(doc.text, max(0, m.start() - 8), m.start()):
        return None  # "at 1900 hours" (a clock), "the first two 1987 months", "3,000/13 days"
    if m.group("unit")[0].isupper() and m.start() > doc.sent[0] + 2:
        return None  # "CBS's 60 Minutes": a title
    return "DURATION", iso_duration(None, unit_name(m.group("unit")))


def _set(m: re.Match[str], doc: Doc) -> Result:
    if m.group("setw"):
        word = m.group("setw").lower()
        if word in _PAPERS and (
            (word == "daily" and _NAME_AFTER.match(doc.text, m.end()))
            or _REPORTED_AFTER.match(doc.text, m.end())
            or (m.group(0)[0].isupper() and m.start() > doc.sent[0] and _NAME_BEFORE.search(doc.text, 0, m.start()))
        ):
            return None  # a newspaper: "the Communist Party daily Granma", "the China Daily said", "the daily said"
        if word_before(doc, m.start()) == "average" or (
            word == "hourly" and _PAID_BY_THE_HOUR.match(doc.text, m.end())
        ):
            return None  # "average daily volume", "hourly workers", "hourly earnings": measures, not recurrences
        if word == "annually" and _RATE_BEFORE.search(doc.text, max(doc.sent[0], m.start() - 24), m.start()):
            return None  # a rate: "rise 20% annually", "10,000 units annually"
        return "SET", W.SETS[word]
    if m.group("times"):
        return "SET", iso_duration(1, unit_name(m.group("tunit")))
    if m.group("wd"):
        return "SET", f"XXXX-WXX-{weekday_number(m.group('wd'))}"
    if m.group("spod"):
        return "SET", f"T{W.PARTS_OF_DAY[m.group('spod').lower()]}"
    if m.group("sseason"):
        return "SET", "P3M"  # "each season": TimeML has no season unit; a season is three months
    if m.group("smon"):
        return "SET", f"XXXX-{month_number(m.group('smon')):02d}"
    n = read_number(m.group("snum")) if m.group("snum") else 1
    return "SET", iso_duration(n, unit_name(m.group("unit")))


_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
#: After "hourly": people paid by the hour or their pay ("850 hourly workers", "hourly and salaried employees").
_PAID_BY_THE_HOUR = re.compile(
    r"\s+(?:and\s+salaried\s+)?(?:workers|employees|staff|personnel|compensation|wages?|earnings|pay)\b", re.IGNORECASE
)
_PAPERS = frozenset({"daily", "weekly", "monthly"})
#: After a newspaper's name: what it said ("the China Daily said", "the daily quoted him", "Daily has reported").
_REPORTED_AFTER = re.compile(
    r"(?:\s+(?:has|had|on\s+\w+)\s+|\s+)(?:said|says|reported|reports|quoted|quotes|quoting|wrote|writes|"
    r"added|carried|published|editorial|overseas\s+edition)\b|'s\b",
    re.IGNORECASE,
)
#: A capitalised name word right before ("People's Daily", "China Daily", "Handelsblatt daily").
_NAME_BEFORE = re.compile(r"[A-Z][\w'’]*[ \t]+$")  # on the same line
_DISCOURSE_NOW = re.compile(r"now,", re.IGNORECASE)


def _ref(m: re.Match[str], doc: Doc) -> Result:
    low = norm_words(m.group(0))
    if "coming" in low or low.startswith("future "):
        return "DATE", "FUTURE_REF"
    if m.group("awhile"):
        return "DURATION", "PXX"  # "for a while": a stretch of time of no stated unit
    if m.group("ahead"):  # "the weeks ahead": a vague stretch of time
        return "DURATION", iso_duration(None, m.group("ahead").lower())
    start = m.start()
    if low == "now" and start == doc.sent[0] and _DISCOURSE_NOW.match(doc.text, start):
        return None  # "Now, he says, …": a discourse marker
    if low == "soon" and doc.tense() == "past":
        return None  # "he was soon released": soon after a past event, not the future
    value = W.REFS.get(low)
    return ("DATE", value) if value else None


#: This module's normalisers by rule name (``workbench.dates.tagger`` joins the registries).
NORMALISERS: dict[str, Normaliser] = {
    "barewk": _barewk,
    "clockdur": _clockdur,
    "numrange": _numrange,
    "dur": _dur,
    "firstmonths": _firstmonths,
    "recent": _recent,
    "ref": _ref,
    "set": _set,
    "wdset": _wdset,
}
