"""A Parquet dataset written by ``ingest_dask``, queried with DuckDB: selections and aggregates, tokens never
in pandas.

``connect(DIR, start=…, end=…, actors=…, article_ids=…, words=…)`` gives a :class:`Dataset`: a DuckDB
connection with one view per table (``articles``, ``sentences``, ``tokens``, ``mentions``, ``timexes``,
``report``) restricted to the selected articles. The selection is decided once, on the articles (publication
dates pushed into the Parquet scan) and, for actors and words, on the mentions and tokens of the partitions
that are left; every later read touches only the files of the partitions that hold selected articles (tables
of a dataset share their partition files' names, ``DIR/<table>/part-<key>.parquet``).

Each aggregate returns the same frame as the in-memory analysis it stands for:

- ``actor_trends`` (publication or referred date; mentions, articles, stories, share) — one join of the
  mentions with an in-memory index of the articles' dates (and, for referred dates, the sentences' first
  resolved timex), kept for the connection; ``actor_counts`` and ``actor_names`` (first mention's name);
- ``cooccurrence``, ``actors`` (the actors table), ``timeline``;
- ``kwic`` (a word, phrase or ``prefix*``) and ``mention_kwic`` (an actor) — one scan of the tokens (or
  mentions) finds the matches; context comes from the tokens and texts of the matching articles only, read
  from the files they are in, and ``limit`` keeps the first matches in corpus order so that a page of a
  frequent word stays fast;
- ``term_counts`` (a vocabulary's counts per article, as ``analysis.vectors`` counts them) and
  ``topic_trends`` (topic shares per period) for topics of a large dataset (see ``Corpus.topics``).

Only results, and for KWIC the matching articles' tokens and texts, reach pandas; ``Dataset.read`` reads a
whole table of the selection when an analysis needs it in memory.

>>> from workbench.duck import period_sql
>>> period_sql("W")
"date_trunc('week', a.published)"
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    import scipy.sparse as sp

TABLES = ("articles", "report", "sentences", "tokens", "mentions", "timexes")
#: Article columns left out of ``Dataset.read("articles", texts=False)``: the heavy ones.
TEXT_COLUMNS = ("text", "boilerplate")
_TRUNC = {"D": "day", "W": "week", "M": "month"}  # DuckDB weeks start on Monday, like pandas' W-SUN periods
_PFREQ = {"D": "D", "W": "W-SUN", "M": "M"}
TREND_COLUMNS = ["period", "actor_id", "actor", "value"]
MEASURES = ("mentions", "articles", "stories", "share")


def _sql_str(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _sql_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(_sql_str(v) for v in values) + "]"


def is_dataset(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder written by ``workbench ingest --engine dask`` (``articles/part-*.parquet``)."""
    folder = Path(path) / "articles"
    return folder.is_dir() and any(folder.glob("part-*.parquet"))


