"""The speed-ups of the tagger give exactly the results of the plain scan (``TRIGGER``, ``MASTER``)."""

from __future__ import annotations

import datetime
import html
import random
import re

import pytest

from workbench.dates import cues as C
from workbench.dates import dispatch, resolve
from workbench.dates import patterns as P
from workbench.dates.dispatch import first_chars, master_at, triggers
from workbench.dates.tagger import candidates
from workbench.text import sentences

ASCII_SAMPLES = [
    "MAY 25, 1987: Talks RESUME Next Week; mAy and JANuary are not words; 3Q and Q3 and 1990S and 1990s.",
    "At the time, AT THE TIME and in the Near Term, for the Time Being; semi-annually, Semi-Annually.",
    "the 20th century, 1957-58 and 2009-2010, 3:07:35, between 12 and 18 months, a month earlier.",
]
SAMPLES = [
    "Talks resume next week, on May 25 1987, at 0900 GMT; the third quarter of fiscal 1989.",
    "(May) 'last year' \"the past three years\" -- in the 1990s, the '80s and 2 1/2 years ago.",
    "١٩٨٧ and ２０２５ are digits too; Ｍay is not a month; _May_ and May_ are words.",
    "It rose 4.5% to 1,987 tonnes... Yesterday's 12:30 p.m. close; Q3 1987, 3Q, H1.",
]


@pytest.mark.parametrize("text", SAMPLES + ASCII_SAMPLES)
def test_triggers_are_those_of_the_plain_scan(text: str) -> None:
    assert list(triggers(text)) == [m.span() for m in C.TRIGGER.finditer(text)]


def _joined_lower_scan(low: str) -> list[tuple[int, int]]:
    """The trigger scan of lower-cased text in one pass of the separator and ``_LOWER_BODY``."""
    first = dispatch._LOWER_AT_START.match(low)
    after = re.compile(dispatch._ASCII_SEP + r"(?=[a-z\d])(" + dispatch._LOWER_BODY + ")")
    spans = [first.span(1)] if first else []
    return spans + [m.span(1) for m in after.finditer(low, first.end(1) if first else 0)]


NUMBER_SAMPLES = [
    "1987 at 10:30 a.m. and 9:15pm, 3/4, 1957-58 and 2009-2010, the 1990s and '80s; 3q, 1q87, x1987, 1987x.",
    "12:30:45 10:30/11 1987-88-89 1987\u201388 19870 0900 gmt 3 p.m. 11am 4 a.m at the time and a while, 12s.",
    "at the time; near term, short term, later date, a while; time, term, date, while; 1q 2q 3q 4q 5q",
]


@pytest.mark.parametrize("text", SAMPLES + ASCII_SAMPLES + NUMBER_SAMPLES)
def test_split_trigger_scan_is_the_joined_one(text: str) -> None:
    low = text.lower()
    if low.isascii():
        assert dispatch._lower_spans(low) == _joined_lower_scan(low)


def test_split_trigger_scan_on_random_digit_text() -> None:
    rng = random.Random(7)
    pieces = ["1987", "19", "7", "-", "/", ":", "30", " ", "a.m.", "pm", "s", "'", "q", "3q", "time", "at the ", ","]
    for _ in range(3000):
        low = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        assert dispatch._lower_spans(low) == _joined_lower_scan(low), low


@pytest.mark.parametrize("text", SAMPLES + ASCII_SAMPLES)
def test_master_at_matches_like_master_everywhere(text: str) -> None:
    lowered = text.lower() if text.isascii() else None
    for pos in range(len(text)):
        plain = P.MASTER.match(text, pos)
        for fast in (master_at(text, pos), master_at(text, pos, lowered=lowered)):
            assert (plain and (plain.span(), plain.lastgroup)) == (fast and (fast.span(), fast.lastgroup)), pos


def _plain_candidates(text: str, spans: list[tuple[int, int]]) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for s, e in spans for m in P.MASTER.finditer(text, s, e)]


def _fast_candidates(text: str, spans: list[tuple[int, int]]) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m, _ in candidates(text, spans)]


#: A word in mixed case ("MArch", "mAy"): the trigger scan takes lower case, Capitalised and UPPER words only,
#: so there the fast scan may find less than the case-blind plain one (by design).
MIXED_CASE = re.compile(r"\b[A-Za-z]*(?:[a-z][A-Z]|[A-Z]{2}[a-z])")


@pytest.mark.parametrize("text", [t for t in SAMPLES + ASCII_SAMPLES if not MIXED_CASE.search(t)])
def test_candidates_are_the_matches_of_the_plain_scan(text: str) -> None:
    spans = [(s[0], s[1]) for s in sentences(text)]
    assert _fast_candidates(text, spans) == _plain_candidates(text, spans)


@pytest.mark.shared
def test_candidates_are_the_matches_of_the_plain_scan_on_reuters(shared_data) -> None:
    raw = (shared_data / "reuters21578" / "reut2-000.sgm").read_text(encoding="latin-1")
    bodies = [html.unescape(b).replace("\x03", "") for b in re.findall(r"<BODY>(.*?)</BODY>", raw, re.S)]
    assert len(bodies) > 500
    for text in [b for b in bodies if not MIXED_CASE.search(b)][:600]:
        spans = [(s[0], s[1]) for s in sentences(text)]
        assert _fast_candidates(text, spans) == _plain_candidates(text, spans), text[:80]


