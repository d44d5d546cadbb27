"""Plots of what a corpus holds, the first things an analyst checks: articles per day by outlet, and what
happened to every input (the ingest report's statuses).

>>> import workbench as wb
>>> corpus = wb.load("seeds/")
>>> articles_over_time(corpus).data[["outlet", "articles"]].values.tolist()
[['(no outlet)', 1]]
>>> report_statuses(corpus).data.set_index("status")["inputs"].to_dict()
{'loaded': 1, 'duplicate': 0, 'skipped': 1, 'failed': 0}
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from workbench.plot.layout import attach_data, date_axis, date_window, finish, period_label, period_step, plural

if TYPE_CHECKING:
    from workbench import Corpus

__all__ = ["STATUSES", "articles_over_time", "report_statuses"]

#: The ingest report's statuses in reading order, with the colour each is drawn in.
STATUSES = {"loaded": "#2e7d32", "duplicate": "#9e9e9e", "skipped": "#ef6c00", "failed": "#c62828"}
#: The label of articles that name no outlet.
NO_OUTLET = "(no outlet)"
#: The label of the outlets beyond the ``top`` shown.
OTHER = "(other outlets)"


def _catalog(corpus: Corpus) -> pd.DataFrame:
    frame = getattr(corpus, "catalog", None)
    return corpus.articles if frame is None else frame


def articles_over_time(corpus: Corpus, *, freq: str = "D", by: str = "outlet", top: int = 6) -> Figure:
    """Articles per period (``freq``: D/W/M, by publication date) as bars stacked by ``by`` (an articles column).

    The ``top`` values of ``by`` with the most articles get their own colour, the rest share one. Undated
    articles are counted in a note; so are publication dates far from the rest (``layout.date_window``).
    ``fig.data``: ``period``, ``outlet`` (or the ``by`` column), ``articles``.
    """
    arts = _catalog(corpus)
    groups = arts[by].fillna("").astype(str).str.strip().replace("", NO_OUTLET if by == "outlet" else "(none)")
    keep = set(groups.value_counts().index[:top])
    groups = groups.where(groups.isin(keep), OTHER)
    published = pd.to_datetime(arts["published"])
    dated = published.notna()
    periods = published[dated].dt.to_period(freq).dt.start_time
    data = (
        pd.DataFrame({"period": periods, by: groups[dated]})
        .groupby(["period", by], as_index=False)
        .size()
        .rename(columns={"size": "articles"})
    )
    fig = Figure(figsize=(9, 4))
    ax = fig.add_subplot()
    notes = []
    undated = int((~dated).sum())
    if undated:
        notes.append(f"{plural(undated, 'undated article')} {'is' if undated == 1 else 'are'} not drawn.")
    if data.empty:
        ax.text(0.5, 0.5, "no dated articles", ha="center", va="center", transform=ax.transAxes)
        labels: list[str] = []
    else:
        window = date_window(data["period"], weights=data["articles"])
        drawn = data[window.keep.to_numpy()]
        wide = drawn.pivot_table(index="period", columns=by, values="articles", aggfunc="sum", fill_value=0)
        wide = wide[wide.sum().sort_values(ascending=False, kind="stable").index]
        labels = [str(c) for c in wide.columns]
        if len(wide) == 1:
            ax.bar(range(len(labels)), wide.iloc[0].to_numpy(), color=[f"C{i}" for i in range(len(labels))], width=0.6)
            ax.set_xticks(range(len(labels)), labels)
            pad = max(0.0, (3 - len(labels)) / 2)
            ax.set_xlim(-0.6 - pad, len(labels) - 0.4 + pad)
            ax.set_xlabel(f"{by}, {period_label(pd.Timestamp(wide.index[0]), freq)}")
            labels = []
        else:
            width = period_step(freq) * 0.8
            bottom = pd.Series(0.0, index=wide.index)
            for name in wide.columns:
                ax.bar(wide.index, wide[name], width=width, bottom=bottom, label=str(name), align="edge")
                bottom += wide[name]
            date_axis(ax, window, pad=period_step(freq))
            ax.set_xlabel(f"publication date ({freq})")
        notes.append(window.note("article"))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("articles")
    ax.set_title(f"Articles per {'day' if freq.upper() == 'D' else 'period'} by {by}")
    finish(fig, ax, labels=labels, note=" ".join(n for n in notes if n))
    attach_data(fig, data)
    return fig


def report_statuses(corpus: Corpus) -> Figure:
    """How many inputs were loaded, found duplicate, skipped or failed (the ingest report), as bars.

    Every status gets its bar, zero or not, so that "nothing failed" can be seen. ``fig.data``: ``status``,
    ``inputs``, ``share`` (of all inputs).
    """
    counts = corpus.report["status"].value_counts()
    statuses = list(STATUSES) + [s for s in counts.index if s not in STATUSES]
    data = pd.DataFrame({"status": statuses, "inputs": [int(counts.get(s, 0)) for s in statuses]})
    total = int(data["inputs"].sum())
    data["share"] = data["inputs"] / total if total else 0.0
    fig = Figure(figsize=(7, 0.45 * len(statuses) + 1.4))
    ax = fig.add_subplot()
    rows = range(len(statuses))
    ax.barh(rows, data["inputs"], color=[STATUSES.get(s, "C0") for s in statuses], height=0.6)
    ax.set_yticks(rows, statuses)
    ax.invert_yaxis()
    top = max(int(data["inputs"].max()), 1)
    ax.set_xlim(0, top * 1.2)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for row, value in zip(rows, data["inputs"], strict=True):
        ax.text(value + top * 0.01, row, f"{value:,}", va="center", fontsize="small")
    ax.set_xlabel("inputs (files, and records inside multi-record files)")
    ax.set_title(f"What happened to the {total:,} input{'s' if total != 1 else ''}")
    finish(fig, ax, margins=(0.16, 0.2, 0.95, 0.85))
    attach_data(fig, data)
    return fig
