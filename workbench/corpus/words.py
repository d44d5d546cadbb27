"""The word index of a corpus: every token's norm → where it occurs (article, position), for the phrase filter.

``corpus.select(words=...)`` over the plain tables scans every token of the corpus for each query (0.7–2 s on
Reuters-21578). The index answers the same question from the occurrences of the query's words alone: a word
is one slice of the postings (a ``prefix*`` the slice of every word it begins, the words being sorted), and
a phrase of several words keeps the occurrences of its first word whose article holds the second word at the
next position, the third after that, and so on. A position counts every token of the article in
``token_id`` order (punctuation included), as ``analysis.kwic.match_spans`` walks them, and queries are
parsed by the same ``query_norms``, so the articles found are exactly those the scan finds (tests compare
them).

Built once per corpus: from the tokens frame in memory (``from_tokens``, about 1 s on Reuters) and cached
beside the tables (``corpus.build.Tables.word_index``), or with DuckDB from a dataset's tokens
(``corpus.parquet``) and written under ``DIR/_index/``. Three frames hold it (``frames``/``from_frames``):
the sorted words and where each one's postings start, the postings (article number, position; int32), and
the article ids by number.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from workbench.analysis.kwic import query_norms
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.dataset.connection import Dataset

__all__ = ["WordIndex", "dataset_word_index"]

#: The index of a dataset: ``DIR/_index/words-<part>.parquet`` and ``words.json`` (the tokens it was made of).
FOLDER = "_index"
PARTS = ("vocab", "postings", "ids")
#: Indexes of datasets read in this process, by (root, digest of the tokens files): selections share one.
_LOADED: dict[tuple[str, str], WordIndex] = {}

#: A posting as one integer: the article number in the high 32 bits, the position in the low 32.
_SHIFT = np.int64(32)


class WordIndex:
    """Sorted ``vocab`` (norms), ``starts`` (where each word's postings begin; one more than the words),
    postings ``articles`` and ``positions`` (int32, by word, then article, then position), and ``ids`` (the
    article id of each article number)."""

    def __init__(
        self, vocab: np.ndarray, starts: np.ndarray, articles: np.ndarray, positions: np.ndarray, ids: np.ndarray
    ) -> None:
        self.vocab = vocab
        self.starts = starts
        self.articles = articles
        self.positions = positions
        self.ids = ids

    # ------------------------------------------------------------------ building and storing
    @classmethod
    def from_tokens(cls, tokens: pd.DataFrame) -> WordIndex:
        """The index of a tokens table (``article_id``, ``token_id``, ``norm``)."""
        art_codes, ids = pd.factorize(tokens["article_id"].astype(str), sort=True)
        order = np.lexsort((tokens["token_id"].to_numpy(), art_codes))
        acode = art_codes[order].astype(np.int32)
        n = len(acode)
        firsts = np.flatnonzero(np.r_[True, acode[1:] != acode[:-1]]) if n else np.array([], dtype=np.int64)
        lengths = np.diff(np.r_[firsts, n])
        positions = (np.arange(n) - np.repeat(firsts, lengths)).astype(np.int32)
        norm_codes, vocab = pd.factorize(tokens["norm"].astype(str).to_numpy(dtype=object)[order], sort=True)
        by_word = np.argsort(norm_codes, kind="stable")  # keeps article, then position, within a word
        starts = np.searchsorted(norm_codes[by_word], np.arange(len(vocab) + 1)).astype(np.int64)
        return cls(
            np.asarray(vocab, dtype=object),
            starts,
            acode[by_word],
            positions[by_word],
            np.asarray(ids, dtype=object),
        )

    def frames(self) -> dict[str, pd.DataFrame]:
        """The index as three frames to write as Parquet: ``vocab``, ``postings``, ``ids``."""
        return {
            "vocab": pd.DataFrame({"norm": self.vocab, "start": self.starts[:-1], "n": np.diff(self.starts)}),
            "postings": pd.DataFrame({"article": self.articles, "position": self.positions}),
            "ids": pd.DataFrame({"article_id": self.ids}),
        }

    @classmethod
    def from_frames(cls, vocab: pd.DataFrame, postings: pd.DataFrame, ids: pd.DataFrame) -> WordIndex:
        """The index from the frames ``frames`` made (or DuckDB wrote, with the same columns)."""
        counts = vocab["n"].to_numpy(dtype=np.int64)
        starts = np.r_[np.int64(0), np.cumsum(counts)].astype(np.int64)
        return cls(
            vocab["norm"].astype(str).to_numpy(dtype=object),
            starts,
            postings["article"].to_numpy(dtype=np.int32),
            postings["position"].to_numpy(dtype=np.int32),
            ids["article_id"].astype(str).to_numpy(dtype=object),
        )

    # ------------------------------------------------------------------ queries
    def _keys(self, piece: str) -> np.ndarray:
        """The postings of one query word (or ``prefix*``) as article << 32 | position."""
        if piece.endswith("*") and len(piece) > 1:
            prefix = piece[:-1]
            lo = int(np.searchsorted(self.vocab, prefix, side="left"))
            begins = lo < len(self.vocab) and str(self.vocab[lo]).startswith(prefix)
            hi = _next_past(self.vocab, prefix, lo) if begins else lo
        else:
            lo = int(np.searchsorted(self.vocab, piece, side="left"))
            hi = lo + 1 if lo < len(self.vocab) and self.vocab[lo] == piece else lo
        sl = slice(int(self.starts[lo]), int(self.starts[hi]))
        return (self.articles[sl].astype(np.int64) << _SHIFT) | self.positions[sl].astype(np.int64)

    def _phrase(self, pieces: list[str]) -> np.ndarray:
        """Article numbers where the pieces occur at consecutive positions: the k-th piece's postings moved
        back by k, intersected, starting from the rarest (each word's postings are sorted; a prefix's are
        sorted here)."""
        lists = []
        for k, piece in enumerate(pieces):
            keys = self._keys(piece) - k
            lists.append(np.sort(keys) if piece.endswith("*") and len(piece) > 1 else keys)
        lists.sort(key=len)
        keys = lists[0]
        for other in lists[1:]:
            if not len(keys):
                break
            at = np.searchsorted(other, keys)
            keys = keys[(at < len(other)) & (other[np.minimum(at, len(other) - 1)] == keys)] if len(other) else keys[:0]
        return np.unique(keys >> _SHIFT)

    def article_ids(self, query: str | Iterable[str]) -> set[str]:
        """The ids of the articles where ``query`` (a word, a phrase, ``prefix*``, or several) occurs: those of
        ``match_spans(tokens, query)``. An empty query raises ``WorkbenchError`` as the scan does."""
        queries = [query] if isinstance(query, str) else list(query)
        parsed = [p for p in (query_norms(q) for q in queries) if p]
        if not parsed:
            raise WorkbenchError(f"empty query {query!r}: give a word or a phrase")
        found = np.unique(np.concatenate([self._phrase(p) for p in parsed]))
        return set(self.ids[found].tolist())


def _next_past(vocab: np.ndarray, prefix: str, at: int) -> int:
    """The first word after ``at`` that does not begin with ``prefix`` (galloping: the words that begin with it
    are consecutive in the sorted vocabulary)."""
    step, hi = 1, at
    while hi + step < len(vocab) and str(vocab[hi + step]).startswith(prefix):
        hi += step
        step *= 2
    # the first word not beginning with prefix lies in (hi, hi + step]
    lo, top = hi + 1, min(hi + step, len(vocab))
    while lo < top:
        mid = (lo + top) // 2
        if str(vocab[mid]).startswith(prefix):
            lo = mid + 1
        else:
            top = mid
    return lo


# ---------------------------------------------------------------------- datasets
def dataset_word_index(ds: Dataset) -> WordIndex | None:
    """The word index of the dataset ``ds`` (a local folder): read from ``DIR/_index/`` when it was made of
    the dataset's current tokens files, else built with DuckDB from them and written there (a few seconds
    per 20k articles, once). None for a dataset in an object store or a folder that cannot be written:
    the phrase filter then scans the tokens as before."""
    if ds.store.remote:
        return None
    files = ds.manifest.table_files("tokens")
    if not files:
        return None
    digest = hashlib.sha256(json.dumps(sorted([f.path, f.sha256] for f in files)).encode()).hexdigest()[:20]
    key = (str(ds.root), digest)
    if key not in _LOADED:
        folder = Path(str(ds.root)) / FOLDER
        paths = {part: folder / f"words-{part}.parquet" for part in PARTS}
        marker = folder / "words.json"
        current = marker.exists() and json.loads(marker.read_text(encoding="utf-8")).get("tokens") == digest
        if not (current and all(p.exists() for p in paths.values())):
            try:
                _build_dataset_index(ds, [ds.store.join(*f.path.split("/")) for f in files], paths)
                marker.write_text(json.dumps({"tokens": digest}), encoding="utf-8")
            except OSError:
                return None
        import pyarrow.parquet as pq

        frames = {part: pq.read_table(path).to_pandas() for part, path in paths.items()}
        _LOADED[key] = WordIndex.from_frames(frames["vocab"], frames["postings"], frames["ids"])
    return _LOADED[key]


def _build_dataset_index(ds: Dataset, tokens: list[str], paths: dict[str, Path]) -> None:
    """Write the three frames of the index with DuckDB (positions counted in ``token_id`` order per
    article, words sorted by code point as Python sorts them)."""
    import duckdb

    from workbench.dataset.sql import sql_list, sql_str

    folder = next(iter(paths.values())).parent
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        con.execute("SET preserve_insertion_order = false")
        con.execute(
            "CREATE TEMP TABLE t AS SELECT article_id::VARCHAR AS article_id, norm::VARCHAR AS norm, "
            "(row_number() OVER (PARTITION BY article_id ORDER BY token_id) - 1)::INTEGER AS position "
            f"FROM read_parquet({sql_list(tokens)})"
        )
        con.execute(
            "CREATE TEMP TABLE ids AS SELECT article_id, (row_number() OVER (ORDER BY article_id) - 1)::INTEGER "
            "AS article FROM (SELECT DISTINCT article_id FROM t)"
        )
        queries = {
            "vocab": "SELECT norm, count(*)::BIGINT AS n FROM t GROUP BY norm ORDER BY norm",
            "postings": "SELECT i.article, t.position FROM t JOIN ids i USING (article_id) "
            "ORDER BY t.norm, i.article, t.position",
            "ids": "SELECT article_id FROM ids ORDER BY article",
        }
        for part, sql in queries.items():
            tmp = paths[part].with_suffix(".tmp")
            con.execute(f"COPY ({sql}) TO {sql_str(str(tmp))} (FORMAT parquet)")
            os.replace(tmp, paths[part])
    finally:
        con.close()
