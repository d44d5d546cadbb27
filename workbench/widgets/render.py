"""Turning frames, spans and figures into what readers see: escaped HTML, KWIC tables, crisp images.

Article text is untrusted. Everything that reaches an ``HTML`` widget or a report page goes through
``html.escape`` here, so ``<script>`` in a headline is shown as text. This module renders; it computes
nothing about the corpus. It is public because the explorers (``workbench.widgets``) and the report's
notebook views (``workbench.share.views``) render with the same functions and styles, so article text and
keywords in context look the same in the report, the widgets and the dashboard.

>>> clip_left("the talks in Istanbul resumed after the", 20), clip_right("on Wednesday and ended in a stalemate", 20)
('… resumed after the', 'on Wednesday and …')
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

__all__ = [
    "KWIC_WIDTH",
    "STYLE",
    "clip_left",
    "clip_right",
    "esc",
    "figure_image",
    "highlight_html",
    "drawn_points",
    "show_figure",
    "kwic_html",
    "table_html",
]

#: Styles shared by the explorers' and the report's HTML (class names are part of what tests look for).
#: Text wraps at word boundaries (a word longer than the line breaks only then); KWIC contexts stay on one
#: line: the left one right-aligned against the keyword, the keyword centred, the right one left-aligned.
STYLE = """<style>
.wb-table { border-collapse: collapse; font-size: 0.9em; }
.wb-table td, .wb-table th { border-bottom: 1px solid #ddd; padding: 0.2em 0.6em; text-align: left;
  vertical-align: top; overflow-wrap: break-word; word-break: normal; }
