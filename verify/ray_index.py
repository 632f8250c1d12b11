"""Preparing sources for `index add` as Ray Data jobs: chunking, facts and embedding in actors.

What `IndexStore._prepare` does in one process, spread over actor pools: a pool that chunks each
source and parses its facts (spaCy loaded once an actor), then a pool that embeds the passages
(the embedder loaded once an actor) in the very batches of EMBED_BATCH passages the single
process embeds, so the vectors are the same. The driver gets them back in order and commits as
ever: one writer, under the index's lock, crash-safe (see verify.store).

Import this module only after ray_runtime.import_ray() succeeded: it imports Ray at the top.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import numpy as np

from verify.chunk import make_passages
from verify.embed import Embedder, SentenceTransformerEmbedder
from verify.ray_runtime import RayOptions, job_failure, ray_session
from verify.schema import Passage, Source
from verify.shared import shared_embedder
from verify.store import EMBED_BATCH, STAGE_EMBED, Chunking, Preparer, Progress, _Prepared, facts_of

MAX_BLOCKS = 1_000  # blocks a job's input is cut into: enough to spread it, few enough to schedule cheaply


class SourcePreparer:
    """A Ray actor: a source's passages and facts (its spaCy pipeline loads on first use, once)."""

    def __init__(self, chunking: Chunking) -> None:
        self.chunking = chunking

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        c = self.chunking
        passages, facts = [], []
        for raw in batch["source"]:
            source = Source.model_validate_json(str(raw))
            # As IndexStore._prepare computes and stores them (the index test compares the two).
            chunks = make_passages(source.text, source.id, c.sentences, c.overlap, c.max_chars)
            passages.append(json.dumps([p.model_dump(mode="json") for p in chunks]))
            facts.append(json.dumps(facts_of(source).to_json(), separators=(",", ":")))
        return {"source_id": batch["source_id"], "passages": np.asarray(passages), "facts": np.asarray(facts)}


class PassageEmbedder:
    """A Ray actor: embeds batches of passage texts with the index's embedder, loaded once."""

    def __init__(self, embedder: str | Embedder, backend: str = "torch") -> None:
        self.embedder = shared_embedder(embedder, backend) if isinstance(embedder, str) else embedder

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vectors = [self.embedder.embed([str(t) for t in texts]) for texts in batch["texts"]]
        return {"batch": batch["batch"], "vectors": np.stack(vectors)}  # batch_size=1: one batch a call


def ray_preparer(embedder: Embedder, options: RayOptions | None = None) -> Preparer:
    """A Preparer for IndexStore.add that runs on Ray (see the module's docstring)."""
    options = options or RayOptions()
    # Workers load a named model themselves, on the driver's backend (the same vectors, bit for bit);
    # any other embedder object travels to them pickled.
    from verify.backends import FallbackEmbedder
    from verify.onnx_models import OnnxEmbedder

    named = isinstance(embedder, (SentenceTransformerEmbedder, OnnxEmbedder, FallbackEmbedder))
    model: str | Embedder = embedder.name if named else embedder
    backends = {SentenceTransformerEmbedder: "torch", OnnxEmbedder: "onnx"}
    backend = backends.get(type(embedder), "auto")  # auto: ONNX where the driver's was, else PyTorch

    def prepare(sources: list[Source], chunking: Chunking, progress: Progress | None) -> dict[str, _Prepared]:
        with ray_session(options) as ray:
            try:
                return _prepare(ray, sources, chunking, progress, model, backend, options)
            except Exception as exc:
                failure = job_failure(exc)
                if failure is exc:
                    raise
                raise failure from exc

    return prepare


def _prepare(
    ray: object,
    sources: list[Source],
    chunking: Chunking,
    progress: Progress | None,
    model: str | Embedder,
    backend: str,
    options: RayOptions,
) -> dict[str, _Prepared]:
    data = ray.data  # type: ignore[attr-defined]
    rows = [{"source_id": s.id, "source": s.model_dump_json()} for s in sources]
    # A block per source (up to MAX_BLOCKS): the pool hands out blocks, and sources vary in length.
    chunked = data.from_items(rows, override_num_blocks=min(len(rows), MAX_BLOCKS)).map_batches(
        SourcePreparer,
        fn_constructor_kwargs={"chunking": chunking},
        batch_size=1,  # sources vary a lot in length: one a call spreads them evenly
        batch_format="numpy",
        compute=data.ActorPoolStrategy(size=min(options.worker_count, len(rows), MAX_BLOCKS)),
        num_cpus=1,
        **options.actor_options,
    )
    hashes = {s.id: s.content_hash for s in sources}
    prepared: dict[str, _Prepared] = {}
    for block in chunked.iter_batches(batch_size=None, batch_format="numpy"):
        for source_id, passages, facts in zip(block["source_id"], block["passages"], block["facts"]):
            parsed = [Passage.model_validate(p) for p in json.loads(str(passages))]
            prepared[str(source_id)] = _Prepared(hashes[str(source_id)], parsed, [], str(facts))
    texts = [p.text for ready in prepared.values() for p in ready.passages]
    if not texts:
        return prepared
    starts = range(0, len(texts), EMBED_BATCH)
    batches = [{"batch": n, "texts": texts[start : start + EMBED_BATCH]} for n, start in enumerate(starts)]
    embedded = data.from_items(batches, override_num_blocks=min(len(batches), MAX_BLOCKS)).map_batches(
        PassageEmbedder,
        fn_constructor_kwargs={"embedder": model, "backend": backend},
        batch_size=1,  # one single-process batch a call: the same passages embedded together
        batch_format="numpy",
        compute=data.ActorPoolStrategy(size=min(options.worker_count, len(batches), MAX_BLOCKS)),
        num_cpus=1,
        **options.actor_options,
    )
    _fill_vectors(prepared, _vector_batches(embedded), len(texts), progress)
    return prepared


def _vector_batches(embedded: object) -> Iterator[np.ndarray]:
    for block in embedded.iter_batches(batch_size=None, batch_format="numpy"):  # type: ignore[attr-defined]
        yield from block["vectors"]


def _fill_vectors(
    prepared: dict[str, _Prepared], batches: Iterator[np.ndarray], total: int, progress: Progress | None
) -> None:
    """Hand each batch's rows to the sources they belong to, in passage order (as _prepare does)."""
    owners = (ready for ready in prepared.values() if ready.passages)
    owner, filled, done = next(owners, None), 0, 0
    for batch in batches:
        row = 0
        while row < len(batch) and owner is not None:
            take = min(len(owner.passages) - filled, len(batch) - row)
            owner.vectors.append(np.ascontiguousarray(batch[row : row + take], dtype=np.float32))
            row, filled = row + take, filled + take
            if filled == len(owner.passages):
                owner, filled = next(owners, None), 0
        done += len(batch)
        if progress is not None:
            progress(STAGE_EMBED, done, total)
