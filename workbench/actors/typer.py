"""The shipped span model: tells a club from its city, a person from a company, a name from a table word.

A multinomial logistic regression over a few features of a candidate name and its context, trained on
CoNLL-2003 ``eng.train`` by ``benchmarks/train_actor_model.py`` (reproducible: same data and code, same
bytes) and shipped as ``workbench/resources/actor_model.tsv`` (plain text: one feature and its class
weights a line; no pickle). It needs no shared data at run time.

Classes: ``PER``, ``ORG``, ``LOC``, ``MISC`` (names that are no actor: events, nationalities, products)
and ``NONE`` (no name at all: "Scorers", "Standings"). Features: the name's words, whole, first and last,
last three letters, word shapes and length; how the rules found it (``c=``: a gazetteer place, a merged
span, a guess…); the two tokens either side (numbers as ``0``); whether the sentence is in capitals and
whether the article reads like a sports report (``resources.SPORT_WORDS``).

Where it decides (:class:`SpanTyper`), and where it does not:

- a **gazetteer place** in a sports report read as an organisation ("Barcelona beat Porto", "CHICAGO 5
  Houston 3") becomes an organisation named by its place (``metonymy=True``, id ``barcelona:organization``);
  otherwise it stays a place (a city in a table of tonnes is no club);
- a **longer name over a gazetteer sub-span** ("Real Madrid"): merged when the model reads a name, typed
  by it (see ``workbench.actors.chunks``);
- a **discovered name the rules only guessed**: typed by the model, or dropped when it reads no name.

It never overrides a dictionary entry, a country, a title, a head word, an acronym or a given name; the
corpus-trained classifier (``workbench.actors.classifier``) still retypes the names it leaves unsure
(typed below ``sure``).
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path

from workbench.actors.article import ArticleState, Row, Word, row_strength
from workbench.actors.resources import CORP_SUFFIX, MEDIUM, WEAK, word_key, word_shape
from workbench.paths import RESOURCES_DIR

#: Where the shipped model is.
MODEL_PATH = RESOURCES_DIR / "actor_model.tsv"
CLASSES = ("PER", "ORG", "LOC", "MISC", "NONE")
#: Our actor type of a model class.
ACTOR_TYPE = {"PER": "person", "ORG": "organization", "LOC": "place"}
#: Mentions of one name in one article that the model reads (the mean decides for all).
READS = 2
#: Evidence of the discovered rows the model types (the rules' guesses).
GUESSES = frozenset(("guess", "name-shape", "speaker", "after-preposition", "merged"))
_TOKEN = r"[A-Za-z][\w'.&-]*|\d[\d.,:/-]*|[^\s\w]"
_CONTEXT = re.compile(_TOKEN)
_AFTER = re.compile(rf"\s*({_TOKEN})(?:\s*({_TOKEN}))?")


def _token(tok: str) -> str:
    return "0" if tok[:1].isdigit() else tok.lower()


def name_features(words: tuple[str, ...]) -> list[str]:
    """The features of a name that do not depend on where it stands.

    >>> name_features(("Real", "Madrid"))
    ['s=real madrid', 'w=real', 'w=madrid', 'f=real', 'l=madrid', 'x3=rid', 'sh=Xx Xx', 'n=2']
    """
    low = [word_key(w) for w in words]
    feats = ["s=" + " ".join(low)]
    feats += ["w=" + w for w in low]
    if len(low) > 1:
        feats.append("f=" + low[0])
    feats += ["l=" + low[-1], "x3=" + low[-1][-3:], "sh=" + " ".join(word_shape(w) for w in words)]
    feats.append(f"n={min(len(low), 4)}")
    return feats


def context_features(text: str, start: int, end: int, cue: str, caps: bool, sport: bool = False) -> list[str]:
    """The features of where a name stands: how the rules found it (``cue``), two tokens either side
    (within 30 characters before it), whether the sentence is in capitals and the article a sports report.

    >>> context_features("Barcelona beat Porto 2-1", 15, 20, "place", False)
    ['c=place', 'p1=beat', 'p2=barcelona beat', 'n1=0', 'n2=0 </s>', 'c=place p1=beat']
    """
    before = _CONTEXT.findall(text, max(0, start - 30), start)
    after = _AFTER.match(text, end)
    p1 = _token(before[-1]) if before else "<s>"
    p2 = _token(before[-2]) if len(before) > 1 else "<s>"
    n1 = _token(after.group(1)) if after else "</s>"
    n2 = _token(after.group(2)) if after and after.group(2) else "</s>"
    feats = ["c=" + cue, f"p1={p1}", f"p2={p2} {p1}", f"n1={n1}", f"n2={n1} {n2}", f"c={cue} p1={p1}"]
    if caps:
        feats += ["caps", f"caps c={cue}", f"caps n1={n1}"]
    if sport:
        feats += ["sport", f"sport c={cue}", f"sport n1={n1}"]
    return feats


def features(text: str, start: int, end: int, words: list[str], cue: str, caps: bool, sport: bool = False) -> list[str]:
    """Feature strings of the candidate name ``words`` at ``text[start:end]``, found by ``cue``.

    >>> features("Barcelona beat Porto 2-1", 0, 9, ["Barcelona"], "place", False)[:4]
    ['s=barcelona', 'w=barcelona', 'l=barcelona', 'x3=ona']
    """
    return name_features(tuple(words)) + context_features(text, start, end, cue, caps, sport)


class SpanTyper:
    """The shipped model (:func:`shipped_typer`) and where it decides.

    ``threshold``: the least probability of a type to retype a guess or merge a span; ``drop``: of ``MISC``
    or ``NONE`` to drop a guessed name; ``veto``: to keep the parts of a longer name apart; ``club``: of
    ``ORG`` to read a place as an organisation (in a sports report only); ``sure``:
    from it up, a type counts as evidence (``strength`` 2) the corpus classifier no longer overrides.
    """

    def __init__(
        self,
        weights: dict[str, tuple[float, ...]],
        bias: tuple[float, ...],
        *,
        threshold: float = 0.5,
        drop: float = 0.6,
        veto: float = 0.8,
        club: float = 0.6,
        sure: float = 0.9,
    ) -> None:
        self.weights, self.bias = weights, bias
        self.veto = veto
        self._name_scores: dict[tuple[str, ...], tuple[float, ...]] = {}  # a name's own part of the scores
        self.threshold, self.drop, self.club, self.sure = threshold, drop, club, sure

    # ------------------------------------------------------------------ the model
    def _scores(self, feats: list[str], base: tuple[float, ...]) -> tuple[float, ...]:
        s0, s1, s2, s3, s4 = base
        get = self.weights.get
        for feat in feats:
            w = get(feat)
            if w is not None:
                s0 += w[0]
                s1 += w[1]
                s2 += w[2]
                s3 += w[3]
                s4 += w[4]
        return s0, s1, s2, s3, s4

    def predict(self, feats: list[str]) -> list[float]:
        """Class probabilities (in :data:`CLASSES` order) of one candidate's features."""
        return _softmax(self._scores(feats, self.bias))

    def read(self, state: ArticleState, start: int, end: int, words: list[str], cue: str, sid: int) -> list[float]:
        """Class probabilities of the name ``words`` at ``start``–``end`` of the article."""
        name = self._name_scores.get(words_key := tuple(words))
        if name is None:
            if len(self._name_scores) > 200_000:
                self._name_scores.clear()
            name = self._name_scores[words_key] = self._scores(name_features(words_key), self.bias)
        context = context_features(state.text, start, end, cue, state.is_caps(sid), state.sport)
        return _softmax(self._scores(context, name))

    # ------------------------------------------------------------------ where it decides
    def merged(
        self, state: ArticleState, start: int, end: int, words: list[Word], sid: int, *, confirm: bool
    ) -> tuple[str, int, str] | None:
        """A longer name over a gazetteer sub-span: (type, strength, evidence) to make it one name,
        ("", 0, "") to keep its parts apart, None to leave it to the rules. With ``confirm`` the span is one
        name only if the model reads a type at ``threshold`` (else its parts stay apart); without, it is
        one name unless the model reads no name (``MISC``/``NONE`` at ``drop``)."""
        proba = self.read(state, start, end, [w[2] for w in words], "merged", sid)
        best = max(range(3), key=proba.__getitem__)
        p = proba[best]
        if p >= self.threshold:
            return ACTOR_TYPE[CLASSES[best]], MEDIUM if p >= self.sure else WEAK, f"model p={p:.2f}"
        if confirm or max(proba[3], proba[4]) >= self.veto:
            return "", 0, ""
        return None

    def annotate(self, state: ArticleState) -> None:
        """Retype the guessed discovered names and the gazetteer places the model reads otherwise; drop
        guessed names that it reads as no actor. A guessed name is read once per article: the mean
        probabilities of its first :data:`READS` mentions decide for all of them (one name, one sense, in one
        story); a place is read at each mention (a dateline city and its club meet in one sports report), in
        sports reports only (elsewhere it stays a place whatever the model reads)."""
        groups: dict[tuple[str, str], list[int]] = {}
        repeats = _repeated_names(state.rows)
        for idx, row in enumerate(state.rows):
            method, evidence = row["method"], str(row["evidence"])
            if method == "discovered" and evidence in GUESSES:
                surface = str(row["surface"])
                if " " not in surface and word_key(surface) in repeats:
                    continue  # the surname of a person or the first word of a firm named in full: an alias
                groups.setdefault((surface, evidence), []).append(idx)
            elif (
                method == "gazetteer"
                and row["actor_type"] == "place"
                and evidence in ("name", "capital")
                and state.sport
            ):  # a place is read as a club in sports reports only (``_place``): elsewhere it needs no reading
                groups[(str(idx), "place")] = [idx]  # each mention: a dateline city and its club are both common
        drop: list[int] = []
        for (_name, cue), indexes in groups.items():
            proba = self._mean(
                state, [state.rows[i] for i in indexes[:READS]], str(state.rows[indexes[0]]["surface"]).split(), cue
            )
            rows = [state.rows[i] for i in indexes]
            if cue == "place":
                self._place(state, rows, proba)
            elif self._guess(rows, proba, cue):
                drop.extend(indexes)
        if drop:
            state.drop_rows(drop)

    def _mean(self, state: ArticleState, rows: list[Row], words: list[str], cue: str) -> list[float]:
        reads = [
            self.read(state, int(r["start"]), int(r["end"]), words, cue, int(r["sentence_id"]))  # type: ignore[call-overload]
            for r in rows
        ]
        if len(reads) == 1:
            return reads[0]
        return [sum(values) / len(reads) for values in zip(*reads, strict=True)]

    def _guess(self, rows: list[Row], proba: list[float], cue: str) -> bool:
        """Retype a guessed name's mentions; whether to drop them."""
        if max(proba[3], proba[4]) >= self.drop and cue != "merged":
            return True  # (a merged span holds a gazetteer name: it stays, typed as the rules typed it)
        best = max(range(3), key=proba.__getitem__)
        p = proba[best]
        if p >= self.threshold:
            actor_type = ACTOR_TYPE[CLASSES[best]]
            for row in rows:
                if not (actor_type == "organization" and row["actor_type"] == "group"):
                    row["actor_type"] = actor_type
                row["evidence"] = f"model p={p:.2f}"
                row["strength"] = MEDIUM if p >= self.sure else WEAK
        return False

    def _place(self, state: ArticleState, rows: list[Row], proba: list[float]) -> None:
        """A place the model reads as an organisation named by it ("Barcelona" the club)."""
        if state.sport and proba[1] >= self.club:  # clubs named by their city: in sports reports only
            for row in rows:
                row.update(
                    actor_id=f"{row['actor_id']}:organization",
                    actor_type="organization",
                    metonymy=True,
                    evidence=f"model p={proba[1]:.2f}",
                )


