"""The TIMEX3 tagger: find temporal expressions in one text and normalise each against the publication date.

``tag`` scans for trigger words (``workbench.dates.dispatch``), matches the rules of
``workbench.dates.patterns`` there, and hands each match to its rule's normaliser. The normalisers are
registered here, explicitly, from the four modules that define them (``days``, ``holidays``,
``periods``, ``durations``); every rule has exactly one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from workbench.dates import days, durations, holidays, periods
from workbench.dates import patterns as P
from workbench.dates import words as W
from workbench.dates.context import Doc, Normaliser, as_date
from workbench.dates.dispatch import master_at, triggers
from workbench.dates.resolve import upper_ok
from workbench.dates.values import value_date
from workbench.errors import WorkbenchError

__all__ = ["Timex", "tag", "candidates", "NORMALISERS"]


def _registry(*modules: dict[str, Normaliser]) -> dict[str, Normaliser]:
    """The normalisers of every rule, joined from each module's ``NORMALISERS``; a rule without one, or
    with two, is a programming error caught at import."""
    joined: dict[str, Normaliser] = {}
    for registry in modules:
        twice = joined.keys() & registry.keys()
        if twice:
            raise WorkbenchError(f"rules normalised twice: {sorted(twice)}")
        joined.update(registry)
    missing = {name for name, _ in P.RULES} - joined.keys()
    if missing:
        raise WorkbenchError(f"rules without a normaliser: {sorted(missing)}")
    return joined


NORMALISERS = _registry(days.NORMALISERS, holidays.NORMALISERS, periods.NORMALISERS, durations.NORMALISERS)


class Timex(NamedTuple):
    """One temporal expression: ``text[start:end] == surface``; ``date`` and ``granularity`` follow
    from ``value``. (A named tuple: the tagger makes one per expression, and a tuple is made fastest.)"""

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


#: Clock times on a day they name: the day anchors like a date ("Friday at 3 p.m.", "1100 GMT, March 24").
_CLOCK_ON_DAY = frozenset({"time_md", "day_time"})


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
    doc = Doc(text, as_date(published))
    out: list[Timex] = []
    patterns, normalisers, ok = P.RULE_PATTERNS, NORMALISERS, upper_ok
    for m, sent in candidates(text, sorted((int(x[0]), int(x[1])) for x in sentences), lowered=doc.lowered):
        rule = m.lastgroup
        assert rule is not None
        start, end = m.span()
        sub = patterns[rule].match(text, start, sent[1])
        if sub is None or sub.end() != end or not ok(sub):
            continue
        doc.at(sent, (start, end))
        result = normalisers[rule](sub, doc)
        if result is None:
            continue
        ttype, value = result
        out.append(Timex(start, end, text[start:end], ttype, value, rule))
        if (ttype == "DATE" and rule in _ANCHORING) or rule in _CLOCK_ON_DAY:
            when, gran = value_date(value)
            if rule in _CLOCK_ON_DAY and when is not None:
                gran = "day"  # "at 1100 GMT, March 24": the day anchors what follows ("the following day")
            if when is not None and gran in ("day", "month", "year"):
                doc.last_day, doc.last_gran, doc.last_day_at = when.date(), gran, start
            elif gran == "quarter" and _reported(value, when, doc, text, start, end):
                doc.last_quarter, doc.last_months = value, None
        elif rule == "firstmonths" and value.endswith("M"):
            doc.last_months = value  # "the first nine months": "the same period" is nine months too
    return out


def _reported(value: str, when: dt.datetime | None, doc: Doc, text: str, start: int, end: int) -> bool:
    """Whether a quarter becomes the quarter under discussion: not a future one ("the third quarter of
    1990"), and not the year-ago one of the current ("the year-earlier quarter", "the 1988 third quarter"
    while 1989-Q3 is discussed), and not "the same period of 1985 (in 1985)", which refers to it."""
    if doc.dct is not None and when is not None and when.date() > doc.dct:
        return False
    surface = text[start:end]
    if P.YEAR_BACK.search(surface):
        return False
    if "same" in surface.lower():  # "the same period of 1985", "the same period in 1985": not this year's
        after = P.YEAR_AFTER.match(text, end)
        if any(c.isdigit() for c in surface) or (after is not None and after.group("year")):
            return False
    current = doc.last_quarter
    return not (current is not None and value[4:] == current[4:] and value[:4] < current[:4])


def candidates(
    text: str, spans: list[tuple[int, int]], *, lowered: str | None = None
) -> Iterator[tuple[re.Match[str], tuple[int, int]]]:
    """Leftmost matches of ``MASTER`` inside the sentence ``spans``, tried only at trigger words
    (``TRIGGER``) and at the modifier words right before them: the result of ``MASTER.finditer`` on each
    sentence, with far fewer attempts. Yields each match with its sentence. ``lowered`` is ``text.lower()``
    of an ASCII text when the caller has it (``Doc.lowered``)."""
    cursor = 0
    i, n = 0, len(spans)
    match = master_at
    if lowered is None and text.isascii():
        lowered = text.lower()  # ASCII: the rules run lower-cased, case-sensitive
    for start, trig_end in triggers(text, lowered=lowered):
        if start < cursor:
            continue
        while i < n and spans[i][1] <= start:
            i += 1
        if i == n:
            return
        s, e = spans[i]
        if start < s or trig_end > e:
            continue
        while True:  # a match may end before the trigger ("12" in "12 to 18 months"): look again after it
            positions = _modifier_starts(text, max(cursor, s, start - 60), start)
            found = None
            for pos in (*positions, start):
                if pos >= cursor and (found := match(text, pos, e, lowered=lowered)) is not None:
                    break
            if found is None:
                break
            cursor = found.end()
            yield found, (s, e)
            if cursor > start:
                break


def _modifier_starts(text: str, lo: int, start: int) -> list[int]:
    """Starts of the (up to six) modifier words right before ``start`` that may open an expression,
    earliest first; the walk goes back over words in ``PREFIX_WORDS``/``TRIGGER_WORDS`` and numbers."""
    positions: list[int] = []
    j = start - 1
    walk, non_initial = _WALK_WORDS, W.NON_INITIAL
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


_WALK_WORDS = W.PREFIX_WORDS | W.TRIGGER_WORDS
