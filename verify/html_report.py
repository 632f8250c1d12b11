"""The HTML report: one self-contained page an editor can act on.

A header with what the run used, counts per verdict with a filter (radio buttons and CSS: it
works with scripts off), a legend for confidence in words, then each claim with its verdict,
reason, up to three evidence passages (the first shown, the others behind a toggle that prints
expanded) and only the facts that decided the verdict highlighted (Verdict.findings): conflicts
and agreements styled differently. No network assets, no scripts.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import IO, Any

from verify.links import safe_url
from verify.runinfo import RunInfo
from verify.schema import ClaimError, Evidence, FactFinding, Label, Verdict
from verify.text import plural

Record = Verdict | ClaimError

_BADGE = {Label.SUPPORTED: "#1a7f37", Label.CONTRADICTED: "#cf222e", Label.UNKNOWN: "#6e7781"}

# Confidence in words. The bands are the same whether or not curves are applied; what a band
# means is not, so the legend says which it is.
BANDS = ((0.8, "high"), (0.6, "medium"), (0.0, "low"))


def confidence_word(confidence: float) -> str:
    return next(word for floor, word in BANDS if confidence >= floor)


def _legend(run: RunInfo | None) -> str:
    if run is not None and run.calibration:
        meaning = (
            f"Confidences are calibrated ({_e(run.calibration)}): a verdict with confidence 0.8 was right about "
            "8 times in 10 on the claims the curves were fitted on. <b>high</b> (0.8 and over): right at least "
            "8 times in 10; <b>medium</b> (0.6 to 0.8): 6 to 8 times in 10; <b>low</b> (under 0.6): check it "
            "yourself."
        )
    else:
        meaning = (
            "Confidences are the model's raw scores, not probabilities: on news claims they run low (verdicts "
            "with a mean confidence of 0.77 were right 0.875 of the time on the seed claims). <b>high</b> (0.8 "
            "and over): the model is sure; <b>medium</b> (0.6 to 0.8): read the evidence; <b>low</b> (under 0.6): "
            "check it yourself. Fit curves on your own claims (<code>--calibration</code>) to make them probabilities."
        )
    marks = (
        "Highlighted in the evidence: the facts that decided the verdict, <mark class=conflicts>where the source "
        "differs from the claim</mark> and <mark class=agrees>where it matches</mark>."
    )
    return f"<p class=legend>{meaning}</p><p class=legend>{marks}</p>"


_CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1f2328}h1{font-size:1.5rem;margin-bottom:.2rem}
.run{color:#57606a;font-size:.85rem;margin:0 0 1rem}.run dt{display:inline;font-weight:600}
.run dd{display:inline;margin:0 1rem 0 .3rem}.legend{font-size:.85rem;color:#57606a}
.filters{margin:1rem 0;display:flex;flex-wrap:wrap;gap:.4rem}.filters label{border:1px solid #d0d7de;
border-radius:1rem;padding:.15rem .7rem;cursor:pointer;font-size:.9rem}
input.filter{position:absolute;opacity:0;pointer-events:none}
#show-all:checked~.filters label[for=show-all],#show-supported:checked~.filters label[for=show-supported],
#show-contradicted:checked~.filters label[for=show-contradicted],#show-unknown:checked~.filters label[for=show-unknown],
#show-error:checked~.filters label[for=show-error]{background:#1f2328;color:#fff;border-color:#1f2328}
#show-supported:checked~.claims .claim:not(.supported),#show-contradicted:checked~.claims .claim:not(.contradicted),
#show-unknown:checked~.claims .claim:not(.unknown),#show-error:checked~.claims .claim:not(.error){display:none}
.claim{border:1px solid #d0d7de;border-radius:8px;padding:1rem;margin:1rem 0;break-inside:avoid}
.claim h2{font-size:1.05rem;margin:0 0 .5rem}
.badge{color:#fff;border-radius:1rem;padding:.1rem .6rem;font-size:.8rem;font-weight:600;text-transform:uppercase}
.meta{color:#57606a;font-size:.9rem}.fields{color:#57606a;font-size:.85rem}
blockquote{margin:.6rem 0;padding:.4rem .8rem;border-left:4px solid #d0d7de;background:#f6f8fa}
mark{padding:0 .15rem;border-radius:3px}mark.agrees{background:#d2f4d3}mark.conflicts{background:#ffd7d5;
text-decoration:underline wavy #cf222e}.error{border-color:#cf222e}.disputed{color:#9a6700}
input.more{position:absolute;opacity:0;pointer-events:none}.more+label{color:#0969da;cursor:pointer;font-size:.9rem}
.more~.passages{display:none}.more:checked~.passages{display:block}.more:checked+label{display:none}
.more:focus-visible+label{outline:2px solid #0969da}
@media print{body{margin:0;max-width:none;font-size:11pt}.filters,input.filter,.more+label{display:none}
.more~.passages{display:block}a{color:inherit}.claim{border-color:#999}
.badge,mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def highlighted(ev: Evidence, findings: list[FactFinding]) -> str:
    """The passage, escaped, with the source's wording of each compared fact marked (conflicts and
    agreements differently); findings outside the passage or overlapping an earlier one are skipped."""
    # (by offsets only: two findings may mark the same words, and findings do not order)
    spans = sorted(
        (
            (f.start - ev.start, f.end - ev.start, f)
            for f in findings
            if f.source_id == ev.source_id and ev.start <= f.start < f.end <= ev.end
        ),
        key=lambda span: span[:2],
    )
    out, last = [], 0
    for start, end, finding in spans:
        if start < last:
            continue
        kind = "agrees" if finding.agrees else "conflicts"
        title = f"{finding.kind} {'matches' if finding.agrees else 'differs'}: claim says {finding.claim}"
        out.append(_e(ev.text[last:start]) + f"<mark class={kind} title='{_e(title)}'>{_e(ev.text[start:end])}</mark>")
        last = end
    return "".join(out) + _e(ev.text[last:])


def _passage(ev: Evidence, findings: list[FactFinding]) -> str:
    name = _e(ev.title or ev.source_id)
    url = safe_url(ev.url)
    link = f"<a href='{_e(url)}'>{name}</a>" if url else name
    date = f", {ev.published}" if ev.published else ""
    return (
        f"<blockquote>{highlighted(ev, findings)}</blockquote>"
        f"<p class=meta>{link}{date}, characters {ev.start}–{ev.end}</p>"
    )


def _fields(verdict: Verdict) -> str:
    """The claim's pass-through fields (a desk, a CMS id), so the report keeps what the file carried."""
    extra = verdict.model_extra or {}
    if not extra:
        return ""
    items = " · ".join(
        f"{_e(k)}: {_e(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))}" for k, v in extra.items()
    )
    return f"<p class=fields>{items}</p>"