class Dataset:
    """A DuckDB connection over a dataset folder, restricted to a selection of its articles.

    Attributes:
        root: the dataset folder.
        conditions: the selection, as ``(kind, value)`` pairs (``published`` with a (start, end) pair,
            ``article_ids``, ``actors`` with actor ids, ``words`` with a query); empty for every article.
        con: the DuckDB connection (views ``articles``, ``tokens`` … restricted to the selection).
        cache: results worth keeping for the connection's life (actor counts and names).

    The files are read when queried; a dataset rewritten while a connection is open is seen in part, so
    open it again after re-running the ingest.
    """

    def __init__(self, root: str | os.PathLike[str], conditions: Sequence[tuple[str, Any]] = ()) -> None:
        import duckdb

        self.root = Path(root)
        if not is_dataset(self.root):
            raise WorkbenchError(
                f"{self.root}: no dataset here; write one with `workbench ingest SOURCES --out {self.root} "
                "--engine dask`"
            )
        self.conditions = tuple(conditions)
        self.cache: dict[Any, Any] = {}
        self._all = {t: sorted(str(p) for p in (self.root / t).glob("part-*.parquet")) for t in TABLES}
        names = {Path(f).name for f in self._all["articles"]}
        #: tables whose files are named like the articles' files: one file per partition, so a selection's
        #: partitions name the files to read
        self._aligned = {t for t in TABLES if t != "report" and {Path(f).name for f in self._all[t]} <= names}
        self._parts: set[str] | None = None  # names of the partition files holding selected articles
        self.con = duckdb.connect()
        self.con.execute("SET parquet_metadata_cache = true")
        if self.conditions:
            self._select()
        for table in TABLES:
            if self._all[table]:
                self.con.execute(f"CREATE VIEW {table} AS SELECT * FROM {self.scan(table)}")

    # ------------------------------------------------------------------ files and scans
    def files(self, table: str) -> list[str]:
        """The Parquet files of ``table`` that can hold selected articles (all of them without a selection)."""
        files = self._all[table]
        if self._parts is None or table not in self._aligned:
            return files
        return [f for f in files if Path(f).name in self._parts]

    def scan(
        self, table: str, *, filename: bool = False, row_number: bool = False, files: Sequence[str] | None = None
    ) -> str:
        """A SQL subquery reading ``table`` for the selection (the partitions' files, the selected articles);
        ``files`` narrows it to some of those files."""
        options = (", filename = true" if filename else "") + (", file_row_number = true" if row_number else "")
        if not self._all[table]:
            raise WorkbenchError(f"{self.root}: no {table} table here; write one with `workbench ingest --engine dask`")
        where = " WHERE article_id IN (SELECT article_id FROM _selection)" if self.conditions else ""
        if files is None and (not self.conditions or table == "report"):
            glob = str(self.root / table / "part-*.parquet")
            return f"(SELECT * FROM read_parquet({_sql_str(glob)}{options}))"
        files = self.files(table) if files is None else list(files)
        if table == "report":
            where = ""
        if not files:  # nothing selected: the table's columns, no rows
            return f"(SELECT * FROM read_parquet({_sql_str(self._all[table][0])}{options}) WHERE false)"
        return f"(SELECT * FROM read_parquet({_sql_list(files)}{options}){where})"

    def index(self) -> str:
        """The name of a table of the selection's ``article_id, published, duplicate_of``, made on first use
        and kept in DuckDB's memory (the joins of actor aggregates read it instead of the articles' files)."""
        if "index" not in self.cache:
            self.con.execute(
                "CREATE TEMP TABLE _articles_index AS SELECT article_id, published, duplicate_of FROM articles"
            )
            self.cache["index"] = "_articles_index"
        return self.cache["index"]

    def summary(self) -> dict[str, Any]:
        """``articles``, ``unique_stories``, ``first_published``, ``last_published`` of the selection and
        ``inputs``, ``by_status`` of the report, counted in DuckDB (``Corpus.summary`` before any read)."""
        n, unique, first, last = self.execute(
            f"SELECT count(*), count(*) FILTER (WHERE duplicate_of IS NULL), min(published), max(published) "
            f"FROM {self.index()}"
        ).fetchall()[0]
        status = self.execute("SELECT status, count(*) FROM report GROUP BY status ORDER BY count(*) DESC").fetchall()
        return {
            "articles": int(n),
            "unique_stories": int(unique),
            "inputs": int(sum(c for _, c in status)),
            "by_status": {k: int(c) for k, c in status},
            "first_published": pd.Timestamp(first) if first is not None else None,
            "last_published": pd.Timestamp(last) if last is not None else None,
        }

    def execute(self, sql: str, params: Any = None) -> Any:
        """Run SQL on the connection (views: the dataset's tables, restricted to the selection)."""
        return self.con.execute(sql, params) if params is not None else self.con.execute(sql)

    def _select(self) -> None:
        """Decide the selected articles once: ``_selection(article_id, filename)``."""
        where, params = [], []
        for kind, value in self.conditions:
            if kind == "published":
                start, end = value
                if start is not None:
                    where.append("published >= ?")
                    params.append(pd.Timestamp(start).to_pydatetime())
                if end is not None:
                    where.append("published <= ?")
                    params.append(pd.Timestamp(end).to_pydatetime())
            elif kind == "article_ids":
                where.append("list_contains(?, article_id)")
                params.append([str(v) for v in value])
        glob = str(self.root / "articles" / "part-*.parquet")
        self.con.execute(
            "CREATE TEMP TABLE _selection AS SELECT article_id, parse_filename(filename) AS part "
            f"FROM read_parquet({_sql_str(glob)}, filename = true) WHERE {' AND '.join(where) or 'true'}",
            params or None,
        )
        self._refresh_parts()
        for kind, value in self.conditions:
            if kind == "actors":
                keep = f"SELECT article_id FROM {self.scan('mentions')} WHERE list_contains(?, actor_id)"
                self._narrow(keep, [list(value)])
            elif kind == "words":
                sql, params = _match_sql(self, [value] if isinstance(value, str) else list(value))
                self._narrow(f"SELECT article_id FROM ({sql})", params)

    def _narrow(self, keep_sql: str, params: list[Any]) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE _keep AS SELECT DISTINCT article_id FROM ({keep_sql})", params)
        self.con.execute("DELETE FROM _selection WHERE article_id NOT IN (SELECT article_id FROM _keep)")
        self.con.execute("DROP TABLE _keep")
        self._refresh_parts()

    def _refresh_parts(self) -> None:
        rows = self.con.execute("SELECT DISTINCT part FROM _selection").fetchall()
        self._parts = {r[0] for r in rows}

    # ------------------------------------------------------------------ selections
    def select(
        self,
        *,
        start: Any = None,
        end: Any = None,
        actors: str | Iterable[str] | None = None,
        article_ids: str | Iterable[str] | None = None,
        words: str | Iterable[str] | None = None,
    ) -> Dataset:
        """A new connection over the articles of this selection that also meet these conditions.

        ``start``/``end``: publication dates, both included (a day without a time covers the whole day);
        ``actors``: articles mentioning any of these actors (ids or canonical names); ``article_ids``;
        ``words``: articles where a word, phrase or ``prefix*`` occurs (any of several).
        """
        conditions = list(self.conditions) + selection_conditions(
            start=start,
            end=end,
            actors=self.actor_ids(actors) if actors is not None else None,
            article_ids=article_ids,
            words=words,
        )
        return Dataset(self.root, conditions)

    def article_ids(self) -> list[str] | None:
        """The selected articles' ids, or None when every article is selected."""
        if not self.conditions:
            return None
        return [r[0] for r in self.con.execute("SELECT article_id FROM _selection").fetchall()]

    def actor_ids(self, actors: str | Iterable[str]) -> list[str]:
        """Actor ids for ids or canonical names (exact, then any case), as ``corpus.actor_trends`` takes them."""
        wanted = [actors] if isinstance(actors, str) else list(actors)
        ids = set(actor_counts(self)["actor_id"])
        out = []
        for item in wanted:
            if item not in ids:
                names = actor_names(self)
                exact = {name: aid for aid, name in sorted(names.items(), reverse=True)}
                lowered = {str(k).lower(): v for k, v in exact.items()}
                item = exact.get(item, lowered.get(str(item).lower()))
                if item is None:
                    raise KeyError(
                        f"no actor {wanted[len(out)]!r} in the mentions; see corpus.actors for ids and names"
                    )
            out.append(item)
        return out

    # ------------------------------------------------------------------ reads into pandas
    def read(self, table: str, *, columns: Sequence[str] | None = None, texts: bool = True) -> pd.DataFrame:
        """One table of the selection in pandas (as ``scale.read_table`` reads it); ``texts=False`` leaves out
        the articles' ``text`` and ``boilerplate``. Only the selection's partition files are read, filtered
        on ``article_id`` as they are read."""
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        if not self._all[table]:
            raise WorkbenchError(f"{self.root}: no {table} table here; write one with `workbench ingest --engine dask`")
        if columns is None and not texts:
            schema = pq.read_schema(self._all[table][0])
            columns = [c for c in schema.names if c not in TEXT_COLUMNS]
        cols = list(columns) if columns is not None else None
        if not self.conditions or table == "report":
            return pq.read_table(self.root / table, columns=cols).to_pandas()
        files = self.files(table)
        if not files:
            return pq.read_schema(self._all[table][0]).empty_table().select(cols or slice(None)).to_pandas()
        ids = self.con.sql("SELECT article_id FROM _selection").to_arrow_table().column("article_id")
        frame = pq.read_table(files, columns=cols, filters=pc.field("article_id").isin(ids)).to_pandas()
        return frame

    def texts(self, article_ids: Iterable[str]) -> pd.DataFrame:
        """``article_id, title, text, boilerplate`` of these articles (in the order of the ids given)."""
        ids = [str(a) for a in article_ids]
        frame = self.con.execute(
            f"SELECT article_id, title, text, boilerplate FROM {self.scan('articles')} "
            "WHERE list_contains(?, article_id)",
            [ids],
        ).df()
        order = {a: i for i, a in enumerate(dict.fromkeys(ids))}
        return frame.sort_values("article_id", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)

    def close(self) -> None:
        self.con.close()

    def __repr__(self) -> str:
        what = ", ".join(f"{k}={v!r}" for k, v in self.conditions) or "every article"
        return f"<Dataset {self.root} ({what})>"


