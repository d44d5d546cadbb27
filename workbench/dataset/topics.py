"""Topics of a large dataset in DuckDB: ``term_counts`` (a vocabulary's counts per article, for scoring
every article with a model fitted on a sample) and ``topic_trends`` (topic shares per period)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from workbench.dataset.connection import Dataset, as_dataset
from workbench.dataset.sql import period_sql
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    import scipy.sparse as sp

#: Tokens files counted together by ``term_counts`` (memory is bounded by a batch, not by the dataset).
TERM_FILES = 32


def term_counts(
    out: str | os.PathLike[str] | Dataset, terms: Sequence[str], *, articles: Sequence[str] | None = None
) -> sp.csr_matrix:
    """Counts of ``terms`` (content words, and two-word terms: adjacent content words of one sentence, as
    ``analysis.vectors.document_term_matrix`` counts them) per article: rows in the order of ``articles``
    (default: the selection's articles in dataset order), columns in the order of ``terms``.

    The tokens are read once, ``TERM_FILES`` partition files at a time: of each batch only the tokens whose
    word is part of a term are kept, pairs are joined among those, and the counts leave DuckDB as integers.
    """
    import scipy.sparse as sp

    from workbench.analysis.vectors import content_mask

    ds = as_dataset(out)
    if articles is None:
        articles = ds.read("articles", columns=["article_id"])["article_id"].astype(str).tolist()
    terms = [str(t) for t in terms]
    words = sorted({w for t in terms for w in t.split(" ")})
    # a word counts only where it is a content word; the word list itself is the content test
    words = [w for w, ok in zip(words, content_mask(pd.DataFrame({"norm": words})), strict=True) if ok]
    rows = pd.Series(np.arange(len(articles)), index=pd.Index(list(articles), dtype=object))
    shape = (len(articles), len(terms))
    if not words or not len(rows) or not ds._all["tokens"]:
        return sp.csr_matrix(shape)
    ds.con.register("_words", pd.DataFrame({"norm": words}))
    ds.con.register("_terms", pd.DataFrame({"term": terms, "col": np.arange(len(terms), dtype=np.int64)}))
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    files = ds.files("tokens")
    try:
        for k in range(0, len(files), TERM_FILES):
            batch = ds.scan("tokens", files=files[k : k + TERM_FILES])
            counted = ds.execute(
                f"""
                WITH cand AS MATERIALIZED (
                    SELECT article_id, sentence_id, token_id, norm FROM {batch}
                    WHERE norm IN (SELECT norm FROM _words) AND NOT coalesce(is_stop, false)),
                grams AS (
                    SELECT article_id, norm AS term FROM cand
                    UNION ALL
                    SELECT a.article_id, a.norm || ' ' || b.norm AS term FROM cand a JOIN cand b
                    ON b.article_id = a.article_id AND b.token_id = a.token_id + 1 AND b.sentence_id = a.sentence_id)
                SELECT g.article_id, t.col, count(*) AS n FROM grams g JOIN _terms t ON t.term = g.term GROUP BY ALL
                """
            ).df()
            row = counted["article_id"].map(rows)
            keep = row.notna().to_numpy()
            found.append(
                (
                    row.to_numpy()[keep].astype(np.int64),
                    counted["col"].to_numpy()[keep].astype(np.int64),
                    counted["n"].to_numpy()[keep].astype(np.float64),
                )
            )
    finally:
        ds.con.unregister("_words")
        ds.con.unregister("_terms")
    r, c, n = (np.concatenate([f[i] for f in found]) for i in range(3))
    matrix = sp.coo_matrix((n, (r, c)), shape=shape).tocsr()
    matrix.sum_duplicates()
    return matrix


def topic_trends(
    out: str | os.PathLike[str] | Dataset,
    topics: Any,
    *,
    freq: str = "W",
    measure: str = "share",
    unit: str = "articles",
) -> pd.DataFrame:
    """Each topic's weight per period (``period, topic_id, label, value``, ``attrs["undated"]``) — as
    ``analysis.term_trends.topic_trends``: ``share`` is the mean topic weight of the period's documents,
    ``articles`` counts documents whose strongest topic it is. ``topics.doc_topics`` and
    ``topics.documents`` are aggregated in DuckDB."""
    from workbench.analysis.term_trends import FREQS

    if freq not in FREQS:
        raise WorkbenchError(f"freq must be 'D', 'W' or 'M'; got {freq!r}")
    if unit not in ("articles", "stories"):
        raise WorkbenchError(f"unit must be 'articles' or 'stories'; got {unit!r}")
    if measure not in ("share", "articles"):
        raise WorkbenchError(f"measure must be 'share' or 'articles'; got {measure!r}")
    ds = as_dataset(out)
    docs = topics.documents
    dup = docs["duplicate_of"] if "duplicate_of" in docs else pd.Series(None, index=docs.index, dtype=object)
    ds.con.register(
        "_docs",
        pd.DataFrame(
            {
                "article_id": docs["article_id"].astype(str),
                "published": pd.to_datetime(docs["published"]),
                "duplicate": dup.notna(),
            }
        ),
    )
    ds.con.register("_dt", topics.doc_topics[["article_id", "topic_id", "weight"]].astype({"article_id": str}))
    story = "AND NOT duplicate" if unit == "stories" else ""
    try:
        undated = ds.execute(
            f"SELECT count(*) FROM (SELECT DISTINCT ON (article_id) * FROM _docs) WHERE published IS NULL {story}"
        ).fetchall()[0][0]
        value = "sum(w.weight) / any_value(p.n)" if measure == "share" else "count(*) FILTER (WHERE w.best)"
        frame = ds.execute(
            f"""
            WITH dated AS (
                SELECT article_id, {period_sql(freq, "published")} AS period FROM
                (SELECT DISTINCT ON (article_id) * FROM _docs) WHERE published IS NOT NULL {story}),
            units AS (SELECT article_id, count(*) AS n FROM _docs GROUP BY article_id),
            w AS (
                SELECT d.article_id, d.topic_id, sum(d.weight) / any_value(u.n) AS weight FROM _dt d
                JOIN units u USING (article_id) GROUP BY d.article_id, d.topic_id),
            ranked AS (
                SELECT w.*, row_number() OVER (PARTITION BY article_id ORDER BY weight DESC, topic_id) = 1 AS best
                FROM w),
            per AS (SELECT period, count(*) AS n FROM dated GROUP BY period)
            SELECT dated.period, w.topic_id, {value} AS value
            FROM ranked w JOIN dated USING (article_id) JOIN per p USING (period)
            GROUP BY dated.period, w.topic_id
            """
        ).df()
        span = ds.execute(
            f"SELECT min(published), max(published) FROM _docs WHERE published IS NOT NULL {story}"
        ).fetchall()[0]
    finally:
        ds.con.unregister("_docs")
        ds.con.unregister("_dt")
    columns = ["period", "topic_id", "label", "value"]
    if span is None or span[0] is None:
        empty = pd.DataFrame(columns=columns)
        empty.attrs["undated"] = int(undated)
        return empty
    periods = pd.period_range(pd.Timestamp(span[0]), pd.Timestamp(span[1]), freq=FREQS[freq]).start_time
    ids = sorted(topics.labels["topic_id"])
    frame["period"] = pd.to_datetime(frame["period"]).astype("datetime64[ns]")
    grid = pd.MultiIndex.from_product([periods, ids], names=["period", "topic_id"])
    values = frame.set_index(["period", "topic_id"])["value"].reindex(grid).fillna(0.0).astype(float)
    result = values.rename("value").reset_index().merge(topics.labels, how="left", on="topic_id")[columns]
    result.attrs["undated"] = int(undated)
    return result
