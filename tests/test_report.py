from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest

from verify.errors import ConfigError
from verify.html_report import confidence_word, highlighted
from verify.report import FORMATS, _md, claimreview, write
from verify.runinfo import RunInfo
from verify.schema import ClaimError, Evidence, FactFinding, Label, Scores, Verdict

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


RUN = RunInfo(
    date=dt.date(2026, 11, 30),
    index="index/newsroom",
    sources=714,
    passages=2_141,
    embedding_model="sentence-transformers/all-MiniLM-L6-v2",
    nli_model="bundled:fp32",
)


def render(fmt: str, records: list | None = None, **kw: object) -> str:
    out = io.StringIO()
    write(fmt, RECORDS if records is None else records, out, **kw)  # type: ignore[arg-type]
    return out.getvalue()


def test_jsonl_round_trips() -> None:
    rows = [json.loads(line) for line in render("jsonl").splitlines()]
    assert [r.get("id") for r in rows] == ["a", "b", None, "c"]
    assert rows[0]["desk"] == "world" and rows[2]["error"] == "line 3: invalid JSON"


def test_csv_one_row_per_record() -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv", run=RUN))))
    assert [r["id"] for r in rows] == ["a", "b", "", "c"]
    assert rows[0]["label"] == "supported" and rows[0]["evidence"] == PASSAGE and rows[0]["start"] == "1"
    assert rows[2]["error"] == "line 3: invalid JSON" and rows[2]["line"] == "3"
    assert rows[0]["index"] == "index/newsroom (714 sources)" and rows[0]["model"] == "bundled:fp32"
    one = list(csv.DictReader(io.StringIO(render("csv", run=RUN.model_copy(update={"sources": 1})))))
    assert one[0]["index"] == "index/newsroom (1 source)"


def test_csv_keeps_pass_through_fields_as_extra_columns() -> None:
    a = verdict("a", "The appeal was rejected June 14.", Label.SUPPORTED)
    b = a.model_copy(update={"id": "b"})
    b.__pydantic_extra__ = {"desk": "metro", "cms_id": 7, "url": "https://ledger.example/story", "tags": ["x"]}
    text = render("csv", [a, b])
    header = next(csv.reader(io.StringIO(text)))
    assert header[-6:] == ["desk", "cms_id", "input_url", "tags", "index", "model"]  # the claim's url kept apart
    rows = list(csv.DictReader(io.StringIO(text)))
    assert (rows[0]["desk"], rows[1]["desk"], rows[1]["cms_id"]) == ("world", "metro", "7")
    assert (
        rows[1]["input_url"] == "https://ledger.example/story" and rows[1]["url"] == "https://tass.com/society/1018919"
    )
    assert rows[1]["tags"] == '["x"]'


def test_markdown_summary_and_quotes() -> None:
    text = render("markdown", run=RUN)
    # the line that failed is no claim verified
    assert "3 claims: 1 supported, 1 contradicted, 1 unknown; 1 line failed" in text
    assert "**SUPPORTED** (high confidence, 0.87)" in text and "> On May 11" in text
    assert "\\<script>" in text  # markup in a claim is escaped: no tag renders
    assert "index/newsroom (714 sources, 2,141 passages); model bundled:fp32" in text and "2026-11-30" in text
    assert "desk: world" in text  # pass-through fields kept


def test_markdown_escapes_only_what_renders() -> None:
    """A ">" inside a line is plain text (the run line's "cascade(a -> b)" stays readable); one
    opening a quoted passage would nest a quote, so it is escaped."""
    assert _md("cascade(bundled -> nli-mpnet-base)") == "cascade(bundled -> nli-mpnet-base)"
    assert _md(" > not a quote") == " \\> not a quote"
    assert _md("a <b>tag</b> and a *star*") == "a \\<b>tag\\</b> and a \\*star\\*"


def test_html_is_self_contained_and_escaped() -> None:
    page = render("html", run=RUN)
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and "&lt;script&gt;" in page
    assert not re.search(r"(src|href)=['\"]?https?://(?!tass\.com)", page)  # no network assets
    assert "<link" not in page and "@import" not in page
    assert page.count("class=badge") == 3 + 3  # summary + one per verdict
    assert "href='https://tass.com/society/1018919'" in page and "Line 3: not verified" in page


