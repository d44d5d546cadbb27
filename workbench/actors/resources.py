"""Word lists, compiled regexes and evidence strengths of actor extraction, built once (no downloaded data).

Shared by the per-article finder (``workbench.actors.mentions`` and the modules it calls), the gazetteer and
the classifiers; every name here is public because several modules read it. :func:`word_key` is the lookup
key of a word (folded, lower case), also used by the corpus pass.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from workbench.paths import RESOURCES_DIR
from workbench.text.normalize import fold
from workbench.text.resources import stopwords

#: Titles and honorifics before a person's name (lower case; multi-word titles are word sequences), and
#: their abbreviations ("FM" foreign minister, "DG" director general, "COAS" chief of army staff).
PERSON_TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady sen sen. rep rep. gov gov. gen gen. lt lt.
    col col. maj maj. capt capt. sgt sgt. adm adm. cmdr brig. st. rev rev. fr fr. messrs messrs.
    president vice-president premier chancellor minister ministers secretary undersecretary under-secretary
    chairman chairwoman chairperson chair ceo director governor senator congressman congresswoman
    representative ambassador envoy spokesman spokeswoman spokesperson mayor judge justice
    king queen prince princess emperor empress sheikh shaikh emir amir sultan crown
    ayatollah imam mullah maulana pope cardinal archbishop bishop rabbi pastor father
    general lieutenant colonel major captain commander admiral marshal brigadier sergeant corporal private
    chief leader head deputy vice acting former late interim caretaker incoming outgoing
    defence defense foreign interior finance trade commerce economy economic agriculture oil energy
    information planning justice health education labour labor home petroleum industry industries
    prime federal state provincial chief-executive executive managing general-secretary secretary-general
    attorney attorney-general treasurer comptroller auditor inspector superintendent commissioner
    counsellor counselor adviser advisor aide analyst economist dealer trader
    mp m.p. lawmaker legislator delegate negotiator mediator coach striker midfielder goalkeeper
    president-elect premier-elect pm fm dg coas cjcsc cm lt-gen maj-gen lt-col exchequer""".split()
)
#: Title words that name a role on their own ("the defence minister"): used for role-noun anaphora.
ROLE_HEADS = frozenset(
    """president premier chancellor minister secretary chairman chairwoman governor senator ambassador
    envoy spokesman spokeswoman mayor king queen prince emir sultan general commander chief leader
    secretary-general director ceo""".split()
)
#: Title words that only make a title next to a strong one ("Defence" Minister, "Prime" Minister).
WEAK_TITLES = frozenset(
    """defence defense foreign interior finance trade commerce economy economic agriculture oil energy
    information planning health education labour labor home petroleum industry industries prime federal state
    provincial vice deputy acting former late interim caretaker incoming outgoing chief executive
    managing crown general attorney under exchequer""".split()
)
STRONG_TITLES = PERSON_TITLES - WEAK_TITLES
#: Last words that make a name an organisation ("Finance Ministry", "Hanson Trust Plc").
ORG_HEADS = frozenset(
    """ministry ministries department dept office bureau agency authority administration commission committee
    council board court tribunal parliament assembly congress senate cabinet government govt senate
    party union league federation confederation association society institute institution foundation
    university college school academy hospital church mosque
    bank banks fund trust exchange market markets reserve treasury
    inc inc. corp corp. co co. ltd ltd. plc llc ag sa s.a. nv n.v. gmbh spa bv ab as oy kk kg lp
    corporation company companies group holdings holding industries enterprises partners systems
    international airlines airways motors petroleum oil chemical chemicals steel mining electric energy
    communications technologies securities insurance investments capital finance financial services
    newspaper times post journal news television radio agency network
    police army navy airforce forces force guard guards command brigade corps
    organization organisation club""".split()
)
#: Heads that make a name an armed/non-state group ("Gul Bahadur group", "Nusra Front").
GROUP_HEADS = frozenset(
    """group faction militia militias movement front brigade brigades battalion rebels insurgents
    militants guerrillas guerrilla mujahideen mujahedeen fighters tribe tribes clan network cell
    taliban jihad""".split()
)
#: Lower-case heads that may follow a capitalised name and belong to it ("the Gul Bahadur group").
TRAILING_HEADS = ("group", "faction", "militia", "network", "movement", "front", "party", "tribe", "clan", "brigade",
                  "brigades")  # fmt: skip
