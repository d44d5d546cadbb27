"""Types for discovered names that the rules leave unsure, learnt from the corpus itself.

The rules type a discovered name from strong evidence (a title before it, a head word such as "Ministry" or
"Inc", a given name) or else guess (two or three capitalised words → person, one word → organisation). Where
they guess, this module asks a small classifier trained on the *same corpus*: mentions whose type is known
(dictionary and gazetteer matches, names typed by a title, a head word, a given name or an acronym) teach
which spellings and contexts go with persons, organisations and places, and the guessed names are typed by
what they look like and where they stand ("analyst with Merrill Lynch" is said like "analyst with Salomon
Brothers Inc"; "Reagan" alone is the "President Reagan" of other sentences).

Features (hashed, no vocabulary kept): the name's words, first and last word, suffixes and word shapes, its
length, and the words just before and after it. The model is a multinomial logistic regression (scikit-learn,
deterministic, no pretrained weights). Every mention of one actor gets the type of the mean probability over
its unsure mentions, and the evidence ``classifier p=0.83``; below ``threshold`` the rules' guess stays.
Too little labelled data (a few articles) leaves the rules' types untouched.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from workbench.actors.resources import GROUP_HEADS, ORG_HEADS, common_words, word_shape

#: Labels the classifier learns (country and place are one class; a discovered name is no known country).
CLASSES = ("organization", "person", "place")
_TYPE_TO_CLASS = {
    "person": "person",
    "organization": "organization",
    "group": "organization",
    "country": "place",
    "place": "place",
}
_CONTEXT = re.compile(r"[A-Za-z][\w'.&-]*|[,;:(\"\u201c\u201d]")
_FEATURES = 2**20
#: Words stripped from the end of an organisation's name for its training view (heads and connectors).
_STRIP = ORG_HEADS | GROUP_HEADS | frozenset("and & of the for cos sons partners associates".split())

WEAK = 1


def _word_key(word: str) -> str:
    """Lower case without a possessive ("Moody's" → "moody")."""
    low = word.lower()
    return low[:-2] if low.endswith(("'s", "\u2019s")) else low


def mention_features(text: str, start: int, end: int, words: Sequence[str] | None = None) -> list[str]:
    """Feature strings of the name ``text[start:end]`` (or of ``words`` standing there) in its context.

    >>> mention_features("an analyst with Merrill Lynch said", 16, 29)[:6]
    ['w=merrill', 'w=lynch', 'first=merrill', 'last=lynch', 'suf3=nch', 'suf2=ch']
    """
    if words is None:
        words = text[start:end].split()
    return [*_name_features(tuple(words)), *_context_features(text, start, end)]


@lru_cache(maxsize=100_000)
def _name_features(words: tuple[str, ...]) -> tuple[str, ...]:
    """The features of :func:`mention_features` that come from the name's words alone (memoised: a corpus
    names the same actors over and over)."""
    low = [_word_key(w) for w in words]
    last = low[-1]
    feats = [f"w={w}" for w in low]
    feats += [f"first={low[0]}", f"last={last}", f"suf3={last[-3:]}", f"suf2={last[-2:]}"]
    if len(words) > 1:
        feats.append(f"sufirst3={low[0][-3:]}")
    feats.append("shape=" + " ".join(word_shape(w) for w in words))
    feats.append(f"n={min(len(words), 4)}")
    return tuple(feats)


def _context_features(text: str, start: int, end: int) -> list[str]:
    """The features of :func:`mention_features` that come from the words around ``text[start:end]``."""
    before = [w.lower() for w in _CONTEXT.findall(text, max(0, start - 40), start)[-2:]]
    after = [w.lower() for w in _CONTEXT.findall(text, end, end + 40)[:2]]
    p1 = before[-1] if before else "<s>"
    p2 = before[-2] if len(before) > 1 else "<s>"
    n1 = after[0] if after else "</s>"
    n2 = after[1] if len(after) > 1 else "</s>"
    if text.startswith(("'s", "\u2019s"), end):
        n1, n2 = "'s", n1
    return [f"p1={p1}", f"p2={p2} {p1}", f"n1={n1}", f"n2={n1} {n2}", f"pn={p1} _ {n1}"]


def training_views(surface: str, label: str) -> list[list[str]]:
    """The forms of a labelled name that look like the unsure ones: without its head, and one word alone.

    Unsure names have no head word and no title (else the rules would have typed them), so an organisation
    is learnt without its head ("Merrill Lynch and Co Inc" → "Merrill Lynch", then "Merrill"), a person by
    the name and the surname alone ("Ronald Reagan", "Reagan"), a place also by its last word.

    >>> training_views("Merrill Lynch and Co Inc", "organization")
    [['Merrill', 'Lynch'], ['Merrill']]
    >>> training_views("Ronald Reagan", "person")
    [['Ronald', 'Reagan'], ['Reagan']]
    """
    words = surface.split()
    if label == "organization":
        while len(words) > 1 and _word_key(words[-1]).rstrip(".,") in _STRIP:
            words.pop()
    if not words:
        return []
    views = [words]
    if len(words) > 1:
        single = words[0] if label == "organization" else words[-1]
        if _word_key(single) not in _STRIP:
            views.append([single])
    return views


def in_set(column: pd.Series, values: Collection[str]) -> pd.Series:
    """``column.isin(values)``, fast for a text column and many values (pandas' Arrow strings convert the
    values one at a time; the corpus pass looks up thousands of actor ids in every partition).

    >>> in_set(pd.Series(["a", "b", "c"]), {"a", "c"}).tolist()
    [True, False, True]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    data = pa.array(column, from_pandas=True)
    if not (pa.types.is_string(data.type) or pa.types.is_large_string(data.type)):
        return column.isin(values)
    try:
        keys = pa.array(list(values), type=data.type)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # values that are not all text
        return column.isin(values)
    hit = pc.is_in(data, value_set=keys).to_numpy(zero_copy_only=False)
    return pd.Series(hit, index=column.index, name=column.name)


