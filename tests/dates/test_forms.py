"""The forms added for issue 17 (TimeBank/AQUAINT misses and wrong values), one row per form: text → timexes."""

from __future__ import annotations

import pytest

from workbench.dates.timexes import tag

PUBLISHED = "2025-11-05"  # a Wednesday


def found(text: str, published: str | None = PUBLISHED) -> list[tuple[str, str, str]]:
    return [(t.surface, t.type, t.value) for t in tag(text, published=published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # year ranges: both halves
        ("Sales rose in 2009-2010.", [("2009", "DATE", "2009"), ("2010", "DATE", "2010")]),
        ("The 1957-58 season was wet.", [("1957", "DATE", "1957"), ("58", "DATE", "1958")]),
        ("In 1999-00 it fell.", [("1999", "DATE", "1999"), ("00", "DATE", "2000")]),
        # a range of durations: the first number has the unit of the second
        ("It takes between 12 and 18 months.", [("12", "DURATION", "P12M"), ("18 months", "DURATION", "P18M")]),
        ("Allow two to three weeks.", [("two", "DURATION", "P2W"), ("three weeks", "DURATION", "P3W")]),
        # clock durations
        ("She won in 3:07:35.", [("3:07:35", "DURATION", "PT3H7M35S")]),
        ("He ran it in 2:05:00.", [("2:05:00", "DURATION", "PT2H5M")]),
        # centuries
        ("the worst war of the 20th century", [("the 20th century", "DATE", "19")]),
        ("in the nineteenth century", [("the nineteenth century", "DATE", "18")]),
        ("art of the 21st century", [("the 21st century", "DATE", "20")]),
        # vague plural units
        ("They waited minutes, then days.", [("minutes", "DURATION", "PTXM"), ("days", "DURATION", "PXD")]),
        ("It went on for weeks.", [("weeks", "DURATION", "PXW")]),
        ("It has lasted for centuries.", [("centuries", "DURATION", "PXC")]),
        ("A few days later he left.", [("A few days later", "DURATION", "PXD")]),
        # sets
        ("The fee is paid annually.", [("annually", "SET", "P1Y")]),
        ("The board meets each season.", [("each season", "SET", "P3M")]),
        ("Results are reported quarterly.", [("quarterly", "SET", "P3M")]),
        # present and past references
        ("He is now in charge.", [("now", "DATE", "PRESENT_REF")]),
        ("At the time he was ill.", [("the time", "DATE", "PAST_REF")]),
        ("Growth will slow in the near term.", [("the near term", "DATE", "FUTURE_REF")]),
        ("Today's youth are restless.", [("Today", "DATE", "PRESENT_REF")]),
        ("Its current chairman spoke.", [("current", "DATE", "PRESENT_REF")]),
        ("They will decide at a later date.", [("a later date", "DATE", "FUTURE_REF")]),
        ("Leave as soon as possible.", [("as soon as possible", "DATE", "FUTURE_REF")]),
        ("They talked for a while.", [("a while", "DURATION", "PXX")]),
        # the end of the year, the year of a business report
        ("It closes at the end of year.", [("the end of year", "DATE", "2025")]),
        (
            "Net for the year ended March 31 rose.",
            [("the year", "DURATION", "P1Y"), ("March 31", "DATE", "2025-03-31")],
        ),
        ("Profit for the full year rose.", [("the full year", "DATE", "2025")]),
        ("President arrived later in the day.", [("the day", "DATE", "2025-11-05")]),
        ("A hearing is set for the week of March 6.", [("the week of March 6", "DATE", "2026-W10")]),
        # durations, not anchored dates
        ("A month earlier, prices fell.", [("A month earlier", "DURATION", "P1M")]),
        ("Eight years from now it ends.", [("Eight years from now", "DURATION", "P8Y")]),
        ("In the next decade it grows.", [("the next decade", "DURATION", "P10Y")]),
        ("Costs fall over the next three quarters.", [("the next three quarters", "DURATION", "P9M")]),
        ("Two more weeks passed.", [("Two more weeks", "DURATION", "P2W")]),
        ("It took eight trading days.", [("eight trading days", "DURATION", "P8D")]),
        ("The empire lasted two thousand years.", [("two thousand years", "DURATION", "P2000Y")]),
        # a year before the quarter under discussion stays a date
        (
            "Third-quarter profit rose to $5 from $4 a year earlier.",
            [("Third-quarter", "DATE", "2025-Q3"), ("a year earlier", "DATE", "2024-Q3")],
        ),
        # spoken years with a month or a season
        ("January nineteen ninety-seven was cold.", [("January nineteen ninety-seven", "DATE", "1997-01")]),
        ("the winter of nineteen ninety-four", [("the winter of nineteen ninety-four", "DATE", "1994-WI")]),
        # a clock time on a date
        ("The offer expires at 5 p.m. EST Nov. 9.", [("5 p.m. EST Nov. 9", "TIME", "2025-11-09T17:00")]),
        # a part of day before its day
        ("Shares were up at mid-afternoon yesterday.", [("mid-afternoon yesterday", "TIME", "2025-11-04TAF")]),
        ("Police came late evening Monday.", [("late evening Monday", "TIME", "2025-11-03TEV")]),
        # weekdays in the plural are sets
        ("The market is closed on Sundays.", [("Sundays", "SET", "XXXX-WXX-7")]),
        ("Flights leave on Tuesday nights.", [("Tuesday nights", "SET", "XXXX-WXX-2TNI")]),
        # "one day" after a modal is a day to come, not 24 hours
        ("Islam will one day be the second religion.", [("one day", "DATE", "FUTURE_REF")]),
        ("The trip took one day.", [("one day", "DURATION", "P1D")]),
        # the present of a past time; future quarters
        ("He bought at the then-current price.", [("then-current", "DATE", "PAST_REF")]),
        ("Profit may fall in future quarters.", [("future quarters", "DATE", "FUTURE_REF")]),
        # two quarters of a year are its half
        (
            "Sales stay weak through at least the first two quarters of 1990.",
            [("at least the first two quarters of 1990", "DATE", "1990-H1")],
        ),
        # movable holidays: Easter (and the days and week counted from it), U.S. Memorial and Labor Day
        ("They met at Easter.", [("Easter", "DATE", "2025-04-20")]),
        ("He will be back by Easter.", [("Easter", "DATE", "2026-04-05")]),
        ("Riots were reported in Easter week.", [("Easter week", "DATE", "2025-W16")]),
        ("Good Friday 1998 was calm.", [("Good Friday 1998", "DATE", "1998-04-10")]),
        ("Easter Monday 2024 was wet.", [("Easter Monday 2024", "DATE", "2024-04-01")]),
        ("Stores close on Memorial Day.", [("Memorial Day", "DATE", "2025-05-26")]),
        ("It reopened after Labor Day 2024.", [("Labor Day 2024", "DATE", "2024-09-02")]),
        ("Fireworks lit Independence Day.", [("Independence Day", "DATE", "2025-07-04")]),
        ("Stores open late before Thanksgiving.", [("Thanksgiving", "DATE", "2025-11-27")]),
        ("Sales fell after Thanksgiving Day 2024.", [("Thanksgiving Day 2024", "DATE", "2024-11-28")]),
        # midnight ends its day (ISO 8601 T24:00): "midnight Friday" is the night from Friday to Saturday
        ("The strike began at midnight Friday.", [("midnight Friday", "TIME", "2025-10-31T24:00")]),
    ],
)
def test_new_forms(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        # "run through June" looks forward: the June to come, even without a future tense
        ("The contract will run through June.", "June", "2026-06"),
        ("The lease runs through June.", "June", "2026-06"),
        ("Trading halts until 9 a.m. Tuesday.", "9 a.m. Tuesday", "2025-11-11T09:00"),
        ("The change is effective Feb. 1.", "Feb. 1", "2026-02-01"),
        # a possessive weekday is a day that has been: "Friday's ruling"
        ("Friday's ruling stands.", "Friday", "2025-10-31"),
        # "next to" is a place, not the future
        ("Bombs went off next to the embassies on Friday.", "Friday", "2025-10-31"),
        # "planned to" looks forward
        ("The team planned to leave on Thursday.", "Thursday", "2025-11-06"),
        # the perfect is a past ("has fluctuated"), and a plan of the past ("had been due to") is past
        ("The stock has fluctuated sharply, rising to $42 in June from $29 in March.", "March", "2025-03"),
        ("The offer had been due to expire Friday evening.", "Friday evening", "2025-10-31TEV"),
        (
            "The offer previously had been scheduled to expire at midnight Friday.",
            "midnight Friday",
            "2025-10-31T24:00",
        ),
        ("The offer is scheduled to expire Friday.", "Friday", "2025-11-07"),
        # ... but a stretch extended in the past may still run: "has extended loans through January"
        ("A group of lenders has extended loans through January.", "January", "2026-01"),
        # a fronted "In March," takes the tense of its sentence; an infinitive is a weak cue
        ("In March, the company received an offer to take it private.", "March", "2025-03"),
        # in the clause, the verb before the expression beats one after it
        (
            "Protesters planned a large demonstration on Saturday and were planning to march on Monday.",
            "Saturday",
            "2025-11-08",
        ),
        (
            "The father will leave at 4 in the morning (4 a.m. EDT Thursday), he said.",
            "4 a.m. EDT Thursday",
            "2025-11-06T04:00",
        ),
    ],
)
def test_resolution_direction(text: str, surface: str, value: str) -> None:
    values = {s: v for s, _, v in found(text)}
    assert values.get(surface) == value, values


