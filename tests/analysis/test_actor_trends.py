"""Actor trends: periods, measures, referred dates."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.analysis.actor_trends import actor_trends

ARTICLES = pd.DataFrame(
    {
        "article_id": ["a", "b", "c"],
        "published": pd.to_datetime(["2025-11-03", "2025-11-05", "2025-11-12"]),
        "duplicate_of": [None, "a", None],
    }
)
MENTIONS = pd.DataFrame(
    {
        "article_id": ["a", "a", "b", "c", "c"],
        "sentence_id": [0, 1, 0, 0, 1],
        "actor_id": ["pk", "pk", "pk", "pk", "af"],
        "actor": ["Pakistan", "Pakistan", "Pakistan", "Pakistan", "Afghanistan"],
    }
)


@pytest.mark.parametrize(
    ("measure", "expected"),
    [("mentions", [3, 1]), ("articles", [2, 1]), ("stories", [1, 1]), ("share", [1.0, 0.5])],
)
def test_measures(measure: str, expected: list[float]) -> None:
    out = actor_trends(MENTIONS, ARTICLES, None, actors=["Pakistan"], measure=measure)
    assert list(out.columns) == ["period", "actor_id", "actor", "value"]
    assert list(out["period"]) == list(pd.to_datetime(["2025-11-03", "2025-11-10"]))
    assert list(out["value"]) == expected


def test_referred_dates_and_zero_filled_periods() -> None:
    timexes = pd.DataFrame({"article_id": ["c"], "sentence_id": [1], "date": pd.to_datetime(["2025-10-25"])})
    out = actor_trends(MENTIONS, ARTICLES, timexes, actors="af", date="referred", freq="W")
    assert out.set_index("period").loc[pd.Timestamp("2025-10-20"), "value"] == 1
    assert out.set_index("period").loc[pd.Timestamp("2025-11-10"), "value"] == 0


def test_default_top_actors_and_unknown_actor() -> None:
    assert set(actor_trends(MENTIONS, ARTICLES, None, freq="M")["actor_id"]) == {"pk", "af"}
    with pytest.raises(KeyError, match="no actor"):
        actor_trends(MENTIONS, ARTICLES, None, actors=["Nobody"])


def test_actors_by_id_by_name_and_in_any_case_give_the_same_trends() -> None:
    by_id = actor_trends(MENTIONS, ARTICLES, None, actors=["pk", "af"])
    for names in (["Pakistan", "Afghanistan"], ["pakistan", "AFGHANISTAN"], ["pk", "Afghanistan"]):
        pd.testing.assert_frame_equal(actor_trends(MENTIONS, ARTICLES, None, actors=names), by_id)
