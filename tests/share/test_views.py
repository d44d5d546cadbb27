"""Notebook views: an article wrapped as text, KWIC with contexts cut at their outer ends; HTML escaped."""

from __future__ import annotations

import pandas as pd

import workbench as wb
from workbench.share.views import article_view, kwic_view

SCRIPT = "<script>alert(1)</script>"


def test_article_view_escapes_and_sets_boilerplate_apart(seeds_dir) -> None:
    first = wb.load(seeds_dir).articles.iloc[0]
    view = article_view(first)
    page = view._repr_html_()
    assert '<div class="wb-article">' in page and "overflow-wrap: break-word" in page
    assert page.count("<p>") >= 10, "one paragraph element per paragraph, wrapped by the browser"
    assert '<div class="wb-boilerplate">LEAVE A REPLY' in page
    assert repr(view).startswith("Pakistan delegation leaves for Istanbul") and "Cut off as boilerplate:" in repr(view)
    hostile = article_view(pd.Series({"title": SCRIPT, "text": f"Body {SCRIPT}.", "boilerplate": ""}))
    assert SCRIPT not in hostile._repr_html_() and "&lt;script&gt;" in hostile._repr_html_()
    assert "boilerplate" not in hostile._repr_html_().split("</style>")[1]


def test_kwic_view_keeps_the_words_next_to_the_keyword() -> None:
    left = "far away words that do not matter " * 3 + "next to"
    frame = pd.DataFrame({"left": [left], "match": ["Istanbul"], "right": ["talks resume " * 10 + "end"]})
    page = kwic_view(frame, width=30)._repr_html_()
    assert '<td class="left">… that do not matter next to</td>' in page
    assert '<td class="match">Istanbul</td>' in page
    assert '<td class="right">talks resume talks resume …</td>' in page
    assert ".wb-kwic td.left { text-align: right;" in page and ".wb-kwic td.match { text-align: center;" in page


def test_kwic_view_counts_what_it_leaves_out_and_escapes(seeds_dir) -> None:
    rows = wb.load(seeds_dir).kwic("Pakistan", window=6)
    view = kwic_view(rows, max_rows=3)
    assert f"Showing 3 of {len(rows)} rows" in view._repr_html_()
    assert repr(view).splitlines()[0] == f"{len(rows)} matches" and len(repr(view).splitlines()) == 4
    hostile = pd.DataFrame({"left": [SCRIPT], "match": ["x"], "right": [""]})
    assert SCRIPT not in kwic_view(hostile)._repr_html_()
