"""TIMEX3 normalisers of periods longer than a day: months, quarters and halves, seasons, years, decades.

Business news dates by the quarter ("the third quarter", "Q3 1988", "this year's first half", "year-earlier
results" → the quarter under discussion a year before); bare years and months are accepted only where they
read as dates ("in 1492", not "flight 1492"; "in May", not "May said"). Each function is registered in
``NORMALISERS`` (``workbench.dates.context``) under its rule name.
"""

from __future__ import annotations

import datetime as dt
import re

from workbench.dates import markets as M
from workbench.dates import patterns as P
from workbench.dates import resolve as R
from workbench.dates import words as W
from workbench.dates.context import Doc, Normaliser, Result
from workbench.dates.resolve import (
    date_value,
    month_number,
    month_value,
    norm_words,
    read_number,
    season_value,
    word_before,
)
from workbench.dates.values import format_value, shift

_QORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4}


def _quarter(m: re.Match[str], doc: Doc) -> Result:
    qord, unit = norm_words(m.group("qord")), norm_words(m.group("qunit"))
    half = unit == "half"
    if unit == "period" and qord not in ("year-earlier", "year-ago", "latest", "same", "previous", "prior"):
        return None
    if unit == "period" and doc.last_months is not None and qord != "latest":
        return "DURATION", doc.last_months  # "the first nine months … the year-earlier period": nine months
    if half and qord not in ("first", "second", "1st", "2nd", "final", "last", "latest", "current"):
        return None
    letter, size = ("H", 6) if half else ("Q", 3)
    year = int(m.group("year")) if m.group("year") else None
    year = int(m.group("pyear")) if m.group("pyear") else year
    rel = m.group("qrel") or m.group("qrel2")
    if rel and doc.dct is not None:
        year = doc.dct.year + W.REL_YEAR[rel.lower()]
    back = 1 if norm_words(m.group("qpre")) in ("year-ago", "year-earlier", "comparable", "corresponding") else 0
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
    if not half and qord == "same" and (reported := _reported_quarter(doc)):
        # "the same period of 1984", "the same quarter of 1985": the quarter under discussion, in that year
        # (tried for "the year-earlier period" as well: TimeBank's value F1 fell, the last quarter named is
        # not always the one reported)
        after = P.YEAR_AFTER.match(doc.text, m.end()) if year is None else None
        if after is not None and after.group("year"):  # "in 1986" ("last year", "a year ago" are tagged)
            year = int(after.group("year"))
        same = f"{year:04d}{reported[4:]}" if year is not None else reported
        return "DATE", _year_back(same) if back else same
    prev = shift(doc.dct, -1, "quarter") if not half else shift(doc.dct, -6, "month")
    if qord in ("year-earlier", "year-ago") or back:
        prev = shift(prev, -1, "year")
    return "DATE", format_value(prev, gran)


def _reported_quarter(doc: Doc) -> str | None:
    """The quarter a business story reports on: the last one mentioned, else the one before publication."""
    if doc.last_quarter:
        return doc.last_quarter
    return format_value(shift(doc.dct, -1, "quarter"), "quarter") if doc.dct else None


def _year_back(value: str) -> str:
    return f"{int(value[:4]) - 1:04d}{value[4:]}"


def _yquarter(m: re.Match[str], doc: Doc) -> Result:
    """ "this year's third quarter", "next year's first half", "the 1988 quarter", "the final 1986 quarter"."""
    if m.group("yyunit"):
        return _year_unit(m, doc)  # "the entire 1986 year", "the same 1985 month"
    unit, qord = norm_words(m.group("yunit")), norm_words(m.group("yord") or m.group("yord0"))
    if m.group("yyear"):
        year: int | None = int(m.group("yyear"))
    elif doc.dct is not None:
        year = doc.dct.year + W.REL_YEAR[norm_words(m.group("yrel"))]
    else:
        year = None
    letter = "H" if unit == "half" else "Q"
    if (k := _QORD.get(qord, 4 if qord == "last" else 0)) > 0:  # "the last 1986 quarter" is the final one
        n = str(min(k, 2) if unit == "half" else k)
    elif unit == "half":
        return None
    else:  # "the 1988 quarter": the quarter under discussion, in that year
        reported = _reported_quarter(doc)
        n = reported[-1] if reported else "X"
    return "DATE", f"{year:04d}-{letter}{n}" if year is not None else f"XXXX-{letter}{n}"


