"""A large table file read in pieces gives exactly what reading it whole gives (ingest.sources.split_source)."""

from __future__ import annotations

import codecs
import json
import math
import os
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from workbench.ingest.pieces import Piece
from workbench.ingest.read import read_file
from workbench.ingest.records import Problem, Record
from workbench.ingest.sources import SourceFile, split_source

ROWS = 3000


def article_rows(n: int = ROWS) -> list[dict]:
    """Rows with what pieces must agree on: ids missing on some rows (labelled by row number), empty and
    blank texts (reported problems), dates that are not dates (notes), quotes, commas, newlines, non-ASCII."""
    rows = []
    for i in range(n):
        text = f'ISLAMABAD: Talks {i} resumed, the "minister" said.\nTürkiye’s envoy — №{i} — met Qatar\'s.'
        if i % 97 == 0:
            text = ""
        elif i % 89 == 0:
            text = "   "
        rows.append(
            {
                "id": "" if i % 7 == 0 else f"a{i}",
                "title": f"Story {i}",
                "text": text,
                "date": "not a date" if i % 11 == 0 else f"2025-{i % 12 + 1:02d}-0{i % 9 + 1}",
                "source": "Dawn" if i % 2 else "Al Jazeera",
            }
        )
    return rows


def write_table(path: Path, rows: list[dict]) -> Path:
    frame = pd.DataFrame(rows)
    suffix = path.suffix
    if suffix == ".jsonl":
        lines = [json.dumps(r, ensure_ascii=False) for r in rows]
        for i in range(0, len(lines), 50):
            lines[i] += "\n   "  # blank lines are skipped, not rows
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif suffix == ".csv":  # quoted newlines and a byte-order mark
        path.write_bytes(codecs.BOM_UTF8 + frame.to_csv(index=False).encode("utf-8"))
    elif suffix == ".tsv":
        frame.assign(text=frame["text"].str.replace("\n", " ")).to_csv(path, index=False, sep="\t")
    else:
        frame.to_parquet(path, row_group_size=100)
    return path


def items_of(sfs: list[SourceFile]) -> list[Record | Problem]:
    return [item for sf in sfs for item in read_file(sf)]


def input_size(path: Path) -> int:
    if path.suffix == ".parquet":
        meta = pq.ParquetFile(path).metadata
        groups = [meta.row_group(g) for g in range(meta.num_row_groups)]
        return sum(g.column(c).total_compressed_size for g in groups for c in range(g.num_columns))
    return path.stat().st_size


def assert_covers(pieces: list[SourceFile], path: Path, rows: int) -> None:
    """Pieces are in order, adjacent, and cover the file's bytes (or row groups) and rows exactly once."""
    spans = [sf.piece for sf in pieces]
    assert all(isinstance(p, Piece) for p in spans)
    assert spans[0].start == 0 and spans[0].row == 0
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end == b.start and a.row + a.rows == b.row
    end = pq.ParquetFile(path).metadata.num_row_groups if path.suffix == ".parquet" else path.stat().st_size
    assert spans[-1].end == end
    assert sum(p.rows for p in spans) == rows and all(p.rows > 0 for p in spans)
    assert sum(p.nbytes for p in spans) == input_size(path)
    assert len({sf.label for sf in pieces}) == len(pieces)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".tsv", ".parquet"])
@pytest.mark.parametrize("parts", [2, 3, "many"])
def test_pieces_give_exactly_the_whole_files_records_and_problems(tmp_path, suffix, parts):
    path = write_table(tmp_path / f"articles{suffix}", article_rows())
    sf = SourceFile(path, digest="d")
    whole = read_file(sf)
    target = 2_000 if parts == "many" else math.ceil(input_size(path) / parts)
    pieces = split_source(sf, target)
    if parts == "many":
        assert len(pieces) > 10
    else:
        assert 2 <= len(pieces) <= parts
    assert_covers(pieces, path, ROWS)
    assert all(p.digest == "d" and p.path == path for p in pieces)
    got = items_of(pieces)
    assert got == whole
    problems = [p for p in whole if isinstance(p, Problem)]
    assert len(problems) == len([i for i in range(ROWS) if i % 97 == 0 or i % 89 == 0])
    assert {"1", "a89", "a97"} <= {p.record for p in problems}  # row 1 has no id: labelled by its number
    labels = [r.record for r in whole]
    assert labels[0] == "1" and labels[1] == "a1"  # no id: the row number, counted over the whole file


