"""Side-by-side trial of the candidate index engines (docs/ENGINES.md): Milvus Lite, Qdrant local
mode and LanceDB, on the same passages, vectors and queries.

    python benchmarks/engine_trial.py --engine milvus --passages 50000 --work /tmp/engine-trial

Each engine runs in its own process (run the script once per engine): it builds a store of N passages
(sentences of the benchmark corpora in ../shared/bench, repeated with new ids when N asks for more;
random unit 384-d vectors, as dense latency does not depend on the vectors' meaning), then times
dense top-20 and full-text (BM25) top-20 queries one at a time (the claims of SciFact and
Climate-FEVER), reports peak memory of the process tree, and checks whether a second process can
open the same embedded store while the first holds it. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

BENCH = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench"
DIM = 384
TOP = 20


def passages(n: int) -> list[str]:
    """N passages of two to three sentences from the benchmark corpora (repeated when short)."""
    sentences: list[str] = []
    with open(BENCH / "scifact" / "corpus.jsonl") as f:
        for line in f:
            sentences.extend(json.loads(line)["abstract"])
    with open(BENCH / "fm2" / "dev.jsonl") as f:
        for line in f:
            for value in json.loads(line).values():
                if isinstance(value, list):
                    sentences.extend(str(v.get("text", "")) if isinstance(v, dict) else "" for v in value)
    sentences = [s for s in sentences if len(s) > 20]
    chunks = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    out = [chunks[i % len(chunks)] for i in range(n)]
    return out


def queries(n: int) -> list[str]:
    out = []
    with open(BENCH / "scifact" / "claims_dev.jsonl") as f:
        out += [json.loads(line)["claim"] for line in f]
    with open(BENCH / "climate-fever" / "climate-fever.jsonl") as f:
        out += [json.loads(line)["claim"] for line in f]
    return out[:n]


def unit_vectors(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.standard_normal((n, DIM)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v


def rss_tree_mb() -> float:
    import psutil

    me = psutil.Process()
    procs = [me, *me.children(recursive=True)]
    return sum(p.memory_info().rss for p in procs) / 2**20


def timed(fn: Callable[[Any], Any], items: list[Any]) -> dict[str, float]:
    times = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        times.append((time.perf_counter() - t) * 1000)
    return {"p50_ms": round(float(np.percentile(times, 50)), 2), "p95_ms": round(float(np.percentile(times, 95)), 2)}


# ---- engines: build(path, texts, vectors) -> handle; dense(handle, vec); text(handle, query); reopen(path)


def milvus_build(path: Path, texts: list[str], vectors: np.ndarray) -> Any:
    from pymilvus import DataType, Function, FunctionType, MilvusClient

    client = MilvusClient(str(path / "trial.db"))
    schema = MilvusClient.create_schema(auto_id=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("source_id", DataType.VARCHAR, max_length=256)
    schema.add_field("text", DataType.VARCHAR, max_length=65535, enable_analyzer=True)
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=DIM)
    schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    schema.add_function(
        Function(
            name="bm25", function_type=FunctionType.BM25, input_field_names=["text"], output_field_names=["sparse"]
        )
    )
    client.create_collection("passages", schema=schema)
    for start in range(0, len(texts), 2000):
        rows = [
            {"id": i, "source_id": f"s{i // 10}", "text": texts[i], "vector": vectors[i].tolist()}
            for i in range(start, min(start + 2000, len(texts)))
        ]
        client.insert("passages", rows)
    client.flush("passages")  # memtable -> indexed segments
    index = client.prepare_index_params()
    index.add_index(field_name="vector", index_type="FLAT", metric_type="IP")
    index.add_index(field_name="sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
    client.create_index("passages", index)
    client.load_collection("passages")
    return client


def milvus_dense(client: Any, vec: np.ndarray) -> Any:
    return client.search("passages", data=[vec.tolist()], anns_field="vector", limit=TOP, output_fields=["source_id"])


def milvus_text(client: Any, query: str) -> Any:
    return client.search("passages", data=[query], anns_field="sparse", limit=TOP, output_fields=["source_id"])


def milvus_reopen(path: Path) -> Any:
    from pymilvus import MilvusClient

    client = MilvusClient(str(path / "trial.db"))
    client.load_collection("passages")
    return milvus_text(client, "vitamin D deficiency")


def _terms(text: str) -> Counter[int]:
    return Counter(zlib.crc32(t.encode()) & 0x7FFFFFFF for t in re.findall(r"\w+", text.lower()) if len(t) > 1)


def qdrant_build(path: Path, texts: list[str], vectors: np.ndarray) -> Any:
    from qdrant_client import QdrantClient, models

    client = QdrantClient(path=str(path / "qdrant"))
    client.create_collection(
        "passages",
        vectors_config={"dense": models.VectorParams(size=DIM, distance=models.Distance.COSINE)},
        sparse_vectors_config={"bm25": models.SparseVectorParams(modifier=models.Modifier.IDF)},
    )
    # BM25's document side computed here (qdrant applies the IDF): tf (k1 + 1) / (tf + k1 (1 - b + b dl/avgdl)).
    bags = [_terms(t) for t in texts]
    avgdl = sum(sum(b.values()) for b in bags) / len(bags)
    k1, b = 1.2, 0.75
    for start in range(0, len(texts), 1000):
        points = []
        for i in range(start, min(start + 1000, len(texts))):
            dl = sum(bags[i].values())
            weights = {t: tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)) for t, tf in bags[i].items()}
            points.append(
                models.PointStruct(
                    id=i,
                    vector={
                        "dense": vectors[i].tolist(),
                        "bm25": models.SparseVector(indices=list(weights), values=list(weights.values())),
                    },
                    payload={"source_id": f"s{i // 10}", "text": texts[i]},
                )
            )
        client.upsert("passages", points)
    return client


def qdrant_dense(client: Any, vec: np.ndarray) -> Any:
    return client.query_points("passages", query=vec.tolist(), using="dense", limit=TOP)


def qdrant_text(client: Any, query: str) -> Any:
    from qdrant_client import models

    terms = list(_terms(query))
    return client.query_points(
        "passages", query=models.SparseVector(indices=terms, values=[1.0] * len(terms)), using="bm25", limit=TOP
    )


def qdrant_reopen(path: Path) -> Any:
    from qdrant_client import QdrantClient

    return qdrant_text(QdrantClient(path=str(path / "qdrant")), "vitamin D deficiency")


def lance_build(path: Path, texts: list[str], vectors: np.ndarray) -> Any:
    import lancedb
    import pyarrow as pa

    db = lancedb.connect(str(path / "lance"))
    table = pa.table(
        {
            "id": pa.array(range(len(texts)), pa.int64()),
            "source_id": [f"s{i // 10}" for i in range(len(texts))],
            "text": texts,
            "vector": pa.FixedSizeListArray.from_arrays(pa.array(vectors.reshape(-1)), DIM),
        }
    )
    tbl = db.create_table("passages", table)
    tbl.create_fts_index("text")
    return tbl


def lance_dense(tbl: Any, vec: np.ndarray) -> Any:
    return tbl.search(vec, vector_column_name="vector").metric("dot").limit(TOP).select(["source_id"]).to_list()


def lance_text(tbl: Any, query: str) -> Any:
    return tbl.search(query, query_type="fts").limit(TOP).select(["source_id"]).to_list()


def lance_reopen(path: Path) -> Any:
    import lancedb

    return lance_text(lancedb.connect(str(path / "lance")).open_table("passages"), "vitamin D deficiency")


ENGINES = {
    "milvus": (milvus_build, milvus_dense, milvus_text, milvus_reopen),
    "qdrant": (qdrant_build, qdrant_dense, qdrant_text, qdrant_reopen),
    "lancedb": (lance_build, lance_dense, lance_text, lance_reopen),
}


def disk_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=sorted(ENGINES), required=True)
    parser.add_argument("--passages", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--work", type=Path, default=Path("/tmp/engine-trial"))
    parser.add_argument("--reopen", action="store_true", help=argparse.SUPPRESS)  # the second process
    args = parser.parse_args()
    build, dense, text, reopen = ENGINES[args.engine]
    path = args.work / args.engine
    if args.reopen:
        try:
            reopen(path)
            print("ok")
        except Exception as exc:  # what the engine says is the finding
            print(f"{type(exc).__name__}: {str(exc)[:160]}")
        return
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    texts, vectors = passages(args.passages), unit_vectors(args.passages, 0)
    qs, qvecs = queries(args.queries), unit_vectors(args.queries, 1)
    base = rss_tree_mb()
    t = time.perf_counter()
    handle = build(path, texts, vectors)
    build_s = time.perf_counter() - t
    text(handle, qs[0])  # first query loads lazily built structures; not counted
    dense_t = timed(lambda v: dense(handle, v), list(qvecs))
    text_t = timed(lambda q: text(handle, q), qs)
    sample = text(handle, qs[0])
    second = subprocess.run(
        [sys.executable, __file__, "--engine", args.engine, "--work", str(args.work), "--reopen"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    result = {
        "engine": args.engine,
        "passages": args.passages,
        "build_s": round(build_s, 1),
        "dense": dense_t,
        "bm25": text_t,
        "rss_mb_over_baseline": round(rss_tree_mb() - base, 0),
        "disk_mb": round(disk_mb(path), 1),
        "second_process_while_open": (second.stdout.strip() or second.stderr.strip().splitlines()[-1])[:200],
        "bm25_hits_first_query": len(sample[0])
        if args.engine != "lancedb" and not hasattr(sample, "points")
        else len(getattr(sample, "points", sample)),
        "cpu": os.cpu_count(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
