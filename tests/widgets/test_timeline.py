"""The timeline explorer, driven from code: choose actors and dates, check the plotted data and the list."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import workbench as wb
from workbench.widgets import timeline
from workbench.widgets.timeline import statements


@pytest.fixture(scope="module")
def seed() -> wb.Corpus:
    return wb.load(Path(__file__).resolve().parents[2] / "seeds")


def test_default_shows_dated_statements_plotted_and_listed(seed: wb.Corpus) -> None:
    explorer = timeline(seed)
    assert explorer.plot.format == "svg+xml" and bytes(explorer.plot.value).startswith(
        b"<?xml"
    )  # crisp at any pixel ratio
    assert len(explorer.events) == explorer.data[["article_id", "sentence_id"]].drop_duplicates().shape[0]
    assert 'class="wb-table wb-timeline"' in explorer.table.value
    assert explorer.events["date"].is_monotonic_increasing


def test_choosing_an_actor_narrows_plot_and_list(seed: wb.Corpus) -> None:
    explorer = timeline(seed)
    before = explorer.plot.value
    explorer.actors.value = ("Afghan Taliban",)
    assert set(explorer.data["actor"]) == {"Afghan Taliban"}
    assert all("Afghan Taliban" in a for a in explorer.events["actors"])
    assert explorer.plot.value != before


def test_date_range_limits_the_events(seed: wb.Corpus) -> None:
    explorer = timeline(seed)
    last = len(explorer.dates.options) - 1
    explorer.dates.index = (last, last)
    day = explorer.dates.options[last][1]
    assert len(explorer.events) and (explorer.events["date"].dt.normalize() == pd.Timestamp(day)).all()


def plain_statements(points: pd.DataFrame) -> pd.DataFrame:
    """The statements listed under the plot, the plain way (a groupby that joins actors in Python)."""
    events = points.groupby(["article_id", "sentence_id"], sort=False, as_index=False).agg(
        date=("date", "first"), value=("value", "first"), actors=("actor", ", ".join), text=("text", "first")
    )
    return events.sort_values(["date", "article_id", "sentence_id"], kind="stable", ignore_index=True)


def test_statements_equal_the_plain_groupby(seed: wb.Corpus) -> None:
    from workbench.plot.timeline import timeline_points

    frame = seed.timeline()
    several = 0
    for pick in [{}, {"actors": ["Pakistan", "Afghan Taliban"]}, {"actors": ["nobody"]}, {"start": "2025-11-01"}]:
        points = timeline_points(frame, **pick)[0]
        pd.testing.assert_frame_equal(statements(points), plain_statements(points))
        several += statements(points)["actors"].str.contains(", ").sum()
    assert several, "some statements name several actors, joined"


@pytest.mark.shared
def test_statements_equal_the_plain_groupby_on_reuters(reuters: wb.Corpus) -> None:
    explorer = timeline(reuters)
    pd.testing.assert_frame_equal(explorer.events, plain_statements(explorer.data))
    for name in [value for _label, value in explorer.actors.options[:3]]:
        explorer.actors.value = (name,)
        pd.testing.assert_frame_equal(explorer.events, plain_statements(explorer.data))
