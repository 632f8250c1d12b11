"""Make the ONNX exports of the models (set-up time: this module needs torch and onnx).

fp32 graphs are exported with torch.onnx from the installed weights (the bundled NLI model is
rebuilt from its base and delta first); int8 graphs are quantized from them with ONNX Runtime's
tools: dynamic (weights int8, activations quantized per batch at run time) and static (activation
ranges fixed beforehand from calibration pairs: training pairs of the NLI mix, never an evaluated
set). Every file appears whole or not at all: a folder is built beside its final place and renamed
into it, a graph is written to a temporary name and renamed.

    python -m verify.onnx_export            # export the embedder and both NLI models (make run does this)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from verify.config import REPO_ROOT
from verify.onnx_cache import (
    META_FILE,
    TOKENIZER_FILE,
    OnnxUnavailable,
    embedder_export_dir,
    graph_path,
    is_ready,
    nli_export_dir,
)

OPSET = 17
CALIBRATION_NLI_DIR = REPO_ROOT.parent / "shared" / "nli"
CALIBRATION_PAIRS = 300
# Calibration reads training pairs only: lingnli's train protocols (the bulk of the training mix).
# Never MNLI dev-matched (the held-out set) nor the probe.
CALIBRATION_SOURCE = ("lingnli", ("1_Baseline_protocol/train", "2_Ling_on_side_protocol/train"))


def ensure_nli(bundle_dir: Path, precision: str = "fp32", calibration_dir: Path | None = None) -> Path:
    """The export folder of an NLI bundle with the graph of `precision` in it, made if missing."""
    folder = nli_export_dir(bundle_dir)
    if not is_ready(folder):
        _publish_folder(folder, lambda tmp: _export_nli(bundle_dir, tmp))
    _ensure_quantized(folder, precision, calibration_dir)
    return folder


def ensure_embedder(model_dir: Path) -> Path:
    """The export folder of a mean-pooling sentence-transformers folder (fp32 only: an index's
    vectors must not change with the arithmetic)."""
    folder = embedder_export_dir(model_dir)
    if not is_ready(folder):
        _publish_folder(folder, lambda tmp: _export_embedder(model_dir, tmp))
    return folder


def _publish_folder(folder: Path, build: Callable[[Path], None]) -> None:
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    except OSError as exc:
        raise OnnxUnavailable(
            f"cannot write the ONNX export to {folder.parent} ({exc.strerror or exc}): set VERIFY_CACHE to a "
            "writable folder, or use --backend torch"
        ) from exc
    try:
        build(tmp)
        try:
            os.replace(tmp, folder)
        except OSError:  # another process published it first
            if not is_ready(folder):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _publish_file(target: Path, build: Callable[[Path], None]) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        build(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _export_graph(model: Any, input_names: list[str], output_name: str, out: Path) -> None:
    """torch.onnx (the TorchScript exporter: one static graph with dynamic batch and sequence axes)."""
    import warnings

    import torch

    class Outputs(torch.nn.Module):  # the tensor the runtime needs, not a model-output object
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            result = self.inner(**dict(zip(input_names, inputs)))
            return getattr(result, output_name)  # type: ignore[no-any-return]

    example = tuple(torch.ones((2, 8), dtype=torch.long) for _ in input_names)
    axes = {name: {0: "batch", 1: "tokens"} for name in input_names}
    with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
        warnings.simplefilter("ignore")  # the exporter's deprecation and tracer notices
        torch.onnx.export(
            Outputs().eval(),
            example,
            str(out),
            input_names=input_names,
            output_names=[output_name],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
            external_data=False,
        )


def _input_names(tokenizer: Any) -> list[str]:
    return [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in tokenizer.model_input_names]


def _export_nli(bundle_dir: Path, out: Path) -> None:
    from verify.bundled import DEFAULT_BASE, base_model_dir, load_bundle
    from verify.nli import MAX_TOKENS, label_columns

    model, tokenizer, card = load_bundle(bundle_dir)
    names = _input_names(tokenizer)
    _export_graph(model, names, "logits", out / graph_path(out, "fp32").name)
    shutil.copyfile(base_model_dir(card.get("base_key", DEFAULT_BASE)) / TOKENIZER_FILE, out / TOKENIZER_FILE)
    meta = {
        "kind": "nli",
        "inputs": names,
        "columns": label_columns(model.config.id2label),
        "max_length": MAX_TOKENS,
        "pad_id": tokenizer.pad_token_id or 0,
        "source": str(bundle_dir),
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def _export_embedder(model_dir: Path, out: Path) -> None:
    from transformers import AutoModel, AutoTokenizer

    from verify.bundled import quiet_transformers

    quiet_transformers()
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    model = AutoModel.from_pretrained(str(model_dir)).eval()
    config_path = model_dir / "sentence_bert_config.json"
    config = json.loads(config_path.read_text(encoding="utf-8")) if config_path.is_file() else {}
    names = _input_names(tokenizer)
    _export_graph(model, names, "last_hidden_state", out / graph_path(out, "fp32").name)
    shutil.copyfile(model_dir / TOKENIZER_FILE, out / TOKENIZER_FILE)
    meta = {
        "kind": "embedder",
        "inputs": names,
        "max_length": int(config.get("max_seq_length") or tokenizer.model_max_length),
        "dimension": int(model.config.hidden_size),
        "pad_id": tokenizer.pad_token_id or 0,
        "source": str(model_dir),
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def _ensure_quantized(folder: Path, precision: str, calibration_dir: Path | None) -> None:
    target = graph_path(folder, precision)
    if target.is_file():
        return
    source = graph_path(folder, "fp32")
    if precision == "int8":
        import logging

        from onnxruntime.quantization import QuantType, quantize_dynamic

        logging.getLogger().setLevel(logging.ERROR)  # its advice to pre-process, printed on the root logger

        _publish_file(target, lambda tmp: quantize_dynamic(source, tmp, weight_type=QuantType.QInt8))
    elif precision == "int8-static":
        pairs = calibration_pairs(calibration_dir or CALIBRATION_NLI_DIR)
        _publish_file(target, lambda tmp: _quantize_static(folder, source, tmp, pairs))


def calibration_pairs(nli_dir: Path, count: int = CALIBRATION_PAIRS, seed: int = 0) -> list[tuple[str, str]]:
    """(premise, hypothesis) training pairs for static quantization's activation ranges."""
    from verify.train.data import read_pairs

    dataset, splits = CALIBRATION_SOURCE
    if not (nli_dir / "pairs" / f"{dataset}.jsonl").is_file():
        raise OnnxUnavailable(
            f"int8-static needs calibration pairs: {nli_dir}/pairs/{dataset}.jsonl is missing (use int8 or fp32)"
        )
    rows = [(p.premise, p.hypothesis) for p in read_pairs(nli_dir, dataset, splits)]
    random.Random(seed).shuffle(rows)
    return rows[:count]


