"""TIMEX3 tagging and resolution: the seed's acceptance, common news forms, bad input, the table contract."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from workbench.dates.timexes import TIMEX_COLUMNS, tag, timexes_table
from workbench.dates.values import value_date
from workbench.text import sentences as segment

PUBLISHED = "2025-11-05"  # a Wednesday
SEED_NAME = "000_911338bfee1af513.txt"


def seed_body(path) -> str:
    """The seed's body as the loader gives it: no headline, no dateline, no trailing furniture."""
    body = path.read_text(encoding="utf-8").split("\n", 1)[1].strip()
    body = body.removeprefix("ISLAMABAD: ")
    return body[: body.index("LEAVE A REPLY")].rstrip()


def frames(texts: dict[str, str], published: dict[str, object]) -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = pd.DataFrame(
        {
            "article_id": list(texts),
            "text": list(texts.values()),
            "published": pd.to_datetime([published.get(a) for a in texts]),
        }
    )
    rows = [
        (aid, i, pid, s, e, text[s:e]) for aid, text in texts.items() for i, (s, e, pid) in enumerate(segment(text))
    ]
    sentences = pd.DataFrame(rows, columns=["article_id", "sentence_id", "paragraph_id", "start", "end", "text"])
    return articles, sentences


@pytest.fixture(scope="module")
def seed_text(seeds_dir) -> str:
    return seed_body(seeds_dir / SEED_NAME)


