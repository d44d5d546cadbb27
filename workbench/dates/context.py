"""What a TIMEX3 normaliser works with.

:func:`as_date` reads a publication date; :class:`Doc` is the state of one document as the tagger walks it
(the text, the publication date, the current sentence and expression, the tense of the expression's clause,
the last day and quarter mentioned). A :data:`Normaliser` turns the match of one rule of
``workbench.dates.patterns`` into a TIMEX3 ``(type, value)`` (or ``None`` to reject the match).

The normalisers live in ``workbench.dates.days`` (dates, days, clock times, relative expressions),
``periods`` (months, quarters, seasons, years, decades) and ``durations`` (durations, sets, vague
references); each module lists its own in a ``NORMALISERS`` dict, and ``workbench.dates.tagger`` joins them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pandas as pd

from workbench.dates import cues as C
from workbench.dates.dispatch import WordScan
from workbench.dates.prefixes import lower_pattern

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def as_date(value: object) -> dt.date | None:
    """A publication date given as str/date/datetime/Timestamp (NaT/None → None)."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, dt.datetime):
        return None if pd.isna(value) else value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:  # what pandas reads, without its parser
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        return None
    return None if pd.isna(stamp) else stamp.date()


TENSE_SCAN = WordScan(C.TENSE_WORDS)  # = TENSE_CUE without "'ll"
AUX_SCAN = WordScan(C.AUX_WORDS, flags=re.IGNORECASE, sep=r"\W")  # = PARTICIPLE_AFTER without "'s"
CLAUSE_SCAN = WordScan(C.CLAUSE_WORDS, flags=re.IGNORECASE, sep=r"\W")  # the words of CLAUSE_BREAK
#: The case-blind scans above in lower case, case-sensitive, for the lower-cased text of an ASCII document
#: (same length, same spans; about twice as fast: ``workbench.dates.prefixes.lower_pattern``).
AUX_SCAN_LOWER = WordScan(lower_pattern(C.AUX_WORDS), sep=r"\W")
AUX_CLITIC_LOWER = re.compile(lower_pattern(C.AUX_CLITIC.pattern))
CLAUSE_SCAN_LOWER = WordScan(lower_pattern(C.CLAUSE_WORDS), sep=r"\W")


#: Between a verb and the date it governs: a preposition ("reached in March", "announced on Monday").
_GOVERNS = re.compile(r"\s+(?:in|on|at|during)\s+")
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through|thru)\s+$", re.IGNORECASE)
#: A deadline or meeting moved to a date ("extended the deadline on its offer to Monday", "adjourned the
#: hearing to May 5"): the new date is still to come.
_MOVED_TO = re.compile(
    r"\b(?:extend|postpon|adjourn|delay|defer|reschedul|put\s+off|push\w*\s+back)\w*\b[^.;:!?]{0,40}?\bto\s+$",
    re.IGNORECASE,
)


