"""The two-level topic model: coarse topics (the desks news is filed under) and fine topics within each.

How it is fitted (:func:`fit_coarse`, then :func:`fit_fine`, on a :class:`workbench.topics.matrix.TopicMatrix`):

1. **Coarse topics**: KL-NMF on the whole TF-IDF matrix, the number chosen by coherence
   (:mod:`workbench.topics.selection`) unless given. A document's coarse weights are its NMF weights for
   unit-length topics, summing to 1.
2. **Filing** (``FILING``; articles only): an article is filed under one desk. A mixture of multinomials
   (one coarse topic per document; Nigam et al. 2000), started from the NMF weights and run ``FILING_ITER``
   EM steps on the same TF-IDF matrix, gives each document's posterior probability of each coarse topic:
   these are the coarse weights. The NMF's topics share out a document's words; the mixture weighs the
   whole document's evidence for one desk, so a merger story that mentions an oil company is filed under
   mergers.
3. **Fine topics**: for each coarse topic, KL-NMF on the documents filed under it, with document
   frequencies counted among those documents (so that the words every article of the desk uses weigh
   less than the words that set its sub-topics apart); the number chosen by coherence among 1…``max_fine``.
   A coarse topic with fewer than ``FINE_MIN_DOCS`` documents has one fine topic, itself.
4. A document's fine weights are its coarse weights shared out over each coarse topic's fine topics
   (P(fine) = P(coarse) × P(fine | coarse)); they sum to 1.

Scoring new documents (:meth:`TopicModel.score`) applies the same steps with the topics held fixed, which is
how a Parquet dataset's articles are all scored with a model fitted on a sample.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.special import logsumexp

from workbench.topics.matrix import TopicMatrix
from workbench.topics.nmf import KLNMF
from workbench.topics.selection import SELECTION_COLUMNS, candidate_ks, choose_k, fit_nmf

__all__ = [
    "TopicModel",
    "LevelModel",
    "Filing",
    "FineOptions",
    "fit_coarse",
    "fit_fine",
    "fit_filing",
    "FILING",
    "FINE_MIN_DOCS",
    "WEIGHT_FLOOR",
]

#: File each document under one coarse topic with a mixture model (step 2); off: the NMF weights.
FILING = True
FILING_ITER = 10
#: The mixture's term smoothing, in units of the matrix's mean non-zero value.
FILING_SMOOTHING = 0.1
#: A coarse topic with fewer documents than this is not split into fine topics.
FINE_MIN_DOCS = 8
#: The number of fine topics of a coarse topic is chosen on at most this many of its documents.
FINE_SELECTION_SAMPLE = 500
#: Weights below this count as none: a document is read by a fine model only where its coarse weight is larger.
WEIGHT_FLOOR = 1e-6
#: Below this many documents, random starts compete with the NNDSVD-A start (best reconstruction wins).
RESTART_BELOW = 400
RESTARTS = 4


@dataclass
class LevelModel:
    """One fitted NMF: its columns of the vocabulary, their re-weighting, and its topics in numbered order.

    Attributes:
        nmf: the fitted :class:`workbench.topics.nmf.KLNMF`.
        columns: which vocabulary columns it reads.
        scale: a multiplier per column (local idf over the corpus idf), or None.
        unit_rows: whether documents are scaled to unit length after re-weighting.
        order: ``order[i]`` is the NMF row of topic i (topics are numbered by total weight).
    """

    nmf: KLNMF
    columns: np.ndarray
    scale: np.ndarray | None
    unit_rows: bool
    order: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def norms(self) -> np.ndarray:
        norms = np.linalg.norm(self.nmf.components, axis=1)
        norms[norms == 0] = 1.0
        return norms

    @property
    def topics(self) -> np.ndarray:
        """Unit-length topic term vectors over ``columns``, in numbered order."""
        return (self.nmf.components / self.norms[:, None])[self.order]

    def inputs(self, x: sp.csr_matrix) -> sp.csr_matrix:
        """The rows of the full TF-IDF matrix as this model reads them."""
        sub = x[:, self.columns]
        if self.scale is not None:
            sub = sub @ sp.diags(self.scale)
        sub = sp.csr_matrix(sub)
        if self.unit_rows:
            norms = np.sqrt(np.asarray(sub.multiply(sub).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            sub = sp.csr_matrix(sp.diags(1.0 / norms) @ sub)
        return sub

    def weights(self, x: sp.csr_matrix, fitted: np.ndarray | None = None) -> np.ndarray:
        """Document weights for unit-length topics, numbered order; ``fitted``: the W the fit returned."""
        w = self.nmf.transform(self.inputs(x)) if fitted is None else fitted
        return (w * self.norms[None, :])[:, self.order]


@dataclass
class Filing:
    """A mixture of multinomials over TF-IDF rows: log P(topic) and log P(term | topic)."""

    log_prior: np.ndarray
    log_terms: np.ndarray

    def posterior(self, x: sp.csr_matrix) -> np.ndarray:
        """P(topic | document) for each row of ``x`` (documents without terms keep the prior)."""
        loglik = np.asarray(x @ self.log_terms.T) + self.log_prior[None, :]
        return np.exp(loglik - logsumexp(loglik, axis=1, keepdims=True))


def fit_filing(x: sp.csr_matrix, start: np.ndarray, *, iterations: int = FILING_ITER) -> Filing:
    """EM for the mixture, from responsibilities ``start`` (documents × topics, rows summing to 1)."""
    alpha = FILING_SMOOTHING * (float(x.data.mean()) if x.nnz else 1.0)
    resp = start
    filing = Filing(np.zeros(start.shape[1]), np.zeros((start.shape[1], x.shape[1])))
    for _ in range(iterations):
        prior = resp.sum(axis=0) + 1e-9
        mass = np.asarray((x.T @ resp).T) + alpha
        filing = Filing(np.log(prior / prior.sum()), np.log(mass / mass.sum(axis=1, keepdims=True)))
        resp = filing.posterior(x)
    return filing


@dataclass
class TopicModel:
    """The fitted two-level model: what scores documents (rows of the TF-IDF matrix over ``vocabulary``).

    Attributes:
        vocabulary: the terms (columns).
        idf: the idf the TF-IDF matrix was weighted with.
        unit_rows: whether documents are scaled to unit length (paragraphs).
        coarse: the coarse NMF.
        filing: the mixture filing documents under coarse topics (None: NMF weights).
        fine: one NMF per coarse topic, in coarse topic order.
    """

    vocabulary: np.ndarray
    idf: np.ndarray
    unit_rows: bool
    coarse: LevelModel
    filing: Filing | None
    fine: list[LevelModel]

    @property
    def parents(self) -> np.ndarray:
        """The coarse topic of each fine topic (fine topics are numbered parent by parent)."""
        return np.repeat(np.arange(len(self.fine)), [m.nmf.n_components for m in self.fine])

    # compatibility with code written for a one-level model (``model.transform``/``components_``)
    @property
    def components_(self) -> np.ndarray:
        return self.coarse.nmf.components

    def transform(self, x: sp.spmatrix) -> np.ndarray:
        return self.coarse.nmf.transform(x)

    def score(self, x: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        """Coarse and fine weights of documents (rows of the TF-IDF matrix over ``vocabulary``): documents ×
        topics, each row summing to 1 (0 for a document without terms)."""
        coarse = self.file(x, _shares(self.coarse.weights(x)))
        return coarse, self.fine_shares(x, coarse)

    def file(self, x: sp.csr_matrix, shares: np.ndarray) -> np.ndarray:
        """Coarse weights from the NMF shares: the filing posterior, where there is a filing."""
        if self.filing is None:
            return shares
        coarse = self.filing.posterior(x)
        coarse[shares.sum(axis=1) == 0] = 0.0
        return coarse

    def fine_shares(self, x: sp.csr_matrix, coarse: np.ndarray, fitted: FineFits | None = None) -> np.ndarray:
        """P(coarse) × P(fine | coarse) for every document, fine topics numbered parent by parent.

        ``fitted`` maps a coarse topic to the rows its fine NMF was fitted on and the W it returned (those
        rows keep their fitted weights; the others are transformed)."""
        blocks = []
        for g, level in enumerate(self.fine):
            block = np.zeros((x.shape[0], level.nmf.n_components))
            rows = np.flatnonzero(coarse[:, g] >= WEIGHT_FLOOR)
            if fitted is not None and g in fitted:
                fit_rows, w_fit = fitted[g]
                block[fit_rows] = _shares(level.weights(x[fit_rows], w_fit))
                rows = np.setdiff1d(rows, fit_rows)
            if len(rows):
                block[rows] = _shares(level.weights(x[rows]))
            blocks.append(block * coarse[:, [g]])
        return np.hstack(blocks) if blocks else np.zeros((x.shape[0], 0))


FineFits = dict[int, tuple[np.ndarray, np.ndarray]]


@dataclass
class FineOptions:
    """How the fine level is fitted: the number per coarse topic (None: chosen, 1…``max_fine``)."""

    n_fine: int | None = None
    max_fine: int = 10
    seed: int = 0
    max_iter: int = 200


def fit_coarse(
    tm: TopicMatrix, *, n_topics: int | None = None, seed: int = 0, max_topics: int = 20, max_iter: int = 200
) -> tuple[TopicModel, np.ndarray, pd.DataFrame]:
    """Steps 1–2: the model (no fine topics yet), every document's coarse weights, how k was chosen."""
    x, fit_rows = tm.x, tm.fit_rows
    x_fit = x[fit_rows]
    restarts = RESTARTS if len(fit_rows) < RESTART_BELOW else 1
    selection = pd.DataFrame(columns=SELECTION_COLUMNS)
    if n_topics is None:
        n_topics, selection = _choose(x_fit, tm.counts[fit_rows], max_topics, seed=seed, restarts=restarts)
    nmf, w_fit = fit_nmf(x_fit, n_topics, seed=seed, max_iter=max_iter, restarts=restarts)
    coarse_level = LevelModel(nmf, np.arange(x.shape[1]), None, tm.unit_rows)
    w = np.zeros((x.shape[0], n_topics))
    w[fit_rows] = w_fit
    rest = np.setdiff1d(np.arange(x.shape[0]), fit_rows)
    if len(rest):  # duplicates and empty documents: scored by the fitted model
        w[rest] = nmf.transform(x[rest])
    w = w * coarse_level.norms[None, :]
    # topics numbered by total weight, largest first
    coarse_level.order = np.lexsort((np.arange(n_topics), -w.sum(axis=0).round(9)))
    shares = _shares(w[:, coarse_level.order])
    # articles are filed under one desk; a paragraph is too short to weigh as a whole story
    filing = fit_filing(x_fit, shares[fit_rows]) if FILING and not tm.unit_rows else None
    model = TopicModel(tm.vocabulary, tm.idf, tm.unit_rows, coarse_level, filing, [])
    return model, model.file(x, shares), selection


