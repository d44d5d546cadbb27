"""Actors: who is involved, under every name — the dictionary, the gazetteer, finding mentions in an article,
the corpus-level classifier and resolution, the ``mentions`` and ``actors`` tables, and the analyst's review.

The review functions are the names analysts use: ``workbench.actors.suggest(corpus)``,
``workbench.actors.write_dictionary(path, rows)``, ``workbench.actors.load_dictionary()``.
"""

from workbench.actors.review import SUGGEST_COLUMNS, load_dictionary, suggest, write_dictionary

__all__ = ["SUGGEST_COLUMNS", "load_dictionary", "suggest", "write_dictionary"]
