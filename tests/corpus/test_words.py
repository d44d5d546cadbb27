"""The word index finds exactly the articles the plain scan of the tokens finds (``match_spans``), in memory
and over a dataset: words, phrases of several words, prefixes, any case, punctuation, curly quotes."""

from __future__ import annotations

import pandas as pd
import pytest

import workbench as wb
from tests.scale.test_corpus import mixed_dataset
from workbench import dataset as duck
from workbench.analysis.kwic import match_spans
from workbench.analysis.vectors import frames_from_texts
from workbench.corpus.words import WordIndex, dataset_word_index
from workbench.errors import WorkbenchError

TEXTS = {
    "a": "Talks resumed in Istanbul. The Istanbul talks, he said, failed. Pakistan's envoy left.",
    "b": "PAKISTAN’S envoys met the Afghan Taliban; talks in Istanbul ended. Oil prices rose.",
    "c": "Oil. Prices fell in Istanbul — talks? No talks. U.S. Treasury bills, crude oil prices.",
    "d": "Negotiators negotiated; the negotiation of oil-prices. Istanbul",
}
QUERIES = [
    "istanbul",
    "Istanbul talks",
    "talks in Istanbul",
    "TALKS IN ISTANBUL",
    "pakistan's",
    "Pakistan’s envoy",
    "oil prices",
    "crude oil prices",
    "u.s. treasury",
    "negotiat*",
    "oil-prices",
    "talks ?",
    ", he said ,",
    "istanbul talks failed",
    "prices",
    "nowhere",
    "Istanbul . The",
    ["oil prices", "negotiat*"],
    ["nowhere", "envoy"],
]


def _scan(tokens: pd.DataFrame, query: object) -> set[str]:
    return set(match_spans(tokens, query)["article_id"].astype(str))  # type: ignore[arg-type]


def test_index_equals_the_scan_of_the_tokens() -> None:
    _, _, tokens = frames_from_texts(TEXTS)
    index = WordIndex.from_tokens(tokens)
    stored = WordIndex.from_frames(*(index.frames()[p] for p in ("vocab", "postings", "ids")))
    for query in QUERIES:
        expected = _scan(tokens, query)
        assert index.article_ids(query) == expected, query
        assert stored.article_ids(query) == expected, query
    assert index.article_ids("talks in Istanbul") == {"b"}  # a phrase, not its words anywhere
    with pytest.raises(WorkbenchError, match="empty query"):
        index.article_ids("   ")


def test_memory_selection_uses_the_index_and_keeps_its_rows(seeds_dir) -> None:
    corpus = wb.load(seeds_dir)
    for query in ("talks in Istanbul", "Afghan Taliban", "pakistan’s", "negotiat*", "nowhere at all"):
        expected = _scan(corpus.tokens, query)
        chosen = corpus.select(words=query)
        assert set(chosen.catalog["article_id"].astype(str)) == expected == chosen.article_ids()
        assert set(chosen.tokens["article_id"].astype(str)) <= expected
        assert len(chosen.tokens) == corpus.tokens["article_id"].astype(str).isin(expected).sum()


def test_dataset_selection_equals_the_scan(tmp_path_factory) -> None:
    src, out = mixed_dataset(tmp_path_factory)
    opened = wb.open(out)
    loaded = wb.load(src)
    index = dataset_word_index(opened.backend.dataset)
    assert index is not None and (out / "_index" / "words.json").exists()
    words = [w for w in pd.Series(loaded.tokens["norm"]).value_counts().index[:12] if any(c.isalnum() for c in w)]
    pairs = loaded.tokens.sort_values(["article_id", "token_id"])["norm"].tolist()
    queries = [*words[:6], f"{pairs[0]} {pairs[1]}", f"{pairs[2]} {pairs[3]} {pairs[4]}", words[0].upper() + "*"]
    for query in queries:
        plain = duck.select(opened.backend.dataset, words=query).article_ids() or []
        got = opened.select(words=query)
        assert got.article_ids() == set(plain) == _scan(loaded.tokens, query), query
        assert set(got.catalog["article_id"].astype(str)) == set(plain)
