"""The dataset backend: a Parquet dataset written by ``workbench ingest --out``, queried with DuckDB.

Nothing is read when it opens but the manifest and the file listing (``dataset.manifest``: the fast check).
Actor trends, co-occurrence, the actors table, the timeline, KWIC, topic shares per period and the summary are
answered by DuckDB over the Parquet files (``workbench.dataset``) without loading the tables; the other
analyses (keywords, collocations, term trends, lexicon scores, the topics of a small selection) read the
selection's tables and compute as the in-memory backend does (``FrameAnalyses``). A selection is a new DuckDB
connection whose reads touch only the partitions holding selected articles.

Topics of a large dataset are fitted on a fixed random sample of ``TOPIC_SAMPLE`` unique stories, then every
article is scored with the model, ``SCORE_CHUNK`` at a time, from term counts DuckDB makes.

A file that turns out to be unreadable while a query runs (damaged after the check, or inside a page in a way
the fast check cannot see) raises ``DatasetError`` naming the dataset and the commands that verify and repair
it — never a raw DuckDB or Arrow error.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa

from workbench import dataset as duck
from workbench import schema
from workbench.corpus.backend import FrameAnalyses
from workbench.corpus.selection import Selection
from workbench.corpus.words import dataset_word_index
from workbench.dataset.connection import Dataset
from workbench.dataset.manifest import DatasetError
from workbench.errors import WorkbenchError

if TYPE_CHECKING:  # scikit-learn takes seconds to import: the topic model loads on first use
    from workbench.topics.model import Topics

#: Over a dataset with more articles than this, topics are fitted on a sample of this many unique stories.
TOPIC_SAMPLE = 5000
#: Articles scored with a fitted topic model at a time.
SCORE_CHUNK = 20000

F = TypeVar("F", bound=Callable[..., Any])


def guarded(method: F) -> F:
    """Turn a library's read error inside ``method`` into a ``DatasetError`` that says what to do."""

    @functools.wraps(method)
    def run(self: DatasetBackend, *args: Any, **kwargs: Any) -> Any:
        import duckdb

        try:
            return method(self, *args, **kwargs)
        except (duckdb.Error, pa.ArrowException, OSError) as exc:
            root, command = self.root, self.dataset.manifest.command
            raise DatasetError(
                f"{root}: reading the dataset failed ({type(exc).__name__}: {str(exc)[:200]}); a file may be "
                f"damaged. Check every file with `workbench verify {root} --full` and repair the dataset with "
                f"`{command}`"
            ) from None

    return run  # type: ignore[return-value]


