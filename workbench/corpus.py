"""The ``Corpus``: lazily computed, cached tables over a set of articles. The analyses notebooks call are its
methods too, from its base class ``workbench.corpus_analyses.Analyses``; ``workbench.load`` (which makes one) is
in ``workbench.corpus_load``."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from workbench.cache import TableCache, actor_code_digest, cache_key, timex_code_digest
from workbench.corpus_analyses import Analyses
from workbench.dataset.store import is_url
from workbench.errors import WorkbenchError
from workbench.text.frames import segment_frames

#: Below this many articles tokenization runs in-process; above, in a pool of worker processes.
PARALLEL_THRESHOLD = 4000
#: The heavy columns of the articles table, left out of ``Corpus.catalog``.
TEXT_COLUMNS = ("text", "boilerplate")


def _segment_parallel(articles: pd.DataFrame, workers: int) -> dict[str, pd.DataFrame]:
    """``segment_frames`` over contiguous blocks of articles in worker processes, results in input order."""
    size = -(-len(articles) // workers)
    chunks = [articles.iloc[i : i + size][["article_id", "text"]] for i in range(0, len(articles), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = list(pool.map(partial(segment_frames, progress=False), chunks))
    return {name: pd.concat([p[name] for p in parts], ignore_index=True) for name in ("sentences", "tokens")}


class Corpus(Analyses):
    """A set of articles with its tables. Build one with ``workbench.load`` (or ``workbench.open``).

    Tables are computed on first use and cached (in memory and as Parquet under the cache folder);
    computing one never changes another.

    A corpus over a dataset folder (``workbench.open(DIR)``, written by ``workbench ingest --engine dask``)
    holds no table until one is asked for: ``articles``, ``tokens`` … are then read from the Parquet files
    of its selection (``select``), while actor trends, co-occurrence, the actors table, the timeline, KWIC
    and topic shares per period are answered by DuckDB (``workbench.dataset``) without loading the tokens.
    ``catalog`` (the articles without their texts) and ``texts(ids)`` serve what needs only a few texts;
    ``articles`` reads every text of the selection, as the analyses that need texts do.

    >>> import workbench as wb
    >>> corpus = wb.load()                       # the seed corpus in seeds/
    >>> corpus.articles.loc[0, "dateline"]
    'ISLAMABAD'
    >>> corpus.select(actors="qatar").catalog["title"].str.len().gt(0).all()
    np.True_
    """

    def __init__(
        self,
        articles: pd.DataFrame | None,
        report: pd.DataFrame | None,
        *,
        cache: TableCache | None = None,
        actors: Sequence[str | os.PathLike[str]] = (),
        builtin_actors: bool = True,
        year_hint: int | None = None,
        workers: int | None = None,
        tables: dict[str, pd.DataFrame] | None = None,
        dataset: Any = None,
    ) -> None:
        self._articles = articles
        self._report = report
        self._cache = cache or TableCache(None, "memory")
        self._tables: dict[str, pd.DataFrame] = dict(tables or {})
        self._duck_con: Any = None
        if dataset is not None and not isinstance(dataset, (str, os.PathLike)):
            self._duck_con = dataset  # a workbench.dataset.Dataset (a selection of a dataset)
            dataset = dataset.root
        if dataset is None and articles is None:
            raise WorkbenchError("a Corpus needs its articles (or a dataset folder to read them from)")
        #: A partitioned dataset written by ``workbench ingest --engine dask``: tables are read from it lazily
        #: and the aggregates that explorers need are answered by DuckDB over its Parquet files.
        self.dataset = dataset if dataset is None or is_url(dataset) else Path(dataset)  # a folder, or a URL
        #: For a selection of an in-memory corpus: the corpus it was selected from and the selected ids.
        self._parent: Corpus | None = None
        self._ids: set[str] = set()
        self.actor_files = [os.fspath(p) for p in actors]
        self.builtin_actors = builtin_actors
        self.year_hint = year_hint
        self.workers = workers

    # ------------------------------------------------------------------ tables
    @property
    def articles(self) -> pd.DataFrame:
        """One row per article (SPEC columns, plus ``notes`` and format extras such as Reuters' labels).

        Over a dataset, read (texts included) on first use, for the selected articles only; what needs no
        texts uses ``catalog``, and a few texts come from ``texts(ids)``.
        """
        if self._articles is None:
            self._articles = self._duck.read("articles")
        return self._articles

    @property
    def catalog(self) -> pd.DataFrame:
        """The articles without ``text`` and ``boilerplate``: ids, titles, dates, outlets, duplicates.

        Over a dataset this reads no text (a few hundred bytes per article instead of a few kilobytes).
        """
        if "catalog" not in self._tables:
            if self._articles is None:
                frame = self._duck.read("articles", texts=False)
            else:
                frame = self._articles.drop(columns=[c for c in TEXT_COLUMNS if c in self._articles])
            self._tables["catalog"] = frame
        return self._tables["catalog"]

    def texts(self, article_ids: Any) -> pd.DataFrame:
        """``article_id, title, text, boilerplate`` of the given articles, in the order given (unknown ids are
        left out); over a dataset only those articles' texts are read."""
        ids = [str(article_ids)] if isinstance(article_ids, str) else [str(a) for a in article_ids]
        if self._articles is None:
            return self._duck.texts(ids)
        arts = self._articles
        found = arts[arts["article_id"].astype(str).isin(ids)].drop_duplicates("article_id")
        order = {a: i for i, a in enumerate(dict.fromkeys(ids))}
        found = found.sort_values("article_id", key=lambda s: s.astype(str).map(order), kind="stable")
        return found[["article_id", "title", "text", "boilerplate"]].reset_index(drop=True)

    @property
    def report(self) -> pd.DataFrame:
        """One row per input (file, or record inside a multi-record file): status and reason.

        It describes the inputs, so a selection (``select``) keeps the report of the whole corpus.
        """
        if self._report is None:
            self._report = self._duck.read("report")
        return self._report

    # ------------------------------------------------------------------ selections
    def select(
        self,
        *,
        start: Any = None,
        end: Any = None,
        actors: Any = None,
        article_ids: Any = None,
        words: Any = None,
    ) -> Corpus:
        """The articles that meet every condition given, as a corpus whose tables hold only their rows.

        Args:
            start, end: publication dates, both included (a day without a time covers the whole day);
                undated articles are left out when either is given.
            actors: articles mentioning any of these actors (ids or canonical names).
            article_ids: these articles.
            words: articles where a word, phrase or ``prefix*`` occurs (any of several).

        Tables of the selection are the corpus's rows for those articles (actors resolved over the whole
        corpus are not resolved again). Over a dataset the conditions are pushed into the Parquet reads:
        dates into the articles' scan, actors and words into one scan of the mentions or tokens of the
        partitions left, and every later read touches only the partitions holding selected articles.
        """
        from workbench import dataset as duck

        if self._duck_con is not None or self.dataset is not None:
            try:
                chosen = self._duck.select(start=start, end=end, actors=actors, article_ids=article_ids, words=words)
            except KeyError as exc:
                raise WorkbenchError(str(exc.args[0])) from None
            return self._child(None, dataset=chosen)
        conditions = duck.selection_conditions(start=start, end=end, article_ids=article_ids, words=words)
        arts = self.articles
        keep = pd.Series(True, index=arts.index)
        ids = arts["article_id"].astype(str)
        for kind, value in conditions:
            if kind == "published":
                lo, hi = value
                published = pd.to_datetime(arts["published"])
                keep &= published.notna()
                if lo is not None:
                    keep &= published >= lo
                if hi is not None:
                    keep &= published <= hi
            elif kind == "article_ids":
                keep &= ids.isin(set(value))
            elif kind == "words":
                from workbench.analysis.kwic import match_spans

                keep &= ids.isin(set(match_spans(self.tokens, value)["article_id"].astype(str)))
        if actors is not None:
            wanted = _actor_ids(self.mentions, actors)
            mentions = self.mentions
            keep &= ids.isin(set(mentions.loc[mentions["actor_id"].isin(wanted), "article_id"].astype(str)))
        child = self._child(arts[keep.to_numpy()].reset_index(drop=True))
        child._parent = self
        child._ids = set(ids[keep.to_numpy()])
        return child

    def _child(self, articles: pd.DataFrame | None, *, dataset: Any = None) -> Corpus:
        return Corpus(
            articles,
            self._report,
            actors=self.actor_files,
            builtin_actors=self.builtin_actors,
            year_hint=self.year_hint,
            workers=self.workers,
            dataset=dataset,
        )

    def _of_parent(self, name: str) -> pd.DataFrame | None:
        """A table of the corpus this one was selected from, restricted to the selected articles."""
        if self._parent is None:
            return None
        if name not in self._tables:
            frame = getattr(self._parent, name)
            self._tables[name] = frame[frame["article_id"].astype(str).isin(self._ids)].reset_index(drop=True)
        return self._tables[name]

    def _cached(self, name: str, compute: Any, *, key_extra: object = None) -> pd.DataFrame:
        if name in self._tables:
            return self._tables[name]
        cache_name = name if key_extra is None else f"{name}-{cache_key(key_extra)}"
        frame = self._cache.get(cache_name)
        if frame is None:
            frame = compute()
            self._cache.put(cache_name, frame)
        self._tables[name] = frame
        return frame

    def _segment(self) -> None:
        articles = self._articles
        workers = self.workers
        if workers is None:
            workers = min(os.cpu_count() or 1, 4) if len(articles) >= PARALLEL_THRESHOLD else 1
        tables = (
            _segment_parallel(articles, workers) if workers > 1 else segment_frames(articles[["article_id", "text"]])
        )
        for name, frame in tables.items():
            self._tables[name] = frame
            self._cache.put(name, frame, background=True)

    def _from_dataset(self, name: str) -> pd.DataFrame | None:
        if self.dataset is None:
            return self._of_parent(name)
        if name not in self._tables:
            self._tables[name] = self._duck.read(name)
        return self._tables[name]

    @property
    def _duck(self) -> Any:
        """The ``workbench.dataset.Dataset`` of this corpus's dataset and selection (opened on first use)."""
        if self._duck_con is None:
            from workbench import dataset as duck

            if self.dataset is None:
                raise WorkbenchError("this corpus was loaded into memory; it has no dataset to query")
            self._duck_con = duck.connect(self.dataset)
        return self._duck_con

    def _segmented(self, name: str) -> pd.DataFrame:
        stored = self._from_dataset(name)
        if stored is not None:
            return stored
        if name not in self._tables:
            cached = self._cache.get(name)
            if cached is not None:
                self._tables[name] = cached
            else:
                self._segment()
        return self._tables[name]

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence: ``article_id, sentence_id, paragraph_id, start, end, text``."""
        return self._segmented("sentences")

    @property
    def tokens(self) -> pd.DataFrame:
        """One row per token: ``article_id, sentence_id, token_id, token, norm, start, end, is_*``."""
        return self._segmented("tokens")

    def _actor_key(self) -> object:
        from workbench.ingest.sources import file_digest

        return {
            "files": [[p, file_digest(Path(p))] for p in self.actor_files],
            "builtin": self.builtin_actors,
            "dictionary": actor_code_digest(),
        }

    @property
    def mentions(self) -> pd.DataFrame:
        """One row per actor mention (SPEC columns)."""
        from workbench.actors.tables import mentions_table

        stored = self._from_dataset("mentions")
        if stored is not None:
            return stored
        return self._cached(
            "mentions",
            lambda: mentions_table(
                self.articles,
                self.sentences,
                self.tokens,
                dictionaries=self.actor_files,
                builtin_actors=self.builtin_actors,
            ),
            key_extra=self._actor_key(),
        )

    @property
    def actors(self) -> pd.DataFrame:
        """One row per actor: mentions, articles, first and last seen, aliases (over a dataset: DuckDB)."""
        from workbench.actors.tables import actors_table

        if "actors" not in self._tables:
            if self.dataset is not None:
                from workbench import dataset as duck

                self._tables["actors"] = duck.actors(self._duck)
            else:
                self._tables["actors"] = actors_table(self.mentions, self.articles)
        return self._tables["actors"]

    @property
    def timexes(self) -> pd.DataFrame:
        """One row per temporal expression, resolved against the publication date (TimeML values)."""
        from workbench.dates.timexes import timexes_table

        stored = self._from_dataset("timexes")
        if stored is not None:
            return stored
        return self._cached(
            "timexes", lambda: timexes_table(self.articles, self.sentences), key_extra=timex_code_digest()
        )

    # ------------------------------------------------------------------ display
    def summary(self) -> dict[str, Any]:
        """Counts for a corpus overview: articles, duplicates, inputs by status, date range (over a dataset
        whose articles were not read: counted by DuckDB)."""
        if self.dataset is not None and self._articles is None and "catalog" not in self._tables:
            return self._duck.summary()
        arts = self.catalog if self._articles is None else self._articles
        published = arts["published"].dropna()
        return {
            "articles": len(arts),
            "unique_stories": int(arts["duplicate_of"].isna().sum()),
            "inputs": len(self.report),
            "by_status": self.report["status"].value_counts().to_dict(),
            "first_published": published.min() if len(published) else None,
            "last_published": published.max() if len(published) else None,
        }

    def __len__(self) -> int:
        if self._articles is not None:
            return len(self._articles)
        return len(self._tables["catalog"]) if "catalog" in self._tables else self.summary()["articles"]

    def __repr__(self) -> str:
        s = self.summary()
        span = ""
        if s["first_published"] is not None:
            span = f", published {s['first_published']:%Y-%m-%d} to {s['last_published']:%Y-%m-%d}"
        return (
            f"<Corpus: {s['articles']} articles ({s['unique_stories']} unique stories) from {s['inputs']} inputs{span}>"
        )


def _actor_ids(mentions: pd.DataFrame, actors: Any) -> list[str]:
    """Actor ids for ids or canonical names (exact, then any case)."""
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
