"""Plots: matplotlib Figures with the data behind them attached as ``fig.data`` (a DataFrame).

Every function takes the corpus (or a frame) first and returns a Figure built without pyplot's global state,
so it works in scripts, Dask workers' reports and notebooks alike; save it with its data via
``workbench.share.report.save_figure``.
"""

from workbench.plot.actors import actor_trends, cooccurrence
from workbench.plot.timeline import timeline
from workbench.plot.topics import dispersion, term_trends, topic_trends

__all__ = ["actor_trends", "cooccurrence", "dispersion", "term_trends", "timeline", "topic_trends"]
