"""Word lists and compiled regexes of actor extraction, built once at first use (no downloaded data)."""

from __future__ import annotations

import re
from functools import cache

from workbench.paths import RESOURCES_DIR
from workbench.text.resources import stopwords

#: Titles and honorifics before a person's name (lower case; multi-word titles are word sequences).
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
    president-elect premier-elect pm""".split()
)
#: Title words that name a role on their own ("the defence minister"): used for role-noun anaphora.
ROLE_HEADS = frozenset(
    """president premier chancellor minister secretary chairman chairwoman governor senator ambassador
    envoy spokesman spokeswoman mayor king queen prince emir sultan general commander chief leader
    secretary-general director ceo""".split()
)
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
TRAILING_HEADS = (
    "group",
    "faction",
    "militia",
    "network",
    "movement",
    "front",
    "party",
    "tribe",
    "clan",
    "brigade",
    "brigades",
)
#: Words that are capitalised but never actors on their own.
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
#: Heads that never make an actor on their own ("Co", "Bank" left over after a split).
LONE_HEADS = frozenset(
    """co co. corp corp. inc inc. ltd ltd. plc llc ag sa nv gmbh spa bv ab company companies group bank banks
    securities holdings industries international corporation association union party fund trust exchange
    market markets office department ministry agency board council committee commission services
    systems capital finance financial investments insurance network club""".split()
)
#: Lower-case words allowed inside a name between capitalised words.
CONNECTORS = (
    "of",
    "for",
    "and",
    "the",
    "de",
    "da",
    "del",
    "der",
    "di",
    "du",
    "van",
    "von",
    "la",
    "le",
    "bin",
    "ibn",
    "al",
    "el",
    "y",
    "on",
    "&",
)
#: Prepositions before a capital that make it a place, not a metonym for its state.
PLACE_PREPOSITIONS = frozenset(
    """in at to from near outside inside into across around via towards toward through between within
    reached arrived visiting visited leave left flew fly travel travelled traveled back""".split()
)

_UPPER = (
    "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100\u0102\u0104\u0106\u0108\u010a\u010c\u010e\u0110\u0112\u0114"
    "\u0116\u0118\u011a\u011c\u011e\u0120\u0122\u0124\u0126\u0128\u012a\u012c\u012e\u0130\u0134\u0136"
    "\u0139\u013b\u013d\u0141\u0143\u0145\u0147\u014c\u014e\u0150\u0152\u0154\u0156\u0158\u015a\u015c"
    "\u015e\u0160\u0162\u0164\u0166\u0168\u016a\u016c\u016e\u0170\u0172\u0174\u0176\u0178\u0179\u017b\u017d"
)
_WORD_TAIL = r"(?:\w|[-\u2010\u2011](?=\w)|['\u2019](?=[^\W\d_]{2}))*"
#: A capitalised word: initialism ("U.S."), "al-"/"bin" prefixed or plain, with inner hyphens/apostrophes.
CAP_WORD = (
    rf"(?:(?:[{_UPPER}]\.){{2,}}|[{_UPPER}]\.(?=[ \t]+[{_UPPER}])"
    rf"|(?:(?:al|el|ad|as|ash|at|az|ibn|bin|ben|abu|d|l|o)[-'\u2019])?[{_UPPER}]{_WORD_TAIL}"
    rf"|\d+[-]?[{_UPPER}]{_WORD_TAIL})"
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
