"""Keyword in context over a dataset: ``kwic`` (a word, phrase or ``prefix*``) and ``mention_kwic`` (an
actor) — the rows of ``analysis.kwic.kwic_spans``, built in DuckDB; only the rows reach pandas.

The matches are found in one scan of the tokens (or mentions) and put in corpus order (``matches``). Token ids
number an article's tokens in order of offset (as the pipeline writes them), so a match's context lies in the
tokens just before its first token and just after its last: ``reach(window)`` tokens on each side are read,
in one scan of the tokens files of the matches' partitions, as one list per stretch of an article; a match
with too few words among them (many punctuation tokens) is read again with more. Word tokens are those whose
norm has a word character (Python's ``\\w``, as the same characters in DuckDB's regular expressions); left and
right are cut from the article's text with ``substring`` (which counts characters, as Python's slices do) and
their whitespace runs made one space (Python's ``\\s``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from workbench.dataset.connection import Dataset, as_dataset
from workbench.dataset.index import current_index, index_spans, index_words
from workbench.dataset.matches import match_sql, ordered
from workbench.dataset.sql import is_word, re2_class, sql_list, sql_str
from workbench.errors import WorkbenchError

#: Columns of ``_spans`` that are bookkeeping, not the spans' own.
_INTERNAL = ("n", "part", "arow", "filename", "q", "token_id", "length", "_row")


def reach(window: int) -> int:
    """Tokens read on each side of a match to find ``window`` words; the few matches with more punctuation
    than that around them are read again with eight times as many."""
    return window + 6


def kwic(
    out: str | os.PathLike[str] | Dataset,
    query: str | Iterable[str],
    *,
    window: int = 8,
    sort: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Keyword in context for a word, phrase or ``prefix*`` (or several) — as ``analysis.kwic.kwic``:
    ``article_id, sentence_id, start, end, left, match, right, left_key, right_key``.

    Matches are found in one scan of the tokens. ``limit`` keeps the first matches in corpus order (the
    dataset's article order, then offset) before any ``sort``, and reads only the partitions it needs for
    them; the context of the kept matches is built in DuckDB from the tokens around them and their
    articles' texts, read from the files they are in.
    """
    _check(window, sort)
    ds = as_dataset(out)
    queries = [query] if isinstance(query, str) else list(query)

    def find(files: Sequence[str] | None) -> tuple[str, list[Any]]:
        return match_sql(ds, queries, files, offsets=False)

    try:
        index = current_index(ds)
        words = index_words(queries, window) if index else None
        if index and words:  # the word index holds these matches and their contexts
            if not index_spans(ds, index, words, limit):
                return _empty([])
            return _cut(ds, sort=sort, texts=False)
        if not ordered(ds, "tokens", find, order=("token_id", "length"), limit=limit):
            return _empty([])
        ds.execute(
            "CREATE OR REPLACE TEMP TABLE _pos AS SELECT n, article_id, part, token_id AS t_lo, "
            'token_id + length AS t_hi, NULL::BIGINT AS start, NULL::BIGINT AS "end", NULL::BIGINT AS sentence_id '
            "FROM _spans"
        )
        return _rows(ds, window=window, sort=sort, texts=limit is None)
    finally:
        _drop(ds)


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
    _check(window, sort)
    ds = as_dataset(out)
    if not ds._all["mentions"]:
        return _empty([])

    def find(files: Sequence[str] | None) -> tuple[str, list[Any]]:
        scan = ds.scan("mentions", filename=True, row_number=True, files=files)
        return (
            f"SELECT * EXCLUDE (filename, file_row_number), filename, file_row_number AS _row FROM {scan} "
            "WHERE actor_id = ? OR actor = ?",
            [actor, actor],
        )

    try:
        if not ordered(ds, "mentions", find, order=("start", "_row"), limit=limit):
            return _empty([])
        _mention_tokens(ds)
        return _rows(ds, window=window, sort=sort, texts=limit is None)
    finally:
        _drop(ds)


