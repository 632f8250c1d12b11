"""Fuzzing (issue 11, item 6): the claims reader, the source readers, the manifest loader and the
HTTP request models take any input and answer with a value or their own error, never a traceback.

VERIFY_FUZZ_EXAMPLES sets the inputs generated per target (default 100; raise it for a deeper run).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from fake_embedder import HashEmbedder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from verify.chunk import make_passages
from verify.claims_io import parse_line
from verify.http_limits import _too_deep, validation_errors
from verify.schema import Claim, ClaimError
from verify.server import SourceIn, VerifyRequest
from verify.sources import SourceError, make_source, read_file
from verify.store import IndexStore, IndexStoreError

EXAMPLES = int(os.environ.get("VERIFY_FUZZ_EXAMPLES", "100"))
fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
claim_objects = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "claim": st.text(max_size=50) | json_values,
        "label": json_values,
        "desk": json_values,
        "evidence": json_values,
    },
)
noise = st.sampled_from(["", "[", "{", "]", "}", '"', "\\", "\x00", "\ufeff", "\u202e", "\r", " "])


@fuzz
@given(st.one_of(st.binary(max_size=300), json_values.map(lambda v: json.dumps(v).encode())))
def test_claims_reader_any_line(raw: bytes) -> None:
    item = parse_line(raw, 1)
    assert item is None or isinstance(item, (Claim, ClaimError))
    if isinstance(item, Claim):
        assert item.claim.strip() and len(item.claim) <= 2000
    if item is not None:
        item.model_dump_json()  # every record can be written


@fuzz
@given(claim_objects, noise, st.integers(min_value=0, max_value=60))
def test_claims_reader_json_objects(row: dict, junk: str, depth: int) -> None:
    line = ("[" * depth + json.dumps(row) + "]" * depth + junk).encode("utf-8", "surrogatepass")
    item = parse_line(line, 7)
    assert item is None or isinstance(item, (Claim, ClaimError))
    if item is not None:
        item.model_dump_json()


@fuzz
@given(
    st.sampled_from([".txt", ".md", ".html", ".jsonl"]),
    st.one_of(
        st.text(max_size=400),
        st.lists(
            st.sampled_from(["<p>", "</p>", "<x", "<!", "<![x", "<?", "&#", "![", "](", "**", "# ", "\n", "a. B"])
        ).map("".join),
        st.lists(json_values.map(json.dumps), max_size=4).map("\n".join),
        st.lists(claim_objects.map(lambda o: json.dumps({"text": "Body.", **o})), max_size=3).map("\n".join),
    ),
)
def test_source_readers_any_file(suffix: str, content: str) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / f"doc{suffix}"
        path.write_bytes(content.encode("utf-8", "surrogatepass"))
        try:
            sources = read_file(path)
        except SourceError:
            return
        for source in sources:
            for p in make_passages(source.text, source.id):
                assert source.text[p.start : p.end] == p.text
    finally:
        shutil.rmtree(folder)


_BASE = None


def _valid_manifest(directory: Path) -> dict:
    global _BASE
    if _BASE is None:
        seed = Path(tempfile.mkdtemp()) / "idx"
        IndexStore(seed, HashEmbedder()).add([make_source("The council met.", {"id": "a"}, "a", None)])
        _BASE = seed
    shutil.copytree(_BASE, directory)
    return json.loads((directory / "manifest.json").read_text())


@pytest.mark.slow  # builds a real index once: its source's facts are parsed by spaCy
@fuzz
@given(
    st.one_of(
        json_values.map(lambda v: ("replace", v)),
        st.tuples(
            st.sampled_from(
                ["format_version", "generation", "embedding_model", "dimension", "chunking", "passages", "sources"]
            ),
            json_values | st.sampled_from(["gen-000001", "gen-000002", "../gen-000001", "/etc", "gen-1"]),
        ),
        st.binary(max_size=200).map(lambda b: ("bytes", b)),
    )
)
def test_manifest_loader_any_manifest(change: tuple) -> None:
    directory = Path(tempfile.mkdtemp()) / "idx"
    try:
        manifest = _valid_manifest(directory)
        kind, value = change
        if kind == "bytes":
            (directory / "manifest.json").write_bytes(value)
        else:
            data = value if kind == "replace" else {**manifest, kind: value}
            (directory / "manifest.json").write_text(json.dumps(data))
        try:
            store = IndexStore(directory, HashEmbedder())
            store.list_sources()
            store.bm25_search("council", 3)
        except IndexStoreError:
            pass
    finally:
        shutil.rmtree(directory.parent)


@fuzz
@given(
    st.one_of(
        json_values,
        st.fixed_dictionaries(
            {}, optional={"claim": json_values, "claims": st.lists(claim_objects, max_size=3), "top_k": json_values}
        ),
    )
)
def test_verify_request_model_any_body(body: object) -> None:
    try:
        request = VerifyRequest.model_validate(body)
    except ValidationError as exc:
        json.dumps(validation_errors(list(exc.errors())))  # the 422 body is always serialisable
        return
    for claim in request.as_claims():
        assert claim.claim.strip()


@fuzz
@given(
    st.fixed_dictionaries(
        {"text": st.text(max_size=200) | json_values},
        optional={k: json_values | st.text(max_size=30) for k in ("id", "title", "url", "published", "dateline")},
    )
)
def test_source_request_model_any_body(body: dict) -> None:
    try:
        source = SourceIn.model_validate(body)
    except ValidationError as exc:
        json.dumps(validation_errors(list(exc.errors())))
        return
    with contextlib.suppress(SourceError):
        make_source(source.text, source.model_dump(exclude={"text"}, exclude_none=True), "api-x", "api")


@fuzz
@given(st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode()))
def test_body_depth_check_any_body(body: bytes) -> None:
    assert _too_deep(body, 32) in (True, False)


@pytest.fixture(autouse=True, scope="module")
def _cleanup():  # noqa: ANN202
    yield
    if _BASE is not None:
        shutil.rmtree(_BASE.parent, ignore_errors=True)
