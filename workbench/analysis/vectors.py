"""Document-term matrices built straight from the ``tokens`` frame, shared by keywords and topics.

A *document* is an article or a paragraph (``level``); a *term* is a content word (letters, inner hyphens or
apostrophes, two characters or more, not a stopword, not a number) or a multi-word term: two adjacent content
words in the same sentence ("constitutional amendment", "afghan taliban"). Everything is done on integer
codes with numpy/scipy, so a corpus of millions of tokens takes seconds.

>>> text = "Afghan Taliban talks. Afghan Taliban talks again."
>>> articles, sentences, tokens = frames_from_texts({"a": text})
>>> dtm = document_term_matrix(tokens)
>>> sorted(dtm.terms)
['afghan', 'afghan taliban', 'taliban', 'taliban talks', 'talks']
>>> int(dtm.counts.sum())
10
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

from workbench.errors import WorkbenchError
from workbench.text.resources import stopwords

__all__ = [
    "DocumentTermMatrix",
    "WorkbenchError",
    "content_mask",
    "document_term_matrix",
    "frames_from_texts",
    "LEVELS",
]

LEVELS = ("article", "paragraph")
#: A content word: letters with inner hyphens/apostrophes ("bhutto-zardari"), no digits.
CONTENT_WORD = re.compile(r"^[^\W\d_]{2,}$|^[^\W\d_]+(?:[-'][^\W\d_]+)+$")


def content_mask(tokens: pd.DataFrame) -> np.ndarray:
    """Which rows of ``tokens`` are content words (candidate terms)."""
    inverse, uniq = pd.factorize(tokens["norm"])
    stops = stopwords()
    ok = np.fromiter(
        (bool(CONTENT_WORD.match(str(w))) and str(w) not in stops for w in uniq), dtype=bool, count=len(uniq)
    )
    mask = np.where(inverse >= 0, ok[inverse], False)
    if "is_stop" in tokens:
        mask &= ~tokens["is_stop"].fillna(False).to_numpy(dtype=bool)
    return mask


@dataclass
class DocumentTermMatrix:
    """Counts of terms per document.

    Attributes:
        counts: sparse CSR matrix, documents × terms (raw counts).
        docs: one row per document: ``article_id`` (and ``paragraph_id`` at paragraph level), in row order.
        terms: the vocabulary, in column order.
        level: ``"article"`` or ``"paragraph"``.
    """

    counts: sp.csr_matrix
    docs: pd.DataFrame
    terms: np.ndarray
    level: str

    @property
    def n_docs(self) -> int:
        return self.counts.shape[0]

    def term_index(self) -> dict[str, int]:
        return {t: i for i, t in enumerate(self.terms)}


def _doc_keys(tokens: pd.DataFrame, sentences: pd.DataFrame | None, level: str) -> pd.DataFrame:
    if level not in LEVELS:
        raise WorkbenchError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")
    keys = pd.DataFrame({"article_id": tokens["article_id"].astype(str).to_numpy()})
    if level == "paragraph":
        if sentences is None:
            raise WorkbenchError("paragraph level needs the sentences frame (for paragraph_id)")
        if "paragraph_id" in tokens:
            keys["paragraph_id"] = tokens["paragraph_id"].to_numpy()
        else:
            para = sentences[["article_id", "sentence_id", "paragraph_id"]].copy()
            para["article_id"] = para["article_id"].astype(str)
            left = pd.DataFrame({"article_id": keys["article_id"], "sentence_id": tokens["sentence_id"].to_numpy()})
            keys["paragraph_id"] = (
                left.merge(para, how="left", on=["article_id", "sentence_id"])["paragraph_id"]
                .fillna(-1)
                .astype(int)
                .to_numpy()
            )
    return keys


def document_term_matrix(
    tokens: pd.DataFrame,
    *,
    sentences: pd.DataFrame | None = None,
    level: str = "article",
    ngrams: int = 2,
    min_df: int = 1,
    max_df: float = 1.0,
    docs: pd.DataFrame | None = None,
) -> DocumentTermMatrix:
    """Count content words (and two-word terms if ``ngrams >= 2``) per article or paragraph.

    Args:
        tokens: the ``tokens`` frame (article_id, sentence_id, token_id, norm, …).
        sentences: needed at paragraph level (``paragraph_id`` of each sentence).
        level: ``"article"`` or ``"paragraph"``.
        ngrams: 1 for single words only, 2 to add adjacent word pairs within a sentence.
        min_df: keep terms found in at least this many documents.
        max_df: drop terms found in more than this share of documents (when there are 2+ documents).
        docs: fix the rows (e.g. every article, including those without content words); default: the
            documents that have tokens, ordered by first appearance.
    """
    if len(tokens) == 0:
        terms = np.array([], dtype=object)
        rows = docs.reset_index(drop=True) if docs is not None else pd.DataFrame({"article_id": []})
        return DocumentTermMatrix(sp.csr_matrix((len(rows), 0)), rows, terms, level)
    art_codes, _ = pd.factorize(tokens["article_id"])
    order = np.lexsort((tokens["token_id"].to_numpy(), art_codes))
    needed = [c for c in ("article_id", "sentence_id", "token_id", "norm", "is_stop", "paragraph_id") if c in tokens]
    tok = tokens[needed].iloc[order]
    if (np.diff(order) == 1).all():
        tok = tokens[needed]
    keys = _doc_keys(tok, sentences, level)
    docs_frame, doc_codes = _doc_rows(keys, docs)
    mask = content_mask(tok)
    word_codes, vocab = pd.factorize(tok["norm"])
    word_codes = word_codes.astype(np.int64)
    keep = mask & (doc_codes >= 0)
    term_doc = [doc_codes[keep]]
    term_id = [word_codes[keep]]
    term_names = [np.asarray(vocab, dtype=object)]
    if ngrams >= 2 and len(tok) > 1:
        pair_docs, pair_ids, pair_names = _word_pairs(tok, art_codes[order], mask, doc_codes, word_codes, vocab)
        term_doc.append(pair_docs)
        term_id.append(pair_ids + len(vocab))
        term_names.append(pair_names)
    rows = np.concatenate(term_doc)
    cols = np.concatenate(term_id)
    all_terms = np.concatenate(term_names) if term_names else np.array([], dtype=object)
    counts = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(len(docs_frame), len(all_terms))
    )
    counts.sum_duplicates()
    df = np.diff(counts.tocsc().indptr)
    keep_terms = df >= max(min_df, 1)
    if counts.shape[0] >= 2 and max_df < 1.0:
        keep_terms &= df <= max_df * counts.shape[0]
    # columns in alphabetical order: the same input always gives the same matrix
    kept = np.flatnonzero(keep_terms)
    kept = kept[np.argsort(all_terms[kept].astype(str), kind="stable")]
    return DocumentTermMatrix(counts[:, kept].tocsr(), docs_frame, all_terms[kept], level)


def _doc_rows(keys: pd.DataFrame, docs: pd.DataFrame | None) -> tuple[pd.DataFrame, np.ndarray]:
    """The documents (``docs``, or the keys in order of first appearance) and each token's row (-1: none)."""
    key_cols = list(keys.columns)
    if docs is None:
        docs_frame = keys.drop_duplicates().reset_index(drop=True)
    else:
        docs_frame = docs[key_cols].copy()
        docs_frame["article_id"] = docs_frame["article_id"].astype(str)
        docs_frame = docs_frame.reset_index(drop=True)
    if len(key_cols) > 1:
        return docs_frame, pd.MultiIndex.from_frame(docs_frame).get_indexer(pd.MultiIndex.from_frame(keys))
    return docs_frame, pd.Index(docs_frame["article_id"]).get_indexer(keys["article_id"])