class DatasetBackend(FrameAnalyses):
    """A dataset (or a selection of it) through one DuckDB connection (``workbench.dataset.Dataset``)."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.root: Path | str | None = dataset.root
        self._frames: dict[str, pd.DataFrame] = {}

    @guarded
    def table(self, name: str) -> pd.DataFrame:
        if name not in self._frames:
            self._frames[name] = self.dataset.read(name)
        return self._frames[name]

    @guarded
    def catalog(self) -> pd.DataFrame:
        if "articles" in self._frames:
            return super().catalog()
        if "catalog" not in self._frames:
            self._frames["catalog"] = self.dataset.read("articles", texts=False)
        return self._frames["catalog"]

    @guarded
    def article_ids(self) -> set[str]:
        if "catalog" in self._frames or "articles" in self._frames:
            return super().article_ids()
        ids = self.dataset.article_ids()
        return set(ids) if ids is not None else super().article_ids()

    @guarded
    def texts(self, article_ids: Sequence[str]) -> pd.DataFrame:
        return self.dataset.texts([str(a) for a in article_ids])

    @guarded
    def select(self, selection: Selection) -> DatasetBackend:
        index = dataset_word_index(self.dataset) if selection.words is not None else None
        chosen = duck.select(
            self.dataset,
            start=selection.start,
            end=selection.end,
            actors=selection.actors,
            article_ids=selection.article_ids,
            words=selection.words if index is None else None,
            outlets=selection.outlets,
        )
        if index is not None and selection.words is not None:  # the word index, not a scan of the tokens
            words = selection.words[0] if len(selection.words) == 1 else selection.words
            found = sorted(index.article_ids(list(selection.words)))
            chosen.narrow("words", words, "SELECT unnest(?::VARCHAR[]) AS article_id", [found])
        return DatasetBackend(chosen)

    @guarded
    def summary(self) -> dict[str, Any]:
        if "catalog" in self._frames or "articles" in self._frames:
            return super().summary()
        return self.dataset.summary()

    def count(self) -> int:
        if "catalog" in self._frames or "articles" in self._frames:
            return len(self.catalog())
        return int(self.summary()["articles"])

    @guarded
    def actors(self) -> pd.DataFrame:
        return schema.conform(duck.actors(self.dataset), "actors")

    @guarded
    def kwic(self, query: str | Sequence[str], *, window: int, sort: str | None, limit: int | None) -> pd.DataFrame:
        if isinstance(query, str):
            rows = duck.mention_kwic(self.dataset, query, window=window, sort=sort, limit=limit)
            if len(rows):
                return rows
        return duck.kwic(self.dataset, query, window=window, sort=sort, limit=limit)

    @guarded
    def actor_contexts(self, actors: Sequence[str], *, window: int, limit: int | None) -> pd.DataFrame:
        return duck.actor_contexts(self.dataset, actors, window=window, limit=limit)

    @guarded
    def cooccurrence(self, *, level: str) -> pd.DataFrame:
        return duck.cooccurrence(self.dataset, level=level)

    @guarded
    def timeline(self) -> pd.DataFrame:
        return duck.timeline(self.dataset)

    @guarded
    def actor_trends(
        self, actors: str | Sequence[str] | None, *, freq: str, date: str, measure: str, top: int
    ) -> pd.DataFrame:
        return duck.actor_trends(self.dataset, actors, freq=freq, date=date, measure=measure, top=top)

    @guarded
    def topic_trends(self, fitted: Topics, *, freq: str, measure: str, unit: str) -> pd.DataFrame:
        return duck.topic_trends(self.dataset, fitted, freq=freq, measure=measure, unit=unit)

    @guarded
    def topics(self, *, level: str, n_topics: int | None, sample: int | None, options: dict[str, Any]) -> Topics:
        from workbench.topics.model import split_level

        level, unit = split_level(level, options.get("unit", "auto"))
        size = TOPIC_SAMPLE if sample is None else int(sample)
        catalog = self.catalog()
        if len(catalog) <= size:
            options = {**options, "unit": unit}
            return super().topics(level=level, n_topics=n_topics, sample=sample, options=options)
        if unit == "paragraph":
            raise WorkbenchError(
                f"paragraph topics of {len(catalog):,} articles are not modelled on a dataset; select at most "
                f"{size:,} articles (corpus.select(start=..., end=...)) or use unit='article'"
            )
        options = {**options, "unit": "article"}
        return self._sampled_topics(catalog, level=level, size=size, n_topics=n_topics, options=options)

    def _sampled_topics(
        self, catalog: pd.DataFrame, *, level: str, size: int, n_topics: int | None, options: dict[str, Any]
    ) -> Topics:
        """Both levels fitted on a sample of unique stories, then every article scored with the model
        (``workbench.topics.model.score_topics``) from term counts DuckDB makes."""
        from workbench.topics.model import score_topics, topics

        unique = catalog.loc[catalog["duplicate_of"].isna(), "article_id"].astype(str).to_numpy()
        rng = np.random.default_rng(options.get("seed", 0))
        chosen = unique[np.sort(rng.choice(len(unique), min(size, len(unique)), replace=False))]
        part = self.select(Selection(article_ids=tuple(chosen)))
        fitted = topics(
            part.catalog(), part.table("sentences"), part.table("tokens"), level=level, n_topics=n_topics, **options
        )
        if fitted.vocabulary is None:
            raise WorkbenchError("the topic model of the sample has no terms: select more articles")
        ids = catalog["article_id"].astype(str).to_numpy(dtype=object)
        counts = duck.term_counts(self.dataset, [str(v) for v in fitted.vocabulary], articles=list(ids))
        meta = [c for c in ("published", "duplicate_of", "outlet", "title") if c in catalog]
        documents = catalog[["article_id", *meta]].astype({"article_id": str}).reset_index(drop=True)
        return score_topics(fitted, counts, documents, chunk=SCORE_CHUNK)
