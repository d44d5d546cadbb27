"""Topic and term plots: Figures with their data attached, no GUI backend."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from matplotlib.figure import Figure

from workbench.analysis.vectors import frames_from_texts
from workbench.plot.topics import dispersion, term_trends, topic_trends
from workbench.topics.model import topics

TEXTS = {
    "a": "Ceasefire talks in Istanbul. Ceasefire talks resume.",
    "b": "Istanbul talks on the ceasefire mechanism.",
    "c": "The constitutional amendment draft reaches parliament.",
    "d": "Parliament passes the constitutional amendment draft.",
}
DATES = {"a": "2025-10-06", "b": "2025-10-15", "c": "2025-10-16", "d": "2025-10-30"}


@pytest.fixture(scope="module")
def corpus():
    articles, sentences, tokens = frames_from_texts(TEXTS, published=DATES)
    return SimpleNamespace(articles=articles, sentences=sentences, tokens=tokens)


def test_topic_trends_plot(corpus):
    result = topics(corpus.articles, corpus.sentences, corpus.tokens, level="article", n_topics=2)
    fig = topic_trends(result, freq="W")
    assert isinstance(fig, Figure)
    assert {"period", "topic_id", "label", "value"} <= set(fig.data.columns)
    assert len(fig.axes[0].lines) == 2


def test_term_trends_plot(corpus):
    fig = term_trends(corpus, ["talks", "constitutional amendment"], freq="W")
    assert fig.data.groupby("term")["value"].sum().to_dict() == {
        "constitutional amendment": 2.0,
        "talks": 3.0,
    }
    assert len(fig.axes[0].lines) == 2


def test_dispersion_plot(corpus, tmp_path):
    fig = dispersion(corpus, ["talks", "amendment"])
    assert list(fig.data.columns) == ["term", "article_id", "token_id", "start", "end", "position"]
    assert fig.data["position"].is_unique
    one = dispersion(corpus, "talks", article_id="a")
    assert one.data["position"].tolist() == [1, 6]  # token positions
    fig.savefig(tmp_path / "dispersion.png")  # renders with the Agg canvas, no display needed
    assert (tmp_path / "dispersion.png").stat().st_size > 0


def test_topic_trends_of_one_week_are_bars(seed) -> None:
    fig = topic_trends(seed.topics(level="auto"), freq="W")
    ax = fig.axes[0]
    assert len(ax.patches) == fig.data["topic_id"].nunique() >= 2 and not ax.lines
    assert ax.get_xlabel() == "week of 2025-11-03 (publication date)"


def test_dispersion_on_the_seed_is_a_barcode(seed) -> None:
    fig = dispersion(seed, ["pakistan", "qatar"])
    ax = fig.axes[0]
    counts = fig.data["term"].value_counts()
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        f"pakistan ({counts['pakistan']})",
        f"qatar ({counts['qatar']})",
    ]
    assert not ax.images and sum(len(c.get_segments()) for c in ax.collections) == len(fig.data)
    assert fig.notes == []


def test_dispersion_beyond_the_barcode_size_is_binned(corpus, monkeypatch) -> None:
    import workbench.plot.topics as plot_topics

    monkeypatch.setattr(plot_topics, "BARCODE_WORDS", 5)
    fig = dispersion(corpus, ["talks", "amendment"])
    ax = fig.axes[0]
    assert len(ax.images) == 1
    shade = ax.images[0].get_array()
    assert shade.shape == (2, plot_topics.DISPERSION_BINS) and shade.max() == 1.0
    assert fig.notes and fig.notes[0].startswith("Shaded by uses per bin")
    assert len(fig.data) == 5, "every use is still in the data"


@pytest.mark.shared
def test_dispersion_at_reuters_size_is_a_row_per_term(reuters) -> None:
    fig = dispersion(reuters, ["vs", "cts", "oil"])
    ax = fig.axes[0]
    shade = ax.images[0].get_array()
    assert shade.shape[0] == 3 and 0.0 < shade.mean() < 0.9, "shaded, not solid"
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert any(label.endswith("1987-03-02") or "1987-" in label for label in labels), "ticks name the dates"
    counts = fig.data["term"].value_counts()
    assert counts["vs"] > 10_000 and ax.get_yticklabels()[0].get_text() == f"vs ({counts['vs']:,})"
