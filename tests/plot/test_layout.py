"""The layout every plot shares: the robust date window, its note, plurals, legends and notes on redraw."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from workbench.plot.layout import DATE_MARGIN, date_window, finish, plural

SPAN = (pd.Timestamp("1987-02-26"), pd.Timestamp("1987-10-20"))


def test_dates_within_the_margin_are_kept() -> None:
    dates = pd.Series(pd.to_datetime(["1986-03-01", "1987-05-01", "1988-10-01"]))
    window = date_window(dates, span=SPAN)
    assert window.keep.all() and window.left_out == 0 and window.note("mention") == ""
    assert (window.start, window.end) == (dates.min(), dates.max())


def test_dates_beyond_the_margin_are_left_out_and_counted_by_weight() -> None:
    dates = pd.Series(pd.to_datetime(["1857-01-01", "1987-03-02", "1987-04-06", "2080-01-01", "2090-01-01"]))
    window = date_window(dates, span=SPAN, weights=pd.Series([2, 5, 1, 3, 0]))
    assert window.keep.tolist() == [False, True, True, False, False]
    assert window.left_out == 5, "weighted; a zero-weight row is not counted"
    assert window.outside == (pd.Timestamp("1857-01-01"), pd.Timestamp("2080-01-01"))
    assert window.note("mention").startswith("5 mentions dated more than a year outside the corpus (1987-02-26")


def test_one_left_out_reads_in_the_singular() -> None:
    window = date_window(pd.Series(pd.to_datetime(["1900-01-01", "1987-03-02"])), span=SPAN)
    assert window.note("statement") == (
        "1 statement dated more than a year outside the corpus (1987-02-26 to 1987-10-20), on 1900-01-01, "
        "is left out of the axis; the data keeps it."
    )


def test_without_a_span_a_stray_few_do_not_stretch_the_axis() -> None:
    dates = pd.Series(pd.date_range("2025-01-01", periods=300, freq="D").tolist() + [pd.Timestamp("1900-01-01")])
    window = date_window(dates)
    assert window.start == pd.Timestamp("2025-01-01") and window.left_out == 1


def test_everything_outside_shows_everything() -> None:
    dates = pd.Series(pd.to_datetime(["1900-01-01", "1901-01-01"]))
    window = date_window(dates, span=SPAN)
    assert window.start == dates.min() and window.end == dates.max() and window.left_out == 0


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (1, "article", "1 article"),
        (2, "story", "2 stories"),
        (19043, "article", "19,043 articles"),
        (0, "day", "0 days"),
    ],
)
def test_plural(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected


def test_notes_are_replaced_on_a_redraw_and_legends_placed() -> None:
    fig = Figure(figsize=(9, 4.5))
    ax = fig.add_subplot()
    for name in "abcdef":
        ax.plot([0, 1], [0, 1], label=name)
    finish(fig, ax, labels=list("abcdef"), note="first note")
    finish(fig, ax, labels=list("abcdef"), note="second note")
    assert fig.notes == ["second note"] and [t.get_text() for t in fig.texts] == ["second note"]
    assert fig.subplotpars.right < 0.95, "room was made for the legend outside"
    finish(fig, ax)
    assert fig.notes == [] and not fig.texts


@pytest.mark.parametrize("width", [4.0, 9.0])
def test_a_long_note_is_wrapped_at_words_inside_the_figure(width: float) -> None:
    fig = Figure(figsize=(width, 3))
    ax = fig.add_subplot()
    note = " ".join(["12,345 statements dated more than a year outside the corpus (1987-02-26 to 1987-10-20),"] * 3)
    finish(fig, ax, note=note)
    (text,) = fig.texts
    lines = text.get_text().split("\n")
    assert len(lines) > 1 and " ".join(lines) == note and fig.notes == [note]
    renderer = FigureCanvasAgg(fig).get_renderer()
    box = text.get_window_extent(renderer)
    assert box.x1 <= fig.bbox.x1, "every line fits the figure's width"
    assert fig.subplotpars.bottom > box.y1 / fig.bbox.height, "the axes stand above the note"


def test_margin_is_a_year() -> None:
    assert DATE_MARGIN == pd.Timedelta(days=365)
