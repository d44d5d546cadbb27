"""Sharing: the HTML report of the curated notebooks, the notebooks' figure helper, and the Voilà dashboard."""

from workbench.share.notebook import SavedFigure, save_figure, sources

__all__ = ["SavedFigure", "save_figure", "sources"]
