"""Regressions: bare 4-digit numbers read as years, and years that ``datetime64[ns]`` cannot hold.

Reuters-21578 reut2-000 says "reporting on a given day on trades entered by 1000 London time": the tagger
emitted a DATE ``1000`` there, and ``timexes_table`` then crashed converting 1000-01-01 to ``datetime64[ns]``.
"""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.dates.timexes import tag, timexes_table
from workbench.text import sentences as segment

PUBLISHED = "1987-03-02"


def values(text: str) -> dict[str, str]:
    return {t.surface: t.value for t in tag(text, published=PUBLISHED)}


def test_reuters_1000_london_time_is_not_the_year_1000() -> None:
    text = "It will report on trades entered by 1000 London time, designed to work with a plan."
    assert "1000" not in values(text)
    assert all(t.type != "DATE" or not t.value.startswith("1000") for t in tag(text, published=PUBLISHED))


@pytest.mark.parametrize(
    "text",
    [
        "At one point about 1700 lawsuits had been filed.",
        "The wires were held open until about 2000 or 2100 EST on both days.",
        "Trading resumes at 1500 hours.",
        "It shipped 2050 tonnes of sugar.",
        "It bought 1987 shares and 1990 dlrs of bonds.",
        "A total of 1200 workers were laid off.",
        "He took flight 1986 to Chicago.",
    ],
)
def test_numbers_that_are_not_years(text: str) -> None:
    assert [t for t in tag(text, published=PUBLISHED) if t.rule == "year"] == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Profits rose in 1986.", "1986", "1986"),
        ("The notes mature 2097.", "2097", "2097"),
        ("Columbus sailed in 1492.", "1492", "1492"),
        ("The firm has traded since 1850.", "1850", "1850"),
        ("The bonds are due in 2018.", "2018", "2018"),
    ],
)
def test_bare_years_in_range_or_context(text: str, surface: str, value: str) -> None:
    assert values(text).get(surface) == value


def test_table_date_out_of_datetime64_range_is_nat() -> None:
    texts = {"a": "Columbus sailed in 1492. Trade grew in 1986.", "b": "It was founded in May 1200."}
    published = pd.to_datetime([PUBLISHED] * 2)
    articles = pd.DataFrame({"article_id": list(texts), "text": list(texts.values()), "published": published})
    rows = [(aid, i, s, e) for aid, text in texts.items() for i, (s, e, _) in enumerate(segment(text))]
    sentences = pd.DataFrame(rows, columns=["article_id", "sentence_id", "start", "end"])
    table = timexes_table(articles, sentences).set_index("surface")
    assert str(table["date"].dtype) == "datetime64[ns]"
    assert table.loc["1492", "value"] == "1492" and pd.isna(table.loc["1492", "date"])
    assert table.loc["May 1200", "value"] == "1200-05" and pd.isna(table.loc["May 1200", "date"])
    assert table.loc["1986", "date"] == pd.Timestamp("1986-01-01")