#: Lower-case heads that stay inside a run ("Pakistan Peoples party") when alias matching splits it.
INNER_HEADS = frozenset(("group", "party", "front", "movement"))
#: Capitalised words that are never actors, nor part of one at its edges (dates, units, adjectives).
NON_ACTOR = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun today tomorrow yesterday god i i'm i'd i'll i've ok okay
    mln bln pct dlrs dlr cts shr net revs qtr avg vs oper ltd-term tonne tonnes bbl bpd yen stg
    note notes qtly mthly div pay record prior shrs loss profit sales
    european western eastern northern southern arab arabs asian african latin islamic muslim muslims
    christian jewish catholic protestant sunni shia shiite republican republicans democrat democrats
    democratic communist
    communists socialist socialists conservative conservatives liberal liberals labour federal national
    international government""".split()
)
#: Compass words: with a place they make one place ("West Chicago", "South China", "Greater London").
COMPASS = frozenset(
    """north south east west northern southern eastern western central northeast northwest southeast southwest
    north-east north-west south-east south-west upper lower greater""".split()
)
#: Capitalised words that end no name after a place (pronouns, articles, conjunctions, prepositions).
END_WORDS = frozenset(
    """i a an the it he she we they you this that these those his her its their our my me him them but and or
    if as at in on of to for by with from so then than when while has have had is are was were will would
    can could may might must shall should do does did be been""".split()
)
#: Weekdays: trimmed from a name's edge, except where the shipped model reads a club ("Sheffield Wednesday").
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
#: Words that are never an actor on their own, though they may be part of a longer name: table and section
#: words of news ("Standings", "Scorers", "Newsroom", "Cup"), terms of economics and medicine read as
#: acronyms ("GNP", "AIDS") and currencies ("Ecus"). (The outlet of a story is no actor of it either:
#: ``workbench.actors.tables.raw_mentions``.)
NOT_ALONE = frozenset(
    """standings standing halftime half-time scorers scorer newsroom cup results result fixtures fixture
    attendance table tables summary summaries leaders leading ranking rankings points teams team squad
    quarter-final quarter-finals quarterfinal quarterfinals semifinal semifinals semi-final semi-finals final
    finals round division championship championships tournament series prix games open golf tennis soccer
    football baseball basketball cricket rugby hockey athletics cycling boxing
    olympics olympic marathon innings wickets referee
    gnp gdp aids hiv vat cpi ppi libor ecu ecus sdr sdrs ems otc lng lpg ipo tel fax
    mid-session close opening closing prices price index indices output imports exports""".split()
)
#: Heads that never make an actor on their own ("Co", "Bank" left over after a split).
LONE_HEADS = frozenset(
    """co co. corp corp. inc inc. ltd ltd. plc llc ag sa nv gmbh spa bv ab company companies group bank banks
    securities holdings industries international corporation association union party fund trust exchange
    market markets office department ministry agency board council committee commission services
    systems capital finance financial investments insurance network club police government league""".split()
)
#: Lower-case words allowed inside a name between capitalised words.
CONNECTORS = ("of", "for", "and", "the", "de", "da", "del", "der", "di", "du", "van", "von", "la", "le", "bin", "ibn",
              "al", "el", "y", "on", "&")  # fmt: skip
#: Name particles that join the words around them ("Charles de Gaulle", "Marks & Spencer").
PARTICLES = frozenset("de da del der di du van von la le bin ibn al el y &".split())
#: Connectors that join a name only after one of :data:`JOIN_HEADS` ("Bank of England").
JOIN_AFTER_HEAD = frozenset(("of", "for", "on"))
#: Words after which "of"/"for"/"on" stays inside the name ("Bank of England", "Ministry for Trade").
JOIN_HEADS = (
    ORG_HEADS
    | GROUP_HEADS
    | frozenset(
        "republic kingdom emirate emirates gulf bay sea strait isle islands island city province state states "
        "port cape lake mount university secretary minister president governor prince duke house chancellor "
        "bank ministry department office institute organisation organization".split()
    )
)
#: Lower-case group heads that a run may end with and that stay in the name.
CHUNK_HEADS = frozenset(("group", "party", "front", "movement", "faction", "militia", "network", "tribe", "clan",
                         "brigade", "brigades"))  # fmt: skip
#: Words of sports reports: an article with several of them is read as one by the shipped model (a city
#: there is often its club: "Barcelona beat Porto"; in a commodity table it stays a place).
SPORT_WORDS = frozenset(
    """beat beats won win wins drew draw lost match matches season league cup goal goals score scored scorer
    scorers striker coach innings wicket wickets tennis soccer football baseball basketball cricket rugby golf
    hockey championship championships tournament halftime half-time semifinal semifinals semi-final
    semi-finals quarterfinal quarterfinals quarter-final quarter-finals title titles seeded stadium standings
    points race champion olympic referee captain victory defeat results fixtures played division team teams
    player players squad club clubs pitcher inning homer batting bowling overs nba nfl nhl uefa fifa
    athletics cycling boxing swimming skiing racing attendance goalkeeper midfielder defender quarterback
    touchdown""".split()
)
#: Prepositions before a capital that make it a place, not a metonym for its state.
PLACE_PREPOSITIONS = frozenset(
    """in at to from near outside inside into across around via towards toward through between within
    reached arrived visiting visited leave left flew fly travel travelled traveled back""".split()
)
#: Prepositions before a lone unknown word that make it a place (a guess).
PLACE_CUES = frozenset(("in", "at", "near", "from", "outside", "to"))
SPEECH = frozenset("said says told added stated warned declared noted argued wrote asked replied".split())
CORP_SUFFIX = frozenset("inc inc. corp corp. co co. ltd ltd. plc llc ag sa nv gmbh spa bv ab group".split())
COMPANY = frozenset("co co. cos company sons partners associates".split())
#: Words stripped from the edges of a discovered name ("the", "of" left over).
NAME_CONNECTORS = frozenset(("of", "the", "and", "for", "&", "on"))

# strength of typing evidence: 3 dictionary/title/head, 2 acronym/before-title/given name/model, 1 guess
STRONG, MEDIUM, WEAK = 3, 2, 1

#: Capital letters (a regex character class body): ASCII, Latin-1 and Latin Extended-A.
UPPER_CLASS = (
    "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100\u0102\u0104\u0106\u0108\u010a\u010c\u010e\u0110\u0112\u0114"
    "\u0116\u0118\u011a\u011c\u011e\u0120\u0122\u0124\u0126\u0128\u012a\u012c\u012e\u0130\u0134\u0136"
    "\u0139\u013b\u013d\u0141\u0143\u0145\u0147\u014c\u014e\u0150\u0152\u0154\u0156\u0158\u015a\u015c"
    "\u015e\u0160\u0162\u0164\u0166\u0168\u016a\u016c\u016e\u0170\u0172\u0174\u0176\u0178\u0179\u017b\u017d"
)
#: The rest of a word: word characters, a hyphen before one, an apostrophe before two letters ("O'Neill"), as
#: runs of ``\w*`` (one fast repeat in the regex engine, not one branch per character).
_WORD_TAIL = r"\w*(?:(?:[-\u2010\u2011](?=\w)|['\u2019](?=[^\W\d_]{2}))\w*)*"
#: A capitalised word: initialism ("U.S."), "al-"/"bin" prefixed or plain, with inner hyphens/apostrophes.
CAP_WORD = (
    rf"(?:(?:[{UPPER_CLASS}]\.){{2,}}|[{UPPER_CLASS}]\.(?=[ \t]+[{UPPER_CLASS}])"
    rf"|(?:(?:al|el|ad|as|ash|at|az|ibn|bin|ben|abu|d|l|o)[-'\u2019])?[{UPPER_CLASS}]{_WORD_TAIL}"
    rf"|\d+[-]?[{UPPER_CLASS}]{_WORD_TAIL})"
)
_SEP = r"(?:[ \t]+|[ \t]*\r?\n[ \t]*)"
#: A run of capitalised words with optional lower-case connectors and one trailing lower-case head.
RUN = re.compile(
    rf"(?<![\w\u00c0-\u024f.-])(?:{CAP_WORD})(?:{_SEP}(?:(?:{'|'.join(CONNECTORS)}){_SEP}){{0,2}}(?:{CAP_WORD}))*"
    rf"(?:{_SEP}(?:{'|'.join(TRAILING_HEADS)})\b(?![-\u2010\u2011]))?"
)
#: Words inside a run (same word shapes as CAP_WORD, plus lower-case connectors).
RUN_WORD = re.compile(rf"{CAP_WORD}|[a-z]\w*|&")
#: "Long Name (ACRO)": an acronym introduced in parentheses right after a name.
ACRONYM_AFTER = re.compile(r"[ \t]*\(([A-Z][A-Za-z0-9&.\-]{1,9})\)")
#: Lower- and upper-case letters of Latin-1 as bytes, to count them in a sentence (``bytes.translate``)
#: and tell an ALL-CAPS sentence (headlines, tables) from ordinary text.
LOWER_BYTES = bytes([*range(ord("a"), ord("z") + 1), *range(0xDF, 0x100)])
UPPER_BYTES = bytes([*range(ord("A"), ord("Z") + 1), *range(0xC0, 0xDF)])
#: Characters that may open a sentence before its first word.
OPENERS = " \t\r\n\"'\u2018\u201c([\u00ab-\u2014"
#: "the defence minister": a role noun built from the :data:`ROLE_HEADS`, not followed by a name or "of";
#: matched from the "he" of "the"/"The" (a literal prefix the regex engine scans for fast): the caller
#: checks the "T"/"t" and the word boundary before it.
ROLE_NOUN = re.compile(
    r"he\s+((?:[a-z][a-z\-]*\s+){0,2}(?:"
    + "|".join(sorted(ROLE_HEADS, key=len, reverse=True))
    + r"))\b(?![\w\-\u2019'])(?!\s+[A-Z])(?!\s+of\b)"
)
#: The word before a position (for prepositions) and after it (for speech verbs).
PREV_WORD = re.compile(r"([A-Za-z']+)[^\w]*$")
#: The letters of :data:`PREV_WORD`'s word, without and with its apostrophe (``ArticleState.prev_word``
#: reads the word backwards, as the regex finds it).
ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
WORD_LETTERS = ASCII_LETTERS | {"'"}
NEXT_WORD = re.compile(r"\W*?([A-Za-z]+)")


_SHAPES = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "X" * 26 + "x" * 26 + "d" * 10
)
_REPEATS = re.compile(r"(?<=X)X+|(?<=x)x+|(?<=d)d+")


@lru_cache(maxsize=200_000)
def word_shape(word: str) -> str:
    """The shape of a word: ``Merrill`` → ``Xx``, ``NATO`` → ``X``, ``E.F.`` → ``X.X.``, ``1987`` → ``d``."""
    return _REPEATS.sub("", word.translate(_SHAPES))


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The lookup key of a word: folded and lower case (``"Türkiye’s"`` → ``"türkiye's"``)."""
    return fold(word).lower()


