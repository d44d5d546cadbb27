"""Actor mentions over time: one row per period × actor."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from workbench.errors import WorkbenchError

__all__ = ["actor_trends", "UnknownActor", "COLUMNS", "MEASURES"]

COLUMNS = ["period", "actor_id", "actor", "value"]
_FREQ = {"D": "D", "W": "W-SUN", "M": "M"}  # W-SUN: weeks Monday..Sunday
MEASURES = ("mentions", "articles", "stories", "share")


class UnknownActor(WorkbenchError, KeyError):
    """An actor asked for is not among the mentions (a ``KeyError`` too, for callers that look names up)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


def _select(mentions: pd.DataFrame, actors: str | Iterable[str] | None, top: int) -> list[str]:
    if actors is None:
        counts = mentions.groupby("actor_id").size().sort_values(ascending=False, kind="stable")
        return list(counts.index[:top])
    wanted = [actors] if isinstance(actors, str) else list(actors)
    ids = pd.Index(mentions["actor_id"].unique())  # hashed once, not a Python set over every mention
    out = []
    by_name: dict[str, str] = {}
    for item in wanted:
        if item in ids:
            out.append(item)
            continue
        if not by_name:  # names are looked up only when an item is not an id
            by_name = mentions.drop_duplicates("actor_id").set_index("actor")["actor_id"].to_dict()
        if item in by_name:
            out.append(by_name[item])
        else:
            lowered = {str(k).lower(): v for k, v in by_name.items()}
            if str(item).lower() in lowered:
                out.append(lowered[str(item).lower()])
            else:
                raise UnknownActor(f"no actor {item!r} in the mentions; see corpus.actors for ids and names")
    return out


def actor_trends(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    timexes: pd.DataFrame | None = None,
    *,
    actors: str | Iterable[str] | None = None,
    freq: str = "W",
    date: str = "published",
    measure: str = "mentions",
    top: int = 10,
) -> pd.DataFrame:
    """Actor mentions over time: ``period, actor_id, actor, value`` (every period × actor, zeros included).

    Args:
        actors: ids or canonical names; default the ``top`` most mentioned.
        freq: "D", "W" (weeks starting Monday) or "M"; ``period`` is the period's first day.
        date: "published" (the article's date) or "referred" (the resolved ``date`` of a timex in the same
            sentence — the first one — else the publication date).
        measure: "mentions"; "articles" (articles mentioning the actor); "stories" (articles, counting a
            group of duplicates once, via ``articles.duplicate_of``); "share" (the actor's share of all
            actor mentions in the period, 0–1).

    Mentions without any date are left out.
    """
    if freq not in _FREQ:
        raise WorkbenchError(f"freq must be one of {sorted(_FREQ)}, not {freq!r}")
    if date not in ("published", "referred"):
        raise WorkbenchError(f"date must be 'published' or 'referred', not {date!r}")
    if measure not in MEASURES:
        raise WorkbenchError(f"measure must be one of {MEASURES}, not {measure!r}")
    if mentions is None or mentions.empty:
        return pd.DataFrame(columns=COLUMNS)
    arts = articles.set_index("article_id")
    df = mentions[["article_id", "sentence_id", "actor_id", "actor"]].copy()
    df["when"] = pd.to_datetime(df["article_id"].map(arts["published"]))
    if date == "referred" and timexes is not None and len(timexes) and "date" in timexes:
        ref = timexes.dropna(subset=["date"]).drop_duplicates(["article_id", "sentence_id"])
        ref = ref.set_index(["article_id", "sentence_id"])["date"]
        idx = pd.MultiIndex.from_frame(df[["article_id", "sentence_id"]])
        referred = pd.to_datetime(pd.Series(ref.reindex(idx).to_numpy(), index=df.index))
        df["when"] = referred.fillna(df["when"])
    df = df.dropna(subset=["when"])
    if df.empty:
        return pd.DataFrame(columns=COLUMNS)
    df["period"] = df["when"].dt.to_period(_FREQ[freq]).dt.start_time
    selected = _select(mentions, actors, top)
    total = df.groupby("period").size()
    sub = df[df["actor_id"].isin(selected)]
    if measure in ("mentions", "share"):
        values = sub.groupby(["period", "actor_id"]).size()
        if measure == "share":
            values = values / values.index.get_level_values("period").map(total).to_numpy()
    elif measure == "articles":
        values = sub.drop_duplicates(["period", "actor_id", "article_id"]).groupby(["period", "actor_id"]).size()
    else:
        dup = arts["duplicate_of"] if "duplicate_of" in arts else pd.Series(dtype=object)
        story = sub["article_id"].map(dup)
        sub = sub.assign(story=story.where(story.notna(), sub["article_id"]))
        values = sub.drop_duplicates(["period", "actor_id", "story"]).groupby(["period", "actor_id"]).size()
    periods = pd.period_range(df["period"].min(), df["period"].max(), freq=_FREQ[freq]).start_time
    grid = pd.MultiIndex.from_product([periods, selected], names=["period", "actor_id"])
    values = values.reindex(grid, fill_value=0)
    out = values.rename("value").reset_index()
    names = mentions.drop_duplicates("actor_id").set_index("actor_id")["actor"]
    out["actor"] = out["actor_id"].map(names)
    out["value"] = out["value"].astype(float if measure == "share" else "int64")
    return out[COLUMNS]
