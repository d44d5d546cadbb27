"""``workbench.load``: articles from files, folders and globs into a :class:`~workbench.corpus.Corpus` (or a
dataset folder opened as one)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from workbench.corpus import Corpus
from workbench.corpus_dataset import open_dataset
from workbench.errors import WorkbenchError
from workbench.loader import load_tables


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
    from workbench.dataset import is_dataset

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
