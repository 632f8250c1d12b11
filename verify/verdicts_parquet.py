"""Write verdicts as a Parquet file: one row per claim, in input order, a row group at a time.

The columns are typed and nested as the JSONL verdict is, so a warehouse (DuckDB, Spark, BigQuery,
pandas) queries them without parsing JSON: `scores` is a struct, `evidence` and `findings` are
lists of structs (`UNNEST(evidence)`), `published` a date. An input line that could not be
verified is a row with `line` and `error` set and the verdict's columns null. The claims' own
other fields (a gold label, a desk) vary from file to file and row to row, and a Parquet schema is
fixed before the first row is written, so they travel as one JSON object in `passthrough`, named
as in the JSONL verdict (`input_label`). What the run used (index, models, version, date: the
`.run.json` record of a JSONL run) is in the file's metadata under `verify.run`.

Records stream: ROW_GROUP_ROWS of them are held, then written as a row group. When the run stops
early (an error, Ctrl-C) the records done so far are written and the file closed (its footer
written), so it is a readable file of those records.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import to_json

from verify.errors import ReportError
from verify.parquet_support import import_pyarrow
from verify.runinfo import RunInfo
from verify.schema import ClaimError, Verdict

ROW_GROUP_ROWS = 1000  # about 2-3 MB of verdicts with their evidence text
RUN_METADATA_KEY = "verify.run"


def verdict_schema() -> Any:
    pa, _ = import_pyarrow()
    scores = pa.struct([("entailment", pa.float64()), ("neutral", pa.float64()), ("contradiction", pa.float64())])
    evidence = pa.struct(
        [
            ("source_id", pa.string()),
            ("title", pa.string()),
            ("url", pa.string()),
            ("published", pa.date32()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", pa.string()),
            ("scores", scores),
            ("retrieval_score", pa.float64()),
        ]
    )
    finding = pa.struct(
        [
            ("kind", pa.string()),
            ("agrees", pa.bool_()),
            ("claim", pa.string()),
            ("source", pa.string()),
            ("source_id", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
        ]
    )
    return pa.schema(
        [
            ("id", pa.string()),
            ("line", pa.int64()),  # error rows: the input line (or Parquet row) that failed
            ("claim", pa.string()),
            ("label", pa.string()),
            ("confidence", pa.float64()),
            ("scores", scores),
            ("reason", pa.string()),
            ("evidence", pa.list_(evidence)),
            ("disputed", pa.bool_()),
            ("findings", pa.list_(finding)),
            ("error", pa.string()),
            ("passthrough", pa.string()),  # the claim's other fields, a JSON object (null when none)
        ]
    )


def record_row(record: Verdict | ClaimError) -> dict[str, Any]:
    extra = record.model_extra or {}
    # The JSONL writer's own serialiser, so the same record gives the same JSON text either way.
    passthrough = to_json(extra).decode("utf-8") if extra else None
    if isinstance(record, ClaimError):
        return {"id": record.id, "line": record.line, "error": record.error, "passthrough": passthrough}
    row = record.model_dump(include=set(Verdict.model_fields))
    row["label"] = record.label.value
    row["passthrough"] = passthrough
    return row


def write_parquet(
    records: Iterable[Verdict | ClaimError],
    path: str | Path,
    run: RunInfo | None = None,
    row_group_rows: int = ROW_GROUP_ROWS,
) -> int:
    """Write the records to a Parquet file, in their order; the number written."""
    pa, pq = import_pyarrow()
    schema = verdict_schema()
    if run is not None:
        schema = schema.with_metadata({RUN_METADATA_KEY: run.model_dump_json()})
    written = 0
    rows: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal rows, written
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
        written += len(rows)
        rows = []

    with pq.ParquetWriter(str(path), schema) as writer:
        try:
            for record in records:
                rows.append(record_row(record))
                if len(rows) >= row_group_rows:
                    flush()
        finally:
            # Also when the run stops early: the records done so far, then the footer (on closing).
            if rows or not written:  # an empty run still leaves a file with the schema
                flush()
    return written


def read_run_info(path: str | Path) -> RunInfo | None:
    """What the run that wrote a verdicts Parquet file used; None when it saved nothing."""
    _, pq = import_pyarrow()
    metadata = pq.read_schema(str(path)).metadata or {}
    saved = metadata.get(RUN_METADATA_KEY.encode())
    return RunInfo.model_validate_json(saved) if saved else None


def read_parquet_verdicts(path: str | Path) -> Iterator[Verdict | ClaimError]:
    """The records of a verdicts Parquet file (what write_parquet wrote), in order, a row group at a
    time: `verify report verdicts.parquet` renders them as it renders saved JSONL verdicts."""
    pa, pq = import_pyarrow()
    try:
        file = pq.ParquetFile(str(path))
    except pa.ArrowException as exc:
        raise ReportError(f"{path} is not a Parquet file ({exc})") from exc
    missing = {"id", "error", "passthrough"} - set(file.schema_arrow.names)
    if missing:
        raise ReportError(f"{path} is not a verdicts file `verify --format parquet` wrote (no {', '.join(missing)})")
    number = 0
    for batch in file.iter_batches():
        for row in batch.to_pylist():
            number += 1
            yield _record(row, path, number)


def _record(row: dict[str, Any], path: str | Path, number: int) -> Verdict | ClaimError:
    extra = json.loads(row.pop("passthrough") or "{}")
    try:
        if row.get("error") is not None:
            return ClaimError(id=row["id"], line=row["line"], error=row["error"], **extra)
        fields = {k: v for k, v in row.items() if k in Verdict.model_fields}
        return Verdict.model_validate({**fields, **extra})
    except ValidationError as exc:
        raise ReportError(f"{path}: row {number} is not a verdict record ({exc.errors()[0]['msg']})") from exc
