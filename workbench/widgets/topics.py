"""The topics explorer: pick a coarse topic → its fine topics; the chosen topic's trend over time, its top
terms and its top articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w
import pandas as pd

from workbench.analysis.term_trends import topic_trends as trends_table
from workbench.plot.layout import attach_data, figure_data
from workbench.plot.trends import draw_trends
from workbench.widgets.render import STYLE, esc, figure_image, table_html

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from workbench.corpus import Corpus
    from workbench.topics.model import Topics

FREQS = [("day", "D"), ("week", "W"), ("month", "M")]
MEASURES = [("share of weight", "share"), ("articles (strongest topic)", "articles")]
#: The first choice of the fine-topic list: the coarse topic as a whole.
WHOLE = "all of it"


class TopicsExplorer(w.VBox):
    """``topic`` (coarse), ``subtopic`` (one of its fine topics, or None: the whole coarse topic), ``freq``,
    ``measure`` → ``plot`` (SVG), ``fine_topics``, ``terms`` and ``top_articles`` (HTML tables).

    ``data`` is the frame behind the plot; ``fine_rows``, ``term_rows`` and ``article_rows`` the rows listed;
    ``shown`` the level and topic_id on display.
    """

    def __init__(
        self, corpus: Corpus, *, topics: Topics | None = None, n_terms: int = 12, n_articles: int = 10
    ) -> None:
        if topics is None:  # paragraphs for a one-article corpus (unit="auto")
            topics = corpus.topics(level="coarse")
        self.topics = topics.coarse
        self.fine = topics.fine if topics.has_level("fine") else None  # None: a one-level model
        self.n_terms, self.n_articles = n_terms, n_articles
        labels = self.topics.labels.sort_values("topic_id")
        self.topic = w.Dropdown(
            options=[(f"{r.topic_id}: {r.label}", int(r.topic_id)) for r in labels.itertuples()],
            description="Topic",
        )
        self.subtopic = w.Dropdown(options=[(WHOLE, None)], description="Fine topic")
        self.subtopic.disabled = self.fine is None
        self.freq = w.ToggleButtons(options=FREQS, value="W", description="Period")
        self.measure = w.Dropdown(options=MEASURES, value="share", description="Measure")
        self.plot = w.Image(format="svg+xml", layout=w.Layout(max_width="100%"))
        self.fine_topics, self.terms, self.top_articles = w.HTML(), w.HTML(), w.HTML()
        self.data = pd.DataFrame()
        self.fine_rows, self.term_rows, self.article_rows = pd.DataFrame(), pd.DataFrame(), pd.DataFrame()
        self.shown: tuple[str, int] = ("coarse", int(self.topic.value))
        #: per level, computed on first show and kept: the fine topics' summary, each topic's rows of
        #: ``doc_topics`` and ``terms`` (in table order, as a filter of the whole table would give them)
        self._summary: pd.DataFrame | None = None
        self._rows: dict[tuple[str, str], dict[int, pd.DataFrame]] = {}
        self._trends: dict[tuple[str, str, str], pd.DataFrame] = {}
        self._images: dict[tuple[str, int, str, str], tuple[pd.DataFrame, bytes, str, int]] = {}
        self.topic.observe(self._on_topic, names="value")
        for control in (self.subtopic, self.freq, self.measure):
            control.observe(self.update, names="value")
        fine_count = f" and {self.fine.n_topics} fine topics within them" if self.fine is not None else ""
        note = f"{self.topics.n_topics} coarse topics{fine_count}, fitted on {esc(self.topics.unit)}s."
        super().__init__(
            [
                w.HTML(STYLE),
                w.HBox([self.topic, self.subtopic]),
                w.HBox([self.freq, self.measure]),
                w.HTML(f'<p class="wb-note">{note}</p>'),
                self.plot,
                w.VBox([w.HTML("<h4>Fine topics of this topic</h4>"), self.fine_topics]),
                w.HBox(
                    [
                        w.VBox([w.HTML("<h4>Top terms</h4>"), self.terms]),
                        w.VBox([w.HTML("<h4>Top articles</h4>"), self.top_articles]),
                    ]
                ),
            ]
        )
        self._on_topic()

    def _on_topic(self, _change: Any = None) -> None:
        """A new coarse topic: list its fine topics (and offer them), then redraw."""
        topic_id = int(self.topic.value)
        if self.fine is not None:
            if self._summary is None:
                self._summary = self.fine.summary()
            summary = self._summary
            self.fine_rows = summary[summary["parent_id"] == topic_id][["topic_id", "label", "documents", "share"]]
            self.fine_topics.value = table_html(self.fine_rows, ["topic_id", "label", "documents", "share"])
            options = [(f"{r.topic_id}: {r.label}", int(r.topic_id)) for r in self.fine_rows.itertuples()]
            with self.subtopic.hold_trait_notifications():
                self.subtopic.options = [(WHOLE, None), *options]
                self.subtopic.value = None
        self.update()

    def update(self, _change: Any = None) -> None:
        """Redraw the trend and the two tables for the chosen topic (the fine topic, if one is chosen)."""
        fine_id = self.subtopic.value
        shown = self.topics if fine_id is None or self.fine is None else self.fine
        topic_id = int(self.topic.value) if shown is self.topics else int(fine_id)
        self.shown = (shown.level, topic_id)
        key = (shown.level, topic_id, self.freq.value, self.measure.value)
        if key not in self._images:  # drawn once per topic, period and measure: a topic seen again is not redrawn
            fig = self._figure(shown, topic_id)
            self._images[key] = (figure_data(fig), *figure_image(fig))
        self.data, image, fmt, width = self._images[key]
        with self.plot.hold_sync():
            self.plot.format, self.plot.value, self.plot.width = fmt, image, str(width)
        terms = self._topic_rows(shown, "terms", topic_id)
        self.term_rows = terms.sort_values("rank").head(self.n_terms)
        self.terms.value = table_html(
            self.term_rows.assign(weight=self.term_rows["weight"].round(3)),
            ["rank", "term", "weight"],
            css="wb-terms",
        )
        keys = shown.keys
        docs = self._topic_rows(shown, "doc_topics", topic_id)
        best = docs.sort_values("weight", ascending=False).head(self.n_articles)
        columns = [c for c in ("title", "published") if c in shown.documents]
        rows = best.merge(shown.documents[keys + columns], how="left", on=keys)
        self.article_rows = rows.assign(weight=rows["weight"].round(3))
        self.top_articles.value = table_html(
            self.article_rows,
            [*columns, *keys[1:], "weight"],
            css="wb-top-articles",
            row_attrs=["article_id"],
        )

    def _figure(self, shown: Topics, topic_id: int) -> Figure:
        """The figure of ``workbench.plot.topic_trends(shown, topic_ids=[topic_id], freq=…, measure=…)``, drawn
        from the trends of every topic of the level, computed once per period and measure and kept."""
        from matplotlib.figure import Figure

        freq, measure = self.freq.value, self.measure.value
        key = (shown.level, freq, measure)
        if key not in self._trends:
            table = trends_table(shown, freq=freq, measure=measure)
            self._trends[key] = table.assign(topic=table["topic_id"].astype(str) + ": " + table["label"].astype(str))
        data = self._trends[key]
        data = data[data["topic_id"] == topic_id]
        fig = Figure(figsize=(9, 4.5))
        ax = fig.add_subplot()
        counts = measure != "share"
        draw_trends(ax, data, series="topic", freq=freq, date="publication", counts=counts, empty="no dated articles")
        ax.set_ylabel("share of articles' topic weight" if measure == "share" else "articles (strongest topic)")
        ax.set_title("Topics over time")
        attach_data(fig, data)
        return fig

    def _topic_rows(self, shown: Topics, table: str, topic_id: int) -> pd.DataFrame:
        """The rows of ``shown``'s ``table`` (``terms`` or ``doc_topics``) of one topic: the table is split by
        topic once, so a change of topic filters nothing."""
        key = (shown.level, table)
        if key not in self._rows:
            frame: pd.DataFrame = getattr(shown, table)
            self._rows[key] = {int(t): rows for t, rows in frame.groupby("topic_id", sort=False)}
        rows = self._rows[key].get(topic_id)
        return rows if rows is not None else getattr(shown, table).iloc[:0]


def topics(corpus: Corpus, *, topics: Topics | None = None, n_terms: int = 12, n_articles: int = 10) -> TopicsExplorer:
    """A topics explorer: choose a coarse topic, then one of its fine topics; see the trend over time, the top
    terms and the top articles of the one chosen.

    Args:
        corpus: a ``workbench.Corpus``.
        topics: a fitted ``corpus.topics()`` (either level; default: fitted here, by paragraph for a
            one-article corpus).
        n_terms, n_articles: rows in the two tables.
    """
    return TopicsExplorer(corpus, topics=topics, n_terms=n_terms, n_articles=n_articles)
