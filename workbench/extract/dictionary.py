"""Actor dictionaries: the analyst's YAML file, PETRARCH/Phoenix ``.actors.txt`` files, and safe writing.

A YAML dictionary is a list of actors under ``actors:`` (a bare list is accepted too)::

    actors:
      - id: khawaja-asif            # stable id: lower case, digits, '-', '_', ':' or '.'
        name: Khawaja Asif          # canonical name shown in tables
        type: person                # person / organization / country / group / place / other
        country: pakistan           # optional: id of the actor's country
        aliases: [Khawaja Asif, Khawaja Muhammad Asif, Khawaja Mohammad Asif]
        case: default               # optional: default / exact / ignore (see below)
        roles:                      # optional, date-bounded; lets "the defence minister" resolve
          - {title: Defence Minister, of: pakistan, from: 2024-03-04, to: null}

Case rules for aliases (``case:``): ``default`` — an alias written in capitals of up to six letters
("PPP", "NATO", "U.S.") matches only exactly; any other alias matches when every word that starts with a
capital in the alias starts with a capital in the text, the rest ignoring case and curly/straight quotes
("Gul Bahadur group" matches "Gul Bahadur Group" but not "gul bahadur group"). ``exact`` — letter for letter.
``ignore`` — any case. A leading "the " is dropped from aliases ("the Taliban" = "Taliban").

Loading is strict and fast: a malformed file raises :class:`DictionaryError` naming the file, the line and
what is wrong. Two actors claiming one alias is not fatal: the first claim (earlier file, then earlier entry)
wins, every run, and the clash is listed in :attr:`Dictionary.conflicts`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from workbench.text.normalize import fold

ACTOR_TYPES = ("person", "organization", "country", "group", "place", "other")
CASE_RULES = ("default", "exact", "ignore")
_ID = re.compile(r"^[a-z0-9][a-z0-9_.:\-]*$")
_TYPE_SYNONYMS = {
    "org": "organization",
    "organisation": "organization",
    "location": "place",
    "loc": "place",
    "per": "person",
    "state": "country",
    "armed group": "group",
}
#: Words of an alias as the matcher sees them (initialisms, words with inner hyphens/apostrophes, symbols).
ALIAS_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_](?:\w|[-\u2010\u2011](?=\w)|['\u2019](?=[^\W\d_]{2}))*|&")


class DictionaryError(ValueError):
    """A malformed actor dictionary: ``file``, ``line`` (1-based, 0 if unknown) and what is wrong."""

    def __init__(self, file: str | os.PathLike[str], line: int, message: str) -> None:
        self.file, self.line, self.reason = str(file), line, message
        super().__init__(f"{file} line {line}: {message}" if line else f"{file}: {message}")


@dataclass(frozen=True)
class Role:
    """A date-bounded role: ``title`` (e.g. "Defence Minister") ``of`` an actor id, between two dates."""

    title: str
    of: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def holds_on(self, day: dt.date | None) -> bool:
        """Whether the role is held on ``day`` (an unknown day matches any role)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class ActorEntry:
    """One actor of a dictionary."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    roles: list[Role] = field(default_factory=list)
    case: str = "default"
    source: str = ""
    line: int = 0
    codes: list[str] = field(default_factory=list)


@dataclass
class Dictionary:
    """Entries merged from several files, with the alias clashes found while merging."""

    entries: list[ActorEntry]
    conflicts: list[str] = field(default_factory=list)


def alias_words(alias: str) -> list[str]:
    """The words of an alias as the matcher sees them (a leading "the" dropped).

    >>> alias_words("the Pakistan Peoples Party"), alias_words("Côte d’Ivoire"), alias_words("U.S. Congress")
    (['Pakistan', 'Peoples', 'Party'], ['Côte', 'd’Ivoire'], ['U.S.', 'Congress'])
    """
    words = ALIAS_WORD.findall(alias)
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return words


def alias_key(words: Sequence[str]) -> str:
    """The lookup key of a word sequence: folded, lower-cased, joined by single spaces."""
    return fold(" ".join(words)).lower()


def case_rule(alias: str, case: str = "default") -> str:
    """``exact``, ``title`` or ``ignore`` for one alias (see the module docstring).

    >>> case_rule("PPP"), case_rule("U.S."), case_rule("Gul Bahadur group"), case_rule("Nato", "ignore")
    ('exact', 'exact', 'title', 'ignore')
    """
    if case != "default":
        return case
    letters = [c for c in alias if c.isalpha()]
    if 2 <= len(letters) <= 6 and all(c.isupper() for c in letters):
        return "exact"
    return "title"


@lru_cache(maxsize=100_000)
def slug(name: str) -> str:
    """An id from a name.

    >>> slug("Bilawal Bhutto-Zardari"), slug("Türkiye"), slug("U.S. Congress")
    ('bilawal-bhutto-zardari', 'turkiye', 'u.s.-congress')
    """
    import unicodedata

    text = unicodedata.normalize("NFKD", fold(name)).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9.]+", "-", text).strip("-.")
    return text or "actor"


# --------------------------------------------------------------------------------------------- YAML


def _loader() -> type:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def _entry_from_node(node: yaml.Node, path: Path) -> ActorEntry:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise DictionaryError(path, line, "each actor must be a mapping with id, name, type and aliases")
    fields: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = _scalar(key_node, path, "a key")
        if key in fields:
            raise DictionaryError(path, key_node.start_mark.line + 1, f"key {key!r} given twice in one actor")
        fields[key] = value_node
    unknown = set(fields) - {
        "id",
        "name",
        "type",
        "aliases",
        "country",
        "roles",
        "case",
        "note",
        "notes",
        "codes",
    }
    if unknown:
        raise DictionaryError(
            path,
            line,
            f"unknown key(s) {sorted(unknown)}; allowed: id, name, type, aliases, country, roles, case, note",
        )
    if "name" not in fields and "id" not in fields:
        raise DictionaryError(path, line, "actor has neither 'name' nor 'id'")
    name = _scalar(fields["name"], path, "name").strip() if "name" in fields else ""
    actor_id = _scalar(fields["id"], path, "id").strip() if "id" in fields else slug(name)
    if not _ID.match(actor_id):
        raise DictionaryError(
            path,
            fields.get("id", node).start_mark.line + 1,
            f"id {actor_id!r} must be lower case letters, digits, '-', '_', '.' or ':'",
        )
    name = name or actor_id
    kind = _scalar(fields["type"], path, "type").strip().lower() if "type" in fields else "other"
    kind = _TYPE_SYNONYMS.get(kind, kind)
    if kind not in ACTOR_TYPES:
        raise DictionaryError(
            path,
            fields["type"].start_mark.line + 1,
            f"type {kind!r} of {actor_id!r} is not one of {', '.join(ACTOR_TYPES)}",
        )
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
    case = _scalar(fields["case"], path, "case").strip() if "case" in fields else "default"
    if case not in CASE_RULES:
        raise DictionaryError(path, fields["case"].start_mark.line + 1, f"case {case!r} is not one of {CASE_RULES}")
    country = _scalar(fields["country"], path, "country").strip() or None if "country" in fields else None
    roles: list[Role] = []
    if "roles" in fields:
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
    return ActorEntry(actor_id, name, kind, aliases, country, roles, case, str(path), line)


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


def _load_fast(path: Path, text: str) -> list[ActorEntry] | None:
    """Plain-data load (a fast reader for common layouts, else the C parser); None when anything looks off
    (the node walk then gives the exact line and message)."""
    simple = _parse_simple(text)
    if simple is not None:
        items, line_of = simple
    else:
        try:
            data = yaml.load(text, Loader=_loader())
        except yaml.YAMLError:
            return None
        items = data.get("actors") if isinstance(data, dict) else data
        if not isinstance(items, list) or not items:
            return None
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
            or not _ID.match(actor_id)
            or actor_id in seen
            or not isinstance(aliases, list)
            or not all(isinstance(a, str) and a.strip() for a in aliases)
        ):
            return None
        kind = _TYPE_SYNONYMS.get(kind.strip().lower(), kind.strip().lower())
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


def load_yaml(path: str | os.PathLike[str], text: str | None = None) -> list[ActorEntry]:
    """Entries of a YAML actor dictionary; :class:`DictionaryError` with file and line if malformed."""
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DictionaryError(path, 0, f"cannot read the file ({exc})") from exc
    fast = _load_fast(path, text)
    if fast is not None:
        return fast
    try:
        root = yaml.compose(text, Loader=_loader())
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


# ----------------------------------------------------------------------------------------- PETRARCH

_PETR_CODE = re.compile(r"\[([^\]]*)\]")
_PETR_DATE = re.compile(r"^(<|>)?(\d{6,8})(?:-(\d{6,8}))?$")
_CONNECTORS = {
    "of",
    "the",
    "and",
    "for",
    "on",
    "in",
    "to",
    "at",
    "by",
    "de",
    "del",
    "la",
    "le",
    "du",
    "des",
    "y",
}
_GROUP_HEADS = {
    "front",
    "brigade",
    "brigades",
    "army",
    "movement",
    "militia",
    "mujahideen",
    "jihad",
    "taliban",
}
_ORG_HEADS = {
    "organization",
    "organisation",
    "party",
    "council",
    "committee",
    "union",
    "association",
    "ministry",
    "bank",
    "agency",
    "commission",
    "court",
    "institute",
    "federation",
    "league",
    "company",
    "fund",
}
_GROUP_CODES = ("REB", "INS", "MIL", "SEP", "UAF", "TER", "OPP")


def _petr_date(text: str) -> dt.date | None:
    if len(text) == 6:
        year = int(text[:2])
        text = f"{19 if year > 30 else 20}{text}"
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


def _petr_phrase(raw: str) -> str:
    words = [w for w in re.split(r"[_\s]+", raw.strip()) if w]
    if len(words) > 1 and words[0].upper() == "THE":
        words = words[1:]
    if len(words) == 1 and len(words[0]) <= 3 and words[0].isalpha():
        return words[0].upper()  # "UN", "EU", "IMF": acronyms stay upper case (and match exactly)
    out = []
    for i, w in enumerate(words):
        if any(c.isdigit() for c in w) or re.fullmatch(r"(?:[A-Za-z]\.)+", w):
            out.append(w.upper() if "." in w else w)
        elif i and w.lower() in _CONNECTORS:
            out.append(w.lower())
        else:
            out.append(_title_word(w))
    return " ".join(out)


def _title_word(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def _petr_type(codes: list[str], name: str) -> str:
    base = [c for c in codes if c and c != "---"]
    if not base:
        return "other"
    first = base[0]
    words = set(name.lower().split())
    if first.startswith("IMG") or (words & _GROUP_HEADS):
        return "group"
    if words & _ORG_HEADS:
        return "organization"
    if re.fullmatch(r"[A-Z]{3}", first) and len(name.split()) <= 4 and all(len(c) == 3 for c in base):
        return "country"
    if first.startswith(("IGO", "NGO", "MNC")):
        return "organization"
    if any(c[3:].startswith(_GROUP_CODES) or c.endswith(_GROUP_CODES) for c in base):
        return "group"
    return "person" if len(name.split()) >= 2 else "other"


def load_petrarch(path: str | os.PathLike[str]) -> list[ActorEntry]:
    """Entries of a PETRARCH/TABARI ``.actors.txt`` file.

    A primary phrase (words joined by ``_``) opens an entry; ``+`` lines add synonyms; tab-indented
    ``[CODE date-date]`` lines add date-bounded codes, kept as :class:`Role` (title = code). Types are
    inferred from the codes: a bare three-letter code is a country, ``IGO``/``NGO``/``MNC`` an organisation,
    rebel/insurgent codes a group, other multi-word names people.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise DictionaryError(path, 0, f"cannot read the file ({exc})") from exc
    entries: list[ActorEntry] = []
    current: ActorEntry | None = None
    ids: dict[str, int] = {}
    skipped: list[str] = []

    def add_codes(entry: ActorEntry, text: str, lineno: int) -> None:
        for inner in _PETR_CODE.findall(text):
            parts = inner.split()
            if not parts:
                continue
            code, start, end = parts[0], None, None
            if len(parts) > 1:
                restriction = "".join(parts[1:])
                m = _PETR_DATE.match(restriction)
                if not m:  # real files have typos ("201005011"): keep the code undated, say so once
                    skipped.append(f"line {lineno}: {restriction!r}")
                elif m.group(1) == "<":
                    end = _petr_date(m.group(2))
                elif m.group(1) == ">":
                    start = _petr_date(m.group(2))
                else:
                    start, end = _petr_date(m.group(2)), _petr_date(m.group(3) or m.group(2))
            entry.codes.append(code)
            if start or end:
                entry.roles.append(Role(code, None, start, end))

    for lineno, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].split(";", 1)[0].rstrip()
        if not line.strip():
            continue
        if raw[:1] in ("\t", " ") and line.strip().startswith("["):
            if current is None:
                raise DictionaryError(path, lineno, "a code line comes before any actor phrase")
            add_codes(current, line, lineno)
            continue
        stripped = line.strip()
        phrase, _, rest = stripped.partition("[")
        rest = "[" + rest if rest else ""
        if stripped.startswith("+"):
            if current is None:
                raise DictionaryError(path, lineno, "a '+' synonym comes before any actor phrase")
            alias = _petr_phrase(phrase[1:])
            if alias and alias not in current.aliases:
                current.aliases.append(alias)
            if rest:
                add_codes(current, rest, lineno)
            continue
        name = _petr_phrase(phrase)
        if not name:
            raise DictionaryError(path, lineno, f"cannot read an actor phrase in {stripped[:60]!r}")
        actor_id = slug(name)
        if actor_id in ids:
            actor_id = f"{actor_id}-{lineno}"
        ids[actor_id] = lineno
        current = ActorEntry(actor_id, name, "other", [name], source=str(path), line=lineno)
        entries.append(current)
        if rest:
            add_codes(current, rest, lineno)
    if skipped:
        warnings.warn(
            f"{path}: {len(skipped)} date restriction(s) not understood and ignored "
            f"({'; '.join(skipped[:3])}{'…' if len(skipped) > 3 else ''})",
            stacklevel=2,
        )
    for entry in entries:
        entry.type = _petr_type(entry.codes, entry.name)
        if entry.type == "country" and entry.codes:
            entry.country = entry.codes[0].lower()
    return entries


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


# ------------------------------------------------------------------------------------------ writing


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
    aliases = item.get("aliases") or item.get("surfaces") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    kind = str(item.get("type") or item.get("actor_type") or item.get("proposed_type") or "other")
    return ActorEntry(
        id=str(item.get("id") or item.get("actor_id") or slug(name)),
        name=name,
        type=_TYPE_SYNONYMS.get(kind, kind),
        aliases=[str(a) for a in aliases],  # type: ignore[union-attr]
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
