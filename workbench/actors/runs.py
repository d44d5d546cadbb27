"""Steps 1 and 2 of finding actors in one article: capitalised runs, and the aliases matched inside them.

A run of capitalised words ("PPP Chairman Bilawal Bhutto-Zardari") is cut out of the text with one regex
(``resources.RUN``) and split where a sentence ends. Inside a run the longest alias of the dictionaries or
the gazetteer wins; a name whose possessive is part of it ("Moody's", "Standard and Poor's") matches with
its "'s". The run is then cut at lower-case connectors, except inside names ("Bank of England", "Charles de
Gaulle", "Merrill Lynch and Co"), and each piece (a *chunk*) goes to ``workbench.actors.chunks``.

A run of one word (two in three runs) takes a short path: an alias, a word to skip, or a discovery.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from workbench.actors.article import ArticleState, Word
from workbench.actors.chunks import Element, emit_chunk, emit_match
from workbench.actors.discovery import guess_lone, lone_evidence, name_row
from workbench.actors.matcher import ActorMatcher, Target
from workbench.actors.resources import (
    CHUNK_HEADS,
    COMPANY,
    CORP_SUFFIX,
    INNER_HEADS,
    JOIN_AFTER_HEAD,
    JOIN_HEADS,
    ORG_HEADS,
    PARTICLES,
    RUN,
    RUN_WORD,
    UPPER_CLASS,
    common_words,
    skip_words,
    word_key,
)
from workbench.actors.typer import SpanTyper
from workbench.text.normalize import fold


def case_ok(target: Target, surface_words: Sequence[str], caps: bool) -> bool:
    """Whether the words in the text satisfy the alias's case rule (``entries.case_rule``)."""
    if target.rule == "ignore":
        return True
    if target.rule == "exact":
        return tuple(fold(w) for w in surface_words) == tuple(fold(w) for w in target.words)
    if caps:
        return True
    return all(not a[:1].isupper() or s[:1].isupper() for a, s in zip(target.words, surface_words, strict=False))


def _possessive(text: str, end: int) -> bool:
    return text.startswith(("'s", "\u2019s"), end)


_CAP = re.compile(rf"[{UPPER_CLASS}]")
_PREFIX = re.compile(r"(?:al|el|ad|as|ash|at|az|ibn|bin|ben|abu|d|l|o)[-'\u2019]")


