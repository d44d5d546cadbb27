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
from workbench.errors import WorkbenchError
from workbench.loader import load_tables
from workbench.pipeline import segment_frames

#: Below this many articles tokenization runs in-process; above, in a pool of worker processes.
PARALLEL_THRESHOLD = 4000


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

    >>> import workbench as wb
    >>> corpus = wb.load()                       # the seed corpus in seeds/
    >>> corpus.articles.loc[0, "dateline"]
    'ISLAMABAD'
    """

    def __init__(
        self,
        articles: pd.DataFrame,
        report: pd.DataFrame,
        *,
        cache: TableCache | None = None,
        actors: Sequence[str | os.PathLike[str]] = (),
        builtin_actors: bool = True,
        year_hint: int | None = None,
        workers: int | None = None,
        tables: dict[str, pd.DataFrame] | None = None,
        dataset: Path | None = None,
    ) -> None:
        self._articles = articles
        self._report = report
        self._cache = cache or TableCache(None, "memory")
        self._tables: dict[str, pd.DataFrame] = dict(tables or {})
        #: A partitioned dataset written by ``workbench ingest --engine dask``: tables are read from it lazily
        #: and the aggregates that explorers need are answered by DuckDB over its Parquet files.
        self.dataset = dataset
        self._duck_con: Any = None
        self.actor_files = [os.fspath(p) for p in actors]
        self.builtin_actors = builtin_actors
        self.year_hint = year_hint
        self.workers = workers

    # ------------------------------------------------------------------ tables
    @property
    def articles(self) -> pd.DataFrame:
        """One row per article (SPEC columns, plus ``notes`` and format extras such as Reuters' labels)."""
        return self._articles

    @property
    def report(self) -> pd.DataFrame:
        """One row per input (file, or record inside a multi-record file): status and reason."""
        return self._report

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
            return None
        if name not in self._tables:
            from workbench.scale import read_table

            self._tables[name] = read_table(self.dataset, name)
        return self._tables[name]

    @property
    def _duck(self) -> Any:
        if self._duck_con is None:
            from workbench import duck

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
        """One row per actor: mentions, articles, first and last seen, aliases."""
        from workbench.extract.actors import actors_table

        if "actors" not in self._tables:
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
    def kwic(self, query: Any, *, window: int = 8, sort: str | None = None) -> pd.DataFrame:
        """Keyword in context: for an actor (id or canonical name) its mentions, else a word or phrase.

        Returns ``article_id, sentence_id, start, end, left, match, right`` (plus sort keys); ``sort`` is
        ``None`` (corpus order), ``"left"`` or ``"right"``.
        """
        from workbench.analysis.kwic import kwic, kwic_spans

        if isinstance(query, str):
            mentions = self.mentions
            hit = mentions[(mentions["actor_id"] == query) | (mentions["actor"] == query)]
            if len(hit):
                return kwic_spans(self.articles, self.tokens, hit, window=window, sort=sort)
            if self.dataset is not None:
                from workbench import duck

                return duck.kwic(self._duck, query, window=window, sort=sort)
        return kwic(self.articles, self.tokens, query, window=window, sort=sort)

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

        return timeline_table(self.articles, self.sentences, self.timexes, self.mentions)

    def keywords(self, *, by: Any = "article", n: int = 20, **options: Any) -> pd.DataFrame:
        """Keywords per article, paragraph or slice (TF-IDF or log-likelihood keyness against the rest)."""
        from workbench.analysis.keywords import keywords

        return keywords(self.articles, self.tokens, by=by, n=n, sentences=self.sentences, **options)

    def topics(self, *, level: str = "auto", n_topics: int | None = None, **options: Any) -> Any:
        """Topics discovered with NMF on TF-IDF; ``level="auto"`` models paragraphs when there are few stories."""
        from workbench.analysis.topics import topics

        options.setdefault("mentions", lambda: self.mentions)  # person names stay out of paragraph topics
        return topics(self.articles, self.sentences, self.tokens, level=level, n_topics=n_topics, **options)

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

        if self.dataset is not None and date == "published" and measure in ("mentions", "articles"):
            from workbench import duck

            return duck.actor_trends(self._duck, actors=actors, freq=freq, measure=measure)
        timexes = self.timexes if date == "referred" else None
        return actor_trends(self.mentions, self.articles, timexes, actors=actors, freq=freq, date=date, measure=measure)

    # ------------------------------------------------------------------ display
    def summary(self) -> dict[str, Any]:
        """Counts for a corpus overview: articles, duplicates, inputs by status, date range."""
        arts = self.articles
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
        return len(self._articles)

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
        A ``Corpus``; ``corpus.report`` has a row for every input, loaded or not.

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


def open_dataset(path: str | os.PathLike[str]) -> Corpus:
    """A ``Corpus`` over the Parquet tables written by ``workbench ingest --out DIR``."""
    root = Path(path)
    if (root / "articles").is_dir():  # a partitioned dataset from `workbench ingest --engine dask`
        from workbench.scale import read_table

        return Corpus(read_table(root, "articles"), read_table(root, "report"), dataset=root)
    if not (root / "articles.parquet").exists():
        raise WorkbenchError(
            f"{root}: no articles.parquet here; write one with `workbench ingest SOURCES --out {root}`"
        )
    tables = {
        name: pd.read_parquet(root / f"{name}.parquet")
        for name in ("sentences", "tokens", "mentions", "timexes")
        if (root / f"{name}.parquet").exists()
    }
    return Corpus(pd.read_parquet(root / "articles.parquet"), pd.read_parquet(root / "report.parquet"), tables=tables)