def selection_conditions(
    *,
    start: Any = None,
    end: Any = None,
    actors: Iterable[str] | None = None,
    article_ids: str | Iterable[str] | None = None,
    words: str | Iterable[str] | None = None,
) -> list[tuple[str, Any]]:
    """The ``(kind, value)`` conditions of a selection; ``end`` without a time is moved to the day's end."""
    out: list[tuple[str, Any]] = []
    if start is not None or end is not None:
        lo = pd.Timestamp(start) if start is not None else None
        hi = pd.Timestamp(end) if end is not None else None
        if hi is not None and hi == hi.normalize():
            hi = hi + pd.Timedelta(days=1) - pd.Timedelta(1, "us")
        if lo is not None and hi is not None and lo > hi:
            raise WorkbenchError(f"start {lo:%Y-%m-%d} is after end {hi:%Y-%m-%d}: give start first")
        out.append(("published", (lo, hi)))
    if article_ids is not None:
        out.append(("article_ids", (article_ids,) if isinstance(article_ids, str) else tuple(map(str, article_ids))))
    if actors is not None:
        out.append(("actors", tuple(actors)))
    if words is not None:
        out.append(("words", words if isinstance(words, str) else tuple(words)))
    return out


def connect(
    out: str | os.PathLike[str],
    *,
    start: Any = None,
    end: Any = None,
    actors: str | Iterable[str] | None = None,
    article_ids: str | Iterable[str] | None = None,
    words: str | Iterable[str] | None = None,
) -> Dataset:
    """A :class:`Dataset` over ``out`` (``DIR/<table>/part-*.parquet``), optionally restricted (``select``)."""
    dataset = Dataset(out)
    if any(v is not None for v in (start, end, actors, article_ids, words)):
        return dataset.select(start=start, end=end, actors=actors, article_ids=article_ids, words=words)
    return dataset


def _dataset(out: str | os.PathLike[str] | Dataset) -> Dataset:
    return out if isinstance(out, Dataset) else Dataset(out)


def period_sql(freq: str, column: str = "a.published") -> str:
    """The SQL expression for the first day of the period of ``column`` (``freq`` "D", "W" or "M")."""
    if freq not in _TRUNC:
        raise WorkbenchError(f"freq must be one of D, W, M, not {freq!r}")
    return f"date_trunc('{_TRUNC[freq]}', {column})"


# ---------------------------------------------------------------------------------------------- actors
def actor_counts(out: str | os.PathLike[str] | Dataset) -> pd.DataFrame:
    """``actor_id, n``: every actor's mentions (dated or not), most mentioned first (ties: by id). Kept for the
    connection; ``actor_trends`` makes it as a by-product."""
    ds = _dataset(out)
    if "actor_counts" not in ds.cache:
        if not ds._all["mentions"]:
            frame = pd.DataFrame({"actor_id": pd.Series(dtype=object), "n": pd.Series(dtype="int64")})
        else:
            frame = ds.execute(
                "SELECT actor_id, count(*) AS n FROM mentions GROUP BY actor_id ORDER BY n DESC, actor_id"
            ).df()
        ds.cache["actor_counts"] = frame
    return ds.cache["actor_counts"]


#: Names of chosen actors are looked for in this many partitions first (in corpus order), then in the rest.
NAME_PARTS = 16


def actor_names(out: str | os.PathLike[str] | Dataset, ids: Iterable[str] | None = None) -> dict[str, str]:
    """``actor_id -> actor``: the name of each actor's first mention in the dataset's order (as the in-memory
    analyses take the first row of ``mentions``), for ``ids`` or every actor. Names of a few actors are
    found in the first partitions; names are kept for the connection."""
    ds = _dataset(out)
    known: dict[str, str] = ds.cache.setdefault("names", {})
    if not ds._all["mentions"]:
        return {}
    wanted = None if ids is None else [i for i in dict.fromkeys(ids) if i not in known]
    if (wanted is None and not ds.cache.get("all_names")) or wanted:
        files = ds.files("mentions")
        batches = [files] if wanted is None else [b for b in (files[:NAME_PARTS], files[NAME_PARTS:]) if b]
        for batch in batches:
            where = f"WHERE actor_id IN ({', '.join(_sql_str(i) for i in wanted)})" if wanted else ""
            rows = ds.execute(
                "SELECT actor_id, arg_min(actor, (filename, file_row_number)) FROM "
                f"{ds.scan('mentions', filename=True, row_number=True, files=batch)} {where} GROUP BY actor_id"
            ).fetchall()
            for actor_id, name in rows:
                known.setdefault(actor_id, name)  # an earlier partition's mention comes first
            if wanted is not None:
                wanted = [i for i in wanted if i not in known]
                if not wanted:
                    break
        if ids is None:
            ds.cache["all_names"] = True
    return dict(known) if ids is None else {i: known[i] for i in ids if i in known}