def test_csv_quoted_newlines_are_never_cut(tmp_path):
    rows = [{"text": 'first line\n\nsecond, "quoted"\r\nthird' * (i % 5 + 1), "id": str(i)} for i in range(500)]
    path = write_table(tmp_path / "multiline.csv", rows)
    pieces = split_source(SourceFile(path), 997)
    assert len(pieces) > 20
    assert_covers(pieces, path, 500)
    got = items_of(pieces)
    assert got == read_file(SourceFile(path))
    assert [r.record for r in got] == [str(i) for i in range(500)]


def test_cp1252_file_decodes_and_notes_the_same_in_every_piece(tmp_path):
    rows = article_rows(1000)
    text = pd.DataFrame(rows).to_csv(index=False, lineterminator="\r\n")
    path = tmp_path / "latin.csv"
    path.write_bytes(text.encode("cp1252", errors="replace"))  # UTF-8 breaks at the first "ü", in row 1
    jsonl = tmp_path / "late.jsonl"  # valid UTF-8 until its last line
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in rows]
    lines[-1] = lines[-1].replace("Türkiye".encode(), "T\xfcrkiye".encode("latin-1"))
    jsonl.write_bytes(b"\n".join(lines))
    for p in (path, jsonl):
        whole = read_file(SourceFile(p))
        pieces = split_source(SourceFile(p), 5_000)
        assert len(pieces) > 5 and {sf.piece.encoding for sf in pieces} == {"cp1252"}
        assert items_of(pieces) == whole
        note = whole[1].notes[-1]
        assert note.startswith("not valid UTF-8") and all(note in r.notes for r in whole if isinstance(r, Record))


def test_jsonl_columns_are_those_of_the_whole_file(tmp_path):
    """Which key gives the text (or the id) is decided over the whole file, as for a whole-file read: a piece
    whose rows only have ``body`` still reads ``text`` (and reports those rows as empty)."""
    rows = [{"text": f"t{i}", "id": i} for i in range(300)] + [{"body": f"b{i}"} for i in range(300)]
    rows.append({"text": "\u2028 inside a string, and U+0085: \x85", "id": 10**18 + 1})
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    whole = read_file(SourceFile(path))
    pieces = split_source(SourceFile(path), 500)
    assert len(pieces) > 5
    assert items_of(pieces) == whole
    assert whole[0].record == "0" and whole[-1].record == str(10**18 + 1)  # integer ids stay integers
    assert whole[-1].text == "inside a string, and U+0085:"  # the line was not broken at U+2028 or U+0085
    assert all(isinstance(x, Problem) and "empty text" in x.reason for x in whole[300:600])


def test_jsonl_integer_ids_with_a_missing_one_keep_their_digits(tmp_path):
    path = tmp_path / "ids.jsonl"
    path.write_text('{"id": 1, "text": "a"}\n{"text": "b"}\n{"id": 3, "text": "c"}\n', encoding="utf-8")
    assert [r.record for r in read_file(SourceFile(path))] == ["1", "2", "3"]  # was "1.0", "2", "3.0"


BAD_RECORDS = [
    ("bad.jsonl", '{"text": "ok"}\n' * 200 + "{oops}\n" + '{"text": "ok"}\n' * 200, 201, "malformed JSON"),
    ("list.jsonl", '{"text": "ok"}\n' * 200 + "\n[1, 2]\n", 202, "not a JSON object (a JSON array)"),
    ("wide.csv", "id,text\n" + "1,ok\n" * 200 + "2,ok,extra\n" + "3,ok\n" * 200, 202, "3 fields where the header"),
    ("unclosed.csv", "id,text\n" + "1,ok\n" * 200 + '2,"never closed\n' + "3,ok\n" * 200, 202, "never closes"),
]


