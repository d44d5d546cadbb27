"""The news workbench: load news articles into pandas tables; find actors, dates and topics.

>>> import workbench as wb
>>> corpus = wb.load()          # seeds/ by default
>>> corpus.articles.loc[0, "title"]
'Pakistan delegation leaves for Istanbul for talks with Afghan Taliban'
"""

from types import ModuleType

from workbench._version import __version__
from workbench.corpus import Corpus, Selection, load
from workbench.corpus import open_dataset as open  # noqa: A001 - SPEC names it wb.open
from workbench.errors import WorkbenchError

__all__ = ["Corpus", "Selection", "WorkbenchError", "__version__", "actors", "load", "open", "plot", "widgets"]

_LAZY = ("plot", "widgets", "actors", "share")


# wb.plot, wb.widgets…: imported on first use (matplotlib and ipywidgets are heavy)
def __getattr__(name: str) -> ModuleType:
    if name in _LAZY:
        import importlib

        return importlib.import_module(f"workbench.{name}")
    raise AttributeError(f"module 'workbench' has no attribute {name!r}")
