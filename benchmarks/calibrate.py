"""Fit the confidence calibration of the bundled model on dev data and write calibration.json.

    python benchmarks/calibrate.py          # the calibration split of Check-COVID train (3-way)
Only data the model neither trained on nor is evaluated on is used: the 30% of Check-COVID train
that verify.train.bench_pairs holds out (never the evaluation sets of benchmarks/run.py). The curves map
the raw confidence of each predicted label to the observed share of correct verdicts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datasets import CALIBRATION_LOADERS  # noqa: E402
from run import open_index  # noqa: E402

from verify.calibrate import SHIPPED, Calibrator, fit_isotonic  # noqa: E402
from verify.evaluate import gold_label  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="check-covid-calibration")
    parser.add_argument("--top-k", type=int, default=5)
    parser.add_argument("--model", default="bundled", help="as verify --model")
    parser.add_argument("--limit", type=int, help="claims per set")
    parser.add_argument("--out", type=Path, default=SHIPPED["check-covid"], help="where to write the curves")
    args = parser.parse_args(argv)

    outcomes: dict[str, tuple[list[float], list[float]]] = {}
    for name in args.sets.split(","):
        bench = CALIBRATION_LOADERS[name]()
        verifier = open_index(bench, args.top_k, args.model)
        verifier.calibrator = Calibrator()  # fit on raw confidences
        claims = bench.claims[: args.limit] if args.limit else bench.claims
        for verdict in verifier.verify_many(claims):
            gold = gold_label((verdict.model_extra or {}).get("input_label"))
            xs, ys = outcomes.setdefault(verdict.label.value, ([], []))
            xs.append(verdict.confidence)
            ys.append(float(verdict.label is gold))
        print(f"{name}: {len(claims)} claims", file=sys.stderr)
    curves = {label: fit_isotonic(xs, ys) for label, (xs, ys) in outcomes.items()}
    for label, knots in curves.items():
        n = len(outcomes[label][0])
        print(f"{label}: {n} verdicts, {sum(outcomes[label][1]) / n:.3f} correct, {len(knots)} knots")
    Calibrator(curves).save(args.out, fitted_on=f"{args.sets} (top-k {args.top_k})")


if __name__ == "__main__":
    main()
