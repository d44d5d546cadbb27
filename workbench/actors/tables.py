"""Actor mentions and actors of a corpus as frames (``corpus.mentions``, ``corpus.actors``).

:func:`mentions_table` finds the mentions of each article (``workbench.actors.mentions``: dictionary and
gazetteer matches, discovered names, aliases), lets a classifier trained on the corpus retype the names the
rules were unsure of (``workbench.actors.classifier``), then runs one corpus-level pass
(``workbench.actors.resolution``) that merges name variants across articles and settles the type of
discovered actors. :func:`actors_table` summarises mentions per actor.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence

import pandas as pd

from workbench.actors.classifier import retype_unsure
from workbench.actors.matcher import matcher_for
from workbench.actors.mentions import article_mentions
from workbench.actors.resolution import most_frequent, resolve_corpus

MENTION_COLUMNS = [
    "article_id",
    "sentence_id",
    "start",
    "end",
    "surface",
    "actor_id",
    "actor",
    "actor_type",
    "method",
    "metonymy",
    "evidence",
    "strength",
]
ACTOR_COLUMNS = [
    "actor_id",
    "actor",
    "actor_type",
    "mentions",
    "articles",
    "first_seen",
    "last_seen",
    "aliases",
    "methods",
]


def sentence_spans(sentences: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    if sentences is None or len(sentences) == 0:
        return {}
    ordered = sentences.sort_values(["article_id", "sentence_id"])
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for aid, start, end in zip(
        ordered["article_id"].to_numpy(), ordered["start"].to_numpy(), ordered["end"].to_numpy(), strict=True
    ):
        spans[aid].append((int(start), int(end)))
    return spans


def mentions_table(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    tokens: pd.DataFrame | None = None,
    *,
    dictionaries: Sequence[str | os.PathLike[str]] = (),
    builtin_actors: bool = True,
    classify: bool = True,
    model: bool = True,
) -> pd.DataFrame:
    """One row per actor mention (SPEC columns plus ``metonymy``, ``evidence``, ``strength``).

    ``sentence_id`` follows the ``sentences`` frame, so sentence ids there must be 0.. in text order.
    ``tokens`` is accepted for the contract; matching works on the text itself. ``classify=False`` keeps
    the rules' guesses for discovered names instead of asking a classifier trained on the corpus
    (:func:`workbench.actors.classifier.retype_unsure`); ``model=False`` leaves out the shipped span model
    (``workbench.actors.typer``).
    """
    matcher = matcher_for(tuple(dictionaries), builtin_actors=builtin_actors)
    spans = sentence_spans(sentences)
    rows: list[dict[str, object]] = []
    published = articles["published"] if "published" in articles else pd.Series(pd.NaT, index=articles.index)
    for aid, text, pub in zip(articles["article_id"], articles["text"], published, strict=True):
        day = None if pd.isna(pub) else pd.Timestamp(pub).date()
        rows.extend(
            article_mentions(
                aid,
                text if isinstance(text, str) else "",
                spans.get(aid, []),
                published=day,
                matcher=matcher,
                typer=model,
            )
        )
    df = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    df = df.astype({"sentence_id": "int64", "start": "int64", "end": "int64", "metonymy": "bool", "strength": "int64"})
    if classify:
        df = retype_unsure(df, dict(zip(articles["article_id"], articles["text"], strict=True)))
    return resolve_corpus(df).reset_index(drop=True)


def actors_table(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: mentions, articles, first/last seen (publication dates), aliases (surfaces)."""
    if mentions is None or mentions.empty:
        return pd.DataFrame(columns=ACTOR_COLUMNS)
    pub = (
        articles.set_index("article_id")["published"] if "published" in articles else pd.Series(dtype="datetime64[ns]")
    )
    df = mentions.assign(published=mentions["article_id"].map(pub))
    grouped = df.groupby("actor_id", sort=False)
    out = pd.DataFrame(
        {
            "actor": most_frequent(df, "actor"),
            "actor_type": most_frequent(df, "actor_type"),
            "mentions": grouped.size(),
            "articles": grouped["article_id"].nunique(),
            "first_seen": grouped["published"].min(),
            "last_seen": grouped["published"].max(),
            "aliases": grouped["surface"].agg(lambda s: sorted(set(s), key=lambda x: (-list(s).count(x), x))),
            "methods": grouped["method"].agg(lambda s: sorted(set(s))),
        }
    ).reset_index()
    out = out.sort_values(["mentions", "actor"], ascending=[False, True]).reset_index(drop=True)
    return out[ACTOR_COLUMNS]
