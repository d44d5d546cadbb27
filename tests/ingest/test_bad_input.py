"""Bad input: every file gets a report row with a specific reason, and loading goes on."""

import os
from dataclasses import replace

import pytest

import workbench as wb
from workbench.ingest import formats, read


def report_for(folder, name):
    report = wb.load(folder).report
    rows = report[report["source"].str.endswith(name)]
    assert len(rows) == 1, report
    return rows.iloc[0]


def test_each_bad_file_gets_a_specific_reason(tmp_path):
    (tmp_path / "good.txt").write_text("Headline\n\nPakistan and Qatar talked.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "cp1252.txt").write_bytes("Headline\n\nT\xfcrkiye mediated \x93talks\x94.\n".encode("latin-1"))
    (tmp_path / "headline_only.txt").write_text("Just a headline\n", encoding="utf-8")
    (tmp_path / "bad.csv").write_text('title,text\n"unterminated,quote\n', encoding="utf-8")
    (tmp_path / "notext.csv").write_text("title,summary\na,b\n", encoding="utf-8")
    (tmp_path / "bad.json").write_text('[{"title": "a", "text": "b"', encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text("{oops}\n[1]\n", encoding="utf-8")
    (tmp_path / "bad.xml").write_text("<rss><channel><item><title>x</title>", encoding="utf-8")
    (tmp_path / "notxml.xml").write_text("this is <<< not xml at all", encoding="utf-8")
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really parquet")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing-target.txt")
    corpus = wb.load(tmp_path)
    report = corpus.report.assign(name=corpus.report["source"].map(lambda s: os.path.basename(s)))
    by_name = report.set_index("name")
    assert len(report) == 15  # every file accounted for
    expected = {
        "good.txt": ("loaded", ""),
        "empty.txt": ("skipped", "empty file"),
        "binary.txt": ("failed", "binary file"),
        "cp1252.txt": ("loaded", "decoded as cp1252"),
        "headline_only.txt": ("skipped", "no body text"),
        "bad.csv": ("failed", "bad.csv line 2: a quoted field opens here and never closes"),
        "notext.csv": ("failed", "no text column"),
        "bad.json": ("failed", "malformed JSON"),
        "bad.jsonl": ("failed", "no record could be read (2 bad); the first, line 1: malformed JSON"),
        "bad.xml": ("skipped", "malformed XML"),
        "notxml.xml": ("failed", "no feed entries"),
        "nav.html": ("skipped", "no article text"),
        "bad.parquet": ("failed", "malformed Parquet"),
        "notes.pdf": ("skipped", "unsupported file type (.pdf)"),
        "broken.txt": ("failed", "broken symbolic link: its target"),
    }
    for name, (status, reason) in expected.items():
        assert by_name.loc[name, "status"] == status, (name, by_name.loc[name, "reason"])
        assert reason in by_name.loc[name, "reason"], (name, by_name.loc[name, "reason"])
    cp = corpus.articles[corpus.articles["source"].str.endswith("cp1252.txt")].iloc[0]
    assert cp["text"] == "Türkiye mediated “talks”."


def test_huge_single_line_file(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_ARTICLE_BYTES", 1_000_000)
    (tmp_path / "huge.txt").write_bytes(b"word " * 400_000)  # 2 MB, no newline
    (tmp_path / "long_line.txt").write_bytes(b"word " * 100_000)  # 500 kB, no newline
    corpus = wb.load(tmp_path)
    row = corpus.report.set_index(corpus.report["source"].map(os.path.basename))
    assert row.loc["huge.txt", "status"] == "skipped" and "over the 976.6 KiB limit" in row.loc["huge.txt", "reason"]
    assert row.loc["long_line.txt", "status"] == "loaded"
    assert "read as body, not as a headline" in row.loc["long_line.txt", "reason"]
    art = corpus.articles.iloc[0]
    assert art["title"] == "" and len(art["text"]) == 499_999


def test_fifty_megabyte_file_is_reported_not_loaded(tmp_path):
    big = tmp_path / "fifty.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    row = report_for(tmp_path, "fifty.txt")
    assert row["status"] == "skipped"
    assert row["reason"].startswith("file is 50 MiB, over the 20 MiB limit for one article")


def test_folder_with_thousands_of_files(tmp_path):
    for i in range(2000):
        (tmp_path / f"a{i:04d}.txt").write_text(f"Story {i}\n\nArticle number {i} says {i * 7} things.\n")
    corpus = wb.load(tmp_path)
    assert len(corpus.report) == 2000 and len(corpus.articles) == 2000
    assert (corpus.report["status"] == "loaded").all()


def test_missing_path_is_a_report_row(tmp_path):
    (tmp_path / "a.txt").write_text("T\n\nBody.\n")
    corpus = wb.load(tmp_path, tmp_path / "nope")
    failed = corpus.report[corpus.report["status"] == "failed"]
    assert len(failed) == 1 and failed["reason"].iloc[0] == "path does not exist"


def test_reader_crash_becomes_a_failed_row(tmp_path, monkeypatch):
    def boom(path, data):
        raise RuntimeError("parser exploded")
        yield  # pragma: no cover

    monkeypatch.setitem(formats.READERS, ".txt", replace(formats.TEXT, read=boom))
    (tmp_path / "a.txt").write_text("T\n\nBody.\n")
    row = report_for(tmp_path, "a.txt")
    assert row["status"] == "failed" and "RuntimeError: parser exploded" in row["reason"]


@pytest.mark.parametrize("bad", [2025.5, "2025"])
def test_bad_year_hint(bad, seeds_dir):
    with pytest.raises(wb.WorkbenchError, match="year_hint"):
        wb.load(seeds_dir, year_hint=bad)
