"""Word lists and regex rules of the TIMEX3 tagger (``workbench.dates.timexes``), built once at import.

Each rule is a named regular expression over the surface of one temporal expression; its named groups
(``mon``, ``day``, ``year``, ``wd``, ``num``, ``unit`` …) are what the normaliser reads. ``MASTER`` joins
all rules into one alternation (group names stripped, one top-level group per rule), so a text is scanned
once; the rule that matched is then re-run on the span alone to read its groups. Rules are ordered so that
at one start position the longer reading wins ("Friday, Oct. 31, 2025" before "Friday").
"""

from __future__ import annotations

import re

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
    "quarter": ("Q", 1, False, "quarter"),
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
    "for the time being": "PRESENT_REF",
    "current": "PRESENT_REF",
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
#: Fixed-date holidays (month, day); Thanksgiving is computed (fourth Thursday of November).
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

# --- regex fragments ------------------------------------------------------------------------------
_MON_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON_ABBR = r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
MON = rf"(?P<mon>{_MON_FULL}|{_MON_ABBR})"
MON_FULL = rf"(?P<mon>{_MON_FULL})"
_WD = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|Wed\.|Thu(?:rs?)?\.|Fri\.|Sat\."
WD = rf"(?P<wd>{_WD})"
DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|\.\d|\s*%)"
YEAR = r"(?P<year>1\d{3}|20\d\d)(?![\d%])"
YEAR_OPT = rf"(?:,?\s+{YEAR})?"
_SMALL = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMWORD = rf"(?:{_TENS})(?:[-\s](?:{_SMALL}))?|{_TEENS}|{_SMALL}|a\s+hundred|one\s+hundred|hundred|a\s+dozen|dozen"
NUM = (
    rf"(?P<num>\d+(?:\.\d+)?(?:\s+1/2)?|{NUMWORD}|a\s+couple\s+of|couple\s+of|a|an|half\s+an?"
    r"|(?P<vague>several|a\s+few|few|many|some|a\s+number\s+of|dozens\s+of|hundreds\s+of|a\s+couple\s+of))"
)
_UNIT = r"second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|weekend"
UNIT = rf"(?P<unit>{_UNIT}|centurie)s?"
POD = r"(?P<pod>morning|afternoon|evening|night)"
#: Vague quantity modifiers kept in the span ("less than a week", "at least 72 hours").
DMOD = (
    r"(?:(?:less|more|fewer)\s+than|at\s+least|at\s+most|nearly|almost|about|approximately|around|roughly|"
    r"under|up\s+to|only|just|barely|some|the\s+better\s+part\s+of|more\s+than)\s+"
)
#: "the end of", "early", "mid-" … before a date (kept in the span; TimeML's mod is not scored).
PRE = (
    r"(?:(?:the\s+)?(?:end|beginning|start|middle|rest|remainder|close|first\s+half|second\s+half|"
    r"latter\s+part|early\s+part)\s+of\s+(?:the\s+)?)?(?:(?:early|late|mid|earlier|later)(?:\s+|-))?"
)
TIME_HM = (
    r"(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b)"
    r"|(?P<hour24>[01]?\d|2[0-3])[:.](?P<minute24>[0-5]\d)(?=\s*(?:GMT|UTC|EST|EDT|ET|local|hours|hrs|h\b))"
    r"|(?P<hhmm>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?=\s+(?:GMT|UTC|EST|EDT|local))"
    r"|(?<!high\s)(?P<noon>noon|midday|midnight)"
)
TZ = r"(?:\s+(?:GMT|UTC|EST|EDT|CST|PST|ET|local\s+time))?"
_REL = (
    r"(?P<rel>this|next|last|past|previous|coming|current|following|same|that|the\s+coming|the\s+past|"
    r"the\s+last|the\s+previous|the\s+next|the\s+following|the\s+same|the\s+current|the\s+latest)"
)
_NOT_UNIT_AFTER_YEAR = (
    r"(?!\s*(?:%|percent|pct|tonnes?|tons?|shares|barrels|dlrs|dollars|people|troops|points|feet|ft|meters|"
    r"metres|miles|km|acres|cars|units|vehicles|employees|workers|members|votes|mln|billion|million|"
    r"[-\s]?(?:megawatt|mw|kw|kilo|yen|marks|francs|ounces|lbs|pounds|bags|head)))"
)

