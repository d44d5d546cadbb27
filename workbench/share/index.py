"""The report's front page: the corpus named as its reader knows it, and each notebook with its key figures.

The corpus is named by its folder (``seeds``; a glob as ``reuters21578 (reut2-*.sgm)``), never by a path
relative to the report; then its articles, date span, outlets and inputs, with correct plurals. Each
notebook is listed with its title and question and thumbnails of its key figures (the notebook's metadata
``{"workbench": {"key_figures": [...]}}``, else all of them), each linking to the notebook's page, with the
figure's data (CSV) beside it. Thumbnails are embedded (data URIs), so the page needs no other file to show.

>>> corpus_name(["../shared/data/reuters21578/reut2-*.sgm"]), corpus_name(["seeds/"]), corpus_name([])
('reuters21578 (reut2-*.sgm)', 'seeds', 'seeds')
>>> published_span(pd.Timestamp("2025-11-05"), pd.Timestamp("2025-11-05"))
'5 November 2025'
>>> published_span(pd.Timestamp("1987-02-26"), pd.Timestamp("1987-10-20"))
'26 February to 20 October 1987'
"""

from __future__ import annotations

import base64
import html
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from workbench.plot.layout import plural
from workbench.share.pages import page_html

if TYPE_CHECKING:
    from workbench import Corpus

__all__ = ["Page", "corpus_facts", "corpus_line", "corpus_name", "index_html", "published_span", "thumbnail"]

#: Width in pixels of the figure thumbnails on the index page.
THUMB_WIDTH = 360
#: Outlets named on the index page (the rest are counted).
OUTLETS_SHOWN = 5


@dataclass
class Page:
    """One notebook of a report: where its HTML is, whether it ran, how long it took, what it shows."""

    notebook: str
    html: str
    ok: bool
    seconds: float
    error: str = ""
    figures: list[str] = field(default_factory=list)
    title: str = ""
    question: str = ""
    key_figures: list[str] = field(default_factory=list)


def corpus_name(sources: Sequence[str]) -> str:
    """The corpus as its reader knows it: the folder's name, a file's name, or a glob with its folder."""
    if not sources:
        return "seeds"
    names = []
    for source in sources:
        text = source.rstrip("/\\")
        base, name = os.path.split(text)
        if any(c in name for c in "*?["):
            parent = os.path.basename(base.rstrip("/\\")) or base
            names.append(f"{parent} ({name})" if parent else name)
        else:
            names.append(name or text)
    if len(names) > 3:
        return ", ".join(names[:3]) + f" and {len(names) - 3} more"
    return ", ".join(names)


def published_span(first: pd.Timestamp | None, last: pd.Timestamp | None) -> str:
    """A publication span in words: '5 November 2025', '26 February to 20 October 1987'."""
    if first is None or last is None or pd.isna(first) or pd.isna(last):
        return "no publication dates"

    def day(d: pd.Timestamp) -> str:
        return f"{d.day} {d:%B %Y}"

    if first.normalize() == last.normalize():
        return day(first)
    if first.year == last.year:
        start = f"{first.day} {first:%B}" if first.month != last.month else f"{first.day}"
        return f"{start} to {day(last)}"
    return f"{day(first)} to {day(last)}"


def corpus_facts(corpus: Corpus) -> dict[str, str]:
    """What a reader wants to know of a corpus first, as short phrases: articles, published, outlets, inputs."""
    summary = corpus.summary()
    catalog = getattr(corpus, "catalog", None)
    arts = corpus.articles if catalog is None else catalog
    articles = plural(summary["articles"], "article")
    stories = plural(summary["unique_stories"], "unique story", "unique stories")
    outlets = arts["outlet"].fillna("").astype(str).str.strip()
    counts = outlets[outlets != ""].value_counts()
    named = ", ".join(f"{name} ({n:,})" for name, n in counts.head(OUTLETS_SHOWN).items())
    if len(counts) > OUTLETS_SHOWN:
        named += f" and {plural(len(counts) - OUTLETS_SHOWN, 'other')}"
    unnamed = int((outlets == "").sum())
    if unnamed:
        named = (named + "; " if named else "") + f"{plural(unnamed, 'article')} without an outlet"
    undated = int(arts["published"].isna().sum())
    span = published_span(summary["first_published"], summary["last_published"])
    order = ["loaded", "duplicate", "skipped", "failed"]
    by_status = sorted(summary["by_status"].items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 9)
    statuses = ", ".join(f"{n:,} {s}" for s, n in by_status)
    return {
        "articles": f"{articles} ({stories})",
        "published": span + (f" ({plural(undated, 'undated article')})" if undated else ""),
        "outlets": named or "none named",
        "inputs": f"{plural(summary['inputs'], 'input')}: {statuses}" if statuses else plural(0, "input"),
    }


