"""Word lists and compiled regexes of the text layer, built once at first use."""

from __future__ import annotations

import re
from functools import cache

from workbench.paths import RESOURCES_DIR

#: Curly quotes, primes, dashes and odd spaces folded to ASCII in ``norm``.
FOLD_TABLE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)


def _read_list(name: str) -> frozenset[str]:
    lines = (RESOURCES_DIR / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@cache
def stopwords() -> frozenset[str]:
    """The shipped English stopword list (``workbench/resources/stopwords.txt``), folded and lower-cased."""
    return frozenset(w.translate(FOLD_TABLE) for w in _read_list("stopwords.txt"))


@cache
def abbreviations() -> frozenset[str]:
    """Abbreviations (lower case, no final period) after which a period does not end a sentence."""
    return _read_list("abbreviations.txt")


# A paragraph break: a blank line (possibly with spaces).
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")

# A sentence-boundary candidate: terminal punctuation, optional closing quotes/brackets, then whitespace.
# Group 1 is the punctuation, group 2 the closing quotes, group 3 the whitespace. The regex starts with the
# punctuation so that the engine skips quickly over ordinary text.
SENTENCE_CANDIDATE = re.compile(r"""([.!?\u2026]+)(["'\u2019\u201d)\]]*)(\s+)""")

# The tokenizer: one alternative per token kind, tried in order at each position. Abbreviations ("Oct.",
# "Mr.") are not in it (a long literal alternation would make every token slow); ``ABBREV_CANDIDATE`` finds
# short words before a period and the tokenizer merges those that are known abbreviations.
TOKEN = re.compile(
    r"""
    https?://[^\s<>"'\u201c\u201d]+[^\s<>"'\u201c\u201d.,;:!?)\]]   # URL
    | (?:[^\W\d_]\.){2,}                                           # initialisms: U.S. U.K. e.g.
    | [^\W\d_]+(?:[-\u2010\u2011][^\W_]+)*(?:['\u2019]t(?![^\W_]))? # words, hyphenated words, n't kept whole
    | \d+(?:[.,:/]\d+)*(?:[^\W\d_]+)?                              # numbers: 1,750 5.93 10:30 27th
    | ['\u2019](?:s|re|ve|ll|d|m)(?![^\W_])                         # clitics: 's 're 've 'll 'd 'm
    | \.{2,}|-{2,}                                                  # ellipsis, double dash
    | [^\w\s]                                                       # any other single symbol
    """,
    re.VERBOSE,
)
#: ``TOKEN`` for a split, with the whitespace before a token: ``TOKEN_SPLIT.split(text)`` gives, for each token,
#: the text skipped before it (what no token matches), the whitespace before it and the token, then the rest;
#: token offsets are running sums of the parts' lengths (done in C). The tokens are exactly ``TOKEN``'s matches:
#: ``TOKEN`` has no group of its own, no anchor and no look-behind, and no token begins or ends with whitespace.
#: Taking the whitespace in the match saves the engine a failed try of every alternative at each space; a match
#: starts only where a run of whitespace does (the look-behind), and takes the run whole (``*+``), so a long run
#: before no token (trailing spaces, "   _") is scanned once, not once per position (which is quadratic).
TOKEN_SPLIT = re.compile(r"(?<!\s)(\s*+)(" + TOKEN.pattern + ")", re.VERBOSE)
# A period followed by whitespace (or the end): the word before it may be an abbreviation.
PERIOD_BEFORE_SPACE = re.compile(r"\.(?=\s|$)")

#: The ASCII characters that Unicode counts as whitespace (``\s``) and ``re.ASCII`` does not: a text of ASCII
#: without them is matched by the ASCII patterns below as by the Unicode ones (``tokenize.plain_ascii``).
UNICODE_ONLY_SPACES = "\x1c\x1d\x1e\x1f"
#: ``TOKEN_SPLIT`` for a text of plain ASCII (``tokenize.plain_ascii``): the same alternatives in the same order,
#: with ASCII classes (``[A-Za-z]`` for ``[^\W\d_]``, ``[A-Za-z0-9]`` for ``[^\W_]``), the curly quotes and
#: Unicode hyphens (which such a text cannot hold) left out, ``X{2,}`` written ``XX+`` (a repeat the engine
#: enters at every letter), and the run of letters of a word and of digits of a number taken whole (``++``:
#: all that follows is optional, so the run never gives a character back). A quarter less time on Reuters;
#: the same tokens (``tests/text/test_frames.py`` compares the two on arbitrary ASCII texts and on Reuters).
ASCII_TOKEN_SPLIT = re.compile(
    r"""(?<!\s)(\s*+)(
    https?://[^\s<>"']+[^\s<>"'.,;:!?)\]]
    | [A-Za-z]\.(?:[A-Za-z]\.)+
    | [A-Za-z]++(?:-[A-Za-z0-9]+)*(?:'t(?![A-Za-z0-9]))?
    | [0-9]++(?:[.,:/][0-9]+)*(?:[A-Za-z]+)?
    | '(?:s|re|ve|ll|d|m)(?![A-Za-z0-9])
    | \.{2,}|-{2,}
    | [^\w\s]
    )""",
    re.VERBOSE | re.ASCII,
)

# Punctuation-only tokens (for is_punct).
PUNCT_ONLY = re.compile(r"^[^\w\s]+$")
