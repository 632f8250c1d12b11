"""Start-up time of the CLI: `verify --help`, `verify --version`, a one-claim verify call and
`verify report` on saved verdicts, each run N times in a fresh process under /usr/bin/time.

Prints the median wall and CPU seconds (user + sys) of each, the slowest imports of a one-claim
call (python -X importtime), and where one profiled one-claim call spends its time (cProfile:
model loads, index open, the verification). The default index is built first, outside the timings.

    python benchmarks/startup.py              # 5 runs each
    python benchmarks/startup.py --runs 9 --json startup.json
    VERIFY_BACKEND=torch python benchmarks/startup.py   # the PyTorch backend
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
import time
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


# Libraries whose import time is reported wherever they are first imported (torch comes in
# through transformers, so it is never a top-level import of verify).
WATCHED = ("torch", "transformers", "sentence_transformers", "spacy", "onnxruntime", "tokenizers", "faiss", "numpy")


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
        # Top-level imports (their time includes their children) and the watched libraries.
        if match and (len(match.group(2)) <= 1 or match.group(3) in WATCHED):
            cumulative.setdefault(match.group(3), int(match.group(1)) / 1e6)
    return sorted(cumulative.items(), key=lambda kv: -kv[1])[:top]


# Phases of a one-claim call: (label, file suffix, function) whose cumulative profiled time is the
# phase's. Model loads include the imports they trigger (torch, transformers, onnxruntime, spaCy).
PHASES = (
    ("index open + seed check", "verify/pipeline.py", "open"),
    ("embedder load", "verify/embed.py", "_load"),
    ("embedder load", "verify/onnx_models.py", "_load_embedder"),
    ("NLI model load", "verify/nli.py", "_load"),
    ("NLI model load", "verify/onnx_models.py", "_load_nli"),
    ("spaCy load", "verify/facts/nlp.py", "_load"),
    ("embed the claim", "verify/retrieve.py", "search_many"),
    ("NLI scoring", "verify/nli.py", "score"),
    ("NLI scoring", "verify/onnx_models.py", "score"),
    ("the one-claim command", "verify/cli.py", "check"),
)
PROFILED = """
import cProfile, pstats, sys
sys.argv = ["verify", "-"]
from verify.cli import app
profile = cProfile.Profile()
profile.enable()
try:
    app()
except SystemExit:
    pass
profile.disable()
profile.dump_stats(sys.argv_out)
"""


def phases(env: dict[str, str]) -> dict[str, float]:
    """Cumulative seconds per phase of one profiled one-claim call (profiling slows it a little).
    A phase that contains another (retrieval contains the embedder load) is reported net of it."""
    import pstats

    with tempfile.NamedTemporaryFile(suffix=".prof") as out:
        code = PROFILED.replace("sys.argv_out", repr(out.name))
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], input=CLAIM, text=True, env=env, cwd=REPO, capture_output=True)
        total = time.perf_counter() - started
        stats = pstats.Stats(out.name).stats  # type: ignore[attr-defined]
    found: dict[str, float] = {}
    for (filename, _, function), (_, _, _, cumulative, _) in stats.items():
        for label, suffix, name in PHASES:
            if filename.endswith(suffix) and function == name:
                found[label] = max(found.get(label, 0.0), cumulative)
    found["embed the claim"] = found.get("embed the claim", 0.0) - found.get("embedder load", 0.0)
    found["NLI scoring"] = found.get("NLI scoring", 0.0) - found.get("NLI model load", 0.0)
    inside = sum(v for k, v in found.items() if k != "the one-claim command")
    found["decide, facts, output"] = found.get("the one-claim command", 0.0) - inside
    found["interpreter + CLI import"] = total - found.get("the one-claim command", 0.0)
    found["total (profiled)"] = total
    return found


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
    profiled = phases(env)
    print("where a profiled one-claim call spends its time (s):")
    for label, seconds in profiled.items():
        if label != "the one-claim command":
            print(f"  {label:30} {seconds:6.2f}")
    if args.json:
        figures = {"cases": results, "imports": imports, "phases": profiled}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