RULES: list[tuple[str, str]] = [
    ("iso", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<H>\d\d):(?P<M>\d\d)(?::\d\d)?)?(?![\d-])"),
    ("slash", r"(?<![\d/.])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d\d)(?![\d/])"),
    ("time_day", rf"(?:{TIME_HM}){TZ}(?:\s+(?:on\s+)?|,\s+)(?P<rday>{WD}|today|tomorrow|yesterday|tonight)"),
    ("day_time", rf"(?:{WD}|(?P<rday>today|tomorrow|yesterday))(?:\s+|,\s+)(?:at\s+)?(?:{TIME_HM}){TZ}"),
    ("md", rf"(?:{WD},?\s+)?{MON}\s+{DAY}{YEAR_OPT}(?!\w)"),
    ("dm", rf"(?:{WD},?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MON}{YEAR_OPT}(?!\w)"),
    ("my", rf"{PRE}{MON}(?:\s+of|,)?\s+(?:{YEAR}|(?P<ryear>this|next|last)\s+year)"),
    ("time", rf"(?:{TIME_HM}){TZ}"),
    (
        "relday",
        rf"{PRE}(?:(?P<dayrel>the\s+day\s+(?:before|after)\s+(?:yesterday|tomorrow))|"
        r"(?P<rday>today|tomorrow|yesterday|tonight))(?:\s+(?P<pod>morning|afternoon|evening|night))?",
    ),
    ("podrel", rf"(?P<prel>this|last|tomorrow|yesterday)\s+{POD}"),
    (
        "ago",
        rf"(?:{DMOD})?{NUM}[-\s]+{UNIT}(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|from\s+now|hence)"
        r"(?!\s+(?:the|a|an|his|her|its|their|this|that)\b)",
    ),
    (
        "anaph",
        r"(?P<arel>the\s+(?:next|following|previous|same|preceding)|that|the\s+very)\s+"
        r"(?P<aunit>day|morning|afternoon|evening|night|week|month|year)",
    ),
    ("relwd", rf"(?P<rel>last|next|this|coming|past)\s+{WD}(?:\s+{POD})?"),
    (
        "yquarter",
        r"(?:the\s+)?(?:(?P<yrel>this|next|last)\s+year's|(?P<yyear>(?:19|20)\d\d))\s+"
        r"(?:(?P<yord>first|second|third|fourth|1st|2nd|3rd|4th|final|latest)[-\s]+)?(?:fiscal[-\s]+)?"
        r"(?P<yunit>quarter|half|period)(?!-)",
    ),
    (
        "relunit",
        rf"{PRE}{_REL}\s+(?:(?P<fiscal>fiscal|calendar)\s+)?"
        rf"(?P<runit>week|weekend|month|year|quarter|decade|century|{_MON_FULL}|spring|summer|fall|"
        r"autumn|winter|season)(?!-)",
    ),
    (
        "quarter",
        r"(?:the\s+)?(?:(?P<qpre>year-ago|year-earlier|comparable|corresponding|(?P<pyear>\d{4})|"
        r"(?P<qrel2>this|next|last)\s+year's)\s+)?(?:(?P<fisc>fiscal|calendar)\s+)?(?P<qord>first|second|third|fourth|1st|2nd|3rd|"
        r"4th|final|last|latest|current|year-earlier|year-ago|same|previous|prior)[-\s]+"
        r"(?:fiscal[-\s]+)?(?P<qunit>quarter|half|period)"
        rf"(?:(?:\s+of)?\s+{YEAR}|\s+of\s+(?:(?P<qrel>this|next|last)\s+year|the\s+year))?",
    ),
    ("thequarter", r"the\s+(?P<tq>quarter|weekend)(?!-)(?P<tqago>\s+a\s+year\s+(?:ago|earlier))?"),
    ("yearago", r"(?P<ya>year-(?:earlier|ago))(?![-\w])"),
    (
        "spelled",
        r"(?:the\s+year\s+)?(?:nineteen[-\s]+(?P<yy>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|"
        r"ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|"
        r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|(?P<y2k>two\s+thousand(?:\s+and)?"
        r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine|ten))?)(?!\s+(?:years|people|troops|dollars)\b))",
    ),
    ("qnum", r"(?P<qn>Q[1-4]|[1-4]Q|H[12])(?:\s+|-)?(?P<year>(?:19|20)\d\d)?"),
    (
        "firstmonths",
        r"(?:the\s+)?(?:first|last|past|final)\s+(?P<num>" + NUMWORD + r"|\d+)\s+(?P<unit>month|week|year)s",
    ),
    (
        "season",
        rf"{PRE}(?:(?P<srel>this|last|next|the\s+coming|the\s+past|the)\s+)?"
        rf"(?P<season>spring|summer|fall|autumn|winter)(?:(?:\s+of)?\s+{YEAR})?",
    ),
    (
        "decade",
        rf"{PRE}(?:the\s+)?(?:(?P<dec>1\d\d0|20\d0)s|'(?P<dec2>\d0)s|"
        r"(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
    ),
    (
        "holiday",
        r"(?P<hol>Christmas\s+(?:Day|Eve)|Christmas|New\s+Year's\s+(?:Day|Eve)|Valentine's\s+Day|"
        r"Halloween|Thanksgiving(?:\s+Day)?)" + YEAR_OPT,
    ),
    (
        "year",
        rf"{PRE}(?:(?P<yfisc>fiscal|calendar|FY|the\s+year|mid|post|pre)[-\s]?)?{YEAR}"
        r"(?![-/.]\d|,\d\d\d)" + _NOT_UNIT_AFTER_YEAR,
    ),
    ("wd", rf"{WD}(?:\s+{POD})?(?!\s+(?:Times|Telegraph|Express|Mirror|Post|Herald)\b)"),
    ("month", rf"{PRE}{MON_FULL}"),
    (
        "yearend",
        r"(?:the\s+)?(?:end\s+of\s+the\s+(?P<eunit>year|month)|(?P<yearend>year[-\s]end|year's\s+end))(?!-)",
    ),
    ("recent", r"(?:the\s+)?(?:recent|past\s+few|last\s+few)\s+(?P<unit>day|week|month|year|decade)s"),
    (
        "dur",
        rf"(?:{DMOD})?(?:the\s+(?=\d|{NUMWORD}))?(?:(?:the\s+)?(?:past|last|next|first|previous|coming|following|"
        rf"final|latest|entire|whole|full|same|remaining|subsequent|ensuing)\s+)?"
        rf"{NUM}(?:[-\s]+and[-\s]+a[-\s]+half)?[-\s]+{UNIT}(?!-(?:earlier|ago|end))(?P<half>[-\s]+and[-\s]+a[-\s]+half)?"
        r"(?:-long)?(?P<old>[-\s]+old)?",
    ),
    (
        "barewk",
        r"(?:(?<=\bfor\s)|(?<=\bin\s)|(?<=\bover\s)|(?<=\bwithin\s))(?P<unit>year|month|week|decade|day|hour)s",
    ),
    (
        "set",
        r"(?P<setw>hourly|daily|nightly|weekly|biweekly|fortnightly|monthly|bimonthly|"
        r"yearly|semi-?annually|biannually)"
        rf"|(?P<every>every|each|per)\s+(?:other\s+)?(?:(?P<snum>\d+|{NUMWORD})\s+)?"
        rf"(?:{UNIT}|{WD}|(?P<spod>morning|afternoon|evening|night)|(?P<smon>{_MON_FULL}))"
        r"|(?P<times>once|twice|(?:\d+|" + NUMWORD + r")\s+times)\s+(?:a|an|per)\s+(?P<tunit>" + _UNIT + ")",
    ),
    (
        "ref",
        r"(?:right|just)\s+now|now|currently|presently|at\s+present|nowadays|these\s+days|"
        r"at\s+the\s+moment|for\s+the\s+time\s+being|current(?=\s+(?:year|quarter|month|week|period|"
        r"level|levels|situation|crisis|government|administration|session|round|fiscal|term|talks)\b)|"
        r"recently|lately|(?<=\bin\s)the\s+past|recent(?=\s+(?:days|weeks|months|"
        r"years|talks|clashes|attacks|history|times)\b)|(?<!\bas\s)(?:soon|shortly)(?!\s+(?:after|before|afterwards|"
        r"thereafter|as)\b)|the\s+(?:near\s+|foreseeable\s+)?future(?!\s+of\b)|"
        r"(?:the\s+)?coming\s+(?:days|weeks|months|years|quarters)",
    ),
]

