"""Plots of actors: mentions over time and co-occurrence. Each returns a matplotlib Figure with the data
behind it as ``fig.data`` (a DataFrame), so it can be saved beside the image and tested without pixels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from workbench.plot.layout import Span, attach_data, clear_axes, corpus_span
from workbench.plot.trends import draw_trends

if TYPE_CHECKING:
    from workbench import Corpus

__all__ = ["actor_trends", "cooccurrence"]


def actor_trends(
    corpus: Corpus | pd.DataFrame,
    *,
    actors: str | Sequence[str] | None = None,
    freq: str = "W",
    date: str = "published",
    measure: str = "mentions",
    title: str | None = None,
    ax: Axes | None = None,
    span: Span | None = None,
    figsize: tuple[float, float] = (9, 4.5),
) -> Figure:
    """Actor mentions over time (``corpus.actor_trends``), one line per actor; ``corpus`` may be its frame.

    Referred dates far outside the corpus (more than ``layout.DATE_MARGIN`` beyond its publication span, or
    ``span`` when given) are left out of the axis and counted in a note under the figure (``fig.notes``);
    ``fig.data`` keeps every row. One period is drawn as bars; more than a few actors get their legend
    outside the plot. ``ax``: draw into these axes (cleared first) instead of a new Figure, so that a live
    explorer redraws one figure; the axes' figure is returned, with the new ``fig.data``.

    >>> frame = pd.DataFrame({"period": pd.to_datetime(["2025-11-03", "2025-11-10"]), "actor_id": "pakistan",
    ...                       "actor": "Pakistan", "value": [3, 5]})
    >>> fig = actor_trends(frame)
    >>> again = actor_trends(frame.head(1), ax=fig.axes[0])
    >>> again is fig, len(fig.data), len(fig.axes[0].patches)
    (True, 1, 1)
    """
    if isinstance(corpus, pd.DataFrame):
        data = corpus
    else:
        data = corpus.actor_trends(actors=actors, freq=freq, date=date, measure=measure)
        span = span or corpus_span(corpus)
    if ax is None:
        fig = Figure(figsize=figsize)
        ax = fig.add_subplot()
    else:
        fig = clear_axes(ax)
    noun = {"share": "period's share", "articles": "article", "stories": "story"}.get(measure, "mention")
    draw_trends(
        ax,
        data,
        series="actor",
        freq=freq,
        date=date,
        span=span,
        noun=noun,
        counts=measure != "share",
        empty="no dated actor mentions",
    )
    ax.set_ylabel(measure)
    ax.set_title(title or f"Actor {measure} over time")
    attach_data(fig, data)
    return fig


def cooccurrence(
    corpus: Corpus | pd.DataFrame, *, level: str = "sentence", top: int = 15, title: str | None = None
) -> Figure:
    """Heat map of the ``top`` most mentioned actors' co-occurrence counts (``corpus.cooccurrence``)."""
    data = corpus if isinstance(corpus, pd.DataFrame) else corpus.cooccurrence(level=level)
    fig = Figure(figsize=(7.5, 6.5))
    ax = fig.add_subplot()
    if data.empty:
        ax.text(0.5, 0.5, "no co-occurring actors", ha="center", va="center", transform=ax.transAxes)
    else:
        weight = pd.concat([data.groupby("actor_a")["count"].sum(), data.groupby("actor_b")["count"].sum()])
        names = list(weight.groupby(level=0).sum().sort_values(ascending=False).index[:top])
        sub = data[data["actor_a"].isin(names) & data["actor_b"].isin(names)]
        matrix = pd.DataFrame(0, index=names, columns=names)
        for row in sub.itertuples():
            matrix.loc[row.actor_a, row.actor_b] = row.count
            matrix.loc[row.actor_b, row.actor_a] = row.count
        image = ax.imshow(matrix.to_numpy(), cmap="Blues")
        ax.set_xticks(range(len(names)), names, rotation=60, ha="right", fontsize="small")
        ax.set_yticks(range(len(names)), names, fontsize="small")
        for i in range(len(names)):
            for j in range(len(names)):
                if matrix.iat[i, j]:
                    ax.text(j, i, str(matrix.iat[i, j]), ha="center", va="center", fontsize="x-small")
        bar = fig.colorbar(image, ax=ax, shrink=0.7, label=f"{level}s together")
        bar.locator = MaxNLocator(integer=True)  # counts: whole numbers
        bar.update_ticks()
    ax.set_title(title or f"Actors mentioned in the same {level}")
    fig.tight_layout()
    attach_data(fig, data)
    return fig
