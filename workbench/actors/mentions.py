"""Actor mentions in one article: dictionary and gazetteer matches, discovered names, and aliases.

:func:`article_mentions` is a pure function of one article and the compiled matcher, so a Dask partition can
map it. The corpus-level pass that follows is in ``workbench.actors.resolution``; the frames of a
corpus (``mentions_table``, ``actors_table``) are in ``workbench.actors.tables``.

How a mention is found, in order:

1. Runs of capitalised words ("PPP Chairman Bilawal Bhutto-Zardari") are cut out of the text with one regex.
2. Inside a run, the longest alias of the dictionaries or the gazetteer wins (``method`` dictionary or
   gazetteer).
   A capital not governed by a place preposition stands for its state ("Islamabad said" → Pakistan,
   ``metonymy=True``); "in Islamabad" stays the place.
3. The rest is *discovered*: titles ("Defence Minister", "Chairman", "Mr") mark the next name as a person and
   the name before the title as an organisation; head words ("group", "Party", "Ministry", "Inc") make
   organisations and groups; given names make persons; lone common words at a sentence start are dropped.
4. Aliases (``method="alias"``): a surname repeats a person named in full ("Asif" → Khawaja Asif); an acronym
   introduced in brackets ("Pakistan Peoples Party (PPP)"); a role noun ("the defence minister") resolves to
   the person introduced with that title, or to the dictionary person holding that role on the article's date.

Steps 1 and 2 and the order of the steps are here (``_Article``); steps 3 and 4 are the methods of its base
class ``Discovery`` in ``workbench.actors.discovery``.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Sequence

from workbench.actors.discovery import Discovery
from workbench.actors.matcher import ActorMatcher, Target, matcher_for
from workbench.actors.resources import (
    GROUP_HEADS,
    ORG_HEADS,
    PLACE_PREPOSITIONS,
    RUN,
    RUN_WORD,
    common_words,
)
from workbench.actors.words import (
    _COMPANY,
    _CORP_SUFFIX,
    _JOIN_HEADS,
    _LOWER,
    _OPEN,
    _PARTICLES,
    _STRONG_TITLES,
    _UPPER,
    STRONG,
    _key,
    _skip_words,
)
from workbench.text.normalize import fold


def _case_ok(target: Target, surface_words: Sequence[str], caps: bool) -> bool:
    if target.rule == "ignore":
        return True
    if target.rule == "exact":
        return tuple(fold(w) for w in surface_words) == tuple(fold(w) for w in target.words)
    if caps:
        return True
    return all(not a[:1].isupper() or s[:1].isupper() for a, s in zip(target.words, surface_words, strict=False))


class _Article(Discovery):
    """Working state for one article."""

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
        self.rows: list[dict[str, object]] = []
        self.titles: dict[str, int] = {}  # title (lower) -> row index of the person introduced with it
        self.acronyms: dict[str, int] = {}  # acronym -> row index of its long form

    # ------------------------------------------------------------------ helpers
    def sentence_of(self, pos: int) -> int:
        return max(bisect_right(self.starts, pos) - 1, 0)

    def is_caps(self, sid: int) -> bool:
        if sid not in self.caps:
            start, end = self.sentences[sid]
            chunk = self.text[start:end]
            lower = len(_LOWER.findall(chunk))
            upper = len(_UPPER.findall(chunk))
            self.caps[sid] = upper >= 8 and lower < 0.3 * (upper + lower)
        return self.caps[sid]

    def is_initial(self, pos: int, sid: int) -> bool:
        start = self.sentences[sid][0]
        before = self.text[max(start, pos - 40) : pos]
        if not before.strip(_OPEN):
            return pos - start <= 40 or not self.text[start:pos].strip(_OPEN)
        return before.rstrip()[-1:] in (":", "\u201c", '"', "\u2018", "(")

    def prev_word(self, pos: int) -> str:
        m = re.search(r"([A-Za-z']+)[^\w]*$", self.text[max(0, pos - 30) : pos])
        return m.group(1).lower() if m else ""

    def next_word(self, pos: int) -> str:
        m = re.match(r"\W*?([A-Za-z]+)", self.text[pos : pos + 30])
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
        metonymy: bool = False,
    ) -> int:
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

    # ------------------------------------------------------------------ matching
    def run(self) -> list[dict[str, object]]:
        text = self.text
        first, index, common, skip = self.m.first, self.m.index, common_words(), _skip_words()
        for run in RUN.finditer(text):
            surface = run.group()
            if " " not in surface and "\n" not in surface:  # fast path for lone capitalised words
                key = _key(surface)
                target = index.get(key)
                if target is not None and _case_ok(target, (surface,), False):
                    self.emit_match(run.start(), run.end(), target, self.sentence_of(run.start()))
                    continue
                if key not in first and (
                    key in skip
                    or (
                        key in common
                        and key not in ORG_HEADS
                        and self.is_initial(run.start(), self.sentence_of(run.start()))
                    )
                ):
                    continue
            words = [(w.start(), w.end(), w.group()) for w in RUN_WORD.finditer(text, run.start(), run.end())]
            group: list[tuple[int, int, str]] = []
            sid = self.sentence_of(run.start())
            for word in words:
                wsid = self.sentence_of(word[0])
                if wsid != sid and group:
                    self.run_words(group, sid)
                    group = []
                sid = wsid
                group.append(word)
            if group:
                self.run_words(group, sid)
        self.resolve_article()
        return self.rows

    def run_words(self, words: list[tuple[int, int, str]], sid: int) -> None:
        """Match aliases in one run (one sentence), then discover the rest."""
        caps = any(w[2].isupper() and len(w[2]) > 1 for w in words) and self.is_caps(sid)
        n = len(words)
        elements: list[tuple[str, object]] = []  # ("w", word) / ("c", connector) / ("m", (start, end, Target))
        i = 0
        index, first = self.m.index, self.m.first
        while i < n:
            start, end, word = words[i]
            if word[:1].islower() and not word.startswith(("al-", "el-")):
                elements.append(("c", words[i]))
                i += 1
                continue
            longest = first.get(_key(word), 0)
            found = None
            for j in range(min(n, i + longest), i, -1):
                if words[j - 1][2][:1].islower() and words[j - 1][2] not in (
                    "group",
                    "party",
                    "front",
                    "movement",
                ):
                    continue
                target = index.get(" ".join(_key(w[2]) for w in words[i:j]))
                if target is not None and _case_ok(target, [w[2] for w in words[i:j]], caps):
                    found = (j, target)
                    break
            if found:
                j, target = found
                elements.append(("m", (start, words[j - 1][1], target)))
                i = j
            else:
                elements.append(("w", words[i]))
                i += 1
        for chunk in self.chunks(elements):
            self.emit_chunk(chunk, sid, caps)

    def chunks(self, elements: list[tuple[str, object]]) -> list[list[tuple[str, object]]]:
        """Split a run at connectors, except inside names ("Bank of England", "Charles de Gaulle")."""
        out: list[list[tuple[str, object]]] = []
        cur: list[tuple[str, object]] = []
        for pos, (kind, item) in enumerate(elements):
            if kind != "c":
                cur.append((kind, item))
                continue
            word = item[2]  # type: ignore[index]
            low = word.lower()
            prev = cur[-1] if cur else None
            join = False
            if prev is not None:
                if low in _PARTICLES or low == "&":
                    join = True
                elif low in ("of", "for", "on") and prev[0] == "w" and _key(prev[1][2]) in _JOIN_HEADS:  # type: ignore[index]
                    join = True
                elif low == "the" and prev[0] == "c" and prev[1][2].lower() in ("of", "for", "on"):  # type: ignore[index]
                    join = True
                elif low == "and" and prev[0] == "w" and self._org_follows(elements, pos):
                    join = True  # "Securities and Exchange Commission"
                elif low == "and" and prev[0] == "w" and self._company_follows(elements, pos):
                    join = True  # "Merrill Lynch and Co Inc"
                elif low in (
                    "group",
                    "party",
                    "front",
                    "movement",
                    "faction",
                    "militia",
                    "network",
                    "tribe",
                    "clan",
                    "brigade",
                    "brigades",
                ):
                    cur.append(("w", item))
                    continue
            if join:
                cur.append(("c", item))
            else:
                if cur:
                    out.append(cur)
                cur = []
        if cur:
            out.append(cur)
        for chunk in out:
            while chunk and chunk[-1][0] == "c":
                chunk.pop()
        return [c for c in out if c]

    @staticmethod
    def _org_follows(elements: list[tuple[str, object]], pos: int) -> bool:
        """Whether the capitalised words right after ``pos`` end in an organisation head."""
        last = None
        for kind, item in elements[pos + 1 :]:
            if kind != "w":
                break
            last = _key(item[2])  # type: ignore[index]
        return last is not None and last in ORG_HEADS and last not in _CORP_SUFFIX

    @staticmethod
    def _company_follows(elements: list[tuple[str, object]], pos: int) -> bool:
        """Whether "and" at ``pos`` is the "and Co" of a firm ("Merrill Lynch and Co", "... and Co Inc")."""
        rest = [item for kind, item in elements[pos + 1 : pos + 3]]
        if not rest or elements[pos + 1][0] != "w" or _key(rest[0][2]) not in _COMPANY:  # type: ignore[index]
            return False
        return len(rest) == 1 or elements[pos + 2][0] != "w" or _key(rest[1][2]) in _CORP_SUFFIX  # type: ignore[index]

    def emit_chunk(self, chunk: list[tuple[str, object]], sid: int, caps: bool) -> None:
        matches = [item for kind, item in chunk if kind == "m"]
        unknown = [item for kind, item in chunk if kind == "w"]
        if not unknown:
            for start, end, target in matches:  # type: ignore[misc]
                self.emit_match(start, end, target, sid)
            return
        if caps:  # ALL-CAPS text: dictionary and gazetteer only
            for start, end, target in matches:  # type: ignore[misc]
                self.emit_match(start, end, target, sid)
            return
        soft = all(
            t.method == "gazetteer" and self.m.actors[t.actor].type in ("country", "place")  # type: ignore
            for _s, _e, t in matches
        )
        heads = [w for w in unknown if _key(w[2]) in ORG_HEADS or _key(w[2]) in GROUP_HEADS]  # type: ignore[index]
        titles = [w for w in unknown if _key(w[2]).rstrip(".") in _STRONG_TITLES]  # type: ignore[index]
        if matches and soft and heads and not titles:
            # "Pakistan Peoples Party", "Bank of England", "New York Stock Exchange": one organisation
            start = chunk[0][1][0]  # type: ignore[index]
            end = chunk[-1][1][1]  # type: ignore[index]
            self.discover_piece(start, end, sid, "head")
            return
        # split: matches stay, unknown stretches are discovered
        stretch: list[tuple[int, int, str]] = []
        pending_title: list[tuple[int, int, str]] = []
        for kind, item in chunk:
            if kind == "m":
                if stretch:
                    pending_title = self.discover_words(stretch, sid, before_match=True)
                    stretch = []
                start, end, target = item  # type: ignore[misc]
                row = self.emit_match(start, end, target, sid)
                if pending_title and row is not None and self.rows[row]["actor_type"] == "person":
                    self.titles[" ".join(w[2] for w in pending_title).lower()] = row
                pending_title = []
            else:
                stretch.append(item)  # type: ignore[arg-type]
        if stretch:
            self.discover_words(stretch, sid, before_match=False)

    def emit_match(self, start: int, end: int, target: Target, sid: int) -> int | None:
        actor = self.m.actors[target.actor]
        if target.kind == "capital" and actor.id in self.m.capital_of:
            prev = self.prev_word(start)
            following = self.text[end : end + 3]
            possessive = following[:2] in ("'s", "\u2019s")
            if possessive or (prev not in PLACE_PREPOSITIONS and not following.startswith(",")):
                state = self.m.actors[self.m.by_id[self.m.capital_of[actor.id]]]
                return self.add(
                    start,
                    end,
                    sid,
                    state.id,
                    state.name,
                    state.type,
                    target.method,
                    f"capital:{actor.name}",
                    STRONG,
                    metonymy=True,
                )
        return self.add(start, end, sid, actor.id, actor.name, actor.type, target.method, target.kind, STRONG)


def article_mentions(
    article_id: str,
    text: str,
    sentences: Sequence[tuple[int, int]],
    *,
    published: dt.date | None = None,
    matcher: ActorMatcher | None = None,
) -> list[dict[str, object]]:
    """Mention rows of one article (pure: depends only on its arguments and the matcher).

    >>> rows = article_mentions("a1", "Defence Minister Khawaja Asif met NATO envoys in Doha.", [(0, 55)])
    >>> [(r["surface"], r["actor"], r["actor_type"], r["method"])
    ...  for r in rows]  # doctest: +NORMALIZE_WHITESPACE
    [('Khawaja Asif', 'Khawaja Asif', 'person', 'dictionary'), ('NATO', 'NATO', 'organization', 'gazetteer'),
     ('Doha', 'Doha', 'place', 'gazetteer')]
    """
    matcher = matcher if matcher is not None else matcher_for()
    rows = _Article(article_id, text or "", list(sentences), published, matcher).run()
    rows.sort(key=lambda r: (r["start"], r["end"]))
    return rows
