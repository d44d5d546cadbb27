"""read_file / read_sources: reasons that say what is wrong (links, sizes, what is no file), names that tables
can store."""

import os

import pytest

import workbench as wb
from workbench.ingest import read
from workbench.ingest.read import link_problem, read_file, size_text
from workbench.ingest.sources import SourceFile, expand


def rows_by_name(folder):
    report = wb.load(folder, cache_dir=False).report
    return report.set_index(report["source"].map(os.path.basename))


def test_a_symlink_loop_and_a_broken_link_get_their_own_reasons(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nPakistan and Qatar met.\n", encoding="utf-8")
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "dangling").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "folder-link").symlink_to(tmp_path / "sub", target_is_directory=True)
    (tmp_path / "sub").mkdir()
    rows = rows_by_name(tmp_path)
    assert (
        rows.loc["loop1", "reason"]
        == "symbolic link loop: loop1 -> " + str(tmp_path / "loop2") + " never reaches a file"
    )
    assert rows.loc["self.txt", "reason"].startswith("symbolic link loop: self.txt -> ")
    assert rows.loc["dangling", "reason"] == f"broken symbolic link: its target {tmp_path / 'gone.txt'} does not exist"
    assert (rows.loc[["loop1", "loop2", "self.txt", "dangling"], "status"] == "failed").all()
    assert (
        rows.loc["folder-link", "status"] == "skipped"
        and "link to a folder, not followed" in rows.loc["folder-link", "reason"]
    )
    assert not rows["reason"].str.contains("unsupported file type").any()
    assert rows.loc["a.txt", "status"] == "loaded"


def test_a_named_pipe_is_reported_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block the load for ever
    rows = rows_by_name(tmp_path)
    assert rows.loc["pipe.txt", "status"] == "skipped" and "not a regular file" in rows.loc["pipe.txt", "reason"]


def test_link_problem_of_ordinary_files(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert link_problem(tmp_path / "a.txt") is None and link_problem(tmp_path / "b.txt") is None
    assert link_problem(tmp_path / "missing.txt") is None  # not a link: the read says "cannot read file"


def test_the_size_limit_is_stated_as_it_is(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(read.MAX_ARTICLE_BYTES + 1)
    (problem,) = read_file(SourceFile(big))
    assert problem.status == "skipped"
    assert problem.reason.startswith("file is 20.0 MiB, over the 20 MiB limit for one article")  # was "21 MB"
    assert "workbench.ingest.read.MAX_ARTICLE_BYTES" in problem.reason
    monkeypatch.setattr(read, "MAX_ARTICLE_BYTES", 1 << 20)
    assert "over the 1 MiB limit" in read_file(SourceFile(big))[0].reason


@pytest.mark.parametrize(
    ("nbytes", "text"), [(0, "0 bytes"), (1023, "1023 bytes"), (1024, "1 KiB"), (1536, "1.5 KiB"), (3 << 30, "3 GiB")]
)
def test_size_text(nbytes, text):
    assert size_text(nbytes) == text


def test_a_file_name_that_is_not_utf8_can_be_stored(tmp_path):
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as fh:
        fh.write(b"Title\n\nPakistan and Qatar met in Doha.\n")
    (sf,) = expand([tmp_path]).files
    assert sf.name == str(tmp_path / "caf\ufffd.txt")
    corpus = wb.load(tmp_path)  # cached as Parquet: no lone surrogate in any table
    assert corpus.report["source"].tolist() == [sf.name] and corpus.articles["source"].tolist() == [sf.name]
    assert corpus.report["reason"].tolist() == [""]


def test_a_front_matter_date_that_does_not_exist_is_a_note(tmp_path):
    (tmp_path / "a.txt").write_text(
        "---\npublished: 2025-02-30\noutlet: Dawn\nauthor: [A. Writer, B. Writer]\n---\nTitle\n\nBody text.\n",
        encoding="utf-8",
    )
    rows = rows_by_name(tmp_path)
    assert rows.loc["a.txt", "status"] == "loaded"  # was "read_text failed: ValueError: day is out of range"
    assert rows.loc["a.txt", "reason"] == "front_matter: published '2025-02-30' is not a date; ignored"
    art = wb.load(tmp_path, cache_dir=False).articles.iloc[0]
    assert (art["outlet"], art["author"], art["text"]) == ("Dawn", "A. Writer, B. Writer", "Body text.")


def test_read_with_gives_what_read_file_gives_and_restores_the_collector(tmp_path):
    """The workers' entry (the garbage collector paused while it runs) returns ``read_file``'s items and
    ``also`` of their texts, and leaves the collector as it found it, even when ``also`` fails."""
    import gc

    from workbench.ingest.read import read_with

    path = tmp_path / "a.txt"
    path.write_text("Title\n\nPakistan and Qatar talked on Monday.\n")
    (sf,) = expand((path,)).files
    items, texts = read_with(sf, also=lambda texts: [t.upper() for t in texts])
    assert items == read_file(sf) and texts == [items[0].text.upper()]
    assert gc.isenabled()

    def fail(texts):
        raise ValueError("boom")

    with pytest.raises(ValueError):
        read_with(sf, also=fail)
    assert gc.isenabled()
    gc.disable()
    try:
        read_with(sf)
        assert not gc.isenabled()
    finally:
        gc.enable()
