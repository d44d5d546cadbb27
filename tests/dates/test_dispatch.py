"""The speed-ups of the tagger give exactly the results of the plain scan (``TRIGGER``, ``MASTER``)."""

from __future__ import annotations

import random

import pytest

from workbench.dates import cues as C
from workbench.dates import patterns as P
from workbench.dates.dispatch import first_chars, master_at, triggers

SAMPLES = [
    "Talks resume next week, on May 25 1987, at 0900 GMT; the third quarter of fiscal 1989.",
    "(May) 'last year' \"the past three years\" -- in the 1990s, the '80s and 2 1/2 years ago.",
    "١٩٨٧ and ２０２５ are digits too; Ｍay is not a month; _May_ and May_ are words.",
    "It rose 4.5% to 1,987 tonnes... Yesterday's 12:30 p.m. close; Q3 1987, 3Q, H1.",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_triggers_are_those_of_the_plain_scan(text: str) -> None:
    assert list(triggers(text)) == [m.span() for m in C.TRIGGER.finditer(text)]


@pytest.mark.parametrize("text", SAMPLES)
def test_master_at_matches_like_master_everywhere(text: str) -> None:
    for pos in range(len(text)):
        plain, fast = P.MASTER.match(text, pos), master_at(text, pos)
        assert (plain and (plain.span(), plain.lastgroup)) == (fast and (fast.span(), fast.lastgroup)), pos


def test_master_at_on_random_news_words() -> None:
    words = "the last next past 1987 May may 25th of fiscal year quarter third a two weeks ago now".split()
    rng = random.Random(4)
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(6))
        for pos in range(len(text)):
            plain, fast = P.MASTER.match(text, pos), master_at(text, pos)
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
