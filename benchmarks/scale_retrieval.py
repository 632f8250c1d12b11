"""Retrieval at archive scale (issue 13): dense and full-text search over 1,000,000 passages.

    python benchmarks/scale_retrieval.py                      # 1M passages (first run builds and caches)
    python benchmarks/scale_retrieval.py --passages 100000    # the quick mode
    python benchmarks/scale_retrieval.py --skip hnsw,bm25s    # leave engines out
    python benchmarks/scale_retrieval.py --milvus-server /work/venv-milvus/bin/python \
        --milvus-lite /work/venv-mlite/bin/python               # Milvus too (venvs: docs/SCALE.md)

Corpus and vectors: see benchmarks/scale_corpus.py (real bench text recombined; vectors drawn
around real MiniLM embeddings). Queries: real claims of the bench sets, one at a time, as verify
sends them: the claim's embedding to the dense index, the claim's text to the full-text engine,
`depth` (= top-k 5 x 4 candidates, verify's default) results each. Prints p50/p95 ms per claim,
build seconds, the resident-memory growth of loading or building each index and its size on
disk, recall@10 of the approximate dense indexes against the exact one, and the top-`depth`
overlap of each full-text engine with FTS5 as verify queries it. Everything built is cached
under --cache (git-ignored), so reruns only measure; results-<N>.json is written there too.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import scale_dense as dense  # noqa: E402
from benchmarks import scale_lexical as lexical  # noqa: E402
from benchmarks import scale_milvus  # noqa: E402
from benchmarks.scale_corpus import build as build_corpus  # noqa: E402
from verify.config import CLAIM_BATCH, TOP_K  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BUILD_THREADS = 2  # building uses both cores of the benchmark machine; queries run one at a time
WARMUP = 20  # queries run once before timing, so the first reads of a file are not all counted
LAST_CPU_MS = [0.0]  # mean CPU ms per query of the last time_queries call


def rss() -> int:
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)  # hand freed memory back, so the next index's growth is its own
    return int(psutil.Process().memory_info().rss)


def percentiles(seconds: list[float]) -> tuple[float, float]:
    ms = np.asarray(seconds) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def time_queries(search: Any, queries: list[Any], warmup: int = WARMUP) -> tuple[list[float], list[list[int]]]:
    for q in queries[:warmup]:
        search(q)
    took, found = [], []
    cpu = time.process_time()
    for q in queries:
        began = time.perf_counter()
        found.append(search(q))
        took.append(time.perf_counter() - began)
    # CPU time of the process per query: unlike wall time, it does not count waiting for a core
    # that other jobs hold, so it compares across runs on a shared machine.
    LAST_CPU_MS[0] = (time.process_time() - cpu) / len(queries) * 1000
    return took, found


def measure_dense(
    spec: dense.DenseSpec,
    vectors: np.ndarray,
    queries: np.ndarray,
    cache: Path,
    depth: int,
    quantizer: Any,
    threads: int,
) -> tuple[dict[str, Any], list[list[int]], Any, Any]:
    import faiss

    path = cache / spec.cache_name
    before = rss()
    build_s = None
    if path.exists():
        index = faiss.read_index(str(path))
    else:
        began = time.perf_counter()
        faiss.omp_set_num_threads(BUILD_THREADS)
        index = dense.build(spec, vectors, quantizer)
        faiss.omp_set_num_threads(threads)
        build_s = time.perf_counter() - began
        faiss.write_index(index, str(path.with_suffix(".tmp")))
        path.with_suffix(".tmp").rename(path)  # a run stopped while writing leaves no half index in the cache
    memory = rss() - before
    dense.configure(spec, index)
    took, found = time_queries(lambda q: index.search(q[None, :], depth)[1][0].tolist(), list(queries))
    p50, p95 = percentiles(took)
    row = {
        "engine": spec.label,
        "p50_ms": p50,
        "p95_ms": p95,
        "cpu_ms": LAST_CPU_MS[0],
        "build_s": build_s,
        "rss_mb": memory / 2**20,
        "disk_mb": path.stat().st_size / 2**20,
    }
    if spec.name == "ivfpq":
        row["bytes_per_vector"] = spec.pq_bytes + 8  # the code and the 64-bit id in its inverted list
    if spec.name == "flat":  # verify searches a batch of claims at once: one matrix product
        row["quality"] = f"batches of {CLAIM_BATCH}: {batched_ms(index, queries, depth):.1f} ms a claim"
    keep = dense.centroids(index) if spec.name == "ivf" else None
    return row, found, keep, index


def batched_ms(index: Any, queries: np.ndarray, depth: int) -> float:
    """Median ms per claim when CLAIM_BATCH claims are searched in one call (as Verifier does)."""
    batches = [queries[i : i + CLAIM_BATCH] for i in range(0, len(queries) - CLAIM_BATCH + 1, CLAIM_BATCH)]
    took = []
    for batch in batches:
        began = time.perf_counter()
        index.search(np.ascontiguousarray(batch), depth)
        took.append((time.perf_counter() - began) / len(batch))
    return float(np.median(took)) * 1000


def measure_rerank(
    spec: dense.DenseSpec, index: Any, vectors: np.ndarray, queries: np.ndarray, depth: int
) -> tuple[dict[str, Any], list[list[int]]]:
    """IVF-PQ candidates re-scored with the full vectors (held in RAM here; on SSD in the plan)."""
    took, found = time_queries(lambda q: dense.rerank(index, vectors, q, depth), list(queries))
    p50, p95 = percentiles(took)
    label = f"{spec.label} + exact re-rank of top {depth * dense.RERANK_FACTOR}"
    return {
        "engine": label,
        "p50_ms": p50,
        "p95_ms": p95,
        "cpu_ms": LAST_CPU_MS[0],
        "build_s": None,
        "rss_mb": None,
        "disk_mb": None,
    }, found


def measure_lexical(
    name: str, engine: Any, corpus: Any, claims: list[str], depth: int, warmup: int = WARMUP
) -> tuple[dict[str, Any], list[list[int]]]:
    build_s = lexical.timed_build(engine, corpus)
    before = rss()
    engine.open()
    took, found = time_queries(lambda q: engine.search(q, depth), claims, warmup)
    p50, p95 = percentiles(took)
    return {
        "engine": name,
        "p50_ms": p50,
        "p95_ms": p95,
        "cpu_ms": LAST_CPU_MS[0],
        "build_s": build_s,
        "rss_mb": (rss() - before) / 2**20,
        "disk_mb": engine.size() / 2**20,
    }, found


def measure_milvus(
    kind: str, python: str, folder: Path, passages: int, claims: list[str], depth: int, args: argparse.Namespace
) -> tuple[dict[str, Any], list[list[int]]]:
    """A Milvus engine measured by benchmarks/scale_milvus.py under `python` (a venv of its own):
    kind "server" (the `milvus` package's standalone server, dense) or "lite" (milvus-lite 2.5, BM25)."""
    nlist = dense.default_nlist(passages)
    nprobe = max(8, nlist // 128)
    index, search = scale_milvus.index_params(kind, args.milvus_index, nlist, nprobe)
    job = {
        "kind": kind,
        "data_dir": str(
            (folder / f"milvus-{kind}-{args.milvus_index if kind == 'server' else args.milvus_analyzer}").resolve()
        ),
        "passages": passages,
        "texts_file": str((folder / "passages.jsonl").resolve()),
        "vectors_file": str((folder / "vectors.npy").resolve()),
        "queries_file": str((folder.parent / f"queries-{args.queries}.npy").resolve()),
        "claims": claims,
        "depth": depth,
        "warmup": WARMUP,
        "index": index,
        "search_params": search,
        "consistency": args.milvus_consistency,
        "analyzer": args.milvus_analyzer,
        "out": str((folder / f"milvus-{kind}.json").resolve()),
    }
    job_file = folder / f"milvus-{kind}-job.json"
    job_file.write_text(json.dumps(job))
    subprocess.run([python, str(REPO / "benchmarks" / "scale_milvus.py"), str(job_file)], check=True)
    result = json.loads(Path(job["out"]).read_text())
    build = result["build"]
    what = (
        f"{args.milvus_index} {json.dumps(index['params'])}, search {json.dumps(search.get('params', {}))}"
        if kind == "server"
        else f"BM25 Function, SPARSE_INVERTED_INDEX, {args.milvus_analyzer} analyzer"
    )
    name = "Milvus standalone server" if kind == "server" else "Milvus Lite (native)"
    row = {
        "engine": f"{name} {result['version']}, {what}, {args.milvus_consistency} consistency",
        "p50_ms": result["p50_ms"],
        "p95_ms": result["p95_ms"],
        "cpu_ms": result["cpu_ms"],  # the server process's CPU per query
        "build_s": None if build is None else build["insert_s"] + build["index_s"],
        "rss_mb": result["server_rss_mb"],  # the whole server process, not a growth
        "disk_mb": result["disk_mb"],
        "milvus": {k: v for k, v in result.items() if k != "found"},
    }
    segments = f"{result['segments']} segments; " if result["segments"] else ""
    details = f"{segments}server RSS {result['server_rss_mb']:,.0f} MB"
    if build is not None:
        details += f"; insert {build['insert_s']:.0f} s + index {build['index_s']:.0f} s"
    row["quality"] = details
    return row, result["found"]


def overlap(found: list[list[int]], reference: list[list[int]]) -> float:
    shares = [len(set(f) & set(r)) / len(r) for f, r in zip(found, reference) if r]
    return float(np.mean(shares))


def fmt(value: Any, digits: int = 1, missing: str = "-") -> str:
    if value is None:
        return missing
    return f"{value:,.{digits}f}" if isinstance(value, float) else str(value)


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| engine | p50 ms | p95 ms | mean CPU ms | build s | RSS growth MB | on disk MB | quality |",
        "|---" * 8 + "|",
    ]
    for r in rows:
        quality = r.get("quality", "")
        lines.append(
            f"| {r['engine']} | {fmt(r['p50_ms'])} | {fmt(r['p95_ms'])} | {fmt(r.get('cpu_ms'))} | "
            f"{fmt(r['build_s'], 0, 'cached')} | {fmt(r['rss_mb'], 0)} | {fmt(r['disk_mb'], 0)} | {quality} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200, help="real claims, one at a time")
    parser.add_argument("--cache", type=Path, default=REPO / "index" / ".scale-bench")
    parser.add_argument("--pq-bytes", default="48", help="IVF-PQ code sizes to measure, comma-separated")
    parser.add_argument(
        "--skip", default="", help="engines to leave out: flat,hnsw,ivf,ivfpq,fts5,fts5-rarest,tantivy,bm25s"
    )
    parser.add_argument("--fts5-queries", type=int, default=50, help="claims timed on FTS5 (slow at 1M)")
    parser.add_argument("--threads", type=int, default=1, help="FAISS threads (one claim at a time: 1)")
    parser.add_argument(
        "--milvus-server",
        metavar="PYTHON",
        help="measure the Milvus standalone server (dense): the python of a venv with the `milvus` package",
    )
    parser.add_argument(
        "--milvus-lite", metavar="PYTHON", help="measure Milvus BM25: the python of a venv with milvus-lite 2.5"
    )
    parser.add_argument(
        "--milvus-index", default="IVF_FLAT", help="the server's dense index: IVF_FLAT, IVF_PQ, HNSW, FLAT"
    )
    parser.add_argument(
        "--milvus-analyzer", default="standard", help="Milvus BM25 analyzer: standard (verify's) or english"
    )
    parser.add_argument(
        "--milvus-consistency", default="Bounded", help="Milvus search consistency (verify's backend uses Strong)"
    )
    args = parser.parse_args(argv)
    import faiss

    faiss.omp_set_num_threads(args.threads)
    skip = set(filter(None, args.skip.split(",")))
    depth = TOP_K * 4  # verify's retrieval depth per ranking (HybridRetriever.candidates_per_k)
    folder = args.cache / f"{args.passages}"
    log: dict[str, Any] = {}
    began = time.perf_counter()
    corpus, claims, query_vectors = build_corpus(folder, args.passages, args.queries, log)
    log["corpus_s"] = time.perf_counter() - began
    rows: list[dict[str, Any]] = []

    vectors = np.array(corpus.vectors())  # in memory, so the RSS growth below is the index's own
    exact: list[list[int]] | None = None
    quantizer = None
    for spec in dense.specs(args.passages, [int(b) for b in args.pq_bytes.split(",")]):
        if spec.name in skip:
            continue
        row, found, keep, index = measure_dense(spec, vectors, query_vectors, folder, depth, quantizer, args.threads)
        quantizer = keep if keep is not None else quantizer
        measured = [(row, found)]
        if spec.name == "ivfpq":
            measured.append(measure_rerank(spec, index, vectors, query_vectors, depth))
        del index
        for row, found in measured:
            if spec.name == "flat":
                exact = found
            elif exact is not None:
                row["quality"] = (
                    f"recall@10 {dense.recall(found, exact, 10):.3f}, @{depth} {dense.recall(found, exact, depth):.3f}"
                )
            rows.append(row)
            print(table([row]).splitlines()[-1], flush=True)
        gc.collect()
    del vectors
    if args.milvus_server:
        row, found = measure_milvus("server", args.milvus_server, folder, args.passages, claims, depth, args)
        if exact is not None:
            row["quality"] = f"recall@10 {dense.recall(found, exact, 10):.3f}, @{depth} " + (
                f"{dense.recall(found, exact, depth):.3f}; {row['quality']}"
            )
        rows.append(row)
        print(table([row]).splitlines()[-1], flush=True)

    reference: list[list[int]] | None = None
    engines: list[tuple[str, Any]] = [
        ("fts5", ("SQLite FTS5 bm25(), verify's query (OR of every word)", lexical.Fts5(folder))),
        (
            "fts5-rarest",
            ("SQLite FTS5 bm25(), the 4 rarest words (each in <= 1% of passages)", lexical.Fts5Rarest(folder)),
        ),
        ("tantivy", ("tantivy BM25 (en_stem, OR of every word)", lexical.Tantivy(folder))),
        ("bm25s", ("bm25s (English stemmer, every word)", lexical.Bm25s(folder))),
    ]
    lexical_found: dict[str, Any] = {}
    for key, (name, engine) in engines:
        if key in skip:
            continue
        if key == "fts5":  # seconds a claim at 1M: a subset of the claims, a short warm-up
            row, reference = measure_lexical(name, engine, corpus, claims[: args.fts5_queries], depth, warmup=3)
            row["engine"] += f" ({len(reference)} claims)"
        elif key == "fts5-rarest":
            row, found = measure_lexical(name, engine, corpus, claims[: args.fts5_queries], depth, warmup=3)
            row["engine"] += f" ({len(found)} claims)"
            if reference is not None:
                row["quality"] = f"top-{depth} overlap with FTS5 {overlap(found, reference):.3f}"
        else:
            row, found = measure_lexical(name, engine, corpus, claims, depth)
            if reference is not None:
                row["quality"] = f"top-{depth} overlap with FTS5 {overlap(found[: len(reference)], reference):.3f}"
        rows.append(row)
        print(table([row]).splitlines()[-1], flush=True)
        lexical_found[key] = found if key != "fts5" else reference
    if args.milvus_lite:
        row, found = measure_milvus("lite", args.milvus_lite, folder, args.passages, claims, depth, args)
        for key in ("fts5", "tantivy"):  # its ranking against the engines measured in this run
            if lexical_found.get(key):
                share = overlap(found[: len(lexical_found[key])], lexical_found[key])
                row["quality"] = f"top-{depth} overlap with {key} {share:.3f}; {row['quality']}"
        rows.append(row)
        print(table([row]).splitlines()[-1], flush=True)

    print(
        f"\n{args.passages:,} passages ({log.get('real_passages', '?'):,} real, the rest sentence mixes), "
        f"{len(claims)} claims one at a time, depth {depth}; FAISS threads {args.threads}"
    )
    print(f"embedding with the real model: {log['passages_per_s']} passages/s, {log['claims_per_s']} claims/s")
    print(table(rows))
    (args.cache / f"results-{args.passages}.json").write_text(json.dumps({"log": log, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
