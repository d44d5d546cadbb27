"""The topics explorer: pick a topic → its trend over time, its top terms and its top articles."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from workbench.widgets.render import STYLE, show_figure, table_html

FREQS = [("day", "D"), ("week", "W"), ("month", "M")]
MEASURES = [("share of weight", "share"), ("articles (strongest topic)", "articles")]


class TopicsExplorer(w.VBox):
    """``topic``, ``freq``, ``measure`` → ``plot`` (SVG), ``terms`` and ``top_articles`` (HTML tables).

    ``data`` is the frame behind the plot; ``term_rows`` and ``article_rows`` the rows listed.
    """

    def __init__(self, corpus: Any, *, topics: Any = None, n_terms: int = 12, n_articles: int = 10) -> None:
        from workbench.plot.topics import topic_trends

        if topics is None:
            from workbench.widgets.explorer import fit_topics

            topics = fit_topics(corpus)
        self.topics = topics
        self.n_terms, self.n_articles = n_terms, n_articles
        self._plot = topic_trends
        labels = topics.labels.sort_values("topic_id")
        self.topic = w.Dropdown(
            options=[(f"{r.topic_id}: {r.label}", int(r.topic_id)) for r in labels.itertuples()],
            description="Topic",
            layout=w.Layout(width="32em"),
        )
        self.freq = w.ToggleButtons(options=FREQS, value="W", description="Period")
        self.measure = w.Dropdown(options=MEASURES, value="share", description="Measure")
        self.plot = w.Image(format="svg+xml", layout=w.Layout(max_width="100%"))
        self.terms = w.HTML()
        self.top_articles = w.HTML()
        self.data = pd.DataFrame()
        self.term_rows = pd.DataFrame()
        self.article_rows = pd.DataFrame()
        for control in (self.topic, self.freq, self.measure):
            control.observe(self.update, names="value")
        level = f'<p class="wb-note">{topics.n_topics} topics fitted on {topics.level}s.</p>'
        super().__init__(
            [
                w.HTML(STYLE),
                w.HBox([self.topic, self.measure]),
                self.freq,
                w.HTML(level),
                self.plot,
                w.HBox(
                    [
                        w.VBox([w.HTML("<h4>Top terms</h4>"), self.terms]),
                        w.VBox([w.HTML("<h4>Top articles</h4>"), self.top_articles]),
                    ]
                ),
            ]
        )
        self.update()

    def update(self, _change: Any = None) -> None:
        """Redraw the trend and the two tables for the chosen topic."""
        topic_id = self.topic.value
        fig = self._plot(self.topics, topic_ids=[topic_id], freq=self.freq.value, measure=self.measure.value)
        self.data = fig.data
        show_figure(self.plot, fig)
        terms = self.topics.terms
        self.term_rows = terms[terms["topic_id"] == topic_id].sort_values("rank").head(self.n_terms)
        self.terms.value = table_html(
            self.term_rows.assign(weight=self.term_rows["weight"].round(3)),
            ["rank", "term", "weight"],
            css="wb-terms",
        )
        keys = self.topics.keys
        docs = self.topics.doc_topics
        best = docs[docs["topic_id"] == topic_id].sort_values("weight", ascending=False).head(self.n_articles)
        columns = [c for c in ("title", "published") if c in self.topics.documents]
        rows = best.merge(self.topics.documents[keys + columns], how="left", on=keys)
        self.article_rows = rows.assign(weight=rows["weight"].round(3))
        self.top_articles.value = table_html(
            self.article_rows,
            [*columns, *keys[1:], "weight"],
            css="wb-top-articles",
            row_attrs=["article_id"],
        )


def topics(corpus: Any, *, topics: Any = None, n_terms: int = 12, n_articles: int = 10) -> TopicsExplorer:
    """A topics explorer: choose a topic; see its trend over time, top terms and top articles.

    Args:
        corpus: a ``workbench.Corpus``.
        topics: a fitted ``corpus.topics()`` (default: fitted here, by paragraph for a one-article corpus).
        n_terms, n_articles: rows in the two tables.
    """
    return TopicsExplorer(corpus, topics=topics, n_terms=n_terms, n_articles=n_articles)
