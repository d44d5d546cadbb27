"""Keywords of articles, paragraphs or any slice of the corpus, by TF-IDF or by log-likelihood keyness.

Terms are content words and two-word terms ("constitutional amendment", "afghan taliban"); stopwords,
numbers and punctuation never appear (see :mod:`workbench.analysis.vectors`).

- ``method="tfidf"``: term frequency × smoothed inverse document frequency over the corpus's articles
  (``ln((1 + N) / (1 + df)) + 1``), each document's vector scaled to unit length; a slice counts as one
  document. Ties are broken by how many sentences use the term, then alphabetically. A word used only inside
  one two-word term ("defence" always in "defence minister") is left out in favour of that term.
- On a corpus of fewer than 20 articles (``idf="auto"``), too small to compare with itself, the document
  frequencies come from a general news background instead (:mod:`workbench.analysis.reference`,
  Reuters-21578 word counts), damped by a square root: ``count × √idf_background``.
- ``method="loglik"``: Dunning's log-likelihood G² of the slice against the rest of the corpus; only terms
  used *more* in the slice than in the rest are listed (keyness as in AntConc / WordSmith). The rest of the
  corpus, or ``reference=`` (another ``tokens`` frame, e.g. a background collection), is the reference.

>>> from workbench.analysis.vectors import frames_from_texts
>>> texts = {"a": "Ceasefire talks resumed. The ceasefire holds.", "b": "Oil prices rose. Oil output fell."}
>>> articles, _, tokens = frames_from_texts(texts)
>>> keywords(articles, tokens, n=2)[["article_id", "term"]].values.tolist()
[['a', 'ceasefire'], ['a', 'ceasefire holds'], ['b', 'oil'], ['b', 'oil output']]
>>> keywords(articles, tokens, subset=["a"], method="loglik", n=1)[["slice", "term"]].values.tolist()
[['subset', 'ceasefire']]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import scipy.sparse as sp

from workbench.analysis.reference import reference_frequencies
from workbench.analysis.vectors import DocumentTermMatrix, WorkbenchError, document_term_matrix

__all__ = ["keywords", "loglik"]

METHODS = ("tfidf", "loglik")
IDF_SOURCES = ("auto", "corpus", "reference")
#: Below this many articles, ``idf="auto"`` takes document frequencies from the reference word list.
FEW_ARTICLES = 20


def _use_background(idf: str, articles: pd.DataFrame) -> bool:
    if idf != "auto":
        return idf == "reference"
    return articles["article_id"].nunique() < FEW_ARTICLES


def loglik(a: np.ndarray, b: np.ndarray, c: float, d: float) -> np.ndarray:
    """Dunning's G² for counts ``a`` (slice) and ``b`` (reference), slice size ``c``, reference size ``d``.

    Positive when the term is over-used in the slice, negative when under-used.

    >>> round(float(loglik(np.array([10.0]), np.array([10.0]), 100.0, 1000.0)[0]), 2)
    22.14
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    total = c + d
    e1 = c * (a + b) / total
    e2 = d * (a + b) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    g2 = 2.0 * (t1 + t2)
    sign = np.where(a / max(c, 1e-12) >= b / max(d, 1e-12), 1.0, -1.0)
    return sign * g2


def _slice_labels(articles: pd.DataFrame, by: object) -> pd.Series:
    """article_id → slice label for ``by`` given as a column name or a mapping/Series."""
    ids = articles["article_id"].astype(str)
    if isinstance(by, str):
        if by not in articles:
            raise WorkbenchError(
                f"by={by!r}: use 'article', 'paragraph', 'corpus', a column of articles "
                f"({', '.join(map(str, articles.columns))}) or a mapping article_id → label"
            )
        labels = articles[by]
        if labels.map(lambda v: isinstance(v, list | tuple | set | np.ndarray)).any():
            raise WorkbenchError(f"by={by!r} holds lists; explode it or pass a mapping article_id → label")
        return pd.Series(labels.to_numpy(), index=ids.to_numpy())
    if isinstance(by, Mapping | pd.Series):
        return pd.Series(dict(by) if isinstance(by, Mapping) else by.to_dict()).reindex(ids.to_numpy())
    raise WorkbenchError(f"by must be a string or a mapping article_id → label, not {type(by).__name__}")


