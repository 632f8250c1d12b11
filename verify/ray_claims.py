"""Verifying a claims file as a Ray Data job: the same verdicts, in input order, as one process.

The driver reads the file once to cut it into spans of whole claim groups (verify.claim_spans),
so a worker verifies the very batches one process would, and every verdict is byte for byte
the one a single process gives. A Datasource reads the spans in parallel,
`map_batches` hands them to an actor pool (each actor opens the index and loads the models once),
and the driver streams the records out in order; Ray Data's back-pressure holds only a few blocks
in flight, so memory stays flat however long the file is.

Import this module only after ray_runtime.import_ray() succeeded: it imports Ray at the top.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import itertools
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from ray.data import Datasource, ReadTask
from ray.data.block import BlockMetadata

# Models travel to workers by name (they load their own): ONNX sessions and locks do not pickle.
from verify.backends import FallbackEmbedder, portable_nli
from verify.calibrate import Calibrator
from verify.claim_spans import Span, plan_parquet_spans, plan_spans, span_items
from verify.claims_parquet import batch_bytes, open_parquet, row_batches, span_rows_items
from verify.config import CLAIM_BATCH
from verify.embed import Embedder, SentenceTransformerEmbedder
from verify.nli import NLIModel
from verify.onnx_models import OnnxEmbedder
from verify.parquet_support import claims_format
from verify.pipeline import Verifier, claim_groups, verify_group
from verify.premise import ENV_PREMISE
from verify.ray_runtime import RayOptions, job_failure, ray_session
from verify.schema import Claim, ClaimError, Verdict

SpanItems = Callable[[bytes, int], Iterator[Claim | ClaimError]]
SPANS_PER_READ = 8  # spans (about CLAIM_BATCH claims each) read by one Ray read task, one block each
VERDICT, ERROR = "verdict", "error"


class ClaimSpans(Datasource):  # type: ignore[misc]
    """A claims file as rows (span, first_line, raw bytes), SPANS_PER_READ spans a read task. Each
    span is a block of its own: an actor pool hands out blocks, so one block a span lets every
    actor take the next span as soon as it is free."""

    def __init__(self, path: Path, spans: list[Span]) -> None:
        self.path = str(path)
        self.spans = spans

    def estimate_inmemory_data_size(self) -> int:
        return sum(s.end - s.start for s in self.spans)

    def get_read_tasks(
        self, parallelism: int, per_task_row_limit: int | None = None, data_context: Any = None
    ) -> list[ReadTask]:
        tasks = []
        for first in range(0, len(self.spans), SPANS_PER_READ):
            chunk = list(enumerate(self.spans[first : first + SPANS_PER_READ], start=first))
            size = sum(s.end - s.start for _, s in chunk)
            meta = BlockMetadata(num_rows=len(chunk), size_bytes=size, exec_stats=None, input_files=(self.path,))
            tasks.append(ReadTask(functools.partial(_read_spans, self.path, chunk), meta))
        return tasks


def _read_spans(path: str, chunk: list[tuple[int, Span]]) -> list[pa.Table]:
    with open(path, "rb") as handle:
        handle.seek(chunk[0][1].start)
        data = handle.read(chunk[-1][1].end - chunk[0][1].start)
    base = chunk[0][1].start
    return [_span_block(n, span, data[span.start - base : span.end - base]) for n, span in chunk]


class ParquetClaimSpans(Datasource):  # type: ignore[misc]
    """A Parquet claims file as the same rows (span, first_line, raw), raw being the span's rows as
    an Arrow IPC stream. A read task takes the spans that start in a run of row groups and decodes
    those groups once, front to back (a span never makes it decode a group from its start again),
    so reading stays linear however large the file's row groups are."""

    def __init__(self, path: Path, spans: list[Span]) -> None:
        self.path = str(path)
        self.spans = spans
        meta = pq.ParquetFile(self.path).metadata
        groups = [meta.row_group(g) for g in range(meta.num_row_groups)]
        self.group_starts = [0, *itertools.accumulate(g.num_rows for g in groups)][:-1]
        # Decoded bytes a row, for Ray's estimates of block sizes.
        self.row_bytes = max(1, sum(g.total_byte_size for g in groups) // max(1, meta.num_rows))

    def estimate_inmemory_data_size(self) -> int:
        return sum(s.end - s.start for s in self.spans) * self.row_bytes

    def get_read_tasks(
        self, parallelism: int, per_task_row_limit: int | None = None, data_context: Any = None
    ) -> list[ReadTask]:
        tasks = []
        chunk: list[tuple[int, Span]] = []
        last_group = -1
        for n, span in enumerate(self.spans):
            group = bisect.bisect_right(self.group_starts, span.start) - 1
            # A new task only where a new row group starts: cut inside one, it would be decoded twice.
            if len(chunk) >= SPANS_PER_READ and group != last_group:
                tasks.append(self._task(chunk))
                chunk = []
            chunk.append((n, span))
            last_group = group
        if chunk:
            tasks.append(self._task(chunk))
        return tasks

    def _task(self, chunk: list[tuple[int, Span]]) -> ReadTask:
        rows = sum(s.end - s.start for _, s in chunk)
        meta = BlockMetadata(
            num_rows=len(chunk), size_bytes=rows * self.row_bytes, exec_stats=None, input_files=(self.path,)
        )
        return ReadTask(functools.partial(_read_parquet_spans, self.path, chunk), meta)


def _read_parquet_spans(path: str, chunk: list[tuple[int, Span]]) -> Iterator[pa.Table]:
    """One block a span: its rows, cut from one front-to-back pass over the rows the chunk covers."""
    index, pieces = 0, []
    n, span = chunk[0]
    position = span.start  # the file row of the batch's first row
    with open(path, "rb") as handle:
        file = open_parquet(handle, Path(path))
        for batch in row_batches(file, chunk[0][1].start, chunk[-1][1].end):
            offset = 0
            while offset < batch.num_rows:
                row = position + offset
                if row < span.start:  # a row between spans (none today: every row is a record)
                    offset += min(batch.num_rows - offset, span.start - row)
                    continue
                take = min(batch.num_rows - offset, span.end - row)
                pieces.append(batch.slice(offset, take))
                offset += take
                if row + take == span.end:
                    yield _span_block(n, span, batch_bytes(pieces))
                    index, pieces = index + 1, []
                    if index == len(chunk):
                        return
                    n, span = chunk[index]
            position += batch.num_rows


def _span_block(n: int, span: Span, raw: bytes) -> pa.Table:
    return pa.table(
        {
            "span": pa.array([n], pa.int64()),
            "first_line": pa.array([span.first_line], pa.int64()),
            "raw": pa.array([raw], pa.binary()),
        }
    )


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker needs to build the driver's Verifier: models by name where they have one
    (loaded in the worker), the index folder and the generation the driver opened."""

    index: str
    manifest: dict[str, Any] | None
    embed_model: str | Embedder
    nli_model: str | NLIModel
    top_k: int
    support_threshold: float
    contradict_threshold: float
    max_evidence: int
    checks: bool
    calibrator: Calibrator
    check_embedder: bool
    batch_size: int
    backend: str = "auto"
    # The driver's $VERIFY_PREMISE (None: unset): a worker on a cluster, or started by a runtime
    # that was up before it was set, does not inherit it, and would build other premises.
    premise_override: str | None = None

    @classmethod
    def of(cls, verifier: Verifier, batch_size: int = CLAIM_BATCH) -> WorkerSpec:
        if not verifier.exists:
            from verify.store import IndexStoreError

            raise IndexStoreError(f"index {verifier.index_dir} holds no sources yet: add some with `verify index add`")
        store, embedder, nli, index = verifier._store, verifier.embedder, verifier.nli, verifier.index_dir
        return cls(
            # Absolute: a worker's working folder is not the driver's.
            index=str(index.resolve()) if isinstance(index, Path) else str(index),
            manifest=getattr(store, "manifest", None),
            embed_model=(
                embedder.name
                if isinstance(embedder, (SentenceTransformerEmbedder, OnnxEmbedder, FallbackEmbedder))
                else embedder
            ),
            # The resolved name ("bundled:fp32"), so a worker computes as the driver would, whatever its CPU.
            nli_model=portable_nli(nli),
            backend=verifier.backend,
            top_k=verifier.top_k,
            support_threshold=verifier.support_threshold,
            contradict_threshold=verifier.contradict_threshold,
            max_evidence=verifier.max_evidence,
            checks=verifier.checks,
            calibrator=verifier.calibrator,
            check_embedder=getattr(store, "check_embedder", True),
            batch_size=batch_size,
            premise_override=os.environ.get(ENV_PREMISE),
        )

    def open(self) -> Verifier:
        # The pipeline reads it per batch (verify.premise.model_premise_format): the driver's value.
        if self.premise_override is None:
            os.environ.pop(ENV_PREMISE, None)
        else:
            os.environ[ENV_PREMISE] = self.premise_override
        verifier = Verifier(
            self.index,
            seeds_dir=None,  # the driver synced the seeds; a worker only reads
            embed_model=self.embed_model,
            nli_model=self.nli_model,
            top_k=self.top_k,
            support_threshold=self.support_threshold,
            contradict_threshold=self.contradict_threshold,
            max_evidence=self.max_evidence,
            check_embedder=self.check_embedder,
            checks=self.checks,
            calibrator=self.calibrator,
            backend=self.backend,
        )
        from verify.store import IndexStore

        if self.manifest is not None and isinstance(verifier._store, IndexStore):
            verifier._store.open_as_of(self.manifest)  # a folder index: the generation the driver pinned
        return verifier


class SpanVerifier:
    """A Ray actor: opens the index and loads the models once, then verifies span after span."""

    def __init__(self, spec: WorkerSpec, items: SpanItems = span_items) -> None:
        self.spec = spec
        self.items = items  # how a span's raw bytes become claims: JSONL lines, or Parquet rows
        self.verifier = spec.open()

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        spans, kinds, records = [], [], []
        for span, first_line, raw in zip(batch["span"], batch["first_line"], batch["raw"]):
            items = list(self.items(bytes(raw), int(first_line)))
            for group in claim_groups(items, self.spec.batch_size):
                for record in verify_group(self.verifier, group, self.spec.batch_size):
                    spans.append(int(span))
                    kinds.append(ERROR if isinstance(record, ClaimError) else VERDICT)
                    records.append(record.model_dump_json())
        return {"span": np.asarray(spans, dtype=np.int64), "kind": np.asarray(kinds), "record": np.asarray(records)}


def verify_file_on_ray(
    verifier: Verifier,
    claims: str | Path,
    options: RayOptions | None = None,
    batch_size: int = CLAIM_BATCH,
    done: list[Any] | None = None,
    input_format: str = "auto",
) -> Iterator[Verdict | ClaimError]:
    """The records of a claims file ("-" for stdin), in input order, verified on Ray.

    `done`: the records a resumed run keeps (resume.done_records); their lines are skipped. On a
    cluster, the file must be readable at the same path by the workers (shared storage); stdin is
    first copied to a temporary file, which only a local runtime can read. `input_format`: "jsonl"
    (JSONL or text lines), "parquet", or "auto" (Parquet by the .parquet suffix)."""
    options = options or RayOptions()
    parquet = claims_format(claims, input_format) == "parquet"
    with _claims_file(claims) as path:
        spans = (plan_parquet_spans if parquet else plan_spans)(path, batch_size, done)
        if not spans:
            return
        source: Datasource = ParquetClaimSpans(path, spans) if parquet else ClaimSpans(path, spans)
        items: SpanItems = span_rows_items if parquet else span_items
        spec = WorkerSpec.of(verifier, batch_size)
        with ray_session(options) as ray:
            # Reads take no CPU slot (the actors hold them all, and a read is a seek and a copy) and
            # run one at a time: zero-CPU tasks would otherwise each start a worker process at once.
            dataset = ray.data.read_datasource(source, num_cpus=0, concurrency=1).map_batches(
                SpanVerifier,
                fn_constructor_kwargs={"spec": spec, "items": items},
                batch_size=1,  # one span a call: its groups are the single-process batches
                batch_format="numpy",
                compute=ray.data.ActorPoolStrategy(size=min(options.worker_count, len(spans))),
                num_cpus=1,
                **options.actor_options,
            )
            try:
                for block in dataset.iter_batches(batch_size=None, batch_format="numpy"):
                    yield from _records(block["kind"], block["record"])
            except Exception as exc:
                failure = job_failure(exc)
                if failure is exc:
                    raise
                raise failure from exc


def _records(kinds: Iterable[str], records: Iterable[str]) -> Iterator[Verdict | ClaimError]:
    for kind, record in zip(kinds, records):
        yield ClaimError.model_validate_json(record) if kind == ERROR else Verdict.model_validate_json(record)


@contextlib.contextmanager
def _claims_file(claims: str | Path) -> Iterator[Path]:
    """The claims as a regular file's absolute path (workers open it themselves): the file itself,
    or stdin, a pipe or a /dev/fd path copied to a temporary file first (it can be read only once)."""
    if str(claims) != "-" and (Path(claims).resolve().is_file() or not Path(claims).exists()):
        yield Path(claims).resolve()  # (a missing file: the reader's own clear error)
        return
    with tempfile.TemporaryDirectory(prefix="verify-claims-") as folder:
        path = Path(folder) / "claims.jsonl"
        with open(path, "wb") as copy:
            if str(claims) == "-":
                shutil.copyfileobj(sys.stdin.buffer, copy)
            else:
                with open(claims, "rb") as stream:
                    shutil.copyfileobj(stream, copy)
        yield path
