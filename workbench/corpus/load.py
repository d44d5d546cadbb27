"""``workbench.load``: articles from files, folders and globs into an in-memory ``Corpus`` (a dataset folder
given as the one source is opened as ``workbench.open`` opens it)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from workbench.corpus.build import Tables, load_tables
from workbench.corpus.facade import Corpus
from workbench.corpus.memory import MemoryBackend
from workbench.corpus.open import open_dataset
from workbench.dataset.connection import is_dataset
from workbench.errors import WorkbenchError
from workbench.ingest.metadata import Metadata


def load(
    *sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    metadata: Metadata = None,
    actors: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    builtin_actors: bool = True,
    year_hint: int | None = None,
    cache_dir: str | os.PathLike[str] | None | bool = None,
    workers: int | None = None,
    progress: bool | None = None,
) -> Corpus:
    """Load articles from files, folders and globs (default: ``seeds/``) into a ``Corpus``.

    Args:
        *sources: files, folders (read recursively) or glob patterns, in any supported format; a list or
            tuple given as one source stands for its items.
        metadata: a CSV path or DataFrame with a ``file`` column giving per-file ``published``, ``outlet``,
            ``url``, ``title``…; it wins over a folder's ``metadata.csv`` and over front matter.
        actors: extra actor dictionaries (YAML or PETRARCH ``.actors.txt``).
        builtin_actors: include the shipped ``data/actors.yml`` (the gazetteer is always used).
        year_hint: the year to assume when inferring undated articles' publication dates.
        cache_dir: where tables are cached (default ``data/cache``); ``False`` disables the cache.
        workers: processes used to tokenize (default: 1 below 4,000 articles, else up to 4); they end when
            this process ends, however it ends.
        progress: show progress bars (default: when interactive and the load is long).

    Returns:
        A ``Corpus``; ``corpus.report`` has a row for every input, loaded or not. A single source that is a
        dataset folder written by ``workbench ingest --out`` is opened (and verified) as ``workbench.open``
        does, so notebooks and ``workbench report DIR`` take a dataset like any source; its tables are never
        read as article files.

    >>> corpus = load("seeds/")
    >>> corpus.report[["status", "reason"]].values.tolist()[-1]
    ['loaded', '']
    """
    if year_hint is not None and (isinstance(year_hint, bool) or not isinstance(year_hint, int)):
        raise WorkbenchError(f"year_hint must be a year such as 2025, not {year_hint!r}")
    if isinstance(actors, (str, os.PathLike)):
        actors = [actors]
    flat = tuple(item for src in sources for item in (src if isinstance(src, (list, tuple)) else [src]))
    if len(flat) == 1 and isinstance(flat[0], (str, os.PathLike)) and is_dataset(flat[0]):
        if metadata is not None or actors or year_hint is not None or not builtin_actors:
            raise WorkbenchError(
                f"{flat[0]} is a dataset written by `workbench ingest`; metadata, actors and year_hint were "
                "applied when it was written: ingest again with them, or open it without them"
            )
        return open_dataset(flat[0])
    articles, report, cache, computed = load_tables(
        flat, metadata=metadata, year_hint=year_hint, cache_dir=cache_dir, progress=progress, workers=workers
    )
    tables = Tables(
        articles,
        report,
        cache=cache,
        computed=computed,  # sentences and tokens when computed in the reading pass (large inputs)
        actors=actors or (),
        builtin_actors=builtin_actors,
        workers=workers,
        progress=progress,
    )
    return Corpus(MemoryBackend(tables))