def _period_counts(ds: Dataset, freq: str, date: str) -> pd.DataFrame:
    """``period, actor_id, n``: mentions per period (NaT: undated) and actor, all actors, from one join of the
    mentions with the article index (and the sentences' first dates). Kept for the connection."""
    key = ("period_counts", freq, date)
    if key not in ds.cache:
        when, referred = _when(ds, date)
        frame = ds.execute(
            f"SELECT {period_sql(freq, when)} AS period, m.actor_id, count(*) AS n "
            f"FROM mentions m LEFT JOIN {ds.index()} a ON a.article_id = m.article_id {referred} "
            "GROUP BY ALL"
        ).df()
        frame["period"] = pd.to_datetime(frame["period"]).astype("datetime64[ns]")
        if "actor_counts" not in ds.cache:
            totals = frame.groupby("actor_id", as_index=False)["n"].sum()
            ds.cache["actor_counts"] = totals.sort_values(["n", "actor_id"], ascending=[False, True], ignore_index=True)
        ds.cache[key] = frame
    return ds.cache[key]


def _when(ds: Dataset, date: str) -> tuple[str, str]:
    """The SQL date of a mention ``m`` (article ``a``) and the join it needs, for ``date`` published/referred."""
    if date != "referred" or not ds._all["timexes"]:
        return "a.published", ""
    return "coalesce(r.date, a.published)", (
        "LEFT JOIN (SELECT article_id, sentence_id, arg_min(date, start) AS date FROM timexes "
        "WHERE date IS NOT NULL GROUP BY article_id, sentence_id) r "
        "ON r.article_id = m.article_id AND r.sentence_id = m.sentence_id"
    )


def actor_trends(
    out: str | os.PathLike[str] | Dataset,
    actors: str | Iterable[str] | None = None,
    *,
    freq: str = "W",
    date: str = "published",
    measure: str = "mentions",
    top: int = 10,
) -> pd.DataFrame:
    """Actor mentions over time, every period × actor with zeros: ``period, actor_id, actor, value`` — as
    ``analysis.actor_trends``.

    ``date="referred"`` dates a mention by the resolved date of the first dated timex of its sentence, else by
    publication; ``measure`` is ``mentions``, ``articles``, ``stories`` (duplicates counted once, via
    ``duplicate_of``) or ``share`` (of all actors' mentions in the period). One join of the mentions with the
    article index (and the sentences' first dates) counts every actor's mentions per period: the top actors,
    the period range, the totals for shares and the mentions themselves come from it, and it is kept for the
    connection (another measure or selection of actors reuses it). Distinct articles or stories are counted
    by a second join, for the chosen actors only.
    """
    if freq not in _TRUNC:
        raise ValueError(f"freq must be one of {sorted(_TRUNC)}, not {freq!r}")
    if date not in ("published", "referred"):
        raise ValueError(f"date must be 'published' or 'referred', not {date!r}")
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    ds = _dataset(out)
    if not ds._all["mentions"]:
        return pd.DataFrame(columns=TREND_COLUMNS)
    counts = _period_counts(ds, freq, date)
    selected = actor_counts(ds)["actor_id"].head(top).tolist() if actors is None else ds.actor_ids(actors)
    dated = counts.dropna(subset=["period"])
    if dated.empty:
        return pd.DataFrame(columns=TREND_COLUMNS)
    periods = pd.period_range(dated["period"].min(), dated["period"].max(), freq=_PFREQ[freq]).start_time
    grid = pd.MultiIndex.from_product([periods, selected], names=["period", "actor_id"])
    if measure in ("articles", "stories"):  # distinct articles or stories: counted for the chosen actors only
        when, referred = _when(ds, date)
        unit = "m.article_id" if measure == "articles" else "coalesce(a.duplicate_of, m.article_id)"
        values = ds.execute(
            f"SELECT {period_sql(freq, when)} AS period, m.actor_id, count(DISTINCT {unit}) AS n "
            f"FROM mentions m LEFT JOIN {ds.index()} a ON a.article_id = m.article_id {referred} "
            f"WHERE list_contains(?, m.actor_id) AND {when} IS NOT NULL GROUP BY ALL",
            [selected],
        ).df()
        values["period"] = pd.to_datetime(values["period"]).astype("datetime64[ns]")
        values = values.set_index(["period", "actor_id"])["n"]
    else:
        values = dated[dated["actor_id"].isin(selected)].set_index(["period", "actor_id"])["n"]
        if measure == "share":
            total = dated.groupby("period")["n"].sum()
            values = values / values.index.get_level_values("period").map(total).to_numpy()
    result = values.reindex(grid, fill_value=0).rename("value").reset_index()
    result["actor"] = result["actor_id"].map(actor_names(ds, selected))
    result["value"] = result["value"].astype(float if measure == "share" else "int64")
    return result[TREND_COLUMNS]


