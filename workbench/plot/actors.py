"""Plots of actors: mentions over time and co-occurrence. Each returns a matplotlib Figure with the data
behind it as ``fig.data`` (a DataFrame), so it can be saved beside the image and tested without pixels."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure


def actor_trends(
    corpus: Any,
    *,
    actors: Any = None,
    freq: str = "W",
    date: str = "published",
    measure: str = "mentions",
    title: str | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (9, 4.5),
) -> Figure:
    """Line plot of actor mentions over time (``corpus.actor_trends``); ``corpus`` may also be its frame.

    ``ax``: draw into these axes (cleared first) instead of a new Figure, so that a live explorer redraws one
    figure; the axes' figure is returned, with the new ``fig.data``.

    >>> frame = pd.DataFrame({"period": pd.to_datetime(["2025-11-03", "2025-11-10"]), "actor_id": "pakistan",
    ...                       "actor": "Pakistan", "value": [3, 5]})
    >>> fig = actor_trends(frame)
    >>> again = actor_trends(frame.head(1), ax=fig.axes[0])
    >>> again is fig, len(fig.data)
    (True, 1)
    """
    data = (
        corpus
        if isinstance(corpus, pd.DataFrame)
        else corpus.actor_trends(actors=actors, freq=freq, date=date, measure=measure)
    )
    if ax is None:
        fig = Figure(figsize=figsize)
        ax = fig.add_subplot()
    else:
        fig = ax.figure  # type: ignore[assignment]
        # remove what the last call drew (cheaper than ax.clear(), which rebuilds the axis machinery)
        for artist in [*ax.lines, *ax.texts]:
            artist.remove()
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        ax.set_prop_cycle(None)
        ax.relim()
        ax.autoscale()
    if data.empty:
        ax.text(0.5, 0.5, "no dated actor mentions", ha="center", va="center", transform=ax.transAxes)
    else:
        wide = data.pivot_table(index="period", columns="actor", values="value", aggfunc="sum").sort_index()
        marker = "o" if len(wide) <= 60 else None  # markers on hundreds of days only cost drawing time
        for name in wide.columns:
            ax.plot(wide.index, wide[name], marker=marker, markersize=4, label=str(name))
        ax.legend(loc="upper left", fontsize="small", frameon=False)
        _frame_axes(ax, wide, freq)
    ax.set_xlabel(f"period ({freq}, {date} date)")
    ax.set_ylabel(measure)
    ax.set_title(title or f"Actor {measure} over time")
    ax.tick_params(axis="x", labelrotation=30)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    fig.subplots_adjust(bottom=0.2)
    fig.data = data  # type: ignore[attr-defined]
    return fig


def _frame_axes(ax: Axes, wide: pd.DataFrame, freq: str) -> None:
    """Counts start at 0; a single period gets a few periods of room instead of matplotlib's years."""
    top = float(wide.max().max())
    ax.set_ylim(0, top * 1.15 if top > 0 else 1)
    if len(wide) == 1:
        step = {"D": pd.Timedelta(days=1), "W": pd.Timedelta(weeks=1)}.get(freq.upper()[:1], pd.Timedelta(days=31))
        only = pd.Timestamp(wide.index[0])
        ax.set_xlim(only - 2 * step, only + 2 * step)


def cooccurrence(corpus: Any, *, level: str = "sentence", top: int = 15, title: str | None = None) -> Figure:
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
        fig.colorbar(image, ax=ax, shrink=0.7, label=f"{level}s together")
    ax.set_title(title or f"Actors mentioned in the same {level}")
    fig.tight_layout()
    fig.data = data  # type: ignore[attr-defined]
    return fig
