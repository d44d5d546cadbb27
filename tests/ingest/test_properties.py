"""Properties of every reader on arbitrary input: none raises (the load's catch-all is never needed), every
record and report row is well formed, every record of a multi-record file is accounted for, and a large
table read in pieces gives exactly what reading it whole gives."""

import csv
import io
import json
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.strategies import hostile_text, valid_text
from workbench.ingest.formats import READERS
from workbench.ingest.read import read_file
from workbench.ingest.records import Problem, Record
from workbench.ingest.resources import LONE_SURROGATE
from workbench.ingest.sources import SourceFile, split_source

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")


raw_bytes = st.one_of(
    st.binary(max_size=3000),
    st.tuples(hostile_text(), st.sampled_from(ENCODINGS)).map(lambda t: encoded(*t)),
)


def check_items(items: list, sf: SourceFile) -> None:
    """What every reader's output must be: records with text, problems with a status and a reason."""
    for item in items:
        assert isinstance(item, (Record, Problem))
        if isinstance(item, Problem):
            assert item.status in ("skipped", "failed") and item.reason.strip()
            assert " reader failed" not in item.reason, item.reason  # the catch-all was needed: a reader raised
        else:
            assert item.text.strip() and item.text == item.text.strip()
            assert item.published is None or isinstance(item.published, pd.Timestamp)
            assert item.published is None or item.published.tzinfo is None
        assert item.source == sf.name
        for value in vars(item).values():
            assert not (isinstance(value, str) and LONE_SURROGATE.search(value))


