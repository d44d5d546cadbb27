"""Collocations (NLTK finders) and collocates of a word."""

from __future__ import annotations

import pytest

from workbench.analysis.collocations import collocates, collocations
from workbench.analysis.vectors import WorkbenchError, frames_from_texts

TEXT = (
    "The Afghan Taliban met Pakistan. Afghan Taliban envoys agreed to a ceasefire. "
    "The Afghan Taliban said the ceasefire holds. Talks in Istanbul. Talks in Doha."
)


@pytest.fixture(scope="module")
def tokens():
    return frames_from_texts({"a": TEXT})[2]


@pytest.mark.parametrize("measure", ["likelihood_ratio", "pmi"])
def test_pairs(tokens, measure):
    out = collocations(tokens, measure=measure, min_freq=2)
    assert out.iloc[0]["term"] == "afghan taliban" and out.iloc[0]["freq"] == 3
    assert "talks istanbul" not in out["term"].tolist()  # stopwords break pairs


def test_triples_and_collocates(tokens):
    assert collocations(tokens, size=3, min_freq=1)["term"].str.contains("afghan taliban").any()
    near = collocates(tokens, "ceasefire", window=4, min_freq=1)
    assert set(near["collocate"]) >= {"agreed", "holds"}


def test_bad_options(tokens):
    with pytest.raises(WorkbenchError, match="measure"):
        collocations(tokens, measure="dice")
    with pytest.raises(WorkbenchError, match="one word"):
        collocates(tokens, "afghan taliban")
