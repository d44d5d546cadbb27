"""Actor dictionary entries: what every dictionary loader returns, and how aliases become lookup keys.

:class:`ActorEntry` (one actor, with its aliases and date-bounded :class:`Role` s), :class:`Dictionary` (entries
merged from several files, with the alias clashes found), :class:`DictionaryError` (a malformed file: file, line,
reason); the words and lookup key of an alias (:func:`alias_words`, :func:`alias_key`), its case rule
(:func:`case_rule`) and the id made from a name (:func:`slug`).

Case rules for aliases (``case:``): ``default`` — an alias written in capitals of up to six letters
("PPP", "NATO", "U.S.") matches only exactly; any other alias matches when every word that starts with a
capital in the alias starts with a capital in the text, the rest ignoring case and curly/straight quotes
("Gul Bahadur group" matches "Gul Bahadur Group" but not "gul bahadur group"). ``exact`` — letter for letter.
``ignore`` — any case. A leading "the " is dropped from aliases ("the Taliban" = "Taliban").
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from workbench.errors import WorkbenchError
from workbench.text.normalize import fold

ACTOR_TYPES = ("person", "organization", "country", "group", "place", "other")
CASE_RULES = ("default", "exact", "ignore")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.:\-]*$")
TYPE_SYNONYMS = {
    "org": "organization",
    "organisation": "organization",
    "location": "place",
    "loc": "place",
    "per": "person",
    "state": "country",
    "armed group": "group",
}
#: Words of an alias as the matcher sees them (initialisms, words with inner hyphens/apostrophes, symbols).
ALIAS_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_](?:\w|[-\u2010\u2011](?=\w)|['\u2019](?=[^\W\d_]{2}))*|&")


class DictionaryError(WorkbenchError):
    """A malformed actor dictionary: ``file``, ``line`` (1-based, 0 if unknown) and what is wrong."""

    def __init__(self, file: str | os.PathLike[str], line: int, message: str) -> None:
        self.file, self.line, self.reason = str(file), line, message
        super().__init__(f"{file} line {line}: {message}" if line else f"{file}: {message}")


@dataclass(frozen=True)
class Role:
    """A date-bounded role: ``title`` (e.g. "Defence Minister") ``of`` an actor id, between two dates."""

    title: str
    of: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def holds_on(self, day: dt.date | None) -> bool:
        """Whether the role is held on ``day`` (an unknown day matches any role)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class ActorEntry:
    """One actor of a dictionary."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    roles: list[Role] = field(default_factory=list)
    case: str = "default"
    source: str = ""
    line: int = 0
    codes: list[str] = field(default_factory=list)


@dataclass
class Dictionary:
    """Entries merged from several files, with the alias clashes found while merging."""

    entries: list[ActorEntry]
    conflicts: list[str] = field(default_factory=list)


def alias_words(alias: str) -> list[str]:
    """The words of an alias as the matcher sees them (a leading "the" dropped).

    >>> alias_words("the Pakistan Peoples Party"), alias_words("Côte d’Ivoire"), alias_words("U.S. Congress")
    (['Pakistan', 'Peoples', 'Party'], ['Côte', 'd’Ivoire'], ['U.S.', 'Congress'])
    >>> alias_words("Standard and Poor's"), alias_words("Moody's Investors Service")
    (['Standard', 'and', "Poor's"], ["Moody's", 'Investors', 'Service'])
    """
    words: list[str] = []
    last_end = -1
    for match in ALIAS_WORD.finditer(alias):
        start = match.start()
        if match.group() == "s" and words and start == last_end + 1 and alias[last_end] in "'\u2019":
            words[-1] += "'s"  # "Moody's": a possessive inside a name is part of it
        else:
            words.append(match.group())
        last_end = match.end()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return words


def alias_key(words: Sequence[str]) -> str:
    """The lookup key of a word sequence: folded, lower-cased, joined by single spaces."""
    return fold(" ".join(words)).lower()


def case_rule(alias: str, case: str = "default") -> str:
    """``exact``, ``title`` or ``ignore`` for one alias (see the module docstring).

    >>> case_rule("PPP"), case_rule("U.S."), case_rule("Gul Bahadur group"), case_rule("Nato", "ignore")
    ('exact', 'exact', 'title', 'ignore')
    """
    if case != "default":
        return case
    letters = [c for c in alias if c.isalpha()]
    if 2 <= len(letters) <= 6 and all(c.isupper() for c in letters):
        return "exact"
    return "title"


@lru_cache(maxsize=100_000)
def slug(name: str) -> str:
    """An id from a name.

    >>> slug("Bilawal Bhutto-Zardari"), slug("Türkiye"), slug("U.S. Congress")
    ('bilawal-bhutto-zardari', 'turkiye', 'u.s.-congress')
    """
    text = fold(name)
    if not text.isascii():  # (plain ASCII is its own decomposition: no accents to strip)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _SLUG_GAPS.sub("-", text.lower()).strip("-.")
    return text or "actor"


#: What :func:`slug` turns into one hyphen.
_SLUG_GAPS = re.compile(r"[^a-z0-9.]+")
