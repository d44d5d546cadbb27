"""Properties of segmentation and tokenization on arbitrary text: every span lies inside the text, slices to
its surface, keeps to its sentence and paragraph, and the tables are the same on every run."""

import pandas as pd
from hypothesis import given

from tests.strategies import hostile_text, valid_text
from workbench.text import norm, paragraphs, sentences, tokenize
from workbench.text.frames import segment_article, segment_frames


@given(hostile_text())
def test_paragraphs_and_sentences_are_ordered_spans_of_the_text(text):
    paras = paragraphs(text)
    sents = sentences(text, paras)
    for start, end in paras:
        assert 0 <= start < end <= len(text) and text[start:end] == text[start:end].strip()
    assert all(a[1] <= b[0] for a, b in zip(paras, paras[1:], strict=False))
    previous = 0
    for start, end, pid in sents:
        pstart, pend = paras[pid]
        assert previous <= start < end and pstart <= start and end <= pend  # inside its paragraph
        previous = end
    assert sorted({pid for _, _, pid in sents}) == list(range(len(paras)))  # every paragraph has a sentence


@given(hostile_text())
def test_tokens_slice_to_their_surface_inside_their_sentence(text):
    cols = segment_article("a", text)
    spans = list(zip(cols["t_start"], cols["t_end"], strict=True))
    assert spans == tokenize(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))  # ordered, not overlapping
    assert cols["t_token"] == [text[s:e] for s, e in spans]
    assert cols["t_norm"] == [norm(t) for t in cols["t_token"]]
    sent = list(zip(cols["s_start"], cols["s_end"], strict=True))
    for (s, e), sid in zip(spans, cols["t_sentence_id"], strict=True):
        assert sent[sid][0] <= s and e <= sent[sid][1], (text[s:e], text[sent[sid][0] : sent[sid][1]])
    assert cols["s_text"] == [text[s:e] for s, e in sent]


@given(valid_text(max_size=15), valid_text(max_size=15))
def test_segment_frames_is_a_pure_function_of_the_texts(first, second):
    """Frames hold what Arrow strings can (no lone surrogates: ingest replaces them)."""
    articles = pd.DataFrame({"article_id": ["a", "b"], "text": [first, second]})
    once, again = segment_frames(articles), segment_frames(articles.copy())
    for name in ("sentences", "tokens"):
        pd.testing.assert_frame_equal(once[name], again[name])
    tokens = once["tokens"]
    texts = {"a": first, "b": second}
    for aid, s, e, token in zip(tokens["article_id"], tokens["start"], tokens["end"], tokens["token"], strict=True):
        assert texts[aid][s:e] == token
    assert tokens["is_punct"].dtype == bool and tokens["is_alpha"].dtype == bool
