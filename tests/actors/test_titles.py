"""Titles attach to the person and never make an actor (issue 17): given names that are title words,
abbreviated titles (FM, PM, DG, COAS, Gen.), the organisation named inside a title (DG ISPR)."""

from __future__ import annotations

import pytest

from workbench.actors.mentions import article_mentions


def mentions(text: str) -> list[tuple[str, str, str]]:
    return [(r["surface"], r["actor"], r["actor_type"]) for r in article_mentions("x", text, [(0, len(text))])]


def test_a_title_word_that_is_a_given_name_stays_in_the_name() -> None:
    text = "Afghan Foreign Minister Amir Khan Muttaqi met the envoys. FM Muttaqi said the talks went well."
    found = mentions(text)
    assert ("Amir Khan Muttaqi", "Amir Khan Muttaqi", "person") in found
    assert ("Muttaqi", "Amir Khan Muttaqi", "person") in found  # "FM" is his title, not a new actor
    assert not any("FM" in surface or surface.startswith("Khan") for surface, _a, _t in found)


def test_a_given_name_title_word_opens_a_name_without_a_title() -> None:
    assert ("Amir Khan Muttaqi", "Amir Khan Muttaqi", "person") in mentions("Amir Khan Muttaqi said no.")


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("PM Shehbaz Sharif chaired the meeting.", "Shehbaz Sharif"),
        ("COAS Gen Asim Munir visited the troops.", "Asim Munir"),
        ("The statement said Lt. Gen. Ahmed Sharif Chaudhry would attend.", "Ahmed Sharif Chaudhry"),
        ("Chancellor of the Exchequer Nigel Lawson said rates would fall.", "Nigel Lawson"),
    ],
)
def test_abbreviated_titles_attach_to_the_person(text: str, person: str) -> None:
    found = mentions(text)
    assert (person, person, "person") in found
    assert [a for _s, a, _t in found] == [person]


def test_the_organisation_in_a_title_is_its_own_mention() -> None:
    found = mentions("DG ISPR Lt Gen Ahmed Sharif Chaudhry told reporters.")
    assert ("Ahmed Sharif Chaudhry", "Ahmed Sharif Chaudhry", "person") in found
    assert ("ISPR", "ISPR", "organization") in found
    assert not any(surface.startswith("DG") for surface, _a, _t in found)
