"""Capitalised runs: the fast scan equals the regex's own, possessive names join across "'s"."""

from __future__ import annotations

import pytest

from tests.conftest import require_shared
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