@pytest.fixture(scope="module")
def seed_timexes(seed_text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for t in tag(seed_text, published=PUBLISHED):
        found.setdefault(t.surface, []).append(t.value)
    return found


@pytest.mark.parametrize(
    ("surface", "value"),
    [
        ("Wednesday", "2025-11-05"),
        ("October 25", "2025-10-25"),
        ("October 29", "2025-10-29"),
        ("November 6", "2025-11-06"),
        ("October 11", "2025-10-11"),
        ("today", "2025-11-05"),
        ("tomorrow morning", "2025-11-06TMO"),
        ("next week", "2025-W46"),
        ("less than a week", "P1W"),
        ("recent weeks", "PAST_REF"),
    ],
)
def test_seed_acceptance(seed_timexes: dict[str, list[str]], surface: str, value: str) -> None:
    assert value in seed_timexes.get(surface, []), seed_timexes


def test_seed_types(seed_text: str) -> None:
    types = {t.surface: t.type for t in tag(seed_text, published=PUBLISHED)}
    assert types["less than a week"] == "DURATION"
    assert types["tomorrow morning"] == "TIME"
    assert types["October 25"] == "DATE"


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The deal was signed on Oct. 25, 2025.", "Oct. 25, 2025", "2025-10-25"),
        ("It was signed on 25 October.", "25 October", "2025-10-25"),
        ("The file is dated 2025-10-25.", "2025-10-25", "2025-10-25"),
        ("They met on Friday, Oct 31.", "Friday, Oct 31", "2025-10-31"),
        ("Prices rose in October.", "October", "2025-10"),
        ("Growth slowed in 2024.", "2024", "2024"),
        ("Sales were weak in the 1990s.", "the 1990s", "199"),
        ("Profit rose in the third quarter.", "the third quarter", "2025-Q3"),
        ("Last summer the river flooded.", "Last summer", "2025-SU"),
        ("He arrived yesterday.", "yesterday", "2025-11-04"),
        ("They met last week.", "last week", "2025-W44"),
        ("He said it earlier this week.", "earlier this week", "2025-W45"),
        ("It happened two days ago.", "two days ago", "2025-11-03"),
        ("Elections are due next month.", "next month", "2025-12"),
        ("Inflation fell this year.", "this year", "2025"),
        ("A 48-hour ceasefire began.", "48-hour", "PT48H"),
        ("He served three years in prison.", "three years", "P3Y"),
        ("The magazine appears weekly.", "weekly", "P1W"),
        ("They meet every year.", "every year", "P1Y"),
        ("He recently resigned.", "recently", "PAST_REF"),
        ("It is now clear.", "now", "PRESENT_REF"),
        ("Talks will resume soon.", "soon", "FUTURE_REF"),
        ("The vote is at 3 p.m. on Thursday.", "3 p.m. on Thursday", "2025-11-06T15:00"),
        ("They will meet again on Friday.", "Friday", "2025-11-07"),
        ("They met on Friday.", "Friday", "2025-10-31"),
        ("Talks collapsed in July.", "July", "2025-07"),
        ("Talks will resume in February.", "February", "2026-02"),
        ("Results are due on Dec. 15.", "Dec. 15", "2025-12-15"),
        ("The plan took 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("It lasted 4.5 years.", "4.5 years", "P4Y6M"),
        ("Profit rose in the third quarter; in the same quarter sales fell.", "the same quarter", "2025-Q3"),
        ("Profit rose in the first quarter, and in the following quarter it fell.", "the following quarter", "2025-Q2"),
        ("Profit rose in the third quarter, from 5 mln in the same quarter of 2023.", "the same quarter", "2023-Q3"),
        ("Profit rose in the third quarter, from 5 mln in the same quarter last year.", "the same quarter", "2024-Q3"),
        (
            "Load factor was 66.8 pct in February, up from 53.4 pct in the same month last year.",
            "the same month",
            "2024-02",
        ),
        ("Daylight time moves to the first Sunday in April.", "the first Sunday in April", "2026-04-05"),
        ("It fell on the last Thursday of November 2024.", "the last Thursday of November 2024", "2024-11-28"),
        # a delivery month is the coming one, whatever the tense of the report
        ("The key July delivery traded at 573.50 dlrs an ounce.", "July", "2026-07"),
        ("The November contract closed lower.", "November", "2025-11"),
        ("The association said shipments fell in July.", "July", "2025-07"),
        # a present tense of schedule looks forward
        ("The board meets on Monday.", "Monday", "2025-11-10"),
        ("The dispute goes to the Commission on Monday, they said.", "Monday", "2025-11-10"),
        ("The offer closes on Friday.", "Friday", "2025-11-07"),
        ("Hog slaughter 131,000 head versus 129,000 week ago.", "week ago", "2025-W44"),
        ("Four weeks ago - 1628.9\n    Year ago - 1453.8", "Year ago", "2024"),
    ],
)
def test_forms_and_resolution(text: str, surface: str, value: str) -> None:
    found = {t.surface: t.value for t in tag(text, published=PUBLISHED)}
    assert found.get(surface) == value, found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("They met on October 25.", "XXXX-10-25"),
        ("They met on Friday.", "XXXX-WXX-5"),
        ("They met last week.", "XXXX-WXX"),
    ],
)
def test_unresolvable_parts_stay_x(text: str, value: str) -> None:
    assert [t.value for t in tag(text)] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Asif may meet them.",
        "May I ask a question?",
        "Protesters will march on the capital.",
        "The Sun reported the talks had stalled.",
        "He read The Sun and the Sunday Times.",
        "A 6-year-old boy was hurt.",
        "Prices rose 1,990 points to 2050 tonnes.",
        # no expression starts inside a number: the tail of "9,549,308" is no count of years
        "Revs 8,871,874 vs 9,549,308\n    Year\n    Shr loss 60 cts",
        "Net 1.1 mln vs 994,000\n    Year\n    Shr 8 cts",
        "The dollar eased to 1.3071/76 Canadian dollars from 1.3080/85.",
        # newspapers, not recurrences
        "It has opportunities in China, the China Daily said.",
        "The official People's Daily reported the figures.",
        "The party daily said that talks had failed.",
        "The magazine Jane's Defence Weekly said so.",
        # a fall is a decline unless a preposition of time, a year or another season says it is autumn
        "The fall in oil prices hurt earnings.",
        "He attributed the fall to the rising Taiwan dollar.",
        "Dealers expect the fall of the dollar to go on.",
        "The fall was largely due to lower prices.",
        "Indonesia, hurt by the fall in oil prices, cut spending.",
        # names and look-alikes
        "He ran 20th Century Fox Film Corp.",
        "Orders are accepted in the final half hour.",
    ],
)
def test_words_that_only_look_like_dates(text: str) -> None:
    assert [(t.surface, t.value) for t in tag(text, published=PUBLISHED)] == []


