"""Aggregates over a Parquet dataset written by ``ingest_dask``, computed by DuckDB (tokens never in pandas).

Each function takes the dataset folder (``DIR/<table>/part-*.parquet``) and returns the same frame as the
in-memory analysis it stands for: ``actor_trends`` (measures ``mentions``/``articles``, publication date),
``cooccurrence`` and ``kwic``. Only the result, or for KWIC the matching articles' tokens and text, reach
pandas.

>>> from workbench.duck import period_sql
>>> period_sql("W")
"date_trunc('week', a.published)"
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from workbench.errors import WorkbenchError

_TRUNC = {"D": "day", "W": "week", "M": "month"}  # DuckDB weeks start on Monday, like pandas' W-SUN periods


def connect(out: str | os.PathLike[str]) -> Any:
    """A DuckDB connection with one view per table of the dataset (``articles``, ``tokens``, …)."""
    import duckdb

    root = Path(out)
    con = duckdb.connect()
    found = False
    for table in ("articles", "report", "sentences", "tokens", "mentions", "timexes"):
        folder = root / table
        if folder.is_dir() and any(folder.glob("part-*.parquet")):
            glob = str(folder / "part-*.parquet").replace("'", "''")
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{glob}')")
            found = True
    if not found:
        raise WorkbenchError(
            f"{root}: no dataset here; write one with `workbench ingest SOURCES --out {root} --engine dask`"
        )
    return con


def period_sql(freq: str) -> str:
    """The SQL expression for the first day of an article's period."""
    if freq not in _TRUNC:
        raise WorkbenchError(f"freq must be one of D, W, M, not {freq!r}")
    return f"date_trunc('{_TRUNC[freq]}', a.published)"


def actor_trends(
    out: str | os.PathLike[str] | Any,
    *,
    actors: str | Iterable[str] | None = None,
    freq: str = "W",
    measure: str = "mentions",
    top: int = 10,
) -> pd.DataFrame:
    """Actor mentions (or articles mentioning them) per period by publication date, every period × actor
    with zeros: ``period, actor_id, actor, value`` — as ``analysis.actor_trends`` with ``date="published"``."""
    if measure not in ("mentions", "articles"):
        raise WorkbenchError(f"measure must be 'mentions' or 'articles' here, not {measure!r}")
    con = out if hasattr(out, "execute") else connect(out)
    names = con.execute(
        "SELECT actor_id, arg_min(actor, article_id || lpad(CAST(start AS VARCHAR), 12, '0')) AS actor, "
        "count(*) AS n FROM mentions GROUP BY actor_id"
    ).df()
    if names.empty:
        return pd.DataFrame(columns=["period", "actor_id", "actor", "value"])
    if actors is None:
        selected = names.sort_values(["n", "actor_id"], ascending=[False, True])["actor_id"].head(top).tolist()
    else:
        wanted = [actors] if isinstance(actors, str) else list(actors)
        by_name = dict(zip(names["actor"].str.lower(), names["actor_id"], strict=True))
        ids = set(names["actor_id"])
        selected = []
        for item in wanted:
            if item in ids:
                selected.append(item)
            elif str(item).lower() in by_name:
                selected.append(by_name[str(item).lower()])
            else:
                raise KeyError(f"no actor {item!r} in the mentions; see corpus.actors for ids and names")
    value = "count(*)" if measure == "mentions" else "count(DISTINCT m.article_id)"
    period = period_sql(freq)
    counts = con.execute(
        f"SELECT {period} AS period, m.actor_id, {value} AS value FROM mentions m "
        "JOIN articles a USING (article_id) WHERE a.published IS NOT NULL AND list_contains(?, m.actor_id) "
        "GROUP BY ALL",
        [selected],
    ).df()
    span = con.execute(
        f"SELECT min({period}), max({period}) FROM mentions m JOIN articles a USING (article_id) "
        "WHERE a.published IS NOT NULL"
    ).fetchone()
    if span is None or span[0] is None:
        return pd.DataFrame(columns=["period", "actor_id", "actor", "value"])
    pfreq = {"D": "D", "W": "W-SUN", "M": "M"}[freq]
    periods = pd.period_range(pd.Timestamp(span[0]), pd.Timestamp(span[1]), freq=pfreq).start_time
    grid = pd.MultiIndex.from_product([periods, selected], names=["period", "actor_id"])
    counts["period"] = pd.to_datetime(counts["period"]).astype("datetime64[ns]")
    series = counts.set_index(["period", "actor_id"])["value"].reindex(grid, fill_value=0)
    result = series.rename("value").reset_index()
    result["actor"] = result["actor_id"].map(names.set_index("actor_id")["actor"])
    result["value"] = result["value"].astype("int64")
    return result[["period", "actor_id", "actor", "value"]]