def _subset_tokens(tokens: pd.DataFrame, articles: pd.DataFrame, subset: object) -> np.ndarray:
    """A boolean mask over ``tokens`` for the rows in ``subset``."""
    art = tokens["article_id"].astype(str)
    if isinstance(subset, pd.DataFrame):
        if "article_id" not in subset:
            raise WorkbenchError("subset frame needs an article_id column (and sentence_id for sentences)")
        keys = ["article_id"] + (["sentence_id"] if "sentence_id" in subset else [])
        wanted = subset[keys].drop_duplicates().astype({"article_id": str})
        left = pd.DataFrame({"article_id": art.to_numpy()})
        if "sentence_id" in keys:
            left["sentence_id"] = tokens["sentence_id"].to_numpy()
        wanted["_in"] = True
        return left.merge(wanted, how="left", on=keys)["_in"].fillna(False).to_numpy(dtype=bool)
    if isinstance(subset, pd.Series) and subset.dtype == bool:
        if len(subset) != len(articles):
            raise WorkbenchError("a boolean subset must have one value per article")
        ids = set(articles["article_id"].astype(str)[subset.to_numpy()])
    elif isinstance(subset, str):
        ids = {subset}
    elif isinstance(subset, Iterable):
        ids = {str(s) for s in subset}
    else:
        raise WorkbenchError("subset must be article ids, a boolean Series over articles, or a frame of rows")
    return art.isin(ids).to_numpy()


def keywords(
    articles: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    by: object = "article",
    n: int = 20,
    method: str = "tfidf",
    subset: object = None,
    sentences: pd.DataFrame | None = None,
    reference: pd.DataFrame | None = None,
    ngrams: int = 2,
    min_count: int = 1,
    idf: str = "auto",
) -> pd.DataFrame:
    """The top ``n`` keywords of each article, paragraph or slice.

    Args:
        articles: the ``articles`` frame.
        tokens: the ``tokens`` frame.
        by: ``"article"`` (default), ``"paragraph"`` (needs ``sentences``), ``"corpus"`` (one list for
            everything), a column of ``articles`` (``"outlet"``…) or a mapping article_id → label (a topic,
            a period): each slice is compared with the rest.
        n: keywords per article / slice.
        method: ``"tfidf"`` or ``"loglik"``.
        subset: one slice instead of ``by``: article ids, a boolean Series over articles, or a frame of rows
            with article_id (and sentence_id: an actor's sentences); compared with the rest of the corpus.
        sentences: the ``sentences`` frame (only for ``by="paragraph"``).
        reference: a ``tokens`` frame to compare against instead of the rest of the corpus (loglik).
        ngrams: 1 for single words, 2 to add two-word terms.
        min_count: ignore terms used fewer times than this in the slice.
        idf: where TF-IDF's document frequencies come from: ``"corpus"``, ``"reference"`` (the shipped
            news background, :mod:`workbench.analysis.reference`), or ``"auto"``: the reference when
            the corpus has fewer than ``FEW_ARTICLES`` articles, too few to compare with itself.

    Returns:
        One row per keyword: ``article_id`` (+ ``paragraph_id``) or ``slice``, ``rank``, ``term``,
        ``score``, ``count`` (uses in the slice), ``method``.
    """
    if method not in METHODS:
        raise WorkbenchError(f"method must be 'tfidf' or 'loglik'; got {method!r}")
    if idf not in IDF_SOURCES:
        raise WorkbenchError(f"idf must be one of {', '.join(IDF_SOURCES)}; got {idf!r}")
    if n < 1:
        raise WorkbenchError("n must be at least 1")
    if len(articles) == 0 or len(tokens) == 0:
        raise WorkbenchError("the corpus is empty: no articles or no tokens to find keywords in")
    level = "paragraph" if by == "paragraph" and subset is None else "article"
    dtm = document_term_matrix(tokens, sentences=sentences, level=level, ngrams=ngrams)
    if dtm.counts.shape[1] == 0:
        raise WorkbenchError("no content words in the corpus (only stopwords, numbers or punctuation)")
    sent_disp = _sentence_dispersion(tokens, sentences, dtm)
    group_counts, labels, disp, totals = _slices(articles, tokens, dtm, sent_disp, by=by, subset=subset, ngrams=ngrams)
    if method == "tfidf":
        scores = _tfidf_scores(group_counts, dtm, background=_use_background(idf, articles))
    else:
        rest_counts = None if reference is not None else totals
        scores = _keyness(group_counts, rest_counts, reference, dtm, ngrams, subtract_self=subset is None)
    return _top_n(scores.tocsr(), group_counts.tocsr(), disp.tocsr(), labels, dtm.terms, n, method, min_count)