@pytest.mark.parametrize("text", ["After 1,250 hours, 2,500.5 days and 12,000 years.", "It was 4.5 years."])
def test_no_expression_starts_inside_a_number(text: str) -> None:
    found = tag(text, published=PUBLISHED)
    assert found
    assert all(not (t.start >= 2 and text[t.start - 1] in ",." and text[t.start - 2].isdigit()) for t in found), found


@pytest.mark.parametrize(
    "text", ["The fund pays interest daily.", "It flies three daily flights.", "The regular weekly Treasury auction."]
)
def test_recurrences_next_to_names_still_count(text: str) -> None:
    assert [t.type for t in tag(text, published=PUBLISHED)] == ["SET"]


def test_a_bare_clock_time_is_on_the_day_named_nearby_else_on_publication() -> None:
    near = "The council met on Friday, Oct. 31. The vote came at 3 p.m."
    assert [t.value for t in tag(near, published=PUBLISHED)][-1] == "2025-10-31T15:00"
    filler = " Prices were mixed in thin trade, dealers said." * 10
    far = "Profit rose in the 11 months ended Oct. 31." + filler + " Gold was trading at midday."
    assert [t.value for t in tag(far, published=PUBLISHED)][-1] == "2025-11-05T12:00"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The bank acted at 1100 GMT, March 24. The following day it cut rates.", "1987-03-25"),
        ("The board met on Friday at 3 p.m. and the next day it resigned.", "1987-03-28"),
        ("Offers were above yesterday midday levels, and below yesterday's midday quotes.", "1987-03-29T12:00"),
    ],
)
def test_a_clock_time_on_a_named_day_anchors_what_follows(text: str, value: str) -> None:
    assert [t.value for t in tag(text, published="1987-03-30")][-1] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Exports rose in the first two months of this year from 1.87 billion in the same period last year.", "P2M"),
        ("Output rose 5 pct in the first nine months of 1986 from the year-earlier period.", "P9M"),
        # a quarter reported after the months is the period again
        ("Sales rose in the first nine months. Third quarter net fell from the same period of 1985.", "1985-Q3"),
    ],
)
def test_the_same_period_after_the_first_months_is_as_long(text: str, value: str) -> None:
    periods = [t.value for t in tag(text, published="1987-03-24") if "period" in t.surface]
    assert periods == [value]


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("The issue, launched by Nomura on January 8 this year and due 1992, was swapped.", "1987-04-13", "1987-01-08"),
        ("The officials picked March 5 next year for the vote.", "1987-03-02", "1988-03-05"),
        ("Deposits totalled 1.67 billion at June 30 last year.", "1987-03-18", "1986-06-30"),
    ],
)
def test_a_date_takes_the_year_named_right_after_it(text: str, published: str, value: str) -> None:
    assert [t.value for t in tag(text, published=published)][0] == value


def test_the_end_of_a_year_written_with_a_hyphen() -> None:
    found = [
        (t.surface, t.value)
        for t in tag(
            "Reserves were 5 billion at end-1986, 6 billion at end-February and will be 8 billion by mid-1988.",
            published="1987-04-13",
        )
    ]
    assert found == [("end-1986", "1986"), ("end-February", "1987-02"), ("mid-1988", "1988")]


def test_a_possessive_year_before_a_quarter() -> None:
    found = [
        (t.surface, t.value)
        for t in tag(
            "Net rose from 19 cts a share in 1985's fourth quarter; operation starts in 1988's first quarter.",
            published="1987-04-13",
        )
    ]
    assert found == [("1985's fourth quarter", "1985-Q4"), ("1988's first quarter", "1988-Q1")]
    found = [
        (t.surface, t.value)
        for t in tag("It earned 5 cts in the first quarter of fiscal 1986.", published="1987-04-13")
    ]
    assert found == [("the first quarter of fiscal 1986", "1986-Q1")]


