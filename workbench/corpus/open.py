"""``workbench.open``: a ``Corpus`` over a dataset written by ``workbench ingest --out``, checked first."""

from __future__ import annotations

import os
from collections.abc import Iterable

from workbench.corpus.facade import Corpus
from workbench.corpus.parquet import DatasetBackend
from workbench.corpus.selection import DateLike, Selection
from workbench.dataset.connection import Dataset
from workbench.dataset.manifest import Verify


def open_dataset(
    path: str | os.PathLike[str],
    *,
    verify: Verify = "fast",
    start: DateLike = None,
    end: DateLike = None,
    actors: str | Iterable[str] | None = None,
    words: str | Iterable[str] | None = None,
    outlet: str | Iterable[str] | None = None,
    article_ids: str | Iterable[str] | None = None,
) -> Corpus:
    """A ``Corpus`` over the dataset at ``path`` (a folder, or an object-store prefix such as ``s3://b/p``).

    The dataset is checked against its manifest first (``verify="fast"``: every file present, none extra,
    sizes and row counts as recorded; ``"full"`` also re-hashes every file; ``"none"`` skips the check). A
    missing, incomplete or damaged dataset raises ``DatasetError`` naming the files and the command that
    repairs it; a dataset is never shown in part as if whole. Nothing else is read until asked for; the
    conditions (see ``Corpus.select``) are pushed into the Parquet reads.

    >>> import workbench as wb
    >>> wb.open("no-such-folder")
    Traceback (most recent call last):
    ...
    workbench.dataset.manifest.DatasetError: ... no dataset here; write one with `workbench ingest SOURCES --out ...`
    """
    corpus = Corpus(DatasetBackend(Dataset(path, verify=verify)))
    selection = Selection.of(start=start, end=end, actors=actors, words=words, outlet=outlet, article_ids=article_ids)
    return corpus.select(selection) if selection else corpus
