"""Co-occurrence of actors per sentence and per article."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.analysis.cooccurrence import cooccurrence

M = pd.DataFrame(
    {
        "article_id": ["a", "a", "a", "a", "b", "b"],
        "sentence_id": [0, 0, 0, 1, 0, 1],
        "actor_id": ["pk", "af", "pk", "qa", "pk", "af"],
        "actor": ["Pakistan", "Afghanistan", "Pakistan", "Qatar", "Pakistan", "Afghanistan"],
    }
)


def test_sentence_level_counts_each_sentence_once() -> None:
    out = cooccurrence(M, level="sentence")
    assert out[["actor_a", "actor_b", "count", "articles"]].to_dict("records") == [
        {"actor_a": "Afghanistan", "actor_b": "Pakistan", "count": 1, "articles": 1}
    ]


def test_article_level() -> None:
    out = cooccurrence(M, level="article").set_index(["actor_a", "actor_b"])
    assert out.loc[("Afghanistan", "Pakistan"), "count"] == 2
    assert out.loc[("Afghanistan", "Pakistan"), "articles"] == 2
    assert out.loc[("Pakistan", "Qatar"), "count"] == 1


def test_bad_level_and_empty() -> None:
    with pytest.raises(ValueError, match="level"):
        cooccurrence(M, level="paragraph")
    assert list(cooccurrence(M.iloc[:0]).columns[:4]) == ["actor_a", "actor_b", "count", "articles"]
