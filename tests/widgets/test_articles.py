"""The article reader, driven from code: set the filters, check the list and the reading pane."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pytest

import workbench as wb
from workbench.widgets import article_reader
from workbench.widgets.render import highlight_html, table_html

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def seed() -> wb.Corpus:
    return wb.load(Path(__file__).resolve().parents[2] / "seeds")


@pytest.fixture
def small(tmp_path: Path) -> wb.Corpus:
    (tmp_path / "a.txt").write_text(
        f"Talks in Doha {SCRIPT}\n\nKABUL: Qatar hosted talks on Sunday. {IMG} was in the text.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Border reopens\n\nTorkham crossing reopened for trade on Monday.\n", encoding="utf-8"
    )
    (tmp_path / "metadata.csv").write_text(
        "file,published,outlet\na.txt,2025-10-19,Dawn\nb.txt,2025-11-02,Tribune\n", encoding="utf-8"
    )
    return wb.load(tmp_path)


def test_is_a_container_and_shows_the_seed_with_highlights(seed: wb.Corpus) -> None:
    reader = article_reader(seed)
    assert isinstance(reader, w.VBox)
    assert len(reader.matches) == 1 and reader.results.value == seed.articles.loc[0, "article_id"]
    view = reader.view.value
    assert "Pakistan delegation leaves for Istanbul" in view
    assert '<mark class="actor" title="Khawaja Asif (person)">Khawaja Asif</mark>' in view
    assert '<mark class="date" title="DATE 2025-11-05">Wednesday</mark>' in view
    assert "LEAVE A REPLY" in reader.boilerplate.value and "LEAVE A REPLY" not in view


def test_phrase_and_actor_filters(seed: wb.Corpus) -> None:
    reader = article_reader(seed)
    reader.words.value = "talks in Istanbul"
    assert len(reader.matches) == 1
    reader.words.value = "no such phrase here"
    assert reader.matches.empty and reader.results.value is None
    assert "No article matches" in reader.view.value
    reader.words.value = ""
    reader.actor.value = "qatar"
    assert len(reader.matches) == 1


def test_dates_outlet_and_sort(small: wb.Corpus) -> None:
    reader = article_reader(small)
    assert [o[0][:10] for o in reader.results.options] == ["2025-11-02", "2025-10-19"]  # newest first
    reader.sort.value = "oldest"
    assert reader.results.options[0][0].startswith("2025-10-19")
    reader.outlet.value = "Tribune"
    assert reader.matches["title"].tolist() == ["Border reopens"]
    reader.outlet.value = ""
    reader.dates.index = (0, 0)
    assert reader.matches["outlet"].tolist() == ["Dawn"]


def test_article_text_is_escaped(small: wb.Corpus) -> None:
    reader = article_reader(small)
    reader.outlet.value = "Dawn"
    view = reader.view.value
    assert SCRIPT not in view and IMG not in view
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view and "&lt;img src=x onerror=alert(1)&gt;" in view


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("a <b> c", [], "<p>a &lt;b&gt; c</p>"),
        (
            "Asif met Asif",
            [(0, 4, "actor", "Khawaja Asif")],
            '<p><mark class="actor" title="Khawaja Asif">Asif</mark> met Asif</p>',
        ),
        (
            "on Oct 5",
            [(3, 8, "date", "x"), (3, 6, "actor", "y")],
            '<p>on <mark class="date" title="x">Oct 5</mark></p>',
        ),
        ("one\n\ntwo\nthree", [], "<p>one</p><p>two<br>three</p>"),
        (
            "x",
            [(0, 1, "actor", '"><script>')],
            '<p><mark class="actor" title="&quot;&gt;&lt;script&gt;">x</mark></p>',
        ),
    ],
)
def test_highlight_html(text: str, spans: list, expected: str) -> None:
    assert highlight_html(text, spans) == expected


def test_table_html_escapes_and_counts() -> None:
    import pandas as pd

    frame = pd.DataFrame({"left": [SCRIPT] * 3, "actor_id": ["a", "b", "c"]})
    out = table_html(frame, ["left"], max_rows=2, row_attrs=["actor_id"])
    assert SCRIPT not in out and 'data-rows="3"' in out and 'data-actor-id="a"' in out
    assert "Showing 2 of 3 rows" in out
