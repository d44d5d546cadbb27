"""``workbench.actors.article``: the word before a position, read backwards, is what the regex finds."""

from __future__ import annotations

import random

from workbench.actors.article import ArticleState
from workbench.actors.matcher import matcher_for
from workbench.actors.resources import PREV_WORD


def plain_prev_word(text: str, pos: int) -> str:
    """The word before ``pos`` as it was found before: the regex searched over the 30 characters before it."""
    m = PREV_WORD.search(text, max(0, pos - 30), pos)
    return m.group(1).lower() if m else ""


def test_prev_word_equals_the_regex_search() -> None:
    rng = random.Random(5)
    pieces = ["a", "b", "X", "Y", "'", "''", " ", "\n", "\t", "_", "9", "²", "é", ".", ",", "-", "\u2019", "in ",
              "Reuters ", "said", "O'Neill", "rock'n'roll"]  # fmt: skip
    texts = ["Officials in Islamabad said", "he flew to 'Doha' and back", "'tis 42 _x  ", ""]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 25))) for _ in range(3000)]
    matcher = matcher_for()
    for text in texts:
        state = ArticleState("a", text, [], None, matcher)
        for pos in range(len(text) + 1):
            assert state.prev_word(pos) == plain_prev_word(text, pos), (text, pos)
