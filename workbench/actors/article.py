"""The working state of one article while its actor mentions are found: text, sentences, rows so far.

:class:`ArticleState` is shared by the steps in ``workbench.actors.runs`` (capitalised runs and alias
matches), ``workbench.actors.titles`` and ``workbench.actors.discovery`` (names no list knows),
``workbench.actors.typer`` (the shipped model) and ``workbench.actors.aliases`` (short forms of names
already found). A row is a dict with the columns of ``workbench.actors.tables.MENTION_COLUMNS``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from workbench.actors.resources import (
    ASCII_LETTERS,
    LOWER_BYTES,
    NEXT_WORD,
    OPENERS,
    SPORT_WORDS,
    UPPER_BYTES,
    WORD_LETTERS,
)

if TYPE_CHECKING:
    from workbench.actors.matcher import ActorMatcher

#: A word of a run: start, end, text.
Word = tuple[int, int, str]
#: One mention row (the columns of ``workbench.actors.tables.MENTION_COLUMNS``).
Row = dict[str, object]


def row_strength(row: Row) -> int:
    """A row's ``strength`` (``workbench.actors.resources.WEAK`` … ``STRONG``); shared by the aliases and the typer."""
    return cast(int, row["strength"])


class ArticleState:
    """One article's text, sentences and publication day, the matcher, and what has been found so far:
    ``rows``, ``titles`` (title, lower case → row of the person introduced with it) and ``acronyms``
    (acronym → row of its long form)."""

    def __init__(
        self,
        article_id: str,
        text: str,
        sentences: Sequence[tuple[int, int]],
        published: dt.date | None,
        matcher: ActorMatcher,
    ) -> None:
        self.article_id, self.text, self.published, self.m = article_id, text, published, matcher
        self.sentences = sorted(sentences) if sentences else [(0, len(text))]
        self.starts = [s for s, _ in self.sentences]
        self.caps: dict[int, bool] = {}
        self.rows: list[Row] = []
        self.titles: dict[str, int] = {}
        self.acronyms: dict[str, int] = {}
        self._sport: bool | None = None

    @property
    def sport(self) -> bool:
        """Whether the article reads like a sports report: three different words of
        ``resources.SPORT_WORDS`` among its whitespace-separated words (lower case)."""
        if self._sport is None:
            self._sport = len(SPORT_WORDS.intersection(self.text.lower().split())) >= 3
        return self._sport

    def sentence_of(self, pos: int) -> int:
        """The index of the sentence holding ``pos``."""
        return max(bisect_right(self.starts, pos) - 1, 0)

    def is_caps(self, sid: int) -> bool:
        """Whether sentence ``sid`` is written in capitals (a headline, a table, a Reuters caps line)."""
        caps = self.caps.get(sid)
        if caps is None:
            start, end = self.sentences[sid]
            chunk = self.text[start:end].encode("latin-1", "ignore")  # the letters counted are Latin-1
            lower = len(chunk) - len(chunk.translate(None, LOWER_BYTES))
            upper = len(chunk) - len(chunk.translate(None, UPPER_BYTES))
            caps = self.caps[sid] = upper >= 8 and lower < 0.3 * (upper + lower)
        return caps

    def is_initial(self, pos: int, sid: int) -> bool:
        """Whether ``pos`` opens its sentence (or a quotation, a parenthesis, a colon's clause)."""
        start = self.sentences[sid][0]
        before = self.text[max(start, pos - 40) : pos]
        if not before.strip(OPENERS):
            return pos - start <= 40 or not self.text[start:pos].strip(OPENERS)
        return before.rstrip()[-1:] in (":", "\u201c", '"', "\u2018", "(")

    def prev_word(self, pos: int) -> str:
        """The word before ``pos`` (lower case, "" if none within 30 characters): what
        ``resources.PREV_WORD.search(text, pos - 30, pos)`` finds, read backwards from ``pos`` (the regex
        tries every start in the window): ASCII letters and apostrophes before the non-word characters that
        end the window, with the apostrophes right after them; else the first apostrophes among those."""
        text = self.text
        low = max(0, pos - 30)
        i = pos
        while i > low and not (text[i - 1].isalnum() or text[i - 1] == "_"):  # \W: what \w is not
            i -= 1
        if i > low and text[i - 1] in ASCII_LETTERS:
            j = i - 1
            while j > low and text[j - 1] in WORD_LETTERS:
                j -= 1
        else:
            j = text.find("'", i, pos)
            if j < 0:
                return ""
            i = j
        while i < pos and text[i] == "'":
            i += 1
        return text[j:i].lower()

    def next_word(self, pos: int) -> str:
        """The word after ``pos`` (lower case, "" if none within 30 characters)."""
        m = NEXT_WORD.match(self.text, pos, pos + 30)
        return m.group(1).lower() if m else ""

    def add(
        self,
        start: int,
        end: int,
        sid: int,
        actor_id: str,
        actor: str,
        actor_type: str,
        method: str,
        evidence: str,
        strength: int,
        *,
        metonymy: bool = False,
    ) -> int:
        """Record a mention; returns its row index."""
        self.rows.append(
            {
                "article_id": self.article_id,
                "sentence_id": sid,
                "start": start,
                "end": end,
                "surface": self.text[start:end],
                "actor_id": actor_id,
                "actor": actor,
                "actor_type": actor_type,
                "method": method,
                "metonymy": metonymy,
                "evidence": evidence,
                "strength": strength,
            }
        )
        return len(self.rows) - 1

    def drop_rows(self, indices: list[int]) -> None:
        """Remove rows (the title and acronym maps follow)."""
        gone = set(indices)
        moved: dict[int, int] = {}
        kept: list[Row] = []
        for i, row in enumerate(self.rows):
            if i not in gone:
                moved[i] = len(kept)
                kept.append(row)
        self.rows = kept
        self.titles = {k: moved[v] for k, v in self.titles.items() if v in moved}
        self.acronyms = {k: moved[v] for k, v in self.acronyms.items() if v in moved}