_FLAGS = re.IGNORECASE
#: Each rule alone, ending as in ``MASTER``: matched at the start ``MASTER`` found, up to the sentence end
#: (not the match end, so that lookaheads such as "current(?= year)" see the words after the expression).
RULE_PATTERNS: dict[str, re.Pattern[str]] = {name: re.compile(rf"(?:{pat})(?!\w)", _FLAGS) for name, pat in RULES}
_GROUP_NAME = re.compile(r"\(\?P<\w+>")
MASTER = re.compile(
    r"(?<![\w'])(?:" + "|".join(f"(?P<{name}>{_GROUP_NAME.sub('(?:', pat)})" for name, pat in RULES) + r")(?!\w)",
    _FLAGS,
)

#: Where a clause ends, for tense: punctuation, dashes, and words that open a new clause.
CLAUSE_BREAK = re.compile(
    r"[,;:()\"\u201c\u201d\u2014\u2013]|\s-\s|\b(?:when|while|that|which|who|because|but|although|after|before|"
    r"until|as)\b",
    re.IGNORECASE,
)
#: ``CLAUSE_BREAK`` in three scans (punctuation, a spaced dash, clause-opening words), each fast on its own.
CLAUSE_PUNCT = re.compile(r"[,;:()\"\u201c\u201d\u2014\u2013]")
CLAUSE_DASH = re.compile(r"\s-\s")
CLAUSE_WORDS = r"(?P<w>when|while|that|which|who|because|but|although|after|before|until|as)\b"
#: Words before a bare month name that mark it as a date ("in May", "since March", "early May").
MONTH_CONTEXT = frozenset(
    """in since until till by of during from through throughout before after early late mid last next this
    between and to or each every until around about on for end beginning start""".split()
)

