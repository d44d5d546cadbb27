"""Plots of topics and terms: topic trends, term trends, and a dispersion ("barcode") plot of terms.

Each returns a matplotlib Figure (built without pyplot, so no GUI backend is needed) with the data behind it
as ``fig.data``, a DataFrame that can be saved beside the image and tested without looking at pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from workbench.analysis.kwic import match_spans
from workbench.analysis.term_trends import term_trends as term_trends_table
from workbench.analysis.term_trends import topic_trends as topic_trends_table
from workbench.plot.layout import attach_data, finish, plural
from workbench.plot.trends import draw_trends

if TYPE_CHECKING:
    from workbench import Corpus
    from workbench.topics.model import Topics

__all__ = ["topic_trends", "term_trends", "dispersion"]

#: Across more word positions than this, the dispersion plot counts uses per bin instead of one tick per use.
BARCODE_WORDS = 20_000
#: Bins of the binned dispersion plot (each a row's cell, shaded by the term's uses in it).
DISPERSION_BINS = 120


def _lines(data: pd.DataFrame, series: str, ylabel: str, title: str, empty: str, freq: str, counts: bool) -> Figure:
    fig = Figure(figsize=(9, 4.5))
    ax = fig.add_subplot()
    draw_trends(ax, data, series=series, freq=freq, date="publication", counts=counts, empty=empty)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    attach_data(fig, data)
    return fig


def topic_trends(
    topics: Topics,
    *,
    freq: str = "W",
    measure: str = "share",
    unit: str = "articles",
    topic_ids: list[int] | None = None,
    title: str | None = None,
) -> Figure:
    """Topic share (or dominant-topic article count) per period; one line per topic, labelled by top terms.

    One period is drawn as bars (one per topic); more than a few topics get their legend outside the plot.
    """
    data = topic_trends_table(topics, freq=freq, measure=measure, unit=unit)
    if topic_ids is not None:
        data = data[data["topic_id"].isin(topic_ids)]
    data = data.assign(topic=data["topic_id"].astype(str) + ": " + data["label"].astype(str))
    ylabel = "share of articles' topic weight" if measure == "share" else f"{unit} (strongest topic)"
    return _lines(data, "topic", ylabel, title or "Topics over time", "no dated articles", freq, measure != "share")


def term_trends(
    corpus: Corpus,
    terms: str | Sequence[str],
    *,
    freq: str = "W",
    measure: str = "count",
    unit: str = "articles",
    title: str | None = None,
) -> Figure:
    """Uses of each term per period; ``corpus`` is anything with ``articles`` and ``tokens`` frames."""
    data = term_trends_table(corpus.articles, corpus.tokens, terms, freq=freq, measure=measure, unit=unit)
    ylabel = {"count": "uses", "per_1k": "uses per 1,000 words", "articles": "articles using it"}[measure]
    return _lines(data, "term", ylabel, title or "Terms over time", "no dated articles", freq, measure != "per_1k")


def dispersion(
    corpus: Corpus,
    terms: str | Sequence[str],
    *,
    article_id: str | None = None,
    title: str | None = None,
) -> Figure:
    """Where each term occurs: one row per term, across one article or the whole corpus.

    Across one article (``article_id``) the x axis is the word position in it; across the corpus, the
    articles are laid end to end in publication order (undated last). Up to ``BARCODE_WORDS`` word positions,
    each use is a tick (a "barcode"); beyond, the run is cut into ``DISPERSION_BINS`` bins and each row is
    shaded by its term's uses per bin (darkest: that term's busiest bin), so a frequent term on Reuters is
    not a solid bar. The row labels count each term's uses; ``fig.data`` lists every use with its position.
    """
    term_list = [terms] if isinstance(terms, str) else list(terms)
    data, sizes, order = _dispersion_data(corpus, term_list, article_id)
    total = max(int(sizes.sum()), 1)
    counts = data["term"].value_counts()
    labels = [f"{t} ({counts.get(t, 0):,})" for t in term_list]
    fig = Figure(figsize=(9, 0.5 * len(term_list) + 1.8))
    ax = fig.add_subplot()
    binned = total > BARCODE_WORDS
    if binned:
        _dispersion_bins(ax, data, term_list, total)
    else:
        for row, term in enumerate(term_list):
            ax.vlines(data.loc[data["term"] == term, "position"], row - 0.4, row + 0.4, linewidth=1)
        if article_id is None and 1 < len(sizes) <= 200:
            for x in (sizes.cumsum() - sizes).iloc[1:]:
                ax.axvline(x, color="0.85", linewidth=0.5, zorder=0)
        ax.set_ylim(len(term_list) - 0.4, -0.6)
    ax.set_yticks(range(len(term_list)), labels)
    ax.set_xlim(0, total)
    where = " in the article" if article_id is not None else " across the corpus (articles in publication order)"
    ax.set_xlabel("word position" + where)
    if article_id is None:
        _date_ticks(ax, sizes, order)
    ax.set_title(title or "Dispersion of terms")
    words = plural(max(total // DISPERSION_BINS, 1), "word")
    note = f"Shaded by uses per bin of about {words}; darkest = the term's busiest bin."
    finish(fig, ax, note=note if binned else "", margins=(0.2, 0.2, 0.97, 0.88))
    attach_data(fig, data)
    return fig


def _dispersion_data(
    corpus: Corpus, term_list: list[str], article_id: str | None
) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """Every use of the terms with its position in the run of articles; the articles' sizes; their order."""
    articles = corpus.articles
    tokens = corpus.tokens
    if article_id is not None:
        articles = articles[articles["article_id"].astype(str) == str(article_id)]
        tokens = tokens[tokens["article_id"].astype(str) == str(article_id)]
    order = articles.assign(article_id=articles["article_id"].astype(str))
    if "published" in order:
        order = order.sort_values("published", kind="stable", na_position="last")
    order = order.drop_duplicates("article_id")
    sizes = tokens.groupby(tokens["article_id"].astype(str)).size().reindex(order["article_id"]).fillna(0)
    offsets = sizes.cumsum() - sizes
    hits = (
        match_spans(tokens, term_list).rename(columns={"query": "term"})
        if len(tokens)
        else pd.DataFrame(columns=["article_id", "token_id", "term", "start", "end"])
    )
    hits["article_id"] = hits["article_id"].astype(str)
    hits["position"] = hits["token_id"].astype(int) + hits["article_id"].map(offsets).fillna(0).astype(int)
    data = hits[["term", "article_id", "token_id", "start", "end", "position"]]
    return data.sort_values("position", kind="stable").reset_index(drop=True), sizes, order


