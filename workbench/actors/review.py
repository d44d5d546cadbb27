"""The actor dictionary, for analysts: review discovered actors and save them to ``data/actors.yml``.

>>> import workbench as wb                                     # doctest: +SKIP
>>> corpus = wb.load("seeds/", builtin_actors=False)           # doctest: +SKIP
>>> todo = suggest(corpus)                                     # doctest: +SKIP
>>> write_dictionary("data/actors.yml", todo.head(3).to_dict("records"))  # doctest: +SKIP
"""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from workbench.actors.dictionary.entries import ActorEntry, Dictionary, DictionaryError
from workbench.actors.dictionary.files import load_dictionary as _load_one
from workbench.actors.dictionary.files import merge, write_dictionary
from workbench.actors.dictionary.petrarch import load_petrarch
from workbench.actors.dictionary.yaml_reader import load_yaml
from workbench.actors.tables import actor_summary, by_frequency

__all__ = [
    "ActorEntry",
    "Dictionary",
    "DictionaryError",
    "load_dictionary",
    "load_petrarch",
    "load_yaml",
    "suggest",
    "write_dictionary",
]

SUGGEST_COLUMNS = [
    "actor_id",
    "actor",
    "proposed_type",
    "mentions",
    "articles",
    "surfaces",
    "evidence",
    "first_seen",
    "last_seen",
]


def load_dictionary(*paths: str | os.PathLike[str]) -> Dictionary:
    """Load and merge dictionaries (YAML or PETRARCH); clashes are in ``.conflicts``, errors raise
    :class:`DictionaryError` with file and line. Without paths: the shipped ``data/actors.yml``."""
    if not paths:
        from workbench.actors.matcher import builtin_dictionary_path

        paths = (builtin_dictionary_path(),)
    return merge(_load_one(p) for p in paths)


def suggest(corpus: Any, *, min_mentions: int = 1) -> pd.DataFrame:
    """Discovered actors no dictionary knows, ranked by mentions, with surfaces and a proposed type.

    ``corpus`` is a Corpus (``.mentions``, ``.articles``) or a mentions frame. The rows are ready for a review
    widget and for :func:`write_dictionary` (``to_dict("records")``: id, name, type and aliases are read from
    ``actor_id``, ``actor``, ``proposed_type`` and ``surfaces``). Per candidate the name and type are its most
    frequent (ties: alphabetical), the surfaces all of them and the evidence the three commonest, by frequency
    (ties: alphabetical); computed per column for all candidates at once (no Python call per candidate: on
    Reuters-21578 tens of thousands of them).
    """
    mentions = corpus if isinstance(corpus, pd.DataFrame) else corpus.mentions
    articles = None if isinstance(corpus, pd.DataFrame) else corpus.articles
    known = set(mentions.loc[mentions["method"].isin(["dictionary", "gazetteer"]), "actor_id"])
    sub = mentions[~mentions["actor_id"].isin(known) & mentions["method"].isin(["discovered", "alias"])]
    if sub.empty:
        return pd.DataFrame(columns=SUGGEST_COLUMNS)
    if articles is not None and "published" in articles:
        sub = sub.assign(published=sub["article_id"].map(articles.set_index("article_id")["published"]))
    else:
        sub = sub.assign(published=pd.NaT)
    summary = actor_summary(sub)
    summary["proposed_type"] = summary.pop("actor_type")
    summary["surfaces"] = by_frequency(sub, "surface")
    summary["evidence"] = by_frequency(sub, "evidence").map(lambda values: values[:3])
    out = pd.DataFrame(summary)
    # rows in order of first mention, so that full ties in the sort below keep it
    out = out.reindex(pd.Index(sub["actor_id"].unique(), name="actor_id")).reset_index()[SUGGEST_COLUMNS]
    out = out[out["mentions"] >= min_mentions]
    return out.sort_values(["mentions", "articles", "actor"], ascending=[False, False, True]).reset_index(drop=True)
