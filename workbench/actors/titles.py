"""Titles inside a stretch of unknown capitalised words: "Defence Minister Khawaja Asif", "PPP Chairman".

A title (a strong title word such as "Minister", "President", "FM", "DG", "COAS", "Gen.", with the title
words around it: "Afghan Foreign Minister", "Lt Gen") marks the name after it as a person and the name
before it as an organisation ("PPP Chairman"). Titles never make an actor: they attach to the person.

- A title word that is also a given name opens the name when at least two more words follow it
  ("Foreign Minister Amir Khan Muttaqi" is the person Amir Khan Muttaqi, not "Khan Muttaqi").
- An acronym between title words is the organisation of the title, not part of the name: "DG ISPR Lt Gen
  Ahmed Sharif Chaudhry" is the person Ahmed Sharif Chaudhry, and ISPR an organisation.
"""

from __future__ import annotations

from workbench.actors.article import ArticleState, Word
from workbench.actors.discovery import discover_piece
from workbench.actors.resources import PERSON_TITLES, STRONG_TITLES, common_words, given_names, word_key


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


def _name_opens(keys: list[str], words: list[Word], t: int) -> bool:
    """Whether the title word at ``t`` is a given name opening a name of at least three words."""
    if keys[t] not in given_names() or not words[t][2][1:2].islower():
        return False
    rest = keys[t + 1 :]
    return len(rest) >= 2 and all(k not in PERSON_TITLES for k in rest[:2])


def _title_end(keys: list[str], words: list[Word], k: int, before_match: bool) -> int:
    """The end of the title block that has its first strong title word at ``k``."""
    n = len(words)
    t = k + 1
    while t < n:
        if keys[t] in PERSON_TITLES:
            if _name_opens(keys, words, t):
                break
            if t == n - 1 and keys[t] not in STRONG_TITLES and not before_match:
                break
            t += 1
        elif _is_acronym(words[t][2]) and t + 1 < n and (keys[t + 1] in PERSON_TITLES or keys[t + 1] in given_names()):
            t += 1  # "DG ISPR Lt Gen …": the title's organisation (emitted by the caller)
        else:
            break
    if t < n - 2 and keys[t] in ("of", "for"):  # "Secretary of State", "Minister for Trade"
        u = t + 1
        while u < n - 1 and u <= t + 2 and (keys[u] in PERSON_TITLES or keys[u] in common_words()):
            u += 1
        if u > t + 1:
            t = u
    return t


def discover_words(state: ArticleState, words: list[Word], sid: int, *, before_match: bool) -> list[Word]:
    """Discover the names in a stretch of unknown words; returns a title at its end (one before a match)."""
    keys = [word_key(w[2]).rstrip(".") for w in words]
    k = next((i for i, key in enumerate(keys) if key in STRONG_TITLES), None)
    if k is not None and k == 0 and _name_opens(keys, words, 0):
        k = next((i for i, key in enumerate(keys[1:], 1) if key in STRONG_TITLES), None)  # "Amir Khan Muttaqi"
    if k is None:
        discover_piece(state, words[0][0], words[-1][1], sid, None, words)
        return []
    s = k
    while s > 0 and keys[s - 1] in PERSON_TITLES and not _is_acronym(words[s - 1][2]):
        s -= 1
    t = _title_end(keys, words, k, before_match)
    if s > 0:
        discover_piece(state, words[0][0], words[s - 1][1], sid, "before-title", words[:s])
    for i in range(k + 1, t):
        if _is_acronym(words[i][2]) and keys[i] not in PERSON_TITLES:
            discover_piece(state, words[i][0], words[i][1], sid, "before-title", [words[i]])
    title = " ".join(w[2] for w in words[s:t])
    if t < len(words):
        row = discover_piece(state, words[t][0], words[-1][1], sid, "title:" + title, words[t:])
        if row is not None and state.rows[row]["actor_type"] == "person":
            state.titles.setdefault(title.lower(), row)
        return []
    return words[s:t]