def fit_fine(
    tm: TopicMatrix, model: TopicModel, coarse: np.ndarray, options: FineOptions
) -> tuple[np.ndarray, pd.DataFrame]:
    """Steps 3–4: fit the fine NMF of each coarse topic into ``model.fine``; every document's fine weights
    and how each number was chosen (``parent_id``: the coarse topic)."""
    # a document without terms of the vocabulary has no coarse weight and is filed under no topic
    fit_rows = tm.fit_rows[coarse[tm.fit_rows].sum(axis=1) > 0]
    filed = coarse[fit_rows].argmax(axis=1)
    fitted: FineFits = {}
    tables = []
    model.fine = []
    for g in range(coarse.shape[1]):
        rows = fit_rows[filed == g]
        level, w_g, table = _fit_fine(tm, rows, options)
        model.fine.append(level)
        if len(rows):  # else fitted on every document (see _fit_fine); the weights come from transform
            fitted[g] = (rows, w_g)
        tables.append(table.assign(parent_id=g))
    fine = model.fine_shares(tm.x, coarse, fitted)
    return fine, pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()


def _choose(
    x_fit: sp.csr_matrix, counts: sp.csr_matrix, largest: int, *, seed: int, restarts: int
) -> tuple[int, pd.DataFrame]:
    """The coarse number of topics: 2 at least (one topic is no model), chosen by coherence."""
    candidates = candidate_ks(x_fit.shape[0], x_fit.shape[1], largest)
    if len(candidates) <= 1:
        return min(2, x_fit.shape[0], x_fit.shape[1]), pd.DataFrame(columns=SELECTION_COLUMNS)
    binary = counts.copy()
    binary.data[:] = 1.0
    return choose_k(x_fit, binary, candidates, seed=seed, restarts=restarts)


