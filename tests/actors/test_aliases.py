"""Short forms of names already found; role nouns only where the holder is known on the article's day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbench.actors.matcher import matcher_for
from workbench.actors.mentions import article_mentions

ROLES = """actors:
  - id: john-doe
    name: John Doe
    type: person
    aliases: [John Doe]
    roles:
      - {title: president, of: ruritania, from: 1981-01-20, to: 1989-01-20}
"""


def rows(text: str, **options: object) -> list[tuple[str, str, str]]:
    found = article_mentions("x", text, [(0, len(text))], **options)  # type: ignore[arg-type]
    return [(str(r["surface"]), str(r["actor"]), str(r["evidence"])) for r in found]


def test_a_dictionary_role_resolves_only_inside_the_term(tmp_path: Path) -> None:
    path = tmp_path / "actors.yml"
    path.write_text(ROLES, encoding="utf-8")
    matcher = matcher_for([path])
    text = "Officials said the president would travel."
    inside = rows(text, matcher=matcher, published=dt.date(1987, 3, 2))
    assert ("president", "John Doe", "role:president") in inside
    assert rows(text, matcher=matcher, published=dt.date(1995, 3, 2)) == []
    assert rows(text, matcher=matcher) == []  # undated: who held the role is unknown


def test_the_president_of_something_else_is_another_role() -> None:
    found = rows("President Reagan spoke. The president of the company said the president would veto it.")
    assert [r for r in found if r[0] == "president"] == [("president", "Reagan", "role:president")]
    assert found[-1][0] == "president" and found[-1][2] == "role:president"


def test_a_surname_repeats_a_person_named_in_full() -> None:
    found = rows("Senator John Smith spoke. Smith left, and the Smith family stayed.")
    assert ("Smith", "John Smith", "alias-of:John Smith") in found


def test_a_weak_guess_does_not_absorb_a_better_typed_place() -> None:
    text = "Yeltsin endorses Lebed Chechnya peace plan. Troops stayed in Chechnya for months."
    found = article_mentions("x", text, [(0, 43), (44, len(text))])
    chechnya = [r for r in found if r["surface"] == "Chechnya"]
    assert chechnya and all(r["actor"] == "Chechnya" for r in chechnya)
