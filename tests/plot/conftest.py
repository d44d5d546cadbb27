"""Corpora every plot is rendered on: the seed, a small corpus with outlier dates, and all of Reuters-21578
(``reuters``, from ``tests/conftest.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

import workbench as wb
from tests.conftest import SEEDS

#: Text of the article whose sentences refer to 1857 and 2080, far outside the corpus (October 2025).
OUTLIER_TEXT = (
    "ISLAMABAD: Pakistan recalled the clashes in 1857. Afghanistan said the Afghan Taliban would hold power "
    "until 2080. Pakistan rejected that on Monday.\n"
)


def write_outlier_corpus(folder: Path) -> Path:
    """Six dated articles in October 2025 (three outlets), one referring to 1857 and 2080, one undated."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(1, 7):
        (folder / f"a{i}.txt").write_text(
            f"---\npublished: 2025-10-{i * 4:02d}\noutlet: Outlet {i % 3}\n---\nTalks in Istanbul, part {i}\n\n"
            "KABUL: Pakistan and the Afghan Taliban met in Istanbul on Wednesday. Qatar mediated the talks "
            "next week.\n",
            encoding="utf-8",
        )
    (folder / "old.txt").write_text(
        f"---\npublished: 2025-10-10\noutlet: Outlet 1\n---\nHistory of the border\n\n{OUTLIER_TEXT}", encoding="utf-8"
    )
    (folder / "undated.txt").write_text("An undated note\n\nQatar and Turkiye mediated.\n", encoding="utf-8")
    return folder


def _cache(factory: pytest.TempPathFactory) -> Path:
    """The session's cache (session fixtures are made before the autouse fixture that sets it)."""
    return factory.getbasetemp() / "cache"


@pytest.fixture(scope="session")
def seed(tmp_path_factory: pytest.TempPathFactory) -> wb.Corpus:
    return wb.load(SEEDS, cache_dir=_cache(tmp_path_factory))


@pytest.fixture(scope="session")
def outliers(tmp_path_factory: pytest.TempPathFactory) -> wb.Corpus:
    folder = write_outlier_corpus(tmp_path_factory.mktemp("outliers"))
    return wb.load(folder, cache_dir=_cache(tmp_path_factory))
