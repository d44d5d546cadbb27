"""What a corpus holds: articles per day by outlet, and the ingest report's statuses, on three corpora."""

from __future__ import annotations

import pandas as pd
import pytest

import workbench as wb
from tests.plot.helpers import xlim_dates
from workbench.plot.articles import OTHER, articles_over_time, report_statuses


def test_one_day_is_bars_by_outlet(seed: wb.Corpus) -> None:
    fig = articles_over_time(seed)
    ax = fig.axes[0]
    assert fig.data[["period", "articles"]].values.tolist() == [[pd.Timestamp("2025-11-05"), 1]]
    assert len(ax.patches) == 1 and [t.get_text() for t in ax.get_xticklabels()] == ["(no outlet)"]
    assert ax.get_xlabel() == "outlet, 2025-11-05"


def test_days_stacked_by_outlet_and_undated_counted(outliers: wb.Corpus) -> None:
    fig = articles_over_time(outliers)
    assert fig.data["articles"].sum() == 7 and set(fig.data["outlet"]) == {"Outlet 0", "Outlet 1", "Outlet 2"}
    start, end = xlim_dates(fig)
    assert pd.Timestamp("2025-10-01") <= start and end <= pd.Timestamp("2025-10-27")
    assert fig.notes == ["1 undated article is not drawn."]
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["Outlet 1", "Outlet 0", "Outlet 2"]


def test_outlets_beyond_the_top_share_one_colour(outliers: wb.Corpus) -> None:
    fig = articles_over_time(outliers, top=1)
    assert set(fig.data["outlet"]) == {"Outlet 1", OTHER}


def test_every_status_has_its_bar(seed: wb.Corpus, outliers: wb.Corpus) -> None:
    for corpus in (seed, outliers):
        fig = report_statuses(corpus)
        assert fig.data["status"].tolist()[:4] == ["loaded", "duplicate", "skipped", "failed"]
        assert fig.data["inputs"].sum() == len(corpus.report) and len(fig.axes[0].patches) == len(fig.data)
    assert "What happened to the 2 inputs" == report_statuses(seed).axes[0].get_title()


@pytest.mark.shared
def test_reuters_articles_and_statuses(reuters: wb.Corpus) -> None:
    fig = articles_over_time(reuters)
    start, end = xlim_dates(fig)
    assert pd.Timestamp("1987-02-01") <= start and end <= pd.Timestamp("1987-11-15")
    assert fig.data["articles"].sum() + reuters.articles["published"].isna().sum() == len(reuters.articles)
    statuses = report_statuses(reuters).data.set_index("status")["inputs"]
    assert statuses.sum() == 21578 and statuses["loaded"] > 18_000
