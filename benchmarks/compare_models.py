"""Does a candidate NLI bundle beat the shipped MiniLM everywhere? Both side by side, one row per
figure, and the rows the candidate loses; exit status 1 when it loses any (so it does not ship).

    python benchmarks/compare_models.py --candidate index/.train/distill/nli-minilm-l6
    python benchmarks/compare_models.py --candidate FOLDER --sets seed_dev --limit 20 --skip-nli   # a quick look

Rows: 3-way and 2-way accuracy on the 2,000 held-out pairs of the training mix and 3-way on 1,500
MNLI dev-matched pairs (never trained on; read from ../shared/nli, as the model cards report them,
here computed as verify runs: --backend, 256 tokens); the NLI probe overall and per category
(benchmarks/probe.py); and per benchmark set (benchmarks/run.py: the tuning sets and the science dev
sets, never a test split) accuracy, macro-F1 and the share of true claims called false, plus the
seed_dev perturbation suite. A row is lost when the candidate is worse by more than --tolerance; a
tie is not a loss. Each model reads premises as its own card says (verify.premise).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import probe  # noqa: E402
from datasets import LOADERS, REPO  # noqa: E402
from run import perturbation_suite, run_set  # noqa: E402

from verify.backends import open_nli  # noqa: E402
from verify.config import BACKENDS, DEFAULT_BACKEND  # noqa: E402
from verify.nli import LABELS, NLIModel  # noqa: E402
from verify.train.data import Pair, build_mix, external_heldout, read_jsonl  # noqa: E402

DEFAULT_SETS = "seed_dev,news_dev,news_dev2,check-covid,scifact,climate-fever"
HELD_OUT_TESTS = {"news_test"}  # evaluated once at the end of a project phase, never to pick a model


@dataclass
class Row:
    name: str
    baseline: float
    candidate: float
    higher_is_better: bool = True

    @property
    def margin(self) -> float:
        """How much better the candidate is (negative: worse), whichever way the figure points."""
        return self.candidate - self.baseline if self.higher_is_better else self.baseline - self.candidate

    def lost(self, tolerance: float) -> bool:
        return self.margin < -tolerance

    def mark(self, tolerance: float) -> str:
        if self.lost(tolerance):
            return "LOST"
        return "better" if self.margin > 0 else "tie" if self.margin == 0 else "within tolerance"


def nli_accuracy(nli: NLIModel, pairs: list[Pair]) -> dict[str, float]:
    """3-way accuracy on the 3-way pairs, 2-way (entailment or not) on all, as finetune reports."""
    probs = nli.score([p.premise for p in pairs], [p.hypothesis for p in pairs])
    picked = [LABELS[int(i)] for i in probs.argmax(axis=1)]
    three = [a == p.label for a, p in zip(picked, pairs) if p.label in LABELS]
    two = [(a == LABELS[0]) == (p.label == LABELS[0]) for a, p in zip(picked, pairs)]
    return {"accuracy_3way": sum(three) / max(len(three), 1), "accuracy_2way": sum(two) / max(len(two), 1)}


def nli_rows(models: dict[str, NLIModel], nli_dir: Path) -> list[Row]:
    _, heldout = build_mix(nli_dir, 0, 2_000, seed=0)
    mnli = external_heldout(nli_dir, 1_500, seed=0)
    figures = {role: (nli_accuracy(m, heldout), nli_accuracy(m, mnli)) for role, m in models.items()}
    base, cand = figures["baseline"], figures["candidate"]
    return [
        Row("held-out mix 3-way", base[0]["accuracy_3way"], cand[0]["accuracy_3way"]),
        Row("held-out mix 2-way", base[0]["accuracy_2way"], cand[0]["accuracy_2way"]),
        Row("MNLI dev-m 3-way", base[1]["accuracy_3way"], cand[1]["accuracy_3way"]),
    ]


def probe_rows(models: dict[str, NLIModel]) -> list[Row]:
    rows = list(read_jsonl(probe.PROBE))
    base, _ = probe.evaluate(models["baseline"], rows)
    cand, _ = probe.evaluate(models["candidate"], rows)
    out = [Row("probe", base["accuracy"], cand["accuracy"])]
    out += [Row(f"probe {c}", base["by_category"][c], cand["by_category"][c]) for c in base["by_category"]]
    return out


def benchmark_rows(specs: dict[str, str], sets: list[str], limit: int | None) -> list[Row]:
    out = []
    for name in sets:
        figures = {}
        for role, spec in specs.items():
            print(f"{name}: {role} {spec}", file=sys.stderr)
            result, verifier = run_set(LOADERS[name](), 5, spec, limit)
            if name == "seed_dev":
                result["perturbation"] = perturbation_suite(verifier)["contradicted_rate"]
            figures[role] = result
        base, cand = figures["baseline"], figures["candidate"]
        out += [
            Row(f"{name} accuracy", base["accuracy"], cand["accuracy"]),
            Row(f"{name} macro-F1", base["macro_f1"], cand["macro_f1"]),
            Row(
                f"{name} true called false", base["supported_as_contradicted"], cand["supported_as_contradicted"], False
            ),
        ]
        if name == "seed_dev":
            out.append(Row("seed_dev perturbations contradicted", base["perturbation"], cand["perturbation"]))
    return out


def print_table(rows: list[Row], specs: dict[str, str], tolerance: float) -> None:
    print(f"| figure | baseline ({specs['baseline']}) | candidate ({specs['candidate']}) | |")
    print("|---|---|---|---|")
    for row in rows:
        print(f"| {row.name} | {row.baseline:.3f} | {row.candidate:.3f} | {row.mark(tolerance)} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--candidate", required=True, help="the bundle folder to judge (as verify --model)")
    parser.add_argument("--baseline", default="bundled", help="what it must beat (default: the shipped MiniLM)")
    parser.add_argument("--backend", default=DEFAULT_BACKEND, choices=BACKENDS, help="as verify --backend")
    parser.add_argument("--sets", default=DEFAULT_SETS, help=f"benchmark sets (default {DEFAULT_SETS}); '' for none")
    parser.add_argument("--limit", type=int, help="verify at most this many claims per set (a quick look only)")
    parser.add_argument("--nli-dir", type=Path, default=REPO.parent / "shared" / "nli")
    parser.add_argument("--skip-nli", action="store_true", help="leave out the held-out mix and MNLI rows")
    parser.add_argument("--skip-probe", action="store_true")
    parser.add_argument("--tolerance", type=float, default=0.0, help="a row is lost when worse by more than this")
    parser.add_argument("--json", type=Path, help="also write the rows and the verdict here")
    args = parser.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    unknown = [s for s in sets if s not in LOADERS]
    if unknown or HELD_OUT_TESTS & set(sets):
        parser.error(f"--sets: {', '.join(unknown) or 'news_test'} is unknown or a held-out test split")

    specs = {"baseline": args.baseline, "candidate": args.candidate}
    models = {role: open_nli(spec, args.backend) for role, spec in specs.items()}
    rows: list[Row] = []
    if not args.skip_nli:
        rows += nli_rows(models, args.nli_dir)
    if not args.skip_probe:
        rows += probe_rows(models)
    if sets:
        if args.backend != DEFAULT_BACKEND:
            print(f"note: the benchmark sets run on the default backend ({DEFAULT_BACKEND})", file=sys.stderr)
        rows += benchmark_rows(specs, sets, args.limit)
    lost = [r for r in rows if r.lost(args.tolerance)]
    print_table(rows, {role: m.name for role, m in models.items()}, args.tolerance)
    verdict = "ships: no row lost" if not lost else f"does not ship: loses {len(lost)} of {len(rows)} rows"
    if args.limit:
        verdict += f" (only {args.limit} claims per set: not a decision)"
    print(f"\n{args.candidate} {verdict}" + "".join(f"\n  lost: {r.name}" for r in lost))
    if args.json:
        result: dict[str, Any] = {"specs": specs, "rows": [asdict(r) for r in rows], "lost": [r.name for r in lost]}
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
