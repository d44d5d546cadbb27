"""The ``Corpus``: a set of articles with its tables and analyses, over one of two backends.

Every method is short and hands the question to the backend (``corpus.backend.Backend``): the in-memory one
(``corpus.memory``, what ``workbench.load`` makes) or a Parquet dataset queried by DuckDB (``corpus.parquet``,
what ``workbench.open`` makes). Both answer every method with the same frames (a parity test runs each public
method on both and compares).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from workbench.corpus.backend import Backend
from workbench.corpus.selection import DateLike, Selection

if TYPE_CHECKING:  # scikit-learn takes seconds to import: the topic model loads on first use
    from workbench.topics.model import Topics


class Corpus:
    """A set of articles with its tables. Build one with ``workbench.load`` (or ``workbench.open``).

    Tables are computed on first use and cached (in memory and as Parquet under the cache folder); computing
    one never changes another. Over a dataset (``workbench.open(DIR)``) nothing is read until it is asked
    for, and ``catalog`` (the articles without their texts) and ``texts(ids)`` serve what needs few texts.

    >>> import workbench as wb
    >>> corpus = wb.load()                       # the seed corpus in seeds/
    >>> corpus.articles.loc[0, "dateline"]
    'ISLAMABAD'
    >>> corpus.select(actors="qatar").catalog["title"].str.len().gt(0).all()
    np.True_
    """

    def __init__(self, backend: Backend, *, selections: tuple[Selection, ...] = ()) -> None:
        self.backend = backend
        #: the selections this corpus was made with, in order (none for a whole corpus)
        self.selections = selections

    # ------------------------------------------------------------------ tables
    @property
    def articles(self) -> pd.DataFrame:
        """One row per article (SPEC columns, plus ``notes`` and format extras such as Reuters' labels)."""
        return self.backend.table("articles")

    @property
    def catalog(self) -> pd.DataFrame:
        """The articles without ``text`` and ``boilerplate``: ids, titles, dates, outlets, duplicates."""
        return self.backend.catalog()

    def article_ids(self) -> set[str]:
        """The ids of this corpus's articles, without reading their rows (over a dataset, the selection's ids
        DuckDB already holds): what a filter needs to know of a selection."""
        return self.backend.article_ids()

    def texts(self, article_ids: str | Iterable[str]) -> pd.DataFrame:
        """``article_id, title, text, boilerplate`` of the given articles, in the order given (unknown ids are
        left out); over a dataset only those articles' texts are read."""
        ids = [article_ids] if isinstance(article_ids, str) else [str(a) for a in article_ids]
        return self.backend.texts(ids)

    @property
    def report(self) -> pd.DataFrame:
        """One row per input (file, or record inside a multi-record file): status and reason. It describes the
        inputs, so a selection keeps the report of the whole corpus."""
        return self.backend.table("report")

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence: ``article_id, sentence_id, paragraph_id, start, end, text``."""
        return self.backend.table("sentences")

    @property
    def tokens(self) -> pd.DataFrame:
        """One row per token: ``article_id, sentence_id, token_id, token, norm, start, end, is_*``."""
        return self.backend.table("tokens")

    @property
    def mentions(self) -> pd.DataFrame:
        """One row per actor mention (SPEC columns, plus ``metonymy``, ``evidence``, ``strength``)."""
        return self.backend.table("mentions")

    @property
    def actors(self) -> pd.DataFrame:
        """One row per actor: mentions, articles, first and last seen, aliases."""
        return self.backend.actors()

    @property
    def timexes(self) -> pd.DataFrame:
        """One row per temporal expression, resolved against the publication date (TimeML values)."""
        return self.backend.table("timexes")

    @property
    def dataset(self) -> Path | str | None:
        """The dataset this corpus reads (a folder, or an object-store URL), or None when held in memory."""
        return self.backend.root

    # ------------------------------------------------------------------ selections
    def select(
        self,
        selection: Selection | None = None,
        *,
        start: DateLike = None,
        end: DateLike = None,
        actors: str | Iterable[str] | None = None,
        words: str | Iterable[str] | None = None,
        topic: int | None = None,
        outlet: str | Iterable[str] | None = None,
        article_ids: str | Iterable[str] | None = None,
        topics: Topics | None = None,
    ) -> Corpus:
        """The articles that meet every condition given, as a corpus whose tables hold only their rows.

        Args:
            selection: a ``Selection`` (the keywords below make one when it is not given).
            start, end: publication dates, both included (a day without a time covers the whole day).
            actors: articles mentioning any of these actors (ids or canonical names).
            words: articles where a word, phrase or ``prefix*`` occurs (any of several).
            topic: articles whose dominant topic is this one, in ``topics`` (default ``self.topics()``).
            outlet: articles from this outlet (or any of several).
            article_ids: these articles.
            topics: the fitted topics that ``topic`` refers to.

        Over a dataset the conditions are pushed into the Parquet reads; in memory the tables are filtered.
        """
        if selection is None:
            selection = Selection.of(
                start=start, end=end, actors=actors, words=words, topic=topic, outlet=outlet, article_ids=article_ids
            )
        if selection.topic is not None:
            dominant = (topics or self.topics()).dominant()
            selection = selection.without_topic(dominant.loc[dominant["topic_id"] == selection.topic, "article_id"])
        return Corpus(self.backend.select(selection), selections=(*self.selections, selection))

    # ------------------------------------------------------------------ analyses
    def kwic(
        self, query: str | Sequence[str], *, window: int = 8, sort: str | None = None, limit: int | None = None
    ) -> pd.DataFrame:
        """Keyword in context: for an actor (id or canonical name) its mentions, else a word or phrase.

        Returns ``article_id, sentence_id, start, end, left, match, right`` (plus sort keys); ``sort`` is
        ``None`` (corpus order), ``"left"`` or ``"right"``; ``limit`` keeps the first matches in corpus order
        (then sorted), which over a large dataset reads the context of those matches only.
        """
        return self.backend.kwic(query, window=window, sort=sort, limit=limit)

    def actor_contexts(self, actors: Iterable[str], *, window: int = 8, limit: int | None = None) -> pd.DataFrame:
        """The KWIC of several actors' mentions at once (ids or canonical names), with ``query`` first: the
        rows of ``kwic(actor, window=window, limit=limit)`` for each actor, ``limit`` counting per actor —
        one pass where the actor review would make one per candidate."""
        return self.backend.actor_contexts([str(a) for a in actors], window=window, limit=limit)

    def cooccurrence(self, *, level: str = "sentence") -> pd.DataFrame:
        """Actor pairs mentioned together per sentence or per article: ``actor_a, actor_b, count, articles``."""
        return self.backend.cooccurrence(level=level)

    def timeline(self) -> pd.DataFrame:
        """Dated statements: one row per sentence with a resolved date, with the actors in it, by date."""
        return self.backend.timeline()

    def keywords(self, *, by: Any = "article", n: int = 20, **options: Any) -> pd.DataFrame:
        """Keywords per article, paragraph or slice (TF-IDF or log-likelihood keyness against the rest)."""
        return self.backend.keywords(by=by, n=n, options=options)

    def topics(
        self,
        *,
        level: str = "coarse",
        unit: str = "auto",
        n_topics: int | None = None,
        sample: int | None = None,
        **options: Any,
    ) -> Topics:
        """Topics at two levels, discovered with NMF on TF-IDF (``workbench.topics.model.topics``): ``level``
        ``"coarse"`` (the desks articles are filed under) or ``"fine"`` (the topics within each; the other
        level of the same fit is ``.coarse`` / ``.fine``). ``unit="auto"`` models paragraphs when there are
        few stories; a unit given as ``level`` (``level="article"``, the one-level spelling) is read as
        ``unit=`` at the coarse level.

        Over a dataset of more than ``sample`` articles (default ``corpus.parquet.TOPIC_SAMPLE``) the model is
        fitted on a fixed random sample of unique stories and every article is scored with it, at both levels.
        """
        options = {"unit": unit, **options}
        return self.backend.topics(level=level, n_topics=n_topics, sample=sample, options=options)

    def topic_trends(
        self, topics: Topics | None = None, *, freq: str = "W", measure: str = "share", unit: str = "articles"
    ) -> pd.DataFrame:
        """Each topic's share (or dominant-topic count) per period: ``period, topic_id, label, value``;
        ``topics`` is a fitted ``corpus.topics()`` (default: fitted here)."""
        return self.backend.topic_trends(topics or self.topics(), freq=freq, measure=measure, unit=unit)

    def collocations(self, **options: Any) -> pd.DataFrame:
        """Strongest word pairs or triples (NLTK's collocation finders: likelihood ratio or PMI)."""
        return self.backend.collocations(options)

    def term_trends(self, terms: str | Sequence[str], **options: Any) -> pd.DataFrame:
        """How often terms are used per period (by publication date), counting articles or unique stories."""
        return self.backend.term_trends(terms, options)

    def lexicon_scores(self, lexicon: Any = None, *, level: str = "article") -> pd.DataFrame:
        """Scores of the analyst's topic lexicon (``data/topics.yml`` by default) per article or paragraph."""
        return self.backend.lexicon_scores(lexicon, level=level)

    def actor_trends(
        self,
        actors: str | Sequence[str] | None = None,
        *,
        freq: str = "W",
        date: str = "published",
        measure: str = "mentions",
        top: int = 10,
    ) -> pd.DataFrame:
        """Actor mentions over time: one row per period × actor (``period, actor_id, actor, value``).

        ``actors``: ids or canonical names (default: the ``top`` most mentioned); ``freq``: ``D``/``W``/``M``;
        ``date``: ``published`` or ``referred`` (the resolved date of a timex in the same sentence, else the
        publication date); ``measure``: ``mentions``/``articles``/``stories``/``share``.
        """
        return self.backend.actor_trends(actors, freq=freq, date=date, measure=measure, top=top)

    # ------------------------------------------------------------------ display
    def summary(self) -> dict[str, Any]:
        """Counts for a corpus overview: articles, unique stories, inputs by status, date range."""
        return self.backend.summary()

    def __len__(self) -> int:
        return self.backend.count()

    def __repr__(self) -> str:
        s = self.summary()
        span = ""
        if s["first_published"] is not None:
            span = f", published {s['first_published']:%Y-%m-%d} to {s['last_published']:%Y-%m-%d}"
        where = f" in {self.dataset}" if self.dataset is not None else ""
        chosen = "; selected: " + ", then ".join(s.describe() for s in self.selections) if self.selections else ""
        return (
            f"<Corpus: {s['articles']} articles ({s['unique_stories']} unique stories) from {s['inputs']} inputs"
            f"{span}{where}{chosen}>"
        )