def cooccurrence(out: str | os.PathLike[str] | Dataset, *, level: str = "sentence", min_count: int = 1) -> pd.DataFrame:
    """Actor pairs mentioned in the same sentence (or article): ``actor_a, actor_b, count, articles,
    actor_id_a, actor_id_b`` — as ``analysis.cooccurrence``."""
    if level not in ("sentence", "article"):
        raise WorkbenchError(f"level must be 'sentence' or 'article', not {level!r}")
    ds = _dataset(out)
    unit = "article_id, sentence_id" if level == "sentence" else "article_id"
    same = "a.article_id = b.article_id" + (" AND a.sentence_id = b.sentence_id" if level == "sentence" else "")
    names = actor_names(ds)
    ds.con.register("_names", pd.DataFrame({"actor_id": list(names), "actor": list(names.values())}))
    try:
        return ds.execute(
            f"""
            WITH units AS (SELECT DISTINCT {unit}, actor_id FROM mentions),
            pairs AS (
                SELECT a.article_id, a.actor_id AS x, b.actor_id AS y FROM units a JOIN units b
                ON {same} AND a.actor_id < b.actor_id),
            counted AS (
                SELECT x, y, count(*) AS count, count(DISTINCT article_id) AS articles FROM pairs GROUP BY x, y
                HAVING count(*) >= ?),
            named AS (
                SELECT c.*, nx.actor AS nx, ny.actor AS ny FROM counted c
                JOIN _names nx ON nx.actor_id = c.x JOIN _names ny ON ny.actor_id = c.y)
            SELECT
                CASE WHEN (ny, y) < (nx, x) THEN ny ELSE nx END AS actor_a,
                CASE WHEN (ny, y) < (nx, x) THEN nx ELSE ny END AS actor_b,
                count, articles,
                CASE WHEN (ny, y) < (nx, x) THEN y ELSE x END AS actor_id_a,
                CASE WHEN (ny, y) < (nx, x) THEN x ELSE y END AS actor_id_b
            FROM named ORDER BY count DESC, articles DESC, actor_a, actor_b
            """,
            [min_count],
        ).df()
    finally:
        ds.con.unregister("_names")


def actors(out: str | os.PathLike[str] | Dataset) -> pd.DataFrame:
    """One row per actor — ``actor_id, actor, actor_type, mentions, articles, first_seen, last_seen, aliases,
    methods`` — as ``extract.actors.actors_table`` (name and type: the most frequent, ties alphabetical;
    aliases: surfaces by frequency, then alphabetical)."""
    from workbench.extract.actors import ACTOR_COLUMNS

    ds = _dataset(out)
    if not ds._all["mentions"]:
        return pd.DataFrame(columns=ACTOR_COLUMNS)
    # two passes over the mentions: their distinct (actor, name, type, surface, method) with counts, which is
    # small, and per actor the articles and dates (a join with the article index)
    frame = ds.execute(
        f"""
        WITH forms AS MATERIALIZED (
            SELECT actor_id, actor, actor_type, surface, method, count(*) AS n FROM mentions GROUP BY ALL),
        names AS (SELECT actor_id, arg_min(actor, (-n, actor)) AS actor FROM
            (SELECT actor_id, actor, sum(n) AS n FROM forms GROUP BY ALL) GROUP BY actor_id),
        types AS (SELECT actor_id, arg_min(actor_type, (-n, actor_type)) AS actor_type FROM
            (SELECT actor_id, actor_type, sum(n) AS n FROM forms GROUP BY ALL) GROUP BY actor_id),
        aliases AS (SELECT actor_id, list(surface ORDER BY n DESC, surface) AS aliases FROM
            (SELECT actor_id, surface, sum(n) AS n FROM forms GROUP BY ALL) GROUP BY actor_id),
        kinds AS (SELECT actor_id, sum(n) AS mentions, list(DISTINCT method ORDER BY method) AS methods
            FROM forms GROUP BY actor_id),
        seen AS (SELECT m.actor_id, count(DISTINCT m.article_id) AS articles, min(a.published) AS first_seen,
            max(a.published) AS last_seen
            FROM mentions m LEFT JOIN {ds.index()} a ON a.article_id = m.article_id GROUP BY m.actor_id)
        SELECT actor_id, actor, actor_type, mentions, articles, first_seen, last_seen, aliases, methods
        FROM kinds JOIN seen USING (actor_id) JOIN names USING (actor_id) JOIN types USING (actor_id)
        JOIN aliases USING (actor_id)
        ORDER BY mentions DESC, actor
        """
    ).df()
    for col in ("first_seen", "last_seen"):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[ns]")
    for col in ("aliases", "methods"):
        frame[col] = frame[col].map(list)
    return frame[ACTOR_COLUMNS]


def timeline(out: str | os.PathLike[str] | Dataset) -> pd.DataFrame:
    """Dated statements — ``article_id, sentence_id, date, granularity, value, text, actors, surface,
    published`` — as ``analysis.timeline.timeline_table`` (one join of dated timexes with their sentences,
    articles and the actors of the sentence)."""
    from workbench.analysis.timeline import TIMELINE_COLUMNS

    ds = _dataset(out)
    columns = [*TIMELINE_COLUMNS, "surface", "published"]
    if not ds._all["timexes"]:
        return pd.DataFrame({c: pd.Series(dtype="datetime64[ns]" if c == "date" else object) for c in columns})
    actors_sql = (
        "SELECT article_id, sentence_id, list(actor ORDER BY first, actor) AS actors FROM "
        "(SELECT article_id, sentence_id, actor, min(start) AS first FROM mentions GROUP BY ALL) GROUP BY ALL"
        if ds._all["mentions"]
        else "SELECT NULL::VARCHAR AS article_id, NULL::BIGINT AS sentence_id, []::VARCHAR[] AS actors WHERE false"
    )
    frame = ds.execute(
        f"""
        WITH t AS (SELECT article_id, sentence_id, start, date, granularity, value, surface FROM timexes
                   WHERE date IS NOT NULL),
        s AS (SELECT article_id, sentence_id, text FROM sentences
              WHERE article_id IN (SELECT article_id FROM t)),
        m AS ({actors_sql})
        SELECT t.article_id, t.sentence_id, t.date, t.granularity, t.value, s.text, m.actors, t.surface,
               a.published
        FROM t LEFT JOIN s ON s.article_id = t.article_id AND s.sentence_id = t.sentence_id
        LEFT JOIN (SELECT article_id, published FROM articles) a ON a.article_id = t.article_id
        LEFT JOIN m ON m.article_id = t.article_id AND m.sentence_id = t.sentence_id
        ORDER BY t.date, t.article_id, t.sentence_id, t.start
        """
    ).df()
    for col in ("date", "published"):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[ns]")
    frame["actors"] = [list(a) if isinstance(a, (list, np.ndarray)) else [] for a in frame["actors"]]
    return frame[columns]