def _word_pairs(
    tok: pd.DataFrame,
    article_codes: np.ndarray,
    mask: np.ndarray,
    doc_codes: np.ndarray,
    word_codes: np.ndarray,
    vocab: pd.Index,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two adjacent content words of one sentence: each pair's document, its code (0…) and the pair names."""
    v = len(vocab)
    sent = tok["sentence_id"].to_numpy()
    tid = tok["token_id"].to_numpy()
    pair = (
        mask[:-1]
        & mask[1:]
        & (article_codes[:-1] == article_codes[1:])
        & (sent[:-1] == sent[1:])
        & (tid[1:] - tid[:-1] == 1)
        & (doc_codes[:-1] >= 0)
        & (doc_codes[:-1] == doc_codes[1:])
    )
    big = word_codes[:-1][pair] * v + word_codes[1:][pair]
    big_codes, big_uniq = pd.factorize(big)
    first, second = np.divmod(np.asarray(big_uniq, dtype=np.int64), v)
    vocab_arr = np.asarray(vocab, dtype=object)
    names = np.array([f"{a} {b}" for a, b in zip(vocab_arr[first], vocab_arr[second], strict=True)], dtype=object)
    return doc_codes[:-1][pair], big_codes.astype(np.int64), names


def frames_from_texts(
    texts: Mapping[str, str] | Iterable[str],
    *,
    published: Mapping[str, object] | None = None,
    duplicate_of: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Small ``articles``, ``sentences`` and ``tokens`` frames (``workbench.text.frames``) for tests, examples.

    Args:
        texts: article_id → body text (or a list of bodies, ids ``"0"``, ``"1"``, …).
        published: article_id → date.
        duplicate_of: article_id → article_id of the story it repeats.
    """
    if not isinstance(texts, Mapping):
        texts = {str(i): t for i, t in enumerate(texts)}
    published = published or {}
    duplicate_of = duplicate_of or {}
    articles = pd.DataFrame(
        {
            "article_id": list(texts),
            "title": "",
            "text": list(texts.values()),
            "published": pd.to_datetime([published.get(a) for a in texts]),
            "duplicate_of": [duplicate_of.get(a) for a in texts],
            "outlet": "",
        }
    )
    from workbench.text.frames import segment_frames  # a helper for tests/examples: import on use only

    frames = segment_frames(articles, progress=False)
    return articles, frames["sentences"], frames["tokens"]
