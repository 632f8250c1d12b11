"""The Milvus side of an engine-backed index: URL parsing, the client connection and the
collections' schemas (used by verify.milvus_store).

An index named NAME is four kinds of collection:
    NAME_meta       one row: format version, embedding model and dimension, chunking, the live
                    passages collection, and a commit token that changes on every commit
    NAME_sources    one row per committed source: its metadata, content hash, kind and version
    NAME_blobs      a source version's text and facts, in pieces of at most BLOB_CHARS
    NAME_p_TAG      passages: text (BM25 by the engine's own function), dense vector, source id
                    and version; a rebuild writes a new TAG and switches the meta row to it
Milvus needs a vector field in every collection: the three bookkeeping ones carry a 2-d zero one.

Cluster settings come from the environment (a deployment sets them once, see deploy/):
    VERIFY_MILVUS_TOKEN     user:password or API key for a Milvus with authentication
    VERIFY_MILVUS_SHARDS    shards of a passages collection, when it is created (Milvus default: 1)
    VERIFY_MILVUS_REPLICAS  in-memory replicas each collection is loaded with (query-node failover
                            and read throughput; Milvus default: 1)
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from verify.generations import IndexStoreError

DEFAULT_COLLECTION = "verify"
BLOB_CHARS = 16_000  # Milvus caps VARCHAR at 65,535 bytes; 16,000 characters fit in any UTF-8
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,150}$")
_CLIENTS: dict[str, Any] = {}  # one connection per URI and process, shared by its stores
_CLIENTS_LOCK = threading.Lock()
_LOADED: set[str] = set()  # client:collection pairs this process has loaded
DUMMY = [0.0, 0.0]


@dataclass(frozen=True)
class MilvusTarget:
    uri: str  # what pymilvus connects to: http://HOST:PORT, or a local .db file for Milvus Lite
    name: str  # the collection prefix
    embedded: bool


def parse_url(url: str) -> MilvusTarget:
    """`milvus://HOST:PORT/NAME` (NAME defaults to verify) or `milvus-lite:PATH[?collection=NAME]`."""
    if url.startswith("milvus://"):
        try:
            parts = urlsplit(url)
            port = parts.port or 19530
        except ValueError as exc:
            raise IndexStoreError(f"index {url!r}: not a URL of the form milvus://HOST:PORT/COLLECTION") from exc
        if not parts.hostname:
            raise IndexStoreError(f"index {url!r}: give milvus://HOST:PORT/COLLECTION")
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname  # IPv6 keeps its brackets
        name = parts.path.strip("/") or DEFAULT_COLLECTION
        target = MilvusTarget(f"http://{host}:{port}", name, embedded=False)
    elif url.startswith("milvus-lite:"):
        rest = url[len("milvus-lite:") :]
        path, _, query = rest.partition("?")
        if not path.endswith(".db"):
            raise IndexStoreError(f"index {url!r}: give milvus-lite:PATH.db, e.g. milvus-lite:index/archive.db")
        name = (parse_qs(query).get("collection") or [DEFAULT_COLLECTION])[0]
        target = MilvusTarget(str(Path(path).resolve()), name, embedded=True)
    else:
        raise IndexStoreError(f"index {url!r} is not a Milvus URL")
    if not _NAME.match(target.name):
        raise IndexStoreError(
            f"index {url!r}: collection name {target.name!r} must be letters, digits and underscores, "
            "starting with a letter or underscore"
        )
    return target


@contextlib.contextmanager
def engine_errors(url: str) -> Iterator[None]:
    """What Milvus raises becomes an IndexStoreError naming the index and the engine's message."""
    from pymilvus.exceptions import MilvusException

    try:
        yield
    except MilvusException as exc:
        raise IndexStoreError(f"index {url}: Milvus says: {getattr(exc, 'message', exc)}") from exc