# ---------------------------------------------------------------------------------------------- words
def _match_sql(ds: Dataset, queries: Sequence[str], files: Sequence[str] | None = None) -> tuple[str, list[Any]]:
    """SQL for where any of ``queries`` occurs (one scan of the tokens, or of ``files`` of them): ``q,
    article_id, sentence_id, start, end, token_id, length, filename`` — a span matched by two queries is kept
    once, for the first. Phrases join the few tokens that hold one of their words."""
    from workbench.analysis.kwic import _query_norms

    patterns = [(i, p) for i, p in ((i, _query_norms(q)) for i, q in enumerate(queries)) if p]
    if not patterns:
        raise WorkbenchError(f"empty query {list(queries)!r}: give a word or a phrase")
    exact = sorted({p for _, pat in patterns for p in pat if not (p.endswith("*") and len(p) > 1)})
    prefixes = sorted({p[:-1] for _, pat in patterns for p in pat if p.endswith("*") and len(p) > 1})
    wanted = [f"norm IN ({', '.join('?' * len(exact))})"] if exact else []
    wanted += ["starts_with(norm, ?)"] * len(prefixes)
    params: list[Any] = [*exact, *prefixes]
    cand = (
        f'SELECT article_id, sentence_id, token_id, start, "end", norm, filename '
        f"FROM {ds.scan('tokens', filename=True, files=files)} WHERE {' OR '.join(wanted)}"
    )
    if len(patterns) == 1 and len(patterns[0][1]) == 1:  # one word: the scan is the answer
        return (
            f'SELECT 0 AS q, article_id, sentence_id, start, "end", token_id, 1 AS length, filename FROM ({cand})'
        ), params
    selects = []
    for i, pattern in patterns:
        joins, where = [], []
        for k, piece in enumerate(pattern):
            if k:
                joins.append(f"JOIN cand t{k} ON t{k}.article_id = t0.article_id AND t{k}.token_id = t0.token_id + {k}")
            if piece.endswith("*") and len(piece) > 1:
                where.append(f"starts_with(t{k}.norm, ?)")
                params.append(piece[:-1])
            else:
                where.append(f"t{k}.norm = ?")
                params.append(piece)
        last = len(pattern) - 1
        selects.append(
            f'SELECT {i} AS q, t0.article_id, t0.sentence_id, t0.start, t{last}."end" AS "end", t0.token_id, '
            f"{len(pattern)} AS length, t0.filename FROM cand t0 {' '.join(joins)} WHERE {' AND '.join(where)}"
        )
    sql = (
        f"WITH cand AS MATERIALIZED ({cand}), hits AS ({' UNION ALL '.join(selects)}) "
        'SELECT * FROM hits QUALIFY row_number() OVER (PARTITION BY article_id, start, "end" ORDER BY q) = 1'
    )
    return sql, params


def match_spans(out: str | os.PathLike[str] | Dataset, query: str | Iterable[str]) -> pd.DataFrame:
    """Where a word, phrase or prefix (``negotiat*``) occurs, or any of several: ``article_id, sentence_id,
    start, end, token_id, length, query`` by article and offset — as ``analysis.kwic.match_spans``."""
    ds = _dataset(out)
    queries = [query] if isinstance(query, str) else list(query)
    sql, params = _match_sql(ds, queries)
    frame = ds.execute(f'SELECT * FROM ({sql}) ORDER BY article_id, start, "end"', params).df()
    frame["query"] = [queries[q] for q in frame["q"]]
    return frame[["article_id", "sentence_id", "start", "end", "token_id", "length", "query"]]


def _ranked(ds: Dataset, spans: pd.DataFrame, articles_files: Sequence[str] | None = None) -> pd.DataFrame:
    """``spans`` in corpus order (the articles' order in the dataset, then offset), with the article's file."""
    ds.con.register("_spans_ids", spans[["article_id"]].drop_duplicates())
    try:
        ranks = ds.execute(
            f"SELECT article_id, filename AS article_file, file_row_number FROM "
            f"{ds.scan('articles', filename=True, row_number=True, files=articles_files)} "
            "WHERE article_id IN (SELECT article_id FROM _spans_ids) ORDER BY filename, file_row_number"
        ).df()
    finally:
        ds.con.unregister("_spans_ids")
    ranks["_rank"] = np.arange(len(ranks))
    out = spans.merge(ranks[["article_id", "article_file", "_rank"]], on="article_id", how="inner")
    return out.sort_values(["_rank", "start"], kind="stable").drop(columns="_rank").reset_index(drop=True)


#: With a ``limit``, KWIC looks for matches in this many partitions first (in corpus order), then in the rest.
FIRST_PARTS = 16


def _in_order(ds: Dataset, table: str, find: Any, limit: int | None) -> pd.DataFrame:
    """The spans ``find(files)`` returns (with ``article_id``, ``start``, ``filename``), in corpus order; with a
    ``limit``, only as many partitions as needed are read (the first ``FIRST_PARTS``, then the rest)."""
    groups: list[list[str] | None] = [None]
    if limit is not None and table in ds._aligned:
        parts = ds.files("articles")
        groups = [g for g in (parts[:FIRST_PARTS], parts[FIRST_PARTS:]) if g]
    found, count = [], 0
    for group in groups:
        files, articles_files = None, None
        if group is not None:
            names = {Path(f).name for f in group}
            files = [f for f in ds.files(table) if Path(f).name in names]
            articles_files = group
            if not files:
                continue
        spans = find(files)
        if len(spans):
            found.append(_ranked(ds, spans, articles_files))
            count += len(found[-1])
        if limit is not None and count >= limit:
            break
    if not found:
        return pd.DataFrame(columns=["article_id", "sentence_id", "start", "end", "filename", "article_file"])
    out = pd.concat(found, ignore_index=True)
    return out.head(limit) if limit is not None else out


