"""The built-in gazetteer: country names, demonyms, historical states, capitals, organisations."""

from __future__ import annotations

import pytest

from workbench.actors.dictionary.entries import alias_key, alias_words
from workbench.actors.matcher import matcher_for


@pytest.mark.parametrize(
    ("alias", "actor_id"),
    [
        ("Turkiye", "turkiye"),
        ("Türkiye", "turkiye"),
        ("Turkey", "turkiye"),
        ("Ivory Coast", "cote-d-ivoire"),
        ("Côte d'Ivoire", "cote-d-ivoire"),
        ("West Germany", "west-germany"),
        ("USSR", "soviet-union"),
        ("Pakistani", "pakistan"),
        ("Afghan", "afghanistan"),
        ("U.S.", "united-states"),
        ("Burma", "myanmar"),
        ("NATO", "nato"),
        ("IMF", "imf"),
        ("OPEC", "opec"),
        ("GATT", "gatt"),
        ("OIC", "oic"),
        ("EC", "ec"),
        ("Islamabad", "islamabad"),
        ("Middle East", "middle-east"),
    ],
)
def test_gazetteer_names(alias: str, actor_id: str) -> None:
    matcher = matcher_for(builtin_actors=False)
    target = matcher.index[alias_key(alias_words(alias))]
    assert matcher.actors[target.actor].id == actor_id


def test_capitals_know_their_state() -> None:
    matcher = matcher_for(builtin_actors=False)
    assert matcher.capital_of["islamabad"] == "pakistan" and matcher.capital_of["doha"] == "qatar"