def _year_unit(m: re.Match[str], doc: Doc) -> Result:
    """ "the entire 1986 year", "the 1986 full year": that year; "the same 1985 month": the month last named, in
    that year (no count of 1,985 months)."""
    year = int(m.group("yyear"))
    if norm_words(m.group("yyunit")) == "year":
        return "DATE", f"{year:04d}"
    anchor = doc.anchor
    if anchor is None or doc.last_gran not in ("day", "month"):
        return None
    return "DATE", f"{year:04d}-{anchor.month:02d}"


def _yearago(m: re.Match[str], doc: Doc) -> Result:
    """ "year-earlier results": the year-ago quarter in a story about a quarter, else last year."""
    if doc.last_quarter:
        return "DATE", _year_back(doc.last_quarter)
    if doc.dct is None:
        return None
    return "DATE", f"{doc.dct.year - 1:04d}"


def _thequarter(m: re.Match[str], doc: Doc) -> Result:
    if doc.dct is None:
        return "DATE", "XXXX-QX" if m.group("tq").lower() == "quarter" else "XXXX-WXX-WE"
    if m.group("tq").lower() == "quarter":  # in news: the quarter just reported
        ended = None if m.group("tqago") or doc.last_quarter else _ENDED.match(doc.text, m.end())
        if ended is not None and (value := _quarter_ended(ended, doc)) is not None:
            return "DATE", value
        value = _reported_quarter(doc)
        assert value is not None
        return "DATE", _year_back(value) if m.group("tqago") else value
    wd = doc.dct.isoweekday()
    if wd >= 6 or doc.tense() == "future":
        return "DATE", format_value(doc.dct, "weekend")
    return "DATE", format_value(doc.dct - dt.timedelta(days=7), "weekend")


#: "the quarter ended Aug. 30, 1986", "the quarter ending March 31": the date that closes it (read only when
#: no quarter is under discussion yet: a company's fiscal numbering, "the fiscal first quarter ended Sept.
#: 30", wins over the calendar).
_ENDED = re.compile(rf"\s+(?:ended|ending)\s+{P.MON}\s+(?P<day>\d{{1,2}})\b(?:,?\s+{P.YEAR})?")


def _quarter_ended(ended: re.Match[str], doc: Doc) -> str | None:
    """The quarter that holds most of the three months up to the closing date (a fiscal quarter ended July
    31 is mostly the calendar second quarter, as TimeBank reads it)."""
    year = int(ended.group("year")) if ended.group("year") else None
    closing = date_value(month_number(ended.group("mon")), int(ended.group("day")), year, doc)
    if closing is None or closing.startswith("X"):
        return None
    return format_value(dt.date.fromisoformat(closing) - dt.timedelta(days=45), "quarter")


def _halfq(m: re.Match[str], doc: Doc) -> Result:
    """ "the first two quarters of 1990": the first half of that year (``1990-H1``)."""
    return "DATE", f"{int(m.group('year')):04d}-H{1 if m.group('hq').lower() == 'first' else 2}"


def _spelled(m: re.Match[str], doc: Doc) -> Result:
    """ "nineteen ninety-six", "two thousand and one", "January nineteen ninety-seven", "the winter of nineteen
    ninety-four" (spoken news spells years out)."""
    if m.group("y2k"):
        n = read_number(norm_words(m.group("y2k")).replace("two thousand", "").replace("and", "").strip() or "0")
        year = 2000 + int(n or 0)
    else:
        n = read_number(norm_words(m.group("yy")))  # 'nineteen ninety-six': the century word is in W.NUMBERS
        if n is None:
            return None
        year = 1900 + int(n)
    if m.group("mon"):
        return "DATE", f"{year:04d}-{month_number(m.group('mon')):02d}"
    if m.group("spseason"):
        return "DATE", f"{year:04d}-{W.SEASONS[m.group('spseason').lower()]}"
    return "DATE", f"{year:04d}"


def _qnum(m: re.Match[str], doc: Doc) -> Result:
    q = m.group("qn").upper()
    letter, n = ("H", int(q[1])) if q.startswith("H") else ("Q", int(q.strip("Q")))
    if m.group("year"):
        return "DATE", f"{m.group('year')}-{letter}{n}"
    if doc.dct is None:
        return "DATE", f"XXXX-{letter}{n}"
    return "DATE", f"{doc.dct.year:04d}-{letter}{n}"


