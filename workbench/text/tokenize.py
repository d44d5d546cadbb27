"""Tokenization with character offsets: one compiled regex, no downloaded data."""

from __future__ import annotations

from bisect import bisect_left

from workbench.text.resources import PERIOD_BEFORE_SPACE, TOKEN, abbreviations


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token spans of ``text[start:end]`` as offsets into ``text`` (``text[s:e]`` is the token).

    Possessive clitics are split off ("Pakistan’s" → "Pakistan" + "’s"); hyphenated names
    ("Bhutto-Zardari"), initialisms ("U.S."), known abbreviations ("Oct.") and numbers ("1,750") stay whole.

    >>> text = "Pakistan’s Bhutto-Zardari met U.S. envoys on Oct. 25, paying 1,750 dlrs."
    >>> [text[s:e] for s, e in tokenize(text)]  # doctest: +NORMALIZE_WHITESPACE
    ['Pakistan', '’s', 'Bhutto-Zardari', 'met', 'U.S.', 'envoys', 'on', 'Oct.', '25', ',', 'paying',
     '1,750', 'dlrs', '.']
    """
    if end is None:
        end = len(text)
    spans = [m.span() for m in TOKEN.finditer(text, start, end)]
    abbrevs = abbreviations()
    merges = []
    for m in PERIOD_BEFORE_SPACE.finditer(text, start, end):
        dot = m.start()
        word_start = dot
        while word_start > start and dot - word_start < 8 and text[word_start - 1].isalpha():
            word_start -= 1
        if word_start < dot and (
            word_start == start or not (text[word_start - 1].isalnum() or text[word_start - 1] in "._")
        ):
            if text[word_start:dot].lower() in abbrevs:
                merges.append(word_start)
    if merges:
        starts = [s for s, _ in spans]
        for pos in reversed(merges):
            i = bisect_left(starts, pos)
            if i + 1 < len(spans) and spans[i][0] == pos and text[spans[i + 1][0] : spans[i + 1][1]] == ".":
                spans[i : i + 2] = [(pos, spans[i + 1][1])]
    return spans
