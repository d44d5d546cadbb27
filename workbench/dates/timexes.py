"""Temporal expressions (TimeML TIMEX3) found in news text and resolved against the publication date.

``tag`` finds dates, times, durations and sets in one text with the rules of
``workbench.dates.patterns`` (one regex scan per sentence, so the cost is linear in the text), then
normalises each to a TIMEX3 ``value``: relative and underspecified expressions ("on Wednesday",
"October 25", "next week", "tomorrow morning") are resolved against ``published`` and the tense of the
sentence ("announced on October 29" is past, "will meet on November 6" is future). What cannot be resolved
keeps ``X`` in the value (``XXXX-10-25``); nothing is guessed.

>>> [(t.surface, t.value) for t in tag("He said on Wednesday the talks will resume next week.",
...                                    published="2025-11-05")]
[('Wednesday', '2025-11-05'), ('next week', '2025-W46')]

``timexes_table`` runs ``tag`` over a corpus (``corpus.timexes``); ``infer_published_dates`` fills unknown
publication dates from the text (see ``workbench.dates.inference``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from workbench import schema
from workbench.dates.inference import infer_published_dates
from workbench.dates.tagger import Timex, tag
from workbench.dates.values import value_date

__all__ = ["Timex", "tag", "timexes_table", "infer_published_dates", "value_date", "in_ns_range", "TIMEX_COLUMNS"]

TIMEX_COLUMNS = schema.columns("timexes")  #: the timexes table (declared in ``workbench.schema``)


def timexes_table(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``corpus.timexes``: one row per temporal expression, with SPEC's columns plus ``granularity``.

    Offsets are into ``articles.text``; each expression lies inside one sentence of ``sentences``.
    """
    spans: dict[str, list[tuple[int, int, int]]] = {}
    if len(sentences):
        for aid, sid, s, e in zip(
            sentences["article_id"],
            sentences["sentence_id"],
            sentences["start"],
            sentences["end"],
            strict=True,
        ):
            spans.setdefault(aid, []).append((int(s), int(e), int(sid)))
    rows: list[tuple] = []
    published = articles["published"] if "published" in articles else pd.Series(pd.NaT, index=articles.index)
    for aid, text, pub in zip(articles["article_id"], articles["text"], published, strict=True):
        sents = sorted(spans.get(aid, []))
        if not isinstance(text, str) or not sents:
            continue
        for t in tag(text, published=pub, sentences=sents):
            sid = _sentence_of(sents, t.start)
            date, gran = value_date(t.value)
            rows.append((aid, sid, t.start, t.end, t.surface, t.type, t.value, in_ns_range(date), gran))
    frame = pd.DataFrame(rows, columns=TIMEX_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce").astype("datetime64[ns]")
    for col in ("sentence_id", "start", "end"):
        frame[col] = frame[col].astype("int64")
    return frame


#: The dates a ``datetime64[ns]`` column can hold (pandas' Timestamp.min/max, rounded inwards).
_NS_MIN, _NS_MAX = dt.datetime(1677, 9, 22), dt.datetime(2262, 4, 11)


def in_ns_range(when: dt.datetime | None) -> dt.datetime | None:
    """``when`` if a ``datetime64[ns]`` column can hold it, else None (NaT): "in 1492" keeps its value
    ``1492`` but has no ``date``.

    >>> in_ns_range(dt.datetime(1492, 1, 1)) is None, in_ns_range(dt.datetime(1987, 1, 1))
    (True, datetime.datetime(1987, 1, 1, 0, 0))
    """
    if when is None or not _NS_MIN <= when <= _NS_MAX:
        return None
    return when


def _sentence_of(sents: list[tuple[int, int, int]], pos: int) -> int:
    lo, hi = 0, len(sents) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sents[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return sents[lo][2]
