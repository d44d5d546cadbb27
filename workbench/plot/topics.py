"""Plots of topics and terms: topic trends, term trends, and a dispersion ("barcode") plot of terms.

Each returns a matplotlib Figure (built without pyplot, so no GUI backend is needed) with the data behind it
as ``fig.data``, a DataFrame that can be saved beside the image and tested without looking at pixels.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from workbench.analysis.kwic import match_spans
from workbench.analysis.term_trends import term_trends as term_trends_table
from workbench.analysis.term_trends import topic_trends as topic_trends_table

__all__ = ["topic_trends", "term_trends", "dispersion"]


def _lines(data: pd.DataFrame, series: str, ylabel: str, title: str, empty: str) -> Figure:
    fig = Figure(figsize=(9, 4.5))
    ax = fig.add_subplot()
    if data.empty:
        ax.text(0.5, 0.5, empty, ha="center", va="center", transform=ax.transAxes)
    else:
        wide = data.pivot_table(index="period", columns=series, values="value", aggfunc="sum", sort=False)
        for name in wide.columns:
            ax.plot(wide.index, wide[name], marker="o", label=str(name))
        ax.legend(loc="upper left", fontsize="small", frameon=False)
    ax.set_xlabel("period (publication date)")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    fig.autofmt_xdate()
    fig.data = data  # type: ignore[attr-defined]
    return fig


def topic_trends(
    topics: Any,
    *,
    freq: str = "W",
    measure: str = "share",
    unit: str = "articles",
    topic_ids: list[int] | None = None,
    title: str | None = None,
) -> Figure:
    """Topic share (or dominant-topic article count) per period; one line per topic, labelled by top terms."""
    data = topic_trends_table(topics, freq=freq, measure=measure, unit=unit)
    if topic_ids is not None:
        data = data[data["topic_id"].isin(topic_ids)]
    data = data.assign(topic=data["topic_id"].astype(str) + ": " + data["label"].astype(str))
    ylabel = "share of articles' topic weight" if measure == "share" else f"{unit} (strongest topic)"
    return _lines(data, "topic", ylabel, title or "Topics over time", "no dated articles")


def term_trends(
    corpus: Any,
    terms: Any,
    *,
    freq: str = "W",
    measure: str = "count",
    unit: str = "articles",
    title: str | None = None,
) -> Figure:
    """Uses of each term per period; ``corpus`` is anything with ``articles`` and ``tokens`` frames."""
    data = term_trends_table(corpus.articles, corpus.tokens, terms, freq=freq, measure=measure, unit=unit)
    ylabel = {"count": "uses", "per_1k": "uses per 1,000 words", "articles": "articles using it"}[measure]
    return _lines(data, "term", ylabel, title or "Terms over time", "no dated articles")


def dispersion(corpus: Any, terms: Any, *, article_id: str | None = None, title: str | None = None) -> Figure:
    """Where each term occurs: one row per term, one tick per use (a "barcode").

    Across one article (``article_id``) the x axis is the word position in it; across the corpus, the articles
    are laid end to end in publication order (undated last) and the x axis is the word offset in that run.
    """
    term_list = [terms] if isinstance(terms, str) else list(terms)
    articles = corpus.articles
    tokens = corpus.tokens
    if article_id is not None:
        articles = articles[articles["article_id"].astype(str) == str(article_id)]
        tokens = tokens[tokens["article_id"].astype(str) == str(article_id)]
    order = articles.assign(article_id=articles["article_id"].astype(str))
    if "published" in order:
        order = order.sort_values("published", kind="stable", na_position="last")
    sizes = tokens.groupby(tokens["article_id"].astype(str)).size().reindex(order["article_id"]).fillna(0)
    offsets = sizes.cumsum() - sizes
    hits = (
        match_spans(tokens, term_list).rename(columns={"query": "term"})
        if len(tokens)
        else pd.DataFrame(columns=["article_id", "token_id", "term", "start", "end"])
    )
    hits["article_id"] = hits["article_id"].astype(str)
    hits["position"] = hits["token_id"].astype(int) + hits["article_id"].map(offsets).fillna(0).astype(int)
    data = hits[["term", "article_id", "token_id", "start", "end", "position"]].reset_index(drop=True)
    fig = Figure(figsize=(9, 0.6 * len(term_list) + 1.5))
    ax = fig.add_subplot()
    for row, term in enumerate(term_list):
        xs = data.loc[data["term"] == term, "position"]
        ax.vlines(xs, row - 0.4, row + 0.4, linewidth=1)
    ax.set_yticks(range(len(term_list)), term_list)
    ax.set_ylim(-0.6, len(term_list) - 0.4)
    ax.invert_yaxis()
    ax.set_xlim(0, max(int(sizes.sum()), 1))
    ax.set_xlabel("word position" + (" in the article" if article_id is not None else " across the corpus"))
    ax.set_title(title or "Dispersion of terms")
    if article_id is None and len(offsets) > 1:
        for x in offsets.iloc[1:]:
            ax.axvline(x, color="0.85", linewidth=0.5, zorder=0)
    fig.data = data  # type: ignore[attr-defined]
    return fig
