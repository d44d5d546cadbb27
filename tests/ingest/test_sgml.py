"""Reuters-21578 SGML: a record cut off never swallows the next one, and every record has its report row."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

import workbench as wb
from workbench.ingest.records import Problem, Record
from workbench.ingest.sgml import _SIGNATURE, elements, read_sgml, signature_match


def reuters(newid: int, body: str = "") -> str:
    body = body or f"Cocoa shipments {newid} rose in Bahia this week, exporters said.\n    Second line {newid}."
    return (
        f'<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" NEWID="{newid}">\n<DATE>26-FEB-1987 15:01:01.79</DATE>'
        f"<TOPICS><D>cocoa</D></TOPICS><PLACES><D>brazil</D></PLACES>\n<TEXT>&#2;\n<TITLE>STORY {newid}</TITLE>\n"
        f"<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>{body}\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"
    )


def read(tmp_path, text):
    path = tmp_path / "reut2-cut.sgm"
    path.write_text(text, encoding="latin-1")
    return list(read_sgml(path, path.read_bytes()))


def test_a_record_cut_in_the_middle_does_not_swallow_the_next(tmp_path):
    records = [reuters(k) for k in range(1, 10)]
    records[2] = records[2][: records[2].index("this week")]  # NEWID 3 ends inside its BODY
    records[8] = records[8][: records[8].index("</TEXT>")]  # NEWID 9 loses its closing tags at the end of the file
    items = read(tmp_path, '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n' + "".join(records))
    assert [item.record for item in items] == [str(k) for k in range(1, 10)]  # 9 records in, 9 rows out
    cut = items[2]
    assert isinstance(cut, Problem) and cut.status == "failed"
    assert "NEWID 3: record cut off before the next <REUTERS>, inside its BODY" in cut.reason
    fourth = items[3]
    assert isinstance(fourth, Record) and fourth.title == "STORY 4" and "<" not in fourth.text
    assert fourth.text == "Cocoa shipments 4 rose in Bahia this week, exporters said.\n\nSecond line 4."
    last = items[8]
    assert isinstance(last, Record) and last.text.startswith("Cocoa shipments 9")
    assert "record cut off at the end of the file after its text" in last.notes[0]
    assert all(isinstance(item, Record) and not item.notes for i, item in enumerate(items) if i not in (2, 8))


@pytest.mark.parametrize(
    ("tail", "reason"),
    [
        ('<REUTERS NEWID="9">\n<TEXT><TITLE>CUT</TITLE><BODY>Cocoa rose', "at the end of the file, inside its BODY"),
        ('<REUTERS NEWID="9">\n<DATE>26-FEB-1987</DATE><TEXT><TITLE>', "at the end of the file, before its BODY"),
        ('<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN"', "inside its opening tag"),
    ],
)
def test_a_record_cut_at_the_end_of_the_file_gets_a_row(tmp_path, tail, reason):
    items = read(tmp_path, reuters(8) + tail)
    assert len(items) == 2 and isinstance(items[0], Record)
    assert items[1].status == "failed" and f"record cut off {reason}" in items[1].reason, items[1]
    assert items[1].record == ("9" if "NEWID" in tail else "2")  # no NEWID: its position in the file


def test_a_brief_record_cut_after_its_text_is_skipped_with_both_reasons(tmp_path):
    brief = '<REUTERS NEWID="5">\n<DATE>26-FEB-1987</DATE><TEXT TYPE="BRIEF">&#2;\n<TITLE>ONLY A TITLE</TITLE>\n</TEXT>'
    items = read(tmp_path, brief + reuters(6))
    assert items[0].status == "skipped" and "no body text (title only); record cut off" in items[0].reason
    assert isinstance(items[1], Record) and items[1].record == "6"


def test_elements_end_where_the_next_begins():
    text = '<REUTERS NEWID="1"><BODY>a</BODY></REUTERS>junk<REUTERS NEWID="2"><BODY>b<REUTERS NEWID="3">x</REUTERS>'
    found = list(elements(text))
    assert [(e.inner, e.cut) for e in found] == [
        ("<BODY>a</BODY>", ""),
        ("<BODY>b", "before the next <REUTERS>"),
        ("x", ""),
    ]


def test_cut_records_in_the_report(tmp_path):
    text = reuters(1) + reuters(2)[:-40] + reuters(3)
    (tmp_path / "reut2-x.sgm").write_text(text, encoding="latin-1")
    report = wb.load(tmp_path, cache_dir=False).report
    assert list(report["record"]) == ["1", "2", "3"]
    assert list(report["status"]) == ["loaded", "failed", "loaded"]


@given(
    st.lists(st.sampled_from(["Reuter", "Reuters", "xReuter", " ", "\n", "\u00a0", "said.", "REUTER", "-"]), max_size=8)
)
def test_signature_match_is_the_regex_search(pieces):
    """The end-only search of the closing "Reuter" finds what a search of the whole body finds."""
    body = "".join(pieces)
    fast, plain = signature_match(body), _SIGNATURE.search(body)
    assert (fast and fast.span()) == (plain and plain.span())
