"""How fast a distillation teacher scores training pairs on each backend, side by side.

    python benchmarks/teacher_speed.py --teacher index/.train/mpnet-snapshot --pairs 200

Scores the first --pairs pairs of the compact training mix (what `make distill` has the teacher
score) with the bundle at fp32 on PyTorch and on ONNX Runtime, alternating, --rounds times each
(the machine is shared: compare the ratio, not the absolutes), after one warm-up call each (model
load and, the first time, the ONNX export are not timed). Prints pairs/s per backend, the ratio,
and the largest probability difference between them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from datasets import REPO  # noqa: E402

from verify.backends import open_nli  # noqa: E402
from verify.train.data import build_mix  # noqa: E402
from verify.train.distill import resolve_teacher  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--teacher", required=True, help="a bundle folder (as make distill's TEACHER)")
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--nli-dir", type=Path, default=REPO.parent / "shared" / "nli")
    args = parser.parse_args(argv)
    spec, folder = resolve_teacher(args.teacher)
    if folder is None:
        raise SystemExit(f"{args.teacher} is not a bundle: it runs on PyTorch only")
    pairs, _ = build_mix(args.nli_dir, args.pairs, 2_000)
    premises, hypotheses = [p.premise for p in pairs], [p.hypothesis for p in pairs]
    models = {backend: open_nli(spec, backend) for backend in ("torch", "onnx")}
    for model in models.values():
        model.score(premises[:2], hypotheses[:2])
    times: dict[str, list[float]] = {backend: [] for backend in models}
    scores = {}
    for _ in range(args.rounds):
        for backend, model in models.items():
            started = time.perf_counter()
            scores[backend] = model.score(premises, hypotheses)
            times[backend].append(time.perf_counter() - started)
    rate = {backend: len(pairs) / statistics.median(t) for backend, t in times.items()}
    diff = float(abs(scores["onnx"] - scores["torch"]).max())
    for backend, model in models.items():
        print(f"{model.name}: {rate[backend]:.1f} pairs/s ({len(pairs)} pairs, median of {args.rounds})")
    print(f"onnx / torch: {rate['onnx'] / rate['torch']:.2f}x; largest probability difference {diff:.1e}")


if __name__ == "__main__":
    main()