def _slices(
    articles: pd.DataFrame,
    tokens: pd.DataFrame,
    dtm: DocumentTermMatrix,
    sent_disp: sp.csr_matrix,
    *,
    by: object,
    subset: object,
    ngrams: int,
) -> tuple[sp.csr_matrix, pd.DataFrame, sp.csr_matrix, sp.csr_matrix]:
    """Term counts per slice, the slices' labels, their sentence dispersion, and what each slice is compared
    with (the rest of the corpus for a subset; the corpus totals otherwise)."""
    counts = dtm.counts
    totals = sp.csr_matrix(counts.sum(axis=0))
    if subset is not None:
        mask = _subset_tokens(tokens, articles, subset)
        if not mask.any():
            raise WorkbenchError("subset selects no tokens of the corpus")
        group_counts = sp.csr_matrix(_align(document_term_matrix(tokens[mask], ngrams=ngrams), dtm).sum(axis=0))
        labels = pd.DataFrame({"slice": ["subset"]})
        return group_counts, labels, sp.csr_matrix(sent_disp.sum(axis=0)), totals - group_counts
    if by in ("article", "paragraph"):
        return counts, dtm.docs.copy(), sent_disp, totals
    if by == "corpus":
        doc_labels = np.zeros(dtm.n_docs, dtype=np.int64)
        names = np.array(["corpus"], dtype=object)
    else:
        lab = _slice_labels(articles, by).reindex(dtm.docs["article_id"].to_numpy())
        doc_labels, names = pd.factorize(lab, sort=True)
    ok = doc_labels >= 0
    g = sp.csr_matrix((np.ones(ok.sum()), (doc_labels[ok], np.flatnonzero(ok))), shape=(len(names), dtm.n_docs))
    return (g @ counts).tocsr(), pd.DataFrame({"slice": list(names)}), (g @ sent_disp).tocsr(), totals


def _tfidf_scores(group_counts: sp.csr_matrix, dtm: DocumentTermMatrix, *, background: bool) -> sp.csr_matrix:
    """TF-IDF of each slice, scaled to unit length; idf from the corpus or (``background``) the reference."""
    if background:
        # damped: an article's own repetitions still count for more than rarity in the background
        # (a 1987 business newswire, where "talks" are common)
        idf_values = np.sqrt(reference_frequencies().idf(dtm.terms))
    else:
        df = np.diff(dtm.counts.tocsc().indptr).astype(float)
        idf_values = np.log((1.0 + dtm.n_docs) / (1.0 + df)) + 1.0
    weights = group_counts.multiply(idf_values[None, :]).tocsr()
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ weights)


def _keyness(
    group_counts: sp.csr_matrix,
    total_counts: sp.csr_matrix | None,
    reference: pd.DataFrame | None,
    dtm: DocumentTermMatrix,
    ngrams: int,
    *,
    subtract_self: bool,
) -> sp.csr_matrix:
    """G² of each row of ``group_counts`` against the rest of the corpus (or against ``reference``)."""
    if reference is not None:
        ref = document_term_matrix(reference, ngrams=ngrams)
        ref_vec = np.asarray(_align(ref, dtm).sum(axis=0)).ravel()
        subtract_self = False
    elif total_counts is not None:
        ref_vec = np.asarray(total_counts.todense()).ravel()
    else:
        raise WorkbenchError("keyness needs the corpus totals or a reference frame")
    out = group_counts.tocsr().astype(float).copy()
    ref_total = ref_vec.sum()
    for i in range(out.shape[0]):
        lo, hi = out.indptr[i], out.indptr[i + 1]
        cols = out.indices[lo:hi]
        a = group_counts[i].toarray().ravel()
        c = a.sum()
        if subtract_self:
            b = ref_vec[cols] - a[cols]
            d = ref_total - c
        else:
            b = ref_vec[cols]
            d = ref_total
        if d <= 0:
            raise WorkbenchError(
                "keyness compares a slice with the rest of the corpus, but nothing is left to compare with "
                "(a one-article corpus?); use method='tfidf', by='paragraph', or give reference=tokens"
            )
        out.data[lo:hi] = loglik(a[cols], b, c, d)
    out.data[out.data <= 0] = 0.0
    out.eliminate_zeros()
    return out