def _dispersion_bins(ax: Axes, data: pd.DataFrame, term_list: list[str], total: int) -> None:
    """Each term's row shaded by its uses per bin, scaled to its own busiest bin."""
    edges = np.linspace(0, total, DISPERSION_BINS + 1)
    grid = np.zeros((len(term_list), DISPERSION_BINS))
    for row, term in enumerate(term_list):
        grid[row], _ = np.histogram(data.loc[data["term"] == term, "position"], bins=edges)
    peaks = grid.max(axis=1, keepdims=True)
    shade = np.divide(grid, peaks, out=np.zeros_like(grid), where=peaks > 0)
    ax.imshow(
        shade,
        aspect="auto",
        cmap="Blues",
        vmin=0,
        vmax=1,
        interpolation="nearest",
        extent=(0, total, len(term_list) - 0.5, -0.5),
    )


def _date_ticks(ax: Axes, sizes: pd.Series, order: pd.DataFrame) -> None:
    """Label positions across the corpus by the publication date of the article there (when dated)."""
    if "published" not in order or order["published"].nunique() < 2 or not len(sizes):
        return  # one date (or none) says nothing about where in the run a position lies
    ends = sizes.cumsum().to_numpy()
    published = pd.to_datetime(order["published"]).to_numpy()
    ticks = [t for t in ax.get_xticks() if 0 <= t <= ends[-1]]
    labels = []
    for tick in ticks:
        at = min(int(np.searchsorted(ends, tick, side="right")), len(ends) - 1)
        day = pd.Timestamp(published[at])
        labels.append(f"{int(tick):,}\n{day:%Y-%m-%d}" if not pd.isna(day) else f"{int(tick):,}")
    ax.set_xticks(ticks, labels)
