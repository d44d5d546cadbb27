"""The explorers and ``workbench report`` take a dataset-backed corpus (``wb.open(DIR)``) unchanged: each
explorer is built on one and driven once, and none of them reads every article's text."""

from __future__ import annotations

import pytest

import workbench as wb
from tests.scale.test_corpus import mixed_dataset
from workbench import widgets
from workbench.cli import main

pytest.importorskip("duckdb")
pytest.importorskip("ipywidgets")


@pytest.fixture
def opened(tmp_path_factory) -> wb.Corpus:
    return wb.open(mixed_dataset(tmp_path_factory)[1])


def test_article_reader_filters_and_reads_one_article(opened):
    reader = widgets.article_reader(opened)
    assert len(reader.matches) == len(opened)
    reader.words.value = "talks in Istanbul"
    assert 0 < len(reader.matches) < len(opened)
    reader.words.value = ""
    reader.actor.value = "qatar"
    shown = reader.results.value
    assert shown in set(opened.select(actors="qatar").catalog["article_id"])
    assert f'data-article-id="{shown}"' in reader.view.value and '<mark class="actor"' in reader.view.value
    assert "articles" not in opened.backend._frames, "the reader reads the texts of the articles it shows only"


def test_actor_trends_explorer_pages_the_sentences(opened):
    explorer = widgets.actor_trends(opened)
    # no precomputing: the sentences of the actors shown only, a page each
    assert explorer.kwic_limit is not None and set(explorer._kwic) == set(explorer.actors.value)
    explorer.actors.value = ("qatar",)
    assert explorer.data["actor"].unique().tolist() == ["Qatar"]
    assert set(explorer.kwic_rows["actor_id"]) == {"qatar"} and len(explorer.kwic_rows) > 0
    explorer.period.value = explorer.period.options[-1][1]
    week = explorer.kwic_rows
    assert 0 < len(week) <= len(explorer.sentences("qatar"))
    explorer.measure.value = "share"
    assert 0 < explorer.data["value"].max() <= 1
    assert "articles" not in opened.backend._frames


def test_timeline_explorer_follows_the_actor_filter(opened):
    explorer = widgets.timeline(opened)
    first = explorer.actors.options[0][1]
    explorer.actors.value = (first,)
    assert set(explorer.data["actor"]) == {first} and len(explorer.events) > 0


def test_topics_explorer_switches_topic(opened):
    explorer = widgets.topics(opened)
    other = explorer.topic.options[1][1]
    explorer.topic.value = other
    assert set(explorer.data["topic_id"]) == {other} and set(explorer.term_rows["topic_id"]) == {other}


def test_actor_review_accepts_a_candidate(opened, tmp_path):
    review = widgets.actor_review(opened, path=tmp_path / "actors.yml")
    assert len(review.table) > 0
    entry = review.accept_current()
    assert entry is not None and review.decisions[0]["candidate"] == entry["id"]
    assert review.save_decisions() == tmp_path / "actors.yml"


def test_explorer_page_builds_its_tabs(opened):
    page = widgets.explorer(opened)
    page.selected_index = 1
    page.selected_index = 3
    assert {"Articles", "Actor trends", "Topics"} <= set(page.parts)
    assert not any(type(part).__name__ == "HTML" for part in page.parts.values()), "no tab failed"
    assert not page["Articles"].topic.disabled  # topics fitted on the dataset are offered to the reader


@pytest.mark.slow
def test_report_of_a_dataset_folder(tmp_path_factory, tmp_path, capsys):
    _, out = mixed_dataset(tmp_path_factory)
    assert main(["report", str(out), "--out", str(tmp_path / "report")]) == 0
    index = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "9 articles (7 unique stories)" in index
    page = (tmp_path / "report" / "01-load-and-inspect.html").read_text(encoding="utf-8")
    assert "Corpus: 9 articles" in page and str(out) not in page
    assert "report written" in capsys.readouterr().out
