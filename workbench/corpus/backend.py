"""The one protocol both backends of a ``Corpus`` follow, and the analyses they share.

A backend holds a corpus's tables (or the means to read them) and answers every question the ``Corpus``
facade asks. ``FrameAnalyses`` answers them from pandas frames with ``workbench.analysis`` and
``workbench.topics``; the in-memory backend (``corpus.memory``) is exactly that, and the dataset backend
(``corpus.parquet``) overrides what DuckDB answers without reading whole tables (actor aggregates, KWIC,
the timeline, topic trends, summaries) and inherits the rest, computed on the tables of its selection.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd

from workbench import schema
from workbench.actors.tables import actors_table
from workbench.analysis.actor_trends import actor_trends
from workbench.analysis.cooccurrence import cooccurrence
from workbench.analysis.keywords import keywords
from workbench.analysis.kwic import COLUMNS as KWIC_COLUMNS
from workbench.analysis.kwic import kwic, kwic_spans
from workbench.analysis.term_trends import term_trends, topic_trends
from workbench.analysis.timeline import timeline_table
from workbench.corpus.selection import Selection
from workbench.errors import WorkbenchError
from workbench.topics.lexicons import score_lexicon

if TYPE_CHECKING:  # NLTK and scikit-learn take seconds to import: the modules using them load on first use
    from workbench.topics.model import Topics


class Backend(Protocol):
    """What a ``Corpus`` asks of its backend (see ``workbench.corpus.Corpus`` for each method's meaning)."""

    #: the dataset's location, or None for a corpus held in memory
    root: Path | str | None

    def table(self, name: str) -> pd.DataFrame: ...
    def catalog(self) -> pd.DataFrame: ...
    def article_ids(self) -> set[str]: ...
    def texts(self, article_ids: Sequence[str]) -> pd.DataFrame: ...
    def actors(self) -> pd.DataFrame: ...
    def select(self, selection: Selection) -> Backend: ...
    def summary(self) -> dict[str, Any]: ...
    def count(self) -> int: ...
    def kwic(self, query: str | Sequence[str], *, window: int, sort: str | None, limit: int | None) -> pd.DataFrame: ...
    def actor_contexts(self, actors: Sequence[str], *, window: int, limit: int | None) -> pd.DataFrame: ...
    def cooccurrence(self, *, level: str) -> pd.DataFrame: ...
    def timeline(self) -> pd.DataFrame: ...
    def keywords(self, *, by: Any, n: int, options: dict[str, Any]) -> pd.DataFrame: ...
    def topics(self, *, level: str, n_topics: int | None, sample: int | None, options: dict[str, Any]) -> Topics: ...
    def topic_trends(self, fitted: Topics, *, freq: str, measure: str, unit: str) -> pd.DataFrame: ...
    def collocations(self, options: dict[str, Any]) -> pd.DataFrame: ...
    def term_trends(self, terms: str | Sequence[str], options: dict[str, Any]) -> pd.DataFrame: ...
    def lexicon_scores(self, lexicon: Any, *, level: str) -> pd.DataFrame: ...
    def actor_trends(
        self, actors: str | Sequence[str] | None, *, freq: str, date: str, measure: str, top: int
    ) -> pd.DataFrame: ...


def actor_ids(mentions: pd.DataFrame, actors: str | Sequence[str]) -> list[str]:
    """Actor ids for ids or canonical names (exact, then any case); ``WorkbenchError`` for an unknown one."""
    wanted = [actors] if isinstance(actors, str) else list(actors)
    ids = set(mentions["actor_id"])
    names = mentions.drop_duplicates("actor_id").set_index("actor")["actor_id"].to_dict()
    lowered = {str(k).lower(): v for k, v in names.items()}
    out = []
    for item in wanted:
        found = item if item in ids else names.get(item, lowered.get(str(item).lower()))
        if found is None:
            raise WorkbenchError(f"no actor {item!r} in the mentions; see corpus.actors for ids and names")
        out.append(found)
    return out


class FrameAnalyses:
    """Every analysis of a corpus, computed from its pandas tables (``table(name)``)."""

    root: Path | str | None = None

    def table(self, name: str) -> pd.DataFrame:  # pragma: no cover - every backend defines it
        raise NotImplementedError

    def catalog(self) -> pd.DataFrame:
        arts = self.table("articles")
        return arts.drop(columns=[c for c in schema.TEXT_COLUMNS if c in arts])

    def article_ids(self) -> set[str]:
        return set(self.catalog()["article_id"].astype(str))

    def actors(self) -> pd.DataFrame:
        return actors_table(self.table("mentions"), self.table("articles"))

    def summary(self) -> dict[str, Any]:
        arts, report = self.catalog(), self.table("report")
        published = arts["published"].dropna()
        return {
            "articles": len(arts),
            "unique_stories": int(arts["duplicate_of"].isna().sum()),
            "inputs": len(report),
            "by_status": {str(k): int(v) for k, v in report["status"].value_counts().items()},
            "first_published": published.min() if len(published) else None,
            "last_published": published.max() if len(published) else None,
        }

    def count(self) -> int:
        return len(self.catalog())

    def rows_of(self, name: str, article_ids: set[str]) -> pd.DataFrame:
        """The rows of table ``name`` whose article is in ``article_ids``, in table order."""
        frame = self.table(name)
        return frame[frame["article_id"].astype(str).isin(article_ids)]

    def _span_kwic(self, spans: pd.DataFrame, *, window: int, sort: str | None) -> pd.DataFrame:
        """``kwic_spans`` of ``spans`` on the articles and tokens of their articles only (``rows_of``)."""
        ids = set(spans["article_id"].astype(str))
        return kwic_spans(self.rows_of("articles", ids), self.rows_of("tokens", ids), spans, window=window, sort=sort)

    def _corpus_order(self, spans: pd.DataFrame) -> pd.DataFrame:
        """``spans`` in corpus order (their articles' order, then offset; ties kept in their order)."""
        ids = self.rows_of("articles", set(spans["article_id"].astype(str)))["article_id"].astype(str)
        rank = {aid: i for i, aid in enumerate(dict.fromkeys(ids))}
        key = spans["article_id"].astype(str).map(rank)
        return spans.assign(_rank=key.to_numpy()).sort_values(["_rank", "start"], kind="stable").drop(columns="_rank")

    def actor_contexts(self, actors: Sequence[str], *, window: int, limit: int | None) -> pd.DataFrame:
        mentions = self.table("mentions")
        wanted = {str(a) for a in actors}
        by_id = mentions[mentions["actor_id"].isin(wanted)]
        by_name = mentions[mentions["actor"].isin(wanted) & (mentions["actor"] != mentions["actor_id"])]
        hits = pd.concat([by_id.assign(_q=by_id["actor_id"]), by_name.assign(_q=by_name["actor"])])
        if not len(hits):
            return pd.DataFrame(columns=["query", *KWIC_COLUMNS])
        hits = self._corpus_order(hits.sort_index(kind="stable"))  # each actor's mentions in mentions order
        if limit is not None:
            hits = hits.groupby("_q", sort=False).head(limit)
        rows = self._span_kwic(hits, window=window, sort=None)
        return pd.concat([rows.pop("_q").rename("query"), rows], axis=1)

    def kwic(self, query: str | Sequence[str], *, window: int, sort: str | None, limit: int | None) -> pd.DataFrame:
        rows = None
        if isinstance(query, str):
            mentions = self.table("mentions")
            hit = mentions[(mentions["actor_id"] == query) | (mentions["actor"] == query)]
            if len(hit):
                if limit is not None:  # the first matches in corpus order are the only ones kept
                    hit = self._corpus_order(hit).head(limit)
                rows = self._span_kwic(hit, window=window, sort=None if limit else sort)
        if rows is None:
            rows = kwic(
                self.table("articles"), self.table("tokens"), query, window=window, sort=None if limit else sort
            )
        if limit is not None:
            rows = rows.head(limit)
            if sort is not None:
                rows = rows.sort_values(f"{sort}_key", kind="stable").reset_index(drop=True)
        return rows

    def cooccurrence(self, *, level: str) -> pd.DataFrame:
        return cooccurrence(self.table("mentions"), level=level)

    def timeline(self) -> pd.DataFrame:
        return timeline_table(
            self.table("articles"), self.table("sentences"), self.table("timexes"), self.table("mentions")
        )

    def keywords(self, *, by: Any, n: int, options: dict[str, Any]) -> pd.DataFrame:
        return keywords(
            self.table("articles"), self.table("tokens"), by=by, n=n, sentences=self.table("sentences"), **options
        )

    def topics(self, *, level: str, n_topics: int | None, sample: int | None, options: dict[str, Any]) -> Topics:
        from workbench.topics.model import topics

        mentions: Callable[[], pd.DataFrame] = lambda: self.table("mentions")  # noqa: E731 - read when needed
        options.setdefault("mentions", mentions)  # person names stay out of paragraph topics
        return topics(
            self.table("articles"),
            self.table("sentences"),
            self.table("tokens"),
            level=level,
            n_topics=n_topics,
            **options,
        )

    def topic_trends(self, fitted: Topics, *, freq: str, measure: str, unit: str) -> pd.DataFrame:
        return topic_trends(fitted, freq=freq, measure=measure, unit=unit)

    def collocations(self, options: dict[str, Any]) -> pd.DataFrame:
        from workbench.analysis.collocations import collocations

        return collocations(self.table("tokens"), **options)

    def term_trends(self, terms: str | Sequence[str], options: dict[str, Any]) -> pd.DataFrame:
        return term_trends(self.table("articles"), self.table("tokens"), terms, **options)

    def lexicon_scores(self, lexicon: Any, *, level: str) -> pd.DataFrame:
        return score_lexicon(
            self.table("articles"), self.table("tokens"), self.table("sentences"), lexicon, level=level
        )

    def actor_trends(
        self, actors: str | Sequence[str] | None, *, freq: str, date: str, measure: str, top: int
    ) -> pd.DataFrame:
        timexes = self.table("timexes") if date == "referred" else None
        return actor_trends(
            self.table("mentions"),
            self.table("articles"),
            timexes,
            actors=actors,
            freq=freq,
            date=date,
            measure=measure,
            top=top,
        )
