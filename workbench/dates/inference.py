"""Publication dates inferred from the text when an article has none.

Evidence, strongest first:

1. a year: ``year_hint`` when given, else the most common year of full dates in the text ("Oct. 25, 2025"),
   else the most common year of the other dated articles of the corpus; without a year nothing is inferred;
2. an explicit date next to "today" ("today, November 5");
3. the tense of year-less dates: dates told in the past lie before publication, dates told in the future
   after it ("announced on October 29" … "meet again on November 6");
4. weekdays: "on Wednesday" told in the past is at most six days before publication and most likely the day
   itself, so among the days the dates allow, the one nearest after the weekdays mentioned wins;
5. otherwise the latest date mentioned.

>>> text = ("Asif on Wednesday confirmed the delegation had left. Pakistan announced on October 29 that "
...         "talks had failed. They meet again on November 6.")
>>> infer_date(text, year=2025)
datetime.date(2025, 11, 5)
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

import pandas as pd

from workbench.dates.context import Doc
from workbench.dates.tagger import tag
from workbench.dates.values import valid_date

_MD = re.compile(r"^XXXX-(\d\d)-(\d\d)$")
_WD = re.compile(r"^XXXX-WXX-(\d)$")
_FULL = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
_TODAY = re.compile(r"\btoday\b", re.IGNORECASE)


def infer_date(
    text: str, *, year: int | None = None, sentences: Sequence[Sequence[int]] | None = None
) -> dt.date | None:
    """The most likely publication date of ``text``, or None without enough evidence."""
    if sentences is None:
        from workbench.text import sentences as _segment

        sentences = _segment(text)
    spans = sorted((int(s[0]), int(s[1])) for s in sentences)
    starts = [s for s, _ in spans]
    timexes = tag(text, published=None, sentences=spans)
    full_years = [int(m.group(1)) for t in timexes if t.type == "DATE" and (m := _FULL.match(t.value))]
    if full_years and year is None:
        year = Counter(full_years).most_common(1)[0][0]
    if year is None:
        return None
    doc = Doc(text, None)
    past: list[dt.date] = []
    future: list[dt.date] = []
    neutral: list[dt.date] = []
    weekdays: list[tuple[int, str | None]] = []
    for t in timexes:
        i = max(bisect.bisect_right(starts, t.start) - 1, 0)
        doc.at(spans[i], (t.start, t.end))
        if (m := _MD.match(t.value)) and (d := valid_date(year, int(m.group(1)), int(m.group(2)))):
            sentence = text[spans[i][0] : spans[i][1]]
            if _TODAY.search(sentence) and "today" not in t.surface.lower():
                return d  # "today, November 5"
            {"past": past, "future": future}.get(doc.tense() or "", neutral).append(d)
        elif (m := _FULL.match(t.value)) and int(m.group(1)) == year:
            neutral.append(dt.date.fromisoformat(t.value))
        elif m := _WD.match(t.value):
            weekdays.append((int(m.group(1)), doc.tense()))
    window = _window(past, future, neutral)
    if window is None:
        return max(neutral) if neutral else None
    lo, hi = window
    days = [lo + dt.timedelta(days=k) for k in range((hi - lo).days + 1)]
    if not weekdays:
        return lo if past else hi

    def cost(day: dt.date) -> int:
        total = 0
        for wd, tense in weekdays:
            gap = (day.isoweekday() - wd) % 7 if tense != "future" else (wd - day.isoweekday()) % 7
            total += gap
        return total

    return min(days, key=lambda d: (cost(d), d.toordinal()))


def _window(past: list[dt.date], future: list[dt.date], neutral: list[dt.date]) -> tuple[dt.date, dt.date] | None:
    """The days publication can fall on: after the dates told in the past, before those told in the future."""
    lo = max(past) + dt.timedelta(days=1) if past else None
    hi = min(future) - dt.timedelta(days=1) if future else None
    if lo and hi and lo > hi:  # contradictory tenses: trust the past
        hi = None
    if lo is None:
        if hi is None:
            return None
        return hi - dt.timedelta(days=13), hi
    if hi is None:
        later = [d for d in neutral if d > lo]  # untensed dates after the last past one bound it too
        hi = min(later) - dt.timedelta(days=1) if later else lo + dt.timedelta(days=6)
    return lo, hi


def infer_published_dates(
    articles: pd.DataFrame, sentences: pd.DataFrame, *, year_hint: int | None = None
) -> pd.DataFrame:
    """A copy of ``articles`` whose NaT ``published`` are filled where the text allows, with
    ``published_source="inferred"``; articles without evidence keep NaT."""
    out = articles.copy()
    published = pd.to_datetime(out["published"]) if "published" in out else pd.Series(pd.NaT, index=out.index)
    if "published_source" not in out:
        out["published_source"] = ["none" if pd.isna(p) else "metadata" for p in published]
    missing = published.isna()
    if not missing.any():
        out["published"] = published.astype("datetime64[ns]")
        return out
    year = year_hint
    if year is None and (~missing).any():
        year = int(published[~missing].dt.year.mode().iloc[0])  # corpus evidence
    spans: dict[str, list[tuple[int, int]]] = {}
    for aid, s, e in zip(sentences["article_id"], sentences["start"], sentences["end"], strict=True):
        spans.setdefault(aid, []).append((int(s), int(e)))
    values = published.astype("datetime64[ns]").copy()
    sources = out["published_source"].copy()
    for idx in out.index[missing]:
        text = out.at[idx, "text"]
        sents = spans.get(out.at[idx, "article_id"])
        if not isinstance(text, str) or not sents:
            continue
        day = infer_date(text, year=year, sentences=sents)
        if day is not None and 1678 <= day.year <= 2261:  # what datetime64[ns] holds
            values.at[idx] = pd.Timestamp(day)
            sources.at[idx] = "inferred"
    out["published"] = values
    out["published_source"] = sources
    return out