def _read_lines(name: str) -> list[str]:
    path = RESOURCES_DIR / name
    return [
        ln.rstrip("\n") for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")
    ]


@cache
def common_words() -> frozenset[str]:
    """Common English words (lower case) plus the shipped stopwords."""
    return frozenset(w.strip().lower() for w in _read_lines("actor_common_words.txt")) | stopwords()


@cache
def given_names() -> frozenset[str]:
    """Given names (lower case) that mark a person."""
    return frozenset(w.strip().lower() for w in _read_lines("actor_given_names.txt"))


@cache
def skip_words() -> frozenset[str]:
    """Capitalised words skipped before matching: stopwords and :data:`NON_ACTOR`, but not heads."""
    return (stopwords() | NON_ACTOR) - ORG_HEADS - GROUP_HEADS


@cache
def extra_places() -> tuple[tuple[str, ...], ...]:
    """Regions and sub-national places: tuples of names, canonical first."""
    return tuple(tuple(p.strip() for p in line.split("|") if p.strip()) for line in _read_lines("actor_places.txt"))


@cache
def country_rows() -> tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]:
    """Curated country rows: (code, canonical name or "", other names, demonyms)."""
    rows = []
    for line in _read_lines("actor_countries.tsv"):
        parts = (line.split("\t") + ["", "", ""])[:4]
        rows.append(
            (
                parts[0].strip(),
                parts[1].strip(),
                tuple(p.strip() for p in parts[2].split("|") if p.strip()),
                tuple(p.strip() for p in parts[3].split("|") if p.strip()),
            )
        )
    return tuple(rows)
