"""What readers see from the explorers: KWIC contexts cut at their outer ends, crisp figures, escaped HTML."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from workbench.widgets.render import SVG_POINTS, clip_left, clip_right, figure_image, kwic_html


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("short context", 45, "short context"),
        ("one two three four five six", 14, "… four five six"),
        ("x" * 30, 10, "… " + "x" * 10),  # one long word: cut inside it, still at the outer end
        ("  spaced\n out  ", 45, "spaced out"),
        (None, 45, ""),
    ],
)
def test_clip_left_keeps_the_end_next_to_the_keyword(text: str, width: int, expected: str) -> None:
    assert clip_left(text, width) == expected


def test_clip_right_keeps_the_start_next_to_the_keyword() -> None:
    assert clip_right("one two three four five six", 14) == "one two three …"
    assert clip_right("short", 45) == "short"


def test_kwic_table_aligns_and_escapes() -> None:
    frame = pd.DataFrame(
        {
            "actor": ["Qatar"],
            "left": ["<b>far</b> " * 10 + "<b>far</b> mediated by"],
            "match": ["Qatar"],
            "right": ["and Turkiye"],
        }
    )
    page = kwic_html(frame, ["actor", "left", "match", "right"], width=22, row_attrs=["actor"])
    assert '<td class="left">… &lt;b&gt;far&lt;/b&gt; mediated by</td>' in page
    assert '<th class="match">match</th>' in page and '<td class="right">and Turkiye</td>' in page
    assert "<b>" not in page and 'data-actor="Qatar"' in page


def test_figures_are_svg_until_they_get_heavy() -> None:
    light = Figure(figsize=(4, 2))
    light.add_subplot().plot(range(10))
    data, fmt, width = figure_image(light)
    assert fmt == "svg+xml" and data.startswith(b"<?xml") and width == 384
    heavy = Figure(figsize=(4, 2))
    heavy.add_subplot().scatter(range(SVG_POINTS + 1), range(SVG_POINTS + 1))
    data, fmt, width = figure_image(heavy)
    assert fmt == "png" and data.startswith(b"\x89PNG") and width == 384
    import io

    from PIL import Image

    assert Image.open(io.BytesIO(data)).size[0] == 2 * width, "twice the pixels, shown at the same width"