def actor_contexts(
    out: str | os.PathLike[str] | Dataset, actors: Sequence[str], *, window: int = 8, limit: int | None = None
) -> pd.DataFrame:
    """The KWIC rows of several actors at once, with ``query`` (the actor asked for) first: for each actor
    the rows of ``mention_kwic(actor, limit=limit)``, in one scan of the mentions and one read of the
    tokens around the kept mentions (a mention both one actor's by id and another's by name is in both)."""
    _check(window, None)
    ds = as_dataset(out)
    wanted = sorted({str(a) for a in actors})
    if not ds._all["mentions"] or not wanted:
        return _empty(["query"])[["query", *_empty([]).columns]]

    def find(files: Sequence[str] | None) -> tuple[str, list[Any]]:
        scan = ds.scan("mentions", filename=True, row_number=True, files=files)
        rows = f"SELECT * EXCLUDE (filename, file_row_number), filename, file_row_number AS _row FROM {scan}"
        return (
            f"SELECT *, actor_id AS query FROM ({rows}) WHERE list_contains(?::VARCHAR[], actor_id) UNION ALL "
            f"SELECT *, actor AS query FROM ({rows}) WHERE list_contains(?::VARCHAR[], actor) AND actor <> actor_id",
            [wanted, wanted],
        )

    try:
        if not ordered(ds, "mentions", find, order=("start", "_row"), limit=None, texts=False):
            return _empty(["query"])[["query", *_empty([]).columns]]
        if limit is not None:  # each actor's first mentions in corpus order
            ds.execute(
                "DELETE FROM _spans WHERE n IN (SELECT n FROM _spans "
                f"QUALIFY row_number() OVER (PARTITION BY query ORDER BY n) > {int(limit)})"
            )
        _mention_tokens(ds)
        rows = _rows(ds, window=window, sort=None, texts=False)
        return pd.concat([rows.pop("query"), rows], axis=1)
    finally:
        _drop(ds)


