"""Text handling runs in linear time: long runs of any punctuation or whitespace class cost no
more per character than short ones (issue 11, item 1). Ratios of measured times, never absolute."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verify.chunk import make_passages, split_sentences
from verify.draft import check_worthy
from verify.sources import html_to_text, markdown_to_text

GROWTH = 8  # the long input is GROWTH times the short one
BOUND = 3.0  # linear gives about 1, quadratic about GROWTH


def cost_ratio(fn: Callable[[str], object], unit: str, size: int = 2_000) -> float:
    """Time of one call on a long input over GROWTH calls on a short one (best of 5 each). CPU time
    of this process, not wall time: other jobs on a busy machine must not pass for quadratic growth."""
    short = "a" + unit * max(1, size // len(unit)) + "a"
    long = "a" + unit * max(1, GROWTH * size // len(unit)) + "a"

    def best(text: str, reps: int) -> float:
        times = []
        for _ in range(5):
            started = time.process_time()
            for _ in range(reps):
                fn(text)
            times.append(time.process_time() - started)
        return min(times)

    return best(long, 1) / max(best(short, GROWTH), 1e-6)


# Every punctuation and whitespace class the splitter and the readers treat specially.
RUNS = [
    ".",
    "!",
    "?",
    "\u2026",
    '."',
    ".)",
    ". ",
    "..  ",
    "a.",
    "A. ",
    "U.S.",
    "Mr. ",
    "a. B",
    " ",
    "\t",
    "\u00a0",
    "\n",
    ".\n",
    "'",
    "\u201d",
]


@pytest.mark.parametrize("unit", RUNS)
def test_sentence_splitting_is_linear(unit: str) -> None:
    assert cost_ratio(split_sentences, unit) < BOUND


@pytest.mark.parametrize("unit", [". ", "a. B", ".", "x "])
def test_passages_and_draft_claims_are_linear(unit: str) -> None:
    assert cost_ratio(lambda t: make_passages(t, "s"), unit) < BOUND
    assert cost_ratio(lambda t: list(check_worthy(t)), unit) < BOUND


@pytest.mark.parametrize("unit", ["![", "[", "](", "**", "*a", "`a", "__a", "# ", "- "])
def test_markdown_reader_is_linear(unit: str) -> None:
    assert cost_ratio(markdown_to_text, unit) < BOUND


@pytest.mark.parametrize("unit", ["<x", "<?", "<!", "</", "< ", "<a b='x' ", "&#", "<!--"])
def test_html_reader_is_linear(unit: str) -> None:
    assert cost_ratio(html_to_text, unit, size=4_000) < BOUND


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=".!?\u2026\"')] \t\n\u00a0aAU.S", min_size=1, max_size=4))
def test_any_short_pattern_repeated_splits_in_linear_time(unit: str) -> None:
    assert cost_ratio(split_sentences, unit) < BOUND
