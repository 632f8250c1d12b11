"""The driver's peak memory in a `--ray` verification as the claims file grows.

    python benchmarks/ray_memory.py 2000 100000
    python benchmarks/ray_memory.py 2000 100000 --parquet   # the same rows as a Parquet file

Each size runs in its own process. The lines are error records only (JSON without a `claim`), so
no model loads and what is measured is the job's own plumbing: the plan of spans, Ray Data's
blocks in flight and the records streamed back. It needs an index to open: index/bench-check-covid
(see ray_throughput.py), or --index.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def measure(lines: int, index: Path, folder: Path, parquet: bool, row_group: int = 10_000) -> None:
    from verify.pipeline import Verifier
    from verify.ray_runtime import RayOptions

    if not parquet:
        path = folder / f"bad-{lines}.jsonl"
        row = b'{"id": "x%d", "no_claim": "padding padding padding padding padding"}\n'
        path.write_bytes(b"".join(row % i for i in range(lines)))
    else:  # written in slices, so that making the file does not raise the peak measured
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([("id", pa.string()), ("claim", pa.string()), ("no_claim", pa.string())])
        path = folder / f"bad-{lines}.parquet"
        with pq.ParquetWriter(path, schema) as writer:
            for first in range(0, lines, row_group):
                ids = [f"x{i}" for i in range(first, min(lines, first + row_group))]
                columns = {"id": ids, "claim": [None] * len(ids), "no_claim": ["padding padding padding"] * len(ids)}
                writer.write_table(pa.table(columns, schema=schema))
    count = sum(1 for _ in Verifier(index, seeds_dir=None).verify_file(path, ray=RayOptions(workers=2)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"| {lines:,} | {count:,} | {peak} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lines", type=int, nargs="+")
    parser.add_argument("--index", type=Path, default=REPO / "index" / "bench-check-covid")
    parser.add_argument("--parquet", action="store_true", help="the claims as a Parquet file (needs pyarrow)")
    parser.add_argument("--row-group", type=int, default=10_000, help="rows a Parquet row group")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child: measure one size
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ray-memory-") as folder:
        if args.one:
            measure(args.lines[0], args.index, Path(folder), args.parquet, args.row_group)
            return
        print("| lines | records | driver peak RSS, MiB |\n|---|---|---|", flush=True)
        for lines in args.lines:
            command = [sys.executable, __file__, str(lines), "--index", str(args.index), "--one"]
            command += ["--parquet", "--row-group", str(args.row_group)] if args.parquet else []
            subprocess.run(command, check=True, stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
