"""Milvus engines of the scale benchmark, run as a job in a virtual environment of their own.

    PYTHON benchmarks/scale_milvus.py JOB.json     # written and started by scale_retrieval.py

Why a separate interpreter: the native engines that install from PyPI need older clients than
verify's environment holds (pymilvus 3 speaks RPCs that a 2.3 or 2.5 server answers with
UNIMPLEMENTED), so scale_retrieval.py (--milvus-server / --milvus-lite PYTHON) writes a job file
and starts this script with the interpreter of a venv that has them:

- kind "server": the PyPI package `milvus` (2.3, "embedded Milvus"): the real Milvus standalone
  server binary (Go + the C++ segcore/knowhere), started locally with its own etcd and local
  storage. Dense search with a real ANN index (IVF_FLAT, HNSW...); Milvus 2.3 has no BM25.
- kind "lite": the PyPI package `milvus-lite` 2.5: a native single-process Milvus (C++) with the
  2.5 BM25 Function and SPARSE_INVERTED_INDEX, which is what verify's Milvus backend needs for
  full text. Its dense search is brute force whatever index is asked for, so only BM25 is measured.

Only numpy, psutil and pymilvus are needed here (no verify imports). The timing loop is the main
script's: WARMUP queries first, then one query at a time, wall time per query. The CPU figure is
the server process's CPU per query (the work is done there, not in this client). Memory is the
server process's resident set. Everything is kept in the job's data folder, so a rerun finds the
collection filled and indexed and only measures.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import psutil

BATCH = 10_000  # rows per insert: 10,000 x 384 floats = 15 MB, under gRPC's 64 MB message cap
COLLECTION = "scale"


def log(message: str) -> None:
    print(f"[milvus] {message}", file=sys.stderr, flush=True)


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


class Server:
    """The `milvus` package's standalone server, data under `folder`."""

    def __init__(self, folder: Path) -> None:
        from milvus import MilvusServer

        self.server = MilvusServer()
        self.server.set_base_dir(str(folder))
        self.folder = folder

    def start(self) -> tuple[psutil.Process, str]:
        self.server.start()
        return psutil.Process(self.server.server_proc.pid), f"http://127.0.0.1:{self.server.listen_port}"

    def stop(self) -> None:
        self.server.stop()


class Lite:
    """Milvus Lite's native server on a local file, started by pymilvus on connect."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder

    def start(self) -> tuple[psutil.Process | None, str]:
        return None, str(self.folder / "scale.db")  # the process appears once pymilvus connects

    def stop(self) -> None:
        from pymilvus import connections

        connections.disconnect("default")


def lite_process() -> psutil.Process:
    """Milvus Lite's server: the `milvus` child process pymilvus started."""
    for child in psutil.Process().children(recursive=True):
        if child.name() == "milvus":
            return child
    raise RuntimeError("no Milvus Lite server process found among this process's children")


def lite_version() -> str:
    from importlib.metadata import version

    return version("milvus-lite")  # Milvus Lite does not answer get_server_version


def server_cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def build_dense(job: dict[str, Any]) -> Any:
    from pymilvus import Collection, CollectionSchema, DataType, FieldSchema

    vectors = np.load(job["vectors_file"], mmap_mode="r")
    schema = CollectionSchema(
        [
            FieldSchema("id", DataType.INT64, is_primary=True),  # the FAISS position: 0 .. N-1
            FieldSchema("vector", DataType.FLOAT_VECTOR, dim=vectors.shape[1]),
        ]
    )
    collection = Collection(COLLECTION, schema, consistency_level=job["consistency"])
    for start in range(0, len(vectors), BATCH):
        rows = np.ascontiguousarray(vectors[start : start + BATCH])
        collection.insert([list(range(start, start + len(rows))), rows])
        if start % 100_000 == 0:
            log(f"inserted {start + len(rows):,}")
    return collection


def build_text(job: dict[str, Any]) -> Any:
    from pymilvus import Collection, CollectionSchema, DataType, FieldSchema, Function, FunctionType

    schema = CollectionSchema(
        [
            FieldSchema("id", DataType.INT64, is_primary=True),  # the passage's rowid: 1 .. N
            # verify's passages collection: the default (standard) analyzer, BM25 by the engine's Function
            FieldSchema(
                "text",
                DataType.VARCHAR,
                max_length=65_535,
                enable_analyzer=True,
                analyzer_params={"type": job["analyzer"]},  # standard: verify's; english: stems, drops stop words
            ),
            FieldSchema("sparse", DataType.SPARSE_FLOAT_VECTOR),
        ],
        functions=[Function("bm25", FunctionType.BM25, input_field_names=["text"], output_field_names=["sparse"])],
    )
    collection = Collection(COLLECTION, schema, consistency_level=job["consistency"])
    ids: list[int] = []
    texts: list[str] = []
    with open(job["texts_file"], encoding="utf-8") as lines:
        for rowid, line in enumerate(lines, start=1):
            ids.append(rowid)
            texts.append(json.loads(line))
            if len(ids) == BATCH:
                collection.insert([ids, texts])
                ids, texts = [], []
                if rowid % 100_000 == 0:
                    log(f"inserted {rowid:,}")
    if ids:
        collection.insert([ids, texts])
    return collection


