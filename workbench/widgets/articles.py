"""The article reader: filter articles, pick one, read it with its actors and dates highlighted.

It lists ``corpus.catalog`` (no texts), filters with ``corpus.select`` (words, actor, dates) and reads the
one article shown (``corpus.texts``, and that article's mentions and timexes), so over a large dataset it
never loads every text or every mention.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import numpy as np
import pandas as pd

from workbench.widgets.controls import date_range
from workbench.widgets.render import STYLE, esc, highlight_html

if TYPE_CHECKING:
    from workbench.corpus import Corpus
    from workbench.topics.model import Topics

#: At most this many articles are listed (the count says how many matched).
MAX_LISTED = 200
#: The label of a filter's "no filter" choice (its value is "").
ANY = "(any)"


def _optional(corpus: Corpus, name: str) -> pd.DataFrame | None:
    """A corpus table that may not be available in this installation (e.g. no actor extractor yet)."""
    try:
        return getattr(corpus, name)
    except (ImportError, AttributeError):
        return None


class ArticleReader(w.VBox):
    """Filters (words, actor, dates, outlet, topic) → a sorted list of articles → the article, highlighted.

    Attributes the explorer page and tests use: ``words``, ``actor``, ``dates``, ``outlet``, ``topic``,
    ``sort`` (the filter controls); ``results`` (the list); ``view`` and ``boilerplate`` (the reading pane);
    ``matches`` (the filtered articles of ``corpus.catalog``, a DataFrame).
    """

    def __init__(self, corpus: Corpus, *, topics: Topics | None = None, actors: int = 50) -> None:
        self.corpus = corpus
        self.topics = topics
        arts = corpus.catalog
        actor_table = _optional(corpus, "actors")

        self.words = w.Text(
            placeholder="word or phrase, e.g. Istanbul talks", description="Words", continuous_update=False
        )
        actor_options: list[tuple[str, str]] = [(ANY, "")]
        if actor_table is not None and len(actor_table):
            top = actor_table.sort_values("mentions", ascending=False).head(actors)
            actor_options += [(f"{r.actor} ({r.mentions})", r.actor_id) for r in top.itertuples()]
        self.actor = w.Dropdown(options=actor_options, value="", description="Actor", disabled=len(actor_options) == 1)
        days = sorted(arts["published"].dropna().dt.normalize().unique())
        self.dates, dates_label = date_range(days, description="Published", width="32em")
        outlets = sorted({str(o) for o in arts["outlet"].dropna() if str(o)})
        self.outlet = w.Dropdown(
            options=[(ANY, "")] + [(o, o) for o in outlets],
            value="",
            description="Outlet",
            disabled=not outlets,
        )
        self._dominant = None
        self.topic = w.Dropdown(options=[(ANY, "")], value="", description="Topic", disabled=True)
        self.set_topics(topics)
        self.sort = w.Dropdown(
            options=[("newest first", "newest"), ("oldest first", "oldest"), ("title", "title")],
            value="newest",
            description="Sort",
        )
        self.count = w.HTML()
        self.results = w.Select(options=[], rows=10, layout=w.Layout(width="100%"))
        self.view = w.HTML()
        self.boilerplate = w.HTML()
        self._boiler_box = w.Accordion(children=[self.boilerplate], titles=("Boilerplate cut from the page",))
        self.matches = arts.iloc[:0]
        self._by_id: pd.DataFrame | None = None
        self._ids: Any = None  # the catalog's ids as an Arrow array, made on the first filter

        for control in (self.words, self.actor, self.dates, self.outlet, self.topic, self.sort):
            control.observe(self._refilter, names="value")
        self.results.observe(self._show, names="value")
        filters = w.VBox(
            [
                w.HBox([self.words, self.actor]),
                w.HBox([self.dates, dates_label]),
                w.HBox([self.outlet, self.topic, self.sort]),
            ]
        )
        super().__init__([w.HTML(STYLE), filters, self.count, self.results, self.view, self._boiler_box])
        self._refilter()

    def set_topics(self, topics: Topics | None) -> None:
        """Offer the topics of a fitted ``corpus.topics()`` in the topic filter (None: no topic filter)."""
        self.topics = topics
        if topics is None:
            return
        self._dominant = topics.dominant()
        labels = topics.labels.sort_values("topic_id")
        self.topic.options = [(ANY, "")] + [(f"{r.topic_id}: {r.label}", int(r.topic_id)) for r in labels.itertuples()]
        self.topic.value = ""
        self.topic.disabled = False

    # ------------------------------------------------------------------ filtering
    def _article_ids(self) -> pd.Series:
        arts = self.corpus.catalog
        keep = pd.Series(True, index=arts.index)
        conditions: dict[str, Any] = {}
        if self.words.value.strip():
            conditions["words"] = self.words.value.strip()
        if self.actor.value:
            conditions["actors"] = [self.actor.value]
        if not self.dates.disabled and self.dates.index != (0, len(self.dates.options) - 1):
            conditions["start"], conditions["end"] = self.dates.value  # whole days, both included
        if conditions:
            keep &= self._among(self.corpus.select(**conditions).article_ids())
        if self.outlet.value:
            keep &= arts["outlet"] == self.outlet.value
        if self.topic.value != "" and self._dominant is not None:
            ids = self._dominant.loc[self._dominant["topic_id"] == self.topic.value, "article_id"].unique()
            keep &= self._among(ids)
        return keep

    def _among(self, ids: Iterable[Any]) -> np.ndarray:
        """Which of the catalog's articles are in ``ids`` (Arrow's ``is_in`` on the catalog's ids, kept)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        if self._ids is None:
            self._ids = pa.array(self.corpus.catalog["article_id"].astype(str).to_numpy(dtype=object), pa.string())
        wanted = pa.array([str(i) for i in ids], pa.string())
        return pc.is_in(self._ids, value_set=wanted).to_numpy(zero_copy_only=False)

    def _refilter(self, _change: Any = None) -> None:
        arts = self.corpus.catalog
        found = arts[self._article_ids()]
        if self.sort.value == "title":
            found = found.sort_values("title", kind="stable")
        else:
            found = found.sort_values(
                "published", ascending=self.sort.value == "oldest", kind="stable", na_position="last"
            )
        self.matches = found
        listed = found.head(MAX_LISTED)
        shown = f" (listing the first {MAX_LISTED})" if len(found) > MAX_LISTED else ""
        articles = f"{len(arts):,} article{'s' if len(arts) != 1 else ''}"
        self.count.value = f'<span class="wb-note">{len(found):,} of {articles}{shown}</span>'
        options = [(self._label(r), r.article_id) for r in listed.itertuples()]
        previous = self.results.value
        self.results.options = options
        ids = [o[1] for o in options]
        self.results.value = previous if previous in ids else (ids[0] if ids else None)
        if not ids:
            self._show()

    @staticmethod
    def _label(row: Any) -> str:
        day = row.published.strftime("%Y-%m-%d") if pd.notna(row.published) else "undated"
        return f"{day} · {row.title or '(no title)'}"

    # ------------------------------------------------------------------ reading
    def spans(self, article_id: str) -> list[tuple[int, int, str, str]]:
        """The highlighted spans of one article: actors (``actor``) and dates (``date``)."""
        out: list[tuple[int, int, str, str]] = []
        one = self.corpus.select(article_ids=[article_id])
        mentions, timexes = _optional(one, "mentions"), _optional(one, "timexes")
        if mentions is not None:
            out += [(int(m.start), int(m.end), "actor", f"{m.actor} ({m.actor_type})") for m in mentions.itertuples()]
        if timexes is not None:
            out += [(int(t.start), int(t.end), "date", f"{t.type} {t.value}") for t in timexes.itertuples()]
        return out

    def _show(self, _change: Any = None) -> None:
        article_id = self.results.value
        if article_id is None:
            self.view.value = '<p class="wb-note">No article matches these filters.</p>'
            self.boilerplate.value = ""
            return
        if self._by_id is None:  # indexed once: a lookup per article shown, not an index per article
            self._by_id = self.corpus.catalog.set_index("article_id")
        row = self._by_id.loc[article_id]
        if isinstance(row, pd.DataFrame):  # the same article loaded twice keeps one id
            row = row.iloc[0]
        text = self.corpus.texts([article_id]).iloc[0]
        source = Path(str(row["source"])).name
        meta = " · ".join(esc(v) for v in (row["dateline"], row["published"], row["outlet"], source) if esc(v))
        self.view.value = (
            f'<div class="wb-article" data-article-id="{esc(article_id)}">'
            f'<h3>{esc(row["title"])}</h3><p class="wb-note">{meta}</p>'
            f"{highlight_html(str(text['text']), self.spans(article_id))}</div>"
        )
        boiler = str(text["boilerplate"] or "")
        self.boilerplate.value = (
            f'<div class="wb-boilerplate">{esc(boiler)}</div>'
            if boiler
            else '<p class="wb-note">Nothing was cut from this article.</p>'
        )


def article_reader(corpus: Corpus, *, topics: Topics | None = None, actors: int = 50) -> ArticleReader:
    """An article browser: filter by words, actor, dates, outlet, topic; read one with highlights.

    Args:
        corpus: a ``workbench.Corpus``.
        topics: a fitted ``corpus.topics()`` result, to filter by dominant topic (optional).
        actors: how many of the most mentioned actors the actor filter offers.

    Returns:
        An ``ipywidgets.VBox`` (display it, or put it in a page).

    >>> import workbench as wb
    >>> reader = article_reader(wb.load("seeds/"))
    >>> reader.words.value = "talks in Istanbul"
    >>> len(reader.matches)
    1
    """
    return ArticleReader(corpus, topics=topics, actors=actors)