def _claim(verdict: Verdict) -> str:
    color = _BADGE[verdict.label]
    word = confidence_word(verdict.confidence)
    parts = [
        f"<section class='claim {verdict.label.value}' id='claim-{_e(verdict.id)}'>"
        f"<h2><span class=badge style='background:{color}'>{verdict.label.value}</span> {_e(verdict.claim)}</h2>"
        f"<p class=meta>id {_e(verdict.id)} · {word} confidence ({verdict.confidence:.2f})"
        f"{' · <span class=disputed>sources disagree</span>' if verdict.disputed else ''}</p>"
        f"<p>{_e(verdict.reason)}</p>{_fields(verdict)}"
    ]
    evidence = verdict.evidence[:3]
    if evidence:
        parts.append(_passage(evidence[0], verdict.findings))
    if len(evidence) > 1:
        toggle = f"more-{_e(verdict.id)}"
        more = "".join(_passage(ev, verdict.findings) for ev in evidence[1:])
        count = len(evidence) - 1
        parts.append(
            f"<input type=checkbox class=more id='{toggle}'>"
            f"<label for='{toggle}'>{count} more passage{'s' if count > 1 else ''}</label>"
            f"<div class=passages>{more}</div>"
        )
    parts.append("</section>\n")
    return "".join(parts)


def _run_header(run: RunInfo | None) -> str:
    if run is None:
        return "<p class=run>Run details were not saved with these verdicts.</p>"
    rows: list[tuple[str, Any]] = [
        ("index", f"{run.index} ({run.source_count}, {run.passages:,} passages)"),
        ("model", run.nli_model),
        ("embeddings", run.embedding_model),
        ("calibration", run.calibration or "none (raw scores)"),
        ("verify", run.version),
        ("date", run.date.isoformat()),
    ]
    return "<dl class=run>" + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows) + "</dl>"


def write_html(
    records: Iterable[Record], out: IO[str], run: RunInfo | None = None, title: str = "Verification report"
) -> None:
    records = list(records)
    counts = {label.value: 0 for label in Label} | {"error": 0}
    for record in records:
        counts[record.label.value if isinstance(record, Verdict) else "error"] += 1
    kinds = [label.value for label in Label] + (["error"] if counts["error"] else [])
    radios = "".join(
        f"<input type=radio name=show class=filter id=show-{k}{' checked' if k == 'all' else ''}>"
        for k in ["all", *kinds]
    )
    names = {"error": "not verified"}
    labels = f"<label for=show-all>all {len(records)}</label>" + "".join(
        f"<label for=show-{k}>{names.get(k, k)} {counts[k]}</label>" for k in kinds
    )
    out.write(
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{_e(title)}</title>"
        f"<meta name=viewport content='width=device-width,initial-scale=1'><style>{_CSS}</style></head><body>"
        f"<h1>{_e(title)}</h1>{_run_header(run)}"
        f"<p class=summary>{_summary(counts, len(records))}</p>{_legend(run)}\n"
        f"{radios}<nav class=filters aria-label='show only'>{labels}</nav><div class=claims>\n"
    )
    for record in records:
        if isinstance(record, ClaimError):
            out.write(
                f"<section class='claim error'><h2>Line {record.line}: not verified</h2>"
                f"<p>{_e(record.error)}</p></section>\n"
            )
        else:
            out.write(_claim(record))
    out.write("</div></body></html>\n")


def _summary(counts: dict[str, int], total: int) -> str:
    badges = " ".join(
        f"<span class=badge style='background:{_BADGE[label]}'>{label.value}</span> {counts[label.value]}"
        for label in Label
    )
    errors = f" · {plural(counts['error'], 'line')} not verified" if counts["error"] else ""
    return f"{plural(total - counts['error'], 'claim')}: {badges}{errors}"
