"""Word lists, regexes and evidence strengths of the per-article actor finder (``actor_mentions``), and the
lookup key of a word (:func:`_key`, shared with ``actor_resolution``).

The shared word lists of actor extraction (titles, heads, the capitalised-run regexes) are in
``workbench.actors.resources``; these are the finder's own: which title words are weak, name particles,
heads that join "of", speech verbs, corporate suffixes, the role-noun regex.
"""

from __future__ import annotations

import re
from functools import lru_cache

from workbench.actors.resources import GROUP_HEADS, NON_ACTOR, ORG_HEADS, PERSON_TITLES, ROLE_HEADS
from workbench.text.normalize import fold
from workbench.text.resources import stopwords

#: Title words that only make a title next to a strong one ("Defence" Minister, "Prime" Minister).
_WEAK_TITLES = frozenset(
    """defence defense foreign interior finance trade commerce economy economic agriculture oil energy
    information planning health education labour labor home petroleum industry industries prime federal state
    provincial vice deputy acting former late interim caretaker incoming outgoing chief executive
    managing crown
    general attorney under""".split()
)
_STRONG_TITLES = PERSON_TITLES - _WEAK_TITLES
_PARTICLES = frozenset("de da del der di du van von la le bin ibn al el y &".split())
_JOIN_HEADS = (
    ORG_HEADS
    | GROUP_HEADS
    | frozenset(
        "republic kingdom emirate emirates gulf bay sea strait isle islands island city province state "
        "states "
        "port cape lake mount university secretary minister president governor prince duke house "
        "bank ministry department office institute".split()
    )
)
_SPEECH = frozenset("said says told added stated warned declared noted argued wrote asked replied".split())
_OPEN = " \t\r\n\"'\u2018\u201c([\u00ab-\u2014"
_LOWER = re.compile(r"[a-z\u00df-\u00ff]")
_UPPER = re.compile(r"[A-Z\u00c0-\u00de]")
_ROLE_NOUN = re.compile(
    r"\b[Tt]he\s+((?:[a-z][a-z\-]*\s+){0,2}(?:"
    + "|".join(sorted(ROLE_HEADS, key=len, reverse=True))
    + r"))\b(?![\w\-\u2019'])(?!\s+[A-Z])"
)
_CORP_SUFFIX = frozenset("inc inc. corp corp. co co. ltd ltd. plc llc ag sa nv gmbh spa bv ab group".split())

_COMPANY = frozenset("co co. cos company sons partners associates".split())

# strength of typing evidence: 3 dictionary/title/head, 2 acronym/before-title/given name, 1 guess
STRONG, MEDIUM, WEAK = 3, 2, 1


@lru_cache(maxsize=200_000)
def _key(word: str) -> str:
    return fold(word).lower()


@lru_cache(maxsize=1)
def _skip_words() -> frozenset[str]:
    return (stopwords() | NON_ACTOR) - ORG_HEADS - GROUP_HEADS
