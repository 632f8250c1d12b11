from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import SEED_ID, SEEDS

from verify.sources import SourceError, html_to_text, markdown_to_text, read_sources


def test_seed_article_metadata() -> None:
    [source] = read_sources(SEEDS)
    assert source.id == SEED_ID
    assert source.title == source.text.splitlines()[0]
    assert (source.publisher, source.dateline, source.published) == ("TASS", "MOSCOW", dt.date(2018, 8, 28))
    assert len(source.content_hash) == 64


def test_txt_title_defaults_to_first_line_and_id_to_file_name(tmp_path: Path) -> None:
    path = tmp_path / "City Hall news.txt"
    path.write_text("\nCouncil approves budget\nThe council voted on Monday.\n", encoding="utf-8")
    [source] = read_sources(path)
    assert source.title == "Council approves budget"
    assert source.id == "City-Hall-news"
    assert source.text.startswith("Council approves budget")


def test_hash_is_stable_and_changes_with_text_or_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title\nBody one.", encoding="utf-8")
    first = read_sources(path)[0].content_hash
    assert read_sources(path)[0].content_hash == first
    path.write_text("Title\nBody two.", encoding="utf-8")
    second = read_sources(path)[0].content_hash
    assert second != first
    (tmp_path / "a.txt.meta.json").write_text(json.dumps({"published": "2020-01-02"}), encoding="utf-8")
    assert read_sources(path)[0].content_hash not in (first, second)


def test_html_markup_stripped_text_and_metadata_kept(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Page title</title><meta property='og:url' content='https://x.org/a'>"
        "<meta property='article:published_time' content='2021-05-06T10:00:00Z'>"
        "<style>p {color: red}</style><script>var x = 1;</script></head>"
        "<body><h1>Big &amp; bold</h1><p>First <b>para</b>graph.</p><p>Second&nbsp;one.</p></body></html>",
        encoding="utf-8",
    )
    [source] = read_sources(path)
    assert source.text == "Big & bold\nFirst paragraph.\nSecond one."
    assert source.title == "Page title"
    assert source.url == "https://x.org/a"
    assert source.published == dt.date(2021, 5, 6)


def test_markdown_markup_removed() -> None:
    text = markdown_to_text("# Head\n\nSome **bold** and [a link](http://x.org) and `code`.\n- item one")
    assert text == "Head\n\nSome bold and a link and code.\nitem one"


def test_markdown_front_matter_is_metadata_not_text(tmp_path: Path) -> None:
    """A CMS export or a static site's post opens with `---` front matter: its fields are the
    source's metadata (a generator's own keys ignored, "date" read as published), and none of it is
    indexed as the article's text or taken for its title; a sidecar still has the last word."""
    path = tmp_path / "bus-bids.md"
    path.write_text(
        '---\ntitle: "Board sets deadline: Jan. 12"\nlayout: post\ntags:\n  - schools\n'
        "date: 2026-11-20T09:30:00-05:00\nurl: https://ledger.example/bus-bids\n---\n"
        "HARLAN, Nov. 20 — The board gave companies until Jan. 12 to submit offers.\n",
        encoding="utf-8",
    )
    [source] = read_sources(path)
    assert source.text == "HARLAN, Nov. 20 — The board gave companies until Jan. 12 to submit offers."
    assert source.title == "Board sets deadline: Jan. 12"
    assert source.published == dt.date(2026, 11, 20)
    assert source.url == "https://ledger.example/bus-bids"
    (tmp_path / "bus-bids.md.meta.json").write_text('{"title": "Sidecar title"}', encoding="utf-8")
    assert read_sources(path)[0].title == "Sidecar title"
    # no closing line: no front matter, and nothing of the file is dropped
    path.write_text("---\ntitle: never closed\nThe text.\n", encoding="utf-8")
    assert read_sources(path)[0].text == "---\ntitle: never closed\nThe text."


def test_html_to_text_ignores_scripts() -> None:
    text, meta = html_to_text("<p>Hi</p><script>alert('no')</script><noscript>x</noscript>")
    assert text == "Hi" and meta == {}


