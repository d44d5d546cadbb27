"""Every table's columns and their types, declared once.

The loader, the in-memory corpus, the Dask ingest, the dataset's DuckDB queries and the contract tests read the
columns from here, and every table crosses the disk through :func:`to_arrow` and :func:`conform`, so that a table
has one shape whichever path made it (computed now, read from the cache, read from a dataset):

- text is pandas' string dtype (``str``), missing text is NaN;
- counts and offsets are ``int64``, sentence and token numbers within an article ``int32``;
- dates are ``datetime64[ns]`` (tz-naive), NaT when unknown;
- list columns (an actor's ``aliases``; Reuters' ``topics_gold``, ``places``…) hold Python lists of strings,
  never NumPy arrays (``if row.places:`` works whichever path made the row).

``articles`` may carry more columns than declared (a format's own fields, such as Reuters' labels); they keep
the type they have, list columns becoming lists. The other tables carry exactly their declared columns first;
extra columns (``analysis`` results, classifier scores) follow them unchanged.

>>> columns("report")
['source', 'record', 'status', 'reason', 'article_id']
>>> import pandas as pd
>>> frame = conform(pd.DataFrame({"actor_id": ["a"], "aliases": [("A", "Alpha")]}), "actors", partial=True)
>>> frame.loc[0, "aliases"]
['A', 'Alpha']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from workbench.errors import WorkbenchError

STR = "str"
INT64 = "int64"
INT32 = "int32"
BOOL = "bool"
DATETIME = "datetime64[ns]"
FLOAT64 = "float64"
LIST = "list"  # a list of strings

#: Arrow types written to Parquet for each kind (text as large strings, as the Dask ingest always wrote it).
ARROW_TYPES: dict[str, pa.DataType] = {
    STR: pa.large_string(),
    INT64: pa.int64(),
    INT32: pa.int32(),
    BOOL: pa.bool_(),
    DATETIME: pa.timestamp("ns"),
    FLOAT64: pa.float64(),
    LIST: pa.list_(pa.large_string()),
}


@dataclass(frozen=True)
class Table:
    """A table's declared columns (name → kind) and whether it may carry more (``articles`` does)."""

    name: str
    columns: dict[str, str]
    open: bool = False


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "articles",
            {
                "article_id": STR,
                "source": STR,
                "record": STR,
                "title": STR,
                "dateline": STR,
                "published": DATETIME,
                "published_source": STR,
                "outlet": STR,
                "url": STR,
                "author": STR,
                "language": STR,
                "text": STR,
                "boilerplate": STR,
                "duplicate_of": STR,
                "notes": STR,
            },
            open=True,
        ),
        Table("report", {"source": STR, "record": STR, "status": STR, "reason": STR, "article_id": STR}),
        Table(
            "sentences",
            {"article_id": STR, "sentence_id": INT32, "paragraph_id": INT32, "start": INT64, "end": INT64, "text": STR},
        ),
        Table(
            "tokens",
            {
                "article_id": STR,
                "sentence_id": INT32,
                "token_id": INT32,
                "token": STR,
                "norm": STR,
                "start": INT64,
                "end": INT64,
                "is_alpha": BOOL,
                "is_stop": BOOL,
                "is_punct": BOOL,
            },
        ),
        Table(
            "mentions",
            {
                "article_id": STR,
                "sentence_id": INT64,
                "start": INT64,
                "end": INT64,
                "surface": STR,
                "actor_id": STR,
                "actor": STR,
                "actor_type": STR,
                "method": STR,
                "metonymy": BOOL,
                "evidence": STR,
                "strength": INT64,
            },
        ),
        Table(
            "timexes",
            {
                "article_id": STR,
                "sentence_id": INT64,
                "start": INT64,
                "end": INT64,
                "surface": STR,
                "type": STR,
                "value": STR,
                "date": DATETIME,
                "granularity": STR,
            },
        ),
        Table(
            "actors",
            {
                "actor_id": STR,
                "actor": STR,
                "actor_type": STR,
                "mentions": INT64,
                "articles": INT64,
                "first_seen": DATETIME,
                "last_seen": DATETIME,
                "aliases": LIST,
                "methods": LIST,
            },
        ),
    )
}
#: The tables a corpus holds and a dataset stores (``actors`` is derived from ``mentions``, never stored).
STORED = ("articles", "report", "sentences", "tokens", "mentions", "timexes")
#: The heavy columns of ``articles``, left out of ``Corpus.catalog``.
TEXT_COLUMNS = ("text", "boilerplate")


class SchemaError(WorkbenchError):
    """A table lacks declared columns (a damaged file, or a frame built by hand)."""


def table(name: str) -> Table:
    """The declaration of table ``name``."""
    try:
        return TABLES[name]
    except KeyError:
        raise WorkbenchError(f"no table {name!r}; the tables are {', '.join(TABLES)}") from None


