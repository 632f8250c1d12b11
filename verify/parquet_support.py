"""Parquet's optional dependency (pyarrow) and how a claims file's format is chosen.

pyarrow is not in the default install: `pip install 'newsroom-verify[parquet]'` (the `ray` extra
brings it too). Only the Parquet reader and writer import it, when a Parquet path is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verify.errors import ConfigError, VerifyError

INSTALL_HINT = "pip install 'newsroom-verify[parquet]'"
PARQUET_SUFFIX = ".parquet"
# "jsonl" is the line reader: JSONL objects or plain text lines (verify.claims_io).
INPUT_FORMATS = ("auto", "jsonl", "parquet")


class ParquetMissing(VerifyError):
    """A Parquet file was named but pyarrow is not installed."""


class ParquetFileError(VerifyError, ValueError):
    """A file that cannot be read as Parquet claims as a whole (not Parquet, no `claim` column)."""


def import_pyarrow() -> tuple[Any, Any]:
    """(pyarrow, pyarrow.parquet), or a clear error naming the extra to install."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise ParquetMissing(f"Parquet needs pyarrow, which is not installed: {INSTALL_HINT}") from exc
    return pyarrow, pyarrow.parquet


def claims_format(path: str | Path, requested: str = "auto") -> str:
    """ "parquet" or "jsonl" for a claims path: as `requested`, or by the .parquet suffix for "auto"."""
    if requested not in INPUT_FORMATS:
        raise ConfigError(f"unknown input format {requested!r}: choose one of {', '.join(INPUT_FORMATS)}")
    chosen = requested
    if requested == "auto":
        chosen = "parquet" if str(path).lower().endswith(PARQUET_SUFFIX) else "jsonl"
    if chosen == "parquet" and str(path) == "-":
        # A Parquet file's footer, at its end, says where everything is: it needs a seekable file.
        raise ConfigError("Parquet claims cannot be read from stdin: pass the file's path")
    return chosen
