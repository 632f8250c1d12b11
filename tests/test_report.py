from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest

from verify.report import FORMATS, claimreview, decisive_spans, write
from verify.schema import ClaimError, Evidence, Label, Scores, Verdict

PASSAGE = (
    "On May 11, Telegram’s lawyers filed an appeal against the ban with the Moscow City Court, "
    "which was rejected on June 14."
)


def verdict(vid: str, claim: str, label: Label, url: str | None = "https://tass.com/society/1018919") -> Verdict:
    s = Scores(entailment=0.9, neutral=0.05, contradiction=0.05)
    ev = Evidence(
        source_id="tass",
        title="Telegram will not consider <requests>",
        url=url,
        published=dt.date(2018, 8, 28),
        start=1,
        end=1 + len(PASSAGE),
        text=PASSAGE,
        scores=s,
        retrieval_score=0.03,
    )
    return Verdict(
        id=vid, claim=claim, label=label, confidence=0.87, scores=s, reason="date matches", evidence=[ev], desk="world"
    )


RECORDS = [
    verdict("a", "The appeal was rejected June 14.", Label.SUPPORTED),
    verdict("b", "The appeal was rejected June 15 <script>alert(1)</script>", Label.CONTRADICTED, url=None),
    ClaimError(line=3, error="line 3: invalid JSON"),
    verdict("c", "Telegram has 200 million users.", Label.UNKNOWN),
]


def render(fmt: str, **kw: str) -> str:
    out = io.StringIO()
    write(fmt, RECORDS, out, **kw)
    return out.getvalue()


def test_jsonl_round_trips() -> None:
    rows = [json.loads(line) for line in render("jsonl").splitlines()]
    assert [r.get("id") for r in rows] == ["a", "b", None, "c"]
    assert rows[0]["desk"] == "world" and rows[2]["error"] == "line 3: invalid JSON"


def test_csv_one_row_per_record() -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv"))))
    assert [r["id"] for r in rows] == ["a", "b", "", "c"]
    assert rows[0]["label"] == "supported" and rows[0]["evidence"] == PASSAGE and rows[0]["start"] == "1"
    assert rows[2]["error"] == "line 3: invalid JSON" and rows[2]["line"] == "3"


def test_markdown_summary_and_quotes() -> None:
    text = render("markdown")
    assert "4 claims: 1 supported, 1 contradicted, 1 unknown, 1 error" in text
    assert "**SUPPORTED** (confidence 0.87)" in text and "> On May 11" in text
    assert "\\<script\\>" in text  # markup in a claim is escaped


def test_html_is_self_contained_escaped_and_highlighted() -> None:
    page = render("html")
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and "&lt;script&gt;" in page
    assert not re.search(r"(src|href)=['\"]?https?://(?!tass\.com)", page)  # no network assets
    assert "<link" not in page and "@import" not in page
    assert "<mark>June 14</mark>" in page and "<mark>appeal</mark>" in page
    assert page.count("class=badge") == 3 + 3  # summary + one per verdict
    assert "href='https://tass.com/society/1018919'" in page and "Line 3: not verified" in page


def test_decisive_spans_cover_shared_words_and_facts() -> None:
    spans = decisive_spans("The appeal was rejected June 14.", PASSAGE)
    marked = [PASSAGE[s:e] for s, e in spans]
    assert "appeal" in marked and "June 14" in " ".join(marked) and "lawyers" not in marked


def test_claimreview_fields() -> None:
    review = claimreview(
        RECORDS[1], author="Ledger Fact Desk", author_url="https://ledger.example", date_published=dt.date(2026, 11, 28)
    )
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == RECORDS[1].claim
    assert review["datePublished"] == "2026-11-28"
    assert review["author"] == {"@type": "Organization", "name": "Ledger Fact Desk", "url": "https://ledger.example"}
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and (rating["worstRating"], rating["bestRating"]) == (1, 5)
    assert (rating["ratingValue"], rating["alternateName"]) == (1, "Contradicted by the sources")
    assert review["itemReviewed"] == {"@type": "Claim"}
    supported = claimreview(RECORDS[0], author="x")
    assert supported["reviewRating"]["ratingValue"] == 5
    assert supported["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "url": "https://tass.com/society/1018919"}
    ]


def test_claimreview_output_skips_errors() -> None:
    rows = [json.loads(line) for line in render("claimreview", author="Desk").splitlines()]
    assert len(rows) == 3 and all(r["author"]["name"] == "Desk" for r in rows)
    assert [r["reviewRating"]["ratingValue"] for r in rows] == [5, 1, 3]


def test_unknown_format() -> None:
    assert set(FORMATS) == {"jsonl", "csv", "markdown", "html", "claimreview"}
    with pytest.raises(ValueError, match="unknown format"):
        write("pdf", RECORDS, io.StringIO())


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:", "//x"])
def test_only_http_urls_become_links(url: str) -> None:
    records = [verdict("c1", "The appeal was rejected June 14.", Label.SUPPORTED, url=url)]
    for fmt in ("html", "markdown"):
        out = io.StringIO()
        write(fmt, records, out)
        assert "alert" not in out.getvalue() and "href" not in out.getvalue() and "](" not in out.getvalue()
    review = claimreview(records[0], "Desk")
    assert "appearance" not in review["itemReviewed"]


def test_http_urls_are_linked_and_quoted() -> None:
    records = [verdict("c1", "x", Label.SUPPORTED, url="https://x.org/a b'\"<c>")]
    out = io.StringIO()
    write("html", records, out)
    assert "href='https://x.org/a%20b&#x27;%22%3Cc%3E'" in out.getvalue()


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://evil\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1"])
def test_csv_formula_cells_are_neutralised(cell: str) -> None:
    out = io.StringIO()
    write("csv", [verdict(cell, cell, Label.SUPPORTED), ClaimError(id=cell, line=2, error=cell)], out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["claim"] == rows[0]["id"] == rows[1]["error"] == "'" + cell
