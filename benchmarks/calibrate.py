"""Fit confidence calibration curves on labelled dev data and write them as JSON (default: the shipped
verify/models/nli-minilm-l6/calibration-check-covid.json).

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

from verify.calibrate import SHIPPED, Calibrator, fit_curves  # noqa: E402
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

    # Verifiers report raw confidences unless given curves: those are what the curves are fitted on.
    outcomes: list[tuple[str, float, bool]] = []
    if args.claims:
        with args.claims.open("rb") as lines:
            claims = [c for c in read_claims(lines) if isinstance(c, Claim)]
        verifier = Verifier(args.index, nli_model=args.model, top_k=args.top_k)
        outcomes += collect(verifier, claims[: args.limit] if args.limit else claims)
        fitted_on = str(args.claims)
    else:
        for name in args.sets.split(","):
            bench = CALIBRATION_LOADERS[name]()
            verifier = open_index(bench, args.top_k, args.model)
            outcomes += collect(verifier, bench.claims[: args.limit] if args.limit else bench.claims)
            print(f"{name}: {len(bench.claims)} claims", file=sys.stderr)
        fitted_on = args.sets
    labels, confidences, correct = zip(*outcomes) if outcomes else ((), (), ())
    curves = fit_curves(labels, confidences, correct)
    for label, knots in curves.items():
        right = [ok for lab, ok in zip(labels, correct) if lab == label]
        print(f"{label}: {len(right)} verdicts, {sum(right) / len(right):.3f} correct, {len(knots)} knots")
    Calibrator(curves).save(args.out, fitted_on=f"{fitted_on} (top-k {args.top_k})")


def collect(verifier: Verifier, claims: list[Claim]) -> list[tuple[str, float, bool]]:
    """(predicted label, raw confidence, whether it matched the gold label) per labelled claim."""
    outcomes = []
    for verdict in verifier.verify_many(claims):
        gold = gold_label((verdict.model_extra or {}).get("input_label"))
        if gold is not None:  # an unlabelled claim says nothing about calibration
            outcomes.append((verdict.label.value, verdict.confidence, verdict.label is gold))
    return outcomes


if __name__ == "__main__":
    main()
