"""workbench.actors.review: suggest discovered actors, write them, load them back; plots carry their data."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from tests.actors.test_mentions import seed_frames
from workbench.actors.review import load_dictionary, suggest, write_dictionary
from workbench.actors.tables import mentions_table


def test_suggest_then_write_then_match(tmp_path: Path) -> None:
    articles, sents = seed_frames()
    mentions = mentions_table(articles, sents, None, builtin_actors=False)
    todo = suggest(mentions)
    assert {"Khawaja Asif", "Bilawal Bhutto-Zardari", "Gul Bahadur group", "PPP"} <= set(todo.actor)
    assert todo.mentions.is_monotonic_decreasing
    asif = todo.set_index("actor").loc["Khawaja Asif"]
    assert asif.proposed_type == "person" and "Asif" in asif.surfaces
    path = write_dictionary(tmp_path / "actors.yml", todo.to_dict("records"))
    merged = load_dictionary(path)
    assert "khawaja-asif" in {e.id for e in merged.entries}
    again = mentions_table(articles, sents, None, dictionaries=[path], builtin_actors=False)
    assert set(again.loc[again.actor == "Gul Bahadur group", "method"]) == {"dictionary"}


def test_plots_return_figures_with_data() -> None:
    from workbench.analysis.actor_trends import actor_trends
    from workbench.analysis.cooccurrence import cooccurrence
    from workbench.plot.actors import actor_trends as plot_trends
    from workbench.plot.actors import cooccurrence as plot_cooccurrence

    articles, sents = seed_frames()
    mentions = mentions_table(articles, sents, None)
    fig = plot_trends(actor_trends(mentions, articles, None))
    assert list(fig.data.columns) == ["period", "actor_id", "actor", "value"]
    fig = plot_cooccurrence(cooccurrence(mentions))
    assert {"actor_a", "actor_b", "count"} <= set(fig.data.columns)


def plain_suggest(mentions, articles):  # -> pd.DataFrame
    """suggest() the plain way, one Python pass per candidate: the reference for the column-wise version."""
    import pandas as pd

    from workbench.actors.review import SUGGEST_COLUMNS

    known = set(mentions.loc[mentions["method"].isin(["dictionary", "gazetteer"]), "actor_id"])
    sub = mentions[~mentions["actor_id"].isin(known) & mentions["method"].isin(["discovered", "alias"])]
    published = sub["article_id"].map(articles.set_index("article_id")["published"])
    sub = sub.assign(published=published)

    def by_frequency(values: pd.Series) -> list:
        counts = values.value_counts()
        return sorted(counts.index, key=lambda v: (-counts[v], v))

    rows = []
    for actor_id, group in sub.groupby("actor_id", sort=False):
        rows.append(
            {
                "actor_id": actor_id,
                "actor": group["actor"].mode().iat[0],
                "proposed_type": group["actor_type"].mode().iat[0],
                "mentions": len(group),
                "articles": group["article_id"].nunique(),
                "surfaces": by_frequency(group["surface"]),
                "evidence": by_frequency(group["evidence"])[:3],
                "first_seen": group["published"].min(),
                "last_seen": group["published"].max(),
            }
        )
    out = pd.DataFrame(rows, columns=SUGGEST_COLUMNS)
    return out.sort_values(["mentions", "articles", "actor"], ascending=[False, False, True]).reset_index(drop=True)


def test_suggest_equals_the_plain_computation_on_the_seed() -> None:
    import pandas as pd

    articles, sents = seed_frames()
    mentions = mentions_table(articles, sents, None, builtin_actors=False)
    fast = suggest(SimpleNamespace(mentions=mentions, articles=articles))
    assert len(fast) >= 5
    pd.testing.assert_frame_equal(fast, plain_suggest(mentions, articles), check_dtype=False)


def test_suggest_equals_the_plain_computation_on_reuters(reuters) -> None:
    import pandas as pd

    fast = suggest(reuters)
    assert len(fast) > 1000  # tens of thousands of candidates: the case the column-wise version is for
    pd.testing.assert_frame_equal(fast, plain_suggest(reuters.mentions, reuters.articles), check_dtype=False)
