"""Properties across the pipeline on arbitrary text: the date tagger and the actor finder never raise, every
offset lies inside its article's text and slices to the surface, every TIMEX3 value is one the TimeML value
grammar allows, and loading the same input twice gives equal tables."""

import json
import re
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import workbench as wb
from tests.strategies import hostile_text, published, valid_text
from workbench.actors.mentions import article_mentions
from workbench.dates.timexes import tag, timexes_table
from workbench.text import sentences as sentence_spans
from workbench.text.frames import segment_frames

# The value of a TIMEX3, after the TimeML 1.2.1 specification (value ::= Duration | Date | Time | WeekDate |
# WeekTime | Season | PartOfYear | PaPrFu), ISO 8601 based, any digit may be an X placeholder:
_N = r"[\dX]"
_YEAR = rf"(?:{_N}{{4}}|\d{{2,3}})"  # 2025, XXXX, 19XX; a century "19" or a decade "199" stands alone
_MONTH, _DAY = r"(?:0[1-9]|1[0-2]|XX)", r"(?:0[1-9]|[12]\d|3[01]|XX)"
_WEEK, _WEEKDAY = r"(?:0[1-9]|[1-4]\d|5[0-3]|XX)", r"(?:[1-7X]|WE)"
_CLOCK = r"(?:[01]\d|2[0-4]|XX)(?::(?:[0-5]\d|XX)(?::(?:[0-5]\d|60|XX)(?:\.\d+)?)?)?(?:Z|[+-]\d\d(?::?\d\d)?)?"
_TIME_OF_DAY = rf"T(?:{_CLOCK}|MO|MI|AF|EV|NI|DT)"  # a clock time or a part of the day
_DATE = rf"{_YEAR}(?:-{_MONTH}(?:-{_DAY}(?:{_TIME_OF_DAY})?)?)?"  # Date and Time
_WEEK_DATE = rf"{_YEAR}-W{_WEEK}(?:-{_WEEKDAY})?(?:{_TIME_OF_DAY})?"  # WeekDate and WeekTime
_PART_OF_YEAR = rf"{_YEAR}-(?:SP|SU|FA|WI|Q[1-4X]|H[12X])"  # seasons, quarters, halves
_AMOUNT = r"(?:\d+(?:\.\d+)?|X+)"
_DURATION = rf"P(?:(?:{_AMOUNT}(?:Y|M|W|D|Q|DE|CE|ML|WE))+(?:T(?:{_AMOUNT}[HMS])+)?|T(?:{_AMOUNT}[HMS])+)"
TIMEX3_VALUE = re.compile(
    rf"(?:{_DURATION}|{_WEEK_DATE}|{_PART_OF_YEAR}|{_DATE}|PAST_REF|PRESENT_REF|FUTURE_REF)", re.ASCII
)


def test_the_value_grammar_accepts_timemls_examples_and_refuses_others():
    good = [
        "2025-11-05",
        "2025-W46",
        "2025-11-06TMO",
        "P1W",
        "PAST_REF",
        "XXXX-10-25",
        "199",
        "19",
        "2025-SU",
        "2025-Q3",
        "XXXX-WXX-1",
        "XXXX-WXX-WE",
        "PT48H",
        "P1DT2H",
        "PXY",
        "P2DE",
        "2025-11-05T10:30",
        "2025-H2",
    ]
    bad = ["2025-13-01", "2025-W60", "P", "PT", "P1", "11/05/2025", "2025-11-5", "NOW", "2025-Q5", "", "P1Y ", "T10"]
    assert all(TIMEX3_VALUE.fullmatch(v) for v in good), [v for v in good if not TIMEX3_VALUE.fullmatch(v)]
    assert not any(TIMEX3_VALUE.fullmatch(v) for v in bad), [v for v in bad if TIMEX3_VALUE.fullmatch(v)]


