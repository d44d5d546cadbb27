"""The explorer page: tabs built when opened, topics fitted once and shared, failures shown, not raised."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pytest

import workbench as wb
from workbench.widgets import TimelineExplorer, explorer


@pytest.fixture(scope="module")
def seed() -> wb.Corpus:
    return wb.load(Path(__file__).resolve().parents[2] / "seeds")


def test_only_the_first_tab_is_built_at_once(seed: wb.Corpus) -> None:
    page = explorer(seed)
    assert isinstance(page, w.Tab)
    assert list(page.titles) == ["Articles", "Actor trends", "Timeline", "Topics", "Actor review"]
    assert list(page.parts) == ["Articles"]
    assert page["Articles"].results.value == seed.articles.loc[0, "article_id"]


def test_opening_a_tab_builds_it(seed: wb.Corpus) -> None:
    page = explorer(seed)
    page.selected_index = 2
    assert "Timeline" in page.parts
    assert page.children[2].children == (page.parts["Timeline"],)


def test_topics_are_fitted_when_needed_and_offered_to_the_reader(seed: wb.Corpus) -> None:
    page = explorer(seed)
    reader = page["Articles"]
    assert reader.topic.disabled
    topics_tab = page["Topics"]
    assert topics_tab.topics is page.topics() and not reader.topic.disabled
    reader.topic.value = reader.topic.options[1][1]
    assert len(reader.matches) == 1


def test_a_failing_explorer_shows_why(seed: wb.Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValueError("no <dates> here")

    monkeypatch.setattr(TimelineExplorer, "__init__", broken)
    part = explorer(seed)["Timeline"]
    assert isinstance(part, w.HTML)
    assert "Timeline failed on this corpus: ValueError: no &lt;dates&gt; here" in part.value


def test_a_tab_is_prepared_under_a_progress_bar_that_names_each_step(
    seed: wb.Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    topics_module = importlib.import_module("workbench.widgets.topics")  # the package exports a function of that name

    page = explorer(seed)
    seen: list[tuple[int, int, str]] = []  # (value, max, label) of the Topics slot when the explorer is built
    real = topics_module.topics

    def watched(*args: object, **kwargs: object) -> w.Widget:
        shown = page.children[3].children[0]
        assert isinstance(shown, w.VBox) and shown.children[0] is page.progress
        seen.append((page.progress.value, page.progress.max, shown.children[1].value))
        return real(*args, **kwargs)

    monkeypatch.setattr(topics_module, "topics", watched)
    page.selected_index = 3
    # the topics were fitted as step 1 of 2, then the explorer built (step 2) while the bar was on screen
    assert seen == [
        (1, 2, '<p class="wb-note">Preparing this tab, step 2 of 2: building the topics explorer&hellip;</p>')
    ]
    assert page._topics is not None and page.children[3].children == (page.parts["Topics"],)
    page.selected_index = 2  # a tab with nothing to compute first still says what it is doing
    assert page.progress.max == 1 and page.progress.description == "Timeline"
