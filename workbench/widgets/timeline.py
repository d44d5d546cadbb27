"""The timeline explorer: a date range and actors → the dated statements, plotted and listed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w
import numpy as np
import pandas as pd

from workbench.plot.layout import figure_data
from workbench.widgets.controls import date_range
from workbench.widgets.render import STYLE, show_figure, table_html

if TYPE_CHECKING:
    from workbench.corpus import Corpus

#: Rows listed under the plot (the count says how many there are).
MAX_LISTED = 100


class TimelineExplorer(w.VBox):
    """``dates`` (range slider), ``actors`` (several; none = the most frequent) → ``plot`` + ``table``.

    ``data`` is the frame behind the current plot (``figure_data(fig)`` of ``workbench.plot.timeline``); ``events``
    the statements listed (one row per sentence).
    """

    def __init__(self, corpus: Corpus, *, top: int = 8) -> None:
        from workbench.plot.layout import corpus_span
        from workbench.plot.timeline import timeline as plot_timeline

        self._plot_timeline = plot_timeline
        self._span = corpus_span(corpus)  # far-off referred dates are left out of the axis
        self.top = top
        self.frame = corpus.timeline()
        days = sorted(self.frame["date"].dropna().dt.normalize().unique())
        self.dates, dates_label = date_range(days, description="Dates", width="36em")
        counts = self.frame["actors"].explode().dropna().value_counts()
        self.actors = w.SelectMultiple(
            options=[(f"{a} ({n})", a) for a, n in counts.items()], value=(), rows=6, description="Actors"
        )
        self.plot = w.Image(format="svg+xml", layout=w.Layout(max_width="100%"))
        self.table = w.HTML()
        self.data = pd.DataFrame()
        self.events = pd.DataFrame()
        self._ax: Any = None  # the plot's axes, redrawn at each change
        self.dates.observe(self.update, names="value")
        self.actors.observe(self.update, names="value")
        note = w.HTML(
            '<p class="wb-note">No actor chosen: the most frequent are shown. Ctrl/Cmd-click to choose several.</p>'
        )
        super().__init__(
            [
                w.HTML(STYLE),
                w.HBox([self.actors, w.VBox([w.HBox([self.dates, dates_label]), note])]),
                self.plot,
                self.table,
            ]
        )
        self.update()

    def update(self, _change: Any = None) -> None:
        """Redraw the plot and the list for the current selection."""
        start, end = self.dates.value if not self.dates.disabled else (None, None)
        fig = self._plot_timeline(
            self.frame,
            actors=list(self.actors.value) or None,
            top=self.top,
            start=start,
            end=end,
            span=self._span,
            ax=self._ax,
        )
        self._ax = fig.axes[0]
        self.data = figure_data(fig)
        show_figure(self.plot, fig)
        events = statements(self.data)
        self.events = events
        self.table.value = table_html(
            events,
            ["date", "value", "actors", "text"],
            css="wb-timeline",
            max_rows=MAX_LISTED,
            row_attrs=["article_id", "sentence_id"],
            cell_classes={"date": "nowrap", "value": "nowrap"},
            empty="No dated statements in this range.",
        )


def statements(points: pd.DataFrame) -> pd.DataFrame:
    """One row per statement (article and sentence) of a timeline's points (``workbench.plot.timeline``), by
    date: its first point's date, value and text, and the actors of its points joined by ", " in their order.

    The sentences are numbered once (``ngroup``) and only those with several points are joined in Python,
    which is what the plain ``groupby(...).agg(actors=("actor", ", ".join))`` spends its time on.
    """
    if points.empty:  # typed as the plain aggregation types it
        return points.groupby(["article_id", "sentence_id"], as_index=False).agg(
            date=("date", "first"), value=("value", "first"), actors=("actor", ", ".join), text=("text", "first")
        )
    number = points.groupby(["article_id", "sentence_id"], sort=False).ngroup().to_numpy()
    _, first, size = np.unique(number, return_index=True, return_counts=True)  # by number: as first met
    events = points.iloc[first][["article_id", "sentence_id", "date", "value", "text"]].reset_index(drop=True)
    actors = points["actor"].to_numpy(dtype=object)
    joined = actors[first].copy()
    by_statement = actors[np.argsort(number, kind="stable")]
    ends = np.cumsum(size)
    for i in np.flatnonzero(size > 1):
        joined[i] = ", ".join(by_statement[ends[i] - size[i] : ends[i]])
    events.insert(4, "actors", pd.Series(joined.tolist()))  # typed as the plain aggregation types it
    return events.sort_values(["date", "article_id", "sentence_id"], kind="stable", ignore_index=True)


def timeline(corpus: Corpus, *, top: int = 8) -> TimelineExplorer:
    """A timeline explorer: pick a date range and actors; see the dated statements plotted and listed.

    Args:
        corpus: a ``workbench.Corpus``.
        top: how many actors to show when none is chosen.

    >>> import workbench as wb
    >>> explorer = timeline(wb.load("seeds/"))
    >>> explorer.actors.value = ("Afghan Taliban",)
    >>> sorted(set(explorer.data["actor"]))
    ['Afghan Taliban']
    """
    return TimelineExplorer(corpus, top=top)
