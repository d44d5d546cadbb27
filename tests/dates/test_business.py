"""Quarters in earnings news and tense cues: TimeML conventions that TimeBank's business stories follow."""

from __future__ import annotations

import pytest

from workbench.dates.timexes import tag

PUBLISHED = "1989-11-01"  # a Wednesday


def values(text: str, published: str = PUBLISHED) -> dict[str, str]:
    return {t.surface: t.value for t in tag(text, published=published)}


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Net sales for this year's third quarter were $14 million.", "this year's third quarter", "1989-Q3"),
        ("It could start as early as next year's first quarter.", "next year's first quarter", "1990-Q1"),
        ("Third-quarter net rose. It earned $2 in the 1988 quarter.", "the 1988 quarter", "1988-Q3"),
        ("Third-quarter net rose. Sales in the latest period fell.", "the latest period", "1989-Q3"),
        ("Earnings will be lower for the last half of 1989.", "the last half of 1989", "1989-H2"),
        ("Q3 net rose. For the quarter a year ago, it earned $16.", "the quarter a year ago", "1988-Q3"),
        # the quarter closed by a date: the calendar quarter of most of its months, unless one is under discussion
        ("In the quarter ended August 30, 1986, it earned 5 mln.", "the quarter", "1986-Q3"),
        ("Net rose in the quarter ending July 31.", "the quarter", "1989-Q2"),
        ("Net fell in the fiscal first quarter. In the quarter ended Sept. 30, sales rose.", "the quarter", "1989-Q1"),
    ],
)
def test_quarters_in_earnings_news(text: str, surface: str, value: str) -> None:
    assert values(text).get(surface) == value


def test_year_earlier_adjective_is_the_year_ago_quarter() -> None:
    found = values("Third-quarter net fell 5%, compared with a year-earlier loss of $26,956.")
    assert found.get("year-earlier") == "1988-Q3"
    assert "a year" not in found  # not a duration


def test_a_year_ago_after_the_year_ago_quarter_is_not_shifted_twice() -> None:
    text = (
        "Du Pont's third-quarter profit rose, up from the year-earlier quarter. "
        "Profit soared to $155 million from $99 million a year earlier."
    )
    assert values(text).get("a year earlier") == "1988-Q3"


