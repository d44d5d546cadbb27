"""KL-divergence NMF: agrees with scikit-learn's updates, deterministic, transforms new rows."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.decomposition import NMF

from workbench.topics.nmf import KLNMF


@pytest.fixture(scope="module")
def matrix():
    return sp.random(120, 200, density=0.08, format="csr", random_state=1) * 5


@pytest.mark.parametrize("iterations", [1, 10, 30])
def test_same_factors_as_scikit_learn(matrix, iterations):
    ours = KLNMF(4, max_iter=iterations, tol=0, random_state=0).fit(matrix)
    theirs = NMF(
        4,
        init="nndsvda",
        solver="mu",
        beta_loss="kullback-leibler",
        max_iter=iterations,
        tol=0,
        random_state=0,
    ).fit(matrix)
    assert ours.reconstruction_err_ == pytest.approx(theirs.reconstruction_err_**2 / 2, rel=1e-5)
    np.testing.assert_allclose(ours.components_, theirs.components_, atol=1e-4)


def test_same_input_same_factors(matrix):
    one = KLNMF(3, random_state=0, init="random").fit_transform(matrix)
    two = KLNMF(3, random_state=0, init="random").fit_transform(matrix)
    np.testing.assert_array_equal(one, two)


def test_stops_when_the_divergence_settles(matrix):
    model = KLNMF(3, max_iter=500, tol=1e-3).fit(matrix)
    assert model.n_iter_ < 500


def test_transform_recovers_the_blocks():
    x = sp.csr_matrix(np.array([[3, 2, 0, 0], [2, 3, 0, 0], [0, 0, 4, 1], [0, 1, 3, 2]], dtype=float))
    model = KLNMF(2).fit(x)
    new = sp.csr_matrix(np.array([[5, 4, 0, 0], [0, 0, 3, 3]], dtype=float))
    labels = model.transform(new).argmax(axis=1)
    assert labels[0] == model.transform(x).argmax(axis=1)[0] and labels[0] != labels[1]
    with pytest.raises(ValueError, match="init"):
        KLNMF(2, init="svd")