def filled(job: dict[str, Any]) -> Any:
    """The collection with all N rows and its index, built now or found from an earlier run.
    Returns it and the build timings (None when found)."""
    from pymilvus import Collection, utility

    field = "vector" if job["kind"] == "server" else "sparse"
    if utility.has_collection(COLLECTION):
        collection = Collection(COLLECTION)
        if collection.num_entities == job["passages"] and collection.has_index():
            utility.wait_for_index_building_complete(COLLECTION)  # a run stopped while it was building
            return collection, None
        log("an unfinished collection from an earlier run: dropped")
        collection.drop()
    began = time.perf_counter()
    collection = build_dense(job) if job["kind"] == "server" else build_text(job)
    collection.flush()  # seals the segments, which the index is built on
    inserted = time.perf_counter()
    log(f"inserted and flushed {collection.num_entities:,} rows in {inserted - began:.0f} s; building the index")
    collection.create_index(field, job["index"])
    utility.wait_for_index_building_complete(COLLECTION)
    return collection, {"insert_s": inserted - began, "index_s": time.perf_counter() - inserted}


def measure(job: dict[str, Any]) -> dict[str, Any]:
    from pymilvus import connections

    folder = Path(job["data_dir"])
    engine = Server(folder) if job["kind"] == "server" else Lite(folder)
    process, uri = engine.start()
    try:
        connections.connect(uri=uri)
        if process is None:
            process = lite_process()
        from pymilvus import utility

        version = utility.get_server_version() if job["kind"] == "server" else lite_version()
        started_rss = process.memory_info().rss
        collection, build = filled(job)
        began = time.perf_counter()
        collection.load()
        load_s = time.perf_counter() - began
        field = "vector" if job["kind"] == "server" else "sparse"
        if job["kind"] == "server":
            queries: list[Any] = [[v.tolist()] for v in np.load(job["queries_file"])]
        else:
            queries = [[claim] for claim in job["claims"]]
        params = job["search_params"]

        def search(query: Any) -> list[int]:
            hits = collection.search(query, field, params, limit=job["depth"], consistency_level=job["consistency"])
            return [int(h.id) for h in hits[0]]

        for query in queries[: job["warmup"]]:
            search(query)
        took, found = [], []
        cpu = server_cpu(process)
        for query in queries:
            start = time.perf_counter()
            found.append(search(query))
            took.append(time.perf_counter() - start)
        cpu_ms = (server_cpu(process) - cpu) / len(queries) * 1000
        ms = np.asarray(took) * 1000
        segments = len(utility.get_query_segment_info(COLLECTION)) if job["kind"] == "server" else None
        return {
            "version": version,
            "p50_ms": float(np.percentile(ms, 50)),
            "p95_ms": float(np.percentile(ms, 95)),
            "cpu_ms": cpu_ms,
            "build": build,
            "load_s": load_s,
            "server_rss_mb": process.memory_info().rss / 2**20,
            "server_rss_started_mb": started_rss / 2**20,
            # the server's storage (etcd, message log, binlogs, index files), not its unpacked binaries
            "disk_mb": folder_bytes(folder / "data" if job["kind"] == "server" else folder) / 2**20,
            "segments": segments,
            "found": found,
        }
    finally:
        engine.stop()


def index_params(kind: str, dense_index: str, nlist: int, nprobe: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The index to build and the search parameters: the FAISS settings of the same size."""
    if kind == "lite":
        return {"index_type": "SPARSE_INVERTED_INDEX", "metric_type": "BM25", "params": {}}, {"metric_type": "BM25"}
    if dense_index == "HNSW":  # the FAISS HNSW's M, efConstruction and efSearch
        build: dict[str, Any] = {"M": 32, "efConstruction": 40}
        search: dict[str, Any] = {"ef": 64}
    elif dense_index == "IVF_PQ":  # the plan's PQ96: 96 bytes a vector
        build, search = {"nlist": nlist, "m": 96, "nbits": 8}, {"nprobe": nprobe}
    elif dense_index == "FLAT":  # exact search, no build: what fits where an ANN build does not
        build, search = {}, {}
    elif dense_index == "IVF_FLAT":
        build, search = {"nlist": nlist}, {"nprobe": nprobe}
    else:
        raise ValueError(f"dense index {dense_index!r}: give FLAT, IVF_FLAT, IVF_PQ or HNSW")
    return (
        {"index_type": dense_index, "metric_type": "IP", "params": build},
        {"metric_type": "IP", "params": search},
    )


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        sys.exit("usage: PYTHON benchmarks/scale_milvus.py JOB.json (scale_retrieval.py writes the job)")
    job = json.loads(Path(argv[0]).read_text())
    result = measure(job)
    Path(job["out"]).write_text(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
