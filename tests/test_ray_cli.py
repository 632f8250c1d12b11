"""The CLI's --ray flag: a bare --ray means a local runtime; a path is not taken for an address."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import typer

from verify.cli import LOCAL_RAY, ray_options, with_ray_default
from verify.ray_runtime import GCS_PORT_WAIT_S, GCS_PORT_WAIT_VAR, allow_a_slow_start


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "c.jsonl", "--ray"], ["check", "c.jsonl", "--ray", LOCAL_RAY]),
        (["check", "c.jsonl", "--ray", "-o", "v.jsonl"], ["check", "c.jsonl", "--ray", LOCAL_RAY, "-o", "v.jsonl"]),
        (["check", "c.jsonl", "--ray", "auto"], ["check", "c.jsonl", "--ray", "auto"]),
        (["check", "c.jsonl", "--ray=ray://head:10001"], ["check", "c.jsonl", "--ray=ray://head:10001"]),
        (
            ["index", "add", "a/", "--ray", "--ray-workers", "2"],
            ["index", "add", "a/", "--ray", LOCAL_RAY, "--ray-workers", "2"],
        ),  # noqa: E501
        (["check", "--", "--ray"], ["check", "--", "--ray"]),  # after --, a file named --ray
    ],
)
def test_a_bare_ray_flag_means_local(args: list[str], expected: list[str]) -> None:
    assert with_ray_default(args) == expected


def test_no_ray_flag_is_a_single_process_run() -> None:
    assert ray_options(None, None) is None


def test_a_path_after_ray_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`verify index add --ray articles/` must not take the folder for a Ray address."""
    with pytest.raises(typer.Exit) as exit_info:
        ray_options(str(tmp_path), None)
    assert exit_info.value.exit_code == 2
    assert "not a Ray address" in capsys.readouterr().err


def test_workers_without_ray_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit):
        ray_options(None, 2)
    assert "--ray-workers needs --ray" in capsys.readouterr().err


def test_a_local_runtime_may_start_slowly_unless_the_user_says_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(GCS_PORT_WAIT_VAR, raising=False)
    allow_a_slow_start()
    assert os.environ[GCS_PORT_WAIT_VAR] == GCS_PORT_WAIT_S  # longer than Ray's own 30 s
    monkeypatch.setenv(GCS_PORT_WAIT_VAR, "45")
    allow_a_slow_start()
    assert os.environ[GCS_PORT_WAIT_VAR] == "45"