def _labels(mentions: pd.DataFrame) -> pd.Series:
    """Known class of each mention (NaN where the type is a guess, an alias, a demonym or a metonym)."""
    method, evidence = mentions["method"], mentions["evidence"].astype(str)
    known = method.isin(["dictionary", "gazetteer"]) & ~mentions["metonymy"].astype(bool)
    known &= evidence != "demonym"
    typed = (method == "discovered") & (mentions["strength"] > WEAK)
    label = mentions["actor_type"].map(_TYPE_TO_CLASS)
    return label.where(known | typed)


def _take(frame: pd.DataFrame, keys: list[str], per_key: int) -> pd.DataFrame:
    """The first ``per_key`` rows of each group (order kept)."""
    return frame[frame.groupby(keys, sort=False).cumcount() < per_key]


def _spread(frame: pd.DataFrame, key: str, most: int) -> pd.DataFrame:
    """At most ``most`` rows of each group, evenly spread over it (every k-th row, order kept)."""
    groups = frame.groupby(key, sort=False)[key]
    pos = groups.cumcount().to_numpy()
    step = np.maximum(groups.transform("size").to_numpy() // most, 1)
    return frame[(pos % step == 0) & (pos // step < most)]


@dataclass
class UnsureSummary:
    """What :func:`training_plan` needs of a set of mentions; summaries of consecutive parts merge
    (:func:`merge_unsure_summaries`) into the summary of the whole.

    ``train`` holds the labelled mentions that may be learnt from: the first ``per_actor`` of each
    (``label``, ``actor_id``), columns ``label``, ``actor_id``, ``surface``, indexed by the rows of the
    mentions frame (merged summaries need distinct row labels, such as (partition, row)).
    """

    weak: set[str]  # actor_ids of discovered names typed by a guess somewhere
    typed: set[str]  # actor_ids typed by evidence somewhere (or known to a dictionary or the gazetteer)
    train: pd.DataFrame


@dataclass
class TrainingPlan:
    """What the classifier learns from and which actors it may type, decided from the corpus summary."""

    unsure_ids: set[str]  # actors every typing of which is a guess
    train: pd.DataFrame  # the labelled mentions learnt from: ``label``, ``actor_id``, ``surface``
    seen: frozenset[str]  # words of labelled names: a lone word is typed only if it is one of them


def unsure_summary(mentions: pd.DataFrame, *, per_actor: int = 5) -> UnsureSummary:
    """The :class:`UnsureSummary` of ``mentions`` (the frame before the corpus pass, or one part of it)."""
    disc = mentions["method"] == "discovered"
    typed = (disc & (mentions["strength"] > WEAK)) | (~disc & (mentions["method"] != "alias"))
    label = _labels(mentions)
    has = label.notna().to_numpy()
    train = pd.DataFrame(
        {"label": label[has], "actor_id": mentions["actor_id"][has], "surface": mentions["surface"][has]}
    )
    return UnsureSummary(
        weak=set(mentions.loc[disc & (mentions["strength"] <= WEAK), "actor_id"].tolist()),
        typed=set(mentions.loc[typed, "actor_id"].tolist()),
        train=_take(train, ["label", "actor_id"], per_actor),
    )


def _concat(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    full = [f for f in frames if len(f)]
    return pd.concat(full) if full else frames[0]


def merge_unsure_summaries(summaries: Sequence[UnsureSummary], *, per_actor: int = 5) -> UnsureSummary:
    """The summary of the parts' rows taken in order (the first one is updated and returned)."""
    first = summaries[0]
    for other in summaries[1:]:
        first.weak |= other.weak
        first.typed |= other.typed
    first.train = _take(_concat([s.train for s in summaries]), ["label", "actor_id"], per_actor)
    return first


def training_plan(summary: UnsureSummary, *, min_per_class: int = 20, per_class: int = 6000) -> TrainingPlan | None:
    """Unsure actors and training mentions, or None when there is nothing to type or too little to learn."""
    unsure_ids = summary.weak - summary.typed
    if not unsure_ids:
        return None
    counts = summary.train["label"].value_counts()
    classes = sorted(c for c, n in counts.items() if n >= min_per_class)
    if len(classes) < 2:
        return None
    train = _spread(summary.train[summary.train["label"].isin(classes)], "label", per_class)
    # a lone word is typed only if the corpus has labelled it elsewhere ("Reagan" of "President Reagan"):
    # labelled lone words are mostly gazetteer places, so shape and context alone would call every one a place
    seen = {
        _word_key(w)
        for surface, cls in train[["surface", "label"]].drop_duplicates().itertuples(index=False)
        for view in training_views(str(surface), cls)
        for w in view
    }
    seen -= common_words()  # "River", "Savings", "City": common words alone are not names to type
    return TrainingPlan(unsure_ids=unsure_ids, train=train, seen=frozenset(seen))


def unsure_targets(mentions: pd.DataFrame, plan: TrainingPlan, *, per_unsure_actor: int = 20) -> pd.DataFrame:
    """The mentions the classifier reads to type an unsure actor: its guessed mentions (a lone word only if
    ``plan.seen`` has it), the first ``per_unsure_actor`` of each actor; columns ``actor_id``, ``surface``,
    indexed by the rows of ``mentions``. Targets of consecutive parts merge with :func:`merge_targets`."""
    disc = mentions["method"] == "discovered"
    unsure = disc & (mentions["strength"] <= WEAK) & in_set(mentions["actor_id"], plan.unsure_ids)
    target = mentions.loc[unsure, ["actor_id", "surface"]]
    lone = ~target["surface"].str.contains(" ", regex=False)
    keys = pd.Series([_word_key(w) for w in target["surface"].tolist()], index=target.index, dtype=object)
    target = target[~lone | in_set(keys, plan.seen)]
    return _take(target, ["actor_id"], per_unsure_actor)


def merge_targets(parts: Sequence[pd.DataFrame], *, per_unsure_actor: int = 20) -> pd.DataFrame:
    """The targets of the parts' rows taken in order (as :func:`unsure_targets` of the whole)."""
    return _take(_concat(parts), ["actor_id"], per_unsure_actor)


def decide_types(
    train: pd.DataFrame, targets: pd.DataFrame, *, threshold: float = 0.6, lone_threshold: float = 0.7
) -> pd.DataFrame:
    """The type (``cls``) and mean probability (``p``) of each unsure actor that reaches the bar, indexed by
    ``actor_id``: a classifier fit on ``train`` (the plan's rows) reads ``targets``.

    Both frames carry the mention's context: ``text`` (the article, or any window of it that holds the
    40 characters either side of the mention) and ``start``, ``end`` (the mention's offsets in ``text``).
    """
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.linear_model import SGDClassifier

    hasher = FeatureHasher(n_features=_FEATURES, input_type="string", alternate_sign=False)
    feats, labels = [], []
    columns = [train[c].tolist() for c in ("text", "start", "end", "surface", "label")]
    for text, start, end, surface, cls in zip(*columns, strict=True):
        context: list[str] | None = None  # the same for every view of the mention
        for view in training_views(str(surface), cls):
            if context is None:
                context = _context_features(text, int(start), int(end))
            feats.append([*_name_features(tuple(view)), *context])
            labels.append(cls)
    x_train = hasher.transform(feats)
    x_target = hasher.transform(
        mention_features(text, int(s), int(e))
        for text, s, e in zip(targets["text"].tolist(), targets["start"].tolist(), targets["end"].tolist(), strict=True)
    )
    used = np.unique(x_train.indices)  # fit on the hashed columns that occur in training only
    model = SGDClassifier(loss="log_loss", alpha=1e-4, max_iter=5, tol=None, class_weight="balanced", random_state=0)
    model.fit(x_train[:, used], np.asarray(labels))
    proba = model.predict_proba(x_target[:, used])
    mean = pd.DataFrame(proba, columns=model.classes_).groupby(targets["actor_id"].to_numpy(), sort=False).mean()
    best = mean.to_numpy().argmax(axis=1)
    p = mean.to_numpy()[np.arange(len(mean)), best]
    decided = pd.DataFrame({"cls": np.asarray(model.classes_)[best], "p": p}, index=mean.index)
    lone_ids = set(targets.loc[~targets["surface"].str.contains(" ", regex=False), "actor_id"].tolist())
    bar = np.where(decided.index.isin(list(lone_ids)), max(threshold, lone_threshold), threshold)
    return decided[decided["p"].to_numpy() >= bar]


#: What :func:`decide_types` returns when nothing is decided.
NO_TYPES = pd.DataFrame({"cls": pd.Series(dtype=object), "p": pd.Series(dtype=float)})


def apply_types(mentions: pd.DataFrame, decided: pd.DataFrame) -> pd.DataFrame:
    """``mentions`` (all of them or one part) with the decided types: every discovered or alias mention of a
    decided actor gets its type, the discovered ones the evidence ``classifier p=…``. Returns a new frame."""
    if decided.empty:
        return mentions.copy()
    out = mentions.copy()
    hit = in_set(out["actor_id"], decided.index) & out["method"].isin(["discovered", "alias"])
    ids = out.loc[hit, "actor_id"]
    out.loc[hit, "actor_type"] = ids.map(decided["cls"]).to_numpy()
    weak = hit & (out["method"] == "discovered")
    evidence = "classifier p=" + decided["p"].map("{:.2f}".format)
    out.loc[weak, "evidence"] = out.loc[weak, "actor_id"].map(evidence)
    return out


def _with_texts(rows: pd.DataFrame, mentions: pd.DataFrame, texts: Mapping[str, str]) -> pd.DataFrame:
    """``rows`` of ``mentions`` with their context for :func:`decide_types`: the whole article text."""
    where = mentions.loc[rows.index]
    return rows.assign(  # texts as Python objects: an Arrow column would copy every article
        text=pd.Series([texts.get(aid, "") for aid in where["article_id"].tolist()], index=rows.index, dtype=object),
        start=where["start"].to_numpy(),
        end=where["end"].to_numpy(),
    )


def retype_unsure(
    mentions: pd.DataFrame,
    texts: Mapping[str, str],
    *,
    threshold: float = 0.6,
    lone_threshold: float = 0.7,
    min_per_class: int = 20,
    per_actor: int = 5,
    per_class: int = 6000,
    per_unsure_actor: int = 20,
) -> pd.DataFrame:
    """Retype discovered actors whose every typing is a guess, by a classifier trained on this corpus.

    ``mentions`` is the frame of :func:`workbench.actors.tables.mentions_table` before the corpus pass;
    ``texts`` maps ``article_id`` to the article text. Returns a new frame; the input is not changed. Nothing
    changes when fewer than two classes have ``min_per_class`` labelled mentions.

    Training: at most ``per_actor`` mentions of one actor (the first ones) and ``per_class`` of one class
    (evenly spread), each as its :func:`training_views`, classes weighted to balance; runs are reproducible.
    Prediction: the probabilities of at most ``per_unsure_actor`` mentions of an unsure actor are averaged;
    an actor named by one word is typed only if that word is part of a labelled name and not a common word,
    and only at ``lone_threshold``.

    The steps (:func:`unsure_summary`, :func:`training_plan`, :func:`unsure_targets`, :func:`decide_types`,
    :func:`apply_types`) also run over partitions of a corpus (``workbench.scale.actors``), with the same result.
    """
    if mentions.empty:
        return mentions.copy()
    plan = training_plan(
        unsure_summary(mentions, per_actor=per_actor), min_per_class=min_per_class, per_class=per_class
    )
    if plan is None:
        return mentions.copy()
    targets = unsure_targets(mentions, plan, per_unsure_actor=per_unsure_actor)
    if targets.empty:
        return mentions.copy()
    decided = decide_types(
        _with_texts(plan.train, mentions, texts),
        _with_texts(targets, mentions, texts),
        threshold=threshold,
        lone_threshold=lone_threshold,
    )
    return apply_types(mentions, decided)
