"""Tables: one bad line fails its record only (file and line in the reason); values that are no text are
coerced or failed as the module documents."""

import json

import pandas as pd
import pytest

import workbench as wb
from workbench.ingest.read import read_file
from workbench.ingest.records import Problem, Record
from workbench.ingest.sources import SourceFile
from workbench.ingest.table_rows import csv_entries
from workbench.ingest.tables import text_value


def jsonl(rows: list) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n"


def test_one_truncated_line_loses_only_its_record(tmp_path):
    lines = [
        json.dumps({"id": f"a{i}", "title": f"Story {i}", "text": f"Talks {i} resumed in Doha."}) for i in range(200)
    ]
    lines[120] = lines[120][:25]  # cut off mid-string
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = wb.load(tmp_path, cache_dir=False)
    assert len(corpus.articles) == 199
    failed = corpus.report[corpus.report["status"] == "failed"]
    assert len(failed) == 1 and failed["record"].iloc[0] == "121"
    assert failed["reason"].iloc[0].startswith("feed.jsonl line 121: malformed JSON (Unterminated string")
    assert (corpus.report["status"] == "loaded").sum() == 199


def test_jsonl_line_numbers_count_blank_lines(tmp_path):
    path = tmp_path / "a.ndjson"
    path.write_text('{"text": "one"}\n\n\n{"text": "two"\n[1, 2]\n{"text": "four"}\n', encoding="utf-8")
    items = read_file(SourceFile(path))
    assert [type(i).__name__ for i in items] == ["Record", "Problem", "Problem", "Record"]
    assert [i.record for i in items] == ["1", "2", "3", "4"]  # rows, numbered over non-blank lines
    assert items[1].reason.startswith("a.ndjson line 4: malformed JSON")
    assert items[2].reason == "a.ndjson line 5: not a JSON object (a JSON array)"


def test_a_file_that_is_no_json_lines_is_one_row(tmp_path):
    path = tmp_path / "pretty.jsonl"
    path.write_text(json.dumps([{"text": "a"}, {"text": "b"}], indent=2), encoding="utf-8")
    items = read_file(SourceFile(path))
    assert len(items) == 1 and items[0].status == "failed"
    assert items[0].reason.startswith(
        "no record could be read (8 bad); the first, line 1: malformed JSON (Expecting value"
    )


@pytest.mark.parametrize(
    ("content", "bad_line", "reason"),
    [
        ("id,text\n1,ok\n2,ok,extra\n3,ok\n", 3, "3 fields where the header has 2"),
        ('id,text\n1,ok\n2,"never closed\n3,ok\n', 3, "a quoted field opens here and never closes"),
        ('id,text\n1,"two\nlines"\n2,a\rb\n3,ok\n', 4, "malformed CSV (new-line character seen in unquoted field"),
    ],
)
def test_one_bad_csv_record_fails_alone(tmp_path, content, bad_line, reason):
    path = tmp_path / "t.csv"
    path.write_text(content, encoding="utf-8", newline="")
    items = read_file(SourceFile(path))
    assert [i.record for i in items] == ["1", "2", "3"]
    bad = items[1]
    assert isinstance(bad, Problem) and bad.status == "failed"
    assert bad.reason.startswith(f"t.csv line {bad_line}: {reason}"), bad.reason
    assert all(isinstance(i, Record) for i in (items[0], items[2])) and items[2].text == "ok"


def test_csv_reading_follows_pythons_csv_module():
    text = 'a,a,text\n"x ""q"" y",2,"multi\nline"\n\n   \nshort\nz,,"a"b,c\n'
    header, rows = csv_entries(text, ",")
    assert header == ["a", "a.1", "text"]
    assert rows[0] == {"a": 'x "q" y', "a.1": "2", "text": "multi\nline"}
    assert rows[1] == {"a": "   "}  # empty lines are no records, a line of spaces is one (as for csv.reader)
    assert rows[2] == {"a": "short"}  # a short record lacks the last fields
    assert rows[3].reason == "4 fields where the header has 3"
    assert csv_entries("id,text\r1,ok\r", ",") == (["id", "text"], [{"id": "1", "text": "ok"}])  # old Mac line ends


