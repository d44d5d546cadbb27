"""Where the workbench finds its editable resources and keeps its cache.

The repository layout is fixed (see SPEC): analyst-editable resources live in ``data/`` at the project
root (``data/actors.yml``, ``data/topics.yml``) and caches under ``data/cache/``. When the package is
used outside a checkout (installed from a wheel), ``WORKBENCH_DATA`` points at a data folder and the cache
falls back to ``~/.cache/workbench``. ``WORKBENCH_CACHE`` overrides the cache folder in every case.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
RESOURCES_DIR = PACKAGE_DIR / "resources"


def data_dir() -> Path:
    """The folder holding analyst-editable resources (``data/``)."""
    env = os.environ.get("WORKBENCH_DATA")
    if env:
        return Path(env)
    return PROJECT_DIR / "data"


def cache_dir() -> Path:
    """The default cache folder: ``$WORKBENCH_CACHE``, else ``data/cache`` in a checkout, else ``~/.cache``."""
    env = os.environ.get("WORKBENCH_CACHE")
    if env:
        return Path(env)
    if (PROJECT_DIR / "pyproject.toml").exists():
        return PROJECT_DIR / "data" / "cache"
    return Path.home() / ".cache" / "workbench"


def seeds_dir() -> Path:
    """The embedded default corpus."""
    return PROJECT_DIR / "seeds"


def interactive() -> bool:
    """True in a terminal or a Jupyter kernel: where a progress bar helps someone waiting."""
    import sys

    return sys.stderr.isatty() or "ipykernel" in sys.modules
