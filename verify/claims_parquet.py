"""Read claims from a Parquet file, a batch of rows at a time, so memory stays flat.

Columns: `claim` (required), `id` and any others, which are carried to the verdict as a JSONL
line's other fields are. Each row stands alone, like a JSONL line: a row whose claim is missing,
null, empty or not a string becomes a ClaimError naming its row number (counted from 1), and the
rows around it still reach the verifier. A null in any other column counts as the field's absence.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic_core import PydanticSerializationError, to_jsonable_python

from verify.claims_io import parse_row
from verify.config import MAX_CLAIM_CHARS
from verify.parquet_support import ParquetFileError, import_pyarrow
from verify.schema import Claim, ClaimError

READ_BATCH_ROWS = 1024  # rows decoded at a time
READ_BUFFER_BYTES = 1 << 20  # column chunks are streamed through a buffer this size, not read whole


class ParquetClaims:
    """The claims of a Parquet file, in row order. Opening it checks the file (it exists, is
    Parquet, has a `claim` column) at once, so a bad file fails before any output is written.

    >>> with ParquetClaims("claims.parquet") as items:   # doctest: +SKIP
    ...     for item in items: ...
    """

    def __init__(self, path: str | Path, max_chars: int = MAX_CLAIM_CHARS, batch_rows: int = READ_BATCH_ROWS) -> None:
        self.path = Path(path)
        self.max_chars = max_chars
        self.batch_rows = batch_rows
        self._handle = open(path, "rb")  # noqa: SIM115  (closed by close(); an OSError names the file)
        try:
            self.file = open_parquet(self._handle, self.path)
        except BaseException:
            self._handle.close()
            raise

    @property
    def rows(self) -> int:
        return int(self.file.metadata.num_rows)

    def __iter__(self) -> Iterator[Claim | ClaimError]:
        number = 0
        for batch in self.file.iter_batches(batch_size=self.batch_rows):
            for row in batch.to_pylist():
                number += 1
                yield row_item(row, number, self.max_chars)

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> ParquetClaims:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def open_parquet(handle: Any, path: Path) -> Any:
    """A pyarrow ParquetFile over an open binary file, checked to hold a `claim` column."""
    pa, pq = import_pyarrow()
    try:
        file = pq.ParquetFile(handle, buffer_size=READ_BUFFER_BYTES)
    except (pa.ArrowInvalid, pa.ArrowException) as exc:
        raise ParquetFileError(f"{path} is not a Parquet file ({exc})") from exc
    names = file.schema_arrow.names
    if "claim" not in names:
        raise ParquetFileError(f"{path} has no 'claim' column (its columns: {', '.join(names) or 'none'})")
    return file


def row_item(row: dict[str, Any], number: int, max_chars: int = MAX_CLAIM_CHARS) -> Claim | ClaimError:
    """A Parquet row as a Claim or a ClaimError. Nulls are dropped, and values JSON has no type for
    (dates, timestamps, decimals) take their JSON form, so a claim and its verdict carry what the
    same claim's JSONL line gives, and a Ray worker's copy of it is the same."""
    present = {key: value for key, value in row.items() if value is not None}
    try:
        present = to_jsonable_python(present)
    except (PydanticSerializationError, ValueError) as exc:  # binary that is not UTF-8 text
        row_id = present.get("id")
        return ClaimError(
            id=str(row_id) if isinstance(row_id, (str, int)) else str(number),
            line=number,
            error=f"row {number}: a field has no JSON form ({exc})",
        )
    return parse_row(present, number, max_chars, where="row")


def row_batches(file: Any, start: int, end: int, batch_rows: int = READ_BATCH_ROWS) -> Iterator[Any]:
    """Rows [start, end) of an open ParquetFile as record batches, decoded from the row group that
    holds `start` (not from the file's first row), so reading a file span by span stays linear."""
    meta = file.metadata
    groups: list[int] = []
    offset = first = 0
    for group in range(meta.num_row_groups):
        rows = meta.row_group(group).num_rows
        if offset + rows > start and offset < end:
            if not groups:
                first = offset
            groups.append(group)
        offset += rows
    if not groups:
        return
    position = first
    for batch in file.iter_batches(batch_size=batch_rows, row_groups=groups):
        low, high = max(start - position, 0), min(end - position, batch.num_rows)
        if low < high:
            yield batch.slice(low, high - low)
        position += batch.num_rows
        if position >= end:
            return


def batch_bytes(batches: list[Any]) -> bytes:
    """Record batches as one Arrow IPC stream: how a span's rows travel to a Ray worker."""
    pa, _ = import_pyarrow()
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, batches[0].schema) as writer:
        for batch in batches:
            writer.write_batch(batch)
    return bytes(sink.getvalue().to_pybytes())


def span_rows_items(raw: bytes, first_row: int, max_chars: int = MAX_CLAIM_CHARS) -> Iterator[Claim | ClaimError]:
    """The claims and error records of a span's rows (batch_bytes), numbered by their rows in the file."""
    pa, _ = import_pyarrow()
    number = first_row
    for batch in pa.ipc.open_stream(raw):
        for row in batch.to_pylist():
            yield row_item(row, number, max_chars)
            number += 1
