"""From per-passage NLI scores to one verdict with a confidence, a reason and cited evidence.

Contradiction outranks entailment: a passage that contradicts the claim decides the verdict
unless an entailing passage is clearly stronger (by more than COMPARABLE). Weak evidence either
way gives `unknown`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from verify.config import CONTRADICT_THRESHOLD, MAX_EVIDENCE, SUPPORT_THRESHOLD
from verify.retrieve import Hit
from verify.schema import Claim, Evidence, Label, Scores, Verdict, passthrough_fields

if TYPE_CHECKING:
    import numpy as np

COMPARABLE = 0.15
ENTAIL, NEUTRAL, CONTRA = 0, 1, 2


def decide(
    claim: Claim,
    hits: list[Hit],
    probs: np.ndarray,
    support_threshold: float = SUPPORT_THRESHOLD,
    contradict_threshold: float = CONTRADICT_THRESHOLD,
    max_evidence: int = MAX_EVIDENCE,
) -> Verdict:
    """probs[i] holds the (entailment, neutral, contradiction) scores of hits[i] against the claim."""
    if not hits:
        return _verdict(
            claim,
            Label.UNKNOWN,
            1.0,
            Scores(entailment=0.0, neutral=1.0, contradiction=0.0),
            "no passage in the index is related to the claim",
            [],
        )
    best_e = max(range(len(hits)), key=lambda i: probs[i][ENTAIL])
    best_c = max(range(len(hits)), key=lambda i: probs[i][CONTRA])
    e, c = float(probs[best_e][ENTAIL]), float(probs[best_c][CONTRA])

    if c >= contradict_threshold and c + COMPARABLE >= e:
        label, decisive, column, confidence = Label.CONTRADICTED, best_c, CONTRA, c
        reason = f"{_where(hits[best_c])} contradicts the claim (contradiction {c:.2f})"
    elif e >= support_threshold:
        label, decisive, column, confidence = Label.SUPPORTED, best_e, ENTAIL, e
        reason = f"{_where(hits[best_e])} entails the claim (entailment {e:.2f})"
        if c >= contradict_threshold:
            reason += f"; a weaker passage contradicts it (contradiction {c:.2f})"
    else:
        decisive = max(range(len(hits)), key=lambda i: max(probs[i][ENTAIL], probs[i][CONTRA]))
        label, column, confidence = Label.UNKNOWN, None, 1.0 - max(e, c)
        reason = (
            "no retrieved passage entails or contradicts the claim "
            f"(best entailment {e:.2f}, best contradiction {c:.2f})"
        )

    others = [i for i in range(len(hits)) if i != decisive]
    if column is not None:
        others.sort(key=lambda i: -probs[i][column])
    evidence = [_evidence(hits[i], probs[i]) for i in [decisive, *others][:max_evidence]]
    return _verdict(claim, label, confidence, _scores(probs[decisive]), reason, evidence)


def _where(hit: Hit) -> str:
    title = hit.passage.title or hit.passage.source_id
    return f'the passage at {hit.passage.start}-{hit.passage.end} of "{title}"'


def _scores(row: np.ndarray) -> Scores:
    return Scores(
        entailment=round(float(row[ENTAIL]), 4),
        neutral=round(float(row[NEUTRAL]), 4),
        contradiction=round(float(row[CONTRA]), 4),
    )


def _evidence(hit: Hit, row: np.ndarray) -> Evidence:
    p = hit.passage
    return Evidence(
        source_id=p.source_id,
        title=p.title,
        url=p.url,
        published=dt.date.fromisoformat(p.published) if p.published else None,
        start=p.start,
        end=p.end,
        text=p.text,
        scores=_scores(row),
        retrieval_score=round(hit.fused, 5),
    )


def _verdict(
    claim: Claim, label: Label, confidence: float, scores: Scores, reason: str, evidence: list[Evidence]
) -> Verdict:
    return Verdict(
        id=claim.id,
        claim=claim.claim,
        label=label,
        confidence=round(confidence, 4),
        scores=scores,
        reason=reason,
        evidence=evidence,
        **passthrough_fields(claim.extra),
    )
