"""The ONNX Runtime backend: same numbers as PyTorch, exports cached by their source weights, a
fallback to PyTorch where no export can be made, and no torch import on the ONNX path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import REPO, SEEDS

from verify.backends import FallbackNLI, check_backend, open_embedder, open_nli
from verify.bundled import BUNDLED_DIR
from verify.config import DEFAULT_EMBED_MODEL
from verify.embed import Embedder
from verify.errors import ConfigError
from verify.nli import BundledNLI
from verify.onnx_cache import ENV_CACHE, OnnxUnavailable, export_key, graph_path, nli_export_dir

LONG = "The council met on Tuesday and voted on the budget for the coming year. " * 60  # > 256 tokens
PAIRS = [
    ("The court upheld the ban on March 2.", "The court overturned the ban on March 2."),
    ("On Friday the board turned the proposal down.", "The board rejected the proposal on Friday."),
    ("The plan, which starts on May 3, adds 40 buses to the fleet.", "The plan starts on May 3."),
    (LONG, "The council voted on the budget."),
    ("Two workers died in the fire.", "Nobody was hurt."),
]
HEAVY = ("torch", "transformers", "sentence_transformers")


def test_backend_names_are_checked() -> None:
    assert check_backend("onnx") == "onnx"
    with pytest.raises(ConfigError, match="auto, onnx, torch"):
        check_backend("gpu")


def test_models_onnx_cannot_run_stay_on_torch_or_are_refused() -> None:
    assert isinstance(open_nli("bundled:bf16", "auto"), BundledNLI)  # bf16 is PyTorch's
    with pytest.raises(ConfigError, match="--backend torch"):
        open_nli("bundled:bf16", "onnx")
    with pytest.raises(ConfigError, match="--backend torch"):
        open_nli("cross-encoder/nli-deberta-v3-small", "onnx")
    with pytest.raises(ConfigError, match="ONNX Runtime only"):
        open_nli("bundled:int8-static", "torch")
    with pytest.raises(ConfigError, match="int8-static applies to bundles"):
        open_nli("cross-encoder/nli-deberta-v3-small:int8-static", "auto")
    assert open_nli("bundled:int8", "torch").name == "bundled:int8"
    assert open_nli("bundled:int8", "auto").name == "bundled:int8 (onnx)"


def test_on_a_cpu_with_native_bf16_onnx_runs_an_unnamed_precision_at_fp32(monkeypatch: pytest.MonkeyPatch) -> None:
    """bf16 is the automatic choice there, and PyTorch's alone: `--backend onnx` (as CI or a
    service may set it) runs the bundle at fp32 rather than refusing it; `auto` keeps bf16."""
    import verify.nli

    monkeypatch.setattr(verify.nli, "cpu_has_native_bf16", lambda *a: True)
    assert open_nli("bundled", "auto").name == "bundled:bf16"
    assert open_nli("bundled", "onnx").name == "bundled:fp32 (onnx)"
    with pytest.raises(ConfigError, match="--backend torch"):
        open_nli("bundled:bf16", "onnx")  # named outright, it is still refused


def test_export_key_follows_the_source_files(tmp_path: Path) -> None:
    weights = tmp_path / "delta.safetensors"
    weights.write_bytes(b"a" * 10)
    first = export_key([weights])
    assert export_key([weights]) == first
    weights.write_bytes(b"b" * 11)  # retrained: a new export folder, the old one never used for it
    assert export_key([weights]) != first


@pytest.mark.slow
def test_onnx_embeddings_match_sentence_transformers() -> None:
    texts = ["The appeal was rejected June 14.", LONG, "x", "Telegram’s lawyers filed an appeal."]
    onnx = open_embedder(DEFAULT_EMBED_MODEL, "onnx")
    torch_model = open_embedder(DEFAULT_EMBED_MODEL, "torch")
    got, want = onnx.embed(texts), torch_model.embed(texts)
    assert got.shape == want.shape == (4, onnx.dimension) and onnx.name == torch_model.name
    assert float(np.abs(got - want).max()) < 1e-5
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_onnx_nli_matches_torch_fp32_in_any_batch_order() -> None:
    premises, hypotheses = [p for p, _ in PAIRS], [h for _, h in PAIRS]
    want = BundledNLI(precision="fp32").score(premises, hypotheses)
    onnx = open_nli("bundled:fp32", "onnx")
    assert onnx.name == "bundled:fp32 (onnx)"
    assert float(np.abs(onnx.score(premises, hypotheses) - want).max()) < 1e-4
    reverse = onnx.score(premises[::-1], hypotheses[::-1])[::-1]  # a pair's scores do not depend on its batch
    assert float(np.abs(reverse - want).max()) < 1e-4


@pytest.mark.slow
def test_int8_graph_is_smaller_and_close_to_fp32() -> None:
    premises, hypotheses = [p for p, _ in PAIRS], [h for _, h in PAIRS]
    fp32 = open_nli("bundled:fp32", "onnx").score(premises, hypotheses)
    int8 = open_nli("bundled:int8", "onnx").score(premises, hypotheses)
    folder = nli_export_dir(BUNDLED_DIR)
    assert graph_path(folder, "int8").stat().st_size < 0.4 * graph_path(folder, "fp32").stat().st_size
    assert float(np.abs(int8 - fp32).max()) < 0.35  # a rounding of the same model, not another one
    assert (int8.argmax(axis=1) == fp32.argmax(axis=1)).mean() >= 0.8


@pytest.mark.slow
def test_no_writable_cache_falls_back_to_torch_or_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(ENV_CACHE, str(blocker / "cache"))
    auto = open_nli("bundled:fp32", "auto")
    assert isinstance(auto, FallbackNLI)
    probs = auto.score(["It rained all day."], ["It was wet."])
    assert probs.shape == (1, 3) and auto.name == "bundled:fp32"  # PyTorch computed it
    assert "VERIFY_CACHE" in capsys.readouterr().err
    with pytest.raises(OnnxUnavailable, match="VERIFY_CACHE"):
        open_nli("bundled:fp32", "onnx").score(["It rained."], ["It was wet."])


@pytest.mark.slow
def test_a_verification_on_onnx_imports_no_torch(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "VERIFY_SEEDS": str(SEEDS), "VERIFY_BACKEND": "onnx"}
    env.pop("VERIFY_INDEX", None)
    # Exports and the seeded index first (this process may import torch to make them) ...
    subprocess.run([sys.executable, "-m", "verify.onnx_export"], env=env, cwd=tmp_path, check=True, capture_output=True)
    verify_one = (
        "import sys, json\n"
        "from verify.settings import Settings\n"
        "verdict = Settings.from_env().open_verifier().verify('The appeal was rejected June 14.')\n"
        "print(json.dumps([verdict.label.value, sorted({m.split('.')[0] for m in sys.modules})]))"
    )
    subprocess.run([sys.executable, "-c", verify_one], env=env, cwd=tmp_path, check=True, capture_output=True)
    # ... then a fresh process that only verifies.
    done = subprocess.run(
        [sys.executable, "-c", verify_one], env=env, cwd=tmp_path, check=True, capture_output=True, text=True
    )
    label, modules = json.loads(done.stdout.splitlines()[-1])
    assert label == "supported"
    assert {"onnxruntime", "spacy"} <= set(modules)
    assert not set(modules) & set(HEAVY)


def test_spacy_imports_without_torch_and_leaves_torch_importable() -> None:
    code = (
        "import importlib.util, sys, threading\n"
        "from verify.facts.nlp import torch_hidden\n"
        "seen = []\n"
        "with torch_hidden():\n"
        "    import thinc.compat\n"
        "    other = threading.Thread(target=lambda: seen.append(importlib.util.find_spec('torch')))\n"
        "    other.start(); other.join()\n"
        "assert seen[0] is not None  # another thread still finds torch\n"
        "assert 'torch' not in sys.modules and not thinc.compat.has_torch\n"
        "assert importlib.util.find_spec('torch') is not None\n"
    )
    subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(REPO)}, check=True)


def test_embedders_share_the_protocol() -> None:
    onnx: Embedder = open_embedder(DEFAULT_EMBED_MODEL, "onnx")
    assert onnx.name == DEFAULT_EMBED_MODEL  # an index built on either backend opens with the other
