"""Capitalised runs: the fast scan equals the regex's own, possessive names join across "'s"."""

from __future__ import annotations

import random
import re
from bisect import bisect_right

import pytest

from tests.conftest import require_shared
from workbench.actors import mentions as mentions_module
from workbench.actors import resources, runs
from workbench.actors.article import ArticleState, Word
from workbench.actors.mentions import article_mentions
from workbench.actors.resources import RUN
from workbench.actors.runs import iter_runs
from workbench.actors.typer import SpanTyper
from workbench.text import sentences as sentence_spans

TRICKY = [
    "The al-Qaeda leader Ayman al-Zawahri and d'Estaing met 3M and 7-Eleven in O'Hare.",
    "eBay and iPhone-maker McDonald's U.S.-Japan talks; J. Smith, A3M and 1987-Q1 (UAE).",
    "Türkiye’s ÇALIŞKAN and ŁÓDŹ; Ölüdeniz in Côte d’Ivoire. PPP Chairman Bilawal Bhutto-Zardari.",
    "",
    "no capitals here at all, just 123 and -4.",
]


@pytest.mark.parametrize("text", TRICKY)
def test_iter_runs_equals_the_regex(text: str) -> None:
    assert [m.span() for m in iter_runs(text)] == [m.span() for m in RUN.finditer(text)]


def test_iter_runs_equals_the_regex_on_reuters() -> None:
    import workbench as wb

    corpus = wb.load(require_shared("reuters21578", "reut2-000.sgm"), cache_dir=False)
    for text in corpus.articles["text"]:
        assert [m.span() for m in iter_runs(text)] == [m.span() for m in RUN.finditer(text)]


#: The word tail as it was written before: one branch per character (the reference for ``resources._WORD_TAIL``).
PLAIN_WORD_TAIL = r"(?:\w|[-\u2010\u2011](?=\w)|['\u2019](?=[^\W\d_]{2}))*"


def test_word_tail_as_runs_of_word_characters_matches_as_one_branch_per_character() -> None:
    plain_run = re.compile(resources.RUN.pattern.replace(resources._WORD_TAIL, PLAIN_WORD_TAIL))
    plain_word = re.compile(resources.RUN_WORD.pattern.replace(resources._WORD_TAIL, PLAIN_WORD_TAIL))
    assert plain_run.pattern != resources.RUN.pattern
    rng = random.Random(7)
    pieces = ["A", "Bc", "de", "O'", "'s", "\u2019", "-", "\u2010", "\u2011", "'", " ", "  ", "\n", "1", "_", ".",
              "U.S.", "al-", "of ", "é", "É", "x", "Inc", "group"]  # fmt: skip
    texts = ["O'Neill's Coca-Cola al-Qaeda 3M U.S. Bank of England", "Moody's Investors Service Inc"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30))) for _ in range(3000)]
    for text in texts:
        assert [m.span() for m in resources.RUN.finditer(text)] == [m.span() for m in plain_run.finditer(text)]
        assert [m.span() for m in resources.RUN_WORD.finditer(text)] == [m.span() for m in plain_word.finditer(text)]


def plain_find_runs(state: ArticleState, typer: SpanTyper | None) -> None:
    """``find_runs`` as it was before: the sentence of every word looked up, the word keys of every run computed."""
    text, heads = state.text, state.m.possessive_heads
    found = list(iter_runs(text))
    i = 0
    while i < len(found):
        run = found[i]
        i += 1
        surface, (start, end) = run.group(), run.span()
        words = None
        if " " in surface or "\n" in surface:
            words = [(start + s, start + e, w) for s, e, w in runs._run_words(surface)]
        while (
            heads
            and text.startswith(("'s ", "\u2019s "), run.end())
            and runs._joins(heads, run, found[i] if i < len(found) else None)
        ):
            words = words or [(start, end, surface)]
            last = words[-1]
            run = found[i]
            i += 1
            words[-1] = (last[0], last[1] + 2, text[last[0] : last[1] + 2])
            words += [
                (w.start(), w.end(), w.group()) for w in resources.RUN_WORD.finditer(text, run.start(), run.end())
            ]
        if words is None:
            runs._lone_word(state, start, end, surface)
            continue
        group: list[Word] = []
        sid = state.sentence_of(start)
        for word in words:
            wsid = state.sentence_of(word[0])
            if wsid != sid and group:
                runs.run_words(state, group, sid, typer)
                group = []
            sid = wsid
            group.append(word)
        if group:
            runs.run_words(state, group, sid, typer)


def test_find_runs_equals_the_plain_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        TRICKY[0],
        TRICKY[2],
        "Officials at the Bank of England\nSaid Moody's Investors Service Inc and Standard and Poor's Corp met.",
        "He flew to New York. Bank of England Governor Robin Leigh-Pemberton said. U.S. Treasury Secretary "
        "James Baker told Merrill Lynch and Co Inc. WASHINGTON POST REPORTED\nTHE NEW YORK TIMES",
        "Exports of grain to the U.S. Since another Gulf crisis, control proposals, U.S. Officials said. The "
        "National Association of Securities Dealers (NASDAQ) in the U.S. And on London's Stock Exchange rose.",
    ]
    crossing = 0  # runs with words in two sentences ("the U.S. Since another"): the runs split there
    for text in texts:
        spans = [(s, e) for s, e, _p in sentence_spans(text)]
        starts = [s for s, _e in spans]
        crossing += sum(bisect_right(starts, r.start()) != bisect_right(starts, r.end() - 1) for r in iter_runs(text))
        fast = article_mentions("x", text, spans)
        with monkeypatch.context() as patch:
            patch.setattr(mentions_module, "find_runs", plain_find_runs)
            plain = article_mentions("x", text, spans)
        assert fast == plain
    assert crossing >= 2
