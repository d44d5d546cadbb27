"""The ``Corpus``: lazily computed, cached tables over a set of articles, and the analyses notebooks call."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from workbench.cache import TableCache, cache_key
from workbench.corpus_dataset import SCORE_CHUNK as SCORE_CHUNK
from workbench.corpus_dataset import TOPIC_SAMPLE as TOPIC_SAMPLE
from workbench.corpus_dataset import dataset_topics as _dataset_topics
from workbench.corpus_dataset import open_dataset as open_dataset
from workbench.corpus_dataset import topic_order as _topic_order  # noqa: F401 - importable as before
from workbench.errors import WorkbenchError
from workbench.loader import load_tables
from workbench.pipeline import segment_frames
from workbench.store import is_url

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


class Corpus:
    """A set of articles with its tables. Build one with ``workbench.load`` (or ``workbench.open``).

    Tables are computed on first use and cached (in memory and as Parquet under the cache folder);
    computing one never changes another.

    A corpus over a dataset folder (``workbench.open(DIR)``, written by ``workbench ingest --engine dask``)
    holds no table until one is asked for: ``articles``, ``tokens`` … are then read from the Parquet files
    of its selection (``select``), while actor trends, co-occurrence, the actors table, the timeline, KWIC
    and topic shares per period are answered by DuckDB (``workbench.duck``) without loading the tokens.
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
            self._duck_con = dataset  # a workbench.duck.Dataset (a selection of a dataset)
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
        from workbench import duck

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
        """The ``workbench.duck.Dataset`` of this corpus's dataset and selection (opened on first use)."""
        if self._duck_con is None:
            from workbench import duck

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
            "dictionary": _builtin_dictionary_digest(),
        }

    @property
    def mentions(self) -> pd.DataFrame:
        """One row per actor mention (SPEC columns)."""
        from workbench.extract.actors import mentions_table

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
        from workbench.extract.actors import actors_table

        if "actors" not in self._tables:
            if self.dataset is not None:
                from workbench import duck

                self._tables["actors"] = duck.actors(self._duck)
            else:
                self._tables["actors"] = actors_table(self.mentions, self.articles)
        return self._tables["actors"]

    @property
    def timexes(self) -> pd.DataFrame:
        """One row per temporal expression, resolved against the publication date (TimeML values)."""
        from workbench.extract.timexes import timexes_table

        stored = self._from_dataset("timexes")
        if stored is not None:
            return stored
        return self._cached(
            "timexes", lambda: timexes_table(self.articles, self.sentences), key_extra=_timex_code_digest()
        )

    # ------------------------------------------------------------------ analyses
    def kwic(self, query: Any, *, window: int = 8, sort: str | None = None, limit: int | None = None) -> pd.DataFrame:
        """Keyword in context: for an actor (id or canonical name) its mentions, else a word or phrase.

        Returns ``article_id, sentence_id, start, end, left, match, right`` (plus sort keys); ``sort`` is
        ``None`` (corpus order), ``"left"`` or ``"right"``; ``limit`` keeps the first matches in corpus order
        (then sorted), which over a large dataset reads the context of those matches only.
        """
        from workbench.analysis.kwic import kwic, kwic_spans

        if self.dataset is not None:
            from workbench import duck

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
            from workbench import duck

            return duck.cooccurrence(self._duck, level=level)
        return cooccurrence(self.mentions, level=level)

    def timeline(self) -> pd.DataFrame:
        """Dated statements: one row per sentence with a resolved date, with the actors in it, by date."""
        from workbench.analysis.timeline import timeline_table

        if self.dataset is not None:
            from workbench import duck

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
        from workbench.analysis.topics import topics

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
            from workbench import duck

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
        from workbench.analysis.lexicons import score_lexicon

        return score_lexicon(self.articles, self.tokens, self.sentences, lexicon, level=level)

    def actor_trends(
        self, actors: Any = None, *, freq: str = "W", date: str = "published", measure: str = "mentions"
    ) -> pd.DataFrame:
        """Actor mentions over time: one row per period × actor (``period, actor_id, actor, value``)."""
        from workbench.analysis.actor_trends import actor_trends

        if self.dataset is not None:
            from workbench import duck

            return duck.actor_trends(self._duck, actors, freq=freq, date=date, measure=measure)
        timexes = self.timexes if date == "referred" else None
        return actor_trends(self.mentions, self.articles, timexes, actors=actors, freq=freq, date=date, measure=measure)

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


