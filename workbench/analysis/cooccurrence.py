"""Actor co-occurrence: pairs of actors mentioned in the same sentence or article."""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from workbench.errors import WorkbenchError

COLUMNS = ["actor_a", "actor_b", "count", "articles", "actor_id_a", "actor_id_b"]


def cooccurrence(mentions: pd.DataFrame, *, level: str = "sentence", min_count: int = 1) -> pd.DataFrame:
    """Actor pairs mentioned together: ``actor_a, actor_b, count, articles`` (+ their ids).

    ``count`` is the number of sentences (``level="sentence"``) or articles (``level="article"``) in which
    both actors are mentioned; ``articles`` the number of distinct articles. Each unordered pair appears once,
    names in alphabetical order; an actor is never paired with itself.

    >>> m = pd.DataFrame({"article_id": ["a", "a", "a", "b"], "sentence_id": [0, 0, 1, 0],
    ...                   "actor_id": ["pk", "af", "pk", "pk"],
    ...                   "actor": ["Pakistan", "Afghanistan", "Pakistan", "Pakistan"]})
    >>> cooccurrence(m)[["actor_a", "actor_b", "count", "articles"]].to_dict("records")
    [{'actor_a': 'Afghanistan', 'actor_b': 'Pakistan', 'count': 1, 'articles': 1}]
    """
    if level not in ("sentence", "article"):
        raise WorkbenchError(f"level must be 'sentence' or 'article', not {level!r}")
    if mentions is None or mentions.empty:
        return pd.DataFrame(columns=COLUMNS)
    keys = ["article_id", "sentence_id"] if level == "sentence" else ["article_id"]
    names = mentions.drop_duplicates("actor_id").set_index("actor_id")["actor"].to_dict()
    units = mentions[keys + ["actor_id"]].drop_duplicates()
    counts: dict[tuple[str, str], int] = {}
    articles: dict[tuple[str, str], set[str]] = {}
    for unit, group in units.groupby(keys, sort=False):
        ids = sorted(set(group["actor_id"]))
        article = unit[0] if isinstance(unit, tuple) else unit
        for a, b in combinations(ids, 2):
            counts[(a, b)] = counts.get((a, b), 0) + 1
            articles.setdefault((a, b), set()).add(article)
    rows = []
    for (a, b), count in counts.items():
        arts = articles[(a, b)]
        na, nb = names[a], names[b]
        if (str(nb), b) < (str(na), a):
            a, b, na, nb = b, a, nb, na
        rows.append(
            {
                "actor_a": na,
                "actor_b": nb,
                "count": count,
                "articles": len(arts),
                "actor_id_a": a,
                "actor_id_b": b,
            }
        )
    out = pd.DataFrame(rows, columns=COLUMNS)
    out = out[out["count"] >= min_count]
    return out.sort_values(
        ["count", "articles", "actor_a", "actor_b"], ascending=[False, False, True, True]
    ).reset_index(drop=True)
