"""A report is written whole or not at all (verify.whole_file)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from verify.whole_file import whole_file


def test_a_finished_report_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    with whole_file(target) as out:
        out.write("<html>new</html>")
        assert target.read_text(encoding="utf-8") == "old"  # not there until it is whole
    assert target.read_text(encoding="utf-8") == "<html>new</html>"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # as open() would make it


def test_a_failure_halfway_leaves_no_half_report(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    with pytest.raises(TypeError), whole_file(target) as out:
        out.write("<html>half")
        raise TypeError("rendering failed")
    assert list(tmp_path.iterdir()) == []
    target.write_text("old", encoding="utf-8")
    with pytest.raises(TypeError), whole_file(target) as out:
        out.write("<html>half")
        raise TypeError("rendering failed")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_a_missing_folder_is_reported_by_the_files_own_name(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "report.html"
    with pytest.raises(FileNotFoundError) as caught, whole_file(target):
        pass
    assert caught.value.filename == str(target)