def test_html_header_names_the_run() -> None:
    page = render("html", run=RUN)
    for text in ("index/newsroom (714 sources, 2,141 passages)", "bundled:fp32", "2026-11-30", "0.1.0"):
        assert text in page
    assert "not saved" in render("html")  # verdicts without their run record say so


def test_html_confidence_in_words_with_a_legend() -> None:
    assert [confidence_word(c) for c in (0.95, 0.8, 0.7, 0.6, 0.59, 0.1)] == ["high"] * 2 + ["medium"] * 2 + ["low"] * 2
    page = render("html", run=RUN)
    assert "high confidence (0.87)" in page and "class=legend" in page and "raw scores" in page
    calibrated = render("html", run=RUN.model_copy(update={"calibration": "check-covid-calibration"}))
    assert "8 times in 10" in calibrated


def test_html_filter_by_verdict_needs_no_script() -> None:
    page = render("html")
    for kind in ("all", "supported", "contradicted", "unknown", "error"):
        assert f"id=show-{kind}" in page and f"<label for=show-{kind}>" in page
    assert "#show-contradicted:checked~.claims .claim:not(.contradicted)" in page  # works in Chromium: test_html_render
    assert "<section class='claim contradicted'" in page and "@media print" in page


def test_html_up_to_three_passages_the_rest_collapsed() -> None:
    a = verdict("a", "The appeal was rejected June 14.", Label.SUPPORTED)
    a.evidence = [a.evidence[0]] * 4
    page = render("html", [a])
    assert page.count("<blockquote>") == 3 and "2 more passages" in page
    assert page.index("2 more passages") < page.index("<div class=passages>") < page.rindex("<blockquote>")


def finding(text: str, agrees: bool, kind: str = "date") -> FactFinding:
    start = 1 + PASSAGE.index(text)  # the passage starts at offset 1 of its source
    return FactFinding(
        kind=kind, agrees=agrees, claim="June 15", source=text, source_id="tass", start=start, end=start + len(text)
    )


def test_html_highlights_only_the_deciding_facts() -> None:
    ev = verdict("b", "x", Label.CONTRADICTED).evidence[0]
    assert "<mark" not in highlighted(ev, [])  # no findings, nothing marked (not every shared word)
    marked = highlighted(ev, [finding("June 14", agrees=False), finding("Moscow City Court", agrees=True, kind="name")])
    assert re.findall(r"<mark class=(\w+)[^>]*>([^<]+)</mark>", marked) == [
        ("agrees", "Moscow City Court"),
        ("conflicts", "June 14"),
    ]
    # two findings on the same words (a swapped winner and loser) mark them once
    twice = highlighted(ev, [finding("June 14", agrees=False), finding("June 14", agrees=False, kind="role")])
    assert twice.count("<mark") == 1
    other_source = finding("June 14", agrees=False).model_copy(update={"source_id": "elsewhere"})
    outside = finding("June 14", agrees=False).model_copy(update={"start": 500, "end": 507})
    assert "<mark" not in highlighted(ev, [other_source, outside])
    contradicted = verdict("b", "The appeal was rejected June 15.", Label.CONTRADICTED)
    contradicted.findings = [finding("June 14", agrees=False)]
    page = render("html", [contradicted])
    assert page.count("<mark") == 1 + 2 and page.count("<mark class=conflicts") == 1 + 1  # the legend shows both


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
    # the source is evidence, cited; it is neither where the claim appears nor the review's page
    assert supported["citation"] == [{"@type": "CreativeWork", "url": "https://tass.com/society/1018919"}]
    assert "url" not in supported and "appearance" not in supported["itemReviewed"]


