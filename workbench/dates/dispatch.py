"""Speed for the TIMEX3 tagger: a trigger scan that skips inside words; ``MASTER`` split by first character.

``MASTER`` (``workbench.dates.patterns``) joins about forty rules in one alternation; at a position the
regex engine tries them in order and the first that matches wins. Most rules cannot even start with the
characters found there ("yea" rules out every rule that cannot open with them), so ``master_at`` uses the
alternation of only those rules whose first three characters can be those, in the same order, with the same
group names: the same match, found with far fewer attempts. What a rule can start with is read from its
parsed pattern (``workbench.dates.prefixes``), conservatively: when in doubt a rule is kept.

``triggers`` finds the trigger words of ``TRIGGER`` with a pattern that opens on the separator before a word,
so the engine's character-class prefilter passes over the letters inside words without trying the rules, and
the trigger numbers in a second pass that opens on their first digit.

>>> [text[s:e] for text in ["Talks resume next week, on May 25 1987."] for s, e in triggers(text)]
['week', 'May', '1987']
>>> master_at("1987 results", 0).lastgroup
'year'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from workbench.dates import cues as C
from workbench.dates import patterns as P
from workbench.dates import words as W
from workbench.dates.prefixes import ALPHABET, first_chars, lower_pattern, prefixes

__all__ = ["first_chars", "master_at", "triggers", "WordScan"]

_RULE_FIRST = {name: first_chars(pat) for name, pat in P.RULES}
_MASTERS: dict[str, re.Pattern[str]] = {}
_BY_RULES: dict[tuple[tuple[str, ...], bool], re.Pattern[str]] = {}  # keys with the same rules share a pattern

#: How many characters at a position choose the rules tried there.
KEY = 3


def _rule_starts(pattern: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """(the exact ``KEY``-character starts of a rule, the shorter starts after which anything may follow)."""
    found = prefixes(pattern, KEY)
    return frozenset(s for s, wild in found if not wild), tuple(sorted(s for s, wild in found if wild))


@functools.cache
def _starts_of_rules() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """Each rule's starts, read once, on first use (not at import)."""
    return {name: _rule_starts(pat) for name, pat in P.RULES}


_BY_KEY: dict[str, re.Pattern[str]] = {}
_BY_LOWER_KEY: dict[str, re.Pattern[str]] = {}


def master_at(text: str, pos: int, endpos: int | None = None, *, lowered: str | None = None) -> re.Match[str] | None:
    """``MASTER.match(text, pos, endpos)``, trying only the rules that can start with the (up to three)
    characters at ``pos``: with an ASCII key, the rules whose ``prefixes`` agree with it; otherwise those
    that can start with ``text[pos]``.

    ``lowered`` (``text.lower()`` of an ASCII ``text``, which the caller vouches for) is matched instead, by
    the rules in lower case without ``re.IGNORECASE`` (``lower_pattern``): the same span and rule, found
    about twice as fast. The match is then one on ``lowered``: read its span and ``lastgroup``.
    """
    end = len(text) if endpos is None else endpos
    if lowered is not None:
        key = lowered[pos : min(pos + KEY, end)]
        pattern = _BY_LOWER_KEY.get(key)
        if pattern is None:
            names = _names_for_key(key) if len(key) == KEY else _names_for(key[:1])
            pattern = _BY_LOWER_KEY[key] = _shared(names, lowered=True)
        return pattern.match(lowered, pos, end)
    key = text[pos : min(pos + KEY, end)]
    pattern = _BY_KEY.get(key)
    if pattern is None:
        if len(key) == KEY and key.isascii():
            pattern = _BY_KEY[key] = _shared(_names_for_key(key.lower()), lowered=False)
        else:
            ch = key[:1]
            pattern = _MASTERS.get(ch)
            if pattern is None:
                pattern = _MASTERS[ch] = _shared(_names_for(ch), lowered=False) if ch in ALPHABET else P.MASTER
    return pattern.match(text, pos, end)


def _shared(names: tuple[str, ...], *, lowered: bool) -> re.Pattern[str]:
    if (names, lowered) not in _BY_RULES:
        _BY_RULES[names, lowered] = _compile_master(names, lowered=lowered)
    return _BY_RULES[names, lowered]


def _names_for(ch: str) -> tuple[str, ...]:
    """The rules that can start with ``ch`` (all of them for a character outside ``ALPHABET``)."""
    if ch not in ALPHABET:
        return tuple(name for name, _ in P.RULES)
    return tuple(name for name, first in _RULE_FIRST.items() if first is None or ch in first)


def _names_for_key(key: str) -> tuple[str, ...]:
    starts = _starts_of_rules()
    return tuple(name for name, (exact, wild) in starts.items() if key in exact or key.startswith(wild))


