"""Claims/s of `verify CLAIMS --ray` with 1 and 2 workers against the single-process run, on Check-COVID dev.

    python benchmarks/ray_throughput.py                 # 207 claims, modes interleaved, 2 rounds
    python benchmarks/ray_throughput.py --repeat 3 --rounds 1 --workers 1 2

Each run is the real command in a fresh process, timed from start to exit (--one-thread adds the
single process with one torch thread, which is what each Ray actor gets, to tell Ray's share of a
difference from the threads'): models load, and for
Ray the local runtime starts and each actor loads its own models, inside the measured time, as in a
user's job. Modes are interleaved round by round and the best round of each is kept, so a
neighbour's burst of CPU on a shared machine weighs on no one mode. Every run's output must equal
the single-process bytes, or the script stops. The index (index/bench-check-covid, as
benchmarks/run.py caches it) is built first if missing. Figures are ratios to the single-process
run: absolute speeds depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from datasets import REPO, check_covid  # noqa: E402

INDEX = REPO / "index" / "bench-check-covid"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="Ray worker counts to measure")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of every mode (best kept)")
    parser.add_argument("--repeat", type=int, default=1, help="the dev claims this many times over (new ids)")
    parser.add_argument("--model", default="bundled:fp32", help="NLI model, the same in every mode")
    parser.add_argument(
        "--one-thread",
        action="store_true",
        help="also the single process with one torch thread (OMP_NUM_THREADS=1), as each Ray actor has",
    )
    args = parser.parse_args()

    bench = check_covid()
    ensure_index(bench)
    with tempfile.TemporaryDirectory(prefix="ray-throughput-") as folder:
        claims = Path(folder) / "claims.jsonl"
        lines = [
            c.model_copy(update={"id": f"{c.id}#{n}" if n else c.id}).model_dump_json() + "\n"
            for n in range(args.repeat)
            for c in bench.claims
        ]
        claims.write_text("".join(lines), encoding="utf-8")
        modes: list[tuple[str, int | None]] = [("single process", None)]
        modes += [("single process, 1 thread", 0)] if args.one_thread else []
        modes += [(f"Ray, {w} worker{'s' * (w > 1)}", w) for w in args.workers]
        best: dict[str, float] = {}
        reference: bytes | None = None
        for round_no in range(1, args.rounds + 1):
            for name, workers in modes:
                seconds, output = run(claims, Path(folder) / "out.jsonl", args.model, workers)
                reference = reference if reference is not None else output
                if output != reference:
                    sys.exit(f"{name}: the output differs from the single-process run's")
                best[name] = min(best.get(name, seconds), seconds)
                print(f"round {round_no}: {name}: {seconds:.1f} s", file=sys.stderr)
    count = len(lines)
    print(f"{count} Check-COVID dev claims, model {args.model}, {os.cpu_count()} CPUs; best of {args.rounds} rounds\n")
    print("| mode | wall s | claims/s | vs single process |")
    print("|---|---|---|---|")
    single = best["single process"]
    for name, _ in modes:
        print(f"| {name} | {best[name]:.1f} | {count / best[name]:.2f} | {single / best[name]:.2f}x |")


def ensure_index(bench: object) -> None:
    from verify.pipeline import Verifier

    verifier = Verifier(INDEX, seeds_dir=None)
    report = verifier.add(*bench.sources)  # type: ignore[attr-defined]
    if report.passages_embedded:
        print(f"indexed {len(report.added)} sources into {INDEX}", file=sys.stderr)


def run(claims: Path, out: Path, model: str, workers: int | None) -> tuple[float, bytes]:
    """One timed run: one process (workers None; 0: with one torch thread), else Ray with that many workers."""
    command = [sys.executable, "-m", "verify.cli", str(claims), "--index", str(INDEX), "--model", model, "-o", str(out)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    if workers == 0:
        env["OMP_NUM_THREADS"] = "1"  # torch's intra-op threads, as Ray gives each one-CPU actor
    elif workers is not None:
        command += ["--ray", "--ray-workers", str(workers)]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return seconds, out.read_bytes()


if __name__ == "__main__":
    main()
