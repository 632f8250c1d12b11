from __future__ import annotations

from pathlib import Path

import pytest

from verify.calibrate import Calibrator, apply_curve, fit_isotonic


def test_isotonic_fit_is_monotone_and_matches_frequencies() -> None:
    xs = [i / 100 for i in range(100)]
    ys = [1.0 if (i % 10) < i // 10 else 0.0 for i in range(100)]  # accuracy rises with x
    knots = fit_isotonic(xs, ys)
    values = [y for _, y in knots]
    assert values == sorted(values)
    assert apply_curve(knots, 0.05) < 0.2 and apply_curve(knots, 0.95) > 0.8


def test_calibrator_round_trip_and_identity(tmp_path: Path) -> None:
    calibrator = Calibrator({"supported": [(0.5, 0.4), (0.9, 0.8)]})
    assert calibrator("supported", 0.7) == pytest.approx(0.6)
    assert calibrator("unknown", 0.7) == 0.7  # no curve: unchanged
    path = tmp_path / "calibration.json"
    calibrator.save(path, fitted_on="test")
    loaded = Calibrator.load(path)
    assert loaded.curves == calibrator.curves and loaded.source == "test"
    with pytest.raises(FileNotFoundError):
        Calibrator.load(tmp_path / "missing.json")
    assert set(Calibrator.load(Path("check-covid")).curves) == {"supported", "contradicted", "unknown"}


def test_no_block_rests_on_a_handful_of_verdicts() -> None:
    xs = [i / 100 for i in range(100)]
    ys = [0.0] * 97 + [1.0] * 3  # three lucky verdicts at the very top
    knots = fit_isotonic(xs, ys, min_bin=20)
    assert apply_curve(knots, 0.99) < 0.2
