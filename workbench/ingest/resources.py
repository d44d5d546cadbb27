"""Compiled regexes and word lists of the ingest layer, built once."""

from __future__ import annotations

import re

# YAML front matter at the very top of a text file.
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)

# A dateline opening the first body paragraph: "ISLAMABAD:", "KABUL, Oct 12 (Reuters) -",
# "NEW YORK, March 3 -", "WASHINGTON (AP) —". Group "place" is the place; the match is removed from the body.
DATELINE = re.compile(
    r"""\A(?P<place>[A-Z][A-Z.'\u2019&-]*(?:[ ][A-Z][A-Z.'\u2019&-]*){0,3}
          (?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?)?)      # PLACE or PLACE, Country/State
        (?:,[ ](?P<date>[A-Z][a-z]{2,8}\.?[ ]\d{1,2}(?:,[ ]\d{4})?))?  # , Oct 12
        [ ]?(?:\((?P<agency>[A-Za-z .]{2,30})\))?                 # (Reuters)
        [ ]?(?::|[-\u2013\u2014]{1,2})[ ]+""",
    re.X,
)

# Lines that start the web-page furniture trailing a copied article. Everything from the first such line
# (after the first body paragraph) goes to ``boilerplate``. Matched against a whole stripped line, any case.
BOILERPLATE_START = re.compile(
    r"""^(?:leave\ a\ reply|leave\ a\ comment|post\ a\ comment|comments?(?:\ \(\d+\))?|\d+\ comments?
        |please\ enter\ your\ (?:comment|name)(?:\ here)?!?|must\ read|related(?:\ (?:articles?|posts?|stories|news))?
        |read\ (?:more|also|next)|also\ read|you\ (?:may|might)\ also\ like|more\ from\ .{1,40}|more\ stories
        |recommended(?:\ for\ you)?|latest\ (?:news|stories|posts)|trending(?:\ now)?|most\ (?:read|popular)
        |popular\ (?:posts|stories)|share\ this(?:\ article|\ story)?:?|subscribe(?:\ to\ our\ newsletter)?
        |sign\ up\ for\ .{1,60}|follow\ us(?:\ on\ .{1,40})?|tags?:.*|advertisement|sponsored(?:\ content)?
        |copyright\ ©?.*|©\ ?\d{4}.*|all\ rights\ reserved\.?|print\ this\ (?:page|article)
        |what\ do\ you\ think\??|about\ the\ author|newsletter|previous\ article|next\ article|reuter)$""",
    re.X | re.I,
)
