"""The per-article work, as pure functions: one article's text → its rows in the sentence and token tables.

``segment_article`` handles one article and returns plain column lists; ``segment_frames`` maps it over a
frame of articles and builds the tables with vectorised (pyarrow) string operations for the token flags. A
later scale-out maps ``segment_frames`` over Dask partitions unchanged: it depends only on its input.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from workbench import schema
from workbench.paths import interactive
from workbench.text.resources import FOLD_TABLE, stopwords
from workbench.text.segment import paragraphs, sentences
from workbench.text.tokenize import token_columns

#: The declared columns of the sentences and tokens tables (``workbench.schema``).
SENTENCE_COLUMNS = schema.columns("sentences")
TOKEN_COLUMNS = schema.columns("tokens")
#: The pandas type of the tables' text columns (``schema.STR``): the columns are made of it, so that
#: ``schema.conform`` has nothing to convert.
STR = pd.api.types.pandas_dtype(schema.STR)


def segment_article(article_id: str, text: str) -> dict[str, list[Any]]:
    """Sentences and tokens of one article, as column lists (``s_*`` for sentences, ``t_*`` for tokens).

    >>> cols = segment_article("a1", "Pakistan’s delegation left. Talks begin tomorrow.")
    >>> cols["s_text"], cols["t_token"][:3]
    (['Pakistan’s delegation left.', 'Talks begin tomorrow.'], ['Pakistan', '’s', 'delegation'])
    """
    sents = sentences(text, paragraphs(text))
    s_start = [s for s, _, _ in sents]
    s_end = [e for _, e, _ in sents]
    t_start, t_end, t_token = token_columns(text)
    # Tokens never cross a sentence boundary (boundaries fall on whitespace): the tokens of sentence k are
    # those from the first token at or after its start up to the next sentence's first token.
    t_sent: list[int] = []
    firsts = [bisect_left(t_start, s) for s in s_start] + [len(t_start)]
    for sid in range(len(sents)):
        t_sent.extend([sid] * (firsts[sid + 1] - firsts[sid]))
    folded = text.translate(FOLD_TABLE).lower()
    if len(folded) == len(text):
        t_norm = list(map(folded.__getitem__, map(slice, t_start, t_end)))
    else:  # a character whose lower case is longer (e.g. "İ"): fold token by token
        t_norm = [token.translate(FOLD_TABLE).lower() for token in t_token]
    return {
        "s_sentence_id": list(range(len(sents))),
        "s_paragraph_id": [p for _, _, p in sents],
        "s_start": s_start,
        "s_end": s_end,
        "s_text": list(map(text.__getitem__, map(slice, s_start, s_end))),
        "t_sentence_id": t_sent,
        "t_token_id": list(range(len(t_start))),
        "t_start": t_start,
        "t_end": t_end,
        "t_token": t_token,
        "t_norm": t_norm,
    }


def segment_frames(articles: pd.DataFrame, *, progress: bool | None = None) -> dict[str, pd.DataFrame]:
    """The ``sentences`` and ``tokens`` tables of ``articles`` (columns ``article_id`` and ``text``).

    The same rows as ``segment_article`` gives article by article (``tests/text/test_frames.py`` compares
    them), built for speed: token strings go to Arrow as one joined buffer with offsets, the norms of an
    ASCII text are its tokens lower-cased by Arrow, and ids and sentence numbers are computed by NumPy.
    ``segment_columns`` and ``frames_of_columns`` are its two halves (a worker process that read the texts
    runs the first, the process that decides the article ids the second).
    """
    if progress is None:
        progress = len(articles) > 2000 and interactive()
    ids = articles["article_id"].tolist()
    texts = articles["text"].tolist()
    items: Any = texts
    if progress:
        from tqdm import tqdm

        items = tqdm(texts, total=len(ids), desc="tokenizing", unit="article")
    return frames_of_columns([segment_columns(items)], ids)


#: ``segment_columns`` of some texts: the sentence and token columns without the article ids and numbers
#: (counts per article and per sentence stand for them), small to send from a worker process.
Columns = dict[str, Any]


def segment_columns(texts: Iterable[str]) -> Columns:
    """The columns ``segment_frames`` makes of ``texts``, without the article ids: ``frames_of_columns``
    gives the ids (one per text, in order) and numbers the sentences and tokens."""
    texts = list(texts) if not isinstance(texts, list) else texts
    parts = [_Parts(text) for text in texts]
    sents = [sent for p in parts for sent in p.sents]
    starts = [s for s, _, _ in sents]
    ends = [e for _, e, _ in sents]
    counts = [len(p.sents) for p in parts]
    text_of = [text for text, n in zip(texts, counts, strict=True) for _ in range(n)]
    backtick = any("`" in text for text in texts)
    return {
        "sentences_per_article": np.array(counts, dtype=np.int32),
        "tokens_per_article": np.array([len(p.starts) for p in parts], dtype=np.int32),
        "tokens_per_sentence": np.array([n for p in parts for n in p.per_sentence], dtype=np.int32),
        "s_paragraph_id": np.array([p for _, _, p in sents], dtype=np.int32),
        "s_start": np.array(starts, dtype=np.int64),
        "s_end": np.array(ends, dtype=np.int64),
        "s_text": pa.array([t[s:e] for t, s, e in zip(text_of, starts, ends, strict=True)], type=pa.string()),
        **_token_columns(parts, backtick=backtick),
    }


def frames_of_columns(columns: list[Columns], ids: list[str]) -> dict[str, pd.DataFrame]:
    """The ``sentences`` and ``tokens`` tables of ``segment_columns`` of consecutive runs of texts, given the
    article id of every text of the runs in order (the tables are built once, not per run and joined)."""

    def cat(key: str, dtype: Any = None) -> np.ndarray:
        return np.concatenate([c[key] for c in columns], dtype=dtype)

    def strings(key: str) -> pd.api.extensions.ExtensionArray:
        chunks = [a for c in columns for a in (c[key].chunks if isinstance(c[key], pa.ChunkedArray) else [c[key]])]
        return pd.arrays.ArrowStringArray(pa.chunked_array(chunks, type=pa.string()), dtype=STR)

    id_dictionary = pa.array(ids, type=pa.string())
    sentence_counts, token_counts = cat("sentences_per_article"), cat("tokens_per_article")
    if len(sentence_counts) != len(ids):
        raise ValueError(f"{len(ids)} article ids for the columns of {len(sentence_counts)} texts")
    sentences_frame = pd.DataFrame(
        {
            "article_id": _repeat(id_dictionary, sentence_counts),
            "sentence_id": _numbering(sentence_counts),
            "paragraph_id": cat("s_paragraph_id"),
            "start": cat("s_start"),
            "end": cat("s_end"),
            "text": strings("s_text"),
        },
        copy=False,  # the arrays are new: no copy into blocks of one type
    )
    tokens_frame = pd.DataFrame(
        {
            "article_id": _repeat(id_dictionary, token_counts),
            "sentence_id": np.repeat(_numbering(sentence_counts), cat("tokens_per_sentence")),
            "token_id": _numbering(token_counts),
            "token": strings("t_token"),
            "norm": strings("t_norm"),
            "start": cat("t_start", np.int64),
            "end": cat("t_end", np.int64),
            "is_alpha": cat("t_is_alpha"),
            "is_stop": cat("t_is_stop"),
            "is_punct": cat("t_is_punct"),
        },
        copy=False,
    )
    return {"sentences": sentences_frame, "tokens": tokens_frame}


class _Parts:
    """One article's sentences and tokens, as ``segment_frames`` assembles them (``norms`` only for a text
    that is not ASCII; ``byte_lengths`` of its tokens in UTF-8 likewise)."""

    __slots__ = ("sents", "starts", "ends", "words", "per_sentence", "norms", "byte_lengths")

    def __init__(self, text: str) -> None:
        self.sents = sentences(text, paragraphs(text))
        self.starts, self.ends, self.words = token_columns(text)
        firsts = [bisect_left(self.starts, s) for s, _, _ in self.sents] + [len(self.starts)]
        self.per_sentence = [b - a for a, b in zip(firsts, firsts[1:], strict=False)]
        self.norms: list[str] | None = None
        self.byte_lengths: list[int] | None = None
        if not text.isascii():
            folded = text.translate(FOLD_TABLE).lower()
            if len(folded) == len(text):
                self.norms = list(map(folded.__getitem__, map(slice, self.starts, self.ends)))
            else:  # a character whose lower case is longer (e.g. "İ"): fold token by token
                self.norms = [word.translate(FOLD_TABLE).lower() for word in self.words]
            self.byte_lengths = [len(word.encode("utf-8")) for word in self.words]


def _token_columns(parts: list[_Parts], *, backtick: bool) -> Columns:
    """The token columns of ``segment_columns`` (offsets as int32 while they fit: half the bytes to send)."""
    counts = [len(p.starts) for p in parts]
    total = sum(counts)
    starts = np.fromiter(chain.from_iterable(p.starts for p in parts), dtype=np.int64, count=total)
    ends = np.fromiter(chain.from_iterable(p.ends for p in parts), dtype=np.int64, count=total)
    token_arr = _joined([p.words for p in parts], [p.byte_lengths for p in parts], ends - starts)
    # FOLD_TABLE + lower() on ASCII: "`" is the one ASCII character folded (searched only where some text has it)
    norm = pc.ascii_lower(pc.replace_substring(token_arr, "`", "'") if backtick else token_arr)
    unfolded = [p.norms is not None for p in parts]
    if any(unfolded):
        mask = np.repeat(np.array(unfolded), counts)
        others = pa.array([w for p in parts if p.norms is not None for w in p.norms], type=pa.string())
        norm = pc.replace_with_mask(norm, pa.array(mask), others)
    stop = pa.array(sorted(stopwords()), type=pa.string())
    offsets = np.int32 if total == 0 or ends.max() <= np.iinfo(np.int32).max else np.int64
    return {
        "t_token": token_arr,
        "t_norm": norm,
        "t_start": starts.astype(offsets),
        "t_end": ends.astype(offsets),
        "t_is_alpha": pc.utf8_is_alpha(token_arr).to_numpy(zero_copy_only=False),
        "t_is_stop": pc.is_in(norm, value_set=stop).to_numpy(zero_copy_only=False),
        "t_is_punct": pc.match_substring_regex(token_arr, r"^[\p{P}\p{S}]+$").to_numpy(zero_copy_only=False),
    }


def _numbering(counts: list[int] | np.ndarray) -> np.ndarray:
    """0, 1, … ``counts[i] - 1`` for each group ``i`` in turn (int32).

    >>> _numbering([3, 0, 2]).tolist()
    [0, 1, 2, 0, 1]
    """
    sizes = np.asarray(counts, dtype=np.int64)
    firsts = np.cumsum(sizes) - sizes
    return (np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(firsts, sizes)).astype(np.int32)


def _joined(words: list[list[str]], byte_lengths: list[list[int] | None], char_lengths: np.ndarray) -> pa.Array:
    """Every article's ``words`` as one Arrow string array, made from one joined UTF-8 buffer and its offsets
    (an article without ``byte_lengths`` is ASCII: its byte lengths are the ``char_lengths``)."""
    sizes = char_lengths
    if any(b is not None for b in byte_lengths):
        pieces, pos = [], 0
        for ws, lengths in zip(words, byte_lengths, strict=True):
            pieces.append(char_lengths[pos : pos + len(ws)] if lengths is None else np.asarray(lengths, np.int64))
            pos += len(ws)
        sizes = np.concatenate(pieces)
    offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    if offsets[-1] > np.iinfo(np.int32).max:  # over 2 GiB of token text: let Arrow chunk it
        return pa.array(list(chain.from_iterable(words)), type=pa.string())
    data = "".join(chain.from_iterable(words)).encode("utf-8")
    return pa.StringArray.from_buffers(len(sizes), pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(data))


def _repeat(dictionary: pa.Array, counts: list[int] | np.ndarray) -> pd.api.extensions.ExtensionArray:
    """``dictionary[i]`` repeated ``counts[i]`` times, as a pandas string column (done in C by pyarrow)."""
    indices = pa.array(np.repeat(np.arange(len(counts), dtype=np.int32), counts), type=pa.int32())
    return pd.arrays.ArrowStringArray(pa.DictionaryArray.from_arrays(indices, dictionary), dtype=STR)
