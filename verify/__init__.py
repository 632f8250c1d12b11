"""verify: local-first claim verification against a corpus of source articles."""

from verify.pipeline import Verifier, verify_items
from verify.schema import Claim, ClaimError, Evidence, Label, Passage, Scores, Source, Verdict
from verify.sources import make_source, read_sources
from verify.store import ChangeReport, EmbedderMismatch, IndexStoreError, SourceInfo

__version__ = "0.1.0"

__all__ = [
    "ChangeReport",
    "Claim",
    "ClaimError",
    "EmbedderMismatch",
    "Evidence",
    "IndexStoreError",
    "Label",
    "Passage",
    "Scores",
    "Source",
    "SourceInfo",
    "Verdict",
    "Verifier",
    "__version__",
    "make_source",
    "read_sources",
    "verify_items",
]
