"""Topic shares and term frequencies per day, week or month, by publication date.

Periods run from the first to the last dated article with no gaps (an empty week is a 0, not a missing
point); ``period`` is the period's first day. Undated articles (``published`` NaT) are left out and counted
in ``frame.attrs["undated"]``. ``unit="stories"`` counts a story once: articles marked as near-duplicates of
another (``duplicate_of`` set) are left out.

>>> import pandas as pd
>>> from workbench.analysis.vectors import frames_from_texts
>>> texts = {"a": "Talks resumed.", "b": "Talks failed. Talks again.", "c": "Talks resumed."}
>>> articles, _, tokens = frames_from_texts(
...     texts, published={"a": "2025-10-20", "b": "2025-10-29", "c": "2025-10-29"}, duplicate_of={"c": "a"})
>>> term_trends(articles, tokens, ["talks"], freq="W")[["period", "value"]].values.tolist()
[[Timestamp('2025-10-20 00:00:00'), 1.0], [Timestamp('2025-10-27 00:00:00'), 3.0]]
>>> term_trends(articles, tokens, "talks", freq="W", measure="articles", unit="stories")["value"].tolist()
[1.0, 1.0]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import numpy as np
import pandas as pd

from workbench.analysis.kwic import match_spans
from workbench.analysis.vectors import WorkbenchError, content_mask

__all__ = ["topic_trends", "term_trends", "periods", "TopicWeights"]


class TopicWeights(Protocol):
    """What :func:`topic_trends` reads of a fitted topic model (``workbench.topics.model.Topics`` has it)."""

    @property
    def doc_topics(self) -> pd.DataFrame: ...  # article_id (+ paragraph_id), topic_id, weight

    @property
    def documents(self) -> pd.DataFrame: ...  # article_id (+ paragraph_id), published, duplicate_of

    @property
    def labels(self) -> pd.DataFrame: ...  # topic_id, label


FREQS = {"D": "D", "W": "W-SUN", "M": "M"}


def _check(freq: str, unit: str) -> str:
    if freq not in FREQS:
        raise WorkbenchError(f"freq must be 'D', 'W' or 'M'; got {freq!r}")
    if unit not in ("articles", "stories"):
        raise WorkbenchError(f"unit must be 'articles' or 'stories'; got {unit!r}")
    return FREQS[freq]


def _dated(articles: pd.DataFrame, unit: str) -> tuple[pd.DataFrame, int]:
    """article_id, published of the articles that count (dated; one per story if ``unit="stories"``)."""
    cols = ["article_id", "published"] + (["duplicate_of"] if "duplicate_of" in articles else [])
    frame = articles[cols].copy()
    frame["article_id"] = frame["article_id"].astype(str)
    if unit == "stories" and "duplicate_of" in frame:
        frame = frame[frame["duplicate_of"].isna()]
    frame["published"] = pd.to_datetime(frame["published"])
    undated = int(frame["published"].isna().sum())
    return frame.dropna(subset=["published"])[["article_id", "published"]], undated


def periods(dates: pd.Series, freq: str = "W") -> pd.Series:
    """The first day of each date's period (``freq`` "D", "W" — weeks start on Monday — or "M")."""
    return pd.to_datetime(dates).dt.to_period(_check(freq, "articles")).dt.start_time


def _full_range(
    values: pd.DataFrame, key: str, keys: list[str] | list[int], dated: pd.DataFrame, freq: str, fill: float
) -> pd.DataFrame:
    if dated.empty:
        return values.iloc[0:0]
    span = pd.period_range(dated["published"].min(), dated["published"].max(), freq=FREQS[freq]).start_time
    grid = pd.MultiIndex.from_product([span, keys], names=["period", key]).to_frame(index=False)
    out = grid.merge(values, how="left", on=["period", key])
    out["value"] = out["value"].fillna(fill).astype(float)
    return out