def test_a_future_quarter_does_not_become_the_quarter_under_discussion() -> None:
    text = "Third-quarter profit fell. It sees a recovery in the third quarter of 1990. Sales fell from a year ago."
    assert values(text).get("a year ago") == "1988-Q3"


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        # a participle after an auxiliary is not a past tense: "will be named", "would be held"
        ("Collins will be named commander for a mission in December.", "1998-03-04", "December", "1998-12"),
        ("A ceremony would still be held at the summit on April 24.", "1999-02-10", "April 24", "1999-04-24"),
        # "planned" as an adjective is not a future cue
        (
            "On Friday, when Albright set aside plans for the hastily planned trip, it rose.",
            "1998-08-17",
            "Friday",
            "1998-08-14",
        ),
        # a strong cue in the clause beats a nearer "-ed" word
        (
            "Qantas will almost double its flights by August in markets untouched by the crisis.",
            "1998-02-13",
            "August",
            "1998-08",
        ),
        ("Since KKR bought RJR in February, it has sold assets.", "1989-10-30", "February", "1989-02"),
        # "due to" a cause is no plan; "due to" a verb is
        (
            "The pipeline was shut down from Cushing, Okla, to Witchita Falls, Kan, on Saturday due to an "
            "undetermined leak.",
            "1987-06-02",
            "Saturday",
            "1987-05-30",
        ),
        ("Trading halted on Saturday due to rising water.", "1987-06-02", "Saturday", "1987-05-30"),
        ("Ministers are due to discuss it on Saturday.", "1987-06-02", "Saturday", "1987-06-06"),
        ("The talks, due Saturday, were called off.", "1987-06-02", "Saturday", "1987-06-06"),
        ("It is of little use to a party expecting to call an election in June.", "1987-03-17", "June", "1987-06"),
        # "preparing to depart": a plan, whatever the sentence's "said"
        (
            "Reagan, preparing to depart for the Venice economic summit on Wednesday, said the allies agreed.",
            "1987-06-01",
            "Wednesday",
            "1987-06-03",
        ),
        # "might" is a future modal, whatever the "said" before it
        ("Delegates said the buffer stock might not be operational by Monday.", "1987-03-24", "Monday", "1987-03-30"),
        # so is "may" before a verb (the month is capitalised)
        (
            "Traders said supply tightness may worsen in the second quarter.",
            "1987-03-11",
            "the second quarter",
            "1987-Q2",
        ),
        ("Analysts said the bond market may revive in June.", "1987-03-01", "June", "1987-06"),
        # "could be" looks forward; a deadline moved "to" a day is still to come
        ("He said he hoped an accord could be reached by Monday.", "1987-03-27", "Monday", "1987-03-30"),
        ("Hutton extended the deadline on its offer to Monday.", "1987-04-03", "Monday", "1987-04-06"),
        ("The court adjourned the hearing to Monday.", "1987-04-08", "Monday", "1987-04-13"),
        # "due to" a noun in -cy/-ty/-ment/-ance/-ence is a cause, not a plan
        ("Regulators closed the savings bank on Friday due to insolvency.", "1987-03-30", "Friday", "1987-03-27"),
        # a departure told in the present is a plan
        ("The minister, who leaves for Moscow on Tuesday, met the president.", "1987-03-15", "Tuesday", "1987-03-17"),
        ("Baldrige leaves on Saturday on a trip to Asia, officials said.", "1987-03-05", "Saturday", "1987-03-07"),
        ("The ship departs on Friday, the agent said.", "1987-03-10", "Friday", "1987-03-13"),
        ("He and Arafat meet separately Monday with Albright.", "1998-05-01", "Monday", "1998-05-04"),
        ("Officials said the minister is likely to go to Moscow on Tuesday.", "1987-03-05", "Tuesday", "1987-03-10"),
        # the verb of the date beats a modal farther off in the clause
        ("The documents would formalise the agreement reached in March on the debt.", "1987-06-29", "March", "1987-03"),
        (
            "He said the bank will apply the reforms announced on Tuesday by the minister.",
            "1987-03-01",
            "Tuesday",
            "1987-02-24",
        ),
        # "ended" right before the date is its verb, as strong as an auxiliary
        (
            "Deals are likely to account for eight pct of trade in the nine months ended December.",
            "1987-03-01",
            "December",
            "1986-12",
        ),
        ("The company expects net for the quarter ended May 2 to rise.", "1987-03-01", "May 2", "1986-05-02"),
        # an "-ed" adjective right before the date is no verb of it
        ("The company said it will pay accrued second quarter dividends.", "1987-03-01", "second quarter", "1987-Q2"),
    ],
)
def test_tense_cues(text: str, published: str, surface: str, value: str) -> None:
    assert values(text, published).get(surface) == value


@pytest.mark.parametrize(
    "text",
    [
        "Foreigners could leave as soon as the threats end.",
        "That is very important to the future of our peoples.",
        "It helped us to win, like the film High Noon.",
        "The stock will have a dividend rate of $1.76 a year.",
        "This will add nearly 700 seats a week on the route.",
        "Iraq imports about three-quarters of its food.",
        "GM will permanently lay off 850 hourly workers at its plant.",
        "It gave bonuses to 93,000 hourly and salaried employees.",
        "Peru was current on interest payments, the official said.",  # up to date, not the present
    ],
)
def test_look_alikes_in_news(text: str) -> None:
    assert [(t.surface, t.value) for t in tag(text, published=PUBLISHED)] == []


