"""The later steps of finding actors in one article: names no list knows (*discovered*, typed by titles,
head words and given names) and aliases of names already found (surnames, acronyms in brackets, role nouns).

They are methods of :class:`Discovery`, a base of the article state in ``workbench.actors.mentions``
(which holds the matching and the order of the steps, and calls these).
"""

from __future__ import annotations

import re
from functools import lru_cache

from workbench.actors.dictionary.entries import slug
from workbench.actors.resources import (
    ACRONYM_AFTER,
    GROUP_HEADS,
    LONE_HEADS,
    NON_ACTOR,
    ORG_HEADS,
    PERSON_TITLES,
    RUN_WORD,
    common_words,
    given_names,
)
from workbench.actors.words import (
    _CORP_SUFFIX,
    _ROLE_NOUN,
    _SPEECH,
    _STRONG_TITLES,
    MEDIUM,
    STRONG,
    WEAK,
    _key,
)
from workbench.text.resources import stopwords


class Discovery:
    """Discovery and alias resolution, for the working state of one article (``actor_mentions._Article``: its
    text, sentences, rows found so far, titles and acronyms, and ``add`` to record a mention)."""

    # ------------------------------------------------------------------ discovery
    def discover_words(self, words: list[tuple[int, int, str]], sid: int, *, before_match: bool) -> list:
        """Discover names in a stretch of unmatched words; returns a trailing title (before a match)."""
        keys = [_key(w[2]).rstrip(".") for w in words]
        k = next((i for i, key in enumerate(keys) if key in _STRONG_TITLES), None)
        if k is None:
            self.discover_piece(words[0][0], words[-1][1], sid, None, words)
            return []
        s = k
        while s > 0 and keys[s - 1] in PERSON_TITLES:
            s -= 1
        t = k + 1
        while (
            t < len(words)
            and keys[t] in PERSON_TITLES
            and not (t == len(words) - 1 and keys[t] not in _STRONG_TITLES and not before_match)
        ):
            t += 1
        if t < len(words) - 2 and keys[t] in ("of", "for"):  # "Secretary of State", "Minister for Trade"
            u = t + 1
            while u < len(words) - 1 and u <= t + 2 and (keys[u] in PERSON_TITLES or keys[u] in common_words()):
                u += 1
            if u > t + 1:
                t = u
        if s > 0:
            self.discover_piece(words[0][0], words[s - 1][1], sid, "before-title", words[:s])
        title = " ".join(w[2] for w in words[s:t])
        if t < len(words):
            row = self.discover_piece(words[t][0], words[-1][1], sid, "title:" + title, words[t:])
            if row is not None and self.rows[row]["actor_type"] == "person":
                self.titles.setdefault(title.lower(), row)
            return []
        return words[s:t]

    def discover_piece(
        self, start: int, end: int, sid: int, cue: str | None, words: list[tuple[int, int, str]] | None = None
    ) -> int | None:
        """Clean, type and add one unknown name between ``start`` and ``end``."""
        text = self.text
        if words is None:
            words = [(w.start(), w.end(), w.group()) for w in RUN_WORD.finditer(text, start, end)]
        else:
            words = list(words)
        common, stop = common_words(), stopwords()
        while words and (_key(words[0][2]) in stop or words[0][2][:1].islower() or _key(words[0][2]) in NON_ACTOR):
            words.pop(0)
        while words and (_key(words[-1][2]) in NON_ACTOR or _key(words[-1][2]) in stop):
            words.pop()
        if not words:
            return None
        keys = [_key(w[2]) for w in words]
        person_cue = cue is not None and cue.startswith("title:")
        if (
            not person_cue
            and self.is_initial(words[0][0], sid)
            and keys[0] in common
            and keys[0] not in given_names()
            and keys[0] not in ORG_HEADS
        ):
            words, keys = words[1:], keys[1:]
            if not words:
                return None
        start, end = words[0][0], words[-1][1]
        surface = text[start:end]
        alpha = [c for c in surface if c.isalpha()]
        if len(alpha) < 2:
            return None
        last = keys[-1]
        is_acronym = len(words) == 1 and 2 <= len(alpha) <= 6 and all(c.isupper() for c in alpha)
        head_type = "group" if last in GROUP_HEADS else "organization" if last in ORG_HEADS else None
        if len(words) == 1 and keys[0] in LONE_HEADS and not person_cue:
            return None
        if not person_cue and not head_type and not is_acronym:
            content = [k for k in keys if k not in ("of", "the", "and", "for", "&", "on")]
            if all(k in common or k in NON_ACTOR or k in PERSON_TITLES for k in content):
                return None
        if person_cue:
            actor_type, strength, evidence = "person", STRONG, cue
        elif head_type:
            actor_type, strength, evidence = head_type, STRONG, f"head:{words[-1][2]}"
        elif cue == "head":
            actor_type, strength, evidence = "organization", STRONG, "head"
        elif cue == "before-title":
            actor_type, strength, evidence = "organization", MEDIUM, "before-title"
        elif is_acronym:
            actor_type, strength, evidence = "organization", MEDIUM, "acronym"
        elif len(words) >= 2 and keys[0] in given_names():
            actor_type, strength, evidence = "person", MEDIUM, "given-name"
        elif len(words) == 1 and self.prev_word(start) in ("in", "at", "near", "from", "outside", "to"):
            actor_type, strength, evidence = "place", WEAK, "after-preposition"
        elif len(words) == 1 and self.next_word(end) in _SPEECH:
            actor_type, strength, evidence = "person", WEAK, "speaker"
        elif 2 <= len(words) <= 3 and all(w[2][:1].isupper() and w[2][1:2].islower() for w in words):
            actor_type, strength, evidence = "person", WEAK, "name-shape"
        else:
            actor_type, strength, evidence = "organization", WEAK, "guess"
        name = " ".join(surface.split())
        row = self.add(start, end, sid, slug(name), name, actor_type, "discovered", evidence, strength)
        acro = ACRONYM_AFTER.match(text, end)
        if acro and len(words) >= 2:
            letters = [c for c in acro.group(1) if c.isupper()]
            initials = [w[2][0] for w in words if w[2][:1].isupper()]
            if letters and letters[0] == initials[0] and len(letters) <= len(initials) + 1:
                self.acronyms[acro.group(1)] = row
        return row

    # ------------------------------------------------------------------ aliases within the article
    def resolve_article(self) -> None:
        rows = self.rows
        # acronyms introduced after dictionary/gazetteer names too
        for idx, row in enumerate(rows):
            if row["method"] != "discovered":
                acro = ACRONYM_AFTER.match(self.text, row["end"])  # type: ignore[arg-type]
                if acro and len(str(row["surface"]).split()) >= 2:
                    self.acronyms.setdefault(acro.group(1), idx)
        persons: dict[str, int] = {}
        full: dict[str, int] = {}
        orgs: dict[str, int] = {}
        for idx, row in enumerate(rows):
            words = str(row["actor"]).split()
            if row["actor_type"] == "person" and len(words) >= 2 and row["method"] != "alias":
                surf = str(row["surface"]).split()
                for w in {words[-1], surf[-1]}:
                    key = _key(w)
                    if key not in persons or int(rows[persons[key]]["strength"]) < int(row["strength"]):  # type: ignore
                        persons[key] = idx
                full[_key(str(row["surface"]))] = idx
            elif row["actor_type"] in ("organization", "group") and len(words) >= 2 and _key(words[-1]) in _CORP_SUFFIX:
                orgs.setdefault(_key(words[0]), idx)
        for row in rows:
            if row["method"] != "discovered":
                continue
            surface = str(row["surface"])
            key = _key(surface)
            target = None
            if surface in self.acronyms and rows[self.acronyms[surface]] is not row:
                target = rows[self.acronyms[surface]]
            elif " " not in surface and int(row["strength"]) < STRONG:  # type: ignore[arg-type]
                if key in persons:
                    target = rows[persons[key]]
                elif key in orgs:
                    target = rows[orgs[key]]
            elif row["actor_type"] == "person" and key not in full:
                words = key.split()
                for name, idx in full.items():
                    other = name.split()
                    if len(other) > len(words) and other[0] == words[0] and other[-1] == words[-1]:
                        target = rows[idx]
                        break
            if target is not None and target is not row:
                row.update(
                    actor_id=target["actor_id"],
                    actor=target["actor"],
                    actor_type=target["actor_type"],
                    method="alias",
                    evidence=f"alias-of:{target['surface']}",
                    strength=STRONG,
                )
        self.role_nouns()

    def role_nouns(self) -> None:
        regexes = []
        if self.m.roles:
            regexes.append(_role_regex(tuple(sorted(self.m.roles))))
        if self.titles:
            regexes.append(_ROLE_NOUN)
        if not regexes:
            return
        seen: set[int] = set()
        mentioned = {row["actor_id"] for row in self.rows}
        matches = [m for regex in regexes for m in regex.finditer(self.text)]
        for match in matches:
            title = " ".join(match.group(1).split()).lower()
            start, end = match.span(1)
            if start in seen:
                continue
            seen.add(start)
            sid = self.sentence_of(start)
            if title in self.titles:
                src = self.rows[self.titles[title]]
                self.add(
                    start,
                    end,
                    sid,
                    str(src["actor_id"]),
                    str(src["actor"]),
                    "person",
                    "alias",
                    f"role:{title}",
                    STRONG,
                )
                continue
            candidates = []
            for idx, role in self.m.roles.get(title, ()):
                if role.holds_on(self.published):
                    candidates.append(
                        (self.m.actors[idx].id in mentioned, role.of in mentioned if role.of else False, idx)
                    )
            if not candidates:
                continue
            candidates.sort(reverse=True)
            if len(candidates) > 1 and candidates[0][:2] == candidates[1][:2]:
                continue  # ambiguous: two holders equally plausible
            actor = self.m.actors[candidates[0][2]]
            self.add(start, end, sid, actor.id, actor.name, actor.type, "alias", f"role:{title}", STRONG)


@lru_cache(maxsize=4096)
def _role_regex(titles: tuple[str, ...]) -> re.Pattern[str]:
    """``the <title>`` in lower case ("the defence minister"), for the given titles."""
    alternation = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in sorted(titles, key=len, reverse=True))
    return re.compile(rf"\b[Tt]he\s+((?i:{alternation}))\b(?![\w\-\u2019'])(?!\s+[A-Z])")