def test_jsonl_articles_with_metadata_and_ids(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a1", "text": "Alpha story.", "title": "Alpha", "published": "2022-02-03", "publisher": "Ledger"},
        {"text": "Beta story.", "url": "https://x.org/beta"},
        {"text": "Gamma story."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    sources = read_sources(path)
    assert [s.id for s in sources][0] == "a1"
    assert sources[1].id.startswith("url-") and sources[2].id == "feed-3"
    assert sources[0].published == dt.date(2022, 2, 3) and sources[0].publisher == "Ledger"
    assert sources[1].url == "https://x.org/beta"


def test_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.md").write_text("Two", encoding="utf-8")
    (tmp_path / "one.txt").write_text("One", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("skip me", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("hidden", encoding="utf-8")
    assert [s.id for s in read_sources(tmp_path)] == ["two", "one"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.txt", b"caf\xe9 au lait", "not UTF-8"),
        ("empty.txt", b"  \n ", "no text"),
        ("data.csv", b"a,b", "unsupported file type"),
        ("feed.jsonl", b'{"text": "ok"}\n{broken\n', "feed.jsonl:2: invalid JSON"),
        ("feed.jsonl", b'{"title": "no text"}\n', "expected an object with a 'text' string"),
        ("feed.jsonl", b'{"text": "x", "published": "last Tuesday"}\n', "not an ISO date"),
        ("feed.jsonl", b'{"text": "x", "colour": "red"}\n', "unknown metadata field"),
        ("feed.jsonl", b'{"text": "x", "title": ["a", "list"]}\n', "title: Input should be a valid string"),
    ],
)
def test_bad_sources_name_the_file_and_fault(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError, match=message) as info:
        read_sources(path)
    assert name in str(info.value)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        read_sources(tmp_path / "nope.txt")


WIRE = "Ferry fares to rise\nLAKEPORT, May 20, 2025 — Lakeport Ferries will raise fares, the company said on Tuesday.\n"


def test_a_leading_wire_dateline_with_a_year_dates_the_article(tmp_path: Path) -> None:
    path = tmp_path / "ferries.txt"
    path.write_text(WIRE, encoding="utf-8")
    [source] = read_sources(path)
    assert source.published == dt.date(2025, 5, 20)
    # at the very start too, and in Markdown
    (tmp_path / "ferries.txt").write_text(WIRE.split("\n", 1)[1], encoding="utf-8")
    assert read_sources(tmp_path / "ferries.txt")[0].published == dt.date(2025, 5, 20)
    (tmp_path / "ferries.md").write_text("# Ferry fares\n\nLAKEPORT, 20 May 2025 - Fares rise.\n", encoding="utf-8")
    assert read_sources(tmp_path / "ferries.md")[0].published == dt.date(2025, 5, 20)


def test_an_explicit_date_is_never_overridden_by_the_dateline(tmp_path: Path) -> None:
    path = tmp_path / "ferries.txt"
    path.write_text(WIRE, encoding="utf-8")
    (tmp_path / "ferries.txt.meta.json").write_text(json.dumps({"published": "2025-05-21"}), encoding="utf-8")
    assert read_sources(path)[0].published == dt.date(2025, 5, 21)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": WIRE, "published": "2025-05-22"}) + "\n", encoding="utf-8")
    assert read_sources(feed)[0].published == dt.date(2025, 5, 22)


@pytest.mark.parametrize(
    "text",
    [
        "LAKEPORT, May 20 — Fares rise.",  # no year: nothing to date the article by
        "Fares rise.\nThe board met.\nLater, more news.\nLAKEPORT, May 20, 2025 — A dateline deep in the text.",
        "Lakeport Ferries said on May 20, 2025 that fares rise.",  # a date in a sentence, not a dateline
    ],
)
def test_no_leading_dateline_with_a_year_no_date(tmp_path: Path, text: str) -> None:
    path = tmp_path / "ferries.txt"
    path.write_text(text, encoding="utf-8")
    assert read_sources(path)[0].published is None
