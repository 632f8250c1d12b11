"""Mean-pooled sentence embeddings straight from transformers, for sentence-transformers folders
that are only a Transformer, a mean Pooling and (optionally) a Normalize module, as the packaged
all-MiniLM-L6-v2 is.

Why: importing sentence-transformers also imports scikit-learn and SciPy, seconds of a one-claim
CLI call; the NLI model imports transformers anyway. The vectors are the ones sentence-transformers
computes for such a folder (same tokenizer, truncation, pooling and normalisation).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

_TRANSFORMER = "sentence_transformers.models.Transformer"
_POOLING = "sentence_transformers.models.Pooling"
_NORMALIZE = "sentence_transformers.models.Normalize"


def is_mean_pooling_folder(folder: Path) -> bool:
    """True for a local sentence-transformers folder this module reproduces exactly."""
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        kinds = [m["type"] for m in modules]
        if kinds not in ([_TRANSFORMER, _POOLING], [_TRANSFORMER, _POOLING, _NORMALIZE]):
            return False
        if modules[0].get("path", "") != "":
            return False
        pooling = json.loads((folder / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return False
    modes = {k for k, v in pooling.items() if k.startswith("pooling_mode") and v}
    return modes == {"pooling_mode_mean_tokens"}


class MeanPoolingEncoder:
    """The `encode` / `get_sentence_embedding_dimension` subset of SentenceTransformer that Embedder uses."""

    def __init__(self, folder: Path) -> None:
        from transformers import AutoModel, AutoTokenizer

        config_path = folder / "sentence_bert_config.json"
        config = json.loads(config_path.read_text(encoding="utf-8")) if config_path.is_file() else {}
        self.max_length: int | None = config.get("max_seq_length")
        self.tokenizer = AutoTokenizer.from_pretrained(str(folder))
        if self.max_length is None:
            self.max_length = int(self.tokenizer.model_max_length)
        self.model = AutoModel.from_pretrained(str(folder))
        self.model.eval()

    def get_sentence_embedding_dimension(self) -> int:
        return int(self.model.config.hidden_size)

    def encode(self, texts: list[str], batch_size: int = 64, **_: Any) -> np.ndarray:
        """L2-normalised float32 rows, in input order."""
        import numpy as np
        import torch

        # Longest first, as sentence-transformers batches: less padding per batch.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.get_sentence_embedding_dimension()), dtype=np.float32)
        with torch.inference_mode():
            for first in range(0, len(order), batch_size):
                rows = order[first : first + batch_size]
                encoded = self.tokenizer(
                    [texts[i] for i in rows],
                    padding=True,
                    truncation="longest_first",
                    max_length=self.max_length,
                    return_tensors="pt",
                )
                hidden = self.model(**encoded).last_hidden_state
                mask = encoded["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                out[rows] = torch.nn.functional.normalize(pooled, p=2, dim=1).float().numpy()
        return out
