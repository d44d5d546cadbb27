"""PETRARCH/TABARI (Phoenix) ``.actors.txt`` actor dictionaries read into
:class:`~workbench.actors.dictionary.entries.ActorEntry` lists.

A primary phrase opens an actor, ``+`` lines add synonyms, bracketed ``[CODE date-date]`` lines add
date-bounded codes; phrases are re-cased for matching ("PAKISTAN_PEOPLES_PARTY" → "Pakistan Peoples Party")
and the actor's type is inferred from its codes and name (:func:`load_petrarch`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import warnings
from pathlib import Path

from workbench.actors.dictionary.entries import ActorEntry, DictionaryError, Role, slug

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


def _add_codes(entry: ActorEntry, text: str, lineno: int, skipped: list[str]) -> None:
    """The ``[CODE date-date]`` codes of a line, as codes and date-bounded roles of ``entry``; restrictions
    that cannot be read are listed in ``skipped``."""
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

    for lineno, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].split(";", 1)[0].rstrip()
        if not line.strip():
            continue
        if raw[:1] in ("\t", " ") and line.strip().startswith("["):
            if current is None:
                raise DictionaryError(path, lineno, "a code line comes before any actor phrase")
            _add_codes(current, line, lineno, skipped)
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
                _add_codes(current, rest, lineno, skipped)
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
            _add_codes(current, rest, lineno, skipped)
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
