"""The Milvus job of the scale benchmark (benchmarks/scale_milvus.py) on a tiny corpus.

It runs under the interpreter of a venv that has the native engines (docs/SCALE.md), named by
$VERIFY_BENCH_MILVUS_LITE_PYTHON (milvus-lite 2.5) and $VERIFY_BENCH_MILVUS_SERVER_PYTHON (the
`milvus` 2.3 package); each test is skipped when its variable is not set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))  # benchmarks/ is scripts, not a package

from scale_milvus import index_params  # noqa: E402

pytestmark = [pytest.mark.scale, pytest.mark.slow]
TEXTS = [
    "The council approved the bridge repair budget.",
    "Glaciers in the Alps lost a tenth of their volume.",
    "A new vaccine trial enrolled volunteers in Kenya.",
    "Bridge traffic doubled after the repair.",
    "Rainfall records were broken in the north.",
]


def run_job(python: str, tmp_path: Path, kind: str, vectors: np.ndarray, claims: list[str]) -> dict:  # type: ignore[type-arg]
    (tmp_path / "passages.jsonl").write_text("".join(json.dumps(t) + "\n" for t in TEXTS))
    np.save(tmp_path / "vectors.npy", vectors)
    queries = vectors[[1, 3]] + 0.01  # near passages 1 and 3 (0-based)
    np.save(tmp_path / "queries.npy", queries.astype(np.float32))
    index, search = index_params(kind, "IVF_FLAT", 2, 2)
    job = {
        "kind": kind,
        "data_dir": str(tmp_path / "milvus"),
        "passages": len(TEXTS),
        "texts_file": str(tmp_path / "passages.jsonl"),
        "vectors_file": str(tmp_path / "vectors.npy"),
        "queries_file": str(tmp_path / "queries.npy"),
        "claims": claims,
        "depth": 2,
        "warmup": 1,
        "index": index,
        "analyzer": "standard",
        "search_params": search,
        "consistency": "Strong",
        "out": str(tmp_path / "out.json"),
    }
    (tmp_path / "job.json").write_text(json.dumps(job))
    subprocess.run([python, str(REPO / "benchmarks" / "scale_milvus.py"), str(tmp_path / "job.json")], check=True)
    return json.loads((tmp_path / "out.json").read_text())  # type: ignore[no-any-return]


def test_lite_bm25_finds_the_passages_with_the_claims_words(tmp_path: Path) -> None:
    python = os.environ.get("VERIFY_BENCH_MILVUS_LITE_PYTHON")
    if not python:
        pytest.skip("set VERIFY_BENCH_MILVUS_LITE_PYTHON to a venv's python with milvus-lite 2.5")
    vectors = np.eye(len(TEXTS), 8, dtype=np.float32)
    result = run_job(python, tmp_path, "lite", vectors, ["Was the bridge repaired?", "glaciers volume"])
    assert set(result["found"][0]) == {1, 4}  # rowids count from 1: the two bridge passages
    assert result["found"][1][0] == 2
    assert result["build"]["insert_s"] >= 0 and result["server_rss_mb"] > 0
    again = run_job(python, tmp_path, "lite", vectors, ["glaciers volume"])  # the kept collection is reused
    assert again["build"] is None and again["found"] == [[2]]


def test_server_dense_returns_the_nearest_vectors(tmp_path: Path) -> None:
    python = os.environ.get("VERIFY_BENCH_MILVUS_SERVER_PYTHON")
    if not python:
        pytest.skip("set VERIFY_BENCH_MILVUS_SERVER_PYTHON to a venv's python with the milvus package")
    vectors = np.eye(len(TEXTS), 8, dtype=np.float32)
    result = run_job(python, tmp_path, "server", vectors, ["unused", "unused"])
    assert [hits[0] for hits in result["found"]] == [1, 3]  # ids are FAISS positions, from 0
    assert result["server_rss_mb"] > 0 and result["segments"] >= 1
