"""workbench.actors.review: suggest discovered actors, write them, load them back; plots carry their data."""

from __future__ import annotations

from pathlib import Path

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
