"""Actor mentions in one article: dictionary and gazetteer matches, discovered names, and aliases.

:func:`article_mentions` is a pure function of one article and the compiled matcher, so a Dask partition can
map it. The corpus-level pass that follows is in ``workbench.extract.actor_resolution``; the frames of a
corpus (``mentions_table``, ``actors_table``) are in ``workbench.extract.actors``.

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
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from workbench.extract.actor_matcher import ActorMatcher, Target, matcher_for
from workbench.extract.actor_resources import (
    ACRONYM_AFTER,
    GROUP_HEADS,
    LONE_HEADS,
    NON_ACTOR,
    ORG_HEADS,
    PERSON_TITLES,
    PLACE_PREPOSITIONS,
    RUN,
    RUN_WORD,
    common_words,
    given_names,
)
from workbench.extract.actor_words import (
    _COMPANY,
    _CORP_SUFFIX,
    _JOIN_HEADS,
    _LOWER,
    _OPEN,
    _PARTICLES,
    _ROLE_NOUN,
    _SPEECH,
    _STRONG_TITLES,
    _UPPER,
    MEDIUM,
    STRONG,
    WEAK,
    _key,
    _skip_words,
)
from workbench.extract.dictionary_entries import slug
from workbench.text.normalize import fold
from workbench.text.resources import stopwords


def _case_ok(target: Target, surface_words: Sequence[str], caps: bool) -> bool:
    if target.rule == "ignore":
        return True
    if target.rule == "exact":
        return tuple(fold(w) for w in surface_words) == tuple(fold(w) for w in target.words)
    if caps:
        return True
    return all(not a[:1].isupper() or s[:1].isupper() for a, s in zip(target.words, surface_words, strict=False))


class _Article:
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

    # ------------------------------------------------------------------ discovery
    def discover_words(self, words: list[tuple[int, int, str]], sid: int, *, before_match: bool) -> list:
        """Discover names in a stretch of unmatched words; returns a trailing title (before a match)."""
        keys = [_key(w[2]).rstrip(".") for w in words]
        k = next((i for i, key in enumerate(keys) if key in _STRONG_TITLES), None)
        if k is None:
            self.discover_piece(words[0][0], words[-1][1], sid, None, words)
            return []
        s = k
        while s > 0 and keys[s - 1] in PERSON_TITLES:
            s -= 1
        t = k + 1
        while (
            t < len(words)
            and keys[t] in PERSON_TITLES
            and not (t == len(words) - 1 and keys[t] not in _STRONG_TITLES and not before_match)
        ):
            t += 1
        if t < len(words) - 2 and keys[t] in ("of", "for"):  # "Secretary of State", "Minister for Trade"
            u = t + 1
            while u < len(words) - 1 and u <= t + 2 and (keys[u] in PERSON_TITLES or keys[u] in common_words()):
                u += 1
            if u > t + 1:
                t = u
        if s > 0:
            self.discover_piece(words[0][0], words[s - 1][1], sid, "before-title", words[:s])
        title = " ".join(w[2] for w in words[s:t])
        if t < len(words):
            row = self.discover_piece(words[t][0], words[-1][1], sid, "title:" + title, words[t:])
            if row is not None and self.rows[row]["actor_type"] == "person":
                self.titles.setdefault(title.lower(), row)
            return []
        return words[s:t]

    def discover_piece(
        self, start: int, end: int, sid: int, cue: str | None, words: list[tuple[int, int, str]] | None = None
    ) -> int | None:
        """Clean, type and add one unknown name between ``start`` and ``end``."""
        text = self.text
        if words is None:
            words = [(w.start(), w.end(), w.group()) for w in RUN_WORD.finditer(text, start, end)]
        else:
            words = list(words)
        common, stop = common_words(), stopwords()
        while words and (_key(words[0][2]) in stop or words[0][2][:1].islower() or _key(words[0][2]) in NON_ACTOR):
            words.pop(0)
        while words and (_key(words[-1][2]) in NON_ACTOR or _key(words[-1][2]) in stop):
            words.pop()
        if not words:
            return None
        keys = [_key(w[2]) for w in words]
        person_cue = cue is not None and cue.startswith("title:")
        if (
            not person_cue
            and self.is_initial(words[0][0], sid)
            and keys[0] in common
            and keys[0] not in given_names()
            and keys[0] not in ORG_HEADS
        ):
            words, keys = words[1:], keys[1:]
            if not words:
                return None
        start, end = words[0][0], words[-1][1]
        surface = text[start:end]
        alpha = [c for c in surface if c.isalpha()]
        if len(alpha) < 2:
            return None
        last = keys[-1]
        is_acronym = len(words) == 1 and 2 <= len(alpha) <= 6 and all(c.isupper() for c in alpha)
        head_type = "group" if last in GROUP_HEADS else "organization" if last in ORG_HEADS else None
        if len(words) == 1 and keys[0] in LONE_HEADS and not person_cue:
            return None
        if not person_cue and not head_type and not is_acronym:
            content = [k for k in keys if k not in ("of", "the", "and", "for", "&", "on")]
            if all(k in common or k in NON_ACTOR or k in PERSON_TITLES for k in content):
                return None
        if person_cue:
            actor_type, strength, evidence = "person", STRONG, cue
        elif head_type:
            actor_type, strength, evidence = head_type, STRONG, f"head:{words[-1][2]}"
        elif cue == "head":
            actor_type, strength, evidence = "organization", STRONG, "head"
        elif cue == "before-title":
            actor_type, strength, evidence = "organization", MEDIUM, "before-title"
        elif is_acronym:
            actor_type, strength, evidence = "organization", MEDIUM, "acronym"
        elif len(words) >= 2 and keys[0] in given_names():
            actor_type, strength, evidence = "person", MEDIUM, "given-name"
        elif len(words) == 1 and self.prev_word(start) in ("in", "at", "near", "from", "outside", "to"):
            actor_type, strength, evidence = "place", WEAK, "after-preposition"
        elif len(words) == 1 and self.next_word(end) in _SPEECH:
            actor_type, strength, evidence = "person", WEAK, "speaker"
        elif 2 <= len(words) <= 3 and all(w[2][:1].isupper() and w[2][1:2].islower() for w in words):
            actor_type, strength, evidence = "person", WEAK, "name-shape"
        else:
            actor_type, strength, evidence = "organization", WEAK, "guess"
        name = " ".join(surface.split())
        row = self.add(start, end, sid, slug(name), name, actor_type, "discovered", evidence, strength)
        acro = ACRONYM_AFTER.match(text, end)
        if acro and len(words) >= 2:
            letters = [c for c in acro.group(1) if c.isupper()]
            initials = [w[2][0] for w in words if w[2][:1].isupper()]
            if letters and letters[0] == initials[0] and len(letters) <= len(initials) + 1:
                self.acronyms[acro.group(1)] = row
        return row

    # ------------------------------------------------------------------ aliases within the article
    def resolve_article(self) -> None:
        rows = self.rows
        # acronyms introduced after dictionary/gazetteer names too
        for idx, row in enumerate(rows):
            if row["method"] != "discovered":
                acro = ACRONYM_AFTER.match(self.text, row["end"])  # type: ignore[arg-type]
                if acro and len(str(row["surface"]).split()) >= 2:
                    self.acronyms.setdefault(acro.group(1), idx)
        persons: dict[str, int] = {}
        full: dict[str, int] = {}
        orgs: dict[str, int] = {}
        for idx, row in enumerate(rows):
            words = str(row["actor"]).split()
            if row["actor_type"] == "person" and len(words) >= 2 and row["method"] != "alias":
                surf = str(row["surface"]).split()
                for w in {words[-1], surf[-1]}:
                    key = _key(w)
                    if key not in persons or int(rows[persons[key]]["strength"]) < int(row["strength"]):  # type: ignore
                        persons[key] = idx
                full[_key(str(row["surface"]))] = idx
            elif row["actor_type"] in ("organization", "group") and len(words) >= 2 and _key(words[-1]) in _CORP_SUFFIX:
                orgs.setdefault(_key(words[0]), idx)
        for row in rows:
            if row["method"] != "discovered":
                continue
            surface = str(row["surface"])
            key = _key(surface)
            target = None
            if surface in self.acronyms and rows[self.acronyms[surface]] is not row:
                target = rows[self.acronyms[surface]]
            elif " " not in surface and int(row["strength"]) < STRONG:  # type: ignore[arg-type]
                if key in persons:
                    target = rows[persons[key]]
                elif key in orgs:
                    target = rows[orgs[key]]
            elif row["actor_type"] == "person" and key not in full:
                words = key.split()
                for name, idx in full.items():
                    other = name.split()
                    if len(other) > len(words) and other[0] == words[0] and other[-1] == words[-1]:
                        target = rows[idx]
                        break
            if target is not None and target is not row:
                row.update(
                    actor_id=target["actor_id"],
                    actor=target["actor"],
                    actor_type=target["actor_type"],
                    method="alias",
                    evidence=f"alias-of:{target['surface']}",
                    strength=STRONG,
                )
        self.role_nouns()

    def role_nouns(self) -> None:
        regexes = []
        if self.m.roles:
            regexes.append(_role_regex(tuple(sorted(self.m.roles))))
        if self.titles:
            regexes.append(_ROLE_NOUN)
        if not regexes:
            return
        seen: set[int] = set()
        mentioned = {row["actor_id"] for row in self.rows}
        matches = [m for regex in regexes for m in regex.finditer(self.text)]
        for match in matches:
            title = " ".join(match.group(1).split()).lower()
            start, end = match.span(1)
            if start in seen:
                continue
            seen.add(start)
            sid = self.sentence_of(start)
            if title in self.titles:
                src = self.rows[self.titles[title]]
                self.add(
                    start,
                    end,
                    sid,
                    str(src["actor_id"]),
                    str(src["actor"]),
                    "person",
                    "alias",
                    f"role:{title}",
                    STRONG,
                )
                continue
            candidates = []
            for idx, role in self.m.roles.get(title, ()):
                if role.holds_on(self.published):
                    candidates.append(
                        (self.m.actors[idx].id in mentioned, role.of in mentioned if role.of else False, idx)
                    )
            if not candidates:
                continue
            candidates.sort(reverse=True)
            if len(candidates) > 1 and candidates[0][:2] == candidates[1][:2]:
                continue  # ambiguous: two holders equally plausible
            actor = self.m.actors[candidates[0][2]]
            self.add(start, end, sid, actor.id, actor.name, actor.type, "alias", f"role:{title}", STRONG)


@lru_cache(maxsize=4096)
def _role_regex(titles: tuple[str, ...]) -> re.Pattern[str]:
    """``the <title>`` in lower case ("the defence minister"), for the given titles."""
    alternation = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in sorted(titles, key=len, reverse=True))
    return re.compile(rf"\b[Tt]he\s+((?i:{alternation}))\b(?![\w\-\u2019'])(?!\s+[A-Z])")


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
