"""What one chunk of a run becomes: alias matches, one longer name, or matches and discovered names.

A chunk (``workbench.actors.runs``) is a list of elements: ``m`` an alias match, ``w`` an unknown
capitalised word, ``c`` a connector kept inside a name. In order:

1. only matches: each is a mention (a capital not after a place preposition stands for its state);
2. an ALL-CAPS sentence (headlines, tables): matches only, or the longer name the shipped model reads
   ("TAMPA BAY");
3. places with a head word and no title ("Pakistan Peoples Party", "Bank of England"): one organisation;
4. **the longest span wins over a gazetteer sub-span** (:func:`merge_chunk`): "Real Madrid", "Sheffield
   Wednesday", "Munich Re", "AC Milan", "West Chicago" are one name, typed by the shipped model (or, without
   it, as an organisation). Not for dictionary matches (the analyst's entry says where a name ends), nor for
   demonyms ("Briton Tim Henman"), nor across titles;
5. else matches stay and the unknown stretches between them are discovered (``workbench.actors.titles``).
"""

from __future__ import annotations

from workbench.actors.article import ArticleState, Word
from workbench.actors.discovery import discover_piece, name_row
from workbench.actors.matcher import Target
from workbench.actors.resources import (
    CHUNK_HEADS,
    COMPASS,
    END_WORDS,
    GROUP_HEADS,
    MEDIUM,
    NON_ACTOR,
    ORG_HEADS,
    PLACE_PREPOSITIONS,
    STRONG,
    STRONG_TITLES,
    WEEKDAYS,
    common_words,
    given_names,
    word_key,
)
from workbench.actors.titles import discover_words
from workbench.actors.typer import SpanTyper
from workbench.text.resources import stopwords

#: One element of a run: kind (``m``/``w``/``c``), start, end, text, and the alias target of a match.
Element = tuple[str, int, int, str, Target | None]


def emit_match(state: ArticleState, start: int, end: int, target: Target, sid: int) -> int:
    """Record an alias match; a capital that is not governed by a place preposition stands for its state."""
    m = state.m
    actor = m.actors[target.actor]
    if target.kind == "capital" and actor.id in m.capital_of:
        following = state.text[end : end + 3]
        possessive = following[:2] in ("'s", "\u2019s")
        if possessive or (state.prev_word(start) not in PLACE_PREPOSITIONS and not following.startswith(",")):
            state_actor = m.actors[m.by_id[m.capital_of[actor.id]]]
            return state.add(
                start,
                end,
                sid,
                state_actor.id,
                state_actor.name,
                state_actor.type,
                target.method,
                f"capital:{actor.name}",
                STRONG,
                metonymy=True,
            )
    return state.add(start, end, sid, actor.id, actor.name, actor.type, target.method, target.kind, STRONG)


def _target(element: Element) -> Target:
    target = element[4]
    assert target is not None
    return target


def emit_chunk(state: ArticleState, chunk: list[Element], sid: int, caps: bool, typer: SpanTyper | None) -> None:
    """Emit one chunk (see the module docstring for the order of the rules)."""
    matches = [e for e in chunk if e[0] == "m"]
    if not matches:  # unknown words only: discovered (but not in ALL-CAPS sentences)
        if not caps:
            _split(state, chunk, sid)
        return
    unknown = [e for e in chunk if e[0] == "w"]
    if not unknown or (caps and not (matches and typer is not None)):
        for e in matches:
            emit_match(state, e[1], e[2], _target(e), sid)
        return
    titles = [e for e in unknown if word_key(e[3]).rstrip(".") in STRONG_TITLES]
    if caps:
        if titles or not merge_chunk(state, chunk, sid, typer, caps=True):
            for e in matches:
                emit_match(state, e[1], e[2], _target(e), sid)
        return
    soft = all(_target(e).method == "gazetteer" and state.m.actors[_target(e).actor].type in ("country", "place")
               for e in matches)  # fmt: skip
    heads = [e for e in unknown if word_key(e[3]) in ORG_HEADS or word_key(e[3]) in GROUP_HEADS]
    if matches and soft and heads and not titles:
        # "Pakistan Peoples Party", "Bank of England", "New York Stock Exchange": one organisation
        discover_piece(state, chunk[0][1], chunk[-1][2], sid, "head")
        return
    if matches and not titles and merge_chunk(state, chunk, sid, typer, caps=False):
        return
    _split(state, chunk, sid)


