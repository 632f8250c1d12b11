"""Start-up: what each command imports (the timings themselves are in benchmarks/startup.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO

HEAVY = ("torch", "transformers", "sentence_transformers", "faiss", "sklearn", "scipy")


def imported_by(code: str, cwd: Path) -> set[str]:
    """Top-level modules a fresh interpreter has loaded after running `code`."""
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=cwd, env=_env(), timeout=300, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(REPO)}


def test_help_and_version_import_no_library(tmp_path: Path) -> None:
    cli = "from verify.cli import app\ntry:\n    app({})\nexcept SystemExit:\n    pass"
    for args in (["--help"], ["--version"], ["report", "--help"]):
        loaded = imported_by(cli.format(args), tmp_path)
        assert not loaded & {*HEAVY, "numpy"}, args  # (typer itself imports pydantic for a subcommand)
    assert (
        "verify.pipeline"
        not in subprocess.run(
            [sys.executable, "-c", "import verify.cli, sys; print(sorted(sys.modules))"],
            capture_output=True,
            text=True,
            env=_env(),
            check=True,
        ).stdout
    )


def test_report_and_index_list_load_no_model(tmp_path: Path) -> None:
    saved = tmp_path / "verdicts.jsonl"
    verdict = {
        "id": "1",
        "claim": "The appeal was rejected June 14.",
        "label": "supported",
        "confidence": 0.9,
        "scores": {"entailment": 0.9, "neutral": 0.05, "contradiction": 0.05},
        "reason": "entailed",
        "evidence": [],
    }
    saved.write_text(json.dumps(verdict) + "\n")
    cli = "from verify.cli import app\ntry:\n    app({})\nexcept SystemExit as e:\n    assert not e.code, e.code"
    loaded = imported_by(
        cli.format(["report", str(saved), "--format", "html", "-o", str(tmp_path / "r.html")]), tmp_path
    )
    assert not loaded & set(HEAVY)
    assert "supported" in (tmp_path / "r.html").read_text()
    # index list on a built index reads SQLite only (the default index is seeded first, outside the probe).
    subprocess.run(
        [sys.executable, "-c", "from verify.cli import app; app()", "index", "list"],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        check=True,
    )
    loaded = imported_by(cli.format(["index", "list"]), tmp_path)
    assert not loaded & set(HEAVY)
