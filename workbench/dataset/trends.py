"""Actor aggregates of a dataset in DuckDB: counts, names, trends over time, co-occurrence, the actors table
and the timeline — each the same frame as the in-memory analysis it stands for.

Actor trends come from one join of the mentions with an in-memory index of the articles' dates (and, for
referred dates, the sentences' first resolved timex), kept for the connection.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import numpy as np
import pandas as pd

from workbench.dataset.connection import Dataset, as_dataset
from workbench.dataset.sql import TRUNC, period_sql, sql_str
from workbench.errors import WorkbenchError

_PFREQ = {"D": "D", "W": "W-SUN", "M": "M"}
TREND_COLUMNS = ["period", "actor_id", "actor", "value"]
MEASURES = ("mentions", "articles", "stories", "share")


def actor_counts(out: str | os.PathLike[str] | Dataset) -> pd.DataFrame:
    """``actor_id, n``: every actor's mentions (dated or not), most mentioned first (ties: by id). Kept for the
    connection; ``actor_trends`` makes it as a by-product."""
    ds = as_dataset(out)
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
    ds = as_dataset(out)
    known: dict[str, str] = ds.cache.setdefault("names", {})
    if not ds._all["mentions"]:
        return {}
    wanted = None if ids is None else [i for i in dict.fromkeys(ids) if i not in known]
    if (wanted is None and not ds.cache.get("all_names")) or wanted:
        files = ds.files("mentions")
        batches = [files] if wanted is None else [b for b in (files[:NAME_PARTS], files[NAME_PARTS:]) if b]
        for batch in batches:
            where = f"WHERE actor_id IN ({', '.join(sql_str(i) for i in wanted)})" if wanted else ""
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
    if freq not in TRUNC:
        raise WorkbenchError(f"freq must be one of {sorted(TRUNC)}, not {freq!r}")
    if date not in ("published", "referred"):
        raise WorkbenchError(f"date must be 'published' or 'referred', not {date!r}")
    if measure not in MEASURES:
        raise WorkbenchError(f"measure must be one of {MEASURES}, not {measure!r}")
    ds = as_dataset(out)
    if not ds._all["mentions"]:
        return pd.DataFrame(columns=TREND_COLUMNS)
    counts = _period_counts(ds, freq, date)
    selected = actor_counts(ds)["actor_id"].head(top).tolist() if actors is None else actor_ids(ds, actors)
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
    ds = as_dataset(out)
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
    aliases: surfaces by frequency, then alphabetical; role nouns are no aliases unless nothing else is, as in
    ``workbench.actors.tables.actors_table``)."""
    from workbench.actors.tables import ACTOR_COLUMNS

    ds = as_dataset(out)
    if not ds._all["mentions"]:
        return pd.DataFrame(columns=ACTOR_COLUMNS)
    # two passes over the mentions: their distinct (actor, name, type, surface, method) with counts, which is
    # small, and per actor the articles and dates (a join with the article index)
    frame = ds.execute(
        f"""
        WITH forms AS MATERIALIZED (
            SELECT actor_id, actor, actor_type, surface, method,
                starts_with(coalesce(CAST(evidence AS VARCHAR), ''), 'role:') AS role, count(*) AS n
            FROM mentions GROUP BY ALL),
        names AS (SELECT actor_id, arg_min(actor, (-n, actor)) AS actor FROM
            (SELECT actor_id, actor, sum(n) AS n FROM forms GROUP BY ALL) GROUP BY actor_id),
        types AS (SELECT actor_id, arg_min(actor_type, (-n, actor_type)) AS actor_type FROM
            (SELECT actor_id, actor_type, sum(n) AS n FROM forms GROUP BY ALL) GROUP BY actor_id),
        aliases AS (SELECT actor_id, list(surface ORDER BY n DESC, surface) AS aliases FROM
            (SELECT actor_id, surface, sum(n) AS n FROM forms WHERE NOT role OR actor_id IN
                (SELECT actor_id FROM forms GROUP BY actor_id HAVING bool_and(role)) GROUP BY ALL)
            GROUP BY actor_id),
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

    ds = as_dataset(out)
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


def actor_ids(ds: Dataset, actors: str | Iterable[str]) -> list[str]:
    """Actor ids for ids or canonical names (exact, then any case), as ``corpus.actor_trends`` takes them;
    ``WorkbenchError`` for one that no mention has."""
    wanted = [actors] if isinstance(actors, str) else list(actors)
    ids = set(actor_counts(ds)["actor_id"])
    out: list[str] = []
    for item in wanted:
        if item in ids:
            out.append(item)
            continue
        names = actor_names(ds)
        exact = {name: aid for aid, name in sorted(names.items(), reverse=True)}
        lowered = {str(k).lower(): v for k, v in exact.items()}
        found = exact.get(item, lowered.get(str(item).lower()))
        if found is None:
            raise WorkbenchError(f"no actor {item!r} in the mentions; see corpus.actors for ids and names")
        out.append(found)
    return out
