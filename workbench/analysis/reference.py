"""A reference word-frequency list, for corpora too small to be compared with themselves.

On a one-article corpus every word has the same document frequency, so TF-IDF is a plain frequency ranking
and keyness has nothing to compare with. Against a general news background, words that any news story uses
("week", "said", "return") weigh less than the words that make this story ("ceasefire", "amendment").

The shipped list, ``workbench/resources/reference_freq.csv``, is derived by us from the public
Reuters-21578 collection (Distribution 1.0, D. D. Lewis; 21,578 Reuters newswire stories of 1987): for each
content word (:func:`workbench.analysis.vectors.content_mask`: letters, 2+ characters, not a stopword) the
number of stories using it (``df``) and its number of uses (``count``), over the stories with text that are
not near-duplicates; words used in fewer than 3 stories are left out. :func:`write_reference` re-creates it
from the loaded collection (the maintenance script loads it):

    .venv/bin/python benchmarks/build_reference.py ../shared/data/reuters21578

>>> ref = reference_frequencies()
>>> ref.documents > 10_000 and ref.df("talks") > ref.df("ceasefire") > 0
True
>>> week, ceasefire, unlisted = ref.idf(["week", "ceasefire", "unlistedword"])
>>> bool(week < unlisted < ceasefire)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.analysis.vectors import content_mask

__all__ = [
    "Reference",
    "reference_frequencies",
    "read_reference",
    "build_reference",
    "write_reference",
    "REFERENCE_FILE",
]

REFERENCE_FILE = "reference_freq.csv"
MIN_DF = 3


@dataclass(frozen=True)
class Reference:
    """Document frequencies and counts of words in a background collection.

    Attributes:
        table: term, df, count (one row per word, lower case).
        documents: number of documents in the background collection.
        source: where the list comes from.
    """

    table: pd.DataFrame
    documents: int
    source: str
    _df: dict[str, int] = field(init=False, repr=False, compare=False)
    _count: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        terms = self.table["term"].astype(str)
        object.__setattr__(self, "_df", dict(zip(terms, self.table["df"].astype(int), strict=True)))
        object.__setattr__(self, "_count", dict(zip(terms, self.table["count"].astype(int), strict=True)))

    def df(self, term: str) -> int:
        """Documents of the background using ``term`` (0 if unlisted)."""
        return int(self._df.get(term, 0))

    @property
    def total(self) -> int:
        """Uses of all listed words (the background's size in words)."""
        return int(self.table["count"].sum())

    @property
    def typical_df(self) -> float:
        """The median df of listed words: what an unlisted word is assumed to have."""
        return float(self.table["df"].median())

    def idf(self, terms: Iterable[str]) -> np.ndarray:
        """Smoothed idf ``ln((1 + N) / (1 + df)) + 1`` of each term in the background.

        A two-word term gets the larger idf of its words (its own df is at most theirs). A word missing from
        the list gets the median df of listed words: absence from a 1987 newswire says little about how rare
        a word is in today's news (names, newer words), so it is treated as a typical listed word.
        """
        typical = self.typical_df
        dfs = [min(self._df.get(w, typical) for w in str(t).split(" ")) for t in terms]
        return np.log((1.0 + self.documents) / (1.0 + np.asarray(dfs, dtype=float))) + 1.0

    def counts(self, terms: Iterable[str]) -> np.ndarray:
        """Uses of each term in the background (two-word terms: the rarer word's count, an upper bound)."""
        return np.array([min(self._count.get(w, 0) for w in str(t).split(" ")) for t in terms], dtype=float)


@cache
def reference_frequencies() -> Reference:
    """The shipped reference list (loaded once)."""
    path = resources.files("workbench") / "resources" / REFERENCE_FILE
    with resources.as_file(path) as file:
        return read_reference(file)


def read_reference(path: str | Path) -> Reference:
    """A reference list as :func:`write_reference` writes it (``# key: value`` header lines, then a CSV)."""
    with Path(path).open("r", encoding="utf-8") as fh:
        header = [line[1:].strip() for line in fh if line.startswith("#")]
    meta = dict(line.split(":", 1) for line in header if ":" in line)
    table = pd.read_csv(path, comment="#", keep_default_na=False, dtype={"term": str})
    return Reference(table, int(meta["documents"].strip().replace(",", "")), meta.get("source", "").strip())


def build_reference(articles: pd.DataFrame, tokens: pd.DataFrame, *, min_df: int = MIN_DF) -> pd.DataFrame:
    """term, df, count of content words over the articles that are not near-duplicates."""
    mask = content_mask(tokens)
    words = tokens.loc[mask, ["article_id", "norm"]].astype({"article_id": str})
    if "duplicate_of" in articles:
        unique = set(articles.loc[articles["duplicate_of"].isna(), "article_id"].astype(str))
        words = words[words["article_id"].isin(unique)]
    df = words.drop_duplicates().groupby("norm").size()
    count = words.groupby("norm").size()
    out = pd.DataFrame({"term": df.index, "df": df.to_numpy(), "count": count.reindex(df.index).to_numpy()})
    out = out[out["df"] >= min_df]
    return out.sort_values(["df", "term"], ascending=[False, True]).reset_index(drop=True)


def write_reference(articles: pd.DataFrame, tokens: pd.DataFrame, target: str | Path | None = None) -> Path:
    """Write the reference list of ``articles``/``tokens`` (:func:`build_reference`) with its header, to
    ``target`` (default: the shipped ``workbench/resources/reference_freq.csv``); returns the path.

    ``benchmarks/build_reference.py`` loads Reuters-21578 and calls this (a maintenance script)."""
    table = build_reference(articles, tokens)
    unique = articles["duplicate_of"].isna() if "duplicate_of" in articles else pd.Series(True, index=articles.index)
    n = int(articles.loc[unique, "article_id"].nunique())
    path = Path(target) if target is not None else Path(__file__).resolve().parents[1] / "resources" / REFERENCE_FILE
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# source: Reuters-21578 Distribution 1.0 (D. D. Lewis), derived by the news workbench with "
            "workbench.analysis.reference\n"
            f"# documents: {n}\n"
            f"# content words (workbench.analysis.vectors.content_mask) in {MIN_DF}+ of those stories "
            "(near-duplicates left out): stories using the word (df) and its uses (count)\n"
        )
        table.to_csv(fh, index=False)
    return path
