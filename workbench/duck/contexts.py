"""Keyword in context over a dataset: ``kwic`` (a word, phrase or ``prefix*``) and ``mention_kwic`` (an
actor), the same rows as ``analysis.kwic``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from workbench.duck.dataset import Dataset, _dataset, _sql_list
from workbench.duck.matches import _in_order, _match_sql


def kwic(
    out: str | os.PathLike[str] | Dataset,
    query: str | Iterable[str],
    *,
    window: int = 8,
    sort: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Keyword in context for a word, phrase or ``prefix*`` (or several) — as ``analysis.kwic.kwic``:
    ``article_id, sentence_id, start, end, left, match, right`` (+ sort keys).

    Matches are found in one scan of the tokens. ``limit`` keeps the first matches in corpus order (the
    dataset's article order, then offset) before any ``sort``, and reads only the partitions it needs for
    them; the context of the kept matches is built by ``analysis.kwic.kwic_spans`` from their articles'
    tokens and texts, read from the files they are in.
    """
    ds = _dataset(out)
    queries = [query] if isinstance(query, str) else list(query)

    def find(files: Sequence[str] | None) -> pd.DataFrame:
        sql, params = _match_sql(ds, queries, files)
        return ds.execute(sql, params).df()[["article_id", "sentence_id", "start", "end", "filename"]]

    spans = _in_order(ds, "tokens", find, limit)
    token_files = sorted(set(spans.pop("filename")))
    return _kwic_of(ds, spans, token_files, window=window, sort=sort)


def mention_kwic(
    out: str | os.PathLike[str] | Dataset,
    actor: str,
    *,
    window: int = 8,
    sort: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Keyword in context for an actor's mentions (its id or canonical name) — as ``Corpus.kwic`` of an
    actor: the KWIC columns and each mention's columns; empty when no mention is that actor's. ``limit`` as
    for ``kwic``."""
    ds = _dataset(out)
    if not ds._all["mentions"]:
        return _kwic_of(ds, pd.DataFrame(columns=["article_id", "start", "end", "article_file"]), [], window=window)

    def find(files: Sequence[str] | None) -> pd.DataFrame:
        return ds.execute(
            f"SELECT * EXCLUDE (filename), filename FROM {ds.scan('mentions', filename=True, files=files)} "
            "WHERE actor_id = ? OR actor = ?",
            [actor, actor],
        ).df()

    spans = _in_order(ds, "mentions", find, limit)
    parts = {Path(f).name for f in spans.pop("filename")}
    token_files = [f for f in ds.files("tokens") if Path(f).name in parts] if "tokens" in ds._aligned else None
    return _kwic_of(ds, spans, token_files, window=window, sort=sort)


def _kwic_of(
    ds: Dataset, spans: pd.DataFrame, token_files: list[str] | None, *, window: int, sort: str | None = None
) -> pd.DataFrame:
    """KWIC rows of ``spans`` (in corpus order, with ``article_file``), context from ``token_files`` (None:
    every tokens file of the selection)."""
    from workbench.analysis.kwic import COLUMNS, kwic_spans

    articles_files = sorted(set(spans.pop("article_file")))
    if spans.empty:
        return pd.DataFrame(columns=COLUMNS + [c for c in spans.columns if c not in COLUMNS])
    ds.con.register("_ctx", spans[["article_id"]].drop_duplicates())
    try:
        files = _sql_list(token_files if token_files is not None else ds.files("tokens"))
        tokens = ds.execute(
            f'SELECT article_id, sentence_id, token_id, norm, start, "end" FROM read_parquet({files}) '
            "WHERE article_id IN (SELECT article_id FROM _ctx)"
        ).df()
        texts = ds.execute(
            f"SELECT article_id, text FROM read_parquet({_sql_list(articles_files)}) "
            "WHERE article_id IN (SELECT article_id FROM _ctx)"
        ).df()
    finally:
        ds.con.unregister("_ctx")
    order = {a: i for i, a in enumerate(dict.fromkeys(spans["article_id"]))}
    texts = texts.sort_values("article_id", key=lambda s: s.map(order), kind="stable")
    return kwic_spans(texts, tokens, spans, window=window, sort=sort)
