"""``workbench.actors.tables``: the fast per-actor lists equal pandas' plain ``groupby(...).agg(list)``; the
mentions frame built from row tuples equals the plain one built from the row dicts."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from workbench.actors.mentions import article_mentions
from workbench.actors.resolution import most_frequent
from workbench.actors.tables import (
    ACTOR_COLUMNS,
    MENTION_COLUMNS,
    actors_table,
    frame_of_values,
    grouped_lists,
    mention_frame,
    mention_values,
)
from workbench.text import sentences as sentence_spans

SEED_TEXT = (Path(__file__).resolve().parents[2] / "seeds" / "000_911338bfee1af513.txt").read_text(encoding="utf-8")


def plain_actors_table(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The table as it was computed before: one Python call per actor (the reference for the fast one)."""
    pub = articles.set_index("article_id")["published"]
    df = mentions.assign(published=mentions["article_id"].map(pub))
    names = df[~df["evidence"].astype(str).str.startswith("role:")]
    names = pd.concat([names, df[~df["actor_id"].isin(set(names["actor_id"].tolist()))]])
    counts = names.groupby(["actor_id", "surface"], sort=False).size().reset_index(name="n")
    counts = counts.sort_values(["actor_id", "n", "surface"], ascending=[True, False, True])
    grouped = df.groupby("actor_id", sort=False)
    out = pd.DataFrame(
        {
            "actor": most_frequent(df, "actor"),
            "actor_type": most_frequent(df, "actor_type"),
            "mentions": grouped.size(),
            "articles": grouped["article_id"].nunique(),
            "first_seen": grouped["published"].min(),
            "last_seen": grouped["published"].max(),
            "aliases": counts.groupby("actor_id", sort=False)["surface"].agg(list),
            "methods": grouped["method"].agg(lambda s: sorted(set(s))),
        }
    ).reset_index()
    out = out.sort_values(["mentions", "actor"], ascending=[False, True]).reset_index(drop=True)
    return out[ACTOR_COLUMNS]


def random_mentions(seed: int, rows: int = 600) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = random.Random(seed)
    articles = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(40)],
            "published": [pd.Timestamp("2025-01-01") + pd.Timedelta(days=rng.randrange(300)) for _ in range(40)],
        }
    )
    actors = [f"x{i}" for i in range(30)]
    mentions = pd.DataFrame(
        {
            "article_id": [rng.choice(articles["article_id"]) for _ in range(rows)],
            "actor_id": [rng.choice(actors) for _ in range(rows)],
            "actor": [rng.choice(["Asif", "Khawaja Asif", "Qatar"]) for _ in range(rows)],
            "actor_type": [rng.choice(["person", "state", "organization"]) for _ in range(rows)],
            "surface": [rng.choice(["Asif", "the minister", "Doha", "Qatar", "asif"]) for _ in range(rows)],
            "evidence": [rng.choice(["dictionary", "role:minister", "guess"]) for _ in range(rows)],
            "method": [rng.choice(["dictionary", "gazetteer", "discovered"]) for _ in range(rows)],
        }
    )
    # an actor named only by role nouns keeps them as aliases
    mentions.loc[mentions["actor_id"] == "x0", "evidence"] = "role:president"
    return mentions, articles


def test_grouped_lists_equal_pandas_agg_list() -> None:
    rng = random.Random(3)
    keys = pd.Series([rng.choice("qwertyuiop") for _ in range(500)], name="actor_id")
    values = pd.Series([rng.randrange(50) for _ in range(500)])
    fast = grouped_lists(keys, values)
    plain = values.groupby(keys, sort=False).agg(list)
    assert fast.sort_index().to_dict() == plain.sort_index().to_dict()
    assert fast.index.name == "actor_id"
    assert grouped_lists(pd.Series([], dtype=object), pd.Series([], dtype=object)).empty


def test_actors_table_equals_the_plain_computation() -> None:
    for seed in range(5):
        mentions, articles = random_mentions(seed)
        fast = actors_table(mentions, articles)
        pd.testing.assert_frame_equal(fast, plain_actors_table(mentions, articles))
        row = fast.set_index("actor_id").loc["x0"]
        assert row["aliases"] and set(row["aliases"]) <= {"Asif", "the minister", "Doha", "Qatar", "asif"}


def plain_mention_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """The mentions frame as it was built before: one list per column read from the row dicts."""
    if rows:
        df = pd.DataFrame({c: [r[c] for r in rows] for c in MENTION_COLUMNS}, columns=MENTION_COLUMNS)
    else:
        df = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return df.astype(
        {"sentence_id": "int64", "start": "int64", "end": "int64", "metonymy": "bool", "strength": "int64"}
    )


def test_mention_frame_of_row_tuples_equals_the_plain_frame() -> None:
    spans = [(s, e) for s, e, _p in sentence_spans(SEED_TEXT)]
    rows = article_mentions("a1", SEED_TEXT, spans, published=None)
    rows += article_mentions("a2", "Reuters said Chase Manhattan Bank lent Brazil 2 mln dlrs.", [(0, 57)])
    assert len(rows) > 20
    pd.testing.assert_frame_equal(frame_of_values(mention_values(rows)), plain_mention_frame(rows))
    pd.testing.assert_frame_equal(mention_frame(rows), plain_mention_frame(rows))
    pd.testing.assert_frame_equal(mention_frame([]), plain_mention_frame([]))
