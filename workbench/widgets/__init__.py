"""Explorers: functions that return ipywidgets containers (nothing is displayed inside).

They hold no analysis of their own: each calls corpus methods and ``workbench.plot`` functions and renders
the result (article text always HTML-escaped). ``explorer(corpus)`` puts them all on one page (Voilà).
"""

from workbench.widgets.actor_review import ActorReview, actor_review
from workbench.widgets.actor_trends import ActorTrendsExplorer, actor_trends
from workbench.widgets.articles import ArticleReader, article_reader
from workbench.widgets.explorer import Explorer, explorer
from workbench.widgets.timeline import TimelineExplorer, timeline
from workbench.widgets.topics import TopicsExplorer, topics

__all__ = [
    "ActorReview",
    "ActorTrendsExplorer",
    "ArticleReader",
    "Explorer",
    "TimelineExplorer",
    "TopicsExplorer",
    "actor_review",
    "actor_trends",
    "article_reader",
    "explorer",
    "timeline",
    "topics",
]