@pytest.mark.parametrize(
    "text",
    [
        "Its quarterly dividend was raised.",  # an adjective, not a set
        "The average daily volume fell.",  # a measure
        "The Communist Party daily Granma said so.",  # a newspaper
        'ABC News\' "This Week" program aired.',  # a title
        "He appeared on CBS's ''60 Minutes'' show.",  # a title
        "The current account deficit widened.",  # a term of economics
        "Now, he says, it looks bad.",  # a discourse marker
        "Prices rose 20% annually.",  # a rate
        "In 2025-10 the data ended.",  # not a year range (10 is before 25)
    ],
)
def test_look_alikes_of_the_new_forms(text: str) -> None:
    assert [(s, v) for s, _, v in found(text) if v in ("P3M", "P1D", "P1Y", "PTXM", "PRESENT_REF", "2010")] == []


@pytest.mark.parametrize(
    "text",
    [
        "The Easter Rising failed.",
        "Easter Island is remote.",
        "The Good Friday agreement holds.",
        "Labour Day rallies.",
    ],
)
def test_holiday_look_alikes(text: str) -> None:
    assert [s for s, _, _ in found(text) if "Easter" in s or "Good" in s or "Labour" in s] == []


def test_movable_holidays_without_publication_date() -> None:
    assert found("at Easter", published=None) == [("Easter", "DATE", "XXXX-XX-XX")]
    assert found("in Easter week", published=None) == [("Easter week", "DATE", "XXXX-WXX")]
    assert found("on Labor Day", published=None) == [("Labor Day", "DATE", "XXXX-09-XX")]


