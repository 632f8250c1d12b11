"""The HTML report in a real headless Chromium (Debian's chromium; .ci/run installs it)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from test_report import RECORDS, RUN, finding, verdict

from verify.html_report import write_html
from verify.schema import Label

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


def page_records() -> list:
    contradicted = verdict("d", "The appeal was rejected June 15.", Label.CONTRADICTED)
    contradicted.findings = [finding("June 14", agrees=False), finding("Moscow City Court", agrees=True, kind="name")]
    contradicted.evidence = [contradicted.evidence[0]] * 3
    return [*RECORDS, contradicted]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    buffer = io.StringIO()
    write_html(page_records(), buffer, RUN)
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
    assert (
        "4 claims:" in dom
        and "1 line not verified" in dom
        and dom.count('<mark class="conflicts"') == 3 + 1
        and "Line 3: not verified" in dom
    )
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


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_filter_by_verdict_works_in_chromium_without_scripts(tmp_path: Path) -> None:
    """The report has no script; the filter is radio buttons and CSS. Check the CSS in a real browser:
    with "contradicted" chosen, only contradicted claims are displayed (a probe script added to this
    test's copy of the page reads the computed styles)."""
    buffer = io.StringIO()
    write_html(page_records(), buffer, RUN)
    page_html = (
        buffer.getvalue()
        .replace("id=show-all checked", "id=show-all")
        .replace("id=show-contradicted>", "id=show-contradicted checked>")
    )
    probe = (
        "<script>document.body.dataset.shown=[...document.querySelectorAll('.claim')]"
        ".filter(e=>getComputedStyle(e).display!=='none').map(e=>e.className).join('|')</script>"
    )
    page = tmp_path / "filtered.html"
    page.write_text(page_html.replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, "--user-data-dir=" + str(tmp_path / "profile"), "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert 'data-shown="claim contradicted|claim contradicted"' in dom
