"""All explorers on one page (the dashboard, ``notebooks/05-explorer.ipynb``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from workbench.widgets._render import esc


class Explorer(w.Tab):
    """One tab per explorer; ``parts`` maps a tab title to its explorer (or a note on why it is missing)."""

    def __init__(self, parts: dict[str, w.Widget]) -> None:
        self.parts = parts
        super().__init__(children=list(parts.values()), titles=tuple(parts))

    def __getitem__(self, title: str) -> w.Widget:
        return self.parts[title]


def _builders(topics: Any) -> list[tuple[str, Callable[[Any], w.Widget]]]:
    def reader(corpus: Any) -> w.Widget:
        from workbench.widgets.articles import article_reader

        return article_reader(corpus, topics=topics)

    def trends(corpus: Any) -> w.Widget:
        from workbench.widgets.actor_trends import actor_trends

        return actor_trends(corpus)

    def timeline(corpus: Any) -> w.Widget:
        from workbench.widgets.timeline import timeline as timeline_explorer

        return timeline_explorer(corpus)

    def topic(corpus: Any) -> w.Widget:
        from workbench.widgets.topics import topics as topics_explorer

        return topics_explorer(corpus, topics=topics)

    def review(corpus: Any) -> w.Widget:
        from workbench.widgets.actor_review import actor_review

        return actor_review(corpus)

    return [
        ("Articles", reader),
        ("Actor trends", trends),
        ("Timeline", timeline),
        ("Topics", topic),
        ("Actor review", review),
    ]


def fit_topics(corpus: Any) -> Any:
    """Topics with ``level="auto"`` (paragraphs when there are few articles); None if not installed."""
    try:
        return corpus.topics(level="auto")
    except ImportError:
        return None


def explorer(corpus: Any, *, topics: Any = None) -> Explorer:
    """Every explorer on one page, as tabs: articles, actor trends, timeline, topics, actor review.

    An explorer whose parts are not installed, or that fails on this corpus, shows a note saying so instead
    of breaking the page.

    Args:
        corpus: a ``workbench.Corpus``.
        topics: a fitted ``corpus.topics()`` shared by the explorers that use topics (fitted when needed).
    """
    if topics is None:
        topics = fit_topics(corpus)
    parts: dict[str, w.Widget] = {}
    for title, build in _builders(topics):
        try:
            parts[title] = build(corpus)
        except ImportError as exc:
            parts[title] = w.HTML(f'<p class="wb-note">{esc(title)} is not available here: {esc(exc)}</p>')
        except Exception as exc:  # noqa: BLE001 - one failing explorer must not take the page down; say why
            reason = f"{type(exc).__name__}: {exc}"
            parts[title] = w.HTML(f'<p class="wb-note">{esc(title)} failed on this corpus: {esc(reason)}</p>')
    return Explorer(parts)
