"""The per-article work, as pure functions: one article's text → its rows in the sentence and token tables.

``segment_article`` handles one article and returns plain column lists; ``segment_frames`` maps it over a
frame of articles and builds the tables with vectorised (pyarrow) string operations for the token flags. A
later scale-out maps ``segment_frames`` over Dask partitions unchanged: it depends only on its input.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from workbench import schema
from workbench.paths import interactive
from workbench.text.resources import FOLD_TABLE, stopwords
from workbench.text.segment import paragraphs, sentences
from workbench.text.tokenize import tokenize

#: The declared columns of the sentences and tokens tables (``workbench.schema``).
SENTENCE_COLUMNS = schema.columns("sentences")
TOKEN_COLUMNS = schema.columns("tokens")


def segment_article(article_id: str, text: str) -> dict[str, list[Any]]:
    """Sentences and tokens of one article, as column lists (``s_*`` for sentences, ``t_*`` for tokens).

    >>> cols = segment_article("a1", "Pakistan’s delegation left. Talks begin tomorrow.")
    >>> cols["s_text"], cols["t_token"][:3]
    (['Pakistan’s delegation left.', 'Talks begin tomorrow.'], ['Pakistan', '’s', 'delegation'])
    """
    sents = sentences(text, paragraphs(text))
    s_start = [s for s, _, _ in sents]
    s_end = [e for _, e, _ in sents]
    spans = tokenize(text)
    t_start = [s for s, _ in spans]
    t_end = [e for _, e in spans]
    # Tokens never cross a sentence boundary (boundaries fall on whitespace): the tokens of sentence k are
    # those from the first token at or after its start up to the next sentence's first token.
    t_sent: list[int] = []
    firsts = [bisect_left(t_start, s) for s in s_start] + [len(t_start)]
    for sid in range(len(sents)):
        t_sent.extend([sid] * (firsts[sid + 1] - firsts[sid]))
    folded = text.translate(FOLD_TABLE).lower()
    if len(folded) == len(text):
        t_norm = [folded[s:e] for s, e in spans]
    else:  # a character whose lower case is longer (e.g. "İ"): fold token by token
        t_norm = [text[s:e].translate(FOLD_TABLE).lower() for s, e in spans]
    return {
        "s_sentence_id": list(range(len(sents))),
        "s_paragraph_id": [p for _, _, p in sents],
        "s_start": s_start,
        "s_end": s_end,
        "s_text": [text[s:e] for s, e in zip(s_start, s_end, strict=True)],
        "t_sentence_id": t_sent,
        "t_token_id": list(range(len(t_start))),
        "t_start": t_start,
        "t_end": t_end,
        "t_token": [text[s:e] for s, e in spans],
        "t_norm": t_norm,
    }


def segment_frames(articles: pd.DataFrame, *, progress: bool | None = None) -> dict[str, pd.DataFrame]:
    """The ``sentences`` and ``tokens`` tables of ``articles`` (columns ``article_id`` and ``text``)."""
    if progress is None:
        progress = len(articles) > 2000 and interactive()
    ids = articles["article_id"].tolist()
    texts = articles["text"].tolist()
    items = zip(ids, texts, strict=True)
    if progress:
        from tqdm import tqdm

        items = tqdm(items, total=len(ids), desc="tokenizing", unit="article")
    s_cols: dict[str, list[Any]] = {k: [] for k in SENTENCE_COLUMNS if k != "article_id"}
    t_cols: dict[str, list[Any]] = {k: [] for k in ("sentence_id", "token_id", "token", "norm", "start", "end")}
    s_counts: list[int] = []
    t_counts: list[int] = []
    for aid, text in items:
        cols = segment_article(aid, text)
        s_counts.append(len(cols["s_start"]))
        t_counts.append(len(cols["t_start"]))
        for name in ("sentence_id", "paragraph_id", "start", "end", "text"):
            s_cols[name].extend(cols["s_" + name])
        for name in ("sentence_id", "token_id", "token", "norm", "start", "end"):
            t_cols[name].extend(cols["t_" + name])
    id_dictionary = pa.array(ids, type=pa.string())
    sentences_frame = pd.DataFrame(
        {
            "article_id": _repeat(id_dictionary, s_counts),
            "sentence_id": np.array(s_cols["sentence_id"], dtype=np.int32),
            "paragraph_id": np.array(s_cols["paragraph_id"], dtype=np.int32),
            "start": np.array(s_cols["start"], dtype=np.int64),
            "end": np.array(s_cols["end"], dtype=np.int64),
            "text": _strings(s_cols["text"]),
        }
    )
    token_arr = pa.array(t_cols["token"], type=pa.string())
    norm = pa.array(t_cols["norm"], type=pa.string())
    stop = pa.array(sorted(stopwords()), type=pa.string())
    tokens_frame = pd.DataFrame(
        {
            "article_id": _repeat(id_dictionary, t_counts),
            "sentence_id": np.array(t_cols["sentence_id"], dtype=np.int32),
            "token_id": np.array(t_cols["token_id"], dtype=np.int32),
            "token": pd.arrays.ArrowStringArray(token_arr),
            "norm": pd.arrays.ArrowStringArray(norm),
            "start": np.array(t_cols["start"], dtype=np.int64),
            "end": np.array(t_cols["end"], dtype=np.int64),
            "is_alpha": pc.utf8_is_alpha(token_arr).to_numpy(zero_copy_only=False),
            "is_stop": pc.is_in(norm, value_set=stop).to_numpy(zero_copy_only=False),
            "is_punct": pc.match_substring_regex(token_arr, r"^[\p{P}\p{S}]+$").to_numpy(zero_copy_only=False),
        }
    )
    return {"sentences": sentences_frame, "tokens": tokens_frame}


def _strings(values: list[str]) -> pd.api.extensions.ExtensionArray:
    """A pandas string column from a list of str, built by pyarrow (much faster than ``pd.array``)."""
    return pd.arrays.ArrowStringArray(pa.array(values, type=pa.string()))


def _repeat(dictionary: pa.Array, counts: list[int]) -> pd.api.extensions.ExtensionArray:
    """``dictionary[i]`` repeated ``counts[i]`` times, as a pandas string column (done in C by pyarrow)."""
    indices = pa.array(np.repeat(np.arange(len(counts), dtype=np.int32), counts), type=pa.int32())
    return pd.arrays.ArrowStringArray(pa.DictionaryArray.from_arrays(indices, dictionary).cast(pa.string()))