def _mention_tokens(ds: Dataset) -> None:
    """Make ``_pos``: each mention of ``_spans`` with its tokens ``t_lo``–``t_hi`` — from the first that starts
    at or after it, up to the first after its end. Mentions begin and end where tokens do, so two equality
    joins find nearly all; the others are found by ASOF joins."""
    ds.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _tok AS SELECT article_id, token_id, start, "end"
        FROM read_parquet({sql_list(_token_files(ds))}) WHERE article_id IN (SELECT article_id FROM _spans);
        CREATE OR REPLACE TEMP TABLE _lo AS SELECT s.n, any_value(t.token_id) AS t_lo FROM _spans s
            JOIN _tok t ON t.article_id = s.article_id AND t.start = s.start GROUP BY s.n;
        CREATE OR REPLACE TEMP TABLE _hi AS SELECT s.n, any_value(t.token_id) + 1 AS t_hi FROM _spans s
            JOIN _tok t ON t.article_id = s.article_id AND t."end" = s."end" GROUP BY s.n
        """
    )
    for side, column, test in (("_lo", "t_lo", "s.start > t.start"), ("_hi", "t_hi", 's."end" > t.start')):
        if ds.execute(f"SELECT count(*) FROM _spans WHERE n NOT IN (SELECT n FROM {side})").fetchone()[0]:
            ds.execute(
                f"INSERT INTO {side} SELECT s.n, coalesce(t.token_id + 1, 0) AS {column} "
                f"FROM (SELECT * FROM _spans WHERE n NOT IN (SELECT n FROM {side})) s "
                f"ASOF LEFT JOIN _tok t ON t.article_id = s.article_id AND {test}"
            )
    ds.execute(
        """
        CREATE OR REPLACE TEMP TABLE _pos AS
        SELECT s.n, s.article_id, s.part, lo.t_lo, greatest(hi.t_hi, lo.t_lo) AS t_hi, s.start::BIGINT AS start,
            s."end"::BIGINT AS "end", s.sentence_id::BIGINT AS sentence_id
        FROM _spans s JOIN _lo lo USING (n) JOIN _hi hi USING (n);
        DROP TABLE _tok; DROP TABLE _lo; DROP TABLE _hi
        """
    )


def _check(window: int, sort: str | None) -> None:
    if window < 0:
        raise WorkbenchError("window must be 0 or more words")
    if sort not in (None, "left", "right"):
        raise WorkbenchError(f"sort must be None, 'left' or 'right'; got {sort!r}")


def _empty(extra: list[str]) -> pd.DataFrame:
    from workbench.analysis.kwic import COLUMNS

    return pd.DataFrame(columns=COLUMNS + extra)


def _drop(ds: Dataset) -> None:
    tables = ("_spans", "_pos", "_ctx", "_round", "_texts", "_hits")
    ds.execute("; ".join(f"DROP TABLE IF EXISTS {t}" for t in tables))


def _parts(ds: Dataset, table: str, only: list[int] | None = None) -> list[str]:
    """The files of ``table`` in the partitions of the spans (or of the spans ``only``); every file of the
    selection if ``table``'s files are not named like the articles'."""
    if table != "articles" and table not in ds._aligned:
        return ds.files(table)
    where = "" if only is None else f"WHERE list_contains({list(only)}, n)"
    parts = {r[0] for r in ds.execute(f"SELECT DISTINCT part FROM _spans {where}").fetchall()}
    return [f for f in ds.files(table) if Path(f).name in parts]


def _token_files(ds: Dataset, only: list[int] | None = None) -> list[str]:
    if not ds._all["tokens"]:
        ds.scan("tokens")  # says how to write the tokens table
    return _parts(ds, "tokens", only) or ds._all["tokens"][:1]


def _rows(ds: Dataset, *, window: int, sort: str | None, texts: bool) -> pd.DataFrame:
    """The KWIC rows of ``_spans`` (with their token ranges ``t_lo``–``t_hi`` in ``_pos``; their articles'
    texts in ``_texts`` if ``texts``, else read here)."""
    _read_contexts(ds, window=window)
    return _cut(ds, sort=sort, texts=texts)


def _read_contexts(ds: Dataset, *, window: int) -> None:
    """Make ``_ctx`` for the spans of ``_pos``: read ``reach(window)`` tokens on each side, and further for
    the spans whose words were not all found."""
    todo, far = None, reach(window)
    while True:
        _contexts(ds, window=window, far=far, only=todo)
        redo = ds.execute("SELECT n, numbered FROM _ctx WHERE NOT (ok AND numbered)").fetchall()
        if not all(numbered for _, numbered in redo):
            raise WorkbenchError(
                f"{ds.root}: the tokens of some articles are not numbered 0, 1, 2 … in order of offset; write the "
                "dataset again with `workbench ingest --engine dask`"
            )
        todo = [n for n, _ in redo]
        if not todo:
            break
        far *= 8  # more punctuation than words near these matches: read further, until the article's edges


def _cut(ds: Dataset, *, sort: str | None, texts: bool) -> pd.DataFrame:
    """The KWIC frame of ``_spans`` and their contexts ``_ctx``: left, match and right cut from the articles'
    texts (in ``_texts`` if ``texts``, else read here from the spans' partitions)."""
    columns = [r[0] for r in ds.execute("SELECT * FROM _spans LIMIT 0").description]
    extra = [c for c in columns if c not in ("article_id", "sentence_id", "start", "end") and c not in _INTERNAL]
    space = sql_str(re2_class(r"\s") + "+")

    def clean(part: str, *, strip: bool) -> str:
        cleaned = f"regexp_replace({part}, {space}, ' ', 'g')"
        return f"trim({cleaned})" if strip else cleaned

    read = (
        "SELECT article_id, text FROM _texts"
        if texts
        else f"SELECT article_id, text FROM read_parquet({sql_list(_parts(ds, 'articles'))}) "
        "WHERE article_id IN (SELECT article_id FROM _spans)"
    )
    keys = {None: "n", "left": "left_key, n", "right": "right_key, n"}[sort]
    extras = "".join(f", s.{_quote(c)}" for c in extra)
    frame = ds.execute(
        f"""
        WITH texts AS ({read}),
        cut AS (
            SELECT c.*, substring(t.text, c.left_start + 1, greatest(c.right_end - c.left_start, 0)) AS piece
            FROM _ctx c JOIN texts t USING (article_id))
        SELECT c.article_id, c.sentence_id, c.start, c."end",
            {clean("substring(piece, 1, greatest(c.start - c.left_start, 0))", strip=True)} AS "left",
            {clean('substring(piece, c.start - c.left_start + 1, greatest(c."end" - c.start, 0))', strip=False)}
                AS "match",
            {clean('substring(piece, c."end" - c.left_start + 1, greatest(c.right_end - c."end", 0))', strip=True)}
                AS "right",
            c.left_key, c.right_key{extras}
        FROM cut c JOIN _spans s USING (n) ORDER BY {keys}
        """
    ).df()
    return frame


def _quote(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _contexts(ds: Dataset, *, window: int, far: int, only: list[int] | None) -> None:
    """Make ``_round``, for the spans ``only`` (or all): each span's offsets and sentence, where its left and
    right contexts begin and end, their keys, and ``ok`` — whether the tokens read held the words needed.

    Spans of an article whose ``far`` tokens on each side overlap share a range of tokens; each range is read
    once (from the partition files of its spans), as one list in token order (token ids are positions in the
    article, so a token's place in the list is its id less the range's first). A span's context is then cut
    from the list: the last ``window`` words of the ``far`` tokens before it, the first ``window`` of the
    ``far`` after it."""
    spans = "_pos" if only is None else f"_pos WHERE list_contains({list(only)}, n)"
    files = sql_list(_token_files(ds, only))
    ds.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _round AS
        WITH p AS MATERIALIZED (SELECT n, article_id, t_lo, t_hi, start, "end", sentence_id FROM {spans}),
        near AS (
            SELECT n, article_id, t_lo, t_hi,
                sum(new::INT) OVER (ORDER BY article_id, t_lo, t_hi, n ROWS UNBOUNDED PRECEDING) AS a
            FROM (SELECT *, coalesce(t_lo - {far} > max(t_hi) OVER (PARTITION BY article_id ORDER BY t_lo, t_hi, n
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + {far}, true) AS new FROM p)),
        ranges AS MATERIALIZED (
            SELECT a, any_value(article_id) AS article_id, greatest(min(t_lo) - {far}, 0) AS lo,
                max(t_hi) + {far} AS hi
            FROM near GROUP BY a),
        g AS MATERIALIZED (
            SELECT a, count(*) AS got, min(i) AS first, max(i) AS last,
                list_select(list(tok), list_grade_up(list_transform(list(tok), lambda x: x.i))) AS listed
            FROM (
                SELECT r.a, t.token_id AS i, {{'i': t.token_id, 'w': {is_word("t.norm")}, 'n': t.norm,
                    's': t.start, 'e': t."end", 'z': t.sentence_id}} AS tok
                FROM read_parquet({files}) t JOIN ranges r
                ON t.article_id = r.article_id AND t.token_id >= r.lo AND t.token_id < r.hi)
            GROUP BY a),
        b AS (
            SELECT p.*, coalesce(g.listed, []) AS toks,
                g.a IS NULL OR (g.got = g.last - g.first + 1 AND g.first = r.lo) AS numbered,
                p.t_lo - r.lo AS i, p.t_hi - r.lo AS j, p.t_lo - {far} <= 0 AS at_start,
                list_filter(toks[greatest(i - {far}, 0) + 1 : i], lambda x: x.w) AS wb, toks[j + 1 : j + {far}] AS after
            FROM p JOIN near USING (n) JOIN ranges r USING (a) LEFT JOIN g USING (a)),
        c AS (
            SELECT *, list_slice(wb, greatest(len(wb) - {window}, 0) + 1, len(wb)) AS lw,
                list_filter(after, lambda x: x.w) AS wa, len(after) < {far} AS at_end,
                CASE WHEN sentence_id IS NULL AND start IS NOT NULL
                    THEN list_filter(toks[i + 1 : j + {far}], lambda x: x.w)[1].z END AS next_sentence
            FROM b),
        d AS (SELECT *, list_slice(wa, 1, {window}) AS rw FROM c)
        SELECT n, article_id,
            coalesce(sentence_id, CASE WHEN start IS NULL THEN toks[i + 1].z END, next_sentence,
                     wb[len(wb)].z, -1)::BIGINT AS sentence_id,
            coalesce(start, toks[i + 1].s)::BIGINT AS start, coalesce("end", toks[j].e)::BIGINT AS "end",
            coalesce(lw[1].s, start, toks[i + 1].s)::BIGINT AS left_start,
            coalesce(rw[len(rw)].e, "end", toks[j].e)::BIGINT AS right_end,
            array_to_string(list_reverse(list_transform(lw, lambda x: x.n)), ' ') AS left_key,
            array_to_string(list_transform(rw, lambda x: x.n), ' ') AS right_key,
            (len(wb) >= {window} OR at_start) AND (len(wa) >= {window} OR at_end)
                AND (sentence_id IS NOT NULL OR start IS NULL OR next_sentence IS NOT NULL
                     OR (at_end AND (len(wb) > 0 OR at_start))) AS ok,
            numbered
        FROM d
        """
    )
    if only is None:
        ds.execute("DROP TABLE IF EXISTS _ctx; ALTER TABLE _round RENAME TO _ctx")
    else:
        ds.execute(
            f"DELETE FROM _ctx WHERE list_contains({list(only)}, n); INSERT INTO _ctx SELECT * FROM _round; "
            "DROP TABLE _round"
        )
