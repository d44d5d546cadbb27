"""The matrix a topic model factorises: documents × terms, TF-IDF weighted (steps 1–3 of
:mod:`workbench.topics.model`).

:func:`topic_matrix` turns the corpus frames into a :class:`TopicMatrix`: which documents there are (articles or
paragraphs), which of them the model is fitted on (not near-duplicates, not empty), the vocabulary, the raw
counts and the TF-IDF matrix. :func:`tfidf_matrix` and :func:`name_mask` are shared with the dataset backend
(scoring every article of a Parquet dataset with a model fitted on a sample), hence public.

>>> from workbench.analysis.vectors import frames_from_texts
>>> frames = frames_from_texts(["Oil prices rose.", "Oil prices fell.", "Talks on oil."])
>>> m = topic_matrix(*frames, unit="article")
>>> list(m.vocabulary), m.fit_rows.tolist()
(['oil', 'oil prices', 'prices'], [0, 1, 2])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import pandas as pd
import scipy.sparse as sp

from workbench.analysis.reference import reference_frequencies
from workbench.analysis.vectors import document_term_matrix
from workbench.errors import WorkbenchError

__all__ = [
    "TopicMatrix",
    "topic_matrix",
    "tfidf_matrix",
    "name_mask",
    "unique_story_ids",
    "resolve_unit",
    "Mentions",
    "FEW_ARTICLES",
    "MAX_TERMS",
    "UNITS",
]

#: Below this many distinct articles, ``unit="auto"`` models paragraphs, and idf comes from the reference
#: word list (:mod:`workbench.analysis.reference`) instead of the corpus.
FEW_ARTICLES = 20
#: The vocabulary is capped at the terms in most documents.
MAX_TERMS = 20000
#: What a document is: ``"auto"`` (paragraphs when there are fewer than ``FEW_ARTICLES`` stories), or one.
UNITS = ("auto", "article", "paragraph")

#: Actor mentions (``corpus.mentions``), a function returning them (called only when needed), or None.
Mentions: TypeAlias = pd.DataFrame | Callable[[], pd.DataFrame] | None


@dataclass
class TopicMatrix:
    """Documents × terms of one corpus, ready to factorise.

    Attributes:
        docs: one row per document: article_id (+ paragraph_id), in row order.
        unit: ``"article"`` or ``"paragraph"``.
        vocabulary: the terms, in column order.
        counts: raw term counts (CSR).
        x: TF-IDF (counts × idf; paragraphs scaled to unit length).
        idf: the idf of each column.
        fit_rows: the rows a model is fitted on (unique stories with content words).
    """

    docs: pd.DataFrame
    unit: str
    vocabulary: np.ndarray
    counts: sp.csr_matrix
    x: sp.csr_matrix
    idf: np.ndarray
    fit_rows: np.ndarray

    @property
    def unit_rows(self) -> bool:
        """Whether documents are scaled to unit length (paragraphs are; articles keep their length)."""
        return self.unit == "paragraph"


def tfidf_matrix(counts: sp.spmatrix, *, idf: np.ndarray | None = None, unit_rows: bool = True) -> sp.csr_matrix:
    """TF-IDF: term counts × smoothed idf (``ln((1 + n) / (1 + df)) + 1``, or the given ``idf``).

    ``unit_rows`` scales each document to unit length; without it a long document weighs more than a short
    one, as its counts do in LDA.
    """
    counts = sp.csr_matrix(counts, dtype=np.float64)
    if idf is None:
        df = np.diff(counts.tocsc().indptr)
        idf = np.log((1.0 + counts.shape[0]) / (1.0 + df)) + 1.0
    x = (counts @ sp.diags(np.asarray(idf, dtype=np.float64))).tocsr()
    if unit_rows:
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        x = (sp.diags(1.0 / norms) @ x).tocsr()
    return x


def name_mask(tokens: pd.DataFrame, mentions: pd.DataFrame | None, types: str | Iterable[str]) -> np.ndarray:
    """True for tokens inside a mention (article_id, start, end) whose ``actor_type`` is in ``types``.

    Speakers and other people cut across what a text is about ("Asif said" opens paragraphs on the talks
    and on the amendment alike), so paragraph topics leave their names out.
    """
    out = np.zeros(len(tokens), dtype=bool)
    if mentions is None or len(mentions) == 0 or len(tokens) == 0:
        return out
    if not {"article_id", "start", "end"} <= set(mentions.columns):
        raise WorkbenchError("mentions need article_id, start and end columns (the corpus.mentions frame)")
    wanted = {types} if isinstance(types, str) else set(types)
    if not wanted:
        return out
    spans = mentions[mentions["actor_type"].isin(wanted)] if "actor_type" in mentions else mentions
    if len(spans) == 0:
        return out
    spans = pd.DataFrame(
        {
            "article_id": spans["article_id"].astype(str).to_numpy(),
            "start": spans["start"].to_numpy(np.int64),
            "span_end": spans["end"].to_numpy(np.int64),
        }
    ).sort_values("start", kind="stable")
    left = pd.DataFrame(
        {
            "article_id": tokens["article_id"].astype(str).to_numpy(),
            "start": tokens["start"].to_numpy(np.int64),
            "end": tokens["end"].to_numpy(np.int64),
            "_row": np.arange(len(tokens)),
        }
    ).sort_values("start", kind="stable")
    # the last mention starting at or before each token, in the same article
    hit = pd.merge_asof(left, spans, on="start", by="article_id", direction="backward")
    inside = (hit["span_end"].notna() & (hit["end"] <= hit["span_end"].fillna(-1))).to_numpy()
    out[hit["_row"].to_numpy()[inside]] = True
    return out


def unique_story_ids(articles: pd.DataFrame) -> set[str]:
    """The article ids that are not near-duplicates of another (``duplicate_of`` unset)."""
    dup = articles["duplicate_of"] if "duplicate_of" in articles else pd.Series(None, index=articles.index)
    return set(articles.loc[dup.isna(), "article_id"].astype(str))


def resolve_unit(unit: str, articles: pd.DataFrame) -> str:
    """``"auto"`` → ``"paragraph"`` below ``FEW_ARTICLES`` unique stories, else ``"article"``."""
    if unit not in UNITS:
        raise WorkbenchError(f"unit must be 'auto', 'article' or 'paragraph'; got {unit!r}")
    if unit != "auto":
        return unit
    return "paragraph" if len(unique_story_ids(articles)) < FEW_ARTICLES else "article"


def topic_matrix(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    unit: str = "auto",
    ngrams: int = 2,
    mentions: Mentions = None,
    exclude_types: str | Iterable[str] = ("person",),
) -> TopicMatrix:
    """The documents, vocabulary and TF-IDF matrix of a corpus (see :mod:`workbench.topics.model`, steps 1–3).

    Raises:
        WorkbenchError: an empty corpus, no content words, or fewer than 2 documents to fit on.
    """
    if articles is None or len(articles) == 0:
        raise WorkbenchError("the corpus is empty: load some articles before looking for topics")
    unique_ids = unique_story_ids(articles)
    unit = resolve_unit(unit, articles)
    # a speaker's name runs through the paragraphs of one article whatever they are about; across articles,
    # people are part of what stories are about (Volcker and interest rates), so they stay at article level
    spans = None
    if unit == "paragraph":
        spans = mentions() if callable(mentions) else mentions
    names = name_mask(tokens, spans, exclude_types)
    if names.any():
        tokens = tokens[~names]
    dtm = document_term_matrix(tokens, sentences=sentences, level=unit, ngrams=ngrams)
    if dtm.counts.shape[1] == 0 or dtm.counts.nnz == 0:
        raise WorkbenchError("no content words to model: the articles hold only stopwords, numbers or punctuation")
    in_story = dtm.docs["article_id"].isin(unique_ids).to_numpy()
    fit_rows = np.flatnonzero(in_story & (np.diff(dtm.counts.indptr) > 0))
    if len(fit_rows) < 2:
        hint = " (try unit='paragraph')" if unit == "article" else ""
        raise WorkbenchError(
            f"topics need at least 2 {unit}s with content words; this corpus has {len(fit_rows)}{hint}"
        )
    keep = _vocabulary(dtm.counts[fit_rows])
    counts = dtm.counts[:, np.flatnonzero(keep)].tocsr()
    vocab = dtm.terms[keep]
    # idf from the corpus, or from a general news background when the corpus is too small to be compared
    # with itself; paragraphs count alike (unit rows), articles keep their length, as counts do in LDA
    if len(unique_ids) < FEW_ARTICLES:
        idf = reference_frequencies().idf(vocab)
    else:
        fit_df = np.diff(counts[fit_rows].tocsc().indptr)
        idf = np.log((1.0 + len(fit_rows)) / (1.0 + fit_df)) + 1.0
    x = tfidf_matrix(counts, idf=idf, unit_rows=unit == "paragraph")
    docs = dtm.docs.reset_index(drop=True)
    return TopicMatrix(docs, unit, vocab, counts, x, np.asarray(idf, dtype=np.float64), fit_rows)


def _vocabulary(fit_counts: sp.csr_matrix) -> np.ndarray:
    """Terms in 2+ fitted documents and (on 20+) in at most half of them; at most ``MAX_TERMS``."""
    n_fit = fit_counts.shape[0]
    max_df = 0.5 if n_fit >= 20 else 1.0
    df = np.diff(fit_counts.tocsc().indptr)
    keep = (df >= 2) & (df <= max_df * n_fit)
    if keep.sum() < 2:  # tiny corpora: a term in one document still counts
        keep = df >= 1
    if keep.sum() > MAX_TERMS:
        cols = np.flatnonzero(keep)
        keep = np.zeros_like(keep)
        keep[cols[np.argsort(-df[cols], kind="stable")[:MAX_TERMS]]] = True
    return keep
