"""One test per input format: each reader gives the articles and fields SPEC describes."""

import json

import pandas as pd
import pytest

import workbench as wb

HTML_PAGE = """<!doctype html><html lang="en"><head><title>Talks resume in Istanbul | Daily Example</title>
<meta property="og:site_name" content="Daily Example">
<meta name="author" content="A. Reporter">
<meta property="article:published_time" content="2025-11-05T09:30:00+05:00">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks resume in Istanbul</h1>
<p>ISLAMABAD: Pakistan's delegation left for Istanbul on Wednesday for a new round of talks with the Afghan
Taliban, the defence minister said, adding that the ceasefire agreed in Doha was holding for now.</p>
<p>The talks follow a round held in late October which ended without agreement after the two sides failed to
settle on a monitoring and verification mechanism for attacks launched from Afghan soil.</p>
<p>Turkiye and Qatar are mediating, and both countries have longstanding ties with Pakistan and Afghanistan.</p>
</article><footer>Copyright 2025 Daily Example</footer></body></html>"""

RSS_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
<item><title>First story</title><link>https://example.com/1</link><guid>id-1</guid>
<pubDate>Wed, 05 Nov 2025 10:00:00 GMT</pubDate><description>&lt;p&gt;KABUL, Nov 5 (Reuters) - The Taliban said talks would resume.&lt;/p&gt;&lt;p&gt;Second paragraph.&lt;/p&gt;</description></item>
<item><title>Second story</title><link>https://example.com/2</link><guid>id-2</guid>
<pubDate>Thu, 06 Nov 2025 10:00:00 GMT</pubDate><description>Qatar welcomed the talks in Istanbul.</description></item>
<item><title>Title only</title><link>https://example.com/3</link><guid>id-3</guid></item>
</channel></rss>"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Atom story</title><id>urn:a1</id><link href="https://example.org/a1"/><updated>2025-11-04T08:00:00Z</updated>
<content type="html">&lt;p&gt;Doha hosted the first round.&lt;/p&gt;</content></entry></feed>"""

SGML = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="1" NEWID="7">
<DATE>26-FEB-1987 15:01:01.79</DATE><TOPICS><D>cocoa</D></TOPICS><PLACES><D>el-salvador</D><D>usa</D></PLACES>
<PEOPLE></PEOPLE><ORGS></ORGS><EXCHANGES></EXCHANGES><COMPANIES></COMPANIES><UNKNOWN>x</UNKNOWN>
<TEXT>&#2;
<TITLE>BAHIA COCOA REVIEW</TITLE>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in
the Bahia cocoa zone, alleviating the drought.
    Arrivals for the week ended February 22 were 155,221 bags.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="2" NEWID="8">
<DATE>26-FEB-1987 15:02:20.00</DATE><TOPICS></TOPICS><PLACES><D>usa</D></PLACES><PEOPLE></PEOPLE><ORGS></ORGS>
<EXCHANGES></EXCHANGES><COMPANIES></COMPANIES><UNKNOWN>x</UNKNOWN>
<TEXT TYPE="BRIEF">&#2;
<TITLE>STANDARD OIL &lt;SRD> TO FORM FINANCIAL UNIT</TITLE>
&#3;</TEXT>
</REUTERS>"""


def test_plain_text_with_front_matter_and_dateline(tmp_path):
    (tmp_path / "a.txt").write_text(
        "---\npublished: 2025-11-04\noutlet: Example Times\nurl: https://example.com/a\nauthor: A. Writer\n---\n"
        "Headline here\n\nKABUL, Oct 12 (Reuters) - The Taliban said talks would go on.\n\nSecond paragraph.\n",
        encoding="utf-8",
    )
    art = wb.load(tmp_path).articles.iloc[0]
    assert art["title"] == "Headline here"
    assert art["dateline"] == "KABUL"
    assert art["text"].startswith("The Taliban said")
    assert str(art["published"].date()) == "2025-11-04" and art["published_source"] == "front_matter"
    assert (art["outlet"], art["url"], art["author"]) == ("Example Times", "https://example.com/a", "A. Writer")


def test_sidecar_metadata_wins_over_front_matter(tmp_path):
    (tmp_path / "a.txt").write_text("---\npublished: 2025-01-01\n---\nTitle\n\nBody text here.\n", encoding="utf-8")
    (tmp_path / "index.csv").write_text("file,published,outlet\na.txt,2025-11-05,Dawn\n", encoding="utf-8")
    art = wb.load(tmp_path).articles.iloc[0]
    assert str(art["published"].date()) == "2025-11-05" and art["published_source"] == "metadata"
    assert art["outlet"] == "Dawn"


