from __future__ import annotations

from pathlib import Path

import pytest

from verify.calibrate import Calibrator, apply_curve, cross_fitted, expected_calibration_error, fit_isotonic


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


def test_expected_calibration_error_of_known_cases() -> None:
    assert expected_calibration_error([0.9] * 10, [True] * 9 + [False]) == pytest.approx(0.0)
    assert expected_calibration_error([0.9] * 10, [True] * 5 + [False] * 5) == pytest.approx(0.4)
    # two bins, each off by 0.1, half the verdicts each
    assert expected_calibration_error([0.25] * 4 + [0.75] * 4, [True, False, False, False] + [True] * 3 + [False]) == (
        pytest.approx(0.0)
    )
    assert expected_calibration_error([0.35] * 4 + [0.85] * 4, [True, False, False, False] + [True] * 3 + [False]) == (
        pytest.approx(0.1)
    )


def test_cross_fitting_corrects_overconfidence_without_seeing_each_verdict() -> None:
    import random

    rng = random.Random(0)
    labels = [rng.choice(["supported", "unknown"]) for _ in range(2000)]
    raw = [rng.uniform(0.5, 1.0) for _ in labels]
    # The model is overconfident: right with probability raw - 0.3, whatever the label.
    correct = [rng.random() < c - 0.3 for c in raw]
    calibrated = cross_fitted(labels, raw, correct, folds=5)
    assert expected_calibration_error(raw, correct) > 0.25
    assert expected_calibration_error(calibrated, correct) < 0.06
    # A verdict's own outcome never shapes its calibrated value: flipping it changes nothing there.
    flipped = list(correct)
    flipped[7] = not flipped[7]
    assert cross_fitted(labels, raw, flipped, folds=5)[7] == calibrated[7]


def test_the_shipped_curves_warn_when_applied_to_another_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from verify.errors import IndexMissing
    from verify.settings import Settings

    for model, warned in (("cross-encoder/some-nli-model", True), ("bundled:int8", False), ("cascade", True)):
        with pytest.raises(IndexMissing):  # nothing indexed there: it stops right after the check
            Settings(tmp_path / "none", nli_model=model, calibration="check-covid").open_verifier()
        assert ("mis-state the confidence" in capsys.readouterr().err) is warned
