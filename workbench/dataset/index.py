"""An optional word index of a dataset, for KWIC of frequent words: every word token with its keyword in
context for the default window already worked out, in one file sorted by word.

A KWIC over the dataset's own tables must read the tokens and texts around every match; for a word found in
a few percent of a million articles that is every row group of every partition (several seconds). With the
index, the matches of a word are a few consecutive row groups that already hold where each context begins
and ends and its sort keys; only the matched articles' texts are read, to cut the contexts.

``build_kwic_index(DIR)`` writes ``DIR/_index/kwic.parquet`` with DuckDB from the tokens (one pass with
window functions over each article's word tokens, one sort by word across the dataset), then
``DIR/_index/kwic.json`` naming the partitions it covers. It is big (about twice the dataset at 1M
articles) and slow to build (at 952k articles on 2 CPUs: 7 min and 20 GB of memory with DuckDB's default
memory limit, 80 % of RAM; 12.5 min within ``memory_limit="10GB"``), so it is built on request, not by the
ingest. ``duck.kwic`` uses it when it is current (it covers exactly the dataset's partitions: a re-ingest
that changes a partition makes it stale and it is ignored until rebuilt), the window is ``WINDOW`` and every
query is one word or ``prefix*``; otherwise KWIC reads the tables as before, with the same rows.

A row: ``norm, article_id, token_id, sentence_id, start, end`` of the word token, ``left_start`` (where its
left context begins: the ``WINDOW``-th word before it in its article, or the article's first word),
``right_end`` (where its right context ends), ``left_key`` and ``right_key`` (those words' norms, nearest first
on the left), and ``part``, ``arow``: its article's partition file and row there (the corpus order).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

from workbench.dataset.connection import Dataset, as_dataset
from workbench.dataset.sql import is_word, sql_str
from workbench.errors import WorkbenchError

#: Words of context on each side in the index: ``kwic``'s default window.
WINDOW = 8
FOLDER = "_index"
ROW_GROUP = 65536


def build_kwic_index(out: str | os.PathLike[str] | Dataset, *, memory_limit: str | None = None) -> Path:
    """Write the word index of the dataset ``out`` (a local folder); returns the index file. DuckDB spills to
    ``DIR/_index/tmp`` while sorting (tens of GB at a million articles) and removes it after."""

    ds = as_dataset(out)
    if ds.store.remote:
        raise WorkbenchError(
            f"{ds.root}: the word index is built on a local copy of the dataset (it sorts tens of GB on disk)"
        )
    if not ds._all["tokens"]:
        ds.scan("tokens")  # says how to write the tokens table
    folder = Path(ds.root) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    target, marker, tmp = folder / "kwic.parquet", folder / "kwic.json", folder / ".kwic.parquet.tmp"
    marker.unlink(missing_ok=True)  # stale from here until the new index is complete
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET temp_directory = {sql_str(str(folder / 'tmp'))}; SET preserve_insertion_order = false")
    if memory_limit:
        con.execute(f"SET memory_limit = {sql_str(memory_limit)}")
    articles = ds.store.join("articles", "part-*.parquet")
    tokens = ds.store.join("tokens", "part-*.parquet")
    frame = "PARTITION BY article_id ORDER BY token_id ROWS BETWEEN"
    con.execute(
        f"""
        COPY (
            WITH a AS (
                SELECT article_id, parse_filename(filename) AS part, file_row_number::INTEGER AS arow
                FROM read_parquet({sql_str(articles)}, filename = true, file_row_number = true)),
            w AS (
                SELECT article_id, token_id, sentence_id, norm, start::BIGINT AS start, "end"::BIGINT AS "end"
                FROM read_parquet({sql_str(tokens)}) WHERE {is_word("norm")}),
            c AS (
                SELECT norm, article_id, token_id, sentence_id, start, "end",
                    first_value(start) OVER ({frame} {WINDOW} PRECEDING AND CURRENT ROW) AS left_start,
                    last_value("end") OVER ({frame} CURRENT ROW AND {WINDOW} FOLLOWING) AS right_end,
                    array_to_string(list_reverse(coalesce(
                        list(norm) OVER ({frame} {WINDOW} PRECEDING AND 1 PRECEDING), [])), ' ') AS left_key,
                    array_to_string(coalesce(
                        list(norm) OVER ({frame} 1 FOLLOWING AND {WINDOW} FOLLOWING), []), ' ') AS right_key
                FROM w)
            SELECT c.*, a.part, a.arow FROM c JOIN a USING (article_id) ORDER BY norm, part, arow, token_id
        ) TO {sql_str(str(tmp))} (FORMAT parquet, ROW_GROUP_SIZE {ROW_GROUP})
        """
    )
    con.close()
    os.replace(tmp, target)
    parts = sorted(Path(f).name for f in ds._all["articles"])
    marker.write_text(json.dumps({"window": WINDOW, "parts": parts}), encoding="utf-8")
    for leftover in (folder / "tmp").glob("*"):
        leftover.unlink()
    return target


def current_index(ds: Dataset) -> str | None:
    """The index file of ``ds`` if it covers exactly the dataset's partitions, else None."""
    if "kwic_index" not in ds.cache:
        found = None
        marker, target = ds.store.join(FOLDER, "kwic.json"), ds.store.join(FOLDER, "kwic.parquet")
        if ds.store.exists(marker) and ds.store.exists(target):
            covered = json.loads(ds.store.read_bytes(marker)).get("parts")
            if covered == sorted(Path(f).name for f in ds._all["articles"]):
                found = target
        ds.cache["kwic_index"] = found
    return ds.cache["kwic_index"]