def test_two_thousand_years_is_a_duration_not_the_year_2000() -> None:
    found = [(t.surface, t.type, t.value) for t in tag("The empire lasted more than two thousand years.")]
    assert found == [("more than two thousand years", "DURATION", "P2000Y")]


def test_rule_lookaheads_see_past_the_expression() -> None:
    # the rule was re-run on the span alone, so "current(?= year)" and "recent(?= weeks)" never held
    assert values("The crisis worsened in recent talks.").get("recent") == "PAST_REF"
    assert values("Trading closed at 0900 GMT on Tuesday.").get("0900 GMT on Tuesday") == "1989-10-31T09:00"


def test_clock_time_after_a_year_takes_publication_day() -> None:
    found = values("Kopp was seen in 1997. At 10 p.m. he left.", "1999-04-19")
    assert found["10 p.m."] == "1999-04-19T22:00"


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        # a year-less date stays in the publication year unless the tense contradicts that by two months
        ("Taylor stepped down as chairman in March.", "1989-11-02", "March", "1989-03"),
        ("The offer was extended to Nov. 16.", "1989-10-30", "Nov. 16", "1989-11-16"),
        ("He said on Dec. 28 that talks had failed.", "1990-01-10", "Dec. 28", "1989-12-28"),
        ("They will meet again in March.", "1989-11-02", "March", "1990-03"),
    ],
)
def test_year_less_dates_stay_in_the_publication_year(text: str, published: str, surface: str, value: str) -> None:
    assert values(text, published).get(surface) == value


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Debt will be cut by year-end.", "year-end", "1989"),
        ("It will be paid by the end of the year.", "the end of the year", "1989"),
        ("Analysts expect growth in coming months.", "coming months", "FUTURE_REF"),
        ("Prices fell a week or so ago.", "a week or so ago", "1989-W43"),
        # "the fall" as autumn: after a preposition of time, with a year, before another season
        ("The plant opened in the spring and closes in the fall.", "the fall", "1989-FA"),
        ("It will be completed by the fall of 1990.", "the fall of 1990", "1990-FA"),
        ("Sales rose because of the fall and winter rains.", "the fall", "1989-FA"),
        ("The fall season was poor.", "The fall", "1989-FA"),
        ("It assumed that year-end prices would hold.", "year-end", "1989"),  # not "that year"
        ("Sales were nearly six pct higher than the same year ago period.", "year ago", "1988"),  # not "the same year"
        ("Money supply rose 48.22 pct in the year to end-February.", "the year", "P1Y"),
        ("Inflation was 16.9 pct in the year to January.", "the year", "P1Y"),
    ],
)
def test_more_news_forms(text: str, surface: str, value: str) -> None:
    assert values(text).get(surface) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the same period of 1984" / "in 1985": the quarter under discussion in that year, which stays the
        # quarter under discussion
        (
            "Fourth-quarter orders rose. They matched the record for the same period of 1984. In the quarter, sales rose.",
            [("Fourth-quarter", "1986-Q4"), ("the same period of 1984", "1984-Q4"), ("the quarter", "1986-Q4")],
        ),
        (
            "Fourth-quarter net rose from the same period in 1985. In the quarter, sales rose.",
            [
                ("Fourth-quarter", "1986-Q4"),
                ("the same period", "1985-Q4"),
                ("1985", "1985"),
                ("the quarter", "1986-Q4"),
            ],
        ),
        # a month may open a sentence ("December sales were …"); "the same month in 1985" is that month then
        (
            "December sales were 22.2 billion dlrs, up 2.8 pct from the same month in 1985.",
            [("December", "1986-12"), ("the same month", "1985-12"), ("1985", "1985")],
        ),
        # but not a market report's contract month, nor a name
        ("July was up 13 cents. September bond futures fell. June said no.", []),
        # a market's spread of contract months is the coming months, whatever the tense
        ("Egypt bought wheat for May/June shipment.", [("May", "1987-05"), ("June", "1987-06")]),
        ("Dealers said the May/July backwardation settled.", [("May", "1987-05"), ("July", "1987-07")]),
        ("Dealers said June traded at 20 cents over July.", [("June", "1986-06"), ("July", "1987-07")]),
        # a pair of months without a market word is a stretch of the calendar
        ("GNP grew in October/December.", [("October", "1986-10"), ("December", "1986-12")]),
        # a price table's "May 2,560" is no date
        ("Prices: May 2,560 (2,560).", []),
    ],
)
def test_reuters_quarters_and_months(text: str, expected: list[tuple[str, str]]) -> None:
    """Forms read on Reuters-21578 in March 1987: the same period, months opening a sentence, market months."""
    assert [(t.surface, t.value) for t in tag(text, published="1987-03-02")] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a rate after "pct" or a counted noun is no duration
        "It expects real growth of five pct a year.",
        "Earnings were rising 7.75 pct annually.",
        "The country exports about 3.3 mln 60-kilo bags a year.",
        "The mine processed 30,000 tonnes of ore a month.",
        "Car production could fall by 150 cars a day.",
        "It will sell about 17 billion dlrs in exports a year.",
        "Volume rose to about 5,000 to 10,000 contracts a day.",
    ],
)
def test_rates_after_a_counted_noun_are_no_durations(text: str) -> None:
    assert [(t.surface, t.value) for t in tag(text, published="1987-03-02")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # still durations: after a preposition or a verb, before "of" or "'s"
        ("Brazil pays no interest on 5 mln dlrs for a year.", [("a year", "P1Y")]),
        (
            "The 6.25 pct eight-year bullet indicates a week of active trading.",
            [("eight-year", "P8Y"), ("a week", "P1W")],
        ),
        ("It is giving 2,000 workers a month's holiday.", [("a month", "P1M")]),
        ("Some 3,500 will be laid off a week.", [("a week", "P1W")]),
        # "a year before" at the end of a clause is "a year earlier"
        ("Sales were 40.8 mln dlrs, up from 38.7 mln dlrs a year before.", [("a year before", "1986")]),
        ("Profit fell to 52.1 pct from 56.7 pct a year before, it said.", [("a year before", "1986")]),
    ],
)
def test_durations_and_a_year_before_next_to_counts(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.surface, t.value) for t in tag(text, published="1987-03-02")] == expected


