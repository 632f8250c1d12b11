"""verify_items: error lines stream out in input order, in time linear in the number of lines."""

from __future__ import annotations

import time

from verify.claims_io import read_claims
from verify.pipeline import verify_items
from verify.schema import ClaimError


class NoVerifier:
    """Malformed lines never reach the verifier."""

    def verify_many(self, claims, batch_size=64):  # noqa: ANN001, ANN201
        raise AssertionError("no claim to verify")


def malformed(n: int):  # noqa: ANN201
    return (b"{not json\n" for _ in range(n))


def test_error_lines_stream_before_the_input_ends() -> None:
    consumed = 0

    def lines():  # noqa: ANN202
        nonlocal consumed
        for line in malformed(10_000):
            consumed += 1
            yield line

    records = verify_items(NoVerifier(), read_claims(lines()))  # type: ignore[arg-type]
    first = next(records)
    assert isinstance(first, ClaimError) and first.line == 1 and consumed < 10
    assert [r.line for r in records] == list(range(2, 10_001))  # type: ignore[union-attr]


def test_many_malformed_lines_take_linear_time() -> None:
    def cost(n: int) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            for _ in verify_items(NoVerifier(), read_claims(malformed(n))):  # type: ignore[arg-type]
                pass
            best = min(best, time.perf_counter() - started)
        return best

    assert cost(16_000) / cost(2_000) < 8 * 3  # linear gives about 8, quadratic about 64
