"""The benchmark's perturbation generator: each change must really change the claim's fact."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from perturb import change_date, change_name, change_number, change_polarity  # noqa: E402


@pytest.mark.parametrize(
    ("change", "claim", "expected"),
    [
        (change_date, "The appeal was rejected on June 14.", "The appeal was rejected on June 15."),
        (change_date, "Telegram updated its policy in August 2018.", "Telegram updated its policy in November 2018."),
        (change_number, "The council voted to spend $48 million.", "The council voted to spend $144 million."),
        (change_name, "Telegram founder Pavel Durov said so.", "Telegram founder Sergei Ivanov said so."),
        (change_name, "The Moscow City Court threw it out.", "The Arbitration Court threw it out."),
        (change_polarity, "The appeal was rejected.", "The appeal was not rejected."),
        (change_polarity, "Telegram updated its policy.", "Telegram did not update its policy."),
        (change_polarity, "The court rejected the appeal.", "The court did not reject the appeal."),
        (change_date, "Telegram has many users.", None),
        (change_number, "Telegram has many users.", None),
    ],
)
def test_perturbations(change, claim: str, expected: str | None) -> None:  # type: ignore[no-untyped-def]
    assert change(claim) == expected
