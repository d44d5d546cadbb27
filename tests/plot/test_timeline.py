"""The timeline plot on the seed, on all of Reuters and on a corpus with outlier dates."""

from __future__ import annotations

import pandas as pd
import pytest

import workbench as wb
from tests.plot.helpers import allowed, outside, xlim_dates
from workbench.plot.timeline import NO_ACTOR, timeline


def test_seed_timeline_spans_its_dated_statements(seed: wb.Corpus) -> None:
    fig = timeline(seed)
    start, end = xlim_dates(fig)
    assert pd.Timestamp("2025-10-09") <= start <= pd.Timestamp("2025-10-11")
    assert pd.Timestamp("2025-11-10") <= end <= pd.Timestamp("2025-11-12")
    rows = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert rows[0] == NO_ACTOR and "Pakistan" in rows and fig.notes == []


def test_outliers_are_counted_as_statements_and_kept_in_the_data(outliers: wb.Corpus) -> None:
    fig = timeline(outliers)
    far = outside(fig.data["date"], outliers)
    assert set(fig.data.loc[far, "date"].dt.year) == {1857, 2080}
    statements = fig.data.loc[far, ["article_id", "sentence_id", "value"]].drop_duplicates()
    assert len(statements) == 2
    assert fig.notes == [
        "2 statements dated more than a year outside the corpus (2025-10-04 to 2025-10-24), from 1857-01-01 to "
        "2080-01-01, are left out of the axis; the data keeps them."
    ]
    start, end = xlim_dates(fig)
    assert pd.Timestamp("2025-09-25") <= start and end <= pd.Timestamp("2025-11-01")


def test_an_explicit_span_wins_over_the_data(outliers: wb.Corpus) -> None:
    frame = outliers.timeline()
    fig = timeline(frame, span=(pd.Timestamp("2080-01-01"), pd.Timestamp("2080-01-01")))
    assert xlim_dates(fig)[0].year == 2079 and "from 1857-01-01 to 2025-10-" in fig.notes[0]


@pytest.mark.shared
def test_reuters_timeline_spans_the_corpus(reuters: wb.Corpus) -> None:
    fig = timeline(reuters)
    low, high = allowed(reuters)
    start, end = xlim_dates(fig)
    assert low <= start and end <= high, (start, end)
    far = outside(fig.data["date"], reuters)
    assert far.any() and fig.notes and "statements dated more than a year outside" in fig.notes[0]
    assert len(fig.axes[0].get_yticklabels()) == 9  # the top 8 actors and the statements naming none


def test_points_kept_for_a_redrawn_timeline_equal_points_of_a_fresh_frame(seed: wb.Corpus) -> None:
    from workbench.plot.timeline import timeline_points

    frame = seed.timeline()
    timeline_points(frame)  # keeps the frame's statements for the next calls
    for actors, start in ((["Pakistan"], None), (None, "2025-11-01"), (["Pakistan", NO_ACTOR], "2025-10-20")):
        kept = timeline_points(frame, actors=actors, start=start)
        fresh = timeline_points(frame.copy(), actors=actors, start=start)
        pd.testing.assert_frame_equal(kept[0], fresh[0])
        assert kept[1] == fresh[1] and len(kept[0])
