"""A timeline of dated statements: each sentence with a resolved date, and the actors in it.

>>> import pandas as pd
>>> articles = pd.DataFrame({"article_id": ["a"], "text": ["Talks failed on October 29. Asif spoke."]})
>>> sentences = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 1], "start": [0, 28],
...                           "end": [27, 39], "text": ["Talks failed on October 29.", "Asif spoke."]})
>>> timexes = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "start": [16], "end": [26],
...     "surface": ["October 29"], "type": ["DATE"], "value": ["2025-10-29"],
...     "date": pd.to_datetime(["2025-10-29"]), "granularity": ["day"]})
>>> timeline_table(articles, sentences, timexes)[["date", "value", "text", "actors"]]
        date       value                         text actors
0 2025-10-29  2025-10-29  Talks failed on October 29.     []
"""

from __future__ import annotations

import pandas as pd

__all__ = ["TIMELINE_COLUMNS", "timeline_table"]

TIMELINE_COLUMNS = ["article_id", "sentence_id", "date", "granularity", "value", "text", "actors"]


def timeline_table(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    timexes: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per dated statement (a sentence and one date it refers to), sorted by date.

    Columns: ``article_id``, ``sentence_id``, ``date`` (start of the referred period), ``granularity``,
    ``value`` (TIMEX3), ``text`` (the sentence), ``actors`` (canonical names of the actors mentioned in the
    sentence, from ``mentions`` when given, else empty lists), plus ``surface`` (the date as written) and
    ``published``. Durations, sets and vague references (no ``date``) are left out.
    """
    dated = timexes.loc[timexes["date"].notna(), :] if len(timexes) else timexes
    if not len(dated):
        return pd.DataFrame(
            {
                c: pd.Series(dtype="datetime64[ns]" if c == "date" else object)
                for c in [*TIMELINE_COLUMNS, "surface", "published"]
            }
        )
    keep = ["article_id", "sentence_id", "date", "granularity", "value", "surface"]
    rows = dated[keep].merge(
        sentences[["article_id", "sentence_id", "text"]], on=["article_id", "sentence_id"], how="left"
    )
    if "published" in articles:
        rows = rows.merge(articles[["article_id", "published"]], on="article_id", how="left")
    else:
        rows["published"] = pd.NaT
    if mentions is not None and len(mentions):
        per_sentence = (
            mentions.sort_values(["article_id", "sentence_id", "start"])
            .groupby(["article_id", "sentence_id"], sort=False)["actor"]
            .agg(lambda names: list(dict.fromkeys(names)))
        )
        keys = list(zip(rows["article_id"], rows["sentence_id"], strict=True))
        lookup = per_sentence.to_dict()
        rows["actors"] = [list(lookup.get(k, [])) for k in keys]
    else:
        rows["actors"] = [[] for _ in range(len(rows))]
    rows = rows.sort_values(["date", "article_id", "sentence_id"], kind="stable").reset_index(drop=True)
    return rows[[*TIMELINE_COLUMNS, "surface", "published"]]
