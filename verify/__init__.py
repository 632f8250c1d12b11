"""verify: local-first claim verification against a corpus of source articles.

The public names load on first use (PEP 562), so `import verify.cli` (and `verify --help`) does
not import the pipeline, pydantic models or stores it does not need.
"""

from importlib import import_module as _import_module
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from verify._version import __version__

if _TYPE_CHECKING:
    from verify.errors import VerifyError
    from verify.pipeline import Verifier, verify_items
    from verify.ray_runtime import RayOptions
    from verify.schema import Claim, ClaimError, Evidence, FactFinding, Label, Passage, Scores, Source, Verdict
    from verify.sources import make_source, read_sources
    from verify.store import ChangeReport, EmbedderMismatch, IndexStoreError, SourceInfo
    from verify.verdicts_parquet import write_parquet

# Public name -> the module that defines it.
_HOMES = {
    "ChangeReport": "verify.store",
    "Claim": "verify.schema",
    "ClaimError": "verify.schema",
    "EmbedderMismatch": "verify.store",
    "Evidence": "verify.schema",
    "FactFinding": "verify.schema",
    "IndexStoreError": "verify.store",
    "Label": "verify.schema",
    "Passage": "verify.schema",
    "RayOptions": "verify.ray_runtime",
    "Scores": "verify.schema",
    "Source": "verify.schema",
    "SourceInfo": "verify.store",
    "Verdict": "verify.schema",
    "Verifier": "verify.pipeline",
    "VerifyError": "verify.errors",
    "make_source": "verify.sources",
    "read_sources": "verify.sources",
    "verify_items": "verify.pipeline",
    "write_parquet": "verify.verdicts_parquet",
}

__all__ = [
    "ChangeReport",
    "Claim",
    "ClaimError",
    "EmbedderMismatch",
    "Evidence",
    "FactFinding",
    "IndexStoreError",
    "Label",
    "Passage",
    "RayOptions",
    "Scores",
    "Source",
    "SourceInfo",
    "Verdict",
    "Verifier",
    "VerifyError",
    "__version__",
    "make_source",
    "read_sources",
    "verify_items",
    "write_parquet",
]


def __getattr__(name: str) -> _Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'verify' has no attribute {name!r}")
    value = getattr(_import_module(home), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