def _split(state: ArticleState, chunk: list[Element], sid: int) -> None:
    """Matches stay; the unknown stretches between them are discovered (a title before a person is kept)."""
    stretch: list[Word] = []
    pending_title: list[Word] = []
    for kind, start, end, text, target in chunk:
        if kind == "m":
            if stretch:
                pending_title = discover_words(state, stretch, sid, before_match=True)
                stretch = []
            assert target is not None
            row = emit_match(state, start, end, target, sid)
            if pending_title and state.rows[row]["actor_type"] == "person":
                state.titles[" ".join(w[2] for w in pending_title).lower()] = row
            pending_title = []
        elif kind == "w" or stretch:  # a connector only inside a stretch ("& Lomason" is no name)
            stretch.append((start, end, text))
    while stretch and stretch[-1][2][:1].islower() and stretch[-1][2] not in CHUNK_HEADS:
        stretch.pop()
    if stretch:
        discover_words(state, stretch, sid, before_match=False)


def _trimmed(state: ArticleState, chunk: list[Element], sid: int, *, loose: bool) -> list[Element]:
    """The chunk without words at its edges that are no part of a name: stopwords and dates (``loose``
    keeps a weekday at the end, "Sheffield Wednesday") and a common word opening the sentence (``loose``
    keeps it, "Real Madrid beat…"); compass words stay ("West Chicago"); at the end, only pronouns and
    function words go (:data:`~workbench.actors.resources.END_WORDS`: "Munich Re" keeps its "Re")."""
    stop, common = stopwords(), common_words()
    items = list(chunk)
    while items and items[0][0] != "m":
        key = word_key(items[0][3])
        if items[0][0] == "w" and (
            key in COMPASS
            or not (
                key in stop
                or key in NON_ACTOR
                or (not loose and key in common and key not in given_names() and state.is_initial(items[0][1], sid))
            )
        ):
            break
        items.pop(0)
    while items and items[-1][0] != "m":
        key = word_key(items[-1][3])
        if items[-1][0] == "w" and key not in END_WORDS and (key not in NON_ACTOR or (loose and key in WEEKDAYS)):
            break
        items.pop()
    return items


def merge_chunk(state: ArticleState, chunk: list[Element], sid: int, typer: SpanTyper | None, *, caps: bool) -> bool:
    """Make the chunk one name longer than its gazetteer matches, if it is one; whether it did.

    Compass words and a place are one place ("West Chicago", "South China"). Otherwise the span keeps the
    words at its edges that could open a sentence or date it only if the model reads a name there; the
    span without them is one name unless the model reads no name, or it adds only common words of more
    than three letters ("U.S. Dollar"; "Munich Re", "Air France" merge). In an ALL-CAPS sentence only with
    the model.
    """
    if any(_target(e).method != "gazetteer" or _target(e).kind == "demonym" for e in chunk if e[0] == "m"):
        return False
    tight = _trimmed(state, chunk, sid, loose=False)
    if typer is not None:
        loose = _trimmed(state, chunk, sid, loose=True)
        if loose != tight and _mergeable(loose):
            decided = typer.merged(state, loose[0][1], loose[-1][2], _span_words(state, loose), sid, confirm=True)
            if decided and decided[0]:
                name_row(state, loose[0][1], loose[-1][2], sid, *decided)
                return True
    if not _mergeable(tight):
        return False
    unknown = [e for e in tight if e[0] == "w"]
    if not caps and all(word_key(e[3]) in COMPASS for e in unknown):
        places = all(state.m.actors[_target(e).actor].type in ("country", "place") for e in tight if e[0] == "m")
        if places:
            name_row(state, tight[0][1], tight[-1][2], sid, "place", MEDIUM, "compass")
            return True
    if typer is not None:
        decided = typer.merged(state, tight[0][1], tight[-1][2], _span_words(state, tight), sid, confirm=False)
        if decided is not None:
            if decided[0]:
                name_row(state, tight[0][1], tight[-1][2], sid, *decided)
            return bool(decided[0])
    if caps and typer is None:
        return False
    common = common_words()
    if all((word_key(e[3]) in common and len(e[3]) > 3) or word_key(e[3]) in NON_ACTOR for e in unknown):
        return False  # only common words added ("U.S. Dollar"): no name, unless the model read one
    return discover_piece(state, tight[0][1], tight[-1][2], sid, "merged", _span_words(state, tight)) is not None


def _mergeable(items: list[Element]) -> bool:
    return any(e[0] == "w" for e in items) and any(e[0] == "m" for e in items)


def _span_words(state: ArticleState, items: list[Element]) -> list[Word]:
    return [w for e in items for w in _words(state, e)]


def _words(state: ArticleState, element: Element) -> list[Word]:
    """The words of an element (a match may span several)."""
    if element[0] != "m":
        return [(element[1], element[2], element[3])]
    out: list[Word] = []
    pos = element[1]
    for piece in element[3].split():
        at = state.text.index(piece, pos)
        out.append((at, at + len(piece), piece))
        pos = at + len(piece)
    return out
