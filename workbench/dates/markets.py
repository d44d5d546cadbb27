"""The months of commodity and financial markets: delivery months and the spreads between them.

A month before "delivery", "futures", "contract" or a singular "shipment" is a delivery month ("the key July
delivery", "June futures", "for May shipment"), the coming one whatever the tense of the report ("July
delivery traded at 573.50"); plural shipments, loadings and arrivals are a month's statistics ("a drop in
January shipments"). The months of a market's spread ("the May/July backwardation", "July/December at 7-1/2
cents", "for May/June shipment", "20-1/2 cents over July") are delivery months as well; a pair of months
without a market word after it ("GNP grew in October/December") is a stretch of the calendar.
"""

from __future__ import annotations

import re

from workbench.dates import patterns as P

__all__ = ["DELIVERY_AFTER", "DELIVERY_AFTER_RANGE", "spread"]

_DELIVERY = r"deliver(?:y|ies)|contracts?|futures|shipment|loading|arrival"
#: After a month: a delivery month's market word.
DELIVERY_AFTER = re.compile(rf"\s+(?:{_DELIVERY}|options?)\b", re.I)
#: After a stretch of months: the market words that make it a stretch still to come ("for April through November
#: shipment").
DELIVERY_AFTER_RANGE = re.compile(rf"\s+(?:{_DELIVERY})\b", re.I)

_MARKET_AFTER = (
    r"\s+(?:shipments?|backwardation|contango|spreads?|deliver(?:y|ies)|positions?|futures|contracts?|at\s+\d"
    r"|going\s+at)\b"
)
_PAIR_BEFORE = re.compile(rf"\b(?:{P.MON_NAMES})/\Z")
_PAIR_AFTER = re.compile(rf"/(?:{P.MON_NAMES})(?={_MARKET_AFTER})")
_MARKET = re.compile(_MARKET_AFTER)
_OVER_BEFORE = re.compile(r"\b(?:cents?|points?|dlrs?)\s+(?:over|under)\s+\Z")


def spread(m: re.Match[str], text: str) -> bool:
    """Whether the month matched by ``m`` in ``text`` is one of a market's spread of contract months.

    >>> import re
    >>> text = "the May/July backwardation widened"
    >>> spread(re.compile("July").search(text), text), spread(re.compile("May").search(text), text)
    (True, True)
    """
    start, end = m.start(), m.end()
    if _PAIR_AFTER.match(text, end) or _OVER_BEFORE.search(text, max(0, start - 20), start):
        return True
    return _PAIR_BEFORE.search(text, max(0, start - 12), start) is not None and _MARKET.match(text, end) is not None
