"""What a regular expression can start with, read from its parsed pattern (for ``workbench.dates.dispatch``).

``first_chars`` gives the characters a match can start with; ``prefixes`` the (lower-cased, ASCII) strings of
up to ``k`` characters it can start with. Both are conservative: where the pattern could start with anything
(a negated class, ``\\w``, a space of any script…), the answer says so, so a rule is never left out wrongly.

>>> sorted(prefixes(r"(?:the\\s+)?(?:next|last)\\s+week", 3))
[('las', False), ('nex', False), ('the', False)]
>>> prefixes(r"Q[1-4]", 3) == {("q1", True), ("q2", True), ("q3", True), ("q4", True)}
True
"""

from __future__ import annotations

import re
import string

# The standard library's own regex parser (Python 3.11+; there is no public API that parses a pattern).
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

__all__ = ["ALPHABET", "first_chars", "lower_pattern", "prefixes"]

#: Characters a position worth trying can start with (word starts and the apostrophe of "'90s").
ALPHABET = frozenset(string.ascii_letters + string.digits + "'$#")
_ANY = None  # "any character may come first"
#: Characters a prefix is spelled in: lower-case ASCII letters, digits and ASCII punctuation (no spaces).
_SPELLED = frozenset(string.ascii_lowercase + string.digits + string.punctuation)


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


def _class_chars(av: Any, flags: int) -> set[str] | None:
    """The characters of ``ALPHABET`` an ``IN`` item (a character class) matches; None if it may match more
    than we can list (a negated class, ``\\w``, a category other than digits and spaces)."""
    chars: set[str] = set()
    for sub_op, sub_av in av:
        if sub_op is _c.NEGATE:
            return None
        if sub_op is _c.LITERAL:
            chars.add(chr(sub_av))
        elif sub_op is _c.RANGE:
            lo, hi = sub_av
            chars |= {c for c in ALPHABET if lo <= ord(c) <= hi}
        elif sub_op is _c.CATEGORY and sub_av is _c.CATEGORY_DIGIT:
            chars |= set(string.digits)
        elif sub_op is _c.CATEGORY and sub_av is _c.CATEGORY_SPACE:
            chars.add(" ")  # a stand-in: never a word start, and a prefix stops at a space
        else:
            return None
    if flags & re.IGNORECASE:
        chars |= {c.lower() for c in chars} | {c.upper() for c in chars}
    return chars


def _first_op(op: Any, av: Any, flags: int) -> tuple[set[str] | None, bool]:
    """(first characters, can be empty) of one parsed item: ``op`` is an opcode of ``re``'s parser and ``av``
    its argument, whose shape depends on the opcode (hence ``Any``)."""
    if op is _c.LITERAL:
        ch = chr(av)
        return ({ch.lower(), ch.upper()} if flags & re.IGNORECASE else {ch}), False
    if op is _c.IN:
        chars = _class_chars(av, flags)
        return (None, False) if chars is None else (chars - {" "}, False)
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
    """Characters of ``ALPHABET`` a match of ``pattern`` can start with; ``None`` when any can.

    >>> sorted(first_chars(r"(?:the\\s+)?\\d+"))[:3], "x" in first_chars(r"(?:the\\s+)?\\d+")
    (['0', '1', '2'], False)
    """
    chars, nullable = _first(list(_p.parse(pattern, flags)), flags)
    if chars is None or nullable:
        return None
    return frozenset(chars & ALPHABET)


def lower_pattern(pattern: str) -> str:
    """``pattern`` with its literal characters and classes in lower case, escapes and group names kept: on
    lower-cased ASCII text it matches, without ``re.IGNORECASE``, where ``pattern`` matches with it (case-blind
    literals fail slowly in ``re``: an alternative opening with one is entered before it is rejected).

    >>> print(lower_pattern(r"(?P<Mon>Jan\\.?|FEB)\\s+\\d[A-Z]"))
    (?P<Mon>jan\\.?|feb)\\s+\\d[a-z]
    """
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        elif pattern.startswith(("(?P<", "(?P="), i):
            j = pattern.index(">" if pattern[i + 3] == "<" else ")", i)
            out.append(pattern[i : j + 1])
            i = j + 1
        else:
            out.append(pattern[i].lower())
            i += 1
    return "".join(out)


#: A prefix being read: (the characters so far, lower-cased; whether anything may follow them).
Prefix = tuple[str, bool]


def _extend(states: set[Prefix], items: list, flags: int, k: int) -> set[Prefix]:
    for op, av in items:
        if all(done or len(s) >= k for s, done in states):
            break
        states = _step(states, op, av, flags, k)
    return states


def _append(states: set[Prefix], chars: set[str] | None, k: int) -> set[Prefix]:
    """Each open prefix followed by one of ``chars`` (a space or an unlisted character ends the prefix)."""
    out: set[Prefix] = set()
    for s, done in states:
        if done or len(s) >= k:
            out.add((s, done))
        elif chars is None or " " in chars or not chars <= _SPELLED | set(string.ascii_uppercase):
            out.add((s, True))
            if chars is not None:
                out |= {(s + c.lower(), False) for c in chars if c.lower() in _SPELLED}
        else:
            out |= {(s + c.lower(), False) for c in chars}
    return out


def _step(states: set[Prefix], op: Any, av: Any, flags: int, k: int) -> set[Prefix]:  # noqa: C901 - per opcode
    if op is _c.LITERAL:
        return _append(states, {chr(av)}, k)
    if op is _c.IN:
        return _append(states, _class_chars(av, flags), k)
    if op is _c.BRANCH:
        out: set[Prefix] = set()
        for alt in av[1]:
            out |= _extend(states, list(alt), flags, k)
        return out
    if op is _c.SUBPATTERN:
        _group, add, rm, sub = av
        return _extend(states, list(sub), (flags | add) & ~rm, k)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, hi, sub = av
        result = set(states) if lo == 0 else set()
        current = states
        for n in range(1, min(hi, k) + 1):
            current = _extend(current, list(sub), flags, k)
            if n >= min(lo, k):
                result |= current
        return result
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return states  # zero width: it only narrows what matches
    return _append(states, None, k)  # ANY, NOT_LITERAL, GROUPREF…: anything may follow


def prefixes(pattern: str, k: int, flags: int = re.IGNORECASE) -> set[Prefix]:
    """The lower-cased starts of up to ``k`` characters a match of ``pattern`` can have: ``(s, False)`` when
    a match starts with ``s`` exactly (``len(s) == k``, or the match may end there), ``(s, True)`` when it
    starts with ``s`` followed by anything. Conservative: a match's start always agrees with one of them."""
    states = _extend({("", False)}, list(_p.parse(pattern, flags)), flags, k)
    return {(s, done or len(s) < k) for s, done in states}
