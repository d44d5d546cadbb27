"""Tables written for spreadsheets: CSV whose text cells cannot run as formulas.

A cell that a spreadsheet reads as a formula (``=HYPERLINK(…)`` in a headline) can run when the CSV is opened.
Following OWASP's "CSV Injection" page, every **text** cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return gets a single quote (``'``) in front, so spreadsheets show it as text; the CSV writer quotes
cells holding separators or quotes as usual. Numbers stay numbers (``-3`` in a numeric column is untouched);
only text cells are neutralised. Rows end in CRLF, as RFC 4180 has it, so that a cell holding a carriage
return or a line feed is quoted and stays one cell. ``workbench … --format csv`` (``cli.emit``) and every
figure CSV of ``save_figure`` write through ``write_csv``.

>>> import io, pandas as pd
>>> frame = pd.DataFrame({"title": ["=HYPERLINK(\\"http://x\\")", "-ok", "plain"], "value": [-1, 2, 3]})
>>> buffer = io.StringIO(); write_csv(frame, buffer); print(buffer.getvalue().replace(chr(13), "").strip())
title,value
"'=HYPERLINK(""http://x"")",-1
'-ok,2
plain,3
"""

from __future__ import annotations

import os
from typing import IO

import pandas as pd

__all__ = ["FORMULA_STARTS", "neutralise", "safe_cells", "write_csv"]

#: The first characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """``value`` with a leading ``'`` when it is text that a spreadsheet would read as a formula.

    >>> neutralise("@SUM(A1)"), neutralise(-2.5), neutralise("Kabul")
    ("'@SUM(A1)", -2.5, 'Kabul')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _text_column(column: pd.Series) -> bool:
    return bool(
        pd.api.types.is_object_dtype(column)
        or pd.api.types.is_string_dtype(column)
        or isinstance(column.dtype, pd.CategoricalDtype)
    )


def safe_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are neutralised; numbers, booleans, dates, lists keep their values.

    Only ``str`` cells are changed, so a number stored in a text column (``-3``) stays a number, and a list is
    written as pandas writes it (``['a', 'b']``, which no spreadsheet reads as a formula).
    """
    out = frame.copy()
    for name in out.columns:
        if _text_column(out[name]):
            out[name] = out[name].map(neutralise, na_action="ignore").astype(object)
    return out


def write_csv(frame: pd.DataFrame, target: str | os.PathLike[str] | IO[str], *, index: bool = False) -> None:
    """Write ``frame`` as CSV (RFC 4180: CRLF rows) to a path or a text stream, text cells neutralised."""
    safe_cells(frame).to_csv(target, index=index, lineterminator="\r\n")
