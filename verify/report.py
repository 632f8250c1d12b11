"""Output writers: JSONL, CSV, Markdown, a self-contained HTML report, and ClaimReview JSON-LD.

Every writer takes the records of a run (verdicts and error records, in input order) and a text
stream. JSONL and CSV stream; Markdown and HTML open with a summary, so they collect first.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any
from urllib.parse import quote, urlsplit

from verify.checks import content_stems
from verify.extract import extract_dates, extract_numbers
from verify.schema import ClaimError, Label, Verdict

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
_BADGE = {Label.SUPPORTED: "#1a7f37", Label.CONTRADICTED: "#cf222e", Label.UNKNOWN: "#6e7781"}


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit to link, or None: a source's `javascript:` or `data:` URL is never linked."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # Spaces, quotes, brackets and control characters would end the link early in Markdown or HTML.
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")


def csv_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_jsonl(records: Iterable[Record], out: IO[str]) -> None:
    for record in records:
        out.write(record.model_dump_json() + "\n")
        out.flush()


def write_csv(records: Iterable[Record], out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()

    def row(cells: dict[str, Any]) -> None:
        writer.writerow({k: csv_cell(v) for k, v in cells.items()})

    for record in records:
        if isinstance(record, ClaimError):
            row({"id": record.id, "line": record.line, "error": record.error})
            continue
        top = record.evidence[0] if record.evidence else None
        row(
            {
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
            }
        )
        out.flush()


def summary(records: list[Record]) -> Counter[str]:
    counts: Counter[str] = Counter(r.label.value if isinstance(r, Verdict) else "error" for r in records)
    return counts


def _summary_line(records: list[Record]) -> str:
    counts = summary(records)
    parts = [f"{counts[k]} {k}" for k in ("supported", "contradicted", "unknown", "error") if counts[k]]
    return f"{len(records)} claims: " + ", ".join(parts)


def write_markdown(records: Iterable[Record], out: IO[str]) -> None:
    records = list(records)
    out.write(f"# Verification report\n\n{_summary_line(records)}\n")
    for record in records:
        if isinstance(record, ClaimError):
            out.write(f"\n## Line {record.line}: not verified\n\n{record.error}\n")
            continue
        out.write(f"\n## {_md(record.id)}: {_md(record.claim)}\n\n")
        out.write(
            f"**{record.label.value.upper()}** (confidence {record.confidence:.2f})"
            f"{' — sources disagree' if record.disputed else ''}. {_md(record.reason)}\n"
        )
        for ev in record.evidence[:1]:
            url = safe_url(ev.url)
            where = f"[{_md(ev.title or ev.source_id)}](<{url}>)" if url else _md(ev.title or ev.source_id)
            date = f", {ev.published}" if ev.published else ""
            out.write(f"\n> {_md(ev.text)}\n\n— {where}{date}, characters {ev.start}–{ev.end}\n")


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text).replace("\n", " ")


def decisive_spans(claim: str, passage: str) -> list[tuple[int, int]]:
    """Character spans of the passage to highlight: words it shares with the claim, and its dates
    and numbers (the facts the checks compare)."""
    stems = content_stems(claim)
    spans = [(m.start(), m.end()) for m in re.finditer(r"[\w’']+", passage) if content_stems(m.group()) & stems]
    dates = extract_dates(passage)
    spans += [(d.start, d.end) for d in dates] + [(n.start, n.end) for n in extract_numbers(passage, dates)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(claim: str, passage: str) -> str:
    out, last = [], 0
    for start, end in decisive_spans(claim, passage):
        out.append(html.escape(passage[last:start]) + f"<mark>{html.escape(passage[start:end])}</mark>")
        last = end
    return "".join(out) + html.escape(passage[last:])


_CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1f2328}h1{font-size:1.5rem}.summary span{display:inline-block;margin-right:1rem}
.claim{border:1px solid #d0d7de;border-radius:8px;padding:1rem;margin:1rem 0}
.claim h2{font-size:1.05rem;margin:0 0 .5rem}
.badge{color:#fff;border-radius:1rem;padding:.1rem .6rem;font-size:.8rem;font-weight:600;text-transform:uppercase}
.meta{color:#57606a;font-size:.9rem}blockquote{margin:.6rem 0;padding:.4rem .8rem;border-left:4px solid #d0d7de;
background:#f6f8fa}mark{background:#fff3b0;padding:0 .1rem}.error{border-color:#cf222e}.disputed{color:#9a6700}
"""


