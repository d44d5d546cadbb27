"""The date-range slider shows its whole range in a label of its own (ipywidgets' readout cuts it)."""

from __future__ import annotations

import pandas as pd

from workbench.widgets.controls import date_range


def test_label_follows_the_slider() -> None:
    days = list(pd.date_range("2025-10-11", "2025-11-10", freq="D"))
    slider, label = date_range(days, description="Dates")
    assert slider.readout is False and not slider.disabled
    assert label.value == '<span class="wb-range">2025-10-11 to 2025-11-10</span>'
    slider.index = (3, 3)
    assert label.value == '<span class="wb-range">2025-10-14</span>'
    assert slider.value == (pd.Timestamp("2025-10-14"), pd.Timestamp("2025-10-14"))


def test_no_dates_disable_the_slider() -> None:
    slider, label = date_range([], description="Dates")
    assert slider.disabled and label.value == '<span class="wb-range">no dates</span>'
