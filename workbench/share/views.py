"""Views for notebooks and their rendered pages: an article as a reader reads it, and keywords in context.

They render with the explorers' own functions and styles (``workbench.widgets.render``), so an article and a
KWIC table look the same in a report page, in JupyterLab and in the dashboard: article text escaped and
wrapped at word boundaries; the left context right-aligned against the keyword and cut at its outer end, the
keyword centred. Each view shows as HTML in Jupyter and as plain text elsewhere (and to ``nbval``).

>>> import workbench as wb
>>> corpus = wb.load("seeds/")
>>> view = kwic_view(corpus.kwic("Istanbul", window=8), width=30)
>>> print(repr(view).splitlines()[1])  # doctest: +NORMALIZE_WHITESPACE
… delegation had departed for | Istanbul | to participate in fresh talks …
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["HtmlView", "article_view", "kwic_view"]


@dataclass(frozen=True)
class HtmlView:
    """HTML for Jupyter (``_repr_html_``) with a plain-text form for everything else."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def article_view(article: pd.Series, *, boilerplate: bool = True) -> HtmlView:
    """One row of ``corpus.articles``: headline, dateline · date · outlet, the text in paragraphs, and what
    the loader cut off as boilerplate, set apart (``boilerplate=False`` leaves it out)."""
    from workbench.widgets.render import STYLE, esc, highlight_html

    text = str(article.get("text") or "")
    cut = str(article.get("boilerplate") or "") if boilerplate else ""
    published = article.get("published")
    meta = [article.get("dateline"), published, article.get("outlet")]
    line = " · ".join(esc(v) for v in meta if esc(v))
    parts = [
        STYLE,
        f'<div class="wb-article"><h3>{esc(article.get("title"))}</h3><p class="wb-note">{line}</p>',
        highlight_html(text, []),
        "</div>",
    ]
    if cut:
        parts.append(f'<h4>Cut off as boilerplate</h4><div class="wb-boilerplate">{esc(cut)}</div>')
    plain = [str(article.get("title") or ""), " · ".join(str(v) for v in meta if esc(v)), "", text]
    if cut:
        plain += ["", "Cut off as boilerplate:", cut]
    return HtmlView("".join(parts), "\n".join(plain))


def kwic_view(
    frame: pd.DataFrame,
    *,
    columns: tuple[str, ...] = ("left", "match", "right"),
    width: int | None = None,
    max_rows: int = 15,
) -> HtmlView:
    """A KWIC frame (``corpus.kwic``) as a table: contexts cut at their outer ends at a word (``width``
    characters each side, default ``render.KWIC_WIDTH``), left context right-aligned, keyword centred.

    ``columns`` may name other columns to show before the contexts (``("article_id", "left", "match",
    "right")``); ``max_rows`` rows are shown, and a note counts the rest.
    """
    from workbench.widgets.render import KWIC_WIDTH, STYLE, clip_left, clip_right, kwic_html

    chars = width or KWIC_WIDTH
    table = kwic_html(frame, columns, width=chars, max_rows=max_rows, empty="No matches.")
    lines = [f"{len(frame):,} matches"]
    for row in frame.head(max_rows).itertuples():
        left, right = clip_left(getattr(row, "left", ""), chars), clip_right(getattr(row, "right", ""), chars)
        lines.append(f"{left:>{chars + 2}} | {getattr(row, 'match', '')} | {right}")
    return HtmlView(STYLE + table, "\n".join(lines))
