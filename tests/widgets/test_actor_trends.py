"""The actor-trends explorer, driven from code: the plotted data and the KWIC rows follow the controls."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import workbench as wb
from workbench.widgets import actor_trends


@pytest.fixture(scope="module")
def seed() -> wb.Corpus:
    return wb.load(Path(__file__).resolve().parents[2] / "seeds")


def test_starts_with_the_top_actors(seed: wb.Corpus) -> None:
    explorer = actor_trends(seed)
    assert set(explorer.data["actor"]) == {"Pakistan", "Afghanistan", "Afghan Taliban"}
    assert explorer.data.loc[explorer.data["actor"] == "Pakistan", "value"].sum() == 14
    assert explorer.plot.format == "svg+xml" and bytes(explorer.plot.value).startswith(
        b"<?xml"
    )  # crisp at any pixel ratio
    assert 'data-actors="pakistan,afghanistan,afghan-taliban"' in explorer.summary.value


def test_selecting_another_actor_changes_plot_data_and_kwic(seed: wb.Corpus) -> None:
    explorer = actor_trends(seed)
    before = bytes(explorer.plot.value)
    explorer.actors.value = ("qatar",)
    assert explorer.data["actor"].unique().tolist() == ["Qatar"]
    assert bytes(explorer.plot.value) != before
    assert len(explorer.kwic_rows) == 4 and set(explorer.kwic_rows["actor_id"]) == {"qatar"}
    assert set(explorer.kwic_rows["match"]) <= {"Qatar", "Doha"}
    assert explorer.kwic.value.count('data-actor-id="qatar"') == 4
    assert "Turkiye and <" not in explorer.kwic.value  # context is escaped text


@pytest.mark.parametrize(
    ("measure", "check"),
    [
        ("share", lambda v: 0 < v.max() <= 1),
        ("articles", lambda v: v.max() == 1),
        ("stories", lambda v: v.max() == 1),
    ],
)
def test_measures(seed: wb.Corpus, measure: str, check) -> None:
    explorer = actor_trends(seed)
    explorer.measure.value = measure
    assert check(explorer.data["value"]) and 'data-measure="' + measure in explorer.summary.value


def test_referred_dates_spread_mentions_over_the_weeks_talked_about(seed: wb.Corpus) -> None:
    explorer = actor_trends(seed)
    explorer.actors.value = ("pakistan",)
    published = explorer.data.query("value > 0")["period"].nunique()
    explorer.date.value = "referred"
    assert explorer.data.query("value > 0")["period"].nunique() > published
    explorer.freq.value = "M"
    assert explorer.data["period"].dt.day.eq(1).all()


def test_no_actor_chosen_shows_empty_notes(seed: wb.Corpus) -> None:
    explorer = actor_trends(seed)
    explorer.actors.value = ()
    assert explorer.data.empty and explorer.kwic_rows.empty
    assert "No mentions of the selected actors" in explorer.kwic.value


def test_choosing_a_period_lists_that_periods_sentences(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Talks\n\nDOHA: Qatar hosted the talks. Pakistan attended.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("More talks\n\nQatar and Turkiye mediated again.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,published\na.txt,2025-10-19\nb.txt,2025-11-02\n", encoding="utf-8")
    explorer = actor_trends(wb.load(tmp_path))
    explorer.actors.value = ("qatar",)
    assert len(explorer.kwic_rows) == 2
    labels = [label for label, _value in explorer.period.options]
    assert labels == ["all periods", "2025-10-13 (1)", "2025-10-27 (1)"]  # weeks start on Monday
    explorer.period.value = explorer.period.options[2][1]
    assert len(explorer.kwic_rows) == 1
    assert "mediated" in explorer.kwic.value and "hosted" not in explorer.kwic.value
    explorer.date.value = "referred"
    assert explorer.period.disabled and len(explorer.kwic_rows) == 2


def test_every_period_is_ready_at_the_start_and_a_change_of_period_equals_a_fresh_computation(
    seed: wb.Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    explorer = actor_trends(seed)
    offered = [value for _label, value in explorer.actors.options]
    computed = seed.actor_trends
    calls: list[str] = []
    monkeypatch.setattr(seed, "actor_trends", lambda *a, **k: calls.append(k["freq"]) or computed(*a, **k))
    before = explorer.kwic.value
    for freq in ("D", "M", "W"):
        explorer.freq.value = freq
        expected = computed(offered, freq=freq)
        expected = expected[expected["actor_id"].isin(explorer.actors.value)].reset_index(drop=True)
        pd.testing.assert_frame_equal(explorer.data, expected)
        assert explorer.kwic.value == before, "all periods listed: the same sentences"
    assert calls == [], "a change of period only redraws"
    explorer.actors.value = (offered[-1],)
    assert explorer.kwic.value != before and set(explorer.kwic_rows["actor_id"]) == {offered[-1]}