def read_bytes_as(suffix: str, data: bytes, *, times: int = 1) -> list:
    """The items of a file holding ``data`` (each of ``times`` reads checked and returned)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        sf = SourceFile(path)
        reader = READERS[suffix]
        if data.strip():
            list(reader.read(path, data))  # raises here if the reader does
        reads = [read_file(sf) for _ in range(times)]
        for items in reads:
            check_items(items, sf)
            assert items  # every file has at least one row
        return reads if times > 1 else reads[0]


def whole_file_problem(items: list) -> bool:
    """One row for the whole file (binary, malformed, no text column…)."""
    return len(items) == 1 and isinstance(items[0], Problem) and items[0].record == ""


@given(st.sampled_from(sorted(READERS)), raw_bytes)
def test_every_reader_takes_arbitrary_bytes(suffix, data):
    read_bytes_as(suffix, data)


@given(st.sampled_from(sorted(READERS)), raw_bytes)
def test_reading_twice_gives_the_same_items(suffix, data):
    first, second = read_bytes_as(suffix, data, times=2)
    assert first == second


# Documents of each format, well formed around arbitrary text: every record is accounted for.

cell = st.one_of(
    valid_text(max_size=12),
    hostile_text(max_size=8),
    st.lists(valid_text(max_size=4), max_size=3),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
row = st.fixed_dictionaries(
    {"text": cell},
    optional={"title": cell, "date": cell, "id": cell, "author": cell, "source": cell, "url": cell},
)
json_line = st.one_of(
    row.map(json.dumps), row.map(json.dumps), hostile_text(max_size=6).map(lambda t: t.replace("\n", " "))
)


@given(st.lists(json_line, min_size=1, max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_json_lines_account_for_every_line(lines, newline):
    text = (newline.join(lines) + newline).encode("utf-8", "replace").decode("utf-8")  # a lone surrogate: "?"
    items = read_bytes_as(".jsonl", text.encode("utf-8"))
    read = text.removeprefix("\ufeff")  # a byte-order mark opening the file is no character of it
    rows = [(n, line) for n, line in enumerate(read.split("\n"), 1) if line.strip()]
    assume(rows)
    if whole_file_problem(items):
        return  # no line readable, no text key, binary-looking: one row for the file
    assert len(items) == len(rows)  # one item per line that is not blank
    for (n, line), item in zip(rows, items, strict=True):
        if isinstance(item, Problem) and item.reason.startswith("input.jsonl line"):
            assert item.reason.startswith(f"input.jsonl line {n}: ") and not line.lstrip().startswith('{"text"')


@given(st.lists(row, max_size=8))
def test_json_documents_account_for_every_item(rows):
    items = read_bytes_as(".json", encoded(json.dumps(rows), "utf-8"))
    assert len(items) == max(len(rows), 1)


@given(
    st.lists(st.lists(valid_text(max_size=10), min_size=1, max_size=4), min_size=1, max_size=10),
    st.sampled_from([",", "\t"]),
    st.sampled_from(["\n", "\r\n"]),
)
def test_csv_accounts_for_every_record(records, sep, newline):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator=newline)
    writer.writerow(["id", "text", "title", "date"][: max(len(r) for r in records)])
    writer.writerows(records)
    items = read_bytes_as(".tsv" if sep == "\t" else ".csv", encoded(buffer.getvalue(), "utf-8"))
    if whole_file_problem(items) and items[0].reason.startswith("binary file"):
        return  # NUL or many control characters: one row
    if max(len(r) for r in records) < 2:  # the header is "id" alone
        assert len(items) == 1 and items[0].reason.startswith("no text column")
    else:
        assert len(items) == len(records)  # every record Python's csv module wrote


def reuters(newid: int, title: str, body: str) -> str:
    def esc(t: str) -> str:
        return t.replace("&", "&amp;").replace("<", "&lt;")

    return (
        f'<REUTERS NEWID="{newid}"><DATE>26-FEB-1987 15:01:01.79</DATE><TEXT><TITLE>{esc(title)}</TITLE>'
        f"<BODY>{esc(body)}</BODY></TEXT></REUTERS>\n"
    )


@given(st.lists(st.tuples(valid_text(max_size=5), valid_text(max_size=15), st.floats(0, 1)), min_size=1, max_size=8))
def test_sgml_gives_one_row_per_record_cut_or_not(records):
    parts = []
    for k, (title, body, cut) in enumerate(records, 1):
        text = reuters(k, title, body)
        parts.append(text[: max(len('<REUTERS NEWID="1"'), int(len(text) * cut))] if cut < 0.3 else text)
    items = read_bytes_as(".sgm", encoded("".join(parts), "latin-1"))
    if whole_file_problem(items):
        assert "binary" in items[0].reason
        return
    assert [item.record for item in items] == [str(k) for k in range(1, len(records) + 1)]
    assert not any("<REUTERS" in item.text or "</" in item.text for item in items if isinstance(item, Record))


@given(st.lists(st.tuples(valid_text(max_size=5), valid_text(max_size=15)), min_size=1, max_size=5))
def test_feeds_give_one_row_per_entry(entries):
    def esc(t: str) -> str:
        return t.replace("&", "&amp;").replace("<", "&lt;").replace("]]>", "")

    items_xml = "".join(
        f"<item><title>{esc(t)}</title><guid>g{k}</guid><description>{esc(b)}</description></item>"
        for k, (t, b) in enumerate(entries)
    )
    feed = (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>W</title>{items_xml}</channel></rss>'
    )
    items = read_bytes_as(".rss", encoded(feed, "utf-8"))
    if whole_file_problem(items):
        return  # control characters make the XML unreadable: one row for the file
    assert len(items) == len(entries)


@given(st.lists(valid_text(max_size=20), min_size=1, max_size=4))
def test_html_pages_give_one_row(paragraphs):
    body = "".join(f"<p>{p.replace('&', '&amp;').replace('<', '&lt;')}</p>" for p in paragraphs)
    items = read_bytes_as(".html", encoded(f"<html><head><title>T</title></head><body>{body}</body></html>", "utf-8"))
    assert len(items) == 1


@given(st.lists(st.one_of(valid_text(max_size=10), st.none()), min_size=1, max_size=8))
def test_parquet_accounts_for_every_row(texts):
    buffer = io.BytesIO()
    pd.DataFrame({"text": texts, "n": range(len(texts))}).to_parquet(buffer)
    items = read_bytes_as(".parquet", buffer.getvalue())
    assert len(items) == len(texts)


# Pieces of large tables.

csv_line = st.one_of(
    st.lists(valid_text(max_size=6), min_size=1, max_size=3).map(
        lambda r: (lambda b: (csv.writer(b, lineterminator="\n").writerow(r), b.getvalue())[1])(io.StringIO())
    ),
    st.sampled_from(['"open quote\n', 'a,"x""y",z\n', "\n", "   \n", "a,b,c,d,e\n", '""\n', 'x,"\n', "\r\n"]),
    valid_text(max_size=4).map(lambda t: t.replace("\n", " ") + "\n"),
)


@given(st.lists(csv_line, min_size=1, max_size=40), st.integers(1, 200), st.sampled_from(["utf-8", "cp1252"]))
def test_csv_pieces_give_the_whole_files_rows(lines, target, encoding):
    check_pieces(".csv", encoded("id,text\n" + "".join(lines), encoding), target)


@given(st.lists(json_line, min_size=1, max_size=40), st.integers(1, 200), st.sampled_from(["utf-8", "cp1252"]))
def test_jsonl_pieces_give_the_whole_files_rows(lines, target, encoding):
    check_pieces(".jsonl", encoded("\n".join(lines) + "\n", encoding), target)


def check_pieces(suffix: str, data: bytes, target: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"big{suffix}"
        path.write_bytes(data)
        whole = read_file(SourceFile(path))
        pieces = split_source(SourceFile(path), target)
        assert [item for sf in pieces for item in read_file(sf)] == whole
        if len(pieces) > 1:
            assert sum(sf.piece.rows for sf in pieces) == len(whole)
