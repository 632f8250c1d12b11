"""The service under concurrent load while it and another process write (issue 11, items 1, 3, 6):
no 5xx, no wrong or stale verdict, and /health answers throughout. benchmarks/load.py is the same
code at full size (8 clients x 25 requests)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

from load import run_load, serve  # noqa: E402


@pytest.mark.slow
def test_load_with_concurrent_http_and_cli_writers(seed_index_dir: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "idx"
    shutil.copytree(seed_index_dir, index_dir)
    with serve(index_dir) as base:
        result = run_load(base, index_dir, clients=3, requests=3, cli_rounds=1, work=tmp_path)
    print(result.summary())
    assert result.server_errors == 0 and result.errors == []
    assert result.wrong == [] and result.stale == []
    assert result.cli_writes == 2 and result.http_writes >= 1
    assert set(result.statuses) <= {200, 201}
    # /health never queues behind verifications: its slow tail is far below a verification's median.
    assert result.summary()["health_p95_ms"] < result.summary()["verify_p50_ms"] / 2  # type: ignore[operator]