def columns(name: str) -> list[str]:
    """The declared columns of table ``name``, in order."""
    return list(table(name).columns)


def _is_list_type(t: pa.DataType) -> bool:
    return pa.types.is_list(t) or pa.types.is_large_list(t)


def _as_list(value: Any) -> Any:
    if isinstance(value, list):
        return value
    if isinstance(value, (tuple, np.ndarray, pa.Array)):
        return [v for v in (value.tolist() if isinstance(value, np.ndarray) else list(value))]
    return value


def _cast(series: pd.Series, kind: str) -> pd.Series:
    if kind == LIST:
        if series.map(lambda v: isinstance(v, list) or v is None).all():
            return series.astype(object)
        return series.map(_as_list).astype(object)
    if str(series.dtype) == kind:
        return series
    if kind == DATETIME:
        return pd.to_datetime(series, errors="coerce").astype(DATETIME)
    if kind == STR:
        return series.astype(STR)
    return series.astype(kind)


def conform(frame: pd.DataFrame, name: str, *, partial: bool = False) -> pd.DataFrame:
    """``frame`` with its declared columns first, in order, each of its declared type; extra columns follow
    (list values become Python lists there too). ``partial=True`` allows declared columns to be missing.

    Raises ``SchemaError`` naming the missing columns otherwise.
    """
    spec = table(name)
    missing = [c for c in spec.columns if c not in frame.columns]
    if missing and not partial:
        raise SchemaError(f"the {name} table lacks the columns {', '.join(missing)}")
    if list(frame.columns) == list(spec.columns) and all(
        kind != LIST and str(dtype) == kind for dtype, kind in zip(frame.dtypes, spec.columns.values(), strict=True)
    ):
        return frame.copy(deep=False)  # already conforms: no new frame (which would copy it into blocks)
    out = {c: _cast(frame[c], kind) for c, kind in spec.columns.items() if c in frame.columns}
    for c in frame.columns:
        if c not in spec.columns:
            col = frame[c]
            if col.dtype == object and col.map(lambda v: isinstance(v, (np.ndarray, tuple))).any():
                col = col.map(_as_list).astype(object)
            out[c] = col
    return pd.DataFrame(out, index=frame.index)


def arrow_schema(name: str, frame: pd.DataFrame | None = None, *, extra: Iterable[pa.Field] = ()) -> pa.Schema:
    """The Arrow schema table ``name`` is written with: declared columns with their types, then (for
    ``articles``) the extra columns of ``frame`` as Arrow infers them, or the ``extra`` fields given, text as
    large strings."""
    spec = table(name)
    fields = [pa.field(c, ARROW_TYPES[kind]) for c, kind in spec.columns.items()]
    others = list(extra)
    if frame is not None:
        others += [
            pa.Schema.from_pandas(frame[[c]], preserve_index=False).field(c)
            for c in frame.columns
            if c not in spec.columns
        ]
    fields += [pa.field(f.name, widen(f.type)) for f in others if f.name not in spec.columns]
    return pa.schema(fields)


def widen(t: pa.DataType) -> pa.DataType:
    """Text as large strings, lists of text as lists of large strings, unknown (all-null) as text."""
    if pa.types.is_null(t) or pa.types.is_string(t) or pa.types.is_large_string(t):
        return pa.large_string()
    if _is_list_type(t):
        return pa.list_(widen(t.value_type))
    return t


def to_arrow(frame: pd.DataFrame, name: str, *, schema: pa.Schema | None = None) -> pa.Table:
    """``frame`` as an Arrow table of the table's schema (``arrow_schema``, or ``schema`` when given: one
    schema for every partition of a dataset), ready to be written as Parquet."""
    target = schema if schema is not None else arrow_schema(name, frame)
    frame = conform(frame, name, partial=table(name).open)
    if frame.empty:
        return target.empty_table()
    arrays = []
    for f in target:
        if f.name not in frame.columns:
            arrays.append(pa.nulls(len(frame), f.type))
            continue
        col = frame[f.name]
        if pa.types.is_large_string(f.type) and col.dtype == object:
            col = col.map(lambda v: v if v is None or isinstance(v, str) or v != v else str(v))
        arrays.append(pa.array(col, type=f.type, from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=target)


def from_arrow(data: pa.Table, name: str) -> pd.DataFrame:
    """An Arrow table read from disk as table ``name`` (declared types, lists as lists)."""
    return conform(data.to_pandas(), name, partial=table(name).open)


def frames(names: Iterable[str]) -> dict[str, pd.DataFrame]:
    """Empty frames of the given tables, with their declared columns and types."""
    return {n: conform(pd.DataFrame({c: pd.Series([], dtype=object) for c in columns(n)}), n) for n in names}