def test_metadata_argument_wins_over_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nBody text here.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,published\na.txt,2025-11-05\n", encoding="utf-8")
    extra = pd.DataFrame({"file": ["a.txt"], "published": ["2024-02-02"]})
    art = wb.load(tmp_path, metadata=extra).articles.iloc[0]
    assert str(art["published"].date()) == "2024-02-02"


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "json", "parquet"])
def test_tables_with_common_column_names(tmp_path, suffix):
    rows = [
        {
            "headline": "One",
            "body": "ISLAMABAD: Pakistan said talks resume.",
            "pubdate": "2025-11-05",
            "publisher": "Dawn",
            "link": "https://e.com/1",
            "id": "x1",
        },
        {
            "headline": "Two",
            "body": "Qatar mediated the talks in Doha.",
            "pubdate": "2025-10-19",
            "publisher": "Al Jazeera",
            "link": "https://e.com/2",
            "id": "x2",
        },
        {"headline": "Empty", "body": "", "pubdate": "", "publisher": "", "link": "", "id": "x3"},
    ]
    path = tmp_path / f"t.{suffix}"
    frame = pd.DataFrame(rows)
    if suffix == "csv":
        frame.to_csv(path, index=False)
    elif suffix == "jsonl":
        path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    elif suffix == "json":
        path.write_text(json.dumps(rows), encoding="utf-8")
    else:
        frame.to_parquet(path)
    corpus = wb.load(path)
    arts = corpus.articles
    assert list(arts["title"]) == ["One", "Two"]
    assert arts.loc[0, "dateline"] == "ISLAMABAD" and arts.loc[0, "text"] == "Pakistan said talks resume."
    assert list(arts["outlet"]) == ["Dawn", "Al Jazeera"] and list(arts["record"]) == ["x1", "x2"]
    assert str(arts.loc[1, "published"].date()) == "2025-10-19" and arts.loc[1, "published_source"] == "text"
    skipped = corpus.report[corpus.report["status"] == "skipped"]
    assert list(skipped["record"]) == ["x3"] and "empty text" in skipped["reason"].iloc[0]


def test_html_page(tmp_path):
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    art = wb.load(tmp_path).articles.iloc[0]
    assert "Talks resume in Istanbul" in art["title"]
    assert art["dateline"] == "ISLAMABAD"
    assert art["text"].startswith("Pakistan's delegation left for Istanbul")
    assert "Home" not in art["text"]
    assert art["published"].year == 2025 and art["published_source"] == "text"


def test_rss_and_atom_feeds(tmp_path):
    (tmp_path / "wire.rss").write_text(RSS_FEED, encoding="utf-8")
    (tmp_path / "wire.atom").write_text(ATOM_FEED, encoding="utf-8")
    corpus = wb.load(tmp_path)
    arts = corpus.articles.set_index("title")
    assert set(arts.index) == {"First story", "Second story", "Atom story"}
    assert arts.loc["First story", "dateline"] == "KABUL"
    assert arts.loc["First story", "text"] == "The Taliban said talks would resume.\n\nSecond paragraph."
    assert str(arts.loc["Second story", "published"].date()) == "2025-11-06"
    assert arts.loc["Atom story", "url"] == "https://example.org/a1"
    report = corpus.report
    assert report[report["status"] == "skipped"]["reason"].str.contains("no text").all()
    assert len(report) == 4


def test_reuters_sgml(tmp_path):
    (tmp_path / "reut2-x.sgm").write_text(SGML, encoding="latin-1")
    corpus = wb.load(tmp_path)
    art = corpus.articles.iloc[0]
    assert art["title"] == "BAHIA COCOA REVIEW" and art["dateline"] == "SALVADOR"
    assert art["text"] == (
        "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought."
        "\n\nArrivals for the week ended February 22 were 155,221 bags."
    )
    assert art["boilerplate"] == "Reuter"
    assert str(art["published"]) == "1987-02-26 15:01:01"
    assert list(art["topics_gold"]) == ["cocoa"] and list(art["places"]) == ["el-salvador", "usa"]
    rows = corpus.report.set_index("record")
    assert rows.loc["8", "status"] == "skipped" and "no body text" in rows.loc["8", "reason"]