def write_html(records: Iterable[Record], out: IO[str], title: str = "Verification report") -> None:
    records = list(records)
    counts = summary(records)
    badges = "".join(
        f"<span><span class=badge style='background:{_BADGE[label]}'>{label.value}</span> {counts[label.value]}</span>"
        for label in Label
    ) + (f"<span>errors {counts['error']}</span>" if counts["error"] else "")
    out.write(
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{html.escape(title)}</title>"
        f"<meta name=viewport content='width=device-width,initial-scale=1'><style>{_CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p class=summary>{len(records)} claims: {badges}</p>\n"
    )
    for record in records:
        if isinstance(record, ClaimError):
            out.write(
                f"<section class='claim error'><h2>Line {record.line}: not verified</h2>"
                f"<p>{html.escape(record.error)}</p></section>\n"
            )
            continue
        color = _BADGE[record.label]
        out.write(
            f"<section class=claim id='claim-{html.escape(record.id, quote=True)}'>"
            f"<h2><span class=badge style='background:{color}'>{record.label.value}</span> "
            f"{html.escape(record.claim)}</h2>"
            f"<p class=meta>id {html.escape(record.id)} · confidence {record.confidence:.2f}"
            f"{' · <span class=disputed>sources disagree</span>' if record.disputed else ''}</p>"
            f"<p>{html.escape(record.reason)}</p>"
        )
        for ev in record.evidence[:1]:
            name = html.escape(ev.title or ev.source_id)
            url = safe_url(ev.url)
            link = f"<a href='{html.escape(url, quote=True)}'>{name}</a>" if url else name
            date = f", {ev.published}" if ev.published else ""
            out.write(
                f"<blockquote>{highlight(record.claim, ev.text)}</blockquote>"
                f"<p class=meta>{link}{date}, characters {ev.start}–{ev.end}</p>"
            )
        out.write("</section>\n")
    out.write("</body></html>\n")


def claimreview(
    verdict: Verdict, author: str, author_url: str | None = None, date_published: dt.date | None = None
) -> dict[str, Any]:
    """One schema.org ClaimReview (JSON-LD) for a verdict."""
    value, name = CLAIMREVIEW_RATINGS[verdict.label]
    author_node: dict[str, Any] = {"@type": "Organization", "name": author}
    if author_url:
        author_node["url"] = author_url
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": verdict.claim,
        "datePublished": (date_published or dt.date.today()).isoformat(),
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
    extra = verdict.model_extra or {}
    if isinstance(extra.get("url"), str) and safe_url(extra["url"]):
        review["url"] = extra["url"]
    appearances = [{"@type": "CreativeWork", "url": e.url} for e in verdict.evidence if safe_url(e.url)]
    if appearances:
        review["itemReviewed"]["appearance"] = appearances[:3]
    return review


def write_claimreview(records: Iterable[Record], out: IO[str], author: str, author_url: str | None = None) -> None:
    for record in records:
        if isinstance(record, Verdict):
            out.write(json.dumps(claimreview(record, author, author_url), ensure_ascii=False) + "\n")
            out.flush()


def write(
    fmt: str, records: Iterable[Record], out: IO[str], author: str = "verify", author_url: str | None = None
) -> None:
    if fmt == "jsonl":
        write_jsonl(records, out)
    elif fmt == "csv":
        write_csv(records, out)
    elif fmt == "markdown":
        write_markdown(records, out)
    elif fmt == "html":
        write_html(records, out)
    elif fmt == "claimreview":
        write_claimreview(records, out, author, author_url)
    else:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
