"""Topic shares and term frequencies per period, articles vs unique stories."""

from __future__ import annotations

import pytest

from workbench.analysis.term_trends import term_trends, topic_trends
from workbench.analysis.vectors import WorkbenchError, frames_from_texts
from workbench.topics.model import topics

TEXTS = {
    "a": "Ceasefire talks in Istanbul. Ceasefire talks resume on the mechanism.",
    "b": "Istanbul talks on the ceasefire mechanism. Talks again.",
    "b2": "Istanbul talks on the ceasefire mechanism. Talks again.",
    "c": "The constitutional amendment draft reaches parliament. Amendment debate.",
    "d": "Parliament passes the constitutional amendment draft.",
    "u": "Undated ceasefire talks.",
}
DATES = {"a": "2025-10-06", "b": "2025-10-15", "b2": "2025-10-15", "c": "2025-10-16", "d": "2025-10-30"}


@pytest.fixture(scope="module")
def frames():
    return frames_from_texts(TEXTS, published=DATES, duplicate_of={"b2": "b"})


def test_term_trends_fill_gaps_and_count_stories(frames):
    articles, _, tokens = frames
    weekly = term_trends(articles, tokens, ["talks", "constitutional amendment"], freq="W")
    assert weekly["period"].nunique() == 4  # weeks of Oct 6, 13, 20 (empty), 27
    talks = weekly[weekly["term"] == "talks"].set_index("period")["value"]
    assert talks.tolist() == [2.0, 4.0, 0.0, 0.0]
    stories = term_trends(articles, tokens, "talks", freq="W", unit="stories")
    assert stories["value"].tolist() == [2.0, 2.0, 0.0, 0.0]
    assert weekly.attrs["undated"] == 1
    monthly = term_trends(articles, tokens, "ceasefire", freq="M", measure="articles")
    assert monthly["value"].tolist() == [3.0]


def test_topic_trends_shares(frames):
    articles, sentences, tokens = frames
    result = topics(articles, sentences, tokens, level="article", n_topics=2)
    shares = topic_trends(result, freq="W")
    assert set(shares.columns) == {"period", "topic_id", "label", "value"}
    per_period = shares.groupby("period")["value"].sum()
    assert per_period.round(6).isin([0.0, 1.0]).all()
    counts = topic_trends(result, freq="W", measure="articles", unit="stories")
    assert counts["value"].sum() == 4  # a, b, c, d: the duplicate and the undated article left out


def test_bad_options(frames):
    articles, _, tokens = frames
    with pytest.raises(WorkbenchError, match="freq"):
        term_trends(articles, tokens, "talks", freq="Y")
    with pytest.raises(WorkbenchError, match="unit"):
        term_trends(articles, tokens, "talks", unit="papers")
