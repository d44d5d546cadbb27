"""Turning frames, spans and figures into what widgets show: escaped HTML and PNG bytes.

Article text is untrusted. Everything that reaches an ``HTML`` widget goes through ``html.escape`` here, so
``<script>`` in a headline is shown as text. This module renders; it computes nothing about the corpus.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

#: Styles shared by the explorers' HTML (class names are part of what tests and the browser test look for).
STYLE = """<style>
.wb-table { border-collapse: collapse; font-size: 0.9em; }
.wb-table td, .wb-table th { border-bottom: 1px solid #ddd; padding: 0.2em 0.6em; text-align: left;
  vertical-align: top; }
.wb-kwic td.left { text-align: right; color: #555; }
.wb-kwic td.match { font-weight: bold; }
.wb-article { max-width: 48em; line-height: 1.5; }
.wb-article mark.actor { background: #cfe8ff; }
.wb-article mark.date { background: #ffe7b3; }
.wb-boilerplate { color: #777; border-left: 3px solid #ccc; padding-left: 0.8em; white-space: pre-wrap; }
.wb-note { color: #555; font-size: 0.9em; }
</style>"""


def esc(value: Any) -> str:
    """``value`` as text safe inside HTML elements and attribute values."""
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat(sep=" ")
    if isinstance(value, (list, tuple)):
        return html.escape(", ".join(str(v) for v in value), quote=True)
    return html.escape(str(value), quote=True)


def table_html(
    frame: pd.DataFrame,
    columns: Sequence[str] | None = None,
    *,
    css: str = "",
    max_rows: int = 50,
    row_attrs: Sequence[str] = (),
    cell_classes: dict[str, str] | None = None,
    empty: str = "Nothing to show.",
) -> str:
    """An escaped HTML table of ``frame`` (first ``max_rows`` rows), with a note when rows were left out.

    ``row_attrs`` names columns copied into ``data-COLUMN`` attributes of each row (for tests and scripts).
    """
    cols = list(columns) if columns is not None else [str(c) for c in frame.columns]
    if frame.empty:
        return f'<p class="wb-note">{esc(empty)}</p>'
    classes = cell_classes or {}
    head = "".join(f"<th>{esc(c)}</th>" for c in cols)
    body = []
    for _, row in frame.head(max_rows).iterrows():
        attrs = "".join(f' data-{esc(a.replace("_", "-"))}="{esc(row[a])}"' for a in row_attrs)
        cells = "".join(
            f'<td class="{esc(classes[c])}">{esc(row[c])}</td>' if c in classes else f"<td>{esc(row[c])}</td>"
            for c in cols
        )
        body.append(f"<tr{attrs}>{cells}</tr>")
    more = ""
    if len(frame) > max_rows:
        more = f'<p class="wb-note">Showing {max_rows} of {len(frame):,} rows.</p>'
    return (
        f'<table class="wb-table {esc(css)}" data-rows="{len(frame)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>{more}"
    )


def highlight_html(text: str, spans: Iterable[tuple[int, int, str, str]]) -> str:
    """``text`` escaped, with each ``(start, end, kind, title)`` span wrapped in ``<mark class="kind">``.

    Overlapping spans keep the first (spans are taken in order of start, longer first); paragraphs
    (blank lines) become ``<p>`` elements and single newlines ``<br>``.
    """
    ordered = sorted(spans, key=lambda s: (s[0], -(s[1] - s[0])))
    pieces: list[str] = []
    pos = 0
    for start, end, kind, title in ordered:
        if start < pos or end <= start or end > len(text):
            continue
        pieces.append(html.escape(text[pos:start], quote=True))
        pieces.append(f'<mark class="{esc(kind)}" title="{esc(title)}">{html.escape(text[start:end])}</mark>')
        pos = end
    pieces.append(html.escape(text[pos:], quote=True))
    marked = "".join(pieces)
    paragraphs = [p.replace("\n", "<br>") for p in marked.split("\n\n") if p.strip()]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def figure_png(fig: Any, *, dpi: int = 80, tight: bool = False) -> bytes:
    """The PNG bytes of a matplotlib figure (which is then closed, so notebooks do not show it again).

    ``tight`` crops the margins, at the price of drawing the figure twice (too slow for live widgets).
    """
    buffer = io.BytesIO()
    # light compression: a third faster to write, a few percent larger
    fig.savefig(
        buffer,
        format="png",
        dpi=dpi,
        bbox_inches="tight" if tight else None,
        pil_kwargs={"compress_level": 1},
    )
    try:
        import matplotlib.pyplot as plt

        plt.close(fig)
    except Exception:  # noqa: BLE001 - a Figure made without pyplot needs no closing
        pass
    return buffer.getvalue()