def topic_trends(
    topics: TopicWeights,
    *,
    freq: str = "W",
    measure: str = "share",
    unit: str = "articles",
    articles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each topic's weight per period.

    Args:
        topics: a :class:`workbench.topics.model.Topics`.
        freq: ``"D"``, ``"W"`` or ``"M"``.
        measure: ``"share"`` (mean topic weight of the period's articles: the topic's share of what was
            published), or ``"articles"`` (articles whose strongest topic it is).
        unit: ``"articles"`` or ``"stories"`` (near-duplicates counted once).
        articles: dates from this frame instead of the ones kept in ``topics``.

    Returns:
        period, topic_id, label, value (and ``attrs["undated"]``).
    """
    _check(freq, unit)
    if measure not in ("share", "articles"):
        raise WorkbenchError(f"measure must be 'share' or 'articles'; got {measure!r}")
    source = articles if articles is not None else topics.documents.drop_duplicates("article_id")
    dated, undated = _dated(source, unit)
    # paragraph level: an article's topic weights are the mean over its paragraphs
    weights = topics.doc_topics.groupby(["article_id", "topic_id"])["weight"].sum().reset_index()
    n_units = topics.documents.groupby("article_id").size()
    weights["weight"] = weights["weight"] / weights["article_id"].map(n_units).fillna(1)
    weights = weights.merge(dated, on="article_id")
    weights["period"] = periods(weights["published"], freq)
    dated = dated.assign(period=periods(dated["published"], freq))
    per_period = dated.groupby("period").size()
    if measure == "share":
        values = weights.groupby(["period", "topic_id"])["weight"].sum().reset_index(name="value")
        values["value"] = values["value"] / values["period"].map(per_period)
    else:
        best = weights.sort_values(["article_id", "weight", "topic_id"], ascending=[True, False, True])
        best = best.drop_duplicates("article_id")
        values = best.groupby(["period", "topic_id"]).size().reset_index(name="value")
    out = _full_range(values, "topic_id", sorted(topics.labels["topic_id"]), dated, freq, 0.0)
    out = out.merge(topics.labels, how="left", on="topic_id")[["period", "topic_id", "label", "value"]]
    out.attrs["undated"] = undated
    return out


def term_trends(
    articles: pd.DataFrame,
    tokens: pd.DataFrame,
    terms: str | Iterable[str],
    *,
    freq: str = "W",
    measure: str = "count",
    unit: str = "articles",
) -> pd.DataFrame:
    """How often each term (word, phrase or ``prefix*``) is used per period.

    Args:
        articles: the ``articles`` frame (``published``, ``duplicate_of``).
        tokens: the ``tokens`` frame.
        terms: one term or several.
        freq: ``"D"``, ``"W"`` or ``"M"``.
        measure: ``"count"`` (uses), ``"per_1k"`` (uses per 1,000 content words published in the period) or
            ``"articles"`` (articles using it).
        unit: ``"articles"`` or ``"stories"`` (near-duplicates counted once).

    Returns:
        period, term, value (and ``attrs["undated"]``).
    """
    _check(freq, unit)
    if measure not in ("count", "per_1k", "articles"):
        raise WorkbenchError(f"measure must be 'count', 'per_1k' or 'articles'; got {measure!r}")
    term_list = [terms] if isinstance(terms, str) else list(terms)
    if not term_list:
        raise WorkbenchError("give at least one term")
    dated, undated = _dated(articles, unit)
    dated = dated.assign(period=periods(dated["published"], freq))
    hits = match_spans(tokens, term_list).rename(columns={"query": "term"})
    hits["article_id"] = hits["article_id"].astype(str)
    hits = hits.merge(dated, on="article_id")
    if measure == "articles":
        values = hits.drop_duplicates(["article_id", "term"]).groupby(["period", "term"]).size()
    else:
        values = hits.groupby(["period", "term"]).size()
    values = values.reset_index(name="value")
    if measure == "per_1k":
        size = pd.DataFrame({"article_id": tokens["article_id"].astype(str), "w": content_mask(tokens)})
        size = size.groupby("article_id")["w"].sum().reset_index().merge(dated, on="article_id")
        words = size.groupby("period")["w"].sum()
        values["value"] = 1000.0 * values["value"] / values["period"].map(words).replace(0, np.nan)
    out = _full_range(values, "term", term_list, dated, freq, 0.0)[["period", "term", "value"]]
    out.attrs["undated"] = undated
    return out
