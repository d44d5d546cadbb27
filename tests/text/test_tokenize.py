import pytest

from workbench.text import norm, sentences, tokenize
from workbench.text.frames import segment_frames


def toks(text):
    return [text[s:e] for s, e in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pakistan’s delegation", ["Pakistan", "’s", "delegation"]),
        ("Pakistan's delegation", ["Pakistan", "'s", "delegation"]),
        ("Bilawal Bhutto-Zardari said", ["Bilawal", "Bhutto-Zardari", "said"]),
        ("the U.S. and U.K. said", ["the", "U.S.", "and", "U.K.", "said"]),
        ("on Oct. 25, 2025", ["on", "Oct.", "25", ",", "2025"]),
        ("Mr. Asif and Gen. Munir", ["Mr.", "Asif", "and", "Gen.", "Munir"]),
        ("No. 2 ranked", ["No.", "2", "ranked"]),
        ("1,750 dlrs at 5.93 pct", ["1,750", "dlrs", "at", "5.93", "pct"]),
        ("the 27th Amendment", ["the", "27th", "Amendment"]),
        ("they don't know", ["they", "don't", "know"]),
        ("“failed” — again", ["“", "failed", "”", "—", "again"]),
        ("see https://example.com/a?b=1.", ["see", "https://example.com/a?b=1", "."]),
        ("wait... what", ["wait", "...", "what"]),
        ("talks ended.", ["talks", "ended", "."]),
    ],
)
def test_tokens(text, expected):
    assert toks(text) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [("Pakistan’s", "pakistan's"), ("’s", "'s"), ("—", "-"), ("“Failed”", '"failed"'), ("TURKIYE", "turkiye")],
)
def test_norm_folds_quotes_and_dashes(token, expected):
    assert norm(token) == expected


def test_token_table_offsets_flags_and_norm():
    text = "Pakistan’s delegation left. “Talks” — the U.S. said — begin tomorrow!"
    tables = segment_frames(__import__("pandas").DataFrame({"article_id": ["a"], "text": [text]}))
    tokens = tables["tokens"]
    assert all(text[s:e] == t for s, e, t in zip(tokens["start"], tokens["end"], tokens["token"], strict=True))
    row = tokens.set_index("token").loc
    assert row["’s", "norm"] == "'s" and row["’s", "is_stop"]
    assert row["Pakistan", "norm"] == "pakistan" and row["Pakistan", "is_alpha"]
    assert row["—", "is_punct"].all() and row["—", "norm"].eq("-").all()
    assert row["the", "is_stop"] and not row["delegation", "is_stop"]
    assert list(tokens["token_id"]) == list(range(len(tokens)))
    # sentence ids agree with the sentence spans
    spans = sentences(text)
    for sid, s, e in zip(tokens["sentence_id"], tokens["start"], tokens["end"], strict=True):
        assert spans[sid][0] <= s and e <= spans[sid][1]


def test_tokenizer_is_linear_on_adversarial_input():
    import time

    text = "9" * 1_000_000 + " " + "a-" * 200_000 + " " + "’" * 100_000
    t0 = time.perf_counter()
    spans = tokenize(text)
    assert time.perf_counter() - t0 < 10
    assert text[spans[0][0] : spans[0][1]] == "9" * 1_000_000
