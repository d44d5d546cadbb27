"""Capitalised runs: the fast scan equals the regex's own, possessive names join across "'s"."""

from __future__ import annotations

import random
import re

import pytest

from tests.conftest import require_shared
from workbench.actors import resources
from workbench.actors.resources import RUN
from workbench.actors.runs import iter_runs

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
