"""Plot a timeline of dated statements: events on a date axis, one row per actor.

>>> import pandas as pd
>>> frame = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 3],
...     "date": pd.to_datetime(["2025-10-29", "2025-11-06"]), "granularity": ["day", "day"],
...     "value": ["2025-10-29", "2025-11-06"], "text": ["Talks failed.", "They meet again."],
...     "actors": [["Pakistan"], ["Pakistan", "Afghan Taliban"]]})
>>> fig = timeline(frame)
>>> fig.data[["actor", "date"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['Pakistan', Timestamp('2025-10-29 00:00:00')], ['Afghan Taliban', Timestamp('2025-11-06 00:00:00')],
 ['Pakistan', Timestamp('2025-11-06 00:00:00')]]
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

__all__ = ["timeline", "NO_ACTOR"]

#: Row label of dated statements that name no actor.
NO_ACTOR = "(no actor)"


def _frame(data: object) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        return data
    if hasattr(data, "timeline"):
        return data.timeline()  # type: ignore[no-any-return, attr-defined]
    raise TypeError(f"timeline() needs a Corpus or a timeline DataFrame, not {type(data).__name__}")


def timeline(
    data: object,
    *,
    actors: str | Collection[str] | None = None,
    top: int = 8,
    start: object = None,
    end: object = None,
    title: str | None = "Timeline of dated statements",
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Events of ``data`` (a Corpus or a frame from ``corpus.timeline()``) by date, one row per actor.

    Args:
        actors: actor name(s) to show; by default the ``top`` actors with the most dated statements, plus a
            row for statements that name no actor.
        start, end: date range to show (anything ``pandas.Timestamp`` accepts).
    Returns:
        A matplotlib Figure; ``fig.data`` holds one row per plotted point (``actor``, ``date``,
        ``granularity``, ``value``, ``article_id``, ``sentence_id``, ``text``).
    """
    frame = _frame(data)
    cols = ["actor", "date", "granularity", "value", "article_id", "sentence_id", "text"]
    if len(frame):
        frame = frame.loc[frame["date"].notna()]
        if start is not None:
            frame = frame.loc[frame["date"] >= pd.Timestamp(start)]  # type: ignore[arg-type]
        if end is not None:
            frame = frame.loc[frame["date"] <= pd.Timestamp(end)]  # type: ignore[arg-type]
        points = frame.assign(actor=[list(a) if len(a) else [NO_ACTOR] for a in frame["actors"]]).explode("actor")
    else:
        points = pd.DataFrame(columns=cols)
    if actors is not None:
        wanted = [actors] if isinstance(actors, str) else list(actors)
        points = points.loc[points["actor"].isin(wanted)]
        order = [a for a in wanted if a in set(points["actor"])]
    else:
        counts = points.loc[points["actor"] != NO_ACTOR, "actor"].value_counts()
        order = list(counts.index[:top]) + ([NO_ACTOR] if (points["actor"] == NO_ACTOR).any() else [])
        points = points.loc[points["actor"].isin(order)]
    points = points[cols].sort_values(["date", "actor"], kind="stable").reset_index(drop=True)

    fig = Figure(figsize=figsize or (9, 1.2 + 0.45 * max(len(order), 1)), layout="constrained")
    ax = fig.add_subplot()
    if len(points):
        rows = {actor: i for i, actor in enumerate(reversed(order))}
        for actor, group in points.groupby("actor", sort=False):
            ax.scatter(group["date"], [rows[actor]] * len(group), s=36, alpha=0.8, label=str(actor))
        ax.set_yticks(list(rows.values()), list(rows.keys()))
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.grid(axis="x", alpha=0.3)
    else:
        ax.text(0.5, 0.5, "no dated statements", ha="center", va="center", transform=ax.transAxes)
        ax.set_yticks([])
    if title:
        ax.set_title(title)
    fig.data = points  # type: ignore[attr-defined]
    return fig
