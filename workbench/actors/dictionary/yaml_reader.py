"""The analyst's YAML actor dictionary read into :class:`~workbench.actors.dictionary.entries.ActorEntry` lists.

A YAML dictionary is a list of actors under ``actors:`` (a bare list is accepted too)::

    actors:
      - id: khawaja-asif            # stable id: lower case, digits, '-', '_', ':' or '.'
        name: Khawaja Asif          # canonical name shown in tables
        type: person                # person / organization / country / group / place / other
        country: pakistan           # optional: id of the actor's country
        aliases: [Khawaja Asif, Khawaja Muhammad Asif, Khawaja Mohammad Asif]
        case: default               # optional: default / exact / ignore (see workbench.actors.dictionary.entries)
        roles:                      # optional, date-bounded; lets "the defence minister" resolve
          - {title: Defence Minister, of: pakistan, from: 2024-03-04, to: null}

Loading is strict and fast: common files are read by the fast path (``workbench.actors.dictionary.yaml_fast``);
anything else, and every malformed file, goes through a walk of the YAML nodes that raises
:class:`~workbench.actors.dictionary.entries.DictionaryError` naming the file, the line and what is wrong.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import yaml

from workbench.actors.dictionary.entries import (
    ACTOR_TYPES,
    CASE_RULES,
    ID_PATTERN,
    TYPE_SYNONYMS,
    ActorEntry,
    DictionaryError,
    Role,
    alias_words,
    slug,
)
from workbench.actors.dictionary.yaml_fast import load_fast, yaml_loader


def _scalar(node: yaml.Node, path: Path, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise DictionaryError(path, node.start_mark.line + 1, f"{what} must be a plain value, not a list or mapping")
    return str(node.value)


def _date(node: yaml.Node, path: Path, what: str) -> dt.date | None:
    value = _scalar(node, path, what).strip()
    if value in ("", "null", "~", "None", "none"):
        return None
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise DictionaryError(path, node.start_mark.line + 1, f"{what} {value!r} is not a date (use YYYY-MM-DD)")


_KEYS = ("id", "name", "type", "aliases", "country", "roles", "case", "note", "notes", "codes")


def _fields(node: yaml.Node, path: Path) -> dict[str, yaml.Node]:
    """The keys of one actor's mapping (each once, each known)."""
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise DictionaryError(path, line, "each actor must be a mapping with id, name, type and aliases")
    fields: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = _scalar(key_node, path, "a key")
        if key in fields:
            raise DictionaryError(path, key_node.start_mark.line + 1, f"key {key!r} given twice in one actor")
        fields[key] = value_node
    unknown = set(fields) - set(_KEYS)
    if unknown:
        raise DictionaryError(
            path,
            line,
            f"unknown key(s) {sorted(unknown)}; allowed: id, name, type, aliases, country, roles, case, note",
        )
    if "name" not in fields and "id" not in fields:
        raise DictionaryError(path, line, "actor has neither 'name' nor 'id'")
    return fields


def _aliases(fields: dict[str, yaml.Node], path: Path, actor_id: str, name: str) -> list[str]:
    aliases: list[str] = []
    if "aliases" in fields:
        anode = fields["aliases"]
        if isinstance(anode, yaml.ScalarNode):
            items = [anode] if anode.value not in ("", "null", "~") else []
        elif isinstance(anode, yaml.SequenceNode):
            items = anode.value
        else:
            raise DictionaryError(path, anode.start_mark.line + 1, f"aliases of {actor_id!r} must be a list of strings")
        for item in items:
            alias = _scalar(item, path, f"an alias of {actor_id!r}").strip()
            if not alias_words(alias):
                raise DictionaryError(path, item.start_mark.line + 1, f"alias {alias!r} of {actor_id!r} has no words")
            aliases.append(alias)
    if name not in aliases and alias_words(name):
        aliases.insert(0, name)
    return aliases


