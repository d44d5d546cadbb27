"""The compiled actor matcher: every alias of every dictionary and of the gazetteer in one lookup table.

Aliases are keyed by their folded, lower-cased words, so matching a capitalised run of words costs a few
dict look-ups whatever the size of the dictionary (50,000 aliases match as fast as 500). The first claim on
an alias wins (data/actors.yml, then extra dictionaries in the order given, then the gazetteer); clashes are
kept in :attr:`ActorMatcher.conflicts`.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from workbench.actors.dictionary.entries import (
    ActorEntry,
    Role,
    alias_key,
    alias_words,
    case_rule,
)
from workbench.actors.dictionary.files import load_dictionary
from workbench.actors.gazetteer import gazetteer
from workbench.text.normalize import fold


@dataclass(frozen=True)
class Target:
    """What an alias key points at: the actor, how case is checked, and what kind of name it is."""

    actor: int
    words: tuple[str, ...]
    rule: str
    kind: str  # name / demonym / capital
    method: str  # dictionary / gazetteer
    source: str


@dataclass
class ActorMatcher:
    """Actors (merged by id) and the alias index built from them."""

    actors: list[ActorEntry] = field(default_factory=list)
    index: dict[str, Target] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)
    roles: dict[str, list[tuple[int, Role]]] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    capital_of: dict[str, str] = field(default_factory=dict)
    by_id: dict[str, int] = field(default_factory=dict)
    #: What a lone capitalised word is, by its spelling (filled by ``workbench.actors.runs`` as it reads).
    lone: dict[str, tuple[int, Target | None, tuple[str, int, str] | None]] = field(default_factory=dict)
    #: Keys of alias beginnings that end in a possessive inside the alias ("moody's" of "Moody's Investors
    #: Service"): a run ending there joins the next one.
    possessive_heads: set[str] = field(default_factory=set)

    def add(self, entries: Sequence[ActorEntry], method: str, *, demonyms: frozenset[str] = frozenset()) -> None:
        """Add entries (earlier claims on an alias win)."""
        for entry in entries:
            idx = self.by_id.get(entry.id)
            if idx is None:
                idx = len(self.actors)
                self.by_id[entry.id] = idx
                self.actors.append(replace(entry, aliases=[], roles=list(entry.roles), codes=[]))
            actor = self.actors[idx]
            if entry.roles and actor.roles is not entry.roles:
                actor.roles.extend(r for r in entry.roles if r not in actor.roles)
            actor.country = actor.country or entry.country
            is_capital = entry.id in self.capital_of
            for alias in entry.aliases:
                words = alias_words(alias)
                if not words:
                    continue
                key = alias_key(words)
                held = self.index.get(key)
                if held is not None:
                    if held.actor == idx and held.rule == "exact" and case_rule(alias, entry.case) != "exact":
                        # "OPEC" and "Opec": the more permissive rule serves both
                        self.index[key] = Target(
                            idx,
                            tuple(words),
                            case_rule(alias, entry.case),
                            held.kind,
                            held.method,
                            held.source,
                        )
                    if held.actor != idx:
                        first = self.actors[held.actor].id
                        self.conflicts.append(
                            f"{entry.source} line {entry.line}: alias {alias!r} is used by both {first!r} "
                            f"({held.source}) and {entry.id!r}; kept for {first!r} — keep it in one"
                        )
                    continue
                kind = "demonym" if alias in demonyms else "capital" if is_capital else "name"
                self.index[key] = Target(idx, tuple(words), case_rule(alias, entry.case), kind, method, entry.source)
                for pos, word in enumerate(words[:-1]):
                    if word.endswith(("'s", "\u2019s")):
                        self.possessive_heads.add(alias_key(words[: pos + 1]))
                first_key = fold(words[0]).lower()
                self.first[first_key] = max(self.first.get(first_key, 0), len(words))
                if alias not in actor.aliases:
                    actor.aliases.append(alias)
            for role in entry.roles:
                self.roles.setdefault(role.title.lower(), []).append((idx, role))


def builtin_dictionary_path() -> Path:
    """``data/actors.yml`` of the project (``workbench.paths.data_dir()``)."""
    from workbench.paths import data_dir

    return data_dir() / "actors.yml"


def _stamp(path: Path) -> tuple[str, float, int]:
    try:
        stat = path.stat()
        return str(path.resolve()), stat.st_mtime, stat.st_size
    except OSError:
        return str(path), 0.0, 0


def matcher_for(dictionaries: Sequence[str | os.PathLike[str]] = (), *, builtin_actors: bool = True) -> ActorMatcher:
    """The matcher for these dictionaries (cached by paths and modification times)."""
    paths = ([builtin_dictionary_path()] if builtin_actors else []) + [Path(p) for p in dictionaries]
    return _build(tuple(_stamp(p) for p in paths))


@cache
def _build(stamps: tuple[tuple[str, float, int], ...]) -> ActorMatcher:
    entries, info = gazetteer()
    matcher = ActorMatcher(capital_of=dict(info.capital_of))
    for path, _mtime, _size in stamps:
        if not Path(path).exists() and path == str(builtin_dictionary_path().resolve()):
            continue  # a checkout without data/actors.yml: gazetteer only
        matcher.add(load_dictionary(path), "dictionary")
    matcher.add(entries, "gazetteer", demonyms=info.demonyms)
    if matcher.conflicts:
        dict_conflicts = [c for c in matcher.conflicts if not c.startswith("gazetteer:")]
        if dict_conflicts:
            warnings.warn(
                f"{len(dict_conflicts)} alias clash(es) in the actor dictionaries; first: {dict_conflicts[0]}",
                stacklevel=3,
            )
    return matcher
