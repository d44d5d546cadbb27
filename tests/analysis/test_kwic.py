"""KWIC: word and phrase queries on norms, window in words, sorting, spans."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from workbench.analysis.kwic import kwic, kwic_spans
from workbench.analysis.vectors import WorkbenchError, frames_from_texts

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_911338bfee1af513.txt"


@pytest.fixture(scope="module")
def seed():
    body = SEED.read_text(encoding="utf-8").strip().split("\n", 1)[1].strip().removeprefix("ISLAMABAD: ")
    return frames_from_texts({"seed": body[: body.index("LEAVE A REPLY")].strip()})


def test_istanbul_four_times_in_body(seed):
    articles, _, tokens = seed
    out = kwic(articles, tokens, "Istanbul")
    assert len(out) == 4
    text = articles.loc[0, "text"]
    assert all(text[s:e] == "Istanbul" for s, e in zip(out["start"], out["end"], strict=True))
    assert out.loc[0, "left"] == "confirmed that Pakistan’s delegation had departed for"
    assert out.loc[0, "right"].startswith("to participate in fresh talks")
    assert out.loc[3, "left"].endswith("to resume talks in")
    assert out["sentence_id"].is_monotonic_increasing


def test_phrase_case_and_quotes(seed):
    articles, _, tokens = seed
    assert len(kwic(articles, tokens, "constitutional AMENDMENT")) == 1
    assert len(kwic(articles, tokens, "Pakistan's")) == len(kwic(articles, tokens, "Pakistan’s")) == 2
    assert len(kwic(articles, tokens, "negotiat*")) == 3  # negotiators, negotiations ×2


def test_window_counts_words_not_punctuation():
    articles, _, tokens = frames_from_texts({"a": "One, two, three: four five six."})
    row = kwic(articles, tokens, "four", window=2).iloc[0]
    assert row["left"] == "two, three:" and row["right"] == "five six"


def test_sort_by_right_context():
    articles, _, tokens = frames_from_texts({"a": "talks zebra. talks alpha. talks mango."})
    assert kwic(articles, tokens, "talks", window=1, sort="right")["right_key"].tolist() == [
        "alpha",
        "mango",
        "zebra",
    ]
    assert kwic(articles, tokens, "talks", window=1)["right_key"].tolist() == ["zebra", "alpha", "mango"]


def test_kwic_spans_keeps_extra_columns():
    articles, _, tokens = frames_from_texts({"a": "Defence Minister Khawaja Asif said talks would resume."})
    spans = pd.DataFrame({"article_id": ["a"], "start": [17], "end": [29], "actor": ["Khawaja Asif"]})
    row = kwic_spans(articles, tokens, spans, window=2).iloc[0]
    assert (row["left"], row["match"], row["right"], row["actor"]) == (
        "Defence Minister",
        "Khawaja Asif",
        "said talks",
        "Khawaja Asif",
    )


def test_empty_query_is_explained():
    articles, _, tokens = frames_from_texts({"a": "Talks."})
    with pytest.raises(WorkbenchError, match="empty query"):
        kwic(articles, tokens, "  ")
