"""Shared fixtures: real models loaded once per session, every test in its own working folder."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from verify.embed import SentenceTransformerEmbedder
from verify.nli import BundledNLI
from verify.sources import read_sources
from verify.store import IndexStore

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
DATA = Path(__file__).resolve().parent / "data"
SEED_ID = "tass-telegram-fsb-2018-08-28"

# The quick lane (`make test-fast`, pytest -m "not slow") runs what needs no model. A test is slow
# when it uses a real model (these fixtures), or its module runs the CLI, the server, a browser or
# training end to end; the guard below fails a test that loads torch without being marked slow.
MODEL_FIXTURES = {"embedder", "nli", "seed_index_dir", "seed_store"}
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
    for var in ("VERIFY_INDEX", "VERIFY_EMBED_MODEL", "VERIFY_MODEL"):
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