def test_trailing_empty_fields_are_not_extra_fields(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,text\n1,ok,,\n", encoding="utf-8")
    assert [i.text for i in read_file(SourceFile(path))] == ["ok"]


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_text_given_as_a_list_or_a_number(tmp_path, suffix):
    rows = [
        {"id": "list", "text": ["ISLAMABAD: First paragraph.", "", "Second paragraph."]},
        {"id": "number", "text": 42},
        {"id": "bool", "text": True},
        {"id": "object", "text": {"body": "x"}},
        {"id": "mixed", "text": ["a", 1]},
        {"id": "empty", "text": []},
        {"id": "authors", "text": "Body.", "authors": ["A. Writer", "B. Writer"], "title": 1984, "date": 2025},
    ]
    path = tmp_path / f"t{suffix}"
    path.write_text(json.dumps(rows) if suffix == ".json" else jsonl(rows), encoding="utf-8")
    items = {i.record: i for i in read_file(SourceFile(path))}
    joined = items["list"]
    assert isinstance(joined, Record) and joined.text == "First paragraph.\n\nSecond paragraph."
    assert joined.dateline == "ISLAMABAD" and "text given as a list of 3 strings; joined as paragraphs" in joined.notes
    assert items["number"].status == "failed" and "text is a number (42), not text" in items["number"].reason
    assert "text is a boolean (True), not text" in items["bool"].reason
    assert "text is an object (keys: body), not text" in items["object"].reason
    assert "text is a list holding a number (1), not strings" in items["mixed"].reason
    assert items["empty"].status == "skipped" and "empty text" in items["empty"].reason
    other = items["authors"]
    assert (other.author, other.title, str(other.published)) == ("A. Writer, B. Writer", "1984", "2025-01-01 00:00:00")
    assert not any(getattr(i, "text", "").startswith("[") for i in items.values())  # no repr of a list


def test_numbers_in_the_date_column(tmp_path):
    rows = [{"text": "a", "date": 1762300800}, {"text": "b", "date": 1762300800000}, {"text": "c", "date": 20251105}]
    path = tmp_path / "t.jsonl"
    path.write_text(jsonl(rows), encoding="utf-8")
    a, b, c = read_file(SourceFile(path))
    assert str(a.published) == str(b.published) == "2025-11-05 00:00:00"  # Unix seconds, milliseconds
    assert c.published is None and "date 20251105 in column 'date' is not a date; ignored" in c.notes  # was 1970


def test_a_list_in_the_date_column_is_a_note_not_a_crash(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text(jsonl([{"text": "a", "date": []}, {"text": "b", "date": {"y": 1}}]), encoding="utf-8")
    a, b = read_file(SourceFile(path))  # was: the whole file failed ("The truth value of an empty array…")
    assert a.published is None and "date [] in column 'date' is not a date; ignored" in a.notes
    assert b.published is None and isinstance(b, Record)


def test_parquet_list_text_is_joined(tmp_path):
    path = tmp_path / "t.parquet"
    pd.DataFrame({"text": [["One.", "Two."], ["Three."]], "id": ["a", "b"]}).to_parquet(path)
    items = read_file(SourceFile(path))
    assert [i.text for i in items] == ["One.\n\nTwo.", "Three."]


def test_lone_surrogates_are_replaced(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text('{"text": "Talks \\ud800 resumed", "title": "T\\udfff"}\n', encoding="utf-8")
    (rec,) = read_file(SourceFile(path))
    assert rec.text == "Talks \ufffd resumed" and rec.title == "T\ufffd"
    assert "2 lone surrogate code point(s) (no character) replaced with U+FFFD" in rec.notes
    skipped = tmp_path / "s.jsonl"
    skipped.write_text('{"text": "", "id": "\\ud800"}\n', encoding="utf-8")
    (problem,) = read_file(SourceFile(skipped))
    assert problem.record == "\ufffd" and problem.status == "skipped"  # a report row can be stored too
    corpus = wb.load(path)  # the tables (and their cache) can hold it
    assert corpus.tokens["token"].tolist()[:2] == ["Talks", "\ufffd"]


def test_text_value_rules():
    assert text_value(None) == ("", "")
    assert text_value("x") == ("x", "")
    assert text_value(("a", None, "b"))[0] == "a\n\nb"
    assert text_value(3.5) == (None, "text is a number (3.5), not text")
    assert text_value("caf\xe9".encode("cp1252"))[0] == "café"