def _builtin_dictionary_digest() -> str:
    """Digest of what the actor tables depend on besides the corpus: the shipped dictionary, the actor code
    and its resources, so that a changed rule or gazetteer never serves stale mentions from the cache."""
    import hashlib

    from workbench.ingest.sources import file_digest
    from workbench.paths import PACKAGE_DIR, data_dir

    paths = [data_dir() / "actors.yml"]
    paths += sorted((PACKAGE_DIR / "extract").glob("actor*.py")) + [
        PACKAGE_DIR / "extract" / "gazetteer.py",
        PACKAGE_DIR / "extract" / "dictionary.py",
    ]
    paths += sorted((PACKAGE_DIR / "resources").glob("actor_*"))
    return hashlib.sha1("".join(file_digest(p) for p in paths).encode()).hexdigest()


def _timex_code_digest() -> str:
    """Digest of the date tagger's code: a changed rule gives a new cache entry for the timexes table."""
    import hashlib

    from workbench.ingest.sources import file_digest
    from workbench.paths import PACKAGE_DIR

    paths = sorted((PACKAGE_DIR / "extract").glob("timex*.py"))
    return hashlib.sha1("".join(file_digest(p) for p in paths).encode()).hexdigest()


def load(
    *sources: str | os.PathLike[str],
    metadata: Any = None,
    actors: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    builtin_actors: bool = True,
    year_hint: int | None = None,
    cache_dir: str | os.PathLike[str] | None | bool = None,
    workers: int | None = None,
    progress: bool | None = None,
) -> Corpus:
    """Load articles from files, folders and globs (default: ``seeds/``) into a ``Corpus``.

    Args:
        *sources: files, folders (read recursively) or glob patterns, in any supported format.
        metadata: a CSV path or DataFrame with a ``file`` column giving per-file ``published``, ``outlet``,
            ``url``, ``title``…; it wins over a folder's ``metadata.csv`` and over front matter.
        actors: extra actor dictionaries (YAML or PETRARCH ``.actors.txt``).
        builtin_actors: include the shipped ``data/actors.yml`` (the gazetteer is always used).
        year_hint: the year to assume when inferring undated articles' publication dates.
        cache_dir: where tables are cached (default ``data/cache``); ``False`` disables the cache.
        workers: processes used to tokenize (default: 1 below 4,000 articles, else up to 4).
        progress: show progress bars (default: when interactive and the load is long).

    Returns:
        A ``Corpus``; ``corpus.report`` has a row for every input, loaded or not. A single source that is a
        dataset folder written by ``workbench ingest --engine dask`` is opened as ``open_dataset`` does
        (so notebooks and ``workbench report DIR`` take a dataset like any source).

    >>> corpus = load("seeds/")
    >>> corpus.report[["status", "reason"]].values.tolist()[-1]
    ['loaded', '']
    """
    if year_hint is not None and not isinstance(year_hint, int):
        raise WorkbenchError(f"year_hint must be a year such as 2025, not {year_hint!r}")
    if isinstance(actors, (str, os.PathLike)):
        actors = [actors]
    # A list or tuple given as one source stands for its items: wb.load(["a.txt", "b/"]).
    sources = tuple(item for src in sources for item in (src if isinstance(src, (list, tuple)) else [src]))
    from workbench.duck import is_dataset

    if len(sources) == 1 and isinstance(sources[0], (str, os.PathLike)) and is_dataset(sources[0]):
        if metadata is not None or actors or year_hint is not None or not builtin_actors:
            raise WorkbenchError(
                f"{sources[0]} is a dataset written by `workbench ingest --engine dask`; metadata, actors and "
                "year_hint were applied when it was written: ingest again with them, or open it without them"
            )
        return open_dataset(sources[0])
    articles, report, cache, tables = load_tables(
        sources, metadata=metadata, year_hint=year_hint, cache_dir=cache_dir, progress=progress, workers=workers
    )
    return Corpus(
        articles,
        report,
        cache=cache,
        actors=actors or (),
        builtin_actors=builtin_actors,
        year_hint=year_hint,
        workers=workers,
        tables=tables,  # sentences and tokens when computed in the reading pass (large inputs)
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
