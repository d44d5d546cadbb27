"""The corpus-level pass over actor mentions: name variants merged across articles, discovered types settled.

"Khawaja Mohammad Asif" and "Khawaja Asif" (same first and last word) become the most frequent form; a
discovered actor's type is the one with the strongest evidence over all its mentions (then the most frequent).
:func:`resolve_corpus` runs the pass over all mentions at once. Its steps also run over the partitions of a
corpus (``workbench.scale.actors``) with the same result: :func:`resolution_counts` per part,
:func:`merge_resolution_counts`, :func:`corpus_resolution` once, then :func:`apply_resolution` per part.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from workbench.actors.classifier import in_set
from workbench.actors.dictionary.entries import slug
from workbench.actors.resources import word_key


def resolve_corpus(mentions: pd.DataFrame) -> pd.DataFrame:
    """Corpus-level pass: merge person name variants across articles, settle discovered types.

    "Khawaja Mohammad Asif" and "Khawaja Asif" (same first and last word) become the most frequent form;
    a discovered actor's type is the one with the strongest evidence over all its mentions (then the most
    frequent). Returns a new frame.

    The steps (:func:`resolution_counts`, :func:`corpus_resolution`, :func:`apply_resolution`) also run over
    partitions of a corpus (``workbench.scale.actors``), with the same result.
    """
    if mentions.empty:
        return mentions.copy()
    known = known_ids(mentions)
    return apply_resolution(mentions, known, corpus_resolution(resolution_counts(mentions, known)))


@dataclass
class Resolution:
    """What the corpus pass changes in discovered and alias mentions (see :func:`corpus_resolution`)."""

    rename: dict[str, str]  # person name → the form it merges into
    actor_type: pd.Series  # actor_id → its type, for the actors whose mentions disagree on type or name
    actor: pd.Series  # actor_id → its name, for the same actors


#: Columns of :func:`resolution_counts`.
COUNT_COLUMNS = ["actor_id", "actor", "actor_type", "best", "n"]


def _resolvable(mentions: pd.DataFrame, known: set[str]) -> pd.Series:
    """Discovered and alias mentions of actors no dictionary or gazetteer knows."""
    return mentions["method"].isin(["discovered", "alias"]) & ~in_set(mentions["actor_id"], known)


def resolution_counts(mentions: pd.DataFrame, known: set[str]) -> pd.DataFrame:
    """Per (``actor_id``, ``actor``, ``actor_type``) of the discovered and alias mentions of actors not in
    ``known`` (:func:`known_ids` of the whole corpus): the strongest evidence (``best``) and the number of
    mentions (``n``). Counts of the parts of a corpus merge with :func:`merge_resolution_counts`."""
    sub = mentions.loc[_resolvable(mentions, known), ["actor_id", "actor", "actor_type", "strength"]]
    grouped = sub.groupby(["actor_id", "actor", "actor_type"], sort=False)["strength"]
    return grouped.agg(best="max", n="size").reset_index()[COUNT_COLUMNS]


def merge_resolution_counts(parts: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The counts of the parts' mentions together."""
    full = [p for p in parts if len(p)]
    if len(full) < 2:
        return full[0] if full else parts[0]
    grouped = pd.concat(full).groupby(["actor_id", "actor", "actor_type"], sort=False)
    return grouped.agg(best=("best", "max"), n=("n", "sum")).reset_index()[COUNT_COLUMNS]


def corpus_resolution(counts: pd.DataFrame) -> Resolution:
    """Renames and winning types and names from the corpus' :func:`resolution_counts`."""
    persons = counts[counts["actor_type"] == "person"].groupby("actor", sort=False)["n"].sum()
    forms: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for name, n in persons.items():
        words = word_key(str(name)).split()
        if len(words) >= 2:
            forms[(words[0], words[-1])][str(name)] += int(n)
    rename: dict[str, str] = {}
    for counter in forms.values():
        if len(counter) > 1:
            best = sorted(counter.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
            for name in counter:
                if name != best:
                    rename[name] = best
    counts = counts.copy()
    if rename:
        hit = counts["actor"].isin(list(rename))
        counts.loc[hit, "actor"] = counts.loc[hit, "actor"].map(rename)
        counts.loc[hit, "actor_id"] = counts.loc[hit, "actor"].map(slug)
    # an actor whose mentions all agree on name and type keeps them: decisions are needed for the others only
    forms_per_id = counts.drop_duplicates(["actor_id", "actor", "actor_type"])["actor_id"].value_counts()
    counts = counts[counts["actor_id"].isin(forms_per_id.index[forms_per_id.to_numpy() > 1])]
    score = counts.groupby(["actor_id", "actor_type"]).agg(best=("best", "max"), n=("n", "sum"))
    score = score.reset_index().sort_values(
        ["actor_id", "best", "n", "actor_type"], ascending=[True, False, False, True]
    )
    winner = score.drop_duplicates("actor_id").set_index("actor_id")["actor_type"]
    return Resolution(rename=rename, actor_type=winner, actor=most_frequent(counts, "actor", weights="n"))


def apply_resolution(mentions: pd.DataFrame, known: set[str], resolution: Resolution) -> pd.DataFrame:
    """``mentions`` (all of them or one part) with the corpus' :class:`Resolution`. Returns a new frame."""
    df = mentions.copy()
    disc = _resolvable(df, known)
    if resolution.rename:
        hit = disc & in_set(df["actor"], resolution.rename)
        df.loc[hit, "actor"] = df.loc[hit, "actor"].map(resolution.rename)
        df.loc[hit, "actor_id"] = df.loc[hit, "actor"].map(slug)
    if len(resolution.actor_type):
        hit = disc & in_set(df["actor_id"], resolution.actor_type.index)
        df.loc[hit, "actor_type"] = df.loc[hit, "actor_id"].map(resolution.actor_type)
        df.loc[hit, "actor"] = df.loc[hit, "actor_id"].map(resolution.actor)
    return df


def most_frequent(df: pd.DataFrame, column: str, *, weights: str | None = None) -> pd.Series:
    """Per actor_id, the most frequent value of ``column`` (ties: alphabetical); ``weights`` names a column
    of how many mentions each row stands for (one each without it)."""
    grouped = df.groupby(["actor_id", column], observed=True)
    counts = (grouped.size() if weights is None else grouped[weights].sum()).reset_index(name="n")
    counts = counts.sort_values(["actor_id", "n", column], ascending=[True, False, True])
    return counts.drop_duplicates("actor_id").set_index("actor_id")[column]


def known_ids(df: pd.DataFrame) -> set[str]:
    """Actor ids of dictionary and gazetteer matches."""
    return set(df.loc[df["method"].isin(["dictionary", "gazetteer"]), "actor_id"].tolist())
