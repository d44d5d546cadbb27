"""``Selection``: which articles of a corpus an analysis looks at, as one value.

``corpus.select(...)`` takes the conditions as keywords or as a ``Selection``; every condition given must hold
(publication dates, actors mentioned, words or phrases, a dominant topic, outlets, article ids). A selection of
a selection narrows it further. Both backends read the same value: the in-memory one filters its frames, the
dataset one pushes the conditions into its Parquet reads.

>>> s = Selection.of(start="2025-10-01", end="2025-10-31", actors="qatar", words="talks in Istanbul")
>>> s.end
Timestamp('2025-10-31 23:59:59.999999')
>>> s.describe()
"published 2025-10-01 to 2025-10-31, actors ['qatar'], words ['talks in Istanbul']"
>>> bool(Selection())
False
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Any

import pandas as pd

from workbench.errors import WorkbenchError

#: A day as ``start=``/``end=`` take it: ISO text, a date, a datetime or a ``pandas.Timestamp`` (None: open).
DateLike = str | dt.date | None


def _texts(value: str | Iterable[Any] | None, name: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    items = (value,) if isinstance(value, str) else tuple(str(v) for v in value)
    if not items:
        raise WorkbenchError(f"{name}: give at least one value (or leave it out)")
    return items


def _day(value: Any, name: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise WorkbenchError(f"{name}={value!r} is not a date; give one such as '2025-10-25'") from None
    if ts is pd.NaT or pd.isna(ts):
        raise WorkbenchError(f"{name}={value!r} is not a date; give one such as '2025-10-25'")
    return ts.tz_convert("UTC").tz_localize(None) if ts.tzinfo is not None else ts


@dataclass(frozen=True)
class Selection:
    """Conditions on articles, all of which must hold (None: no condition).

    Attributes:
        start, end: publication dates, both included (an ``end`` without a time covers its whole day);
            undated articles are left out when either is given.
        actors: articles mentioning any of these actors (ids or canonical names).
        words: articles where any of these words, phrases or ``prefix*`` occurs (the phrase filter).
        topic: articles whose dominant topic is this one (of ``corpus.topics()``, or of the model given to
            ``select``).
        outlets: articles from any of these outlets.
        article_ids: these articles.
    """

    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    actors: tuple[str, ...] | None = None
    words: tuple[str, ...] | None = None
    topic: int | None = None
    outlets: tuple[str, ...] | None = None
    article_ids: tuple[str, ...] | None = None

    @classmethod
    def of(
        cls,
        *,
        start: DateLike = None,
        end: DateLike = None,
        actors: str | Iterable[str] | None = None,
        words: str | Iterable[str] | None = None,
        topic: int | None = None,
        outlet: str | Iterable[str] | None = None,
        article_ids: str | Iterable[str] | None = None,
    ) -> Selection:
        """A checked selection from loose values (one value or several for each list)."""
        lo, hi = _day(start, "start"), _day(end, "end")
        if hi is not None and hi == hi.normalize():
            hi = hi + pd.Timedelta(days=1) - pd.Timedelta(1, "us")
        if lo is not None and hi is not None and lo > hi:
            raise WorkbenchError(f"start {lo:%Y-%m-%d} is after end {hi:%Y-%m-%d}: give start first")
        if topic is not None and (isinstance(topic, bool) or not isinstance(topic, int)):
            raise WorkbenchError(f"topic must be a topic number such as 3, not {topic!r}")
        return cls(
            start=lo,
            end=hi,
            actors=_texts(actors, "actors"),
            words=_texts(words, "words"),
            topic=topic,
            outlets=_texts(outlet, "outlet"),
            article_ids=(article_ids,) if isinstance(article_ids, str) else _texts(article_ids, "article_ids"),
        )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))

    def without_topic(self, article_ids: Iterable[str]) -> Selection:
        """This selection with its topic condition replaced by the articles that meet it."""
        ids = tuple(str(a) for a in article_ids)
        if self.article_ids is not None:
            wanted = set(ids)
            ids = tuple(a for a in self.article_ids if a in wanted)
        return replace(self, topic=None, article_ids=ids)

    def describe(self) -> str:
        """The conditions in words (for a corpus's ``repr`` and messages)."""
        parts = []
        if self.start is not None or self.end is not None:
            lo = f"{self.start:%Y-%m-%d}" if self.start is not None else "…"
            hi = f"{self.end:%Y-%m-%d}" if self.end is not None else "…"
            parts.append(f"published {lo} to {hi}")
        for name in ("actors", "words", "outlets"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name} {list(value)}")
        if self.topic is not None:
            parts.append(f"topic {self.topic}")
        if self.article_ids is not None:
            parts.append(f"{len(self.article_ids):,} article ids")
        return ", ".join(parts) or "every article"
