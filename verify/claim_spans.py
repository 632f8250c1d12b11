"""Cutting a claims file into spans of whole claim groups, by byte offsets (rows of a Parquet file),
for bulk jobs.

A group (pipeline.claim_groups) is what the single-process path verifies as one batch, and the
grouping starts afresh after each group: so a span of whole groups, regrouped on its own, gives
exactly the groups it had in the whole file, and a worker that verifies a span computes the
verdicts one process would. Planning is one streaming pass that keeps three integers a group.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from verify.claims_io import parse_line
from verify.config import CLAIM_BATCH
from verify.pipeline import claim_groups
from verify.resume import skip_done
from verify.schema import Claim, ClaimError


class Span(NamedTuple):
    """Bytes [start, end) of a claims file (rows of a Parquet one), holding whole groups; its first
    line's (row's) number."""

    start: int
    end: int
    first_line: int


class _Located(NamedTuple):
    item: Claim | ClaimError
    start: int
    end: int
    line: int


def plan_spans(path: Path, batch_size: int = CLAIM_BATCH, done: list[Any] | None = None) -> list[Span]:
    """The spans of the claims file after the records a resumed run keeps (`done`, checked against
    the file as resume.skip_done does): whole groups, up to `batch_size` claims a span (lone error
    lines join the next span, so a file of bad lines is not a span a line)."""
    with open(path, "rb") as lines:

        def located() -> Iterator[_Located]:
            offset = 0
            for number, raw in enumerate(lines, start=1):
                item = parse_line(raw, number)
                if item is not None:
                    yield _Located(item, offset, offset + len(raw), number)
                offset += len(raw)

        return _plan(located(), batch_size, done)


def plan_parquet_spans(path: Path, batch_size: int = CLAIM_BATCH, done: list[Any] | None = None) -> list[Span]:
    """The spans of a Parquet claims file, as plan_spans cuts a JSONL one; a span's start and end
    are row indexes (rows [start, end)), its first line the first row's number (from 1)."""
    from verify.claims_parquet import ParquetClaims

    with ParquetClaims(path) as items:
        located = (_Located(item, number - 1, number, number) for number, item in enumerate(items, start=1))
        return _plan(located, batch_size, done)


def _plan(located: Iterator[_Located], batch_size: int, done: list[Any] | None) -> list[Span]:
    current: list[_Located] = []

    def items() -> Iterator[Claim | ClaimError]:
        for place in located:
            current[:] = [place]
            yield place.item

    remaining = skip_done(items(), done) if done else items()
    spans: list[Span] = []
    first: _Located | None = None
    claims = count = 0
    for group in claim_groups((current[0] for _ in remaining), batch_size, is_claim=_is_claim):
        first = first or group[0]
        claims += sum(map(_is_claim, group))
        count += len(group)
        if claims >= batch_size or count >= 4 * batch_size:
            spans.append(Span(first.start, group[-1].end, first.line))
            first, claims, count = None, 0, 0
        last = group[-1]
    if first is not None:
        spans.append(Span(first.start, last.end, first.line))
    return spans


def _is_claim(located: _Located) -> bool:
    return isinstance(located.item, Claim)


def span_items(raw: bytes, first_line: int) -> Iterator[Claim | ClaimError]:
    """A span's claims and error records, numbered by their lines in the whole file."""
    # Split as iterating a binary file does (at b"\n" only; bytes.splitlines would also cut at \r).
    for number, line in enumerate(io.BytesIO(raw), start=first_line):
        item = parse_line(line, number)
        if item is not None:
            yield item
