"""Where the ONNX exports of the models live: one folder per model and source weights, in a cache.

An export is made once, from the installed weights (see verify.onnx_export), into
`$VERIFY_CACHE/onnx/<model>-<key>/` (default `$XDG_CACHE_HOME/verify`, else `~/.cache/verify`).
The key hashes the export format and the name, size and modification time of every source file,
so new weights (a re-installed base, a retrained delta) get a new folder and an old export is
never used for them. Nothing here imports torch or onnxruntime: finding an export must stay cheap.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from verify.errors import VerifyError

ENV_CACHE = "VERIFY_CACHE"
# Bump when the exported graphs or the folder layout change: old exports are then ignored.
EXPORT_FORMAT = "verify-onnx-1"
META_FILE = "meta.json"
TOKENIZER_FILE = "tokenizer.json"
# One graph file per precision; fp32 is exported from torch, the int8 ones are quantized from it.
GRAPH_FILES = {"fp32": "model.onnx", "int8": "model-int8.onnx", "int8-static": "model-int8-static.onnx"}


class OnnxUnavailable(VerifyError):
    """An ONNX export cannot be found or made (no writable cache, no onnxruntime, no source weights)."""


def cache_root() -> Path:
    explicit = os.environ.get(ENV_CACHE)
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "verify"


def export_key(sources: Iterable[Path]) -> str:
    """A short hash of the export format and the source files' names, sizes and modification times
    (a stat, not a read: computed on every start-up)."""
    digest = hashlib.sha256(EXPORT_FORMAT.encode())
    for path in sorted(sources):
        stat = path.stat()
        digest.update(f"\0{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def export_dir(model: str, sources: Iterable[Path]) -> Path:
    """The folder an export of `model` (a short name: nli-minilm-l6, embedder) made
    from these source files lives in, whether or not it exists yet."""
    return cache_root() / "onnx" / f"{model}-{export_key(sources)}"


def read_meta(folder: Path) -> dict[str, Any]:
    """The export's description (what verify.onnx_export wrote); OnnxUnavailable when absent."""
    try:
        meta: dict[str, Any] = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise OnnxUnavailable(f"no ONNX export at {folder}") from exc
    return meta


def graph_path(folder: Path, precision: str) -> Path:
    try:
        return folder / GRAPH_FILES[precision]
    except KeyError:
        raise OnnxUnavailable(
            f"precision {precision!r} has no ONNX graph: use one of {', '.join(GRAPH_FILES)}"
        ) from None


def is_ready(folder: Path, precision: str = "fp32") -> bool:
    return (folder / META_FILE).is_file() and graph_path(folder, precision).is_file()


def nli_export_dir(bundle_dir: Path) -> Path:
    """Export folder of an NLI bundle: its delta and card over its base encoder's weights."""
    from verify.bundled import CARD_FILE, DEFAULT_BASE, DELTA_FILE, BundledModelMissing, base_model_dir

    try:
        card = json.loads((bundle_dir / CARD_FILE).read_text(encoding="utf-8"))
        base = base_model_dir(card.get("base_key", DEFAULT_BASE))
    except (OSError, ValueError, BundledModelMissing) as exc:
        raise OnnxUnavailable(f"cannot read the NLI bundle at {bundle_dir}: {exc}") from exc
    sources = [bundle_dir / DELTA_FILE, bundle_dir / CARD_FILE, *model_files(base)]
    return export_dir(bundle_dir.name, sources)


def embedder_export_dir(model_dir: Path) -> Path:
    """Export folder of a local sentence-transformers folder (transformer + mean pooling)."""
    return export_dir("embedder", model_files(model_dir))


def model_files(folder: Path) -> list[Path]:
    """The files of a transformers model folder that decide what an export computes."""
    names = ("config.json", TOKENIZER_FILE, "model.safetensors", "pytorch_model.bin", "sentence_bert_config.json")
    found = [folder / name for name in names if (folder / name).is_file()]
    if not any(p.name in ("model.safetensors", "pytorch_model.bin") for p in found):
        raise OnnxUnavailable(f"no model weights in {folder}")
    return found
