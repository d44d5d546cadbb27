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
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from workbench.extract.actor_resources import GROUP_HEADS, ORG_HEADS, common_words

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
_SHAPE_TABLE = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "X" * 26 + "x" * 26 + "d" * 10
)
_RUNS = re.compile(r"([Xxd])\1+")
_FEATURES = 2**20
#: Words stripped from the end of an organisation's name for its training view (heads and connectors).
_STRIP = ORG_HEADS | GROUP_HEADS | frozenset("and & of the for cos sons partners associates".split())

WEAK = 1


def _shape(word: str) -> str:
    """``Merrill`` → ``Xx``, ``NATO`` → ``X``, ``E.F.`` → ``X.X.``, ``1987`` → ``d``."""
    return _RUNS.sub(r"\1", word.translate(_SHAPE_TABLE))


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
    low = [_word_key(w) for w in words]
    last = low[-1]
    feats = [f"w={w}" for w in low]
    feats += [f"first={low[0]}", f"last={last}", f"suf3={last[-3:]}", f"suf2={last[-2:]}"]
    if len(words) > 1:
        feats.append(f"sufirst3={low[0][-3:]}")
    feats.append("shape=" + " ".join(_shape(w) for w in words))
    feats.append(f"n={min(len(words), 4)}")
    before = [w.lower() for w in _CONTEXT.findall(text, max(0, start - 40), start)[-2:]]
    after = [w.lower() for w in _CONTEXT.findall(text, end, end + 40)[:2]]
    p1 = before[-1] if before else "<s>"
    p2 = before[-2] if len(before) > 1 else "<s>"
    n1 = after[0] if after else "</s>"
    n2 = after[1] if len(after) > 1 else "</s>"
    if text.startswith(("'s", "\u2019s"), end):
        n1, n2 = "'s", n1
    feats += [f"p1={p1}", f"p2={p2} {p1}", f"n1={n1}", f"n2={n1} {n2}", f"pn={p1} _ {n1}"]
    return feats


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

    ``mentions`` is the frame of :func:`workbench.extract.actors.mentions_table` before the corpus pass;
    ``texts`` maps ``article_id`` to the article text. Returns a new frame; the input is not changed. Nothing
    changes when fewer than two classes have ``min_per_class`` labelled mentions.

    Training: at most ``per_actor`` mentions of one actor (the first ones) and ``per_class`` of one class
    (evenly spread), each as its :func:`training_views`, classes weighted to balance; runs are reproducible.
    Prediction: the probabilities of at most ``per_unsure_actor`` mentions of an unsure actor are averaged;
    an actor named by one word is typed only if that word is part of a labelled name and not a common word,
    and only at ``lone_threshold``.
    """
    if mentions.empty:
        return mentions.copy()
    disc = mentions["method"] == "discovered"
    unsure_ids = set(mentions.loc[disc & (mentions["strength"] <= WEAK), "actor_id"])
    if not unsure_ids:
        return mentions.copy()
    typed = (disc & (mentions["strength"] > WEAK)) | (~disc & (mentions["method"] != "alias"))
    unsure_ids -= set(mentions.loc[typed, "actor_id"])
    label = _labels(mentions)
    train = mentions.assign(label=label).dropna(subset=["label"])
    train = _take(train, ["label", "actor_id"], per_actor)
    counts = train["label"].value_counts()
    classes = sorted(c for c, n in counts.items() if n >= min_per_class)
    if len(classes) < 2 or not unsure_ids:
        return mentions.copy()
    train = _spread(train[train["label"].isin(classes)], "label", per_class)
    target = mentions[disc & (mentions["strength"] <= WEAK) & mentions["actor_id"].isin(unsure_ids)]
    # a lone word is typed only if the corpus has labelled it elsewhere ("Reagan" of "President Reagan"):
    # labelled lone words are mostly gazetteer places, so shape and context alone would call every one a place
    seen = {
        _word_key(w)
        for surface, cls in train[["surface", "label"]].drop_duplicates().itertuples(index=False)
        for view in training_views(str(surface), cls)
        for w in view
    }
    seen -= common_words()  # "River", "Savings", "City": common words alone are not names to type
    lone = ~target["surface"].str.contains(" ", regex=False)
    target = target[~lone | target["surface"].map(_word_key).isin(seen)]
    target = _take(target, ["actor_id"], per_unsure_actor)
    if target.empty:
        return mentions.copy()

    from sklearn.feature_extraction import FeatureHasher
    from sklearn.linear_model import SGDClassifier

    hasher = FeatureHasher(n_features=_FEATURES, input_type="string", alternate_sign=False)
    feats, labels = [], []
    for aid, start, end, surface, cls in zip(
        train["article_id"], train["start"], train["end"], train["surface"], train["label"], strict=True
    ):
        text = texts.get(aid, "")
        for view in training_views(str(surface), cls):
            feats.append(mention_features(text, int(start), int(end), view))
            labels.append(cls)
    x_train = hasher.transform(feats)
    x_target = hasher.transform(
        mention_features(texts.get(aid, ""), int(s), int(e))
        for aid, s, e in zip(target["article_id"], target["start"], target["end"], strict=True)
    )
    used = np.unique(x_train.indices)  # fit on the hashed columns that occur in training only
    model = SGDClassifier(loss="log_loss", alpha=1e-4, max_iter=15, tol=None, class_weight="balanced", random_state=0)
    model.fit(x_train[:, used], np.asarray(labels))
    proba = model.predict_proba(x_target[:, used])
    mean = pd.DataFrame(proba, columns=model.classes_).groupby(target["actor_id"].to_numpy(), sort=False).mean()
    best = mean.to_numpy().argmax(axis=1)
    p = mean.to_numpy()[np.arange(len(mean)), best]
    decided = pd.DataFrame({"cls": np.asarray(model.classes_)[best], "p": p}, index=mean.index)
    lone_ids = set(target.loc[~target["surface"].str.contains(" ", regex=False), "actor_id"])
    bar = np.where(decided.index.isin(list(lone_ids)), max(threshold, lone_threshold), threshold)
    decided = decided[decided["p"].to_numpy() >= bar]
    if decided.empty:
        return mentions.copy()
    out = mentions.copy()
    hit = out["actor_id"].isin(decided.index) & out["method"].isin(["discovered", "alias"])
    ids = out.loc[hit, "actor_id"]
    out.loc[hit, "actor_type"] = ids.map(decided["cls"]).to_numpy()
    weak = hit & (out["method"] == "discovered")
    evidence = "classifier p=" + decided["p"].map("{:.2f}".format)
    out.loc[weak, "evidence"] = out.loc[weak, "actor_id"].map(evidence)
    return out
