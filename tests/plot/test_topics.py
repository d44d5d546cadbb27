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
