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
