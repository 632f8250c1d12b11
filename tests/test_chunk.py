from __future__ import annotations

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.chunk import make_passages, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Senate voted on Jan. 5 to pass it. It then adjourned.",
            ["The U.S. Senate voted on Jan. 5 to pass it.", "It then adjourned."],
        ),
        ("Officials in the U.S. The talks ended.", ["Officials in the U.S.", "The talks ended."]),
        ("Mr. J. R. Smith met Dr. Jones. They spoke.", ["Mr. J. R. Smith met Dr. Jones.", "They spoke."]),
        ('He said: "We will not comply." Then he left.', ['He said: "We will not comply."', "Then he left."]),
        (
            '"We do not consider any requests," he wrote. Durov left.',
            ['"We do not consider any requests," he wrote.', "Durov left."],
        ),
        ("It cost $3.5 million. Was it worth it? Yes!", ["It cost $3.5 million.", "Was it worth it?", "Yes!"]),
        ("See item No. 5 for details. It is short.", ["See item No. 5 for details.", "It is short."]),
        ("They bought Acme Inc. The deal closed.", ["They bought Acme Inc.", "The deal closed."]),
        ("The vote failed... Nobody was surprised.", ["The vote failed...", "Nobody was surprised."]),
        (
            "Headline without a period\nFirst sentence. Second one.",
            ["Headline without a period", "First sentence.", "Second one."],
        ),
        (
            "MOSCOW, August 28. /TASS/. The service will not comply, Durov said. He wrote it.",
            ["MOSCOW, August 28. /TASS/. The service will not comply, Durov said.", "He wrote it."],
        ),
        (
            "WASHINGTON, Jan. 5 (Reuters) - The bill passed. It goes to the House.",
            ["WASHINGTON, Jan. 5 (Reuters) - The bill passed.", "It goes to the House."],
        ),
        ("lowercase after a period. is not a new sentence", ["lowercase after a period. is not a new sentence"]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_seed_article_sentences_keep_dateline_and_dates() -> None:
    text = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    found = sentences(text)
    assert found[2].startswith("MOSCOW, August 28. /TASS/. The Telegram messaging service")
    assert (
        "On May 11, Telegram’s lawyers filed an appeal against the ban with the Moscow City Court, which was "
        "rejected on June 14." in found
    )
    assert len(found) == 17


def test_passages_overlap_by_one_sentence() -> None:
    text = "One is here. Two is here. Three is here. Four is here."
    got = [p.text for p in make_passages(text, "s", sentences=2, overlap=1)]
    assert got == ["One is here. Two is here.", "Two is here. Three is here.", "Three is here. Four is here."]


def test_passages_respect_max_chars_and_split_long_sentences() -> None:
    text = "Short one. " + " ".join(["word"] * 100) + ". Tail sentence."
    passages = make_passages(text, "s", sentences=2, overlap=1, max_chars=120)
    assert all(len(p.text) <= 120 for p in passages)
    covered = "".join(text[p.start : p.end] for p in passages)
    assert "Tail sentence." in covered and "Short one." in covered


@pytest.mark.parametrize(("sentences_", "overlap", "max_chars"), [(0, 0, 100), (2, 2, 100), (2, 1, 5)])
def test_bad_chunking_parameters(sentences_: int, overlap: int, max_chars: int) -> None:
    with pytest.raises(ValueError):
        make_passages("Some text.", "s", sentences_, overlap, max_chars)


WORDS = st.sampled_from(
    [
        "Telegram",
        "U.S.",
        "Jan.",
        "5",
        "said",
        "the",
        "court",
        '"quote"',
        "Mr.",
        "ruled.",
        "Why?",
        "No!",
        "3.5",
        "(FSB)",
        "appeal...",
        "J.",
        "MOSCOW,",
        "“Hi.”",
        "'s",
        "\n",
        "\n\n",
        "  ",
        "é",
        "—",
    ]
)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(WORDS, max_size=80), size=st.integers(1, 4), max_chars=st.integers(20, 300))
def test_passage_offsets_are_exact(words: list[str], size: int, max_chars: int) -> None:
    text = " ".join(words)
    passages = make_passages(text, "src", sentences=size, overlap=size - 1, max_chars=max_chars)
    for p in passages:
        assert text[p.start : p.end] == p.text
        assert p.text == p.text.strip() and p.text
        assert len(p.text) <= max_chars or " " not in p.text.strip()
    # No words are lost: every non-space character lies in some passage.
    covered = set()
    for p in passages:
        covered.update(range(p.start, p.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_sentence_spans_are_ordered_and_trimmed(text: str) -> None:
    spans = split_sentences(text)
    for (_, e1), (s2, _) in zip(spans, spans[1:]):
        assert e1 <= s2
    for s, e in spans:
        assert text[s:e].strip() == text[s:e] and e > s
