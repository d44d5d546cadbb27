"""Normalisation of surface text: curly quotes and dashes folded, lower-cased."""

from __future__ import annotations

from workbench.text.resources import FOLD_TABLE


def fold(text: str) -> str:
    """Fold curly quotes, dashes and odd spaces to ASCII, one character for one (offsets are kept).

    >>> fold("Pakistan’s “talks” — now")
    'Pakistan\\'s "talks" - now'
    """
    return text.translate(FOLD_TABLE)


def norm(token: str) -> str:
    """The ``norm`` of a token: folded and lower-cased.

    >>> norm("Pakistan’s"), norm("’s"), norm("—")
    ("pakistan's", "'s", '-')
    """
    return token.translate(FOLD_TABLE).lower()
