"""Actor mentions in one article: dictionary and gazetteer matches, discovered names, and aliases.

:func:`article_mentions` is a pure function of one article, the compiled matcher and the shipped model, so
a Dask partition can map it. The corpus-level pass that follows is in ``workbench.actors.classifier`` and
``workbench.actors.resolution``; the frames of a corpus (``mentions_table``, ``actors_table``) are in
``workbench.actors.tables``.

How a mention is found (:class:`MentionFinder`: ``match`` finds, ``annotate`` revises), in order:

1. Runs of capitalised words ("PPP Chairman Bilawal Bhutto-Zardari") are cut out of the text with one regex
   (``workbench.actors.runs``).
2. Inside a run, the longest alias of the dictionaries or the gazetteer wins (``method`` dictionary or
   gazetteer); a capital not governed by a place preposition stands for its state ("Islamabad said" →
   Pakistan, ``metonymy=True``); "in Islamabad" stays the place. A longer capitalised name wins over a
   gazetteer sub-span ("Real Madrid", not "Madrid"; ``workbench.actors.chunks``).
3. The rest is *discovered*: titles mark persons and the organisations before them
   (``workbench.actors.titles``); head words, given names and guesses type the rest
   (``workbench.actors.discovery``).
4. The shipped model (``workbench.actors.typer``) retypes the guesses, drops table words it reads as no name
   and reads places used as organisations ("Barcelona beat Porto").
5. Aliases (``method="alias"``, ``workbench.actors.aliases``): surnames, acronyms in brackets, role nouns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from workbench.actors.aliases import resolve_article
from workbench.actors.article import ArticleState, Row
from workbench.actors.matcher import ActorMatcher, matcher_for
from workbench.actors.runs import find_runs
from workbench.actors.typer import SpanTyper, shipped_typer


class MentionFinder:
    """The per-article actor finder: ``match`` (steps 1–3) then ``annotate`` (steps 4–5).

    ``typer``: the span model (``True``: the shipped one; ``False``: none, the rules alone).
    """

    def __init__(self, matcher: ActorMatcher, *, typer: SpanTyper | bool = True) -> None:
        self.matcher = matcher
        self.typer: SpanTyper | None = shipped_typer() if typer is True else typer or None

    def match(self, state: ArticleState) -> None:
        """Find the alias matches and discovered names of the article."""
        find_runs(state, self.typer)

    def annotate(self, state: ArticleState) -> None:
        """Revise the rows found: the model's types, then aliases of names already found."""
        if self.typer is not None:
            self.typer.annotate(state)
        resolve_article(state)

    def __call__(
        self,
        article_id: str,
        text: str,
        sentences: Sequence[tuple[int, int]],
        *,
        published: dt.date | None = None,
    ) -> list[Row]:
        state = ArticleState(article_id, text or "", list(sentences), published, self.matcher)
        self.match(state)
        self.annotate(state)
        rows = state.rows
        rows.sort(key=lambda r: (int(r["start"]), int(r["end"])))  # type: ignore[call-overload]
        return rows


def article_mentions(
    article_id: str,
    text: str,
    sentences: Sequence[tuple[int, int]],
    *,
    published: dt.date | None = None,
    matcher: ActorMatcher | None = None,
    typer: SpanTyper | bool = True,
) -> list[Row]:
    """Mention rows of one article (pure: depends only on its arguments, the matcher and the model).

    >>> rows = article_mentions("a1", "Defence Minister Khawaja Asif met NATO envoys in Doha.", [(0, 55)])
    >>> [(r["surface"], r["actor"], r["actor_type"], r["method"])
    ...  for r in rows]  # doctest: +NORMALIZE_WHITESPACE
    [('Khawaja Asif', 'Khawaja Asif', 'person', 'dictionary'), ('NATO', 'NATO', 'organization', 'gazetteer'),
     ('Doha', 'Doha', 'place', 'gazetteer')]
    """
    finder = MentionFinder(matcher if matcher is not None else matcher_for(), typer=typer)
    return finder(article_id, text, sentences, published=published)
