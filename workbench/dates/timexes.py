"""Temporal expressions (TimeML TIMEX3) found in news text and resolved against the publication date.

``tag`` finds dates, times, durations and sets in one text with the rules of
``workbench.dates.rules`` (one regex scan per sentence, so the cost is linear in the text), then
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
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pandas as pd

from workbench.dates import rules as R
from workbench.dates.values import value_date

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


from workbench.dates import days, durations, periods  # noqa: E402, F401 # fill NORMALISERS
from workbench.dates.context import NORMALISERS, _Doc, as_date  # noqa: E402
from workbench.dates.dispatch import master_at, triggers  # noqa: E402
from workbench.dates.resolve import _upper_ok  # noqa: E402

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
        "yquarter",
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
    patterns, normalisers, upper_ok = R.RULE_PATTERNS, NORMALISERS, _upper_ok
    for m, sent in _candidates(text, sorted((int(x[0]), int(x[1])) for x in sentences)):
        rule = m.lastgroup
        assert rule is not None
        start, end = m.span()
        sub = patterns[rule].match(text, start, sent[1])
        if sub is None or sub.end() != end or not upper_ok(sub):
            continue
        doc.sent = sent
        doc.span = (start, end)
        doc._tense = False
        result = normalisers[rule](sub, doc)
        if result is None:
            continue
        ttype, value = result
        out.append(Timex(start, end, text[start:end], ttype, value, rule))
        if ttype == "DATE" and rule in _ANCHORING:
            when, gran = value_date(value)
            if when is not None and gran in ("day", "month", "year"):
                doc.last_day, doc.last_gran = when.date(), gran
            elif gran == "quarter" and _reported(value, when, doc, text[start:end]):
                doc.last_quarter = value
    return out


def _reported(value: str, when: dt.datetime | None, doc: _Doc, surface: str) -> bool:
    """Whether a quarter becomes the quarter under discussion: not a future one ("the third quarter of
    1990"), and not the year-ago one of the current ("the year-earlier quarter", "the 1988 third quarter"
    while 1989-Q3 is discussed)."""
    if doc.dct is not None and when is not None and when.date() > doc.dct:
        return False
    if R.YEAR_BACK.search(surface):
        return False
    current = doc.last_quarter
    return not (current is not None and value[4:] == current[4:] and value[:4] < current[:4])


def _candidates(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[re.Match[str], tuple[int, int]]]:
    """Leftmost matches of ``MASTER`` inside the sentence ``spans``, tried only at trigger words
    (``TRIGGER``) and at the modifier words right before them: the result of ``MASTER.finditer`` on each
    sentence, with far fewer attempts. Yields each match with its sentence."""
    cursor = 0
    i, n = 0, len(spans)
    match = master_at
    for start, trig_end in triggers(text):
        if start < cursor:
            continue
        while i < n and spans[i][1] <= start:
            i += 1
        if i == n:
            return
        s, e = spans[i]
        if start < s or trig_end > e:
            continue
        positions = _modifier_starts(text, max(cursor, s, start - 60), start)
        found = None
        for pos in (*positions, start):
            if (found := match(text, pos, e)) is not None:
                break
        if found is None:
            continue
        cursor = found.end()
        yield found, (s, e)


def _modifier_starts(text: str, lo: int, start: int) -> list[int]:
    """Starts of the (up to six) modifier words right before ``start`` that may open an expression,
    earliest first; the walk goes back over words in ``PREFIX_WORDS``/``TRIGGER_WORDS`` and numbers."""
    positions: list[int] = []
    j = start - 1
    walk, non_initial = _WALK_WORDS, R.NON_INITIAL
    for _ in range(6):
        while j >= lo and not text[j].isalnum():
            if text[j] in ';:!?()[]"':
                return positions[::-1]
            j -= 1
        k = j
        while k >= lo and (text[k].isalnum() or text[k] == "_"):
            k -= 1
        if k == j:
            break
        word = text[k + 1 : j + 1].lower()
        if not (word in walk or word[0].isdigit()):
            break
        if word not in non_initial:
            positions.append(k + 1)
        j = k
    return positions[::-1]


_WALK_WORDS = R.PREFIX_WORDS | R.TRIGGER_WORDS


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


def infer_published_dates(
    articles: pd.DataFrame, sentences: pd.DataFrame, *, year_hint: int | None = None
) -> pd.DataFrame:
    """A copy of ``articles`` with unknown ``published`` inferred from the text where evidence allows.

    See ``workbench.dates.inference.infer_published_dates``.
    """
    from workbench.dates.inference import infer_published_dates as _infer

    return _infer(articles, sentences, year_hint=year_hint)
