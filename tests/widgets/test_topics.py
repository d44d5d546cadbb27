"""The topics explorer, driven from code: the trend, terms and articles follow the chosen topic."""

from __future__ import annotations

from pathlib import Path

import pytest

import workbench as wb
from workbench.widgets import topics


@pytest.fixture(scope="module")
def seed() -> wb.Corpus:
    return wb.load(Path(__file__).resolve().parents[2] / "seeds")


def test_one_article_corpus_gets_paragraph_topics(seed: wb.Corpus) -> None:
    explorer = topics(seed)
    assert explorer.topics.level == "paragraph" and len(explorer.topic.options) >= 2
    assert set(explorer.data["topic_id"]) == {explorer.topic.value}
    assert explorer.plot.format == "svg+xml" and bytes(explorer.plot.value).startswith(
        b"<?xml"
    )  # crisp at any pixel ratio


def test_choosing_a_topic_changes_trend_terms_and_articles(seed: wb.Corpus) -> None:
    explorer = topics(seed)
    first_terms = explorer.term_rows["term"].tolist()
    other = explorer.topic.options[1][1]
    explorer.topic.value = other
    assert set(explorer.data["topic_id"]) == {other}
    assert set(explorer.term_rows["topic_id"]) == {other} and explorer.term_rows["term"].tolist() != first_terms
    assert explorer.article_rows["weight"].is_monotonic_decreasing
    assert explorer.term_rows["term"].iloc[0] in explorer.terms.value


def test_measure_articles_counts_strongest_topic(seed: wb.Corpus) -> None:
    explorer = topics(seed)
    explorer.measure.value = "articles"
    assert explorer.data["value"].isin([0, 1]).all()
