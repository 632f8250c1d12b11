from __future__ import annotations

from verify.claims_io import read_claims
from verify.schema import Claim, ClaimError


def parse(text: bytes) -> list[Claim | ClaimError]:
    return list(read_claims(text.splitlines(keepends=True)))


def test_jsonl_plain_text_and_blank_lines() -> None:
    items = parse(b'{"id": "a", "claim": "One."}\n\nPlain claim two.\n{"claim": "Three.", "desk": "x"}\n')
    assert [(i.id, i.claim) for i in items] == [("a", "One."), ("3", "Plain claim two."), ("4", "Three.")]
    assert items[2].extra == {"desk": "x"}


def test_each_bad_line_is_an_error_and_the_rest_survive() -> None:
    items = parse(
        b'{"id": "ok1", "claim": "Fine."}\n'
        b'{"id": "bad", "claim": "unterminated\n'
        b'{"id": "nofield", "text": "wrong key"}\n'
        b'{"id": "empty", "claim": "   "}\n'
        b'["not", "an", "object"]\n'
        b"caf\xe9 latte\n"
        b'{"id": 7, "claim": "Numeric id."}\n'
    )
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Claim", "ClaimError", "ClaimError", "ClaimError", "ClaimError", "ClaimError", "Claim"]
    errors = [i for i in items if isinstance(i, ClaimError)]
    assert [e.line for e in errors] == [2, 3, 4, 5, 6]
    assert errors[0].error == "line 2: invalid JSON (Unterminated string at column 24)"
    assert "'claim'" in errors[1].error and errors[1].id == "nofield"
    assert "UTF-8" in errors[4].error
    assert items[-1].id == "7"


def test_huge_claim_is_rejected_not_truncated() -> None:
    [item] = parse(b'{"id": "big", "claim": "' + b"a" * 1_000_000 + b'"}\n')
    assert isinstance(item, ClaimError) and "1,000,000 characters" in item.error and item.id == "big"


def test_utf8_bom_and_crlf() -> None:
    [item] = parse(b'\xef\xbb\xbf{"claim": "With BOM."}\r\n')
    assert isinstance(item, Claim) and item.claim == "With BOM."


def test_empty_input() -> None:
    assert parse(b"") == [] and parse(b"\n\n") == []


def test_deeply_nested_json_is_an_error_for_that_line_only() -> None:
    deep = b'{"id": "deep", "claim": "x", "meta": ' + b"[" * 1000 + b"]" * 1000 + b"}\n"
    after = b'{"id": "b", "claim": "After."}\n'
    items = parse(b'{"id": "a", "claim": "Before."}\n' + deep + b"[" * 5000 + b"\n" + after)
    assert [type(i).__name__ for i in items] == ["Claim", "ClaimError", "ClaimError", "Claim"]
    assert "nested deeper" in items[1].error and items[1].line == 2 and items[2].line == 3