def index_words(queries: Sequence[str], window: int) -> list[tuple[int, str, bool]] | None:
    """``(query number, norm or prefix, is a prefix)`` for queries the index can answer (each one word or
    ``prefix*`` with a word character, and the index's window), else None."""
    from workbench.analysis.kwic import query_norms

    if window != WINDOW:
        return None
    words = []
    for i, query in enumerate(queries):
        norms = query_norms(query)
        if len(norms) != 1:
            return None
        word = norms[0]
        prefix = word.endswith("*") and len(word) > 1
        word = word[:-1] if prefix else word
        if not re.search(r"\w", word):
            return None
        words.append((i, word, prefix))
    return words


def index_spans(ds: Dataset, index: str, words: list[tuple[int, str, bool]], limit: int | None) -> int:
    """Make ``_spans`` (as ``matches.ordered`` does) and ``_ctx`` (as ``contexts._contexts`` does) from the
    index: the matches of ``words`` in corpus order, the first ``limit`` with a limit. Returns their number."""
    wanted, params = [], []
    for _, word, prefix in words:
        if prefix and ord(word[-1]) < 0x10FFFF:  # a range on the sorted words lets DuckDB skip row groups
            wanted.append("(norm >= ? AND norm < ? AND starts_with(norm, ?))")
            params += [word, word[:-1] + chr(ord(word[-1]) + 1), word]
        elif prefix:
            wanted.append("(norm >= ? AND starts_with(norm, ?))")
            params += [word, word]
        else:
            wanted.append("norm = ?")
            params.append(word)
    # a word matched by several queries is kept once, for the first
    q = "CASE " + " ".join(f"WHEN {w} THEN {i}" for (i, _, _), w in zip(words, wanted, strict=True)) + " END"
    select = "AND article_id IN (SELECT article_id FROM _selection)" if ds.conditions else ""
    keep = f"QUALIFY n < {int(limit)}" if limit is not None else ""
    ds.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _hits AS
        SELECT *, row_number() OVER (ORDER BY part, arow, token_id) - 1 AS n FROM (
            SELECT {q} AS q, * FROM read_parquet({sql_str(index)}) WHERE ({" OR ".join(wanted)}) {select}) {keep}
        """,
        params + params,
    )
    ds.execute(
        "CREATE OR REPLACE TEMP TABLE _spans AS SELECT q, article_id, part, arow, token_id, n FROM _hits; "
        'CREATE OR REPLACE TEMP TABLE _ctx AS SELECT n, article_id, sentence_id::BIGINT AS sentence_id, start, "end", '
        "left_start, right_end, left_key, right_key FROM _hits; DROP TABLE _hits"
    )
    return ds.execute("SELECT count(*) FROM _spans").fetchone()[0]
