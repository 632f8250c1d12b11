"""The labelled news sets are well formed: every claim labelled and tagged, its evidence verbatim in
its own article (benchmarks/check_claims.py), so a figure measured on them measures the checker."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from check_claims import problems  # noqa: E402

SETS = [
    ("news_dev.jsonl", "news"),
    ("news_dev2.jsonl", "news"),
    ("news_test.jsonl", "news"),
    ("news_dev3.jsonl", "news3"),
    ("news_test2.jsonl", "news4"),
    ("news_dev4.jsonl", "news5"),
    ("news_dev5.jsonl", "news6"),
    ("news_dev6.jsonl", "news7"),
    ("news_dev7.jsonl", "news8"),
    ("news_dev8.jsonl", "news9"),
    ("news_dev9.jsonl", "news10"),
    ("news_dev10.jsonl", "news11"),
    ("news_dev11.jsonl", "news12"),
    ("news_dev12.jsonl", "news13"),
    ("news_dev13.jsonl", "news14"),
    ("news_dev14.jsonl", "news15"),
    ("news_dev15.jsonl", "news16"),
    ("news_dev16.jsonl", "news17"),
    ("news_dev17.jsonl", "news18"),
    ("news_dev18.jsonl", "news19"),
    ("news_dev19.jsonl", "news20"),
]


@pytest.mark.parametrize(("claims", "articles"), SETS)
def test_a_labelled_set_is_well_formed(claims: str, articles: str) -> None:
    assert problems(REPO / "claims" / claims, REPO / "claims" / articles) == []


def test_a_claim_whose_evidence_is_not_in_its_article_is_reported(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("The council voted 6-3 on Monday.", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "a", "claim": "The vote was 6-3.", "label": "supported", "source": "story", '
        '"tags": ["score"], "evidence": "voted 7-2"}\n',
        encoding="utf-8",
    )
    assert [p.split(": ", 1)[1] for p in problems(bad, tmp_path)] == [
        "evidence is not a verbatim substring of story.txt"
    ]
