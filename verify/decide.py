"""From per-passage NLI scores and fact checks to one verdict with a confidence, a reason and evidence.

Order of precedence:
1. A fact check that finds the claim and a passage about the same event disagreeing on a date,
   number, name or negation makes the claim `contradicted` (unless another passage agrees on that
   fact), with the disagreement as the reason.
2. Contradiction outranks entailment: an NLI contradiction decides unless an entailing passage is
   clearly stronger (by more than COMPARABLE). A passage of the same source as an entailing one,
   matching the claim less well, does not count as contradicting it (it is about another event).
3. An NLI entailment supports; a passage whose dates or numbers match the claim's, about the same
   event, supports a claim the model alone found too weak.
4. Otherwise `unknown`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from verify.checks import CheckResult, Finding
from verify.config import CONTRADICT_THRESHOLD, MAX_EVIDENCE, SUPPORT_THRESHOLD
from verify.extract import negation_count
from verify.retrieve import Hit
from verify.schema import Claim, Evidence, Label, Scores, Verdict, passthrough_fields

if TYPE_CHECKING:
    import numpy as np

COMPARABLE = 0.15
# A passage counts as "about the same event" for the fact checks only if the NLI model does not
# find it plainly unrelated: P(entailment) + P(contradiction) at least this.
SAME_EVENT_NLI = 0.2
# ... or the passage sentence holds this share of the claim's content words (the model may call a
# claim about a known event at an unreported date neutral; the sentence is still about that event).
SAME_EVENT_OVERLAP = 0.8
# Matching dates or numbers support a claim when the aligned sentence shares this much of it.
AGREEMENT_OVERLAP = 0.6
# The affirmative version of a negated claim must be entailed this much more than the claim itself.
NEGATION_MARGIN = 0.3
ENTAIL, NEUTRAL, CONTRA = 0, 1, 2


def decide(
    claim: Claim,
    hits: list[Hit],
    probs: np.ndarray,
    checks: list[CheckResult] | None = None,
    affirmed: np.ndarray | None = None,
    support_threshold: float = SUPPORT_THRESHOLD,
    contradict_threshold: float = CONTRADICT_THRESHOLD,
    max_evidence: int = MAX_EVIDENCE,
) -> Verdict:
    """probs[i] holds the (entailment, neutral, contradiction) scores of hits[i], checks[i] its fact
    checks, and affirmed[i] (for a claim with one explicit negation) the scores of the claim with the
    negation removed: a passage that entails "the appeal was rejected" contradicts "... was not rejected"."""
    if not hits:
        return _verdict(
            claim,
            Label.UNKNOWN,
            1.0,
            Scores(entailment=0.0, neutral=1.0, contradiction=0.0),
            "no passage in the index is related to the claim",
            [],
        )
    checks = checks or [CheckResult(0.0, "") for _ in hits]
    best_e = max(range(len(hits)), key=lambda i: probs[i][ENTAIL])
    entailed = probs[best_e][ENTAIL] >= support_threshold
    # A source does not contradict itself: when one of its passages entails the claim, another of
    # its passages that matches the claim less well is about a different event, not a contradiction.
    # (Other sources still count: that is a dispute, flagged below.)
    against = [
        i
        for i in range(len(hits))
        if not entailed
        or i == best_e
        or hits[i].passage.source_id != hits[best_e].passage.source_id
        or checks[i].overlap >= checks[best_e].overlap
    ]
    best_c = max(against, key=lambda i: probs[i][CONTRA])
    e, c = float(probs[best_e][ENTAIL]), float(probs[best_c][CONTRA])
    related = [
        i
        for i in range(len(hits))
        if probs[i][ENTAIL] + probs[i][CONTRA] >= SAME_EVENT_NLI or checks[i].overlap >= SAME_EVENT_OVERLAP
    ]
    conflict = _standing_conflict(related, checks)
    support = _supporting_agreement(related, checks, probs)

    negation = _negation_probe(probs, affirmed, checks, support_threshold)

    column: int | None
    if negation is not None:
        decisive, ea = negation
        label, column, confidence = Label.CONTRADICTED, CONTRA, ea
        reason = (
            f"negation differs: {_where(hits[decisive])} entails the claim without its negation "
            f"(entailment {ea:.2f}, against {probs[decisive][ENTAIL]:.2f} as written)"
        )
    elif conflict is not None:
        decisive, findings = conflict
        label, column = Label.CONTRADICTED, CONTRA
        confidence = max(float(probs[decisive][CONTRA]), 1.0 - float(probs[decisive][NEUTRAL]))
        reason = "; ".join(f.reason for f in findings) + f" ({_where(hits[decisive])})"
    elif c >= contradict_threshold and c + COMPARABLE >= e:
        label, decisive, column, confidence = Label.CONTRADICTED, best_c, CONTRA, c
        reason = f"{_where(hits[best_c])} contradicts the claim (contradiction {c:.2f})"
    elif e >= support_threshold:
        label, decisive, column, confidence = Label.SUPPORTED, best_e, ENTAIL, e
        reason = f"{_where(hits[best_e])} entails the claim (entailment {e:.2f})"
        reason += "".join(f"; {f.reason}" for f in _facts(checks[best_e].agreements))
        if c >= contradict_threshold:
            reason += f"; a weaker passage contradicts it (contradiction {c:.2f})"
    elif support is not None:
        decisive, findings = support
        label, column = Label.SUPPORTED, ENTAIL
        confidence = 1.0 - float(probs[decisive][CONTRA]) - float(probs[decisive][NEUTRAL]) / 2
        reason = "; ".join(f.reason for f in findings) + f" ({_where(hits[decisive])}, same event)"
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
    cited = [decisive, *others][:max_evidence]
    # Sources disagree when the claim is contradicted by one source and entailed by another:
    # flag it and make sure the other side is cited too.
    rival = None
    if label is Label.CONTRADICTED and e >= support_threshold:
        rival = next(
            (
                i
                for i in sorted(range(len(hits)), key=lambda i: -probs[i][ENTAIL])
                if hits[i].passage.source_id != hits[decisive].passage.source_id
                and probs[i][ENTAIL] >= support_threshold
            ),
            None,
        )
    if rival is not None:
        if rival not in cited:
            cited = [*cited[: max(max_evidence - 1, 1)], rival]
        reason += f"; sources disagree: {_where(hits[rival])} entails it (entailment {probs[rival][ENTAIL]:.2f})"
    evidence = [_evidence(hits[i], probs[i]) for i in cited]
    verdict = _verdict(claim, label, confidence, _scores(probs[decisive]), reason, evidence)
    verdict.disputed = rival is not None
    return verdict


def _standing_conflict(related: list[int], checks: list[CheckResult]) -> tuple[int, list[Finding]] | None:
    """The best-aligned passage with a conflict that no related passage answers with an agreement on
    the same claim fact (the claim's "March 2018" may clash in one passage and match in another)."""
    agreed = {(f.kind, f.claim_value) for i in related for f in checks[i].agreements}
    candidates = []
    for i in related:
        standing = [f for f in checks[i].conflicts if (f.kind, f.claim_value) not in agreed]
        if standing:
            candidates.append((checks[i].overlap, -i, standing))
    if not candidates:
        return None
    overlap, neg_i, findings = max(candidates, key=lambda t: (t[0], t[1]))
    return -neg_i, findings


def _negation_probe(
    probs: np.ndarray, affirmed: np.ndarray | None, checks: list[CheckResult], support_threshold: float
) -> tuple[int, float] | None:
    """A passage that states positively what the claim negates: it entails the claim with the
    negation removed, clearly more than the claim, and its own sentence carries no negation
    (the model is too blind to "not" to be trusted when both sides have one)."""
    if affirmed is None or not len(affirmed):
        return None
    best = max(range(len(affirmed)), key=lambda i: affirmed[i][ENTAIL])
    ea = float(affirmed[best][ENTAIL])
    source_negated = negation_count(checks[best].sentence) % 2 == 1
    if ea >= support_threshold and ea - float(probs[best][ENTAIL]) >= NEGATION_MARGIN and not source_negated:
        return best, ea
    return None


def _supporting_agreement(
    related: list[int], checks: list[CheckResult], probs: np.ndarray
) -> tuple[int, list[Finding]] | None:
    candidates = [
        (checks[i].overlap, -i)
        for i in related
        if _facts(checks[i].agreements)
        and not checks[i].conflicts
        and checks[i].overlap >= AGREEMENT_OVERLAP
        and probs[i][ENTAIL] > probs[i][CONTRA]
    ]
    if not candidates:
        return None
    _, neg_i = max(candidates)
    return -neg_i, _facts(checks[-neg_i].agreements)


def _facts(findings: list[Finding]) -> list[Finding]:
    """Matching dates and numbers can support a claim; a matching name alone cannot."""
    return [f for f in findings if f.kind in ("date", "number")]


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
        published=p.published,
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
        confidence=round(min(max(confidence, 0.0), 1.0), 4),
        scores=scores,
        reason=reason,
        evidence=evidence,
        **passthrough_fields(claim.extra),
    )