def test_claimreview_urls_are_unique_and_present_when_known() -> None:
    three = verdict("a", "The appeal was rejected June 14.", Label.SUPPORTED)
    three.evidence = [three.evidence[0]] * 3  # three passages of one source
    review = claimreview(three, author="x")
    assert review["citation"] == [{"@type": "CreativeWork", "url": "https://tass.com/society/1018919"}]
    three.__pydantic_extra__ = {"url": "https://ledger.example/politics/appeal"}
    review = claimreview(three, author="x")
    assert review["url"] == "https://ledger.example/politics/appeal"  # no review page given: the claim's
    assert review["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "url": "https://ledger.example/politics/appeal"}
    ]
    review = claimreview(three, author="x", review_url="https://ledger.example/checks/{id}")
    assert review["url"] == "https://ledger.example/checks/a"  # the review's own page, by claim id
    risky = RECORDS[1].model_copy(
        update={"evidence": [RECORDS[1].evidence[0].model_copy(update={"url": "javascript:x"})]}
    )
    assert "url" not in claimreview(risky, author="x") and "citation" not in claimreview(risky, author="x")


def test_an_unknown_verdict_cites_no_source() -> None:
    """Its passage is only the closest one found: no evidence, so nothing is cited or linked."""
    unknown = verdict("u", "Telegram has 200 million users.", Label.UNKNOWN)
    review = claimreview(unknown, author="x", review_url="https://ledger.example/checks/{id}")
    assert "citation" not in review and review["url"] == "https://ledger.example/checks/u"
    assert review["reviewRating"]["ratingValue"] == 3


def test_a_review_url_that_is_not_http_is_refused() -> None:
    with pytest.raises(ConfigError, match="review-url"):
        write("claimreview", RECORDS, io.StringIO(), review_url="javascript:alert(1)/{id}")


# schema.org's ClaimReview, Rating, Claim, CreativeWork and Organization properties we use, with their
# expected value types; and Google's required properties (developers.google.com/search/docs/appearance/
# structured-data/factcheck): claimReviewed, reviewRating (with alternateName), url.
SCHEMA = {
    "ClaimReview": {
        "citation": list,
        "claimReviewed": str,
        "datePublished": str,
        "author": dict,
        "reviewRating": dict,
        "itemReviewed": dict,
        "url": str,
    },
    "Rating": {
        "ratingValue": int,
        "bestRating": int,
        "worstRating": int,
        "alternateName": str,
        "ratingExplanation": str,
    },
    "Claim": {"appearance": list, "author": dict, "datePublished": str, "firstAppearance": dict},
    "CreativeWork": {"url": str},
    "Organization": {"name": str, "url": str},
}
GOOGLE_REQUIRED = {"ClaimReview": {"claimReviewed", "reviewRating", "url"}, "Rating": {"alternateName"}}


def check_node(node: dict) -> None:
    kind = node["@type"]
    allowed = SCHEMA[kind]
    for key, value in node.items():
        if key in ("@type", "@context"):
            continue
        assert key in allowed, f"{kind}.{key} is not a schema.org property we expect"
        assert isinstance(value, allowed[key]), f"{kind}.{key} should be {allowed[key].__name__}"
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict):
                check_node(child)
    assert GOOGLE_REQUIRED.get(kind, set()) <= set(node), f"{kind} lacks {GOOGLE_REQUIRED[kind] - set(node)}"
    if kind == "Rating":
        assert node["worstRating"] <= node["ratingValue"] <= node["bestRating"]
    if "url" in node:
        assert node["url"].startswith(("https://", "http://"))


@pytest.mark.parametrize("record", [r for r in RECORDS if isinstance(r, Verdict) and any(e.url for e in r.evidence)])
def test_claimreview_validates_field_by_field(record: Verdict) -> None:
    review = claimreview(
        record, author="Ledger", author_url="https://ledger.example", review_url="https://ledger.example/c/{id}"
    )
    assert review["@context"] == "https://schema.org"
    dt.date.fromisoformat(review["datePublished"])
    check_node(review)


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


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://evil")', "+1+2", "-2+3", "@SUM(A1)", "\t=1"])
def test_csv_formula_cells_are_neutralised(cell: str) -> None:
    out = io.StringIO()
    write("csv", [verdict(cell, cell, Label.SUPPORTED), ClaimError(id=cell, line=2, error=cell)], out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["claim"] == rows[0]["id"] == rows[1]["error"] == "'" + cell
