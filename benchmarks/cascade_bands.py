"""Every cascade band from two runs: which claims mpnet should look at again, by measurement.

    python benchmarks/cascade_bands.py --sets seed_dev,news_dev,news_dev2,check-covid
    VERIFY_ACCURATE_MODEL=index/.train/mpnet-snapshot python benchmarks/cascade_bands.py --sets seed_dev

Per set, two runs: the fast model alone, and the cascade with the widest band (the accurate model
re-scores every claim), recording each claim's margins (verify.cascade.Margins: the narrowest
support and contradiction bands that would have sent it to the accurate model, and whether facts
and model disagreed). A cascade with any band then gives, claim by claim, the accurate run's
verdict where the band opens the claim and the fast run's elsewhere, so the whole grid of bands is
scored without running it. claims/s is estimated as the fast run's time plus the re-scored share of
the extra time the accurate model took; confirm a chosen band with `benchmarks/run.py --model
cascade` after setting it in verify/config.py.

Columns per band: the share re-scored, accuracy, macro-F1, precision of "contradicted", the share of
supported claims called contradicted, per set; then the pooled accuracy over the sets and the
estimated claims/s of each set. A band of -1 means "never on that ground"; with both at -1 only
the claims whose facts and fast scores disagree are re-scored.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datasets import LOADERS  # noqa: E402
from run import _gold, open_index  # noqa: E402

from verify.cascade import Band, CascadeNLI, Margins  # noqa: E402
from verify.evaluate import score  # noqa: E402
from verify.schema import Verdict  # noqa: E402

SUPPORT_BANDS = (-1.0, 0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5)
CONTRADICT_BANDS = (-1.0, 0.0, 0.1, 0.2, 0.3, 0.45, 0.6, 0.9)
WIDEST = Band(support=float("inf"), contradict=float("inf"))


@dataclass
class SetRuns:
    fast: list[Verdict]
    accurate: list[Verdict]
    margins: list[Margins]
    fast_seconds: float
    accurate_seconds: float  # the cascade re-scoring every claim: fast + accurate


def run_both(name: str, top_k: int) -> SetRuns:
    bench = LOADERS[name]()
    claims = bench.claims
    timed: dict[str, tuple[list[Verdict], float]] = {}
    margins: list[Margins] = []
    for model in ("fast", "cascade"):
        verifier = open_index(bench, top_k, model)
        verifier.verify(claims[0])  # load the models before timing
        if isinstance(verifier.nli, CascadeNLI):
            verifier.nli.accurate.score(["warm-up"], ["warm-up"])
            verifier.nli.band = WIDEST
            verifier.nli.margins = margins
        started = time.time()
        verdicts = list(verifier.verify_many(claims))
        timed[model] = (verdicts, time.time() - started)
        print(f"  {name} {model}: {len(verdicts)} claims in {timed[model][1]:.0f}s", file=sys.stderr)
    if len(margins) != len(claims):
        raise RuntimeError(f"{name}: {len(margins)} margins recorded for {len(claims)} claims")
    return SetRuns(timed["fast"][0], timed["cascade"][0], margins, timed["fast"][1], timed["cascade"][1])


def figures(verdicts: list[Verdict]) -> dict[str, Any]:
    report = score(verdicts)
    gold = [_gold(v) for v in verdicts]
    called = [v.label.value for v in verdicts]
    said_false = [g for g, c in zip(gold, called) if c == "contradicted"]
    return {
        "accuracy": report.accuracy,
        "macro_f1": report.macro_f1,
        "precision_contradicted": said_false.count("contradicted") / len(said_false) if said_false else None,
        "supported_as_contradicted": sum(g == "supported" and c == "contradicted" for g, c in zip(gold, called))
        / max(gold.count("supported"), 1),
        "correct": report.accuracy * len(verdicts),
    }


def with_band(runs: SetRuns, band: Band) -> tuple[list[Verdict], float]:
    opened = [m.open_within(band) for m in runs.margins]
    verdicts = [a if o else f for o, a, f in zip(opened, runs.accurate, runs.fast)]
    return verdicts, sum(opened) / max(len(opened), 1)


def sweep(all_runs: dict[str, SetRuns]) -> list[dict[str, Any]]:
    rows = []
    for support in SUPPORT_BANDS:
        for contradict in CONTRADICT_BANDS:
            band = Band(support=support, contradict=contradict)
            row: dict[str, Any] = {"support": support, "contradict": contradict, "sets": {}}
            correct = total = 0.0
            for name, runs in all_runs.items():
                verdicts, share = with_band(runs, band)
                f = figures(verdicts)
                seconds = runs.fast_seconds + share * max(runs.accurate_seconds - runs.fast_seconds, 0.0)
                row["sets"][name] = {**f, "rescored": share, "claims_per_s_est": len(verdicts) / seconds}
                correct += f["correct"]
                total += len(verdicts)
            row["pooled_accuracy"] = correct / max(total, 1)
            rows.append(row)
    rows.sort(key=lambda r: -r["pooled_accuracy"])
    return rows


def _fmt(value: Any) -> str:
    return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="seed_dev,news_dev,news_dev2,check-covid")
    parser.add_argument("--top-k", type=int, default=5)
    parser.add_argument("--speed-set", default="check-covid", help="the set whose claims/s the floor applies to")
    parser.add_argument("--floor", type=float, default=8.0, help="claims/s the default must reach on --speed-set")
    parser.add_argument("--rows", type=int, default=25, help="print the best N bands")
    parser.add_argument("--json", type=Path, help="write every band's figures here")
    args = parser.parse_args(argv)
    names = args.sets.split(",")
    unknown = [n for n in names if n not in LOADERS]
    if unknown:
        parser.error(f"unknown set(s) {', '.join(unknown)}; choose from {', '.join(LOADERS)}")
    all_runs = {name: run_both(name, args.top_k) for name in names}
    rows = sweep(all_runs)
    head = ["support", "contradict", "pooled acc"]
    for name in names:
        head += [f"{name} {c}" for c in ("re-scored", "acc", "F1", "C-prec", "Sup->C", "claims/s est")]
    print("| " + " | ".join(head) + " |")
    print("|---" * len(head) + "|")
    for row in rows[: args.rows]:
        cells = [_fmt(row["support"]), _fmt(row["contradict"]), _fmt(row["pooled_accuracy"])]
        for name in names:
            s = row["sets"][name]
            keys = ("rescored", "accuracy", "macro_f1", "precision_contradicted")
            cells += [_fmt(s[k]) for k in keys]
            cells += [_fmt(s["supported_as_contradicted"]), f"{s['claims_per_s_est']:.2f}"]
        print("| " + " | ".join(cells) + " |")
    if args.speed_set in all_runs:
        fit = [r for r in rows if r["sets"][args.speed_set]["claims_per_s_est"] >= args.floor]
        best = fit[0] if fit else None
        print(
            f"\nbest pooled accuracy at >= {args.floor} claims/s on {args.speed_set}: "
            + (f"support {best['support']}, contradict {best['contradict']}" if best else "none")
        )
    for name, runs in all_runs.items():
        print(f"{name}: fast {runs.fast_seconds:.1f}s, every claim re-scored {runs.accurate_seconds:.1f}s")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
