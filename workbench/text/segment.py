"""Paragraph and sentence segmentation with character offsets, using no downloaded data.

Sentence boundaries follow Punkt's decision rules with parameters we ship (``resources/abbreviations.txt``
is Punkt's ``abbrev_types``): a period ends a sentence unless it closes a known abbreviation ("Oct.",
"Mr.", "Gen.", "No.") or an initial ("J."), and an initialism such as "U.S." ends one only before a common
sentence starter. Only boundary candidates (terminal punctuation followed by a capital or digit) are
examined, so the cost is linear in the text and small per word. ``tests/text/test_segment.py`` checks
agreement with NLTK's ``PunktSentenceTokenizer`` built from the same parameters.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from workbench.text.resources import PARAGRAPH_BREAK, SENTENCE_CANDIDATE, abbreviations

#: Words that commonly open a sentence; after an initialism ("U.S.") they signal a boundary.
SENTENCE_STARTERS = frozenset(
    """the a an he she it they we i but and in on at for this that these those his her its their there
    however meanwhile also officials analysts traders sources earlier later last next today yesterday
    separately mr mrs ms if when while after before as since under""".split()
)
_OPENERS = "\"'\u2018\u201c([\u00ab"


@cache
def punkt_parameters() -> Any:
    """Our Punkt parameters (an NLTK ``PunktParameters``): the shipped abbreviations and sentence starters."""
    from nltk.tokenize.punkt import PunktParameters  # imported on use: NLTK's import is slow

    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    params.sent_starters = set(SENTENCE_STARTERS)
    return params


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text`` (separated by blank lines), stripped of surrounding space.

    >>> paragraphs("One.\\n\\n  Two.\\n")
    [(0, 4), (8, 12)]
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        _add_stripped(text, pos, match.start(), spans)
        pos = match.end()
    _add_stripped(text, pos, len(text), spans)
    return spans


def _add_stripped(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        left = start + (len(chunk) - len(chunk.lstrip()))
        spans.append((left, left + len(stripped)))


def _is_boundary(prev: str, punct: str, following: str) -> bool:
    """Punkt's decision for one candidate: ``prev`` is the word before the punctuation, ``following``
    the word after it."""
    if punct != ".":
        return True  # "!", "?", "...", "…" before a capital
    word = prev.lstrip(_OPENERS).rstrip(".")
    low = word.lower()
    if not word:
        return True
    if "." in low:  # initialisms: U.S. / e.g. / a.m.
        return following.lower().strip(_OPENERS) in SENTENCE_STARTERS
    if low in abbreviations():
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return False
    return True


def sentences(text: str, spans: list[tuple[int, int]] | None = None) -> list[tuple[int, int, int]]:
    """Sentence spans ``(start, end, paragraph_id)``; sentences never cross paragraphs.

    >>> text = "Mr. Asif met Gen. Munir on Oct. 25 in the U.S. capital. Talks failed!\\n\\nNo. 2 said so."
    >>> [text[s:e] for s, e, _ in sentences(text)]
    ['Mr. Asif met Gen. Munir on Oct. 25 in the U.S. capital.', 'Talks failed!', 'No. 2 said so.']
    """
    out: list[tuple[int, int, int]] = []
    for pid, (pstart, pend) in enumerate(spans if spans is not None else paragraphs(text)):
        start = pstart
        for m in SENTENCE_CANDIDATE.finditer(text, pstart, pend):
            nxt = m.end()
            if nxt >= pend:
                continue
            first = text[nxt]
            if first in _OPENERS:
                first = text[nxt + 1 : nxt + 2]
            if not (first.isupper() or first.isdigit()):
                continue
            punct = m.group(1)
            if punct == ".":
                ws = text.rfind(" ", start, m.start())
                nl = text.rfind("\n", start, m.start())
                prev = text[max(ws, nl, start - 1) + 1 : m.start()]
                sp = text.find(" ", nxt, pend)
                following = text[nxt : sp if sp >= 0 else pend]
                if not _is_boundary(prev, punct, following):
                    continue
            end = m.end(2)
            if end > start:
                out.append((start, end, pid))
            start = nxt
        if start < pend:
            out.append((start, pend, pid))
    return out
