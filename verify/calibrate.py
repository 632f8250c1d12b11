"""Confidence calibration: map a raw verdict confidence to the probability that the verdict is right.

One monotone (isotonic) curve per predicted label, fitted on labelled dev data with
pool-adjacent-violators (benchmarks/calibrate.py) and stored as JSON, e.g. the shipped
verify/models/nli-minilm-l6/calibration-check-covid.json. A curve is a list of (raw, calibrated)
knots; values between knots are interpolated linearly. Calibration is domain-specific: apply a
file fitted on claims like yours (`verify --calibration FILE`).
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Sequence
from pathlib import Path

from verify.bundled import BUNDLED_DIR
from verify.errors import VerifyError

SHIPPED = {"check-covid": BUNDLED_DIR / "calibration-check-covid.json"}


def fit_isotonic(xs: Sequence[float], ys: Sequence[float], min_bin: int = 20) -> list[tuple[float, float]]:
    """Knots of the non-decreasing step function of x that best fits the 0/1 outcomes ys."""
    points = sorted(zip(xs, ys))
    blocks: list[list[float]] = []  # [sum_y, count, min_x, max_x]
    for x, y in points:
        blocks.append([y, 1, x, x])
        # Merge while the order is violated, or a block is too small to trust.
        while len(blocks) > 1 and (
            blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1] or blocks[-2][1] < min_bin
        ):
            last = blocks.pop()
            blocks[-1][0] += last[0]
            blocks[-1][1] += last[1]
            blocks[-1][3] = last[3]
    while len(blocks) > 1 and blocks[-1][1] < min_bin:  # nor may the top block be a handful
        last = blocks.pop()
        blocks[-1][0] += last[0]
        blocks[-1][1] += last[1]
        blocks[-1][3] = last[3]
    knots = []
    for total, count, lo, hi in blocks:
        knots.append(((lo + hi) / 2, total / count))
    return knots


def expected_calibration_error(confidences: Sequence[float], correct: Sequence[bool], bins: int = 10) -> float:
    """Mean |confidence - accuracy| over equal-width confidence bins, weighted by bin size."""
    total = len(confidences)
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        members = [(c, ok) for c, ok in zip(confidences, correct) if lo < c <= hi or (b == 0 and c == 0.0)]
        if members:
            confidence = sum(c for c, _ in members) / len(members)
            accuracy = sum(ok for _, ok in members) / len(members)
            ece += len(members) / total * abs(confidence - accuracy)
    return ece


def fit_curves(
    labels: Sequence[str], confidences: Sequence[float], correct: Sequence[bool]
) -> dict[str, list[tuple[float, float]]]:
    """One isotonic curve per predicted label, from raw confidences and whether each verdict was right."""
    curves = {}
    for label in sorted(set(labels)):
        rows = [(c, float(ok)) for lab, c, ok in zip(labels, confidences, correct) if lab == label]
        curves[label] = fit_isotonic([c for c, _ in rows], [y for _, y in rows])
    return curves


def cross_fitted(
    labels: Sequence[str], confidences: Sequence[float], correct: Sequence[bool], folds: int = 5
) -> list[float]:
    """Each verdict's confidence calibrated by curves fitted on the other folds (verdict i is in fold
    i % folds): what in-domain calibration gives, measured without scoring a curve on its own data."""
    out = list(confidences)
    for fold in range(folds):
        rest = [i for i in range(len(labels)) if i % folds != fold]
        calibrator = Calibrator(
            fit_curves([labels[i] for i in rest], [confidences[i] for i in rest], [correct[i] for i in rest])
        )
        for i in range(fold, len(labels), folds):
            out[i] = calibrator(labels[i], confidences[i])
    return out


def apply_curve(knots: list[tuple[float, float]], x: float) -> float:
    if not knots:
        return x
    xs = [k[0] for k in knots]
    i = bisect_left(xs, x)
    if i == 0:
        return knots[0][1]
    if i == len(knots):
        return knots[-1][1]
    (x0, y0), (x1, y1) = knots[i - 1], knots[i]
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0) if x1 > x0 else y1


class CalibrationMissing(VerifyError, FileNotFoundError):
    """A --calibration that names no file and no shipped set."""


class Calibrator:
    """Per-label curves; labels without a curve keep their raw confidence."""

    def __init__(self, curves: dict[str, list[tuple[float, float]]] | None = None, source: str = "") -> None:
        self.curves = curves or {}
        self.source = source

    def __call__(self, label: str, confidence: float) -> float:
        curve = self.curves.get(label)
        return round(apply_curve(curve, confidence), 4) if curve else confidence

    @classmethod
    def load(cls, path: Path) -> Calibrator:
        """Curves from a file, or from a shipped set by name ("check-covid")."""
        path = SHIPPED.get(str(path), Path(path))
        if not path.is_file():
            raise CalibrationMissing(f"no calibration file {path} (shipped: {', '.join(SHIPPED)})")
        data = json.loads(path.read_text(encoding="utf-8"))
        curves = {label: [(float(a), float(b)) for a, b in knots] for label, knots in data["curves"].items()}
        return cls(curves, data.get("fitted_on", ""))

    def save(self, path: Path, fitted_on: str = "") -> None:
        data = {"fitted_on": fitted_on, "curves": {k: [list(p) for p in v] for k, v in self.curves.items()}}
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
