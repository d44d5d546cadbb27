"""Non-negative matrix factorisation with the Kullback-Leibler divergence, for sparse TF-IDF matrices.

The algorithm is scikit-learn's ``NMF(solver="mu", beta_loss="kullback-leibler")``: Lee & Seung's
multiplicative updates (2001) from an NNDSVD-A start (Boutsidis & Gallopoulos 2008, SVD by scikit-learn's
``randomized_svd``), stopping when the divergence improves by less than ``tol`` (relative to the start) over
10 iterations. This version works in float32 and evaluates ``W @ H`` only at the matrix's non-zeros, one topic
at a time, which makes it 2-4× faster on a Reuters-sized matrix (19,000 × 20,000, 1.1 million non-zeros);
the results agree with scikit-learn's (``tests/topics/test_nmf.py``). The same input and seed give
the same factors.

KL-NMF on term counts is the same model as probabilistic latent semantic analysis (Gaussier & Goutte 2005),
which LDA puts priors on; on the TF-IDF weighted counts of news articles it finds subject topics where the
least-squares NMF splits a frequent class into its writing templates.

>>> import numpy as np, scipy.sparse as sp
>>> x = sp.csr_matrix(np.array([[3, 2, 0, 0], [2, 3, 0, 0], [0, 0, 4, 1], [0, 1, 3, 2]], dtype=float))
>>> model = KLNMF(2, random_state=0).fit(x)
>>> model.transform(x).argmax(axis=1).tolist()
[1, 1, 0, 0]
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.utils.extmath import randomized_svd

from workbench.errors import WorkbenchError

__all__ = ["KLNMF"]

EPS = 1e-10
CHECK_EVERY = 10


class KLNMF:
    """KL-divergence NMF: ``X ≈ W @ H`` with ``W`` documents × topics, ``H`` (``components_``) topics × terms.

    Attributes (after ``fit``): ``components_``, ``reconstruction_err_`` (generalised KL divergence),
    ``n_iter_``.
    """

    def __init__(
        self,
        n_components: int,
        *,
        init: str = "nndsvda",
        max_iter: int = 200,
        tol: float = 1e-4,
        random_state: int = 0,
    ) -> None:
        if init not in ("nndsvda", "random"):
            raise WorkbenchError(f"init must be 'nndsvda' or 'random', not {init!r}")
        self.n_components = int(n_components)
        self.init = init
        self.max_iter = int(max_iter)
        self.tol = float(tol)
        self.random_state = int(random_state)
        self.components_: np.ndarray | None = None
        self.reconstruction_err_ = np.inf
        self.n_iter_ = 0

    @property
    def components(self) -> np.ndarray:
        """``components_`` of a fitted model (topics × terms)."""
        if self.components_ is None:
            raise WorkbenchError("fit the model first")
        return self.components_

    def fit(self, x: sp.spmatrix) -> KLNMF:
        self.fit_transform(x)
        return self

    def fit_transform(self, x: sp.spmatrix) -> np.ndarray:
        x = _as_csr32(x)
        w, h = self._start(x)
        w, h, err, n_iter = _updates(x, w, h, self.max_iter, self.tol, update_h=True)
        self.components_, self.reconstruction_err_, self.n_iter_ = h.astype(np.float64), err, n_iter
        return w.astype(np.float64)

    def transform(self, x: sp.spmatrix) -> np.ndarray:
        """Weights of new documents for the fitted topics (``H`` held fixed)."""
        x = _as_csr32(x)
        h = self.components.astype(np.float32)
        avg = np.sqrt(max(float(x.sum()) / max(x.shape[0] * x.shape[1], 1), EPS) / self.n_components)
        w = np.full((x.shape[0], self.n_components), avg, dtype=np.float32)
        w, _, _, _ = _updates(x, w, h, self.max_iter, self.tol, update_h=False)
        return w.astype(np.float64)

    def _start(self, x: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        k = self.n_components
        avg = float(np.sqrt(max(float(x.sum()) / (x.shape[0] * x.shape[1]), EPS) / k))
        if self.init == "random":
            rng = np.random.default_rng(self.random_state)
            w = avg * np.abs(rng.standard_normal((x.shape[0], k)))
            h = avg * np.abs(rng.standard_normal((k, x.shape[1])))
            return w.astype(np.float32), h.astype(np.float32)
        return _nndsvda(x.astype(np.float64), k, float(x.sum()) / (x.shape[0] * x.shape[1]), self.random_state)


def _as_csr32(x: sp.spmatrix) -> sp.csr_matrix:
    x = sp.csr_matrix(x, dtype=np.float32)
    x.sum_duplicates()
    x.eliminate_zeros()
    x.sort_indices()
    return x


def _nndsvda(x: sp.csr_matrix, k: int, avg: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """NNDSVD with zeros filled by the mean (scikit-learn's ``init="nndsvda"``)."""
    u, s, vt = randomized_svd(x, k, random_state=seed)
    w = np.zeros((x.shape[0], k))
    h = np.zeros((k, x.shape[1]))
    w[:, 0] = np.sqrt(s[0]) * np.abs(u[:, 0])
    h[0] = np.sqrt(s[0]) * np.abs(vt[0])
    for j in range(1, k):
        a, b = u[:, j], vt[j]
        ap, an = np.maximum(a, 0), np.maximum(-a, 0)
        bp, bn = np.maximum(b, 0), np.maximum(-b, 0)
        pos = np.linalg.norm(ap) * np.linalg.norm(bp)
        neg = np.linalg.norm(an) * np.linalg.norm(bn)
        if pos > neg:
            uu, vv, sigma = ap / max(np.linalg.norm(ap), EPS), bp / max(np.linalg.norm(bp), EPS), pos
        else:
            uu, vv, sigma = an / max(np.linalg.norm(an), EPS), bn / max(np.linalg.norm(bn), EPS), neg
        lbd = np.sqrt(s[j] * sigma)
        w[:, j] = lbd * uu
        h[j] = lbd * vv
    w[w < 1e-6] = avg
    h[h < 1e-6] = avg
    return w.astype(np.float32), h.astype(np.float32)


def _updates(
    x: sp.csr_matrix, w: np.ndarray, h: np.ndarray, max_iter: int, tol: float, *, update_h: bool
) -> tuple[np.ndarray, np.ndarray, float, int]:
    rows = np.repeat(np.arange(x.shape[0], dtype=np.int32), np.diff(x.indptr))
    cols = x.indices
    wt = np.ascontiguousarray(w.T, dtype=np.float32)
    h = np.ascontiguousarray(h, dtype=np.float32)
    buffers = tuple(np.empty(x.nnz, dtype=np.float32) for _ in range(3))
    ratio = x.copy()
    x_total = float(x.data.astype(np.float64).sum())
    x_log = x.data.astype(np.float64)
    first = previous = np.inf
    err, n_iter = np.inf, 0
    for n_iter in range(1, max_iter + 1):
        wh = _wh_at(rows, cols, wt, h, buffers)
        if (n_iter - 1) % CHECK_EVERY == 0:
            err = _divergence(x_log, wh, x_total, wt, h)
            if np.isinf(first):
                first = err
            elif (previous - err) / max(first, EPS) < tol:
                break
            previous = err
        ratio.data = x.data / np.maximum(wh, EPS)
        wt *= (ratio @ h.T).T / np.maximum(h.sum(axis=1), EPS)[:, None]
        if update_h:
            ratio.data = x.data / np.maximum(_wh_at(rows, cols, wt, h, buffers), EPS)
            h *= (ratio.T @ wt.T).T / np.maximum(wt.sum(axis=1), EPS)[:, None]
    err = _divergence(x_log, _wh_at(rows, cols, wt, h, buffers), x_total, wt, h)
    return wt.T.copy(), h, err, n_iter


def _wh_at(
    rows: np.ndarray, cols: np.ndarray, wt: np.ndarray, h: np.ndarray, buffers: tuple[np.ndarray, ...]
) -> np.ndarray:
    """``(W @ H)[rows, cols]`` at the non-zeros only, one topic at a time (small arrays stay in cache)."""
    out, tmp, tmp2 = buffers
    out[:] = 0.0
    for k in range(wt.shape[0]):
        np.take(wt[k], rows, out=tmp)
        np.take(h[k], cols, out=tmp2)
        tmp *= tmp2
        out += tmp
    return out


def _divergence(x: np.ndarray, wh: np.ndarray, x_total: float, wt: np.ndarray, h: np.ndarray) -> float:
    """Generalised KL divergence: sum x log(x / wh) - sum x + sum wh."""
    wh64 = np.maximum(wh.astype(np.float64), EPS)
    total_wh = float(wt.astype(np.float64).sum(axis=1) @ h.astype(np.float64).sum(axis=1))
    return float(np.sum(x * np.log(x / wh64)) - x_total + total_wh)
