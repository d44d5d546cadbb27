"""Evaluation of the extractors against public gold standards.

``workbench.evaluate.timeml`` scores the date tagger on TimeML files (TempEval-3 measures); it is not
imported here so that ``python -m workbench.evaluate.timeml`` runs cleanly.
"""

__all__: list[str] = []