def test_soon_after_a_past_event_is_no_future_reference() -> None:
    assert found("He was soon released.") == []
    assert found("Talks will resume soon.") == [("soon", "DATE", "FUTURE_REF")]


def test_without_publication_date_the_new_forms_stay_unresolved() -> None:
    assert found("later in the day", published=None) == [("the day", "DATE", "XXXX-XX-XX")]
    assert found("for the full year", published=None) == [("the full year", "DATE", "XXXX")]
    assert found("Sales rose in 2009-2010.", published=None) == [("2009", "DATE", "2009"), ("2010", "DATE", "2010")]


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_movable_holidays_and_midnight_at_the_ends_of_the_calendar(published: str) -> None:
    text = "At Easter, on Memorial Day, Labor Day, in Easter week, at Thanksgiving and at midnight."
    timexes = tag(text, published=published)
    assert [t.surface for t in timexes] == [
        "Easter",
        "Memorial Day",
        "Labor Day",
        "Easter week",
        "Thanksgiving",
        "midnight",
    ]
    assert all(t.value[:4] == published[:4] for t in timexes)
    assert [t.date for t in timexes]  # reading the values back does not raise


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a stretch of months is read as a whole: the second month follows the first
        ("EC sales total 225,000 tonnes during 1986/87 (July-June).", "1987-03-03", ["1986-07", "1987-06"]),
        ("The 1987 quota year (January-December) quota has been set.", "1987-02-26", ["1987-01", "1987-12"]),
        ("OPEC ministers agreed to fix a July-December output ceiling.", "1987-06-29", ["1987-07", "1987-12"]),
        # the first month takes the year named after the second
        ("Shipments during January/November 1986 totalled 1.7 mln tonnes.", "1987-03-12", ["1986-01", "1986-11"]),
        # the stretch that holds the publication month, or the one the tense points to
        ("Data on wind damage is collected during November-June.", "1987-03-19", ["1986-11", "1987-06"]),
        ("The load factor was 66.6 pct in the April/February period.", "1987-03-05", ["1986-04", "1987-02"]),
        (
            "Of the imports in the January/November period, 51,000 tonnes were from Cuba.",
            "1987-03-24",
            ["1986-01", "1986-11"],
        ),
        # a market's delivery months: the stretch that has not ended yet
        ("Traders bought Chinese soybeans for May to September shipment.", "1987-03-02", ["1987-05", "1987-09"]),
    ],
)
def test_stretches_of_months(text: str, published: str, expected: list[str]) -> None:
    assert [t.value for t in tag(text, published=published) if t.rule == "month" or t.rule == "my"] == expected