class Doc:
    """What the normalisers need: the text, the publication date, the sentence, the last day mentioned."""

    __slots__ = (
        "text",
        "lowered",
        "dct",
        "sent",
        "span",
        "last_day",
        "last_gran",
        "last_day_at",
        "last_quarter",
        "last_months",
        "_tense",
        "strong",
        "_cue_sent",
        "_cues",
    )

    def __init__(self, text: str, dct: dt.date | None) -> None:
        self.text = text
        #: ``text.lower()`` of an ASCII text (the same length and spans), else None: the fast scans read it
        self.lowered = text.lower() if text.isascii() else None
        self.dct = dct
        self.sent = (0, len(text))
        self.span = (0, 0)
        self.last_day: dt.date | None = None
        self.last_gran: str | None = None  # granularity of last_day: day / month / year
        self.last_day_at = 0  # where last_day was mentioned
        self.last_quarter: str | None = None
        #: the duration of a reporting period named after the last quarter ("the first nine months": ``P9M``)
        self.last_months: str | None = None
        self.strong = False  # was the tense read from an auxiliary/modal/irregular verb in the clause?
        self._cue_sent: tuple[int, int] | None = None
        self._cues: tuple[list[tuple[int, int, str, bool]], list[tuple[int, int]]] = ([], [])
        self._tense: str | None | bool = False

    def at(self, sent: tuple[int, int], span: tuple[int, int]) -> None:
        """Move to the expression at ``span`` in the sentence ``sent`` (its tense is read afresh)."""
        self.sent = sent
        self.span = span
        self._tense = False

    @property
    def anchor(self) -> dt.date | None:
        return self.last_day or self.dct

    def _sentence_cues(self) -> tuple[list[tuple[int, int, str, bool]], list[tuple[int, int]]]:
        """Tense cues and clause breaks of the current sentence, found once per sentence."""
        if self._cue_sent != self.sent:
            s, e = self.sent
            cues = []
            text = self.text
            # where a participle would start: right after an auxiliary ("will be held", "is planned")
            low = self.lowered
            aux_scan, clitic, clause = (
                (AUX_SCAN, C.AUX_CLITIC, CLAUSE_SCAN)
                if low is None
                else (AUX_SCAN_LOWER, AUX_CLITIC_LOWER, CLAUSE_SCAN_LOWER)
            )
            scanned = text if low is None else low
            aux = {m.end("gap"): m.start("aux") for m in aux_scan.finditer(scanned, s, e)}
            aux.update((m.end("gap"), m.start("aux")) for m in clitic.finditer(scanned, s, e))

            def participle(start: int) -> bool:
                return start in aux and aux[start] >= start - 24

            found = [(m.start(k), m.end(k), k) for m in TENSE_SCAN.finditer(text, s, e) if (k := m.lastgroup)]
            ll = [(m.start(), m.end(), "ll") for m in C.TENSE_LL.finditer(text, s, e)]

            def perfect(start: int) -> bool:  # "has risen", "had been due": the perfect is a past
                return participle(start) and text[aux[start] : aux[start] + 2].lower() in C.PERFECT_AUX

            for cs, ce, kind in sorted(found + ll) if ll else found:
                if kind == "past" and participle(cs):
                    if perfect(cs):
                        cues.append((aux[cs], ce, "perfect", False))
                    continue  # "will be held": the auxiliary is the cue
                if kind == "future" and participle(cs) and C.PLUPERFECT.match(text, max(s, aux[cs] - 12), aux[cs] + 4):
                    kind = "past"  # "had been due to", "had been scheduled to": a plan of the past
                cues.append((cs, ce, "past" if kind == "past" else "future", kind == "weakf"))
            for m in C.PAST_ED.finditer(text, s, e):  # "-ed" words: weak past cues
                end = m.end()
                if end - s >= 4 and text[end - 3].isalpha():
                    start = end - 3
                    while start > s and text[start - 1].isalpha():
                        start -= 1
                    if perfect(start):
                        cues.append((aux[start], end, "perfect", False))
                    elif not participle(start):
                        cues.append((start, end, "past", True))
            breaks = [m.span() for m in C.CLAUSE_PUNCT.finditer(text, s, e)]
            breaks += [m.span() for m in C.CLAUSE_DASH.finditer(text, s, e)]
            breaks += [m.span("w") for m in clause.finditer(scanned, s, e)]
            breaks.sort()
            self._cue_sent, self._cues = self.sent, (cues, breaks)
        return self._cues

    def _governs(self, cs: int, ce: int, a: int) -> bool:
        """Whether the past verb at ``cs:ce`` is the verb of the date at ``a``: "reached in March", "the nine
        months ended December"."""
        text = self.text
        return _GOVERNS.fullmatch(text, ce, a) is not None or (text[cs:ce].lower() == "ended" and text[ce:a].isspace())

    def tense(self) -> str | None:
        """'past' / 'future' / None from the cue words around the expression.

        The nearest cue in the expression's clause decides (one before the expression before any after it:
        "planned a rally on Saturday and were planning…"); failing that, the nearest strong cue of the
        sentence (auxiliaries, modals, irregular pasts, the perfect "has risen"), then the nearest "-ed" word.
        """
        if self._tense is not False:
            return self._tense  # type: ignore[return-value]
        cues, breaks = self._sentence_cues()
        (s, e), (a, b) = self.sent, self.span
        lo, hi = s, e
        for bs, be in breaks:
            if be <= a:
                lo = be
            elif bs >= b:
                hi = bs
                break
        best: tuple[int, bool, str | None] = (10**9, False, None)
        for cs, ce, label, weak in cues:
            if a <= cs < b:
                continue
            dist = a - ce if ce <= a else 1000 + (cs - b)  # a cue before the expression beats one after it
            if weak and label == "past" and ce <= a and self._governs(cs, ce, a):
                weak = False  # the verb of the date ("the agreement reached in March", "the year ended May 31")
            if not (lo <= cs and ce <= hi):
                dist += 10**6 + (10**5 if weak else 0)
            elif weak:
                dist += 10**4  # in the clause, a strong cue beats a nearer weak one
            if (dist, weak) < best[:2]:
                best = (dist, weak, label)
        tense, strong = best[2], best[0] < 10**6 and not best[1]
        simple_past = tense == "past" and strong
        if tense == "perfect":  # "has extended loans through January": the stretch may still run
            tense = "past"
        if not simple_past and (
            _UNTIL_BEFORE.search(self.text, max(s, a - 12), a) or _MOVED_TO.search(self.text, max(s, a - 70), a)
        ):
            tense = "future"  # "run through June", "until 9 a.m. Tuesday": the end of a stretch still to come
        self._tense, self.strong = tense, strong
        return self._tense


#: What a normaliser returns: ``(TIMEX3 type, value)``, or None to reject the match.
Result = tuple[str, str] | None
#: A normaliser reads one rule's match in its document.
Normaliser = Callable[[re.Match[str], Doc], Result]
