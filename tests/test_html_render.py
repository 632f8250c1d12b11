"""The HTML report in a real headless Chromium (Debian's chromium; .ci/run installs it)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from test_report import RECORDS

from verify.report import write_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    buffer = io.StringIO()
    write_html(RECORDS, buffer)
    page = tmp_path / "report.html"
    page.write_text(buffer.getvalue(), encoding="utf-8")
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, *profile, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "4 claims:" in dom and dom.count("<mark>") >= 3 and "Line 3: not verified" in dom
    assert "<script>alert(1)" not in dom  # the claim's markup stayed text
    shot = tmp_path / "report.png"
    subprocess.run(
        [CHROMIUM, *FLAGS, *profile, f"--screenshot={shot}", "--window-size=1000,1400", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 10_000
    if (keep := Path(__file__).resolve().parent / ".artifacts").is_dir():  # for looking at it by hand
        shutil.copy(shot, keep / "report.png")
