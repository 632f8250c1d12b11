"""Defaults in one place; the CLI reads the environment variables named here."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

ENV_INDEX = "VERIFY_INDEX"
ENV_SEEDS = "VERIFY_SEEDS"
ENV_EMBED_MODEL = "VERIFY_EMBED_MODEL"
ENV_NLI_MODEL = "VERIFY_MODEL"
ENV_CALIBRATION = "VERIFY_CALIBRATION"

DEFAULT_INDEX = Path("index/default")
DEFAULT_EMBED_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
BUNDLED_NLI = "bundled"

# Passages: windows of sentences that overlap by one sentence, capped in characters so a
# passage plus a claim fits the NLI model's 128-256 token window.
CHUNK_SENTENCES = 2
CHUNK_OVERLAP = 1
CHUNK_MAX_CHARS = 600

TOP_K = 5
# Claims verified together: their passages share NLI batches. Larger batches fill the fixed-shape
# bf16 batches better (10.0 against 7.6 SciFact claims/s for 16); output comes a batch at a time.
CLAIM_BATCH = 64
MAX_EVIDENCE = 3
MAX_CLAIM_CHARS = 2_000

# A passage must reach this probability of entailment (contradiction) to support (contradict).
# Chosen on claims/seed_dev.jsonl (the dev set): the small model over-calls contradiction for
# off-topic claims, so its contradictions count only when confident; the fact checks catch the
# changed dates, numbers, names and negations it misses.
SUPPORT_THRESHOLD = 0.5
CONTRADICT_THRESHOLD = 0.7


def default_index_dir() -> Path:
    return Path(os.environ.get(ENV_INDEX) or DEFAULT_INDEX)


def default_seeds_dir() -> Path:
    return Path(os.environ.get(ENV_SEEDS) or REPO_ROOT / "seeds")
