"""Values per period, one series per actor, topic or term: the drawing that every trend plot shares.

Lines on a date axis that survives outliers (``layout.date_window``), one line per series, the biggest first
in the legend; a single period is drawn as bars, one per series, instead of a lone column of dots.

>>> import pandas as pd
>>> from matplotlib.figure import Figure
>>> frame = pd.DataFrame({"period": pd.to_datetime(["2025-11-03"] * 2), "name": ["a", "b"], "value": [3, 5]})
>>> fig = Figure(); ax = fig.add_subplot()
>>> draw_trends(ax, frame, series="name", freq="W")
'bars'
>>> [t.get_text() for t in ax.get_xticklabels()]
['b', 'a']
"""

from __future__ import annotations

from typing import Literal

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from workbench.plot.layout import Span, date_axis, date_window, finish, period_label, period_step

__all__ = ["draw_trends"]

#: How the x axis names the periods of each frequency.
PERIODS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "A": "year"}
#: At most this many periods get markers on their points (beyond, markers only cost drawing time).
MARKED_PERIODS = 60


def draw_trends(
    ax: Axes,
    data: pd.DataFrame,
    *,
    series: str,
    freq: str,
    date: str = "published",
    span: Span | None = None,
    noun: str = "value",
    counts: bool = True,
    empty: str = "nothing to plot",
) -> Literal["lines", "bars", "empty"]:
    """Draw ``data`` (``period``, ``series``, ``value``) into ``ax`` and lay out its figure.

    ``counts``: the values are counts (whole-number ticks on the y axis). The x axis is labelled by period
    and date (``date``: which date the periods count, e.g. "published").
    Returns what was drawn: ``"lines"`` (several periods), ``"bars"`` (one period) or ``"empty"``. Periods
    further than ``layout.DATE_MARGIN`` outside ``span`` are left out of the axis and counted (as ``noun``)
    in a note under the figure; ``data`` itself is not changed.
    """
    fig = ax.figure
    assert isinstance(fig, Figure)
    xlabel = f"{PERIODS.get(freq.upper()[:1], freq)} ({date} date)"
    if data.empty:
        ax.text(0.5, 0.5, empty, ha="center", va="center", transform=ax.transAxes)
        ax.set_xlabel(xlabel)
        finish(fig, ax)
        return "empty"
    window = date_window(data["period"], span=span, weights=data["value"])
    drawn = data.reset_index(drop=True)[window.keep.to_numpy()]
    wide = drawn.pivot_table(index="period", columns=series, values="value", aggfunc="sum", sort=False)
    wide = wide.sort_index()
    wide = wide[wide.sum().sort_values(ascending=False, kind="stable").index]  # biggest series first
    top = float(wide.max().max()) if len(wide) else 0.0
    ax.set_ylim(0, top * 1.15 if top > 0 else 1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=counts))
    if len(wide) == 1:
        names = [str(c) for c in wide.columns]
        colours = [f"C{i % 10}" for i in range(len(names))]
        ax.bar(range(len(names)), wide.iloc[0].to_numpy(), color=colours, width=0.6)
        slanted = len(names) > 3
        ax.set_xticks(range(len(names)), names, rotation=30 if slanted else 0, ha="right" if slanted else "center")
        pad = max(0.0, (3 - len(names)) / 2)  # one or two bars stay bar-wide, centred
        ax.set_xlim(-0.6 - pad, len(names) - 0.4 + pad)
        ax.set_xlabel(f"{period_label(pd.Timestamp(wide.index[0]), freq)} ({date} date)")
        finish(fig, ax, note=window.note(noun), margins=(0.1, 0.25, 0.95, 0.9))
        return "bars"
    marker = "o" if len(wide) <= MARKED_PERIODS else None
    for name in wide.columns:
        ax.plot(wide.index, wide[name], marker=marker, markersize=4, label=str(name))
    date_axis(ax, window, pad=period_step(freq) / 2)
    ax.set_xlabel(xlabel)
    finish(fig, ax, labels=[str(c) for c in wide.columns], note=window.note(noun), margins=(0.1, 0.15, 0.95, 0.9))
    return "lines"
