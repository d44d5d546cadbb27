"""The actor-trends explorer: actors, period, measure and date → a plot, and the sentences (KWIC).

Over a dataset (``wb.open``) the trends come from DuckDB and each actor's sentences are fetched a page at a
time (the first ``MAX_KWIC`` in corpus order, or those of the chosen period), not precomputed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w
import pandas as pd

from workbench.plot.layout import figure_data
from workbench.widgets.render import STYLE, esc, kwic_html, show_figure, table_html

if TYPE_CHECKING:
    from workbench.corpus import Corpus

FREQS = [("day", "D"), ("week", "W"), ("month", "M")]
MEASURES = [
    ("mentions", "mentions"),
    ("share of mentions", "share"),
    ("articles", "articles"),
    ("unique stories", "stories"),
]
DATES = [("published", "published"), ("referred to", "referred")]
#: KWIC rows shown under the plot (the table says how many there are).
MAX_KWIC = 60
KWIC_COLUMNS = ["article_id", "sentence_id", "actor_id", "actor", "left", "match", "right"]


class ActorTrendsExplorer(w.VBox):
    """Controls ``actors``, ``freq``, ``measure``, ``date`` → ``plot`` (SVG), ``summary`` and ``kwic`` (HTML).

    ``data`` is the frame behind the current plot (``figure_data(fig)``); ``kwic_rows`` the sentences listed.
    The trends of the offered actors are computed once per (freq, date, measure), those of every period for
    the first date and measure at the start, and their sentences once (at the start with ``precompute``), so
    changing the selection or the period only filters and redraws. Over a dataset
    (``corpus.dataset`` set) ``kwic_limit`` sentences per actor are fetched when shown.
    """

    def __init__(
        self,
        corpus: Corpus,
        *,
        offer: int = 30,
        selected: int = 3,
        precompute: bool | None = None,
    ) -> None:
        from workbench.plot.actors import actor_trends as plot_actor_trends
        from workbench.plot.layout import corpus_span

        large = getattr(corpus, "dataset", None) is not None
        #: sentences fetched per actor (and period): all of them in memory, a page over a dataset
        self.kwic_limit = MAX_KWIC if large else None
        precompute = not large if precompute is None else precompute
        self.corpus = corpus
        self._plot = plot_actor_trends
        actors = corpus.actors.sort_values("mentions", ascending=False, kind="stable").head(offer)
        self._offered = list(actors["actor_id"])
        self.actors = w.SelectMultiple(
            options=[(f"{r.actor} ({r.mentions})", r.actor_id) for r in actors.itertuples()],
            value=tuple(self._offered[:selected]),
            rows=8,
            description="Actors",
        )
        self.freq = w.ToggleButtons(options=FREQS, value="W", description="Period")
        self.measure = w.Dropdown(options=MEASURES, value="mentions", description="Measure")
        self.date = w.ToggleButtons(options=DATES, value="published", description="Date")
        self.plot = w.Image(format="svg+xml", layout=w.Layout(max_width="100%"))
        self.summary = w.HTML()
        self.period = w.Dropdown(
            options=[("all periods", "")],
            value="",
            description="Sentences from",
            style={"description_width": "initial"},  # the default width cuts the label short
        )
        self.kwic = w.HTML()
        self._published: pd.Series | None = None  # publication dates, read when a period is chosen
        self.data = pd.DataFrame()
        self._span = corpus_span(corpus)  # the publication span, so far-off referred dates leave the axis alone
        self.kwic_rows = pd.DataFrame()
        self._trends: dict[tuple[str, str, str], pd.DataFrame] = {}
        self._kwic: dict[str, pd.DataFrame] = {}
        self._kwic_shown: tuple[Any, ...] | None = None  # what the KWIC table lists now
        self._ax: Any = None
        for control in (self.actors, self.freq, self.measure, self.date):
            control.observe(self.update, names="value")
        self.period.observe(self._show_sentences, names="value")
        note = w.HTML(
            '<p class="wb-note">Ctrl/Cmd-click to choose several actors. "Referred to" dates a '
            "mention by the date its sentence talks about, when it names one.</p>"
        )
        super().__init__(
            [
                w.HTML(STYLE),
                w.HBox([self.actors, w.VBox([self.freq, self.measure, self.date, note])]),
                self.plot,
                self.summary,
                w.HTML("<h4>The selected actors in context</h4>"),
                self.period,
                self.kwic,
            ]
        )
        if precompute:  # every offered actor's sentences, once, so that a new selection only redraws
            for actor_id in self._offered:
                self.sentences(actor_id)
        self.update()
        for freq in (f for _label, f in FREQS if f != self.freq.value):  # so that a change of period only redraws
            self.trends(freq)

    def trends(self, freq: str | None = None) -> pd.DataFrame:
        """``corpus.actor_trends`` of every offered actor for the current period (or ``freq``), date and
        measure, cached: those of every period for the first date and measure are computed at the start."""
        key = (freq or self.freq.value, self.date.value, self.measure.value)
        if key not in self._trends:
            self._trends[key] = self.corpus.actor_trends(self._offered, freq=key[0], date=key[1], measure=key[2])
        return self._trends[key]

    def sentences(self, actor_id: str, period: str = "") -> pd.DataFrame:
        """``corpus.kwic`` of one actor (its mentions in context), cached with the columns shown; with
        ``kwic_limit``, the first of them, or of those published in ``period`` (its first day, ISO)."""
        key = f"{actor_id}@{self.freq.value}:{period}" if period else actor_id
        if key not in self._kwic:
            corpus = self.corpus
            if period:
                start = pd.Timestamp(period)
                end = start.to_period({"D": "D", "W": "W-SUN", "M": "M"}[self.freq.value]).end_time
                corpus = corpus.select(start=start, end=end)
            rows = corpus.kwic(actor_id, limit=self.kwic_limit)
            self._kwic[key] = rows[[c for c in KWIC_COLUMNS if c in rows]]
        return self._kwic[key]

    def update(self, _change: Any = None) -> None:
        """Redraw the plot, its summary and the KWIC table for the current selection."""
        chosen = list(self.actors.value)
        trends = self.trends()
        data = trends[trends["actor_id"].isin(chosen)].reset_index(drop=True)
        fig = self._plot(
            data, freq=self.freq.value, date=self.date.value, measure=self.measure.value, ax=self._ax, span=self._span
        )
        self._ax = fig.axes[0]  # the next selection redraws this figure
        self.data = figure_data(fig)
        show_figure(self.plot, fig)
        totals = (
            self.data.groupby(["actor_id", "actor"], sort=False, as_index=False)["value"].agg(["sum", "max"])
            if len(self.data)
            else pd.DataFrame(columns=["actor_id", "actor", "sum", "max"])
        )
        self.summary.value = (
            f'<div class="wb-plot-data" data-actors="{esc(",".join(chosen))}" data-rows="{len(self.data)}" '
            f'data-measure="{esc(self.measure.value)}">'
            + table_html(
                totals.rename(columns={"sum": "total", "max": "peak"}),
                ["actor", "total", "peak"],
                css="wb-totals",
                row_attrs=["actor_id"],
                empty="No actor chosen.",
            )
            + "</div>"
        )
        peaks = totals_by_period(self.data)
        options = [("all periods", "")] + [(f"{p:%Y-%m-%d} ({v:g})", p.isoformat()) for p, v in peaks.items()]
        previous = self.period.value
        with self.period.hold_trait_notifications():
            self.period.options = options
            self.period.value = previous if previous in [o[1] for o in options] else ""
        # sentences of a period follow the publication date; with referred dates the list shows them all
        self.period.disabled = self.date.value != "published" or len(options) == 1
        self._show_sentences()

    def _show_sentences(self, _change: Any = None) -> None:
        """The KWIC table of the chosen actors, of the chosen period (publication date) or of all; left as it
        is when what it lists has not changed (a change of period or measure with all periods listed)."""
        chosen_period = bool(self.period.value) and not self.period.disabled
        shown = (
            (tuple(self.actors.value), self.period.value, self.freq.value, self.date.value)
            if chosen_period
            else (tuple(self.actors.value),)
        )
        if shown == self._kwic_shown:
            return
        self._kwic_shown = shown
        paged = self.kwic_limit is not None and self.period.value and not self.period.disabled
        period = self.period.value if paged else ""
        frames = [self.sentences(a, period) for a in self.actors.value]
        rows = (
            pd.concat([f for f in frames if len(f)], ignore_index=True)
            if any(len(f) for f in frames)
            else pd.DataFrame(columns=KWIC_COLUMNS)
        )
        if self.period.value and not self.period.disabled and not paged:
            if self._published is None:
                catalog = self.corpus.catalog.drop_duplicates("article_id")
                self._published = catalog.set_index("article_id")["published"]
            starts = pd.DatetimeIndex(sorted(self.data["period"].unique()))
            published = pd.DatetimeIndex(rows["article_id"].map(self._published))
            slot = starts.searchsorted(published, side="right") - 1
            chosen = starts.get_loc(pd.Timestamp(self.period.value))
            rows = rows[(slot == chosen) & published.notna()].reset_index(drop=True)
        self.kwic_rows = rows
        self.kwic.value = kwic_html(
            rows,
            ["actor", "left", "match", "right"],
            max_rows=MAX_KWIC,
            row_attrs=["actor_id", "article_id", "sentence_id"],
            empty="No mentions of the selected actors.",
        )


def totals_by_period(data: pd.DataFrame) -> pd.Series:
    """The plotted values summed over actors, per period, for periods with any (the peaks to pick from)."""
    if data.empty:
        return pd.Series(dtype=float)
    totals = data.groupby("period")["value"].sum()
    return totals[totals > 0].sort_index()


def actor_trends(
    corpus: Corpus, *, offer: int = 30, selected: int = 3, precompute: bool | None = None
) -> ActorTrendsExplorer:
    """An actor-trends explorer: choose actors, period (D/W/M), measure (mentions, share, articles, unique
    stories) and date (published or referred to) → a plot with its data, and the actors' sentences in context.

    Args:
        corpus: a ``workbench.Corpus``.
        offer: how many of the most mentioned actors to offer.
        precompute: find every offered actor's sentences at the start (slower to open, faster to use);
            default: in memory yes, over a dataset no.
        selected: how many of them are selected at first.

    >>> import workbench as wb
    >>> explorer = actor_trends(wb.load("seeds/"))
    >>> explorer.actors.value = ("qatar",)
    >>> explorer.data["actor"].unique().tolist(), explorer.kwic_rows["match"].iloc[0]
    (['Qatar'], 'Qatar')
    """
    return ActorTrendsExplorer(corpus, offer=offer, selected=selected, precompute=precompute)
