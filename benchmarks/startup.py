"""Start-up time of the CLI: `verify --help`, `verify --version`, a one-claim verify call and
`verify report` on saved verdicts, each run N times in a fresh process under /usr/bin/time.

Prints the median wall and CPU seconds (user + sys) of each, and the slowest imports of a
one-claim call (python -X importtime). The default index is built first, outside the timings.

    python benchmarks/startup.py              # 5 runs each
    python benchmarks/startup.py --runs 9 --json startup.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CLAIM = "The appeal was rejected June 14.\n"


def cli(*args: str) -> list[str]:
    # The package from this checkout, whichever virtualenv runs the script.
    return [sys.executable, "-c", "from verify.cli import app; app()", *args]


def timed(command: list[str], stdin: str, env: dict[str, str]) -> tuple[float, float] | None:
    """(wall, user + sys) seconds of one run, as /usr/bin/time measures them; None if it failed
    (an older checkout without the command, when comparing before and after)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%e %U %S", "-o", report.name, *command],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
        )
        if done.returncode != 0:
            return None
        wall, user, system = map(float, report.read().split())
    return wall, user + system


def slowest_imports(command: list[str], stdin: str, env: dict[str, str], top: int = 8) -> list[tuple[str, float]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *command[1:]],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    cumulative: dict[str, float] = {}
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match.group(2)) <= 1:  # top-level imports only: their time includes their children
            cumulative[match.group(3)] = int(match.group(1)) / 1e6
    return sorted(cumulative.items(), key=lambda kv: -kv[1])[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("VERIFY_INDEX", None)
    work = Path(tempfile.mkdtemp(prefix="verify-startup-"))
    saved = work / "verdicts.jsonl"
    subprocess.run(cli("-"), input=CLAIM, text=True, env=env, cwd=REPO, check=True, capture_output=True)  # seed
    subprocess.run(cli("-", "-o", str(saved)), input=CLAIM, text=True, env=env, cwd=REPO, capture_output=True)
    cases = {
        "verify --help": (cli("--help"), ""),
        "verify --version": (cli("--version"), ""),
        "verify - (one claim)": (cli("-"), CLAIM),
        "verify report --format html": (cli("report", str(saved), "--format", "html"), ""),
    }
    results = {}
    for name, (command, stdin) in cases.items():
        maybe = [timed(command, stdin, env) for _ in range(args.runs)]
        runs = [r for r in maybe if r is not None]
        if not runs:
            print(f"{name:32} failed")
            continue
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        results[name] = {"wall_s": wall, "cpu_s": cpu, "runs": runs}
        print(f"{name:32} wall {wall:6.2f} s   cpu {cpu:6.2f} s   (median of {args.runs})")
    imports = slowest_imports(cases["verify - (one claim)"][0], CLAIM, env)
    print("slowest imports of a one-claim call (cumulative s):")
    for module, seconds in imports:
        print(f"  {module:30} {seconds:6.2f}")
    if args.json:
        args.json.write_text(json.dumps({"cases": results, "imports": imports}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
