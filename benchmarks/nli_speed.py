"""NLI throughput and accuracy of a bundle at each precision: fp32, bf16 and dynamic int8.

    python benchmarks/nli_speed.py --pairs 1000                       # the shipped model
    python benchmarks/nli_speed.py --model verify/models/nli-mpnet-base  # another bundle folder

Measures pairs/s on premise/hypothesis pairs of the held-out part of the training mix (never
trained on), and 3-way accuracy on the same pairs, for each precision `--model bundled:PRECISION`
selects. bf16 is fast only on CPUs with native bf16 (AVX512-BF16 or AMX), where it is the default.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from verify.nli import LABELS, PRECISIONS, BundledNLI, cpu_has_native_bf16
from verify.train.data import build_mix

NLI_DIR = Path(__file__).resolve().parents[2] / "shared" / "nli"


def measure(nli: BundledNLI, premises: list[str], hypotheses: list[str], gold: list[str]) -> tuple[float, float]:
    nli.score(premises[:32], hypotheses[:32])  # warm-up
    started = time.time()
    probs = nli.score(premises, hypotheses)
    rate = len(premises) / (time.time() - started)
    three_way = [(LABELS[p.argmax()], g) for p, g in zip(probs, gold) if g in LABELS]
    return rate, sum(p == g for p, g in three_way) / len(three_way)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--nli-dir", type=Path, default=NLI_DIR)
    parser.add_argument("--model", type=Path, help="a bundle folder written by python -m verify.train")
    args = parser.parse_args()
    _, heldout = build_mix(args.nli_dir, max_pairs=0, heldout=2000)
    pairs = heldout[: args.pairs]
    premises, hypotheses, gold = [p.premise for p in pairs], [p.hypothesis for p in pairs], [p.label for p in pairs]

    print(f"{len(pairs)} held-out pairs; this CPU has native bf16: {cpu_has_native_bf16()}")
    for precision in PRECISIONS:
        rate, acc = measure(BundledNLI(args.model, precision=precision), premises, hypotheses, gold)
        print(f"{precision}: {rate:6.1f} pairs/s  3-way accuracy {acc:.4f}")


if __name__ == "__main__":
    main()