def _quantize_static(folder: Path, source: Path, out: Path, pairs: list[tuple[str, str]]) -> None:
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    from verify.onnx_models import PairEncoder

    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    encoder = PairEncoder(folder / TOKENIZER_FILE, meta)

    class Pairs(CalibrationDataReader):  # type: ignore[misc]
        def __init__(self) -> None:
            self.batches: Iterator[dict[str, Any]] = (encoder.batch([p], [h]) for p, h in pairs)

        def get_next(self) -> dict[str, Any] | None:
            return next(self.batches, None)

    prepared = out.with_name(out.name + ".prep.onnx")
    try:
        quant_pre_process(str(source), str(prepared), skip_symbolic_shape=True)
        quantize_static(
            str(prepared),
            str(out),
            Pairs(),
            quant_format=QuantFormat.QDQ,
            activation_type=QuantType.QUInt8,
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul", "Gemm"],
        )
    finally:
        prepared.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--precision", action="append", choices=["fp32", "int8", "int8-static"], default=None)
    args = parser.parse_args(argv)
    from verify.bundled import BUNDLED_DIR, base_model_dir
    from verify.cascade import ACCURATE_BUNDLE, accurate_shipped

    print(f"embedder: {ensure_embedder(base_model_dir())}")
    for precision in args.precision or ["fp32"]:
        print(f"NLI {precision}: {graph_path(ensure_nli(BUNDLED_DIR, precision), precision)}")
    # The accurate model too, where it is installed (`--model accurate|cascade`; about 440 MB at fp32).
    if accurate_shipped():
        for precision in args.precision or ["fp32"]:
            print(f"accurate NLI {precision}: {graph_path(ensure_nli(ACCURATE_BUNDLE, precision), precision)}")


if __name__ == "__main__":
    main()
