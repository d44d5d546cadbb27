"""Controls the explorers share: a date-range slider whose chosen range is always shown in full.

ipywidgets' own readout of a ``SelectionRangeSlider`` is a fixed width and cuts two ISO dates short
("2025-11-05-2025-11-0"), so the slider's readout is off and a label beside it says the range in words.

>>> import pandas as pd
>>> slider, label = date_range([pd.Timestamp("2025-11-05"), pd.Timestamp("2025-11-06")], description="Dates")
>>> label.value
'<span class="wb-range">2025-11-05 to 2025-11-06</span>'
>>> slider.index = (1, 1); label.value
'<span class="wb-range">2025-11-06</span>'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as w
import pandas as pd

from workbench.widgets.render import esc

__all__ = ["date_range"]


def date_range(days: Sequence[Any], *, description: str, width: str = "28em") -> tuple[w.SelectionRangeSlider, w.HTML]:
    """A slider over ``days`` (whole days, both ends included) and the label that shows its range.

    With no days the slider is disabled and the label says "no dates".
    """
    options = [(pd.Timestamp(d).strftime("%Y-%m-%d"), pd.Timestamp(d)) for d in days] or [("no dates", None)]
    slider = w.SelectionRangeSlider(
        options=options,
        index=(0, len(options) - 1),
        description=description,
        disabled=not days,
        readout=False,
        layout=w.Layout(width=width),
    )
    label = w.HTML()

    def show(_change: Any = None) -> None:
        first, last = (slider.options[i][0] for i in slider.index)
        text = first if first == last else f"{first} to {last}"
        label.value = f'<span class="wb-range">{esc(text)}</span>'

    slider.observe(show, names="index")
    show()
    return slider, label
