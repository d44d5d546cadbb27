"""Plots of actors: mentions over time and co-occurrence. Each returns a matplotlib Figure with the data
behind it as ``fig.data`` (a DataFrame), so it can be saved beside the image and tested without pixels."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure


def actor_trends(
    corpus: Any,
    *,
    actors: Any = None,
    freq: str = "W",
    date: str = "published",
    measure: str = "mentions",
    title: str | None = None,
) -> Figure:
    """Line plot of actor mentions over time (``corpus.actor_trends``); ``corpus`` may also be its frame."""
    data = (
        corpus
        if isinstance(corpus, pd.DataFrame)
        else corpus.actor_trends(actors=actors, freq=freq, date=date, measure=measure)
    )
    fig = Figure(figsize=(9, 4.5))
    ax = fig.add_subplot()
    if data.empty:
        ax.text(0.5, 0.5, "no dated actor mentions", ha="center", va="center", transform=ax.transAxes)
    else:
        wide = data.pivot_table(index="period", columns="actor", values="value", aggfunc="sum").sort_index()
        for name in wide.columns:
            ax.plot(wide.index, wide[name], marker="o", label=str(name))
        ax.legend(loc="upper left", fontsize="small", frameon=False)
    ax.set_xlabel(f"period ({freq}, {date} date)")
    ax.set_ylabel(measure)
    ax.set_title(title or f"Actor {measure} over time")
    fig.autofmt_xdate()
    fig.data = data  # type: ignore[attr-defined]
    return fig


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
