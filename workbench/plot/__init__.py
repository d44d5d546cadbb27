"""Plots: matplotlib Figures with the data behind them attached as ``fig.data`` (a DataFrame).

Every function takes the corpus (or a frame) first and returns a Figure built without pyplot's global state,
so it works in scripts, Dask workers' reports and notebooks alike; save it with its data via
``workbench.share.save_figure``. They share one layout (``workbench.plot.layout``): dates far outside the
corpus are left out of the axis and counted in a note under the figure (``fig.notes``), a single period is
drawn as bars, and more than a few series get their legend outside the plot.
"""

from workbench.plot.actors import actor_trends, cooccurrence
from workbench.plot.articles import articles_over_time, report_statuses
from workbench.plot.timeline import timeline
from workbench.plot.topics import dispersion, term_trends, topic_trends

__all__ = [
    "actor_trends",
    "articles_over_time",
    "cooccurrence",
    "dispersion",
    "report_statuses",
    "term_trends",
    "timeline",
    "topic_trends",
]
