"""Read a saved verdicts file (what `verify -o verdicts.jsonl` writes) back into records, for
`verify report`: a line with an `error` is an error record, any other line a verdict."""

from __future__ import annotations

import json
from collections.abc import Iterable

from pydantic import ValidationError

from verify.errors import ReportError
from verify.schema import ClaimError, Verdict


def read_verdicts(lines: Iterable[bytes], where: str) -> list[Verdict | ClaimError]:
    records: list[Verdict | ClaimError] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
            if not isinstance(row, dict):
                raise ValueError("not a JSON object")
            records.append(ClaimError.model_validate(row) if "error" in row else Verdict.model_validate(row))
        except (ValueError, ValidationError) as exc:
            reason = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            raise ReportError(
                f"{where}:{number} is not a verdict record ({reason}); pass a file `verify -o` wrote"
            ) from exc
    return records
