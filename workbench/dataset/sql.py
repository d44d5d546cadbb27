"""SQL text for the dataset's DuckDB queries: quoting, lists, periods, and character classes that test
characters as Python's regular expressions do.

>>> period_sql("M", "published")
"date_trunc('month', published)"
>>> sql_list(["a", "o'b"])
"['a', 'o''b']"
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import numpy as np

from workbench.errors import WorkbenchError

#: DuckDB's ``date_trunc`` part of each period (weeks start on Monday, like pandas' W-SUN periods).
TRUNC = {"D": "day", "W": "week", "M": "month"}


def sql_str(value: str) -> str:
    """A SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def sql_list(values: Iterable[str]) -> str:
    """A SQL list literal of strings."""
    return "[" + ", ".join(sql_str(v) for v in values) + "]"


def period_sql(freq: str, column: str = "a.published") -> str:
    """The SQL expression for the first day of the period of ``column`` (``freq`` "D", "W" or "M")."""
    if freq not in TRUNC:
        raise WorkbenchError(f"freq must be one of D, W, M, not {freq!r}")
    return f"date_trunc('{TRUNC[freq]}', {column})"


@functools.cache
def re2_class(pattern: str) -> str:
    """The RE2 character class (DuckDB's regular expressions) of the characters that Python's ``pattern``
    (one character, such as ``\\w`` or ``\\s``) matches, so that SQL tests characters as Python does.

    >>> print(re2_class(r"\\s"))
    [\\x{9}-\\x{d}\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}-\\x{2029}\\x{202f}\\x{205f}\\x{3000}]
    """
    every = np.arange(0x110000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")  # every code point
    spans = (m.span() for m in re.finditer(f"(?:{pattern})+", every))
    return "[" + "".join(f"\\x{{{a:x}}}-\\x{{{b - 1:x}}}" if b - a > 1 else f"\\x{{{a:x}}}" for a, b in spans) + "]"


def is_word(column: str) -> str:
    """SQL: whether ``column`` has a word character (Python's ``\\w``); an ASCII letter or digit first
    decides most without the regular expression."""
    ascii_first = " OR ".join(f"({column} >= '{lo}' AND {column} < '{hi}')" for lo, hi in ("a{", "0:", "A["))
    pattern = sql_str(re2_class(r"\w"))
    return f"({ascii_first} OR regexp_matches({column}, {pattern}))"
