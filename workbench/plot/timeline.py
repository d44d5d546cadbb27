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
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib import rcParams
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path

from workbench.errors import WrongTypeError
from workbench.plot.layout import Span, attach_data, clear_axes, corpus_span, date_axis, date_window, finish

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


@dataclass(frozen=True)
class _Points:
    """A frame's dated statements, one row per actor (``COLUMNS``), sorted by date and actor (stable), with
    what a filter needs as arrays: the dates (sorted), each row's actor code (into ``names``) and its place
    in the unsorted rows (``rank``, so that actors are counted in the order a plain pass meets them)."""

    rows: pd.DataFrame
    dates: np.ndarray
    codes: np.ndarray
    names: pd.Index
    rank: np.ndarray
    #: each row's statement (article, sentence and value), numbered
    statements: np.ndarray

    def code(self, name: str) -> int:
        """The code of actor ``name`` (-1 when no row names it)."""
        return int(self.names.get_indexer([name])[0])


#: The last frame given to ``timeline_points`` (a weak reference) and its dated statements, one row per actor.
_LAST: list[tuple[weakref.ref[pd.DataFrame], _Points]] = []


def _points(frame: pd.DataFrame) -> _Points:
    if _LAST and _LAST[0][0]() is frame:
        return _LAST[0][1]
    if len(frame):
        dated = frame.loc[frame["date"].notna()]
        exploded = dated.assign(actor=[list(a) if len(a) else [NO_ACTOR] for a in dated["actors"]]).explode("actor")
        exploded = exploded[COLUMNS].reset_index(drop=True)
    else:
        exploded = pd.DataFrame(columns=COLUMNS)
    rank = exploded[["date", "actor"]].sort_values(["date", "actor"], kind="stable").index.to_numpy()
    rows = exploded.take(rank).reset_index(drop=True)
    codes, names = pd.factorize(rows["actor"])
    statements = rows.groupby(["article_id", "sentence_id", "value"], sort=False).ngroup().to_numpy()
    points = _Points(rows, rows["date"].to_numpy(), codes, pd.Index(names), rank, statements)
    if len(frame):
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
    """The points of a timeline plot (one per statement and actor, ``COLUMNS``, by date and actor) and the
    rows' order: ``actors`` in the order given, or the ``top`` with the most statements in the range and
    ``NO_ACTOR`` last.

    The frame's statements, sorted once and kept for the last frame seen (while it lives), are sliced by
    date and filtered by actor code, so an explorer that redraws one timeline for other actors or dates
    neither splits its lists nor sorts again; the frame is read, never changed (a frame changed in place
    after a call is not seen)."""
    points = _points(frame)
    chosen, order = _select(points, actors=actors, top=top, start=start, end=end)
    return points.rows.take(chosen).reset_index(drop=True), order