def _align(sub: DocumentTermMatrix, dtm: DocumentTermMatrix) -> sp.csr_matrix:
    """Re-index ``sub``'s columns on ``dtm``'s vocabulary (terms missing from ``dtm`` dropped)."""
    pos = pd.Index(dtm.terms).get_indexer(sub.terms)
    keep = pos >= 0
    m = sub.counts[:, np.flatnonzero(keep)].tocoo()
    return sp.csr_matrix((m.data, (m.row, pos[keep][m.col])), shape=(sub.counts.shape[0], len(dtm.terms)))


def _sentence_dispersion(
    tokens: pd.DataFrame, sentences: pd.DataFrame | None, dtm: DocumentTermMatrix
) -> sp.csr_matrix:
    """Per document: in how many sentences each term occurs (tie-breaker for keywords)."""
    tmp = tokens.assign(_doc_sent=tokens["article_id"].astype(str) + "\x00" + tokens["sentence_id"].astype(str))
    per_sent = document_term_matrix(
        tmp.assign(article_id=tmp["_doc_sent"]), ngrams=2 if any(" " in t for t in dtm.terms) else 1
    )
    binary = _align(per_sent, dtm)
    binary.data[:] = 1.0
    sent_art = per_sent.docs["article_id"].str.split("\x00").str[0]
    if dtm.level == "paragraph" and sentences is not None:  # a paragraph matrix was built from sentences
        keys = sentences[["article_id", "sentence_id", "paragraph_id"]].astype({"article_id": str})
        keys = keys.assign(_doc_sent=keys["article_id"] + "\x00" + keys["sentence_id"].astype(str))
        para = per_sent.docs.merge(keys, how="left", left_on="article_id", right_on="_doc_sent")
        target = pd.MultiIndex.from_frame(dtm.docs).get_indexer(
            pd.MultiIndex.from_arrays([sent_art, para["paragraph_id"].fillna(-1).astype(int)])
        )
    else:
        target = pd.Index(dtm.docs["article_id"]).get_indexer(sent_art)
    ok = target >= 0
    g = sp.csr_matrix((np.ones(ok.sum()), (target[ok], np.flatnonzero(ok))), shape=(dtm.n_docs, len(target)))
    return (g @ binary).tocsr()


def _not_nested(terms: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """False for a word used only inside one longer term of the list ("defence" in "defence minister")."""
    longest: dict[str, float] = {}
    for term, c in zip(terms, counts, strict=True):
        if " " in term:
            for part in term.split(" "):
                longest[part] = max(longest.get(part, 0.0), c)
    return np.array([" " in t or longest.get(t, 0.0) < c for t, c in zip(terms, counts, strict=True)], dtype=bool)


def _top_n(
    scores: sp.csr_matrix,
    counts: sp.csr_matrix,
    disp: sp.csr_matrix,
    labels: pd.DataFrame,
    terms: np.ndarray,
    n: int,
    method: str,
    min_count: int,
) -> pd.DataFrame:
    rows = []
    label_records = labels.to_dict("records")
    for i in range(scores.shape[0]):
        lo, hi = scores.indptr[i], scores.indptr[i + 1]
        if lo == hi:
            continue
        cols = scores.indices[lo:hi]
        sc = scores.data[lo:hi]
        cnt = counts[i].toarray().ravel()[cols]
        dsp = disp[i].toarray().ravel()[cols]
        keep = (cnt >= min_count) & _not_nested(terms[cols], cnt)
        cols, sc, cnt, dsp = cols[keep], sc[keep], cnt[keep], dsp[keep]
        # score desc, then spread over sentences desc, then alphabetical
        order = np.lexsort((terms[cols].astype(str), -dsp, -np.round(sc, 12)))[:n]
        for rank, j in enumerate(order, start=1):
            rows.append(
                {
                    **label_records[i],
                    "rank": rank,
                    "term": terms[cols[j]],
                    "score": float(sc[j]),
                    "count": int(cnt[j]),
                    "method": method,
                }
            )
    cols_out = list(labels.columns) + ["rank", "term", "score", "count", "method"]
    return pd.DataFrame(rows, columns=cols_out)