def _fit_fine(tm: TopicMatrix, rows: np.ndarray, options: FineOptions) -> tuple[LevelModel, np.ndarray, pd.DataFrame]:
    """The fine NMF of one coarse topic, fitted on the documents filed under it (``rows``)."""
    if len(rows) == 0:  # a coarse topic no document is filed under: one fine topic, itself
        rows = tm.fit_rows
    counts = tm.counts[rows]
    df = np.diff(counts.tocsc().indptr)
    columns = np.flatnonzero(df >= (2 if len(rows) >= FINE_MIN_DOCS else 1))
    if len(columns) == 0:
        columns = np.flatnonzero(df >= 1)
    # document frequencies among the desk's own documents
    local_idf = np.log((1.0 + len(rows)) / (1.0 + df[columns])) + 1.0
    level = LevelModel(KLNMF(1), columns, local_idf / tm.idf[columns], tm.unit_rows)
    x_g = level.inputs(tm.x[rows])
    restarts = RESTARTS if len(rows) < RESTART_BELOW else 1
    table = pd.DataFrame(columns=SELECTION_COLUMNS)
    k = 1 if len(rows) < FINE_MIN_DOCS else options.n_fine
    if k is None:
        candidates = candidate_ks(len(rows), len(columns), options.max_fine, smallest=1)
        binary = counts[:, columns].copy()
        binary.data[:] = 1.0
        k, table = choose_k(x_g, binary, candidates, seed=options.seed, restarts=restarts, sample=FINE_SELECTION_SAMPLE)
    k = max(1, min(int(k), len(rows), len(columns)))
    level.nmf, w_g = fit_nmf(x_g, k, seed=options.seed, max_iter=options.max_iter, restarts=restarts)
    weights = w_g * level.norms[None, :]
    level.order = np.lexsort((np.arange(k), -weights.sum(axis=0).round(9)))
    return level, w_g, table


def _shares(w: np.ndarray) -> np.ndarray:
    totals = w.sum(axis=1, keepdims=True)
    return np.divide(w, totals, out=np.zeros_like(w), where=totals > 0)
