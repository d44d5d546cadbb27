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
- ``kwic`` (a word, phrase or ``prefix*``), ``mention_kwic`` (an actor) and ``actor_contexts`` (several actors,
  a limit per actor) — one scan of the tokens (or
  mentions) finds the matches; their context is cut in DuckDB from the tokens around them and their articles'
  texts, read from the partitions that hold matches, and ``limit`` keeps the first matches in corpus order
  so that a page of a frequent word stays fast;
- ``term_counts`` (a vocabulary's counts per article, as ``analysis.vectors`` counts them) and
  ``topic_trends`` (topic shares per period) for topics of a large dataset (see ``Corpus.topics``).

Only results reach pandas; ``Dataset.read`` reads a whole table of the selection when an analysis needs it
in memory.

The modules: ``dataset`` (the connection and selection), ``trends`` (actor aggregates), ``matches`` (where
words and actors occur, in corpus order), ``contexts`` (KWIC rows), ``topics`` (term counts, topic shares).
Their tuning constants (``trends.NAME_PARTS``, ``matches.FIRST_PARTS``, ``topics.TERM_FILES``) are read
from those modules.

>>> from workbench.dataset import period_sql
>>> period_sql("W")
"date_trunc('week', a.published)"
"""

from workbench.dataset.connection import TABLES, TEXT_COLUMNS, Dataset, is_dataset
from workbench.dataset.contexts import actor_contexts, kwic, mention_kwic
from workbench.dataset.index import build_kwic_index
from workbench.dataset.manifest import DatasetError
from workbench.dataset.matches import match_spans
from workbench.dataset.selection import connect, select, selection_conditions
from workbench.dataset.sql import period_sql
from workbench.dataset.topics import term_counts, topic_trends
from workbench.dataset.trends import (
    MEASURES,
    TREND_COLUMNS,
    actor_counts,
    actor_ids,
    actor_names,
    actor_trends,
    actors,
    cooccurrence,
    timeline,
)

__all__ = [
    "MEASURES",
    "TABLES",
    "TEXT_COLUMNS",
    "TREND_COLUMNS",
    "Dataset",
    "DatasetError",
    "actor_counts",
    "actor_ids",
    "actor_names",
    "actor_trends",
    "actors",
    "actor_contexts",
    "build_kwic_index",
    "connect",
    "cooccurrence",
    "is_dataset",
    "kwic",
    "match_spans",
    "mention_kwic",
    "period_sql",
    "select",
    "selection_conditions",
    "term_counts",
    "timeline",
    "topic_trends",
]
