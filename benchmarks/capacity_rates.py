"""The per-item costs the capacity plan in docs/SCALE.md is derived from, in CPU-seconds.

    python benchmarks/capacity_rates.py              # 512 passages embedded, seed_dev verified twice
    python benchmarks/capacity_rates.py --passages 2048 --rounds 4

Embedding: real bench passages (as the scale benchmark cuts them) through verify's default
embedder. Verification: claims/seed_dev.jsonl against the seed article, the whole pipeline
(claim facts, retrieval, NLI, the rules), default model and top-k. Both print items per wall
second and per CPU-second of this process (user + system, all threads): on a shared machine the
wall-clock rate falls with the load while the CPU cost per item moves much less, so the plan
uses CPU-seconds per item.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[1]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def rates(name: str, items: int, work: Callable[[], object]) -> None:
    wall, cpu = time.perf_counter(), cpu_seconds()
    work()
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    print(
        f"{name}: {items} in {wall:.1f} s wall, {cpu:.1f} CPU-s: {items / wall:.1f}/s wall, "
        f"{items / cpu:.2f} per CPU-second ({1000 * cpu / items:.1f} CPU-ms each)",
        flush=True,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=512)
    parser.add_argument("--rounds", type=int, default=2, help="passes over seed_dev's 48 claims")
    args = parser.parse_args(argv)

    import numpy as np

    from benchmarks.scale_corpus import base_passages
    from verify.claims_io import read_claims
    from verify.embed import SentenceTransformerEmbedder
    from verify.pipeline import Verifier
    from verify.schema import Claim

    passages = base_passages()
    sample = [passages[i] for i in np.random.default_rng(0).choice(len(passages), args.passages, replace=False)]
    embedder = SentenceTransformerEmbedder()
    embedder.embed(sample[:16])  # the model loads outside the timing
    print(f"mean passage {sum(map(len, sample)) / len(sample):.0f} characters")
    rates("embedding passages", len(sample), lambda: embedder.embed(sample))

    with open(REPO / "claims" / "seed_dev.jsonl", "rb") as lines:
        claims = [c for c in read_claims(lines) if isinstance(c, Claim)]
    with tempfile.TemporaryDirectory() as folder:
        verifier = Verifier.open(Path(folder) / "idx", seeds_dir=REPO / "seeds", embed_model=embedder)
        list(verifier.verify_many(claims[:8]))  # NLI model and spaCy load outside the timing
        rates(
            "verifying claims",
            len(claims) * args.rounds,
            lambda: [list(verifier.verify_many(claims)) for _ in range(args.rounds)],
        )


if __name__ == "__main__":
    main()
