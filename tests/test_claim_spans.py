"""claim_spans: a claims file cut into spans of whole groups regroups exactly as one process groups
it; and --ray without Ray installed is a clear error. No model, no Ray needed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from verify.claim_spans import plan_spans, span_items
from verify.claims_io import read_claims
from verify.pipeline import claim_groups
from verify.ray_runtime import INSTALL_HINT, RayMissing, RayOptions, import_ray
from verify.resume import ResumeError
from verify.schema import Claim, ClaimError


def claims_file(tmp_path: Path) -> Path:
    """Claims with every kind of bad line among them, blank lines and a bare carriage return."""
    rows: list[bytes] = []
    for n in range(23):
        rows.append(json.dumps({"id": f"c{n}", "claim": f"Claim number {n} happened."}).encode())
        if n % 5 == 1:
            rows.append(b"{not json")
        if n % 7 == 2:
            rows.append(b"")
        if n == 9:
            rows += [b'{"id": "no-claim"}', b"\xff\xfe not utf-8", b"[1, 2]", b"plain text\rwith a carriage return"]
    rows += [b"{bad}", b"{worse}", b"{worst}"]  # errors after the last claim
    path = tmp_path / "claims.jsonl"
    path.write_bytes(b"\n".join(rows))  # no newline after the last line
    return path


def keyed(item: Claim | ClaimError) -> tuple[str, str | None, int | None, str]:
    if isinstance(item, ClaimError):
        return ("error", item.id, item.line, item.error)
    return ("claim", item.id, None, item.claim)


@pytest.mark.parametrize("batch_size", [1, 3, 4, 64])
def test_spans_regroup_as_one_process_groups(tmp_path: Path, batch_size: int) -> None:
    path = claims_file(tmp_path)
    with open(path, "rb") as lines:
        expected = [[keyed(i) for i in group] for group in claim_groups(read_claims(lines), batch_size)]
    data = path.read_bytes()
    spans = plan_spans(path, batch_size)
    regrouped = []
    for span in spans:
        items = list(span_items(data[span.start : span.end], span.first_line))
        regrouped += [[keyed(i) for i in group] for group in claim_groups(items, batch_size)]
    assert regrouped == expected
    assert [s.start for s in spans] == sorted(s.start for s in spans)  # in file order, no overlap
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    for s in spans:
        assert sum(isinstance(i, Claim) for i in span_items(data[s.start : s.end], s.first_line)) <= batch_size


def test_a_carriage_return_does_not_split_a_line(tmp_path: Path) -> None:
    path = claims_file(tmp_path)
    (span,) = plan_spans(path, 64)
    items = list(span_items(path.read_bytes()[span.start : span.end], span.first_line))
    assert any(isinstance(i, Claim) and i.claim == "plain text\rwith a carriage return" for i in items)
    assert any(isinstance(i, ClaimError) and "is not UTF-8" in i.error for i in items)
    with open(path, "rb") as lines:
        assert [keyed(i) for i in items] == [keyed(i) for i in read_claims(lines)]


def test_a_resumed_plan_starts_after_the_kept_records(tmp_path: Path) -> None:
    path = claims_file(tmp_path)
    with open(path, "rb") as lines:
        items = list(read_claims(lines))
    kept = items[:5]
    done = [(i.id, i.line, None) if isinstance(i, ClaimError) else (i.id, None, "supported") for i in kept]
    spans = plan_spans(path, 4, done)
    data = path.read_bytes()
    rest = [keyed(i) for s in spans for i in span_items(data[s.start : s.end], s.first_line)]
    assert rest == [keyed(i) for i in items[5:]]
    with pytest.raises(ResumeError, match="does not match"):
        plan_spans(path, 4, [("someone-else", None, "supported")])


def test_ray_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now fails as if not installed
    with pytest.raises(RayMissing, match="pip install 'newsroom-verify\\[ray\\]'"):
        import_ray()
    assert "newsroom-verify[ray]" in INSTALL_HINT


def test_ray_options() -> None:
    assert RayOptions(workers=3).worker_count == 3
    assert RayOptions(address="auto").worker_count == 2
    assert RayOptions().actor_options == {"max_restarts": 0} and RayOptions(address="auto").actor_options == {}
    with pytest.raises(ValueError, match="at least one worker"):
        RayOptions(workers=0)