def test_the_half_of_a_month_is_no_half_year() -> None:
    found = [
        (t.surface, t.value)
        for t in tag("They meet in the second half of May, not in the first half of 1988.", published="1987-03-01")
    ]
    assert found == [("the second half of May", "1987-05"), ("the first half of 1988", "1988-H1")]


def test_may_and_march_as_months_still_count() -> None:
    values = [t.value for t in tag("Elections were held in May and talks began in March.", published=PUBLISHED)]
    assert values == ["2025-05", "2025-03"]


@pytest.mark.parametrize(
    "text",
    [
        "It is due on February 30, 2025.",
        "The file is dated 2025-13-01.",
        "Filed on 2025-02-29.",
        "See 13/45/2025.",
    ],
)
def test_impossible_dates_are_not_emitted(text: str) -> None:
    for t in tag(text, published=PUBLISHED):
        assert t.type != "DATE" or value_date(t.value)[0] is not None or "X" in t.value, t


def test_february_30_without_year() -> None:
    assert [t.value for t in tag("It is due on February 30.", published=PUBLISHED)] == []


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "1" * n,
        lambda n: " ".join(["2025"] * (n // 5)),
        lambda n: "\u0661\u0662" * (n // 2),  # Arabic-Indic digits
        lambda n: "May " * (n // 4),
        lambda n: "-".join(["12"] * (n // 3)),
    ],
)
def test_adversarial_inputs_take_linear_time(make) -> None:
    # CPU time of this process (the wall clock of a shared machine measures the other jobs as well), the best
    # of three runs of each size: one run of the small input is short enough for a pause to double it
    small, big = make(20_000), make(200_000)
    tag(make(2_000), sentences=[(0, 2_000)])  # patterns compile on first use

    def cpu(text: str) -> float:
        runs = []
        for _ in range(3):
            t0 = time.process_time()
            tag(text, sentences=[(0, len(text))])
            runs.append(time.process_time() - t0)
        return min(runs)

    t_small, t_big = cpu(small), cpu(big)
    assert t_big < 5.0
    assert t_big < 40 * max(t_small, 1e-3)  # 10x the input: linear is 10x, quadratic 100x


def test_a_megabyte_of_digits_is_fast() -> None:
    text = "7" * 1_000_000
    t0 = time.perf_counter()
    assert tag(text, sentences=[(0, len(text))]) == []
    assert time.perf_counter() - t0 < 5.0


def test_table_contract(seed_text: str) -> None:
    texts = {"seed": seed_text, "undated": "They met on Friday. Talks resume next week."}
    articles, sentences = frames(texts, {"seed": PUBLISHED})
    table = timexes_table(articles, sentences)
    assert list(table.columns) == TIMEX_COLUMNS
    assert str(table["date"].dtype) == "datetime64[ns]"
    for row in table.itertuples():
        text = texts[row.article_id]
        assert text[row.start : row.end] == row.surface
        sent = sentences[(sentences.article_id == row.article_id) & (sentences.sentence_id == row.sentence_id)]
        assert sent.start.iloc[0] <= row.start and row.end <= sent.end.iloc[0]
    seed = table[table.article_id == "seed"].set_index("surface")
    assert seed.loc["next week", "granularity"] == "week"
    assert seed.loc["next week", "date"] == pd.Timestamp("2025-11-10")
    assert table[table.article_id == "undated"]["date"].isna().all()


def test_table_of_no_articles() -> None:
    articles, sentences = frames({}, {})
    assert list(timexes_table(articles, sentences).columns) == TIMEX_COLUMNS


def test_offsets_never_cross_sentences() -> None:
    text = "It ended on October\n\n25 people died."
    spans = segment(text)
    for t in tag(text, published=PUBLISHED, sentences=spans):
        assert any(s <= t.start and t.end <= e for s, e, _ in spans)
