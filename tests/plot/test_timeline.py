"""The timeline plot on the seed, on all of Reuters and on a corpus with outlier dates."""

from __future__ import annotations

import random

import pandas as pd
import pytest

import workbench as wb
from tests.plot.helpers import allowed, outside, xlim_dates
from workbench.plot.timeline import ALPHA, COLUMNS, NO_ACTOR, timeline, timeline_points


def plain_points(frame: pd.DataFrame, actors=None, top: int = 8, start=None, end=None):
    """The timeline's points the plain way (split every list, filter with masks, sort): what the fast path
    (sorted once, sliced by date, filtered by actor code) must return, row for row and in the same order."""
    dated = frame.loc[frame["date"].notna()]
    points = dated.assign(actor=[list(a) if len(a) else [NO_ACTOR] for a in dated["actors"]]).explode("actor")
    if start is not None:
        points = points.loc[points["date"] >= pd.Timestamp(start)]
    if end is not None:
        points = points.loc[points["date"] <= pd.Timestamp(end)]
    if actors is not None:
        wanted = [actors] if isinstance(actors, str) else list(actors)
        points = points.loc[points["actor"].isin(wanted)]
        order = [a for a in wanted if a in set(points["actor"])]
    else:
        counts = points.loc[points["actor"] != NO_ACTOR, "actor"].value_counts()
        order = list(counts.index[:top]) + ([NO_ACTOR] if (points["actor"] == NO_ACTOR).any() else [])
        points = points.loc[points["actor"].isin(order)]
    points = points[COLUMNS].sort_values(["date", "actor"], kind="stable").reset_index(drop=True)
    return points, order


def selections(frame: pd.DataFrame, n: int, seed: int = 3) -> list[dict]:
    """``n`` selections an explorer makes: date ranges of a day to a month, actors or the top ones (ties
    and all), and the edge cases (an actor twice, an unknown one, an empty range)."""
    rng = random.Random(seed)
    days = sorted(frame["date"].dropna().dt.normalize().unique())
    names = list(frame["actors"].explode().dropna().value_counts().index[:40])
    chosen: list[dict] = [{}, {"actors": names[0]}, {"actors": ["nobody", names[0], names[0]]}, {"actors": [NO_ACTOR]}]
    chosen.append({"start": days[-1], "end": days[0]})
    for _ in range(n):
        low = rng.randrange(len(days))
        pick: dict = {"start": days[low], "end": days[min(len(days) - 1, low + rng.randint(0, 30))]}
        if rng.random() < 0.4:
            pick["actors"] = rng.sample(names, min(len(names), rng.randint(1, 3)))
        if rng.random() < 0.3:
            pick["top"] = rng.randint(1, 12)
        chosen.append(pick)
    return chosen


def assert_points_equal_plain(frame: pd.DataFrame, n: int) -> None:
    for pick in selections(frame, n):
        fast, order = timeline_points(frame, **pick)
        plain, plain_order = plain_points(frame, **pick)
        pd.testing.assert_frame_equal(fast, plain)
        assert order == plain_order, pick


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


def test_fast_points_equal_the_plain_ones_on_the_seed(seed: wb.Corpus) -> None:
    assert_points_equal_plain(seed.timeline(), 30)


@pytest.mark.shared
def test_fast_points_equal_the_plain_ones_on_reuters(reuters: wb.Corpus) -> None:
    """Top actors over a few days tie often: the fast path breaks ties as ``value_counts`` does."""
    assert_points_equal_plain(reuters.timeline(), 40)


def test_a_redrawn_timeline_equals_a_fresh_one(seed: wb.Corpus) -> None:
    frame = seed.timeline()
    fig = timeline(frame)
    for pick in selections(frame, 6) + [{"actors": ["nobody"]}, {}]:
        again = timeline(frame, ax=fig.axes[0], **pick)
        fresh = timeline(frame, **pick)
        assert again is fig
        pd.testing.assert_frame_equal(again.data, fresh.data)
        assert again.notes == fresh.notes and again.get_size_inches().tolist() == fresh.get_size_inches().tolist()
        labels = [[t.get_text() for t in f.axes[0].get_yticklabels()] for f in (again, fresh)]
        assert labels[0] == labels[1] and again.axes[0].get_xlim() == fresh.axes[0].get_xlim()
        assert len(again.axes[0].collections) == len(fresh.axes[0].collections)


def test_points_on_one_day_and_row_are_drawn_once_as_opaque_as_stacked(seed: wb.Corpus) -> None:
    fig = timeline(seed)
    ax = fig.axes[0]
    drawn = sum(len(c.get_offsets()) for c in ax.collections)
    assert drawn == len(fig.data[["actor", "date"]].drop_duplicates()) < len(fig.data)
    for collection in ax.collections:
        offsets = [tuple(o) for o in collection.get_offsets()]
        assert len(offsets) == len(set(offsets))
    stacked = fig.data.groupby(["actor", "date"]).size()
    alphas = sorted({round(1 - (1 - ALPHA) ** k, 6) for k in stacked})
    assert sorted({round(c[3], 6) for col in ax.collections for c in col.get_facecolors()}) == alphas


def test_points_kept_for_a_redrawn_timeline_equal_points_of_a_fresh_frame(seed: wb.Corpus) -> None:
    from workbench.plot.timeline import timeline_points

    frame = seed.timeline()
    timeline_points(frame)  # keeps the frame's statements for the next calls
    for actors, start in ((["Pakistan"], None), (None, "2025-11-01"), (["Pakistan", NO_ACTOR], "2025-10-20")):
        kept = timeline_points(frame, actors=actors, start=start)
        fresh = timeline_points(frame.copy(), actors=actors, start=start)
        pd.testing.assert_frame_equal(kept[0], fresh[0])
        assert kept[1] == fresh[1] and len(kept[0])
