"""Speed for the TIMEX3 tagger: a trigger scan that skips inside words; ``MASTER`` split by first character.

``MASTER`` (``workbench.dates.patterns``) joins about forty rules in one alternation; at a position the
regex engine tries them in order and the first that matches wins. Most rules cannot even start with the
character found there (a digit rules out every rule that opens with a word), so ``master_at`` returns the
alternation of only those rules whose first character can be that one, in the same order, with the same
group names: the same match, found with far fewer attempts. Which characters a rule can start with is read
from its parsed pattern (``first_chars``), conservatively: when in doubt a rule is kept.

``triggers`` finds the trigger words of ``TRIGGER`` with a pattern that opens on the separator before a word,
so the engine's character-class prefilter passes over the letters inside words without trying the rules.

>>> [text[s:e] for text in ["Talks resume next week, on May 25 1987."] for s, e in triggers(text)]
['week', 'May', '1987']
>>> master_at("1987 results", 0).lastgroup
'year'
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

# The standard library's own regex parser (Python 3.11+; there is no public API that parses a pattern).
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

from workbench.dates import cues as C
from workbench.dates import patterns as P

__all__ = ["first_chars", "master_at", "triggers"]

#: Characters a position worth trying can start with (word starts and the apostrophe of "'90s").
_ALPHABET = frozenset(string.ascii_letters + string.digits + "'$#")
_ANY = None  # "any character may come first"


def _first(items: list, flags: int) -> tuple[set[str] | None, bool]:
    """(first characters, can be empty) of a parsed sequence; ``None`` for "could be anything"."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_op(op, av, flags)
        if chars is None:
            return _ANY, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_op(op: Any, av: Any, flags: int) -> tuple[set[str] | None, bool]:  # noqa: C901 - one case per opcode
    """(first characters, can be empty) of one parsed item: ``op`` is an opcode of ``re``'s parser and ``av``
    its argument, whose shape depends on the opcode (hence ``Any``)."""
    if op is _c.LITERAL:
        ch = chr(av)
        return ({ch.lower(), ch.upper()} if flags & re.IGNORECASE else {ch}), False
    if op is _c.IN:
        chars: set[str] = set()
        for sub_op, sub_av in av:
            if sub_op is _c.NEGATE:
                return _ANY, False
            if sub_op is _c.LITERAL:
                chars.add(chr(sub_av))
            elif sub_op is _c.RANGE:
                lo, hi = sub_av
                chars |= {c for c in _ALPHABET if lo <= ord(c) <= hi}
            elif sub_op is _c.CATEGORY:
                if sub_av is _c.CATEGORY_DIGIT:
                    chars |= set(string.digits)
                elif sub_av is _c.CATEGORY_WORD:
                    chars |= {c for c in _ALPHABET if c.isalnum()}
                elif sub_av is _c.CATEGORY_SPACE:
                    pass  # never a word start
                else:
                    return _ANY, False
            else:
                return _ANY, False
        if flags & re.IGNORECASE:
            chars |= {c.lower() for c in chars} | {c.upper() for c in chars}
        return chars, False
    if op is _c.BRANCH:
        out: set[str] = set()
        nullable = False
        for alt in av[1]:
            alt_chars, empty = _first(list(alt), flags)
            if alt_chars is None:
                return _ANY, False
            out |= alt_chars
            nullable = nullable or empty
        return out, nullable
    if op is _c.SUBPATTERN:
        _group, add, rm, sub = av
        return _first(list(sub), (flags | add) & ~rm)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, _hi, sub = av
        sub_chars, empty = _first(list(sub), flags)
        return sub_chars, (lo == 0 or empty)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # zero width: the next item decides
    return _ANY, False  # ANY, GROUPREF, …: anything may come first


def first_chars(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """Characters of ``_ALPHABET`` a match of ``pattern`` can start with; ``None`` when any can.

    >>> sorted(first_chars(r"(?:the\\s+)?\\d+"))[:3], "x" in first_chars(r"(?:the\\s+)?\\d+")
    (['0', '1', '2'], False)
    """
    chars, nullable = _first(list(_p.parse(pattern, flags)), flags)
    if chars is _ANY or nullable:
        return None
    return frozenset(chars & _ALPHABET)


_RULE_FIRST = {name: first_chars(pat) for name, pat in P.RULES}
_MASTERS: dict[str, re.Pattern[str]] = {}
_BY_RULES: dict[tuple[str, ...], re.Pattern[str]] = {}  # characters with the same rules share a pattern


def master_at(text: str, pos: int, endpos: int | None = None) -> re.Match[str] | None:
    """``MASTER.match(text, pos, endpos)``, trying only the rules that can start with ``text[pos]``."""
    ch = text[pos : pos + 1]
    pattern = _MASTERS.get(ch)
    if pattern is None:
        pattern = _MASTERS[ch] = _master_for(ch) if ch in _ALPHABET else P.MASTER
    return pattern.match(text, pos, len(text) if endpos is None else endpos)


def _master_for(ch: str) -> re.Pattern[str]:
    names = tuple(name for name, first in _RULE_FIRST.items() if first is None or ch in first)
    if names not in _BY_RULES:
        _BY_RULES[names] = _compile_master(names)
    return _BY_RULES[names]


def _compile_master(names: tuple[str, ...]) -> re.Pattern[str]:
    rules = [(name, pat) for name, pat in P.RULES if name in names]
    if not rules:
        return re.compile(r"(?!)")
    return re.compile(
        r"(?<![\w'])(?:" + "|".join(f"(?P<{name}>{P.GROUP_NAME.sub('(?:', pat)})" for name, pat in rules) + r")(?!\w)",
        P.FLAGS,
    )


_TRIGGER_BODY = C.TRIGGER.pattern.removeprefix(r"(?<![\w'])")
#: A trigger after the character before it: the leading negated class lets the engine skip word letters.
_TRIGGER_AFTER_SEP = re.compile(r"[^\w'](?=[A-Za-z\d])(" + _TRIGGER_BODY + ")")
_TRIGGER_AT_START = re.compile("(" + _TRIGGER_BODY + ")")


def triggers(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the matches of ``TRIGGER`` in ``text``, in order (the same as ``TRIGGER.finditer``)."""
    first = _TRIGGER_AT_START.match(text)
    pos = 0
    if first is not None:
        yield first.span(1)
        pos = first.end(1)
    for m in _TRIGGER_AFTER_SEP.finditer(text, pos):
        yield m.span(1)


class WordScan:
    """``finditer`` of a pattern that must start a word, found by the separator before the word.

    ``WordScan(body, sep=r"[^\\w']")`` finds what ``(?<![\\w'])body`` finds (``sep=r"\\W"``: what
    ``\\bbody`` finds, for a body that opens with a word character), in order, without overlaps as long as
    matches end on a word character. Yields the matches of the separator-led pattern (or of ``body`` at the
    text's start), so spans are read from the body's own groups.
    """

    def __init__(self, body: str, *, flags: int = 0, sep: str = r"[^\w']") -> None:
        self._after = re.compile(sep + "(?:" + body + ")", flags)
        self._start = re.compile("(?:" + body + ")", flags)

    def finditer(self, text: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        if pos == 0:
            first = self._start.match(text, 0, endpos)
            if first is not None:
                yield first
                pos = first.end()
            yield from self._after.finditer(text, pos, endpos)
        else:
            yield from self._after.finditer(text, pos - 1, endpos)
