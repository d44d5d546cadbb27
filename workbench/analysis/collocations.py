"""Collocations with NLTK's collocation finders (no downloaded data): PMI and likelihood ratio.

Word pairs (or triples) are counted within sentences on the tokens' ``norm``; stopwords, numbers and
punctuation are filtered out of the candidates after counting (so "talks in Istanbul" is not a pair, but
"afghan taliban" is). ``collocates`` lists the words found near one word (Voyant's "Collocates").

>>> from workbench.analysis.vectors import frames_from_texts
>>> _, _, tokens = frames_from_texts({"a": "Afghan Taliban talks. The Afghan Taliban said no. Afghan food."})
>>> collocations(tokens, min_freq=2)[["w1", "w2", "freq"]].values.tolist()
[['afghan', 'taliban', 2]]
"""

from __future__ import annotations

import pandas as pd
from nltk.collocations import (
    BigramAssocMeasures,
    BigramCollocationFinder,
    TrigramAssocMeasures,
    TrigramCollocationFinder,
)

from workbench.analysis.vectors import WorkbenchError, content_mask

__all__ = ["collocations", "collocates"]

MEASURES = ("pmi", "likelihood_ratio")


def _sentences(tokens: pd.DataFrame) -> list[list[str]]:
    tok = tokens.sort_values(["article_id", "token_id"], kind="stable")
    norms = tok["norm"].astype(str).where(content_mask(tok), "\x00")  # "\x00" marks a filtered word
    keys = tok["article_id"].astype(str) + "\x01" + tok["sentence_id"].astype(str)
    return [list(group) for _, group in norms.groupby(keys.to_numpy(), sort=False)]


def collocations(
    tokens: pd.DataFrame,
    *,
    measure: str = "likelihood_ratio",
    n: int = 30,
    min_freq: int = 2,
    size: int = 2,
) -> pd.DataFrame:
    """The strongest word pairs (``size=2``) or triples (``size=3``) of the corpus.

    Args:
        tokens: the ``tokens`` frame (or a slice of it: one article, an actor's sentences).
        measure: ``"likelihood_ratio"`` (Dunning; favours frequent, reliable pairs) or ``"pmi"`` (favours
            rare, exclusive pairs; use with ``min_freq`` of 3 or more).
        n: how many to return.
        min_freq: ignore candidates seen fewer times.
        size: 2 or 3 words.

    Returns:
        w1, w2 (, w3), term, score, freq, measure — best first.
    """
    if measure not in MEASURES:
        raise WorkbenchError(f"measure must be 'pmi' or 'likelihood_ratio'; got {measure!r}")
    if size not in (2, 3):
        raise WorkbenchError("size must be 2 (pairs) or 3 (triples)")
    if len(tokens) == 0:
        raise WorkbenchError("no tokens: the corpus is empty")
    sents = _sentences(tokens)
    if size == 2:
        finder = BigramCollocationFinder.from_documents(sents)
        scorer = getattr(BigramAssocMeasures, measure)
    else:
        finder = TrigramCollocationFinder.from_documents(sents)
        scorer = getattr(TrigramAssocMeasures, measure)
    finder.apply_freq_filter(min_freq)
    finder.apply_word_filter(lambda w: w == "\x00")
    freq = finder.ngram_fd
    rows = [
        {
            **{f"w{i + 1}": w for i, w in enumerate(gram)},
            "term": " ".join(gram),
            "score": float(score),
            "freq": int(freq[gram]),
            "measure": measure,
        }
        for gram, score in finder.score_ngrams(scorer)
    ]
    cols = [f"w{i + 1}" for i in range(size)] + ["term", "score", "freq", "measure"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["score", "term"], ascending=[False, True], kind="stable").head(n).reset_index(drop=True)


def collocates(
    tokens: pd.DataFrame,
    word: str,
    *,
    window: int = 5,
    measure: str = "likelihood_ratio",
    n: int = 20,
    min_freq: int = 2,
) -> pd.DataFrame:
    """Words found within ``window`` words of ``word`` (in the same sentence), scored by association.

    Returns:
        word, collocate, score, freq, measure — best first.
    """
    if measure not in MEASURES:
        raise WorkbenchError(f"measure must be 'pmi' or 'likelihood_ratio'; got {measure!r}")
    target = word.strip().lower()
    if not target or " " in target:
        raise WorkbenchError(f"collocates need one word; got {word!r} (use kwic for phrases)")
    sents = _sentences(tokens)
    words = [w for s in sents for w in s + ["\x00"] * window]  # padding keeps windows inside sentences
    finder = BigramCollocationFinder.from_words(words, window_size=max(window, 2))
    finder.apply_freq_filter(min_freq)
    finder.apply_word_filter(lambda w: w == "\x00")
    finder.apply_ngram_filter(lambda a, b: target not in (a, b))
    scorer = getattr(BigramAssocMeasures, measure)
    best: dict[str, tuple[float, int]] = {}
    for (a, b), score in finder.score_ngrams(scorer):
        other = b if a == target else a
        freq = int(finder.ngram_fd[(a, b)])
        if other not in best or score > best[other][0]:
            best[other] = (float(score), freq)
    rows = [{"word": target, "collocate": c, "score": s, "freq": f, "measure": measure} for c, (s, f) in best.items()]
    out = pd.DataFrame(rows, columns=["word", "collocate", "score", "freq", "measure"])
    return (
        out.sort_values(["score", "collocate"], ascending=[False, True], kind="stable").head(n).reset_index(drop=True)
    )
