"""The dataset folder and its DuckDB connection: :class:`Dataset` (views of the selected articles' tables,
reads into pandas) and ``as_dataset``. Selections are made by ``dataset.selection``.

A dataset may be a local folder or an object-store prefix (``s3://bucket/prefix``): its files are listed with
fsspec (``workbench.dataset.store.Store``) and DuckDB reads them through the same fsspec filesystem, registered on the
connection (``register_filesystem``), so no DuckDB extension is needed (none is installed at run time).

A selection is decided once, on the articles (publication dates pushed into the Parquet scan) and, for
actors and words, on the mentions and tokens of the partitions that are left; every later read touches only
the files of the partitions that hold selected articles (tables of a dataset share their partition files'
names, ``DIR/<table>/part-<key>.parquet``).

>>> is_dataset("no-such-folder")
False
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from workbench import schema
from workbench.dataset.lock import holder as _holder
from workbench.dataset.manifest import MANIFEST, Manifest, Verify, listed_files, open_manifest
from workbench.dataset.sql import sql_list, sql_str
from workbench.dataset.store import Store, is_url
from workbench.errors import WorkbenchError

TABLES = ("articles", "report", "sentences", "tokens", "mentions", "timexes")
#: Article columns left out of ``Dataset.read("articles", texts=False)``: the heavy ones.
TEXT_COLUMNS = ("text", "boilerplate")
#: Conditions a connection applies to the articles' scan itself (the others narrow it: ``dataset.selection``).
BASE_CONDITIONS = ("published", "article_ids", "outlets")


def is_dataset(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder (or an object-store prefix) that ``workbench ingest --out`` wrote: it has a
    manifest, or the table folders of one whose manifest is missing (``open`` then says what happened), or the
    single-file layout of an earlier version. A URL whose store cannot be reached is not one."""
    try:
        store = Store(path)
        if not store.remote and not Path(store.root).is_dir():
            return False
        return (
            store.exists(store.join(MANIFEST))
            or store.exists(store.join("articles.parquet"))
            or bool(listed_files(store, ("articles",)))
        )
    except Exception:  # an unknown protocol, a missing package, no permission: not a dataset one can open
        return False


def _root(path: str | os.PathLike[str]) -> Path | str:
    """A dataset's location as given: a local ``Path``, or a URL (a ``Path`` would fold its ``//``)."""
    return os.fspath(path).rstrip("/") if is_url(path) else Path(path)


