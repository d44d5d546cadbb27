"""Word lists of the TIMEX3 tagger: month, weekday, number and unit words, holidays, sets, vague references,
and the words that gate the scan (``TRIGGER_WORDS``, ``PREFIX_WORDS``). Built once at import; the regular
expressions made from them are in ``workbench.dates.patterns`` and ``workbench.dates.cues``."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {  # ISO: Monday = 1
    "monday": 1,
    "tuesday": 2,
    "wednesday": 3,
    "thursday": 4,
    "friday": 5,
    "saturday": 6,
    "sunday": 7,
    "mon": 1,
    "tue": 2,
    "tues": 2,
    "wed": 3,
    "thu": 4,
    "thur": 4,
    "thurs": 4,
    "fri": 5,
    "sat": 6,
}
NUMBERS: dict[str, float] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "one hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    "half a": 0.5,
    "half an": 0.5,
    "a half": 0.5,
    "a couple of": 2,
    "couple of": 2,
    "a couple": 2,
}
#: Unit word → (TimeML duration letter, multiplier, is a time-of-day unit, granularity of "N units ago").
UNITS: dict[str, tuple[str, int, bool, str]] = {
    "second": ("S", 1, True, "second"),
    "minute": ("M", 1, True, "minute"),
    "hour": ("H", 1, True, "hour"),
    "day": ("D", 1, False, "day"),
    "night": ("D", 1, False, "day"),
    "week": ("W", 1, False, "week"),
    "fortnight": ("W", 2, False, "week"),
    "month": ("M", 1, False, "month"),
    "quarter": ("M", 3, False, "quarter"),  # ISO 8601 has no quarter designator: "three quarters" is P9M
    "year": ("Y", 1, False, "year"),
    "decade": ("Y", 10, False, "decade"),
    "century": ("Y", 100, False, "century"),
    "weekend": ("D", 2, False, "day"),
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "tonight": "NI",
}
#: Ordinal words of centuries ("the twentieth century" → ``19``).
ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty first": 21,
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
SETS: dict[str, str] = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "fortnightly": "P2W",
    "monthly": "P1M",
    "bimonthly": "P2M",
    "yearly": "P1Y",
    "semiannually": "P6M",
    "semi-annually": "P6M",
    "biannually": "P6M",
    "annually": "P1Y",
    "quarterly": "P3M",
}
REFS: dict[str, str] = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "just now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "the time": "PAST_REF",
    "the near term": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF",
    "a later date": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "current": "PRESENT_REF",
    "then current": "PAST_REF",
    "then-current": "PAST_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "previously": "PAST_REF",
    "formerly": "PAST_REF",
    "the past": "PAST_REF",
    "recent": "PAST_REF",
    "soon": "FUTURE_REF",
    "shortly": "FUTURE_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the foreseeable future": "FUTURE_REF",
    "the coming": "FUTURE_REF",
}
#: Fixed-date holidays (month, day); the movable ones (Thanksgiving, Easter and the days counted from it,
#: U.S. Memorial and Labor Day) are computed in ``workbench.dates.days``. No "Election Day" (whose?), and no
#: "Labour Day" (May 1 in most countries, September in Canada).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "christmas eve": (12, 24),
    "new year's eve": (12, 31),
    "new year's day": (1, 1),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
    "independence day": (7, 4),
}

#: Words before a bare month name that mark it as a date ("in May", "since March", "early May").
MONTH_CONTEXT = frozenset(
    """in since until till by of during from through throughout before after early late mid last next this
    between and to or each every until around about on for end beginning start the""".split()
)

#: Words before a bare 4-digit number outside 1900–2099 that make it a year ("in 1492", "since 1850").
YEAR_CONTEXT = frozenset(
    [*"in since until till before after during throughout circa early late mid year years".split(), *MONTHS]
)

#: Every temporal expression contains one of these words (lower case) or a year/clock-like number; the
#: regex is only tried at such a word and at the modifier words (``PREFIX_WORDS``) right before it.
TRIGGER_WORDS = frozenset(
    [
        *MONTHS,
        *WEEKDAYS,
        *(w + "s" for w in WEEKDAYS if len(w) > 4),  # "on Sundays"
        *(u + s for u in UNITS for s in ("", "s")),
        "centuries",
        "today",
        "tonight",
        "tomorrow",
        "yesterday",
        "now",
        "currently",
        "presently",
        "nowadays",
        "moment",
        "present",
        "recently",
        "lately",
        "recent",
        "current",
        "soon",
        "shortly",
        "future",
        "past",
        "ago",
        *(w for w in SETS if w.isalnum()),  # trigger words are single words ("semi" opens semi-annually)
        "semi",
        "morning",
        "afternoon",
        "evening",
        "noon",
        "midday",
        "midnight",
        *SEASONS,
        "period",
        "season",
        "seasons",
        "christmas",
        "thanksgiving",
        "halloween",
        "valentine",
        "independence",
        "easter",
        "half",
        "nineteen",
        "thousand",
        "twenties",
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
        "q1",
        "q2",
        "q3",
        "q4",
        "1q",
        "2q",
        "3q",
        "4q",
        "h1",
        "h2",
    ]
)
PREFIX_WORDS = frozenset(
    """the this that these next last past previous coming following current same early earlier late later
    mid end beginning start middle rest remainder close first second third fourth final latest of less more
    fewer than at least most nearly almost about approximately around roughly over under up to only just
    barely some better part a an several few many couple number dozens hundreds dozen every each per other
    once twice times recent right fiscal calendar fy comparable corresponding entire whole full remaining
    subsequent ensuing very new near foreseeable for time day before after and year ago preceding pre post
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred or short fifth
    good memorial labor
    sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth
    eighteenth nineteenth twentieth as later business trading straight consecutive working extra further
    additional prior
    latter then""".split()
)
#: Modifier words that continue an expression leftwards but never start one ("of" in "the end of May").
NON_INITIAL = frozenset("of and or to than ago year day before after part time least most for".split())
#: The year that "this/next/last year" names, counted from the publication year.
REL_YEAR = {"this": 0, "next": 1, "last": -1}
#: Words that are no counted noun before "a year" / "a day" (prepositions, verbs, pronouns, conjunctions):
#: "for a year", "took a year", "will be a year", "and a year", so the unit is a duration, not a rate.
NOT_RATE_NOUN = frozenset(
    """a an the this that these those his her its their our my your some any no each every other another
    and or but nor than to for with from by at on into onto within over under after before since until till
    during about around of in per off out up down as if when while whether which who whom what where
    be been being is are was were am has have had having do does did will would shall should can could may
    might must it he she they we you i them him us me there here not also only just even still again
    rose fell grew came went took take takes taking spent spend spends gave give made make makes saw see met
    held hold kept keep paid pay cost costs lost lose won win set put cut ran run got get left leave stood
    began become became last lasts lasting wait waits need needs said says told nearly almost roughly""".split()
)
RATE_LINKS = frozenset({"of", "in"})