def _season(m: re.Match[str], doc: Doc) -> Result:
    rel, year = m.group("srel"), m.group("year")
    if not rel and not year and m.group(0).lower() == m.group("season").lower():
        return None  # bare "summer": too vague to resolve
    if _a_fall(m, doc):
        return None
    value = season_value(m.group("season"), rel, int(year) if year else None, doc)
    return ("DATE", value) if value else None


#: Words before "the fall" that make it the season ("in the fall", "by the fall", "until the fall").
_FALL_SEASON_BEFORE = re.compile(r"\b(?:in|by|during|until|till|through|since|before|for)\s+\Z", re.IGNORECASE)
#: After it, a decline's "in/of" something ("the fall in oil prices", "the fall of the dollar") ...
_FALL_OF_WHAT = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?(?!(?:year|1\d{3}|20\d\d)\b)[a-z]")
#: ... or words that make it the season: "the fall and winter", "the fall season".
_FALL_SEASON_AFTER = re.compile(r"\s+(?:(?:and|or)\s+(?:winter|spring|summer)|season|months?|term|semester)\b")


def _a_fall(m: re.Match[str], doc: Doc) -> bool:
    """ "the fall in oil prices", "the fall of the dollar", "the fall was due to": a decline, not autumn.
    "fall" with no year and no "this/last/next" is the season only after a preposition of time or with
    "early/late/mid" or "the end of" before it, or with another season or "season" after it."""
    if m.group("season").lower() != "fall" or m.group("year"):
        return False
    rel = m.group("srel")
    if rel and norm_words(rel) != "the" or not m.group(0).lower().startswith(("the", "fall")):
        return False
    if _FALL_SEASON_AFTER.match(doc.text, m.end()):
        return False
    if _FALL_OF_WHAT.match(doc.text, m.end()):
        return True  # "hurt by the fall in oil prices", "in the fall of the dollar"
    return _FALL_SEASON_BEFORE.search(doc.text, max(0, m.start() - 12), m.start()) is None


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


def _decade(m: re.Match[str], doc: Doc) -> Result:
    if m.group("dec"):
        return "DATE", m.group("dec")[:3]
    if m.group("dec2"):
        return "DATE", "19" + m.group("dec2")[0]
    if not m.group(0).lower().startswith("the"):
        return None  # "in his forties" is an age
    return "DATE", f"19{_DECADES[m.group('decw').lower()]}"


_YEAR_BAD_BEFORE = frozenset("no number nos route flight article section chapter page rule room".split())


def bare_year_ok(year: int, before: str, text: str, end: int) -> bool:
    """Whether a bare 4-digit number is a year: 1900–2099 unless a word before it rules that out ("no",
    "flight"), other years only after a word that introduces a year ("in 1492", "since 1850"), and never
    a clock time ("1000 London time", "2000 or 2100 EST")."""
    if before in _YEAR_BAD_BEFORE:
        return False
    if not 1900 <= year <= 2099 and before not in W.YEAR_CONTEXT:
        return False
    return P.CLOCK_AFTER_YEAR.match(text, end) is None


def _year(m: re.Match[str], doc: Doc) -> Result:
    year = int(m.group("year"))
    start = m.start()
    if start and doc.text[start - 1] in "$#£€¥+-/.:":
        return None
    if m.group(0) == m.group("year") and not bare_year_ok(year, word_before(doc, start), doc.text, m.end()):
        return None
    return "DATE", f"{year:04d}"


def _range_end(first: int, tail: str) -> int | None:
    """The second year of a range from its written tail: "1957-58" → 1958, "1999-00" → 2000, "2009-2010" →
    2010; None unless it lies after the first year, within a century."""
    if len(tail) == 2:
        end = first // 100 * 100 + int(tail)
        end += 100 if end <= first else 0
    else:
        end = int(tail)
    return end if first < end <= first + 100 else None


def _yrange(m: re.Match[str], doc: Doc) -> Result:
    """The first year of a range ("2009" in "2009-2010", "1957" in "1957-58"); the second is ``yrtail``."""
    first = int(m.group("year"))
    start = m.start()
    if start and doc.text[start - 1] in "$#£€¥+-/.:":
        return None
    tail = doc.text[m.end() + 1 : m.end() + 5]
    tail = tail if tail.isdigit() else tail[:2]
    return ("DATE", f"{first:04d}") if _range_end(first, tail) is not None else None


