"""The longest capitalised span wins over a gazetteer sub-span, unless the dictionary says otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.actors.matcher import matcher_for
from workbench.actors.mentions import article_mentions


def surfaces(text: str, **options: object) -> dict[str, str]:
    rows = article_mentions("x", text, [(0, len(text))], **options)  # type: ignore[arg-type]
    return {str(r["surface"]): str(r["actor_type"]) for r in rows}


@pytest.mark.parametrize(
    ("text", "name", "actor_type"),
    [
        ("Real Madrid beat Sheffield Wednesday 2-1.", "Real Madrid", "organization"),
        ("Real Madrid beat Sheffield Wednesday 2-1.", "Sheffield Wednesday", "organization"),
        ("Shares of Munich Re and AC Milan fell.", "Munich Re", "organization"),
        ("Shares of Munich Re and AC Milan fell.", "AC Milan", "organization"),
        (
            "BASEBALL - MAJOR LEAGUE RESULTS. TAMPA BAY 5 BOSTON 3 in the season's first game",
            "TAMPA BAY",
            "organization",
        ),
        ("A plant in West Chicago was closed.", "West Chicago", "place"),
        ("Ports on the South China coast grew.", "South China", "place"),
    ],
)
def test_the_longer_name_wins(text: str, name: str, actor_type: str) -> None:
    found = surfaces(text)
    assert found.get(name) == actor_type, found
    assert not any(s != name and s in name for s in found), found  # no sub-span of it is a mention


def test_without_the_model_the_rules_still_merge_unknown_words() -> None:
    found = surfaces("Shares of AC Milan fell.", typer=False)
    assert found == {"AC Milan": "organization"}


def test_a_weekday_after_a_place_is_a_date_not_a_name() -> None:
    found = surfaces("The company said in New York Tuesday that sales rose.")
    assert found == {"New York": "place"}


def test_demonyms_and_titles_do_not_merge() -> None:
    found = surfaces("Briton Tim Henman beat French Prime Minister Jacques Chirac.")
    assert found["Tim Henman"] == "person" and found["Jacques Chirac"] == "person"
    assert "Briton" in found and "French" in found


def test_a_dictionary_alias_keeps_its_bounds(tmp_path: Path) -> None:
    path = tmp_path / "actors.yml"
    path.write_text("actors:\n  - {id: munich, name: Munich, type: place, aliases: [Munich]}\n", encoding="utf-8")
    text = "Shares of Munich Re fell."
    rows = article_mentions("x", text, [(0, len(text))], matcher=matcher_for([path]))
    assert [(r["surface"], r["method"]) for r in rows] == [("Munich", "dictionary")]