def check_spans(rows, text: str, sents: list[tuple[int, int, int]] | None = None) -> None:
    """Spans inside the text, slicing to their surface, inside one sentence (when ``sents`` are given)."""
    for start, end, surface, sid in rows:
        assert 0 <= start < end <= len(text) and text[start:end] == surface, (start, end, surface)
        if sents is not None:
            s, e, _ = sents[sid]
            assert s <= start and end <= e, (surface, text[s:e])


@given(hostile_text(), published())
def test_timexes_of_arbitrary_text(text, pub):
    sents = sentence_spans(text)
    found = tag(text, published=pub, sentences=sents)
    check_spans([(t.start, t.end, t.surface, 0) for t in found], text)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))  # in order, not overlapping
    for t in found:
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert TIMEX3_VALUE.fullmatch(t.value), (t.surface, t.value)
        assert any(s <= t.start and t.end <= e for s, e, _ in sents)  # never across a sentence


@given(hostile_text(), published())
def test_mentions_of_arbitrary_text(text, pub):
    sents = [(s, e) for s, e, _ in sentence_spans(text)]
    day = pd.Timestamp(pub).date() if pub else None
    rows = article_mentions("a", text, sents, published=day)
    check_spans([(r["start"], r["end"], r["surface"], 0) for r in rows], text)
    for r in rows:
        s, e = sents[r["sentence_id"]]
        assert s <= r["start"] and r["end"] <= e
        assert r["actor_id"] and r["actor_type"] in ("person", "organization", "country", "group", "place", "other")


@given(st.lists(st.tuples(valid_text(max_size=25), published()), min_size=1, max_size=3))
def test_timexes_table_offsets_follow_the_sentences(items):
    articles = pd.DataFrame(
        {
            "article_id": [f"a{k}" for k in range(len(items))],
            "text": [t for t, _ in items],
            "published": pd.to_datetime([p for _, p in items]),
        }
    )
    seg = segment_frames(articles)
    table = timexes_table(articles, seg["sentences"])
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    spans = {
        (a, sid): (s, e)
        for a, sid, s, e in seg["sentences"][["article_id", "sentence_id", "start", "end"]].itertuples(index=False)
    }
    for aid, sid, start, end, surface, value in table[
        ["article_id", "sentence_id", "start", "end", "surface", "value"]
    ].itertuples(index=False):
        assert texts[aid][start:end] == surface and TIMEX3_VALUE.fullmatch(value)
        s, e = spans[(aid, sid)]
        assert s <= start and end <= e


def write_corpus(folder: Path, files: list[tuple[str, str]]) -> None:
    for k, (kind, text) in enumerate(files):
        if kind == "txt":
            (folder / f"{k:02d}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
        else:
            line = json.dumps({"title": f"t{k}", "text": text})  # a lone surrogate as a "\\ud800" escape
            (folder / f"{k:02d}.jsonl").write_text(line + "\n{cut\n", encoding="utf-8")


TABLES = ("articles", "report", "sentences", "tokens", "mentions", "actors", "timexes")


@settings(max_examples=max(3, settings.default.max_examples // 5))
@given(st.lists(st.tuples(st.sampled_from(["txt", "jsonl"]), hostile_text(max_size=30)), min_size=1, max_size=3))
def test_loading_the_same_input_twice_gives_equal_tables(files):
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), files)
        first, second = wb.load(tmp, cache_dir=False), wb.load(tmp, cache_dir=False)
        for name in TABLES:
            pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name), obj=name)
        report = first.report
        assert report["source"].map(lambda s: Path(s).name).nunique() == len(files)  # every file has its row
        texts = dict(zip(first.articles["article_id"], first.articles["text"], strict=True))
        for name in ("tokens", "mentions", "timexes", "sentences"):
            table = first.tokens if name == "tokens" else getattr(first, name)
            surface = {"tokens": "token", "sentences": "text"}.get(name, "surface")
            for aid, start, end, text in table[["article_id", "start", "end", surface]].itertuples(index=False):
                assert texts[aid][start:end] == text, (name, text)
        assert first.timexes["value"].map(lambda v: bool(TIMEX3_VALUE.fullmatch(v))).all()