@pytest.mark.parametrize(
    "text",
    [
        # one unit compared with the next is no stretch of time
        "The index showed a year-on-year rise of 3.4 pct.",
        "M2 rose 16.25 pct on a year on year basis.",
        "Output rose 2.4 pct on a month-on-month basis.",
        "The index was up on a year-over-year basis.",
        "The year on year rate was 4.2 pct, the bureau said.",
        "Sales fell after 15 consecutive year-on-year drops.",
        "He will play a role in the day-to-day management of the firm.",
    ],
)
def test_unit_on_unit_comparisons_are_no_timexes(text: str) -> None:
    assert [(t.surface, t.value) for t in tag(text, published="1987-03-02")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # energy is no stretch of time
        (
            "Production in the 52 weeks ended February 28 was 2,558.83 billion kilowatt hours, up 2.2 pct.",
            [("the 52 weeks", "P52W"), ("February 28", "1987-02-28")],
        ),
        ("Consumption was 47.47 billion kilowatt-hours.", []),
        ("It will sell about 30,000 megawatt-hours.", []),
        # a contract month before a bond's or a forward's term is no day of the month
        ("June 10-year bond futures, the only month to trade, were steady.", [("10-year", "P10Y")]),
        (
            "Dealers cited a squeeze in the April 15-day forward Brent market.",
            [("April", "1987-04"), ("15-day", "P15D")],
        ),
    ],
)
def test_energy_units_and_contract_terms(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.surface, t.value) for t in tag(text, published="1987-03-02")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the wire spells out days under ten
        (
            "Qtly div 12 cts vs 12 cts prior\n    Pay April one\n    Record March 20",
            [("April one", "1987-04-01"), ("March 20", "1987-03-20")],
        ),
        (
            "Sales for the five weeks ended April Four rose 4.6 pct.",
            [("the five weeks", "P5W"), ("April Four", "1987-04-04")],
        ),
        ("The rights expire July three 1988, the company said.", [("July three 1988", "1988-07-03")]),
        # not a count, a compound or a modal
        ("The February three-month average rose.", [("February", "1987-02"), ("three-month", "P3M")]),
        ("In April two banks raised their rates.", [("April", "1987-04")]),
        ("He fears the government may one day veer too far.", [("one day", "FUTURE_REF")]),
    ],
)
def test_days_spelled_out_after_a_month(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.surface, t.value) for t in tag(text, published="1987-03-02")] == expected


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        # an ordinal or "same" before the year of a quarter; a year-like number is no count of units
        ("Exports rose from 1.57 billion in the final 1986 quarter.", "the final 1986 quarter", "1986-Q4"),
        ("Growth was negative in the first 1987 quarter.", "the first 1987 quarter", "1987-Q1"),
        ("It lost 558,800 dlrs in its LAST 1986 QUARTER.", "LAST 1986 QUARTER", "1986-Q4"),
        ("GDP was up 3.3 pct on the same 1985 quarter.", "the same 1985 quarter", "1985-Q4"),
        ("It expects to record a loss for the entire 1987 year.", "the entire 1987 year", "1987"),
        ("Sales were 953 mln for the 1986 full year.", "the 1986 full year", "1986"),
        (
            "It produced 2,578 cars in February, down from 5,922 in the same 1986 month.",
            "the same 1986 month",
            "1986-02",
        ),
    ],
)
def test_ordinal_or_same_before_the_year_of_a_period(text: str, surface: str, value: str) -> None:
    assert values(text, "1987-03-20").get(surface) == value