def _repeated_names(rows: list[Row]) -> set[str]:
    """Keys of lone words that ``workbench.actors.aliases`` will make aliases whatever their type: surnames
    of persons named in full with evidence (a title, a given name, a dictionary) and first words of firms
    with a corporate suffix ("Texaco" after "Texaco Inc")."""
    keys: set[str] = set()
    for row in rows:
        words = str(row["actor"]).split()
        if len(words) < 2 or row["method"] == "alias":
            continue
        if row["actor_type"] == "person" and row_strength(row) >= MEDIUM:
            keys.add(word_key(str(row["surface"]).split()[-1]))
            keys.add(word_key(words[-1]))
        elif row["actor_type"] in ("organization", "group") and word_key(words[-1]) in CORP_SUFFIX:
            keys.add(word_key(words[0]))
    return keys


def _softmax(scores: tuple[float, ...]) -> list[float]:
    s0, s1, s2, s3, s4 = scores
    top = max(scores)
    exp = math.exp
    e0, e1, e2, e3, e4 = exp(s0 - top), exp(s1 - top), exp(s2 - top), exp(s3 - top), exp(s4 - top)
    total = e0 + e1 + e2 + e3 + e4
    return [e0 / total, e1 / total, e2 / total, e3 / total, e4 / total]


def load_typer(path: str | Path = MODEL_PATH) -> SpanTyper:
    """Read a model file written by ``benchmarks/train_actor_model.py`` (tab-separated: a feature, then one
    weight per class; the first row is the bias)."""
    weights: dict[str, tuple[float, ...]] = {}
    bias: tuple[float, ...] = (0.0,) * len(CLASSES)
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            values = tuple(float(v) for v in parts[1:])
            if parts[0] == "<bias>":
                bias = values
            else:
                weights[parts[0]] = values
    return SpanTyper(weights, bias)


@cache
def shipped_typer() -> SpanTyper | None:
    """The shipped model, loaded once; None when the file is missing (the rules then decide alone)."""
    return load_typer() if MODEL_PATH.exists() else None
