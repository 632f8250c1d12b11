from __future__ import annotations

import inspect

import verify
from verify import Label, Verifier


def test_public_api_is_complete() -> None:
    public = {name for name, obj in vars(verify).items() if not name.startswith("_") and not inspect.ismodule(obj)}
    assert set(verify.__all__) - {"__version__"} == public


def test_verifier_python_api_end_to_end(tmp_path, seed_index_dir) -> None:
    import shutil

    shutil.copytree(seed_index_dir, tmp_path / "idx")
    v = Verifier(tmp_path / "idx")
    assert v.seeds_dir is None
    verdict = v.verify("The Moscow City Court rejected the appeal on June 14.")
    assert verdict.label is Label.SUPPORTED
    assert "Moscow City Court" in verdict.evidence[0].text
    assert verdict.evidence[0].source_id == "tass-telegram-fsb-2018-08-28"


def test_readme_python_example(tmp_path) -> None:
    """The README's Python API example, step by step, on a fresh index."""
    from conftest import DATA

    v = Verifier(tmp_path / "index" / "newsroom")
    report = v.add_sources([DATA])
    assert report.added == ["riverton-bridge"]
    verdict = v.verify("Construction of the new bridge is expected to take 18 months.")
    assert verdict.label is Label.SUPPORTED and "18 months" in verdict.reason
    assert ("duration", True, "18 months") in [(f.kind, f.agrees, f.claim) for f in verdict.findings]
    top = verdict.evidence[0]
    assert top.source_id == "riverton-bridge" and "18 months" in top.text
    assert (DATA / "riverton_bridge.txt").read_text(encoding="utf-8").strip("\n")[top.start : top.end] == top.text
    assert [s.id for s in v.list_sources()] == ["riverton-bridge"]
