"""A teacher model's 3-way probabilities on training pairs, computed once and kept on disk.

Why on disk, in shards: a large teacher (mpnet-base) scores only tens of pairs a second on a 2-core
CPU, so the ~100,000 pairs of `make distill` take over an hour, possibly across sessions. Each shard
(SHARD_PAIRS pairs) is written whole, under a temporary name and then renamed, so a killed run
loses at most the shard it was scoring and the next run scores only the pairs no shard holds.
Pairs are keyed by a hash of premise and hypothesis, so both stages of `make distill`, and re-runs
with other flags, share one cache. A shard is an uncompressed .npz (16-byte keys, float32
probabilities): 28.5 KB per 1,000 pairs; 100,000 reload in well under a second.

The folder holds one teacher's scores: `teacher.json` names it (its key hashes the bundle's
weights), and opening the folder for another teacher is an error, never a silent mix.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from verify.nli import NLIModel

SHARD_PAIRS = 1024
META_FILE = "teacher.json"
SHARD_GLOB = "shard-*.npz"
KEY_BYTES = 16


def pair_key(premise: str, hypothesis: str) -> bytes:
    """The cache key of a pair: a 16-byte hash of its exact premise and hypothesis text."""
    return hashlib.blake2b(f"{premise}\0{hypothesis}".encode(), digest_size=KEY_BYTES).digest()


class TeacherCacheError(RuntimeError):
    pass


class TeacherCache:
    """The shards in `folder`, for the teacher `identity` (a dict with at least a "key")."""

    def __init__(self, folder: Path, identity: dict[str, Any]) -> None:
        self.folder = folder
        self.identity = identity
        meta_path = folder / META_FILE
        if meta_path.is_file():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("key") != identity["key"]:
                raise TeacherCacheError(
                    f"{folder} caches the teacher {meta.get('spec')!r} (key {meta.get('key')}), not "
                    f"{identity.get('spec')!r} (key {identity['key']}): give another --teacher-cache"
                )
        else:
            folder.mkdir(parents=True, exist_ok=True)
            _write_atomic(meta_path, (json.dumps(identity, indent=2) + "\n").encode("utf-8"))
        self._scores: dict[bytes, np.ndarray] | None = None

    def shards(self) -> list[Path]:
        return sorted(self.folder.glob(SHARD_GLOB))

    def scores(self) -> dict[bytes, np.ndarray]:
        """key -> probabilities (3,) of every cached pair (read from disk once)."""
        import numpy as np

        if self._scores is None:
            self._scores = {}
            for path in self.shards():
                try:
                    with np.load(path) as shard:
                        keys, probs = shard["keys"], shard["probs"]
                except (OSError, ValueError, KeyError) as exc:
                    raise TeacherCacheError(f"unreadable teacher shard {path} ({exc}): delete it to re-score") from exc
                self._scores.update(zip((bytes(k) for k in keys), probs))
        return self._scores

    def __len__(self) -> int:
        return len(self.scores())

    def missing(self, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The distinct pairs no shard holds, in their first order."""
        have = self.scores()
        out: dict[bytes, tuple[str, str]] = {}
        for premise, hypothesis in pairs:
            key = pair_key(premise, hypothesis)
            if key not in have and key not in out:
                out[key] = (premise, hypothesis)
        return list(out.values())

    def fill(
        self,
        teacher: NLIModel,
        pairs: list[tuple[str, str]],
        shard_pairs: int = SHARD_PAIRS,
        log: Callable[[str], None] = print,
    ) -> int:
        """Score the pairs not cached yet, a shard at a time; returns how many were scored."""
        import numpy as np

        todo = self.missing(pairs)
        if not todo:
            return 0
        log(f"teacher {teacher.name}: {len(todo)} pairs to score ({len(pairs) - len(todo)} cached) in {self.folder}")
        teacher.score([todo[0][0]], [todo[0][1]])  # loads the model, so the rate logged is scoring alone
        started = time.time()
        for done in range(0, len(todo), shard_pairs):
            chunk = todo[done : done + shard_pairs]
            probs = np.asarray(teacher.score([p for p, _ in chunk], [h for _, h in chunk]), dtype=np.float32)
            if probs.shape != (len(chunk), 3) or not np.isfinite(probs).all():
                raise TeacherCacheError(f"teacher {teacher.name} gave scores of shape {probs.shape} or non-finite")
            keys = np.frombuffer(b"".join(pair_key(p, h) for p, h in chunk), dtype=np.uint8).reshape(-1, KEY_BYTES)
            self._write_shard(keys, probs)
            self.scores().update(zip((bytes(k) for k in keys), probs))
            scored = done + len(chunk)
            rate = scored / max(time.time() - started, 1e-9)
            log(
                f"teacher: {scored}/{len(todo)} pairs, {rate:.1f} pairs/s, "
                f"eta {(len(todo) - scored) / rate / 60:.0f} min"
            )
        self._note_scorer(teacher.name)
        return len(todo)

    def probs_for(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """(len(pairs), 3) float32 teacher probabilities, in the pairs' order; every pair must be cached."""
        import numpy as np

        have = self.scores()
        rows = [have.get(pair_key(p, h)) for p, h in pairs]
        absent = sum(r is None for r in rows)
        if absent:
            raise TeacherCacheError(f"{absent} of {len(pairs)} pairs have no teacher scores in {self.folder}")
        return np.stack([r for r in rows if r is not None]).astype(np.float32)

    def meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = json.loads((self.folder / META_FILE).read_text(encoding="utf-8"))
        return meta

    def _write_shard(self, keys: np.ndarray, probs: np.ndarray) -> None:
        import io

        import numpy as np

        buffer = io.BytesIO()
        np.savez(buffer, keys=keys, probs=probs)
        # A random name: two runs filling one cache never overwrite each other's shards.
        _write_atomic(self.folder / f"shard-{uuid.uuid4().hex[:16]}.npz", buffer.getvalue())

    def _note_scorer(self, name: str) -> None:
        """Record which backend scored (e.g. "...:fp32 (onnx)"): the card reports it."""
        meta = self.meta()
        if name not in meta.setdefault("scored_by", []):
            meta["scored_by"].append(name)
            _write_atomic(self.folder / META_FILE, (json.dumps(meta, indent=2) + "\n").encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    """Write under a temporary name and rename: a reader never sees a half-written file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
