from __future__ import annotations

import pytest

from verify.evaluate import format_report, gold_label, score
from verify.schema import ClaimError, Evidence, Label, Scores, Verdict


def verdict(predicted: str, gold: str | None, cited: str = "x", evidence: str | None = None) -> Verdict:
    extra = {k: v for k, v in (("input_label", gold), ("input_evidence", evidence)) if v is not None}
    s = Scores(entailment=0.5, neutral=0.3, contradiction=0.2)
    ev = Evidence(source_id="s", start=0, end=len(cited), text=cited, scores=s, retrieval_score=0.1)
    return Verdict(
        id="1", claim="c", label=Label(predicted), confidence=0.5, scores=s, reason="r", evidence=[ev], **extra
    )


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("SUPPORTS", Label.SUPPORTED),
        ("REFUTES", Label.CONTRADICTED),
        ("NOT_ENOUGH_INFO", Label.UNKNOWN),
        ("not enough info", Label.UNKNOWN),
        ("contradicted", Label.CONTRADICTED),
        ("DISPUTED", None),
        (None, None),
    ],
)
def test_gold_aliases(raw: str | None, label: Label | None) -> None:
    assert gold_label(raw) is label


def test_metrics_and_confusion() -> None:
    records = [
        verdict("supported", "supported", "the appeal was rejected on June 14.", "rejected on  June 14"),
        verdict("supported", "contradicted", "unrelated text", "rejected on June 14"),
        verdict("unknown", "unknown"),
        verdict("contradicted", "contradicted"),
        verdict("unknown", None),
        ClaimError(line=6, error="bad"),
    ]
    report = score(records)
    assert (report.total, report.scored, report.errors, report.unlabelled) == (6, 4, 1, 1)
    assert report.accuracy == pytest.approx(0.75)
    assert report.confusion["contradicted"]["supported"] == 1
    # F1: supported 2/3, contradicted 2/3, unknown 1
    assert report.macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 1) / 3)
    assert report.evidence_hit_rate == pytest.approx(0.5)
    text = format_report(report)
    assert "accuracy 0.750" in text and "evidence hit rate 0.500" in text