def cooccurrence(out: str | os.PathLike[str] | Any, *, level: str = "sentence", min_count: int = 1) -> pd.DataFrame:
    """Actor pairs mentioned in the same sentence (or article): ``actor_a, actor_b, count, articles,
    actor_id_a, actor_id_b`` — as ``analysis.cooccurrence``."""
    if level not in ("sentence", "article"):
        raise WorkbenchError(f"level must be 'sentence' or 'article', not {level!r}")
    con = out if hasattr(out, "execute") else connect(out)
    unit = "article_id, sentence_id" if level == "sentence" else "article_id"
    same = "a.article_id = b.article_id" + (" AND a.sentence_id = b.sentence_id" if level == "sentence" else "")
    return con.execute(
        f"""
        WITH names AS (
            SELECT actor_id, arg_min(actor, article_id || lpad(CAST(start AS VARCHAR), 12, '0')) AS actor
            FROM mentions GROUP BY actor_id),
        units AS (SELECT DISTINCT {unit}, actor_id FROM mentions),
        pairs AS (
            SELECT a.article_id, a.actor_id AS x, b.actor_id AS y FROM units a JOIN units b
            ON {same} AND a.actor_id < b.actor_id),
        counted AS (
            SELECT x, y, count(*) AS count, count(DISTINCT article_id) AS articles FROM pairs GROUP BY x, y
            HAVING count(*) >= ?),
        named AS (
            SELECT c.*, nx.actor AS nx, ny.actor AS ny FROM counted c
            JOIN names nx ON nx.actor_id = c.x JOIN names ny ON ny.actor_id = c.y)
        SELECT
            CASE WHEN (ny, y) < (nx, x) THEN ny ELSE nx END AS actor_a,
            CASE WHEN (ny, y) < (nx, x) THEN nx ELSE ny END AS actor_b,
            count, articles,
            CASE WHEN (ny, y) < (nx, x) THEN y ELSE x END AS actor_id_a,
            CASE WHEN (ny, y) < (nx, x) THEN x ELSE y END AS actor_id_b
        FROM named ORDER BY count DESC, articles DESC, actor_a, actor_b
        """,
        [min_count],
    ).df()


def match_spans(con: Any, query: str) -> pd.DataFrame:
    """Where a word, phrase or prefix (``negotiat*``) occurs: ``article_id, sentence_id, start, end``."""
    from workbench.analysis.kwic import _query_norms

    pattern = _query_norms(query)
    if not pattern:
        raise WorkbenchError(f"empty query {query!r}: give a word or a phrase")
    joins, where, params = [], [], []
    for k, piece in enumerate(pattern):
        if k:
            joins.append(f"JOIN tokens t{k} ON t{k}.article_id = t0.article_id AND t{k}.token_id = t0.token_id + {k}")
        if piece.endswith("*") and len(piece) > 1:
            where.append(f"starts_with(t{k}.norm, ?)")
            params.append(piece[:-1])
        else:
            where.append(f"t{k}.norm = ?")
            params.append(piece)
    last = len(pattern) - 1
    sql = (
        f"SELECT t0.article_id, t0.sentence_id, t0.start, t{last}.end AS end FROM tokens t0 {' '.join(joins)} "
        f"WHERE {' AND '.join(where)} ORDER BY t0.article_id, t0.start"
    )
    return con.execute(sql, params).df()


def kwic(out: str | os.PathLike[str] | Any, query: str, *, window: int = 8, sort: str | None = None) -> pd.DataFrame:
    """Keyword in context for a word or phrase: matched in SQL on ``tokens.norm``; the context is built by
    ``analysis.kwic.kwic_spans`` from the matching articles' tokens and text only."""
    from workbench.analysis.kwic import COLUMNS, kwic_spans

    con = out if hasattr(out, "execute") else connect(out)
    spans = match_spans(con, query)
    if spans.empty:
        return pd.DataFrame(columns=COLUMNS)
    con.register("_hits", spans[["article_id"]].drop_duplicates())
    try:
        articles = con.execute(
            "SELECT article_id, text FROM articles WHERE article_id IN (SELECT article_id FROM _hits)"
        ).df()
        tokens = con.execute(
            'SELECT article_id, sentence_id, token_id, norm, start, "end" FROM tokens '
            "WHERE article_id IN (SELECT article_id FROM _hits)"
        ).df()
    finally:
        con.unregister("_hits")
    return kwic_spans(articles, tokens, spans, window=window, sort=sort)
