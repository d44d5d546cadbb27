"""All explorers on one page (the dashboard, ``notebooks/05-explorer.ipynb``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from workbench.widgets.render import esc

if TYPE_CHECKING:
    from workbench.corpus import Corpus
    from workbench.topics.model import Topics


class Explorer(w.Tab):
    """One tab per explorer, each built the first time its tab is opened (or asked for by title).

    ``page["Actor trends"]`` returns that explorer (building it if needed), or a note saying why it is
    missing. Topics are fitted once, when first needed, and then also offered by the article reader.
    """

    def __init__(self, corpus: Corpus, *, topics: Topics | None = None) -> None:
        self.corpus = corpus
        self._topics = topics
        self._builders = dict(_builders(self))
        self.parts: dict[str, w.Widget] = {}
        #: The progress bar of the tab being prepared (the last one opened), left at its last step.
        self.progress: w.IntProgress | None = None
        self._slots = [w.VBox([w.HTML('<p class="wb-note">Loading&hellip;</p>')]) for _ in self._builders]
        super().__init__(children=self._slots, titles=tuple(self._builders))
        self.observe(self._on_select, names="selected_index")
        self._build(0)

    def topics(self) -> Topics | None:
        """The corpus's topics, fitted on first use and shared by the explorers that use them."""
        if self._topics is None:
            self._topics = fit_topics(self.corpus)
            reader = self.parts.get("Articles")
            if reader is not None and hasattr(reader, "set_topics"):
                reader.set_topics(self._topics)
        return self._topics

    def _on_select(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self._build(change["new"])

    def _build(self, index: int) -> w.Widget:
        title = self.titles[index]
        if title not in self.parts:
            try:
                if index > 0:  # the first tab is built with the page, before anything is on screen
                    self._prepare(index)
                part = self._builders[title](self.corpus)
            except ImportError as exc:
                part = w.HTML(f'<p class="wb-note">{esc(title)} is not available here: {esc(exc)}</p>')
            except Exception as exc:  # noqa: BLE001 - one failing explorer must not take the page down; say why
                reason = f"{type(exc).__name__}: {exc}"
                part = w.HTML(f'<p class="wb-note">{esc(title)} failed on this corpus: {esc(reason)}</p>')
            self.parts[title] = part
            self._slots[index].children = (part,)
        return self.parts[title]

    def _prepare(self, index: int) -> None:
        """Compute what tab ``index`` needs step by step under a progress bar in its slot (``self.progress``),
        which the viewer sees while the kernel works: a first opening can take seconds to a minute (the
        actors of a large corpus, fitting its topics); each step is cached, so the next opening is quick."""
        title = self.titles[index]
        steps = [*_steps(self).get(title, []), (f"building the {title.lower()} explorer", None)]
        label = w.HTML()
        self.progress = w.IntProgress(value=0, min=0, max=len(steps), bar_style="info", description=title)
        self._slots[index].children = (w.VBox([self.progress, label]),)
        for number, (what, step) in enumerate(steps, start=1):
            label.value = (
                f'<p class="wb-note">Preparing this tab, step {number} of {len(steps)}: {esc(what)}&hellip;</p>'
            )
            if step is not None:
                step()
                self.progress.value = number

    def __getitem__(self, title: str) -> w.Widget:
        return self._build(list(self.titles).index(title))


def _builders(page: Explorer) -> list[tuple[str, Callable[[Any], w.Widget]]]:
    def reader(corpus: Corpus) -> w.Widget:
        from workbench.widgets.articles import article_reader

        return article_reader(corpus, topics=page._topics)

    def trends(corpus: Corpus) -> w.Widget:
        from workbench.widgets.actor_trends import actor_trends

        return actor_trends(corpus)

    def timeline(corpus: Corpus) -> w.Widget:
        from workbench.widgets.timeline import timeline as timeline_explorer

        return timeline_explorer(corpus)

    def topic(corpus: Corpus) -> w.Widget:
        from workbench.widgets.topics import topics as topics_explorer

        return topics_explorer(corpus, topics=page.topics())

    def review(corpus: Corpus) -> w.Widget:
        from workbench.widgets.actor_review import actor_review

        return actor_review(corpus)

    return [
        ("Articles", reader),
        ("Actor trends", trends),
        ("Timeline", timeline),
        ("Topics", topic),
        ("Actor review", review),
    ]


def _steps(page: Explorer) -> dict[str, list[tuple[str, Callable[[], Any] | None]]]:
    """Per tab, the corpus's parts its explorer uses, computed (and cached) before it is built, so that the
    progress bar can say which one the wait is for."""
    corpus = page.corpus
    return {
        "Actor trends": [("finding the actors and their mentions", lambda: corpus.actors)],
        "Topics": [("fitting the topics", page.topics)],
        "Actor review": [("finding the actors and their mentions", lambda: corpus.actors)],
    }


def fit_topics(corpus: Corpus) -> Topics | None:
    """Topics with ``level="auto"`` (paragraphs when there are few articles); None if not installed."""
    try:
        return corpus.topics(level="auto")
    except ImportError:
        return None


def explorer(corpus: Corpus, *, topics: Topics | None = None) -> Explorer:
    """Every explorer on one page, as tabs: articles, actor trends, timeline, topics, actor review.

    Only the first tab is built at once (so the page comes quickly); the others when first opened, under a
    progress bar that says which step the wait is for (finding the actors, fitting the topics, building the
    explorer). An
    explorer whose parts are not installed, or that fails on this corpus, shows a note saying so instead
    of breaking the page.

    Args:
        corpus: a ``workbench.Corpus``.
        topics: a fitted ``corpus.topics()`` to share (default: fitted when the Topics tab is opened).

    >>> import workbench as wb
    >>> page = explorer(wb.load("seeds/"))
    >>> sorted(page.parts), len(page["Actor trends"].kwic_rows) > 0, sorted(page.parts)
    (['Articles'], True, ['Actor trends', 'Articles'])
    """
    return Explorer(corpus, topics=topics)
