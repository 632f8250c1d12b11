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


def test_the_title_goes_before_a_passage_only_when_asked() -> None:
    import datetime as dt

    import verify.pipeline as pipeline
    from verify.premise import PremiseFormat
    from verify.retrieve import Hit
    from verify.store import StoredPassage

    def hit(text: str) -> Hit:
        passage = StoredPassage(
            1, "s", 0, len(text), text, "Oakton council approves plan", None, dt.date(2024, 5, 1), None, "OAKTON"
        )
        return Hit(passage=passage, fused=0.1, dense=0.5, bm25=None)

    body = hit("The plan, which starts on May 3, adds 40 buses.")
    assert pipeline.premise(body) == body.passage.text  # off by default (see verify.premise)
    titled = pipeline.premise(body, PremiseFormat(title=True))
    assert titled == "Oakton council approves plan. The plan, which starts on May 3, adds 40 buses."
    both = pipeline.premise(body, PremiseFormat(title=True, dateline=True))
    assert both == "Oakton council approves plan. OAKTON, May 1, 2024. The plan, which starts on May 3, adds 40 buses."
    lead = hit("Oakton council approves plan\nOAKTON, May 1 — The plan adds 40 buses.")
    # The headline and the dateline are already there.
    assert pipeline.premise(lead, PremiseFormat(title=True, dateline=True)) == lead.passage.text
