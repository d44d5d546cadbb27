"""The topics explorer: pick a coarse topic → its fine topics; the chosen topic's trend over time, its top
terms and its top articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w
import pandas as pd

from workbench.plot.layout import figure_data
from workbench.widgets.render import STYLE, esc, show_figure, table_html

if TYPE_CHECKING:
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
        from workbench.plot.topics import topic_trends

        if topics is None:  # paragraphs for a one-article corpus (unit="auto")
            topics = corpus.topics(level="coarse")
        self.topics = topics.coarse
        self.fine = topics.fine if topics.has_level("fine") else None  # None: a one-level model
        self.n_terms, self.n_articles = n_terms, n_articles
        self._plot = topic_trends
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
            summary = self.fine.summary()
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
        fig = self._plot(shown, topic_ids=[topic_id], freq=self.freq.value, measure=self.measure.value)
        self.data = figure_data(fig)
        show_figure(self.plot, fig)
        terms = shown.terms
        self.term_rows = terms[terms["topic_id"] == topic_id].sort_values("rank").head(self.n_terms)
        self.terms.value = table_html(
            self.term_rows.assign(weight=self.term_rows["weight"].round(3)),
            ["rank", "term", "weight"],
            css="wb-terms",
        )
        keys = shown.keys
        docs = shown.doc_topics
        best = docs[docs["topic_id"] == topic_id].sort_values("weight", ascending=False).head(self.n_articles)
        columns = [c for c in ("title", "published") if c in shown.documents]
        rows = best.merge(shown.documents[keys + columns], how="left", on=keys)
        self.article_rows = rows.assign(weight=rows["weight"].round(3))
        self.top_articles.value = table_html(
            self.article_rows,
            [*columns, *keys[1:], "weight"],
            css="wb-top-articles",
            row_attrs=["article_id"],
        )


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
