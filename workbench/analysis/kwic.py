"""Keywords in context (KWIC): every occurrence of a word or phrase with the words around it.

Matching is on the tokens' ``norm`` (lower-cased, curly quotes and dashes folded), so "Pakistan’s",
"pakistan's" and "PAKISTAN'S" are one query; a phrase matches a run of consecutive tokens; a word ending in
``*`` matches any word it begins ("negotiat*"). The window counts words (punctuation is shown but not
counted) and stays inside the article. Each row links back to its article and sentence, with the character
offsets of the match in ``articles.text``.

>>> from workbench.analysis.vectors import frames_from_texts
>>> text = "Talks resumed in Istanbul. The Istanbul talks, he said, failed."
>>> articles, _, tokens = frames_from_texts({"a": text})
>>> kwic(articles, tokens, "istanbul talks", window=2)[["left", "match", "right"]].values.tolist()
[['Istanbul. The', 'Istanbul talks', ', he said']]
>>> kwic(articles, tokens, "talk*", window=1, sort="left")[["left", "match"]].values.tolist()
[['', 'Talks'], ['Istanbul', 'talks']]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from workbench.analysis.vectors import WorkbenchError
from workbench.text import norm, tokenize

__all__ = ["kwic", "kwic_spans", "match_spans", "query_norms", "token_matches"]

COLUMNS = ["article_id", "sentence_id", "start", "end", "left", "match", "right", "left_key", "right_key"]
_SPACE = re.compile(r"\s+")
_WORDLIKE = re.compile(r"\w")


def query_norms(query: str) -> list[str]:
    """The norms a query matches, one per token (``"negotiat*"`` stays a prefix); the corpus word index
    (``corpus.words``) parses queries with it, so both match the same tokens."""
    text = query.strip()
    spans = tokenize(text)
    out: list[str] = []
    for s, e in spans:
        piece = norm(text[s:e])
        if piece == "*" and out:
            out[-1] += "*"
        else:
            out.append(piece)
    return out


def token_matches(values: np.ndarray, pattern: str) -> np.ndarray:
    """Which of ``values`` (norms) ``pattern`` matches: equal, or beginning with it when it ends in ``*``."""
    if pattern.endswith("*") and len(pattern) > 1:
        return np.char.startswith(values.astype(str), pattern[:-1])
    return values == pattern


def match_spans(tokens: pd.DataFrame, query: str | Iterable[str]) -> pd.DataFrame:
    """Where ``query`` (a word, a phrase, or several) occurs.

    Returns article_id, sentence_id, start, end, token_id, length (in tokens) and query (which one matched);
    a span matched by two queries is listed once (for the first).

    >>> from workbench.analysis.vectors import frames_from_texts
    >>> _, _, tokens = frames_from_texts({"a": "Afghan Taliban and the Afghan Taliban’s envoys."})
    >>> match_spans(tokens, "afghan taliban")[["start", "end"]].values.tolist()
    [[0, 14], [23, 37]]
    """
    queries = [query] if isinstance(query, str) else list(query)
    pairs = [(q, p) for q, p in ((q, query_norms(q)) for q in queries) if p]
    if not pairs:
        raise WorkbenchError(f"empty query {query!r}: give a word or a phrase")
    if len(tokens) == 0:
        return pd.DataFrame(columns=["article_id", "sentence_id", "start", "end", "token_id", "length", "query"])
    art_codes, _ = pd.factorize(tokens["article_id"].astype(str))
    order = np.lexsort((tokens["token_id"].to_numpy(), art_codes))
    tok = tokens.iloc[order]
    norms = tok["norm"].astype(str).to_numpy(dtype=object)
    acode = art_codes[order]
    frames = []
    for text, pat in pairs:
        hits = np.flatnonzero(token_matches(norms, pat[0]))
        for k, piece in enumerate(pat[1:], start=1):
            hits = hits[hits + k < len(norms)]
            ok = (acode[hits + k] == acode[hits]) & token_matches(norms[hits + k], piece)
            hits = hits[ok]
        last = hits + len(pat) - 1
        frames.append(
            pd.DataFrame(
                {
                    "article_id": tok["article_id"].astype(str).to_numpy()[hits],
                    "sentence_id": tok["sentence_id"].to_numpy()[hits],
                    "start": tok["start"].to_numpy()[hits],
                    "end": tok["end"].to_numpy()[last],
                    "token_id": tok["token_id"].to_numpy()[hits],
                    "length": len(pat),
                    "query": text,
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    return (
        out.sort_values(["article_id", "start", "end"], kind="stable")
        .drop_duplicates(["article_id", "start", "end"])
        .reset_index(drop=True)
    )


def kwic(
    articles: pd.DataFrame,
    tokens: pd.DataFrame,
    query: str | Iterable[str],
    *,
    window: int = 8,
    sort: str | None = None,
) -> pd.DataFrame:
    """Every occurrence of ``query`` with ``window`` words of context on each side.

    Args:
        articles: the ``articles`` frame (for ``text``).
        tokens: the ``tokens`` frame.
        query: a word, a phrase ("constitutional amendment"), a prefix ("negotiat*"), or a list of them.
        window: words of context on each side.
        sort: ``None`` (corpus order), ``"left"`` (by the words just before the match, nearest first) or
            ``"right"`` (by the words just after it).

    Returns:
        article_id, sentence_id, start, end, left, match, right, left_key, right_key (sort keys).
    """
    return kwic_spans(articles, tokens, match_spans(tokens, query), window=window, sort=sort)


def kwic_spans(
    articles: pd.DataFrame,
    tokens: pd.DataFrame,
    spans: pd.DataFrame,
    *,
    window: int = 8,
    sort: str | None = None,
) -> pd.DataFrame:
    """KWIC rows for given spans (article_id, start, end; sentence_id optional), e.g. an actor's mentions.

    Extra columns of ``spans`` (``actor``, ``surface`` …) are kept.
    """
    if window < 0:
        raise WorkbenchError("window must be 0 or more words")
    if sort not in (None, "left", "right"):
        raise WorkbenchError(f"sort must be None, 'left' or 'right'; got {sort!r}")
    missing = {"article_id", "start", "end"} - set(spans.columns)
    if missing:
        raise WorkbenchError(f"spans need columns article_id, start, end (missing: {', '.join(sorted(missing))})")
    extra = [c for c in spans.columns if c not in COLUMNS and c not in ("token_id", "length", "query")]
    if len(spans) == 0:
        return pd.DataFrame(columns=COLUMNS + extra)
    texts = dict(zip(articles["article_id"].astype(str), articles["text"], strict=False))
    rank = {aid: i for i, aid in enumerate(texts)}
    tok = tokens[["article_id", "sentence_id", "token_id", "norm", "start", "end"]]
    tok = tok[tok["article_id"].astype(str).isin(set(spans["article_id"].astype(str)))]
    words = tok[tok["norm"].astype(str).str.contains(_WORDLIKE)]
    words = words.assign(_aid=words["article_id"].astype(str)).sort_values(["_aid", "start"], kind="stable")
    # every article's word tokens as one slice of these arrays (no per-article frames)
    w_aid = words["_aid"].to_numpy(dtype=object)
    all_start, all_end = words["start"].to_numpy(), words["end"].to_numpy()
    all_norm = words["norm"].astype(str).to_numpy(dtype=object)
    all_sent = words["sentence_id"].to_numpy()
    bounds = np.flatnonzero(np.concatenate([[True], w_aid[1:] != w_aid[:-1]])) if len(w_aid) else np.zeros(0, int)
    ends = np.append(bounds[1:], len(w_aid))
    by_article = {
        w_aid[lo]: (all_start[lo:hi], all_end[lo:hi], all_norm[lo:hi], all_sent[lo:hi])
        for lo, hi in zip(bounds.tolist(), ends.tolist(), strict=True)
    }
    empty = (np.array([], dtype=np.int64),) * 2 + (np.array([], dtype=object), np.array([], dtype=np.int64))
    rows = []
    for rec in spans.to_dict("records"):
        aid = str(rec["article_id"])
        if aid not in texts:
            raise WorkbenchError(f"span in article {aid!r}, which is not in the articles frame")
        text = texts[aid]
        start, end = int(rec["start"]), int(rec["end"])
        w_start, w_end, w_norm, w_sent = by_article.get(aid, empty)
        i = int(np.searchsorted(w_start, start, side="left"))
        j = int(np.searchsorted(w_start, end, side="left"))
        lo = max(i - window, 0)
        left_start = int(w_start[lo]) if window and i > 0 else start
        hi = min(j + window, len(w_start))
        right_end = int(w_end[hi - 1]) if window and hi > j else end
        sentence_id = rec.get("sentence_id")
        if sentence_id is None or pd.isna(sentence_id):
            sentence_id = int(w_sent[min(i, len(w_sent) - 1)]) if len(w_sent) else -1
        row = {
            "article_id": aid,
            "sentence_id": int(sentence_id),
            "start": start,
            "end": end,
            "left": _SPACE.sub(" ", text[left_start:start]).strip(),
            "match": _SPACE.sub(" ", text[start:end]),
            "right": _SPACE.sub(" ", text[end:right_end]).strip(),
            "left_key": " ".join(w_norm[lo:i][::-1]),
            "right_key": " ".join(w_norm[j:hi]),
            "_rank": rank[aid],
        }
        row.update({c: rec[c] for c in extra})
        rows.append(row)
    out = pd.DataFrame(rows)
    keys = {
        None: ["_rank", "start"],
        "left": ["left_key", "_rank", "start"],
        "right": ["right_key", "_rank", "start"],
    }
    out = out.sort_values(keys[sort], kind="stable").drop(columns="_rank").reset_index(drop=True)
    return out[COLUMNS + extra]
