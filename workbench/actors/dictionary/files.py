"""Actor dictionaries: the analyst's YAML file, PETRARCH/Phoenix ``.actors.txt`` files, and safe writing.

:func:`load_dictionary` reads one file of either kind (``workbench.actors.dictionary.yaml_reader``,
``workbench.actors.dictionary.petrarch``) into :class:`~workbench.actors.dictionary.entries.ActorEntry`
lists; :func:`merge` joins the lists of several files; :func:`write_dictionary` adds entries to a YAML file
without losing its comments or order, and never leaves it half-written.

Loading is strict: a malformed file raises ``DictionaryError`` naming the file, the line and what is wrong.
Two actors claiming one alias is not fatal: the first claim (earlier file, then earlier entry) wins, every run,
and the clash is listed in ``Dictionary.conflicts``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from workbench.actors.dictionary.entries import (
    TYPE_SYNONYMS,
    ActorEntry,
    Dictionary,
    DictionaryError,
    alias_key,
    alias_words,
    slug,
)
from workbench.actors.dictionary.petrarch import load_petrarch

# load_yaml reads a dictionary file here and checks one before write_dictionary replaces it
from workbench.actors.dictionary.yaml_reader import load_yaml


def load_dictionary(path: str | os.PathLike[str]) -> list[ActorEntry]:
    """Entries of one dictionary file: YAML (``.yml``/``.yaml``) or PETRARCH (``.txt``)."""
    path = Path(path)
    if not path.exists():
        raise DictionaryError(path, 0, "no such actor dictionary")
    if path.suffix.lower() in (".txt", ".actors"):
        return load_petrarch(path)
    return load_yaml(path)


def merge(sources: Iterable[Sequence[ActorEntry]]) -> Dictionary:
    """Merge entry lists; same id → one actor (first name/type kept, aliases and roles added).

    An alias (by its lookup key) claimed by two different ids stays with the first claim, and the clash is
    reported in ``conflicts`` as "file line N: alias 'X' is used by both 'a' and 'b'; kept for 'a'".
    """
    merged: dict[str, ActorEntry] = {}
    owner: dict[str, tuple[str, str]] = {}
    conflicts: list[str] = []
    for entries in sources:
        for entry in entries:
            target = merged.get(entry.id)
            if target is None:
                target = ActorEntry(
                    entry.id,
                    entry.name,
                    entry.type,
                    [],
                    entry.country,
                    list(entry.roles),
                    entry.case,
                    entry.source,
                    entry.line,
                    list(entry.codes),
                )
                merged[entry.id] = target
            else:
                target.roles.extend(r for r in entry.roles if r not in target.roles)
                target.country = target.country or entry.country
            for alias in entry.aliases:
                key = alias_key(alias_words(alias))
                if key in owner and owner[key][0] != entry.id:
                    first = owner[key][0]
                    conflicts.append(
                        f"{entry.source} line {entry.line}: alias {alias!r} is used by both "
                        f"{first!r} and {entry.id!r}; kept for {first!r} ({owner[key][1]}) — "
                        "keep it in one"
                    )
                    continue
                if key not in owner:
                    owner[key] = (entry.id, f"{entry.source} line {entry.line}")
                if alias not in target.aliases:
                    target.aliases.append(alias)
    return Dictionary(list(merged.values()), conflicts)


def _entry_map(entry: ActorEntry) -> dict[str, object]:
    out: dict[str, object] = {"id": entry.id, "name": entry.name, "type": entry.type}
    if entry.country:
        out["country"] = entry.country
    out["aliases"] = list(entry.aliases) or [entry.name]
    if entry.case != "default":
        out["case"] = entry.case
    if entry.roles:
        out["roles"] = [
            {k: v for k, v in (("title", r.title), ("of", r.of), ("from", r.start), ("to", r.end)) if v is not None}
            for r in entry.roles
        ]
    return out


def _as_entry(item: ActorEntry | dict[str, object]) -> ActorEntry:
    if isinstance(item, ActorEntry):
        return item
    name = str(item.get("name") or item.get("actor") or item.get("id") or "").strip()
    raw = item.get("aliases") or item.get("surfaces") or []
    aliases = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, list | tuple) else []
    kind = str(item.get("type") or item.get("actor_type") or item.get("proposed_type") or "other")
    return ActorEntry(
        id=str(item.get("id") or item.get("actor_id") or slug(name)),
        name=name,
        type=TYPE_SYNONYMS.get(kind, kind),
        aliases=[str(a) for a in aliases],
        country=(str(item["country"]) if item.get("country") else None),
    )


def write_dictionary(
    path: str | os.PathLike[str],
    entries: Iterable[ActorEntry | dict[str, object]],
    *,
    merge_aliases: bool = True,
) -> Path:
    """Merge ``entries`` into the YAML dictionary at ``path`` (created if missing) and return the path.

    Existing actors, their order and the file's comments are kept (ruamel.yaml round trip); an entry whose
    id exists gains the aliases it lacks (``merge_aliases``), a new id is appended. The result is
    re-read with :func:`load_yaml` before it replaces the file (written to a temporary file in the same
    folder, then renamed), so a failed write never loses or corrupts the dictionary.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    path = Path(path)
    ryaml = YAML()
    ryaml.preserve_quotes = True
    ryaml.indent(mapping=2, sequence=4, offset=2)
    ryaml.width = 4096
    if path.exists() and path.read_text(encoding="utf-8").strip():
        load_yaml(path)  # refuse to touch a malformed file: the analyst fixes it first
        doc = ryaml.load(path.read_text(encoding="utf-8"))
    else:
        doc = CommentedMap()
    if isinstance(doc, list):
        actors = doc
    else:
        if doc.get("actors") is None:
            doc["actors"] = CommentedSeq()
        actors = doc["actors"]
    by_id = {str(item.get("id")): item for item in actors if isinstance(item, dict) and item.get("id")}
    for raw in entries:
        entry = _as_entry(raw)
        if not entry.name:
            raise ValueError(f"entry {entry.id!r} has no name")
        existing = by_id.get(entry.id)
        if existing is None:
            item = CommentedMap(_entry_map(entry))
            aliases = CommentedSeq(item["aliases"])
            aliases.fa.set_flow_style()
            item["aliases"] = aliases
            actors.append(item)
            by_id[entry.id] = item
        elif merge_aliases:
            have = existing.get("aliases")
            if have is None:
                have = CommentedSeq()
                have.fa.set_flow_style()
                existing["aliases"] = have
            known = {alias_key(alias_words(str(a))) for a in have}
            for alias in entry.aliases:
                if alias_key(alias_words(alias)) not in known:
                    have.append(alias)
                    known.add(alias_key(alias_words(alias)))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            ryaml.dump(doc, handle)
        load_yaml(path, tmp.read_text(encoding="utf-8"))
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
