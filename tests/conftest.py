"""Shared fixtures: the seed corpus, the shared data folder (skip, or fail in CI, when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILE = SEEDS / "000_911338bfee1af513.txt"
SHARED_DATA = Path(os.environ.get("WORKBENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))


def require_shared(*parts: str) -> Path:
    """The path under ../shared/data; skip when absent, fail when WORKBENCH_REQUIRE_SHARED=1."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        message = f"shared data not found at {path} (see ../shared/README.md)"
        if os.environ.get("WORKBENCH_REQUIRE_SHARED") == "1":
            pytest.fail(message + "; WORKBENCH_REQUIRE_SHARED=1 requires it")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (Reuters-21578, TimeML, PETRARCH, NLTK data)."""
    return require_shared()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


#: All of Reuters-21578 as the README says to load it (a glob: the folder also holds a README and code lists).
REUTERS_GLOB = ("reuters21578", "reut2-*.sgm")


@pytest.fixture(scope="session")
def reuters(tmp_path_factory: pytest.TempPathFactory):  # -> workbench.Corpus
    """All of Reuters-21578, loaded once per session into the session's cache (so that a kernel started by a
    later test, e.g. the dashboard's, finds its tables there); skips or fails like ``shared_data``."""
    import workbench as wb

    folder = require_shared(REUTERS_GLOB[0])
    return wb.load(str(folder / REUTERS_GLOB[1]), cache_dir=tmp_path_factory.getbasetemp() / "cache")


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never write into the checkout's data/cache."""
    monkeypatch.setenv("WORKBENCH_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


# Hypothesis profiles: "ci" (the default: every property test together in well under a minute, the same
# examples on every run) and "fuzz" (`make fuzz`: many more, new ones each run, failures kept under build/).
settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    max_examples=1500,
    deadline=None,
    database=DirectoryBasedExampleDatabase(str(ROOT / "build" / "hypothesis")),
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
