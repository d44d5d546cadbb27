"""The fast path of the YAML actor dictionary reader (:func:`workbench.actors.dictionary.yaml_reader.load_yaml`).

:func:`load_fast` reads plain data: a small reader for the common layouts (one actor per list item with
``id``, ``name``, ``type``, ``aliases``, ``country``, ``case``; aliases in flow lists), else PyYAML's C parser.
It returns ``None`` when anything looks off or unusual (roles, codes, a bad value, a duplicate id); the
careful node walk then reads the file and reports the exact line and what is wrong.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from workbench.actors.dictionary.entries import ACTOR_TYPES, CASE_RULES, ID_PATTERN, TYPE_SYNONYMS, ActorEntry


def yaml_loader() -> type:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_ENTRY_LINE = re.compile(r"^([ \t]*)-[ \t]", re.M)


def _split_flow(body: str) -> list[str] | None:
    """Split "a, 'b, c', d" at top-level commas; None if brackets or quotes do not balance."""
    parts, buf, quote, depth = [], [], "", 0
    for ch in body:
        if quote:
            buf.append(ch)
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
            buf.append(ch)
        elif ch in "[{":
            depth += 1
            buf.append(ch)
        elif ch in "]}":
            depth -= 1
            buf.append(ch)
        elif ch == "," and depth == 0:
            parts.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
    if quote or depth:
        return None
    tail = "".join(buf).strip()
    if tail:
        parts.append(tail)
    return parts


_PLAIN_SAFE = re.compile(r"^[^\[\]{}&*!|>%@`#'\"]*$")


def _simple_scalar(raw: str) -> object:
    """A scalar of the simple subset, or raise ValueError."""
    raw = raw.strip()
    if raw.startswith("["):
        if not raw.endswith("]"):
            raise ValueError(raw)
        items = _split_flow(raw[1:-1])
        if items is None:
            raise ValueError(raw)
        return [_simple_scalar(i) for i in items]
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return raw[1:-1].replace("''", "'")
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        if "\\" in raw:
            raise ValueError(raw)
        return raw[1:-1]
    if not _PLAIN_SAFE.match(raw) or ": " in raw or raw.startswith(("- ", "?")):
        raise ValueError(raw)
    return None if raw in ("", "null", "~") else raw


def _flow_map(body: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for part in _split_flow(body) or []:
        key, sep, value = part.partition(":")
        if not sep or key.strip() in out:
            raise ValueError(part)
        out[key.strip()] = _simple_scalar(value)
    return out


def _parse_simple(text: str) -> tuple[list[object], list[int]] | None:
    """A fast reader for the common layouts of actor files (block entries with flow lists, block alias
    lists, or one flow mapping per line). None for anything else: PyYAML then reads the file."""
    items: list[object] = []
    lines_of: list[int] = []
    current: dict[str, object] | None = None
    list_key: str | None = None
    entry_indent = key_indent = -1
    seen_root = False
    try:
        for lineno, raw in enumerate(text.splitlines(), 1):
            stripped = raw.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if " #" in raw:
                raw = raw[: raw.index(" #")] if "'" not in raw and '"' not in raw else None  # type: ignore[assignment]
                if raw is None:
                    return None
                stripped = raw.strip()
            indent = len(raw) - len(raw.lstrip(" "))
            if "\t" in raw[: indent + 1]:
                return None
            if not seen_root:
                if stripped != "actors:":
                    return None
                seen_root = True
                continue
            if stripped.startswith("- ") and (entry_indent < 0 or indent == entry_indent):
                entry_indent = indent
                rest = stripped[2:].strip()
                list_key = None
                if rest.startswith("{"):
                    if not rest.endswith("}"):
                        return None
                    current = _flow_map(rest[1:-1])
                    items.append(current)
                    lines_of.append(lineno)
                    current = None
                    continue
                current = {}
                items.append(current)
                lines_of.append(lineno)
                key_indent = indent + 2
                stripped, indent = rest, key_indent
            if current is None:
                return None
            if stripped.startswith("- ") and list_key is not None and indent > key_indent - 2:
                target = current[list_key]
                if not isinstance(target, list):
                    return None
                target.append(_simple_scalar(stripped[2:]))
                continue
            if indent != key_indent:
                return None
            key, sep, value = stripped.partition(":")
            key = key.strip()
            if not sep or key in current or (value and not value.startswith(" ")):
                return None
            if value.strip():
                current[key] = _simple_scalar(value)
                list_key = None
            else:
                current[key] = []
                list_key = key
    except ValueError:
        return None
    return (items, lines_of) if seen_root else None


def load_fast(path: Path, text: str) -> list[ActorEntry] | None:
    """Plain-data load (a fast reader for common layouts, else the C parser); None when anything looks off
    (the node walk then gives the exact line and message)."""
    simple = _parse_simple(text)
    if simple is not None:
        items, line_of = simple
    else:
        try:
            data = yaml.load(text, Loader=yaml_loader())
        except yaml.YAMLError:
            return None
        loaded = data.get("actors") if isinstance(data, dict) else data
        if not isinstance(loaded, list) or not loaded:
            return None
        items = loaded
        starts = [(m.start(), len(m.group(1))) for m in _ENTRY_LINE.finditer(text)]
        indent = min((i for _, i in starts), default=-1)
        offsets = [pos for pos, i in starts if i == indent]
        if len(offsets) != len(items):
            return None
        line_of, lineno, last = [], 1, 0
        for pos in offsets:
            lineno += text.count("\n", last, pos)
            last = pos
            line_of.append(lineno)
    if not items:
        return None
    entries, seen = [], set()
    for item, line in zip(items, line_of, strict=True):
        if not isinstance(item, dict) or set(item) - {
            "id",
            "name",
            "type",
            "aliases",
            "country",
            "case",
            "note",
            "notes",
        }:
            return None  # roles, codes or anything unusual: the careful path
        actor_id, name, kind = item.get("id"), item.get("name"), item.get("type", "other")
        aliases = item.get("aliases") or []
        if (
            not isinstance(actor_id, str)
            or not isinstance(name, str)
            or not isinstance(kind, str)
            or not ID_PATTERN.match(actor_id)
            or actor_id in seen
            or not isinstance(aliases, list)
            or not all(isinstance(a, str) and a.strip() for a in aliases)
        ):
            return None
        kind = TYPE_SYNONYMS.get(kind.strip().lower(), kind.strip().lower())
        case = item.get("case", "default")
        if kind not in ACTOR_TYPES or case not in CASE_RULES:
            return None
        seen.add(actor_id)
        aliases = [a.strip() for a in aliases]
        if name.strip() not in aliases:
            aliases.insert(0, name.strip())
        country = item.get("country")
        entries.append(
            ActorEntry(
                actor_id,
                name.strip(),
                kind,
                aliases,
                str(country) if country else None,
                [],
                case,
                str(path),
                line,
            )
        )
    return entries
