"""Score verdicts against gold labels: accuracy, macro-F1, confusion matrix, evidence hit rate."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from verify.schema import Label, Verdict

LABEL_ORDER = [Label.SUPPORTED, Label.CONTRADICTED, Label.UNKNOWN]
# Gold label spellings of common fact-checking datasets, mapped onto ours.
GOLD_ALIASES = {
    "supported": Label.SUPPORTED,
    "supports": Label.SUPPORTED,
    "support": Label.SUPPORTED,
    "true": Label.SUPPORTED,
    "entailment": Label.SUPPORTED,
    "contradicted": Label.CONTRADICTED,
    "refutes": Label.CONTRADICTED,
    "refuted": Label.CONTRADICTED,
    "contradict": Label.CONTRADICTED,
    "false": Label.CONTRADICTED,
    "contradiction": Label.CONTRADICTED,
    "unknown": Label.UNKNOWN,
    "not_enough_info": Label.UNKNOWN,
    "nei": Label.UNKNOWN,
    "neutral": Label.UNKNOWN,
}


def gold_label(value: Any) -> Label | None:
    return GOLD_ALIASES.get(str(value).strip().lower().replace(" ", "_")) if value is not None else None


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass
class EvalReport:
    total: int = 0
    errors: int = 0
    unlabelled: int = 0
    confusion: dict[str, dict[str, int]] = field(
        default_factory=lambda: {g.value: {p.value: 0 for p in LABEL_ORDER} for g in LABEL_ORDER}
    )
    evidence_checked: int = 0
    evidence_hits: int = 0

    @property
    def scored(self) -> int:
        return sum(sum(row.values()) for row in self.confusion.values())

    @property
    def accuracy(self) -> float:
        return sum(self.confusion[l.value][l.value] for l in LABEL_ORDER) / self.scored if self.scored else 0.0

    def f1(self, label: Label) -> float:
        tp = self.confusion[label.value][label.value]
        predicted = sum(self.confusion[g.value][label.value] for g in LABEL_ORDER)
        actual = sum(self.confusion[label.value].values())
        return 2 * tp / (predicted + actual) if predicted + actual else 0.0

    def recall(self, label: Label) -> float:
        actual = sum(self.confusion[label.value].values())
        return self.confusion[label.value][label.value] / actual if actual else 0.0

    @property
    def macro_f1(self) -> float:
        present = [l for l in LABEL_ORDER if sum(self.confusion[l.value].values())]
        return sum(self.f1(l) for l in present) / len(present) if present else 0.0

    @property
    def evidence_hit_rate(self) -> float | None:
        return self.evidence_hits / self.evidence_checked if self.evidence_checked else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "claims": self.total,
            "scored": self.scored,
            "errors": self.errors,
            "unlabelled": self.unlabelled,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_label": {
                l.value: {"recall": round(self.recall(l), 4), "f1": round(self.f1(l), 4)} for l in LABEL_ORDER
            },
            "confusion": self.confusion,
            "evidence_hit_rate": None if self.evidence_hit_rate is None else round(self.evidence_hit_rate, 4),
            "evidence_checked": self.evidence_checked,
        }


def score(records: Iterable[Verdict | Any]) -> EvalReport:
    """Verdicts (the claim's gold `label` carried as `input_label`, gold evidence text as
    `input_evidence`) or error records."""
    report = EvalReport()
    for record in records:
        report.total += 1
        if not isinstance(record, Verdict):
            report.errors += 1
            continue
        extra = record.model_extra or {}
        gold = gold_label(extra.get("input_label"))
        if gold is None:
            report.unlabelled += 1
            continue
        report.confusion[gold.value][record.label.value] += 1
        wanted = extra.get("input_evidence")
        if wanted and gold is not Label.UNKNOWN:
            report.evidence_checked += 1
            cited = _normal(record.evidence[0].text) if record.evidence else ""
            texts = [wanted] if isinstance(wanted, str) else list(wanted)
            report.evidence_hits += any(_normal(t) in cited for t in texts)
    return report


def format_report(report: EvalReport) -> str:
    lines = [
        f"claims {report.total}  scored {report.scored}  errors {report.errors}  unlabelled {report.unlabelled}",
        f"accuracy {report.accuracy:.3f}  macro-F1 {report.macro_f1:.3f}",
        "per label: "
        + "  ".join(f"{l.value} recall {report.recall(l):.3f} F1 {report.f1(l):.3f}" for l in LABEL_ORDER),
        "",
        "confusion (rows gold, columns predicted):",
        f"{'':>14}" + "".join(f"{l.value:>14}" for l in LABEL_ORDER),
    ]
    for g in LABEL_ORDER:
        lines.append(f"{g.value:>14}" + "".join(f"{report.confusion[g.value][p.value]:>14}" for p in LABEL_ORDER))
    if report.evidence_hit_rate is not None:
        lines.append("")
        lines.append(
            f"evidence hit rate {report.evidence_hit_rate:.3f} "
            f"({report.evidence_hits}/{report.evidence_checked} claims with gold evidence)"
        )
    return "\n".join(lines)