def corpus_line(corpus: Corpus, sources: Sequence[str]) -> str:
    """One line naming the corpus for the top of every page: 'seeds · 1 article · 5 November 2025'."""
    facts = corpus_facts(corpus)
    return f"Corpus: {corpus_name(sources)} · {facts['articles'].split(' (')[0]} · {facts['published']}"


def thumbnail(png: Path, *, width: int = THUMB_WIDTH) -> str:
    """A ``data:`` URI of ``png`` scaled down to ``width`` pixels wide (Pillow), for the index page."""
    from PIL import Image

    with Image.open(png) as picture:
        picture.thumbnail((width, width * 4))
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _figures_html(page: Page, folder: Path | None) -> str:
    esc = html.escape
    wanted = page.key_figures or [Path(f).stem for f in page.figures]
    shown = [f for name in wanted for f in page.figures if Path(f).stem == name]
    items = []
    for fig in shown:
        src = thumbnail(folder / fig) if folder is not None and (folder / fig).exists() else fig
        csv = fig[: -len(".png")] + ".csv"
        items.append(
            f'<figure><a href="{esc(page.html, quote=True)}"><img src="{esc(src, quote=True)}" '
            f'alt="{esc(Path(fig).stem, quote=True)}"></a><figcaption>{esc(Path(fig).stem)} · '
            f'<a href="{esc(csv, quote=True)}">data (CSV)</a></figcaption></figure>'
        )
    more = len(page.figures) - len(shown)
    extra = f"<p>and {plural(more, 'more figure')} on the page.</p>" if more > 0 else ""
    return (f'<div class="thumbs">{"".join(items)}</div>' if items else "") + extra


def index_html(
    corpus: Corpus,
    pages: Sequence[Page],
    *,
    sources: Sequence[str] = (),
    folder: str | os.PathLike[str] | None = None,
    show_code: bool = False,
) -> str:
    """The report's front page (see the module docstring); ``folder`` holds the figures to make thumbnails of."""
    esc = html.escape
    name = corpus_name(sources)
    facts = corpus_facts(corpus)
    base = Path(folder) if folder is not None else None
    sections = []
    for p in pages:
        state = "" if p.ok else f' <span class="failed">failed: {esc(p.error)}</span>'
        heading = esc(p.title or p.notebook)
        question = f"<p>{esc(p.question[:1].upper() + p.question[1:])}</p>" if p.question else ""
        sections.append(
            f'<section class="notebook"><h3><a href="{esc(p.html, quote=True)}">{heading}</a>{state}</h3>'
            f"{question}{_figures_html(p, base)}</section>"
        )
    catalog = getattr(corpus, "catalog", None)
    titles = [] if catalog is None else catalog["title"].head(10).tolist()
    count = 0 if catalog is None else len(catalog)
    listed = "Articles" if count <= len(titles) else f"The first {len(titles)} of {plural(count, 'article')}"
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts.items())
    body = [
        f"<h1>News workbench report: {esc(name)}</h1>",
        f'<dl class="facts">{rows}</dl>',
        "<h2>Notebooks</h2>",
        *sections,
        "<p>The interactive explorers are served with <code>workbench dashboard</code>.</p>",
        f"<h2>{esc(listed)}</h2>" if titles else "",
        "<ol>",
        *(f"<li>{esc(str(t))}</li>" for t in titles),
        "</ol>",
        "<p><small>"
        + ("Code cells are shown." if show_code else "Code is hidden; <code>--show-code</code> keeps it.")
        + " Each figure's data is in the CSV beside it.</small></p>",
    ]
    return page_html(f"News workbench report: {name}", "\n".join(b for b in body if b))
