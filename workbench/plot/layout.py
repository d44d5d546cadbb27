"""What every workbench plot shares: a date axis that survives outliers, legends that do not cover the data,
one period drawn as bars, and notes under the figure.

**A robust date range.** Dates that the text refers to can lie far from the corpus (a Reuters story of 1987
that mentions 1857 or 2080). The axis spans the data that lies within ``DATE_MARGIN`` (a year) of the corpus's
publication span; what lies further out is left out of the axis, counted in a note under the figure, and
kept in ``fig.data`` (and so in the CSV that ``save_figure`` writes).

>>> import pandas as pd
>>> dates = pd.Series(pd.to_datetime(["1857-01-01", "1987-03-02", "1987-03-09", "2080-01-01"]))
>>> window = date_window(dates, span=(pd.Timestamp("1987-02-26"), pd.Timestamp("1987-10-20")))
>>> window.start.date(), window.end.date(), window.left_out
(datetime.date(1987, 3, 2), datetime.date(1987, 3, 9), 2.0)
>>> print(window.note("mention"))  # doctest: +NORMALIZE_WHITESPACE
2 mentions dated more than a year outside the corpus (1987-02-26 to 1987-10-20), from 1857-01-01 to
2080-01-01, are left out of the axis; the data keeps them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from workbench import Corpus

__all__ = [
    "DATE_MARGIN",
    "LEGEND_INSIDE",
    "NOTE_GID",
    "DateWindow",
    "clear_axes",
    "corpus_span",
    "date_axis",
    "date_window",
    "period_label",
    "finish",
    "period_step",
    "plural",
]

#: Dates further than this outside the corpus's publication span are left out of a plot's axis.
DATE_MARGIN = pd.Timedelta(days=365)
#: With more series than this, the legend goes outside the plot area (right of it), so it covers no line.
LEGEND_INSIDE = 4

#: The gid of the note text under a figure (so a redraw replaces it).
NOTE_GID = "workbench-note"
#: Characters per inch of a note's line: notes are wrapped at words to this width before they are drawn (small
#: DejaVu Sans sets about 16 characters an inch), as measuring the text for matplotlib's own wrapping costs
#: tens of milliseconds at every draw.
NOTE_CHARS_PER_INCH = 14

Span = tuple[pd.Timestamp, pd.Timestamp]


@dataclass(frozen=True)
class DateWindow:
    """The dates a plot's axis shows (``start``..``end``, None when there are none) and what it leaves out.

    ``keep`` is a boolean mask over the dates given (True: drawn); ``left_out`` counts what is not drawn
    (weighted, when weights were given); ``outside`` is the earliest and latest date left out.
    """

    start: pd.Timestamp | None
    end: pd.Timestamp | None
    keep: pd.Series
    left_out: float
    span: Span | None
    outside: Span | None

    def note(self, noun: str = "date") -> str:
        """A sentence for under the figure saying what was left out of the axis ('' when nothing was).

        ``noun`` names one of what is counted ("mention"); the sentence puts it in the plural as needed.
        """
        if not self.left_out or self.outside is None:
            return ""
        first, last = (f"{d:%Y-%m-%d}" for d in self.outside)
        where = f"from {first} to {last}" if first != last else f"on {first}"
        corpus = f" ({self.span[0]:%Y-%m-%d} to {self.span[1]:%Y-%m-%d})" if self.span else ""
        one = round(self.left_out, 6) == 1
        return (
            f"{plural(self.left_out, noun)} dated more than a year outside the corpus{corpus}, {where}, "
            f"{'is' if one else 'are'} left out of the axis; the data keeps {'it' if one else 'them'}."
        )


def plural(count: float, noun: str, many: str | None = None) -> str:
    """``count`` and ``noun``, in the plural unless the count is one: '1 article', '2 articles', '3 stories'.

    >>> plural(1, "article"), plural(19_043, "article"), plural(2, "story"), plural(0.5, "share")
    ('1 article', '19,043 articles', '2 stories', '0.50 shares')
    """
    value = round(float(count), 6)
    number = f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    if value == 1:
        return f"{number} {noun}"
    if many is None:
        many = noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"
    return f"{number} {many}"


def corpus_span(corpus: Corpus | None) -> Span | None:
    """The first and last publication date of ``corpus`` (None without dated articles, or without a corpus, or
    for an object that has no articles table, such as a stand-in with only ``timeline()``)."""
    if corpus is None:
        return None
    frame = getattr(corpus, "catalog", None)
    if frame is None:
        frame = getattr(corpus, "articles", None)
    if frame is None or "published" not in frame:
        return None
    published = pd.to_datetime(frame["published"]).dropna()
    if published.empty:
        return None
    return pd.Timestamp(published.min()), pd.Timestamp(published.max())


def date_window(
    dates: pd.Series,
    *,
    span: Span | None = None,
    weights: pd.Series | None = None,
    margin: pd.Timedelta = DATE_MARGIN,
) -> DateWindow:
    """The range of ``dates`` to draw: those within ``margin`` of ``span`` (the corpus's publication span).

    Without a span (a bare frame), the span is that of the middle 98 % of the dates, so that a stray few
    still do not stretch the axis. ``weights`` (e.g. the plotted values) make ``left_out`` count mentions
    rather than rows; rows whose weight is 0 never count as left out, and the axis spans the rows that
    weigh something (zero-filled periods around them do not widen it).
    """
    dates = pd.to_datetime(pd.Series(dates).reset_index(drop=True))
    known = dates.dropna()
    if known.empty:
        return DateWindow(None, None, dates.notna(), 0, span, None)
    if span is None:
        span = (pd.Timestamp(known.quantile(0.01)), pd.Timestamp(known.quantile(0.99)))
    low, high = span[0] - margin, span[1] + margin
    keep = dates.between(low, high) | dates.isna()
    weight = (
        pd.Series(1.0, index=dates.index) if weights is None else pd.Series(weights).reset_index(drop=True).fillna(0)
    )
    out = ~keep & (weight != 0)
    drawn = dates[keep & (weight != 0)].dropna()  # zero-filled periods do not stretch the axis either
    drawn = drawn if len(drawn) else dates[keep].dropna()
    if drawn.empty:  # everything lies outside: show it all rather than nothing
        return DateWindow(known.min(), known.max(), dates.notna(), 0, span, None)
    outside = (dates[out].min(), dates[out].max()) if out.any() else None
    return DateWindow(drawn.min(), drawn.max(), keep, float(weight[out].sum()), span, outside)


def period_step(freq: str) -> pd.Timedelta:
    """The length of one period of ``freq`` (D/W/M…), for padding an axis around the data."""
    return {"D": pd.Timedelta(days=1), "W": pd.Timedelta(weeks=1)}.get(freq.upper()[:1], pd.Timedelta(days=31))


#: How a reader names one period of each frequency (a ``strftime`` format of its first day).
PERIOD_NAMES = {"D": "%Y-%m-%d", "W": "week of %Y-%m-%d", "M": "%B %Y", "Q": "quarter of %Y-%m-%d", "Y": "%Y"}


def period_label(period: pd.Timestamp, freq: str) -> str:
    """How a reader names one period: '2025-11-05', 'week of 2025-11-03', 'November 2025'.

    >>> period_label(pd.Timestamp("2025-11-03"), "W"), period_label(pd.Timestamp("2025-11-01"), "M")
    ('week of 2025-11-03', 'November 2025')
    """
    return period.strftime(PERIOD_NAMES.get(freq.upper()[:1], "%Y-%m-%d"))


def date_axis(ax: Axes, window: DateWindow | None = None, *, pad: pd.Timedelta | None = None) -> None:
    """Concise date ticks on the x axis, limited to ``window`` (padded by ``pad`` on each side)."""
    locator = AutoDateLocator(minticks=3, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    if window is not None and window.start is not None and window.end is not None:
        pad = pad if pad is not None else pd.Timedelta(days=1)
        start, end = window.start - pad, window.end + pad
        if end - start < pd.Timedelta(days=7):  # a week at least, so that one day is not a lone dot
            middle = start + (end - start) / 2
            start, end = middle - pd.Timedelta(days=3.5), middle + pd.Timedelta(days=3.5)
        ax.set_xlim(start, end)


def _renderer(fig: Figure) -> RendererBase:
    """A renderer to measure text with (the figure's own if it has one; a Figure made without pyplot has not)."""
    get = getattr(fig.canvas, "get_renderer", None)
    return get() if get is not None else FigureCanvasAgg(fig).get_renderer()


def finish(
    fig: Figure,
    ax: Axes,
    *,
    labels: Sequence[str] = (),
    note: str = "",
    margins: tuple[float, float, float, float] = (0.1, 0.2, 0.95, 0.9),
) -> None:
    """Lay out a plot: its legend (for ``labels``, if any) and a note under the figure (``note``, if any).

    Up to ``LEGEND_INSIDE`` series get a legend inside, where it covers the fewest points; more go outside on
    the right, and the axes are narrowed so that it stays inside the figure. ``margins`` (left, bottom, right,
    top, as figure fractions) are set absolutely each time, so a live explorer that redraws one figure gets the
    same layout for the same content; a figure with a constrained layout keeps it and only reserves the note's strip.
    The note is wrapped at words (``NOTE_CHARS_PER_INCH``); the notes are kept unwrapped in ``fig.notes`` (a list
    of strings) for tests and callers.
    """
    for old in [t for t in fig.texts if t.get_gid() == NOTE_GID]:
        old.remove()
    constrained = fig.get_layout_engine() is not None
    left, bottom, right, top = margins
    if labels and len(labels) > LEGEND_INSIDE:
        columns = 1 if len(labels) <= 18 else 2
        legend = ax.legend(
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            borderaxespad=0,
            fontsize="small",
            frameon=False,
            ncols=columns,
        )
        width = legend.get_window_extent(_renderer(fig)).width / fig.bbox.width  # as drawn, in figure fractions
        right = max(0.4, min(right, 0.98 - width - 0.02 * (right - left)))
    elif labels:
        ax.legend(loc="best", fontsize="small", framealpha=0.8)  # the corner that covers the fewest points
    strip = 0.0
    if note:
        lines = textwrap.wrap(note, max(int(fig.get_figwidth() * NOTE_CHARS_PER_INCH), 20), break_long_words=False)
        strip = (0.12 + 0.16 * len(lines)) / fig.get_figheight()
        fig.text(0.01, 0.01, "\n".join(lines), ha="left", va="bottom", fontsize="small", color="0.3", gid=NOTE_GID)
    if constrained:
        fig.get_layout_engine().set(rect=(0, strip, 1, 1 - strip))  # type: ignore[union-attr, call-arg]
    else:
        fig.subplots_adjust(left=left, bottom=bottom + strip, right=right, top=top)
    fig.notes = [note] if note else []  # type: ignore[attr-defined]


def clear_axes(ax: Axes) -> Figure:
    """Empty ``ax`` for a redraw of its figure, and return the figure: cheaply (its lines, markers, texts and
    legend go; its ticks, kept, are relabelled by the next drawing) unless bars were drawn, then in full.

    Shared by the plots that a live explorer redraws into one figure (``actor_trends``, ``timeline``)."""
    fig = ax.figure
    assert isinstance(fig, Figure)
    if ax.patches:
        ax.cla()
        return fig
    for artist in [*ax.lines, *ax.collections, *ax.texts]:
        artist.remove()
    legend = ax.get_legend()
    if legend is not None:
        legend.remove()
    ax.set_prop_cycle(None)
    ax.relim()
    ax.autoscale()
    return fig


def attach_data(fig: Figure, data: pd.DataFrame) -> None:
    """Keep the rows a figure draws as ``fig.data``: saved beside the image, and tested without pixels."""
    vars(fig)["data"] = data


def figure_data(fig: Figure) -> pd.DataFrame:
    """The rows a figure of ``workbench.plot`` draws (``fig.data``)."""
    data: pd.DataFrame = vars(fig)["data"]
    return data