def _select(
    points: _Points, *, actors: str | Collection[str] | None, top: int, start: object, end: object
) -> tuple[np.ndarray, list[str]]:
    """The positions in ``points.rows`` of the points to plot, and the rows' order (see ``timeline_points``)."""
    low, high = 0, len(points.dates)
    if high and start is not None:  # the dates are sorted: a range is a slice
        low = int(np.searchsorted(points.dates, np.datetime64(pd.Timestamp(start)), side="left"))
    if high and end is not None:
        high = int(np.searchsorted(points.dates, np.datetime64(pd.Timestamp(end)), side="right"))
    high = max(low, high)
    codes = points.codes[low:high]
    if actors is not None:
        wanted = [actors] if isinstance(actors, str) else list(actors)
        keep = np.isin(codes, [points.code(a) for a in wanted])
        present = set(np.unique(codes[keep]).tolist())
        order = [a for a in wanted if points.code(a) in present]
        return low + np.flatnonzero(keep), order
    counts = np.bincount(codes, minlength=len(points.names))
    named = np.flatnonzero(counts)
    no_actor = points.code(NO_ACTOR)
    named = named[named != no_actor]
    # most statements first; ties in the order a plain pass meets the actors (as ``value_counts`` sorts them)
    first = np.full(len(points.names), len(points.rank), dtype=points.rank.dtype)
    np.minimum.at(first, codes, points.rank[low:high])
    named = named[np.argsort(first[named], kind="stable")]
    ranked = named[np.argsort(-counts[named], kind="stable")]
    order = [str(points.names[c]) for c in ranked[:top]]
    order += [NO_ACTOR] if no_actor >= 0 and counts[no_actor] else []
    keep = np.isin(codes, [points.code(a) for a in order])
    return low + np.flatnonzero(keep), order


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
    ax: Axes | None = None,
) -> Figure:
    """Events of ``data`` (a Corpus or a frame from ``corpus.timeline()``) by date, one row per actor.

    Args:
        actors: actor name(s) to show; by default the ``top`` actors with the most dated statements, plus a
            row for statements that name no actor.
        start, end: date range to show (anything ``pandas.Timestamp`` accepts).
        span: the corpus's publication span (first, last); taken from the corpus when one is given. Dates
            further than ``layout.DATE_MARGIN`` outside it are left out of the axis and counted in a note
            under the figure (``fig.notes``); ``fig.data`` keeps them.
        ax: draw into these axes (emptied first, their figure resized) instead of a new Figure, so that a live
            explorer redraws one figure and keeps its ticks; the axes' figure is returned, with the new data.
    Returns:
        A matplotlib Figure; ``fig.data`` holds one row per point (``actor``, ``date``, ``granularity``,
        ``value``, ``article_id``, ``sentence_id``, ``text``), drawn or not.
    """
    frame, corpus_dates = _frame(data)
    prepared = _points(frame)
    chosen, order = _select(prepared, actors=actors, top=top, start=start, end=end)
    points = prepared.rows.take(chosen).reset_index(drop=True)
    size = figsize or (9, 1.6 + 0.45 * max(len(order), 1))
    if ax is None:
        fig = Figure(figsize=size)
        ax = fig.add_subplot()
    else:
        fig = clear_axes(ax)
        if not len(points):  # "no dated statements" is drawn on plain axes
            ax.cla()
        fig.set_size_inches(size)
    note = ""
    if len(points):
        statements = prepared.statements[chosen]  # a statement naming two actors counts half for each
        size = np.bincount(statements)[statements]
        window = date_window(points["date"], span=span or corpus_dates, weights=pd.Series(1 / size))
        drawn = points[window.keep.to_numpy()]
        rows = {actor: i for i, actor in enumerate(reversed(order))}
        dates = drawn["date"].to_numpy()  # datetime64: matplotlib converts it whole, not date by date
        codes, names = pd.factorize(drawn["actor"])  # in the order first drawn, as the colours go
        for code, actor in enumerate(names):
            at, stacked = np.unique(dates[codes == code], return_counts=True)
            ax.scatter(at, np.full(len(at), rows[actor], dtype=float), s=36, c=_stack(f"C{code}", stacked))
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
    finish(fig, ax, note=note, margins=_margins(fig, [str(a) for a in order] if len(points) else [], title=title))
    attach_data(fig, points)
    return fig


#: The opacity of one marker; a point on the same day and row as others is drawn once, as opaque as they
#: would be drawn one over another.
ALPHA = 0.8


def _stack(colour: str, stacked: np.ndarray) -> np.ndarray:
    """RGBA colours of markers that each stand for ``stacked`` markers of ``colour`` drawn at one place: the
    opacity of ``stacked`` layers of ``ALPHA``, so that the figure looks as if each were drawn (it draws far
    fewer: on Reuters, the days of its rows rather than its thousands of statements)."""
    colours = np.tile(to_rgba(colour), (len(stacked), 1))
    colours[:, 3] = 1 - (1 - ALPHA) ** stacked
    return colours


#: Room around a timeline's axes, in inches: right of it (the last date label), under it (the date labels and the
#: year under them), above it with and without a title, and between the row labels and the figure's edge.
ROOM = {"right": 0.3, "bottom": 0.55, "title": 0.4, "top": 0.15, "left": 0.25}


def _margins(fig: Figure, labels: Sequence[str], *, title: str | None) -> tuple[float, float, float, float]:
    """The axes' place (left, bottom, right, top as figure fractions) that leaves room for the row labels
    (measured as text paths, renderer-free and cached per label) and the date labels: laid out once, where a
    constrained layout would measure every text at every draw."""
    width, height = fig.get_figwidth(), fig.get_figheight()
    size = FontProperties(size=rcParams["ytick.labelsize"]).get_size_in_points()
    label = max((_label_width(text, size) for text in labels), default=0.0)
    left = label + ROOM["left"]
    top = ROOM["title"] if title else ROOM["top"]
    return (
        min(left / width, 0.6),
        min(ROOM["bottom"] / height, 0.4),
        1 - ROOM["right"] / width,
        max(1 - top / height, 0.6),
    )


@lru_cache(maxsize=4096)
def _label_width(text: str, size: float) -> float:
    """The width in inches of ``text`` set at ``size`` points in the default font."""
    width, _height, _descent = text_to_path.get_text_width_height_descent(text, FontProperties(size=size), False)
    return float(width) / 72
