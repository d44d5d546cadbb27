"""Actor plots on the seed, on all of Reuters and on a corpus with outlier dates: axis limits, bars, notes."""

from __future__ import annotations

import pandas as pd
import pytest

import workbench as wb
from tests.plot.helpers import allowed, legend_outside, outside, xlim_dates
from workbench.plot.actors import actor_trends, cooccurrence


def test_one_week_is_drawn_as_bars_not_a_column_of_dots(seed: wb.Corpus) -> None:
    fig = actor_trends(seed, freq="W")
    ax = fig.axes[0]
    actors = fig.data.groupby("actor")["value"].sum().sort_values(ascending=False, kind="stable")
    assert len(ax.patches) == len(actors) and not ax.lines
    assert [t.get_text() for t in ax.get_xticklabels()] == list(actors.index), "biggest first"
    assert [p.get_height() for p in ax.patches] == actors.tolist()
    assert ax.get_xlabel() == "week of 2025-11-03 (published date)"
    assert fig.notes == []


def test_referred_dates_on_the_seed_stay_near_the_article(seed: wb.Corpus) -> None:
    fig = actor_trends(seed, freq="W", date="referred")
    start, end = xlim_dates(fig)
    assert pd.Timestamp("2025-10-01") <= start < pd.Timestamp("2025-10-11")
    assert pd.Timestamp("2025-11-10") <= end <= pd.Timestamp("2025-11-20")
    assert fig.notes == [] and len(fig.axes[0].lines) == fig.data["actor"].nunique()


def test_outlier_dates_leave_the_axis_alone_and_are_counted(outliers: wb.Corpus) -> None:
    fig = actor_trends(outliers, freq="W", date="referred")
    data = fig.data
    far = outside(data["period"], outliers) & (data["value"] > 0)  # the trends are zero-filled between
    assert set(data.loc[far, "period"].dt.year) == {1856, 2080}, "the data keeps them (1857's week starts in 1856)"
    start, end = xlim_dates(fig)
    assert pd.Timestamp("2025-09-20") <= start and end <= pd.Timestamp("2025-11-10"), (start, end)
    count = int(data.loc[far, "value"].sum())
    assert count == 3  # Pakistan in the 1857 sentence; Afghanistan and the Afghan Taliban in the 2080 one
    assert fig.notes == [
        f"{count} mentions dated more than a year outside the corpus (2025-10-04 to 2025-10-24), "
        "from 1856-12-29 to 2080-01-01, are left out of the axis; the data keeps them."
    ]
    drawn = [" ".join(t.get_text().split()) for t in fig.texts]  # wrapped at words
    assert fig.notes[0] in drawn, "the note is drawn under the figure"


def test_published_dates_have_no_note(outliers: wb.Corpus) -> None:
    fig = actor_trends(outliers, freq="W")
    start, end = xlim_dates(fig)
    assert pd.Timestamp("2025-09-20") <= start and end <= pd.Timestamp("2025-11-01")
    assert fig.notes == []


def test_few_actors_keep_the_legend_inside_many_put_it_outside(outliers: wb.Corpus, seed: wb.Corpus) -> None:
    few = actor_trends(outliers, actors=["pakistan", "qatar"], freq="D")
    assert not legend_outside(few)
    many = actor_trends(seed, freq="D", date="referred")
    assert many.data["actor"].nunique() > 4 and legend_outside(many)


def test_a_live_redraw_switches_between_lines_and_bars(seed: wb.Corpus) -> None:
    trends = seed.actor_trends(["pakistan", "qatar"], freq="W", date="referred")
    fig = actor_trends(trends, freq="W", date="referred")
    one = trends[trends["period"] == trends["period"].max()]
    assert actor_trends(one, ax=fig.axes[0]) is fig and len(fig.axes[0].patches) == 2 and not fig.axes[0].lines
    actor_trends(trends, ax=fig.axes[0], freq="W", date="referred")
    assert len(fig.axes[0].lines) == 2 and not fig.axes[0].patches and len(fig.axes) == 1


@pytest.mark.shared
def test_reuters_referred_trends_span_the_corpus_not_two_centuries(reuters: wb.Corpus) -> None:
    fig = actor_trends(reuters, freq="W", date="referred")
    low, high = allowed(reuters)
    start, end = xlim_dates(fig)
    assert low <= start and end <= high, (start, end)
    far = outside(fig.data["period"], reuters) & (fig.data["value"] > 0)
    assert fig.data.loc[far, "period"].dt.year.min() < 1900 and fig.data.loc[far, "period"].dt.year.max() > 2000
    count = int(fig.data.loc[far, "value"].sum())
    assert count > 100 and fig.notes[0].startswith(f"{count:,} mentions dated more than a year outside")
    assert legend_outside(fig), "ten actors: the legend goes outside the plot"


@pytest.mark.shared
def test_reuters_published_trends(reuters: wb.Corpus) -> None:
    fig = actor_trends(reuters, freq="W")
    start, end = xlim_dates(fig)
    assert pd.Timestamp("1987-02-01") <= start and end <= pd.Timestamp("1987-11-15")
    assert fig.notes == [] and len(fig.axes[0].lines) == 10


@pytest.mark.parametrize("name", ["seed", "outliers", pytest.param("reuters", marks=pytest.mark.shared)])
def test_cooccurrence_heat_map(name: str, request: pytest.FixtureRequest) -> None:
    corpus = request.getfixturevalue(name)
    fig = cooccurrence(corpus, top=15)
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert 2 <= len(names) <= 15 and len(ax.images) == 1
    assert ax.images[0].get_array().shape == (len(names), len(names))
    assert {"actor_a", "actor_b", "count"} <= set(fig.data.columns)
