"""Building a loaded corpus's tables: the articles and report from the sources (or the cache), then sentences,
tokens, mentions and timexes when first asked for, each cached as Parquet and of the types ``workbench.schema``
declares, whichever path made it.

``load_tables`` reads the sources (``ingest.read``), assigns ids and marks duplicates (``pipeline.articles``)
and infers missing dates; large inputs are read and tokenized in one pass in worker processes. ``Tables`` holds
the whole corpus's tables and computes the rest on first use: tokenization (in a pool of worker processes above
``PARALLEL_THRESHOLD`` articles), the actor mentions (``actors.tables.mentions_table``, whose corpus-level
pass needs every article) and the timexes (``dates.timexes.timexes_table``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from workbench import schema
from workbench.corpus.cache import TableCache, cache_key
from workbench.corpus.words import WordIndex
from workbench.errors import WorkbenchError
from workbench.ingest.metadata import Metadata
from workbench.ingest.read import collector_paused, read_sources
from workbench.ingest.sources import expand, file_digest, source_digest
from workbench.ingest.workers import process_pool
from workbench.paths import cache_dir as default_cache_dir
from workbench.paths import interactive, seeds_dir
from workbench.pipeline.articles import assemble_segments, build_articles, infer_missing_dates, segment_and_shingle
from workbench.pipeline.code import actor_code_digest, timex_code_digest
from workbench.text.frames import segment_frames

#: Below this many articles tokenization runs in-process; above, in a pool of worker processes.
PARALLEL_THRESHOLD = 4000


def load_tables(
    sources: tuple[Any, ...],
    *,
    metadata: Metadata = None,
    year_hint: int | None = None,
    cache_dir: str | os.PathLike[str] | None | bool = None,
    progress: bool | None = None,
    workers: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, TableCache, dict[str, pd.DataFrame]]:
    """The articles and report tables for ``sources``, from the cache when the inputs are unchanged, and the
    sentence and token tables when they were computed in the same pass (large inputs; else ``{}``); the
    garbage collector is paused meanwhile (``ingest.read.collector_paused``)."""
    with collector_paused():
        return _load_tables(
            sources, metadata=metadata, year_hint=year_hint, cache_dir=cache_dir, progress=progress, workers=workers
        )


def _load_tables(
    sources: tuple[Any, ...],
    *,
    metadata: Metadata,
    year_hint: int | None,
    cache_dir: str | os.PathLike[str] | None | bool,
    progress: bool | None,
    workers: int | None,
) -> tuple[pd.DataFrame, pd.DataFrame, TableCache, dict[str, pd.DataFrame]]:
    if not sources:
        sources = (seeds_dir(),)
    expansion = expand(sources)
    for sf in expansion.files:
        sf.digest = source_digest(sf)
    meta_digest: Any = None
    if isinstance(metadata, pd.DataFrame):
        meta_digest = pd.util.hash_pandas_object(metadata, index=False).sum().item()
    elif metadata is not None:
        meta_digest = [str(metadata), file_digest(Path(metadata))]
    key = cache_key(
        {
            "files": [[sf.label, sf.digest] for sf in expansion.files],
            "sidecars": [[str(p), file_digest(p)] for p in expansion.sidecars],
            "missing": expansion.missing,
            "skipped": expansion.skipped,
            "metadata": meta_digest,
            "year_hint": year_hint,
            "timex_code": timex_code_digest(),  # inferred publication dates come from the date tagger
        }
    )
    root: Path | None
    if cache_dir is False:
        root = None
    elif cache_dir is None or cache_dir is True:
        root = default_cache_dir()
    else:
        root = Path(cache_dir)
    cache = TableCache(root, key)
    articles, report = cache.get("articles"), cache.get("report")
    if articles is not None and report is not None:
        return articles, report, cache, {}
    records, rows, segments = read_sources(
        expansion, metadata, progress=progress, workers=workers, also=segment_and_shingle, meanwhile=_import_dates
    )
    shingles, keys = None, None
    if segments and sum(len(seg["shingles"]) for _, seg in segments) == len(records):
        shingles = [sh for _, seg in segments for sh in seg["shingles"]]
        keys = np.concatenate([seg["band_keys"] for _, seg in segments])
    articles, report = build_articles(records, rows, shingles=shingles, keys=keys)
    articles = schema.conform(infer_missing_dates(articles, year_hint=year_hint), "articles")
    report = schema.conform(report, "report")
    covered = sum(len(seg["columns"]["sentences_per_article"]) for _, seg in segments)
    # every article's columns came from a worker (else, which should not happen, tokenize when asked)
    tables = assemble_segments(segments, articles["article_id"].tolist()) if covered == len(articles) > 0 else {}
    tables = {name: schema.conform(frame, name) for name, frame in tables.items()}
    # written in the background (joined by a read of the cache and at exit): the corpus is usable meanwhile
    for name, frame in {"articles": articles, "report": report, **tables}.items():
        cache.put(name, frame, background=True)
    return articles, report, cache, tables


def _import_dates() -> None:
    """Import the date tagger (a second of compiling its patterns) while worker processes read a large input:
    inferring the dates an article lacks needs it right after the reading, and the timexes table later."""
    import workbench.dates.timexes  # noqa: F401


def _segment_parallel(articles: pd.DataFrame, workers: int) -> dict[str, pd.DataFrame]:
    """``segment_frames`` over contiguous blocks of articles in worker processes, results in input order."""
    size = -(-len(articles) // workers)
    chunks = [articles.iloc[i : i + size][["article_id", "text"]] for i in range(0, len(articles), size)]
    with process_pool(workers) as pool:
        parts = list(pool.map(partial(segment_frames, progress=False), chunks))
    return {name: pd.concat([p[name] for p in parts], ignore_index=True) for name in ("sentences", "tokens")}


#: From this many articles, a first computation says what it is doing (``Tables.announced``).
PROGRESS_ARTICLES = 2_000
#: What each computed table's first computation is doing, in the analyst's words.
WHAT = {
    "mentions": "finding the actors and their mentions",
    "timexes": "finding and resolving the dates in the text",
}


class Tables:
    """The tables of one loaded corpus (every article), computed on first use and cached.

    Args:
        articles, report: the tables ``load_tables`` made.
        cache: where computed tables are kept (``TableCache(None, …)`` keeps none).
        computed: tables already made (sentences and tokens from the reading pass).
        actors, builtin_actors: the actor dictionaries (``workbench.load``).
        workers: processes to tokenize with (default: 1 below ``PARALLEL_THRESHOLD`` articles, else up to 4).
    """

    def __init__(
        self,
        articles: pd.DataFrame,
        report: pd.DataFrame,
        *,
        cache: TableCache | None = None,
        computed: dict[str, pd.DataFrame] | None = None,
        actors: Sequence[str | os.PathLike[str]] = (),
        builtin_actors: bool = True,
        workers: int | None = None,
        progress: bool | None = None,
    ) -> None:
        self.cache = cache or TableCache(None, "memory")
        self.progress = progress
        self.frames: dict[str, pd.DataFrame] = {"articles": articles, "report": report, **(computed or {})}
        self.actor_files = [os.fspath(p) for p in actors]
        self.builtin_actors = builtin_actors
        self.workers = workers
        self._words: WordIndex | None = None
        self._codes: dict[str, tuple[np.ndarray, pd.Index]] = {}

    @contextmanager
    def announced(self, what: str) -> Iterator[None]:
        """Say what a first computation of the corpus is doing while it runs, and how long it took: a tqdm
        line ``workbench: finding the actors (19,043 articles; cached after): 0:11``. Shown with
        ``progress=True``, or by default when interactive (a terminal or a Jupyter kernel) and the corpus has
        ``PROGRESS_ARTICLES`` articles or more; a table read from the cache says nothing."""
        articles = len(self.frames["articles"])
        show = self.progress if self.progress is not None else interactive() and articles >= PROGRESS_ARTICLES
        if not show:
            yield
            return
        from tqdm import tqdm

        bar = tqdm(
            total=1,
            desc=f"workbench: {what} ({articles:,} article{'' if articles == 1 else 's'}; cached after)",
            bar_format="{desc}: {elapsed}",
        )
        try:
            yield
            bar.update(1)
        finally:
            bar.close()

    def get(self, name: str) -> pd.DataFrame:
        """Table ``name`` of the whole corpus (``articles``, ``report``, ``sentences``, ``tokens``, ``mentions``,
        ``timexes``)."""
        if name not in self.frames:
            makers: dict[str, Callable[[], None]] = {
                "sentences": self._segment,
                "tokens": self._segment,
                "mentions": self._mentions,
                "timexes": self._timexes,
            }
            if name not in makers:
                raise WorkbenchError(f"no table {name!r}; the tables are {', '.join(schema.STORED)}")
            makers[name]()
        return self.frames[name]

    def rows_of(self, name: str, ids: Iterable[str]) -> pd.DataFrame:
        """The rows of table ``name`` whose article is in ``ids``, in table order: the table's article ids are
        numbered once (``pd.factorize``), so a selection compares integers, not strings."""
        frame = self.get(name)
        if name not in self._codes:
            codes, uniques = pd.factorize(frame["article_id"].astype(str))
            self._codes[name] = (codes, pd.Index(uniques))
        codes, uniques = self._codes[name]
        wanted = uniques.get_indexer(list(ids))
        return frame[np.isin(codes, wanted[wanted >= 0])].reset_index(drop=True)

    def numbered(self, name: str) -> bool:
        """Whether ``rows_of`` has numbered the article ids of table ``name`` already (the first call does it,
        which over the tokens of a large corpus takes seconds)."""
        return name in self._codes

    def word_index(self) -> WordIndex:
        """The word index of the tokens (``corpus.words``), from the cache or built once and cached."""
        if self._words is None:
            vocab, postings, ids = (self.cache.get(f"wordindex-{part}") for part in ("vocab", "postings", "ids"))
            if vocab is not None and postings is not None and ids is not None:
                self._words = WordIndex.from_frames(vocab, postings, ids)
            else:
                tokens = self.get("tokens")
                with self.announced("indexing the words for the phrase filter"):
                    self._words = WordIndex.from_tokens(tokens)
                for part, frame in self._words.frames().items():
                    self.cache.put(f"wordindex-{part}", frame, background=True)
        return self._words

    def _cached(self, name: str, key_extra: object, compute: Callable[[], pd.DataFrame]) -> None:
        cache_name = f"{name}-{cache_key(key_extra)}"
        frame = self.cache.get(cache_name)
        if frame is None:
            with self.announced(WHAT.get(name, f"computing the {name} table")):
                frame = schema.conform(compute(), name)
            self.cache.put(cache_name, frame)
        self.frames[name] = frame

    def _segment(self) -> None:
        for name in ("sentences", "tokens"):
            cached = self.cache.get(name)
            if cached is not None:
                self.frames[name] = cached
        if "sentences" in self.frames and "tokens" in self.frames:
            return
        articles = self.frames["articles"]
        workers = self.workers
        if workers is None:
            workers = min(os.cpu_count() or 1, 4) if len(articles) >= PARALLEL_THRESHOLD else 1
        with self.announced("splitting the articles into sentences and tokens"):
            if workers > 1:
                made = _segment_parallel(articles, workers)
            else:
                made = segment_frames(articles[["article_id", "text"]])
        for name, frame in made.items():
            self.frames[name] = schema.conform(frame, name)
            self.cache.put(name, self.frames[name], background=True)

    def actor_key(self) -> object:
        """What the mentions depend on besides the articles: the dictionaries and the actor code."""
        return {
            "files": [[p, file_digest(Path(p))] for p in self.actor_files],
            "builtin": self.builtin_actors,
            "dictionary": actor_code_digest(),
        }

    def _mentions(self) -> None:
        from workbench.actors.tables import mentions_table

        self._cached(
            "mentions",
            self.actor_key(),
            lambda: mentions_table(
                self.get("articles"),
                self.get("sentences"),
                self.get("tokens"),
                dictionaries=self.actor_files,
                builtin_actors=self.builtin_actors,
            ),
        )

    def _timexes(self) -> None:
        from workbench.dates.timexes import timexes_table

        self._cached("timexes", timex_code_digest(), lambda: timexes_table(self.get("articles"), self.get("sentences")))
