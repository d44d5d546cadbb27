"""Discovered names: table and section words and terms are no actors on their own."""

from __future__ import annotations

import pytest

from workbench.actors.mentions import article_mentions


def surfaces(text: str) -> dict[str, str]:
    return {str(r["surface"]): str(r["actor_type"]) for r in article_mentions("x", text, [(0, len(text))])}


@pytest.mark.parametrize(
    "text",
    [
        "Scorers: Smith 31st. Standings after the game. Halftime 1-0.",
        "The bank told Reuters that AIDS spending and GNP rose while 2.5 billion Ecus were paid.",
        "Contact the Bucharest desk. Newsroom +40 1 312.",
    ],
)
def test_table_words_and_terms_are_no_actors(text: str) -> None:
    found = surfaces(text)
    for word in ("Scorers", "Standings", "Halftime", "AIDS", "GNP", "Ecus", "Newsroom"):
        assert word not in found, found


def test_a_name_with_a_head_word_stays_a_company() -> None:
    assert surfaces("Reuters Holdings Plc said profits rose.") == {"Reuters Holdings Plc": "organization"}


def test_a_lone_word_ending_in_bank_is_an_organisation() -> None:
    assert surfaces("The Riksbank raised its rates.") == {"Riksbank": "organization"}


def test_possessive_names_are_one_actor() -> None:
    text = "Moody's Investors Service Inc and Standard and Poor's Corp cut the rating; Moody's said more."
    rows = article_mentions("x", text, [(0, len(text))])
    assert [(r["surface"], r["actor"]) for r in rows] == [
        ("Moody's Investors Service Inc", "Moody's"),
        ("Standard and Poor's Corp", "Standard and Poor's"),
        ("Moody's", "Moody's"),
    ]
