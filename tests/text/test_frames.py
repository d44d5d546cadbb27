"""The fast paths of tokenization and of the tables equal the plain ones: ``token_columns`` (a split on
``TOKEN_SPLIT`` with offsets from running sums) equals a loop over ``TOKEN.finditer`` with the abbreviation
merges, and ``segment_frames`` (joined Arrow buffers, NumPy numbering, Arrow lower-casing of ASCII texts)
equals ``segment_article`` row for row, on arbitrary text and on every Reuters-21578 article."""

from __future__ import annotations

import time
from bisect import bisect_left

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import hostile_text, valid_text
from workbench.text.frames import frames_of_columns, segment_article, segment_columns, segment_frames
from workbench.text.resources import ASCII_TOKEN_SPLIT, PERIOD_BEFORE_SPACE, TOKEN, TOKEN_SPLIT, abbreviations
from workbench.text.tokenize import plain_ascii, token_columns, tokenize


def plain_tokenize(text: str) -> list[tuple[int, int]]:
    """The tokenizer as it was before the split: ``finditer``, then known abbreviations merged with their period."""
    spans = [m.span() for m in TOKEN.finditer(text)]
    merges = []
    for m in PERIOD_BEFORE_SPACE.finditer(text):
        dot = word_start = m.start()
        while word_start > 0 and dot - word_start < 8 and text[word_start - 1].isalpha():
            word_start -= 1
        if word_start < dot and (
            word_start == 0 or not (text[word_start - 1].isalnum() or text[word_start - 1] in "._")
        ):
            if text[word_start:dot].lower() in abbreviations():
                merges.append(word_start)
    starts = [s for s, _ in spans]
    for pos in reversed(merges):
        i = bisect_left(starts, pos)
        if i + 1 < len(spans) and spans[i][0] == pos and text[spans[i + 1][0] : spans[i + 1][1]] == ".":
            spans[i : i + 2] = [(pos, spans[i + 1][1])]
    return spans


def assert_tables_equal_articles(articles: pd.DataFrame) -> None:
    """``segment_frames`` of ``articles`` holds, article by article, what ``segment_article`` gives."""
    tables = segment_frames(articles, progress=False)
    sentences = tables["sentences"].groupby("article_id", sort=False)
    tokens = tables["tokens"].groupby("article_id", sort=False)
    for aid, text in zip(articles["article_id"], articles["text"], strict=True):
        cols = segment_article(aid, text)
        if not cols["s_start"]:
            assert aid not in sentences.groups
            continue
        sent = sentences.get_group(aid)
        for name in ("sentence_id", "paragraph_id", "start", "end", "text"):
            assert sent[name].tolist() == cols["s_" + name], (aid, name)
        if not cols["t_start"]:
            assert aid not in tokens.groups
            continue
        tok = tokens.get_group(aid)
        for name in ("sentence_id", "token_id", "start", "end", "token", "norm"):
            assert tok[name].tolist() == cols["t_" + name], (aid, name)


@given(hostile_text())
def test_token_columns_equal_the_finditer_tokenizer(text):
    starts, ends, words = token_columns(text)
    assert list(zip(starts, ends, strict=True)) == plain_tokenize(text) == tokenize(text)
    assert words == [text[s:e] for s, e in zip(starts, ends, strict=True)]


#: ASCII pieces where the ASCII and Unicode patterns could part: every alternative's edges, the characters that
#: only Unicode counts as whitespace (a text holding one is split by the Unicode pattern), other controls.
ASCII_PIECES = [
    "http://a.b/c?d=1.",
    "https://x.org/)",
    "http://",
    "U.S.",
    "e.g.",
    "A.B",
    "a.",
    "Bhutto-Zardari",
    "x-1-y",
    "a--b",
    "don't",
    "don'tx",
    "'t",
    "'s",
    "'sx",
    "'re",
    "'ll.",
    "1,750",
    "5.93",
    "10:30",
    "27th",
    "1/2x",
    "9.",
    "...",
    "..",
    "--",
    "-",
    "_",
    "__a",
    "a_b",
    "`",
    "(",
    ")",
    "Oct.",
    "Mr",
    "No.",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x1f",
    "\x00",
    "\x0b",
    "\x0c",
    "\r",
    "\t",
    "\x7f",
    "\x1b",
]
ascii_text = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(ASCII_PIECES), st.text(st.characters(max_codepoint=127), max_size=6)),
        st.sampled_from(["", " ", "\n", "  ", "\t"]),
    ),
    max_size=40,
).map(lambda items: "".join(p + sep for p, sep in items))


