"""Cutting a claims file into spans of whole claim groups, by byte offsets, for bulk jobs.

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
    """Bytes [start, end) of the claims file, holding whole groups; its first line's number."""

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
        current: list[_Located] = []

        def located() -> Iterator[Claim | ClaimError]:
            offset = 0
            for number, raw in enumerate(lines, start=1):
                item = parse_line(raw, number)
                if item is not None:
                    current[:] = [_Located(item, offset, offset + len(raw), number)]
                    yield item
                offset += len(raw)

        remaining = skip_done(located(), done) if done else located()
        spans: list[Span] = []
        first: _Located | None = None
        claims = items = 0
        for group in claim_groups((current[0] for _ in remaining), batch_size, is_claim=_is_claim):
            first = first or group[0]
            claims += sum(map(_is_claim, group))
            items += len(group)
            if claims >= batch_size or items >= 4 * batch_size:
                spans.append(Span(first.start, group[-1].end, first.line))
                first, claims, items = None, 0, 0
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
