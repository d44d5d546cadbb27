"""Keywords: TF-IDF and log-likelihood keyness, slices, multi-word terms, clear errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from workbench.analysis.keywords import keywords, loglik
from workbench.analysis.vectors import WorkbenchError, frames_from_texts

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_911338bfee1af513.txt"


def seed_frames():
    """The seed's body as the loader gives it: no headline, no dateline, no trailing web furniture."""
    body = SEED.read_text(encoding="utf-8").strip().split("\n", 1)[1].strip().removeprefix("ISLAMABAD: ")
    return frames_from_texts({"seed": body[: body.index("LEAVE A REPLY")].strip()}, published={"seed": "2025-11-05"})


@pytest.fixture(scope="module")
def seed():
    return seed_frames()


def test_seed_keywords_include_ceasefire_and_talks(seed):
    articles, _, tokens = seed
    terms = keywords(articles, tokens, n=20)["term"].tolist()
    assert {"ceasefire", "talks"} <= set(terms)
    assert any(" " in t for t in terms), "multi-word terms are included"


def test_seed_ceasefire_and_talks_do_not_hang_on_the_tie_break(seed):
    """On one article, idf comes from the reference list: both words score above the 21st keyword."""
    articles, _, tokens = seed
    out = keywords(articles, tokens, n=40)
    score = dict(zip(out["term"], out["score"], strict=True))
    twenty_first = out["score"].iloc[20]
    assert score["ceasefire"] > twenty_first and score["talks"] > twenty_first


def test_idf_source_is_chosen_and_checked(seed):
    articles, _, tokens = seed
    corpus = keywords(articles, tokens, n=5, idf="corpus")
    assert corpus["term"].tolist()[:1] == ["pakistan"]
    with pytest.raises(WorkbenchError, match="idf must be"):
        keywords(articles, tokens, idf="bm25")


def test_no_stopwords_numbers_or_punctuation(seed):
    articles, _, tokens = seed
    terms = keywords(articles, tokens, n=200)["term"]
    words = {w for t in terms for w in t.split()}
    assert not words & {"the", "and", "of", "25", "27th", ",", "."}


def test_loglik_slice_against_rest():
    texts = {
        "a": "Ceasefire talks in Istanbul. The ceasefire holds.",
        "b": "Oil prices rose. Oil output fell.",
        "c": "Oil and gas prices.",
    }
    articles, sentences, tokens = frames_from_texts(texts)
    out = keywords(articles, tokens, subset=["a"], method="loglik", n=3)
    assert out["slice"].eq("subset").all() and out.iloc[0]["term"] == "ceasefire"
    # a slice of sentences (e.g. an actor's sentences)
    rows = sentences[(sentences["article_id"] == "b") & (sentences["sentence_id"] == 0)]
    assert "prices rose" in keywords(articles, tokens, subset=rows, method="loglik")["term"].tolist()
    # groups by a mapping
    by = keywords(articles, tokens, by={"a": "talks", "b": "oil", "c": "oil"}, method="loglik", n=1)
    assert dict(zip(by["slice"], by["term"], strict=True)) == {"oil": "oil", "talks": "ceasefire"}


def test_loglik_known_value():
    assert loglik(pd.Series([10.0]).to_numpy(), pd.Series([10.0]).to_numpy(), 100, 1000)[0] == pytest.approx(
        22.14, abs=0.01
    )


def test_paragraph_keywords(seed):
    articles, sentences, tokens = seed
    out = keywords(articles, tokens, by="paragraph", sentences=sentences, method="loglik", n=3)
    assert "amendment" in out[out["paragraph_id"] == 7]["term"].tolist()


@pytest.mark.parametrize(
    "texts, options, message",
    [
        ({}, {}, "empty"),
        ({"a": "the of and"}, {}, "no content words"),
        ({"a": "Ceasefire talks."}, {"method": "loglik"}, "nothing is left"),
        ({"a": "Ceasefire talks."}, {"method": "bm25"}, "method"),
    ],
)
def test_bad_input_is_explained(texts, options, message):
    articles, _, tokens = frames_from_texts(texts) if texts else (pd.DataFrame(), None, pd.DataFrame())
    with pytest.raises(WorkbenchError, match=message):
        keywords(articles, tokens, **options)