def _yrtail(m: re.Match[str], doc: Doc) -> Result:
    """The second year of a range: "58" in "1957-58" is 1958."""
    head = doc.text[m.start() - 5 : m.start() - 1]
    if not head.isdigit() or (m.start() > 5 and doc.text[m.start() - 6].isalnum()):
        return None
    end = _range_end(int(head), m.group("tail"))
    return ("DATE", f"{end:04d}") if end is not None else None


def _century(m: re.Match[str], doc: Doc) -> Result:
    """ "the 20th century", "the nineteenth century": the century's two digits (``19``, ``18``)."""
    if m.group(0).endswith("Century") and _NAME_AFTER.match(doc.text, m.end()):
        return None  # "20th Century Fox", "the Twentieth Century Fund": a name
    n = int(m.group("cnum")) if m.group("cnum") else W.ORDINAL_WORDS[norm_words(m.group("cword")).replace("-", " ")]
    return "DATE", f"{n - 1:02d}"


def _theyear(m: re.Match[str], doc: Doc) -> Result:
    """ "the year ended March 31" (a year's results: ``P1Y``), "throughout the fiscal year" (``P1Y``), else the
    year of publication ("the first nine months of the year", "for the full year")."""
    if m.group("tyended") is not None or word_before(doc, m.start()) == "throughout":
        return "DURATION", "P1Y"
    return "DATE", f"{doc.dct.year:04d}" if doc.dct is not None else "XXXX"


_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
_LOWER_AFTER = re.compile(r"\s+[a-z]")
_CONTRACT_MOVE = re.compile(
    r"\s+(?:(?:was|were|is|are|closed|ended|finished|traded)\s+(?:up|down|off|unchanged|higher|lower|steady|slightly|\d)"
    r"|(?:rose|fell|gained|lost|eased|firmed|settled|dropped|climbed|slipped|advanced|declined|closed|ended|paced"
    r"|led)\b|(?:\w+\s+){0,2}futures\b)"
)


def _bare_month(m: re.Match[str], doc: Doc) -> Result:
    month_text = m.group("mon")
    before = word_before(doc, m.start("mon"))
    prefixed = m.start("mon") > m.start()
    if not prefixed and before not in W.MONTH_CONTEXT:
        if month_text.lower() in ("may", "march", "august") or _NAME_AFTER.match(doc.text, m.end()):
            return None
        if m.start() == doc.sent[0] and (
            month_text in ("April", "June")
            or not _LOWER_AFTER.match(doc.text, m.end())
            or _CONTRACT_MOVE.match(doc.text, m.end())
        ):
            # "December sales were …" opens a sentence with a month; "June said" may be a name, and "July
            # was up 13 cents" in a market report is the July contract
            return None
    if M.DELIVERY_AFTER.match(doc.text, m.end()) or M.spread(m, doc.text):
        return "DATE", month_value(month_number(month_text), doc, "delivery")
    return "DATE", R.range_month_value(n := month_number(month_text), m.start(), m.end(), doc) or month_value(n, doc)


def _yearend(m: re.Match[str], doc: Doc) -> Result:
    """ "year-end", "the end of the year" (the year, mod END), "the end of the month"."""
    if doc.dct is None:
        return "DATE", "XXXX-XX" if norm_words(m.group("eunit")) == "month" else "XXXX"
    if norm_words(m.group("eunit")) == "month":
        return "DATE", format_value(doc.dct, "month")
    year = doc.dct.year
    if doc.dct.month <= 3 and doc.tense() == "past":
        year -= 1  # "at year-end" told in February is the one just gone
    return "DATE", f"{year:04d}"


#: This module's normalisers by rule name (``workbench.dates.tagger`` joins the registries).
NORMALISERS: dict[str, Normaliser] = {
    "decade": _decade,
    "halfq": _halfq,
    "month": _bare_month,
    "qnum": _qnum,
    "quarter": _quarter,
    "season": _season,
    "spelled": _spelled,
    "thequarter": _thequarter,
    "year": _year,
    "yearago": _yearago,
    "yearend": _yearend,
    "yrange": _yrange,
    "yrtail": _yrtail,
    "century": _century,
    "theyear": _theyear,
    "yquarter": _yquarter,
}