class Dataset:
    """A DuckDB connection over a dataset folder, restricted to a selection of its articles.

    Attributes:
        root: the dataset folder (a ``Path``), or its URL in an object store (``s3://bucket/prefix``).
        conditions: the selection, as ``(kind, value)`` pairs (``published`` with a (start, end) pair,
            ``article_ids``, ``actors`` with actor ids, ``words`` with a query); empty for every article.
        con: the DuckDB connection (views ``articles``, ``tokens`` … restricted to the selection).
        cache: results worth keeping for the connection's life (actor counts and names).

    The files are read when queried; a dataset rewritten while a connection is open is seen in part, so
    open it again after re-running the ingest.
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        conditions: Sequence[tuple[str, Any]] = (),
        *,
        manifest: Manifest | None = None,
        verify: Verify = "fast",
        parent: Dataset | None = None,
    ) -> None:
        import duckdb

        self.root: Path | str = _root(root) if parent is None else parent.root
        self.store: Store = Store(self.root) if parent is None else parent.store
        if manifest is None and parent is not None:
            manifest = parent.manifest
        if manifest is None:
            manifest = open_manifest(self.store, verify=verify, holder=_holder(self.store))
        #: the dataset's manifest (verified when the first connection was opened)
        self.manifest: Manifest = manifest
        self.conditions = tuple(conditions)
        self.cache: dict[Any, Any] = {}
        #: every file of each table, in the order of their names (the dataset's article order is partition name
        #: order); the tables whose files are named like the articles' files (one file per partition, so a
        #: selection's partitions name the files to read); what the connections of one dataset share
        #: (``article_parts``). A selection of ``parent`` has the same files, listed once.
        self._all: dict[str, list[str]]
        self._aligned: set[str]
        self._shared: dict[str, Any]
        if parent is not None:
            self._all, self._aligned, self._shared = parent._all, parent._aligned, parent._shared
        else:
            self._all, self._aligned, self._shared = self._list_files(), set(), {}
            names = {Path(f).name for f in self._all["articles"]}
            self._aligned = {t for t in TABLES if t != "report" and {Path(f).name for f in self._all[t]} <= names}
        self._parts: set[str] | None = None  # names of the partition files holding selected articles
        self.con: duckdb.DuckDBPyConnection
        if parent is not None:  # a session of the parent's database: its settings, no new database to start
            self.con = parent.con.cursor()
        else:
            self.con = duckdb.connect()
            self.con.execute("SET parquet_metadata_cache = true")
            self.con.execute("SET autoinstall_known_extensions = false")  # nothing is downloaded at run time
            if self.store.remote:  # DuckDB reads the URLs through the same fsspec filesystem
                self.con.register_filesystem(self.store.fs)
        odd = [kind for kind, _ in self.conditions if kind not in BASE_CONDITIONS]
        if odd:
            raise WorkbenchError(f"a connection applies {', '.join(BASE_CONDITIONS)}; select {odd} with dataset.select")
        if self.conditions:
            self._select()
        self._views()

    def _list_files(self) -> dict[str, list[str]]:
        listed = {t: sorted(self.store.join(*f.path.split("/")) for f in self.manifest.table_files(t)) for t in TABLES}
        if not listed["articles"]:
            raise WorkbenchError(f"{self.root}: the dataset holds no articles file; it was written with no input")
        return listed

    def article_parts(self) -> Any:
        """Every article's ``article_id, part`` (its partition file's name), ``published`` and ``outlet``, in
        the dataset's article order: read once for the dataset and shared by the connections of its
        selections (an Arrow table), so a selection decides its articles without reading the files again."""
        if "article_parts" not in self._shared:
            parts = self.con.sql(
                "SELECT article_id, parse_filename(filename) AS part, published, outlet "
                f"FROM read_parquet({sql_list(self._all['articles'])}, filename = true)"
            ).to_arrow_table()
            # ``position``: the article's place in that order, which a selection keeps (a semi-join may not)
            self._shared["article_parts"] = parts.append_column("position", pa.array(range(len(parts)), pa.int64()))
        return self._shared["article_parts"]

    def name(self, file: str) -> str:
        """A file's name (``Path(file).name``), worked out once per file for the dataset's connections."""
        names: dict[str, str] = self._shared.setdefault("names", {})
        if file not in names:
            names[file] = Path(file).name
        return names[file]

    def parts_of(self, article_ids: Sequence[str]) -> set[str]:
        """The names of the partition files holding these articles (``article_parts``)."""
        import pyarrow.compute as pc

        parts = self.article_parts()
        wanted = pa.array([str(a) for a in article_ids], parts["article_id"].type)
        return set(pc.unique(parts.filter(pc.is_in(parts["article_id"], wanted))["part"]).to_pylist())

    def _views(self) -> None:
        for table in TABLES:
            if self._all[table]:
                self.con.execute(f"CREATE OR REPLACE TEMP VIEW {table} AS SELECT * FROM {self.scan(table)}")

    # ------------------------------------------------------------------ files and scans
    def files(self, table: str) -> list[str]:
        """The Parquet files of ``table`` that can hold selected articles (all of them without a selection)."""
        files = self._all[table]
        if self._parts is None or table not in self._aligned:
            return files
        return [f for f in files if self.name(f) in self._parts]

    def scan(
        self, table: str, *, filename: bool = False, row_number: bool = False, files: Sequence[str] | None = None
    ) -> str:
        """A SQL subquery reading ``table`` for the selection (the partitions' files, the selected articles);
        ``files`` narrows it to some of those files."""
        options = (", filename = true" if filename else "") + (", file_row_number = true" if row_number else "")
        if not self._all[table]:
            raise WorkbenchError(
                f"{self.root}: the dataset has no {table} file; write it again with `{self.manifest.command}`"
            )
        where = " WHERE article_id IN (SELECT article_id FROM _selection)" if self.conditions else ""
        if files is None and (not self.conditions or table == "report"):
            return f"(SELECT * FROM read_parquet({sql_list(self._all[table])}{options}))"
        files = self.files(table) if files is None else list(files)
        if table == "report":
            where = ""
        if not files:  # nothing selected: the table's columns, no rows
            return f"(SELECT * FROM read_parquet({sql_str(self._all[table][0])}{options}) WHERE false)"
        return f"(SELECT * FROM read_parquet({sql_list(files)}{options}){where})"

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

    def _select(self, *, keep: str | None = None) -> None:
        """Decide the selected articles once: ``_selection(article_id, part, position)``, from ``article_parts`` (and,
        if ``keep`` names a table of ids, only those)."""
        where, params = [] if keep is None else [f"article_id IN (SELECT article_id FROM {keep})"], []
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
            elif kind == "outlets":
                where.append("list_contains(?, outlet)")
                params.append([str(v) for v in value])
        self.con.register("_article_parts", self.article_parts())
        self.con.execute(
            "CREATE TEMP TABLE _selection AS SELECT article_id, part, position FROM _article_parts "
            f"WHERE {' AND '.join(where) or 'true'}",
            params or None,
        )
        self.con.unregister("_article_parts")
        self._refresh_parts()

    def narrow(self, kind: str, value: Any, keep_sql: str, params: list[Any]) -> None:
        """Keep only the selected articles that ``keep_sql`` lists (a query of ``article_id``), and record the
        condition ``(kind, value)``; the views then read only the partitions left."""
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE _keep AS SELECT DISTINCT article_id FROM ({keep_sql})", params)
        if not self.conditions:  # the first condition: selected from the articles' index at once
            self._select(keep="_keep")
        else:
            self.con.execute("DELETE FROM _selection WHERE article_id NOT IN (SELECT article_id FROM _keep)")
        self.con.execute("DROP TABLE _keep")
        self.conditions = (*self.conditions, (kind, value))
        self._refresh_parts()
        self._views()

    def _refresh_parts(self) -> None:
        rows = self.con.execute("SELECT DISTINCT part FROM _selection").fetchall()
        self._parts = {r[0] for r in rows}

    # ------------------------------------------------------------------ selections
    def article_ids(self) -> list[str] | None:
        """The selected articles' ids in the dataset's article order, or None when every article is selected."""
        if not self.conditions:
            return None
        query = "SELECT article_id FROM _selection ORDER BY position"
        ids: list[str] = self.con.sql(query).to_arrow_table().column(0).to_pylist()
        return ids

    # ------------------------------------------------------------------ reads into pandas
    def read(self, table: str, *, columns: Sequence[str] | None = None, texts: bool = True) -> pd.DataFrame:
        """One table of the selection in pandas (as ``scale.read_table`` reads it); ``texts=False`` leaves out
        the articles' ``text`` and ``boilerplate``. Only the selection's partition files are read, filtered
        on ``article_id`` as they are read."""
        import pyarrow.compute as pc

        if not self._all[table]:
            raise WorkbenchError(
                f"{self.root}: the dataset has no {table} file; write it again with `{self.manifest.command}`"
            )
        if columns is None and not texts:
            names = self.store.read_schema(self._all[table][0]).names
            columns = [c for c in names if c not in TEXT_COLUMNS]
        cols = list(columns) if columns is not None else None
        options: dict[str, Any] = {"page_checksum_verification": True}
        if not self.conditions or table == "report":
            data = self.store.read_parquet(self._all[table], columns=cols, **options)
        elif not (files := self.files(table)):
            data = self.store.read_schema(self._all[table][0]).empty_table().select(cols or slice(None))
        else:
            ids = self.con.sql("SELECT article_id FROM _selection").to_arrow_table().column("article_id")
            data = self.store.read_parquet(files, columns=cols, filters=pc.field("article_id").isin(ids), **options)
        if not texts:  # the catalog: one chunk per column, so that a filter of it takes rows from one array
            try:
                data = data.combine_chunks()
            except pa.ArrowInvalid:  # a column over 2 GB stays in chunks
                pass
        return schema.conform(data.to_pandas(), table, partial=cols is not None or table == "articles")

    def texts(self, article_ids: Iterable[str]) -> pd.DataFrame:
        """``article_id, title, text, boilerplate`` of these articles (in the order of the ids given)."""
        ids = [str(a) for a in article_ids]
        held = self.parts_of(ids)
        files = [f for f in self.files("articles") if self.name(f) in held]  # only the files holding them
        scan = self.scan("articles", files=files)
        frame = self.con.execute(
            f"SELECT article_id, title, text, boilerplate FROM {scan} WHERE list_contains(?, article_id)", [ids]
        ).df()
        order = {a: i for i, a in enumerate(dict.fromkeys(ids))}
        return frame.sort_values("article_id", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)

    def close(self) -> None:
        self.con.close()

    def __repr__(self) -> str:
        what = ", ".join(f"{k}={v!r}" for k, v in self.conditions) or "every article"
        return f"<Dataset {self.root} ({what})>"


def as_dataset(out: str | os.PathLike[str] | Dataset) -> Dataset:
    """``out`` when it is a connection, else a new connection over the dataset at ``out``."""
    return out if isinstance(out, Dataset) else Dataset(out)
