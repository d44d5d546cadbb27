"""Temporal expressions (TimeML TIMEX3) found in news text and resolved against the publication date.

``tag`` finds dates, times, durations and sets in one text with the rules of
``workbench.extract.timex_rules`` (one regex scan per sentence, so the cost is linear in the text), then
normalises each to a TIMEX3 ``value``: relative and underspecified expressions ("on Wednesday",
"October 25", "next week", "tomorrow morning") are resolved against ``published`` and the tense of the
sentence ("announced on October 29" is past, "will meet on November 6" is future). What cannot be resolved
keeps ``X`` in the value (``XXXX-10-25``); nothing is guessed.

>>> [(t.surface, t.value) for t in tag("He said on Wednesday the talks will resume next week.",
...                                    published="2025-11-05")]
[('Wednesday', '2025-11-05'), ('next week', '2025-W46')]

``timexes_table`` runs ``tag`` over a corpus (``corpus.timexes``); ``infer_published_dates`` fills unknown
publication dates from the text (see ``workbench.extract.timex_infer``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pandas as pd

from workbench.extract import timex_rules as R
from workbench.extract.timex_values import value_date

__all__ = ["Timex", "tag", "timexes_table", "infer_published_dates", "value_date", "TIMEX_COLUMNS"]

TIMEX_COLUMNS = [
    "article_id",
    "sentence_id",
    "start",
    "end",
    "surface",
    "type",
    "value",
    "date",
    "granularity",
]


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression: ``text[start:end] == surface``; ``date`` and ``granularity`` follow
    from ``value``."""

    start: int
    end: int
    surface: str
    type: str  # DATE / TIME / DURATION / SET
    value: str
    rule: str = ""

    @property
    def date(self) -> dt.datetime | None:
        return value_date(self.value)[0]

    @property
    def granularity(self) -> str | None:
        return value_date(self.value)[1]


from workbench.extract.timex_normalise import NORMALISERS, _Doc, _upper_ok, as_date  # noqa: E402

#: Rules whose dates become the anchor of "the next day", "that year", "three days later".
_ANCHORING = frozenset(
    {
        "iso",
        "slash",
        "md",
        "dm",
        "my",
        "month",
        "year",
        "wd",
        "relwd",
        "holiday",
        "quarter",
        "thequarter",
        "qnum",
    }
)


def tag(
    text: str,
    *,
    published: object = None,
    sentences: Sequence[tuple[int, int]] | Sequence[tuple[int, int, int]] | None = None,
) -> list[Timex]:
    """Temporal expressions in ``text``, resolved against ``published`` (a date, string or None).

    ``sentences`` are ``(start, end, …)`` spans (default: ``workbench.text.sentences``); an expression never
    crosses one. The result is in text order and non-overlapping.

    >>> [(t.surface, t.type, t.value) for t in tag("It met on Oct. 25, 2025 and again for 48 hours.")]
    [('Oct. 25, 2025', 'DATE', '2025-10-25'), ('48 hours', 'DURATION', 'PT48H')]
    """
    if sentences is None:
        from workbench.text import sentences as _segment

        sentences = _segment(text)
    doc = _Doc(text, as_date(published))
    out: list[Timex] = []
    for span in sentences:
        doc.sent = (span[0], span[1])
        for m in _candidates(text, span[0], span[1]):
            rule = m.lastgroup
            assert rule is not None
            start, end = m.span()
            sub = R.RULE_PATTERNS[rule].fullmatch(text, start, end)
            if sub is None or not _upper_ok(sub):
                continue
            doc.span = (start, end)
            doc._tense = False
            result = NORMALISERS[rule](sub, doc)
            if result is None:
                continue
            ttype, value = result
            out.append(Timex(start, end, text[start:end], ttype, value, rule))
            if ttype == "DATE" and rule in _ANCHORING:
                when, gran = value_date(value)
                if when is not None and gran in ("day", "month", "year"):
                    doc.last_day = when.date()
                elif gran == "quarter":
                    doc.last_quarter = value
    return out


def _candidates(text: str, s: int, e: int) -> Iterator[re.Match[str]]:
    """Leftmost matches of ``MASTER`` in ``text[s:e]``, tried only at trigger words (``TRIGGER``) and at the
    modifier words right before them: the same result as ``MASTER.finditer``, far fewer attempts."""
    cursor = s
    match = R.MASTER.match
    for trig in R.TRIGGER.finditer(text, s, e):
        start = trig.start()
        if start < cursor:
            continue
        positions = []  # starts of the modifier words right before the trigger, nearest first
        for tok in reversed(list(R.TOKEN.finditer(text, max(cursor, start - 60), start))):
            low = tok.group().lower()
            if len(positions) == 6 or not (
                low in R.PREFIX_WORDS or low in R.TRIGGER_WORDS or low[0].isdigit()
            ):
                break
            positions.append(tok.start())
        found = None
        for pos in (*reversed(positions), start):
            if (found := match(text, pos, e)) is not None:
                break
        if found is None:
            continue
        cursor = found.end()
        yield found


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
            rows.append((aid, sid, t.start, t.end, t.surface, t.type, t.value, date, gran))
    frame = pd.DataFrame(rows, columns=TIMEX_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    for col in ("sentence_id", "start", "end"):
        frame[col] = frame[col].astype("int64")
    return frame


def _sentence_of(sents: list[tuple[int, int, int]], pos: int) -> int:
    lo, hi = 0, len(sents) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sents[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return sents[lo][2]


def infer_published_dates(
    articles: pd.DataFrame, sentences: pd.DataFrame, *, year_hint: int | None = None
) -> pd.DataFrame:
    """A copy of ``articles`` with unknown ``published`` inferred from the text where evidence allows.

    See ``workbench.extract.timex_infer.infer_published_dates``.
    """
    from workbench.extract.timex_infer import infer_published_dates as _infer

    return _infer(articles, sentences, year_hint=year_hint)