.wb-kwic td.left { text-align: right; color: #555; white-space: nowrap; }
.wb-kwic td.match { text-align: center; font-weight: bold; white-space: nowrap; }
.wb-kwic td.right { text-align: left; color: #555; white-space: nowrap; }
.wb-kwic th.left { text-align: right; }
.wb-kwic th.match { text-align: center; }
.wb-kwic th.right { text-align: left; }
.wb-table td.nowrap { white-space: nowrap; }
.wb-article { max-width: 48em; line-height: 1.5; white-space: normal; overflow-wrap: break-word;
  word-break: normal; hyphens: manual; }
.wb-article mark.actor { background: #cfe8ff; }
.wb-article mark.date { background: #ffe7b3; }
.wb-boilerplate { color: #777; border-left: 3px solid #ccc; padding-left: 0.8em; white-space: pre-wrap;
  overflow-wrap: break-word; word-break: normal; }
.wb-note { color: #555; font-size: 0.9em; }
</style>"""

#: Characters of context each side of a keyword in KWIC tables (cut at a word, with "…" at the outer end).
KWIC_WIDTH = 45


def esc(value: Any) -> str:
    """``value`` as text safe inside HTML elements and attribute values."""
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat(sep=" ")
    if isinstance(value, (list, tuple)):
        return html.escape(", ".join(str(v) for v in value), quote=True)
    return html.escape(str(value), quote=True)


def clip_left(text: Any, width: int = KWIC_WIDTH) -> str:
    """The last ``width`` characters of ``text`` (a left context), cut at a word, "…" at the outer (left) end.

    The words next to the keyword are always kept; what is dropped is the far end.
    """
    value = " ".join(str(text if isinstance(text, str) else "").split())
    if len(value) <= width:
        return value
    tail = value[-width:]
    if value[-width - 1] == " ":  # the tail starts with a whole word
        return "… " + tail
    space = tail.find(" ")
    return "… " + (tail[space + 1 :] if 0 <= space < len(tail) - 1 else tail)


def clip_right(text: Any, width: int = KWIC_WIDTH) -> str:
    """The first ``width`` characters of ``text`` (a right context), cut at a word, "…" at its end."""
    value = " ".join(str(text if isinstance(text, str) else "").split())
    if len(value) <= width:
        return value
    head = value[:width]
    if value[width] == " ":  # the head ends with a whole word
        return head.rstrip() + " …"
    space = head.rfind(" ")
    return (head[:space] if space > 0 else head) + " …"


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

    ``row_attrs`` names columns copied into ``data-COLUMN`` attributes of each row (for tests and scripts);
    ``cell_classes`` gives the header and the cells of a column a class (``{"left": "left"}``).
    """
    cols = list(columns) if columns is not None else [str(c) for c in frame.columns]
    if frame.empty:
        return f'<p class="wb-note">{esc(empty)}</p>'
    classes = cell_classes or {}

    def cls(column: str) -> str:
        return f' class="{esc(classes[column])}"' if column in classes else ""

    head = "".join(f"<th{cls(c)}>{esc(c)}</th>" for c in cols)
    body = []
    for _, row in frame.head(max_rows).iterrows():
        attrs = "".join(f' data-{esc(a.replace("_", "-"))}="{esc(row[a])}"' for a in row_attrs)
        cells = "".join(f"<td{cls(c)}>{esc(row[c])}</td>" for c in cols)
        body.append(f"<tr{attrs}>{cells}</tr>")
    more = ""
    if len(frame) > max_rows:
        more = f'<p class="wb-note">Showing {max_rows} of {len(frame):,} rows.</p>'
    return (
        f'<table class="wb-table {esc(css)}" data-rows="{len(frame)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>{more}"
    )


def kwic_html(
    frame: pd.DataFrame,
    columns: Sequence[str] = ("left", "match", "right"),
    *,
    width: int = KWIC_WIDTH,
    max_rows: int = 50,
    row_attrs: Sequence[str] = (),
    empty: str = "No matches.",
    total: int | None = None,
) -> str:
    """A keywords-in-context table: contexts clipped at their outer ends (``clip_left``/``clip_right``), the
    left one right-aligned, the keyword centred; ``columns`` may add others (``actor``) before them.
    ``total``: the rows there are in all, when ``frame`` holds only the first of them.

    >>> frame = pd.DataFrame({"left": ["a " * 40 + "near"], "match": ["Qatar"], "right": ["and Turkiye"]})
    >>> page = kwic_html(frame, width=10)
    >>> '<td class="left">… a a a near</td>' in page, '<td class="match">Qatar</td>' in page
    (True, True)
    """
    shown = frame.head(max_rows).copy()
    if "left" in shown:
        shown["left"] = shown["left"].map(lambda t: clip_left(t, width))
    if "right" in shown:
        shown["right"] = shown["right"].map(lambda t: clip_right(t, width))
    table = table_html(
        shown,
        columns,
        css="wb-kwic",
        max_rows=max_rows,
        row_attrs=row_attrs,
        cell_classes={"left": "left", "match": "match", "right": "right"},
        empty=empty,
    )
    total = len(frame) if total is None else total
    if total > max_rows:  # the note counts every row, not only those passed on to the table
        table += f'<p class="wb-note">Showing {max_rows} of {total:,} rows.</p>'
    return table


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


def _close(fig: Any) -> None:
    try:
        import matplotlib.pyplot as plt

        plt.close(fig)
    except Exception:  # noqa: BLE001 - a Figure made without pyplot needs no closing
        pass


#: Figures drawing more points than this are sent as PNG (at twice the resolution) rather than SVG.
SVG_POINTS = 3000
#: CSS pixels per inch of a figure on screen (the CSS inch), so SVG and PNG show at the same size.
SCREEN_DPI = 96


def drawn_points(fig: Any) -> int:
    """How many points, markers and bars a figure draws (what makes its SVG large)."""
    total = 0
    for ax in fig.axes:
        total += sum(len(line.get_xdata()) for line in ax.lines)
        total += sum(len(c.get_offsets()) for c in ax.collections)
        total += len(ax.patches)
    return total


def figure_image(fig: Any) -> tuple[bytes, str, int]:
    """A figure as an image that stays crisp at any pixel ratio: its bytes, ``ipywidgets.Image`` format and
    width on screen in CSS pixels.

    SVG is drawn by the browser at the screen's own resolution (text is drawn as paths, so no font needs to
    be installed there, and an ``<img>`` never runs anything inside it). A figure with more than
    ``SVG_POINTS`` points would make a heavy SVG, so it comes as PNG at twice the screen resolution (sharp
    on a pixel ratio of 2) shown at the same width. The figure is closed afterwards.

    >>> from matplotlib.figure import Figure
    >>> data, fmt, width = figure_image(Figure(figsize=(2, 1)))
    >>> fmt, data[:5], width
    ('svg+xml', b'<?xml', 192)
    """
    buffer = io.BytesIO()
    width = round(fig.get_figwidth() * SCREEN_DPI)
    if drawn_points(fig) > SVG_POINTS:
        fig.savefig(buffer, format="png", dpi=2 * SCREEN_DPI, pil_kwargs={"compress_level": 1})
        fmt = "png"
    else:
        fig.savefig(buffer, format="svg", metadata={"Date": None})
        fmt = "svg+xml"
    _close(fig)
    return buffer.getvalue(), fmt, width


def show_figure(image: Any, fig: Any) -> None:
    """Put ``fig`` into an ``ipywidgets.Image`` as ``figure_image`` renders it (format, bytes and width at once)."""
    data, fmt, width = figure_image(fig)
    with image.hold_sync():
        image.format = fmt
        image.value = data
        image.width = str(width)