def connect(target: MilvusTarget, url: str) -> Any:
    """The process's client for this URI. Milvus Lite's embedded mode lets one process open a
    file; a second gets a message saying how to share it (a Milvus Lite or Milvus server)."""
    try:
        from pymilvus import MilvusClient
    except ImportError as exc:
        raise IndexStoreError(
            f"index {url}: the Milvus backend needs the 'milvus' extra: pip install 'newsroom-verify[milvus]'"
        ) from exc
    # pymilvus logs every failed call at ERROR and some harmless fallbacks at WARNING on stderr;
    # failures reach the user as IndexStoreError instead, once.
    logging.getLogger("pymilvus").setLevel(logging.CRITICAL)
    # Milvus Lite's in-process gRPC server logs the RPCs it does not implement (the query
    # iterator's timestamp call, which pymilvus then does without).
    logging.getLogger("grpc._server").setLevel(logging.CRITICAL)
    with _CLIENTS_LOCK:
        client = _CLIENTS.get(target.uri)
        if client is not None:
            return client
        if target.embedded:
            Path(target.uri).parent.mkdir(parents=True, exist_ok=True)
        try:
            client = MilvusClient(uri=target.uri, token=os.environ.get("VERIFY_MILVUS_TOKEN", ""), timeout=30)
        except Exception as exc:  # pymilvus raises several kinds for an unreachable or locked store
            if target.embedded:
                raise IndexStoreError(
                    f"index {url}: cannot open {target.uri} ({exc}); Milvus Lite lets one process open a file at a "
                    f"time: to share it, run `milvus-lite server --data-dir DIR --port 19530` and use "
                    f"--index milvus://127.0.0.1:19530/{target.name}"
                ) from exc
            raise IndexStoreError(f"index {url}: cannot reach Milvus at {target.uri} ({exc})") from exc
        _CLIENTS[target.uri] = client
        return client


def ensure_loaded(client: Any, collection: str) -> None:
    """Load a collection into memory for search and get (once per process and collection): a
    Milvus restart, or Milvus Lite reopening its file, leaves collections released."""
    key = f"{id(client)}:{collection}"
    if key not in _LOADED:
        replicas = _env_int("VERIFY_MILVUS_REPLICAS")
        client.load_collection(collection, **({"replica_number": replicas} if replicas else {}))
        _LOADED.add(key)


def disconnect(target: MilvusTarget) -> None:
    """Close this process's connection (and, embedded, the Milvus Lite file): tests, shutdown."""
    with _CLIENTS_LOCK:
        client = _CLIENTS.pop(target.uri, None)
    if client is not None:
        client.close()
        _LOADED.difference_update({k for k in _LOADED if k.startswith(f"{id(client)}:")})
    if target.embedded:
        from milvus_lite.server_manager import server_manager_instance

        server_manager_instance.release_server(target.uri)


def create_bookkeeping(client: Any, name: str) -> None:
    """The meta, sources and blobs collections (a primary key, one JSON or text payload)."""
    from pymilvus import DataType, MilvusClient

    for suffix in ("meta", "sources", "blobs"):
        collection = f"{name}_{suffix}"
        if client.has_collection(collection):
            continue
        schema = MilvusClient.create_schema(auto_id=False)
        schema.add_field("key", DataType.VARCHAR, is_primary=True, max_length=128)
        schema.add_field("data", DataType.VARCHAR, max_length=65_535)
        schema.add_field("dummy", DataType.FLOAT_VECTOR, dim=2)
        _create(client, collection, schema, [("dummy", "FLAT", "L2")])


def create_passages(client: Any, collection: str, dimension: int) -> None:
    from pymilvus import DataType, Function, FunctionType, MilvusClient

    schema = MilvusClient.create_schema(auto_id=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("source_id", DataType.VARCHAR, max_length=1024)
    schema.add_field("version", DataType.VARCHAR, max_length=64)
    schema.add_field("start", DataType.INT64)
    schema.add_field("end", DataType.INT64)
    schema.add_field("text", DataType.VARCHAR, max_length=65_535, enable_analyzer=True)
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dimension)
    schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    schema.add_function(
        Function(
            name="bm25", function_type=FunctionType.BM25, input_field_names=["text"], output_field_names=["sparse"]
        )
    )
    # Cosine = inner product on the embedder's unit vectors; AUTOINDEX lets a Milvus server pick
    # (HNSW today), Milvus Lite searches exactly at this size.
    shards = _env_int("VERIFY_MILVUS_SHARDS")
    _create(
        client,
        collection,
        schema,
        [("vector", "AUTOINDEX", "IP"), ("sparse", "SPARSE_INVERTED_INDEX", "BM25")],
        {"num_shards": shards} if shards else {},
    )


def _env_int(name: str) -> int | None:
    value = os.environ.get(name)
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise IndexStoreError(f"${name} must be a positive whole number, not {value!r}")
    return int(value)


def _create(
    client: Any, collection: str, schema: Any, indexes: list[tuple[str, str, str]], extra: dict[str, Any] | None = None
) -> None:
    params = client.prepare_index_params()
    for field, kind, metric in indexes:
        params.add_index(field_name=field, index_type=kind, metric_type=metric)
    # Strong consistency: a reader sees every write committed before its request.
    client.create_collection(
        collection, schema=schema, index_params=params, consistency_level="Strong", **(extra or {})
    )
    ensure_loaded(client, collection)
