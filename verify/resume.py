"""Resuming an interrupted run: keep the complete verdicts already written, verify only the rest.

Verdicts are written in input order, so the records in the output file are the first N input
lines; each is matched to its input line (by claim id, or line number for an error record) so a
different claims file is refused rather than silently mixed in.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from verify import jsonsafe
from verify.errors import VerifyError
from verify.schema import Claim, ClaimError


class ResumeError(VerifyError, ValueError):
    pass


def done_records(output: Path) -> list[tuple[str | None, int | None, str | None]]:
    """(id, error line, label) of each complete record in the output; a torn last line is cut off."""
    if not output.is_file():
        return []
    data = output.read_bytes()
    complete = data[: data.rfind(b"\n") + 1]
    torn = data[len(complete) :]
    if torn and not torn.startswith(b'{"id"'):  # every record we write starts so
        raise ResumeError(f"{output} ends with something other than a verdict record; cannot resume from it")
    records = []
    for number, line in enumerate(complete.split(b"\n")[:-1], start=1):
        try:
            row = jsonsafe.loads(line)
        except ValueError as exc:  # bad JSON, not UTF-8, nested too deep
            raise ResumeError(f"{output}:{number} is not a verdict record; cannot resume from it") from exc
        if not isinstance(row, dict) or not isinstance(row.get("id", ""), (str, type(None))):
            raise ResumeError(f"{output}:{number} is not a verdict record; cannot resume from it")
        is_error = "error" in row
        records.append((row.get("id"), row.get("line") if is_error else None, None if is_error else row.get("label")))
    if torn:  # the run was killed mid-line: drop the partial record (only once the rest checked out)
        with open(output, "r+b") as handle:
            handle.truncate(len(complete))
            os.fsync(handle.fileno())
    return records


def skip_done(
    items: Iterable[Claim | ClaimError], done: list[tuple[str | None, int | None, str | None]]
) -> Iterator[Claim | ClaimError]:
    iterator = iter(items)
    for position, (done_id, done_line, _) in enumerate(done, start=1):
        item = next(iterator, None)
        if item is None:
            raise ResumeError(f"the output holds {len(done)} records but the claims file only {position - 1}")
        same = item.line == done_line if isinstance(item, ClaimError) else done_line is None and item.id == done_id
        if not same:
            raise ResumeError(
                f"record {position} of the output ({done_id or f'line {done_line}'}) does not match the claims "
                "file: was it written for another input?"
            )
    yield from iterator
