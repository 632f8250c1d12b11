"""Output writers: JSONL, CSV, Markdown, the HTML report (verify.html_report) and ClaimReview JSON-LD.

Every writer takes the records of a run (verdicts and error records, in input order), a text
stream, and what the run used (RunInfo, named in the report's header). A report depends on nothing
else, so `verify report` renders saved verdicts exactly as `verify --format` renders new ones.
JSONL and ClaimReview stream; CSV collects first (its columns include every pass-through field),
and so do Markdown and HTML (they open with a summary).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any
from urllib.parse import quote

from verify.errors import ConfigError
from verify.html_report import confidence_word, write_html
from verify.links import safe_url
from verify.runinfo import RunInfo, run_date
from verify.schema import ClaimError, Label, Verdict
from verify.text import plural

Record = Verdict | ClaimError
FORMATS = ("jsonl", "csv", "markdown", "html", "claimreview")

# Our labels on schema.org's Rating scale (worst 1, best 5). The ratings say what the indexed
# sources say about the claim, not whether the world agrees.
CLAIMREVIEW_RATINGS = {
    Label.SUPPORTED: (5, "Supported by the sources"),
    Label.UNKNOWN: (3, "Not enough information in the sources"),
    Label.CONTRADICTED: (1, "Contradicted by the sources"),
}
CSV_COLUMNS = [
    "id",
    "line",
    "claim",
    "label",
    "confidence",
    "reason",
    "disputed",
    "source_id",
    "title",
    "url",
    "published",
    "start",
    "end",
    "evidence",
    "error",
]
# What the run used, on every row: a CSV travels without its header.
CSV_RUN_COLUMNS = ["index", "model"]


def csv_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_jsonl(records: Iterable[Record], out: IO[str]) -> None:
    for record in records:
        out.write(record.model_dump_json() + "\n")
        out.flush()


def csv_columns(records: list[Record]) -> tuple[list[str], dict[str, str]]:
    """The columns, and the column of each pass-through field: after the verdict's own columns, in
    order of first appearance; a field named like a column (a claim's own `url`) gets `input_`."""
    taken = set(CSV_COLUMNS) | set(CSV_RUN_COLUMNS)
    renamed: dict[str, str] = {}
    for record in records:
        for key in record.model_extra or {}:
            if key not in renamed:
                renamed[key] = f"input_{key}" if key in taken else key
    return [*CSV_COLUMNS, *dict.fromkeys(renamed.values()), *CSV_RUN_COLUMNS], renamed


def _cell(value: Any) -> Any:
    return value if value is None or isinstance(value, (str, int, float, bool)) else json.dumps(value)


def write_csv(records: Iterable[Record], out: IO[str], run: RunInfo | None = None) -> None:
    records = list(records)
    columns, renamed = csv_columns(records)
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    used = {"index": f"{run.index} ({run.source_count})", "model": run.nli_model} if run else {}

    def row(cells: dict[str, Any]) -> None:
        writer.writerow({k: csv_cell(v) for k, v in cells.items()})

    for record in records:
        passthrough = {renamed[k]: _cell(v) for k, v in (record.model_extra or {}).items()}
        if isinstance(record, ClaimError):
            row({**passthrough, "id": record.id, "line": record.line, "error": record.error, **used})
            continue
        top = record.evidence[0] if record.evidence else None
        row(
            {
                **passthrough,
                "id": record.id,
                "claim": record.claim,
                "label": record.label.value,
                "confidence": record.confidence,
                "reason": record.reason,
                "disputed": record.disputed,
                **(
                    {
                        "source_id": top.source_id,
                        "title": top.title,
                        "url": top.url,
                        "published": top.published,
                        "start": top.start,
                        "end": top.end,
                        "evidence": top.text,
                    }
                    if top
                    else {}
                ),
                **used,
            }
        )


def label_of(record: Record) -> str:
    """The verdict's label, or "error" for a line that could not be verified: the one way every
    summary (the CLI's closing line, markdown, HTML) counts records."""
    return record.label.value if isinstance(record, Verdict) else "error"


def summary(records: Iterable[Record]) -> Counter[str]:
    return Counter(map(label_of, records))


def _summary_line(records: list[Record]) -> str:
    counts = summary(records)
    verified = len(records) - counts["error"]
    parts = [f"{counts[k]} {k}" for k in ("supported", "contradicted", "unknown") if counts[k]]
    failed = f"; {plural(counts['error'], 'line')} failed" if counts["error"] else ""
    return plural(verified, "claim") + (": " + ", ".join(parts) if parts else "") + failed


def write_markdown(records: Iterable[Record], out: IO[str], run: RunInfo | None = None) -> None:
    records = list(records)
    header = f"Run: {_md(run.describe())}; verify {run.version}, {run.date}." if run else "Run details not saved."
    out.write(f"# Verification report\n\n{header}\n\n{_summary_line(records)}\n")
    for record in records:
        if isinstance(record, ClaimError):
            out.write(f"\n## Line {record.line}: not verified\n\n{record.error}\n")
            continue
        out.write(f"\n## {_md(record.id)}: {_md(record.claim)}\n\n")
        out.write(
            f"**{record.label.value.upper()}** ({confidence_word(record.confidence)} confidence, "
            f"{record.confidence:.2f}){' — sources disagree' if record.disputed else ''}. {_md(record.reason)}\n"
        )
        extra = record.model_extra or {}
        if extra:
            out.write("\n" + "; ".join(f"{_md(k)}: {_md(str(v))}" for k, v in extra.items()) + "\n")
        for ev in record.evidence[:3]:
            name, url = _md(ev.title or ev.source_id), safe_url(ev.url)
            where = f"[{name}](<{url}>)" if url else name
            date = f", {ev.published}" if ev.published else ""
            out.write(f"\n> {_md(ev.text)}\n\n— {where}{date}, characters {ev.start}–{ev.end}\n")


def _md(text: str) -> str:
    """Text that Markdown shows as written: markup characters escaped ("<" so no HTML tag renders);
    ">" only where it would open a quote, so "cascade(a -> b)" stays readable in the raw file."""
    text = re.sub(r"([\\`*_\[\]<#|])", r"\\\1", text).replace("\n", " ")
    return re.sub(r"^(\s*)>", r"\1\\>", text)


def claimreview(
    verdict: Verdict,
    author: str,
    author_url: str | None = None,
    date_published: dt.date | None = None,
    review_url: str | None = None,
) -> dict[str, Any]:
    """One schema.org ClaimReview (JSON-LD) for a verdict, with Google's required properties
    (claimReviewed, reviewRating with alternateName, and url whenever one is known). `url` is the
    page the review is published on: `review_url` with {id} as the claim's id, else the claim
    line's own `url` field; never a source's, which is evidence, not the review. The claim's
    `appearance` is its own page; the sources a supported or contradicted verdict rests on are the
    review's `citation` (an unknown verdict's closest passage is no evidence: none is cited)."""
    value, name = CLAIMREVIEW_RATINGS[verdict.label]
    author_node: dict[str, Any] = {"@type": "Organization", "name": author}
    if author_url:
        author_node["url"] = author_url
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": verdict.claim,
        "datePublished": (date_published or run_date()).isoformat(),
        "author": author_node,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": name,
            "ratingExplanation": verdict.reason,
        },
        "itemReviewed": {"@type": "Claim"},
    }
    claim_url = (verdict.model_extra or {}).get("url")
    claim_url = safe_url(claim_url) if isinstance(claim_url, str) else None
    own = safe_url(review_url.replace("{id}", quote(verdict.id, safe=""))) if review_url else None
    if own or claim_url:
        review["url"] = own or claim_url
    if claim_url:
        review["itemReviewed"]["appearance"] = [{"@type": "CreativeWork", "url": claim_url}]
    if verdict.label is not Label.UNKNOWN:
        cited = [u for u in dict.fromkeys(safe_url(e.url) for e in verdict.evidence) if u]
        if cited:
            review["citation"] = [{"@type": "CreativeWork", "url": u} for u in cited]
    return review


def write_claimreview(
    records: Iterable[Record], out: IO[str], author: str, author_url: str | None = None, review_url: str | None = None
) -> None:
    if review_url and safe_url(review_url.replace("{id}", "x")) is None:
        raise ConfigError(f"--review-url must be an http(s) URL (with {{id}} for the claim's id), not {review_url!r}")
    for record in records:
        if isinstance(record, Verdict):
            review = claimreview(record, author, author_url, review_url=review_url)
            out.write(json.dumps(review, ensure_ascii=False) + "\n")
            out.flush()


def write(
    fmt: str,
    records: Iterable[Record],
    out: IO[str],
    author: str = "verify",
    author_url: str | None = None,
    run: RunInfo | None = None,
    review_url: str | None = None,
) -> None:
    if fmt == "jsonl":
        write_jsonl(records, out)
    elif fmt == "csv":
        write_csv(records, out, run)
    elif fmt == "markdown":
        write_markdown(records, out, run)
    elif fmt == "html":
        write_html(records, out, run)
    elif fmt == "claimreview":
        write_claimreview(records, out, author, author_url, review_url)
    else:
        raise ConfigError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
