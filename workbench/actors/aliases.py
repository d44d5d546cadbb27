"""Step 4 of finding actors in one article: later short forms of names already found (``method="alias"``).

- A surname repeats a person named in full ("Asif" → Khawaja Asif; "FM Muttaqi" → Amir Khan Muttaqi, the
  title attached to him), if the full name's evidence is at least as strong as the short form's; a lone
  place name that is the surname of a person named in full with good evidence is that person ("Washington"
  after "MaliVai Washington"), unless a place preposition governs it.
- An acronym introduced in brackets ("Awami National Party (ANP)"); a firm's first word ("Texaco" → Texaco
  Inc); a shorter form of a person's name with the same first and last word.
- A role noun ("the defence minister") is the person introduced with that title in the article, or the
  dictionary person holding that role on the article's publication day. An undated article resolves no
  dictionary role (who held it is unknown), and "the president of …" is another role.
"""

from __future__ import annotations

import re
from functools import lru_cache

from workbench.actors.article import ArticleState, Row, row_strength
from workbench.actors.resources import (
    ACRONYM_AFTER,
    CORP_SUFFIX,
    MEDIUM,
    PLACE_PREPOSITIONS,
    ROLE_NOUN,
    STRONG,
    WEAK,
    word_key,
)


def _indexes(state: ArticleState) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Surnames of persons named in full, full person names, first words of firms: key → row index."""
    rows = state.rows
    persons: dict[str, int] = {}
    full: dict[str, int] = {}
    orgs: dict[str, int] = {}
    for idx, row in enumerate(rows):
        words = str(row["actor"]).split()
        if row["actor_type"] == "person" and len(words) >= 2 and row["method"] != "alias":
            surface = str(row["surface"]).split()
            for w in {words[-1], surface[-1]}:
                key = word_key(w)
                if key not in persons or row_strength(rows[persons[key]]) < row_strength(row):
                    persons[key] = idx
            full[word_key(str(row["surface"]))] = idx
        elif row["actor_type"] in ("organization", "group") and len(words) >= 2 and word_key(words[-1]) in CORP_SUFFIX:
            orgs.setdefault(word_key(words[0]), idx)
    return persons, full, orgs


def _target(
    state: ArticleState, row: Row, indexes: tuple[dict[str, int], dict[str, int], dict[str, int]]
) -> Row | None:
    """The row a discovered mention is a short form of, if any."""
    persons, full, orgs = indexes
    rows = state.rows
    surface = str(row["surface"])
    key = word_key(surface)
    if surface in state.acronyms:
        return rows[state.acronyms[surface]]
    if " " not in surface:
        strength = row_strength(row)
        if key in persons:
            target = rows[persons[key]]
            if (
                row_strength(target) > strength
                or row["actor_type"] == "person"
                or (row_strength(target) == strength == WEAK and str(row["evidence"]) in ("guess", "speaker"))
            ):
                return target
        if key in orgs and strength < STRONG:
            return rows[orgs[key]]
        return None
    if row["actor_type"] == "person" and key not in full:
        words = key.split()
        for name, idx in full.items():
            other = name.split()
            if len(other) > len(words) and other[0] == words[0] and other[-1] == words[-1]:
                return rows[idx]
    return None


def _as_alias(row: Row, target: Row) -> None:
    row.update(
        actor_id=target["actor_id"],
        actor=target["actor"],
        actor_type=target["actor_type"],
        method="alias",
        evidence=f"alias-of:{target['surface']}",
        strength=STRONG,
        metonymy=False,
    )


def resolve_article(state: ArticleState) -> None:
    """Turn short forms into aliases of the names they repeat, then resolve role nouns."""
    rows = state.rows
    for idx, row in enumerate(rows):  # acronyms introduced after dictionary/gazetteer names too
        if row["method"] != "discovered":
            acro = ACRONYM_AFTER.match(state.text, int(row["end"]))  # type: ignore[call-overload]
            if acro and len(str(row["surface"]).split()) >= 2:
                state.acronyms.setdefault(acro.group(1), idx)
    indexes = _indexes(state)
    persons = indexes[0]
    for row in rows:
        target: Row | None = None
        if row["method"] == "discovered":
            target = _target(state, row, indexes)
        elif (
            row["method"] == "gazetteer"
            and row["actor_type"] in ("place", "country")
            and " " not in str(row["surface"])
            and word_key(str(row["surface"])) in persons
            and state.prev_word(int(row["start"])) not in PLACE_PREPOSITIONS  # type: ignore[call-overload]
        ):
            person = rows[persons[word_key(str(row["surface"]))]]
            if row_strength(person) >= MEDIUM and person["method"] == "discovered":
                target = person
        if target is not None and target is not row:
            _as_alias(row, target)
    role_nouns(state)


def role_nouns(state: ArticleState) -> None:
    """Role nouns ("the defence minister") as aliases of the person holding the role."""
    m = state.m
    regexes = []
    if m.roles and state.published is not None:
        regexes.append(_role_regex(tuple(sorted(m.roles))))
    if state.titles:
        regexes.append(ROLE_NOUN)
    if not regexes:
        return
    seen: set[int] = set()
    mentioned = {row["actor_id"] for row in state.rows}
    text = state.text
    for match in [found for regex in regexes for found in regex.finditer(text)]:
        at = match.start()  # "the"/"The": the regexes start at its "he" (a literal: fast to scan for)
        if at < 1 or text[at - 1] not in "Tt" or (at > 1 and (text[at - 2].isalnum() or text[at - 2] == "_")):
            continue
        title = " ".join(match.group(1).split()).lower()
        start, end = match.span(1)
        if start in seen:
            continue
        seen.add(start)
        sid = state.sentence_of(start)
        if title in state.titles:
            src = state.rows[state.titles[title]]
            state.add(
                start, end, sid, str(src["actor_id"]), str(src["actor"]), "person", "alias", f"role:{title}", STRONG
            )
            continue
        candidates = [
            (m.actors[idx].id in mentioned, role.of in mentioned if role.of else False, idx)
            for idx, role in m.roles.get(title, ())
            if state.published is not None and role.holds_on(state.published)
        ]
        if not candidates:
            continue
        candidates.sort(reverse=True)
        if len(candidates) > 1 and candidates[0][:2] == candidates[1][:2]:
            continue  # ambiguous: two holders equally plausible
        actor = m.actors[candidates[0][2]]
        state.add(start, end, sid, actor.id, actor.name, actor.type, "alias", f"role:{title}", STRONG)


@lru_cache(maxsize=4096)
def _role_regex(titles: tuple[str, ...]) -> re.Pattern[str]:
    """``the <title>`` in lower case ("the defence minister"), for the given titles, from the "he" of "the"."""
    alternation = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in sorted(titles, key=len, reverse=True))
    return re.compile(rf"he\s+((?i:{alternation}))\b(?![\w\-\u2019'])(?!\s+[A-Z])(?!\s+of\b)")