def _compile_master(names: tuple[str, ...], *, lowered: bool) -> re.Pattern[str]:
    rules = [(name, pat) for name, pat in P.RULES if name in names]
    if not rules:
        return re.compile(r"(?!)")
    source = (
        P.START + "(?:" + "|".join(f"(?P<{name}>{P.GROUP_NAME.sub('(?:', pat)})" for name, pat in rules) + r")(?!\w)"
    )
    return re.compile(lower_pattern(source), 0) if lowered else re.compile(source, P.FLAGS)


_TRIGGER_BODY = C.TRIGGER.pattern.removeprefix(r"(?<![\w'])")
#: A trigger after the character before it: the leading negated class lets the engine skip word letters.
_TRIGGER_AFTER_SEP = re.compile(r"[^\w'](?=[A-Za-z\d])(" + _TRIGGER_BODY + ")")
_TRIGGER_AT_START = re.compile("(" + _TRIGGER_BODY + ")")


#: ``TRIGGER`` over lower-cased ASCII text: after an ASCII separator (a class the engine tests by bitmap), with
#: a trie of lower-case words only.
_LOWER_BODY = "(?:" + C.trie(sorted(W.TRIGGER_WORDS)) + r")(?!\w)|" + C.TRIGGER_NUMBERS
_ASCII_SEP = "[\x00-\x26\x28-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f]"  # ASCII but letters, digits, "_", "'"
_LOWER_AT_START = re.compile("(" + _LOWER_BODY + ")")
_PHRASE_WORDS = frozenset({"time", "term", "date", "while"})  # the words of ``TRIGGER_PHRASES``

#: The same scan in two passes, each faster than the two joined: the words after a separator (the phrase
#: words of ``TRIGGER_PHRASES`` in the trie, and checked with their phrase where found), and the numbers of
#: ``TRIGGER_DIGITS`` by their first digit, which the engine looks for with its fast search for a
#: character class (a pattern that opens on a separator is tried at every space).
_WORDS_AFTER_SEP = re.compile(_ASCII_SEP + "(?:" + C.trie(sorted(W.TRIGGER_WORDS | _PHRASE_WORDS)) + r")(?!\w)")
_PHRASES = re.compile(C.TRIGGER_PHRASES)
#: On lower-cased ASCII text a digit is one of 0-9, which the engine finds faster than ``\d``.
_NUMBERS = re.compile(r"[0-9](?<![\w'][0-9])(?:" + C.TRIGGER_AFTER_DIGIT + ")")


def triggers(text: str, *, lowered: str | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of the matches of ``TRIGGER`` in ``text``, in order (the same as ``TRIGGER.finditer``).

    An ASCII text is scanned lower-cased (same length, same word characters) and a word is kept only if it
    is written as ``TRIGGER`` has it (lower case, Capitalised or UPPER: every trigger word is one run of
    letters and digits, so the word at a start is the same in both texts); a number ending in "s" must
    have it in lower case. Other texts take the cased scan. ``lowered`` is ``text.lower()`` when the caller
    has it already.
    """
    if not text.isascii():
        yield from _cased_triggers(text)
        return
    low = text.lower() if lowered is None else lowered
    words = W.TRIGGER_WORDS
    for s, e in _lower_spans(low):
        surface = text[s:e]
        lowered = low[s:e]
        if surface == lowered or (
            (lowered in words or lowered in _PHRASE_WORDS)
            and (surface == lowered.capitalize() or surface == lowered.upper())
        ):
            yield s, e


def _lower_spans(low: str) -> list[tuple[int, int]]:
    """(start, end) of the matches of ``_LOWER_BODY`` in ``low`` at its start or after an ``_ASCII_SEP``, in
    order and without overlaps (what one ``finditer`` of the separator and ``_LOWER_BODY`` gives), from the
    word and number passes merged. The two never start at one position: the words that begin with a digit
    ("3q") are no trigger numbers."""
    first = _LOWER_AT_START.match(low)
    if first is not None:
        spans = [first.span(1)]
        pos = first.end(1)
    else:
        spans, pos = [], 0
    phrases, phrase = _PHRASE_WORDS, _PHRASES.match
    found = [
        (s + 1, e)
        for m in _WORDS_AFTER_SEP.finditer(low, pos)
        for s, e in (m.span(),)
        if low[s + 1 : e] not in phrases or phrase(low, s + 1)
    ]
    numbers = [m.span() for m in _NUMBERS.finditer(low)]
    if not numbers:
        return spans + found
    last = pos
    for s, e in sorted(found + numbers):
        if s > last:  # a separator at s - 1 that no earlier match took
            spans.append((s, e))
            last = e
    return spans


def _cased_triggers(text: str) -> Iterator[tuple[int, int]]:
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
