"""The analyses a ``Corpus`` offers (KWIC, co-occurrence, timeline, keywords, topics, collocations, trends,
lexicon scores): thin methods that call ``workbench.analysis`` on the corpus's tables, or ``workbench.dataset``
over a dataset. A base class of ``workbench.corpus.Corpus``, which holds the tables they read."""

from __future__ import annotations

from typing import Any

import pandas as pd

from workbench.corpus_dataset import dataset_topics as _dataset_topics


class Analyses:
    """The analysis methods of :class:`workbench.corpus.Corpus` (its tables: ``articles``, ``tokens``,
    ``mentions``…, and ``dataset`` / ``_duck`` over a dataset)."""

    # ------------------------------------------------------------------ analyses
    def kwic(self, query: Any, *, window: int = 8, sort: str | None = None, limit: int | None = None) -> pd.DataFrame:
        """Keyword in context: for an actor (id or canonical name) its mentions, else a word or phrase.

        Returns ``article_id, sentence_id, start, end, left, match, right`` (plus sort keys); ``sort`` is
        ``None`` (corpus order), ``"left"`` or ``"right"``; ``limit`` keeps the first matches in corpus order
        (then sorted), which over a large dataset reads the context of those matches only.
        """
        from workbench.analysis.kwic import kwic, kwic_spans

        if self.dataset is not None:
            from workbench import dataset as duck

            if isinstance(query, str):
                rows = duck.mention_kwic(self._duck, query, window=window, sort=sort, limit=limit)
                if len(rows):
                    return rows
            return duck.kwic(self._duck, query, window=window, sort=sort, limit=limit)
        rows = None
        if isinstance(query, str):
            mentions = self.mentions
            hit = mentions[(mentions["actor_id"] == query) | (mentions["actor"] == query)]
            if len(hit):
                rows = kwic_spans(self.articles, self.tokens, hit, window=window, sort=None if limit else sort)
        if rows is None:
            rows = kwic(self.articles, self.tokens, query, window=window, sort=None if limit else sort)
        if limit is not None:
            rows = rows.head(limit)
            if sort is not None:
                rows = rows.sort_values(f"{sort}_key", kind="stable").reset_index(drop=True)
        return rows

    def cooccurrence(self, *, level: str = "sentence") -> pd.DataFrame:
        """Actor pairs mentioned together per sentence or per article: ``actor_a, actor_b, count, articles``."""
        from workbench.analysis.cooccurrence import cooccurrence

        if self.dataset is not None:
            from workbench import dataset as duck

            return duck.cooccurrence(self._duck, level=level)
        return cooccurrence(self.mentions, level=level)

    def timeline(self) -> pd.DataFrame:
        """Dated statements: one row per sentence with a resolved date, with the actors in it, by date."""
        from workbench.analysis.timeline import timeline_table

        if self.dataset is not None:
            from workbench import dataset as duck

            return duck.timeline(self._duck)
        return timeline_table(self.articles, self.sentences, self.timexes, self.mentions)

    def keywords(self, *, by: Any = "article", n: int = 20, **options: Any) -> pd.DataFrame:
        """Keywords per article, paragraph or slice (TF-IDF or log-likelihood keyness against the rest)."""
        from workbench.analysis.keywords import keywords

        return keywords(self.articles, self.tokens, by=by, n=n, sentences=self.sentences, **options)

    def topics(
        self, *, level: str = "auto", n_topics: int | None = None, sample: int | None = None, **options: Any
    ) -> Any:
        """Topics discovered with NMF on TF-IDF; ``level="auto"`` models paragraphs when there are few stories.

        Over a dataset with at most ``sample`` articles (default ``TOPIC_SAMPLE``) this is the same model on
        the selection's tables (documents come in the dataset's order, which moves weights in their last
        digits). A larger dataset is modelled by articles: the model is fitted on a fixed random sample of
        ``sample`` unique stories (``seed``), then every article is scored with it, ``SCORE_CHUNK`` at a time,
        from term counts that DuckDB makes a batch of partitions at a time (``duck.term_counts``).
        ``documents`` holds every article, ``matrix``/``counts`` every article's row; topic shares per period
        are ``topic_trends`` (aggregated in DuckDB).
        """
        from workbench.topics.model import topics

        if self.dataset is not None:
            return _dataset_topics(self, level=level, n_topics=n_topics, sample=sample, options=options)
        options.setdefault("mentions", lambda: self.mentions)  # person names stay out of paragraph topics
        return topics(self.articles, self.sentences, self.tokens, level=level, n_topics=n_topics, **options)

    def topic_trends(
        self, topics: Any = None, *, freq: str = "W", measure: str = "share", unit: str = "articles"
    ) -> pd.DataFrame:
        """Each topic's share (or dominant-topic count) per period: ``period, topic_id, label, value``.

        ``topics`` is a fitted ``corpus.topics()`` (default: fitted here). Over a dataset the shares are
        aggregated in DuckDB (``duck.topic_trends``), in memory by ``analysis.term_trends.topic_trends``;
        both give the same frame.
        """
        from workbench.analysis.term_trends import topic_trends

        topics = topics if topics is not None else self.topics()
        if self.dataset is not None:
            from workbench import dataset as duck

            return duck.topic_trends(self._duck, topics, freq=freq, measure=measure, unit=unit)
        return topic_trends(topics, freq=freq, measure=measure, unit=unit)

    def collocations(self, **options: Any) -> pd.DataFrame:
        """Strongest word pairs or triples (NLTK's collocation finders: likelihood ratio or PMI)."""
        from workbench.analysis.collocations import collocations

        return collocations(self.tokens, **options)

    def term_trends(self, terms: Any, **options: Any) -> pd.DataFrame:
        """How often terms are used per period (by publication date), counting articles or unique stories."""
        from workbench.analysis.term_trends import term_trends

        return term_trends(self.articles, self.tokens, terms, **options)

    def lexicon_scores(self, lexicon: Any = None, *, level: str = "article") -> pd.DataFrame:
        """Scores of the analyst's topic lexicon (``data/topics.yml`` by default) per article or paragraph."""
        from workbench.topics.lexicons import score_lexicon

        return score_lexicon(self.articles, self.tokens, self.sentences, lexicon, level=level)

    def actor_trends(
        self, actors: Any = None, *, freq: str = "W", date: str = "published", measure: str = "mentions"
    ) -> pd.DataFrame:
        """Actor mentions over time: one row per period × actor (``period, actor_id, actor, value``)."""
        from workbench.analysis.actor_trends import actor_trends

        if self.dataset is not None:
            from workbench import dataset as duck

            return duck.actor_trends(self._duck, actors, freq=freq, date=date, measure=measure)
        timexes = self.timexes if date == "referred" else None
        return actor_trends(self.mentions, self.articles, timexes, actors=actors, freq=freq, date=date, measure=measure)
