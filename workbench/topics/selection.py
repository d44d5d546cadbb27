"""Fitting KL-NMF and choosing how many topics (steps 4 and 6 of :mod:`workbench.topics.model`).

The number of topics, unless given, is the candidate k whose topics are most *coherent*: the mean normalised
PMI of each topic's top-term pairs over document co-occurrence (top 10 terms, or ⌊√vocabulary⌋ on small
vocabularies), averaged over topics; ties go to the more diverse topics (share of distinct top terms), then to
the larger k. Candidates are fitted on a fixed sample of ``SELECTION_SAMPLE`` documents and their
``SELECTION_TERMS`` most widespread terms, ``SELECTION_ITER`` iterations each, so that choosing stays fast.

>>> import numpy as np, scipy.sparse as sp
>>> binary = sp.csc_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1]], dtype=float))
>>> round(coherence(binary, np.array([[0, 1]])), 3), round(coherence(binary, np.array([[0, 2]])), 3)
(1.0, -1.0)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from workbench.topics.nmf import KLNMF

__all__ = [
    "coherence",
    "coherence_terms",
    "top_terms",
    "fit_nmf",
    "choose_k",
    "candidate_ks",
    "CANDIDATES",
    "SELECTION_COLUMNS",
]

#: Candidate numbers of topics are fitted on at most this many documents.
SELECTION_SAMPLE = 2000
#: ... on their most widespread terms only.
SELECTION_TERMS = 5000
#: Numbers of topics tried on corpora of ``MANY_DOCUMENTS``+ documents (up to the largest allowed).
CANDIDATES = (2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30)
MANY_DOCUMENTS = 400
TOP_TERMS = 10
#: NMF iterations per candidate when choosing the number of topics.
SELECTION_ITER = 60
SELECTION_COLUMNS = ["n_topics", "coherence", "diversity", "chosen"]


def coherence(binary: sp.spmatrix, top: np.ndarray) -> float:
    """Mean normalised PMI of each topic's top term pairs over documents (``binary``: docs × terms, 0/1).

    ``top`` is topics × terms (column indices). NPMI is -1 for pairs never seen together, 1 for pairs always
    seen together.
    """
    binary = sp.csc_matrix(binary)
    n = binary.shape[0]
    scores = []
    for row in top:
        sub = binary[:, row]
        co = (sub.T @ sub).toarray() / n
        p = np.diag(co).copy()
        iu = np.triu_indices(len(row), k=1)
        pij = co[iu]
        denom = np.outer(p, p)[iu]
        with np.errstate(divide="ignore", invalid="ignore"):
            npmi = np.where(pij > 0, np.log(pij / denom) / -np.log(pij), -1.0)
            npmi = np.where(pij >= 1.0, 1.0, npmi)
        scores.append(float(np.mean(npmi)) if len(npmi) else 0.0)
    return float(np.mean(scores)) if scores else -1.0


def coherence_terms(n_terms: int) -> int:
    """How many top terms per topic the coherence looks at: 10, or ⌊√vocabulary⌋ on small vocabularies (on
    a 30-term vocabulary ten terms are a third of all words, and coherence would measure the vocabulary)."""
    return int(min(TOP_TERMS, max(3, np.sqrt(n_terms))))


def top_terms(h: np.ndarray, n: int) -> np.ndarray:
    """Column indices of each row's ``n`` largest weights; ties broken by column (alphabetical vocabulary)."""
    return np.argsort(-h, axis=1, kind="stable")[:, :n]


def fit_nmf(x: sp.spmatrix, k: int, *, seed: int, max_iter: int, restarts: int = 1) -> tuple[KLNMF, np.ndarray]:
    """KL-divergence NMF from an NNDSVD-A start; with ``restarts`` > 1, random starts (seeds ``seed + 1``…)
    compete with it and the best reconstruction wins (ties: the earlier start)."""
    best = KLNMF(k, max_iter=max_iter, tol=1e-4, random_state=seed)
    best_w = best.fit_transform(x)
    for r in range(1, restarts):
        other = KLNMF(k, init="random", max_iter=max_iter, tol=1e-4, random_state=seed + r)
        other_w = other.fit_transform(x)
        if other.reconstruction_err_ < best.reconstruction_err_ * (1 - 1e-9):
            best, best_w = other, other_w
    return best, best_w


def candidate_ks(n_docs: int, n_terms: int, largest: int, *, smallest: int = 2) -> list[int]:
    """The numbers of topics tried: ``smallest``…⌊√documents⌋+1 on small corpora, else ``CANDIDATES``; never
    more than ``largest``, the documents or the terms."""
    if n_docs < MANY_DOCUMENTS:
        upper = min(largest, max(2, int(np.sqrt(n_docs))) + 1, n_docs, n_terms)
        return list(range(smallest, upper + 1))
    upper = min(largest, n_docs, n_terms)
    return [k for k in (1, *CANDIDATES) if smallest <= k <= upper]


def choose_k(
    x: sp.csr_matrix,
    binary: sp.spmatrix,
    candidates: Sequence[int],
    *,
    seed: int,
    restarts: int,
    sample: int = SELECTION_SAMPLE,
) -> tuple[int, pd.DataFrame]:
    """The most coherent of ``candidates`` (ties: more diverse topics, then the larger k) and every score,
    fitted on at most ``sample`` documents."""
    n_docs = x.shape[0]
    xs, bs = x, sp.csc_matrix(binary)
    if n_docs > sample:
        rows = np.sort(np.random.default_rng(seed).choice(n_docs, sample, replace=False))
        xs, bs = x[rows], bs[rows].tocsc()
        df = np.diff(bs.indptr)
        cols = np.sort(np.argsort(-df, kind="stable")[:SELECTION_TERMS])
        xs, bs = xs[:, cols], bs[:, cols]
    n_top = min(coherence_terms(xs.shape[1]), xs.shape[1])
    records = []
    for k in candidates:
        model, _ = fit_nmf(xs, k, seed=seed, max_iter=SELECTION_ITER, restarts=restarts)
        top = top_terms(model.components, n_top)
        diversity = len(np.unique(top)) / top.size  # share of distinct terms among the top terms
        records.append({"n_topics": k, "coherence": coherence(bs, top), "diversity": diversity})
    table = pd.DataFrame(records)
    # ties on coherence: the more diverse topics (no topic repeating another's terms), then the larger k
    # (its extra topics are as coherent and as distinct as the others, so the finer model loses nothing)
    ranked = table.assign(c=table["coherence"].round(6), d=table["diversity"].round(6))
    best = int(ranked.sort_values(["c", "d", "n_topics"], ascending=False).iloc[0]["n_topics"])
    table["chosen"] = table["n_topics"] == best
    return best, table
