"""The timeline of dated statements and its plot."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.analysis.timeline import TIMELINE_COLUMNS, timeline_table
from workbench.dates.timexes import timexes_table
from workbench.plot.timeline import NO_ACTOR, timeline
from workbench.text import sentences as segment

TEXT = (
    "Talks failed on October 29. Asif said they resume on November 6. "
    "Officials met for three hours. Pakistan and Qatar spoke today."
)


@pytest.fixture
def tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    articles = pd.DataFrame({"article_id": ["a"], "text": [TEXT], "published": pd.to_datetime(["2025-11-05"])})
    sentences = pd.DataFrame(
        [("a", i, pid, s, e, TEXT[s:e]) for i, (s, e, pid) in enumerate(segment(TEXT))],
        columns=["article_id", "sentence_id", "paragraph_id", "start", "end", "text"],
    )
    return articles, sentences, timexes_table(articles, sentences)


def test_one_row_per_dated_statement_sorted(tables) -> None:
    articles, sentences, timexes = tables
    table = timeline_table(articles, sentences, timexes)
    assert list(table.columns[: len(TIMELINE_COLUMNS)]) == TIMELINE_COLUMNS
    assert list(table["value"]) == ["2025-10-29", "2025-11-05", "2025-11-06"]  # the duration is left out
    assert table["date"].is_monotonic_increasing
    assert table.loc[0, "text"] == "Talks failed on October 29."
    assert all(a == [] for a in table["actors"])


def test_actors_come_from_mentions(tables) -> None:
    articles, sentences, timexes = tables
    mentions = pd.DataFrame(
        {
            "article_id": ["a", "a", "a"],
            "sentence_id": [3, 3, 1],
            "start": [100, 90, 30],
            "actor": ["Qatar", "Pakistan", "Khawaja Asif"],
        }
    )
    table = timeline_table(articles, sentences, timexes, mentions).set_index("value")
    assert table.loc["2025-11-05", "actors"] == ["Pakistan", "Qatar"]
    assert table.loc["2025-11-06", "actors"] == ["Khawaja Asif"]
    assert table.loc["2025-10-29", "actors"] == []


def test_empty_timexes_give_an_empty_timeline(tables) -> None:
    articles, sentences, timexes = tables
    table = timeline_table(articles, sentences, timexes.iloc[0:0])
    assert len(table) == 0 and set(TIMELINE_COLUMNS) <= set(table.columns)


def test_plot_has_its_data(tables) -> None:
    articles, sentences, timexes = tables
    mentions = pd.DataFrame({"article_id": ["a"], "sentence_id": [3], "start": [90], "actor": ["Pakistan"]})
    frame = timeline_table(articles, sentences, timexes, mentions)
    fig = timeline(frame)
    assert set(fig.data["actor"]) == {"Pakistan", NO_ACTOR}
    assert len(fig.data) == 3
    only = timeline(frame, actors="Pakistan").data
    assert list(only["actor"]) == ["Pakistan"]


def test_plot_accepts_a_corpus_like_object(tables) -> None:
    articles, sentences, timexes = tables

    class FakeCorpus:
        def timeline(self) -> pd.DataFrame:
            return timeline_table(articles, sentences, timexes)

    fig = timeline(FakeCorpus(), start="2025-11-01")
    assert list(fig.data["value"]) == ["2025-11-05", "2025-11-06"]
    assert fig.axes[0].get_title()


def test_plot_of_nothing(tables) -> None:
    articles, sentences, timexes = tables
    fig = timeline(timeline_table(articles, sentences, timexes.iloc[0:0]))
    assert fig.data.empty
