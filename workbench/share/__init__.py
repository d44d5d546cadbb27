"""Sharing: the HTML report of the curated notebooks, the notebooks' helpers (figures saved with their data,
views of articles and keywords in context, the seed test), safe CSV exports, and the Voilà dashboard."""

from workbench.share.notebook import SavedFigure, is_seed, save_figure, sources
from workbench.share.views import article_view, kwic_view

__all__ = ["SavedFigure", "article_view", "is_seed", "kwic_view", "save_figure", "sources"]
