"""Read a claims file line by line: JSONL objects or plain text, one claim a line.

Each line stands alone: a malformed line becomes a ClaimError naming the line and the fault,
and the lines around it still reach the verifier.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import ValidationError

from verify import jsonsafe
from verify.config import MAX_CLAIM_CHARS
from verify.schema import Claim, ClaimError


def read_claims(lines: Iterable[bytes], max_chars: int = MAX_CLAIM_CHARS) -> Iterator[Claim | ClaimError]:
    """Claims (or errors) in input order; blank lines are skipped, ids default to the line number."""
    for number, raw in enumerate(lines, start=1):
        item = parse_line(raw, number, max_chars)
        if item is not None:
            yield item


def parse_line(raw: bytes, number: int, max_chars: int = MAX_CLAIM_CHARS) -> Claim | ClaimError | None:
    """One line as a Claim, a ClaimError, or None for a blank line."""
    try:
        line = raw.decode("utf-8").lstrip("\ufeff").strip()
    except UnicodeDecodeError as exc:
        return ClaimError(line=number, error=f"line {number} is not UTF-8 text (byte {exc.start})")
    if not line:
        return None
    if line.startswith(("{", "[")):
        return _parse_json(line, number, max_chars)
    return _checked(Claim(id=str(number), claim=line), number, max_chars)


def _parse_json(line: str, number: int, max_chars: int) -> Claim | ClaimError:
    try:
        row = jsonsafe.loads(line)
    except json.JSONDecodeError as exc:
        # json's message may end in "at" ("Unterminated string starting at"): the column follows it.
        what = re.sub(r"\s+(?:starting\s+)?at$", "", exc.msg)
        return ClaimError(line=number, error=f"line {number}: invalid JSON ({what} at column {exc.colno})")
    except jsonsafe.JSONTooDeep as exc:
        return ClaimError(line=number, error=f"line {number}: {exc}")
    if not isinstance(row, dict):
        return ClaimError(line=number, error=f"line {number}: expected a JSON object with a 'claim' field")
    return parse_row(row, number, max_chars)


def parse_row(
    row: dict[str, Any], number: int, max_chars: int = MAX_CLAIM_CHARS, where: str = "line"
) -> Claim | ClaimError:
    """One record (a JSONL line's object, a Parquet row) as a Claim or a ClaimError; `number` is its
    line (or row) in the file, the id when it has none, and `where` names it in error messages."""
    row_id = row.get("id")
    row_id = str(row_id) if row_id is not None else str(number)
    text = row.get("claim")
    if not isinstance(text, str) or not text.strip():
        return ClaimError(id=row_id, line=number, error=f"{where} {number}: missing or empty 'claim' string")
    try:
        claim = Claim(**{**row, "id": row_id, "claim": text.strip()})
    except ValidationError as exc:
        return ClaimError(id=row_id, line=number, error=f"{where} {number}: {exc.errors()[0]['msg']}")
    return _checked(claim, number, max_chars, where)


def _checked(claim: Claim, number: int, max_chars: int, where: str = "line") -> Claim | ClaimError:
    if len(claim.claim) > max_chars:
        return ClaimError(
            id=claim.id,
            line=number,
            error=f"{where} {number}: claim is {len(claim.claim):,} characters; the limit is {max_chars:,}",
        )
    return claim
