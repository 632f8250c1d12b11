"""The settings a command runs with, built once from its flags and the VERIFY_* environment."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from verify.config import (
    BUNDLED_NLI,
    DEFAULT_BACKEND,
    DEFAULT_EMBED_MODEL,
    DEFAULT_NLI,
    ENV_BACKEND,
    ENV_CALIBRATION,
    ENV_EMBED_MODEL,
    ENV_INDEX,
    ENV_NLI_MODEL,
    TOP_K,
    default_index_dir,
)

if TYPE_CHECKING:
    from verify.pipeline import Verifier


@dataclass(frozen=True)
class Settings:
    """`index` None means the default: $VERIFY_INDEX, else the seeded index/default."""

    index: Path | str | None = None  # a folder, or an engine URL (verify.store_api)
    embed_model: str = DEFAULT_EMBED_MODEL
    nli_model: str = DEFAULT_NLI
    top_k: int = TOP_K
    calibration: str | None = None
    backend: str = DEFAULT_BACKEND

    @classmethod
    def from_env(cls, **flags: object) -> Settings:
        """Environment first, then the flags given (None flags are ignored). The CLI does not need
        this (typer reads the same variables for its options); the library and scripts do."""
        env = {
            "index": os.environ.get(ENV_INDEX) or None,
            "embed_model": os.environ.get(ENV_EMBED_MODEL) or DEFAULT_EMBED_MODEL,
            "nli_model": os.environ.get(ENV_NLI_MODEL) or DEFAULT_NLI,
            "calibration": os.environ.get(ENV_CALIBRATION) or None,
            "backend": os.environ.get(ENV_BACKEND) or DEFAULT_BACKEND,
        }
        return replace(cls(**env), **{k: v for k, v in flags.items() if v is not None})  # type: ignore[arg-type]

    @property
    def index_dir(self) -> Path | str:
        return self.index if self.index is not None else default_index_dir()

    def open_verifier(self, *, create: bool = False, check_embedder: bool = True) -> Verifier:
        """A Verifier on these settings, seeds synced (see Verifier.open); `create` allows an index
        folder that does not exist yet (for adding the first sources)."""
        from verify.calibrate import SHIPPED, Calibrator
        from verify.pipeline import Verifier

        if self.calibration in SHIPPED and self.nli_model.partition(":")[0] not in (BUNDLED_NLI, "fast"):
            # Curves map one model's raw confidences; another model's are on another scale. The
            # cascade keeps MiniLM's for most claims, mpnet's for those it re-scores.
            whose = "the claims it re-scores" if self.nli_model == "cascade" else "its verdicts"
            print(
                f"warning: the shipped {self.calibration!r} curves were fitted on the bundled MiniLM's "
                f"confidences; with --model {self.nli_model} they mis-state the confidence of {whose} (fit "
                "your own with benchmarks/calibrate.py)",
                file=sys.stderr,
            )
        return Verifier.open(
            self.index_dir,
            embed_model=self.embed_model,
            nli_model=self.nli_model,
            backend=self.backend,
            top_k=self.top_k,
            calibrator=Calibrator.load(Path(self.calibration)) if self.calibration else None,
            check_embedder=check_embedder,
            create=create,
        )