def test_the_same_month_last_year_counts_from_publication() -> None:
    text = (
        "Exports to the USSR were down in January at 362,000 tonnes from 489,000 in January 1986, but other "
        "countries received 210,000 tonnes, against 80,000 tonnes in the same month last year."
    )
    assert values(text, "1987-03-13").get("the same month") == "1986-01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the wire's fractions: "3-1/2 years" is no "2 years"
        ("It was sentenced to 3-1/2 years in jail.", [("3-1/2 years", "P3Y6M")]),
        ("The loan has a 7-1/2 year grace period.", [("7-1/2 year", "P7Y6M")]),
        ("Arguments by attorneys lasted 1-1/2 days.", [("1-1/2 days", "P1DT12H")]),
        # a plain number before a bare unit: a clock or a year, no vague stretch of time
        ("The meeting is set for 1900 hours local time.", [("1900 hours local time", "1987-03-02T19:00")]),
        ("Turnover rose in the first two 1987 months.", [("1987", "1987")]),
        ("Airplanes with over 40,000 hours of flight time.", [("hours", "PTXH")]),
    ],
)
def test_fractions_and_numbers_before_units(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.surface, t.value) for t in tag(text, published="1987-03-02")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the wire's clock: "1100 hrs EST", "at 2300 hours", no count of 2,300 hours
        ("Offers are due by 1100 hrs EST, March 24.", [("1100 hrs EST, March 24", "1987-03-24T11:00")]),
        ("Trading will begin at 0930 hrs EST tomorrow.", [("0930 hrs EST tomorrow", "1987-03-03T09:30")]),
        ("Shell will revise pump prices of petrol from 2300 hours local.", [("2300 hours", "1987-03-02T23:00")]),
        (
            "The amount will be set between 0700 and 0730 hours GMT.",
            [("0700", "1987-03-02T07:00"), ("0730 hours GMT", "1987-03-02T07:30")],
        ),
    ],
)
def test_wire_clock_times_in_hours(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.surface, t.value) for t in tag(text, published="1987-03-02")] == expected
