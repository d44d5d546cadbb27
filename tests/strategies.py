"""Hypothesis strategies shared by the property tests: text that is hostile (NUL, lone surrogates, byte-order
marks, right-to-left marks, line and paragraph separators, very long lines) mixed with the words that news
rules react to (places, actors, dates, abbreviations), so that every rule is reached by arbitrary input."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

#: Characters that have broken text tools: NUL, lone surrogates, BOM, RTL/LTR marks and overrides, zero
#: widths, line/paragraph separators, NEL, CR, form feed, replacement character, combining marks, astral.
HOSTILE = [
    "\x00",
    "\ud800",
    "\udfff",
    "\ufeff",
    "\u200f",
    "\u200e",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u2028",
    "\u2029",
    "\x85",
    "\r",
    "\r\n",
    "\x0c",
    "\x1c",
    "\ufffd",
    "\u0301",
    "\U0001f600",
    "İ",
    "ß",
    "ﬁ",
    "\u00a0",
    "\t",
    "\n",
    "\n\n",
    "’",
    "—",
    '"',
    "<",
    "&amp;",
    ",",
]

#: Words and marks that the tokenizer, the dateline splitter, the actor matcher and the date tagger react to.
NEWS = [
    "ISLAMABAD:",
    "KABUL, Oct 12 (Reuters) -",
    "SOCCER -",
    "Pakistan",
    "Pakistan’s",
    "Afghan",
    "Taliban",
    "Khawaja Asif",
    "Asif",
    "Qatar",
    "Turkiye",
    "Türkiye",
    "Istanbul",
    "Doha",
    "NATO",
    "the defence minister",
    "Islamabad said",
    "U.S.",
    "Mr.",
    "Gen.",
    "Oct.",
    "No.",
    "J.",
    "on",
    "Wednesday",
    "October 25",
    "Oct. 25, 2025",
    "25",
    "2025",
    "1987",
    "next week",
    "last month",
    "tomorrow morning",
    "the 1990s",
    "48 hours",
    "three years",
    "every Monday",
    "Q3",
    "the third quarter",
    "summer",
    "10:30 a.m.",
    "midnight",
    "now",
    "recently",
    "1,750",
    "5.93",
    "27th",
    "said",
    "talks",
    "the",
    "and",
    ".",
    "!",
    "?",
    "...",
    "…",
    "(",
    ")",
    "https://example.com/a.b",
    "e.g.",
    "don't",
    "Bhutto-Zardari",
]


def hostile_text(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text made of news words, hostile characters and arbitrary code points (surrogates included), joined
    by spaces or nothing; now and then one very long line."""
    piece = st.one_of(
        st.sampled_from(NEWS),
        st.sampled_from(HOSTILE),
        st.text(st.characters(codec=None), max_size=8),
    )
    parts = st.lists(st.tuples(piece, st.sampled_from([" ", "", " ", "\n", "  "])), max_size=max_size)
    text = parts.map(lambda items: "".join(p + sep for p, sep in items))
    long_line = st.tuples(st.sampled_from(NEWS + HOSTILE), st.integers(1_000, 10_000)).map(
        lambda t: (t[0] + " ") * (t[1] // (len(t[0]) + 1))
    )
    return st.one_of(text, text, text, long_line)


def valid_text(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """``hostile_text`` without lone surrogates: what a UTF-8 file can hold."""
    return hostile_text(max_size=max_size).map(lambda t: t.encode("utf-8", "replace").decode("utf-8"))


def published() -> st.SearchStrategy[str | None]:
    """A publication date (or none), near the edges of what datetime64[ns] holds now and then."""
    return st.one_of(
        st.none(),
        st.dates(min_value=dt.date(1678, 1, 1)).map(str),
        st.sampled_from(["2025-11-05", "1987-02-26", "2262-04-10", "1678-01-02", "2025-02-28"]),
    )
