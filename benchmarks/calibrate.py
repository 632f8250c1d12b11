"""Fit the confidence calibration of the bundled model on dev data and write calibration.json.

    python benchmarks/calibrate.py          # the calibration split of Check-COVID train (3-way)
    python benchmarks/calibrate.py --claims our-labelled.jsonl --index index/newsroom --out ours.json
The shipped curves use only data the model neither trained on nor is evaluated on: the 30% of Check-COVID train
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
from verify.claims_io import read_claims  # noqa: E402
from verify.evaluate import gold_label  # noqa: E402
from verify.pipeline import Verifier  # noqa: E402
from verify.schema import Claim  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="check-covid-calibration", help="comma-separated shared dev sets")
    parser.add_argument("--claims", type=Path, help="fit on this labelled claims file instead (as verify eval)")
    parser.add_argument("--index", help="the index those claims are checked against [default: index/default]")
    parser.add_argument("--top-k", type=int, default=5)
    parser.add_argument("--model", default="bundled", help="as verify --model")
    parser.add_argument("--limit", type=int, help="claims per set")
    parser.add_argument("--out", type=Path, default=SHIPPED["check-covid"], help="where to write the curves")
    args = parser.parse_args(argv)

    outcomes: dict[str, tuple[list[float], list[float]]] = {}
    if args.claims:
        with args.claims.open("rb") as lines:
            claims = [c for c in read_claims(lines) if isinstance(c, Claim)]
        verifier = Verifier(args.index, nli_model=args.model, top_k=args.top_k, calibrator=Calibrator())
        collect(verifier, claims[: args.limit] if args.limit else claims, outcomes)
        fitted_on = str(args.claims)
    else:
        for name in args.sets.split(","):
            bench = CALIBRATION_LOADERS[name]()
            verifier = open_index(bench, args.top_k, args.model)
            verifier.calibrator = Calibrator()  # fit on raw confidences
            collect(verifier, bench.claims[: args.limit] if args.limit else bench.claims, outcomes)
            print(f"{name}: {len(bench.claims)} claims", file=sys.stderr)
        fitted_on = args.sets
    curves = {label: fit_isotonic(xs, ys) for label, (xs, ys) in outcomes.items()}
    for label, knots in curves.items():
        n = len(outcomes[label][0])
        print(f"{label}: {n} verdicts, {sum(outcomes[label][1]) / n:.3f} correct, {len(knots)} knots")
    Calibrator(curves).save(args.out, fitted_on=f"{fitted_on} (top-k {args.top_k})")


def collect(verifier: Verifier, claims: list[Claim], outcomes: dict[str, tuple[list[float], list[float]]]) -> None:
    """Per predicted label: the raw confidences and whether each verdict matched the gold label."""
    for verdict in verifier.verify_many(claims):
        gold = gold_label((verdict.model_extra or {}).get("input_label"))
        if gold is None:
            continue  # an unlabelled claim says nothing about calibration
        xs, ys = outcomes.setdefault(verdict.label.value, ([], []))
        xs.append(verdict.confidence)
        ys.append(float(verdict.label is gold))


if __name__ == "__main__":
    main()