@pytest.mark.parametrize(("name", "content", "line", "reason"), BAD_RECORDS)
def test_one_bad_record_fails_alone_in_pieces_as_read_whole(tmp_path, name, content, line, reason):
    """A bad line fails its record only, named by its line in the whole file, whether the file is read whole
    or in pieces (as the Dask ingest reads it)."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    sf = SourceFile(path)
    whole = read_file(sf)
    pieces = split_source(sf, 100)
    assert len(pieces) > 10
    assert items_of(pieces) == whole
    bad = [item for item in whole if isinstance(item, Problem)]
    assert len(whole) == 401 - name.startswith("list") * 200 and len(bad) == 1
    assert bad[0].status == "failed" and bad[0].reason.startswith(f"{name} line {line}: ") and reason in bad[0].reason
    assert all(isinstance(item, Record) and item.text == "ok" for item in whole if item is not bad[0])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notjsonl.jsonl", "{oops}\n" * 400),
        ("notext.jsonl", '{"summary": "ok"}\n' * 400),
        ("notext.csv", "id,summary\n" + "1,ok\n" * 400),
        ("header.csv", "id,text\n" + "\n" * 400),
        ("blank.jsonl", "\n" * 5000),
        ("utf16.csv", "id,text\n" + "1,ok\n" * 400),
    ],
)
def test_a_file_that_fails_whole_is_not_split(tmp_path, name, content):
    """One report row for the file: a whole-file problem must not be repeated by every piece."""
    path = tmp_path / name
    path.write_bytes(content.encode("utf-16" if name.startswith("utf16") else "utf-8"))
    sf = SourceFile(path)
    assert split_source(sf, 100) == [sf]
    whole = read_file(sf)
    if name.startswith("utf16"):
        assert len(whole) == 400 and all(isinstance(r, Record) for r in whole)
    else:
        assert len(whole) == 1 and whole[0].status in ("failed", "skipped")


def test_small_files_and_other_formats_are_not_split(tmp_path):
    small = write_table(tmp_path / "small.jsonl", article_rows(10))
    assert split_source(SourceFile(small), small.stat().st_size) == [SourceFile(small)]
    one_group = write_table(tmp_path / "one.parquet", article_rows(50))
    assert split_source(SourceFile(one_group), 10) == [SourceFile(one_group)]
    (tmp_path / "a.json").write_text(json.dumps(article_rows(200)), encoding="utf-8")
    (tmp_path / "a.txt").write_text("Headline\n\n" + "Body text. " * 2000, encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>" + "Body text. " * 2000 + "</p>", encoding="utf-8")
    for name in ("a.json", "a.txt", "a.html", "missing.csv"):
        sf = SourceFile(tmp_path / name)
        assert split_source(sf, 10) == [sf]


def test_piece_label_and_repr_tell_pieces_apart(tmp_path):
    path = write_table(tmp_path / "articles.jsonl", article_rows(400))
    whole = SourceFile(path, digest="abc")
    pieces = split_source(whole, 20_000)
    assert whole.label == str(path) and whole.nbytes() == path.stat().st_size
    assert pieces[0].label == f"{path}#rows 1-{pieces[0].piece.rows}"
    assert len({repr(p) for p in pieces}) == len(pieces) and all("piece=Piece(" in repr(p) for p in pieces)
    assert sum(p.nbytes() for p in pieces) == whole.nbytes()


def test_a_file_changed_after_splitting_is_reported_not_misread(tmp_path):
    path = write_table(tmp_path / "articles.jsonl", article_rows(400))
    pieces = split_source(SourceFile(path), 20_000)
    path.write_text("{}\n" + path.read_text(encoding="utf-8"), encoding="utf-8")  # every line moves by 3 bytes
    items = read_file(pieces[1])
    assert len(items) == 1 and items[0].status == "failed" and "changed since it was split" in items[0].reason


@pytest.mark.slow
def test_a_hundred_megabyte_file_in_pieces(tmp_path):
    """Each piece reads only its own bytes; time and memory are measured in bench runs, not asserted."""
    path = tmp_path / "big.jsonl"
    body = " ".join(["Pakistan and Qatar resumed talks in Doha on Tuesday, officials said."] * 28)
    rows = 0
    with path.open("w", encoding="utf-8") as fh:
        while fh.tell() < 100 * 1024 * 1024:
            fh.write(json.dumps({"id": f"a{rows}", "title": f"Story {rows}", "text": body}) + "\n")
            rows += 1
    target = 8 * 1024 * 1024
    pieces = split_source(SourceFile(path), target)
    assert os.path.getsize(path) // target <= len(pieces) <= os.path.getsize(path) // target + 1
    total = 0
    for sf in pieces:
        items = read_file(sf)
        assert len(items) == sf.piece.rows and all(isinstance(r, Record) for r in items)
        total += len(items)
    assert total == rows
    assert items[-1].record == f"a{rows - 1}"
