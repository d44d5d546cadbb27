"""Actor mentions and actors of a corpus as frames (``corpus.mentions``, ``corpus.actors``).

:func:`mentions_table` finds the mentions of each article (``workbench.actors.mentions``: dictionary and
gazetteer matches, discovered names, aliases), lets a classifier trained on the corpus retype the names the
rules were unsure of (``workbench.actors.classifier``), then runs one corpus-level pass
(``workbench.actors.resolution``) that merges name variants across articles and settles the type of
discovered actors. :func:`actors_table` summarises mentions per actor.
"""

from __future__ import annotations

import gc
import os
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter

import numpy as np
import pandas as pd
import pyarrow as pa

from workbench import schema
from workbench.actors.classifier import retype_unsure
from workbench.actors.matcher import matcher_for
from workbench.actors.mentions import MentionFinder
from workbench.actors.resolution import most_frequent, resolve_corpus

MENTION_COLUMNS = schema.columns("mentions")  #: the mentions table (declared in ``workbench.schema``)
ACTOR_COLUMNS = schema.columns("actors")  #: the actors table (declared in ``workbench.schema``)


def sentence_spans(sentences: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """Per article, the (start, end) of its sentences (the finder orders them by start: sentence ids must
    be 0.. in text order). Public: the Dask ingest (``workbench.scale.tasks``) reads it too."""
    if sentences is None or len(sentences) == 0:
        return {}
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for aid, start, end in zip(
        sentences["article_id"].tolist(), sentences["start"].tolist(), sentences["end"].tolist(), strict=True
    ):
        spans[aid].append((start, end))
    return spans


def mention_values(rows: Sequence[dict[str, object]]) -> list[tuple[object, ...]]:
    """The values of mention rows, one tuple a row in the order of :data:`MENTION_COLUMNS` (what
    :func:`frame_of_values` builds a frame from: an article's rows are read while they are fresh, and the
    dicts freed with the article)."""
    return list(map(_ROW_VALUES, rows))


_ROW_VALUES = itemgetter(*MENTION_COLUMNS)
_MENTION_DTYPES = {"sentence_id": "int64", "start": "int64", "end": "int64", "metonymy": "bool", "strength": "int64"}
#: pandas' ``str`` (Arrow-backed, NaN for missing): what a column of Python strings is inferred as.
_STR = pd.StringDtype("pyarrow", na_value=np.nan)


def _column(values: np.ndarray, dtype: str | None) -> object:
    """One column (an object array) of the mentions frame: numbers and flags as NumPy arrays, text straight
    into Arrow (what pandas infers from a list of strings, without its inference); a list for pandas to
    infer from when it is not all text."""
    if dtype is not None:
        return values.astype(dtype)
    items = values.tolist()
    try:
        return pd.array(pa.array(items, type=pa.large_string()), dtype=_STR)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return items


def frame_of_values(values: Sequence[tuple[object, ...]]) -> pd.DataFrame:
    """The frame of :func:`mention_values` tuples (the same frame as :func:`mention_frame` of their rows)."""
    if not values:
        return pd.DataFrame([], columns=MENTION_COLUMNS).astype(_MENTION_DTYPES)
    table = np.empty((len(values), len(MENTION_COLUMNS)), dtype=object)
    table[:] = values  # one C pass; each column is then one slice, not a Python loop over the rows
    data = {c: _column(table[:, i], _MENTION_DTYPES.get(c)) for i, c in enumerate(MENTION_COLUMNS)}
    return pd.DataFrame(data, columns=MENTION_COLUMNS).astype(_MENTION_DTYPES)


def mention_frame(rows: Sequence[dict[str, object]]) -> pd.DataFrame:
    """The mention rows of articles (``workbench.actors.mentions.article_mentions``) as a frame."""
    return frame_of_values(mention_values(rows))


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused: the finder makes hundreds of thousands of small dicts and
    tuples and no reference cycles, and each full collection would walk every object of the corpus
    (a fifth of the time of the pass). Reference counting frees everything as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def raw_mentions(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    dictionaries: Sequence[str | os.PathLike[str]] = (),
    builtin_actors: bool = True,
    model: bool = True,
) -> pd.DataFrame:
    """The mentions of each article, before the corpus pass (also the Dask ingest's per-partition step,
    ``workbench.scale.tasks.raw_mentions``). An article's own outlet ("Reuters" in Reuters' stories) is its
    narrator, not one of its actors: its name alone is no mention there."""
    matcher = matcher_for(tuple(dictionaries), builtin_actors=builtin_actors)
    finder = MentionFinder(matcher, typer=model)
    with _no_cycle_collection():  # all of it: what a pass leaves alive is what a later collection walks
        spans = sentence_spans(sentences)
        published = articles["published"] if "published" in articles else pd.Series(pd.NaT, index=articles.index)
        days = [None if pd.isna(pub) else pd.Timestamp(pub).date() for pub in published.tolist()]
        outlets = articles["outlet"].tolist() if "outlet" in articles else [None] * len(articles)
        values: list[tuple[object, ...]] = []
        for aid, text, day, outlet in zip(
            articles["article_id"].tolist(), articles["text"].tolist(), days, outlets, strict=True
        ):
            found = finder(aid, text if isinstance(text, str) else "", spans.get(aid, []), published=day)
            if isinstance(outlet, str) and outlet.strip():
                narrator = outlet.strip().casefold()
                found = [r for r in found if str(r["surface"]).casefold() != narrator]
            values.extend(mention_values(found))
        frame = frame_of_values(values)
        del spans, days, values  # freed while collection is paused
        return frame


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
    df = raw_mentions(articles, sentences, dictionaries=dictionaries, builtin_actors=builtin_actors, model=model)
    with _no_cycle_collection():
        if classify:
            texts = dict(zip(articles["article_id"].tolist(), articles["text"].tolist(), strict=True))
            df = retype_unsure(df, texts)
        return resolve_corpus(df).reset_index(drop=True)


def grouped_lists(keys: pd.Series, values: pd.Series) -> pd.Series:
    """Per key (in order of first appearance after a stable sort by key), the list of its ``values`` in the
    order given. The same as ``values.groupby(keys, sort=False).agg(list)`` up to the order of keys, without a
    Python call per group: one stable sort and one slice per key."""
    if len(keys) == 0:
        return pd.Series([], dtype=object)
    codes, uniques = pd.factorize(keys, sort=False)
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    items = values.to_numpy(dtype=object)[order].tolist()
    bounds = np.flatnonzero(np.diff(sorted_codes)) + 1
    starts = [0, *bounds.tolist()]
    ends = [*bounds.tolist(), len(items)]
    lists = [items[a:b] for a, b in zip(starts, ends, strict=True)]
    return pd.Series(lists, index=pd.Index(uniques[sorted_codes[starts]], name=keys.name), dtype=object)


def _aliases(mentions: pd.DataFrame) -> pd.Series:
    """Per actor, its surfaces by frequency (then alphabetical); a role noun ("the president") is a mention
    of whoever held the role then, not a name of the actor, so it is no alias (unless nothing else is)."""
    named = ~mentions["evidence"].astype(str).str.startswith("role:").to_numpy(dtype=bool)
    has_name = pd.Series(named, index=mentions.index).groupby(mentions["actor_id"], sort=False).transform("any")
    return by_frequency(mentions[named | ~has_name.to_numpy(dtype=bool)], "surface")


def by_frequency(mentions: pd.DataFrame, column: str) -> pd.Series:
    """Per actor_id, the distinct values of ``column``, commonest first (ties: alphabetical)."""
    counts = mentions.groupby(["actor_id", column], sort=False).size().reset_index(name="n")
    counts = counts.sort_values(["actor_id", "n", column], ascending=[True, False, True])
    return grouped_lists(counts["actor_id"], counts[column])


def actor_summary(mentions: pd.DataFrame) -> dict[str, pd.Series]:
    """Per actor_id of ``mentions`` (with a ``published`` column): its commonest name and type (ties:
    alphabetical), its mentions and articles, and the first and last publication dates it was seen on."""
    grouped = mentions.groupby("actor_id", sort=False)
    return {
        "actor": most_frequent(mentions, "actor"),
        "actor_type": most_frequent(mentions, "actor_type"),
        "mentions": grouped.size(),
        "articles": grouped["article_id"].nunique(),
        "first_seen": grouped["published"].min(),
        "last_seen": grouped["published"].max(),
    }


def _methods(mentions: pd.DataFrame) -> pd.Series:
    """Per actor, the methods that found it, sorted."""
    pairs = mentions[["actor_id", "method"]].drop_duplicates().sort_values(["actor_id", "method"])
    return grouped_lists(pairs["actor_id"], pairs["method"])


def actors_table(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: mentions, articles, first/last seen (publication dates), aliases (surfaces; role
    nouns are not aliases)."""
    if mentions is None or mentions.empty:
        return pd.DataFrame(columns=ACTOR_COLUMNS)
    pub = (
        articles.set_index("article_id")["published"] if "published" in articles else pd.Series(dtype="datetime64[ns]")
    )
    df = mentions.assign(published=mentions["article_id"].map(pub))
    out = pd.DataFrame({**actor_summary(df), "aliases": _aliases(df), "methods": _methods(df)}).reset_index()
    out = out.sort_values(["mentions", "actor"], ascending=[False, True]).reset_index(drop=True)
    return out[ACTOR_COLUMNS]
