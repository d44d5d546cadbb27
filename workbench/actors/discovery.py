"""Names no list knows (*discovered*): cleaned of words that are no part of a name, then typed by evidence.

Evidence, strongest first (``strength`` 3, 2, 1): a title before the name (person), a head word at its end
("Finance Ministry" organisation, "Gul Bahadur group" group), a lone word ending in "bank" ("Bundesbank"),
a name before a title ("PPP Chairman": organisation), an acronym, a given name opening it (person); then
guesses: a lone word after "in"/"at" (place), before "said" (person), two or three capitalised words
(person), else organisation. The shipped model (``workbench.actors.typer``) and the corpus classifier
(``workbench.actors.classifier``) revisit the guesses.
"""

from __future__ import annotations

from functools import lru_cache

from workbench.actors.article import ArticleState, Word
from workbench.actors.dictionary.entries import slug
from workbench.actors.resources import (
    ACRONYM_AFTER,
    GROUP_HEADS,
    LONE_HEADS,
    MEDIUM,
    NAME_CONNECTORS,
    NON_ACTOR,
    NOT_ALONE,
    ORG_HEADS,
    PERSON_TITLES,
    PLACE_CUES,
    RUN_WORD,
    SPEECH,
    STRONG,
    WEAK,
    common_words,
    given_names,
    word_key,
)
from workbench.text.resources import stopwords


def _clean(state: ArticleState, words: list[Word], sid: int, person_cue: bool, head: bool = False) -> list[Word]:
    """Words without stopwords and dates at the edges, nor a common word opening the sentence; with
    ``head``, a head word at the end stays ("U.S. Government")."""
    stop = stopwords()
    while words and (word_key(words[0][2]) in stop or words[0][2][:1].islower() or word_key(words[0][2]) in NON_ACTOR):
        words = words[1:]
    while words and (word_key(words[-1][2]) in NON_ACTOR or word_key(words[-1][2]) in stop):
        if head and len(words) > 1 and word_key(words[-1][2]) in ORG_HEADS:
            break
        words = words[:-1]
    if words and not person_cue:
        key = word_key(words[0][2])
        if (
            key in common_words()
            and key not in given_names()
            and key not in ORG_HEADS
            and state.is_initial(words[0][0], sid)
        ):
            words = words[1:]
    return words


#: The rules' last resort for a name: an organisation (``guess_lone`` reads the context of a lone word).
GUESS = ("organization", WEAK, "guess")


def form_evidence(words: list[str], keys: list[str], cue: str | None) -> tuple[str, int, str] | None:
    """(type, strength, evidence) of a cleaned name from its form and cue, :data:`GUESS` when only its
    context can tell, or None when it is no actor (memoised: it depends on the words and cue alone)."""
    return _form_evidence(tuple(words), tuple(keys), cue)


@lru_cache(maxsize=200_000)
def _form_evidence(words: tuple[str, ...], keys: tuple[str, ...], cue: str | None) -> tuple[str, int, str] | None:
    letters = [c for w in words for c in w if c.isalpha()]
    if len(letters) < 2:
        return None
    person_cue = cue is not None and cue.startswith("title:")
    last = keys[-1]
    single = len(words) == 1
    is_acronym = single and 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)
    head_type = "group" if last in GROUP_HEADS else "organization" if last in ORG_HEADS else None
    if single and not person_cue and (keys[0] in LONE_HEADS or keys[0] in NOT_ALONE):
        return None
    if not person_cue and not head_type and not is_acronym:
        common = common_words()
        content = [k for k in keys if k not in NAME_CONNECTORS]
        if all(k in common or k in NON_ACTOR or k in PERSON_TITLES for k in content):
            return None
    if person_cue:
        assert cue is not None
        return "person", STRONG, cue
    if head_type:
        return head_type, STRONG, f"head:{words[-1]}"
    if cue == "head":
        return "organization", STRONG, "head"
    if single and len(last) > 6 and last.endswith("bank"):
        return "organization", STRONG, "head:bank"  # "Bundesbank", "Rabobank"
    if cue == "before-title":
        return "organization", MEDIUM, "before-title"
    if is_acronym:
        return "organization", MEDIUM, "acronym"
    if len(words) >= 2 and keys[0] in given_names():
        return "person", MEDIUM, "given-name"
    if cue == "merged":
        return "organization", WEAK, "merged"
    if 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:2].islower() for w in words):
        return "person", WEAK, "name-shape"
    return GUESS


def lone_evidence(surface: str, key: str) -> tuple[str, int, str] | None:
    """:func:`form_evidence` of a lone word (None also for the words that are no part of a name)."""
    if key in stopwords() or surface[:1].islower() or key in NON_ACTOR:
        return None
    return form_evidence([surface], [key], None)


def guess_lone(state: ArticleState, start: int, end: int) -> tuple[str, int, str]:
    """A lone word's type from its context: after "in"/"at" a place, before "said" a person."""
    if state.prev_word(start) in PLACE_CUES:
        return "place", WEAK, "after-preposition"
    if state.next_word(end) in SPEECH:
        return "person", WEAK, "speaker"
    return GUESS


def discover_piece(
    state: ArticleState, start: int, end: int, sid: int, cue: str | None, words: list[Word] | None = None
) -> int | None:
    """Clean, type and add one unknown name between ``start`` and ``end``; its row index, or None."""
    if words is None:
        words = [(w.start(), w.end(), w.group()) for w in RUN_WORD.finditer(state.text, start, end)]
    if cue != "merged":  # a merged span is trimmed already ("Munich Re": "Re" is no stopword there)
        words = _clean(state, words, sid, cue is not None and cue.startswith("title:"), cue == "head")
    if not words:
        return None
    typed = form_evidence([w[2] for w in words], [word_key(w[2]) for w in words], cue)
    if typed is None:
        return None
    if typed is GUESS and len(words) == 1:
        typed = guess_lone(state, words[0][0], words[0][1])
    return name_row(state, words[0][0], words[-1][1], sid, *typed)


def name_row(state: ArticleState, start: int, end: int, sid: int, actor_type: str, strength: int, evidence: str) -> int:
    """Add a discovered name and note an acronym introduced after it ("Awami National Party (ANP)")."""
    surface = state.text[start:end]
    name = " ".join(surface.split())
    row = state.add(start, end, sid, slug(name), name, actor_type, "discovered", evidence, strength)
    acro = ACRONYM_AFTER.match(state.text, end) if " " in name else None
    if acro:
        initials = [w[0] for w in name.split() if w[:1].isupper()]
        letters = [c for c in acro.group(1) if c.isupper()]
        if len(initials) >= 2 and letters and letters[0] == initials[0] and len(letters) <= len(initials) + 1:
            state.acronyms[acro.group(1)] = row
    return row
