"""The regex rules of the TIMEX3 tagger (``workbench.dates.timexes``), built once at import.

Each rule is a named regular expression over the surface of one temporal expression; its named groups
(``mon``, ``day``, ``year``, ``wd``, ``num``, ``unit`` …) are what the normaliser reads. ``MASTER`` joins
all rules into one alternation (group names stripped, one top-level group per rule), so a text is scanned
once; the rule that matched is then re-run on the span alone to read its groups. Rules are ordered so that
at one start position the longer reading wins ("Friday, Oct. 31, 2025" before "Friday").
"""

from __future__ import annotations

import re

from workbench.dates.words import ORDINAL_WORDS

# --- regex fragments ------------------------------------------------------------------------------
_MON_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON_ABBR = r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
MON = rf"(?P<mon>{_MON_FULL}|{_MON_ABBR})"
MON_FULL = rf"(?P<mon>{_MON_FULL})"
#: Month names and dotless abbreviations, without a group ("May/July", "Jly" is not one).
MON_NAMES = _MON_FULL + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_WD = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|Wed\.|Thu(?:rs?)?\.|Fri\.|Sat\."
WD = rf"(?P<wd>{_WD})"
#: Not "May 2,560" (a table), nor "June 10-year bond futures" (the June contract of a 10-year bond).
DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|\.\d|\s*%|,\d{3}(?!\d)|-(?:year|month|week|day)\b)"
#: A day spelled out, as the wire writes days under ten ("payable April one", "ended March Two"); not "the
#: February three-month average", "May one day" (a modal and a duration), "pct", nor a count of a plural noun
#: ("in April two banks").
DAY_WORD = (
    r"(?P<dayw>one|two|three|four|five|six|seven|eight|nine)(?![-\w]|\s+(?:pct|percent|mln|billion|million|dlrs|"
    r"per\s+cent|times|of|day|week|month|year|hour|minute)\b|\s+(?!(?:was|is|has|as|its|this|thus|unless|always|whereas)\b)[a-z]+s\b)"
)
YEAR = r"(?P<year>1\d{3}|20\d\d)(?![\d%])"
YEAR_OPT = rf"(?:,?\s+{YEAR})?"
_SMALL = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMWORD = (
    rf"(?:{_SMALL}|a)\s+thousand|(?:{_TENS})(?:[-\s](?:{_SMALL}))?|{_TEENS}|{_SMALL}|a\s+hundred|one\s+hundred|hundred"
    r"|a\s+dozen|dozen"
)
NUM = (
    rf"(?P<num>(?<!/)\d+(?:\.\d+)?(?:(?:\s+|-)1/2)?|{NUMWORD}|a\s+couple\s+of|couple\s+of|a|an|half\s+an?"
    r"|(?P<vague>several|a\s+few|few|many|some|a\s+number\s+of|dozens\s+of|hundreds\s+of|a\s+couple\s+of))"
)
#: Between a number and its unit: spaces, hyphens, a line break of wrapped text, but not a new paragraph or
#: table row (a line break before an indented or blank line: "vs 9,549,308\n    Year").
GAP = r"(?:-|[^\S\n]|\n(?![ \t]{2,}|[ \t]*\n))+"
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
    r"latter\s+part|early\s+part)\s+of\s+(?:the\s+)?)?(?:(?:early|late|mid|earlier|later|end(?=-))(?:\s+|-))?"
)
#: Clock times: "3 p.m.", "15:30 GMT", "0900 GMT", "1100 hrs EST", "at 2300 hours" (the wire's clock, not
#: 2,300 hours), "noon".
TIME_HM = (
    r"(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b)"
    r"|(?P<hour24>[01]?\d|2[0-3])[:.](?P<minute24>[0-5]\d)(?=\s*(?:GMT|UTC|EST|EDT|ET|local|hours|hrs|h\b(?!\.)))"
    r"|(?P<hhmm>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?:(?=\s+(?:GMT|UTC|EST|EDT|local))|\s+(?:hrs|hours)\b(?!\s+of\b))"
    r"|(?<!high\s)(?P<noon>noon|midday|midnight)"
)
TZ = r"(?:\s+(?:GMT|UTC|EST|EDT|CST|PST|ET|local\s+time))?"
#: After a unit: a comparison of one unit with the next ("a year-on-year rise", "on a month-on-month basis",
#: "the year on year rate", "the day-to-day management"), no stretch of time.
_NOT_UNIT_ON_UNIT = r"(?!(?:[-\s]+(?:on|over|to)[-\s]+|-by-)(?:year|month|week|day|quarter)\b)"
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
    ("time_md", rf"(?:{TIME_HM}){TZ},?\s+(?:on\s+)?{MON}\s+{DAY}{YEAR_OPT}(?!\w)"),
    ("weekof", rf"the\s+week\s+of\s+{MON}\s+{DAY}{YEAR_OPT}(?!\w)"),
    ("md", rf"(?:{WD},?\s+)?{MON}\s+(?:{DAY}|{DAY_WORD}){YEAR_OPT}(?!\w)"),
    ("dm", rf"(?:{WD},?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MON}{YEAR_OPT}(?!\w)"),
    ("my", rf"{PRE}{MON}(?:\s+of|,)?\s+(?:{YEAR}|(?P<ryear>this|next|last)\s+year)"),
    (
        "clockdur",
        r"(?P<ch>\d{1,2}):(?P<cm>[0-5]\d):(?P<cs>[0-5]\d)(?:\.\d+)?(?![\d:])"
        r"(?!\s*(?:GMT|UTC|EST|EDT|CST|PST|[ap]\.?m\b|local))",
    ),
    ("time", rf"(?:{TIME_HM}){TZ}"),
    (
        "relday",
        rf"{PRE}(?:(?P<dayrel>the\s+day\s+(?:before|after)\s+(?:yesterday|tomorrow))|"
        r"(?P<rday>today|tomorrow|yesterday|tonight))(?:\s+(?P<pod>morning|afternoon|evening|night))?",
    ),
    ("podrel", rf"(?P<prel>this|last|tomorrow|yesterday)\s+{POD}"),
    (
        "podday",
        rf"(?:(?:mid|early|late)(?:\s+|-))?(?P<pod>morning|afternoon|evening)\s+"
        rf"(?:(?P<rday>yesterday|today|tomorrow)|{WD})(?!\s+(?:morning|afternoon|evening|night)\b)",
    ),
    (
        "ago",
        rf"(?:{DMOD})?{NUM}{GAP}{UNIT}(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|"
        r"before(?=\s*(?:[.,;:)]|$|and\b|but\b)))"
        r"(?!\s+(?:the|a|an|his|her|its|their|this|that)\b)",
    ),
    # "versus 129,000 week ago", "Year ago - 1453.8": the wire's tables drop the article
    ("unitago", r"(?P<unit>day|week|month|year)\s+ago(?!\s+(?:the|a|an|his|her|its|their|this|that)\b)"),
    (
        "anaph",
        r"(?P<arel>the\s+(?:next|following|previous|same|preceding)|that|the\s+very)\s+"
        # not "the same year-ago period", "the same year ago period"
        r"(?P<aunit>day|morning|afternoon|evening|night|week|month|year)(?!-|\s+ago\b)",
    ),
    # "the first Sunday in April", "the last Thursday of November 1986"
    (
        "nthwd",
        rf"(?:the\s+)?(?P<nth>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+{WD}\s+(?:in|of)\s+{MON}"
        rf"(?:,?\s+{YEAR})?",
    ),
    ("relwd", rf"(?P<rel>last|next|this|coming|past)\s+{WD}(?:\s+{POD})?"),
    (
        "yquarter",
        r"(?:the\s+)?(?:(?P<yrel>this|next|last)\s+year's|"
        r"(?:(?P<yord0>first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|same|entire|whole|full)\s+)?"
        r"(?P<yyear>(?:19|20)\d\d))\s+"
        r"(?:(?:(?P<yord>first|second|third|fourth|1st|2nd|3rd|4th|final|latest)[-\s]+)?(?:fiscal[-\s]+)?"
        r"(?P<yunit>quarter|half|period)(?!-)|(?<=\d\s)(?:full\s+)?(?P<yyunit>year|month)"
        r"(?![-\w]|\s+(?:end|on|over|to|ended|ending)\b))",
    ),
    (
        "relunit",
        rf"{PRE}{_REL}\s+(?:(?P<fiscal>fiscal|calendar)\s+)?"
        rf"(?P<runit>week|weekend|month|year|quarter|decade|century|{_MON_FULL}|spring|summer|fall|"
        r"autumn|winter|season)(?!-|\s+ago\b)",
    ),
    (
        "quarter",
        r"(?:the\s+)?(?:(?P<qpre>year-ago|year-earlier|comparable|corresponding|(?P<pyear>\d{4})(?:'s)?|"
        r"(?P<qrel2>this|next|last)\s+year's)\s+)?(?:(?P<fisc>fiscal|calendar)\s+)?(?P<qord>first|second|third|fourth|1st|2nd|3rd|"
        r"4th|final|last|latest|current|year-earlier|year-ago|same|previous|prior)[-\s]+"
        rf"(?:fiscal[-\s]+)?(?P<qunit>quarter|half|period)(?!\s+hours?\b|\s+of\s+(?:{MON_NAMES})\b)"
        rf"(?:(?:\s+of)?\s+(?:fiscal\s+)?{YEAR}|\s+of\s+(?:(?P<qrel>this|next|last)\s+year|the\s+year))?",
    ),
    ("halfq", rf"(?:{DMOD})?(?:the\s+)?(?P<hq>first|last|second)\s+two\s+quarters\s+of\s+{YEAR}"),
    ("thequarter", r"the\s+(?P<tq>quarter|weekend)(?!-)(?P<tqago>\s+a\s+year\s+(?:ago|earlier))?"),
    ("yearago", r"(?P<ya>year-(?:earlier|ago))(?![-\w])"),
    (
        "spelled",
        rf"(?:the\s+year\s+|{MON_FULL}\s+|(?:the\s+)?(?P<spseason>spring|summer|fall|autumn|winter)\s+of\s+)?"
        r"(?:nineteen[-\s]+(?P<yy>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|"
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
        r"Halloween|Thanksgiving(?:\s+Day)?|Independence\s+Day|"
        r"Easter(?:\s+(?:Sunday|Monday|week))?(?!\s+(?:rising|island))|Good\s+Friday(?!\s+(?:agreement|accord))|"
        r"Memorial\s+Day|Labor\s+Day)" + YEAR_OPT,
    ),
    ("yrange", r"(?P<year>(?:1[5-9]|20)\d\d)(?=[-\u2013/](?:(?:1[5-9]|20)\d\d|\d\d)(?![\d%]|-\d))"),
    # the second year of "1987/88", "2009-2010"; not the tail of a quote ("1.3080/85") or a number ("12,1987/88")
    ("yrtail", r"(?<=(?<![\d.,])\d\d\d\d[-\u2013/])(?P<tail>(?:1[5-9]|20)\d\d|\d\d)(?![\d%]|[-/.]\d)"),
    (
        "century",
        r"(?:the\s+)?(?:(?P<cnum>2[01]|1\d|[1-9])(?:st|nd|rd|th)|(?P<cword>"
        + "|".join(w.replace(" ", r"\s+") for w in sorted(ORDINAL_WORDS, key=len, reverse=True))
        + r"))"
        r"[-\s]+century(?!-old)",
    ),
    (
        "year",
        rf"{PRE}(?:(?P<yfisc>fiscal|calendar|FY|the\s+year|mid|post|pre)[-\s]?)?{YEAR}"
        r"(?![-/.]\d|,\d\d\d)" + _NOT_UNIT_AFTER_YEAR,
    ),
    ("wdset", rf"{WD}(?:s|\s+(?P<pods>morning|afternoon|evening|night)s)"),
    ("wd", rf"{WD}(?:\s+{POD})?(?!\s+(?:Times|Telegraph|Express|Mirror|Post|Herald)\b)"),
    ("month", rf"{PRE}{MON_FULL}"),
    (
        "yearend",
        r"(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?P<eunit>year|month)|(?P<yearend>year[-\s]end|year's\s+end))(?!-)",
    ),
    (
        "theday",
        r"(?:(?<=\bin\s)|(?<=\bfor\s)|(?<=\bduring\s)|(?<=\bover\s))the\s+(?P<tdunit>day|week)"
        r"(?!-|\s+(?:before|after|of|that|when|which|in|on|[A-Z]))",
    ),
    (
        "theyear",
        r"the\s+(?:(?P<tyfull>fiscal|full|calendar|current)\s+)?year(?![-\w']|\s+(?:ago|earlier|before|later|\d|on\s+year)|"
        r"\s+two\s+thousand)(?:(?=\s+(?:ended|ending|through|to\s+date)\b|\s+to\s+(?:end\b|end-|the\s+end\b|last\s|mid-|"
        rf"(?:{MON_NAMES})\b))(?P<tyended>))?",
    ),
    ("recent", r"(?:the\s+)?(?:recent|past\s+few|last\s+few)\s+(?P<unit>day|week|month|year|decade)s"),
    (
        "dur",
        rf"(?:{DMOD})?(?:the\s+(?=\d|{NUMWORD}))?(?:(?:the\s+)?(?:past|last|next|first|previous|coming|following|"
        rf"final|latest|entire|whole|full|same|remaining|subsequent|ensuing)\s+)?"
        rf"{NUM}(?:[-\s]+and[-\s]+a[-\s]+half)?{GAP}(?:(?:more|additional|extra|further|trading|business|working|"
        rf"straight|consecutive|full)\s+)?{UNIT}(?!-(?:earlier|ago|end)){_NOT_UNIT_ON_UNIT}(?P<half>[-\s]+and[-\s]+a[-\s]+half)?"
        r"(?:-long)?(?P<old>[-\s]+old)?",
    ),
    (
        "numrange",
        rf"(?P<num>\d+|{NUMWORD})(?=(?:\s+(?:to|and|or)\s+|-)(?:\d+|{NUMWORD})[-\s]+{UNIT}(?!-))",
    ),
    (
        "barewk",
        r"(?P<unit>year|month|week|decade|day|hour|minute|centurie)s(?![-\w]|\s+(?:earlier|later|before|after)\b)",
    ),
    (
        "set",
        r"(?P<setw>hourly|daily|nightly|weekly|biweekly|fortnightly|monthly|bimonthly|"
        r"yearly|semi-?annually|biannually|annually|quarterly(?!\s+[a-z]))"
        rf"|(?P<every>every|each)\s+(?:other\s+)?(?:(?P<snum>\d+|{NUMWORD})\s+)?"
        rf"(?:{UNIT}|{WD}|(?P<spod>morning|afternoon|evening|night)|(?P<smon>{_MON_FULL})|(?P<sseason>season))"
        r"|(?P<times>once|twice|(?:\d+|" + NUMWORD + r")\s+times)\s+(?:a|an|per)\s+(?P<tunit>" + _UNIT + ")",
    ),
    (
        "ref",
        r"(?:right|just)\s+now|now|currently|presently|at\s+present|nowadays|these\s+days|"
        r"at\s+the\s+moment|(?<=\bat\s)the\s+time(?!\s+(?:of|when|that)\b)|"
        r"then[-\s]current(?=\s+[a-z])|current(?=\s+[a-z])"
        r"(?!\s+(?:account|accounts|assets|liabilities|ratio|yield|dollars?|rate|on|for|with)\b)|"
        r"the\s+(?:near|short)\s+term(?![-\w])|as\s+soon\s+as\s+possible|a\s+later\s+date|"
        r"(?:(?<=\bfor\s)|(?<=\bin\s))a\s+(?P<awhile>while)|the\s+(?P<ahead>day|week|month|year)s\s+ahead|"
        r"recently|lately|(?<=\bin\s)the\s+past|recent(?=\s+(?:days|weeks|months|"
        r"years|talks|clashes|attacks|history|times)\b)|(?<!\bas\s)(?:soon|shortly)(?!\s+(?:after|before|afterwards|"
        r"thereafter|as)\b)|the\s+(?:near\s+|foreseeable\s+)?future(?!\s+of\b)|"
        r"(?:the\s+)?(?:coming|future)\s+(?:days|weeks|months|years|quarters)",
    ),
]

FLAGS = re.IGNORECASE
#: Each rule alone, ending as in ``MASTER``: matched at the start ``MASTER`` found, up to the sentence end
#: (not the match end, so that lookaheads such as "current(?= year)" see the words after the expression).
RULE_PATTERNS: dict[str, re.Pattern[str]] = {name: re.compile(rf"(?:{pat})(?!\w)", FLAGS) for name, pat in RULES}
GROUP_NAME = re.compile(r"\(\?P<\w+>")
#: Where an expression may start: not inside a word, nor inside a number ("308" of "9,549,308", "5" of "4.5").
START = r"(?<![\w'])(?!(?<=\d[,.])\d)"
MASTER = re.compile(
    START + "(?:" + "|".join(f"(?P<{name}>{GROUP_NAME.sub('(?:', pat)})" for name, pat in RULES) + r")(?!\w)",
    FLAGS,
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
#: After "the same quarter (period, month)": the year it is in ("of 1985", "in 1985", "last year", "a year
#: earlier"); ``year`` is set when the year is named.
YEAR_AFTER = re.compile(r"\s+(?:(?:of|in)\s+(?P<year>\d{4})\b|(?:a\s+year\s+(?:earlier|ago|before)|last\s+year)\b)")