@given(ascii_text)
def test_ascii_split_equals_the_unicode_split(text):
    """On a text of plain ASCII, ``ASCII_TOKEN_SPLIT`` (the fast path) splits as ``TOKEN_SPLIT`` does, and the
    tokens are those of the ``finditer`` tokenizer whichever pattern the text takes."""
    if plain_ascii(text):
        assert ASCII_TOKEN_SPLIT.split(text) == TOKEN_SPLIT.split(text)
    starts, ends, _ = token_columns(text)
    assert list(zip(starts, ends, strict=True)) == plain_tokenize(text)


def test_ascii_split_equals_the_unicode_split_on_reuters(reuters):
    texts = [t for t in reuters.articles["text"] if plain_ascii(t)]
    assert len(texts) > 19_000
    assert all(ASCII_TOKEN_SPLIT.split(t) == TOKEN_SPLIT.split(t) for t in texts)


@given(hostile_text(max_size=20), hostile_text(max_size=20))
def test_token_columns_of_a_slice(head, tail):
    text = head + " " + tail
    start, end = len(head) // 2, len(head) + 1 + len(tail) // 2
    expected = [(s + start, e + start) for s, e in plain_tokenize(text[start:end])]
    assert tokenize(text, start, end) == expected


@given(valid_text(max_size=15), valid_text(max_size=15), valid_text(max_size=15))
def test_segment_frames_equal_segment_article(first, second, third):
    ascii_text = first.encode("ascii", "ignore").decode()  # one ASCII article beside arbitrary ones
    texts = [first, ascii_text, "", second + " İstanbul’s “Talks” — ok. " + third, "Don`t STOP. `Quoted' U.S. " + third]
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": texts})
    assert_tables_equal_articles(articles)


@given(st.lists(valid_text(max_size=10), max_size=6), st.lists(st.integers(0, 6), max_size=3))
def test_columns_of_runs_of_texts_make_the_tables_of_all(texts, cuts):
    """The reading pass's path: ``segment_columns`` of consecutive runs of texts (one per file, in worker
    processes), then ``frames_of_columns`` with every text's id, gives the tables ``segment_frames`` gives."""
    bounds = sorted({0, len(texts), *(min(c, len(texts)) for c in cuts)})
    runs = [segment_columns(texts[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)] or [segment_columns([])]
    ids = [f"id{i}" for i in range(len(texts))]
    joined = frames_of_columns(runs, ids)
    whole = segment_frames(pd.DataFrame({"article_id": ids, "text": texts}, dtype=object))
    for name in ("sentences", "tokens"):
        pd.testing.assert_frame_equal(joined[name], whole[name])


def test_segment_frames_equal_segment_article_on_reuters(reuters):
    articles = reuters.articles[["article_id", "text"]]
    assert_tables_equal_articles(articles.iloc[:1000])
    tokens = reuters.tokens
    assert len(tokens) == sum(len(plain_tokenize(t)) for t in articles["text"])


def _cpu_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        tokenize(text)
        best = min(best, time.process_time() - start)
    return best


def test_long_whitespace_before_no_token_is_scanned_once():
    """Runs of spaces before what no token matches ("_", the end): as fast in long runs as in short ones of
    the same total length (a split that retried the run at each of its positions took 53 s on 20,000 spaces)."""
    size = 40_000
    texts = {run: (" " * run + "_") * (size // (run + 1)) + " " * run for run in (10, 2000)}
    for text in texts.values():
        assert tokenize(text) == plain_tokenize(text)
    assert _cpu_seconds(texts[2000]) < 10 * max(_cpu_seconds(texts[10]), 1e-3)
