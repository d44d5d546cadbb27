"""The in-memory backend: a corpus's tables as pandas frames (``corpus.build.Tables``), and selections of it.

A selection holds the ids of its articles; its tables are the whole corpus's rows for those articles (actors
resolved over the whole corpus are not resolved again), filtered on first use and kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from workbench.corpus.backend import FrameAnalyses, actor_ids
from workbench.corpus.build import Tables
from workbench.corpus.selection import Selection


class MemoryBackend(FrameAnalyses):
    """Tables held in memory: all of ``tables``, or the rows of the articles in ``ids``."""

    root: Path | str | None = None

    def __init__(self, tables: Tables, ids: frozenset[str] | None = None) -> None:
        self.tables = tables
        self.ids = ids
        self._frames: dict[str, pd.DataFrame] = {}
        self._actors_of: pd.DataFrame | None = None

    def table(self, name: str) -> pd.DataFrame:
        if self.ids is None or name == "report":  # the report describes the inputs: a selection keeps it whole
            return self.tables.get(name)
        if name not in self._frames:
            self._frames[name] = self.tables.rows_of(name, self.ids)
        return self._frames[name]

    def rows_of(self, name: str, article_ids: set[str]) -> pd.DataFrame:
        if self.ids is None and not self.tables.numbered(name):  # a few rows: not worth numbering the table
            return super().rows_of(name, article_ids)
        if self.ids is not None:
            article_ids = article_ids & self.ids
        return self.tables.rows_of(name, article_ids)  # integer codes, not a comparison of every id

    def catalog(self) -> pd.DataFrame:
        if "catalog" not in self._frames:  # made once: a filter asks for it at every change
            self._frames["catalog"] = super().catalog()
        return self._frames["catalog"]

    def article_ids(self) -> set[str]:
        return set(self.ids) if self.ids is not None else super().article_ids()

    def actors(self) -> pd.DataFrame:
        """Made once per mentions frame (the page and its tabs ask for it several times); a new mentions
        frame (another corpus's, a selection's) makes it again."""
        mentions = self.table("mentions")
        made = self._frames.get("actors")
        if made is None or self._actors_of is not mentions:
            made = self._frames["actors"] = super().actors()
            self._actors_of = mentions
        return made

    def texts(self, article_ids: Sequence[str]) -> pd.DataFrame:
        ids = [str(a) for a in article_ids]
        arts = self.table("articles")
        found = arts[arts["article_id"].astype(str).isin(ids)].drop_duplicates("article_id")
        order = {a: i for i, a in enumerate(dict.fromkeys(ids))}
        found = found.sort_values("article_id", key=lambda s: s.astype(str).map(order), kind="stable")
        return found[["article_id", "title", "text", "boilerplate"]].reset_index(drop=True)

    def select(self, selection: Selection) -> MemoryBackend:
        arts = self.table("articles")
        ids = arts["article_id"].astype(str)
        keep = pd.Series(True, index=arts.index)
        if selection.start is not None or selection.end is not None:
            published = pd.to_datetime(arts["published"])
            keep &= published.notna()
            if selection.start is not None:
                keep &= published >= selection.start
            if selection.end is not None:
                keep &= published <= selection.end
        if selection.article_ids is not None:
            keep &= ids.isin(set(selection.article_ids))
        if selection.outlets is not None:
            keep &= arts["outlet"].astype(str).isin(set(selection.outlets))
        if selection.words is not None:
            query = selection.words[0] if len(selection.words) == 1 else list(selection.words)
            keep &= ids.isin(self.tables.word_index().article_ids(query))
        if selection.actors is not None:
            mentions = self.table("mentions")
            wanted = actor_ids(mentions, selection.actors)
            keep &= ids.isin(set(mentions.loc[mentions["actor_id"].isin(wanted), "article_id"].astype(str)))
        return MemoryBackend(self.tables, frozenset(ids[keep.to_numpy()]))
