"""The topics explorer, driven from code: a coarse topic lists its fine topics; the trend, terms and articles
follow the topic chosen (coarse, or one of its fine topics)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import workbench as wb
from tests.topics.wire import WIRE
from workbench.analysis.vectors import frames_from_texts
from workbench.topics.model import topics as fit
from workbench.widgets import topics
from workbench.widgets.topics import WHOLE


@pytest.fixture(scope="module")
def seed() -> wb.Corpus:
    return wb.load(Path(__file__).resolve().parents[2] / "seeds")


def test_one_article_corpus_gets_paragraph_topics(seed: wb.Corpus) -> None:
    explorer = topics(seed)
    assert explorer.topics.unit == "paragraph" and len(explorer.topic.options) >= 2
    assert set(explorer.data["topic_id"]) == {explorer.topic.value}
    assert explorer.plot.format == "svg+xml" and bytes(explorer.plot.value).startswith(b"<?xml")  # crisp at any ratio
    assert explorer.shown == ("coarse", explorer.topic.value)


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


@pytest.fixture(scope="module")
def wire_topics():
    frames = frames_from_texts(WIRE, published={k: f"2025-10-{10 + i % 9}" for i, k in enumerate(WIRE)})
    return frames, fit(*frames, unit="article", n_topics=2, n_fine=2)


def test_a_coarse_topic_lists_its_fine_topics_and_one_can_be_chosen(wire_topics) -> None:
    frames, fitted = wire_topics

    class Wire:
        articles, sentences, tokens = frames

    explorer = topics(Wire(), topics=fitted)
    coarse = explorer.topic.value
    children = fitted.children(coarse)
    assert len(children) == 2 and explorer.fine_rows["topic_id"].tolist() == children
    assert [v for _, v in explorer.subtopic.options] == [None, *children] and explorer.subtopic.value is None
    assert explorer.subtopic.options[0][0] == WHOLE
    explorer.subtopic.value = children[1]
    assert explorer.shown == ("fine", children[1]) and set(explorer.data["topic_id"]) == {children[1]}
    assert set(explorer.term_rows["topic_id"]) == {children[1]}
    fine = fitted.fine.dominant().set_index("article_id")["topic_id"]
    assert set(explorer.article_rows["article_id"]) >= set(fine[fine == children[1]].index[:1])
    # another coarse topic: its own fine topics, back to the whole topic
    explorer.topic.value = explorer.topic.options[1][1]
    assert explorer.subtopic.value is None and explorer.shown == ("coarse", explorer.topic.options[1][1])
    assert explorer.fine_rows["topic_id"].tolist() == fitted.children(explorer.topic.value)


def test_kept_tables_give_what_the_plain_paths_give(wire_topics, monkeypatch) -> None:
    """The explorer's kept trends and per-topic rows: the same figure (its data and its SVG), terms and
    articles as the plot and filters of the whole tables, at both levels, for every period and measure."""
    import matplotlib

    from workbench.plot.layout import figure_data
    from workbench.plot.topics import topic_trends
    from workbench.widgets.render import figure_image

    monkeypatch.setitem(matplotlib.rcParams, "svg.hashsalt", "same ids in every SVG")
    frames, fitted = wire_topics

    class Wire:
        articles, sentences, tokens = frames

    explorer = topics(Wire(), topics=fitted)
    seen = 0
    for coarse in [v for _, v in explorer.topic.options] * 2:  # the second round reads what was kept
        explorer.topic.value = coarse
        for fine in [v for _, v in explorer.subtopic.options]:
            explorer.subtopic.value = fine
            shown = fitted.coarse if fine is None else fitted.fine
            topic_id = coarse if fine is None else fine
            for freq, measure in (("W", "share"), ("D", "articles")):
                explorer.freq.value, explorer.measure.value = freq, measure
                plain = topic_trends(shown, topic_ids=[topic_id], freq=freq, measure=measure)
                pd.testing.assert_frame_equal(explorer.data, figure_data(plain))
                assert bytes(explorer.plot.value) == figure_image(plain)[0]
                terms = shown.terms[shown.terms["topic_id"] == topic_id].sort_values("rank").head(explorer.n_terms)
                pd.testing.assert_frame_equal(explorer.term_rows.drop(columns="weight"), terms.drop(columns="weight"))
                docs = shown.doc_topics[shown.doc_topics["topic_id"] == topic_id]
                best = docs.sort_values("weight", ascending=False).head(explorer.n_articles)
                assert explorer.article_rows["article_id"].tolist() == best["article_id"].tolist()
                seen += 1
    assert seen >= 8 and len(explorer._trends) == 8  # 2 levels x the 4 periods and measures passed through
