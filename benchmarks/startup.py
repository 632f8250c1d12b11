"""Start-up time of the CLI: `verify --help`, `verify --version`, a one-claim verify call and
`verify report` on saved verdicts, each run N times in a fresh process under /usr/bin/time.

Prints the median wall and CPU seconds (user + sys) of each, the slowest imports of a one-claim
call (python -X importtime), and where one one-claim call spends its CPU and wall time (model
loads, index open, retrieval, NLI, the rest). The default index is built first, outside the timings.

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


# Phases of a one-claim call: (label, module, function) whose time is the phase's. Each is timed
# by a wrapper in the measured process (a profiler's overhead would swamp the imports). Model
# loads include the imports they trigger (torch, transformers, onnxruntime, spaCy).
PHASES = (
    ("index open + seed check", "verify.settings", "Settings.open_verifier"),
    ("embedder load", "verify.embed", "SentenceTransformerEmbedder._load"),
    ("embedder load", "verify.onnx_models", "OnnxEmbedder._load_embedder"),
    ("NLI model load", "verify.nli", "BundledNLI._load"),
    ("NLI model load", "verify.onnx_models", "OnnxNLI._load_nli"),
    ("spaCy load", "verify.facts.nlp", "_load"),
    ("retrieval", "verify.retrieve", "HybridRetriever.search_many"),
    ("NLI scoring", "verify.nli", "BundledNLI.score"),
    ("NLI scoring", "verify.onnx_models", "OnnxNLI.score"),
)
TIMED = """
import functools, importlib, json, os, sys, time
PHASES = %r
spent = {}
def clock():
    t = os.times()
    return t.user + t.system, time.perf_counter()
def wrap(label, module, qualname):
    try:
        owner = importlib.import_module(module)
    except ImportError:
        return
    *path, name = qualname.split(".")
    for part in path:
        owner = getattr(owner, part)
    inner = getattr(owner, name)
    @functools.wraps(inner)
    def timed(*args, **kwargs):
        cpu, wall = clock()
        try:
            return inner(*args, **kwargs)
        finally:
            now_cpu, now_wall = clock()
            old = spent.get(label, (0.0, 0.0))
            spent[label] = (old[0] + now_cpu - cpu, old[1] + now_wall - wall)
    setattr(owner, name, timed)
for phase in PHASES:
    wrap(*phase)
sys.argv = ["verify", "-"]
from verify.cli import app
spent["command"] = clock()
try:
    app()
except SystemExit:
    pass
end = clock()
spent["command"] = (end[0] - spent["command"][0], end[1] - spent["command"][1])
print("PHASES" + json.dumps(spent), file=sys.stderr)
"""


def phases(env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """(CPU, wall) seconds per phase of one one-claim call in a fresh process. Retrieval and NLI
    scoring are reported net of the model loads they trigger; the interpreter start and CLI import are what the process
    spent before the command began."""
    before = os.times()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", TIMED % (PHASES,)], input=CLAIM, text=True, env=env, cwd=REPO, capture_output=True
    )
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    line = next(line for line in done.stderr.splitlines() if line.startswith("PHASES"))
    spent = {k: (v[0], v[1]) for k, v in json.loads(line.removeprefix("PHASES")).items()}
    command = spent.pop("command")
    for outer, inner in (("retrieval", "embedder load"), ("NLI scoring", "NLI model load")):  # loads on first use
        if outer in spent and inner in spent:
            spent[outer] = (spent[outer][0] - spent[inner][0], spent[outer][1] - spent[inner][1])
    inside = [sum(v[i] for v in spent.values()) for i in (0, 1)]
    spent["decide, facts, output"] = (command[0] - inside[0], command[1] - inside[1])
    spent["interpreter + CLI import"] = (cpu - command[0], wall - command[1])
    spent["total"] = (cpu, wall)
    return spent


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
    print("where a one-claim call spends its time (CPU s, wall s):")
    for label, (cpu, wall) in profiled.items():
        print(f"  {label:30} {cpu:6.2f} {wall:6.2f}")
    if args.json:
        figures = {"cases": results, "imports": imports, "phases": profiled}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