def kwic(
    out: str | os.PathLike[str] | Dataset,
    query: str | Iterable[str],
    *,
    window: int = 8,
    sort: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Keyword in context for a word, phrase or ``prefix*`` (or several) — as ``analysis.kwic.kwic``:
    ``article_id, sentence_id, start, end, left, match, right`` (+ sort keys).

    Matches are found in one scan of the tokens. ``limit`` keeps the first matches in corpus order (the
    dataset's article order, then offset) before any ``sort``, and reads only the partitions it needs for
    them; the context of the kept matches is built by ``analysis.kwic.kwic_spans`` from their articles'
    tokens and texts, read from the files they are in.
    """
    ds = _dataset(out)
    queries = [query] if isinstance(query, str) else list(query)

    def find(files: Sequence[str] | None) -> pd.DataFrame:
        sql, params = _match_sql(ds, queries, files)
        return ds.execute(sql, params).df()[["article_id", "sentence_id", "start", "end", "filename"]]

    spans = _in_order(ds, "tokens", find, limit)
    token_files = sorted(set(spans.pop("filename")))
    return _kwic_of(ds, spans, token_files, window=window, sort=sort)


def mention_kwic(
    out: str | os.PathLike[str] | Dataset,
    actor: str,
    *,
    window: int = 8,
    sort: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Keyword in context for an actor's mentions (its id or canonical name) — as ``Corpus.kwic`` of an
    actor: the KWIC columns and each mention's columns; empty when no mention is that actor's. ``limit`` as
    for ``kwic``."""
    ds = _dataset(out)
    if not ds._all["mentions"]:
        return _kwic_of(ds, pd.DataFrame(columns=["article_id", "start", "end", "article_file"]), [], window=window)

    def find(files: Sequence[str] | None) -> pd.DataFrame:
        return ds.execute(
            f"SELECT * EXCLUDE (filename), filename FROM {ds.scan('mentions', filename=True, files=files)} "
            "WHERE actor_id = ? OR actor = ?",
            [actor, actor],
        ).df()

    spans = _in_order(ds, "mentions", find, limit)
    parts = {Path(f).name for f in spans.pop("filename")}
    token_files = [f for f in ds.files("tokens") if Path(f).name in parts] if "tokens" in ds._aligned else None
    return _kwic_of(ds, spans, token_files, window=window, sort=sort)


def _kwic_of(
    ds: Dataset, spans: pd.DataFrame, token_files: list[str] | None, *, window: int, sort: str | None = None
) -> pd.DataFrame:
    """KWIC rows of ``spans`` (in corpus order, with ``article_file``), context from ``token_files`` (None:
    every tokens file of the selection)."""
    from workbench.analysis.kwic import COLUMNS, kwic_spans

    articles_files = sorted(set(spans.pop("article_file")))
    if spans.empty:
        return pd.DataFrame(columns=COLUMNS + [c for c in spans.columns if c not in COLUMNS])
    ds.con.register("_ctx", spans[["article_id"]].drop_duplicates())
    try:
        files = _sql_list(token_files if token_files is not None else ds.files("tokens"))
        tokens = ds.execute(
            f'SELECT article_id, sentence_id, token_id, norm, start, "end" FROM read_parquet({files}) '
            "WHERE article_id IN (SELECT article_id FROM _ctx)"
        ).df()
        texts = ds.execute(
            f"SELECT article_id, text FROM read_parquet({_sql_list(articles_files)}) "
            "WHERE article_id IN (SELECT article_id FROM _ctx)"
        ).df()
    finally:
        ds.con.unregister("_ctx")
    order = {a: i for i, a in enumerate(dict.fromkeys(spans["article_id"]))}
    texts = texts.sort_values("article_id", key=lambda s: s.map(order), kind="stable")
    return kwic_spans(texts, tokens, spans, window=window, sort=sort)


# ---------------------------------------------------------------------------------------------- topics
#: Tokens files counted together by ``term_counts`` (memory is bounded by a batch, not by the dataset).
TERM_FILES = 32


def term_counts(
    out: str | os.PathLike[str] | Dataset, terms: Sequence[str], *, articles: Sequence[str] | None = None
) -> sp.csr_matrix:
    """Counts of ``terms`` (content words, and two-word terms: adjacent content words of one sentence, as
    ``analysis.vectors.document_term_matrix`` counts them) per article: rows in the order of ``articles``
    (default: the selection's articles in dataset order), columns in the order of ``terms``.

    The tokens are read once, ``TERM_FILES`` partition files at a time: of each batch only the tokens whose
    word is part of a term are kept, pairs are joined among those, and the counts leave DuckDB as integers.
    """
    import scipy.sparse as sp

    from workbench.analysis.vectors import content_mask

    ds = _dataset(out)
    if articles is None:
        articles = ds.read("articles", columns=["article_id"])["article_id"].astype(str).tolist()
    terms = [str(t) for t in terms]
    words = sorted({w for t in terms for w in t.split(" ")})
    # a word counts only where it is a content word; the word list itself is the content test
    words = [w for w, ok in zip(words, content_mask(pd.DataFrame({"norm": words})), strict=True) if ok]
    rows = pd.Series(np.arange(len(articles)), index=pd.Index(list(articles), dtype=object))
    shape = (len(articles), len(terms))
    if not words or not len(rows) or not ds._all["tokens"]:
        return sp.csr_matrix(shape)
    ds.con.register("_words", pd.DataFrame({"norm": words}))
    ds.con.register("_terms", pd.DataFrame({"term": terms, "col": np.arange(len(terms), dtype=np.int64)}))
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    files = ds.files("tokens")
    try:
        for k in range(0, len(files), TERM_FILES):
            batch = ds.scan("tokens", files=files[k : k + TERM_FILES])
            counted = ds.execute(
                f"""
                WITH cand AS MATERIALIZED (
                    SELECT article_id, sentence_id, token_id, norm FROM {batch}
                    WHERE norm IN (SELECT norm FROM _words) AND NOT coalesce(is_stop, false)),
                grams AS (
                    SELECT article_id, norm AS term FROM cand
                    UNION ALL
                    SELECT a.article_id, a.norm || ' ' || b.norm AS term FROM cand a JOIN cand b
                    ON b.article_id = a.article_id AND b.token_id = a.token_id + 1 AND b.sentence_id = a.sentence_id)
                SELECT g.article_id, t.col, count(*) AS n FROM grams g JOIN _terms t ON t.term = g.term GROUP BY ALL
                """
            ).df()
            row = counted["article_id"].map(rows)
            keep = row.notna().to_numpy()
            found.append(
                (
                    row.to_numpy()[keep].astype(np.int64),
                    counted["col"].to_numpy()[keep].astype(np.int64),
                    counted["n"].to_numpy()[keep].astype(np.float64),
                )
            )
    finally:
        ds.con.unregister("_words")
        ds.con.unregister("_terms")
    r, c, n = (np.concatenate([f[i] for f in found]) for i in range(3))
    matrix = sp.coo_matrix((n, (r, c)), shape=shape).tocsr()
    matrix.sum_duplicates()
    return matrix


def topic_trends(
    out: str | os.PathLike[str] | Dataset,
    topics: Any,
    *,
    freq: str = "W",
    measure: str = "share",
    unit: str = "articles",
) -> pd.DataFrame:
    """Each topic's weight per period (``period, topic_id, label, value``, ``attrs["undated"]``) — as
    ``analysis.term_trends.topic_trends``: ``share`` is the mean topic weight of the period's documents,
    ``articles`` counts documents whose strongest topic it is. ``topics.doc_topics`` and
    ``topics.documents`` are aggregated in DuckDB."""
    from workbench.analysis.term_trends import FREQS

    if freq not in FREQS:
        raise WorkbenchError(f"freq must be 'D', 'W' or 'M'; got {freq!r}")
    if unit not in ("articles", "stories"):
        raise WorkbenchError(f"unit must be 'articles' or 'stories'; got {unit!r}")
    if measure not in ("share", "articles"):
        raise WorkbenchError(f"measure must be 'share' or 'articles'; got {measure!r}")
    ds = _dataset(out)
    docs = topics.documents
    dup = docs["duplicate_of"] if "duplicate_of" in docs else pd.Series(None, index=docs.index, dtype=object)
    ds.con.register(
        "_docs",
        pd.DataFrame(
            {
                "article_id": docs["article_id"].astype(str),
                "published": pd.to_datetime(docs["published"]),
                "duplicate": dup.notna(),
            }
        ),
    )
    ds.con.register("_dt", topics.doc_topics[["article_id", "topic_id", "weight"]].astype({"article_id": str}))
    story = "AND NOT duplicate" if unit == "stories" else ""
    try:
        undated = ds.execute(
            f"SELECT count(*) FROM (SELECT DISTINCT ON (article_id) * FROM _docs) WHERE published IS NULL {story}"
        ).fetchall()[0][0]
        value = "sum(w.weight) / any_value(p.n)" if measure == "share" else "count(*) FILTER (WHERE w.best)"
        frame = ds.execute(
            f"""
            WITH dated AS (
                SELECT article_id, {period_sql(freq, "published")} AS period FROM
                (SELECT DISTINCT ON (article_id) * FROM _docs) WHERE published IS NOT NULL {story}),
            units AS (SELECT article_id, count(*) AS n FROM _docs GROUP BY article_id),
            w AS (
                SELECT d.article_id, d.topic_id, sum(d.weight) / any_value(u.n) AS weight FROM _dt d
                JOIN units u USING (article_id) GROUP BY d.article_id, d.topic_id),
            ranked AS (
                SELECT w.*, row_number() OVER (PARTITION BY article_id ORDER BY weight DESC, topic_id) = 1 AS best
                FROM w),
            per AS (SELECT period, count(*) AS n FROM dated GROUP BY period)
            SELECT dated.period, w.topic_id, {value} AS value
            FROM ranked w JOIN dated USING (article_id) JOIN per p USING (period)
            GROUP BY dated.period, w.topic_id
            """
        ).df()
        span = ds.execute(
            f"SELECT min(published), max(published) FROM _docs WHERE published IS NOT NULL {story}"
        ).fetchall()[0]
    finally:
        ds.con.unregister("_docs")
        ds.con.unregister("_dt")
    columns = ["period", "topic_id", "label", "value"]
    if span is None or span[0] is None:
        empty = pd.DataFrame(columns=columns)
        empty.attrs["undated"] = int(undated)
        return empty
    periods = pd.period_range(pd.Timestamp(span[0]), pd.Timestamp(span[1]), freq=FREQS[freq]).start_time
    ids = sorted(topics.labels["topic_id"])
    frame["period"] = pd.to_datetime(frame["period"]).astype("datetime64[ns]")
    grid = pd.MultiIndex.from_product([periods, ids], names=["period", "topic_id"])
    values = frame.set_index(["period", "topic_id"])["value"].reindex(grid).fillna(0.0).astype(float)
    result = values.rename("value").reset_index().merge(topics.labels, how="left", on="topic_id")[columns]
    result.attrs["undated"] = int(undated)
    return result
