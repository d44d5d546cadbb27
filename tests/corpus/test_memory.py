"""The in-memory backend keeps what the page asks for several times (``corpus.actors``), and only while it
describes the same mentions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import workbench as wb


def test_actors_are_made_once_per_mentions_frame(seeds_dir: Path) -> None:
    corpus = wb.load(seeds_dir)
    first = corpus.actors
    assert corpus.actors is first
    again = corpus.backend.__class__(corpus.backend.tables).actors()
    pd.testing.assert_frame_equal(again, first)
    some = corpus.select(actors=first["actor_id"].iloc[-1])
    assert some.actors is not first and some.actors["mentions"].sum() <= first["mentions"].sum()
    # a new mentions frame (as a correction would make) is summarised again
    backend = corpus.backend
    backend.tables.get("mentions")  # loaded
    fewer = backend.table("mentions").iloc[:-1]
    backend._frames.clear()
    backend.ids = frozenset(corpus.catalog["article_id"].astype(str))
    backend._frames["mentions"] = fewer
    assert backend.actors()["mentions"].sum() == first["mentions"].sum() - 1


def test_a_first_computation_says_what_it_is_doing(seeds_dir: Path, tmp_path: Path, capsys) -> None:
    cold = wb.load(seeds_dir, cache_dir=tmp_path, progress=True)
    _ = cold.mentions, cold.timexes
    said = capsys.readouterr().err
    assert "workbench: finding the actors and their mentions (1 article; cached after)" in said
    assert "workbench: finding and resolving the dates in the text" in said
    warm = wb.load(seeds_dir, cache_dir=tmp_path, progress=True)
    _ = warm.mentions, warm.timexes
    assert "workbench:" not in capsys.readouterr().err  # read from the cache: nothing to say
    quiet = wb.load(seeds_dir, cache_dir=tmp_path / "other", progress=False)
    _ = quiet.mentions
    assert "workbench:" not in capsys.readouterr().err
