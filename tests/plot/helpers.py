"""What the plot tests read off a Figure: axis limits as dates, the legend's place, the note under it."""

from __future__ import annotations

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import num2date
from matplotlib.figure import Figure

from workbench.plot.layout import DATE_MARGIN, corpus_span


def xlim_dates(fig: Figure) -> tuple[pd.Timestamp, pd.Timestamp]:
    low, high = fig.axes[0].get_xlim()
    return (pd.Timestamp(num2date(low)).tz_localize(None), pd.Timestamp(num2date(high)).tz_localize(None))


PAD = pd.Timedelta(days=32)


def allowed(corpus: object, pad: pd.Timedelta = PAD) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The widest x range a date plot of ``corpus`` may have: its span, the margin, and a period of padding."""
    span = corpus_span(corpus)
    assert span is not None
    return span[0] - DATE_MARGIN - pad, span[1] + DATE_MARGIN + pad


def outside(dates: pd.Series, corpus: object) -> pd.Series:
    span = corpus_span(corpus)
    assert span is not None
    return (dates < span[0] - DATE_MARGIN) | (dates > span[1] + DATE_MARGIN)


def legend_outside(fig: Figure) -> bool:
    """Whether the first axes' legend lies right of the plot area (and still inside the figure)."""
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert legend is not None
    box, plot = legend.get_window_extent(), ax.get_window_extent()
    assert box.x1 <= fig.bbox.x1 + 1, "the legend stays inside the figure"
    return bool(box.x0 >= plot.x1)
