"""Shared fixtures: real models loaded once per session, every test in its own working folder."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from verify.embed import SentenceTransformerEmbedder
from verify.nli import BundledNLI
from verify.sources import read_sources
from verify.store import IndexStore
from verify.store_api import SourceStore, is_engine_url, open_store

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
DATA = Path(__file__).resolve().parent / "data"
SEED_ID = "tass-telegram-fsb-2018-08-28"

# The quick lane (`make test-fast`, pytest -m "not slow") runs what needs no model. A test is slow
# when it uses a real model (these fixtures), or its module runs the CLI, the server, a browser or
# training end to end; the guard below fails a test that loads torch without being marked slow.
MODEL_FIXTURES = {"embedder", "nli", "seed_index_dir", "seed_store", "seeded_location", "any_seed_store"}
SLOW_MODULES = {"test_cli", "test_server", "test_train", "test_startup", "test_html_render", "test_embed", "test_nli"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.module.__name__ if isinstance(item, pytest.Function) and item.module else ""
        if module in SLOW_MODULES or MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def quick_tests_load_no_model(request: pytest.FixtureRequest) -> Iterator[None]:
    before = "torch" in sys.modules
    yield
    if not before and "torch" in sys.modules and request.node.get_closest_marker("slow") is None:
        pytest.fail("this test loaded torch: mark it @pytest.mark.slow (or use a fake model)")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in a temp folder so index/default is private; seeds come from the repo."""
    monkeypatch.chdir(tmp_path)
    for var in ("VERIFY_INDEX", "VERIFY_EMBED_MODEL", "VERIFY_MODEL", "VERIFY_PREMISE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("VERIFY_SEEDS", str(SEEDS))
    return tmp_path


@pytest.fixture(scope="session")
def embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def nli() -> BundledNLI:
    return BundledNLI()


@pytest.fixture(scope="session")
def seed_index_dir(tmp_path_factory: pytest.TempPathFactory, embedder: SentenceTransformerEmbedder) -> Path:
    """An index of the seed article, built once; copy it before writing to it."""
    directory = tmp_path_factory.mktemp("seed-index") / "idx"
    IndexStore(directory, embedder).add(read_sources(SEEDS))
    return directory


@pytest.fixture
def seed_store(seed_index_dir: Path, tmp_path: Path, embedder: SentenceTransformerEmbedder) -> IndexStore:
    """A private, writable copy of the seed index."""
    target = tmp_path / "seed-index"
    shutil.copytree(seed_index_dir, target)
    return IndexStore(target, embedder)


# ---- the same tests on every store backend (verify.store_api) ------------------------------------
# "folder" is the default FAISS + SQLite store; "milvus-lite" the Milvus backend, embedded. The
# engine params carry the `scale` mark: `make test` leaves them out, `make test-scale` installs the
# extra and runs them; without the extra they skip and say why.

_HAS_MILVUS = importlib.util.find_spec("pymilvus") is not None and importlib.util.find_spec("milvus_lite") is not None
needs_milvus = pytest.mark.skipif(
    not _HAS_MILVUS, reason="the Milvus backend needs the milvus extra: pip install -e '.[milvus]' (make test-scale)"
)
BACKENDS = ["folder", pytest.param("milvus-lite", marks=[pytest.mark.scale, needs_milvus])]


def release(location: str | Path) -> None:
    """Close an engine-backed index this process opened (Milvus Lite holds its file until then)."""
    if is_engine_url(location):
        from verify.milvus_schema import disconnect, parse_url

        disconnect(parse_url(str(location)))


def engine_location(backend: str, folder: Path) -> str | Path:
    return folder / "idx" if backend == "folder" else f"milvus-lite:{folder / 'idx.db'}"


@pytest.fixture(scope="session")
def seed_locations(tmp_path_factory: pytest.TempPathFactory, seed_index_dir: Path) -> dict[str, Path]:
    """Per backend, a folder holding an index of the seed article built once; copy before writing."""
    return {"folder": seed_index_dir.parent}


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def seeded_location(
    backend: str,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    seed_locations: dict[str, Path],
    embedder: SentenceTransformerEmbedder,
) -> Iterator[str | Path]:
    """A private, writable copy of the seed index on this backend: its folder, or its URL."""
    if backend not in seed_locations:  # built once per session, then closed so its files can be copied
        built = tmp_path_factory.mktemp(f"seed-{backend}")
        location = engine_location(backend, built)
        open_store(location, embedder).add(read_sources(SEEDS))
        release(location)
        seed_locations[backend] = built
    target = tmp_path / "seeded"
    shutil.copytree(seed_locations[backend], target)
    location = engine_location(backend, target)
    yield location
    release(location)


@pytest.fixture
def any_seed_store(seeded_location: str | Path, embedder: SentenceTransformerEmbedder) -> SourceStore:
    """The seed index on each backend, open."""
    return open_store(seeded_location, embedder)
