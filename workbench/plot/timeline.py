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

import weakref
from collections.abc import Collection
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.figure import Figure

from workbench.errors import WrongTypeError
from workbench.plot.layout import Span, attach_data, corpus_span, date_axis, date_window, finish

if TYPE_CHECKING:
    from workbench import Corpus

__all__ = ["timeline", "NO_ACTOR"]

#: Row label of dated statements that name no actor.
NO_ACTOR = "(no actor)"
COLUMNS = ["actor", "date", "granularity", "value", "article_id", "sentence_id", "text"]


def _frame(data: Corpus | pd.DataFrame) -> tuple[pd.DataFrame, Span | None]:
    if isinstance(data, pd.DataFrame):
        return data, None
    if hasattr(data, "timeline"):
        return data.timeline(), corpus_span(data)
    raise WrongTypeError(f"timeline() needs a Corpus or a timeline DataFrame, not {type(data).__name__}")


#: The last frame given to ``timeline_points`` (a weak reference) and its dated statements, one row per actor.
_LAST: list[tuple[weakref.ref[pd.DataFrame], pd.DataFrame]] = []


def _points(frame: pd.DataFrame) -> pd.DataFrame:
    if _LAST and _LAST[0][0]() is frame:
        return _LAST[0][1]
    if not len(frame):
        return pd.DataFrame(columns=COLUMNS)
    dated = frame.loc[frame["date"].notna()]
    points = dated.assign(actor=[list(a) if len(a) else [NO_ACTOR] for a in dated["actors"]]).explode("actor")
    _LAST[:] = [(weakref.ref(frame), points)]
    return points


def timeline_points(
    frame: pd.DataFrame,
    *,
    actors: str | Collection[str] | None = None,
    top: int = 8,
    start: object = None,
    end: object = None,
) -> tuple[pd.DataFrame, list[str]]:
    """The points of a timeline plot (one per statement and actor, ``COLUMNS``) and the rows' order.

    The frame's statements, one row per actor, are kept for the last frame seen (while it lives), so an
    explorer that redraws one timeline for other actors or dates does not split its lists again; the frame
    is read, never changed (a frame changed in place after a call is not seen)."""
    points = _points(frame)
    if len(points):
        if start is not None:
            points = points.loc[points["date"] >= pd.Timestamp(start)]
        if end is not None:
            points = points.loc[points["date"] <= pd.Timestamp(end)]
    if actors is not None:
        wanted = [actors] if isinstance(actors, str) else list(actors)
        points = points.loc[points["actor"].isin(wanted)]
        order = [a for a in wanted if a in set(points["actor"])]
    else:
        counts = points.loc[points["actor"] != NO_ACTOR, "actor"].value_counts()
        order = list(counts.index[:top]) + ([NO_ACTOR] if (points["actor"] == NO_ACTOR).any() else [])
        points = points.loc[points["actor"].isin(order)]
    points = points[COLUMNS].sort_values(["date", "actor"], kind="stable").reset_index(drop=True)
    return points, order


def timeline(
    data: Corpus | pd.DataFrame,
    *,
    actors: str | Collection[str] | None = None,
    top: int = 8,
    start: object = None,
    end: object = None,
    span: Span | None = None,
    title: str | None = "Timeline of dated statements",
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """Events of ``data`` (a Corpus or a frame from ``corpus.timeline()``) by date, one row per actor.

    Args:
        actors: actor name(s) to show; by default the ``top`` actors with the most dated statements, plus a
            row for statements that name no actor.
        start, end: date range to show (anything ``pandas.Timestamp`` accepts).
        span: the corpus's publication span (first, last); taken from the corpus when one is given. Dates
            further than ``layout.DATE_MARGIN`` outside it are left out of the axis and counted in a note
            under the figure (``fig.notes``); ``fig.data`` keeps them.
    Returns:
        A matplotlib Figure; ``fig.data`` holds one row per point (``actor``, ``date``, ``granularity``,
        ``value``, ``article_id``, ``sentence_id``, ``text``), drawn or not.
    """
    frame, corpus_dates = _frame(data)
    points, order = timeline_points(frame, actors=actors, top=top, start=start, end=end)
    fig = Figure(figsize=figsize or (9, 1.6 + 0.45 * max(len(order), 1)), layout="constrained")
    ax = fig.add_subplot()
    note = ""
    if len(points):
        per_statement = points.groupby(["article_id", "sentence_id", "value"])["actor"].transform("size")
        window = date_window(points["date"], span=span or corpus_dates, weights=1 / per_statement)
        drawn = points[window.keep.to_numpy()]
        rows = {actor: i for i, actor in enumerate(reversed(order))}
        for actor, group in drawn.groupby("actor", sort=False):
            ax.scatter(group["date"], [rows[actor]] * len(group), s=36, alpha=0.8, label=str(actor))
        ax.set_yticks(list(rows.values()), list(rows.keys()))
        ax.set_ylim(-0.6, len(rows) - 0.4)
        date_axis(ax, window, pad=pd.Timedelta(days=1))
        ax.grid(axis="x", alpha=0.3)
        note = window.note("statement")
    else:
        ax.text(0.5, 0.5, "no dated statements", ha="center", va="center", transform=ax.transAxes)
        ax.set_yticks([])
    if title:
        ax.set_title(title)
    finish(fig, ax, note=note)
    attach_data(fig, points)
    return fig
