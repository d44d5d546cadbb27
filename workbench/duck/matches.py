"""Where words, phrases or actors occur in a dataset, found in one scan of the tokens (or mentions), and the
spans put in corpus order (the dataset's article order, then offset)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from workbench.duck.dataset import Dataset, _dataset
from workbench.errors import WorkbenchError


def _match_sql(ds: Dataset, queries: Sequence[str], files: Sequence[str] | None = None) -> tuple[str, list[Any]]:
    """SQL for where any of ``queries`` occurs (one scan of the tokens, or of ``files`` of them): ``q,
    article_id, sentence_id, start, end, token_id, length, filename`` — a span matched by two queries is kept
    once, for the first. Phrases join the few tokens that hold one of their words."""
    from workbench.analysis.kwic import _query_norms

    patterns = [(i, p) for i, p in ((i, _query_norms(q)) for i, q in enumerate(queries)) if p]
    if not patterns:
        raise WorkbenchError(f"empty query {list(queries)!r}: give a word or a phrase")
    exact = sorted({p for _, pat in patterns for p in pat if not (p.endswith("*") and len(p) > 1)})
    prefixes = sorted({p[:-1] for _, pat in patterns for p in pat if p.endswith("*") and len(p) > 1})
    wanted = [f"norm IN ({', '.join('?' * len(exact))})"] if exact else []
    wanted += ["starts_with(norm, ?)"] * len(prefixes)
    params: list[Any] = [*exact, *prefixes]
    cand = (
        f'SELECT article_id, sentence_id, token_id, start, "end", norm, filename '
        f"FROM {ds.scan('tokens', filename=True, files=files)} WHERE {' OR '.join(wanted)}"
    )
    if len(patterns) == 1 and len(patterns[0][1]) == 1:  # one word: the scan is the answer
        return (
            f'SELECT 0 AS q, article_id, sentence_id, start, "end", token_id, 1 AS length, filename FROM ({cand})'
        ), params
    selects = []
    for i, pattern in patterns:
        joins, where = [], []
        for k, piece in enumerate(pattern):
            if k:
                joins.append(f"JOIN cand t{k} ON t{k}.article_id = t0.article_id AND t{k}.token_id = t0.token_id + {k}")
            if piece.endswith("*") and len(piece) > 1:
                where.append(f"starts_with(t{k}.norm, ?)")
                params.append(piece[:-1])
            else:
                where.append(f"t{k}.norm = ?")
                params.append(piece)
        last = len(pattern) - 1
        selects.append(
            f'SELECT {i} AS q, t0.article_id, t0.sentence_id, t0.start, t{last}."end" AS "end", t0.token_id, '
            f"{len(pattern)} AS length, t0.filename FROM cand t0 {' '.join(joins)} WHERE {' AND '.join(where)}"
        )
    sql = (
        f"WITH cand AS MATERIALIZED ({cand}), hits AS ({' UNION ALL '.join(selects)}) "
        'SELECT * FROM hits QUALIFY row_number() OVER (PARTITION BY article_id, start, "end" ORDER BY q) = 1'
    )
    return sql, params


def match_spans(out: str | os.PathLike[str] | Dataset, query: str | Iterable[str]) -> pd.DataFrame:
    """Where a word, phrase or prefix (``negotiat*``) occurs, or any of several: ``article_id, sentence_id,
    start, end, token_id, length, query`` by article and offset — as ``analysis.kwic.match_spans``."""
    ds = _dataset(out)
    queries = [query] if isinstance(query, str) else list(query)
    sql, params = _match_sql(ds, queries)
    frame = ds.execute(f'SELECT * FROM ({sql}) ORDER BY article_id, start, "end"', params).df()
    frame["query"] = [queries[q] for q in frame["q"]]
    return frame[["article_id", "sentence_id", "start", "end", "token_id", "length", "query"]]


def _ranked(ds: Dataset, spans: pd.DataFrame, articles_files: Sequence[str] | None = None) -> pd.DataFrame:
    """``spans`` in corpus order (the articles' order in the dataset, then offset), with the article's file."""
    ds.con.register("_spans_ids", spans[["article_id"]].drop_duplicates())
    try:
        ranks = ds.execute(
            f"SELECT article_id, filename AS article_file, file_row_number FROM "
            f"{ds.scan('articles', filename=True, row_number=True, files=articles_files)} "
            "WHERE article_id IN (SELECT article_id FROM _spans_ids) ORDER BY filename, file_row_number"
        ).df()
    finally:
        ds.con.unregister("_spans_ids")
    ranks["_rank"] = np.arange(len(ranks))
    out = spans.merge(ranks[["article_id", "article_file", "_rank"]], on="article_id", how="inner")
    return out.sort_values(["_rank", "start"], kind="stable").drop(columns="_rank").reset_index(drop=True)


#: With a ``limit``, KWIC looks for matches in this many partitions first (in corpus order), then in the rest.
FIRST_PARTS = 16


def _in_order(ds: Dataset, table: str, find: Any, limit: int | None) -> pd.DataFrame:
    """The spans ``find(files)`` returns (with ``article_id``, ``start``, ``filename``), in corpus order; with a
    ``limit``, only as many partitions as needed are read (the first ``FIRST_PARTS``, then the rest)."""
    groups: list[list[str] | None] = [None]
    if limit is not None and table in ds._aligned:
        parts = ds.files("articles")
        groups = [g for g in (parts[:FIRST_PARTS], parts[FIRST_PARTS:]) if g]
    found, count = [], 0
    for group in groups:
        files, articles_files = None, None
        if group is not None:
            names = {Path(f).name for f in group}
            files = [f for f in ds.files(table) if Path(f).name in names]
            articles_files = group
            if not files:
                continue
        spans = find(files)
        if len(spans):
            found.append(_ranked(ds, spans, articles_files))
            count += len(found[-1])
        if limit is not None and count >= limit:
            break
    if not found:
        return pd.DataFrame(columns=["article_id", "sentence_id", "start", "end", "filename", "article_file"])
    out = pd.concat(found, ignore_index=True)
    return out.head(limit) if limit is not None else out
