"""Where words, phrases or actors occur in a dataset, found in one scan of the tokens (or mentions), and the
spans put in corpus order (the dataset's article order, then offset)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from workbench.dataset.connection import Dataset, as_dataset
from workbench.dataset.sql import sql_list
from workbench.errors import WorkbenchError


def match_sql(
    ds: Dataset, queries: Sequence[str], files: Sequence[str] | None = None, *, offsets: bool = True
) -> tuple[str, list[Any]]:
    """SQL for where any of ``queries`` occurs (one scan of the tokens, or of ``files`` of them): ``q,
    article_id, sentence_id, start, end, token_id, length, filename`` — a span matched by two queries is kept
    once, for the first. Phrases join the few tokens that hold one of their words. ``offsets=False`` leaves
    out ``sentence_id, start, end`` (fewer columns read: a span is its first token and its length)."""
    from workbench.analysis.kwic import query_norms

    patterns = [(i, p) for i, p in ((i, query_norms(q)) for i, q in enumerate(queries)) if p]
    if not patterns:
        raise WorkbenchError(f"empty query {list(queries)!r}: give a word or a phrase")
    exact = sorted({p for _, pat in patterns for p in pat if not (p.endswith("*") and len(p) > 1)})
    prefixes = sorted({p[:-1] for _, pat in patterns for p in pat if p.endswith("*") and len(p) > 1})
    wanted = [f"norm IN ({', '.join('?' * len(exact))})"] if exact else []
    wanted += ["starts_with(norm, ?)"] * len(prefixes)
    params: list[Any] = [*exact, *prefixes]
    where_sql = " OR ".join(wanted)
    columns = 'article_id, sentence_id, token_id, start, "end"' if offsets else "article_id, token_id"
    cand = f"SELECT {columns}, norm, filename FROM {ds.scan('tokens', filename=True, files=files)} WHERE {where_sql}"
    first = 'sentence_id, start, "end", ' if offsets else ""
    if len(patterns) == 1 and len(patterns[0][1]) == 1:  # one word: the scan is the answer
        return f"SELECT 0 AS q, article_id, {first}token_id, 1 AS length, filename FROM ({cand})", params
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
        first = f't0.sentence_id, t0.start, t{last}."end" AS "end", ' if offsets else ""
        selects.append(
            f"SELECT {i} AS q, t0.article_id, {first}t0.token_id, {len(pattern)} AS length, t0.filename "
            f"FROM cand t0 {' '.join(joins)} WHERE {' AND '.join(where)}"
        )
    # token ids number an article's tokens in order of offset, so a span is its first token and its length
    sql = (
        f"WITH cand AS MATERIALIZED ({cand}), hits AS ({' UNION ALL '.join(selects)}) "
        "SELECT * FROM hits QUALIFY row_number() OVER (PARTITION BY article_id, token_id, length ORDER BY q) = 1"
    )
    return sql, params


def match_spans(out: str | os.PathLike[str] | Dataset, query: str | Iterable[str]) -> pd.DataFrame:
    """Where a word, phrase or prefix (``negotiat*``) occurs, or any of several: ``article_id, sentence_id,
    start, end, token_id, length, query`` by article and offset — as ``analysis.kwic.match_spans``."""
    ds = as_dataset(out)
    queries = [query] if isinstance(query, str) else list(query)
    sql, params = match_sql(ds, queries)
    frame = ds.execute(f'SELECT * FROM ({sql}) ORDER BY article_id, start, "end"', params).df()
    frame["query"] = [queries[q] for q in frame["q"]]
    return frame[["article_id", "sentence_id", "start", "end", "token_id", "length", "query"]]


#: With a ``limit``, KWIC looks for matches in this many partitions first (in corpus order), then in the rest.
FIRST_PARTS = 16


def ordered(
    ds: Dataset,
    table: str,
    find: Callable[[Sequence[str] | None], tuple[str, list[Any]]],
    *,
    order: tuple[str, str],
    limit: int | None,
    texts: bool | None = None,
) -> int:
    """Make the temporary table ``_spans``: the spans that the SQL ``find(files)`` selects (with
    ``article_id`` and ``filename``, the file they are in), each with its article's partition file ``part``,
    its row there ``arow`` and ``n``, its place in corpus order (the dataset's article order, then the
    ``order`` columns within an article). With a ``limit`` only the first ``limit`` are kept, and only as many
    partitions are read as they need (the first ``FIRST_PARTS``, then the rest). Only the articles files of
    the partitions holding spans are read; without a limit, the one scan of them that ranks the spans also
    keeps their articles' texts, in ``_texts`` (``texts`` says otherwise: False reads no text here). Returns the
    number of spans."""
    groups: list[list[str] | None] = [None]
    if limit is not None and table in ds._aligned:
        parts = ds.files("articles")
        groups = [g for g in (parts[:FIRST_PARTS], parts[FIRST_PARTS:]) if g]
    text = ", text" if (limit is None if texts is None else texts) else ""
    made, count = False, 0
    for group in groups:
        files, articles = None, ds.files("articles")
        if group is not None:
            names = {Path(f).name for f in group}
            files, articles = [f for f in ds.files(table) if Path(f).name in names], group
            if not files:
                continue
        sql, params = find(files)
        ds.execute(f"CREATE OR REPLACE TEMP TABLE _group AS {sql}", params)
        if table in ds._aligned:  # the articles of the partitions where spans were found
            found = {r[0] for r in ds.execute("SELECT DISTINCT parse_filename(filename) FROM _group").fetchall()}
            articles = [f for f in articles if Path(f).name in found]
            if not articles:
                continue
        ds.execute(
            "CREATE OR REPLACE TEMP TABLE _texts AS SELECT article_id, parse_filename(filename) AS part, "
            f"file_row_number AS arow{text} FROM read_parquet({sql_list(articles)}, filename = true, "
            "file_row_number = true) WHERE article_id IN (SELECT article_id FROM _group)"
        )
        ranked = "SELECT g.*, a.part, a.arow FROM _group g JOIN _texts a USING (article_id)"
        ds.execute(f"INSERT INTO _found {ranked}" if made else f"CREATE OR REPLACE TEMP TABLE _found AS {ranked}")
        made = True
        count = ds.execute("SELECT count(*) FROM _found").fetchone()[0]
        if limit is not None and count >= limit:
            break
    ds.execute("DROP TABLE IF EXISTS _group" + ("" if text else "; DROP TABLE IF EXISTS _texts"))
    if not made:
        sql, params = find(None)
        ds.execute(
            f"CREATE OR REPLACE TEMP TABLE _found AS SELECT *, '' AS part, 0 AS arow FROM ({sql}) WHERE false", params
        )
    keep = f"QUALIFY n < {int(limit)}" if limit is not None else ""
    ds.execute(
        "CREATE OR REPLACE TEMP TABLE _spans AS SELECT *, "
        f"row_number() OVER (ORDER BY part, arow, {order[0]}, {order[1]}) - 1 AS n FROM _found {keep}"
    )
    ds.execute("DROP TABLE _found")
    return min(count, limit) if limit is not None else count