def iter_runs(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``resources.RUN`` in ``text``, as ``RUN.finditer`` gives them, found faster: a run
    starts at a capital letter (a character class the regex engine scans for quickly), or just before it
    at a prefix ("al-Qaeda", "d'Estaing") or digits ("3M")."""
    pos = 0
    search, match = _CAP.search, RUN.match
    while True:
        found = search(text, pos)
        if found is None:
            return
        p = found.start()
        start = p
        if p > pos:
            before = text[p - 1]
            if before.isdigit() or (before == "-" and p - 2 >= pos and text[p - 2].isdigit()):
                q = p - 1 if before.isdigit() else p - 2
                while q > pos and text[q - 1].isdigit():
                    q -= 1
                start = q
            elif before in "-'\u2019":
                for k in (4, 3, 2):
                    if p - k >= pos and _PREFIX.fullmatch(text, p - k, p):
                        start = p - k
                        break
        run = match(text, start) if start != p else None
        if run is None:
            run = match(text, p)
        if run is None:
            pos = p + 1
            continue
        yield run
        pos = run.end()


# what a lone capitalised word is, whatever its context (``_lone``)
_EMIT, _SKIP, _TYPED, _TYPED_INSIDE, _GUESS = range(5)
Lone = tuple[int, Target | None, tuple[str, int, str] | None]


def _lone(matcher: ActorMatcher, surface: str) -> Lone:
    """What a lone word is: an alias, a word to skip, a name typed by its form (``_TYPED_INSIDE``: unless
    it opens a sentence), or a name typed by its context (``_GUESS``), as ``discover_piece`` would."""
    key = word_key(surface)
    target = matcher.index.get(key)
    if target is not None and case_ok(target, (surface,), False):
        return _EMIT, target, None
    if key in skip_words() or surface[:1].islower():
        return _SKIP, None, None
    typed = lone_evidence(surface, key)
    if typed is None:
        return _SKIP, None, None
    if typed[2] == "guess":
        return _GUESS, None, None
    if key in common_words() and key not in ORG_HEADS:
        return _TYPED_INSIDE, None, typed
    return _TYPED, None, typed


@lru_cache(maxsize=100_000)
def _run_words(surface: str) -> tuple[tuple[int, int, str], ...]:
    """The words of a run (``RUN_WORD``), with offsets from its start."""
    return tuple((w.start(), w.end(), w.group()) for w in RUN_WORD.finditer(surface))


@lru_cache(maxsize=100_000)
def _run_keys(surface: str) -> tuple[str, ...]:
    """The ``word_key`` of each of :func:`_run_words`."""
    return tuple(word_key(w) for _s, _e, w in _run_words(surface))


def _joins(heads: set[str], run: re.Match[str], after: re.Match[str] | None) -> bool:
    """Whether ``run`` + "'s" + the next run may be one alias ("Moody's Investors Service Inc"); the caller
    has seen the "'s " after the run."""
    if after is None or after.start() != run.end() + 3:
        return False
    keys = [word_key(w) for w in run.group().split()]
    return any(" ".join(keys[k:]) + "'s" in heads for k in range(len(keys)))


def find_runs(state: ArticleState, typer: SpanTyper | None) -> None:
    """Find every run of capitalised words of the article and pass it on (matches and discoveries)."""
    text = state.text
    heads = state.m.possessive_heads
    starts = state.starts
    runs = list(iter_runs(text))
    i = 0
    while i < len(runs):
        run = runs[i]
        i += 1
        surface = run.group()
        start, end = run.span()
        words = keys = None
        if " " in surface or "\n" in surface:
            words = [(start + s, start + e, w) for s, e, w in _run_words(surface)]
            keys = _run_keys(surface)
        while (
            heads
            and text.startswith(("'s ", "\u2019s "), run.end())
            and _joins(heads, run, runs[i] if i < len(runs) else None)
        ):  # "Moody's Investors Service", "Standard and Poor's Corp": one run
            words = words or [(start, end, surface)]
            keys = None
            last = words[-1]
            run = runs[i]
            i += 1
            words[-1] = (last[0], last[1] + 2, text[last[0] : last[1] + 2])
            words += [(w.start(), w.end(), w.group()) for w in RUN_WORD.finditer(text, run.start(), run.end())]
        if words is None:
            _lone_word(state, start, end, surface)
            continue
        group: list[Word] = []
        sid = state.sentence_of(start)
        bound = starts[sid + 1] if sid + 1 < len(starts) else len(text) + 1  # where the next sentence starts
        for word in words:
            if word[0] >= bound:  # the word is in a later sentence
                if group:
                    run_words(state, group, sid, typer)
                    group, keys = [], None
                sid = state.sentence_of(word[0])
                bound = starts[sid + 1] if sid + 1 < len(starts) else len(text) + 1
            group.append(word)
        if group:
            run_words(state, group, sid, typer, keys=keys)


def _lone_word(state: ArticleState, start: int, end: int, surface: str) -> None:
    """A run of one capitalised word: an alias, a word to skip, or a discovered name."""
    text, matcher = state.text, state.m
    if text.startswith(("'s", "\u2019s"), end):
        target = matcher.index.get(word_key(surface) + "'s")
        if target is not None:
            emit_match(state, start, end + 2, target, state.sentence_of(start))
            return
    memo = matcher.lone
    lone = memo.get(surface)
    if lone is None:
        if len(memo) > 500_000:
            memo.clear()
        lone = memo[surface] = _lone(matcher, surface)
    action = lone[0]
    if action == _SKIP:
        return
    sid = state.sentence_of(start)
    if action == _EMIT:
        assert lone[1] is not None
        emit_match(state, start, end, lone[1], sid)
        return
    if surface.isupper() and len(surface) > 1 and state.is_caps(sid):
        return  # ALL-CAPS sentences: dictionary and gazetteer only
    if action == _GUESS:
        typed = guess_lone(state, start, end)
    elif action == _TYPED_INSIDE and state.is_initial(start, sid):
        return
    else:
        assert lone[2] is not None
        typed = lone[2]
    name_row(state, start, end, sid, *typed)


def run_words(
    state: ArticleState,
    words: list[Word],
    sid: int,
    typer: SpanTyper | None,
    *,
    keys: Sequence[str] | None = None,
) -> None:
    """Match aliases in one run (of one sentence), cut it into chunks and emit them (``keys``: the
    ``word_key`` of each word, when known)."""
    caps = any(w[2].isupper() and len(w[2]) > 1 for w in words) and state.is_caps(sid)
    elements = match_aliases(state, words, caps, keys)
    for chunk in chunks(elements):
        emit_chunk(state, chunk, sid, caps, typer)


def match_aliases(
    state: ArticleState, words: list[Word], caps: bool, keys: Sequence[str] | None = None
) -> list[Element]:
    """The run as elements: ``m`` (an alias match), ``w`` (an unknown capitalised word), ``c`` (a connector);
    ``keys``: the ``word_key`` of each word (computed when not given)."""
    index, first = state.m.index, state.m.first
    n = len(words)
    possessive = _possessive(state.text, words[-1][1])
    if keys is None:
        keys = [word_key(w[2]) for w in words]
    elements: list[Element] = []
    i = 0
    while i < n:
        start, end, word = words[i]
        if word[:1].islower() and not word.startswith(("al-", "el-")):
            elements.append(("c", start, end, word, None))
            i += 1
            continue
        longest = first.get(keys[i], 0)
        found: tuple[int, int, Target] | None = None
        for j in range(min(n, i + longest), i, -1):
            last = words[j - 1][2]
            if last[:1].islower() and last not in INNER_HEADS:
                continue
            key = " ".join(keys[i:j]) if j > i + 1 else keys[i]
            target = index.get(key + "'s") if possessive and j == n else None
            stop = words[j - 1][1] + 2
            if target is None:
                target, stop = index.get(key), words[j - 1][1]
            if target is not None and case_ok(target, [w[2] for w in words[i:j]], caps):
                found = (j, stop, target)
                break
        if found:
            j, stop, target = found
            elements.append(("m", start, stop, state.text[start:stop], target))
            i = j
        else:
            elements.append(("w", start, end, word, None))
            i += 1
    return elements


def chunks(elements: list[Element]) -> list[list[Element]]:
    """Split a run at connectors, except inside names ("Bank of England", "Charles de Gaulle")."""
    out: list[list[Element]] = []
    cur: list[Element] = []
    for pos, element in enumerate(elements):
        if element[0] != "c":
            cur.append(element)
            continue
        low = element[3].lower()
        prev = cur[-1] if cur else None
        join = False
        if prev is not None:
            if low in PARTICLES:
                join = True
            elif low in JOIN_AFTER_HEAD and prev[0] == "w" and word_key(prev[3]) in JOIN_HEADS:
                join = True
            elif low == "the" and prev[0] == "c" and prev[3].lower() in JOIN_AFTER_HEAD:
                join = True
            elif low == "and" and prev[0] == "w" and (_org_follows(elements, pos) or _company_follows(elements, pos)):
                join = True  # "Securities and Exchange Commission", "Merrill Lynch and Co Inc"
            elif low in CHUNK_HEADS:
                cur.append(("w", *element[1:]))
                continue
        if join:
            cur.append(element)
        else:
            if cur:
                out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    for chunk in out:
        while chunk and chunk[-1][0] == "c":
            chunk.pop()
    return [c for c in out if c]


def _org_follows(elements: list[Element], pos: int) -> bool:
    """Whether the capitalised words right after ``pos`` end in an organisation head."""
    last = None
    for element in elements[pos + 1 :]:
        if element[0] != "w":
            break
        last = word_key(element[3])
    return last is not None and last in ORG_HEADS and last not in CORP_SUFFIX


def _company_follows(elements: list[Element], pos: int) -> bool:
    """Whether "and" at ``pos`` is the "and Co" of a firm ("Merrill Lynch and Co", "... and Co Inc")."""
    rest = elements[pos + 1 : pos + 3]
    if not rest or rest[0][0] != "w" or word_key(rest[0][3]) not in COMPANY:
        return False
    return len(rest) == 1 or rest[1][0] != "w" or word_key(rest[1][3]) in CORP_SUFFIX
