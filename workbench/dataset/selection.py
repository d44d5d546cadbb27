"""Selections of a dataset: ``select`` (a new connection over the articles that meet every condition),
``connect`` (a connection, optionally selected) and ``selection_conditions``.

A selection is decided once: publication dates, article ids and outlets in the articles' scan
(``Dataset``), then actors in one scan of the mentions and words in one scan of the tokens of the partitions
left (``Dataset.narrow``); every later read touches only the files of the partitions that hold selected
articles.

>>> selection_conditions(start="2025-10-01", words="talks")[1]
('words', 'talks')
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import pandas as pd

from workbench.dataset.connection import BASE_CONDITIONS, Dataset
from workbench.dataset.manifest import Verify
from workbench.dataset.matches import match_sql
from workbench.dataset.trends import actor_ids
from workbench.errors import WorkbenchError


def selection_conditions(
    *,
    start: Any = None,
    end: Any = None,
    actors: Iterable[str] | None = None,
    article_ids: str | Iterable[str] | None = None,
    words: str | Iterable[str] | None = None,
    outlets: str | Iterable[str] | None = None,
) -> list[tuple[str, Any]]:
    """The ``(kind, value)`` conditions of a selection; ``end`` without a time is moved to the day's end."""
    out: list[tuple[str, Any]] = []
    if start is not None or end is not None:
        lo = pd.Timestamp(start) if start is not None else None
        hi = pd.Timestamp(end) if end is not None else None
        if hi is not None and hi == hi.normalize():
            hi = hi + pd.Timedelta(days=1) - pd.Timedelta(1, "us")
        if lo is not None and hi is not None and lo > hi:
            raise WorkbenchError(f"start {lo:%Y-%m-%d} is after end {hi:%Y-%m-%d}: give start first")
        out.append(("published", (lo, hi)))
    if article_ids is not None:
        out.append(("article_ids", (article_ids,) if isinstance(article_ids, str) else tuple(map(str, article_ids))))
    if actors is not None:
        out.append(("actors", tuple(actors)))
    if outlets is not None:
        out.append(("outlets", (outlets,) if isinstance(outlets, str) else tuple(map(str, outlets))))
    if words is not None:
        out.append(("words", words if isinstance(words, str) else tuple(words)))
    return out


def select(
    ds: Dataset,
    *,
    start: Any = None,
    end: Any = None,
    actors: str | Iterable[str] | None = None,
    article_ids: str | Iterable[str] | None = None,
    words: str | Iterable[str] | None = None,
    outlets: str | Iterable[str] | None = None,
) -> Dataset:
    """A new connection over the articles of ``ds``'s selection that also meet these conditions.

    ``start``/``end``: publication dates, both included (a day without a time covers the whole day);
    ``actors``: articles mentioning any of these actors (ids or canonical names; ``WorkbenchError`` for an
    unknown one); ``article_ids``; ``words``: articles where a word, phrase or ``prefix*`` occurs (any of
    several); ``outlets``: articles from any of these outlets.
    """
    conditions = list(ds.conditions) + selection_conditions(
        start=start,
        end=end,
        actors=actor_ids(ds, actors) if actors is not None else None,
        article_ids=article_ids,
        words=words,
        outlets=outlets,
    )
    chosen = Dataset(ds.root, [c for c in conditions if c[0] in BASE_CONDITIONS], parent=ds)
    for kind, value in conditions:
        if kind == "actors":
            keep = f"SELECT article_id FROM {chosen.scan('mentions')} WHERE list_contains(?, actor_id)"
            chosen.narrow(kind, value, keep, [list(value)])
        elif kind == "words":
            sql, params = match_sql(chosen, [value] if isinstance(value, str) else list(value), offsets=False)
            chosen.narrow(kind, value, f"SELECT article_id FROM ({sql})", params)
    return chosen


def connect(
    out: str | os.PathLike[str],
    *,
    start: Any = None,
    end: Any = None,
    actors: str | Iterable[str] | None = None,
    article_ids: str | Iterable[str] | None = None,
    words: str | Iterable[str] | None = None,
    outlets: str | Iterable[str] | None = None,
    verify: Verify = "fast",
) -> Dataset:
    """A :class:`Dataset` over ``out`` (a folder or an object-store URL such as ``s3://bucket/prefix``), checked
    against its manifest (``verify``: ``"fast"``, ``"full"`` or ``"none"``; see ``dataset.manifest``),
    optionally restricted (``select``)."""
    dataset = Dataset(out, verify=verify)
    if any(v is not None for v in (start, end, actors, article_ids, words, outlets)):
        return select(
            dataset, start=start, end=end, actors=actors, article_ids=article_ids, words=words, outlets=outlets
        )
    return dataset
