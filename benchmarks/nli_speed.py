"""Every model x backend x precision in one run: NLI accuracy and pairs/s, and the embedder's speed.

    python benchmarks/nli_speed.py                                   # the shipped MiniLM bundle
    python benchmarks/nli_speed.py --model verify/models/nli-mpnet-base --model bundled
    python benchmarks/nli_speed.py --pairs 500 --json table.json --markdown

Rows: each bundle on PyTorch (fp32, dynamic int8; bf16 too where the CPU has it natively) and on
ONNX Runtime (fp32, dynamic int8, static int8). Columns: 3-way accuracy on a fixed held-out slice
of MNLI dev-matched (never trained on; ../shared/nli) and on the NLI probe
(benchmarks/probe/nli_probe.jsonl, scored as benchmarks/probe.py scores it), then pairs/s at batch
32 and at batch 1. Speeds are measured in rounds, every row once per round, and the median round
is reported, so a busy CPU slows all rows alike. Then the embedder: passages/s on each backend,
and how far its vectors are from PyTorch's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe import PROBE, evaluate, premise  # noqa: E402

from verify.backends import open_embedder, open_nli  # noqa: E402
from verify.config import DEFAULT_EMBED_MODEL  # noqa: E402
from verify.nli import LABELS, NLIModel, cpu_has_native_bf16  # noqa: E402
from verify.train.data import external_heldout, read_jsonl  # noqa: E402

NLI_DIR = Path(__file__).resolve().parents[2] / "shared" / "nli"
TORCH_PRECISIONS = ("fp32", "int8")
ONNX_PRECISIONS = ("fp32", "int8", "int8-static")


@dataclass
class Row:
    model: str
    backend: str
    precision: str
    nli: NLIModel
    figures: dict[str, Any] = field(default_factory=dict)
    rates: dict[str, list[float]] = field(default_factory=lambda: {"batch 32": [], "batch 1": []})


def rows_for(model: str) -> list[Row]:
    torch_precisions = TORCH_PRECISIONS + (("bf16",) if cpu_has_native_bf16() else ())
    rows = [Row(model, "torch", p, open_nli(f"{model}:{p}", "torch")) for p in torch_precisions]
    rows += [Row(model, "onnx", p, open_nli(f"{model}:{p}", "onnx")) for p in ONNX_PRECISIONS]
    return rows


def pairs_per_second(nli: NLIModel, premises: list[str], hypotheses: list[str], batch: int) -> float:
    started = time.perf_counter()
    for first in range(0, len(premises), batch):
        nli.score(premises[first : first + batch], hypotheses[first : first + batch])
    return len(premises) / (time.perf_counter() - started)


def accuracy(probs: Any, gold: list[str]) -> float:
    return sum(LABELS[int(p.argmax())] == g for p, g in zip(probs, gold)) / len(gold)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", action="append", help="a bundle: 'bundled' or a folder (repeatable)")
    parser.add_argument("--pairs", type=int, default=1000, help="MNLI dev-matched pairs for accuracy")
    parser.add_argument("--speed-pairs", type=int, default=256, help="pairs per speed round at batch 32")
    parser.add_argument("--single-pairs", type=int, default=64, help="pairs per speed round at batch 1")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--nli-dir", type=Path, default=NLI_DIR)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)

    mnli = external_heldout(args.nli_dir, args.pairs)
    premises, hypotheses, gold = [p.premise for p in mnli], [p.hypothesis for p in mnli], [p.label for p in mnli]
    probe_rows = list(read_jsonl(PROBE))
    rows = [row for model in args.model or ["bundled"] for row in rows_for(model)]
    print(f"{len(mnli)} MNLI dev-matched pairs, {len(probe_rows)} probe pairs; native bf16: {cpu_has_native_bf16()}")

    for row in rows:  # accuracy (and the first load, export or quantization, outside the timings)
        row.nli.score(premises[:2], hypotheses[:2])
        started = time.perf_counter()
        row.figures["mnli_dev_matched"] = accuracy(row.nli.score(premises, hypotheses), gold)
        row.figures["mnli_seconds"] = time.perf_counter() - started
        probe, _ = evaluate(row.nli, probe_rows)
        row.figures["probe"] = probe["accuracy"]
        print(f"  {row.nli.name}: MNLI {row.figures['mnli_dev_matched']:.3f}, probe {probe['accuracy']:.3f}")

    # Speed on probe premises as the verifier sees them (title, dateline, passage), in rounds.
    speed_p = [premise(r) for r in probe_rows]
    speed_h = [r["hypothesis"] for r in probe_rows]
    speed_p, speed_h = (speed_p * 4)[: args.speed_pairs], (speed_h * 4)[: args.speed_pairs]
    for _ in range(args.rounds):
        for row in rows:
            row.rates["batch 32"].append(pairs_per_second(row.nli, speed_p, speed_h, 32))
            single = args.single_pairs
            row.rates["batch 1"].append(pairs_per_second(row.nli, speed_p[:single], speed_h[:single], 1))

    # Each row against its own model on PyTorch at fp32 (the other model's scores are not a reference).
    torch_fp32 = [r for r in rows if r.backend == "torch" and r.precision == "fp32"]
    references = {r.model: r.nli.score(speed_p, speed_h) for r in torch_fp32}
    table = []
    for row in rows:
        gap = float(abs(row.nli.score(speed_p, speed_h) - references[row.model]).max())
        table.append(
            {
                "model": row.model,
                "backend": row.backend,
                "precision": row.precision,
                "mnli_dev_matched": row.figures["mnli_dev_matched"],
                "probe": row.figures["probe"],
                "pairs_per_s_batch32": statistics.median(row.rates["batch 32"]),
                "pairs_per_s_batch1": statistics.median(row.rates["batch 1"]),
                "max_abs_diff_vs_torch_fp32": gap,
            }
        )
    embedder = embedder_rows(speed_p, args.rounds)
    print_table(table, embedder, args.markdown)
    if args.json:
        args.json.write_text(json.dumps({"nli": table, "embedder": embedder}, indent=2) + "\n", encoding="utf-8")


def embedder_rows(texts: list[str], rounds: int) -> list[dict[str, Any]]:
    models = {b: open_embedder(DEFAULT_EMBED_MODEL, b) for b in ("torch", "onnx")}
    vectors = {b: m.embed(texts) for b, m in models.items()}  # loads (and exports) outside the timings
    rates: dict[str, list[float]] = {b: [] for b in models}
    for _ in range(rounds):
        for backend, model in models.items():
            started = time.perf_counter()
            model.embed(texts)
            rates[backend].append(len(texts) / (time.perf_counter() - started))
    gap = float(abs(vectors["onnx"] - vectors["torch"]).max())
    return [
        {"backend": b, "passages_per_s": statistics.median(rates[b]), "max_abs_diff_vs_torch": gap * (b == "onnx")}
        for b in models
    ]


def print_table(table: list[dict[str, Any]], embedder: list[dict[str, Any]], markdown: bool) -> None:
    head = ["model", "backend", "precision", "MNLI dev-m", "probe", "pairs/s b32", "pairs/s b1", "diff vs torch fp32"]
    lines = [
        [
            r["model"],
            r["backend"],
            r["precision"],
            f"{r['mnli_dev_matched']:.3f}",
            f"{r['probe']:.3f}",
            f"{r['pairs_per_s_batch32']:.1f}",
            f"{r['pairs_per_s_batch1']:.1f}",
            f"{r['max_abs_diff_vs_torch_fp32']:.2g}",
        ]
        for r in table
    ]
    embed_head = ["embedder backend", "passages/s", "max diff vs torch"]
    embed_lines = [[e["backend"], f"{e['passages_per_s']:.1f}", f"{e['max_abs_diff_vs_torch']:.2g}"] for e in embedder]
    for header, body in ((head, lines), (embed_head, embed_lines)):
        if markdown:
            print("| " + " | ".join(header) + " |")
            print("|" + "---|" * len(header))
            for line in body:
                print("| " + " | ".join(line) + " |")
        else:
            print("  ".join(f"{h:>12}" for h in header))
            for line in body:
                print("  ".join(f"{c:>12}" for c in line))
        print()


if __name__ == "__main__":
    main()