@pytest.mark.shared
def test_split_trigger_scan_on_reuters(shared_data) -> None:
    raw = (shared_data / "reuters21578" / "reut2-001.sgm").read_text(encoding="latin-1")
    bodies = [html.unescape(b).replace("\x03", "").lower() for b in re.findall(r"<BODY>(.*?)</BODY>", raw, re.S)]
    assert len(bodies) > 500
    for low in bodies:
        if low.isascii():
            assert dispatch._lower_spans(low) == _joined_lower_scan(low), low[:80]


def test_master_at_on_random_news_words() -> None:
    words = "the last next past 1987 May may 25th of fiscal year quarter third a two weeks ago now".split()
    rng = random.Random(4)
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(6))
        for pos in range(len(text)):
            plain = P.MASTER.match(text, pos)
            for fast in (master_at(text, pos), master_at(text, pos, lowered=text.lower())):
                assert (plain and plain.span()) == (fast and fast.span()), (text, pos)


def test_first_chars_is_conservative() -> None:
    assert first_chars(r"(?:the\s+)?\d+") == frozenset("0123456789tT")
    assert first_chars(r".x") is None  # any character
    assert first_chars(r"a?") is None  # may match the empty string


CUE_SAMPLES = [
    *SAMPLES,
    "He said it'll be held -- as planned -- when talks, which were set to resume, begin; it's been sold.",
    "will WILL Will wILL: is IS Is being quickly sold, was hastily planned and 'RE expected.",
]


@pytest.mark.parametrize("text", CUE_SAMPLES)
def test_word_scans_find_what_the_plain_patterns_find(text: str) -> None:
    from workbench.dates.context import AUX_SCAN, CLAUSE_SCAN, TENSE_SCAN

    for s in range(0, len(text), 7):
        e = len(text)
        tense = [(m.start(k), m.end(k), k) for m in TENSE_SCAN.finditer(text, s, e) if (k := m.lastgroup)]
        tense += [(m.start(), m.end(), "ll") for m in C.TENSE_LL.finditer(text, s, e)]
        assert sorted(tense) == [(*m.span(), m.lastgroup) for m in C.TENSE_CUE.finditer(text, s, e)]
        aux = {m.end("gap"): m.start("aux") for m in AUX_SCAN.finditer(text, s, e)}
        aux.update((m.end("gap"), m.start("aux")) for m in C.AUX_CLITIC.finditer(text, s, e))
        assert aux == {m.end(): m.start() for m in C.PARTICIPLE_AFTER.finditer(text, s, e)}
        breaks = [m.span() for m in C.CLAUSE_PUNCT.finditer(text, s, e)]
        breaks += [m.span() for m in C.CLAUSE_DASH.finditer(text, s, e)]
        breaks += [m.span("w") for m in CLAUSE_SCAN.finditer(text, s, e)]
        assert sorted(breaks) == [m.span() for m in C.CLAUSE_BREAK.finditer(text, s, e)]


def _cues_both_ways(text: str, sents: list[tuple[int, int]]) -> None:
    from workbench.dates.context import Doc

    fast, plain = Doc(text, None), Doc(text, None)
    plain.lowered = None  # the cased, case-blind scans
    assert fast.lowered == text.lower()
    for sent in sents:
        fast.at(sent, sent)
        plain.at(sent, sent)
        assert fast._sentence_cues() == plain._sentence_cues(), text[sent[0] : sent[1]]


@pytest.mark.parametrize("text", [t for t in CUE_SAMPLES if t.isascii()] + ASCII_SAMPLES)
def test_lower_cased_cue_scans_find_what_the_cased_ones_find(text: str) -> None:
    _cues_both_ways(text, [(s, len(text)) for s in range(0, len(text), 5)])


@pytest.mark.shared
def test_lower_cased_cue_scans_on_reuters(shared_data) -> None:
    raw = (shared_data / "reuters21578" / "reut2-001.sgm").read_text(encoding="latin-1")
    bodies = [html.unescape(b).replace("\x03", "") for b in re.findall(r"<BODY>(.*?)</BODY>", raw, re.S)]
    ascii_bodies = [b for b in bodies if b.isascii()][:400]
    assert len(ascii_bodies) == 400
    for text in ascii_bodies:
        _cues_both_ways(text, [(s[0], s[1]) for s in sentences(text)])


class _FixedTense:
    """A stand-in for ``Doc`` whose tense is given, and which counts how often it is read."""

    def __init__(self, tense: str | None, strong: bool) -> None:
        self._tense, self.strong, self.reads = tense, strong, 0

    def tense(self) -> str | None:
        self.reads += 1
        return self._tense


def test_nearest_date_reads_the_tense_only_when_it_changes_the_answer() -> None:
    """``nearest_date`` skips the tense (a scan of the sentence) when every tense gives the nearest date; its
    answer is still the one that reading the tense gives (``_by_tense``)."""
    rng = random.Random(5)
    skipped = 0
    for _ in range(4000):
        dct = datetime.date(1987, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        cands = [datetime.date(y, month, day) for y in (dct.year - 1, dct.year, dct.year + 1)]
        for tense in ("past", "future", None):
            for strong in (False, True):
                doc = _FixedTense(tense, strong)
                got = resolve.nearest_date(cands, dct, doc)  # type: ignore[arg-type]
                near = min(cands, key=lambda d: abs((d - dct).days))
                read = near if abs((near - dct).days) <= 14 else resolve._by_tense(cands, dct, near, tense, strong)
                assert got == read, (cands, dct, tense, strong)
                skipped += doc.reads == 0 and abs((near - dct).days) > 14
    assert skipped > 1000  # dates within two months of the publication date need no tense