def _roles(fields: dict[str, yaml.Node], path: Path, actor_id: str, country: str | None) -> list[Role]:
    roles: list[Role] = []
    if "roles" not in fields:
        return roles
    rnode = fields["roles"]
    if not isinstance(rnode, yaml.SequenceNode):
        raise DictionaryError(path, rnode.start_mark.line + 1, f"roles of {actor_id!r} must be a list")
    for item in rnode.value:
        if not isinstance(item, yaml.MappingNode):
            raise DictionaryError(path, item.start_mark.line + 1, "a role must be a mapping with a title")
        rf = {_scalar(k, path, "a key"): v for k, v in item.value}
        bad = set(rf) - {"title", "of", "from", "to"}
        if bad or "title" not in rf:
            raise DictionaryError(
                path,
                item.start_mark.line + 1,
                "a role needs 'title' and may have 'of', 'from', 'to' only",
            )
        roles.append(
            Role(
                title=_scalar(rf["title"], path, "title").strip(),
                of=(_scalar(rf["of"], path, "of").strip() or None) if "of" in rf else country,
                start=_date(rf["from"], path, "from") if "from" in rf else None,
                end=_date(rf["to"], path, "to") if "to" in rf else None,
            )
        )
    return roles


def _entry_from_node(node: yaml.Node, path: Path) -> ActorEntry:
    fields = _fields(node, path)
    name = _scalar(fields["name"], path, "name").strip() if "name" in fields else ""
    actor_id = _scalar(fields["id"], path, "id").strip() if "id" in fields else slug(name)
    if not ID_PATTERN.match(actor_id):
        raise DictionaryError(
            path,
            fields.get("id", node).start_mark.line + 1,
            f"id {actor_id!r} must be lower case letters, digits, '-', '_', '.' or ':'",
        )
    name = name or actor_id
    kind = _scalar(fields["type"], path, "type").strip().lower() if "type" in fields else "other"
    kind = TYPE_SYNONYMS.get(kind, kind)
    if kind not in ACTOR_TYPES:
        raise DictionaryError(
            path,
            fields["type"].start_mark.line + 1,
            f"type {kind!r} of {actor_id!r} is not one of {', '.join(ACTOR_TYPES)}",
        )
    aliases = _aliases(fields, path, actor_id, name)
    case = _scalar(fields["case"], path, "case").strip() if "case" in fields else "default"
    if case not in CASE_RULES:
        raise DictionaryError(path, fields["case"].start_mark.line + 1, f"case {case!r} is not one of {CASE_RULES}")
    country = _scalar(fields["country"], path, "country").strip() or None if "country" in fields else None
    roles = _roles(fields, path, actor_id, country)
    return ActorEntry(actor_id, name, kind, aliases, country, roles, case, str(path), node.start_mark.line + 1)


def load_yaml(path: str | os.PathLike[str], text: str | None = None) -> list[ActorEntry]:
    """Entries of a YAML actor dictionary; :class:`DictionaryError` with file and line if malformed."""
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DictionaryError(path, 0, f"cannot read the file ({exc})") from exc
    fast = load_fast(path, text)
    if fast is not None:
        return fast
    try:
        root = yaml.compose(text, Loader=yaml_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DictionaryError(
            path, mark.line + 1 if mark else 0, f"not valid YAML: {exc.problem or exc.context}"
        ) from exc
    except yaml.YAMLError as exc:
        raise DictionaryError(path, 0, f"not valid YAML: {exc}") from exc
    if root is None:
        return []
    items: yaml.Node = root
    if isinstance(root, yaml.MappingNode):
        found = [v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "actors"]
        if not found:
            raise DictionaryError(path, root.start_mark.line + 1, "expected a top-level 'actors:' list")
        items = found[0]
        if isinstance(items, yaml.ScalarNode) and items.value in ("", "null", "~"):
            return []
    if not isinstance(items, yaml.SequenceNode):
        raise DictionaryError(path, items.start_mark.line + 1, "'actors' must be a list of actors")
    entries = [_entry_from_node(node, path) for node in items.value]
    seen: dict[str, int] = {}
    for entry in entries:
        if entry.id in seen:
            raise DictionaryError(
                path,
                entry.line,
                f"id {entry.id!r} is already used on line {seen[entry.id]}; merge the two entries",
            )
        seen[entry.id] = entry.line
    return entries