#: Words before a bare 4-digit number outside 1900–2099 that make it a year ("in 1492", "since 1850").
YEAR_CONTEXT = frozenset(
    [*"in since until till before after during throughout circa early late mid year years".split(), *MONTHS]
)
#: After a 4-digit number: a clock time, not a year ("1000 London time", "2000 or 2100 EST", "1700 hrs").
CLOCK_AFTER_YEAR = re.compile(
    r"(?:\s*(?:-|to|or|and)\s*\d{4})?\s*(?:(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET|JST|hrs|hours)\b|"
    r"(?:local|[A-Z][a-z]+|New\s+York|Hong\s+Kong)\s+time\b)"
)

#: A quarter that is a year before the one under discussion ("the year-ago quarter").
YEAR_BACK = re.compile(
    r"year-(?:ago|earlier)|year\s+(?:ago|earlier)|comparable|corresponding|prior-year|last\s+year",
    re.IGNORECASE,
)

# --- trigger gating (speed) --------------------------------------------------------------------------
#: Every temporal expression contains one of these words (lower case) or a year/clock-like number; the
#: regex is only tried at such a word and at the modifier words (``PREFIX_WORDS``) right before it.
TRIGGER_WORDS = frozenset(
    [
        *MONTHS,
        *WEEKDAYS,
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
        *SETS,
        "semi",
        "morning",
        "afternoon",
        "evening",
        "noon",
        "midday",
        "midnight",
        *SEASONS,
        "period",
        "christmas",
        "thanksgiving",
        "halloween",
        "valentine",
        "independence",
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
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred""".split()
)
#: Modifier words that continue an expression leftwards but never start one ("of" in "the end of May").
NON_INITIAL = frozenset("of and to than ago year day before after part time least most for".split())
TOKEN = re.compile(r"\w+")
CLOCK_AFTER = re.compile(r"[:.]\d\d|\s?[ap]\.?m\b|/\d", re.IGNORECASE)


def _trie(words: list[str]) -> str:
    """A regex alternation of ``words`` factored by first letters, so the engine rejects a position fast."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    alts = []
    for head, tails in sorted(groups.items()):
        rest = sorted({t for t in tails if t}, key=lambda t: (-len(t), t))
        optional = "" in tails
        body = _trie(rest) if rest else ""
        if body:
            alts.append(re.escape(head) + (f"(?:{body})?" if optional else f"(?:{body})"))
        else:
            alts.append(re.escape(head))
    return "|".join(alts)


#: Trigger words and numbers: a year-like 4-digit number, a clock time, a slash date, a decade ("1990s").
#: Case-sensitive over lower/Capitalised/UPPER forms: much faster than IGNORECASE in ``re``.
TRIGGER = re.compile(
    r"(?<![\w'])(?:(?:"
    + _trie(sorted({v for w in TRIGGER_WORDS for v in (w, w.capitalize(), w.upper())}))
    + r")(?!\w)|\d{4}(?!\w)|\d{1,2}(?=:\d\d|\s?[apAP]\.?[mM]\b|/\d)|\d+s(?!\w))"
)


# --- tense cues ------------------------------------------------------------------------------------
_FUTURE_WORDS = """will shall won't expected expects expect scheduled due upcoming next would tomorrow soon
    """.split()
_WEAK_FUTURE_WORDS = "is are begin begins start starts open opens".split()
_PAST_WORDS = """was were had did been ago last earlier yesterday since began met held said told took made
    came went left won lost saw gave fell rose bought sold paid sent brought fought spoke wrote kept thought
    felt found became led struck""".split()
#: Auxiliaries after which a past form is a participle ("will be held", "is planned"), not a past tense.
PARTICIPLE_AFTER = re.compile(
    r"(?:\b(?:be|been|being|is|are|am|was|were|has|have|having|get|gets|got)|'s|'re)\s+(?:\w+ly\s+)?(?=\w)",
    re.IGNORECASE,
)
#: ``PARTICIPLE_AFTER`` in two scans: auxiliary words (``aux`` … ``gap`` end where the participle starts)
#: and "'s"/"'re".
AUX_WORDS = r"(?P<aux>be|been|being|is|are|am|was|were|has|have|having|get|gets|got)(?=(?P<gap>\s+(?:\w+ly\s+)?)\w)"
AUX_CLITIC = re.compile(r"(?P<aux>'s|'re)(?=(?P<gap>\s+(?:\w+ly\s+)?)\w)", re.IGNORECASE)


def _cased(words: list[str]) -> str:
    return _trie(sorted({v for w in words for v in (w, w.capitalize(), w.upper())}))


#: Strong future cues (modals, "expected", "going to"), weak ones (present tense), strong past cues
#: (auxiliaries, irregular pasts); weak past cues are words ending in "-ed" (``PAST_ED``).
TENSE_WORDS = (
    r"(?:(?P<future>"
    + _cased(_FUTURE_WORDS)
    + r"|going\s+to|set\s+to|(?:plans?|planning|intends?|aims?|hopes?)\s+to|to\s+(?:meet|be|hold|begin|start|"
    r"visit|resume|vote|take))|(?P<weakf>"
    + _cased(_WEAK_FUTURE_WORDS)
    + r")|(?P<past>"
    + _cased(_PAST_WORDS)
    + r"))(?!\w)"
)
TENSE_LL = re.compile(r"(?P<ll>'ll)(?!\w)")
TENSE_CUE = re.compile(r"(?<![\w'])" + TENSE_WORDS + "|" + TENSE_LL.pattern)
PAST_ED = re.compile(r"ed\b")
